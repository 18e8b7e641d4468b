"""The student register: list, read, add and edit."""

from __future__ import annotations

import operator
from dataclasses import replace
from datetime import date
from itertools import repeat
from typing import NamedTuple

import peewee as pw

from .. import __version__
from ..db import lijst_cache
from ..db import models as m
from ..domain import formaat
from ..domain.audit import Actie
from ..domain.errors import InvoerFout, NietGevonden
from ..domain.leerling import (
    Contactvoorkeur,
    Leerling,
    Ouder,
    Relatie,
    Vrijstelling,
    VrijstellingType,
    validate_leerling,
)
from ..domain.zoeken import naam_sorteersleutel, natuurlijke_sleutel, sorteersleutel, zoektekst, zoekteksten
from . import leerlingnummers, versies
from .context import Context


class LeerlingRij(NamedTuple):
    """One line of the student list: only what the list shows and filters on. A tuple, not a dataclass: a
    school of 20,000 makes one per student at every start (a frozen dataclass took 5× as long to build, and
    twice the memory)."""

    id: int
    leerlingnummer: str
    naam: str
    sorteernaam: str
    klas: str
    mentor: str
    geboortedatum: date
    ingeschreven: bool
    # How lists sort it: domain.zoeken.naam_sorteersleutel (achternaam first), then the leerlingnummer (`sleutel`)
    sleutel: str = ""
    zoek: str = ""  # what a search looks in, folded (`zoektekst`): kept with the row, so typing never waits for it

    @property
    def sorteer(self) -> str:
        return self.sleutel or rij_sleutel(naam_sorteersleutel(self.sorteernaam), self.leerlingnummer)

    @property
    def zoektekst(self) -> str:
        """Naam, sorteernaam, leerlingnummer and klas folded for searching (domain/zoeken.py)."""
        return self.zoek or zoektekst(zoekbron(self.naam, self.sorteernaam, self.leerlingnummer, self.klas))


def zoekbron(naam: str, sorteernaam: str, leerlingnummer: str, klas: str) -> str:
    """The text a search of the list looks in, before folding."""
    return f"{naam} {sorteernaam} {leerlingnummer} {klas}"


def rij_sleutel(naam: str, leerlingnummer: str) -> str:
    """A student's sort key from the key of their name: the same names in leerlingnummer order."""
    return f"{naam}\x00{natuurlijke_sleutel(leerlingnummer)}"


# The rows kept in the file (db/lijst_cache.py) by this program version and form: the form one higher when a
# row's fields, or how a name or sort key is made, change – so rows kept by an earlier form are read afresh.
_LIJST_VORM = 5  # 3: with the search text; 4: compressed; 5: as columns
_BEWAAR_SLEUTEL = f"{__version__}|{_LIJST_VORM}|{lijst_cache.VORM}"
_VELDEN = 11  # the columns of `_rijen_lezen`
_NOOIT = "~"  # the uitschrijfdatum of who has none: after every ISO date, so `ingeschreven` is two comparisons


def _als_rijen(kolommen: list[list], peildatum: date) -> list[LeerlingRij]:
    """`LeerlingenService._rijen_lezen`'s columns (or those kept in the file) as the list's rows, `ingeschreven`
    as on `peildatum`. Made with loops in C (map, zip): 20,000 rows in a few milliseconds (issue 16)."""
    ids, nummers, namen, sorteernamen, klassen, mentoren, geboren, in_, weg, sleutels, zoek = kolommen
    peil = peildatum.isoformat()
    datums = {d: date.fromisoformat(d) for d in set(geboren)}  # a few thousand birthdays, shared
    ingeschreven = map(operator.and_, map(operator.le, in_, repeat(peil)), map(operator.lt, repeat(peil), weg))
    return list(map(tuple.__new__, repeat(LeerlingRij), zip(
        ids, nummers, namen, sorteernamen, klassen, mentoren, map(datums.__getitem__, geboren), ingeschreven,
        sleutels, zoek, strict=True)))


def _kolommen(bewaard: list[list[str]] | None) -> list[list] | None:
    """What the file kept (columns of text), as `_rijen_lezen` gives it: the ids as numbers, a klas or mentor
    that many rows share as one object again. (Not the date texts: `_als_rijen` turns them into one date per
    day and a bool, and does not keep them, so sharing them only cost time: 2–3 ms, issue 16.)"""
    if bewaard is None or len(bewaard) != _VELDEN:
        return None
    try:
        ids = list(map(int, bewaard[0]))
    except ValueError:
        return None
    gedeeld: dict[str, str] = {}
    een = gedeeld.setdefault
    return [ids, *bewaard[1:4], *(list(map(een, k, k)) for k in bewaard[4:6]), *bewaard[6:]]


def _als_teksten(kolommen: list[list]) -> list[list[str]]:
    """`_rijen_lezen`'s columns as the file keeps them (db/lijst_cache.py: text only)."""
    return [list(map(str, kolommen[0])), *kolommen[1:]]


class LeerlingenService:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        # The last list per (peildatum, data version): the student list makes it at start and the signals'
        # worker needs it again right after (0.3 s at 20,000 students); any committed write moves the version.
        self._lijst: tuple[tuple[date, int], list[LeerlingRij]] | None = None
        self._te_bewaren = False  # the rows were read, not found kept in the file: `bewaren` keeps them

    # --- reading ---------------------------------------------------------------------------------

    def lijst(self, peildatum: date | None = None) -> list[LeerlingRij]:
        """Every student, sorted by name; `ingeschreven` as on `peildatum` (default today)."""
        peildatum = peildatum or date.today()
        if self.ctx.store.db.in_transaction():  # its own uncommitted writes: not what the cache knows
            return self._lijst_lezen(peildatum)
        sleutel = (peildatum, self.ctx.store.versie)  # read before the data: a write during the read moves it on
        cache = self._lijst
        if cache is None or cache[0] != sleutel:
            cache = self._lijst = (sleutel, self._bewaard_of_gelezen(peildatum))
        return list(cache[1])

    def _bewaard_of_gelezen(self, peildatum: date) -> list[LeerlingRij]:
        """The rows as kept in the file at an earlier start while no write emptied them (db/lijst_cache.py), or
        read – and then kept by `bewaren`."""
        bewaard = _kolommen(lijst_cache.lees(self.ctx.store.db, _BEWAAR_SLEUTEL))
        if bewaard is None:
            self._te_bewaren = True
            return self._lijst_lezen(peildatum)
        return _als_rijen(bewaard, peildatum)

    def bewaren(self) -> bool:
        """Keep the rows in the file for the next start, when this session had to read them (the window runs
        this in the background once its first signals are in). True when they were kept. A write: only into a
        file that passed its check, and never in the way of a user's action (Context.stil)."""
        if not self._te_bewaren:
            return False
        self._te_bewaren = False
        db = self.ctx.store.db
        self.ctx.gecontroleerd()
        with self.ctx.stil() as stil:
            gereserveerd = stil and lijst_cache.reserveer(db, _BEWAAR_SLEUTEL)  # before reading: a write voids it
        if not gereserveerd:
            return False
        rijen = self._rijen_lezen()
        with self.ctx.stil() as stil:
            return stil and lijst_cache.bewaar(db, _BEWAAR_SLEUTEL, _als_teksten(rijen))

    def _lijst_lezen(self, peildatum: date) -> list[LeerlingRij]:
        return _als_rijen(self._rijen_lezen(), peildatum)

    @staticmethod
    def _rijen_lezen() -> list[list]:
        """The list's rows as kept in the file, sorted, as columns: id, leerlingnummer, naam, sorteernaam, klas,
        mentor, geboortedatum, inschrijfdatum, uitschrijfdatum (_NOOIT for none), sorteersleutel, zoektekst;
        dates as ISO text – the same on any peildatum (`_als_rijen` makes `ingeschreven`). A text many rows
        have (a klas, a mentor, a date) is one object: less memory, and kept once in the file."""
        query = (m.Leerling
                 .select(m.Leerling.id, m.Leerling.leerlingnummer, m.Leerling.voornaam, m.Leerling.tussenvoegsel,
                         m.Leerling.achternaam, m.Leerling.klas, m.Leerling.geboortedatum,
                         m.Leerling.inschrijfdatum, m.Leerling.uitschrijfdatum, m.Contact.naam.alias("mentor"))
                 .join(m.Contact, pw.JOIN.LEFT_OUTER,
                       on=(m.Leerling.mentor == m.Contact.id)))
        # The rows straight from the cursor: peewee's conversion of each value costs more than the rest of
        # the list at 20,000 students. Dates are stored as ISO text.
        sql, params = query.sql()
        gedeeld: dict[str, str] = {}
        een = gedeeld.setdefault
        rijen = []
        for (id_, nummer, voornaam, tussenvoegsel, achternaam, klas, geboren, in_, uit, mentor) in (
                m.database.execute_sql(sql, params)):
            rest = " ".join(p for p in (voornaam, tussenvoegsel) if p)
            rijen.append((id_, nummer, formaat.naam(voornaam, tussenvoegsel, achternaam),
                          f"{achternaam}, {rest}" if rest else achternaam, een(klas, klas),
                          een(mentor or "", mentor or ""), een(geboren, geboren), een(in_, in_),
                          een(uit, uit) if uit is not None else _NOOIT,
                          rij_sleutel(naam_sorteersleutel(achternaam, voornaam, tussenvoegsel), nummer)))
        rijen.sort(key=operator.itemgetter(9))
        kolommen = [list(k) for k in zip(*rijen, strict=True)] if rijen else [[] for _ in range(_VELDEN - 1)]
        kolommen.append(zoekteksten(list(map(zoekbron, kolommen[2], kolommen[3], kolommen[1], kolommen[4]))))
        return kolommen

    def get(self, leerlingnummer: str) -> Leerling:
        row = leerlingnummers.zoek(leerlingnummer)
        if row is None:
            raise NietGevonden(f"Er is geen leerling met leerlingnummer {leerlingnummer}.")
        with self.ctx.action():
            self.ctx.audit(Actie.BEKEKEN, row.id, "leerling")
        return _to_domain(row)

    def klassen(self) -> list[str]:
        query = m.Leerling.select(m.Leerling.klas).where(m.Leerling.klas != "").distinct()
        return sorted((r.klas for r in query), key=natuurlijke_sleutel)

    def mentoren(self) -> list[str]:
        query = m.Contact.select(m.Contact.naam).where(m.Contact.rol == "mentor")
        return sorted((r.naam for r in query), key=sorteersleutel)

    # --- writing ---------------------------------------------------------------------------------

    def opslaan(self, leerling: Leerling, vandaag: date | None = None) -> Leerling:
        """Add (id None) or change a student with ouders and vrijstellingen, in one transaction; a change of a
        version someone else changed since `leerling.rijversie` raises `Conflict` (services/versies.py)."""
        leerling = validate_leerling(leerling, vandaag or date.today())
        with self.ctx.action():
            opgeslagen = write_leerling(leerling, door=self.ctx.gebruiker.id)
            self.ctx.audit(Actie.TOEGEVOEGD if leerling.id is None else Actie.GEWIJZIGD, opgeslagen.id, "leerling")
            return replace(opgeslagen, rijversie=versies.versie(m.Leerling, opgeslagen.id))


# --- shared with the importer --------------------------------------------------------------------

def write_leerling(leerling: Leerling, mentors: dict[str, int] | None = None, door: int | None = None) -> Leerling:
    """Insert (id None) or update (by id) one validated student; call inside a transaction. `door`: the user
    who changes it (shown to another user whose change it refuses, services/versies.py)."""
    clash = m.Leerling.get_or_none(m.Leerling.leerlingnummer == leerling.leerlingnummer)
    if clash is not None and clash.id != leerling.id and leerling.id is not None:
        raise InvoerFout({"leerlingnummer": f"Leerlingnummer {leerling.leerlingnummer} is al in gebruik "
                                            f"bij een andere leerling. Kies een ander nummer."})
    if leerling.id is None and clash is not None:
        raise InvoerFout({"leerlingnummer": f"Er is al een leerling met leerlingnummer "
                                            f"{leerling.leerlingnummer}."})
    fields = dict(
        leerlingnummer=leerling.leerlingnummer, voornaam=leerling.voornaam, tussenvoegsel=leerling.tussenvoegsel,
        achternaam=leerling.achternaam, geboortedatum=leerling.geboortedatum, klas=leerling.klas,
        mentor=mentor_id(leerling.mentor, mentors), inschrijfdatum=leerling.inschrijfdatum,
        uitschrijfdatum=leerling.uitschrijfdatum, bestemming=leerling.bestemming,
        startkwalificatie=leerling.startkwalificatie, bsn=leerling.bsn, onderwijsnummer=leerling.onderwijsnummer,
        gewijzigd=m.now(),
    )
    if leerling.id is None:
        leerling_id = m.Leerling.insert(**fields).execute()
    else:
        # leerling.rijversie: as the user read it (None from an import or script: no check)
        versies.opslaan(m.Leerling, leerling.id, fields, leerling.rijversie, "deze leerling", door=door)
        leerling_id = leerling.id
        m.Ouder.delete().where(m.Ouder.leerling == leerling_id).execute()
        m.Vrijstelling.delete().where(m.Vrijstelling.leerling == leerling_id).execute()
    if leerling.ouders:
        m.Ouder.insert_many([
            dict(leerling=leerling_id, volgorde=i, naam=o.naam, relatie=o.relatie.value, telefoon=o.telefoon,
                 email=o.email, adres=o.adres, gezag=o.gezag, contactvoorkeur=o.contactvoorkeur.value)
            for i, o in enumerate(leerling.ouders)]).execute()
    if leerling.vrijstellingen:
        m.Vrijstelling.insert_many([dict(leerling=leerling_id, type=v.type.value, van=v.van, tot=v.tot)
                                    for v in leerling.vrijstellingen]).execute()
    return replace(leerling, id=leerling_id, rijversie=None)


def mentor_id(naam: str, cache: dict[str, int] | None = None) -> int | None:
    """The contact id of a mentor by name, created as a contact when new (not as a user)."""
    naam = " ".join(naam.split())
    if not naam:
        return None
    if cache is not None and naam in cache:
        return cache[naam]
    contact, _ = m.Contact.get_or_create(naam=naam, rol="mentor")
    if cache is not None:
        cache[naam] = contact.id
    return contact.id


def _to_domain(row: m.Leerling) -> Leerling:
    # Raw SQL and rows (dates as ISO text on both stores): peewee's building of these three small queries was
    # ~0.3 ms of opening a student (issue 16).
    sql = m.database.execute_sql
    ouders = tuple(Ouder(naam, Relatie(relatie), telefoon, email, adres, bool(gezag), Contactvoorkeur(voorkeur))
                   for naam, relatie, telefoon, email, adres, gezag, voorkeur in sql(
                       'SELECT "naam", "relatie", "telefoon", "email", "adres", "gezag", "contactvoorkeur" '
                       'FROM "ouder" WHERE "leerling_id" = ? ORDER BY "volgorde"', (row.id,)))
    vrijstellingen = tuple(Vrijstelling(VrijstellingType(soort), date.fromisoformat(van),
                                        date.fromisoformat(tot) if tot is not None else None)
                           for soort, van, tot in sql('SELECT "type", "van", "tot" FROM "vrijstelling" '
                                                      'WHERE "leerling_id" = ? ORDER BY "van"', (row.id,)))
    mentor = sql('SELECT "naam" FROM "contact" WHERE "id" = ?', (row.mentor_id,)).fetchone() if row.mentor_id \
        else None
    return Leerling(
        leerlingnummer=row.leerlingnummer, achternaam=row.achternaam, geboortedatum=row.geboortedatum,
        inschrijfdatum=row.inschrijfdatum, voornaam=row.voornaam, tussenvoegsel=row.tussenvoegsel,
        klas=row.klas, mentor=mentor[0] if mentor else "", uitschrijfdatum=row.uitschrijfdatum,
        bestemming=row.bestemming, startkwalificatie=row.startkwalificatie, bsn=row.bsn,
        onderwijsnummer=row.onderwijsnummer, vrijstellingen=vrijstellingen, ouders=ouders, id=row.id,
        rijversie=row.rijversie)
