"""Reminders for the zorgcoördinator: what is overdue and what comes up in the next days.

One pure function over plain inputs; services/tijdlijn.py gathers them from the database. Anything
with a date that has to happen (an actiepunt's deadline, a traject's evaluatie or the evaluatiemomenten of its
plan van aanpak, a nazorg moment) comes in as a `Termijn`, so new kinds plug in without new rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from . import formaat
from .leerling import Vrijstelling, VrijstellingType, schooljaar_start
from .signalen import Signaal, SignaalSoort

VOORUIT = timedelta(days=7)  # "coming": due within 7 days from today (today + 7 included)
VOORUIT_5A = timedelta(days=61)  # a 5a renewal needs a new statement from a doctor: warn from about 1 May


class HerinneringSoort(StrEnum):
    ACTIEPUNT = "actiepunt"
    EVALUATIE = "evaluatie"
    NAZORG = "nazorg"
    MELDPLICHT = "meldplicht"
    VRIJSTELLING_5A = "vrijstelling_5a"

    @property
    def label(self) -> str:
        return {"actiepunt": "Actiepunt", "evaluatie": "Evaluatie", "nazorg": "Nazorg",
                "meldplicht": "Meldplicht", "vrijstelling_5a": "Vrijstelling 5a"}[self.value]


_VOLGORDE = {s: i for i, s in enumerate([HerinneringSoort.MELDPLICHT, HerinneringSoort.ACTIEPUNT,
                                         HerinneringSoort.EVALUATIE, HerinneringSoort.NAZORG,
                                         HerinneringSoort.VRIJSTELLING_5A])}


@dataclass(frozen=True, slots=True)  # thousands at a large school: no __dict__ each
class Termijn:
    """Something that has to happen by `datum`: an open actiepunt, an evaluatiemoment, a nazorg moment.

    `omschrijving` is the thing itself ("Gesprek met jeugdarts plannen"); `wie` who does it (optional);
    `referentie` ("actiepunt:12") lets the GUI open it.
    """

    soort: HerinneringSoort
    datum: date
    leerlingnummer: str
    omschrijving: str
    wie: str = ""
    referentie: str = ""


@dataclass(frozen=True, slots=True)  # thousands at a large school: no __dict__ each
class Herinnering:
    datum: date
    soort: HerinneringSoort
    tekst: str
    leerlingnummer: str
    te_laat: bool
    referentie: str = ""


def herinneringen(vandaag: date, termijnen: Iterable[Termijn] = (), signalen: Iterable[Signaal] = (),
                  vrijstellingen: Mapping[str, Iterable[Vrijstelling]] | None = None, *,
                  vooruit: timedelta = VOORUIT,
                  vooruit_5a: timedelta = VOORUIT_5A) -> list[Herinnering]:
    """Everything overdue or due within `vooruit` (today + 7 days included), sorted by date.

    - a Termijn: shown when datum ≤ vandaag + vooruit; te_laat when datum < vandaag (due today is not late).
    - a meldplicht_16u signal: always shown (a legal deadline; the signal goes once the melding is
      registered), datum = its `uiterlijk`; te_laat when uiterlijk < vandaag.
    - vrijstelling 5a (`vrijstellingen`: leerlingnummer → that student's vrijstellingen): a 5a active today
      must be renewed yearly before 1 July: datum = `verlengdatum_5a` (30 June of the school year in which
      it started). It is renewed when another, later-starting 5a vrijstelling of the student covers
      1 August after that 30 June. Shown from `vooruit_5a` before the date; te_laat after it.
    Sorted by datum, then kind (meldplicht first), leerlingnummer and text.
    """
    uit: list[Herinnering] = []
    grens = vandaag + vooruit
    for t in termijnen:
        if t.datum <= grens:
            uit.append(Herinnering(t.datum, t.soort, _tekst(t, vandaag), t.leerlingnummer, t.datum < vandaag,
                                   t.referentie))
    for s in signalen:
        if s.soort is SignaalSoort.MELDPLICHT_16U and s.uiterlijk is not None:
            te_laat = s.uiterlijk < vandaag
            tekst = (f"Melden bij DUO (16 uur ongeoorloofd verzuim sinds {formaat.datum(s.sinds)}): "
                     f"{'had gemeld moeten zijn op' if te_laat else 'uiterlijk'} {formaat.datum(s.uiterlijk)}")
            uit.append(Herinnering(s.uiterlijk, HerinneringSoort.MELDPLICHT, tekst, s.leerlingnummer, te_laat,
                                   f"signaal:{s.soort.value}:{s.datum.isoformat()}"))
    for leerlingnummer, eigen in (vrijstellingen or {}).items():
        uit.extend(_verlengen_5a(leerlingnummer, list(eigen), vandaag, vooruit_5a))
    uit.sort(key=lambda h: (h.datum, _VOLGORDE[h.soort], h.leerlingnummer, h.tekst))
    return uit


def verlengdatum_5a(van: date, vooruit: timedelta = VOORUIT_5A) -> date:
    """The last day to renew a 5a vrijstelling that started on `van`: 30 June of the school year it started
    in – or of the next one when it started within `vooruit` of that date (from about 1 May): such a
    vrijstelling is itself the statement for the coming school year."""
    uiterlijk = date(schooljaar_start(van).year + 1, 6, 30)
    return uiterlijk if van <= uiterlijk - vooruit else date(uiterlijk.year + 1, 6, 30)


def _verlengen_5a(leerlingnummer: str, vrijstellingen: list[Vrijstelling], vandaag: date,
                  vooruit: timedelta) -> list[Herinnering]:
    vijf_a = [v for v in vrijstellingen if v.type is VrijstellingType.ART_5A]
    uit = []
    for v in vijf_a:
        if not v.active_on(vandaag):
            continue
        uiterlijk = verlengdatum_5a(v.van, vooruit)
        nieuw_jaar = uiterlijk + timedelta(days=32)  # 1 August
        verlengd = any(w is not v and w.van > v.van and w.active_on(nieuw_jaar) for w in vijf_a)
        if verlengd or vandaag < uiterlijk - vooruit:
            continue
        te_laat = uiterlijk < vandaag
        tekst = (f"Vrijstelling 5a verlengen vóór 1 juli {uiterlijk.year} (nieuwe verklaring van arts of "
                 f"psycholoog){': de termijn is verstreken' if te_laat else ''}")
        uit.append(Herinnering(uiterlijk, HerinneringSoort.VRIJSTELLING_5A, tekst, leerlingnummer,
                               te_laat, f"vrijstelling:{v.van.isoformat()}"))
    return uit


def _tekst(t: Termijn, vandaag: date) -> str:
    wie = f" ({t.wie})" if t.wie else ""
    if t.datum < vandaag:
        wanneer = f"te laat, was uiterlijk {formaat.datum(t.datum)}"
    elif t.datum == vandaag:
        wanneer = "vandaag"
    else:
        wanneer = f"uiterlijk {formaat.datum(t.datum)}"
    voor = {HerinneringSoort.ACTIEPUNT: "Actiepunt", HerinneringSoort.EVALUATIE: "Evaluatie",
            HerinneringSoort.NAZORG: "Nazorg"}.get(t.soort, t.soort.label)
    return f"{voor}: {t.omschrijving}{wie} – {wanneer}"


__all__ = ["VOORUIT", "VOORUIT_5A", "Herinnering", "HerinneringSoort", "Termijn", "herinneringen",
           "verlengdatum_5a"]
