"""Instellingen › Opslag (issue 18), on the real test cluster: which store the school works with, moving the file's
database to an empty school database and back (each all or nothing, in the background), and choosing another
school database – each ending the session with what was remembered for the next login. Fictional people only."""

from __future__ import annotations

from datetime import date
from urllib.parse import unquote, urlsplit

import pytest
from PySide6.QtCore import QSettings

from tests import pgcluster
from tests.conftest import WACHTWOORD
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.services import session
from thuiszit_desktop.ui.beheer import opslag_tab
from thuiszit_desktop.ui.beheer.instellingen_dialog import InstellingenDialog
from thuiszit_desktop.ui.beheer.opslag_tab import OpslagTab, OverzettenDialog, TerugDialog
from thuiszit_desktop.ui.common import errors
from thuiszit_desktop.ui.shell import onthouden
from thuiszit_desktop.ui.shell.verbinding_dialog import VerbindingDialog

VANDAAG = date(2026, 11, 23)


def leerling(nummer: str) -> Leerling:
    return Leerling(leerlingnummer=nummer, voornaam="Lotte", tussenvoegsel="de", achternaam="Boer",
                    geboortedatum=date(2011, 9, 1), inschrijfdatum=date(2023, 8, 1), klas="3C")


@pytest.fixture
def getoond(monkeypatch):
    teksten = []
    monkeypatch.setattr(errors, "show_info", lambda parent, text, **kw: teksten.append(text))
    return teksten


def script_exec(monkeypatch, cls, stap):
    def fake_exec(self):
        stap(self)
        return self.result()
    monkeypatch.setattr(cls, "exec", fake_exec)


def tab(qtbot, services, settings: QSettings) -> OpslagTab:
    widget = OpslagTab(services, settings)
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def lege_database(pg_cluster):
    """An empty database the ICT made ready, and its owner: (database, owner, owner's password)."""
    pgcluster.logins_weg(pg_cluster, ["anna de vries"])
    naam, eigenaar, wachtwoord = pg_cluster.nieuwe_database()
    yield naam, eigenaar, wachtwoord
    pgcluster.database_weg(pg_cluster, naam, eigenaar)


def test_the_file_moves_to_an_empty_school_database_and_the_next_login_is_there(
        qtbot, services, db_path, settings, pg_cluster, lege_database, getoond, monkeypatch):
    services.leerlingen.opslaan(leerling("7001"), VANDAAG)
    database, eigenaar, eigenaar_ww = lege_database
    widget = tab(qtbot, services, settings)
    assert "Eén laptop" in widget.huidig.text() and str(db_path) in widget.huidig.text()
    assert not widget.naar_server.isHidden() and widget.terug.isHidden()
    gewisseld = []
    widget.gewisseld.connect(gewisseld.append)

    def overzetten(dialog: OverzettenDialog) -> None:
        assert dialog.naam.text() == "Anna de Vries" and dialog.naam.isReadOnly()
        dialog.host.setText(pg_cluster.host)
        dialog.poort.setValue(pg_cluster.poort)
        dialog.database.setText(database)
        dialog.zonder_tls.setChecked(True)
        dialog.save()  # nothing filled in for the owner: named, nothing tried
        assert "eigenaar" in dialog.error_text("eigenaar") and not dialog.loader.busy
        dialog.eigenaar.setText(eigenaar)
        dialog.eigenaar_ww.setText(eigenaar_ww)
        dialog.wachtwoord.setText(WACHTWOORD)
        dialog.testen()
        qtbot.waitUntil(lambda: not dialog.loader.busy, timeout=20_000)
        assert "is leeg en klaar om over te zetten" in dialog.uitkomst.text()
        dialog.wachtwoord.setText("niet-mijn-wachtwoord-1")  # the own password is checked again
        dialog.save()
        qtbot.waitUntil(lambda: not dialog.loader.busy, timeout=20_000)
        assert "verkeerd wachtwoord" in dialog.uitkomst.text() and dialog.result() == 0
        dialog.wachtwoord.setText(WACHTWOORD)
        dialog.save()
        assert not dialog.voortgang.isHidden()  # it runs: a busy bar
        qtbot.waitUntil(lambda: not dialog.loader.busy, timeout=60_000)
    script_exec(monkeypatch, OverzettenDialog, overzetten)
    widget.overzetten_naar_server()

    assert gewisseld and "1 leerlingen" in getoond[0] and "nieuw wachtwoord" in getoond[0]
    assert f"database {database}" in getoond[0]
    velden = onthouden.laatste_server(settings)
    assert (velden["database"], velden["naam"], velden["school"]) == (database, "Anna de Vries", "Het Baken")
    services.close()
    dsn = f"postgresql://x@{pg_cluster.host}:{pg_cluster.poort}/{database}?sslmode=disable"
    op_server = session.login_server(dsn, "Anna de Vries", WACHTWOORD)
    try:
        assert [le.leerlingnummer for le in op_server.leerlingen.lijst()] == ["7001"]
    finally:
        op_server.close()


def test_a_database_that_is_not_empty_is_refused_before_anything_moves(qtbot, services, settings, pg_cluster,
                                                                       server_school, monkeypatch):
    database = unquote(urlsplit(server_school[0]).path[1:])
    eigenaar = unquote(urlsplit(server_school[1]).username)
    dialog = OverzettenDialog(services, velden={"host": pg_cluster.host, "poort": str(pg_cluster.poort),
                                                "database": database, "sslmode": "disable"})
    qtbot.addWidget(dialog)
    dialog.eigenaar.setText(eigenaar)
    dialog.eigenaar_ww.setText(server_school[2])
    dialog.wachtwoord.setText(WACHTWOORD)
    dialog.testen()
    qtbot.waitUntil(lambda: not dialog.loader.busy, timeout=20_000)
    assert "staat al een schooldatabase" in dialog.uitkomst.text()


def test_the_school_database_goes_back_to_one_laptop(qtbot, settings, pg_cluster, server_school, tmp_path, getoond,
                                                      monkeypatch):
    s = session.login_server(server_school[0], "Anna de Vries", WACHTWOORD)
    s.leerlingen.opslaan(leerling("7002"), VANDAAG)
    onthouden.onthoud_server(settings, {"host": pg_cluster.host, "poort": pg_cluster.poort, "database": "x"})
    widget = tab(qtbot, s, settings)
    assert "Gedeelde schooldatabase" in widget.huidig.text() and "anna de vries" in widget.huidig.text()
    assert widget.naar_server.isHidden() and not widget.terug.isHidden()
    map_ = tmp_path / "terug"
    monkeypatch.setattr(opslag_tab.bestanden, "map_kiezen", lambda *a, **kw: map_)

    def terug(dialog: TerugDialog) -> None:
        dialog.save()
        assert "eigenaar" in dialog.error_text("eigenaar") and "map" in dialog.error_text("map").lower()
        dialog.eigenaar.setText(unquote(urlsplit(server_school[1]).username))
        dialog.eigenaar_ww.setText(server_school[2])
        dialog.wachtwoord.setText(WACHTWOORD)
        dialog.kies_map()
        dialog.save()
        qtbot.waitUntil(lambda: not dialog.loader.busy, timeout=60_000)
    script_exec(monkeypatch, TerugDialog, terug)
    try:
        widget.terug_naar_bestand()
        assert "1 leerlingen" in getoond[0] and "nieuw wachtwoord" in getoond[0]
        assert [le.leerlingnummer for le in s.leerlingen.lijst()] == ["7002"]  # this session still reads the server
    finally:
        s.close()
    assert onthouden.laatste_server(settings) is None
    pad = session.database_path(map_)
    assert settings.value(onthouden.SETTING_LAST_DATABASE) == str(pad)
    bestand = session.login(pad, "Anna de Vries", WACHTWOORD)
    try:
        assert [le.leerlingnummer for le in bestand.leerlingen.lijst()] == ["7002"]
    finally:
        bestand.close()


def test_another_school_database_is_tested_then_remembered(qtbot, services, settings, pg_cluster, server_school,
                                                            getoond, monkeypatch):
    database = unquote(urlsplit(server_school[0]).path[1:])

    def kiezen(dialog: VerbindingDialog) -> None:
        assert dialog.save_button.text() == "Deze schooldatabase kiezen"
        dialog.host.setText(pg_cluster.host)
        dialog.poort.setValue(pg_cluster.poort)
        dialog.database.setText(database)
        dialog.zonder_tls.setChecked(True)
        dialog.wachtwoord.setText(WACHTWOORD)
        dialog.save()
        qtbot.waitUntil(lambda: not dialog.loader.busy, timeout=20_000)
    script_exec(monkeypatch, VerbindingDialog, kiezen)
    widget = tab(qtbot, services, settings)
    widget.andere_kiezen()
    assert "Het Baken" in getoond[0]
    assert onthouden.laatste_server(settings)["database"] == database


def test_instellingen_on_the_server_has_opslag_and_no_file_backups(qtbot, settings, server_school):
    s = session.login_server(server_school[0], "Anna de Vries", WACHTWOORD)
    try:
        dialog = InstellingenDialog(s, settings=settings)
        qtbot.addWidget(dialog)
        titels = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
        assert "Opslag" in titels and "Back-ups" not in titels
        dialog.opslag_tab.gewisseld.emit("klaar")
        assert dialog.opslag_gewisseld and dialog.result() == 0
    finally:
        s.close()


def test_a_switch_asks_first_when_other_tabs_have_changes(qtbot, services, settings, monkeypatch):
    dialog = InstellingenDialog(services, settings=settings)
    qtbot.addWidget(dialog)
    dialog.niveau2.setValue(dialog.niveau2.value() + 1)  # a change on another tab, not saved
    gevraagd = []
    monkeypatch.setattr(errors, "ask", lambda *a, **kw: gevraagd.append(a) or False)  # "Verder bewerken"
    monkeypatch.setattr(VerbindingDialog, "exec", lambda self: pytest.fail("no switch without asking"))
    dialog.opslag_tab.andere_kiezen()
    assert gevraagd and not dialog.opslag_gewisseld
