"""The student file parser: rows → Leerling, row errors, duplicates, unknown columns, merging."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from thuiszit_desktop.domain.errors import InvoerFout
from thuiszit_desktop.domain.leerling import Leerling, Ouder, Relatie, Vrijstelling, VrijstellingType
from thuiszit_desktop.importers.leerlingen import GelezenLeerling, lees_leerlingen, samenvoegen, verschillen

VANDAAG = date(2026, 11, 23)
KOP = "leerlingnummer;voornaam;tussenvoegsel;achternaam;geboortedatum;klas;mentor"


def bestand(tmp_path: Path, *regels: str, naam: str = "leerlingen.csv", codering: str = "utf-8") -> Path:
    pad = tmp_path / naam
    pad.write_bytes(("\n".join(regels) + "\n").encode(codering))
    return pad


def test_a_complete_row(tmp_path):
    pad = bestand(
        tmp_path,
        "Leerlingnummer;Voornaam;Tussenvoegsel;Achternaam;Geboortedatum;Klas;Mentor;Inschrijfdatum;"
        "Uitschrijfdatum;Bestemming;Startkwalificatie;Vrijstelling;Vrijstelling_van;Vrijstelling_tot;BSN;"
        "Onderwijsnummer",
        "1001; Zoë ;;Çelik;05-03-2011;2A; J.  de Vries ;1-8-2023;2026-12-01;Het Noorderlicht;nee;5a;01/08/2026;"
        "31-07-2027;123 456 782;101234564")
    gelezen = lees_leerlingen(pad, VANDAAG)
    assert gelezen.fouten == []
    assert gelezen.onbekende_kolommen == []
    [rij] = gelezen.leerlingen
    assert rij.regel == 2
    assert rij.leerling == Leerling(
        leerlingnummer="1001", achternaam="Çelik", geboortedatum=date(2011, 3, 5), inschrijfdatum=date(2023, 8, 1),
        voornaam="Zoë", klas="2A", mentor="J. de Vries", uitschrijfdatum=date(2026, 12, 1),
        bestemming="Het Noorderlicht", startkwalificatie=False, bsn="123456782", onderwijsnummer="101234564",
        vrijstellingen=(Vrijstelling(VrijstellingType.ART_5A, date(2026, 8, 1), date(2027, 7, 31)),))
    assert "vrijstelling" not in gelezen.velden and "leerlingnummer" not in gelezen.velden
    assert {"klas", "mentor", "bsn", "startkwalificatie", "inschrijfdatum"} <= gelezen.velden


def test_stamnummer_is_the_key_when_there_is_no_leerlingnummer(tmp_path):
    pad = bestand(tmp_path, "Stamnummer,Achternaam,Geboortedatum", "  A-17 ,Öztürk,2012-01-31")
    [rij] = lees_leerlingen(pad, VANDAAG).leerlingen
    assert rij.leerling.leerlingnummer == "A-17"


@pytest.mark.parametrize("vandaag, inschrijving", [(date(2026, 11, 23), date(2026, 8, 1)),
                                                   (date(2027, 3, 1), date(2026, 8, 1)),
                                                   (date(2027, 8, 1), date(2027, 8, 1))])
def test_inschrijfdatum_defaults_to_the_start_of_the_current_school_year(tmp_path, vandaag, inschrijving):
    pad = bestand(tmp_path, "leerlingnummer;achternaam;geboortedatum;inschrijfdatum", "1;Çelik;05-03-2011;")
    [rij] = lees_leerlingen(pad, vandaag).leerlingen
    assert rij.leerling.inschrijfdatum == inschrijving
    assert "inschrijfdatum" not in rij.gevuld


@pytest.mark.parametrize("kopregel, ontbreekt", [
    ("voornaam;achternaam;geboortedatum", "'leerlingnummer'"),
    ("leerlingnummer;voornaam;geboortedatum", "'achternaam'"),
    ("leerlingnummer;achternaam;leeftijd", "'geboortedatum'"),
    ("naam;klas", "'leerlingnummer', 'achternaam' en 'geboortedatum'"),
])
def test_a_missing_required_column_is_an_error_for_the_whole_file(tmp_path, kopregel, ontbreekt):
    pad = bestand(tmp_path, kopregel, ";".join(["x"] * len(kopregel.split(";"))))
    with pytest.raises(InvoerFout) as exc:
        lees_leerlingen(pad, VANDAAG)
    melding = str(exc.value)
    assert ontbreekt in melding
    assert "Gevonden kolommen:" in melding and "bijvoorbeeld: leerlingnummer;" in melding


@pytest.mark.parametrize("regel, reden", [
    (";Zoë;;Çelik;05-03-2011;2A;", "Vul het leerlingnummer in."),
    ("1001;Zoë;;;05-03-2011;2A;", "Vul de achternaam in."),
    ("1001;Zoë;;Çelik;;2A;", "Vul de geboortedatum in."),
    ("1001;Zoë;;Çelik;5 maart 2011;2A;", "geboortedatum: '5 maart 2011' is geen datum"),
    ("1001;Zoë;;Çelik;31-02-2011;2A;", "geboortedatum: de datum '31-02-2011' bestaat niet"),
    ("1001;Zoë;;Çelik;05-03-11;2A;", "geboortedatum: '05-03-11': schrijf het jaar met vier cijfers"),
    ("1001;Zoë;;Çelik;05-03-1911;2A;", "Deze geboortedatum kan niet kloppen"),
    ("1001;Zoë;;Çelik;05-03-2026;2A;", "Deze geboortedatum kan niet kloppen"),
    ("123456789012345678901;Zoë;;Çelik;05-03-2011;2A;", "te lang"),
    ("1001;Zoë;;Çelik;05-03-2011;2A;;extra;waarden", "2 waarden meer dan er kolommen zijn"),
])
def test_bad_rows_get_their_reason(tmp_path, regel, reden):
    pad = bestand(tmp_path, KOP, "1000;Daniël;van;Dijk;07-03-2011;2B;", regel)
    gelezen = lees_leerlingen(pad, VANDAAG)
    assert [r.leerling.leerlingnummer for r in gelezen.leerlingen] == ["1000"]
    [fout] = gelezen.fouten
    assert fout.regel == 3
    assert reden in fout.melding


@pytest.mark.parametrize("kolommen, waarden, reden", [
    ("startkwalificatie", "misschien", "startkwalificatie: 'misschien' is geen ja of nee"),
    ("bsn", "123456789", "Dit BSN klopt niet"),
    ("onderwijsnummer", "101234565", "Dit onderwijsnummer klopt niet"),
    ("inschrijfdatum;uitschrijfdatum", "01-08-2026;01-08-2025", "De uitschrijfdatum moet na de inschrijfdatum"),
    ("inschrijfdatum", "01-01-2010", "De inschrijfdatum ligt vóór de geboortedatum"),
    ("uitschrijfdatum", "31-13-2026", "uitschrijfdatum: de datum '31-13-2026' bestaat niet"),
    ("vrijstelling;vrijstelling_van", "6b;01-08-2026", "vrijstelling: '6b' is onbekend. Vul 5a, 5b, 5c"),
    ("vrijstelling;vrijstelling_van", "5a;", "Vul bij een vrijstelling ook vrijstelling_van in"),
    ("vrijstelling", "5c", "Vul bij een vrijstelling ook vrijstelling_van in"),
    ("vrijstelling;vrijstelling_van", "15;1 augustus", "vrijstelling_van: '1 augustus' is geen datum"),
    ("vrijstelling;vrijstelling_van;vrijstelling_tot", "5b;01-08-2026;01-08-20", "vrijstelling_tot: "),
    ("vrijstelling;vrijstelling_van;vrijstelling_tot", "5b;01-08-2026;31-07-2026",
     "Vrijstelling 5b: de einddatum ligt vóór de begindatum"),
])
def test_bad_values_in_optional_columns(tmp_path, kolommen, waarden, reden):
    pad = bestand(tmp_path, f"leerlingnummer;achternaam;geboortedatum;{kolommen}", f"7;Çelik;05-03-2011;{waarden}")
    gelezen = lees_leerlingen(pad, VANDAAG)
    assert gelezen.leerlingen == []
    [fout] = gelezen.fouten
    assert (fout.regel, reden in fout.melding) == (2, True), fout.melding


def test_every_problem_of_a_row_is_named_at_once(tmp_path):
    pad = bestand(tmp_path, "leerlingnummer;achternaam;geboortedatum;startkwalificatie", ";;2011-02-30;soms")
    [fout] = lees_leerlingen(pad, VANDAAG).fouten
    for reden in ("Vul het leerlingnummer in.", "Vul de achternaam in.", "bestaat niet", "geen ja of nee"):
        assert reden in fout.melding


@pytest.mark.parametrize("tekst, soort", [("5a", "5a"), ("5A", "5a"), ("art. 5b", "5b"), ("Artikel 5c", "5c"),
                                          ("5a-trekkend", "5a-trekkend"), ("5a trekkend", "5a-trekkend"),
                                          ("15", "15")])
def test_vrijstelling_spellings(tmp_path, tekst, soort):
    pad = bestand(tmp_path, "leerlingnummer;achternaam;geboortedatum;vrijstelling;vrijstelling van",
                  f"7;Çelik;05-03-2011;{tekst};01-08-2026")
    [rij] = lees_leerlingen(pad, VANDAAG).leerlingen
    assert rij.vrijstelling == Vrijstelling(VrijstellingType(soort), date(2026, 8, 1), None)


@pytest.mark.parametrize("tekst, waarde", [("ja", True), ("J", True), ("nee", False), ("N", False)])
def test_startkwalificatie_ja_nee(tmp_path, tekst, waarde):
    pad = bestand(tmp_path, "leerlingnummer;achternaam;geboortedatum;startkwalificatie", f"7;Çelik;05-03-2011;{tekst}")
    [rij] = lees_leerlingen(pad, VANDAAG).leerlingen
    assert rij.leerling.startkwalificatie is waarde


def test_a_repeated_leerlingnummer_is_an_error_on_the_later_line(tmp_path):
    pad = bestand(tmp_path, KOP,
                  "1001;Zoë;;Çelik;05-03-2011;2A;",
                  "1002;Daniël;van;Dijk;07-03-2011;2B;",
                  "1003;Fatima;;El Idrissi;12-11-2012;1C;",
                  " 1001 ;Aïcha;;Bakker;01-02-2012;1D;",
                  "1003;Fatima;;El Idrissi;12-11-2012;1C;",
                  "001002;Daan;;Dijkstra;07-03-2011;2B;")
    gelezen = lees_leerlingen(pad, VANDAAG)
    assert [r.leerling.achternaam for r in gelezen.leerlingen] == ["Çelik", "Dijk", "El Idrissi"]
    een = "Haal een van de twee regels weg."
    assert [(f.regel, f.melding) for f in gelezen.fouten] == [
        (5, f"Leerlingnummer 1001 is dubbel: staat ook op regel 2. {een}"),
        (6, f"Leerlingnummer 1003 is dubbel: staat ook op regel 4. {een}"),
        (7, f"Leerlingnummer 1002 is dubbel: staat ook op regel 3 (daar als 1002, hier als 001002). {een}"),
    ]


def test_a_repeat_of_a_bad_row_is_still_a_duplicate(tmp_path):
    pad = bestand(tmp_path, KOP, "1001;Zoë;;Çelik;31-02-2011;2A;", "1001;Zoë;;Çelik;28-02-2011;2A;")
    gelezen = lees_leerlingen(pad, VANDAAG)
    assert gelezen.leerlingen == []
    assert [f.regel for f in gelezen.fouten] == [2, 3]
    assert "dubbel: staat ook op regel 2" in gelezen.fouten[1].melding


def test_unknown_columns_are_listed_by_name(tmp_path):
    pad = bestand(tmp_path, "Leerlingnummer;Achternaam;Geboortedatum;Lievelingsvak;E-mail ouder;Klas",
                  "1;Çelik;05-03-2011;Gym;ouder@example.org;2A")
    gelezen = lees_leerlingen(pad, VANDAAG)
    assert gelezen.onbekende_kolommen == ["Lievelingsvak", "E-mail ouder"]
    assert gelezen.leerlingen[0].leerling.klas == "2A"


def test_windows_1252_names_come_through(tmp_path):
    pad = bestand(tmp_path, KOP, "1;Zoë;;Çelik;05-03-2011;2A;Daniël Öztürk", codering="cp1252")
    [rij] = lees_leerlingen(pad, VANDAAG).leerlingen
    assert (rij.leerling.voornaam, rij.leerling.achternaam, rij.leerling.mentor) == ("Zoë", "Çelik", "Daniël Öztürk")


def test_xlsx_student_list(tmp_path):
    werkmap = openpyxl.Workbook()
    blad = werkmap.active
    blad.append(["Stamnummer", "Achternaam", "Geboortedatum", "Startkwalificatie", "BSN"])
    blad.append([1001, "Çelik", date(2011, 3, 5), "J", 123456782])
    blad.append([1002, "Nguyễn", "7-3-2011", None, None])
    werkmap.save(tmp_path / "leerlingen.xlsx")
    gelezen = lees_leerlingen(tmp_path / "leerlingen.xlsx", VANDAAG)
    assert gelezen.fouten == []
    eerste, tweede = (r.leerling for r in gelezen.leerlingen)
    assert (eerste.leerlingnummer, eerste.geboortedatum, eerste.startkwalificatie, eerste.bsn) == (
        "1001", date(2011, 3, 5), True, "123456782")
    assert (tweede.achternaam, tweede.geboortedatum) == ("Nguyễn", date(2011, 3, 7))


def test_progress_is_reported(tmp_path):
    regels = [KOP] + [f"{i};Zoë;;Çelik;05-03-2011;2A;" for i in range(1000)]
    meldingen = []
    lees_leerlingen(bestand(tmp_path, *regels), VANDAAG, lambda done, total: meldingen.append((done, total)))
    assert len(meldingen) >= 2
    assert meldingen[-1][0] == meldingen[-1][1]


# --- merging with the register ----------------------------------------------------------------------

BESTAAND = Leerling(
    leerlingnummer="1001", achternaam="Çelik", geboortedatum=date(2011, 3, 5), inschrijfdatum=date(2023, 8, 1),
    voornaam="Zoë", klas="2A", mentor="J. de Vries", startkwalificatie=True, bsn="123456782",
    vrijstellingen=(Vrijstelling(VrijstellingType.ART_5A, date(2025, 8, 1), date(2026, 7, 31)),),
    ouders=(Ouder("Ayşe Çelik", Relatie.MOEDER, "06-12345678"),), id=7)


def gelezen_uit(tmp_path, kop: str, regel: str):
    gelezen = lees_leerlingen(bestand(tmp_path, kop, regel), VANDAAG)
    assert gelezen.fouten == []
    return gelezen.leerlingen[0], gelezen.velden


def test_merge_changes_only_the_columns_in_the_file(tmp_path):
    rij, velden = gelezen_uit(tmp_path, "leerlingnummer;achternaam;geboortedatum;klas", "1001;Çelik;05-03-2011;3A")
    nieuw = samenvoegen(BESTAAND, rij, velden)
    assert nieuw == replace(BESTAAND, klas="3A")
    assert nieuw.id == 7
    assert verschillen(BESTAAND, nieuw) == ["klas: 2A → 3A"]


def test_empty_cells_keep_hand_entered_numbers_but_clear_other_fields(tmp_path):
    rij, velden = gelezen_uit(tmp_path, "leerlingnummer;achternaam;geboortedatum;klas;mentor;bsn;startkwalificatie;"
                                        "inschrijfdatum", "1001;Çelik;05-03-2011;;;;;")
    nieuw = samenvoegen(BESTAAND, rij, velden)
    assert (nieuw.bsn, nieuw.startkwalificatie, nieuw.inschrijfdatum) == ("123456782", True, date(2023, 8, 1))
    assert (nieuw.klas, nieuw.mentor) == ("", "")
    assert verschillen(BESTAAND, nieuw) == ["klas: 2A → (leeg)", "mentor: J. de Vries → (leeg)"]


def test_a_vrijstelling_starting_the_same_day_is_updated_another_is_added(tmp_path):
    kop = "leerlingnummer;achternaam;geboortedatum;vrijstelling;vrijstelling_van;vrijstelling_tot"
    rij, velden = gelezen_uit(tmp_path, kop, "1001;Çelik;05-03-2011;5a;01-08-2025;")
    nieuw = samenvoegen(BESTAAND, rij, velden)
    assert nieuw.vrijstellingen == (Vrijstelling(VrijstellingType.ART_5A, date(2025, 8, 1), None),)
    assert verschillen(BESTAAND, nieuw) == ["vrijstelling 5a vanaf 01-08-2025: einddatum 31-07-2026 → (leeg)"]

    rij, velden = gelezen_uit(tmp_path, kop, "1001;Çelik;05-03-2011;5a;01-08-2026;31-07-2027")
    nieuw = samenvoegen(BESTAAND, rij, velden)
    assert nieuw.vrijstellingen == (BESTAAND.vrijstellingen[0],
                                    Vrijstelling(VrijstellingType.ART_5A, date(2026, 8, 1), date(2027, 7, 31)))
    assert verschillen(BESTAAND, nieuw) == ["vrijstelling 5a vanaf 01-08-2026 t/m 31-07-2027 erbij"]
    assert nieuw.ouders == BESTAAND.ouders


def test_an_empty_vrijstelling_cell_leaves_existing_ones(tmp_path):
    rij, velden = gelezen_uit(tmp_path, "leerlingnummer;achternaam;geboortedatum;vrijstelling;vrijstelling_van",
                              "1001;Çelik;05-03-2011;;")
    assert samenvoegen(BESTAAND, rij, velden) == BESTAAND


def test_a_new_student_is_the_row_itself(tmp_path):
    rij, velden = gelezen_uit(tmp_path, KOP, "2001;Daniël;van;Dijk;07-03-2011;2B;M. El Amrani")
    assert isinstance(rij, GelezenLeerling)
    assert samenvoegen(None, rij, velden) is rij.leerling


@pytest.mark.slow
def test_a_20_mb_student_file(tmp_path):
    regels = [KOP + ";bestemming"]
    grootte, n = 0, 0
    while grootte < 20_000_000:
        regel = (f"{n};Zoë;van der;Çelik-de Boer;{1 + n % 28:02d}-{1 + n % 12:02d}-2011;{n % 6 + 1}A;"
                 f"J. de Vries;Een andere school in de buurt")
        regels.append(regel)
        grootte += len(regel.encode()) + 1
        n += 1
    regels[1000] = "17;Daniël;;Dijk;31-02-2011;1A;;"  # one bad row, and a duplicate of row 19
    pad = bestand(tmp_path, *regels, naam="groot.csv")
    del regels
    gelezen = lees_leerlingen(pad, VANDAAG)
    assert len(gelezen.leerlingen) == n - 1
    assert [f.regel for f in gelezen.fouten] == [1001]
    assert "bestaat niet" in gelezen.fouten[0].melding and "dubbel: staat ook op regel 19" in gelezen.fouten[0].melding
