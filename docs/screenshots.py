"""Render the main screens with the demo school into docs/screenshots/ (README gallery).

    xvfb-run -a -s '-screen 0 1366x768x24' .venv/bin/python docs/screenshots.py

Builds a fresh demo school in a temporary folder, so the pictures show only fictional people and
stay true to the current code.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from thuiszit_desktop import demo  # noqa: E402
from thuiszit_desktop.domain.errors import Conflict  # noqa: E402
from thuiszit_desktop.domain.school import Regio, School, Schooltype  # noqa: E402
from thuiszit_desktop.services import session  # noqa: E402
from thuiszit_desktop.services.backups import backups_van  # noqa: E402
from thuiszit_desktop.ui.beheer.audit_view import AuditDialog  # noqa: E402
from thuiszit_desktop.ui.beheer.backup_dialog import BackupDialog  # noqa: E402
from thuiszit_desktop.ui.beheer.bewaren_dialog import BewaarDialog  # noqa: E402
from thuiszit_desktop.ui.beheer.gebruikers_dialog import GebruikersDialog  # noqa: E402
from thuiszit_desktop.ui.beheer.instellingen_dialog import InstellingenDialog  # noqa: E402
from thuiszit_desktop.ui.beheer.opslag_tab import OverzettenDialog  # noqa: E402
from thuiszit_desktop.ui.common import theme  # noqa: E402
from thuiszit_desktop.ui.common.conflict import ConflictDialog  # noqa: E402
from thuiszit_desktop.ui.importeren.import_wizard import ImportWizard  # noqa: E402
from thuiszit_desktop.ui.importeren.verzuim_import_wizard import VerzuimImportWizard  # noqa: E402
from thuiszit_desktop.ui.leerlingen.leerling_dialog import LeerlingDialog  # noqa: E402
from thuiszit_desktop.ui.leerlingen.leerling_kiezer import LeerlingKiezer  # noqa: E402
from thuiszit_desktop.ui.shell import eigen_wachtwoord  # noqa: E402
from thuiszit_desktop.ui.shell.first_run import FirstRunWizard  # noqa: E402
from thuiszit_desktop.ui.shell.help_dialog import SneltoetsenDialog  # noqa: E402
from thuiszit_desktop.ui.shell.herstel_dialog import KiesBackupDialog  # noqa: E402
from thuiszit_desktop.ui.shell.login import LoginDialog  # noqa: E402
from thuiszit_desktop.ui.shell.main_window import MainWindow  # noqa: E402
from thuiszit_desktop.ui.shell.startup import create_application  # noqa: E402
from thuiszit_desktop.ui.shell.verbinding_dialog import VerbindingDialog  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SIZE = (1366, 768)


def settle(app: QApplication, ms: int = 150) -> None:
    # A local loop: QApplication.quit() would close every window (Qt 6).
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def save(widget: QWidget, name: str, app: QApplication) -> None:
    settle(app)
    widget.grab().save(str(OUT / f"{name}.png"))
    print(f"docs/screenshots/{name}.png")


def wacht(signal, ms: int = 10_000) -> None:
    """Until `signal` fires (a background job is done), at most `ms`."""
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wacht_op_signalen(window: MainWindow, ms: int = 60_000) -> None:
    """Until Vandaag shows the computed signals, not "Signalen worden berekend…".

    The window starts the computation only after its first paint, so `signalen_loader.wait()` right after
    `show()` could return before the job had begun: wait for the result itself (or the failure message)."""
    loader = window.signalen_loader
    klaar = QTimer()
    klaar.setInterval(20)
    loop = QEventLoop()
    klaar.timeout.connect(lambda: loop.quit() if not loader.busy else None)
    QTimer.singleShot(ms, loop.quit)
    klaar.start()
    if loader.busy:
        loop.exec()
    klaar.stop()
    settle(QApplication.instance())  # the dashboard fills its list on the same signal


def exports(services, map_: Path) -> tuple[Path, Path]:
    """A register and absences shaped like Magister and Somtoday exports, of demo-school students."""
    rijen = [services.leerlingen.get(r.leerlingnummer) for r in services.leerlingen.lijst()[:12]]
    register = map_ / "Leerlingen 2026-2027.csv"
    regels = ["Stamnr;Achternaam;Tussenv.;Roepnaam;Voornamen;Geb.datum;Geslacht;Stamgroep;Studie;Mentor;Datum in"]
    regels += [f"{ll.leerlingnummer:0>8};{ll.achternaam};{ll.tussenvoegsel};{ll.voornaam};{ll.voornaam} Maria;"
               f"{ll.geboortedatum:%d-%m-%Y};;{ll.klas};;{ll.mentor};{ll.inschrijfdatum:%d-%m-%Y}" for ll in rijen]
    register.write_text("\r\n".join(regels), encoding="utf-8-sig")
    absenties = map_ / "Absentiemeldingen.csv"
    regels = ["Leerlingnummer;Achternaam;Begindatum;Begintijd;Einddatum;Eindtijd;Absentiereden;Geoorloofd;Opmerking"]
    regels += [f"{ll.leerlingnummer};{ll.achternaam};02-11-2026;{b};{e};{t};{r};{g};"
               for ll, (b, e, t, r, g) in zip(rijen, [("10:30", "02-11-2026", "12:10", "Huisarts", "Ja"),
                                                      ("", "04-11-2026", "", "Ziek", "Ja"),
                                                      ("12:40", "02-11-2026", "16:15", "Spijbelen", "Nee")] * 4,
                                              strict=False)]
    absenties.write_text("\r\n".join(regels), encoding="utf-8-sig")
    return register, absenties


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    app = create_application(["screenshots"])
    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.IniFormat)
        path = session.database_path(Path(tmp) / "data")

        wizard = FirstRunWizard(session.database_path(Path(tmp) / "nieuw"), settings=settings)
        wizard.show()
        save(wizard, "welkom", app)
        wizard.close()

        services = demo.create_demo_school(path, "demo")
        services.close()
        login = LoginDialog(path, settings=settings, school="Het Wilgenlanden College")
        login.show()
        save(login, "inloggen", app)
        login.close()

        # The shared school database (issue 18): the connection dialog and the login on a remembered server,
        # filled in as a mentor would (the screenshots have no server: nothing is tried).
        wizard = FirstRunWizard(session.database_path(Path(tmp) / "nieuw"), settings=settings)
        wizard.welcome_page.gedeeld.setChecked(True)
        wizard.show()
        save(wizard, "welkom-schooldatabase", app)
        wizard.close()
        ca = Path(tmp) / "school-ca.crt"
        server = {"host": "db.wilgenlanden.nl", "poort": "5432", "database": "thuiszit", "naam": "Bram Visser",
                  "sslmode": "verify-full", "sslrootcert": str(ca), "school": "Het Wilgenlanden College"}
        verbinding = VerbindingDialog(velden=server)
        verbinding.show()
        save(verbinding, "verbinding", app)
        verbinding.close()
        login = LoginDialog(None, settings=settings, school=server["school"], server=server)
        login.show()
        save(login, "inloggen-schooldatabase", app)
        login.close()

        services = session.login(path, "demo", "demo")
        window = MainWindow(services, settings=settings)
        window.resize(*SIZE)
        window.show()
        wacht_op_signalen(window)
        save(window, "vandaag", app)
        window.dashboard.verberg_check.setChecked(True)  # what is gemeld, in a traject or besproken: hidden
        save(window, "vandaag-afgehandeld-verborgen", app)
        window.dashboard.verberg_check.setChecked(False)

        kiezer = LeerlingKiezer(services, "Contactmoment: welke leerling?", window)  # Ctrl+N
        kiezer.show()
        kiezer.zoek.setText("omer")
        save(kiezer, "leerling-kiezer", app)
        kiezer.close()

        window.show_area("Leerlingen")
        save(window, "leerlingen", app)

        # A student with signals: the first thuiszitter of the demo school.
        overzicht = services.signalen.overzicht()
        nummer = next(s.leerlingnummer for s in overzicht.signalen if s.soort.value == "thuiszitter_3mnd")
        window.open_leerling(nummer)
        save(window, "leerling-verzuim", app)
        window.leerlingen.page.tabs.setCurrentIndex(1)
        save(window, "leerling-gegevens", app)

        window.show_area("Trajecten")
        save(window, "trajecten", app)

        # Overzichten: the quarterly overview for the SWV, the trends of the school year, "werkt het?" and
        # the lijstbespreking (each computed in the background).
        window.show_area("Overzichten")
        for tab, naam in ((window.overzichten.kwartaal, "overzichten-kwartaal"),
                          (window.overzichten.trends, "overzichten-trends"),
                          (window.overzichten.werkt_het, "overzichten-werkt-het"),
                          (window.overzichten.lijstbespreking, "overzichten-lijstbespreking")):
            window.overzichten.setCurrentWidget(tab)
            window.overzichten.wait()
            settle(app, 300)
            save(window, naam, app)

        # A student whose traject is in step 3 or 4: the praktijkkaart and the timeline.
        traject = next((r for r in services.trajecten.lijst() if int(r.stap) in (3, 4)), None)
        if traject is not None:
            window.open_leerling(traject.leerlingnummer, "Traject")
            save(window, "leerling-traject", app)
            window.leerlingen.page.show_tab("Tijdlijn")
            save(window, "leerling-tijdlijn", app)

        dialog = LeerlingDialog(services, services.leerlingen.get(nummer), window)
        dialog.show()
        save(dialog, "leerling-bewerken", app)
        dialog.close()

        # On the shared school database: someone else saved the same gesprek first (services/versies.py).
        conflict = ConflictDialog(Conflict(
            "dit gesprek",
            {"type": "gesprek_ouders", "samenvatting": "Moeder belde: Omer slaapt slecht en wil maandag alleen het "
             "eerste uur komen. Afgesproken: mentor haalt hem op bij de ingang.", "deelnemers": "moeder, mentor"},
            {"type": "telefonisch", "samenvatting": "Moeder gebeld: Omer komt maandag het eerste uur.",
             "deelnemers": "moeder, mentor"},
            wie="Bram Visser", wanneer=datetime(2026, 11, 23, 10, 14)), window)
        conflict.show()
        save(conflict, "conflict", app)
        conflict.close()
        eigen = eigen_wachtwoord.dialoog("Bram Visser", lambda _nieuw, _herhaling: None)  # after a one-time password
        eigen.show()
        save(eigen, "eigen-wachtwoord", app)
        eigen.close()

        window.show_area("Schoolkalender")
        save(window, "schoolkalender", app)

        instellingen = InstellingenDialog(services, window)
        instellingen.show()
        save(instellingen, "instellingen", app)
        instellingen.tabs.setCurrentWidget(instellingen.lesuur_tab)
        save(instellingen, "instellingen-lesuurtijden", app)
        instellingen.tabs.setCurrentWidget(instellingen.opslag_tab)
        save(instellingen, "instellingen-opslag", app)
        overzetten = OverzettenDialog(services, instellingen, velden={**server, "host": "", "database": "",
                                                                      "sslrootcert": ""})
        overzetten.show()
        save(overzetten, "overzetten-naar-schooldatabase", app)
        overzetten.close()
        instellingen.close()

        # The import wizards' column page with exports as they come from Magister and Somtoday.
        register, absenties = exports(services, Path(tmp))
        for wizard_klasse, bestand, naam in ((ImportWizard, register, "import-kolommen"),
                                             (VerzuimImportWizard, absenties, "verzuim-import-kolommen")):
            wizard = wizard_klasse(services, window)
            wizard.show()
            wizard.kies_pagina.set_pad(bestand)
            wizard.next()
            wacht(wizard.kolommen_pagina.klaar)
            save(wizard, naam, app)
            wizard.reject()

        # Beheer: users, the audit trail, backups, retention, the shortcuts – and the locked screen.
        for dialoog, naam in ((GebruikersDialog, "gebruikers"), (AuditDialog, "auditlog"),
                              (BackupDialog, "backups"), (BewaarDialog, "bewaartermijnen")):
            d = dialoog(services, window)
            d.show()
            settle(app, 600)  # previews and checks load in the background
            save(d, naam, app)
            d.close()
        # The way out at the start when the database does not open: this school's backups, matched by its id.
        services.backups.maken()
        kies = KiesBackupDialog(backups_van(path, [services.backups.map()]), window)
        kies.show()
        save(kies, "herstel", app)
        kies.close()
        sneltoetsen = SneltoetsenDialog(window)
        sneltoetsen.show()
        save(sneltoetsen, "sneltoetsen", app)
        sneltoetsen.close()
        window.show_area("Vandaag")
        window.move(0, 0)  # no window manager under Xvfb: the screen grab below starts at its corner
        window.vergrendeling.vergrendel()
        settle(app, 300)
        # The lock screen is a window of its own over the emptied main window: grab the whole screen.
        app.primaryScreen().grabWindow(0, 0, 0, *SIZE).save(str(OUT / "vergrendeld.png"))
        window.vergrendeling.ontgrendel()

        # The same day in dark mode.
        theme.apply_theme(app, Qt.ColorScheme.Dark)
        save(window, "vandaag-donker", app)
        theme.apply_theme(app, Qt.ColorScheme.Light)
        window.close()
        services.close()

        # What a mentor sees: only the students of their own klassen.
        services = session.login(path, "mentor", "demo")
        window = MainWindow(services, settings=settings)
        window.resize(*SIZE)
        window.show()
        wacht_op_signalen(window)
        window.show_area("Leerlingen")
        save(window, "mentor-leerlingen", app)
        window.close()
        services.close()

        # What alleen-lezen sees: only the anonymous overview, never the database.
        from thuiszit_desktop.ui.shell.lezer_window import LezerWindow

        lezer = LezerWindow(session.aanmelden(path, "lezer", "demo"))
        lezer.resize(*SIZE)
        lezer.show()
        save(lezer, "alleen-lezen", app)
        lezer.close()

        # A new school on day one: the "Aan de slag" checklist and the empty states.
        services = session.create_school(
            session.database_path(Path(tmp) / "leeg"),
            School("Het Nieuwe Lyceum", "12AB", Regio.MIDDEN, Schooltype.VO), "Sanne Jansen", "kl4ver-bl4d",
            "kl4ver-bl4d")
        window = MainWindow(services, settings=settings)
        window.resize(*SIZE)
        window.show()
        wacht_op_signalen(window)
        save(window, "aan-de-slag", app)
        window.close()
        services.close()
    return 0


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb" if os.environ.get("DISPLAY") else "offscreen")
    sys.exit(main())
