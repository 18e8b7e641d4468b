"""The shared address book of partners (jeugdarts, leerplicht, wijkteam …), reused across students, and the
people an actiepunt or a traject can be given to.
"""

from __future__ import annotations

import peewee as pw

from ..db import models as m
from ..domain.errors import InvoerFout, NietGevonden
from ..domain.gebruiker import Gebruiker, Rol, kan_eigenaar_zijn
from ..domain.mdo import Partner
from ..domain.traject import (
    MdoRol,
    Persoon,
)
from ..domain.zoeken import sorteersleutel
from .context import Context
from .ongedaan import Opname, Verwijderd
from .toegang import ZORG
from .traject_gedeeld import GEEN_PARTNER_ROLLEN, als_enum, contact_met_naam, mdo_rol


class PartnerService:
    def __init__(self, ctx: Context):
        self.ctx = ctx

    def partners(self, rol: MdoRol | str | None = None) -> list[Partner]:
        """The shared address book (also the mentors from the import), by name. Ouders and leerlingen
        that own an actiepunt are stored as a contact too, but are never part of the address book."""
        query = m.Contact.select().where(m.Contact.rol.not_in(GEEN_PARTNER_ROLLEN))
        if rol is not None:
            query = query.where(m.Contact.rol == als_enum(MdoRol, str(rol).casefold(), "rol", "Kies een rol.").value)
        uit = [Partner(c.naam, mdo_rol(c.rol), c.organisatie, c.telefoon, c.email, c.id) for c in query]
        return sorted(uit, key=lambda p: (sorteersleutel(p.naam), str(p.rol)))

    def partner_opslaan(self, partner: Partner) -> Partner:
        """Add (id None) or change an entry of the address book."""
        naam = " ".join(partner.naam.split())
        fouten = {}
        if not naam:
            fouten["naam"] = "Vul de naam in."
        rol = mdo_rol(str(partner.rol).casefold())
        if not isinstance(rol, MdoRol):
            fouten["rol"] = "Kies een rol."
        elif not rol.is_partner:
            fouten["rol"] = "Ouders en leerlingen komen niet in het adresboek van partners."
        if partner.email.strip() and "@" not in partner.email:
            fouten["email"] = "Dit e-mailadres klopt niet."
        if fouten or not isinstance(rol, MdoRol):  # not an MdoRol: its fout is in fouten
            raise InvoerFout(fouten)
        velden = dict(naam=naam, rol=rol.value, organisatie=partner.organisatie.strip(),
                      telefoon=partner.telefoon.strip(), email=partner.email.strip())
        dubbel = InvoerFout({"naam": f"{naam} staat al in het adresboek als {rol.label.lower()}."})
        try:
            with self.ctx.action():
                bestaand = contact_met_naam(naam, rol.value)  # "karin veldhuis" is "Karin Veldhuis"
                if bestaand is not None and bestaand.id != partner.id:
                    raise dubbel
                if partner.id is None:
                    contact_id = m.Contact.insert(**velden).execute()
                else:
                    if not m.Contact.update(**velden).where(m.Contact.id == partner.id).execute():
                        raise NietGevonden("Deze partner staat niet meer in het adresboek.")
                    contact_id = partner.id
        except pw.IntegrityError:
            raise dubbel from None
        return Partner(naam, rol, velden["organisatie"], velden["telefoon"], velden["email"], contact_id)

    def partner_verwijderen(self, partner_id: int) -> Verwijderd:
        """Remove a partner added by mistake; refused while they are a mentor, casusregisseur or owner of an
        actiepunt (choose someone else there first). MDO's keep the name. Undo with the result."""
        row = m.Contact.get_or_none((m.Contact.id == partner_id) & m.Contact.rol.not_in(GEEN_PARTNER_ROLLEN))
        if row is None:
            raise NietGevonden("Deze partner staat niet meer in het adresboek.")
        with self.ctx.action():
            in_gebruik = [wat for wat, query in (
                ("mentor van een leerling", m.Leerling.select().where(m.Leerling.mentor == row.id)),
                ("casusregisseur van een traject", m.Traject.select().where(m.Traject.eigenaar_contact == row.id)),
                ("eigenaar van een actiepunt", m.Actiepunt.select().where(m.Actiepunt.eigenaar_contact == row.id)),
            ) if query.exists()]
            if in_gebruik:
                raise InvoerFout(f"{row.naam} is nog {' en '.join(in_gebruik)}. Kies daar eerst iemand anders; "
                                 "daarna kunt u deze partner verwijderen.")
            opname = Opname(row.naam, ZORG)
            opname.rijen(m.Contact, m.Contact.id == row.id)
            m.Contact.delete().where(m.Contact.id == row.id).execute()
        return opname.klaar()

    def personen(self) -> list[Persoon]:
        """Everyone who can own a traject or an actiepunt: the active users who are people working with the
        students (`kan_eigenaar_zijn`), then the address book."""
        gebruikers = [Persoon(g.naam, gebruiker_id=g.id, rol=g.rol)
                      for g in m.Gebruiker.select().where(m.Gebruiker.actief == True)  # noqa: E712
                      if kan_eigenaar_zijn(Gebruiker(g.id, g.naam, Rol(g.rol)))]
        contacten = [Persoon(c.naam, contact_id=c.id, rol=c.rol, organisatie=c.organisatie)
                     for c in m.Contact.select().where(m.Contact.rol.not_in(GEEN_PARTNER_ROLLEN))]
        return (sorted(gebruikers, key=lambda p: sorteersleutel(p.naam))
                + sorted(contacten, key=lambda p: (sorteersleutel(p.naam), p.rol)))
