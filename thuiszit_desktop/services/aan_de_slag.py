""""Aan de slag": the first steps of a new school, each ticked from the data."""

from __future__ import annotations

from dataclasses import dataclass

from ..db import models as m
from . import instellingen
from .context import Context

VERBORGEN = "aan_de_slag_verborgen"


@dataclass(frozen=True)
class AanDeSlag:
    school_ingesteld: bool
    leerlingen_geimporteerd: bool
    verzuim_geimporteerd: bool
    eerste_traject: bool
    verborgen: bool = False

    @property
    def klaar(self) -> bool:
        return all((self.school_ingesteld, self.leerlingen_geimporteerd, self.verzuim_geimporteerd,
                    self.eerste_traject))

    @property
    def tonen(self) -> bool:
        return not (self.klaar or self.verborgen)


class AanDeSlagService:
    def __init__(self, ctx: Context):
        self.ctx = ctx

    def stand(self) -> AanDeSlag:
        with self.ctx.action():
            school = m.School.get_or_none()
            return AanDeSlag(
                school_ingesteld=school is not None and bool(school.naam.strip() and school.brin.strip()),
                leerlingen_geimporteerd=m.Leerling.select().exists(),
                verzuim_geimporteerd=m.Verzuim.select().exists(),
                eerste_traject=m.Traject.select().exists(),
                verborgen=bool(instellingen.lees(VERBORGEN, False)),
            )

    def verbergen(self, verborgen: bool = True) -> None:
        with self.ctx.action():
            instellingen.schrijf(VERBORGEN, verborgen)
