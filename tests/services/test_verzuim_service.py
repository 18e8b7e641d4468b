"""VerzuimService on a real encrypted database: the import with preview, hand entry, the code table,
DUO meldingen and M@zl-acties, and how the signals react to them."""

from __future__ import annotations

import gc
from datetime import date
from pathlib import Path

import pytest

from thuiszit_desktop.db import models as m
from thuiszit_desktop.domain.errors import GeenToegang, InvoerFout, NietGevonden
from thuiszit_desktop.domain.gebruiker import Gebruiker, Rol
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.domain.signalen import SignaalSoort
from thuiszit_desktop.domain.verzuim import MeldingSoort, Reden
from thuiszit_desktop.domain.verzuimcodes import STANDAARD
from thuiszit_desktop.services import verzuim as verzuim_service
from thuiszit_desktop.services.context import Context
from thuiszit_desktop.services.toegang import beveilig
from thuiszit_desktop.services.verzuim import VerzuimImportFout, VerzuimService

pytestmark = pytest.mark.beide_stores  # and on the shared school database (issue 18)

VANDAAG = date(2026, 11, 23)
P = date(2026, 10, 30)  # peildatum for the signals: a Friday after the herfstvakantie (midden)
KOP = "leerlingnummer;datum;uren;reden"
ONG, ZIEK, VERLOF = Reden.ONGEOORLOOFD, Reden.ZIEK, Reden.VERLOF


def d(dag: int, maand: int, jaar: int = 2026) -> date:
    return date(jaar, maand, dag)


@pytest.fixture
def school(services):
    for nummer, voornaam, tussen, achternaam in (("1001", "Zoë", "", "Bakker"), ("1002", "Mehmet", "", "Çelik"),
                                                 ("1003", "Daniël", "de", "Jong")):
        services.leerlingen.opslaan(Leerling(leerlingnummer=nummer, voornaam=voornaam, tussenvoegsel=tussen,
                                             achternaam=achternaam, geboortedatum=date(2012, 3, 5),
                                             inschrijfdatum=date(2024, 8, 1)), VANDAAG)
    return services


def csv(tmp_path: Path, *regels: str, kop: str = KOP, naam: str = "verzuim.csv") -> Path:
    pad = tmp_path / naam
    pad.write_text("\n".join([kop, *regels]) + "\n", encoding="utf-8")
    return pad


def importeer(services, pad: Path, **kw):
    return services.verzuim.importeren(pad, vandaag=VANDAAG, **kw)


def rijen() -> list[tuple]:
    """The verzuim table, as (id, leerlingnummer, datum, uren, reden, bron, code)."""
    query = (m.Verzuim.select(m.Verzuim.id, m.Leerling.leerlingnummer, m.Verzuim.datum, m.Verzuim.uren,
                              m.Verzuim.reden, m.Verzuim.bron, m.Verzuim.code)
             .join(m.Leerling).order_by(m.Leerling.leerlingnummer, m.Verzuim.datum, m.Verzuim.reden, m.Verzuim.code))
    return list(query.tuples())


def inhoud() -> list[tuple]:
    return [r[1:] for r in rijen()]


# --- import -----------------------------------------------------------------------------------------

def test_the_file_is_read_with_the_collector_of_cycles_off_and_it_is_on_again_after(school, tmp_path, monkeypatch):
    """Issue 16: its collections walked the import's rows again and again (services/geheugen.py)."""
    lezen, aan = verzuim_service.lees_verzuim, []
    monkeypatch.setattr(verzuim_service, "lees_verzuim", lambda *a, **kw: aan.append(gc.isenabled()) or lezen(*a, **kw))
    pad = csv(tmp_path, "1001;14-09-2026;2;ziek")
    school.verzuim.voorbeeld(pad, vandaag=VANDAAG)
    importeer(school, pad)
    with pytest.raises(VerzuimImportFout):  # a file with an error: nothing written, and on again all the same
        importeer(school, csv(tmp_path, "9999;14-09-2026;2;ziek", naam="fout.csv"))
    assert aan == [False, False, False] and gc.isenabled()


def test_the_preview_counts_and_writes_nothing(school, tmp_path):
    pad = csv(tmp_path, "1001;14-09-2026;2;ziek", "1001;14-09-2026;1;ongeoorloofd", "1002;15-09-2026;6;verlof",
              kop="leerlingnummer;datum;uren;reden;opmerking")
    voorbeeld = school.verzuim.voorbeeld(pad, vandaag=VANDAAG)
    assert (voorbeeld.regels, voorbeeld.leerlingen, voorbeeld.dagen_nieuw, voorbeeld.dagen_gewijzigd,
            voorbeeld.dagen_ongewijzigd) == (3, 2, 2, 0, 0)
    assert voorbeeld.bijgewerkt_tot == d(15, 9)
    assert voorbeeld.onbekende_kolommen == ["opmerking"]
    assert voorbeeld.samenvatting == ("3 regels verzuim voor 2 leerlingen: 2 nieuwe dagen, 0 gewijzigd, 0 ongewijzigd; "
                                      "genegeerde kolommen: opmerking. Verzuim bijgewerkt t/m 15-09-2026.")
    assert rijen() == [] and school.signalen.bijgewerkt_tot() is None


def test_importing_the_same_file_twice_changes_nothing_the_second_time(school, tmp_path):
    pad = csv(tmp_path, "1001;14-09-2026;2;ziek", "1001;14-09-2026;1;ongeoorloofd", "1002;15-09-2026;6;verlof")
    eerste = importeer(school, pad)
    assert (eerste.dagen_nieuw, eerste.dagen_gewijzigd, eerste.dagen_ongewijzigd) == (2, 0, 0)
    voor = rijen()
    assert [r[1:] for r in voor] == [("1001", d(14, 9), 1.0, "ongeoorloofd", "import", "ongeoorloofd"),
                                     ("1001", d(14, 9), 2.0, "ziek", "import", "ziek"),
                                     ("1002", d(15, 9), 6.0, "verlof", "import", "verlof")]
    tweede = importeer(school, pad)
    assert (tweede.dagen_nieuw, tweede.dagen_gewijzigd, tweede.dagen_ongewijzigd) == (0, 0, 2)
    assert rijen() == voor  # the very same rows, ids included


def test_per_lesuur_hours_add_up_per_day_reden_and_code(school, tmp_path):
    pad = csv(tmp_path, "1001;14-09-2026;1;A", "1001;14-09-2026;2;A", "1001;14-09-2026;3;S", "1001;14-09-2026;4;T",
              "1001;14-09-2026;5;Z", kop="stamnummer;datum;lesuur;code")
    resultaat = importeer(school, pad)
    assert (resultaat.regels, resultaat.overgeslagen) == (4, 1)
    assert inhoud() == [("1001", d(14, 9), 2.0, "ongeoorloofd", "import", "A"),
                        ("1001", d(14, 9), 1.0, "ongeoorloofd", "import", "S"),
                        ("1001", d(14, 9), 1.0, "ziek", "import", "Z")]
    [dag] = school.verzuim.dagen("1001", d(1, 9), d(30, 9))
    assert (dag.datum, dag.uren, dag.totaal) == (d(14, 9), {ONG: 3.0, ZIEK: 1.0}, 4.0)


def test_an_import_replaces_only_the_imported_verzuim_of_its_days(school, tmp_path):
    importeer(school, csv(tmp_path, "1001;14-09-2026;2;ziek", "1001;15-09-2026;3;ziek", naam="week1.csv"))
    school.verzuim.invoeren("1001", d(14, 9), None, VERLOF, uren=1, opmerking="Tandarts", vandaag=VANDAAG)
    resultaat = importeer(school, csv(tmp_path, "1001;14-09-2026;4;ongeoorloofd", "1001;16-09-2026;1;ziek",
                                      naam="correctie.csv"))
    assert (resultaat.dagen_nieuw, resultaat.dagen_gewijzigd, resultaat.dagen_ongewijzigd) == (1, 1, 0)
    assert inhoud() == [("1001", d(14, 9), 4.0, "ongeoorloofd", "import", "ongeoorloofd"),
                        ("1001", d(14, 9), 1.0, "verlof", "hand", ""),  # hand-entered stays
                        ("1001", d(15, 9), 3.0, "ziek", "import", "ziek"),  # not in the new file: stays
                        ("1001", d(16, 9), 1.0, "ziek", "import", "ziek")]


def test_a_lesuur_corrected_to_te_laat_removes_the_absence(school, tmp_path):
    kop = "leerlingnummer;datum;lesuur;code"
    importeer(school, csv(tmp_path, "1001;14-09-2026;1;A", "1002;14-09-2026;1;Z", kop=kop, naam="1.csv"))
    resultaat = importeer(school, csv(tmp_path, "1001;14-09-2026;1;La", "1002;14-09-2026;1;Z", kop=kop, naam="2.csv"))
    assert (resultaat.dagen_nieuw, resultaat.dagen_gewijzigd, resultaat.dagen_ongewijzigd) == (0, 1, 1)
    assert resultaat.overgeslagen == 1
    assert inhoud() == [("1002", d(14, 9), 1.0, "ziek", "import", "Z")]


@pytest.mark.parametrize("regel, melding", [
    ("4711;16-09-2026;2;ziek", "Leerlingnummer 4711 staat niet in het leerlingenregister"),
    ("1002;16-09-2026;2;XYZ", "De code 'XYZ' is onbekend"),
    ("1002;16-09-2026;0;ziek", "0 uur kan niet"),
    ("1002;16-09-2026;24,5;ziek", "24,5 uur kan niet"),
    ("1001;14-09-2026;23;verlof", "meer dan 24 uur op 14-09-2026"),
    ("1002;16-09-2062;2;ziek", "buiten de schooljaren die kunnen kloppen"),
    ("1001;14-09-2026;2;ziek", "Deze regel herhaalt regel 2"),
])
def test_a_bad_row_means_nothing_is_written(school, tmp_path, regel, melding):
    importeer(school, csv(tmp_path, "1003;01-09-2026;1;ziek", naam="eerder.csv"))
    voor = rijen()
    pad = csv(tmp_path, "1001;14-09-2026;2;ziek", regel, "1002;17-09-2026;2;ongeoorloofd")
    with pytest.raises(VerzuimImportFout) as exc:
        importeer(school, pad)
    [fout] = exc.value.rijfouten
    assert fout.regel == 3 and melding in fout.melding, fout.melding
    assert exc.value.fouten[""].startswith("Er is niets geïmporteerd: 1 regel heeft een fout.")
    assert exc.value.fouten["regel 3"] == fout.melding
    assert rijen() == voor
    assert school.signalen.bijgewerkt_tot() == d(1, 9)


def test_sla_foute_regels_over_imports_the_good_rows(school, tmp_path):
    pad = csv(tmp_path, "1001;14-09-2026;2;ziek", "4711;14-09-2026;2;ziek", "1002;15-09-2026;1;XYZ")
    resultaat = importeer(school, pad, sla_foute_regels_over=True)
    assert [f.regel for f in resultaat.fouten] == [3, 4]
    assert "2 regels met een fout" in resultaat.samenvatting
    assert inhoud() == [("1001", d(14, 9), 2.0, "ziek", "import", "ziek")]
    assert school.signalen.bijgewerkt_tot() == d(15, 9)  # the latest date in the file


def test_only_bad_rows_is_an_error_even_when_skipping_them(school, tmp_path):
    with pytest.raises(VerzuimImportFout):
        importeer(school, csv(tmp_path, "4711;14-09-2026;2;ziek"), sla_foute_regels_over=True)


def test_dates_that_are_not_lesdagen_are_kept_with_a_warning(school, tmp_path):
    school.kalender.vrije_dagen_toevoegen(d(11, 11), d(11, 11), "Studiedag")
    pad = csv(tmp_path, "1001;18-09-2026;2;ziek", "1001;19-09-2026;2;ziek", "1001;20-10-2026;6;ongeoorloofd",
              "1001;11-11-2026;6;ongeoorloofd", "1001;25-12-2026;6;ziek")
    resultaat = importeer(school, pad)
    assert [(w.regel, w.melding) for w in resultaat.geen_lesdag] == [
        (3, "19-09-2026 is geen lesdag (weekend); deze regel telt niet mee voor de signalen."),
        (4, "20-10-2026 is geen lesdag (herfstvakantie); deze regel telt niet mee voor de signalen."),
        (5, "11-11-2026 is geen lesdag (studiedag); deze regel telt niet mee voor de signalen."),
        (6, "25-12-2026 is geen lesdag (eerste kerstdag); deze regel telt niet mee voor de signalen."),
    ]
    assert "4 regels vallen op een dag die geen lesdag is" in resultaat.samenvatting
    assert len(rijen()) == 5


@pytest.mark.parametrize("tot, verwacht", [(None, d(17, 9)), (d(18, 9), d(18, 9)), (d(16, 9), d(16, 9))])
def test_verzuim_bijgewerkt_tot(school, tmp_path, tot, verwacht):
    pad = csv(tmp_path, "1001;17-09-2026;2;ziek", "1001;14-09-2026;2;ziek")
    assert importeer(school, pad, tot=tot).bijgewerkt_tot == verwacht
    assert school.signalen.bijgewerkt_tot() == verwacht
    assert school.signalen.standaard_peildatum() == verwacht
    assert school.signalen.overzicht().peildatum == verwacht


def test_a_correction_file_about_older_days_does_not_move_bijgewerkt_tot_back(school, tmp_path):
    """FORMATEN.md: "verzuim bijgewerkt t/m" moves forward only; only `tot` sets it earlier."""
    importeer(school, csv(tmp_path, "1001;20-11-2026;2;ziek", naam="week.csv"))
    assert school.signalen.bijgewerkt_tot() == d(20, 11)
    correctie = csv(tmp_path, "1001;19-11-2026;6;ongeoorloofd", naam="correctie.csv")
    voorbeeld = school.verzuim.voorbeeld(correctie)
    assert (voorbeeld.bijgewerkt_tot, voorbeeld.blijft_staan, voorbeeld.terug) == (d(20, 11), True, False)
    resultaat = importeer(school, correctie)
    assert resultaat.bijgewerkt_tot == d(20, 11) and school.signalen.bijgewerkt_tot() == d(20, 11)
    assert resultaat.samenvatting.endswith("Verzuim bijgewerkt t/m 20-11-2026 (blijft staan: het bestand gaat tot "
                                           "en met 19-11-2026).")
    assert ("1001", d(19, 11), 6.0, "ongeoorloofd", "import", "ongeoorloofd") in inhoud()  # the correction is in
    # a later file moves it forward
    importeer(school, csv(tmp_path, "1001;23-11-2026;1;ziek", naam="maandag.csv"))
    assert school.signalen.bijgewerkt_tot() == d(23, 11)
    # only --tot (or the same choice in the GUI) sets it back
    terug = importeer(school, correctie, tot=d(19, 11))
    assert (terug.bijgewerkt_tot, terug.bijgewerkt_was, terug.terug) == (d(19, 11), d(23, 11), True)
    assert "(teruggezet van 23-11-2026)" in terug.samenvatting
    assert school.signalen.bijgewerkt_tot() == d(19, 11)


def test_an_impossible_tot_is_refused(school, tmp_path):
    with pytest.raises(InvoerFout) as exc:
        importeer(school, csv(tmp_path, "1001;14-09-2026;2;ziek"), tot=date(2062, 9, 18))
    assert "tot" in exc.value.fouten
    assert rijen() == []


def test_a_mentor_cannot_import(school, tmp_path):
    ctx = Context(school.ctx.store, Gebruiker(99, "Mo El Amrani", Rol.MENTOR))
    mentor = beveilig(ctx, "verzuim", VerzuimService(ctx, school.kalender))  # as Services builds it
    with pytest.raises(GeenToegang):
        mentor.importeren(csv(tmp_path, "1001;14-09-2026;2;ziek"), vandaag=VANDAAG)
    assert rijen() == []


# --- the code table ---------------------------------------------------------------------------------

def test_the_code_table_is_editable_and_can_go_back_to_the_defaults(school, tmp_path):
    pad = csv(tmp_path, "1001;14-09-2026;1;SPIJB", "1001;14-09-2026;1;Stage", kop="leerlingnummer;datum;uren;code")
    with pytest.raises(VerzuimImportFout):
        importeer(school, pad)
    assert school.verzuim.codes().vertaal("Z") is ZIEK

    school.verzuim.codes_opslaan({" SPIJB ": ONG, "Stage": None, "Z": ZIEK})
    assert school.verzuim.codes().codes == {"SPIJB": ONG, "Stage": None, "Z": ZIEK}
    resultaat = importeer(school, pad)
    assert (resultaat.regels, resultaat.overgeslagen) == (1, 1)
    assert not school.verzuim.codes().kent("A")  # the school's own table replaces the defaults

    school.verzuim.codes_standaard()
    assert school.verzuim.codes().vertaal("A") is ONG and not school.verzuim.codes().kent("SPIJB")


def test_the_default_table_saves_unchanged(school):
    school.verzuim.codes_opslaan(school.verzuim.codes().codes)
    assert school.verzuim.codes().to_json() == STANDAARD.to_json()


@pytest.mark.parametrize("codes, melding", [
    ({"Z": ZIEK, "z": ONG}, "De code 'z' staat twee keer in de lijst (ook als 'Z'"),
    ({"Ziek": None}, "De code 'Ziek' is de naam van een reden"),
])
def test_a_bad_code_table_is_refused(school, codes, melding):
    with pytest.raises(InvoerFout, match=melding.replace("(", r"\(")):
        school.verzuim.codes_opslaan(codes)


# --- hand entry -------------------------------------------------------------------------------------

def test_hand_entry_of_part_of_one_day(school):
    assert school.verzuim.invoeren("1001", d(14, 9), None, ZIEK, uren=2.5, opmerking=" Naar huis ",
                                   vandaag=VANDAAG) == 1
    [record] = school.verzuim.handmatig("1001")
    assert (record.datum, record.uren, record.reden, record.opmerking) == (d(14, 9), 2.5, ZIEK, "Naar huis")


def test_hand_entry_of_a_period_counts_lesdagen_only(school):
    # 14-10 through 28-10-2026: the herfstvakantie (17–25 October, midden) and a weekend are left out
    assert school.verzuim.invoeren("1002", d(14, 10), d(28, 10), VERLOF, vandaag=VANDAAG) == 6
    dagen = school.verzuim.dagen("1002", d(1, 10), d(31, 10))
    assert [x.datum.day for x in dagen] == [14, 15, 16, 26, 27, 28]
    assert {x.uren[VERLOF] for x in dagen} == {6.0}  # whole days: the school's uren per lesdag


def test_hand_entry_replaces_the_same_reden_on_the_same_day(school):
    school.verzuim.invoeren("1001", d(14, 9), None, ZIEK, uren=2, vandaag=VANDAAG)
    school.verzuim.invoeren("1001", d(14, 9), d(14, 9), ZIEK, uren=3, vandaag=VANDAAG)
    school.verzuim.invoeren("1001", d(14, 9), None, ONG, uren=1, vandaag=VANDAAG)
    assert sorted((r.reden, r.uren) for r in school.verzuim.handmatig("1001")) == [(ONG, 1.0), (ZIEK, 3.0)]


@pytest.mark.parametrize("van, tot, uren, veld, melding", [
    (d(15, 9), d(14, 9), None, "tot", "vóór de begindatum"),
    (d(24, 11), None, None, "van", "toekomst"),
    (d(20, 11), d(27, 11), None, "tot", "toekomst"),
    (d(1, 9, 2025), d(14, 9), None, "tot", "hoogstens een jaar"),
    (d(14, 9), None, 0, "uren", "groter dan 0"),
    (d(14, 9), None, 25, "uren", "hoogstens 24"),
    (d(14, 9), d(15, 9), 2, "uren", "hele dagen"),
    (d(19, 9), d(20, 9), None, "van", "geen les"),
    (d(19, 10), None, None, "van", "herfstvakantie"),
])
def test_hand_entry_refuses(school, van, tot, uren, veld, melding):
    with pytest.raises(InvoerFout) as exc:
        school.verzuim.invoeren("1001", van, tot, ZIEK, uren=uren, vandaag=VANDAAG)
    assert melding in exc.value.fouten[veld]
    assert rijen() == []


def test_hand_entry_for_an_unknown_student(school):
    with pytest.raises(NietGevonden, match="4711"):
        school.verzuim.invoeren("4711", d(14, 9), None, ZIEK, vandaag=VANDAAG)


def test_only_hand_entered_verzuim_can_be_deleted(school, tmp_path):
    importeer(school, csv(tmp_path, "1001;15-09-2026;2;ziek"))
    school.verzuim.invoeren("1001", d(14, 9), None, ZIEK, uren=2, vandaag=VANDAAG)
    [hand] = school.verzuim.handmatig("1001")
    [geimporteerd] = [r[0] for r in rijen() if r[5] == "import"]
    with pytest.raises(NietGevonden, match="nieuwe import"):
        school.verzuim.verwijderen(geimporteerd)
    school.verzuim.verwijderen(hand.id)
    assert school.verzuim.handmatig("1001") == []
    with pytest.raises(NietGevonden):
        school.verzuim.verwijderen(hand.id)


# --- DUO meldingen, M@zl-acties and the signals ------------------------------------------------------

def signalen(services, soort: SignaalSoort, peildatum: date = P) -> list[tuple]:
    return [(s.leerlingnummer, s.sinds, s.datum, s.uiterlijk) for s in services.signalen.overzicht(peildatum).signalen
            if s.soort is soort]


@pytest.mark.parametrize("melding, verwacht", [
    (None, ("1001", d(14, 9), d(17, 9), d(24, 9))),
    # the count restarts the day after the einddatum of the melding
    ((d(22, 9), d(17, 9)), ("1001", d(28, 9), d(1, 10), d(8, 10))),
    ((d(22, 9), d(15, 9)), ("1001", d(16, 9), d(29, 9), d(6, 10))),
    ((d(2, 10), d(1, 10)), None),
])
def test_16_hours_ongeoorloofd_and_a_duo_melding(school, tmp_path, melding, verwacht):
    dagen = ["14-09", "15-09", "16-09", "17-09", "28-09", "29-09", "30-09", "01-10"]
    importeer(school, csv(tmp_path, *(f"1001;{x}-2026;4;ongeoorloofd" for x in dagen)))
    if melding:
        geregistreerd = school.verzuim.melding_registreren("1001", *melding, MeldingSoort.ZESTIEN_UUR, " DUO-4711 ",
                                                           vandaag=VANDAAG)
        assert school.verzuim.meldingen("1001") == [geregistreerd]
        assert geregistreerd.kenmerk == "DUO-4711"
    assert signalen(school, SignaalSoort.MELDPLICHT_16U) == ([verwacht] if verwacht else [])


def test_a_melding_counts_from_its_einddatum_and_defaults_to_all_known_verzuim(school, tmp_path):
    """SIGNALEN.md: the einddatum counts, not the day it was sent; its default is "verzuim bijgewerkt t/m"
    capped at that day. Deleting the melding brings the signal back."""
    importeer(school, csv(tmp_path, *(f"1001;{x}-09-2026;4;ongeoorloofd" for x in (14, 15, 16, 17))))
    assert school.signalen.bijgewerkt_tot() == d(17, 9)
    meldplicht = [("1001", d(14, 9), d(17, 9), d(24, 9))]
    assert signalen(school, SignaalSoort.MELDPLICHT_16U, d(17, 9)) == meldplicht
    assert school.verzuim.standaard_einddatum(d(21, 9)) == d(17, 9)  # Monday, verzuim up to Thursday
    assert school.verzuim.standaard_einddatum(d(16, 9)) == d(16, 9)  # no later than the day it was sent
    melding = school.verzuim.melding_registreren("1001", d(21, 9), None, MeldingSoort.ZESTIEN_UUR, vandaag=VANDAAG)
    assert melding.einddatum == d(17, 9)
    for peildatum in (d(17, 9), d(18, 9), d(21, 9)):  # sent after the peildatum, about verzuim up to it
        assert signalen(school, SignaalSoort.MELDPLICHT_16U, peildatum) == []
    assert signalen(school, SignaalSoort.MELDPLICHT_16U, d(16, 9)) == []  # 12 hours
    school.verzuim.actie_verwijderen("melding", melding.id)
    assert signalen(school, SignaalSoort.MELDPLICHT_16U, d(17, 9)) == meldplicht
    # a melding about the verzuim up to the 16th leaves the 17th: 4 hours, no new signal
    school.verzuim.melding_registreren("1001", d(21, 9), d(16, 9), MeldingSoort.ZESTIEN_UUR, vandaag=VANDAAG)
    assert signalen(school, SignaalSoort.MELDPLICHT_16U, d(17, 9)) == []


@pytest.mark.parametrize("acties, verwacht", [
    ([], ("1002", d(7, 9), d(15, 9), None)),
    ([d(16, 9)], ("1002", d(5, 10), d(13, 10), None)),  # only ziekmeldingen that start after the actie count
    ([d(16, 9), d(14, 10)], None),
])
def test_seven_days_ziek_and_an_mazl_actie(school, acties, verwacht):
    school.verzuim.invoeren("1002", d(7, 9), d(15, 9), ZIEK, vandaag=VANDAAG)
    school.verzuim.invoeren("1002", d(5, 10), d(13, 10), ZIEK, vandaag=VANDAAG)
    for datum in acties:
        school.verzuim.mazl_registreren("1002", datum, "Jeugdarts ingeschakeld", vandaag=VANDAAG)
    assert [a.datum for a in school.verzuim.mazl_acties("1002")] == sorted(acties, reverse=True)
    assert signalen(school, SignaalSoort.MAZL) == ([verwacht] if verwacht else [])


@pytest.mark.parametrize("datum, einddatum, veld", [
    (d(24, 11), d(20, 11), "datum"),
    (d(22, 9), d(23, 9), "einddatum"),
    (d(22, 9), d(17, 9, 2025), "einddatum"),
])
def test_a_melding_with_impossible_dates(school, datum, einddatum, veld):
    with pytest.raises(InvoerFout) as exc:
        school.verzuim.melding_registreren("1001", datum, einddatum, MeldingSoort.LRV, vandaag=VANDAAG)
    assert veld in exc.value.fouten
    assert school.verzuim.meldingen("1001") == []


def test_mazl_in_the_future_and_removing_actions(school):
    with pytest.raises(InvoerFout):
        school.verzuim.mazl_registreren("1002", d(24, 11), vandaag=VANDAAG)
    mazl = school.verzuim.mazl_registreren("1002", d(16, 9), vandaag=VANDAAG)
    melding = school.verzuim.melding_registreren("1002", d(2, 10), d(1, 10), MeldingSoort.LUXE_VERZUIM,
                                                 vandaag=VANDAAG)
    school.verzuim.actie_verwijderen("mazl", mazl.id)
    school.verzuim.actie_verwijderen("melding", melding.id)
    assert school.verzuim.mazl_acties("1002") == [] and school.verzuim.meldingen("1002") == []
    with pytest.raises(NietGevonden):
        school.verzuim.actie_verwijderen("mazl", mazl.id)
