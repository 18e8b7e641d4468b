"""The PDFs ouders and partners receive: the MDO-verslag and the dossier for an inzageverzoek (AVG).

Gathers the data through the other services, checks who may print it, and hands it to thuiszit_desktop.pdf.
Nothing to print is a NietGevonden with a Dutch message that says what to do.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ..domain import formaat
from ..domain.actiepunt import Actiepunt
from ..domain.audit import Actie
from ..domain.errors import GeenToegang, NietGevonden
from ..domain.gebruiker import Rol
from ..domain.mdo import Mdo, geldende_toestemmingen
from .context import Context
from .inzage import InzageService
from .leerlingen import LeerlingenService
from .mdo import MdoService
from .profielen import loginnamen_op_papier, namen_op_papier
from .school import SchoolService
from .trajecten import TrajectService


class AfdrukService:
    def __init__(self, ctx: Context, trajecten: TrajectService, mdo: MdoService, school: SchoolService,
                 inzage: InzageService):
        self.ctx = ctx
        self.trajecten = trajecten
        self.mdo = mdo
        self.inzage = inzage
        self.school = school
        self._leerlingen = LeerlingenService(ctx)

    @property
    def _zorgcoordinator(self) -> bool:
        return self.ctx.gebruiker.rol == Rol.ZORGCOORDINATOR

    def mdo_kiezen(self, leerlingnummer: str, datum: date | None = None, *, vandaag: date | None = None) -> Mdo:
        """The MDO of that date, or (without a date) the latest one held up to `vandaag` – of every traject
        of the student. NietGevonden when there is none; GeenToegang for a vertrouwelijk MDO when you are
        not the zorgcoördinator."""
        vandaag = vandaag or date.today()
        leerling = self._leerlingen.get(leerlingnummer)
        alle = sorted((x for t in self.trajecten.trajecten(leerling.leerlingnummer) for x in self.mdo.mdos(t.id)),
                      key=lambda x: (x.datum, x.id))
        if not alle:
            raise NietGevonden(f"Er is nog geen MDO vastgelegd voor {leerling.naam}; er is niets om af te drukken.")
        if datum is not None:
            gekozen = [x for x in alle if x.datum == datum]
            if not gekozen:
                data = ", ".join(dict.fromkeys(x.datum.isoformat() for x in alle))
                raise NietGevonden(f"Er is geen MDO van {formaat.datum(datum)} voor {leerling.naam}. "
                                   f"Kies een van deze datums: {data}.")
        else:
            gekozen = [x for x in alle if x.datum <= vandaag]
            if not gekozen:
                raise NietGevonden(f"Het MDO van {leerling.naam} op {formaat.datum(alle[0].datum)} is nog niet gehouden; "
                                   "er is nog geen verslag. Kies het met een datum als u de agenda wilt afdrukken.")
        mdo = gekozen[-1]
        if mdo.vertrouwelijk and not self._zorgcoordinator:
            raise GeenToegang("Dit MDO-verslag is vertrouwelijk: alleen de zorgcoördinator kan het afdrukken.")
        return mdo

    def mdo_pdf(self, leerlingnummer: str, datum: date | None = None, *, vandaag: date | None = None) -> bytes:
        """The MDO-verslag (PDF) of the MDO of `datum`, or of the latest MDO held."""
        from ..pdf.mdo import MdoAfdruk, mdo_pdf  # reportlab is imported when a PDF is made, not at start

        mdo = self.mdo_kiezen(leerlingnummer, datum, vandaag=vandaag)
        leerling = self._leerlingen.get(leerlingnummer)
        tr = self.trajecten
        afdruk = MdoAfdruk(_op_papier(mdo), leerling, self.school.get().naam, tr.casusregisseur(mdo.traject_id),
                           tuple(geldende_toestemmingen(self.mdo.toestemmingen(mdo.traject_id), mdo.datum)),
                           self.school.logo(), vandaag or date.today())
        pdf = mdo_pdf(afdruk)
        self._gedrukt(leerling.id, "mdo-pdf")
        return pdf

    def dossier_pdf(self, leerlingnummer: str) -> bytes:
        """Everything recorded about the student, readable, for an inzageverzoek. Zorgcoördinator only."""
        if not self._zorgcoordinator:
            raise GeenToegang("Het dossier (inzage) kan alleen de zorgcoördinator afdrukken.")
        from ..pdf import dossier as dossier_pdf  # reportlab is imported when a PDF is made, not at start

        dossier = self.inzage.dossier(leerlingnummer)
        # users by their full name, as in the MDO-verslag of the same meeting (not "demo" or "avries")
        namen = namen_op_papier()
        dossier = replace(dossier, mdos=tuple(_op_papier(x, namen) for x in dossier.mdos),
                          actiepunten=tuple(_wie_op_papier(a, namen) for a in dossier.actiepunten))
        pdf = dossier_pdf.dossier_pdf(dossier, self.school.get().naam, self.school.logo(), loginnamen_op_papier())
        self._gedrukt(dossier.leerling.id, "dossier-pdf")
        return pdf

    def _gedrukt(self, leerling_id: int | None, wat: str) -> None:
        """Log a PDF made for a student: it can leave the building, so who made it matters."""
        with self.ctx.action():
            self.ctx.audit(Actie.AFGEDRUKT, leerling_id, wat)


def _op_papier(mdo: Mdo, namen: dict[int, str] | None = None) -> Mdo:
    """The MDO with the users among the deelnemers and owners of actiepunten by their full name."""
    namen = namen_op_papier() if namen is None else namen
    return replace(mdo, deelnemers=tuple(replace(d, naam=namen.get(d.gebruiker_id, d.naam)) for d in mdo.deelnemers),
                   actiepunten=tuple(_wie_op_papier(a, namen) for a in mdo.actiepunten))


def _wie_op_papier(a: Actiepunt, namen: dict[int, str]) -> Actiepunt:
    return replace(a, wie=replace(a.wie, naam=namen.get(a.wie.gebruiker_id, a.wie.naam)))
