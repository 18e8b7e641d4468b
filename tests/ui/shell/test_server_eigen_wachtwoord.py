"""After `server overzetten` on the real test cluster: a user logs in with the one-time password handed over and
chooses their own before any window opens; the alleen-lezen user gets the overview of counts. Fictional people
(the demo school) only."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QLabel, QTableWidget, QWizard

from tests import pgcluster
from tests.ui.shell.test_server_start import log_in, script_exec
from tests.ui.shell.test_verbinding import velden
from thuiszit_desktop import demo, paths
from thuiszit_desktop.domain.errors import InlogFout
from thuiszit_desktop.domain.gebruiker import naam_sleutel
from thuiszit_desktop.services import schoolserver, session
from thuiszit_desktop.services.lezersoverzicht import Lezersessie
from thuiszit_desktop.ui.beheer.gebruikers_dialog import NieuwWachtwoordDialog
from thuiszit_desktop.ui.shell import eigen_wachtwoord, onthouden
from thuiszit_desktop.ui.shell.first_run import FirstRunOutcome, FirstRunWizard
from thuiszit_desktop.ui.shell.lezer_window import LezerWindow
from thuiszit_desktop.ui.shell.login import LoginDialog
from thuiszit_desktop.ui.shell.main_window import MainWindow
from thuiszit_desktop.ui.shell.startup import StartupFlow
from thuiszit_desktop.ui.shell.verbinding_dialog import VerbindingDialog

EIGEN = "Zelf-gekozen-2026!"


@pytest.fixture
def overgezet(pg_cluster, tmp_path, settings):
    """The demo school moved onto an empty database of the cluster: the one-time passwords of the mentor and
    the alleen-lezen user; the server remembered as the last one used."""
    data = tmp_path / "demo"
    demo.create_demo_school(session.database_path(data), "demo", aantal=12, vandaag=date(2026, 11, 23)).close()
    naam, eigenaar, wachtwoord = pg_cluster.nieuwe_database()
    logins = [naam_sleutel(n) for n in (demo.DEMO_GEBRUIKER, demo.DEMO_MENTOR, demo.DEMO_LEZER)]
    pgcluster.logins_weg(pg_cluster, logins)
    dsn = pg_cluster.dsn(eigenaar, naam)
    gedaan = schoolserver.naar_server(session.database_path(data), demo.DEMO_GEBRUIKER, "demo", dsn, wachtwoord)
    session.login_server(dsn, demo.DEMO_GEBRUIKER, "demo").close()  # a zorgcoördinator's login writes the overview
    onthouden.onthoud_server(settings, velden(pg_cluster, dsn, naam=demo.DEMO_MENTOR))
    yield gedaan.wachtwoorden, dsn
    pgcluster.database_weg(pg_cluster, naam, eigenaar)


def kies(wachtwoord: str | None, gezien: list[str]):
    """The scripted "Eigen wachtwoord kiezen": its texts noted, then the password typed twice (None: Annuleren)."""
    def stap(dialog: NieuwWachtwoordDialog) -> None:
        gezien.append(dialog.windowTitle() + " | " + " ".join(label.text() for label in dialog.findChildren(QLabel)))
        if wachtwoord is None:
            dialog.reject()
        else:
            dialog.wachtwoord.setText(wachtwoord)
            dialog.herhaling.setText(wachtwoord)
            dialog.save()
    return stap


def test_a_one_time_password_asks_for_ones_own_before_the_window_opens(qtbot, settings, overgezet, monkeypatch):
    wachtwoorden, dsn = overgezet
    eenmalig = wachtwoorden[demo.DEMO_MENTOR]
    gezien: list[str] = []
    script_exec(monkeypatch, LoginDialog, [log_in(qtbot, demo.DEMO_MENTOR, eenmalig)])
    script_exec(monkeypatch, NieuwWachtwoordDialog, [kies(None, gezien)])
    assert StartupFlow(paths.data_dir(), settings).run() is None  # Annuleren: logged out, nothing opens
    assert gezien[0].startswith("Eigen wachtwoord kiezen | ") and eigen_wachtwoord.EIGEN_WACHTWOORD in gezien[0]

    zwak: list[str] = []

    def te_zwak(dialog: NieuwWachtwoordDialog) -> None:  # the same rules as everywhere: refused, the dialog stays
        dialog.wachtwoord.setText("kort")
        dialog.herhaling.setText("kort")
        assert not dialog.save()
        zwak.append(dialog.error_text("wachtwoord"))
        kies(EIGEN, gezien)(dialog)
    script_exec(monkeypatch, LoginDialog, [log_in(qtbot, demo.DEMO_MENTOR, eenmalig)])
    script_exec(monkeypatch, NieuwWachtwoordDialog, [te_zwak])
    services = StartupFlow(paths.data_dir(), settings).run()
    assert zwak[0] and "tekens" in zwak[0]
    assert services is not None and not session.eigen_wachtwoord_nodig(services)
    window = MainWindow(services, settings=settings)
    qtbot.addWidget(window)
    try:
        window.show()
        window.show_area("Leerlingen")
        qtbot.waitUntil(lambda: window.leerlingen.list.model.rowCount() > 0, timeout=10_000)
    finally:
        window.close_services()

    # the next start opens directly with their own password; the one-time one no longer works
    script_exec(monkeypatch, LoginDialog, [log_in(qtbot, demo.DEMO_MENTOR, EIGEN)])
    script_exec(monkeypatch, NieuwWachtwoordDialog, [lambda _d: pytest.fail("asked again")])
    services = StartupFlow(paths.data_dir(), settings).run()
    assert services is not None and services.gebruiker.naam == demo.DEMO_MENTOR
    services.close()
    fout: list[str] = []

    def eenmalig_weer(dialog: LoginDialog) -> None:
        log_in(qtbot, demo.DEMO_MENTOR, eenmalig)(dialog)
        fout.append(dialog.error.text())
    script_exec(monkeypatch, LoginDialog, [eenmalig_weer])
    assert StartupFlow(paths.data_dir(), settings).run() is None
    assert fout == ["Onbekende naam of verkeerd wachtwoord. Probeer het opnieuw."]
    with pytest.raises(InlogFout):
        session.login_server(dsn, demo.DEMO_MENTOR, eenmalig)


def test_alleen_lezen_on_the_server_opens_the_overview_of_counts(qtbot, settings, overgezet, monkeypatch):
    script_exec(monkeypatch, LoginDialog, [log_in(qtbot, demo.DEMO_LEZER, overgezet[0][demo.DEMO_LEZER])])
    script_exec(monkeypatch, NieuwWachtwoordDialog, [kies(EIGEN, [])])  # they too had a one-time password
    sessie = StartupFlow(paths.data_dir(), settings).run()
    assert isinstance(sessie, Lezersessie) and not session.eigen_wachtwoord_nodig(sessie)
    window = LezerWindow(sessie)
    qtbot.addWidget(window)
    try:
        window.show()
        assert window.windowTitle().endswith("(alleen-lezen)") and demo.DEMO_SCHOOL.naam in window.windowTitle()
        tabs = [window.tabs.tabText(i) for i in range(window.tabs.count())]
        assert tabs[0] == "Niveaus en signalen" and "Werkt het?" in tabs
        eerste = window.tabs.widget(0).findChild(QTableWidget)
        cellen = [eerste.item(r, c).text() for r in range(eerste.rowCount()) for c in range(eerste.columnCount())]
        assert "Niveau 1" in cellen and any(c.isdigit() and int(c) > 0 for c in cellen)
    finally:
        window.close_services()


def test_the_first_start_on_a_new_laptop_asks_too(qtbot, db_path, settings, overgezet, monkeypatch):
    """A mentor connecting from the welcome wizard ("Gedeelde schooldatabase") with their one-time password."""
    wachtwoorden, dsn = overgezet
    vervolg: list[str] = []

    def verbinden(dialog: VerbindingDialog) -> None:
        dialog.naam.setText(demo.DEMO_MENTOR)
        dialog.wachtwoord.setText(wachtwoorden[demo.DEMO_MENTOR])
        dialog.save()
        qtbot.waitUntil(lambda: not dialog.loader.busy, timeout=20_000)
    script_exec(monkeypatch, VerbindingDialog, [verbinden, verbinden])
    script_exec(monkeypatch, NieuwWachtwoordDialog, [kies(None, vervolg), kies(EIGEN, vervolg)])
    wizard = FirstRunWizard(db_path, settings=settings)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.welcome_page.gedeeld.setChecked(True)
    wizard.button(QWizard.WizardButton.NextButton).click()  # Annuleren in the question: still the wizard
    assert len(vervolg) == 1 and wizard.outcome is FirstRunOutcome.CANCELLED and wizard.isVisible()
    with qtbot.waitSignal(wizard.accepted, timeout=20_000):
        wizard.button(QWizard.WizardButton.NextButton).click()
    try:
        assert wizard.outcome is FirstRunOutcome.SERVER and not session.eigen_wachtwoord_nodig(wizard.services)
    finally:
        wizard.services.close()
    session.login_server(dsn, demo.DEMO_MENTOR, EIGEN).close()
