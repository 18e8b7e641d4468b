"""Reading any import file: separators, encodings, Excel, line numbers, bad files, value parsers."""

from __future__ import annotations

import datetime as dt
import random
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from thuiszit_desktop.domain.errors import InvoerFout
from thuiszit_desktop.importers.tabular import (
    WaardeFout,
    cel_tekst,
    lees_tabel,
    normaliseer_kop,
    parse_datum,
    parse_decimaal,
    parse_ja_nee,
)

KOPREGEL = ["Leerlingnummer", "Voornaam", "Achternaam", "Geboortedatum"]
RIJEN = [["1001", "Zoë", "Çelik", "05-03-2011"], ["1002", "Daniël", "van Dijk", "7-3-2011"]]


def schrijf(pad: Path, regels: list[list[str]], scheiding: str = ";", codering: str = "utf-8",
            einde: str = "\r\n") -> Path:
    pad.write_bytes((einde.join(scheiding.join(r) for r in regels) + einde).encode(codering))
    return pad


def lees(pad: Path) -> list[tuple[int, dict[str, str]]]:
    with lees_tabel(pad) as tabel:
        return [(rij.regel, rij.waarden) for rij in tabel]


VERWACHT = [
    (2, {"leerlingnummer": "1001", "voornaam": "Zoë", "achternaam": "Çelik", "geboortedatum": "05-03-2011"}),
    (3, {"leerlingnummer": "1002", "voornaam": "Daniël", "achternaam": "van Dijk", "geboortedatum": "7-3-2011"}),
]


@pytest.mark.parametrize("scheiding", [";", ",", "\t"])
def test_separator_is_detected(tmp_path, scheiding):
    pad = schrijf(tmp_path / "leerlingen_scheiding.csv", [KOPREGEL, *RIJEN], scheiding)
    with lees_tabel(pad) as tabel:
        assert tabel.scheidingsteken == scheiding
        assert tabel.kolommen == ["leerlingnummer", "voornaam", "achternaam", "geboortedatum"]
    assert lees(pad) == VERWACHT


@pytest.mark.parametrize("codering, verwacht", [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"),
                                                ("cp1252", "cp1252"), ("utf-16", "utf-16")])
def test_encoding_is_detected(tmp_path, codering, verwacht):
    pad = schrijf(tmp_path / f"leerlingen_{codering}.csv", [KOPREGEL, *RIJEN], codering=codering)
    with lees_tabel(pad) as tabel:
        assert tabel.codering == verwacht
        assert tabel.kolommen[0] == "leerlingnummer"  # no BOM stuck to the first header
    assert lees(pad) == VERWACHT


def test_windows_1252_with_a_euro_sign_and_quotes(tmp_path):
    pad = tmp_path / "magister_export.csv"
    pad.write_bytes('stamnummer;achternaam;opmerking\n7;Çelik;"kosten € 5; ‘betaald’"\n'.encode("cp1252"))
    assert lees(pad) == [(2, {"stamnummer": "7", "achternaam": "Çelik", "opmerking": "kosten € 5; ‘betaald’"})]


def test_a_quoted_separator_in_the_header_does_not_fool_detection(tmp_path):
    pad = tmp_path / "quoted_header.csv"
    pad.write_text('"naam; roepnaam",klas,mentor\n"Eva; Evi",2A,"de Vries, J."\n', encoding="utf-8")
    with lees_tabel(pad) as tabel:
        assert tabel.scheidingsteken == ","
        assert [r.waarden for r in tabel] == [{"naam;_roepnaam": "Eva; Evi", "klas": "2A", "mentor": "de Vries, J."}]


def test_headers_are_case_insensitive_and_trimmed(tmp_path):
    pad = schrijf(tmp_path / "koppen.csv", [["  LeerlingNummer ", "ACHTERNAAM", "Vrijstelling van", "vrijstelling-tot"],
                                            ["1", "Çelik", "01-08-2026", ""]])
    with lees_tabel(pad) as tabel:
        assert tabel.kolommen == ["leerlingnummer", "achternaam", "vrijstelling_van", "vrijstelling_tot"]
        assert tabel.namen["leerlingnummer"] == "LeerlingNummer"
    assert normaliseer_kop("\ufeffGeboorte Datum ") == "geboorte_datum"


def test_line_numbers_are_the_lines_the_user_sees(tmp_path):
    pad = tmp_path / "regels.csv"
    pad.write_text("\n"  # an empty first line
                   "nummer;naam;notitie\n"
                   "1;Zoë;\n"
                   "\n"
                   ";;\n"  # only separators: skipped
                   '2;Daniël;"twee\nregels"\n'
                   "3;Sem;\n", encoding="utf-8")
    assert [(regel, w["nummer"]) for regel, w in lees(pad)] == [(3, "1"), (6, "2"), (8, "3")]


def test_short_rows_are_padded_and_extra_values_counted(tmp_path):
    pad = tmp_path / "ongelijk.csv"
    pad.write_text("a;b;c\n1\n1;2;3;4;;5\n1;2;3;;\n", encoding="utf-8")
    with lees_tabel(pad) as tabel:
        rijen = list(tabel)
    assert rijen[0].waarden == {"a": "1", "b": "", "c": ""}
    assert [r.overschot for r in rijen] == [0, 2, 0]


def test_a_duplicate_column_is_refused(tmp_path):
    pad = schrijf(tmp_path / "dubbele_kolom.csv", [["klas", "naam", "Klas "], ["1A", "Zoë", "2A"]])
    with pytest.raises(InvoerFout, match="De kolom 'Klas' staat twee keer"):
        lees_tabel(pad)


@pytest.mark.parametrize("inhoud", [b"", b"   \r\n\r\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf\r\n;;;\r\n"])
def test_an_empty_file_is_refused(tmp_path, inhoud):
    pad = tmp_path / "leeg.csv"
    pad.write_bytes(inhoud)
    with pytest.raises(InvoerFout, match="is leeg"):
        lees_tabel(pad)


def test_a_header_without_rows_is_refused(tmp_path):
    pad = schrijf(tmp_path / "alleen_kop.csv", [KOPREGEL, [";;;"]])
    with pytest.raises(InvoerFout, match="alleen een kopregel"):
        lees_tabel(pad)


def test_a_missing_file_is_reported(tmp_path):
    with pytest.raises(InvoerFout, match="bestaat niet"):
        lees_tabel(tmp_path / "weg.csv")


@pytest.mark.parametrize("naam, inhoud, melding", [
    ("foto.csv", bytes(range(256)) * 20, "geen tekstbestand"),
    ("rapport.pdf", b"%PDF-1.7\n...", "pdf-bestand"),
    ("scan.bin", b"%PDF-1.4\n\x00\x01", "PDF-bestand"),
    ("oud.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "oud Excel-bestand"),
    ("vermomd.txt", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "oud Excel-bestand"),
    ("tekst.xlsx", "leerlingnummer;achternaam\n1;Çelik\n".encode(), "geen geldig Excel-bestand"),
    ("werkblad.ods", b"PK\x03\x04", ".ods-bestand"),
    ("stuurtekens.csv", b"a;b\n" + b"\x01\x02\x03\x04\x05\x06" * 50, "geen tekstbestand"),
])
def test_files_that_are_not_csv_or_xlsx_get_a_clear_message(tmp_path, naam, inhoud, melding):
    pad = tmp_path / naam
    pad.write_bytes(inhoud)
    with pytest.raises(InvoerFout, match=melding):
        lees_tabel(pad)


def test_a_zip_that_is_not_a_workbook_is_refused(tmp_path):
    pad = tmp_path / "archief.xlsx"
    with zipfile.ZipFile(pad, "w") as z:
        z.writestr("leesmij.txt", "geen werkmap")
    with pytest.raises(InvoerFout, match="kan niet gelezen worden als Excel-bestand"):
        lees_tabel(pad)


# --- Excel ------------------------------------------------------------------------------------------

def maak_xlsx(pad: Path, rijen: list[list[object]], *, eerst_ander_blad: bool = False) -> Path:
    werkmap = openpyxl.Workbook()
    blad = werkmap.active
    blad.title = "Leerlingen"
    for r, rij in enumerate(rijen, start=1):
        for c, waarde in enumerate(rij, start=1):
            if waarde is not None:
                blad.cell(row=r, column=c, value=waarde)
    if eerst_ander_blad:
        werkmap.create_sheet("Toelichting").append(["niet deze"])
        werkmap.active = 1
    werkmap.save(pad)
    return pad


def test_xlsx_first_sheet_with_dates_numbers_and_booleans(tmp_path):
    pad = maak_xlsx(tmp_path / "leerlingen.xlsx", [
        ["Leerlingnummer", "Achternaam", "Geboortedatum", "Startkwalificatie", "Uren", "Inschrijfdatum"],
        [1001, "Çelik", dt.datetime(2011, 3, 5), True, 1.5, "01-08-2024"],
        [None, None, None, None, None, None],
        [1002.0, " Öztürk ", dt.date(2010, 12, 31), False, 2.0, dt.datetime(2024, 8, 1, 8, 30)],
    ], eerst_ander_blad=True)
    with lees_tabel(pad) as tabel:
        assert tabel.soort == "xlsx"
        rijen = [(r.regel, r.waarden) for r in tabel]
        assert tabel.voortgang()[0] == tabel.voortgang()[1]
    assert rijen == [
        (2, {"leerlingnummer": "1001", "achternaam": "Çelik", "geboortedatum": "2011-03-05",
             "startkwalificatie": "ja", "uren": "1.5", "inschrijfdatum": "01-08-2024"}),
        (4, {"leerlingnummer": "1002", "achternaam": "Öztürk", "geboortedatum": "2010-12-31",
             "startkwalificatie": "nee", "uren": "2", "inschrijfdatum": "2024-08-01 08:30"}),
    ]
    assert parse_datum(rijen[1][1]["inschrijfdatum"]) == dt.date(2024, 8, 1)


def test_xlsx_with_leading_empty_rows_keeps_excel_row_numbers(tmp_path):
    pad = maak_xlsx(tmp_path / "lege_rijen.xlsx", [[None, None], [None, None], ["nummer", "naam"], [None, None],
                                                   [7, "Aïcha"]])
    assert lees(pad) == [(5, {"nummer": "7", "naam": "Aïcha"})]


def test_xlsx_empty_and_header_only(tmp_path):
    with pytest.raises(InvoerFout, match="is leeg"):
        lees_tabel(maak_xlsx(tmp_path / "leeg.xlsx", []))
    with pytest.raises(InvoerFout, match="alleen een kopregel"):
        lees_tabel(maak_xlsx(tmp_path / "kop.xlsx", [["leerlingnummer", "achternaam"]]))


@pytest.mark.parametrize("waarde, tekst", [
    (None, ""), (True, "ja"), (False, "nee"), (12, "12"), (12.0, "12"), (0.1 + 0.2, "0.3"), (1.25, "1.25"),
    (dt.datetime(2011, 3, 5), "2011-03-05"), (dt.date(2011, 3, 5), "2011-03-05"), (dt.time(8, 30), "08:30"),
    ("  2A ", "2A"),
])
def test_cell_values_become_text(waarde, tekst):
    assert cel_tekst(waarde) == tekst


# --- big files --------------------------------------------------------------------------------------

def test_a_20_mb_file_is_read_in_one_streaming_pass(tmp_path):
    pad = tmp_path / "groot.csv"
    rng = random.Random(3)
    namen = ["Zoë", "Daniël", "Aïcha", "Mees", "Fatima", "Sem"]
    regels = ["leerlingnummer;voornaam;achternaam;geboortedatum;klas;mentor;bestemming"]
    grootte, n = 0, 0
    while grootte < 20_000_000:
        regel = (f"{n};{rng.choice(namen)};Çelik-de Boer;{1 + n % 28:02d}-{1 + n % 12:02d}-2011;{n % 6 + 1}A;"
                 "J. de Vries;Een andere school in de buurt van hier")
        regels.append(regel)
        grootte += len(regel) + 2
        n += 1
    pad.write_bytes(("\r\n".join(regels) + "\r\n").encode("cp1252"))
    del regels
    assert pad.stat().st_size >= 20_000_000
    with lees_tabel(pad) as tabel:
        assert tabel.codering == "cp1252"
        aantal, laatste = 0, None
        for rij in tabel:
            aantal += 1
            laatste = rij
        assert tabel.voortgang()[0] == tabel.voortgang()[1]
    assert aantal == n
    assert laatste.regel == n + 1
    assert laatste.waarden["achternaam"] == "Çelik-de Boer"


# --- value parsers ----------------------------------------------------------------------------------

@pytest.mark.parametrize("tekst, datum", [
    ("05-03-2011", dt.date(2011, 3, 5)),
    ("5-3-2011", dt.date(2011, 3, 5)),
    ("05/03/2011", dt.date(2011, 3, 5)),
    ("5/3/2011", dt.date(2011, 3, 5)),
    ("2011-03-05", dt.date(2011, 3, 5)),
    ("2011-3-5", dt.date(2011, 3, 5)),
    (" 29-02-2012 ", dt.date(2012, 2, 29)),
    ("05-03-2011 00:00:00", dt.date(2011, 3, 5)),
    ("2011-03-05T00:00", dt.date(2011, 3, 5)),
])
def test_every_date_format(tekst, datum):
    assert parse_datum(tekst) == datum


@pytest.mark.parametrize("tekst, melding", [
    ("31-02-2011", "bestaat niet"),
    ("29-02-2011", "bestaat niet"),
    ("13/13/2011", "bestaat niet"),
    ("05-03-11", "vier cijfers"),
    ("5 maart 2011", "geen datum"),
    ("05-03/2011", "geen datum"),
    ("2011/03/05", "geen datum"),
    ("", "Vul een datum in"),
])
def test_bad_dates_say_how_to_write_them(tekst, melding):
    with pytest.raises(WaardeFout, match=melding) as exc:
        parse_datum(tekst)
    assert "DD-MM-JJJJ" in str(exc.value)


@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_any_date_in_any_format_reads_back(d):
    for tekst in (f"{d:%d-%m-%Y}", f"{d.day}-{d.month}-{d:%Y}", f"{d:%d/%m/%Y}", d.isoformat()):
        assert parse_datum(tekst) == d


@pytest.mark.parametrize("tekst, getal", [("1,5", 1.5), ("1.5", 1.5), ("2", 2.0), (" 0,25 ", 0.25), (",5", 0.5),
                                          ("-1,5", -1.5), ("3,", 3.0)])
def test_decimals_with_comma_or_point(tekst, getal):
    assert parse_decimaal(tekst) == getal


@pytest.mark.parametrize("tekst, melding", [("1.500,5", "duizendtallen"), ("1,000", None), ("twee", "geen getal"),
                                            ("", "geen getal"), ("1,5 uur", "geen getal")])
def test_bad_decimals(tekst, melding):
    if melding is None:  # "1,000" is one whole, written with three decimals
        assert parse_decimaal(tekst) == 1.0
        return
    with pytest.raises(WaardeFout, match=melding):
        parse_decimaal(tekst)


@pytest.mark.parametrize("tekst, waarde", [("ja", True), ("Ja", True), ("J", True), ("j", True), ("nee", False),
                                           ("NEE", False), ("N", False), ("n", False), ("1", True), ("0", False)])
def test_ja_nee(tekst, waarde):
    assert parse_ja_nee(tekst) is waarde


@pytest.mark.parametrize("tekst", ["misschien", "", "jawel"])
def test_not_ja_or_nee(tekst):
    with pytest.raises(WaardeFout, match="Vul ja of nee in"):
        parse_ja_nee(tekst)


@pytest.mark.parametrize("regels, regel", [
    (['1;"Zoë;Çelik', "2;Daniël;van Dijk", "3;Fatima;El Idrissi"], 2),  # never closed: would swallow the rest
    (["1;Zoë;Çelik", '2;"Daniël" Jan;van Dijk'], 3),
])
def test_a_misplaced_quote_names_the_line(tmp_path, regels, regel):
    pad = tmp_path / "aanhalingsteken.csv"
    pad.write_text("\n".join(["nummer;voornaam;achternaam", *regels]) + "\n", encoding="utf-8")
    with pytest.raises(InvoerFout, match=f"Regel {regel} kan niet gelezen worden: er staat een aanhalingsteken"):
        lees(pad)


def test_quotes_inside_a_value_are_fine(tmp_path):
    pad = tmp_path / "aanhalingstekens_binnen.csv"
    pad.write_text('nummer;bestemming\n1;College "De Brug"\n2;"Lyceum ""Het Baken"""\n', encoding="utf-8")
    assert [w["bestemming"] for _, w in lees(pad)] == ['College "De Brug"', 'Lyceum "Het Baken"']
