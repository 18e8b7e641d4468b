"""On the shared school database the open student list reads again when a colleague changes a student, and
the status bar says when the school database is gone and back (ui/common/wijzigingen.py)."""

from __future__ import annotations

from datetime import date

import psycopg

from tests.conftest import WACHTWOORD
from tests.ui.shell.test_main_window import open_window
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.services import session
from thuiszit_desktop.ui.models.leerlingen_model import COL_NAAM

VANDAAG = date(2026, 11, 23)


def namen(window) -> list[str]:
    model = window.leerlingen.list.table.model()
    return [model.index(r, COL_NAAM).data() for r in range(model.rowCount())]


def test_de_lijst_leest_opnieuw_als_een_collega_een_leerling_wijzigt(qtbot, server_school, settings):
    dsn, eigenaar_dsn, eigenaar_ww = server_school
    services = session.login_server(dsn, "Anna de Vries", WACHTWOORD)
    zoe = services.leerlingen.opslaan(Leerling("1001", "Bakker", date(2012, 5, 3), date(2024, 8, 1),
                                               voornaam="Zoë", klas="2B"), VANDAAG)
    window = open_window(qtbot, services, settings)
    assert window.wijzigingen.actief
    window.show_area("Leerlingen")
    qtbot.waitUntil(lambda: any("Bakker" in (n or "") for n in namen(window)), timeout=20_000)
    with psycopg.connect(eigenaar_dsn, password=eigenaar_ww, autocommit=True) as collega:
        collega.execute('UPDATE "leerling" SET "achternaam" = %s, "rijversie" = "rijversie" + 1 WHERE "id" = %s',
                        ("Bakker-Jansen", zoe.id))
    with qtbot.waitSignal(window.wijzigingen.vernieuwen, timeout=20_000) as melding:
        pass
    assert melding.args[0] == frozenset({"leerling"})
    qtbot.waitUntil(lambda: any("Bakker-Jansen" in (n or "") for n in namen(window)), timeout=20_000)


def test_op_het_bestand_luistert_het_venster_niet(qtbot, services, settings):
    window = open_window(qtbot, services, settings)
    assert not window.wijzigingen.actief and window.verbinding_label.isHidden()


def test_de_statusbalk_zegt_dat_de_verbinding_weg_is_en_terug(qtbot, services, settings):
    window = open_window(qtbot, services, settings)
    window.wijzigingen.verbinding.emit(False)
    assert "Geen verbinding met de schooldatabase" in window.verbinding_label.text()
    assert not window.verbinding_label.isHidden()
    window.wijzigingen.verbinding.emit(True)
    assert window.verbinding_label.isHidden()
    assert "terug" in window.statusBar().currentMessage()


def test_een_reeks_wijzigingen_geeft_een_keer_vernieuwen(qtbot, services):
    from thuiszit_desktop.ui.common.wijzigingen import Wijzigingen

    w = Wijzigingen(services)
    gezien = []
    w.vernieuwen.connect(gezien.append)
    with qtbot.waitSignal(w.vernieuwen, timeout=20_000):
        for tabel in ("gesprek", "afspraak", "actiepunt", "gesprek"):
            w._gehoord.emit(tabel)  # as the listener's thread does
    assert gezien == [frozenset({"gesprek", "afspraak", "actiepunt"})]
    w.stop()
