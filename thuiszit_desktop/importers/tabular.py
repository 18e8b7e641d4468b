"""Any import file as a table: CSV (`;`, `,` or tab; UTF-8 with or without BOM, or Windows-1252) or
.xlsx (first sheet, first row = header), read lazily row by row; plus the shared value parsers.

    with lees_tabel(path) as tabel:
        for rij in tabel:          # TabelRij(regel=7, waarden={"klas": "2A", ...})
            ...

Header names are normalised: case-insensitive, surrounding spaces ignored, inner spaces and hyphens
read as "_" ("Vrijstelling van" → "vrijstelling_van"). `regel` is the line number the user sees in
a text editor or the row number in Excel. Every problem with the file as a whole is an `InvoerFout`
with a Dutch message that says what to do.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import functools
import itertools
import logging
import operator
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..domain.errors import InvoerFout

log = logging.getLogger(__name__)

XLSX_EXTENSIES = (".xlsx", ".xlsm")
SCHEIDINGSTEKENS = (";", "\t", ",")  # in order of preference when counts are equal

_KOP_GROOTTE = 64 * 1024
_BLOK = 1024 * 1024
# An .xlsx is a zip. Its directory says how large each part is unpacked; Python's zipfile never unpacks more
# than that, so checking it first bounds time and memory. A school year of per-lesuur verzuim of 2,000
# students is about 40 MB unpacked and compresses about 10×; a zip bomb is 1,000× or more.
MAX_UITGEPAKT = 512 * 1024 * 1024
MAX_VERHOUDING = 200  # unpacked / packed, for parts larger than 10 MB
MAX_DELEN = 10_000
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls/.doc
_ZELFDE_BESTAND = "Sla het bestand op als CSV (puntkomma of komma gescheiden) of als Excel-werkmap (.xlsx)."


@dataclass(frozen=True, slots=True)
class RijFout:
    """What is wrong with one line of an import file, in Dutch."""

    regel: int
    melding: str

    def __str__(self) -> str:
        return f"regel {self.regel}: {self.melding}"


Record = tuple[int, tuple[str, ...], int]  # line, stripped values of the named columns, overschot


@dataclass(slots=True)
class TabelRij:
    regel: int
    waarden: dict[str, str]  # normalised header → stripped text ("" for an empty cell)
    overschot: int = 0  # filled cells to the right of the last named column


def normaliseer_kop(naam: str) -> str:
    return re.sub(r"[\s\-]+", "_", naam.replace("\ufeff", "").strip()).casefold()


class Tabel:
    """An opened import file. Iterate once for its rows; close it (or use `with`)."""

    def __init__(self, pad: Path, soort: str, koppen: list[str], records: Iterator[Record],
                 voortgang, sluit, *, codering: str = "", scheidingsteken: str = ""):
        self.pad = pad
        self.soort = soort  # "csv" or "xlsx"
        self.codering = codering
        self.scheidingsteken = scheidingsteken
        self.kolommen: list[str] = []  # normalised, in file order, nameless columns left out
        self.namen: dict[str, str] = {}  # normalised → as written in the file
        for kop in koppen:
            sleutel = normaliseer_kop(kop)
            if not sleutel:
                continue
            if sleutel in self.namen:
                raise InvoerFout(f"De kolom '{kop.strip()}' staat twee keer in de eerste regel. "
                                 "Haal een van de twee weg of geef ze verschillende namen.")
            self.kolommen.append(sleutel)
            self.namen[sleutel] = kop.strip()
        self._records = records
        self._voortgang = voortgang
        self._sluit = sluit

    def __iter__(self) -> Iterator[TabelRij]:
        kolommen = self.kolommen
        return (TabelRij(regel, dict(zip(kolommen, waarden, strict=True)), overschot)
                for regel, waarden, overschot in self._records)

    def records(self) -> Iterator[Record]:
        """The rows as (line, values, overschot), the values in the order of `kolommen`: for a file of 150,000
        lines read by column position instead of by name (iterate either this or the table, once)."""
        return self._records

    def voortgang(self) -> tuple[int, int]:
        """(done, total) for a progress bar: bytes for CSV, rows for Excel (an estimate)."""
        return self._voortgang()

    def close(self) -> None:
        self._sluit()

    def __enter__(self) -> Tabel:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def lees_tabel(pad: str | Path) -> Tabel:
    """Open `pad` as a table, or InvoerFout when it is empty, has no rows or is not CSV/XLSX."""
    pad = Path(pad)
    extensie = pad.suffix.lower()
    if extensie == ".xls":
        raise InvoerFout("Dit is een oud Excel-bestand (.xls). Open het in Excel en kies 'Opslaan als' "
                         "Excel-werkmap (.xlsx) of CSV.")
    if extensie in (".ods", ".numbers", ".pdf", ".doc", ".docx"):
        raise InvoerFout(f"Een {extensie}-bestand kan niet geïmporteerd worden. {_ZELFDE_BESTAND}")
    try:
        with pad.open("rb") as f:
            kop = f.read(_KOP_GROOTTE)
    except FileNotFoundError:
        raise InvoerFout(f"Het bestand {pad.name} bestaat niet (meer). Kies het bestand opnieuw.") from None
    except IsADirectoryError:
        raise InvoerFout(f"{pad.name} is een map, geen bestand. Kies een CSV- of Excel-bestand.") from None
    except OSError as exc:
        raise InvoerFout(f"Het bestand {pad.name} kan niet geopend worden ({exc.strerror}). "
                         "Is het nog geopend in een ander programma?") from None
    if not kop.strip(b" \t\r\n\xef\xbb\xbf"):
        raise InvoerFout(f"Het bestand {pad.name} is leeg. Kies het bestand met de gegevens.")
    if kop.startswith(_ZIP):
        return _lees_xlsx(pad)
    if extensie in XLSX_EXTENSIES:
        raise InvoerFout(f"{pad.name} is geen geldig Excel-bestand. Open het in Excel en sla het opnieuw op "
                         "als Excel-werkmap (.xlsx), of als CSV.")
    if kop.startswith(_OLE):
        raise InvoerFout("Dit is een oud Excel-bestand (.xls) of een ander Office-bestand. Open het in Excel "
                         "en kies 'Opslaan als' Excel-werkmap (.xlsx) of CSV.")
    if kop.startswith(b"%PDF"):
        raise InvoerFout(f"Dit is een PDF-bestand. {_ZELFDE_BESTAND}")
    return _lees_csv(pad, kop)


# --- CSV --------------------------------------------------------------------------------------------

def _geen_tekst(pad: Path) -> InvoerFout:
    return InvoerFout(f"{pad.name} is geen tekstbestand en geen Excel-bestand. {_ZELFDE_BESTAND}")


def _codering(pad: Path, kop: bytes) -> str:
    """utf-8-sig, utf-16, utf-8 or cp1252: one streaming pass, no more than a block in memory."""
    if kop.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if kop.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"  # Excel's "Unicode-tekst"
    if b"\x00" in kop:
        raise _geen_tekst(pad)
    utf8 = codecs.getincrementaldecoder("utf-8")()
    with pad.open("rb") as f:
        while blok := f.read(_BLOK):
            try:
                utf8.decode(blok)
            except UnicodeDecodeError:
                break
        else:
            try:
                utf8.decode(b"", final=True)
                return "utf-8"
            except UnicodeDecodeError:
                pass
        f.seek(0)
        while blok := f.read(_BLOK):  # single-byte: every block decodes on its own
            try:
                blok.decode("cp1252")
            except UnicodeDecodeError:
                raise _geen_tekst(pad) from None
    return "cp1252"


def _tel_buiten_aanhalingstekens(regel: str) -> dict[str, int]:
    tellingen = dict.fromkeys(SCHEIDINGSTEKENS, 0)
    binnen = False
    for ch in regel:
        if ch == '"':
            binnen = not binnen
        elif not binnen and ch in tellingen:
            tellingen[ch] += 1
    return tellingen


def _scheidingsteken(koptekst: str) -> str:
    eerste = next((r for r in koptekst.splitlines() if r.strip()), "")
    tellingen = _tel_buiten_aanhalingstekens(eerste)
    beste = max(SCHEIDINGSTEKENS, key=lambda s: tellingen[s])  # max keeps the first of equals
    return beste if tellingen[beste] else ";"


def _lees_csv(pad: Path, kop: bytes) -> Tabel:
    codering = _codering(pad, kop)
    koptekst = kop.decode(codering, errors="ignore")  # a cut multi-byte character at the end is harmless
    stuurtekens = sum(1 for ch in koptekst if ch < " " and ch not in "\t\r\n\f")
    if "\x00" in koptekst.replace("\ufeff", "") or stuurtekens > max(2, len(koptekst) // 100):
        raise _geen_tekst(pad)
    scheidingsteken = _scheidingsteken(koptekst)
    f = open(pad, encoding=codering, newline="")  # noqa: SIM115 - closed by Tabel.close
    try:
        totaal = max(1, pad.stat().st_size)
        # strict: a quote that is never closed would otherwise swallow the rest of the file unnoticed
        lezer = csv.reader(f, delimiter=scheidingsteken, strict=True)

        def niet_lege() -> Iterator[tuple[int, list[str]]]:
            """The non-empty records and the line each starts on (a generator: one per line of a big file)."""
            vorige = lezer.line_num
            try:
                for record in lezer:
                    begin, vorige = vorige + 1, lezer.line_num
                    if (record and record[0].strip()) or "".join(record).strip():  # the first cell: the usual case
                        yield begin, record
            except csv.Error:
                raise InvoerFout(
                    f"Regel {vorige + 1} kan niet gelezen worden: er staat een aanhalingsteken (\") verkeerd. Een "
                    "waarde die met een aanhalingsteken begint, moet er ook mee eindigen, direct voor het "
                    "scheidingsteken. Verbeter die regel.") from None
            except UnicodeDecodeError:
                raise _geen_tekst(pad) from None

        records = niet_lege()
        eerste = next(records, None)
        if eerste is None:
            raise InvoerFout(f"Het bestand {pad.name} is leeg. Kies het bestand met de gegevens.")
        koppen = eerste[1]
        tweede = next(records, None)
        if tweede is None:
            raise InvoerFout(f"Het bestand {pad.name} heeft alleen een kopregel en verder geen gegevens.")
        rijen = _records(koppen, tweede, records)
        return Tabel(pad, "csv", koppen, rijen, lambda: (min(f.buffer.tell(), totaal), totaal), f.close,
                     codering=codering, scheidingsteken=scheidingsteken)
    except BaseException:
        f.close()
        raise


def _records(koppen: list[str], eerste: tuple[int, list[str]],
             rest: Iterator[tuple[int, list[str]]]) -> Iterator[Record]:
    """The data records: the stripped values of the named columns in file order, short records padded with ""."""
    sleutels = [normaliseer_kop(k) for k in koppen]
    aantal = len(sleutels)
    # the named values of a record, in C: a file of 150,000 lines makes as many rows
    indices = [i for i, s in enumerate(sleutels) if s]

    def pak(w: list[str]) -> list[str]:
        return [w[i] for i in indices]

    if len(indices) > 1:
        pak = operator.itemgetter(*indices)  # (one index would give the value, not a tuple)
    strip = str.strip
    for regel, waarden in itertools.chain((eerste,), rest):
        overschot = 0
        if len(waarden) != aantal:
            if len(waarden) < aantal:
                waarden = waarden + [""] * (aantal - len(waarden))
            else:
                overschot = sum(1 for w in waarden[aantal:] if w.strip())
        yield regel, tuple(map(strip, pak(waarden))), overschot


# --- XLSX -------------------------------------------------------------------------------------------

def cel_tekst(waarde: object) -> str:
    """An Excel cell as the text a CSV export would have had."""
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, dt.datetime):
        if waarde.time() == dt.time(0):
            return waarde.date().isoformat()
        return f"{waarde:%Y-%m-%d %H:%M}"
    if isinstance(waarde, dt.date):
        return waarde.isoformat()
    if isinstance(waarde, dt.time):
        return f"{waarde:%H:%M}"
    if isinstance(waarde, float):
        if waarde.is_integer():
            return str(int(waarde))
        return repr(round(waarde, 9))
    return str(waarde).strip()


def _controleer_zip(pad: Path, onleesbaar: InvoerFout) -> None:
    """Refuse, before anything is unpacked, an .xlsx that would unpack to far more than any real import file
    (a zip bomb) – by the sizes in the zip's directory."""
    try:
        with zipfile.ZipFile(pad) as z:
            delen = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise onleesbaar from None
    te_groot = InvoerFout(f"{pad.name} is uitgepakt veel groter dan een importbestand kan zijn (het lijkt een "
                          "'zip-bom'). Open het in Excel en sla het opnieuw op, of exporteer de gegevens als CSV.")
    if len(delen) > MAX_DELEN or sum(d.file_size for d in delen) > MAX_UITGEPAKT:
        raise te_groot
    for deel in delen:
        if deel.file_size > 10 * 1024 * 1024 and deel.file_size > MAX_VERHOUDING * max(deel.compress_size, 1):
            raise te_groot


def _lees_xlsx(pad: Path) -> Tabel:
    from openpyxl import load_workbook  # only when needed: it takes a while to import

    onleesbaar = InvoerFout(f"{pad.name} kan niet gelezen worden als Excel-bestand. Open het in Excel en sla "
                            "het opnieuw op als Excel-werkmap (.xlsx), of als CSV.")
    _controleer_zip(pad, onleesbaar)
    try:
        werkmap = load_workbook(pad, read_only=True, data_only=True)
    except Exception as exc:  # an untrusted file: openpyxl, zipfile, zlib and the XML parser each raise their own
        log.info("xlsx not readable: %s", type(exc).__name__)
        raise onleesbaar from None
    try:
        blad = werkmap.worksheets[0]
        totaal = blad.max_row or 0
        rijen_iter = blad.iter_rows(min_row=1, values_only=True)
        positie = [0]

        def volgende() -> tuple[int, list[str]] | None:
            try:
                for waarden in rijen_iter:
                    positie[0] += 1
                    teksten = [cel_tekst(w) for w in waarden]
                    if any(teksten):
                        return positie[0], teksten
            except InvoerFout:
                raise
            except Exception as exc:  # damaged further on: zlib, the XML parser, a broken part
                log.info("xlsx not readable: %s", type(exc).__name__)
                raise onleesbaar from None
            return None

        eerste = volgende()
        if eerste is None:
            raise InvoerFout(f"Het eerste werkblad van {pad.name} is leeg. Zet de gegevens op het eerste "
                             "werkblad, met de kolomnamen in de eerste rij.")
        koppen = eerste[1]
        tweede = volgende()
        if tweede is None:
            raise InvoerFout(f"Het eerste werkblad van {pad.name} heeft alleen een kopregel en verder geen "
                             "gegevens.")

        rijen = _records(koppen, tweede, iter(volgende, None))
        return Tabel(pad, "xlsx", koppen, rijen, lambda: (positie[0], max(totaal, positie[0], 1)),
                     werkmap.close)
    except BaseException:
        werkmap.close()
        raise


# --- values -----------------------------------------------------------------------------------------

class WaardeFout(InvoerFout):
    """One cell that cannot be read; the message says how to write it."""


_DATUM_DMJ = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})")
_DATUM_JMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DATUM_KORT_JAAR = re.compile(r"\d{1,2}([-/.])\d{1,2}\1\d{2}")
_TIJD = re.compile(r"(.*?)(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
DATUM_VOORBEELD = "DD-MM-JJJJ, bijvoorbeeld 05-03-2011"


@functools.lru_cache(maxsize=4096)  # a file repeats the same dates many times
def parse_datum(tekst: str) -> dt.date:
    """DD-MM-JJJJ, D-M-JJJJ, DD/MM/JJJJ or JJJJ-MM-DD (a time of day after it is ignored)."""
    t = tekst.strip()
    kaal = _TIJD.fullmatch(t).group(1)
    if m := _DATUM_DMJ.fullmatch(kaal):
        dag, maand, jaar = int(m.group(1)), int(m.group(3)), int(m.group(4))
    elif m := _DATUM_JMD.fullmatch(kaal):
        jaar, maand, dag = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif _DATUM_KORT_JAAR.fullmatch(kaal):
        raise WaardeFout(f"'{t}': schrijf het jaar met vier cijfers ({DATUM_VOORBEELD}).")
    elif not t:
        raise WaardeFout(f"Vul een datum in ({DATUM_VOORBEELD}).")
    else:
        raise WaardeFout(f"'{t}' is geen datum. Schrijf de datum als {DATUM_VOORBEELD}.")
    try:
        return dt.date(jaar, maand, dag)
    except ValueError:
        raise WaardeFout(f"De datum '{t}' bestaat niet. Controleer dag en maand ({DATUM_VOORBEELD}).") from None


_TIJDSTIP = re.compile(r"(\d{1,2})[:.](\d{2})(?::(\d{2})(?:\.\d+)?)?")
_MET_TIJD = re.compile(r"(.+?)[ T]+(\d{1,2}[:.]\d{2}(?::\d{2}(?:\.\d+)?)?)")
TIJD_VOORBEELD = "UU:MM, bijvoorbeeld 09:20"


@functools.lru_cache(maxsize=1024)
def parse_tijd(tekst: str) -> dt.timedelta:
    """A time of day as the time since midnight: "9:20", "09:20:00", "9.20"; "24:00" is the end of the day."""
    t = tekst.strip()
    m = _TIJDSTIP.fullmatch(t)
    if m is None:
        raise WaardeFout(f"'{t}' is geen tijd. Schrijf de tijd als {TIJD_VOORBEELD}." if t else
                         f"Vul een tijd in ({TIJD_VOORBEELD}).")
    uur, minuut, seconde = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
    if minuut > 59 or seconde > 59 or uur > 24 or (uur == 24 and minuut + seconde):
        raise WaardeFout(f"De tijd '{t}' bestaat niet. Schrijf de tijd als {TIJD_VOORBEELD}.")
    return dt.timedelta(hours=uur, minutes=minuut, seconds=seconde)


@functools.lru_cache(maxsize=4096)
def parse_moment(tekst: str) -> tuple[dt.date, dt.timedelta | None]:
    """A date with or without a time of day ("14-09-2026 10:10", an Excel date-and-time cell)."""
    t = tekst.strip()
    if m := _MET_TIJD.fullmatch(t):
        return parse_datum(m.group(1)), parse_tijd(m.group(2))
    return parse_datum(t), None


_DECIMAAL = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)")


def parse_decimaal(tekst: str) -> float:
    """1,5 or 1.5 (no thousands separators)."""
    t = tekst.strip().replace(" ", "")
    if not _DECIMAAL.fullmatch(t):
        if re.fullmatch(r"[+-]?\d{1,3}([.,]\d{3})+([.,]\d+)?", t):
            raise WaardeFout(f"'{tekst.strip()}': schrijf het getal zonder scheiding tussen duizendtallen, "
                             "bijvoorbeeld 1500 of 2,5.")
        raise WaardeFout(f"'{tekst.strip()}' is geen getal. Schrijf bijvoorbeeld 2 of 1,5.")
    return float(t.replace(",", "."))


_JA = frozenset({"ja", "j", "yes", "y", "waar", "true", "1", "x"})
_NEE = frozenset({"nee", "n", "no", "niet", "onwaar", "false", "0"})


def parse_ja_nee(tekst: str) -> bool:
    """ja/nee, J/N (and a few spellings exports use: 1/0, true/false)."""
    t = tekst.strip().casefold()
    if t in _JA:
        return True
    if t in _NEE:
        return False
    raise WaardeFout(f"'{tekst.strip()}' is geen ja of nee. Vul ja of nee in (of J of N).")
