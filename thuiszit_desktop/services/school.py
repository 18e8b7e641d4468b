"""The school's settings."""

from __future__ import annotations

import base64
from collections.abc import Iterable

from ..db import models as m
from ..domain import lesuren
from ..domain.errors import InvoerFout
from ..domain.lesuren import Lesuur
from ..domain.school import Regio, School, Schooltype
from . import instellingen
from .context import Context
from .ongedaan import Opname, Verwijderd
from .toegang import ZORG

LOGO = "logo"
LESUURTIJDEN = "lesuurtijden"
SWV = "swv"  # beside the School row: an Instelling, so no schema change for one text
MAX_LOGO = 1024 * 1024


class SchoolService:
    def __init__(self, ctx: Context):
        self.ctx = ctx

    def get(self) -> School:
        return school_instellingen()

    def opslaan(self, school: School) -> School:
        school = school.validated()
        with self.ctx.action():
            m.School.update(naam=school.naam, brin=school.brin, regio=school.regio.value,
                            schooltype=school.schooltype.value,
                            uren_per_lesdag=school.uren_per_lesdag).execute()
            instellingen.schrijf(SWV, school.swv)
        return school

    def lesuurtijden(self) -> tuple[Lesuur, ...]:
        """The bell times of the lesuren: what turns a period of absence into hours (domain/lesuren.py)."""
        return lesuurtijden()

    def lesuurtijden_opslaan(self, paren: Iterable[tuple[str, str]]) -> tuple[Lesuur, ...]:
        """The school's own bell times, as typed ("8:30", "9:20") per lesuur; InvoerFout naming each lesuur to fix.
        The default times are not stored, so a school that never changed them follows a better default."""
        uren = lesuren.lesuurtijden(paren)
        with self.ctx.action():
            if uren == lesuren.STANDAARD_LESUURTIJDEN:
                m.Instelling.delete().where(m.Instelling.sleutel == LESUURTIJDEN).execute()
            else:
                instellingen.schrijf(LESUURTIJDEN, lesuren.naar_json(uren))
        return uren

    def logo(self) -> bytes | None:
        return school_logo()

    def logo_opslaan(self, data: bytes | None) -> None:
        """The school's logo (PNG or JPEG, at most 1 MB) for the PDFs; None removes it."""
        if data is not None:
            if not (data.startswith(b"\x89PNG\r\n\x1a\n") or data.startswith(b"\xff\xd8\xff")):
                raise InvoerFout({"logo": "Kies een logo als PNG- of JPG-bestand."})
            if len(data) > MAX_LOGO:
                raise InvoerFout({"logo": "Dit logo is groter dan 1 MB. Kies een kleinere afbeelding."})
        with self.ctx.action():
            instellingen.schrijf(LOGO, base64.b64encode(data).decode("ascii") if data else None)

    def logo_verwijderen(self) -> Verwijderd:
        """No logo on the PDFs any more; undo with the result."""
        with self.ctx.action():
            opname = Opname("Het logo", ZORG)
            voor = m.Instelling.get_or_none(m.Instelling.sleutel == LOGO)
            instellingen.schrijf(LOGO, None)
            if voor is not None:
                opname.wijziging(m.Instelling, LOGO, {"waarde": voor.waarde},
                                 {"waarde": m.Instelling.get_by_id(LOGO).waarde})
        return opname.klaar()


def school_instellingen() -> School:
    """The school's settings (call inside a service method, or where the School row may be read)."""
    row = m.School.get()
    return School(row.naam, row.brin, Regio(row.regio), Schooltype(row.schooltype), row.uren_per_lesdag,
                  instellingen.lees(SWV, ""))


def school_logo() -> bytes | None:
    """The logo for the PDFs (call inside a service method)."""
    waarde = instellingen.lees(LOGO)
    return base64.b64decode(waarde) if waarde else None


def lesuurtijden() -> tuple[Lesuur, ...]:
    """The school's bell times, or the default (call inside a service method)."""
    opgeslagen = instellingen.lees(LESUURTIJDEN)
    return lesuren.uit_json(opgeslagen) if opgeslagen else lesuren.STANDAARD_LESUURTIJDEN
