"""Step 4 of the demo school: the partners, about a dozen trajecten along the praktijkkaart and a few
mentors' contactmomenten, played from the stories of demo/verhalen.py through the services.
"""

from __future__ import annotations

import random
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection
from dataclasses import replace
from datetime import date, timedelta

from ..domain import formaat
from ..domain.leerling import (
    Leerling,
    Relatie,
    VrijstellingType,
    active_vrijstelling,
    is_ingeschreven,
    schooljaar_start,
)
from ..domain.mdo import MdoDeelnemer, Partner, Toestemming
from ..domain.plan import Akkoord, Contactpersoon, Doel, Interventie, Plan, PlanAfspraak, zelf_akkoord
from ..domain.signalen import SignaalSoort
from ..domain.traject import (
    ActiepuntStatus,
    Analyse,
    Domein,
    Factoren,
    GesprekType,
    MdoRol,
    Persoon,
)
from ..domain.verzuim import MeldingSoort
from ..services.session import Services
from . import verhalen as vh
from .leerlingen import _HERKOMSTEN
from .verhaal import When
from .verzuimmaker import _LEERJAAR, DemoVerzuim

# --- step 4: trajecten along the praktijkkaart --------------------------------------------------
#
# About a dozen trajecten on the students the verzuim step made into cases, written through the
# traject services and PlanService so that their rules apply and the checklist ticks itself (a DUO melding, a
# gesprek, an MDO, consent, a plan …). Each case plays a story of `demo/verhalen.py` (its events, their days
# and the template words are described there). A traject opens the first lesdag after its signal arose; the
# steps follow from the story (the oldest cases are furthest along).

_MEISJESNAMEN = frozenset(n for h in _HERKOMSTEN for n in h.meisjes)


def _gescheiden(s: Leerling) -> bool:
    return len(s.ouders) == 2 and s.ouders[0].adres != s.ouders[1].adres


def _woorden(s: Leerling, sinds: date) -> dict[str, str]:
    """The template words for one student (see demo/verhalen.py)."""
    meisje = s.voornaam in _MEISJESNAMEN
    ouder = next((o for o in s.ouders if o.gezag), s.ouders[0] if s.ouders else None)
    relatie = ouder.relatie if ouder else Relatie.OUDER
    titel = {Relatie.MOEDER: "moeder", Relatie.VADER: "vader"}.get(
        relatie, "de verzorger" if relatie is Relatie.ANDERS else f"de {relatie.value}")
    return {"naam": s.voornaam or s.naam, "hij": "ze" if meisje else "hij", "Hij": "Ze" if meisje else "Hij",
            "zijn": "haar" if meisje else "zijn", "hem": "haar" if meisje else "hem", "ouder": titel,
            "Ouder": titel[0].upper() + titel[1:], "ouder_naam": ouder.naam if ouder else titel,
            "ouder_rol": relatie.value, "mentor": s.mentor or "de mentor", "klas": s.klas, "sinds": formaat.dag_maand(sinds)}


class _Trajectmaker:
    """Step 4: the partners, the trajecten and a few mentors' contactmomenten, through the service."""

    def __init__(self, services: Services, leerlingen: list[Leerling], gemaakt: DemoVerzuim, rng: random.Random,
                 vandaag: date):
        self.services = services
        self.tr = services.trajecten
        self.pl = services.plannen
        self.rng, self.vandaag, self.gemaakt = rng, vandaag, gemaakt
        p = gemaakt.bijgewerkt_tot
        self.cal = services.kalender.calendar()
        # Lesdagen from the start of the previous school year through P: every date of the step is one.
        self.dagen = self.cal.lesdagen(date(schooljaar_start(p).year - 1, 8, 1), p)
        self.laatste = len(self.dagen) - 1
        self.zoco = Persoon(services.gebruiker.naam, gebruiker_id=services.gebruiker.id)
        self.profiel = services.profielen.get()  # how the plans name the zorgcoördinator (documenten.py)
        self.leerlingen = {s.leerlingnummer: s for s in leerlingen}
        overzicht = services.signalen.overzicht(p)
        self.signalen = overzicht.signalen_van()
        self.niveau = {n.leerlingnummer: n.niveau for n in overzicht.niveaus}
        self.partners: dict[str, Partner] = {}
        self.gebruikt: set[str] = set()

    # --- choosing the students ----------------------------------------------------------------------

    def maak(self) -> None:
        self.partners = {k: self.services.partners.partner_opslaan(p) for k, p in vh.PARTNERS.items()}
        rollen: dict[str, list[str]] = {}
        for nr, rol in sorted(self.gemaakt.rollen.items()):
            rollen.setdefault(rol, []).append(nr)
        S = SignaalSoort

        for rol, soorten in (("thuiszitter_lang", (S.THUISZITTER, S.THUISZITTER_3MND)),
                             ("thuiszitter_3mnd", (S.THUISZITTER, S.THUISZITTER_3MND)),
                             ("thuiszitter_kort", (S.THUISZITTER,)),
                             ("thuiszitter_nieuw", (S.THUISZITTER, S.MELDPLICHT_16U)),
                             ("meldplicht_te_laat", (S.MELDPLICHT_16U,)),
                             ("langdurig_ziek_mazl", (S.LANGDURIG_AFWEZIG, S.MAZL))):
            for nr in rollen.get(rol, ())[:1]:
                self._vanuit_signaal(nr, rol, self._signaal(nr, soorten))

        # Reported once and counting afresh: opened from that first 16-hour signal.
        for nr in rollen.get("meldplicht_opnieuw", ())[:1]:
            eerste = min((x.melding for x in self.gemaakt.meldingen
                          if x.leerlingnummer == nr and x.melding.soort is MeldingSoort.ZESTIEN_UUR),
                         key=lambda x: x.datum, default=None)
            signaal = (S.MELDPLICHT_16U, eerste.einddatum, eerste.einddatum) if eerste else None
            self._vanuit_signaal(nr, "meldplicht_opnieuw", signaal or self._signaal(nr, (S.MELDPLICHT_16U,)))

        # M@zl: a week ill (the one still signalled) and four ziekmeldingen; a second student with four
        # ziekmeldingen, here for a year or more, had a traject last year and gets a mentor's call now.
        week = [(nr, sig) for nr in rollen.get("mazl_week", ()) if (sig := self._signaal(nr, (S.MAZL,)))]
        for nr, sig in week[:1]:
            self._vanuit_signaal(nr, "mazl_week", sig)
        vorig_begin = self._index(self._vorig_jaar_begin())
        mazl = [nr for nr in rollen.get("mazl_vaak", ()) if self._signaal(nr, (S.MAZL,))]
        vorig = next((nr for nr in reversed(mazl) if len(mazl) > 1 and self._was_er(nr, vorig_begin)), None)
        for nr in [nr for nr in mazl if nr != vorig][:1]:
            self._vanuit_signaal(nr, "mazl_vaak", self._signaal(nr, (S.MAZL,)))

        # Absoluut verzuim: the most recent one.
        absoluut = sorted((s for lijst in self.signalen.values() for s in lijst if s.soort is S.ABSOLUUT_VERZUIM),
                          key=lambda s: (s.datum, s.leerlingnummer))
        if absoluut:
            s = absoluut[-1]
            self._vanuit_signaal(s.leerlingnummer, "absoluut", (s.soort, s.datum, s.sinds))

        # Vrijstelling 5a, still enrolled: opened while ill, a few weeks before the vrijstelling. (Not by its
        # case: in the summer holiday the vrijstelling starts after P, and the verzuim step passes it by.)
        vrij = [(nr, v) for nr, s in sorted(self.leerlingen.items())
                if s.uitschrijfdatum is None and (v := active_vrijstelling(s, self.vandaag)) is not None
                and v.type is VrijstellingType.ART_5A]
        for nr, v in vrij[:1]:
            anker = min(self._index(v.van), self.laatste)
            begin = max(anker - 12, self._index(self.leerlingen[nr].inschrijfdatum))
            juni = date(v.tot.year, 6, 1) if v.tot else None  # before the statement must be renewed (1 July)
            evaluatie = juni if juni and juni > self.vandaag else self.vandaag + timedelta(days=30)
            self._speel(nr, "vrijstelling", begin, ankers={"vrijstelling": anker}, evaluatiedatum=evaluatie)

        # Two ordinary students with much absence: one closed this year, one last year (when no M@zl
        # student fits), then a few mentors' contactmomenten.
        begin = max(self.laatste - 95, 0)
        kandidaat = (self._gewone(self.dagen[begin], niveaus=(2, 3), eis=_gescheiden)  # as the story says
                     or self._gewone(self.dagen[begin], niveaus=(2, 3)))
        if kandidaat:
            self._speel(kandidaat, "terug", begin)
        vorig = vorig or self._gewone(self.dagen[vorig_begin], niveaus=(2, 3, 1), leerjaar_vanaf=2)
        if vorig:
            eind = self._index(schooljaar_start(self.gemaakt.bijgewerkt_tot)) - 1
            self._speel(vorig, "vorig_jaar", vorig_begin, eind=eind)
            if self._signaal(vorig, (S.MAZL,)):
                self._contactmoment(vorig, *vh.OPNIEUW_ZIEK)
        klassen = {self.leerlingen[nr].klas for nr in self.gebruikt}
        for type_, tekst in vh.CONTACTMOMENTEN:
            nr = self._gewone(self.dagen[self.laatste], niveaus=(2, 3), buiten=klassen)
            if nr:
                klassen.add(self.leerlingen[nr].klas)
                self._contactmoment(nr, type_, tekst)

    def _signaal(self, nr: str, soorten: tuple[SignaalSoort, ...]) -> tuple[SignaalSoort, date, date] | None:
        for soort in soorten:
            for s in self.signalen.get(nr, ()):
                if s.soort is soort:
                    return s.soort, s.datum, s.sinds
        return None

    def _index(self, d: date) -> int:
        """The first lesdag on or after d (len(dagen) when none)."""
        return bisect_left(self.dagen, d)

    def _vorig_jaar_begin(self) -> date:
        return date(schooljaar_start(self.gemaakt.bijgewerkt_tot).year - 1, 11, 1) + timedelta(
            days=self.rng.randint(0, 14))

    def _was_er(self, nr: str, i: int) -> bool:
        s = self.leerlingen[nr]
        return s.inschrijfdatum <= self.dagen[i] and _LEERJAAR.get(s.klas, 0) >= 2

    def _gewone(self, sinds: date, *, niveaus: tuple[int, ...], leerjaar_vanaf: int = 1,
                buiten: Collection[str] = (), eis: Callable[[Leerling], bool] = lambda s: True) -> str | None:
        """An enrolled student without a case, here since `sinds`, at the first of `niveaus` that has one."""
        p = self.gemaakt.bijgewerkt_tot
        for niveau in niveaus:
            pool = [nr for nr, s in self.leerlingen.items()
                    if nr not in self.gebruikt and nr not in self.gemaakt.rollen and self.niveau.get(nr) == niveau
                    and s.uitschrijfdatum is None and not s.vrijstellingen and s.inschrijfdatum <= sinds
                    and is_ingeschreven(s, p) and _LEERJAAR.get(s.klas, 0) >= leerjaar_vanaf
                    and s.klas not in buiten and eis(s)]
            if pool:
                return self.rng.choice(sorted(pool))
        return None

    # --- playing a story ----------------------------------------------------------------------------

    def _vanuit_signaal(self, nr: str, verhaal: str, signaal: tuple[SignaalSoort, date, date] | None) -> None:
        """Open the first lesdag after the signal arose (or a day later); without the signal, by hand 20
        lesdagen ago."""
        ankers = {}
        bespreking = next((b.op for b in self.gemaakt.besprekingen if b.leerlingnummer == nr), None)
        if bespreking is not None:
            ankers["bespreking"] = min(self._index(bespreking), self.laatste)
        if signaal is None:
            begin = max(self.laatste - 20, self._index(self.leerlingen[nr].inschrijfdatum))
            self._speel(nr, verhaal, begin, ankers=ankers)
            return
        begin = min(bisect_right(self.dagen, signaal[1]) + self.rng.randint(0, 1), self.laatste)
        self._speel(nr, verhaal, begin, signaal=signaal, ankers=ankers)

    def _speel(self, nr: str, naam: str, begin: int, *, eind: int | None = None,
               signaal: tuple[SignaalSoort, date, date] | None = None, ankers: dict[str, int] | None = None,
               evaluatiedatum: date | None = None) -> None:
        verhaal = vh.VERHALEN[naam]
        tr, vandaag = self.tr, self.vandaag
        s = self.leerlingen[nr]
        eind = self.laatste if eind is None else eind
        ankers = {"bespreking": eind - 7, **(ankers or {})}
        woorden = _woorden(s, signaal[2] if signaal else self.dagen[begin])
        self.gebruikt.add(nr)
        pos = begin

        def tekst(t: str) -> str:
            return t.format_map(woorden)

        def waar(w: When) -> int:
            nonlocal pos
            if isinstance(w, tuple):
                ruw = ankers[w[0]] + w[1]
            elif w >= 0:
                ruw = begin + w
            else:
                ruw = eind + 1 + w
            pos = max(pos, min(ruw, eind))
            return pos

        geopend = self.dagen[begin]
        if signaal is not None:
            t = tr.openen_vanuit_signaal(nr, signaal[0], signaal[1], categorie=verhaal.categorie,
                                         aanleiding=tekst(verhaal.aanleiding), geopend=geopend, vandaag=vandaag)
        else:
            t = tr.openen(nr, verhaal.categorie, tekst(verhaal.aanleiding), geopend=geopend, vandaag=vandaag)
        if verhaal.casusregisseur != "zoco":
            tr.bijwerken(t.id, eigenaar=self._persoon(s, verhaal.casusregisseur))
        plan: Plan | None = None

        for g in verhaal.gebeurtenissen:
            i = waar(g.w)
            d = self.dagen[i]
            if isinstance(g, vh.Gesprek):
                gesprek = self.services.gesprekken.gesprek_vastleggen(
                    nr, g.type, d, tekst(g.tekst), deelnemers=tekst(g.met), vertrouwelijk=g.vertrouwelijk,
                    afspraken=[tekst(a if isinstance(a, str) else a[0]) for a in g.afspraken], vandaag=vandaag)
                for a, afspraak in zip(g.afspraken, gesprek.afspraken, strict=True):
                    if not isinstance(a, str):
                        _, wie, dagen, status = a
                        ap = self.services.gesprekken.afspraak_naar_actiepunt(afspraak.id, self._persoon(s, wie),
                                                        self._termijn(i, dagen, status))
                        self._afhandelen(ap.id, i, dagen, status, eind)
            elif isinstance(g, vh.Mdo):
                mdo = self.services.mdo.mdo_vastleggen(
                    t.id, d, deelnemers=[self._deelnemer(s, wie) for wie in g.wie], verslag=tekst(g.verslag),
                    vertrouwelijk=g.vertrouwelijk,
                    toestemmingen=[Toestemming(self.partners[k].organisatie, ja, d) for k, ja in g.toestemmingen])
                for b in g.besluiten:
                    self.services.mdo.besluit_toevoegen(mdo.id, tekst(b))
                for wat, wie, dagen, status in g.acties:
                    ap = self.services.mdo.mdo_actiepunt(mdo.id, tekst(wat), self._persoon(s, wie), self._termijn(i, dagen, status))
                    self._afhandelen(ap.id, i, dagen, status, eind)
            elif isinstance(g, vh.Actie):
                wat, wie, dagen, status = g.actiepunt
                ap = self.services.actiepunten.actiepunt_toevoegen(nr, tekst(wat), self._persoon(s, wie), self._termijn(i, dagen, status),
                                            datum=d, vandaag=vandaag)
                self._afhandelen(ap.id, i, dagen, status, eind)
            elif isinstance(g, vh.Vink):
                tr.afvinken(t.id, g.item, datum=d, notitie=tekst(g.notitie), vandaag=vandaag)
            elif isinstance(g, vh.NaarStap):
                tr.stap_wijzigen(t.id, g.stap, datum=d, vandaag=vandaag)
            elif isinstance(g, vh.Analyse):
                factoren = {dom: Factoren(tekst(r), tekst(b)) for dom, (r, b) in zip(
                    (Domein.LEERLING, Domein.THUIS, Domein.SCHOOL, Domein.BUURT),
                    (g.leerling, g.thuis, g.school, g.buurt), strict=True)}
                tr.analyse_opslaan(t.id, Analyse(factoren, g.verzuimtype, g.kearney))
                # analyse_opslaan has no date (it stamps the clock): the tick carries the story's date.
                tr.afvinken(t.id, "analyse_factoren", datum=d, notitie=tekst("Analyse besproken met {ouder}."),
                            vandaag=vandaag)
            elif isinstance(g, vh.Toestemming):
                self.services.mdo.toestemming_vastleggen(t.id, self.partners[g.partner].organisatie, g.gegeven, d, vandaag=vandaag)
            elif isinstance(g, vh.NaarCategorie):
                tr.bijwerken(t.id, categorie=g.categorie)
            elif isinstance(g, vh.Plan | vh.PlanHerzien | vh.PlanEvalueren):
                plan = self._plan(t.id, s, g, d, woorden, plan)
            elif isinstance(g, vh.Sluit):
                t = tr.sluiten(t.id, g.reden, tekst(g.toelichting), datum=d, vandaag=vandaag)
                for moment, notitie in zip(t.nazorg, g.nazorg, strict=False):
                    j = self._index(moment.datum)
                    if j > self.laatste:
                        break  # not due yet
                    tr.nazorg_afronden(moment.id, tekst(notitie), datum=self.dagen[j], vandaag=vandaag)
        if verhaal.evaluatie is not None or evaluatiedatum is not None:
            # the plan's next evaluation moment, so the traject and its plan name the same day
            volgende = next((x for x in plan.evaluatiemomenten if x > vandaag), None) if plan else None
            evaluatiedatum = evaluatiedatum or volgende or vandaag + timedelta(days=verhaal.evaluatie)
            tr.bijwerken(t.id, evaluatiedatum=self._lesdag(evaluatiedatum))

    # --- the plan van aanpak ------------------------------------------------------------------------------

    def _plan(self, traject_id: int, s: Leerling, g: vh.Plan | vh.PlanHerzien | vh.PlanEvalueren, d: date,
              woorden: dict[str, str], plan: Plan | None) -> Plan:
        """Version 1 agreed on day d, or the doelen evaluated, or after that a new version agreed on day d."""
        pl = self.pl
        woorden = {**woorden, "start": formaat.dag_maand(d)}

        def tekst(t: str) -> str:
            return t.format_map(woorden)

        def doel(x: vh.Doel, basis: Doel | None = None) -> Doel:
            nieuw = Doel(tekst(x.omschrijving), self._na(d, x.dagen), tekst(x.hoe_merken))
            # kept from the version before (its id), so the new version says the doel changed, not replaced
            return replace(basis, omschrijving=nieuw.omschrijving, datum=nieuw.datum,
                           hoe_merken=nieuw.hoe_merken) if basis else nieuw

        def interventie(x: vh.Interventie) -> Interventie:
            return Interventie(x.soort, tekst(x.wie), self._na(d, x.begin),
                               None if x.duur is None else self._na(d, x.begin + x.duur))

        def afspraak(x: vh.Afspraak) -> PlanAfspraak:
            return PlanAfspraak(tekst(x.wie), tekst(x.wat), tekst(x.wanneer))

        def momenten(dagen: tuple[int, ...]) -> tuple[date, ...]:
            return tuple(self._na(d, n) for n in dagen)

        if not isinstance(g, vh.Plan):
            assert plan is not None, "a story evaluates or changes its plan only after making it"
            for e in g.evaluaties:
                plan = pl.evaluatie_vastleggen(plan.doelen[e.doel].id, e.uitkomst, tekst(e.notitie), datum=d,
                                               vandaag=d)
            if isinstance(g, vh.PlanEvalueren):
                return plan
            doelen: list[Doel | None] = list(plan.doelen)
            for index, x in g.doelen:
                if index is None:
                    doelen.append(doel(x))
                else:
                    doelen[index] = doel(x, doelen[index]) if x is not None else None  # None: the doel ends
            nieuw = pl.opslaan(replace(plan, doelen=tuple(x for x in doelen if x is not None),
                                       interventies=plan.interventies + tuple(map(interventie, g.interventies)),
                                       afspraken=plan.afspraken + tuple(map(afspraak, g.afspraken)),
                                       evaluatiemomenten=momenten(g.evaluaties_na)), vandaag=d)
        else:
            nieuw = pl.opslaan(replace(
                pl.nieuw(traject_id, vandaag=d), leerling_wil=tekst(g.leerling_wil), ouders_willen=tekst(g.ouders_willen),
                doelen=tuple(map(doel, g.doelen)), interventies=tuple(map(interventie, g.interventies)),
                afspraken=tuple(map(afspraak, g.afspraken)), evaluatiemomenten=momenten(g.evaluaties),
                contactpersonen=self._contactpersonen(traject_id, s)), vandaag=d)
        ouder = next((o for o in s.ouders if o.gezag), None)
        wie = s.naam if ouder is None or zelf_akkoord(s.geboortedatum, d) else ouder.naam
        return pl.vaststellen(nieuw.id, d, Akkoord(wie, d), vandaag=d)

    def _contactpersonen(self, traject_id: int, s: Leerling) -> tuple[Contactpersoon, ...]:
        """Who ouders can call: the casusregisseur, the zorgcoördinator (when someone else is casusregisseur)
        and the mentor, each with a phone number."""
        p = self.profiel
        zoco = Contactpersoon(p.volledige_naam or self.zoco.naam, p.functie or "zorgcoördinator", p.telefoon, p.email,
                              gebruiker_id=self.zoco.gebruiker_id)
        regisseur = self.tr.casusregisseur(traject_id)
        uit = [regisseur] if regisseur is not None and regisseur.gebruiker_id is None else []
        return (*uit, zoco, Contactpersoon(s.mentor or "De mentor", f"mentor van klas {s.klas}", vh.SCHOOL_TELEFOON))

    def _na(self, d: date, dagen: int) -> date:
        """The lesdag about `dagen` calendar days of school time after d (before it when negative): counted in
        lesdagen, five to a week, so a plan made in June aims past the summer holiday, not into it."""
        n = round(abs(dagen) * 5 / 7)
        if n == 0:
            return self._lesdag(d)
        if dagen > 0:
            return self.cal.lesdagen(d + timedelta(days=1), d + timedelta(days=3 * n + 120))[n - 1]
        return self.cal.lesdagen(d - timedelta(days=3 * n + 120), d - timedelta(days=1))[-n]

    def _lesdag(self, d: date, stap: int = 1) -> date:
        """d, or the nearest lesdag after it (stap -1: before it); d itself when none is near."""
        for n in range(60):
            x = d + timedelta(days=n * stap)
            if self.cal.is_lesdag(x):
                return x
        return d

    def _termijn(self, i: int, dagen: int, status: str) -> date:
        """The deadline (a lesdag) of an actiepunt agreed on lesdag i: open ones lie ahead, overdue ones
        just behind."""
        d = self.dagen[i] + timedelta(days=dagen)
        if status == "open":
            return self._lesdag(max(d, self.vandaag + timedelta(days=min(dagen, 7))))
        if status == "te_laat":
            return max(self.dagen[i], self._lesdag(min(d, self.vandaag - timedelta(days=2)), -1))
        return self._lesdag(d)

    def _afhandelen(self, actiepunt_id: int, i: int, dagen: int, status: str, eind: int) -> None:
        if status in ("gedaan", "vervallen"):
            j = min(i + max(1, round(dagen * (0.6 if status == "gedaan" else 0.3))), eind)
            self.services.actiepunten.actiepunt_status(actiepunt_id, ActiepuntStatus(status), datum=self.dagen[j], vandaag=self.vandaag)

    def _persoon(self, s: Leerling, wie: str) -> Persoon:
        if wie == "zoco":
            return self.zoco
        if wie == "mentor":
            return Persoon(s.mentor, rol=MdoRol.MENTOR.value)
        p = self.partners[wie]
        return Persoon(p.naam, contact_id=p.id)

    def _deelnemer(self, s: Leerling, wie: str) -> MdoDeelnemer:
        if wie == "zoco":
            return MdoDeelnemer(self.zoco.naam, MdoRol.ZORGCOORDINATOR, gebruiker_id=self.zoco.gebruiker_id)
        if wie == "mentor":
            return MdoDeelnemer(s.mentor, MdoRol.MENTOR)
        if wie == "ouder":
            ouder = next((o for o in s.ouders if o.gezag), s.ouders[0])
            return MdoDeelnemer(ouder.naam, MdoRol.OUDER)
        if wie == "leerling":
            return MdoDeelnemer(s.naam, MdoRol.LEERLING)
        p = self.partners[wie]
        return MdoDeelnemer(p.naam, MdoRol(p.rol), p.organisatie, contact_id=p.id)

    def _contactmoment(self, nr: str, type_: GesprekType, tekst: str) -> None:
        """A mentor's quick contactmoment in the last two weeks (the mentors have no account in the demo:
        the gesprek names them as deelnemer)."""
        s = self.leerlingen[nr]
        self.gebruikt.add(nr)
        d = self.dagen[max(self.laatste - self.rng.randint(0, 8), 0)]
        self.services.gesprekken.gesprek_vastleggen(nr, type_, d, tekst.format_map(_woorden(s, d)),
                                   deelnemers=f"{s.mentor} (mentor)", vandaag=self.vandaag)


def _write_trajecten(services: Services, leerlingen: list[Leerling], gemaakt: DemoVerzuim, rng: random.Random,
                     vandaag: date) -> None:
    """Step 4 into the database; call inside the transaction that wrote steps 2 and 3."""
    _Trajectmaker(services, leerlingen, gemaakt, rng, vandaag).maak()




