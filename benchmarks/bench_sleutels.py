"""The keys of issue 12: unlocking at login, and rotating the keys when a user is revoked.

    .venv/bin/python benchmarks/bench_sleutels.py [--snel]

1. `ontgrendelen`: KeyRing.open of a zorgcoördinator's slot with the real scrypt cost (scrypt, AES-GCM of the
   slot's private key, X25519 + AES-GCM of the keys it holds). Floor: that one scrypt call alone – the cost
   chosen on purpose to make guessing expensive. Issue: under 0.3 s.
2. `sleutelwissel_2000`: disabling a user in a school of 2,000 fictional students with five school years of
   verzuim and 2,000 confidential gesprekken: copy, re-encrypt the envelopes, PRAGMA rekey, VACUUM, new key
   file, crash-safe swap, reopen. Floor, on the same file in the same run: SQLite's backup-API copy plus one
   PRAGMA rekey – the least any key rotation of this file must do. Issue: under 10 s.
Each measure alternates app and floor runs and reports medians, as {"meting", "app_s", "vloer_s",
"verhouding", "doel"} (`metingen`, read by benchmarks/verhoudingen.py); `doel` is the ratio to stay under.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

HIER = Path(__file__).resolve().parent
sys.path.insert(0, str(HIER.parent))
sys.path.insert(0, str(HIER))

from bench_verzuim import (  # noqa: E402
    WACHTWOORD,
    bulk_verzuim,
    maak_school,
    schooljaren,
    verzuim_regels,
    voeg_leerlingen_toe,
)

from thuiszit_desktop.db import backup, keys, vertrouwelijk  # noqa: E402
from thuiszit_desktop.db import models as m  # noqa: E402
from thuiszit_desktop.db.keys import KeyRing, sqlcipher_passphrase  # noqa: E402

LEZER, LEZER_WW = "Lies Lezer", "Lezer-wachtw00rd"


def _mediaan(fn, keer: int) -> float:
    tijden = []
    for _ in range(keer):
        begin = time.perf_counter()
        fn()
        tijden.append(time.perf_counter() - begin)
    return statistics.median(tijden)


def _uitkomst(meting: str, app: float, vloer: float, doel: float) -> dict:
    return {"meting": meting, "app_s": round(app, 4), "vloer_s": round(vloer, 4),
            "verhouding": round(app / vloer, 2), "doel": doel}


def ontgrendelen(keer: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        ring = KeyRing.empty(Path(tmp) / "thuiszit.sleutels")
        ring.set_user("Anna de Vries", WACHTWOORD, keys.Sleutels.nieuw())
        ring.save()
        ring = KeyRing.load(ring.path)
        salt = bytes(16)
        app, vloer = [], []
        for _ in range(keer):  # alternating, so a busy moment hits both alike
            app.append(_mediaan(lambda: ring.open("Anna de Vries", WACHTWOORD), 1))
            vloer.append(_mediaan(lambda: hashlib.scrypt(WACHTWOORD.encode(), salt=salt, n=keys.SCRYPT_N,
                                                         r=keys.SCRYPT_R, p=keys.SCRYPT_P,
                                                         maxmem=256 * 1024 * 1024, dklen=32), 1))
    return _uitkomst("ontgrendelen", statistics.median(app), statistics.median(vloer), 1.5)


def _school(pad: Path, aantal: int, jaren: int):
    services = maak_school(pad)
    ids = voeg_leerlingen_toe(aantal)
    rijen = sum(bulk_verzuim(ids, verzuim_regels(sorted(ids), dagen, seed=k))
                for k, dagen in enumerate(schooljaren(services, jaren)))
    sleutel = services.ctx.store.sleutels.vertrouwelijk
    with m.database.atomic():  # one confidential gesprek per student, encrypted as the service stores it
        m.database.cursor().executemany(
            "INSERT INTO gesprek (leerling_id, type, datum, deelnemers, samenvatting, vertrouwelijk, aangemaakt) "
            "VALUES (?, 'gesprek_ouders', '2026-03-02', ?, ?, 1, '2026-03-02 10:00:00')",
            [(lid, vertrouwelijk.versleutel(sleutel, "Moeder, jeugdarts", "gesprek.deelnemers"),
              vertrouwelijk.versleutel(sleutel, "Een fictieve vertrouwelijke notitie " * 8, "gesprek.samenvatting"))
             for lid in ids.values()])
    services.gebruikers.toevoegen(LEZER, "alleen-lezen", [], LEZER_WW, LEZER_WW)
    services.ctx.store.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return services, rijen


def _vloer(store, tmp: Path) -> None:
    """Backup-API copy of the database plus one PRAGMA rekey of the copy."""
    kopie = tmp / "vloer.db"
    kopie.unlink(missing_ok=True)
    bron = backup.connect(store.path, store.key)
    doel = backup.connect(kopie, store.key)
    try:
        bron.backup(doel)
        doel.execute(f'PRAGMA rekey = "{sqlcipher_passphrase(keys.new_database_key())}"')
    finally:
        doel.close()
        bron.close()


def sleutelwissel(keer: int, aantal: int = 2_000, jaren: int = 5) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        services, rijen = _school(Path(tmp) / "data" / "thuiszit.db", aantal, jaren)
        store = services.ctx.store
        print(f"# {aantal} leerlingen, {rijen:,} verzuimrijen, database {store.path.stat().st_size / 1e6:.1f} MB",
              file=sys.stderr)
        app, vloer = [], []
        try:
            for _ in range(keer):
                stappen = []
                begin = time.perf_counter()
                services.gebruikers.uitschakelen(LEZER, voortgang=lambda i, n, s=stappen: s.append(i))
                app.append(time.perf_counter() - begin)
                assert stappen, "no progress reported"
                services.gebruikers.inschakelen(LEZER, LEZER_WW, LEZER_WW)  # for the next run
                vloer.append(_mediaan(lambda: _vloer(store, Path(tmp)), 1))
        finally:
            services.close()
    return _uitkomst("sleutelwissel_2000", statistics.median(app), statistics.median(vloer), 4.0)


def metingen(snel: bool) -> list[dict]:
    return [ontgrendelen(3 if snel else 9), sleutelwissel(1 if snel else 3)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--snel", action="store_true", help="fewer repetitions")
    args = parser.parse_args()
    for uitkomst in metingen(args.snel):
        print(json.dumps(uitkomst), flush=True)
        print(f"# {uitkomst['meting']}: app {uitkomst['app_s']:.3f} s, vloer {uitkomst['vloer_s']:.3f} s, "
              f"verhouding {uitkomst['verhouding']}× (doel < {uitkomst['doel']}×)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
