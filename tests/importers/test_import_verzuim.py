"""The verzuim file parser: uren or lesuur, reden or code, the code table, row errors, skipped codes."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from thuiszit_desktop.domain.errors import InvoerFout
from thuiszit_desktop.domain.lesuren import lesuurtijden
from thuiszit_desktop.domain.verzuim import Reden
from thuiszit_desktop.domain.verzuimcodes import STANDAARD, STANDAARD_CODES, Codetabel
from thuiszit_desktop.importers.verzuim import Lesrooster, VerzuimRij, lees_verzuim, plausibele_periode

VANDAAG = date(2026, 11, 23)
NUMMERS = {"1001", "1002", "1003"}  # Zoë Bakker, Mehmet Çelik, Daniël de Jong
ONG, ZIEK, VERLOF, SCHORSING, OVERIG = (Reden.ONGEOORLOOFD, Reden.ZIEK, Reden.VERLOF, Reden.SCHORSING,
                                        Reden.OVERIG_GEOORLOOFD)


def bestand(tmp_path: Path, *regels: str, naam: str = "verzuim.csv", codering: str = "utf-8") -> Path:
    pad = tmp_path / naam
    pad.write_bytes(("\r\n".join(regels) + "\r\n").encode(codering))
    return pad


def lees(pad: Path, codes: Codetabel = STANDAARD, vandaag: date = VANDAAG):
    return lees_verzuim(pad, NUMMERS, codes, vandaag)


def rij(regel, nummer, datum, uren, reden, code):
    return VerzuimRij(regel, nummer, datum, uren, reden, code)


# --- good files -------------------------------------------------------------------------------------

def test_uren_with_the_five_redenen(tmp_path):
    pad = bestand(tmp_path, "leerlingnummer;datum;uren;reden",
                  "1001;14-09-2026;2;ongeoorloofd",
                  "1001;14-09-2026;1,5;ziek",
                  "1002;2026-09-15;6;verlof",
                  "1003;5/10/2026;0.5;schorsing",
                  "1003;6-10-2026;3;overig_geoorloofd")
    gelezen = lees(pad)
    assert gelezen.fouten == [] and gelezen.overgeslagen == 0 and gelezen.onbekende_kolommen == []
    assert gelezen.rijen == [
        rij(2, "1001", date(2026, 9, 14), 2.0, ONG, "ongeoorloofd"),
        rij(3, "1001", date(2026, 9, 14), 1.5, ZIEK, "ziek"),
        rij(4, "1002", date(2026, 9, 15), 6.0, VERLOF, "verlof"),
        rij(5, "1003", date(2026, 10, 5), 0.5, SCHORSING, "schorsing"),
        rij(6, "1003", date(2026, 10, 6), 3.0, OVERIG, "overig_geoorloofd"),
    ]
    assert gelezen.laatste_datum == date(2026, 10, 6)
    assert gelezen.dagen == {("1001", date(2026, 9, 14)), ("1002", date(2026, 9, 15)),
                             ("1003", date(2026, 10, 5)), ("1003", date(2026, 10, 6))}


def test_a_magister_export_per_lesuur(tmp_path):
    """Stamnummer, Code and Lesuur as Magister names them; te laat and present are skipped and counted."""
    pad = bestand(tmp_path, "Stamnummer,Datum,Lesuur,Code,Omschrijving",
                  "1001,14-09-2026,1,A,absent",
                  "1001,14-09-2026,2,A,absent",
                  "1001,14-09-2026,3,La,te laat",
                  "1002,14-09-2026,1,Zb,ziek bevestigd",
                  "1002,15-09-2026,4,PR,present",
                  "1003,16-09-2026,2,ge,geschorst extern")
    gelezen = lees(pad)
    assert gelezen.fouten == []
    assert gelezen.rijen == [
        rij(2, "1001", date(2026, 9, 14), 1.0, ONG, "A"),
        rij(3, "1001", date(2026, 9, 14), 1.0, ONG, "A"),
        rij(5, "1002", date(2026, 9, 14), 1.0, ZIEK, "Zb"),
        rij(7, "1003", date(2026, 9, 16), 1.0, SCHORSING, "ge"),
    ]
    assert gelezen.overgeslagen == 2
    assert gelezen.onbekende_kolommen == ["Omschrijving"]
    # the skipped present line still names its day: an import replaces what was imported for it
    assert ("1002", date(2026, 9, 15)) in gelezen.dagen
    assert gelezen.laatste_datum == date(2026, 9, 16)


def test_uren_and_lesuur_together_key_on_the_lesuur(tmp_path):
    pad = bestand(tmp_path, "leerlingnummer;datum;lesuur;uren;code",
                  "1001;14-09-2026;1;0,83;Z", "1001;14-09-2026;2;0,83;Z", "1001;14-09-2026;3;;Z")
    gelezen = lees(pad)
    assert gelezen.fouten == []
    assert [r.uren for r in gelezen.rijen] == [0.83, 0.83, 1.0]


@pytest.mark.parametrize("geoorloofd, reden", [("N", ONG), ("nee", ONG), ("J", OVERIG), ("ja", OVERIG)])
def test_geoorloofd_decides_an_unmapped_code(tmp_path, geoorloofd, reden):
    pad = bestand(tmp_path, "leerlingnummer;datum;uren;code;geoorloofd", f"1001;14-09-2026;2;XYZ;{geoorloofd}")
    [gelezen] = lees(pad).rijen
    assert (gelezen.reden, gelezen.code) == (reden, "XYZ")


def test_geoorloofd_does_not_override_a_mapped_code(tmp_path):
    pad = bestand(tmp_path, "leerlingnummer;datum;uren;code;geoorloofd", "1001;14-09-2026;2;Z;N")
    assert lees(pad).rijen[0].reden is ZIEK


def test_reden_first_then_code_when_both_columns_exist(tmp_path):
    pad = bestand(tmp_path, "leerlingnummer;datum;uren;reden;code",
                  "1001;14-09-2026;1;Ziek;A",  # reden known: it wins
                  "1001;15-09-2026;1;Absent zonder reden;A",  # reden unknown, code known
                  "1001;16-09-2026;1;;S")  # reden empty
    gelezen = lees(pad)
    assert gelezen.fouten == []
    assert [(r.reden, r.code) for r in gelezen.rijen] == [(ZIEK, "Ziek"), (ONG, "A"), (ONG, "S")]


def test_the_schools_own_code_table(tmp_path):
    codes = Codetabel({"SPIJB": ONG, "Tandarts": OVERIG, "Stage": None})
    pad = bestand(tmp_path, "leerlingnummer;datum;uren;code",
                  "1001;14-09-2026;2;spijb", "1001;14-09-2026;1;TANDARTS", "1001;15-09-2026;6;Stage",
                  "1001;16-09-2026;6;ziek")
    gelezen = lees(pad, codes)
    assert gelezen.fouten == []
    assert [(r.reden, r.code) for r in gelezen.rijen] == [(ONG, "spijb"), (OVERIG, "TANDARTS"), (ZIEK, "ziek")]
    assert gelezen.overgeslagen == 1


def test_windows_1252_and_xlsx(tmp_path):
    pad = bestand(tmp_path, "Leerlingnummer;Datum;Uren;Reden", "1001;14-09-2026;2;Privé", codering="cp1252")
    assert lees(pad).rijen[0].reden is OVERIG

    xlsx = tmp_path / "verzuim.xlsx"
    werkmap = openpyxl.Workbook()
    blad = werkmap.active
    blad.append(["Stamnummer", "Datum", "Uren", "Code"])
    blad.append([1002, date(2026, 9, 14), 1.5, "Z"])
    werkmap.save(xlsx)
    assert lees(xlsx).rijen == [rij(2, "1002", date(2026, 9, 14), 1.5, ZIEK, "Z")]


# --- the default code table (FORMATEN.md) ------------------------------------------------------------

@pytest.mark.parametrize("code, reden", [
    ("A", ONG), ("AA", ONG), ("S", ONG), ("SA", ONG),
    ("Z", ZIEK), ("Zb", ZIEK), ("ZH", ZIEK), ("zb", ZIEK), (" zh ", ZIEK),
    ("M", OVERIG), ("EH", OVERIG), ("P", OVERIG), ("U", OVERIG),
    ("V", VERLOF), ("GE", SCHORSING), ("GI", SCHORSING),
    ("L", None), ("La", None), ("T", None), ("PR", None), ("BV", None), ("HV", None), ("VR", None),
    ("Ziek", ZIEK), ("Spijbelen", ONG), ("Ongeoorloofd  afwezig", ONG), ("Verlof", VERLOF),
    ("Te laat", None), ("overig_geoorloofd", OVERIG), ("SCHORSING", SCHORSING),
])
def test_default_codes(code, reden):
    assert STANDAARD.kent(code)
    assert STANDAARD.vertaal(code) is reden


def test_default_table_has_no_code_twice_and_survives_json():
    from thuiszit_desktop.domain.verzuimcodes import normaliseer_code

    normaal = [normaliseer_code(c) for c in STANDAARD_CODES]
    assert len(normaal) == len(set(normaal))
    terug = Codetabel.from_json(STANDAARD.to_json())
    assert terug.codes == STANDAARD.codes
    assert not STANDAARD.kent("XYZ")


def test_the_redenen_cannot_be_mapped_away():
    codes = Codetabel({"ziek": ONG})
    assert codes.vertaal("Ziek") is ZIEK


# --- row errors -------------------------------------------------------------------------------------

@pytest.mark.parametrize("kop, regel, melding", [
    ("leerlingnummer;datum;uren;reden", "4711;14-09-2026;2;ziek", "Leerlingnummer 4711 staat niet in het"),
    ("leerlingnummer;datum;uren;reden", ";14-09-2026;2;ziek", "Het leerlingnummer ontbreekt"),
    ("leerlingnummer;datum;uren;code", "1001;14-09-2026;2;XYZ", "De code 'XYZ' is onbekend"),
    ("leerlingnummer;datum;uren;code;geoorloofd", "1001;14-09-2026;2;XYZ;misschien", "Kolom geoorloofd"),
    ("leerlingnummer;datum;uren;code", "1001;14-09-2026;2;", "De reden (of code) ontbreekt"),
    ("leerlingnummer;datum;uren;reden", "1001;14-09-2026;0;ziek", "0 uur kan niet"),
    ("leerlingnummer;datum;uren;reden", "1001;14-09-2026;-1;ziek", "-1 uur kan niet"),
    ("leerlingnummer;datum;uren;reden", "1001;14-09-2026;25;ziek", "25 uur kan niet"),
    ("leerlingnummer;datum;uren;reden", "1001;14-09-2026;twee;ziek", "'twee' is geen getal"),
    ("leerlingnummer;datum;uren;reden", "1001;14-09-2026;;ziek", "Vul het aantal uren in"),
    ("leerlingnummer;datum;lesuur;code", "1001;14-09-2026;;Z", "Vul het lesuur in"),
    ("leerlingnummer;datum;uren;reden", "1001;31-02-2026;2;ziek", "bestaat niet"),
    ("leerlingnummer;datum;uren;reden", "1001;14-09-26;2;ziek", "vier cijfers"),
    ("leerlingnummer;datum;uren;reden", "1001;;2;ziek", "Vul een datum in"),
    # outside any plausible school year: older than 5 school years, or after this school year
    ("leerlingnummer;datum;uren;reden", "1001;31-07-2021;2;ziek", "buiten de schooljaren"),
    ("leerlingnummer;datum;uren;reden", "1001;01-08-2027;2;ziek", "buiten de schooljaren"),
    ("leerlingnummer;datum;uren;reden", "1001;14-09-2062;2;ziek", "buiten de schooljaren"),
])
def test_a_bad_row(tmp_path, kop, regel, melding):
    pad = bestand(tmp_path, kop, "1002;14-09-2026;1;ziek" if "lesuur" not in kop else "1002;14-09-2026;1;Z", regel)
    gelezen = lees(pad)
    assert len(gelezen.rijen) == 1
    [fout] = gelezen.fouten
    assert fout.regel == 3
    assert melding in fout.melding


def test_the_edges_of_the_plausible_period_are_fine(tmp_path):
    assert plausibele_periode(VANDAAG) == (date(2021, 8, 1), date(2027, 7, 31))
    pad = bestand(tmp_path, "leerlingnummer;datum;uren;reden", "1001;02-08-2021;2;ziek", "1001;30-07-2027;2;ziek")
    assert lees(pad).fouten == []


def test_several_problems_in_one_row_are_named_together(tmp_path):
    pad = bestand(tmp_path, "leerlingnummer;datum;uren;code", "4711;14-09-2062;0;XYZ")
    [fout] = lees(pad).fouten
    assert "4711" in fout.melding and "buiten de schooljaren" in fout.melding
    assert "0 uur" in fout.melding and "XYZ" in fout.melding


@pytest.mark.parametrize("kop, regels, melding", [
    ("leerlingnummer;datum;uren;reden", ["1001;14-09-2026;2;ziek", "1001;14-09-2026;2;ziek"],
     "herhaalt regel 2 (zelfde leerling, datum en code ziek)"),
    ("leerlingnummer;datum;uren;code", ["1001;14-09-2026;2;Z", "1001;2026-09-14;1;z"],
     "herhaalt regel 2 (zelfde leerling, datum en code z)"),
    ("leerlingnummer;datum;lesuur;code", ["1001;14-09-2026;3;A", "1001;14-09-2026;3;Z"],
     "herhaalt regel 2 (zelfde leerling, datum en lesuur 3)"),
])
def test_a_repeated_row_is_an_error(tmp_path, kop, regels, melding):
    gelezen = lees(bestand(tmp_path, kop, *regels))
    assert len(gelezen.rijen) == 1
    [fout] = gelezen.fouten
    assert (fout.regel, melding in fout.melding) == (3, True), fout.melding


def test_values_seen_on_a_good_line_do_not_hide_errors_on_later_lines(tmp_path):
    # The reader remembers the values of good lines (to skip their checks on the next 150,000); a bad value,
    # or a code only the column geoorloofd decided, is checked again on every line that has it.
    pad = bestand(tmp_path, "leerlingnummer;datum;lesuur;code;geoorloofd",
                  "1001;14-09-2026;1;XYZ;N",
                  "4711;14-09-2026;2;Z;",
                  "1001;14-09-2026;2;Z;",
                  "4711;14-09-2026;3;Z;",
                  "1001;14-09-2026;3;XYZ;",
                  "1001;14-09-2062;4;Z;",
                  "1001;14-09-2062;5;Z;",
                  "1002;14-09-2026;2;Z;")
    gelezen = lees(pad)
    assert [(f.regel, f.melding.split(" ")[:2]) for f in gelezen.fouten] == [
        (3, ["Leerlingnummer", "4711"]), (5, ["Leerlingnummer", "4711"]), (6, ["De", "code"]),
        (7, ["De", "datum"]), (8, ["De", "datum"])]
    assert [(r.regel, r.reden) for r in gelezen.rijen] == [(2, ONG), (4, ZIEK), (9, ZIEK)]


@pytest.mark.parametrize("kop, regels, fout_regel", [
    # 24 hours a day is the most: per line, and summed over the lines of one student's day
    ("leerlingnummer;datum;uren;reden", ["1001;14-09-2026;20;ziek", "1001;14-09-2026;4;verlof",
                                         "1001;14-09-2026;0,5;ongeoorloofd"], 4),
    ("leerlingnummer;datum;lesuur;code", [f"1001;14-09-2026;{u};A" for u in range(1, 26)], 26),
])
def test_more_than_24_hours_on_a_day(tmp_path, kop, regels, fout_regel):
    gelezen = lees(bestand(tmp_path, kop, *regels))
    [fout] = gelezen.fouten
    assert fout.regel == fout_regel and "meer dan 24 uur" in fout.melding
    assert sum(r.uren for r in gelezen.rijen) == 24


def test_different_students_and_days_do_not_add_up(tmp_path):
    regels = [f"{nr};{d}-09-2026;12;ziek" for nr in ("1001", "1002") for d in (14, 15)]
    assert lees(bestand(tmp_path, "leerlingnummer;datum;uren;reden", *regels)).fouten == []


def test_errors_do_not_stop_reading_and_keep_line_numbers(tmp_path):
    pad = bestand(tmp_path, "leerlingnummer;datum;uren;reden", "1001;14-09-2026;2;ziek", "", "4711;14-09-2026;2;ziek",
                  "1002;15-09-2026;2;ziek")
    gelezen = lees(pad)
    assert [f.regel for f in gelezen.fouten] == [4]
    assert [r.regel for r in gelezen.rijen] == [2, 5]


def test_the_latest_date_counts_skipped_lines_but_not_impossible_dates(tmp_path):
    pad = bestand(tmp_path, "leerlingnummer;datum;lesuur;code", "1001;14-09-2026;1;A", "1001;18-09-2026;1;T",
                  "1001;18-09-2062;1;A")
    assert lees(pad).laatste_datum == date(2026, 9, 18)


@pytest.mark.parametrize("kop, ontbreekt", [
    ("datum;uren;reden", "'leerlingnummer'"),
    ("leerlingnummer;uren;reden", "'datum'"),
    ("leerlingnummer;datum;uren", "'reden' (of 'code')"),
    ("leerlingnummer;datum;reden", "'uren' (of 'lesuur', of een periode: 'begindatum' en 'einddatum')"),
    ("leerlingnummer;begindatum;reden", "'einddatum' (bij een begindatum)"),
])
def test_a_missing_column_is_named(tmp_path, kop, ontbreekt):
    pad = bestand(tmp_path, kop, "1001;14-09-2026;2")
    with pytest.raises(InvoerFout) as exc:
        lees(pad)
    assert ontbreekt in str(exc.value) and "leerlingnummer;datum;uren;reden" in str(exc.value)


def test_progress_is_reported(tmp_path):
    pad = bestand(tmp_path, "leerlingnummer;datum;uren;reden", "1001;14-09-2026;0,1;ziek")
    stappen = []
    lees_verzuim(pad, NUMMERS, STANDAARD, VANDAAG, lambda done, total: stappen.append((done, total)))
    assert stappen and stappen[-1][0] == stappen[-1][1]


# --- periods (Somtoday): begin and end → lesuren per lesdag ------------------------------------------

PERIODE_KOP = "Leerlingnummer;Begindatum;Begintijd;Einddatum;Eindtijd;Absentiereden"


def test_periods_become_hours_per_lesdag(tmp_path):
    pad = bestand(tmp_path, PERIODE_KOP,
                  "1001;14-09-2026;08:30;14-09-2026;12:10;Ziek",          # lesuren 1–4
                  "1001;14-09-2026;12:40;14-09-2026;16:15;Verlof",        # 5–8, but the day is full at 6
                  "1002;18-09-2026;12:40;21-09-2026;10:10;Spijbelen",     # Friday 4, Monday 2
                  "1003;19-09-2026;;20-09-2026;;Ziek")                    # only the weekend
    gelezen = lees(pad)
    assert gelezen.fouten == []
    assert gelezen.rijen == [
        rij(2, "1001", date(2026, 9, 14), 4.0, ZIEK, "Ziek"),
        rij(3, "1001", date(2026, 9, 14), 2.0, VERLOF, "Verlof"),
        rij(4, "1002", date(2026, 9, 18), 4.0, ONG, "Spijbelen"),
        rij(4, "1002", date(2026, 9, 21), 2.0, ONG, "Spijbelen"),
    ]
    assert gelezen.dagen == {("1001", date(2026, 9, 14)), ("1002", date(2026, 9, 18)), ("1002", date(2026, 9, 21))}
    assert [(f.regel, f.melding) for f in gelezen.buiten_lesuren] == [
        (5, "De periode 19-09-2026 00:00 tot 21-09-2026 00:00 valt niet in de lesuren van een lesdag en telt niet "
            "mee.")]
    assert gelezen.laatste_datum == date(2026, 9, 21)


def test_periods_as_date_and_time_cells_in_one_column(tmp_path):
    pad = tmp_path / "perioden.xlsx"
    werkmap = openpyxl.Workbook()
    werkmap.active.append(["Stamnr", "Van", "Tot", "Code"])
    werkmap.active.append([1001, datetime(2026, 9, 14, 10, 30), datetime(2026, 9, 14, 12, 10), "Z"])
    werkmap.active.append([1002, date(2026, 9, 15), date(2026, 9, 15), "S"])  # whole day
    werkmap.save(pad)
    gelezen = lees(pad)
    assert gelezen.fouten == []
    assert gelezen.rijen == [rij(2, "1001", date(2026, 9, 14), 2.0, ZIEK, "Z"),
                             rij(3, "1002", date(2026, 9, 15), 6.0, ONG, "S")]


def test_the_school_s_lesrooster_is_used(tmp_path):
    pad = bestand(tmp_path, PERIODE_KOP, "1001;14-09-2026;08:00;14-09-2026;17:00;Ziek")
    rooster = Lesrooster(lesuurtijden([("8:30", "9:30"), ("9:30", "10:30")]), lambda d: d.weekday() < 5, 8.0)
    assert lees_verzuim(pad, NUMMERS, STANDAARD, VANDAAG, rooster=rooster).rijen == [
        rij(2, "1001", date(2026, 9, 14), 2.0, ZIEK, "Ziek")]
    vrij = Lesrooster(is_lesdag=lambda d: d != date(2026, 9, 14))
    assert lees_verzuim(pad, NUMMERS, STANDAARD, VANDAAG, rooster=vrij).rijen == []


@pytest.mark.parametrize("regel, melding", [
    ("1001;14-09-2026;10:00;14-09-2026;09:00;Ziek",
     "Het einde (14-09-2026 09:00) ligt niet na het begin (14-09-2026 10:00). Controleer de datums en tijden."),
    ("1001;14-09-2026;10:00;;;Ziek",
     "De einddatum ontbreekt. Een melding die nog loopt, kan niet geteld worden: maak de export tot en met een "
     "bepaalde dag, of vul de einddatum in."),
    ("1001;14-09-2026;25:00;14-09-2026;;Ziek",
     "Begin: de tijd '25:00' bestaat niet. Schrijf de tijd als UU:MM, bijvoorbeeld 09:20."),
    ("1001;14-09-2026;half tien;14-09-2026;;Ziek",
     "Begin: 'half tien' is geen tijd. Schrijf de tijd als UU:MM, bijvoorbeeld 09:20."),
    ("1001;14-09-2026;;31-09-2026;;Ziek",
     "Einde: de datum '31-09-2026' bestaat niet. Controleer dag en maand (DD-MM-JJJJ, bijvoorbeeld 05-03-2011)."),
    ("1001;14-09-2025;;14-10-2026;;Ziek", "Deze periode is langer dan een jaar. Controleer de datums."),
    ("1001;14-09-2019;;15-09-2019;;Ziek",
     "De datum 14-09-2019 valt buiten de schooljaren die kunnen kloppen (01-08-2021 tot en met 31-07-2027). "
     "Controleer het jaartal."),
    ("1001;;;14-09-2026;;Ziek", "Vul de begindatum in."),
])
def test_a_period_that_cannot_be_counted_is_a_row_error(tmp_path, regel, melding):
    gelezen = lees(bestand(tmp_path, PERIODE_KOP, regel))
    assert [(f.regel, f.melding) for f in gelezen.fouten] == [(2, melding)]
    assert gelezen.rijen == [] and gelezen.dagen == set()


def test_overlapping_periods_of_one_student_are_an_error(tmp_path):
    pad = bestand(tmp_path, PERIODE_KOP,
                  "1001;14-09-2026;08:30;14-09-2026;12:10;Ziek",
                  "1002;14-09-2026;08:30;14-09-2026;12:10;Ziek",
                  "1001;14-09-2026;12:00;14-09-2026;14:00;Verlof",
                  "1001;14-09-2026;12:10;14-09-2026;14:20;Verlof",  # touching is fine
                  "1002;14-09-2026;08:30;14-09-2026;08:40;Te laat")  # not absence: no overlap
    gelezen = lees(pad)
    assert [(f.regel, f.melding) for f in gelezen.fouten] == [
        (4, "Deze periode overlapt met regel 2 (zelfde leerling). Haal een van de twee weg, of verbeter de tijden.")]
    assert [r.regel for r in gelezen.rijen] == [2, 3, 5]
    assert gelezen.overgeslagen == 1


def test_leading_zeros_and_excel_decimals_find_the_student(tmp_path):
    pad = bestand(tmp_path, "Stamnr;Datum;Lesuur;Absentiecode",
                  "0001001;14-09-2026;1;A", "1002.0;14-09-2026;1;A", "01004;14-09-2026;1;A")
    gelezen = lees(pad)
    assert [(r.leerlingnummer, r.regel) for r in gelezen.rijen] == [("1001", 2), ("1002", 3)]
    assert [(f.regel, f.melding) for f in gelezen.fouten] == [
        (4, "Leerlingnummer 01004 staat niet in het leerlingenregister. Importeer eerst de leerlingen, of verbeter "
            "het nummer.")]
