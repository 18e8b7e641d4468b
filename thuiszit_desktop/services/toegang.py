"""Who may call which service method, and on which students: one table for the whole app.

Every public method of every service in `Services` has a `Regel` in REGELS. `beveilig` wraps the
methods of a service so the rule is checked before the method runs (role, and for a mentor: is the
student in one of their klassen?) and, for lists, the result is narrowed to the students the user may
see. A method without a rule is for the zorgcoördinator only, and tests/services/test_rollen.py fails
until it gets one: a new service cannot forget roles.

In short: the zorgcoördinator may do everything; a mentor reads and adds contact for the students of
their own klassen; alleen-lezen gets counts and overviews – lists of students come back empty and the
signals overzicht anonymous (no leerlingnummer, no explanation), enough for the dashboard's counts.

The scoping rule itself lives on the Context (`klassen_filter`, `check_klas`); this module only finds
the student's klas behind an argument (leerlingnummer, traject_id, gesprek_id …).

This is the one place for role rules: `Context.action` only opens the transaction (the rule was checked
before the method ran), and the role groups below (ZORG, TEAM, ALLEN) are the only ones.
"""

from __future__ import annotations

import functools
import inspect
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import peewee as pw
import sqlcipher3

from ..db import models as m
from ..db.audit import schrijf
from ..domain.audit import Actie
from ..domain.errors import GeenToegang, NietGevonden
from ..domain.gebruiker import Rol, naam_sleutel
from ..domain.plan import PlanStatus
from . import leerlingnummers
from .context import Context

log = logging.getLogger(__name__)

ZORG = (Rol.ZORGCOORDINATOR,)
TEAM = (Rol.ZORGCOORDINATOR, Rol.MENTOR)
ALLEN = (Rol.ZORGCOORDINATOR, Rol.MENTOR, Rol.ALLEEN_LEZEN)

GEEN_ROL = "Dit mag u niet met uw rol. Vraag het de zorgcoördinator."
ALLEEN_ZORG = "Dit kan alleen de zorgcoördinator. Vraag het hem of haar."


# --- from an argument to the student ----------------------------------------------------------------
# Each returns the student's id, or None when the record does not exist (the method then says so itself).

def _via(model, *pad: str) -> Callable[[Any], int | None]:
    """Follow foreign keys from `model` (by id) along `pad` to a leerling id."""
    def leerling_id(waarde) -> int | None:
        row = model.get_or_none(model.id == waarde)
        for veld in pad[:-1]:
            if row is None:
                return None
            row = getattr(row, veld)
        return None if row is None else getattr(row, pad[-1] + "_id")
    return leerling_id


def _leerlingnummer(waarde) -> int | None:
    return leerlingnummers.id_van(waarde)


SLEUTELS: dict[str, Callable[[Any], int | None]] = {
    "leerlingnummer": _leerlingnummer,
    "traject_id": _via(m.Traject, "leerling"),
    "gesprek_id": _via(m.Gesprek, "leerling"),
    "actiepunt_id": _via(m.Actiepunt, "leerling"),
    "afspraak_id": _via(m.Afspraak, "gesprek", "leerling"),
    "mdo_id": _via(m.Mdo, "traject", "leerling"),
    "plan_id": _via(m.PlanVanAanpak, "traject", "leerling"),
    "besluit_id": _via(m.Besluit, "mdo", "traject", "leerling"),
    "moment_id": _via(m.NazorgMoment, "traject", "leerling"),
}


def _klas_van(leerling_id: int | None) -> str | None:
    if leerling_id is None:
        return None
    return m.Leerling.select(m.Leerling.klas).where(m.Leerling.id == leerling_id).scalar()


def leerling_van(args: dict, zoek: Callable[[str], int | None] | None = None) -> int | None:
    """The student an action is about, found from its arguments (for the audit trail). `zoek(sleutel)`: the
    lookup of one argument (default: SLEUTELS)."""
    for sleutel in SLEUTELS:
        if args.get(sleutel) is not None:
            return zoek(sleutel) if zoek is not None else SLEUTELS[sleutel](args[sleutel])
    return None


# --- what happens to a result for someone who may see only some students ---------------------------

def zichtbare_leerlingnummers(ctx: Context) -> set[str] | None:
    klassen = ctx.klassen_filter()
    if klassen is None:
        return None
    if not klassen:
        return set()
    return {nr for nr, klas in m.Leerling.select(m.Leerling.leerlingnummer, m.Leerling.klas).tuples()
            if klas.casefold() in klassen}


def _per_leerling(ctx: Context, resultaat, *_):
    """A list (or a dict of lists) of things with a `leerlingnummer`, narrowed to the visible students."""
    zichtbaar = zichtbare_leerlingnummers(ctx)
    if zichtbaar is None:
        return resultaat
    if isinstance(resultaat, dict):
        per = {k: [x for x in v if x.leerlingnummer in zichtbaar] for k, v in resultaat.items()}
        return {k: v for k, v in per.items() if v}
    return [x for x in resultaat if x.leerlingnummer in zichtbaar]


def _klassen(ctx: Context, klassen: list[str], *_) -> list[str]:
    return [k for k in klassen if ctx.mag_klas(k)] if ctx.gebruiker.rol != Rol.ALLEEN_LEZEN else klassen


def _overzicht(ctx: Context, o, _service=None, args: dict | None = None):
    """A mentor sees the signals and levels of their own students; alleen-lezen only anonymous ones,
    so the dashboard can count them (leerlingnummer and explanation removed)."""
    if ctx.gebruiker.rol == Rol.ALLEEN_LEZEN:
        return replace(o, signalen=[replace(s, leerlingnummer="", uitleg="") for s in o.signalen],
                       niveaus=[replace(n, leerlingnummer="") for n in o.niveaus], besprekingen={},
                       meldingen={}, trajecten={}, mdos={})
    if args is not None and args.get("leerlingnummer") is not None:
        # One student's page: `check` has seen their klas already. Not reading every visible student for it
        # saves a mentor's page a thousand rows at a big school (on a server, through row-level security).
        return o
    zichtbaar = zichtbare_leerlingnummers(ctx)
    if zichtbaar is None:
        return o
    return replace(o, signalen=[s for s in o.signalen if s.leerlingnummer in zichtbaar],
                   niveaus=[n for n in o.niveaus if n.leerlingnummer in zichtbaar],
                   besprekingen={k: v for k, v in o.besprekingen.items() if k[0] in zichtbaar},
                   **{veld: {nr: v for nr, v in getattr(o, veld).items() if nr in zichtbaar}
                      for veld in ("meldingen", "trajecten", "mdos")})


def _vastgesteld(ctx: Context, plan, *_):
    """Only the zorgcoördinator sees a plan van aanpak while it is a concept."""
    if plan is None or ctx.gebruiker.rol == Rol.ZORGCOORDINATOR or plan.status is PlanStatus.VASTGESTELD:
        return plan
    raise GeenToegang("Dit plan van aanpak is nog een concept: alleen de zorgcoördinator kan het inzien.")


def _nieuwste_vastgesteld(ctx: Context, plan, plannen, args: dict):
    """"The newest plan" for someone else than the zorgcoördinator: the newest vastgesteld version (a
    concept above it stays hidden); a concept asked for by its number is refused."""
    if plan is None or ctx.gebruiker.rol == Rol.ZORGCOORDINATOR or plan.status is PlanStatus.VASTGESTELD:
        return plan
    if args.get("versie") is not None:
        return _vastgesteld(ctx, plan)
    vastgesteld = plannen.versies(plan.traject_id)  # narrowed to the vastgestelde ones (see REGELS)
    return vastgesteld[-1] if vastgesteld else None


def _nieuwste_vastgesteld_of_fout(ctx: Context, plan, plannen, args: dict):
    gevonden = _nieuwste_vastgesteld(ctx, plan, plannen, args)
    if gevonden is None:
        raise NietGevonden("Er is nog geen vastgesteld plan van aanpak; een concept kan alleen de zorgcoördinator "
                           "inzien.")
    return gevonden


def _alleen_vastgesteld(ctx: Context, plannen, *_):
    if ctx.gebruiker.rol == Rol.ZORGCOORDINATOR:
        return plannen
    return [p for p in plannen if p.status is PlanStatus.VASTGESTELD]


def _eigen_actiepunt(ctx: Context, args: dict) -> None:
    """A mentor closes (or reopens) only the actiepunten assigned to them."""
    if ctx.gebruiker.rol != Rol.MENTOR:
        return
    row = m.Actiepunt.get_or_none(m.Actiepunt.id == args["actiepunt_id"])
    if row is None:
        return  # the service says it no longer exists
    # Theirs: assigned to their account, or to the contact with their name (a mentor from the import).
    contact = m.Contact.get_or_none(m.Contact.id == row.eigenaar_contact_id) if row.eigenaar_contact_id else None
    eigen = (row.eigenaar_gebruiker_id == ctx.gebruiker.id
             or (contact is not None and naam_sleutel(contact.naam) == naam_sleutel(ctx.gebruiker.naam)))
    if not eigen:
        raise GeenToegang("Dit actiepunt staat op naam van iemand anders. U kunt alleen uw eigen actiepunten "
                          "afsluiten.")


# --- the rules ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Regel:
    """`rollen` may call the method at all. `leerling`: the argument that names a student's record
    (a key of SLEUTELS) – checked against the user's klassen. `na` narrows or checks the result;
    `voor` is an extra check on the arguments."""

    rollen: tuple[Rol, ...]
    leerling: str | None = None
    na: Callable[..., Any] | None = None  # (ctx, result, the service, the arguments) → result
    voor: Callable[[Context, dict], None] | None = None


def iedereen() -> Regel:
    """No student data: settings, the calendar, the school's name."""
    return Regel(ALLEN)


def alleen(*rollen: Rol) -> Regel:
    return Regel(rollen)


def leerling(sleutel: str = "leerlingnummer", rollen: tuple[Rol, ...] = TEAM, **kw) -> Regel:
    """About one student: the roles, and the student must be in the user's klassen."""
    return Regel(rollen, sleutel, **kw)


def gefilterd(rollen: tuple[Rol, ...] = ALLEN, na=_per_leerling) -> Regel:
    """A list over the whole school, narrowed to the students the user may see."""
    return Regel(rollen, na=na)


REGELS: dict[str, dict[str, Regel]] = {
    "school": {"get": iedereen(), "logo": iedereen(), "opslaan": alleen(*ZORG), "logo_opslaan": alleen(*ZORG),
               "logo_verwijderen": alleen(*ZORG), "lesuurtijden": iedereen(), "lesuurtijden_opslaan": alleen(*ZORG)},
    "leerlingen": {
        "lijst": gefilterd(), "get": leerling(), "klassen": gefilterd(na=_klassen), "mentoren": alleen(*TEAM),
        "opslaan": alleen(*ZORG),
    },
    "importeren": {"leerlingen": alleen(*ZORG), "leerlingen_voorbeeld": alleen(*ZORG), "kolommen": alleen(*ZORG)},
    # Drafts belong to the user who typed them (the table has a gebruiker column).
    "concepten": {"lees": iedereen(), "bewaar": iedereen(), "verwijder": iedereen(), "opruimen": iedereen(),
                  "wachtend": iedereen(), "naar_server": iedereen()},
    "kalender": {
        "calendar": iedereen(), "jaar": iedereen(), "vrije_dagen": iedereen(), "aangepaste_vakanties": iedereen(),
        "officiele_vakanties": iedereen(),
        "vrije_dagen_voorbeeld": alleen(*ZORG), "vrije_dagen_importeren": alleen(*ZORG),
        "vrije_dagen_import": alleen(*ZORG), "vrije_dagen_toevoegen": alleen(*ZORG),
        "vrije_dag_verwijderen": alleen(*ZORG), "vakantie_aanpassen": alleen(*ZORG),
        "vakantie_herstellen": alleen(*ZORG), "eigen_vakantie_invoeren": alleen(*ZORG),
        "eigen_vakantie_verwijderen": alleen(*ZORG),
    },
    "signalen": {
        "bijgewerkt_tot": iedereen(), "standaard_peildatum": iedereen(), "instellingen": iedereen(),
        "overzicht": Regel(ALLEN, "leerlingnummer", na=_overzicht),
        "besprekingen": leerling(), "bespreken": leerling(), "drempels_opslaan": alleen(*ZORG),
    },
    "verzuim": {
        "codes": iedereen(), "codes_opslaan": alleen(*ZORG), "codes_standaard": alleen(*ZORG),
        "voorbeeld": alleen(*ZORG), "importeren": alleen(*ZORG),
        "dagen": leerling(), "handmatig": leerling(), "meldingen": leerling(), "mazl_acties": leerling(),
        "invoeren": alleen(*ZORG), "verwijderen": alleen(*ZORG), "melding_registreren": alleen(*ZORG),
        "standaard_einddatum": alleen(*ZORG),
        "mazl_registreren": alleen(*ZORG), "actie_verwijderen": alleen(*ZORG),
    },
    # The traject services. Reading: a mentor sees the traject's step and checklist, contactmomenten, MDO's
    # (vertrouwelijk text hidden by the service), consents, actiepunten and the timeline (vertrouwelijk
    # hidden, no analysis) of their own students – not the analysis itself or the dossier. Writing: a mentor
    # records contactmomenten and actiepunten of their own students; the rest is the zorgcoördinator's.
    "trajecten": {
        "get": leerling("traject_id"), "trajecten": leerling(), "open_traject": leerling(),
        "lijst": gefilterd(), "checklist": leerling("traject_id"), "nog_open": leerling("traject_id"),
        "analyse": leerling("traject_id", ZORG), "casusregisseur": leerling("traject_id"),
        **{naam: alleen(*ZORG) for naam in (
            "openen", "openen_vanuit_signaal", "bijwerken", "stap_wijzigen", "sluiten", "nazorg_toevoegen",
            "nazorg_wijzigen", "nazorg_verwijderen", "nazorg_afronden", "afvinken", "afvinken_ongedaan",
            "analyse_opslaan")},
    },
    "gesprekken": {
        "gesprek": leerling("gesprek_id"), "gesprekken": leerling(),
        "gesprek_vastleggen": leerling(), "contactmoment": leerling(), "gesprek_bijwerken": leerling("gesprek_id"),
        "gesprek_verwijderen": leerling("gesprek_id"),
        "mag_gesprek_weghalen": iedereen(),  # a check on a Gesprek the user was given already
        "afspraak_naar_actiepunt": leerling("afspraak_id"),
    },
    "mdo": {
        "mdo": leerling("mdo_id"), "mdos": leerling("traject_id"), "toestemmingen": leerling("traject_id"),
        "agenda_voorstel": leerling("traject_id", ZORG),
        **{naam: alleen(*ZORG) for naam in (
            "mdo_vastleggen", "mdo_bijwerken", "mdo_opslaan", "mdo_verwijderen", "besluit_toevoegen", "besluit_wijzigen",
            "besluit_verwijderen", "toestemming_vastleggen", "mdo_actiepunt")},
    },
    "actiepunten": {
        "actiepunt": leerling("actiepunt_id"), "actiepunten": leerling(),
        "open_actiepunten": gefilterd(), "mijn_actiepunten": gefilterd(), "open_actiepunten_per_eigenaar": gefilterd(),
        "actiepunt_toevoegen": leerling(), "actiepunt_status": leerling("actiepunt_id", voor=_eigen_actiepunt),
        "actiepunt_wijzigen": alleen(*ZORG), "actiepunt_verwijderen": alleen(*ZORG),
    },
    "partners": {"partners": alleen(*TEAM), "personen": alleen(*TEAM), "partner_opslaan": alleen(*ZORG),
                 "partner_verwijderen": alleen(*ZORG)},
    "tijdlijn": {"tijdlijn": leerling(), "herinneringen": gefilterd()},
    "plannen": {
        "catalogus": iedereen(), "catalogus_opslaan": alleen(*ZORG), "nieuw": alleen(*ZORG),
        "opslaan": alleen(*ZORG), "vaststellen": alleen(*ZORG), "evaluatie_vastleggen": alleen(*ZORG),
        "concept_verwijderen": alleen(*ZORG),
        "get": leerling("plan_id", na=_vastgesteld), "plan": leerling("traject_id", na=_nieuwste_vastgesteld),
        "versies": leerling("traject_id", na=_alleen_vastgesteld),
        "voor_leerling": leerling(na=_nieuwste_vastgesteld_of_fout),
        "afdruk": leerling("plan_id"), "pdf": leerling("plan_id"),  # both read through `get`
    },
    "afdrukken": {"mdo_kiezen": leerling(), "mdo_pdf": leerling(), "dossier_pdf": leerling(rollen=ZORG)},
    # Everything about one student, vertrouwelijk included: the zorgcoördinator only.
    "inzage": {"dossier": leerling(rollen=ZORG)},
    # The quarterly overview is pseudonymised (no names): alleen-lezen too, a mentor not.
    # Trends and "werkt het?" per type are counts: alleen-lezen too. The lijstbespreking names students.
    "overzichten": {
        "schooljaren": iedereen(), "eerste_verzuimdatum": iedereen(), "trends": alleen(Rol.ZORGCOORDINATOR, Rol.ALLEEN_LEZEN),
        "effecten": alleen(Rol.ZORGCOORDINATOR, Rol.ALLEEN_LEZEN),
        "jaaroverzicht_pdf": alleen(Rol.ZORGCOORDINATOR, Rol.ALLEEN_LEZEN),
        "effect_per_leerling": leerling(rollen=ZORG), "lijstbespreking": alleen(*ZORG),
        "lijstbespreking_pdf": alleen(*ZORG),
    },
    "kwartaal": {"standaard_kwartaal": iedereen(), "overzicht": alleen(Rol.ZORGCOORDINATOR, Rol.ALLEEN_LEZEN),
                 "export": alleen(Rol.ZORGCOORDINATOR, Rol.ALLEEN_LEZEN)},
    "vergrendeling": {"minuten": iedereen(), "controleer_wachtwoord": iedereen(), "minuten_opslaan": alleen(*ZORG)},
    "aan_de_slag": {"stand": alleen(*ZORG), "verbergen": alleen(*ZORG)},  # the card is for the zorgcoördinator
    "ongedaan": {"herstel": alleen(*TEAM)},  # the service also checks the roles of the undone delete
    # The check at start runs in every session (it shows no entries, only whether the trail is whole).
    "audit": {"lijst": alleen(*ZORG), "gebruikers": alleen(*ZORG), "controleren": alleen(*ZORG),
              "bij_start": iedereen(), "verzegelen": alleen(*ZORG)},
    "bewaren": {"termijnen": alleen(*ZORG), "termijnen_opslaan": alleen(*ZORG), "voorstel": alleen(*ZORG),
                "opruimen": alleen(*ZORG)},
    # Backups show no student data (dates, sizes, counts); every role's session makes the automatic ones.
    "backups": {"map": iedereen(), "standaard_map": iedereen(), "automatisch": iedereen(), "nodig": iedereen(),
                "lijst": iedereen(), "laatste": iedereen(), "maken": alleen(*ZORG), "map_instellen": alleen(*ZORG),
                "voorbeeld": alleen(*ZORG), "terugzetten": alleen(*ZORG), "aantallen": alleen(*ZORG),
                "voor_opruimen": alleen(*ZORG)},
    # The alleen-lezen overview is made in a zorgcoördinator's session (alleen-lezen opens only its file).
    "lezersoverzicht": {"maken": alleen(*ZORG), "bijwerken": alleen(*ZORG)},
    # User management checks roles itself too (everyone changes their own password).
    "gebruikers": {
        "lijst": alleen(*ZORG), "toevoegen": alleen(*ZORG), "wachtwoord_resetten": alleen(*ZORG),
        "uitschakelen": alleen(*ZORG), "inschakelen": alleen(*ZORG), "wijzigen": alleen(*ZORG),
        "wachtwoord_wijzigen": iedereen(),
    },
    # Your own profile (name, function, phone, e-mail); the service lets only the zorgcoördinator change
    # someone else's. Staff contact details, no student data.
    "profielen": {"get": iedereen(), "opslaan": iedereen()},
}

def _weigering_vastleggen(ctx: Context, exc: GeenToegang, wat: str, args: dict) -> None:
    """A refused attempt goes into the audit trail: who asked for what (and about which student), once, in its
    own transaction after the refused action's has rolled back (a nested call leaves it to the outermost)."""
    if getattr(exc, "vastgelegd", False) or ctx.store.closed or ctx.store.db.in_transaction():
        return
    exc.vastgelegd = True
    try:
        with ctx.store.db.atomic():
            schrijf(ctx.store.db, ctx.gebruiker, Actie.GEWEIGERD, leerling_van(args), wat)
    except (pw.PeeweeException, sqlcipher3.Error, OSError) as fout:  # the refusal itself still reaches the user
        log.warning("refused attempt not recorded: %s", type(fout).__name__)


ONBEKEND = alleen(*ZORG)  # a method nobody wrote a rule for: safe until someone does


def publieke_methoden(service: object) -> list[str]:
    return sorted(n for n, v in inspect.getmembers(type(service))
                  if not n.startswith("_") and inspect.isfunction(v))


def regel(service_naam: str, methode: str) -> Regel:
    return REGELS.get(service_naam, {}).get(methode, ONBEKEND)


def vereis_rol(ctx: Context, rollen: tuple[Rol, ...], melding: str = GEEN_ROL) -> None:
    """GeenToegang unless the acting user has one of `rollen`."""
    if ctx.gebruiker.rol not in rollen:
        raise GeenToegang(melding)


def check(ctx: Context, r: Regel, args: dict, zoek: Callable[[str], int | None] | None = None) -> None:
    """GeenToegang when `r` does not allow this call to the acting user. `zoek`: as for `leerling_van`."""
    vereis_rol(ctx, r.rollen, ALLEEN_ZORG if r.rollen == ZORG else GEEN_ROL)
    if r.leerling is not None and ctx.klassen_filter() is not None:
        waarde = args.get(r.leerling)
        if waarde is not None:
            if r.leerling == "leerlingnummer":  # the student's row, read once for the whole call: its klas too
                row = leerlingnummers.zoek(waarde)
                klas = None if row is None else row.klas
            else:
                klas = _klas_van(zoek(r.leerling) if zoek is not None else SLEUTELS[r.leerling](waarde))
            if klas is not None:
                ctx.check_klas(klas)
    if r.voor is not None:
        r.voor(ctx, args)


def beveilig(ctx: Context, service_naam: str, service):
    """Wrap every public method of `service` (on the instance) with its rule; returns the service.
    Only services (objects with a `ctx`) are wrapped; anything else is returned as it is."""
    if not hasattr(service, "ctx"):
        return service
    soort = type(service).__name__.removesuffix("Service").lower()  # "traject: openen" in the audit trail
    for naam in publieke_methoden(service):
        r = regel(service_naam, naam)
        methode = getattr(service, naam)
        setattr(service, naam, _bewaakt(ctx, r, methode, f"{service_naam}: {naam}", f"{soort}: {naam}"))
    return service


def _bewaakt(ctx: Context, r: Regel, methode, wat: str, naam: str):
    handtekening = inspect.signature(methode)

    @functools.wraps(methode)
    def bewaakt(*args, **kwargs):
        gebonden = handtekening.bind_partial(*args, **kwargs).arguments
        gevonden: dict[str, int | None] = {}

        def zoek(sleutel: str) -> int | None:  # once per call: the check and the audit ask for the same student
            if sleutel not in gevonden:
                gevonden[sleutel] = SLEUTELS[sleutel](gebonden[sleutel])
            return gevonden[sleutel]

        try:
            with leerlingnummers.onthouden(ctx.store.wijzigingen):  # the student read once for all of the call
                check(ctx, r, gebonden, zoek)
                with ctx.aanroep(naam, lambda: leerling_van(gebonden, zoek)):
                    resultaat = methode(*args, **kwargs)
        except GeenToegang as exc:
            _weigering_vastleggen(ctx, exc, wat, gebonden)
            raise
        return r.na(ctx, resultaat, methode.__self__, gebonden) if r.na is not None else resultaat

    bewaakt.regel = r  # type: ignore[attr-defined]  # the rule, for the role matrix test
    return bewaakt
