"""Item 1 of issue 12: what the role table keeps from a mentor, a mentor cannot decrypt – also not with the data
folder, their own password and raw `sqlcipher3`."""

from __future__ import annotations

import pytest

from tests.conftest import WACHTWOORD
from tests.security.aanval import (
    GEHEIM,
    GEWOON,
    LEZER,
    LEZER_WW,
    MENTOR,
    MENTOR2,
    MENTOR2_WW,
    MENTOR_WW,
    ZORG,
    key_of,
    plaintext_bytes,
    raw,
    school,
)
from thuiszit_desktop.db import vertrouwelijk
from thuiszit_desktop.db.keys import KeyRing
from thuiszit_desktop.domain.errors import InlogFout
from thuiszit_desktop.services import session
from thuiszit_desktop.services.trajecten import VERTROUWELIJK


@pytest.fixture
def data(db_path):
    s = school(db_path)
    s.close()
    return db_path


def alle_tekst(conn) -> str:
    """Every text value of every table, as raw SQL returns it."""
    uit = []
    for (tabel,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        for rij in conn.execute(f'SELECT * FROM "{tabel}"').fetchall():
            uit += [str(v) for v in rij]
    return "\n".join(uit)


@pytest.mark.parametrize("naam, wachtwoord", [(MENTOR, MENTOR_WW), (MENTOR2, MENTOR2_WW)])
def test_raw_sql_with_a_mentors_own_password_gives_only_ciphertext(data, naam, wachtwoord, tmp_path):
    key = key_of(KeyRing.for_database(data), naam, wachtwoord)  # the attack: own password, own key slot
    conn = raw(data, key)
    try:
        tekst = alle_tekst(conn)
        samenvatting, deelnemers = conn.execute(
            "SELECT samenvatting, deelnemers FROM gesprek WHERE vertrouwelijk = 1").fetchone()
        verslag = conn.execute("SELECT verslag FROM mdo").fetchone()[0]
    finally:
        conn.close()
    assert GEWOON in tekst  # what a mentor may read is there: the key worked
    for woord in GEHEIM.values():
        assert woord not in tekst
    assert all(v.startswith(vertrouwelijk.PREFIX) for v in (samenvatting, deelnemers, verslag))
    # not in a free page or a left-over cell either: every page of the file, decrypted with the mentor's key
    pagina = plaintext_bytes(data, key, tmp_path)
    assert GEWOON.encode() in pagina  # the pages did decrypt
    for woord in GEHEIM.values():
        assert woord.encode() not in pagina


def test_alleen_lezen_has_no_database_key_at_all(data):
    with pytest.raises(InlogFout):
        key_of(KeyRing.for_database(data), LEZER, LEZER_WW)


def test_the_mentors_slot_holds_no_confidential_key(data):
    ring = KeyRing.load(KeyRing.for_database(data))
    mentor, zorg = ring.open(MENTOR, MENTOR_WW), ring.open(ZORG, WACHTWOORD)
    assert mentor.vertrouwelijk is None and mentor.ondertekenen is None
    assert zorg.vertrouwelijk is not None and mentor.database == zorg.database
    # and the project's own decryption with what the mentor holds gets nowhere
    conn = raw(data, mentor.database)
    try:
        envelop = conn.execute("SELECT samenvatting FROM gesprek WHERE vertrouwelijk = 1").fetchone()[0]
    finally:
        conn.close()
    with pytest.raises(Exception):  # noqa: B017 - any failure: there is no key to try
        vertrouwelijk.ontsleutel(mentor.database, envelop, "gesprek.samenvatting")
    assert vertrouwelijk.ontsleutel(zorg.vertrouwelijk, envelop, "gesprek.samenvatting") == GEHEIM["gesprek"]


def test_the_zorgcoordinator_reads_everything_and_the_mentor_sees_vertrouwelijk(data):
    zorg = session.login(data, ZORG, WACHTWOORD)
    try:
        gesprekken = zorg.trajecten.gesprekken("1001")
        traject = zorg.trajecten.trajecten("1001")[0]
        assert GEHEIM["gesprek"] in {g.samenvatting for g in gesprekken}
        assert GEHEIM["afspraak"] in {a.tekst for g in gesprekken for a in g.afspraken}
        mdo = zorg.trajecten.mdos(traject.id)[0]
        assert mdo.verslag == GEHEIM["mdo"] and mdo.besluiten[0].tekst == GEHEIM["besluit"]
        assert GEHEIM["analyse"] in zorg.trajecten.analyse(traject.id).factoren["thuis"].risico
    finally:
        zorg.close()
    mentor = session.login(data, MENTOR, MENTOR_WW)
    try:
        teksten = {g.samenvatting for g in mentor.trajecten.gesprekken("1001")}
        assert teksten == {VERTROUWELIJK, GEWOON}
        traject = mentor.trajecten.trajecten("1001")[0]
        assert mentor.trajecten.checklist(traject.id) is not None  # reads the analysis row without its key
    finally:
        mentor.close()


def test_changing_the_flag_encrypts_or_decrypts_the_text_and_the_afspraken(data):
    zorg = session.login(data, ZORG, WACHTWOORD)
    try:
        g = next(g for g in zorg.trajecten.gesprekken("1001") if g.samenvatting == GEWOON)
        zorg.trajecten.gesprek_bijwerken(g.id, vertrouwelijk=True)
        geheim = next(x for x in zorg.trajecten.gesprekken("1001") if x.samenvatting == GEHEIM["gesprek"])
        zorg.trajecten.gesprek_bijwerken(geheim.id, vertrouwelijk=False)
        key = zorg.ctx.store.key
    finally:
        zorg.close()
    conn = raw(data, key)
    try:
        rijen = dict(conn.execute("SELECT vertrouwelijk, samenvatting FROM gesprek").fetchall())
        afspraak = conn.execute("SELECT tekst FROM afspraak").fetchone()[0]
    finally:
        conn.close()
    assert rijen[1].startswith(vertrouwelijk.PREFIX) and rijen[0] == GEHEIM["gesprek"]
    assert afspraak == GEHEIM["afspraak"]  # no longer confidential: readable again, for the mentor too


def test_a_zorgcoordinators_draft_is_encrypted(data):
    zorg = session.login(data, ZORG, WACHTWOORD)
    try:
        zorg.concepten.bewaar("mdo", "1", {"verslag": GEHEIM["mdo"] + " concept"})
        assert zorg.concepten.lees("mdo", "1").velden["verslag"].endswith("concept")
        key = zorg.ctx.store.key
    finally:
        zorg.close()
    conn = raw(data, key)
    try:
        velden = conn.execute("SELECT velden FROM concept").fetchone()[0]
    finally:
        conn.close()
    assert velden.startswith(vertrouwelijk.PREFIX) and "concept" not in velden
