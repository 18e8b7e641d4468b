"""The shared school database on a PostgreSQL server: setting it up (`server init`, for the school's ICT).

The server store itself is db/server.py; who may see what there is db/server_rechten.py.
"""

from __future__ import annotations

from ..db import server
from ..domain.gebruiker import check_nieuwe_gebruiker, naam_sleutel
from ..domain.school import School


def inrichten(dsn: str, eigenaar_wachtwoord: str, school: School, naam: str, wachtwoord: str) -> server.ServerAdres:
    """Create the school database in the empty database of `dsn` (connected as its owner, who needs
    CREATEROLE) with `naam` as first zorgcoördinator; returns the address they log in with."""
    school = school.validated()
    check_nieuwe_gebruiker(naam, wachtwoord, wachtwoord)
    naam = " ".join(naam.split())
    adres = server.lees_adres(dsn)
    db = server.verbind(adres, eigenaar_wachtwoord)
    try:
        server.richt_in(db, {"naam": school.naam, "brin": school.brin, "regio": school.regio.value,
                             "schooltype": school.schooltype.value, "uren_per_lesdag": school.uren_per_lesdag},
                        naam, naam_sleutel(naam), wachtwoord)
    finally:
        db.close()
    return adres.als(naam_sleutel(naam))
