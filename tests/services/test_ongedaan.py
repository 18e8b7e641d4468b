"""Undo of deletes on a real, encrypted database file: every delete returns a snapshot, `herstel` puts back
exactly what went (same ids, the child rows, the links, the renumbering) in one transaction, and refuses
with a Dutch message – restoring nothing – when something changed in between that no longer fits."""

from __future__ import annotations

import inspect
from dataclasses import replace
from datetime import date

import pytest

from thuiszit_desktop.db import models as m
from thuiszit_desktop.domain.errors import GeenToegang, InvoerFout
from thuiszit_desktop.domain.gebruiker import Gebruiker, Profiel, Rol
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.domain.mdo import MdoDeelnemer, Partner, Toestemming
from thuiszit_desktop.domain.plan import Akkoord, Doel
from thuiszit_desktop.domain.traject import MdoRol, Persoon
from thuiszit_desktop.domain.verzuim import MeldingSoort, Reden
from thuiszit_desktop.services import session
from thuiszit_desktop.services.context import Context
from thuiszit_desktop.services.ongedaan import OngedaanService, Opname, Verwijderd
from thuiszit_desktop.services.session import Services

VANDAAG = date(2026, 11, 23)


def d(dag: int, maand: int, jaar: int = 2026) -> date:
    return date(jaar, maand, dag)


@pytest.fixture
def school(services):
    for nummer, voornaam, achternaam in (("1001", "Zoë", "Bakker"), ("1002", "Mehmet", "Çelik")):
        services.leerlingen.opslaan(Leerling(leerlingnummer=nummer, voornaam=voornaam, achternaam=achternaam,
                                             geboortedatum=d(5, 3, 2012), inschrijfdatum=d(1, 8, 2024), klas="2B"),
                                    VANDAAG)
    return services


def alles() -> dict[str, list[dict]]:
    """Every row of every table (the drafts and the append-only audit log aside), to compare before and after;
    without the row versions (and who saved them when), which only go up (a besluit's removal and its undo both
    change the MDO)."""
    return {model._meta.table_name: [{k: v for k, v in r.items() if k not in ("rijversie", "versie_door", "versie_op")}
                                     for r in model.select().order_by(model._meta.primary_key).dicts()]
            for model in m.MODELS if model not in (m.Concept, m.AuditRegel)}


def test_a_gesprek_comes_back_with_its_afspraken_and_the_link_of_its_actiepunt(school):
    tr = school.trajecten
    t = tr.openen("1001", "thuiszitter", "Zoë zit thuis", geopend=d(1, 9), vandaag=VANDAAG)
    g = school.gesprekken.gesprek_vastleggen("1001", "gesprek_ouders", d(12, 11), "Moeder vertelt over de buikpijn",
                              afspraken=["Mentor belt vrijdag", "Zoë komt dinsdag een uur"],
                              actiepunten=[(0, "Anna de Vries", d(20, 11))], vandaag=VANDAAG)
    [actiepunt] = school.actiepunten.actiepunten("1001")
    voor = alles()

    weg = school.gesprekken.gesprek_verwijderen(g.id)

    assert isinstance(weg, Verwijderd) and weg.wat == "Gesprek van 12-11-2026"
    assert weg.aantal("gesprek") == 1 and weg.aantal("afspraak") == 2
    assert school.gesprekken.gesprekken("1001") == [] and m.Afspraak.select().count() == 0
    assert school.actiepunten.actiepunt(actiepunt.id).gesprek_id is None  # the actiepunt itself stays
    school.ongedaan.herstel(weg)
    assert alles() == voor
    assert school.gesprekken.gesprek(g.id).afspraken[0].actiepunt_id == actiepunt.id
    assert m.AuditRegel.select().where(m.AuditRegel.wat == "ongedaan maken: gesprek").count() == 1  # no content
    assert tr.get(t.id).id == t.id


def test_a_besluit_comes_back_in_its_place_and_the_others_renumber_back(school):
    tr = school.trajecten
    t = tr.openen("1001", "thuiszitter", "Zoë zit thuis", geopend=d(1, 9), vandaag=VANDAAG)
    mdo = school.mdo.mdo_vastleggen(t.id, d(1, 10), besluiten=["Halve dagen", "Jeugdarts erbij", "Evaluatie in december"],
                            vandaag=VANDAAG)
    voor = alles()
    weg = school.mdo.besluit_verwijderen(mdo.besluiten[0].id)
    assert [(b.nummer, b.tekst) for b in school.mdo.mdo(mdo.id).besluiten] == [(1, "Jeugdarts erbij"),
                                                                        (2, "Evaluatie in december")]
    school.ongedaan.herstel(weg)
    assert alles() == voor


def test_a_besluit_added_in_between_blocks_the_undo_and_nothing_is_half_restored(school):
    tr = school.trajecten
    t = tr.openen("1001", "thuiszitter", "Zoë zit thuis", geopend=d(1, 9), vandaag=VANDAAG)
    mdo = school.mdo.mdo_vastleggen(t.id, d(1, 10), besluiten=["Halve dagen", "Jeugdarts erbij"], vandaag=VANDAAG)
    weg = school.mdo.besluit_verwijderen(mdo.besluiten[0].id)
    school.mdo.besluit_toevoegen(mdo.id, "Nieuw besluit")  # takes number 2, the number the undo needs back
    na = alles()
    with pytest.raises(InvoerFout) as exc:
        school.ongedaan.herstel(weg)
    assert exc.value.fouten[""].startswith("Besluit 1 kan niet meer terug")
    assert alles() == na


def test_an_mdo_comes_back_with_deelnemers_besluiten_actiepunten_and_its_consent_link(school):
    tr = school.trajecten
    t = tr.openen("1001", "thuiszitter", "Zoë zit thuis", geopend=d(1, 9), vandaag=VANDAAG)
    mdo = school.mdo.mdo_vastleggen(t.id, d(1, 10), deelnemers=[MdoDeelnemer("Karel Smit", MdoRol.LEERPLICHTAMBTENAAR,
                                                                     "Gemeente Utrecht")],
                            verslag="Zoë wil weer naar school", besluiten=["Halve dagen"],
                            actiepunten=[("Rooster maken", "Anna de Vries", d(15, 10))],
                            toestemmingen=[Toestemming("GGD regio Utrecht", True)], vandaag=VANDAAG)
    voor = alles()
    weg = school.mdo.mdo_verwijderen(mdo.id)
    assert weg.wat == "MDO van 01-10-2026"
    assert (weg.aantal("mdo_deelnemer"), weg.aantal("besluit"), weg.aantal("actiepunt")) == (1, 1, 1)
    assert school.mdo.mdos(t.id) == [] and school.actiepunten.actiepunten("1001") == []
    assert [x.mdo_id for x in school.mdo.toestemmingen(t.id)] == [None]  # the consent itself stays
    school.ongedaan.herstel(weg)
    assert alles() == voor


def test_a_partner_in_use_is_not_removed_an_unused_one_comes_back(school):
    karel = school.partners.partner_opslaan(Partner("Karel Smit", MdoRol.LEERPLICHTAMBTENAAR, "Gemeente Utrecht"))
    pien = school.partners.partner_opslaan(Partner("Pien de Wit", MdoRol.JEUGDARTS, "GGD"))
    school.actiepunten.actiepunt_toevoegen("1001", "Huisbezoek", Persoon("Karel Smit", contact_id=karel.id), d(1, 12),
                           vandaag=VANDAAG)
    with pytest.raises(InvoerFout, match="Karel Smit is nog eigenaar van een actiepunt"):
        school.partners.partner_verwijderen(karel.id)
    voor = alles()
    weg = school.partners.partner_verwijderen(pien.id)
    assert weg.wat == "Pien de Wit"
    assert [p.naam for p in school.partners.partners()] == ["Karel Smit"]
    school.ongedaan.herstel(weg)
    assert alles() == voor


def test_a_concept_version_of_the_plan_comes_back_with_its_doelen(school):
    t = school.trajecten.openen("1001", "thuiszitter", "Zoë zit thuis", geopend=d(1, 9), vandaag=VANDAAG)
    pl = school.plannen
    plan = pl.opslaan(replace(pl.nieuw(t.id, vandaag=VANDAAG),
                              doelen=(Doel("Drie ochtenden per week op school", d(1, 3, 2027), "Het rooster"),)),
                      vandaag=VANDAAG)
    with pytest.raises(InvoerFout, match="Alleen een nieuwe conceptversie"):
        pl.concept_verwijderen(plan.id)
    school.profielen.opslaan(Profiel("Anna de Vries", "zorgcoördinator", "010-1234567"))  # signs for the school
    vast = pl.vaststellen(plan.id, d(20, 11), Akkoord("Ingrid Bakker", d(20, 11)), vandaag=VANDAAG)
    concept = pl.opslaan(replace(vast, ouders_willen="Meer rust"), vandaag=VANDAAG)
    voor = alles()
    weg = pl.concept_verwijderen(concept.id)
    assert weg.wat == "Conceptversie 2 van het plan" and weg.aantal("plan_doel") == 1
    assert [p.versie for p in pl.versies(t.id)] == [1]
    school.ongedaan.herstel(weg)
    assert alles() == voor


def test_hand_verzuim_comes_back_unless_the_day_got_new_verzuim(school):
    school.verzuim.invoeren("1001", d(9, 11), None, Reden.ZIEK, uren=3, opmerking="Belde om 8 uur", vandaag=VANDAAG)
    [rij] = school.verzuim.handmatig("1001")
    voor = alles()
    weg = school.verzuim.verwijderen(rij.id)
    assert weg.wat == "Verzuim van 09-11-2026"
    school.ongedaan.herstel(weg)
    assert alles() == voor

    weg = school.verzuim.verwijderen(rij.id)
    school.verzuim.invoeren("1001", d(9, 11), None, Reden.ZIEK, uren=2, vandaag=VANDAAG)
    na = alles()
    with pytest.raises(InvoerFout, match="Op 09-11-2026 is intussen opnieuw verzuim ingevoerd"):
        school.ongedaan.herstel(weg)
    assert alles() == na


def test_meldingen_mazl_nazorg_and_an_actiepunt_come_back(school):
    v, tr = school.verzuim, school.trajecten
    melding = v.melding_registreren("1002", d(2, 10), d(1, 10), MeldingSoort.LUXE_VERZUIM, "K-17", vandaag=VANDAAG)
    mazl = v.mazl_registreren("1002", d(16, 9), "Jeugdarts gebeld", vandaag=VANDAAG)
    t = tr.openen("1001", "thuiszitter", "Zoë zit thuis", geopend=d(1, 9), vandaag=VANDAAG)
    nazorg = tr.nazorg_toevoegen(t.id, d(1, 12), "Even bellen met moeder")
    actiepunt = school.actiepunten.actiepunt_toevoegen("1001", "Rooster aanpassen", "Anna de Vries", d(1, 12), vandaag=VANDAAG)
    voor = alles()
    for verwijder, wat in ((lambda: v.actie_verwijderen("melding", melding.id), "Melding DUO van 02-10-2026"),
                           (lambda: v.actie_verwijderen("mazl", mazl.id), "M@zl-actie van 16-09-2026"),
                           (lambda: tr.nazorg_verwijderen(nazorg.id), "Nazorgmoment van 01-12-2026"),
                           (lambda: school.actiepunten.actiepunt_verwijderen(actiepunt.id), "Actiepunt 'Rooster aanpassen'")):
        weg = verwijder()
        assert weg.wat == wat
        assert alles() != voor
        school.ongedaan.herstel(weg)
        assert alles() == voor


def test_a_vrije_dag_and_an_own_vacation_come_back_in_the_calendar(school):
    k = school.kalender
    k.vrije_dagen_toevoegen(d(11, 11), d(11, 11), "Studiedag")
    k.eigen_vakantie_invoeren(2030, "herfstvakantie", d(14, 10, 2030), d(18, 10, 2030))
    voor = alles()
    assert not k.calendar().is_lesdag(d(11, 11))

    weg = k.vrije_dag_verwijderen(d(11, 11))
    assert k.calendar().is_lesdag(d(11, 11))
    school.ongedaan.herstel(weg)
    assert not k.calendar().is_lesdag(d(11, 11))  # the calendar cache knows it is back
    assert alles() == voor

    weg = k.eigen_vakantie_verwijderen(2030, "herfstvakantie")
    assert weg.wat == "De herfstvakantie van 2030-2031"
    school.ongedaan.herstel(weg)
    assert alles() == voor

    weg = k.eigen_vakantie_verwijderen(2030, "herfstvakantie")
    k.eigen_vakantie_invoeren(2030, "kerstvakantie", d(23, 12, 2030), d(3, 1, 2031))  # the list changed since
    na = alles()
    with pytest.raises(InvoerFout, match="kan niet meer terug"):
        school.ongedaan.herstel(weg)
    assert alles() == na


def test_the_mechanism_follows_every_foreign_key_even_for_a_whole_student(school):
    """Not a user action (yet), but the hardest case for the generic snapshot: a student with a traject, an
    MDO whose actiepunt is also the student's own (two cascade paths), a gesprek, verzuim and ouders."""
    tr = school.trajecten
    t = tr.openen("1001", "thuiszitter", "Zoë zit thuis", geopend=d(1, 9), vandaag=VANDAAG)
    school.mdo.mdo_vastleggen(t.id, d(1, 10), besluiten=["Halve dagen"], actiepunten=[("Rooster", "Anna de Vries", d(9, 10))],
                      vandaag=VANDAAG)
    school.gesprekken.gesprek_vastleggen("1001", "huisbezoek", d(2, 10), "Thuis gesproken", afspraken=["Bellen"], vandaag=VANDAAG)
    school.verzuim.invoeren("1001", d(9, 11), None, Reden.ZIEK, vandaag=VANDAAG)
    voor = alles()
    with school.ctx.action():
        opname = Opname("Zoë", ())
        opname.rijen(m.Leerling, m.Leerling.leerlingnummer == "1001")
        m.Leerling.delete().where(m.Leerling.leerlingnummer == "1001").execute()
    weg = opname.klaar()
    assert weg.aantal("actiepunt") == 1 and weg.aantal("mdo") == 1 and weg.aantal("afspraak") == 1
    assert alles() != voor
    school.ongedaan.herstel(weg)
    assert alles() == voor


def test_undo_after_the_student_is_gone_refuses(school):
    school.verzuim.invoeren("1002", d(9, 11), None, Reden.ZIEK, vandaag=VANDAAG)
    [rij] = school.verzuim.handmatig("1002")
    weg = school.verzuim.verwijderen(rij.id)
    with school.ctx.action():
        m.Leerling.delete().where(m.Leerling.leerlingnummer == "1002").execute()
    na = alles()
    with pytest.raises(InvoerFout, match="kan niet meer terug"):
        school.ongedaan.herstel(weg)
    assert alles() == na


def test_undo_needs_the_role_of_the_delete(school):
    t = school.trajecten.openen("1001", "thuiszitter", "x", geopend=d(1, 9), vandaag=VANDAAG)
    weg = school.trajecten.nazorg_verwijderen(school.trajecten.nazorg_toevoegen(t.id, d(1, 12), "Bellen").id)
    row = m.Gebruiker.create(naam="Lotte Jansen", naam_sleutel="lotte jansen", rol=Rol.ALLEEN_LEZEN.value)
    lezer = OngedaanService(Context(school.ctx.store, Gebruiker(row.id, "Lotte Jansen", Rol.ALLEEN_LEZEN)))
    with pytest.raises(GeenToegang):
        lezer.herstel(weg)


# Deletes that are no user action, each with the reason it needs no undo.
GEEN_GEBRUIKERSACTIE = {
    ("concepten", "verwijder"): "a draft is removed once its form is saved or thrown away on purpose",
}


def test_every_delete_of_the_services_returns_a_snapshot_for_undo(school):
    """So a future delete cannot forget undo: every public method named *verwijder* returns a Verwijderd."""
    gevonden = []
    for naam in session.DIENSTEN:  # (each built when first asked for)
        service = getattr(school, naam)
        for methode, functie in inspect.getmembers(type(service), inspect.isfunction):
            if "verwijder" in methode and not methode.startswith("_"):
                gevonden.append((naam, methode))
                if (naam, methode) in GEEN_GEBRUIKERSACTIE:
                    continue
                terug = inspect.signature(functie).return_annotation
                assert terug in ("Verwijderd", Verwijderd), f"services.{naam}.{methode} returns {terug}, no Verwijderd"
    assert ("gesprekken", "gesprek_verwijderen") in gevonden and ("kalender", "vrije_dag_verwijderen") in gevonden
    assert isinstance(school, Services)
