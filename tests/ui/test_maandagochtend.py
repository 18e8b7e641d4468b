"""Monday morning through the real main window (issue 14): import last week's verzuim, see the meldplicht on
Vandaag, register the melding with its defaults and see it gone – also no new one for the verzuim it covers;
open a traject from a thuiszitter signal and see them linked; then a mentor logs in and notes a contactmoment
with Ctrl+N by typing "omer".

The clock is set to Monday 23 November 2026 for the whole app (`date` in its modules), so the test does not
depend on the day it runs. All people are fictional.
"""

from __future__ import annotations

import datetime as _dt
import importlib
import pkgutil
import sys

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog, QWizard

import thuiszit_desktop
from thuiszit_desktop.domain.gebruiker import Rol
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.domain.signalen import SignaalSoort
from thuiszit_desktop.services import session
from thuiszit_desktop.ui.importeren.verzuim_import_wizard import VerzuimImportWizard
from thuiszit_desktop.ui.leerlingen.leerling_kiezer import LeerlingKiezer
from thuiszit_desktop.ui.leerlingen.leerling_page import TAB_TRAJECT, TAB_VERZUIM
from thuiszit_desktop.ui.leerlingen.verzuim_dialogs import MeldingDialog
from thuiszit_desktop.ui.shell.main_window import MainWindow
from thuiszit_desktop.ui.traject.gesprek_dialog import ContactmomentDialog
from thuiszit_desktop.ui.traject.traject_view import TrajectDialog

date = _dt.date
MAANDAG = date(2026, 11, 23)
VRIJDAG = date(2026, 11, 20)
S = SignaalSoort
TIMEOUT = 20_000
MENTOR, MENTOR_WACHTWOORD = "Sanne Visser", "Mentor-2B-2026!"


class _Klok(type):
    """`date` as the app's modules use it, with `today()` on Monday: construction, class attributes and
    isinstance go to the real `datetime.date`, so no other kind of date object enters the app."""

    def __call__(cls, *args, **kwargs):
        return date(*args, **kwargs)

    def __getattr__(cls, naam):
        return getattr(date, naam)

    def __instancecheck__(cls, obj):
        return isinstance(obj, date)


class Maandag(metaclass=_Klok):
    @staticmethod
    def today() -> _dt.date:
        return MAANDAG


@pytest.fixture
def maandag(monkeypatch):
    for module in pkgutil.walk_packages(thuiszit_desktop.__path__, "thuiszit_desktop."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    for naam, module in list(sys.modules.items()):
        if naam.startswith("thuiszit_desktop") and getattr(module, "date", None) is date:
            monkeypatch.setattr(module, "date", Maandag)


def regels(window: MainWindow) -> list[tuple[str, S, str]]:
    return [(r.naam, r.soort, r.status) for r in window.dashboard.regels()]


def wacht_op_signalen(qtbot, window: MainWindow, actie) -> None:
    with qtbot.waitSignal(window.signalen_loader.loaded, timeout=TIMEOUT):
        actie()


def test_monday_morning(qtbot, services, db_path, tmp_path, maandag, monkeypatch):
    # The school: three fictional students and a mentor of 2B.
    for nr, voornaam, tussenvoegsel, achternaam, klas in (("1001", "Ömer", "", "Kılıç", "2B"),
                                                          ("1002", "Zoë", "", "Bakker", "2B"),
                                                          ("1003", "Daniël", "de", "Jong", "3H")):
        services.leerlingen.opslaan(Leerling(nr, achternaam, date(2012, 5, 3), date(2024, 8, 1), voornaam=voornaam,
                                             tussenvoegsel=tussenvoegsel, klas=klas))
    services.gebruikers.toevoegen(MENTOR, Rol.MENTOR, ["2B"], MENTOR_WACHTWOORD, MENTOR_WACHTWOORD)
    # Last week's export: Zoë 4 hours ongeoorloofd every day of the last two weeks (16 hours on Thursday
    # 12-11: the melding was due on 19-11), Daniël the whole day every day since 12 October.
    regels_csv = ["leerlingnummer;datum;uren;reden"]
    for dag in (9, 10, 11, 12, 13, 16, 17, 18, 19, 20):
        regels_csv.append(f"1002;{dag:02d}-11-2026;4;ongeoorloofd")
    cal = services.kalender.calendar()
    regels_csv += [f"1003;{d:%d-%m-%Y};6;ongeoorloofd" for d in cal.lesdagen(date(2026, 10, 12), VRIJDAG)]
    export = tmp_path / "verzuim week 47.csv"
    export.write_text("\n".join(regels_csv) + "\n", encoding="utf-8")

    settings = QSettings(str(tmp_path / "instellingen.ini"), QSettings.Format.IniFormat)
    window = MainWindow(services, settings=settings)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitUntil(lambda: not window.signalen_loader.busy, timeout=TIMEOUT)
    assert window.current_area_title() == "Vandaag"

    # 1. Import the verzuim through the wizard.
    def importeer(wizard: VerzuimImportWizard):
        wizard.show()
        wizard.kies_pagina.set_pad(export)
        with qtbot.waitSignal(wizard.kolommen_pagina.klaar, timeout=TIMEOUT):
            wizard.next()  # the columns: every header of this file is a known one
        assert not wizard.kolommen_pagina.ontbreekt.isVisible()
        with qtbot.waitSignal(wizard.voorbeeld_pagina.klaar, timeout=TIMEOUT):
            wizard.next()
        assert "Na de import: 20-11-2026" in wizard.voorbeeld_pagina.bijgewerkt_label.text()
        with qtbot.waitSignal(wizard.imported, timeout=TIMEOUT):
            wizard.button(QWizard.WizardButton.CommitButton).click()
        wizard.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(VerzuimImportWizard, "exec", importeer)
    wacht_op_signalen(qtbot, window, window.action_import_verzuim.trigger)

    # 2. Vandaag: Zoë's meldplicht, overdue; Daniël a thuiszitter (and his own meldplicht).
    dashboard = window.dashboard
    assert dashboard.peildatum_label.text() == "Signalen op 20-11-2026 · verzuim bijgewerkt t/m 20-11-2026"
    zoe = next(r for r in dashboard.regels() if r.naam == "Zoë Bakker")
    assert (zoe.soort, zoe.termijn, zoe.status) == (S.MELDPLICHT_16U, "te laat – uiterlijk 19-11", "")
    assert ("Daniël de Jong", S.THUISZITTER, "") in regels(window)

    # 3. Open Zoë from Vandaag and register the melding with its defaults: sent today (Monday), about the
    #    verzuim up to Friday – all that is known.
    assert dashboard.select("1002", S.MELDPLICHT_16U)
    dashboard.lijst.setFocus()
    qtbot.keyClick(dashboard.lijst, Qt.Key.Key_Return)
    page = window.leerlingen.page
    assert window.current_area_title() == "Leerlingen" and page.leerling.leerlingnummer == "1002"
    page.show_tab(TAB_VERZUIM)
    kaart = next(k for k in page.verzuim.kaarten if k.signaal.soort is S.MELDPLICHT_16U)

    def met_standaarden(dialog: MeldingDialog):
        assert (dialog.datum.value(), dialog.einddatum.value()) == (MAANDAG, VRIJDAG)
        assert dialog.save()
        return dialog.result()

    monkeypatch.setattr(MeldingDialog, "exec", met_standaarden)
    wacht_op_signalen(qtbot, window, kaart.actie_button.click)
    # Gone at once – on the page and on Vandaag – and no new meldplicht for the 24 hours after Thursday.
    assert page.verzuim.signaal(S.MELDPLICHT_16U) is None
    assert page.verzuim.meldingen_tabel.rowCount() == 1
    assert [(n, s) for n, s, _ in regels(window) if n == "Zoë Bakker"] == []
    assert services.verzuim.meldingen("1002")[0].einddatum == VRIJDAG

    # 4. Back on Vandaag: open a traject from Daniël's thuiszitter signal; the line shows it, linked.
    window.show_area("Vandaag")
    assert dashboard.select("1003", S.THUISZITTER)
    assert dashboard.traject_button.text() == "Traject openen…"

    def traject(dialog: TrajectDialog):
        assert dialog.signaal.soort is S.THUISZITTER
        dialog.aanleiding.setPlainText("Sinds 12 oktober elke dag thuis")
        assert dialog.save()
        return dialog.result()

    monkeypatch.setattr(TrajectDialog, "exec", traject)
    wacht_op_signalen(qtbot, window, dashboard.traject_button.click)
    daniel = next(r for r in dashboard.regels() if r.leerlingnummer == "1003" and r.soort is S.THUISZITTER)
    assert daniel.status == "✓ traject stap 1" and daniel.afhandeling.vanuit_signaal
    assert dashboard.traject_button.text() == "Traject bekijken"
    dashboard.traject_button.click()
    assert page.leerling.leerlingnummer == "1003" and page.tabs.tabText(page.tabs.currentIndex()) == TAB_TRAJECT
    assert page.traject.aanleiding.text().startswith("Vanuit signaal 'Thuiszitter (langdurig relatief verzuim)' van ")
    window.close()
    services.close()

    # 5. A mentor of 2B logs in and notes a contactmoment for Ömer: Ctrl+N, "omer", Enter.
    mentor = session.login(db_path, MENTOR, MENTOR_WACHTWOORD)
    venster = MainWindow(mentor, settings=settings)
    qtbot.addWidget(venster)
    venster.resize(1366, 768)
    venster.show()
    qtbot.waitUntil(lambda: not venster.signalen_loader.busy, timeout=TIMEOUT)
    gezien: list[list[str]] = []

    def kies(dialog: LeerlingKiezer):
        assert [t.split(" (")[0] for t in dialog.getoond()] == ["Zoë Bakker", "Ömer Kılıç"]  # only 2B, by achternaam
        qtbot.keyClicks(dialog.zoek, "omer")
        gezien.append(dialog.getoond())
        qtbot.keyClick(dialog.zoek, Qt.Key.Key_Return)
        return dialog.result()

    def noteer(dialog: ContactmomentDialog):
        assert dialog.leerlingnummer == "1001"
        dialog.samenvatting.setPlainText("Moeder gebeld: Ömer is morgen weer op school.")
        assert dialog.save()
        return dialog.result()

    monkeypatch.setattr(LeerlingKiezer, "exec", kies)
    monkeypatch.setattr(ContactmomentDialog, "exec", noteer)
    venster.activateWindow()
    qtbot.keyClick(venster, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert gezien == [["Ömer Kılıç (2B, 1001)"]]
    [gesprek] = mentor.trajecten.gesprekken("1001")
    assert (gesprek.datum, gesprek.samenvatting, gesprek.door) == (
        MAANDAG, "Moeder gebeld: Ömer is morgen weer op school.", MENTOR)
    venster.close()
    mentor.close()
