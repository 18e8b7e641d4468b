"""Benchmark schools of 2,000 and 20,000 students, built once and kept in the temp folder between measures.

    from scholen import school, NAAM, WACHTWOORD
    pad = school(20_000)            # …/thuiszit-bench/20000-1-v1/thuiszit.db (built the first time: ~1 min)

Built like `bench_verzuim.py` builds its big school: fictional students and per-lesuur verzuim with Magister
codes summed per day, straight into the tables (`voeg_leerlingen_toe`, `bulk_verzuim`), for `jaren` school
years up to the current one, whose verzuim runs until yesterday: the app computes its signals on today, so
Vandaag shows what a school sees in the middle of a year (thousands of signals at 20,000 students), not the
handful left once a year's verzuim lies behind it. A school is built under a temporary name and renamed when complete, so an interrupted
build is never used. Only fictional people; the folder is the system's temp folder, never the data folder.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

NAAM = "Anna de Vries"  # the zorgcoördinator bench_verzuim.maak_school creates, with its password
WACHTWOORD = "Bench-mark-2026!"  # (the children of bench_gui.py import this module: it must stay light)
VERSIE = "v3-s16"  # raise when what is built changes (an old cached school is then built again), and the
# schema version after "s": a school one branch migrated is refused by an older program on another branch
MAP = Path(tempfile.gettempdir()) / "thuiszit-bench"


def school(aantal: int, jaren: int = 1) -> Path:
    """The database path of a school of `aantal` students with `jaren` school years of verzuim."""
    klaar = MAP / f"{aantal}-{jaren}-{VERSIE}"
    pad = klaar / "thuiszit.db"
    if pad.exists():
        return pad
    import bench_verzuim as bv  # the app's services: only when a school is built

    assert bv.WACHTWOORD == WACHTWOORD
    bezig = MAP / f"{aantal}-{jaren}-{VERSIE}.bezig"
    shutil.rmtree(bezig, ignore_errors=True)
    services = bv.maak_school(bezig / "thuiszit.db")
    try:
        ids = bv.voeg_leerlingen_toe(aantal)
        for k, dagen in enumerate(_schooljaren(services, jaren)):
            bv.bulk_verzuim(ids, bv.verzuim_regels(sorted(ids), dagen, seed=k))
        services.ctx.store.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        services.close()
    for rest in bezig.glob("*.lock"):
        rest.unlink()
    bezig.rename(klaar)
    return pad


def _schooljaren(services, jaren: int) -> list[list[date]]:
    """The lesdagen of `jaren` school years up to the current one, which ends yesterday."""
    gisteren = date.today() - timedelta(days=1)
    huidig = gisteren.year if gisteren.month >= 8 else gisteren.year - 1  # a school year starts on 1 August
    kalender = services.kalender.calendar()
    return [kalender.lesdagen(date(j, 8, 1), min(date(j + 1, 7, 31), gisteren)) for j in range(huidig - jaren + 1,
                                                                                             huidig + 1)]


def kopie(pad: Path, doel: Path) -> Path:
    """A copy of a cached school (database and key file) for a measure that writes, e.g. closing's backup."""
    doel.mkdir(parents=True, exist_ok=True)
    for bestand in pad.parent.iterdir():
        if bestand.is_file() and not bestand.name.endswith(".lock"):
            shutil.copy2(bestand, doel / bestand.name)
    return doel / pad.name
