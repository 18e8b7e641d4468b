"""Where a PDF or an export may be written – output never destroys input. One function per rule, used by every
command that writes a file (the CLI) and every "Opslaan als…" (the GUI):

- `check_extensie`: the file's extension says what it is (.pdf, .xlsx, .csv), so nobody saves a PDF as
  `thuiszit.sleutels`;
- `check_niet_beschermd`: never inside the data folder (the database, its key file, the log) or the backup
  folder – symlinks resolved, and case-insensitive where the file system is (Windows, macOS);
- `check_niet_bestaand`: an existing file only with `overschrijven` (the GUI's save dialog asks first);
- `schrijf`: under a temporary name in the target folder, then renamed: a full disk or a kill never leaves a
  half file, and never truncates the one that was there;
- `csv_rij` and `neutraliseer_werkmap`: no text cell of an export is run as a formula (domain/spreadsheet.py).
`uitvoerpad` applies the first three in that order.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ..db import faults, files
from ..domain.errors import InvoerFout
from ..domain.spreadsheet import lijkt_formule, neutraliseer

_HOOFDLETTERONGEVOELIG = sys.platform in ("win32", "darwin")  # the usual file systems there ignore case


def check_extensie(pad: Path, extensies: Iterable[str]) -> Path:
    extensies = tuple(extensies)
    if pad.suffix.lower() not in extensies:
        namen = [f"{e} (Excel)" if e == ".xlsx" else e for e in extensies]
        opgesomd = namen[0] if len(namen) == 1 else ", ".join(namen[:-1]) + " of " + namen[-1]
        raise InvoerFout(f"Laat de bestandsnaam {pad.name} eindigen op {opgesomd}: daaraan ziet iedereen wat voor "
                         "bestand het is.")
    return pad


def _vergelijkbaar(pad: Path) -> str:
    tekst = str(Path(pad).expanduser().resolve())
    return tekst.casefold() if _HOOFDLETTERONGEVOELIG else tekst


def binnen(pad: Path, map: Path) -> bool:
    """`pad` is `map` or lies inside it, after resolving symlinks (of both) and, where the file system
    ignores case, ignoring case."""
    p, m = _vergelijkbaar(pad), _vergelijkbaar(map)
    return p == m or p.startswith(m.rstrip(os.sep) + os.sep)


def check_niet_beschermd(pad: Path, beschermd: Iterable[Path]) -> Path:
    for map in beschermd:
        if binnen(pad, map):
            raise InvoerFout(f"{pad.name} komt dan in {map}, de map met de database of de back-ups. Daar schrijft het "
                             "programma geen bestanden in, zodat niets daarvan per ongeluk wordt overschreven. Kies een "
                             "andere map, bijvoorbeeld Documenten.")
    return pad


def check_niet_bestaand(pad: Path, overschrijven: bool) -> Path:
    if pad.is_dir():
        raise InvoerFout(f"{pad} is een map. Geef een bestandsnaam, bijvoorbeeld {pad / 'overzicht.pdf'}.")
    if not pad.parent.is_dir():
        raise InvoerFout(f"De map {pad.parent} bestaat niet. Kies een bestaande map.")
    if pad.exists() and not overschrijven:
        raise InvoerFout(f"Het bestand {pad} bestaat al. Kies een andere naam, of vervang het met --overschrijven.")
    return pad


def uitvoerpad(pad: str | Path, *, extensies: Iterable[str], beschermd: Iterable[Path],
               overschrijven: bool = False) -> Path:
    """`pad` when a file may be written there; InvoerFout with a Dutch reason otherwise."""
    pad = Path(pad).expanduser()
    check_extensie(pad, extensies)
    check_niet_beschermd(pad, beschermd)
    return check_niet_bestaand(pad, overschrijven)


def beschermde_mappen(services) -> list[Path]:
    """The data folder of the open database and its backup folder (a `Services` bundle); none for the shared
    school database, which has no folder on this computer."""
    if getattr(getattr(getattr(services, "ctx", None), "store", None), "op_server", False):
        return []
    mappen = [services.database_path.parent]
    with contextlib.suppress(Exception):  # a closed session: the data folder is still known
        mappen.append(services.backups.map())
    return mappen


def schrijf(pad: Path, data: bytes) -> Path:
    """Write `data` to `pad` atomically (a temporary file beside it, then renamed). InvoerFout with a Dutch
    sentence when the folder is full, read-only or missing."""
    pad = Path(pad)
    try:
        fd, naam = tempfile.mkstemp(dir=pad.parent, prefix=f".{pad.stem[:40]}-", suffix=".tmp")
    except OSError as exc:
        raise InvoerFout(_schrijffout(pad, exc)) from None
    tijdelijk = Path(naam)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        files.replace(tijdelijk, pad)
    except OSError as exc:
        tijdelijk.unlink(missing_ok=True)
        raise InvoerFout(_schrijffout(pad, exc)) from None
    except BaseException:
        tijdelijk.unlink(missing_ok=True)
        raise
    return pad


def _schrijffout(pad: Path, exc: OSError) -> str:
    if faults.is_full(exc):
        return f"{pad.name} kon niet worden opgeslagen: de schijf is vol. Maak ruimte vrij of kies een andere schijf."
    if faults.is_readonly(exc):
        return f"In {pad.parent} mag het programma niet schrijven. Kies een andere map, bijvoorbeeld Documenten."
    if isinstance(exc, FileNotFoundError):
        return f"De map {pad.parent} bestaat niet. Kies een bestaande map."
    return (f"{pad.name} kon niet worden opgeslagen ({exc.strerror or exc}). Kies een andere map of naam, of sluit het "
            "bestand als het nog open staat in een ander programma.")


def csv_rij(cellen: Iterable[object]) -> list[object]:
    """A CSV row whose text cells a spreadsheet will not run as formulas."""
    return [neutraliseer(c) if isinstance(c, str) else c for c in cellen]


def neutraliseer_werkmap(werkmap) -> None:
    """Every text cell of an openpyxl workbook that would be a formula becomes plain text with Excel's quote
    prefix (shown without the apostrophe, and it stays text when edited). The program writes no formulas, so
    every formula cell came from someone's text."""
    for blad in werkmap.worksheets:
        for rij in blad.iter_rows():
            for cel in rij:
                if isinstance(cel.value, str) and (cel.data_type == "f" or lijkt_formule(cel.value)):
                    cel.data_type = "s"
                    cel.quotePrefix = True
