"""The traject services (trajecten, gesprekken, mdo, actiepunten, partners, tijdlijn) on a real, encrypted database file: opening (from a signal or by hand, one open at a
time), steps and checklist, closing with nazorg, gesprekken, MDO's with besluiten and actiepunten, the
address book, the timeline, reminders and the dossier."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from thuiszit_desktop.db import models as m
from thuiszit_desktop.domain.errors import GeenToegang, InvoerFout, NietGevonden
from thuiszit_desktop.domain.gebruiker import Gebruiker, Rol
from thuiszit_desktop.domain.herinneringen import HerinneringSoort
from thuiszit_desktop.domain.leerling import Leerling, Ouder, Relatie, Vrijstelling, VrijstellingType
from thuiszit_desktop.domain.mdo import MdoDeelnemer, Partner, Toestemming
from thuiszit_desktop.domain.signalen import SignaalSoort
from thuiszit_desktop.domain.tijdlijn import Tijdlijnsoort
from thuiszit_desktop.domain.traject import (
    ActiepuntStatus,
    Analyse,
    Categorie,
    Domein,
    Factoren,
    GesprekType,
    KearneyFunctie,
    MdoRol,
    Persoon,
    Sluitreden,
    Stap,
    TrajectStatus,
    Verzuimtype,
)
from thuiszit_desktop.services.actiepunten import ActiepuntService
from thuiszit_desktop.services.context import Context
from thuiszit_desktop.services.gesprekken import GesprekService
from thuiszit_desktop.services.inzage import InzageService
from thuiszit_desktop.services.mdo import MdoService
from thuiszit_desktop.services.partners import PartnerService
from thuiszit_desktop.services.session import Services
from thuiszit_desktop.services.tijdlijn import TijdlijnService
from thuiszit_desktop.services.toegang import beveilig
from thuiszit_desktop.services.trajecten import TrajectService

pytestmark = pytest.mark.beide_stores

VANDAAG = date(2026, 11, 23)


def d(dag: int, maand: int, jaar: int = 2026) -> date:
    return date(jaar, maand, dag)


@pytest.fixture
def school(services):
    """Three fictional students; Zoë has ouders and a 5a vrijstelling."""
    for nummer, voornaam, tussenvoegsel, achternaam in (("1001", "Zoë", "", "Bakker"),
                                                        ("1002", "Mehmet", "", "Çelik"),
                                                        ("1003", "Daniël", "de", "Jong")):
        ouders = (Ouder("Ingrid Bakker", Relatie.MOEDER, "06-12345678", "ingrid@example.nl"),) if nummer == "1001" else ()
        vrij = (Vrijstelling(VrijstellingType.ART_5A, d(24, 8)),) if nummer == "1003" else ()
        services.leerlingen.opslaan(Leerling(leerlingnummer=nummer, voornaam=voornaam, tussenvoegsel=tussenvoegsel,
                                             achternaam=achternaam, geboortedatum=d(5, 3, 2012),
                                             inschrijfdatum=d(1, 8, 2024), klas="2B", ouders=ouders,
                                             vrijstellingen=vrij), VANDAAG)
    return services


@pytest.fixture
def tr(school) -> Services:
    return school


class Trajectdiensten:
    """The traject services of `Services` for another user, each with its rules as Services builds it."""

    def __init__(self, ctx: Context, services: Services):
        self.ctx = ctx
        self.trajecten = beveilig(ctx, "trajecten", TrajectService(ctx))
        self.gesprekken = beveilig(ctx, "gesprekken", GesprekService(ctx))
        self.mdo = beveilig(ctx, "mdo", MdoService(ctx))
        self.actiepunten = beveilig(ctx, "actiepunten", ActiepuntService(ctx))
        self.partners = beveilig(ctx, "partners", PartnerService(ctx))
        self.tijdlijn = beveilig(ctx, "tijdlijn", TijdlijnService(ctx, services.signalen, services.verzuim))


def als(services, naam: str, rol: Rol) -> Trajectdiensten:
    """The same services for another user of the school: a reader, or a mentor of every klas (so of the students
    these tests are about), with their rules as Services builds them."""
    row = m.Gebruiker.create(naam=naam, naam_sleutel=naam.casefold(), rol=rol.value)
    klassen = tuple(sorted({k for (k,) in m.Leerling.select(m.Leerling.klas).tuples() if k})) if rol == Rol.MENTOR else ()
    ctx = Context(services.ctx.store, Gebruiker(row.id, naam, rol, klassen))
    return Trajectdiensten(ctx, services)


def importeer_verzuim(services, tmp_path) -> None:
    """Zoë: 4 hours ongeoorloofd on every lesdag 14–25 September (the meldplicht fires on the 17th), and a
    whole day ill on 5 October."""
    cal = services.kalender.calendar()
    regels = [f"1001;{x:%d-%m-%Y};4;ongeoorloofd" for x in cal.lesdagen(d(14, 9), d(25, 9))]
    regels.append("1001;05-10-2026;6;ziek")
    pad = tmp_path / "verzuim.csv"
    pad.write_text("\n".join(["leerlingnummer;datum;uren;reden", *regels]) + "\n", encoding="utf-8")
    services.verzuim.importeren(pad, vandaag=VANDAAG)


# --- opening ------------------------------------------------------------------------------------------

def test_open_from_a_real_signal(school, tmp_path):
    importeer_verzuim(school, tmp_path)
    [signaal] = school.signalen.overzicht(leerlingnummer="1001").signalen
    assert (signaal.soort, signaal.datum) == (SignaalSoort.MELDPLICHT_16U, d(17, 9))
    t = school.trajecten.openen_vanuit_signaal("1001", signaal.soort, signaal.datum, geopend=d(18, 9),
                                               vandaag=VANDAAG)
    assert (t.leerlingnummer, t.naam, t.signaal, t.signaal_datum, t.geopend) == (
        "1001", "Zoë Bakker", SignaalSoort.MELDPLICHT_16U, d(17, 9), d(18, 9))
    assert (t.categorie, t.status, t.stap, t.aanleiding) == (
        Categorie.DREIGEND_THUISZITTER, TrajectStatus.OPEN, Stap.IN_BEELD, "")
    assert t.eigenaar == Persoon("Anna de Vries", gebruiker_id=school.gebruiker.id)  # the acting user
    assert school.trajecten.open_traject("1001") == t


def test_open_by_hand_with_a_contact_as_owner(tr):
    t = tr.trajecten.openen("1002", "thuiszitter", "  Mehmet is sinds de zomer niet meer op school  ",
                  eigenaar=Persoon("Karin Smit", rol=MdoRol.SWV_CONSULENT.value, organisatie="SWV Utrecht"),
                  geopend=d(2, 11), evaluatiedatum=d(14, 12), vandaag=VANDAAG)
    assert (t.categorie, t.aanleiding, t.signaal, t.evaluatiedatum) == (
        Categorie.THUISZITTER, "Mehmet is sinds de zomer niet meer op school", None, d(14, 12))
    assert t.eigenaar.naam == "Karin Smit" and t.eigenaar.contact_id is not None
    [karin] = tr.partners.partners(MdoRol.SWV_CONSULENT)  # the new name went into the shared address book
    assert (karin.naam, karin.organisatie, karin.id) == ("Karin Smit", "SWV Utrecht", t.eigenaar.contact_id)
    # the next time the same name is the same contact
    t2 = tr.trajecten.openen("1003", "vrijstelling", "5a: volgen", eigenaar="karin smit", vandaag=VANDAAG)
    assert t2.eigenaar.contact_id == karin.id


ONGELDIG_OPENEN = [  # (arguments, the field the message is about); one database for the whole table
    (dict(categorie="thuiszitter", aanleiding=""), "aanleiding"),
    (dict(categorie="onbekend", aanleiding="x"), "categorie"),
    (dict(categorie="thuiszitter", aanleiding="x", geopend=VANDAAG + timedelta(days=1)), "geopend"),
    (dict(categorie="thuiszitter", aanleiding="x", geopend=d(1, 11), evaluatiedatum=d(1, 10)), "evaluatiedatum"),
]


def test_opening_by_hand_checks_its_input(tr):
    for kwargs, veld in ONGELDIG_OPENEN:
        with pytest.raises(InvoerFout) as exc:
            tr.trajecten.openen("1002", vandaag=VANDAAG, **kwargs)
        assert veld in exc.value.fouten, kwargs
    assert tr.trajecten.lijst() == []


def test_a_second_open_traject_is_refused_and_history_stays(tr):
    eerste = tr.trajecten.openen("1001", "dreigend_thuiszitter", "Veel ziek", geopend=d(1, 9), vandaag=VANDAAG)
    with pytest.raises(InvoerFout) as exc:
        tr.trajecten.openen_vanuit_signaal("1001", "thuiszitter", d(1, 10), vandaag=VANDAAG)
    assert str(exc.value) == ("Zoë Bakker heeft al een open traject (geopend op 01-09-2026). "
                              "Werk verder in dat traject, of sluit het eerst.")
    tr.trajecten.sluiten(eerste.id, Sluitreden.TERUG_NAAR_SCHOOL, datum=d(1, 10), vandaag=VANDAAG)
    tweede = tr.trajecten.openen_vanuit_signaal("1001", "thuiszitter", d(5, 11), vandaag=VANDAAG)
    assert tweede.categorie is Categorie.THUISZITTER
    assert [t.id for t in tr.trajecten.trajecten("1001")] == [tweede.id, eerste.id]  # newest first
    assert [t.status for t in tr.trajecten.trajecten("1001")] == [TrajectStatus.OPEN, TrajectStatus.GESLOTEN]


def test_the_database_itself_allows_one_open_traject_per_student(tr):
    """The partial unique index backs up the check in the service."""
    import peewee as pw

    t = tr.trajecten.openen("1001", "thuiszitter", "x", vandaag=VANDAAG)
    leerling_id = m.Traject.get_by_id(t.id).leerling_id
    with pytest.raises(pw.IntegrityError), m.database.atomic():
        m.Traject.create(leerling=leerling_id, categorie="thuiszitter", geopend=VANDAAG, status="open")
    m.Traject.create(leerling=leerling_id, categorie="thuiszitter", geopend=VANDAAG, status="gesloten")


def test_unknown_student_or_traject(tr):
    with pytest.raises(NietGevonden, match="Er is geen leerling met leerlingnummer 9999"):
        tr.trajecten.openen("9999", "thuiszitter", "x", vandaag=VANDAAG)
    with pytest.raises(NietGevonden, match="Dit traject bestaat niet meer"):
        tr.trajecten.get(404)


def test_only_the_zorgcoordinator_opens_a_traject(school):
    mentor = als(school, "Bram Visser", Rol.MENTOR)
    with pytest.raises(GeenToegang):
        mentor.trajecten.openen("1001", "thuiszitter", "x", vandaag=VANDAAG)


# --- steps, checklist, analysis -----------------------------------------------------------------------

def test_step_changes_are_recorded_in_any_order(tr):
    t = tr.trajecten.openen("1001", "thuiszitter", "x", geopend=d(1, 9), vandaag=VANDAAG)
    tr.trajecten.stap_wijzigen(t.id, 3, datum=d(1, 10), vandaag=VANDAAG)
    tr.trajecten.stap_wijzigen(t.id, Stap.CONTACT, datum=d(8, 10), vandaag=VANDAAG)  # back: steps guide, not lock
    t = tr.trajecten.stap_wijzigen(t.id, 2, datum=d(9, 10), vandaag=VANDAAG)  # the same step: nothing recorded
    assert t.stap is Stap.CONTACT
    assert [(w.datum, w.van, w.naar, w.door) for w in t.stapwissels] == [
        (d(1, 10), 1, 3, "Anna de Vries"), (d(8, 10), 3, 2, "Anna de Vries")]
    with pytest.raises(InvoerFout, match="Kies een stap van 1 tot en met 5"):
        tr.trajecten.stap_wijzigen(t.id, 6, vandaag=VANDAAG)
    with pytest.raises(InvoerFout, match="vóór de opening"):
        tr.trajecten.stap_wijzigen(t.id, 4, datum=d(1, 8), vandaag=VANDAAG)
    tr.trajecten.sluiten(t.id, "verhuisd", vandaag=VANDAAG)
    with pytest.raises(InvoerFout, match="gesloten"):
        tr.trajecten.stap_wijzigen(t.id, 5, vandaag=VANDAAG)


def test_checklist_ticks_by_hand_in_any_order_and_reports_what_is_open(tr):
    t = tr.trajecten.openen("1001", "thuiszitter", "x", geopend=d(1, 9), vandaag=VANDAAG)
    regel = tr.trajecten.afvinken(t.id, "terugkeer_gestart", datum=d(20, 11), notitie="Twee uur per dag", vandaag=VANDAAG)
    assert (regel.gedaan, regel.datum, regel.door, regel.notitie, regel.automatisch) == (
        True, d(20, 11), "Anna de Vries", "Twee uur per dag", False)
    tr.trajecten.afvinken(t.id, "swv_geinformeerd", vandaag=VANDAAG)
    tr.trajecten.afvinken(t.id, "swv_geinformeerd", notitie="Lijst SWV", vandaag=VANDAAG)  # again: replaces the note
    open_ = tr.trajecten.nog_open(t.id)
    assert [i.key for i in open_[Stap.IN_BEELD]] == ["verzuim_geanalyseerd", "gemeld_bij_leerplicht",
                                                    "vanaf_dag_1_geregistreerd"]
    assert [i.key for i in open_[Stap.TERUG_IN_BEELD]] == ["evaluaties", "nazorg"]
    stappen = tr.trajecten.checklist(t.id)
    assert [s.stap for s in stappen] == list(Stap) and stappen[0].huidig
    assert [r.item.key for r in stappen[0].regels][:2] == ["verzuim_geanalyseerd", "gemeld_bij_leerplicht"]
    assert next(r for r in stappen[0].regels if r.item.key == "swv_geinformeerd").notitie == "Lijst SWV"
    tr.trajecten.afvinken_ongedaan(t.id, "terugkeer_gestart")
    assert "terugkeer_gestart" in [i.key for i in tr.trajecten.nog_open(t.id)[Stap.TERUG_IN_BEELD]]
    with pytest.raises(InvoerFout, match="Onbekend onderdeel"):
        tr.trajecten.afvinken(t.id, "koffie_gezet", vandaag=VANDAAG)
    with pytest.raises(InvoerFout, match="toekomst"):
        tr.trajecten.afvinken(t.id, "evaluaties", datum=VANDAAG + timedelta(days=1), vandaag=VANDAAG)


def test_a_registered_duo_melding_ticks_step_1_with_a_link(school):
    tr = school
    t = tr.trajecten.openen_vanuit_signaal("1001", "meldplicht_16u", d(17, 9), geopend=d(18, 9), vandaag=VANDAAG)
    assert "gemeld_bij_leerplicht" in [i.key for i in tr.trajecten.nog_open(t.id)[Stap.IN_BEELD]]
    school.verzuim.melding_registreren("1001", d(10, 8, 2025), d(1, 7, 2025), "16_uur", vandaag=VANDAAG)  # too old
    melding = school.verzuim.melding_registreren("1001", d(21, 9), d(17, 9), "16_uur", "DUO-4711", vandaag=VANDAAG)
    regel = next(r for r in tr.trajecten.checklist(t.id)[0].regels if r.item.key == "gemeld_bij_leerplicht")
    assert (regel.gedaan, regel.automatisch, regel.datum, regel.referentie) == (
        True, True, d(21, 9), f"melding:{melding.id}")
    assert regel.bewijs == "DUO-verzuimmelding van 21-09-2026, kenmerk DUO-4711"


def test_gesprekken_and_an_mdo_tick_their_items(tr):
    t = tr.trajecten.openen("1001", "thuiszitter", "x", geopend=d(1, 9), vandaag=VANDAAG)
    tr.gesprekken.gesprek_vastleggen("1001", "huisbezoek", d(3, 9), "Thuis gesproken met moeder", vandaag=VANDAAG)
    tr.mdo.mdo_vastleggen(t.id, d(1, 12))  # planned
    open_ = tr.trajecten.nog_open(t.id)
    assert [i.key for i in open_[Stap.CONTACT]] == ["gesprek_leerling", "gesprekswijzer_meegegeven"]
    assert "mdo_gepland" not in [i.key for i in open_[Stap.SAMENWERKEN]]


def test_the_analysis_of_step_4(tr):
    t = tr.trajecten.openen("1002", "thuiszitter", "x", vandaag=VANDAAG)
    assert tr.trajecten.analyse(t.id) == Analyse.leeg()
    analyse = Analyse({Domein.LEERLING: Factoren("Angstig in grote groepen", "Goed in tekenen"),
                       Domein.BUURT: Factoren("", "Voetbalclub")},
                      Verzuimtype.SCHOOLWEIGERING, KearneyFunctie.SOCIALE_SITUATIES)
    opgeslagen = tr.trajecten.analyse_opslaan(t.id, analyse)
    assert opgeslagen.factoren[Domein.LEERLING] == Factoren("Angstig in grote groepen", "Goed in tekenen")
    assert opgeslagen.factoren[Domein.THUIS] == Factoren()
    assert (opgeslagen.verzuimtype, opgeslagen.kearney_functie) == (
        Verzuimtype.SCHOOLWEIGERING, KearneyFunctie.SOCIALE_SITUATIES)
    tr.trajecten.analyse_opslaan(t.id, Analyse({Domein.THUIS: Factoren("Zorgen om oma")}, Verzuimtype.ONTHOUDEN))
    again = tr.trajecten.analyse(t.id)
    assert again.factoren[Domein.LEERLING] == Factoren() and again.verzuimtype is Verzuimtype.ONTHOUDEN
    assert again.kearney_functie is None
    assert "analyse_factoren" not in [i.key for i in tr.trajecten.nog_open(t.id).get(Stap.INTERVENTIE, [])]


# --- closing and nazorg -------------------------------------------------------------------------------

def test_close_with_the_default_nazorg(tr):
    t = tr.trajecten.openen("1001", "thuiszitter", "x", geopend=d(1, 9), vandaag=VANDAAG)
    t = tr.trajecten.sluiten(t.id, "terug_naar_school", datum=d(20, 11), vandaag=VANDAAG)
    assert (t.status, t.gesloten, t.sluitreden) == (TrajectStatus.GESLOTEN, d(20, 11), Sluitreden.TERUG_NAAR_SCHOOL)
    assert [(n.datum, n.omschrijving, n.gedaan) for n in t.nazorg] == [
        (d(1, 1, 2027), "Nazorg na 6 weken", None),
        (d(20, 2, 2027), "Nazorg na 3 maanden", None),
        (d(20, 11, 2027), "Nazorg na 1 jaar", None)]
    klaar = tr.trajecten.nazorg_afronden(t.nazorg[0].id, "Gaat goed, hele dagen op school", datum=VANDAAG, vandaag=VANDAAG)
    assert (klaar.gedaan, klaar.notitie) == (VANDAAG, "Gaat goed, hele dagen op school")
    tr.trajecten.nazorg_wijzigen(t.nazorg[1].id, d(1, 3, 2027), "Nazorg na 3 maanden (met ouders)")
    tr.trajecten.nazorg_verwijderen(t.nazorg[2].id)
    extra = tr.trajecten.nazorg_toevoegen(t.id, d(1, 6, 2027), "Overgang naar klas 3")
    assert [n.id for n in tr.trajecten.get(t.id).nazorg] == [t.nazorg[0].id, t.nazorg[1].id, extra.id]
    with pytest.raises(InvoerFout, match="al gesloten"):
        tr.trajecten.sluiten(t.id, "verhuisd", vandaag=VANDAAG)
    assert tr.trajecten.lijst() == [] and len(tr.trajecten.lijst(status=None)) == 1


def test_close_with_own_nazorg_or_reden_anders(tr):
    t = tr.trajecten.openen("1002", "thuiszitter", "x", geopend=d(1, 9), vandaag=VANDAAG)
    with pytest.raises(InvoerFout) as exc:
        tr.trajecten.sluiten(t.id, "anders", vandaag=VANDAAG)
    assert "toelichting" in exc.value.fouten
    assert tr.trajecten.get(t.id).is_open
    t = tr.trajecten.sluiten(t.id, "anders", "Volgt thuisonderwijs via een particuliere school", datum=VANDAAG,
                   nazorg=[(d(1, 2, 2027), "Bellen met ouders")], vandaag=VANDAAG)
    assert t.sluittoelichting == "Volgt thuisonderwijs via een particuliere school"
    assert [(n.datum, n.omschrijving) for n in t.nazorg] == [(d(1, 2, 2027), "Bellen met ouders")]


# --- gesprekken ---------------------------------------------------------------------------------------

def test_a_gesprek_in_the_future_is_refused(tr):
    with pytest.raises(InvoerFout) as exc:
        tr.gesprekken.gesprek_vastleggen("1001", "gesprek_ouders", VANDAAG + timedelta(days=1), "Gepland", vandaag=VANDAAG)
    assert exc.value.fouten["datum"] == "De datum van het gesprek kan niet in de toekomst liggen. Controleer de datum."
    assert tr.gesprekken.gesprekken("1001") == []


def test_a_gesprek_links_to_the_open_traject_and_keeps_its_afspraken(tr):
    los = tr.gesprekken.gesprek_vastleggen("1001", "telefonisch", d(1, 9), "Moeder belt: Zoë is ziek", vandaag=VANDAAG)
    assert los.traject_id is None
    t = tr.trajecten.openen("1001", "thuiszitter", "x", geopend=d(2, 9), vandaag=VANDAAG)
    g = tr.gesprekken.gesprek_vastleggen("1001", GesprekType.GESPREK_LEERLING, d(3, 9),
                              "Zoë: 'In de grote pauze voel ik me alleen.'", deelnemers="Zoë, mentor",
                              afspraken=["Zoë eet in de pauze bij de mentor", " ", "Mentor belt vrijdag"],
                              vertrouwelijk=True, vandaag=VANDAAG)
    assert (g.traject_id, g.type, g.deelnemers, g.vertrouwelijk, g.door) == (
        t.id, GesprekType.GESPREK_LEERLING, "Zoë, mentor", True, "Anna de Vries")
    assert [a.tekst for a in g.afspraken] == ["Zoë eet in de pauze bij de mentor", "Mentor belt vrijdag"]
    actiepunt = tr.gesprekken.afspraak_naar_actiepunt(g.afspraken[1].id, "Anna de Vries", d(6, 9))
    assert (actiepunt.wat, actiepunt.gesprek_id, actiepunt.traject_id, actiepunt.datum) == (
        "Mentor belt vrijdag", g.id, t.id, d(3, 9))
    assert tr.gesprekken.gesprek(g.id).afspraken[1].actiepunt_id == actiepunt.id
    with pytest.raises(InvoerFout, match="al een actiepunt"):
        tr.gesprekken.afspraak_naar_actiepunt(g.afspraken[1].id, "Anna de Vries", d(6, 9))
    with pytest.raises(InvoerFout) as exc:
        tr.gesprekken.afspraak_naar_actiepunt(g.afspraken[0].id, None, None)
    assert set(exc.value.fouten) == {"wie", "uiterlijk"}
    assert [x.id for x in tr.gesprekken.gesprekken("1001")] == [g.id, los.id]  # newest first


def test_a_mentor_records_a_quick_contactmoment(school):
    mentor = als(school, "Bram Visser", Rol.MENTOR)
    g = mentor.gesprekken.contactmoment("1002", "telefonisch", "Vader gebeld, Mehmet komt morgen", vandaag=VANDAAG)
    assert (g.datum, g.type, g.door, g.traject_id) == (VANDAAG, GesprekType.TELEFONISCH, "Bram Visser", None)
    lezer = als(school, "Lotte Jansen", Rol.ALLEEN_LEZEN)
    with pytest.raises(GeenToegang):
        lezer.gesprekken.contactmoment("1002", "telefonisch", "x", vandaag=VANDAAG)
    assert len(school.gesprekken.gesprekken("1002")) == 1  # the mentor's, not the refused one


# --- MDO's, besluiten, actiepunten --------------------------------------------------------------------

@pytest.fixture
def traject(tr):
    return tr.trajecten.openen("1001", "thuiszitter", "Zoë zit thuis", geopend=d(1, 9), vandaag=VANDAAG)


DEELNEMERS = [
    MdoDeelnemer("Anna de Vries", MdoRol.ZORGCOORDINATOR),
    MdoDeelnemer("Karel Smit", MdoRol.LEERPLICHTAMBTENAAR, "Gemeente Utrecht"),
    MdoDeelnemer("Dr. Yasmina El Amrani", MdoRol.JEUGDARTS, "GGD regio Utrecht"),
    MdoDeelnemer("Ingrid Bakker", MdoRol.OUDER),
]


def test_an_mdo_without_a_date_is_refused(tr, traject):
    with pytest.raises(InvoerFout) as exc:
        tr.mdo.mdo_vastleggen(traject.id, None, deelnemers=DEELNEMERS)
    assert exc.value.fouten == {"datum": "Vul de datum van het MDO in."}
    assert tr.mdo.mdos(traject.id) == [] and tr.partners.partners(MdoRol.LEERPLICHTAMBTENAAR) == []


def test_an_mdo_with_deelnemers_consent_and_the_address_book(tr, traject):
    mdo = tr.mdo.mdo_vastleggen(traject.id, d(1, 10), deelnemers=DEELNEMERS, verslag="Zoë wil weer naar school.",
                            vertrouwelijk=True,
                            toestemmingen=[Toestemming("GGD regio Utrecht", True), Toestemming("Wijkteam Oost", False,
                                                                                               d(30, 9))])
    assert [(x.naam, x.rol, x.organisatie) for x in mdo.deelnemers] == [
        ("Anna de Vries", MdoRol.ZORGCOORDINATOR, ""), ("Karel Smit", MdoRol.LEERPLICHTAMBTENAAR, "Gemeente Utrecht"),
        ("Dr. Yasmina El Amrani", MdoRol.JEUGDARTS, "GGD regio Utrecht"), ("Ingrid Bakker", MdoRol.OUDER, "")]
    assert mdo.deelnemers[0].gebruiker_id is not None  # a user of the app, recognised by name
    assert mdo.deelnemers[3].contact_id is None  # the family does not go into the address book
    assert (mdo.verslag, mdo.vertrouwelijk, mdo.leerlingnummer) == ("Zoë wil weer naar school.", True, "1001")
    assert [(x.organisatie, x.gegeven, x.datum) for x in mdo.toestemmingen] == [
        ("GGD regio Utrecht", True, d(1, 10)), ("Wijkteam Oost", False, d(30, 9))]
    partners = {(p.naam, p.rol, p.organisatie) for p in tr.partners.partners()}
    assert partners == {("Karel Smit", MdoRol.LEERPLICHTAMBTENAAR, "Gemeente Utrecht"),
                        ("Dr. Yasmina El Amrani", MdoRol.JEUGDARTS, "GGD regio Utrecht")}
    # the next MDO (for another student) reuses the same partner
    ander = tr.trajecten.openen("1002", "thuiszitter", "x", vandaag=VANDAAG)
    tweede = tr.mdo.mdo_vastleggen(ander.id, d(2, 10), deelnemers=[MdoDeelnemer("Karel Smit", MdoRol.LEERPLICHTAMBTENAAR)])
    assert tweede.deelnemers[0].contact_id == mdo.deelnemers[1].contact_id
    assert tweede.deelnemers[0].organisatie == "Gemeente Utrecht"
    # consent changes: the latest per organisation counts, history stays
    tr.mdo.toestemming_vastleggen(traject.id, "Wijkteam Oost", True, d(15, 10), vandaag=VANDAAG)
    assert [(x.organisatie, x.gegeven) for x in tr.mdo.toestemmingen(traject.id, alleen_geldend=True)] == [
        ("GGD regio Utrecht", True), ("Wijkteam Oost", True)]
    assert len(tr.mdo.toestemmingen(traject.id)) == 3
    bijgewerkt = tr.mdo.mdo_bijwerken(mdo.id, verslag="Aangevuld verslag", deelnemers=DEELNEMERS[:2])
    assert bijgewerkt.verslag == "Aangevuld verslag" and len(bijgewerkt.deelnemers) == 2
    assert bijgewerkt.datum == d(1, 10)


def test_the_address_book(tr):
    p = tr.partners.partner_opslaan(Partner(" Sanne  Kruijer ", MdoRol.VERZUIMCOACH, "Stichting Op Weg", "030-1234567",
                                   "sanne@example.nl"))
    assert (p.naam, p.rol, p.id is not None) == ("Sanne Kruijer", MdoRol.VERZUIMCOACH, True)
    with pytest.raises(InvoerFout, match="staat al in het adresboek"):
        tr.partners.partner_opslaan(Partner("Sanne Kruijer", "verzuimcoach"))
    gewijzigd = tr.partners.partner_opslaan(Partner("Sanne Kruijer", "verzuimcoach", "Op Weg", id=p.id))
    assert tr.partners.partners("verzuimcoach") == [gewijzigd]
    with pytest.raises(InvoerFout) as exc:
        tr.partners.partner_opslaan(Partner("", "kok", email="geen-adres"))
    assert set(exc.value.fouten) == {"naam", "rol", "email"}
    namen = [x.naam for x in tr.partners.personen()]
    assert namen[0] == "Anna de Vries" and "Sanne Kruijer" in namen


def test_besluiten_are_numbered_per_mdo(tr, traject):
    eerste = tr.mdo.mdo_vastleggen(traject.id, d(1, 10))
    b = [tr.mdo.besluit_toevoegen(eerste.id, tekst) for tekst in ("Rooster aanpassen: start om 10 uur",
                                                              "Jeugdarts inschakelen", "Verzuimcoach inzetten")]
    assert [x.nummer for x in b] == [1, 2, 3]
    tweede = tr.mdo.mdo_vastleggen(traject.id, d(5, 11))
    assert tr.mdo.besluit_toevoegen(tweede.id, "Opbouw naar hele dagen").nummer == 1
    tr.mdo.besluit_verwijderen(b[1].id)
    assert [(x.nummer, x.tekst) for x in tr.mdo.mdo(eerste.id).besluiten] == [
        (1, "Rooster aanpassen: start om 10 uur"), (2, "Verzuimcoach inzetten")]
    assert tr.mdo.besluit_toevoegen(eerste.id, "Evaluatie in januari").nummer == 3
    assert tr.mdo.besluit_wijzigen(b[0].id, "Rooster: start om 9 uur").tekst == "Rooster: start om 9 uur"
    with pytest.raises(InvoerFout):
        tr.mdo.besluit_toevoegen(eerste.id, "  ")


ZONDER_EIGENAAR_OF_TERMIJN = [  # (wie, uiterlijk, the fields the message is about)
    (None, d(15, 10), {"wie"}),
    ("  ", d(15, 10), {"wie"}),
    (Persoon(""), d(15, 10), {"wie"}),
    ("Karel Smit", None, {"uiterlijk"}),
    (None, None, {"wie", "uiterlijk"}),
]


def test_an_actiepunt_without_owner_or_deadline_is_refused(tr, traject):
    mdo = tr.mdo.mdo_vastleggen(traject.id, d(1, 10))
    for wie, uiterlijk, velden in ZONDER_EIGENAAR_OF_TERMIJN:
        with pytest.raises(InvoerFout) as exc:
            tr.mdo.mdo_actiepunt(mdo.id, "Afspraak bij de jeugdarts maken", wie, uiterlijk)
        assert set(exc.value.fouten) == velden, (wie, uiterlijk)
        if "wie" in velden:
            assert exc.value.fouten["wie"] == "Vul in wie dit actiepunt uitvoert: elk actiepunt heeft een eigenaar."
        if "uiterlijk" in velden:
            assert exc.value.fouten["uiterlijk"] == "Vul in wanneer dit actiepunt uiterlijk klaar moet zijn."
        with pytest.raises(InvoerFout):
            tr.actiepunten.actiepunt_toevoegen("1001", "Ouders bellen", wie, uiterlijk, vandaag=VANDAAG)
    assert tr.actiepunten.actiepunten("1001") == [] and tr.partners.partners() == []


def test_the_agenda_is_prefilled_with_the_open_actiepunten_of_earlier_mdos(tr, traject):
    eerste = tr.mdo.mdo_vastleggen(traject.id, d(1, 10))
    assert "Openstaande actiepunten uit eerdere MDO's: geen" in eerste.agenda
    open_ = tr.mdo.mdo_actiepunt(eerste.id, "Afspraak bij de jeugdarts maken", "Karel Smit", d(15, 10))
    gedaan = tr.mdo.mdo_actiepunt(eerste.id, "Rooster aanpassen", "Anna de Vries", d(8, 10))
    vervallen = tr.mdo.mdo_actiepunt(eerste.id, "Huisbezoek plannen", "Anna de Vries", d(8, 10))
    tr.actiepunten.actiepunt_toevoegen("1001", "Los actiepunt, niet uit een MDO", "Anna de Vries", d(9, 10), vandaag=VANDAAG)
    tr.actiepunten.actiepunt_status(gedaan.id, "gedaan", datum=d(7, 10), vandaag=VANDAAG)
    tr.actiepunten.actiepunt_status(vervallen.id, ActiepuntStatus.VERVALLEN, vandaag=VANDAAG)
    tweede = tr.mdo.mdo_vastleggen(traject.id, d(5, 11), deelnemers=DEELNEMERS[:1])
    assert "   - Afspraak bij de jeugdarts maken (Karel Smit, uiterlijk 15-10-2026)" in tweede.agenda.splitlines()
    for niet in ("Rooster aanpassen", "Huisbezoek plannen", "Los actiepunt"):
        assert niet not in tweede.agenda
    assert tr.mdo.agenda_voorstel(traject.id) == tweede.agenda
    eigen = tr.mdo.mdo_vastleggen(traject.id, d(6, 11), agenda="Alleen de terugkeer")
    assert eigen.agenda == "Alleen de terugkeer"
    assert [a.id for a in tr.mdo.mdo(eerste.id).actiepunten] == [gedaan.id, vervallen.id, open_.id]


def test_open_actiepunten_per_owner_and_for_the_school(tr, traject, school):
    mdo = tr.mdo.mdo_vastleggen(traject.id, d(1, 10))
    a1 = tr.mdo.mdo_actiepunt(mdo.id, "Jeugdarts bellen", Persoon("Anna de Vries", gebruiker_id=school.gebruiker.id),
                          d(20, 11))
    a2 = tr.mdo.mdo_actiepunt(mdo.id, "Leerplicht informeren", "Karel Smit", d(10, 11))
    a3 = tr.actiepunten.actiepunt_toevoegen("1002", "Vader uitnodigen", "Anna de Vries", d(1, 12), vandaag=VANDAAG)
    klaar = tr.actiepunten.actiepunt_toevoegen("1002", "Rooster mailen", "Karel Smit", d(1, 11), vandaag=VANDAAG)
    klaar = tr.actiepunten.actiepunt_status(klaar.id, "gedaan", vandaag=VANDAAG)
    assert (klaar.status, klaar.afgerond) == (ActiepuntStatus.GEDAAN, VANDAAG)
    assert [a.id for a in tr.actiepunten.open_actiepunten()] == [a2.id, a1.id, a3.id]  # by deadline
    assert [a.id for a in tr.actiepunten.mijn_actiepunten()] == [a1.id, a3.id]
    assert [a.id for a in tr.actiepunten.open_actiepunten("karel smit")] == [a2.id]
    assert tr.actiepunten.open_actiepunten("Niemand Bekend") == []
    per = tr.actiepunten.open_actiepunten_per_eigenaar()
    assert list(per) == ["Anna de Vries", "Karel Smit"]
    assert a1.te_laat(VANDAAG) and a2.te_laat(VANDAAG) and not a3.te_laat(VANDAAG)
    assert (a3.leerlingnummer, a3.leerling_naam, a3.traject_id) == ("1002", "Mehmet Çelik", None)
    [rij] = tr.trajecten.lijst()
    assert (rij.leerlingnummer, rij.open_actiepunten, rij.eigenaar) == ("1001", 2, "Anna de Vries")
    heropend = tr.actiepunten.actiepunt_status(klaar.id, "open", vandaag=VANDAAG)
    assert heropend.afgerond is None
    gewijzigd = tr.actiepunten.actiepunt_wijzigen(a2.id, wie="Anna de Vries", uiterlijk=d(30, 11))
    assert (gewijzigd.wie.naam, gewijzigd.uiterlijk, gewijzigd.wat) == ("Anna de Vries", d(30, 11),
                                                                      "Leerplicht informeren")


# --- the timeline -------------------------------------------------------------------------------------

@pytest.fixture
def verhaal(school, tmp_path):
    """Zoë's autumn: verzuim, a signal, a traject, a melding, a gesprek, an MDO and M@zl."""
    importeer_verzuim(school, tmp_path)
    tr = school
    t = tr.trajecten.openen_vanuit_signaal("1001", "meldplicht_16u", d(17, 9), geopend=d(18, 9), vandaag=VANDAAG)
    school.verzuim.melding_registreren("1001", d(22, 9), d(17, 9), "16_uur", "DUO-4711", vandaag=VANDAAG)
    school.gesprekken.gesprek_vastleggen("1001", "gesprek_leerling", d(24, 9), "Zoë vertelt over de pauzes", vandaag=VANDAAG)
    tr.trajecten.stap_wijzigen(t.id, 3, datum=d(1, 10), vandaag=VANDAAG)
    mdo = school.mdo.mdo_vastleggen(t.id, d(1, 10), deelnemers=DEELNEMERS[:2])
    school.mdo.besluit_toevoegen(mdo.id, "Rooster aanpassen")
    school.mdo.mdo_actiepunt(mdo.id, "Jeugdarts inschakelen", "Anna de Vries", d(8, 10))
    school.verzuim.mazl_registreren("1001", d(6, 10), "Doorverwezen naar jeugdarts", vandaag=VANDAAG)
    return t


def test_the_timeline_is_one_chronological_list(school, verhaal):
    geen_signalen = [s for s in Tijdlijnsoort if s is not Tijdlijnsoort.SIGNAAL]
    lijn = school.tijdlijn.tijdlijn("1001", geen_signalen)
    assert [(g.datum, g.soort.value, g.titel) for g in lijn] == [
        (d(14, 9), "verzuim", "Afwezig 14-09 t/m 25-09 (ongeoorloofd 40 uur)"),
        (d(18, 9), "traject", "Traject geopend: Dreigend thuiszitter"),
        (d(22, 9), "melding", "Verzuimmelding bij DUO: 16 uur ongeoorloofd verzuim"),
        (d(24, 9), "gesprek", "Gesprek met de leerling"),
        (d(1, 10), "stap", "Naar stap 3: Met wie werk je samen rondom (dreigend) thuiszitten"),
        (d(1, 10), "mdo", "MDO (multidisciplinair overleg)"),
        (d(1, 10), "besluit", "Besluit 1 (MDO)"),
        (d(1, 10), "actiepunt", "Actiepunt: Jeugdarts inschakelen"),
        (d(5, 10), "verzuim", "Afwezig 05-10 (ziek 6 uur)"),
        (d(6, 10), "mazl", "Jeugdarts ingeschakeld (M@zl)"),
    ]
    assert lijn[2].detail == "Verzuim tot en met 17-09-2026; kenmerk DUO-4711"
    assert lijn[5].detail == "Deelnemers: Anna de Vries (Zorgcoördinator), Karel Smit (Leerplichtambtenaar)"
    assert lijn[7].detail == "Anna de Vries, uiterlijk 08-10-2026; open"
    assert lijn[1].referentie == f"traject:{verhaal.id}"


def test_the_timeline_includes_the_signals_and_filters_on_kind(school, verhaal):
    alles = school.tijdlijn.tijdlijn("1001")
    signalen = school.signalen.overzicht(leerlingnummer="1001").signalen
    assert signalen and [(g.datum, g.titel) for g in alles if g.soort is Tijdlijnsoort.SIGNAAL] == [
        (s.datum, s.soort.label) for s in signalen]
    assert [g.datum for g in alles] == sorted(g.datum for g in alles)
    gefilterd = school.tijdlijn.tijdlijn("1001", ["mdo", Tijdlijnsoort.BESLUIT])
    assert [g.soort.value for g in gefilterd] == ["mdo", "besluit"]
    school.trajecten.sluiten(verhaal.id, "terug_naar_school", datum=d(20, 11), vandaag=VANDAAG)
    [geopend, gesloten] = school.tijdlijn.tijdlijn("1001", ["traject"])
    assert (gesloten.datum, gesloten.titel) == (d(20, 11), "Traject gesloten: Terug naar school")


# --- reminders ----------------------------------------------------------------------------------------

def test_reminders_gathered_from_the_whole_school(tr, traject, school):
    mdo = tr.mdo.mdo_vastleggen(traject.id, d(1, 10))
    tr.mdo.mdo_actiepunt(mdo.id, "Jeugdarts bellen", "Anna de Vries", VANDAAG - timedelta(days=2))  # overdue
    tr.mdo.mdo_actiepunt(mdo.id, "Rooster evalueren", "Karel Smit", VANDAAG + timedelta(days=7))  # coming
    tr.mdo.mdo_actiepunt(mdo.id, "Verslag naar SWV", "Anna de Vries", VANDAAG + timedelta(days=8))  # not yet
    tr.trajecten.bijwerken(traject.id, evaluatiedatum=VANDAAG)
    ander = tr.trajecten.openen("1002", "thuiszitter", "x", geopend=d(1, 9), vandaag=VANDAAG)
    tr.trajecten.sluiten(ander.id, "terug_naar_school", datum=d(9, 10), vandaag=VANDAAG)  # nazorg after 6 weeks: 20-11
    uit = tr.tijdlijn.herinneringen(vandaag=VANDAAG, signalen=[])
    assert [(h.datum, h.soort, h.leerlingnummer, h.te_laat) for h in uit] == [
        (d(20, 11), HerinneringSoort.NAZORG, "1002", True),
        (d(21, 11), HerinneringSoort.ACTIEPUNT, "1001", True),
        (VANDAAG, HerinneringSoort.EVALUATIE, "1001", False),
        (d(30, 11), HerinneringSoort.ACTIEPUNT, "1001", False),
    ]
    assert uit[1].tekst == "Actiepunt: Jeugdarts bellen (Anna de Vries) – te laat, was uiterlijk 21-11-2026"
    assert [h.soort for h in tr.tijdlijn.herinneringen(vandaag=VANDAAG, leerlingnummer="1002", signalen=[])] == [
        HerinneringSoort.NAZORG]
    # Daniël's 5a vrijstelling (from 24-08-2026) comes up in May
    [vijf_a] = tr.tijdlijn.herinneringen(vandaag=d(15, 5, 2027), leerlingnummer="1003")
    assert (vijf_a.soort, vijf_a.datum, vijf_a.te_laat) == (HerinneringSoort.VRIJSTELLING_5A, d(30, 6, 2027), False)


def test_meldplicht_reminders_come_from_the_signals(school, tmp_path):
    importeer_verzuim(school, tmp_path)
    uit = school.tijdlijn.herinneringen(vandaag=VANDAAG)
    assert [(h.soort, h.leerlingnummer, h.datum, h.te_laat) for h in uit] == [
        (HerinneringSoort.MELDPLICHT, "1001", d(24, 9), True)]


# --- the dossier --------------------------------------------------------------------------------------

def test_the_dossier_has_everything_and_is_json(school, verhaal):
    tr = school
    tr.trajecten.afvinken(verhaal.id, "swv_geinformeerd", datum=d(25, 9), notitie="Gemeld op de thuiszitterslijst",
                vandaag=VANDAAG)
    school.actiepunten.actiepunt_toevoegen("1001", "Gesprekswijzer meegeven", "Anna de Vries", d(1, 12), vandaag=VANDAAG)
    data = json.loads(json.dumps(school.inzage.dossier("1001").to_dict(), ensure_ascii=False))
    assert set(data) == {"gemaakt", "avg", "leerling", "ouders", "vrijstellingen", "trajecten", "gesprekken", "mdos",
                         "actiepunten", "signalen", "signaalnotities", "meldingen", "mazl_acties", "verzuim",
                         "verzuim_per_dag", "gebruik", "overig", "tabellen"}
    assert data["leerling"]["naam"] == "Zoë Bakker" and data["leerling"]["leerlingnummer"] == "1001"
    assert data["ouders"] == [{"naam": "Ingrid Bakker", "relatie": "moeder", "telefoon": "06-12345678",
                               "email": "ingrid@example.nl", "adres": "", "gezag": True, "contactvoorkeur": "telefoon"}]
    assert data["vrijstellingen"] == []
    [traject] = data["trajecten"]
    assert (traject["categorie"], traject["status"], traject["stap"], traject["signaal"]) == (
        "dreigend_thuiszitter", "open", 3, "meldplicht_16u")
    assert [s["stap"] for s in traject["stappen"]] == [1, 2, 3, 4, 5]
    stap1 = {r["key"]: r for r in traject["stappen"][0]["checklist"]}
    assert stap1["swv_geinformeerd"]["notitie"] == "Gemeld op de thuiszitterslijst"
    assert stap1["gemeld_bij_leerplicht"]["automatisch"] is True
    assert traject["stappen"][0]["open"] == ["verzuim_geanalyseerd", "vanaf_dag_1_geregistreerd"]
    assert traject["stapwissels"] == [{"datum": "2026-10-01", "van": 1, "naar": 3, "door": "Anna de Vries"}]
    [gesprek] = data["gesprekken"]
    assert (gesprek["type"], gesprek["samenvatting"]) == ("gesprek_leerling", "Zoë vertelt over de pauzes")
    [mdo] = data["mdos"]
    assert [x["naam"] for x in mdo["deelnemers"]] == ["Anna de Vries", "Karel Smit"]
    assert [(b["nummer"], b["tekst"]) for b in mdo["besluiten"]] == [(1, "Rooster aanpassen")]
    assert [a["wat"] for a in mdo["actiepunten"]] == ["Jeugdarts inschakelen"]
    assert sorted(a["wat"] for a in data["actiepunten"]) == ["Gesprekswijzer meegeven", "Jeugdarts inschakelen"]
    assert [x["kenmerk"] for x in data["meldingen"]] == ["DUO-4711"]
    assert [x["opmerking"] for x in data["mazl_acties"]] == ["Doorverwezen naar jeugdarts"]
    assert data["signalen"] and all(s["leerlingnummer"] == "1001" for s in data["signalen"])
    assert [v["omschrijving"] for v in data["verzuim"]] == ["Afwezig 14-09 t/m 25-09 (ongeoorloofd 40 uur)",
                                                           "Afwezig 05-10 (ziek 6 uur)"]


def test_the_dossier_of_a_student_without_anything(school):
    data = school.inzage.dossier("1003").to_dict()
    assert data["trajecten"] == [] and data["mdos"] == [] and data["gesprekken"] == []
    assert data["vrijstellingen"] == [{"type": "5a", "van": "2026-08-24", "tot": None}]
    with pytest.raises(NietGevonden):
        school.inzage.dossier("9999")


# --- need-to-know: vertrouwelijk only for the zorgcoördinator ---------------------------------------------

VERBORGEN = "Vertrouwelijk – alleen zichtbaar voor de zorgcoördinator"


def test_a_mentor_cannot_mark_a_gesprek_vertrouwelijk(school):
    """Vertrouwelijk content is for the zorgcoördinator only: a mentor could never read it back."""
    mentor = als(school, "Bram Visser", Rol.MENTOR)
    with pytest.raises(InvoerFout) as fout:
        mentor.gesprekken.gesprek_vastleggen("1001", "gesprek_ouders", d(2, 10), "Moeder over de diagnose", vertrouwelijk=True,
                                  vandaag=VANDAAG)
    assert "voor de zorgcoördinator" in fout.value.fouten["vertrouwelijk"]
    assert school.gesprekken.gesprekken("1001") == []  # nothing half-written
    g = mentor.gesprekken.gesprek_vastleggen("1001", "gesprek_ouders", d(2, 10), "Moeder belde", vandaag=VANDAAG)
    with pytest.raises(InvoerFout):
        mentor.gesprekken.gesprek_bijwerken(g.id, vertrouwelijk=True, vandaag=VANDAAG)
    assert not school.gesprekken.gesprek(g.id).vertrouwelijk


def test_a_mentors_own_vertrouwelijk_gesprek_from_before_is_no_dead_end(school):
    """One a mentor marked vertrouwelijk before that was refused: they cannot read it, but can remove it; a
    vertrouwelijk gesprek of someone else they can do neither – and a screen can know that beforehand."""
    mentor = als(school, "Bram Visser", Rol.MENTOR)
    eigen = school.gesprekken.gesprek_vastleggen("1001", "gesprek_ouders", d(2, 10), "Moeder over de diagnose", vertrouwelijk=True,
                                  vandaag=VANDAAG)
    m.Gesprek.update(door=mentor.ctx.gebruiker.id).where(m.Gesprek.id == eigen.id).execute()  # (as it was then)
    ander = school.gesprekken.gesprek_vastleggen("1001", "gesprek_ouders", d(3, 10), "Jeugdarts over de angst", vertrouwelijk=True,
                                  vandaag=VANDAAG)
    gewoon = school.gesprekken.gesprek_vastleggen("1001", "telefonisch", d(4, 10), "Zoë komt morgen", vandaag=VANDAAG)
    zien = {g.id: g for g in mentor.gesprekken.gesprekken("1001")}
    assert zien[eigen.id].samenvatting == VERBORGEN
    assert [mentor.gesprekken.mag_gesprek_weghalen(zien[x.id]) for x in (eigen, ander, gewoon)] == [True, False, True]
    assert all(school.gesprekken.mag_gesprek_weghalen(g) for g in school.gesprekken.gesprekken("1001"))
    lezer = als(school, "Lotte Jansen", Rol.ALLEEN_LEZEN)
    assert not lezer.gesprekken.mag_gesprek_weghalen(school.gesprekken.gesprek(gewoon.id))
    with pytest.raises(GeenToegang):
        mentor.gesprekken.gesprek_verwijderen(ander.id)
    mentor.gesprekken.gesprek_verwijderen(eigen.id)
    assert [g.id for g in school.gesprekken.gesprekken("1001")] == [gewoon.id, ander.id]


def test_vertrouwelijk_content_is_hidden_from_a_mentor_but_dates_stay(school, traject):
    g = school.gesprekken.gesprek_vastleggen("1001", "gesprek_ouders", d(2, 10), "Moeder vertelt over de diagnose",
                              deelnemers="moeder", afspraken=["Huisarts bellen"], vertrouwelijk=True,
                              vandaag=VANDAAG)
    open_ = school.gesprekken.gesprek_vastleggen("1001", "telefonisch", d(3, 10), "Zoë komt morgen", vandaag=VANDAAG)
    mdo = school.mdo.mdo_vastleggen(traject.id, d(5, 10), verslag="Angststoornis besproken", vertrouwelijk=True,
                            deelnemers=DEELNEMERS[:2])
    school.mdo.besluit_toevoegen(mdo.id, "Verwijzing GGZ")
    mentor = als(school, "Bram Visser", Rol.MENTOR)

    mg = mentor.gesprekken.gesprek(g.id)
    assert (mg.datum, mg.type, mg.vertrouwelijk, mg.samenvatting, mg.deelnemers) == (
        d(2, 10), GesprekType.GESPREK_OUDERS, True, VERBORGEN, "")
    assert [a.tekst for a in mg.afspraken] == [VERBORGEN]
    assert [x.samenvatting for x in mentor.gesprekken.gesprekken("1001")] == ["Zoë komt morgen", VERBORGEN]
    assert mentor.gesprekken.gesprek(open_.id) == school.gesprekken.gesprek(open_.id)
    mm = mentor.mdo.mdo(mdo.id)
    assert (mm.datum, mm.verslag, mm.agenda, [b.tekst for b in mm.besluiten], len(mm.deelnemers)) == (
        d(5, 10), VERBORGEN, VERBORGEN, [VERBORGEN], 2)
    assert mentor.mdo.mdos(traject.id) == [mm]
    lijn = mentor.tijdlijn.tijdlijn("1001", ["gesprek", "mdo", "besluit"])
    assert "diagnose" not in repr(lijn) and "GGZ" not in repr(lijn) and "Angst" not in repr(lijn)
    assert [(x.datum, x.vertrouwelijk) for x in lijn] == [(d(2, 10), True), (d(3, 10), False), (d(5, 10), True),
                                                         (d(5, 10), True)]
    # the zorgcoördinator sees everything, and only she makes the dossier
    assert school.gesprekken.gesprek(g.id).samenvatting == "Moeder vertelt over de diagnose"
    assert school.mdo.mdo(mdo.id).besluiten[0].tekst == "Verwijzing GGZ"
    assert "diagnose" in json.dumps(school.inzage.dossier("1001").to_dict())
    for ander in (mentor, als(school, "Lotte Jansen", Rol.ALLEEN_LEZEN)):
        with pytest.raises(GeenToegang):
            InzageService(ander.ctx, ander.trajecten, ander.gesprekken, ander.mdo, ander.actiepunten, school.signalen,
                          school.verzuim, school.plannen, school.bewaren).dossier("1001")


# --- one transaction per user action ----------------------------------------------------------------------

def test_a_gesprek_with_its_actiepunten_is_saved_in_one_go(tr, traject):
    with pytest.raises(InvoerFout) as exc:
        tr.gesprekken.gesprek_vastleggen("1001", "gesprek_leerling", d(3, 9), "Over de pauzes",
                              afspraken=["Eet bij de mentor", "", "Mentor belt vrijdag"],
                              actiepunten=[(0, "Anna de Vries", d(10, 9)), (2, None, d(1, 9)), (1, "Anna de Vries", d(9, 9))],
                              vandaag=VANDAAG)
    assert set(exc.value.fouten) == {"afspraak3.wie", "afspraak2.wat"}
    assert tr.gesprekken.gesprekken("1001") == [] and tr.actiepunten.actiepunten("1001") == []  # nothing written
    with pytest.raises(InvoerFout) as exc:
        tr.gesprekken.gesprek_vastleggen("1001", "gesprek_leerling", d(3, 9), "Over de pauzes", afspraken=["Bellen"],
                              actiepunten=[(0, "Anna de Vries", d(2, 9))], vandaag=VANDAAG)
    assert list(exc.value.fouten) == ["afspraak1.uiterlijk"]  # before the gesprek itself
    g = tr.gesprekken.gesprek_vastleggen("1001", "gesprek_leerling", d(3, 9), "Over de pauzes",
                              afspraken=["Eet bij de mentor", " ", "Mentor belt vrijdag"],
                              actiepunten=[(2, "Anna de Vries", d(6, 9))], vandaag=VANDAAG)
    [ap] = tr.actiepunten.actiepunten("1001")
    assert (ap.wat, ap.gesprek_id, ap.traject_id, ap.datum, ap.uiterlijk) == (
        "Mentor belt vrijdag", g.id, traject.id, d(3, 9), d(6, 9))
    assert [a.actiepunt_id for a in g.afspraken] == [None, ap.id]


def test_an_mdo_with_besluiten_and_actiepunten_is_saved_in_one_go(tr, traject):
    with pytest.raises(InvoerFout) as exc:
        tr.mdo.mdo_vastleggen(traject.id, d(1, 10), deelnemers=DEELNEMERS, besluiten=["Rooster aanpassen"],
                          actiepunten=[("Leerplicht bellen", "Karel Smit", d(8, 10)),
                                       ("Jeugdarts", "", d(9, 10)), ("", "Anna de Vries", d(30, 9))],
                          vandaag=VANDAAG)
    assert set(exc.value.fouten) == {"actiepunt2.wie", "actiepunt3.wat"}
    with pytest.raises(InvoerFout) as exc:
        tr.mdo.mdo_vastleggen(traject.id, d(1, 10), actiepunten=[("Bellen", "Anna de Vries", d(30, 9))], vandaag=VANDAAG)
    assert list(exc.value.fouten) == ["actiepunt1.uiterlijk"]
    assert tr.mdo.mdos(traject.id) == [] and tr.actiepunten.actiepunten("1001") == []
    assert tr.partners.partners(MdoRol.LEERPLICHTAMBTENAAR) == []  # the deelnemers were not written either
    mdo = tr.mdo.mdo_vastleggen(traject.id, d(1, 10), deelnemers=DEELNEMERS, besluiten=["Rooster aanpassen", " ", "OPP"],
                            actiepunten=[("Leerplicht bellen", "Karel Smit", d(8, 10))], vandaag=VANDAAG)
    assert [(b.nummer, b.tekst) for b in mdo.besluiten] == [(1, "Rooster aanpassen"), (2, "OPP")]
    [ap] = mdo.actiepunten
    assert (ap.wat, ap.wie.naam, ap.datum, ap.mdo_id, ap.traject_id) == (
        "Leerplicht bellen", "Karel Smit", d(1, 10), mdo.id, traject.id)
    assert tr.mdo.besluit_toevoegen(mdo.id, "Evaluatie in december").nummer == 3  # the old methods still work


def test_dates_analysis_mdo_deadline_and_a_backdated_gesprek(tr):
    oud = tr.trajecten.openen("1001", "thuiszitter", "eerste", geopend=d(1, 3), vandaag=d(1, 3))
    tr.trajecten.sluiten(oud.id, "terug_naar_school", datum=d(1, 6), vandaag=d(1, 6))
    nieuw = tr.trajecten.openen("1001", "thuiszitter", "tweede", geopend=d(1, 9), vandaag=VANDAAG)
    assert tr.gesprekken.gesprek_vastleggen("1001", "telefonisch", d(15, 4), "x", vandaag=VANDAAG).traject_id == oud.id
    assert tr.gesprekken.gesprek_vastleggen("1001", "telefonisch", d(15, 7), "x", vandaag=VANDAAG).traject_id is None
    assert tr.gesprekken.gesprek_vastleggen("1001", "telefonisch", d(15, 9), "x", vandaag=VANDAAG).traject_id == nieuw.id

    tr.trajecten.analyse_opslaan(nieuw.id, Analyse({Domein.SCHOOL: Factoren("pesten", "")}), datum=d(10, 10), vandaag=VANDAAG)
    regel = next(r for s in tr.trajecten.checklist(nieuw.id) for r in s.regels if r.item.key == "analyse_factoren")
    assert (regel.gedaan, regel.datum) == (True, d(10, 10))
    for fout in (VANDAAG + timedelta(days=1), d(31, 8)):
        with pytest.raises(InvoerFout) as exc:
            tr.trajecten.analyse_opslaan(nieuw.id, Analyse.leeg(), datum=fout, vandaag=VANDAAG)
        assert list(exc.value.fouten) == ["datum"]

    mdo = tr.mdo.mdo_vastleggen(nieuw.id, d(1, 10), vandaag=VANDAAG)
    with pytest.raises(InvoerFout) as exc:
        tr.mdo.mdo_actiepunt(mdo.id, "Bellen", "Anna de Vries", d(30, 9), vandaag=VANDAAG)
    assert "vóór" in exc.value.fouten["uiterlijk"]
    assert tr.mdo.mdo_actiepunt(mdo.id, "Bellen", "Anna de Vries", d(1, 10), vandaag=VANDAAG).uiterlijk == d(1, 10)


def test_a_closed_traject_is_protected_but_its_nazorg_stays_editable(tr, traject):
    mdo = tr.mdo.mdo_vastleggen(traject.id, d(1, 10))
    gesloten = tr.trajecten.sluiten(traject.id, "terug_naar_school", datum=d(20, 11), vandaag=VANDAAG)
    for poging in (lambda: tr.mdo.mdo_vastleggen(traject.id, d(21, 11)),
                   lambda: tr.mdo.besluit_toevoegen(mdo.id, "Nog iets"),
                   lambda: tr.mdo.toestemming_vastleggen(traject.id, "GGD", True, vandaag=VANDAAG)):
        with pytest.raises(InvoerFout, match="Dit traject is gesloten"):
            poging()
    assert tr.mdo.mdos(traject.id)[0].besluiten == () and tr.mdo.toestemmingen(traject.id) == []
    moment = tr.trajecten.nazorg_toevoegen(traject.id, d(1, 12), "Extra check-in")
    assert tr.trajecten.nazorg_wijzigen(moment.id, d(2, 12), "Check-in met mentor").omschrijving == "Check-in met mentor"
    assert len(tr.trajecten.get(traject.id).nazorg) == len(gesloten.nazorg) + 1
    for poging in (lambda: tr.trajecten.nazorg_toevoegen(traject.id, d(1, 12), "  "),
                   lambda: tr.trajecten.nazorg_wijzigen(moment.id, d(1, 12), "")):
        with pytest.raises(InvoerFout) as exc:
            poging()
        assert list(exc.value.fouten) == ["omschrijving"]
    ander = tr.trajecten.openen("1002", "thuiszitter", "x", geopend=d(1, 9), vandaag=VANDAAG)
    with pytest.raises(InvoerFout):
        tr.trajecten.sluiten(ander.id, "terug_naar_school", nazorg=[(d(1, 12), "")], vandaag=VANDAAG)
    assert tr.trajecten.get(ander.id).is_open


# --- the address book: case-insensitive, no ouders ---------------------------------------------------------

def test_partner_names_ignore_case_and_ouders_stay_out_of_the_address_book(tr, traject):
    karin = tr.partners.partner_opslaan(Partner("Karin Veldhuis", MdoRol.JEUGDHULP, "Wijkteam"))
    with pytest.raises(InvoerFout, match="staat al in het adresboek"):
        tr.partners.partner_opslaan(Partner("karin  veldhuis", "jeugdhulp"))
    assert tr.partners.partner_opslaan(Partner("Karin Veldhuis", "jeugdhulp", "Wijkteam Oost", id=karin.id)).id == karin.id
    ap = tr.actiepunten.actiepunt_toevoegen("1001", "Gesprek plannen", "KARIN VELDHUIS", d(1, 12), vandaag=VANDAAG)
    assert ap.wie.contact_id == karin.id
    assert [a.id for a in tr.actiepunten.open_actiepunten("karin veldhuis")] == [ap.id]
    with pytest.raises(InvoerFout) as exc:
        tr.partners.partner_opslaan(Partner("Ingrid Bakker", MdoRol.OUDER))
    assert list(exc.value.fouten) == ["rol"]

    ouder = tr.actiepunten.actiepunt_toevoegen("1001", "Zoë 's ochtends brengen", Persoon("Ingrid Bakker", rol="ouder"),
                                   d(1, 12), vandaag=VANDAAG)
    assert (ouder.wie.naam, ouder.wie.rol) == ("Ingrid Bakker", "ouder")
    assert [p.naam for p in tr.partners.partners()] == ["Karin Veldhuis"]
    assert "Ingrid Bakker" not in [p.naam for p in tr.partners.personen()]
    mdo = tr.mdo.mdo_vastleggen(traject.id, d(1, 10), actiepunten=[("Huisarts bellen", Persoon("ingrid bakker", rol="ouder"),
                                                                d(8, 10))], vandaag=VANDAAG)
    assert mdo.actiepunten[0].wie.contact_id == ouder.wie.contact_id  # the same ouder again
    assert [p.naam for p in tr.partners.partners()] == ["Karin Veldhuis"]


# --- correcting a gesprek ---------------------------------------------------------------------------------

def test_a_recorded_gesprek_can_be_corrected(school, traject):
    los = school.gesprekken.gesprek_vastleggen("1001", "telefonisch", d(3, 9), "Moeder gebeld", afspraken=["Terugbellen"],
                                actiepunten=[(0, "Anna de Vries", d(10, 9))], vandaag=VANDAAG)
    g = school.gesprekken.gesprek_bijwerken(los.id, type="gesprek_ouders", samenvatting=" Moeder op school ", deelnemers="moeder",
                             vandaag=VANDAAG)
    assert (g.type, g.samenvatting, g.deelnemers, g.datum, g.traject_id) == (
        GesprekType.GESPREK_OUDERS, "Moeder op school", "moeder", d(3, 9), traject.id)
    for kwargs, veld in ((dict(datum=VANDAAG + timedelta(days=1)), "datum"), (dict(samenvatting=" "), "samenvatting"),
                         (dict(type="kletsen"), "type"), (dict(datum=d(11, 9)), "datum")):
        with pytest.raises(InvoerFout) as exc:
            school.gesprekken.gesprek_bijwerken(g.id, vandaag=VANDAAG, **kwargs)
        assert list(exc.value.fouten) == [veld]
    assert school.gesprekken.gesprek(g.id) == g  # nothing changed
    eerder = school.gesprekken.gesprek_bijwerken(g.id, datum=d(28, 8), vandaag=VANDAAG)  # before the traject was opened
    assert (eerder.datum, eerder.traject_id) == (d(28, 8), None)
    [ap] = school.actiepunten.actiepunten("1001")
    assert (ap.datum, ap.traject_id) == (d(28, 8), None)
    school.gesprekken.gesprek_bijwerken(g.id, vertrouwelijk=True, vandaag=VANDAAG)
    mentor = als(school, "Bram Visser", Rol.MENTOR)
    with pytest.raises(GeenToegang):
        mentor.gesprekken.gesprek_bijwerken(g.id, samenvatting="x", vandaag=VANDAAG)
    eigen = mentor.gesprekken.contactmoment("1001", "telefonisch", "Zoë belt", vandaag=VANDAAG)
    assert mentor.gesprekken.gesprek_bijwerken(eigen.id, samenvatting="Zoë belde zelf", vandaag=VANDAAG).samenvatting == (
        "Zoë belde zelf")
    with pytest.raises(NietGevonden):
        school.gesprekken.gesprek_bijwerken(999, samenvatting="x", vandaag=VANDAAG)
