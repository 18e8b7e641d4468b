"""Bewaartermijnen on a real, encrypted database file: hand-made dates on both sides of each boundary,
the preview, deleting in one go (student rows once everything expired), the audit entry, the settings."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from thuiszit_desktop.db import models as m
from thuiszit_desktop.domain.audit import Actie
from thuiszit_desktop.domain.errors import GeenToegang, InvoerFout
from thuiszit_desktop.domain.gebruiker import Gebruiker, Rol
from thuiszit_desktop.domain.leerling import Leerling, Ouder, Relatie, Vrijstelling, VrijstellingType
from thuiszit_desktop.services import session
from thuiszit_desktop.services.bewaren import Termijnen, plus_jaren

PEIL = date(2026, 11, 23)
TWEE = date(2024, 11, 23)  # exactly 2 years before PEIL: the dossier of a student who left then has expired
VIJF = date(2021, 11, 23)  # exactly 5 years before: the verzuim too
DAG = timedelta(days=1)


def leerling(services, nummer: str, uit: date | None, *, traject_gesloten: date | None = None,
             open_traject: bool = False) -> int:
    services.leerlingen.opslaan(Leerling(
        leerlingnummer=nummer, voornaam="Kim", achternaam=f"Test{nummer}", geboortedatum=date(2005, 1, 1),
        inschrijfdatum=date(2015, 8, 1), uitschrijfdatum=uit, klas="4H",
        ouders=(Ouder("Sam Test", Relatie.VADER, "06-11111111"),),
        vrijstellingen=(Vrijstelling(VrijstellingType.ART_5A, date(2016, 1, 1), date(2016, 6, 1)),)),
        PEIL if uit is None or uit <= PEIL else uit)
    lid = m.Leerling.get(m.Leerling.leerlingnummer == nummer).id
    m.Verzuim.create(leerling=lid, datum=date(2016, 3, 1), uren=6, reden="ongeoorloofd", bron="hand", code="",
                     opmerking="")
    m.Gesprek.create(leerling=lid, type="overig", datum=date(2016, 3, 2), deelnemers="",
                     samenvatting="Geheime notitie", vertrouwelijk=False)
    if traject_gesloten or open_traject:
        m.Traject.create(leerling=lid, categorie="thuiszitter", aanleiding="x", geopend=date(2016, 1, 1),
                         status="open" if open_traject else "gesloten", stap=1, gesloten=traject_gesloten,
                         sluitreden="" if open_traject else "terug_naar_school", sluittoelichting="")
    return lid


def rij(voorstel, nummer: str):
    return next((r for r in voorstel.rijen if r.leerlingnummer == nummer), None)


def test_plus_jaren_handles_29_february():
    assert plus_jaren(date(2024, 2, 29), 2) == date(2026, 2, 28)
    assert plus_jaren(date(2024, 2, 29), 4) == date(2028, 2, 29)


def test_the_dossier_boundary(services):
    leerling(services, "1", TWEE)  # left exactly 2 years ago: expired today
    leerling(services, "2", TWEE + DAG)  # one day later: not yet
    leerling(services, "3", None)  # still at school
    voorstel = services.bewaren.voorstel(PEIL)
    assert [r.leerlingnummer for r in voorstel.rijen] == ["1"]
    een = rij(voorstel, "1")
    assert een.dossier_verlopen and not een.verzuim_verlopen and not een.helemaal
    assert een.dossier_tot == PEIL and een.verzuim_tot == date(2029, 11, 23)
    assert een.aantallen == {"gesprekken": 1}
    assert rij(services.bewaren.voorstel(PEIL - DAG), "1") is None


def test_the_verzuim_boundary_and_the_whole_student(services):
    leerling(services, "1", VIJF)  # everything expired: the student goes
    leerling(services, "2", VIJF + DAG)  # dossier expired, verzuim one day short
    voorstel = services.bewaren.voorstel(PEIL)
    een, twee = rij(voorstel, "1"), rij(voorstel, "2")
    assert een.helemaal and een.aantallen == {"gesprekken": 1, "verzuimregels": 1, "vrijstellingen": 1}
    assert twee.dossier_verlopen and not twee.verzuim_verlopen
    assert voorstel.aantallen == {"gesprekken": 2, "verzuimregels": 1, "vrijstellingen": 1,
                                  "leerlingen helemaal": 1}


def test_a_traject_closed_after_leaving_keeps_the_dossier_longer(services):
    leerling(services, "1", date(2024, 1, 1), traject_gesloten=TWEE)  # closed exactly 2 years ago
    leerling(services, "2", date(2024, 1, 1), traject_gesloten=TWEE + DAG)
    leerling(services, "3", date(2020, 1, 1), open_traject=True)  # an open traject: nothing expires
    voorstel = services.bewaren.voorstel(PEIL)
    assert [r.leerlingnummer for r in voorstel.rijen] == ["1"]
    assert rij(voorstel, "1").aantallen == {"trajecten": 1, "gesprekken": 1}


def test_opruimen_deletes_exactly_the_preview_then_logs_counts_only(services):
    ids = {n: leerling(services, n, uit) for n, uit in (("1", VIJF), ("2", TWEE), ("3", TWEE + DAG))}
    voorstel = services.bewaren.voorstel(PEIL)
    services.bewaren.opruimen(voorstel)
    assert m.Leerling.get_or_none(m.Leerling.id == ids["1"]) is None
    assert m.Ouder.select().where(m.Ouder.leerling == ids["1"]).count() == 0
    assert m.Verzuim.select().where(m.Verzuim.leerling == ids["1"]).count() == 0
    # 2: dossier gone, verzuim and the student row kept
    assert m.Gesprek.select().where(m.Gesprek.leerling == ids["2"]).count() == 0
    assert m.Verzuim.select().where(m.Verzuim.leerling == ids["2"]).count() == 1
    assert m.Leerling.get_or_none(m.Leerling.id == ids["2"]) is not None
    # 3: untouched
    assert m.Gesprek.select().where(m.Gesprek.leerling == ids["3"]).count() == 1
    assert services.bewaren.voorstel(PEIL).leeg
    opgeruimd = [r.wat for r in m.AuditRegel.select().where(m.AuditRegel.actie == Actie.OPGERUIMD)]
    assert sorted(opgeruimd) == ["gesprekken: 2", "leerlingen helemaal: 1", "verzuimregels: 1", "vrijstellingen: 1"]
    assert all(r.leerling_id is None for r in m.AuditRegel.select().where(m.AuditRegel.actie == Actie.OPGERUIMD))
    assert services.audit.controleren().ok


def test_opruimen_refuses_a_stale_preview(services):
    leerling(services, "1", TWEE)
    voorstel = services.bewaren.voorstel(PEIL)
    leerling(services, "2", TWEE)  # came in between
    with pytest.raises(InvoerFout, match="Bekijk het overzicht opnieuw"):
        services.bewaren.opruimen(voorstel)
    assert m.Gesprek.select().count() == 2


def test_the_terms_are_settings(services):
    assert services.bewaren.termijnen() == Termijnen(2, 5)
    leerling(services, "1", date(2025, 11, 23))
    assert services.bewaren.voorstel(PEIL).leeg
    assert services.bewaren.termijnen_opslaan(1, 3) == Termijnen(1, 3)
    assert services.bewaren.termijnen() == Termijnen(1, 3)
    assert rij(services.bewaren.voorstel(PEIL), "1").dossier_verlopen
    with pytest.raises(InvoerFout) as exc:
        services.bewaren.termijnen_opslaan(0, 101)
    assert set(exc.value.fouten) == {"dossier", "verzuim"}


def test_only_the_zorgcoordinator(services):
    mentor = session.Services(services.ctx.store, Gebruiker(1, "Bram Visser", Rol.MENTOR, ("4H",)))
    for call in (lambda: mentor.bewaren.voorstel(PEIL), lambda: mentor.bewaren.termijnen_opslaan(1, 1)):
        with pytest.raises(GeenToegang):
            call()
