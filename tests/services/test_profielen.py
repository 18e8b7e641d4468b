"""The user's profile (full name, function, phone, e-mail) and the casusregisseur who is reached through it."""

from __future__ import annotations

from datetime import date

import pytest

from thuiszit_desktop.db import models as m
from thuiszit_desktop.domain.errors import GeenToegang, InvoerFout
from thuiszit_desktop.domain.gebruiker import Gebruiker, Profiel, Rol, check_profiel
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.domain.mdo import Partner
from thuiszit_desktop.domain.traject import Persoon
from thuiszit_desktop.services.session import Services

VANDAAG = date(2026, 11, 23)


@pytest.mark.parametrize("telefoon, email, fout", [
    ("030-1234567", "", None),
    ("+31 (0)6 1234 5678", "a.devries@baken.nl", None),
    ("", "", None),
    ("bel me", "", "telefoon"),
    ("12345", "", "telefoon"),
    ("", "a.devries", "email"),
    ("", "a de vries@baken.nl", "email"),
])
def test_check_profiel(telefoon, email, fout):
    p = Profiel(" Anna  de Vries ", "zorgcoördinator", telefoon, email)
    if fout is None:
        assert check_profiel(p).volledige_naam == "Anna de Vries"
    else:
        with pytest.raises(InvoerFout) as exc:
            check_profiel(p)
        assert set(exc.value.fouten) == {fout}


def test_own_profile_round_trip_and_zorgcoordinator_for_others(services):
    assert services.profielen.get() == Profiel()
    services.profielen.opslaan(Profiel("Anna de Vries", "Zorgcoördinator", "030-1234567", "a.devries@baken.nl"))
    assert services.profielen.get().functie == "Zorgcoördinator"
    row = m.Gebruiker.create(naam="mo", naam_sleutel="mo", rol=Rol.MENTOR.value, klassen="3A")
    services.profielen.opslaan(Profiel("Mo Amrani", "mentor 3A"), row.id)  # the zorgcoördinator, for Mo
    mentor = Services(services.ctx.store, Gebruiker(row.id, "mo", Rol.MENTOR, ("3A",)))
    assert mentor.profielen.get().volledige_naam == "Mo Amrani"
    mentor.profielen.opslaan(Profiel("Mo Amrani", "mentor 3A en 3B", "06-12345678"))
    assert services.profielen.get(row.id).telefoon == "06-12345678"
    anna = services.gebruiker.id
    with pytest.raises(GeenToegang):
        mentor.profielen.opslaan(Profiel("Iemand anders"), anna)
    # the gebruiker row itself (name, role, klassen) stays as it was
    assert m.Gebruiker.get_by_id(row.id).naam == "mo"


def test_casusregisseur_is_reached_through_the_profile_or_the_address_book(services):
    services.leerlingen.opslaan(Leerling("1001", "Bakker", date(2012, 3, 5), date(2024, 8, 1), voornaam="Zoë",
                                         klas="2B"), VANDAAG)
    t = services.trajecten.openen("1001", "thuiszitter", "Thuis", geopend=date(2026, 10, 1), vandaag=VANDAAG)
    c = services.trajecten.casusregisseur(t.id)
    assert (c.naam, c.rol, c.bereikbaar) == ("Anna de Vries", "zorgcoördinator", False)
    services.profielen.opslaan(Profiel("Anna de Vries-Smit", "zorgcoördinator onderbouw", "030-1234567"))
    c = services.trajecten.casusregisseur(t.id)
    assert (c.naam, c.rol, c.telefoon, c.gebruiker_id) == ("Anna de Vries-Smit", "zorgcoördinator onderbouw",
                                                            "030-1234567", services.gebruiker.id)
    p = services.trajecten.partner_opslaan(Partner("Karel Çelik", "leerplichtambtenaar", "Gemeente Utrecht",
                                                   email="k.celik@utrecht.nl"))
    services.trajecten.bijwerken(t.id, eigenaar=Persoon(p.naam, contact_id=p.id))
    c = services.trajecten.casusregisseur(t.id)
    assert (c.naam, c.rol, c.email, c.contact_id) == ("Karel Çelik", "leerplichtambtenaar, Gemeente Utrecht",
                                                       "k.celik@utrecht.nl", p.id)
    services.trajecten.bijwerken(t.id, eigenaar=None)
    assert services.trajecten.casusregisseur(t.id) is None
