"""What an attacker in tests/security/ holds: the data folder, a backup, their own password – and ordinary tools
(raw `sqlcipher3`, the project's own code). Fictional people only."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import sqlcipher3
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from tests.conftest import WACHTWOORD
from thuiszit_desktop.db import backup
from thuiszit_desktop.db.keys import KeyRing, sqlcipher_passphrase
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.domain.traject import Analyse, Domein, Factoren, Verzuimtype
from thuiszit_desktop.services import session

ZORG = "Anna de Vries"
MENTOR, MENTOR_WW = "Mo Mentor", "Mentor-wachtw00rd"
MENTOR2, MENTOR2_WW = "Sam Mentor", "Tweede-mentor-01"
LEZER, LEZER_WW = "Lies Lezer", "Lezer-wachtw00rd"
VANDAAG = date(2026, 11, 23)
# Words that occur only in what is confidential: found anywhere in the file, the attack succeeded.
GEHEIM = {
    "gesprek": "Angststoornis-Zeldzaamwoord",
    "deelnemers": "Psychiater-Kalkoenveer",
    "afspraak": "Medicatie-Papegaaiduiker",
    "mdo": "Verslag-Ijsvogelbek",
    "besluit": "Besluit-Zeekomkommer",
    "analyse": "Thuissituatie-Walrusvel",
}
PAGE, RESERVE = 4096, 80  # SQLCipher 4 defaults: page size, IV (16) + HMAC-SHA512 (64)
GEWOON = "Gewoon-contactmoment-Merel"  # a gesprek that is not confidential: the mentor may read it


def school(db_path: Path):
    """A school with two mentors (klas 2B), an alleen-lezen user and one student with everything confidential there
    is: a vertrouwelijk gesprek with an afspraak, a vertrouwelijk MDO with a besluit, the step-4 analysis."""
    s = session.create_school(db_path, session.School("Het Baken", "12AB", "midden", "vo", 6.0), ZORG,
                              WACHTWOORD, WACHTWOORD)
    s.leerlingen.opslaan(Leerling(leerlingnummer="1001", voornaam="Kim", achternaam="Fictief",
                                  geboortedatum=date(2011, 5, 1), inschrijfdatum=date(2023, 8, 1), klas="2B"), VANDAAG)
    s.gebruikers.toevoegen(MENTOR, "mentor", ["2B"], MENTOR_WW, MENTOR_WW)
    s.gebruikers.toevoegen(MENTOR2, "mentor", ["2B"], MENTOR2_WW, MENTOR2_WW)
    s.gebruikers.toevoegen(LEZER, "alleen-lezen", [], LEZER_WW, LEZER_WW)
    t = s.trajecten.openen("1001", "zorgwekkend_ziekteverzuim", "Veel ziek", geopend=date(2026, 10, 1),
                           vandaag=VANDAAG)
    s.trajecten.gesprek_vastleggen("1001", "gesprek_ouders", date(2026, 10, 5), GEHEIM["gesprek"],
                                   deelnemers=GEHEIM["deelnemers"], afspraken=[GEHEIM["afspraak"]],
                                   vertrouwelijk=True, vandaag=VANDAAG)
    s.trajecten.gesprek_vastleggen("1001", "gesprek_leerling", date(2026, 10, 6), GEWOON, vandaag=VANDAAG)
    s.trajecten.mdo_vastleggen(t.id, date(2026, 10, 20), verslag=GEHEIM["mdo"], vertrouwelijk=True,
                               besluiten=[GEHEIM["besluit"]], vandaag=VANDAAG)
    s.trajecten.analyse_opslaan(t.id, Analyse({Domein.THUIS: Factoren(GEHEIM["analyse"], "")},
                                              Verzuimtype.SCHOOLWEIGERING), vandaag=VANDAAG)
    return s


def key_of(keys_path: Path, naam: str, wachtwoord: str) -> bytes:
    """The database key that this user's password unlocks in this key file (the attacker's first step)."""
    return KeyRing.load(keys_path).unlock(naam, wachtwoord)


def raw(db_path: Path, key: bytes) -> sqlcipher3.Connection:
    return backup.connect(db_path, key)


def opens(db_path: Path, key: bytes) -> bool:
    conn = raw(db_path, key)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except sqlcipher3.DatabaseError:
        return False
    finally:
        conn.close()


def _decrypt_page(key: bytes, page: bytes, first: bool) -> bytes:
    """One SQLCipher 4 page (raw key, default settings): AES-256-CBC, IV in the 80 reserved bytes at its end."""
    body, iv = page[16 if first else 0:-RESERVE], page[-RESERVE:-RESERVE + 16]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(body) + decryptor.finalize()


def plaintext_bytes(db_path: Path, key: bytes, _tmp: Path | None = None) -> bytes:
    """Every page of the file – and of its write-ahead log – decrypted with `key`, free pages and unused space
    included: what an attacker holding the key reads with a hex editor and a few lines of Python."""
    data = db_path.read_bytes()
    pages = [_decrypt_page(key, data[i:i + PAGE], i == 0) for i in range(0, len(data), PAGE)]
    assert pages and b"SQLite format 3" not in data[:16], "not an encrypted database"
    assert b"CREATE TABLE" in b"".join(pages), "the pages did not decrypt: the test proves nothing"
    wal = Path(f"{db_path}-wal")
    if wal.exists():
        log = wal.read_bytes()
        for i in range(32, len(log) - PAGE, 24 + PAGE):  # 32-byte header, frames of a 24-byte header + a page
            pages.append(_decrypt_page(key, log[i + 24:i + 24 + PAGE], False))
    return b"".join(pages)


__all__ = ["sqlcipher_passphrase", "WACHTWOORD"]
