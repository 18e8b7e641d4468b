"""The school's settings."""

from __future__ import annotations

from ..db import models as m
from ..domain.gebruiker import Rol
from ..domain.school import Regio, School, Schooltype
from .context import Context


class SchoolService:
    def __init__(self, ctx: Context):
        self.ctx = ctx

    def get(self) -> School:
        row = m.School.get()
        return School(row.naam, row.brin, Regio(row.regio), Schooltype(row.schooltype), row.uren_per_lesdag)

    def opslaan(self, school: School) -> School:
        school = school.validated()
        with self.ctx.action(Rol.ZORGCOORDINATOR):
            m.School.update(naam=school.naam, brin=school.brin, regio=school.regio.value,
                            schooltype=school.schooltype.value,
                            uren_per_lesdag=school.uren_per_lesdag).execute()
        return school
