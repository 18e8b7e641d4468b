"""A form when the school database goes away mid-session (ui/common/form.py): it says so in Dutch, nothing is
saved, the typed text stays in the form and as an encrypted draft on this computer, and when the connection
is back the form offers to save – which then saves it whole."""

from __future__ import annotations

from datetime import date

from tests.conftest import WACHTWOORD
from tests.services.test_offline import weg
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.services import session
from thuiszit_desktop.ui.common import errors
from thuiszit_desktop.ui.common.wijzigingen import meldpunt
from thuiszit_desktop.ui.traject.gesprek_dialog import GesprekDialog

VANDAAG = date(2026, 11, 23)
TEKST = "Moeder vertelt over de buikpijn"


def test_opslaan_zonder_verbinding_en_daarna(qtbot, server_school, pg_cluster, tmp_path, monkeypatch):
    services = session.login_server(server_school[0], "Anna de Vries", WACHTWOORD)
    try:
        services.concepten.lokale_map = tmp_path / "concepten"
        services.leerlingen.opslaan(Leerling("1001", "Bakker", date(2012, 5, 14), date(2024, 8, 1),
                                             voornaam="Zoë", klas="2B"), VANDAAG)
        d = GesprekDialog(services, "1001", None, None, vandaag=VANDAAG)
        qtbot.addWidget(d)
        d.show()
        getoond, gevraagd = [], []
        monkeypatch.setattr(errors, "show_error", lambda parent, tekst, **kw: getoond.append(tekst))
        monkeypatch.setattr(errors, "ask", lambda parent, vraag, **kw: gevraagd.append(vraag) or True)
        with weg(services, pg_cluster):
            d.samenvatting.setPlainText(TEKST)
            assert not d.save()
            assert "niet bereikbaar" in getoond[0] and "niets opgeslagen, ook niet half" in getoond[0]
            assert d.samenvatting.toPlainText() == TEKST and d.isVisible()
            assert services.concepten.wachtend() == 1  # the draft, encrypted on this computer
            meldpunt().verbinding.emit(False)  # still gone: nothing asked
            assert gevraagd == []
        meldpunt().verbinding.emit(True)  # the listener says it is back
        assert gevraagd == ["De verbinding met de schooldatabase is terug. Wilt u nu opslaan?"]
        assert d.result() == GesprekDialog.DialogCode.Accepted
        assert [g.samenvatting for g in services.gesprekken.gesprekken("1001")] == [TEKST]
        assert services.concepten.wachtend() == 0  # saved: the draft is gone here too
    finally:
        services.close()
