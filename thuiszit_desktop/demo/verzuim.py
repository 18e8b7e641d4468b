"""Step 3 of the demo school: a school year of verzuim as the administration would export it, with a handful
of cases for every signal, DUO verzuimmeldingen, M@zl-acties, signals marked "besproken" and "verzuim
bijgewerkt t/m".
"""

from __future__ import annotations

import calendar
import csv
import math
import random
import tempfile
from bisect import bisect_right
from collections import Counter
from datetime import date, datetime, time, timedelta
from pathlib import Path

from ..domain.kalender import SchoolCalendar
from ..domain.kwartaal import Kwartaal
from ..domain.leerling import (
    Leerling,
    active_vrijstelling,
    is_ingeschreven,
)
from ..domain.signalen import SignaalInstellingen, SignaalSoort, signalen
from ..domain.verzuim import MazlActie, MeldingSoort, Verzuimmelding, VerzuimRecord
from ..services.session import Services
from .verzuimmaker import (
    _NIVEAU_AANDEEL,
    _ONG,
    _OVERIG,
    _SCHORSING,
    _VERLOF,
    _ZIEK,
    DemoBespreking,
    DemoMelding,
    DemoRegel,
    DemoVerzuim,
    _Student,
    _Verzuimbasis,
)


def fictional_verzuim(leerlingen: list[Leerling], cal: SchoolCalendar, vandaag: date, rng: random.Random,
                      dagduur: float = 6.0) -> DemoVerzuim:
    """Day-level verzuim, meldingen, M@zl-acties and besprekingen for these students, up to the last
    lesdag before `vandaag` (see the comment above). Deterministic for the same rng state."""
    return _Verzuimmaker(leerlingen, cal, vandaag, rng, dagduur).maak()


def _maanden_terug(d: date, maanden: int) -> date:
    m_ = d.month - 1 - maanden
    jaar, maand = d.year + m_ // 12, m_ % 12 + 1
    return date(jaar, maand, min(d.day, calendar.monthrange(jaar, maand)[1]))


class _Verzuimmaker(_Verzuimbasis):
    """The deliberate cases (one per signal, each in its own klas where possible) over ordinary absence."""

    # --- the cases --------------------------------------------------------------------------------

    def _thuiszitters(self) -> None:
        """Four thuiszitters: two at home for more than three months, one for some weeks, one who just
        passed 20 lesdagen and was never reported (an overdue meldplicht). Before the run, a few weeks
        of creeping absence."""
        rng, laatste, p = self.rng, self.laatste, self.peildatum
        lang = max(self._vanaf(_maanden_terug(p, 6)), 16)
        drie = max(self._vanaf(_maanden_terug(p, 4) - timedelta(days=rng.randint(0, 14))), lang + rng.randint(5, 15))
        plannen = (("lang", lang, (2, 3, 4)), ("3mnd", drie, (3, 4, 5)),
                   ("kort", laatste - rng.randint(28, 40) + 1, (2, 3)),
                   ("nieuw", laatste - rng.randint(22, 24) + 1, (1, 2, 3)))
        for rol, sinds, leerjaren in plannen:
            if sinds < 2 or laatste - sinds + 1 <= 20:
                continue
            st = self._kies(f"thuiszitter_{rol}", leerjaren, sinds - 15)
            if st is None:
                continue
            for q in range(sinds, laatste + 1):
                self._zet(st, q, _ONG, self.dagduur, "A")
            opbouw = list(range(max(st.lo, sinds - 15), sinds - 1))
            ziek = 0
            for q in sorted(rng.sample(opbouw, min(len(opbouw), rng.randint(4, 6)))):
                if ziek < 2 and rng.random() < 0.35 and self._ziek_past(st, range(q, q + 1)):
                    self._zet(st, q, _ZIEK, rng.randint(2, 4), "Z")
                    ziek += 1
                else:
                    self._zet(st, q, _ONG, rng.randint(2, 4), rng.choice(("A", "S")))
            st.bg_hi = sinds - 17
            st.geen_ong = True
            if rol == "lang" or (rol == "kort" and sinds + 2 >= self.eerste):
                d = sinds + 2  # the 16-hour melding when it started
                self._melding(st, self._werkdag_na(d, rng.randint(2, 5)), self.dagen[d], MeldingSoort.ZESTIEN_UUR)
            if rol != "nieuw":  # langdurig relatief verzuim reported this week: the count starts afresh
                dag = self.dagen[laatste - rng.randint(0, 2)]
                self._melding(st, dag, dag, MeldingSoort.LRV)
            if rol == "lang":
                self._bespreek_later.append((st, (SignaalSoort.THUISZITTER_3MND, SignaalSoort.THUISZITTER), 10, (
                    "Besproken in het MDO met ouders, leerplichtambtenaar en jeugdarts. Afspraak: opbouwrooster "
                    "van twee uur per dag; de consulent van het SWV zoekt mee naar een passend aanbod.")))

    def _teruggekeerd(self) -> None:
        """A thuiszitter who came back during the last complete quarter (the quarterly overview keeps the
        row): some 25 lesdagen at home, reported, then two weeks on an opbouwrooster of half days.
        Chosen last and with its own random numbers, so the other cases stay as they were."""
        rng = random.Random(f"teruggekeerd {self.vandaag}")
        tot = Kwartaal.laatste_volledige(self.vandaag).tot
        terug = bisect_right(self.dagen, tot) - rng.randint(8, 10)  # the first lesdag back
        sinds = terug - rng.randint(24, 28)
        if sinds < 2 or terug > self.laatste:
            return
        st = self._kies("teruggekeerd", (2, 3, 4), sinds - 2, rng=rng)
        if st is None:
            return
        for q in range(sinds, terug):
            self._zet(st, q, _ONG, self.dagduur, "A")
        for q in range(terug, min(terug + 10, self.laatste + 1)):  # opbouwrooster: geoorloofd, half days
            self._zet(st, q, _OVERIG, self.dagduur / 2, "EH")
        nr = st.leerling.leerlingnummer
        # The 16-hour melding when it started; the whole period as langdurig relatief verzuim on the day
        # back, so the count starts afresh.
        for datum, einddatum, soort in ((self._werkdag_na(sinds + 2, rng.randint(2, 4)), self.dagen[sinds + 2],
                                         MeldingSoort.ZESTIEN_UUR),
                                        (self.dagen[terug], self.dagen[terug - 1], MeldingSoort.LRV)):
            kenmerk = f"DUO-{datum:%Y}-{rng.randrange(10_000, 100_000)}"
            self.meldingen.append(DemoMelding(nr, Verzuimmelding(datum, einddatum, soort, kenmerk)))
        st.geen_ong = True
        st.bg_hi = sinds - 2

    def _langdurig(self) -> None:
        """Long illness: more than 20 lesdagen absent all day, up to P (dreigend thuiszitter)."""
        rng, laatste = self.rng, self.laatste
        for rol, lengte in (("ziek_mazl", rng.randint(30, 45)), ("ziek", rng.randint(22, 27)),
                            ("medisch", rng.randint(24, 32))):
            begin = laatste - lengte + 1
            if begin < 2:
                continue
            st = self._kies(f"langdurig_{rol}", (1, 2, 3, 4, 5, 6), begin - 2, plicht=False)
            if st is None:
                continue
            ziek_tot = begin + (rng.randint(3, 5) if rol == "medisch" else lengte)
            for q in range(begin, laatste + 1):
                if q < ziek_tot and not (rol == "medisch" and q in self.grens):
                    self._zet(st, q, _ZIEK, self.dagduur, "Z")
                else:  # hospital and revalidatie
                    self._zet(st, q, _OVERIG, self.dagduur, "M")
            if rol == "ziek_mazl":
                self._mazl_actie(st, self._werkdag_na(begin + 6, rng.randint(2, 4)),
                                 "Verzuimgesprek gevoerd; ouders akkoord met een consult bij de jeugdarts.")
            st.bg_hi = begin - 2

    def _ziek_run(self, st: _Student, posities: range) -> None:
        """A ziekmelding; whole days, but only part of a day next to a vacation (no luxe verzuim)."""
        for q in posities:
            self._zet(st, q, _ZIEK, self.dagduur if q not in self.grens else min(4, self.dagduur - 1), "Z")

    def _mazl(self) -> None:
        """M@zl: a week or more ill (once with the jeugdarts already involved), and twice 4 ziekmeldingen
        within 12 lesweken."""
        rng, eerste, laatste = self.rng, self.eerste, self.laatste
        for met_actie in (False, True):
            lengte = min(rng.randint(7, 9), laatste - eerste + 1)
            if lengte < 7:
                continue
            eind = min(laatste, max(laatste - rng.randint(2, 15), eerste + lengte - 1))
            st = self._kies("mazl_week", (1, 2, 3, 4, 5, 6), eerste)
            if st is None:
                continue
            posities = range(eind - lengte + 1, eind + 1)
            self._ziek_run(st, posities)
            if met_actie:
                self._mazl_actie(st, self._werkdag_na(posities[6], rng.randint(1, 3)),
                                 "Jeugdarts ingeschakeld na een week ziekte; ouders hebben toestemming gegeven.")
        for _ in range(2):
            begin = max(eerste, self._week_vanaf(self.weken[laatste] - 10))
            lengtes = [rng.choice((1, 1, 2)) for _ in range(4)]
            if (laatste - begin + 1) - sum(lengtes) - 3 < 0:
                lengtes = [1, 1, 1, 1]  # early in the school year: four single days
            vrij = (laatste - begin + 1) - sum(lengtes) - 3
            if vrij < 0:
                continue
            st = self._kies("mazl_vaak", (1, 2, 3, 4), begin)
            if st is None:
                continue
            extra = sorted(rng.randint(0, vrij) for _ in range(4))
            for i, lengte in enumerate(lengtes):
                start = begin + extra[i] + sum(lengtes[:i]) + i
                if lengte == 1 and rng.random() < 0.4:  # sent home ill
                    self._zet(st, start, _ZIEK, min(rng.randint(2, 4), self.dagduur), "Z")
                else:
                    self._ziek_run(st, range(start, start + lengte))

    def _luxe(self) -> None:
        """A whole day away right before or after a vacation: unauthorised (once reported to DUO at once,
        once two days), once reported ill; and an approved verlof (art. 13a) that is no signal."""
        rng, kandidaten = self.rng, self.luxe_dagen
        if not kandidaten:
            return
        plannen = [("ong", 0), ("twee", 1), ("ziek", 2)] + ([("ong", 3)] if len(kandidaten) >= 4 else [])
        for i, (rol, k) in enumerate(plannen):
            p, voor = kandidaten[k % len(kandidaten)]
            st = self._kies(f"luxe_{rol}", (1, 2, 3), p - 1)
            if st is None:
                continue
            st.geen_ong = True
            if rol == "ziek":
                self._zet(st, p, _ZIEK, self.dagduur, "Z")
                continue
            self._zet(st, p, _ONG, self.dagduur, "A")
            naast = p - 1 if voor else p + 1
            if rol == "twee" and self.eerste <= naast <= self.laatste and naast >= st.lo and naast not in self.grens:
                self._zet(st, naast, _ONG, self.dagduur, "A")
            if i == 0:
                self._melding(st, self._werkdag_na(p, rng.randint(1, 2)), self.dagen[p], MeldingSoort.LUXE_VERZUIM)
                self._bespreek_later.append((st, (SignaalSoort.LUXE_VERZUIM,), 0, (
                    "Moeder gebeld: het gezin is een dag eerder op vakantie gegaan. Uitgelegd dat dat niet mag "
                    "zonder verlof; gemeld bij DUO als luxe verzuim.")))
        # verlof for a parent's job: never in the first two lesweken of the school year (art. 13a)
        p = next((p for p, _ in kandidaten if self.weken[p] - self.weken[self.eerste] >= 2), None)
        st = self._kies("verlof", (1, 2, 3, 4), p) if p is not None else None
        if st is not None:
            self._zet(st, p, _VERLOF, self.dagduur, "V")

    def _zestien(self, st: _Student, start: int, dstar: int) -> bool:
        """Ongeoorloofd hours from position `start` on that first reach 16 within 4 lesweken on `dstar`."""
        rng = self.rng
        if dstar < start or dstar in st.dag:
            return False
        a = max(start, self._week_vanaf(self.weken[dstar] - 3), st.lo)
        kandidaten = [q for q in range(a, dstar) if q not in st.dag and q not in self.grens]
        slot = rng.choice((2, 3, 4, 6)) if dstar not in self.grens else rng.choice((2, 3, 4))
        voor = rng.randint(16 - slot, 15)
        minst = math.ceil(voor / self.dagduur)
        if len(kandidaten) < minst:
            return False
        k = rng.randint(minst, max(minst, min(len(kandidaten), 6)))
        delen = [1] * k
        for _ in range(voor - k):
            i = rng.choice([i for i, u in enumerate(delen) if u < self.dagduur])
            delen[i] += 1
        for q, u in zip(sorted(rng.sample(kandidaten, k)), delen, strict=True):
            self._zet(st, q, _ONG, u, "A" if u >= 4 else "S")
        self._zet(st, dstar, _ONG, slot, "A" if slot >= 4 else "S")
        st.geen_ong = True
        return True

    def _meldplicht(self) -> None:
        """16 hours ongeoorloofd: two crossed in the last days (melden uiterlijk in the coming days), one
        weeks ago and never reported (overdue), one reported in time and over 16 again, one reported in
        time and counting afresh."""
        rng, eerste, laatste = self.rng, self.eerste, self.laatste
        for rol, leerjaren in (("nieuw", (3, 4)), ("bijna", (2, 3))):
            dstar = laatste - (rng.randint(0, 1) if rol == "nieuw" else rng.randint(2, 3))
            st = self._kies(f"meldplicht_{rol}", leerjaren, eerste)
            if st is not None:
                self._zestien(st, eerste, dstar)
        dstar = laatste - rng.randint(8, 15)
        while dstar > eerste + 1 and self.cal.werkdag_na(self.dagen[dstar], 5) >= self.vandaag:
            dstar -= 1
        if dstar > eerste:
            st = self._kies("meldplicht_te_laat", (3, 4, 5), eerste)
            if st is not None:
                self._zestien(st, eerste, dstar)
        # reported in time, then over 16 hours again
        if laatste - 12 >= eerste + 4:
            st = self._kies("meldplicht_opnieuw", (4, 5), eerste)
            d1 = rng.randint(eerste + 4, laatste - 12)
            if st is not None and self._zestien(st, eerste, d1):
                self._melding(st, self._werkdag_na(d1, rng.randint(1, 4)), self.dagen[d1], MeldingSoort.ZESTIEN_UUR)
                self._zestien(st, d1 + 1, laatste - rng.randint(0, 3))
        # reported in time, a few hours since
        if laatste - 3 >= eerste + 3:
            st = self._kies("meldplicht_gemeld", (2, 3, 4), eerste)
            d1 = rng.randint(eerste + 3, max(eerste + 3, laatste - 6))
            if st is not None and self._zestien(st, eerste, d1):
                self._melding(st, self._werkdag_na(d1, rng.randint(1, 3)), self.dagen[d1], MeldingSoort.ZESTIEN_UUR)
                na = [q for q in range(d1 + 1, laatste + 1) if q not in st.dag]
                for q in sorted(rng.sample(na, min(len(na), rng.randint(1, 3)))):
                    self._zet(st, q, _ONG, rng.randint(1, 3), "S")

    def _overig(self) -> None:
        """Two short schorsingen, and the student with a running vrijstelling 5a: weeks ill before it
        (the jeugdarts involved), nothing since."""
        rng, eerste, laatste = self.rng, self.eerste, self.laatste
        for _ in range(2):
            st = self._kies("schorsing", (2, 3, 4), eerste, plicht=False)
            if st is None:
                continue
            lengte = rng.choice((1, 1, 2))
            for _ in range(20):
                p0 = rng.randint(eerste, laatste - lengte + 1) if laatste - lengte + 1 >= eerste else eerste
                posities = range(p0, p0 + lengte)
                if posities[-1] <= laatste and self._past(st, posities, _SCHORSING, self.dagduur):
                    for q in posities:
                        self._zet(st, q, _SCHORSING, self.dagduur, "GE")
                    break
        for st in self.studenten:
            s = st.leerling
            v = active_vrijstelling(s, self.peildatum) if s.uitschrijfdatum is None else None
            if v is None or st.rol is not None:
                continue
            st.rol = "vrijstelling"
            eind = self._vanaf(v.van) - 1
            begin = max(st.lo, eind - rng.randint(14, 28) + 1)
            if eind - begin + 1 < 1:
                continue
            posities = range(begin, eind + 1)
            if len(posities) > 10:
                for q in posities:
                    self._zet(st, q, _ZIEK, self.dagduur, "Z")
            else:
                self._ziek_run(st, posities)
            if len(posities) >= 7:
                self._mazl_actie(st, self._werkdag_na(begin + 6, 3),
                                 "Jeugdarts betrokken; verklaring voor vrijstelling 5a aangevraagd.")
            st.bg_hi = begin - 2

    # --- levels and the rest of the school ----------------------------------------------------------

    def _pct(self, st: _Student) -> float:
        van = max(st.lo, self.eerste)
        n = self.laatste - van + 1
        if n <= 0:
            return 0.0
        som = sum(min(u, self.dagduur) for q, (_, _, u) in st.dag.items() if q >= van)
        return 100 * som / (n * self.dagduur)

    def _niveau(self, st: _Student) -> int:
        if st.rol and st.rol.startswith("thuiszitter"):
            return 3
        pct = round(self._pct(st) + 1e-9, 1)
        return 3 if pct >= 10 else 2 if pct >= 5 else 1

    def _school(self) -> None:
        rng, p = self.rng, self.peildatum
        for st in self.studenten:
            if st.rol is not None:
                self._achtergrond(st, 1, plafond=False)
        ingeschreven = [st for st in self.studenten if is_ingeschreven(st.leerling, p)]
        gewoon = [st for st in ingeschreven if st.rol is None]
        al = Counter(self._niveau(st) for st in ingeschreven if st.rol is not None)
        q3 = max(0, round(_NIVEAU_AANDEEL[3] * len(ingeschreven)) - al[3])
        q2 = max(0, round(_NIVEAU_AANDEEL[2] * len(ingeschreven)) - al[2])
        # Chronic absence is somewhat more common in the upper years.
        gewicht = {1: 0.7, 2: 0.85, 3: 1.0, 4: 1.2, 5: 1.2, 6: 1.0}
        volgorde = sorted(gewoon, key=lambda st: rng.random() ** (1 / gewicht.get(st.leerjaar, 1.0)), reverse=True)
        for i, st in enumerate(volgorde):
            self._achtergrond(st, 3 if i < q3 else 2 if i < q3 + q2 else 1, plafond=True)
        for st in self.studenten:
            if st.rol is None and not is_ingeschreven(st.leerling, p):
                s = st.leerling
                absoluut = not s.bestemming and not s.vrijstellingen
                self._achtergrond(st, rng.choice((2, 3)) if absoluut else rng.choice((1, 1, 1, 2)), plafond=False)

    def _regels(self, st: _Student) -> list[DemoRegel]:
        nr = st.leerling.leerlingnummer
        return [DemoRegel(nr, self.dagen[q], u, reden, code) for q, (reden, code, u) in sorted(st.dag.items())]

    def _bespreek(self) -> None:
        inst = SignaalInstellingen(uren_per_lesdag=self.dagduur)
        for st, soorten, recent, notitie in self._bespreek_later:
            nr = st.leerling.leerlingnummer
            gevonden = signalen(
                self.cal, inst, st.leerling, [VerzuimRecord(r.datum, r.uren, r.reden) for r in self._regels(st)],
                [m_.melding for m_ in self.meldingen if m_.leerlingnummer == nr],
                [MazlActie(a.datum) for a in self.mazl if a.leerlingnummer == nr], self.peildatum)
            for soort in soorten:
                sig = next((s for s in gevonden if s.soort is soort), None)
                if sig is not None:
                    # a phone call a few days after the signal; an MDO in the last weeks
                    q = self._vanaf(sig.datum) + self.rng.randint(1, 4)
                    if recent:
                        q = max(q, self.laatste - self.rng.randint(3, recent))
                    q = min(self.laatste, q)
                    self.besprekingen.append(DemoBespreking(nr, soort, sig.datum, notitie, self.dagen[q]))
                    break

    def maak(self) -> DemoVerzuim:
        self._bespreek_later: list[tuple[_Student, tuple[SignaalSoort, ...], int, str]] = []
        self._thuiszitters()
        self._langdurig()
        self._mazl()
        self._luxe()
        self._meldplicht()
        self._overig()
        self._teruggekeerd()
        self._school()
        self._bespreek()
        regels = [r for st in self.studenten for r in self._regels(st)]
        rollen = {st.leerling.leerlingnummer: st.rol for st in self.studenten if st.rol}
        return DemoVerzuim(self.peildatum, regels, self.meldingen, self.mazl, self.besprekingen, rollen)


def _write_verzuim(services: Services, leerlingen: list[Leerling], rng: random.Random, vandaag: date) -> DemoVerzuim:
    """Step 3 into the database; call inside the transaction that wrote the students (with their ids).

    The verzuim goes in as the school's own export would, through the verzuim import. DUO meldingen, M@zl-acties
    and besprekingen are recorded with a moment in the demo's past, so the dossier and Vandaag show when they
    were made."""
    demo = fictional_verzuim(leerlingen, services.kalender.calendar(), vandaag, rng,
                             services.school.get().uren_per_lesdag)
    with tempfile.TemporaryDirectory() as map_:
        export = Path(map_) / "verzuim.csv"
        with export.open("w", encoding="utf-8", newline="") as f:
            schrijver = csv.writer(f, delimiter=";")
            schrijver.writerow(["Leerlingnummer", "Datum", "Uren", "Code"])
            schrijver.writerows([r.leerlingnummer, r.datum.isoformat(), repr(r.uren), r.code] for r in demo.regels)
        services.verzuim.importeren(export, tot=demo.bijgewerkt_tot, vandaag=vandaag)

    def moment(d: date) -> datetime:
        return datetime.combine(d, time(rng.randint(8, 16), rng.randrange(60)))

    for x in demo.meldingen:
        md = x.melding
        services.verzuim.melding_registreren(x.leerlingnummer, md.datum, md.einddatum, md.soort, md.kenmerk,
                                             vandaag=vandaag, aangemaakt=moment(md.datum))
    for mazl in demo.mazl:
        services.verzuim.mazl_registreren(mazl.leerlingnummer, mazl.datum, mazl.opmerking, vandaag=vandaag,
                                          aangemaakt=moment(mazl.datum))
    for b in demo.besprekingen:
        services.signalen.bespreken(b.leerlingnummer, b.soort, b.datum, b.notitie, aangemaakt=moment(b.op))
    return demo


