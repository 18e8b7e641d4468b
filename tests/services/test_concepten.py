import datetime as dt

from tests.conftest import WACHTWOORD
from thuiszit_desktop.db import models as m
from thuiszit_desktop.services import session
from thuiszit_desktop.services.concepten import BEWAARDAGEN


def test_a_draft_is_kept_per_user_and_survives_closing(services, db_path):
    services.concepten.bewaar("gesprek", "1001", {"samenvatting": "Zoë zegt dat ze buikpijn heeft."})
    services.concepten.bewaar("gesprek", "1001", {"samenvatting": "Zoë zegt dat ze buikpijn krijgt."})
    services.close()
    again = session.login(db_path, "Anna de Vries", WACHTWOORD)
    concept = again.concepten.lees("gesprek", "1001")
    assert concept.velden == {"samenvatting": "Zoë zegt dat ze buikpijn krijgt."}
    assert concept.notitie.startswith("Concept van ")
    assert again.concepten.lees("gesprek", "1002") is None
    again.concepten.verwijder("gesprek", "1001")
    assert again.concepten.lees("gesprek", "1001") is None
    again.close()


def test_drafts_are_inside_the_encrypted_file(services, db_path):
    services.concepten.bewaar("mdo", "traject:7", {"verslag": "Vertrouwelijk-verslag-Daniël"})
    services.close()
    for path in db_path.parent.iterdir():
        if path.is_file():
            assert b"Vertrouwelijk-verslag" not in path.read_bytes()


def test_old_drafts_are_forgotten_at_login(services, db_path):
    services.concepten.bewaar("gesprek", "1001", {"samenvatting": "oud"})
    services.concepten.bewaar("gesprek", "1002", {"samenvatting": "nieuw"})
    oud = m.now() - dt.timedelta(days=BEWAARDAGEN + 1)
    m.Concept.update(bijgewerkt=oud).where(m.Concept.sleutel == "1001").execute()
    services.close()
    again = session.login(db_path, "Anna de Vries", WACHTWOORD)
    assert again.concepten.lees("gesprek", "1001") is None
    assert again.concepten.lees("gesprek", "1002").velden == {"samenvatting": "nieuw"}
    again.close()


def test_an_autosave_after_logging_out_is_ignored(services):
    """A dialog's autosave timer may fire after the database closed (logout, end of a test)."""
    services.close()
    services.concepten.bewaar("gesprek", "1001", {"samenvatting": "te laat"})
    services.concepten.verwijder("gesprek", "1001")
