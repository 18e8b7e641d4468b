"""What the demo school's documents need beyond the stories of demo/verhalen.py (issue 13): the users'
profiles (who signs the plan for the school, how to reach them), and MDO's with someone afgemeld, a next meeting
and a recipient who was not at the table. (Who is casusregisseur is part of each story.) Generic over the stories, so a new
story gets the same treatment; every write goes through the services.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from ..domain.gebruiker import Profiel
from ..domain.traject import MdoRol
from ..services.session import Services

# Fictional, like everyone in the demo (example.nl addresses, 06-00… numbers).
ZORGCOORDINATOR = Profiel("Marieke Jansen", "zorgcoördinator", "06-00324150", "m.jansen@example.nl")
PROFIELEN = {"mentor": Profiel("Tom Bakker", "mentor", "06-00324988", "t.bakker@example.nl"),
             "lezer": Profiel("Ilse de Wit", "teamleider onderbouw", "", "i.dewit@example.nl")}


def zorgcoordinator_profiel(services: Services) -> None:
    """Before the plans are vastgesteld: the zorgcoördinator signs them with this name and function."""
    services.profielen.opslaan(ZORGCOORDINATOR)


def gebruikers_profielen(services: Services) -> None:
    ids = {g.naam: g.id for g in services.gebruikers.lijst()}
    for naam, profiel in PROFIELEN.items():
        if naam in ids:
            services.profielen.opslaan(profiel, ids[naam])


def mdo_details(services: Services, vandaag: date) -> None:
    """Per traject: each MDO names the next one as "volgend overleg"; the latest MDO of an open traject the
    traject's evaluation date. The traject with the most MDO's gets an afgemeld partner at its latest MDO and
    the huisarts on the distribution list."""
    tr = services.trajecten
    trajecten = [t for t in tr.lijst(status=None) if services.mdo.mdos(t.id)]
    for t in trajecten:
        mdos = services.mdo.mdos(t.id)
        for mdo, volgende in zip(mdos, mdos[1:], strict=False):
            if volgende.datum > mdo.datum:
                services.mdo.mdo_bijwerken(mdo.id, volgend_overleg=volgende.datum)
        laatste = mdos[-1]
        if t.status.value == "open" and t.evaluatiedatum and t.evaluatiedatum > laatste.datum:
            services.mdo.mdo_bijwerken(laatste.id, volgend_overleg=t.evaluatiedatum)
    if not trajecten:
        return
    drukste = max(trajecten, key=lambda t: (len(services.mdo.mdos(t.id)), -t.id))
    recentste = [x for x in services.mdo.mdos(drukste.id) if x.datum <= vandaag + timedelta(days=1)][-1:]
    for mdo in recentste:
        partners = [d for d in mdo.deelnemers if d.rol not in (MdoRol.ZORGCOORDINATOR, MdoRol.OUDER, MdoRol.LEERLING)]
        if len(partners) >= 2:
            afgemeld = partners[-1]
            deelnemers = [replace(d, afgemeld=True) if d is afgemeld else d for d in mdo.deelnemers]
            services.mdo.mdo_bijwerken(mdo.id, deelnemers=deelnemers, verzenden_aan=["Huisarts H. Öztürk"])
