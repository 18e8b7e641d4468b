"""A fictional demo school: 'Het Wilgenlanden College' with about 600 made-up students.

Everything here is invented. No BSN or onderwijsnummer is ever generated (a number that passes the
elfproef could belong to a real person); telephone numbers are in the unassigned 06-00 block and
e-mail addresses at example.nl. The generator is deterministic (`random.Random(seed)`) and its dates
are relative to `vandaag`, so the demo stays current: there are always leerplichtige and
kwalificatieplichtige students, recent uitschrijvingen and running vrijstellingen.

The demo is built in steps, each a function of (rng, vandaag, what the earlier steps made), each step
through the services, as a user would (the same rules, checks and audit trail):

1. the school and its zorgcoördinator `demo` (`session.create_school`);
2. the student register: klassen with mentors, students, ouders, uitschrijvingen, vrijstellingen,
   startkwalificaties (demo/leerlingen.py, `fictional_students`; LeerlingenService);
3. a school year of verzuim as the administration would export it, with a handful of cases for every
   signal, DUO verzuimmeldingen, M@zl-acties, signals marked "besproken" and "verzuim bijgewerkt t/m"
   (demo/verzuim.py and verzuimmaker.py, `fictional_verzuim`; the verzuim import);
4. the praktijkkaart: a small address book of partners in the (fictional) municipality Oudewaarde, about
   a dozen trajecten on the students with signals, spread over the five steps, with gesprekken, MDO's,
   besluiten, actiepunten, analyses, plannen van aanpak and nazorg, one closed this school year and one the
   year before, and a few mentors' contactmomenten (demo/trajecten.py, through the traject services and
   PlanService). What happens in each case – one student, one story – is data, in demo/verhalen.py (its
   types in demo/verhaal.py); profiles and MDO details for the documents in demo/documenten.py;
5. a mentor and an alleen-lezen user (GebruikersService).

Steps 2–4 run in one transaction. `fictional_students` and `fictional_verzuim` are reusable on their own,
e.g. for benchmarks with 2,000 students.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import date
from pathlib import Path

from ..domain.gebruiker import Rol
from ..domain.school import Regio, School, Schooltype
from ..services import session
from ..services.session import Services
from . import documenten
from . import verhalen as vh
from .leerlingen import AANTAL_LEERLINGEN, KLASSEN, _write_students, fictional_students
from .trajecten import _write_trajecten
from .verzuim import _write_verzuim, fictional_verzuim

DEMO_SCHOOL = School(vh.SCHOOL, "99WL", Regio.MIDDEN, Schooltype.VO, 6.0, vh.SWV)
DEMO_GEBRUIKER = "demo"
DEMO_WACHTWOORD = "demo"
SEED = 20261123

# --- the whole demo ------------------------------------------------------------------------------

def create_demo_school(path: Path, wachtwoord: str = DEMO_WACHTWOORD, *, vandaag: date | None = None,
                       seed: int = SEED, aantal: int = AANTAL_LEERLINGEN) -> Services:
    """A new database at `path` with the fictional demo school, logged in as its zorgcoördinator `demo`.

    The same `seed` and `vandaag` (default today) give the same school. If filling fails, the new
    database is removed again, so a second attempt starts clean.
    """
    vandaag = vandaag or date.today()
    rng = random.Random(seed)
    services = session.create_school(path, DEMO_SCHOOL, DEMO_GEBRUIKER, wachtwoord, wachtwoord,
                                     check_wachtwoord=False)
    try:
        _fill(services, rng, vandaag, aantal)
        _demo_gebruikers(services, wachtwoord)
        documenten.gebruikers_profielen(services)
        services.lezersoverzicht.bijwerken(vandaag=vandaag)
    except BaseException:
        services.close()
        session.remove_database(path)
        raise
    return services


DEMO_MENTOR, DEMO_LEZER = "mentor", "lezer"


def _demo_gebruikers(services: Services, wachtwoord: str) -> None:
    """A mentor of the two klassen with the most open trajecten, and an alleen-lezen account (who opens only the
    overview of counts, services/lezersoverzicht.py), with the same well-known password as "demo", which the
    normal checks would refuse."""
    # lijst() goes by leerlingnummer, so of two klassen with as many open trajecten the first student's wins
    open_per_klas = Counter(t.klas for t in services.trajecten.lijst() if t.klas)
    klassen = [k for k, _ in open_per_klas.most_common(2)] or services.leerlingen.klassen()[:2]
    for naam, rol, klas in ((DEMO_MENTOR, Rol.MENTOR, klassen), (DEMO_LEZER, Rol.ALLEEN_LEZEN, [])):
        services.gebruikers.toevoegen(naam, rol, sorted(klas), wachtwoord, wachtwoord, check_wachtwoord=False)


def _fill(services: Services, rng: random.Random, vandaag: date, aantal: int) -> None:
    """Step 2 and later steps, in one transaction."""
    leerlingen = fictional_students(aantal, rng, vandaag)
    with services.ctx.action(naam="fill"):
        documenten.zorgcoordinator_profiel(services)
        geschreven = _write_students(services, leerlingen, vandaag)
        gemaakt = _write_verzuim(services, geschreven, rng, vandaag)
        _write_trajecten(services, geschreven, gemaakt, rng, vandaag)
        documenten.mdo_details(services, vandaag)


__all__ = ["AANTAL_LEERLINGEN", "DEMO_GEBRUIKER", "DEMO_LEZER", "DEMO_MENTOR", "DEMO_SCHOOL", "DEMO_WACHTWOORD",
           "KLASSEN", "SEED", "create_demo_school", "fictional_students", "fictional_verzuim"]
