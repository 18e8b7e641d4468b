"""The MDO's rules about consent: which consents are in force on the day of a meeting, who gives them (the
ouders, or the student from 16), and which partners at the table take part without one.

Consent is recorded per partner organisation, at an MDO or on its own, as ja or nee on a date; the latest
record on or before a day counts, so a "nee" after a "ja" is a consent withdrawn. Consent does not expire
by itself in this domain: the school records a new "nee" when it ends.
Pure: no database.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from .actiepunt import Actiepunt
from .gebruiker import naam_sleutel
from .plan import ZELF_AKKOORD_VANAF, zelf_akkoord
from .traject import MdoRol

# Partners with whom the school shares data only with consent (the praktijkkaart: jeugdarts and jeugdhulp
# "altijd met instemming van ouders en leerling"). The leerplichtambtenaar is left out: the school must
# report verzuim to leerplicht by law (Leerplichtwet art. 21a), consent or not. School staff are the school.
TOESTEMMING_NODIG = frozenset({MdoRol.JEUGDARTS, MdoRol.SWV_CONSULENT, MdoRol.JEUGDHULP, MdoRol.VERZUIMCOACH,
                               MdoRol.ANDERS})
SCHOOL_ROLLEN = frozenset({MdoRol.ZORGCOORDINATOR, MdoRol.MENTOR})


class ToestemmingRecord(Protocol):
    # read-only: a frozen dataclass satisfies it
    @property
    def organisatie(self) -> str: ...
    @property
    def gegeven(self) -> bool: ...
    @property
    def datum(self) -> date | None: ...
    @property
    def id(self) -> int | None: ...


class Deelnemer(Protocol):
    naam: str
    rol: MdoRol
    organisatie: str
    afgemeld: bool


@dataclass(frozen=True)
class GeldendeToestemming:
    """The consent for one organisation as it stands on a day."""

    organisatie: str
    gegeven: bool
    sinds: date  # the date of the record that counts
    ingetrokken: bool = False  # "nee" after an earlier "ja"

    @property
    def tekst(self) -> str:
        if self.gegeven:
            return "ja"
        return "nee, ingetrokken" if self.ingetrokken else "nee"


def geldende_toestemmingen(records: Iterable[ToestemmingRecord], op: date) -> list[GeldendeToestemming]:
    """Per organisation (spelling of case and spaces ignored) the latest record dated on or before `op` – by
    date, then by the order recorded – in alphabetical order of organisation."""
    per: dict[str, list[tuple[date, ToestemmingRecord]]] = {}
    for r in records:
        if r.datum is None or r.datum > op or not r.organisatie.strip():
            continue
        per.setdefault(naam_sleutel(r.organisatie), []).append((r.datum, r))
    uit = []
    for lijst in per.values():
        lijst.sort(key=lambda dr: (dr[0], dr[1].id if dr[1].id is not None else 0))
        datum, laatste = lijst[-1]
        ingetrokken = not laatste.gegeven and any(r.gegeven for _, r in lijst[:-1])
        uit.append(GeldendeToestemming(" ".join(laatste.organisatie.split()), laatste.gegeven, datum, ingetrokken))
    return sorted(uit, key=lambda t: t.organisatie.casefold())


def heeft_toestemming(geldend: Iterable[GeldendeToestemming], organisatie: str) -> bool:
    sleutel = naam_sleutel(organisatie)
    return any(t.gegeven and naam_sleutel(t.organisatie) == sleutel for t in geldend)


def zonder_toestemming(deelnemers: Iterable[Deelnemer], geldend: Iterable[GeldendeToestemming]) -> list[Deelnemer]:
    """The partners who take part (not afgemeld) in a role that needs consent while their organisation has
    none in force – also when no organisation is filled in, since then nobody can tell."""
    geldend = list(geldend)
    return [d for d in deelnemers
            if not d.afgemeld and d.rol in TOESTEMMING_NODIG
            and not (d.organisatie.strip() and heeft_toestemming(geldend, d.organisatie))]


def toestemming_door_leerling(geboortedatum: date, op: date) -> bool:
    """From 16 the student gives consent for sharing their data themself (UAVG art. 5), as they agree to
    the plan van aanpak themself; below 16 the ouders with gezag do."""
    return zelf_akkoord(geboortedatum, op)


def toestemming_kop(geboortedatum: date, op: date) -> str:
    return "Toestemming van de leerling" if toestemming_door_leerling(geboortedatum, op) else "Toestemming van ouders"


# --- what an MDO is (the records the services return) -------------------------------------------


@dataclass(frozen=True)
class MdoDeelnemer:
    """A participant of an MDO. As input a name and role are enough: a partner is then looked up in (or
    added to) the address book; a user of the app is recognised by name."""

    naam: str
    rol: MdoRol
    organisatie: str = ""
    gebruiker_id: int | None = None
    contact_id: int | None = None
    afgemeld: bool = False  # invited, but absent with notice
    krijgt_verslag: bool = True


@dataclass(frozen=True)
class Toestemming:
    """The ouders' consent for sharing with one partner organisation (ja/nee, on datum)."""

    organisatie: str
    gegeven: bool
    datum: date | None = None  # default: the MDO's date, or today
    id: int | None = None
    mdo_id: int | None = None


@dataclass(frozen=True)
class Besluit:
    id: int
    mdo_id: int
    nummer: int
    tekst: str


@dataclass(frozen=True)
class Mdo:
    id: int
    traject_id: int
    leerlingnummer: str
    datum: date
    agenda: str = ""
    verslag: str = ""
    vertrouwelijk: bool = False
    deelnemers: tuple[MdoDeelnemer, ...] = ()
    besluiten: tuple[Besluit, ...] = ()
    actiepunten: tuple[Actiepunt, ...] = ()
    toestemmingen: tuple[Toestemming, ...] = ()  # recorded at this MDO (geldende_toestemmingen: all in force)
    verslaglegger: str = ""
    volgend_overleg: date | None = None
    verzenden_aan: tuple[str, ...] = ()  # who else receives the verslag, besides the deelnemers marked so
    rijversie: int | None = None  # the version it was read at: give it back when saving a change (services/versies.py)

    @property
    def aanwezig(self) -> tuple[MdoDeelnemer, ...]:
        return tuple(d for d in self.deelnemers if not d.afgemeld)

    @property
    def afgemeld(self) -> tuple[MdoDeelnemer, ...]:
        return tuple(d for d in self.deelnemers if d.afgemeld)


@dataclass(frozen=True)
class Partner:
    """An entry of the shared address book (the `contact` table), reused across students."""

    naam: str
    rol: MdoRol | str
    organisatie: str = ""
    telefoon: str = ""
    email: str = ""
    id: int | None = None


__all__ = ["SCHOOL_ROLLEN", "TOESTEMMING_NODIG", "ZELF_AKKOORD_VANAF", "Besluit", "GeldendeToestemming", "Mdo",
           "MdoDeelnemer", "Partner", "Toestemming",
           "geldende_toestemmingen", "heeft_toestemming", "toestemming_door_leerling", "toestemming_kop",
           "zonder_toestemming"]
