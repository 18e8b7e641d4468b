"""The school database out of reach in the middle of a session (services/concepten.py, db/server.py): a
save fails as a whole with a Dutch message, typed text is kept on this computer encrypted – unreadable to
whoever reads the file without the user's key – and goes back into the database when the server is back,
where the session carries on on a new connection."""

from __future__ import annotations

import datetime as dt
import socket
from contextlib import contextmanager
from dataclasses import replace

import pytest

from tests.conftest import WACHTWOORD
from thuiszit_desktop.domain.errors import VerbindingWeg
from thuiszit_desktop.domain.leerling import Leerling, Ouder
from thuiszit_desktop.services import concepten, session, versies

VANDAAG = dt.date(2026, 11, 23)
TEKST = "Moeder vertelt over de buikpijn van Zoë"


def _gesloten_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again when we return: nothing listens there


@contextmanager
def weg(services, pg_cluster):
    """The server out of reach: this session's connections cut, and every new attempt to a closed port."""
    params = services.ctx.store.db.connect_params
    poort = params["port"]
    params["port"] = _gesloten_poort()
    with pg_cluster.admin() as c:
        c.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'anna de vries'")
    try:
        yield
    finally:
        params["port"] = poort


@pytest.fixture
def anna(server_school, tmp_path):
    s = session.login_server(server_school[0], "Anna de Vries", WACHTWOORD)
    s.concepten.lokale_map = tmp_path / "concepten"
    s.leerlingen.opslaan(Leerling("1001", "Bakker", dt.date(2012, 3, 5), dt.date(2024, 8, 1), voornaam="Zoë",
                                  klas="2B"), VANDAAG)
    yield s
    s.close()


def test_een_concept_blijft_versleuteld_op_deze_computer_en_gaat_terug_naar_de_server(anna, pg_cluster, tmp_path):
    with weg(anna, pg_cluster):
        with pytest.raises(VerbindingWeg, match="niet bereikbaar"):
            anna.gesprekken.gesprek_vastleggen("1001", "gesprek_ouders", VANDAAG, TEKST, vandaag=VANDAAG)
        anna.concepten.bewaar("gesprek", "1001", {"samenvatting": TEKST})  # the autosave while typing
        assert anna.concepten.wachtend() == 1
        assert anna.concepten.lees("gesprek", "1001").velden == {"samenvatting": TEKST}
        # as an attacker with the disk: one file, named after nothing, holding nothing readable
        (bestand,) = (tmp_path / "concepten").iterdir()
        assert "1001" not in bestand.name and "anna" not in bestand.name.lower()
        ruw = bestand.read_bytes()
        for stukje in ("buikpijn", "Moeder", "samenvatting", "gesprek", "1001"):
            assert stukje.encode() not in ruw and stukje.encode("utf-16-le") not in ruw
        # and with another key (another user's, or a guess) it does not open
        assert concepten.LokaleConcepten(bestand, b"\0" * 32).alle() == {}
    # the server is back: the session goes on, and the draft moves into the database
    assert anna.concepten.naar_server() == 1
    assert anna.concepten.wachtend() == 0 and not list((tmp_path / "concepten").iterdir())
    assert anna.concepten.lees("gesprek", "1001").velden == {"samenvatting": TEKST}
    g = anna.gesprekken.gesprek_vastleggen("1001", "gesprek_ouders", VANDAAG, TEKST, vandaag=VANDAAG)
    assert anna.gesprekken.gesprek(g.id).samenvatting == TEKST


def test_een_opslag_schrijft_nooit_half(anna, pg_cluster, monkeypatch):
    """The connection goes after the first UPDATE of a leerling's save (ouders still to be written): the
    server rolled it back; nothing of it is there when the connection is back."""
    zoe = anna.leerlingen.get("1001")
    echt = versies.opslaan

    def en_dan_weg(*args, **kwargs):
        echt(*args, **kwargs)
        with pg_cluster.admin() as c:
            c.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'anna de vries'")

    monkeypatch.setattr(versies, "opslaan", en_dan_weg)
    with pytest.raises(VerbindingWeg):
        anna.leerlingen.opslaan(replace(zoe, klas="3B", ouders=(Ouder("Mila Bakker"),)), VANDAAG)
    monkeypatch.setattr(versies, "opslaan", echt)
    nu = anna.leerlingen.get("1001")
    assert (nu.klas, nu.ouders, nu.rijversie) == ("2B", (), zoe.rijversie)
    assert anna.leerlingen.opslaan(replace(nu, klas="3B"), VANDAAG).klas == "3B"
