"""The signal rules of SIGNALEN.md against the real calendar (region midden).

Midden 2026-2027, with lesweek numbers as offsets that matter here:
  lesweken  31-08 | 07-09 | 14-09 | 21-09 | 28-09 | 05-10 | 12-10 || herfst 17..25-10 || 26-10 | 02-11 | …
  kerst 19-12-2026..03-01-2027, voorjaar 20..28-02-2027, mei 24-04..02-05-2027, zomer from 17-07-2027.
  Holidays on lesweek days: Tweede Paasdag 29-03-2027, Bevrijdingsdag 05-05, Hemelvaartsdag 06-05,
  Tweede Pinksterdag 17-05. Eerste Kerstdag 25-12-2026 is a Friday (a werkdag-gap inside the vacation).
The default leerling (born 15-03-2012) is leerplichtig throughout.
"""

import json
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thuiszit_desktop.domain.kalender import SchoolCalendar, apply_aanpassingen, vakanties_from_data
from thuiszit_desktop.domain.leerling import Leerling, Vrijstelling, VrijstellingType
from thuiszit_desktop.domain.school import Regio
from thuiszit_desktop.domain.signalen import (
    Niveau,
    Signaal,
    SignaalInstellingen,
    SignaalSoort,
    niveau,
    schoolbreed,
    signalen,
)
from thuiszit_desktop.domain.verzuim import (
    MazlActie,
    MeldingSoort,
    Reden,
    Verzuimmelding,
    VerzuimRecord,
    standaard_einddatum,
)

DATA = Path(__file__).parents[2] / "resources/data/schoolvakanties.json"
D = date.fromisoformat
ONG, ZIEK, VERLOF, SCHORSING = Reden.ONGEOORLOOFD, Reden.ZIEK, Reden.VERLOF, Reden.SCHORSING
S = SignaalSoort
INST = SignaalInstellingen()
VAKANTIES = vakanties_from_data(json.loads(DATA.read_text(encoding="utf-8")), Regio.MIDDEN)
CAL = SchoolCalendar(VAKANTIES, {})
STUDIEDAG = D("2026-11-11")
CAL_STUDIEDAG = SchoolCalendar(VAKANTIES, {STUDIEDAG: "Studiedag"})


def leerling(**kw) -> Leerling:
    velden = {"leerlingnummer": "1001", "achternaam": "Jansen", "geboortedatum": D("2012-03-15"),
              "inschrijfdatum": D("2020-08-17")}
    velden.update(kw)
    return Leerling(**velden)


def uren(*dagen: str, u: float = 4.0, reden: Reden = ONG) -> list[VerzuimRecord]:
    return [VerzuimRecord(D(d), u, reden) for d in dagen]


def hele_dagen(van: str, tot: str, reden: Reden = ONG, u: float = 6.0, cal=CAL) -> list[VerzuimRecord]:
    return [VerzuimRecord(d, u, reden) for d in cal.lesdagen(D(van), D(tot))]


def run(records, peildatum: str, ll: Leerling | None = None, meldingen=(), mazl=(), inst=INST, cal=CAL):
    return signalen(cal, inst, ll or leerling(), records, meldingen, mazl, D(peildatum))


def soort(sigs: list[Signaal], s: SignaalSoort) -> list[tuple]:
    """(sinds, datum[, uiterlijk]) of the signals of one soort, as ISO strings."""
    uit = []
    for x in sigs:
        if x.soort == s:
            rij = (x.sinds.isoformat(), x.datum.isoformat())
            uit.append((*rij, x.uiterlijk.isoformat()) if s == S.MELDPLICHT_16U else rij)
    return uit


def een(sigs, s):
    gevonden = soort(sigs, s)
    assert len(gevonden) <= 1
    return gevonden[0] if gevonden else None


# --- 1. meldplicht_16u --------------------------------------------------------------------------

BRIEF = uren("2026-09-14", "2026-09-21", "2026-09-28", "2026-10-08")  # lesweken 90..93, 4 h each
HERHAALD = uren("2026-09-14", "2026-09-21", "2026-09-28", "2026-10-05",
                "2026-10-06", "2026-10-12", "2026-10-26", "2026-11-02")


def melding(datum: str, eind: str) -> Verzuimmelding:
    return Verzuimmelding(D(datum), D(eind), MeldingSoort.ZESTIEN_UUR)


@pytest.mark.parametrize(("records", "peildatum", "meldingen", "expected"), [
    pytest.param(BRIEF, "2026-10-08", (), ("2026-09-14", "2026-10-08", "2026-10-15"), id="16h-in-4-weeks"),
    pytest.param(BRIEF, "2026-10-07", (), None, id="record-after-P"),
    pytest.param(BRIEF[:3] + uren("2026-10-08", u=3.5), "2026-12-18", (), None, id="15.5h"),
    pytest.param(uren("2026-09-07", "2026-09-14", "2026-09-21", "2026-10-05", "2026-10-12"), "2026-12-18", (),
                 None, id="spread-over-5-lesweken"),
    pytest.param(uren("2026-09-01", "2026-09-14", "2026-09-21", "2026-09-28", "2026-10-01"), "2026-12-18", (),
                 ("2026-09-14", "2026-10-01", "2026-10-08"), id="sinds-is-first-day-in-window"),
    pytest.param(uren("2026-10-05", "2026-10-12", "2026-10-26", "2026-11-02"), "2026-12-18", (),
                 ("2026-10-05", "2026-11-02", "2026-11-09"), id="window-across-herfstvakantie"),
    pytest.param(uren("2026-12-07", "2026-12-14", "2027-01-04", "2027-01-11"), "2027-01-29", (),
                 ("2026-12-07", "2027-01-11", "2027-01-18"), id="window-across-kerstvakantie"),
    pytest.param(uren("2026-09-23", "2026-09-30", "2026-10-07", "2026-10-14"), "2026-12-18", (),
                 ("2026-09-23", "2026-10-14", "2026-10-21"), id="uiterlijk-in-vacation-counts-werkdagen"),
    pytest.param(uren("2026-11-27", "2026-12-04", "2026-12-11", "2026-12-18"), "2027-01-29", (),
                 ("2026-11-27", "2026-12-18", "2026-12-28"), id="uiterlijk-over-eerste-kerstdag"),
    pytest.param(uren("2027-04-06", "2027-04-13", "2027-04-20", "2027-05-03"), "2027-05-31", (),
                 ("2027-04-06", "2027-05-03", "2027-05-12"), id="uiterlijk-over-bevrijdings-hemelvaartsdag"),
    pytest.param(uren("2026-10-08", "2026-10-08", "2026-10-08", "2026-10-08"), "2026-10-30", (),
                 ("2026-10-08", "2026-10-08", "2026-10-15"), id="records-on-one-day-add-up"),
    pytest.param(uren("2026-09-14", "2026-09-21", "2026-09-28", "2026-10-08", reden=ZIEK), "2026-12-18", (),
                 None, id="ziek-does-not-count"),
    pytest.param(BRIEF[:3] + uren("2026-10-03", "2026-10-19"), "2026-12-18", (), None,
                 id="saturday-and-vacation-records-ignored"),
    pytest.param(uren("2026-07-13", "2026-07-16", u=8), "2026-07-17", (),
                 ("2026-07-13", "2026-07-16", "2026-07-23"), id="previous-school-year-at-its-own-P"),
    pytest.param(uren("2026-07-13", "2026-07-16", "2026-08-31", u=8), "2026-09-30", (), None,
                 id="count-starts-on-1-august"),
    pytest.param(HERHAALD, "2026-12-18", (melding("2026-10-07", "2026-10-05"),),
                 ("2026-10-06", "2026-11-02", "2026-11-09"), id="restart-after-duo-melding"),
    # The einddatum counts, not the day the melding was sent (SIGNALEN.md rule 1).
    pytest.param(HERHAALD, "2026-10-06", (melding("2026-10-07", "2026-10-05"),), None,
                 id="melding-sent-after-P-about-verzuim-before-it-counts"),
    pytest.param(HERHAALD, "2026-10-05", (melding("2026-10-07", "2026-10-05"),), None,
                 id="melding-einddatum-on-P-counts"),
    pytest.param(HERHAALD, "2026-10-06", (melding("2026-10-07", "2026-10-07"),),
                 ("2026-09-14", "2026-10-05", "2026-10-12"), id="melding-einddatum-after-P-does-not-count"),
    pytest.param(HERHAALD, "2026-12-18", (melding("2026-10-07", "2026-10-05"), melding("2026-09-25", "2026-09-24")),
                 ("2026-10-06", "2026-11-02", "2026-11-09"), id="last-melding-counts"),
    pytest.param(HERHAALD, "2026-12-18", (melding("2026-10-07", "2026-10-05"), melding("2026-10-20", "2026-09-24")),
                 ("2026-10-06", "2026-11-02", "2026-11-09"), id="latest-einddatum-counts-not-latest-sent"),
    pytest.param(HERHAALD, "2026-11-06", (melding("2026-11-09", "2026-11-06"),), None,
                 id="monday-melding-about-verzuim-up-to-friday-covers-it-all"),
    pytest.param(HERHAALD, "2026-11-06", (melding("2026-11-09", "2026-10-05"),),
                 ("2026-10-06", "2026-11-02", "2026-11-09"), id="melding-up-to-first-d-star-leaves-the-rest"),
    pytest.param(BRIEF, "2026-10-30", (melding("2026-09-22", "2026-09-21"),), None,
                 id="hours-up-to-einddatum-were-reported"),
    pytest.param(BRIEF, "2026-10-30", (melding("2026-07-20", "2026-07-17"),),
                 ("2026-09-14", "2026-10-08", "2026-10-15"), id="melding-of-last-school-year"),
    pytest.param(BRIEF, "2026-10-30", (Verzuimmelding(D("2026-09-22"), D("2026-09-21"), MeldingSoort.LRV),), None,
                 id="any-soort-of-melding-restarts"),
])
def test_meldplicht_16u(records, peildatum, meldingen, expected):
    assert een(run(records, peildatum, meldingen=meldingen), S.MELDPLICHT_16U) == expected


def test_meldplicht_uitleg():
    [s] = run(BRIEF, "2026-10-08")
    assert s.uitleg == "16 uur ongeoorloofd verzuim tussen 14-09 en 08-10; melden uiterlijk 15-10"
    [s] = run(uren("2026-09-14", "2026-09-21", "2026-09-28", u=4.5) + uren("2026-10-08", u=3.25), "2026-10-30")
    assert s.uitleg.startswith("16,75 uur ongeoorloofd verzuim tussen 14-09 en 08-10")


def test_meldplicht_decimal_hours_reach_16():
    # 20 lesdagen × 8 records of 0.1 h (lesweken 89..92): 16.0 on the 20th day, despite float sums.
    records = [VerzuimRecord(d, 0.1, ONG) for d in CAL.lesdagen(D("2026-09-07"), D("2026-10-02"))
               for _ in range(8)]
    assert een(run(records, "2026-12-18"), S.MELDPLICHT_16U) == ("2026-09-07", "2026-10-02", "2026-10-09")


def test_meldplicht_studiedag_record_ignored():
    records = uren("2026-10-26", "2026-11-02", "2026-11-09") + uren(STUDIEDAG.isoformat())
    assert een(run(records, "2026-12-18", cal=CAL_STUDIEDAG), S.MELDPLICHT_16U) is None
    assert een(run(records, "2026-12-18"), S.MELDPLICHT_16U) == ("2026-10-26", "2026-11-11", "2026-11-18")


V5A = VrijstellingType.ART_5A


@pytest.mark.parametrize(("kw", "fires"), [
    pytest.param({}, True, id="plain"),
    pytest.param({"vrijstellingen": (Vrijstelling(V5A, D("2026-09-01"), D("2026-10-31")),)}, False,
                 id="vrijstelling-on-d*"),
    pytest.param({"vrijstellingen": (Vrijstelling(V5A, D("2026-09-01"), D("2026-10-07")),)}, True,
                 id="vrijstelling-ended-before-d*"),
    pytest.param({"inschrijfdatum": D("2026-10-09")}, False, id="not-yet-ingeschreven-on-d*"),
    pytest.param({"uitschrijfdatum": D("2026-10-08"), "bestemming": "Ander college"}, False,
                 id="uitgeschreven-on-d*"),
    pytest.param({"geboortedatum": D("2009-01-10")}, True, id="kwalificatieplichtig"),
    pytest.param({"geboortedatum": D("2009-01-10"), "startkwalificatie": True}, False, id="startkwalificatie"),
    pytest.param({"geboortedatum": D("2008-06-01")}, False, id="18-years-old"),
])
def test_meldplicht_only_when_ingeschreven_plichtig_without_vrijstelling_on_d_star(kw, fires):
    expected = ("2026-09-14", "2026-10-08", "2026-10-15") if fires else None
    assert een(run(BRIEF, "2026-10-30", leerling(**kw)), S.MELDPLICHT_16U) == expected


def test_meldplicht_conditions_are_checked_on_the_first_d_star_only():
    # SIGNALEN.md: d* is *the first* lesdag with ≥ 16 h; "only when on d* …". A second 16 hours after
    # the vrijstelling ended does not make a new d* (until a melding restarts the count).
    ll = leerling(vrijstellingen=(Vrijstelling(V5A, D("2026-09-01"), D("2026-10-31")),))
    records = BRIEF + uren("2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23")
    assert een(run(records, "2026-12-18", ll), S.MELDPLICHT_16U) is None


# --- 2-4. thuiszitter, thuiszitter_3mnd, langdurig_afwezig --------------------------------------

RUN_SEPT = "2026-09-07"  # Monday; lesdag 20 of a run from here is Fri 02-10, lesdag 21 Mon 05-10


def vervang(records, dag: str, *nieuw: VerzuimRecord):
    return [r for r in records if r.datum != D(dag)] + list(nieuw)


@pytest.mark.parametrize(("records", "peildatum", "kw", "thuiszitter", "langdurig"), [
    pytest.param(hele_dagen(RUN_SEPT, "2026-10-02"), "2026-10-02", {}, None, None, id="20-lesdagen"),
    pytest.param(hele_dagen(RUN_SEPT, "2026-10-05"), "2026-10-05", {}, ("2026-09-07", "2026-10-05"), None,
                 id="21-lesdagen"),
    pytest.param(hele_dagen(RUN_SEPT, "2026-10-09"), "2026-10-09", {}, ("2026-09-07", "2026-10-05"), None,
                 id="25-lesdagen"),
    pytest.param(hele_dagen(RUN_SEPT, "2026-10-09"), "2026-10-08", {}, ("2026-09-07", "2026-10-05"), None,
                 id="records-after-P-ignored"),
    pytest.param(hele_dagen(RUN_SEPT, "2026-10-02"), "2026-10-04", {}, None, None, id="P-on-sunday-20"),
    pytest.param(hele_dagen(RUN_SEPT, "2026-10-02"), "2026-10-05", {}, None, None,
                 id="run-must-end-at-last-lesdag-before-P"),
    pytest.param(hele_dagen("2026-09-21", "2026-10-16"), "2026-10-23", {}, None, None,
                 id="20-before-herfstvakantie"),
    pytest.param(hele_dagen("2026-09-21", "2026-10-26"), "2026-10-26", {}, ("2026-09-21", "2026-10-26"), None,
                 id="21st-after-herfstvakantie"),
    pytest.param(vervang(hele_dagen(RUN_SEPT, "2026-10-05"), "2026-09-21", *uren("2026-09-21", u=5)),
                 "2026-10-05", {}, None, None, id="partial-day-breaks-both"),
    pytest.param(vervang(hele_dagen(RUN_SEPT, "2026-10-05"), "2026-09-21", *uren("2026-09-21", u=5),
                         *uren("2026-09-21", u=1, reden=ZIEK)),
                 "2026-10-05", {}, None, ("2026-09-07", "2026-10-05"), id="partial-ong-plus-ziek-whole-day"),
    pytest.param(vervang(hele_dagen(RUN_SEPT, "2026-10-05"), "2026-09-16", *uren("2026-09-16", u=6, reden=ZIEK)),
                 "2026-10-05", {}, None, ("2026-09-07", "2026-10-05"), id="ziek-inside-truancy"),
    pytest.param(hele_dagen(RUN_SEPT, "2026-10-05") + uren("2026-09-16", u=3, reden=ZIEK), "2026-10-05", {},
                 ("2026-09-07", "2026-10-05"), None, id="extra-ziek-on-whole-ong-day"),
    pytest.param(hele_dagen(RUN_SEPT, "2026-10-05", reden=ZIEK), "2026-10-05", {}, None,
                 ("2026-09-07", "2026-10-05"), id="ziek-only"),
    pytest.param(hele_dagen(RUN_SEPT, "2026-09-30", reden=VERLOF) + hele_dagen("2026-10-01", "2026-10-05",
                                                                                  reden=SCHORSING),
                 "2026-10-05", {}, None, ("2026-09-07", "2026-10-05"), id="verlof-and-schorsing"),
    pytest.param(hele_dagen(RUN_SEPT, "2026-10-02", reden=ZIEK), "2026-10-02", {}, None, None,
                 id="20-days-ziek"),
    pytest.param(hele_dagen("2026-07-06", "2026-09-14"), "2026-09-14", {}, ("2026-07-06", "2026-09-14"), None,
                 id="run-reaches-into-previous-school-year"),
    pytest.param(hele_dagen(RUN_SEPT, "2026-10-05"), "2026-10-05",
                 {"geboortedatum": D("2009-01-10"), "startkwalificatie": True}, None, ("2026-09-07", "2026-10-05"),
                 id="not-plichtig-startkwalificatie"),
    pytest.param(hele_dagen(RUN_SEPT, "2026-10-05"), "2026-10-05",
                 {"vrijstellingen": (Vrijstelling(V5A, D("2026-10-01")),)}, None, None, id="vrijstelling-on-P"),
    pytest.param(hele_dagen(RUN_SEPT, "2026-10-05"), "2026-10-05",
                 {"vrijstellingen": (Vrijstelling(V5A, D("2026-06-01"), D("2026-09-30")),)},
                 ("2026-09-07", "2026-10-05"), None, id="vrijstelling-ended-before-P"),
    pytest.param(hele_dagen(RUN_SEPT, "2026-10-05"), "2026-10-05",
                 {"uitschrijfdatum": D("2026-10-05"), "bestemming": "Het Lyceum"}, None, None,
                 id="uitgeschreven-on-P"),
])
def test_thuiszitter_and_langdurig_afwezig(records, peildatum, kw, thuiszitter, langdurig):
    sigs = run(records, peildatum, leerling(**kw))
    assert een(sigs, S.THUISZITTER) == thuiszitter
    assert een(sigs, S.LANGDURIG_AFWEZIG) == langdurig


@pytest.mark.parametrize(("peildatum", "expected"), [
    ("2026-10-05", None),  # 20 lesdagen: the studiedag is not a lesdag
    ("2026-10-06", ("2026-09-07", "2026-10-06")),
])
def test_thuiszitter_over_studiedag(peildatum, expected):
    cal = SchoolCalendar(VAKANTIES, {D("2026-09-16"): "Studiedag"})
    records = hele_dagen(RUN_SEPT, peildatum, cal=cal)  # none on the studiedag; it does not break R
    assert een(run(records, peildatum, cal=cal), S.THUISZITTER) == expected


def test_thuiszitter_dagduur_is_a_setting():
    records = hele_dagen(RUN_SEPT, "2026-10-05", u=5)
    assert een(run(records, "2026-10-05"), S.THUISZITTER) is None
    vijf = SignaalInstellingen(uren_per_lesdag=5)
    assert een(run(records, "2026-10-05", inst=vijf), S.THUISZITTER) == ("2026-09-07", "2026-10-05")


def test_whole_day_from_decimal_hours():
    # 60 × 0.1 h adds up to 5.99999… in floating point; it is still a whole day of 6 hours.
    records = [VerzuimRecord(d, 0.1, ONG) for d in CAL.lesdagen(D(RUN_SEPT), D("2026-10-05")) for _ in range(60)]
    assert een(run(records, "2026-10-05"), S.THUISZITTER) == ("2026-09-07", "2026-10-05")


def test_thuiszitter_run_before_the_vacation_data():
    # June 2024 precedes the first school year in the data: the calendar grows to cover it.
    cal = SchoolCalendar(VAKANTIES, {})
    records = [VerzuimRecord(d, 6, ONG) for d in cal.lesdagen(D("2024-06-03"), D("2024-07-01"))]
    assert een(signalen(cal, INST, leerling(), records, (), (), D("2024-07-01")), S.THUISZITTER) == \
        ("2024-06-03", "2024-07-01")


def test_thuiszitter_uitleg():
    sigs = run(hele_dagen("2026-07-06", "2026-09-15"), "2026-09-15")
    [s] = [s for s in sigs if s.soort == S.THUISZITTER]
    assert s.uitleg == ("22 lesdagen achter elkaar de hele dag ongeoorloofd afwezig, sinds 06-07-2026; "
                        "meer dan 20 lesdagen vanaf 14-09")


@pytest.mark.parametrize(("sinds", "peildatum", "expected"), [
    ("2026-11-30", "2027-02-28", None),  # + 3 months = 28-02-2027 (30 Feb does not exist)
    ("2026-11-30", "2027-03-01", "2027-03-01"),
    ("2027-11-30", "2028-02-29", None),  # leap year: + 3 months = 29-02-2028
    ("2027-11-30", "2028-03-01", "2028-03-01"),
    ("2026-08-31", "2026-11-30", None),
    ("2026-08-31", "2026-12-01", "2026-12-01"),
])
def test_thuiszitter_3mnd(sinds, peildatum, expected):
    sigs = run(hele_dagen(sinds, peildatum), peildatum)
    assert een(sigs, S.THUISZITTER)[0] == sinds
    assert een(sigs, S.THUISZITTER_3MND) == ((sinds, expected) if expected else None)


def test_thuiszitter_3mnd_needs_thuiszitter():
    ll = leerling(geboortedatum=D("2009-01-10"), startkwalificatie=True)
    sigs = run(hele_dagen("2026-08-31", "2026-12-01"), "2026-12-01", ll)
    assert [s.soort for s in sigs] == [S.LANGDURIG_AFWEZIG]


# --- 5. mazl ------------------------------------------------------------------------------------

def ziek(*dagen: str, u: float = 1.0) -> list[VerzuimRecord]:
    return uren(*dagen, u=u, reden=ZIEK)


VIER = ziek("2026-09-07", "2026-09-21", "2026-10-05", "2026-11-23")  # lesweken 89, 91, 93, 99


@pytest.mark.parametrize(("records", "peildatum", "acties", "expected"), [
    pytest.param(hele_dagen("2026-11-02", "2026-11-10", ZIEK, u=1), "2026-11-09", (), None, id="a-6-days"),
    pytest.param(hele_dagen("2026-11-02", "2026-11-10", ZIEK, u=1), "2026-11-10", (),
                 ("2026-11-02", "2026-11-10"), id="a-7th-lesdag"),
    pytest.param(hele_dagen("2026-11-02", "2026-11-10", ZIEK, u=0.5), "2026-11-30", (),
                 ("2026-11-02", "2026-11-10"), id="a-partial-hours"),
    pytest.param(ziek("2026-10-13", "2026-10-14", "2026-10-15", "2026-10-16", "2026-10-26", "2026-10-27",
                      "2026-10-28"), "2026-11-30", (), ("2026-10-13", "2026-10-28"), id="a-across-herfstvakantie"),
    pytest.param(VIER, "2026-11-30", (), ("2026-09-07", "2026-11-23"), id="b-4-in-10-lesweken"),
    pytest.param(VIER, "2026-11-20", (), None, id="b-4th-after-P"),
    pytest.param(VIER[:3] + ziek("2026-11-30"), "2026-12-18", (), ("2026-09-07", "2026-11-30"),
                 id="b-lesweek-difference-11"),
    pytest.param(VIER[:3] + ziek("2026-12-07"), "2026-12-18", (), None, id="b-lesweek-difference-12"),
    pytest.param(ziek("2026-09-14", "2026-10-06", "2026-11-03", "2026-12-07"), "2026-12-18", (),
                 ("2026-09-14", "2026-12-07"), id="b-herfstvakantie-is-no-lesweek"),
    pytest.param(ziek("2026-11-16", "2026-12-01", "2026-12-15", "2027-02-15"), "2027-03-31", (),
                 ("2026-11-16", "2027-02-15"), id="b-across-kerstvakantie"),
    pytest.param(ziek("2026-11-16", "2026-12-01", "2026-12-15", "2027-03-01"), "2027-03-31", (), None,
                 id="b-across-kerstvakantie-12"),
    pytest.param(ziek("2026-09-04", "2026-09-11", "2026-09-14", "2026-09-21", "2026-09-28"), "2026-10-30", (),
                 ("2026-09-04", "2026-09-28"), id="fri-mon-is-one-ziekmelding"),
    pytest.param(ziek("2026-09-05", "2026-09-12", "2026-09-19", "2026-09-26", "2026-10-19"), "2026-10-30", (),
                 None, id="non-lesdagen-ignored"),
    pytest.param(ziek("2026-09-07", "2026-09-14", "2026-09-21") + hele_dagen("2026-09-28", "2026-10-06", ZIEK),
                 "2026-10-30", (), ("2026-09-07", "2026-09-28"), id="b-before-a"),
    pytest.param(hele_dagen("2026-09-07", "2026-09-15", ZIEK) + ziek("2026-09-21", "2026-09-28", "2026-10-05"),
                 "2026-10-30", (), ("2026-09-07", "2026-09-15"), id="a-before-b"),
    pytest.param(VIER, "2026-11-30", (MazlActie(D("2026-10-06")),), None, id="restart-after-actie"),
    pytest.param(VIER + ziek("2026-11-30"), "2026-12-18", (MazlActie(D("2026-09-08")),),
                 ("2026-09-21", "2026-11-30"), id="count-after-actie"),
    pytest.param(VIER, "2026-11-30", (MazlActie(D("2026-12-01")),), ("2026-09-07", "2026-11-23"),
                 id="actie-after-P-ignored"),
    pytest.param(hele_dagen("2026-10-01", "2026-10-09", ZIEK), "2026-10-30", (MazlActie(D("2026-10-05")),),
                 None, id="ziekmelding-started-before-actie"),
    pytest.param(hele_dagen("2026-10-01", "2026-10-09", ZIEK), "2026-10-30", (), ("2026-10-01", "2026-10-09"),
                 id="same-without-actie"),
    pytest.param(ziek("2026-06-08", "2026-06-15", "2026-06-22", "2026-09-01"), "2026-09-30", (), None,
                 id="previous-school-year-not-counted"),
    pytest.param(hele_dagen("2026-07-13", "2026-09-01", ZIEK), "2026-09-30", (), None,
                 id="ziekmelding-started-in-previous-school-year"),
])
def test_mazl(records, peildatum, acties, expected):
    assert een(run(records, peildatum, mazl=acties), S.MAZL) == expected


def test_mazl_no_tie_possible_and_uitleg():
    # (a)'s 7th day and (b)'s first day of the i-th ziekmelding would have to be one day in two runs,
    # so a tie cannot happen; the rule picks the earliest.
    [s] = run(VIER, "2026-11-30")
    assert s.uitleg == "4 ziekmeldingen binnen 12 lesweken: op 07-09, 21-09, 05-10 en 23-11"
    [s] = run(hele_dagen("2026-11-02", "2026-11-12", ZIEK, u=1), "2026-11-12")
    assert s.uitleg == "9 lesdagen achter elkaar ziek sinds 02-11; de 7e lesdag was 10-11"


# --- 6. luxe_verzuim ----------------------------------------------------------------------------

def hele(*dagen: str, reden: Reden = ONG) -> list[VerzuimRecord]:
    return uren(*dagen, u=6, reden=reden)


@pytest.mark.parametrize(("records", "peildatum", "kw", "expected"), [
    pytest.param(hele("2026-10-16"), "2026-10-30", {}, ["2026-10-16"], id="before-herfst-ong"),
    pytest.param(hele("2026-10-26", reden=ZIEK), "2026-10-30", {}, ["2026-10-26"], id="after-herfst-ziek"),
    pytest.param(uren("2026-10-16", u=3) + uren("2026-10-16", u=3, reden=ZIEK), "2026-10-30", {},
                 ["2026-10-16"], id="ong-plus-ziek-whole-day"),
    pytest.param(hele("2026-10-16", reden=VERLOF), "2026-10-30", {}, [], id="verlof-does-not-count"),
    pytest.param(uren("2026-10-16", u=5), "2026-10-30", {}, [], id="partial-day"),
    pytest.param(hele("2026-10-16"), "2026-10-15", {}, [], id="after-P"),
    pytest.param(hele("2026-10-16"), "2026-10-16", {}, ["2026-10-16"], id="on-P"),
    pytest.param(hele("2026-12-18", "2027-01-04"), "2027-01-29", {}, ["2026-12-18", "2027-01-04"], id="kerst"),
    pytest.param(hele("2027-02-19", "2027-03-01", "2027-04-23", "2027-05-03"), "2027-05-31", {},
                 ["2027-02-19", "2027-03-01", "2027-04-23", "2027-05-03"], id="voorjaar-and-mei"),
    pytest.param(hele("2026-08-31"), "2026-09-30", {}, ["2026-08-31"], id="after-last-zomervakantie"),
    pytest.param(hele("2027-07-16"), "2027-07-16", {}, ["2027-07-16"], id="before-zomervakantie"),
    pytest.param(hele("2026-07-17"), "2026-09-30", {}, [], id="previous-school-year"),
    pytest.param(hele("2026-07-17"), "2026-07-17", {}, ["2026-07-17"], id="previous-school-year-at-its-P"),
    pytest.param(hele("2026-10-15", "2026-10-27", "2026-12-17"), "2027-01-29", {}, [], id="not-adjacent"),
    pytest.param(hele("2027-05-04", "2027-05-07", "2027-03-26", "2027-03-30"), "2027-05-31", {}, [],
                 id="public-holidays-are-not-vacations"),
    pytest.param(hele("2026-10-19"), "2026-10-30", {}, [], id="record-inside-vacation"),
    pytest.param(hele_dagen("2026-10-05", "2026-10-16"), "2026-10-30", {}, ["2026-10-16"], id="run-of-10"),
    pytest.param(hele_dagen("2026-10-02", "2026-10-16"), "2026-10-30", {}, [], id="run-of-11"),
    pytest.param(hele_dagen("2026-10-12", "2026-10-30"), "2026-10-30", {}, ["2026-10-16", "2026-10-26"],
                 id="run-of-10-across-vacation"),
    pytest.param(hele_dagen("2026-10-09", "2026-10-30"), "2026-10-30", {}, [], id="run-of-11-across-vacation"),
    pytest.param(hele_dagen("2026-10-12", "2026-11-02"), "2026-10-30", {}, ["2026-10-16", "2026-10-26"],
                 id="run-counts-records-up-to-P-only"),
    pytest.param(hele_dagen("2026-10-02", "2026-10-09", ZIEK) + hele_dagen("2026-10-12", "2026-10-16"),
                 "2026-10-30", {}, [], id="run-of-ziek-and-ong"),
    pytest.param(hele("2026-10-16", "2026-10-26"), "2026-10-30", {"inschrijfdatum": D("2026-10-26")},
                 ["2026-10-26"], id="not-yet-ingeschreven-before"),
    pytest.param(hele("2026-10-16", "2026-10-26"), "2026-10-30",
                 {"uitschrijfdatum": D("2026-10-20"), "bestemming": "Het Lyceum"}, ["2026-10-16"],
                 id="uitgeschreven-during-vacation"),
])
def test_luxe_verzuim(records, peildatum, kw, expected):
    assert [d for d, _ in soort(run(records, peildatum, leerling(**kw)), S.LUXE_VERZUIM)] == expected


def test_luxe_verzuim_next_to_studiedag_and_moved_herfst():
    cal = SchoolCalendar(VAKANTIES, {STUDIEDAG: "Studiedag", D("2026-10-16"): "Studiedag"})
    records = hele("2026-11-10", "2026-11-12", "2026-10-15")
    assert soort(run(records, "2026-11-30", cal=cal), S.LUXE_VERZUIM) == [("2026-10-15", "2026-10-15")]
    moved = SchoolCalendar(apply_aanpassingen(VAKANTIES, {("2026-2027", "herfstvakantie"):
                                                          (D("2026-10-10"), D("2026-10-18"))}), {})
    records = hele("2026-10-09", "2026-10-19", "2026-10-16")
    assert [d for d, _ in soort(run(records, "2026-10-30", cal=moved), S.LUXE_VERZUIM)] == \
        ["2026-10-09", "2026-10-19"]


def test_luxe_verzuim_uitleg():
    [s] = run(hele("2026-10-26"), "2026-10-30")
    assert s.uitleg == ("De hele dag afwezig (ongeoorloofd of ziek) op 26-10, de eerste lesdag na de "
                        "herfstvakantie")


# --- 7. absoluut_verzuim ------------------------------------------------------------------------

@pytest.mark.parametrize(("kw", "peildatum", "expected"), [
    ({"uitschrijfdatum": D("2026-10-01")}, "2026-11-02", ("2026-10-01", "2026-10-01")),
    ({"uitschrijfdatum": D("2026-10-01"), "bestemming": "Het Nieuwe Lyceum"}, "2026-11-02", None),
    ({"uitschrijfdatum": D("2026-10-01"), "bestemming": "   "}, "2026-11-02", ("2026-10-01", "2026-10-01")),
    ({"uitschrijfdatum": D("2026-10-01")}, "2026-09-30", None),
    ({"uitschrijfdatum": D("2026-10-01")}, "2026-10-01", ("2026-10-01", "2026-10-01")),
    ({"uitschrijfdatum": D("2026-10-01"), "geboortedatum": D("2009-01-10")}, "2026-11-02",
     ("2026-10-01", "2026-10-01")),  # kwalificatieplichtig
    ({"uitschrijfdatum": D("2026-10-01"), "geboortedatum": D("2009-01-10"), "startkwalificatie": True},
     "2026-11-02", None),
    ({"uitschrijfdatum": D("2026-10-01"), "geboortedatum": D("2008-06-01")}, "2026-11-02", None),  # 18
    ({"uitschrijfdatum": D("2026-10-01"), "vrijstellingen": (Vrijstelling(VrijstellingType.ART_5C,
                                                                          D("2026-10-01")),)},
     "2026-11-02", None),
    ({"uitschrijfdatum": D("2026-10-01"), "vrijstellingen": (Vrijstelling(V5A, D("2026-08-01"),
                                                                          D("2026-10-31")),)},
     "2026-11-02", ("2026-10-01", "2026-10-01")),  # the vrijstelling ended before P
    ({}, "2026-11-02", None),
])
def test_absoluut_verzuim(kw, peildatum, expected):
    assert een(run([], peildatum, leerling(**kw)), S.ABSOLUUT_VERZUIM) == expected


def test_absoluut_verzuim_uitleg():
    [s] = run([], "2026-11-02", leerling(uitschrijfdatum=D("2026-10-01")))
    assert s.uitleg == "Uitgeschreven op 01-10 zonder nieuwe school, en nog leerplichtig"


# --- all together -------------------------------------------------------------------------------

def test_sorted_by_soort_then_datum():
    records = BRIEF + VIER + hele("2026-10-16", "2026-12-18", reden=ZIEK) + hele("2026-10-26")
    sigs = run(records, "2027-01-29")
    assert [(s.soort.value, s.datum) for s in sigs] == sorted((s.soort.value, s.datum) for s in sigs)
    assert [s.soort for s in sigs] == [S.LUXE_VERZUIM] * 3 + [S.MAZL, S.MELDPLICHT_16U]


def test_schoolbreed_matches_per_leerling():
    a = leerling(leerlingnummer="1002")
    b = leerling(leerlingnummer="1001", uitschrijfdatum=D("2026-10-01"))
    c = leerling(leerlingnummer="1003")
    verzuim = {"1002": BRIEF, "1003": hele_dagen(RUN_SEPT, "2026-10-09"), "1001": BRIEF}
    meldingen = {"1003": [melding("2026-10-01", "2026-09-30")]}
    p = D("2026-10-09")
    sigs, niveaus = schoolbreed(CAL, INST, [a, b, c], verzuim, meldingen, {}, p)
    verwacht = [s for ll in (b, a, c) for s in signalen(CAL, INST, ll, verzuim.get(ll.leerlingnummer, []),
                                                         meldingen.get(ll.leerlingnummer, []), [], p)]
    assert sigs == verwacht
    assert [s.leerlingnummer for s in sigs] == sorted(s.leerlingnummer for s in sigs)
    assert {s.soort for s in sigs if s.leerlingnummer == "1001"} == {S.ABSOLUUT_VERZUIM}
    assert [n.leerlingnummer for n in niveaus] == ["1002", "1003"]  # 1001 is no longer ingeschreven
    assert niveaus[1] == niveau(CAL, INST, c, verzuim["1003"], sigs, p) == Niveau("1003", 3, 83.3)  # 25 of 30 lesdagen


def test_to_dict():
    [s] = run(BRIEF, "2026-10-08")
    assert {k: v for k, v in s.to_dict().items() if k != "uitleg"} == {
        "leerlingnummer": "1001", "signaal": "meldplicht_16u", "sinds": "2026-09-14",
        "datum": "2026-10-08", "uiterlijk": "2026-10-15"}


# --- properties ---------------------------------------------------------------------------------

HERFST_KERST = CAL.lesdagen(D("2026-09-01"), D("2026-12-18"))
UREN = st.sampled_from([0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0])
REDENEN = st.sampled_from(list(Reden))


def _records(dagen, redenen=REDENEN, max_size=30):
    return st.lists(st.builds(VerzuimRecord, st.sampled_from(dagen), UREN, redenen), max_size=max_size)


@settings(max_examples=60, deadline=None)
@given(base=_records(HERFST_KERST, st.just(ONG)), extra=_records(HERFST_KERST, st.just(ONG), 10))
def test_more_ongeoorloofd_never_removes_meldplicht(base, extra):
    p = D("2026-12-18")
    voor = een(run(base, p.isoformat()), S.MELDPLICHT_16U)
    na = een(run(base + extra, p.isoformat()), S.MELDPLICHT_16U)
    if voor is not None:
        assert na is not None and na[1] <= voor[1]


# A vacation- and holiday-free stretch: 26-10 .. 18-12-2026. Data in 02-11 .. 04-12 shifted by a
# week stays inside it, also the 5 werkdagen to `uiterlijk`.
STRETCH = CAL.lesdagen(D("2026-11-02"), D("2026-12-04"))
STRETCH_ALL = [D("2026-11-02") + timedelta(days=i) for i in range(33)]
WEEK = timedelta(days=7)


@pytest.mark.parametrize(("gemeld_op", "bijgewerkt_tot", "expected"), [
    ("2026-11-09", "2026-11-06", "2026-11-06"),  # Monday, verzuim up to Friday: Friday
    ("2026-11-09", "2026-11-09", "2026-11-09"),
    ("2026-11-06", "2026-11-09", "2026-11-06"),  # sent before the last import's date: capped at the day sent
    ("2026-11-09", None, "2026-11-09"),  # nothing imported yet: the day it was sent
    ("2026-11-09", "2026-06-30", "2026-06-30"),  # an old import: only what is known
])
def test_standaard_einddatum(gemeld_op, bijgewerkt_tot, expected):
    assert standaard_einddatum(D(gemeld_op), D(bijgewerkt_tot) if bijgewerkt_tot else None) == D(expected)


@st.composite
def _school_data(draw):
    records = draw(_records(STRETCH, max_size=40))
    # mostly long runs of whole days, so that thuiszitter and langdurig_afwezig occur too
    if draw(st.booleans()):
        start = draw(st.integers(0, 4))
        reden = draw(st.sampled_from([ONG, ZIEK]))
        records += [VerzuimRecord(d, 6.0, reden) for d in STRETCH[start:]]
    datum = st.sampled_from(STRETCH_ALL)
    ll = leerling(
        inschrijfdatum=draw(st.one_of(st.just(D("2020-08-17")), datum)),
        uitschrijfdatum=draw(st.one_of(st.none(), datum)),
        bestemming=draw(st.sampled_from(["", "Het Lyceum"])),
        vrijstellingen=tuple(draw(st.lists(st.builds(Vrijstelling, st.just(V5A), datum,
                                                     st.one_of(st.none(), datum)), max_size=1))),
    )
    meldingen = draw(st.lists(st.builds(Verzuimmelding, datum, datum, st.just(MeldingSoort.ZESTIEN_UUR)),
                              max_size=2))
    acties = draw(st.lists(st.builds(MazlActie, datum), max_size=2))
    return records, ll, meldingen, acties, draw(datum)


def _shift(d):
    return None if d is None else d + WEEK


@settings(max_examples=80, deadline=None)
@given(_school_data())
def test_shifting_everything_by_a_week_shifts_the_signals(args):
    records, ll, meldingen, acties, p = args
    voor = signalen(CAL, INST, ll, records, meldingen, acties, p)
    ll2 = replace(ll, inschrijfdatum=ll.inschrijfdatum + WEEK, uitschrijfdatum=_shift(ll.uitschrijfdatum),
                  vrijstellingen=tuple(replace(v, van=v.van + WEEK, tot=_shift(v.tot)) for v in ll.vrijstellingen))
    na = signalen(CAL, INST, ll2, [replace(r, datum=r.datum + WEEK) for r in records],
                  [replace(m, datum=m.datum + WEEK, einddatum=m.einddatum + WEEK) for m in meldingen],
                  [MazlActie(a.datum + WEEK) for a in acties], p + WEEK)
    assert [(s.soort, s.sinds + WEEK, s.datum + WEEK, _shift(s.uiterlijk)) for s in voor] == \
        [(s.soort, s.sinds, s.datum, s.uiterlijk) for s in na]


@settings(max_examples=60, deadline=None)
@given(args=_school_data(), volgorde=st.randoms(use_true_random=False))
def test_signalen_is_deterministic_and_ignores_record_order(args, volgorde):
    records, ll, meldingen, acties, p = args
    eerst = signalen(CAL, INST, ll, records, meldingen, acties, p)
    gehusseld = list(records)
    volgorde.shuffle(gehusseld)
    assert signalen(CAL, INST, ll, gehusseld, list(reversed(meldingen)), acties, p) == eerst
    assert signalen(CAL, INST, ll, records, meldingen, acties, p) == eerst
    assert niveau(CAL, INST, ll, gehusseld, eerst, p) == niveau(CAL, INST, ll, records, eerst, p)


@settings(max_examples=80, deadline=None)
@given(args=_school_data(), later=st.integers(0, 10), gemeld_op=st.sampled_from(STRETCH_ALL))
def test_a_melding_with_the_default_einddatum_clears_the_meldplicht_and_deleting_it_restores_it(args, later,
                                                                                               gemeld_op):
    """A melding sent on any day P + k about the verzuim up to P (the default when verzuim is bijgewerkt t/m P)
    leaves no meldplicht at P: all known verzuim is reported. Without it again, the signals are as before."""
    records, ll, meldingen, acties, p = args
    voor = signalen(CAL, INST, ll, records, meldingen, acties, p)
    melding_ = Verzuimmelding(p + timedelta(days=later), standaard_einddatum(p + timedelta(days=later), p),
                              MeldingSoort.ZESTIEN_UUR)
    na = signalen(CAL, INST, ll, records, [*meldingen, melding_], acties, p)
    assert not [s for s in na if s.soort == S.MELDPLICHT_16U]
    assert [s for s in na if s.soort != S.MELDPLICHT_16U] == [s for s in voor if s.soort != S.MELDPLICHT_16U]
    assert signalen(CAL, INST, ll, records, meldingen, acties, p) == voor
    # a melding counts from its einddatum on, whenever it was sent
    eind = min(gemeld_op, p)
    for m in (Verzuimmelding(gemeld_op, eind, MeldingSoort.ZESTIEN_UUR),):
        met = een(signalen(CAL, INST, ll, records, [m], acties, p), S.MELDPLICHT_16U)
        assert met is None or D(met[0]) > m.einddatum
