"""The main window for a mentor and for alleen-lezen: only what they may do is offered, every area
opens without an error, a mentor's list holds only their klassen, and alleen-lezen sees counts and
the pyramid but no student."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtWidgets import QLabel

from thuiszit_desktop.domain.gebruiker import Gebruiker, Profiel, Rol
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.domain.plan import Akkoord, Doel
from thuiszit_desktop.domain.traject import Categorie, GesprekType, Persoon
from thuiszit_desktop.domain.verzuim import Reden
from thuiszit_desktop.services import session
from thuiszit_desktop.ui.common import errors
from thuiszit_desktop.ui.leerlingen.leerling_page import TAB_TIJDLIJN, TAB_TRAJECT
from thuiszit_desktop.ui.shell.main_window import MainWindow

VANDAAG = date(2026, 11, 23)
WW = "Rollen-test-2026!"


@pytest.fixture
def school(services):
    """Zoë in 3A (the mentor's klas) with a traject, a plan and verzuim; Mehmet in 4C likewise."""
    services.profielen.opslaan(Profiel("Anna de Vries", "zorgcoördinator", "010-1234567"))  # signs for the school
    for nummer, voornaam, achternaam, klas in (("1001", "Zoë", "Bakker", "3A"), ("1002", "Mehmet", "Çelik", "4C")):
        services.leerlingen.opslaan(Leerling(nummer, achternaam, date(2012, 5, 3), date(2024, 8, 1), voornaam=voornaam,
                                             klas=klas), vandaag=VANDAAG)
        services.verzuim.invoeren(nummer, date(2026, 10, 12), date(2026, 11, 20), Reden.ONGEOORLOOFD, vandaag=VANDAAG)
        t = services.trajecten.openen(nummer, Categorie.THUISZITTER, "Zit thuis", geopend=date(2026, 10, 20),
                                      vandaag=VANDAAG)
        services.gesprekken.gesprek_vastleggen(nummer, GesprekType.GESPREK_OUDERS, date(2026, 11, 2), "Goed gesprek",
                                              vandaag=VANDAAG)
        plan = services.plannen.nieuw(t.id, vandaag=VANDAAG)
        plan = services.plannen.opslaan(replace(plan, doelen=(Doel("Elke ochtend op school", date(2027, 3, 1),
                                                                   "Rooster"),)), vandaag=VANDAAG)
        vast = services.plannen.vaststellen(plan.id, date(2026, 11, 20), Akkoord("Ouder", date(2026, 11, 20)),
                                            vandaag=VANDAAG)
        services.plannen.opslaan(replace(vast, ouders_willen="Meer rust"), vandaag=VANDAAG)  # version 2: concept
    mentor = services.gebruikers.toevoegen("Mo Mentor", "mentor", ["3A"], WW, WW)
    lezer = services.gebruikers.toevoegen("Lies Lezer", "alleen-lezen", [], WW, WW)
    services.actiepunten.actiepunt_toevoegen("1001", "Rooster maken", Persoon("Mo Mentor", gebruiker_id=mentor.id),
                                           date(2026, 11, 25), vandaag=VANDAAG)
    return services, mentor, lezer


def open_als(qtbot, services, rij, rol, settings) -> MainWindow:
    als = session.Services(services.ctx.store, Gebruiker(rij.id, rij.naam, rol, rij.klassen))
    window = MainWindow(als, settings=settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.signalen_loader.loaded, timeout=20_000):
        window.show()
    return window


def zichtbare_acties(window) -> set[str]:
    return {a.text() for a in window.bestand_menu.actions() if a.isVisible() and not a.isSeparator()}


def test_a_mentor_sees_their_klas_and_can_add_a_contactmoment(qtbot, school, settings, monkeypatch):
    services, mentor, _ = school
    window = open_als(qtbot, services, mentor, Rol.MENTOR, settings)
    acties = zichtbare_acties(window)
    assert "Nieuw &contactmoment…" in acties
    assert not acties & {"&Nieuwe leerling…", "Leerlingen &importeren…", "&Verzuim importeren…", "Instellin&gen…",
                         "Back-up &terugzetten…", "&Gebruikers…"}
    assert "&Wachtwoord wijzigen…" in acties
    # Overzichten has no tab for a mentor (all about the whole school): not an empty page in the navigation
    assert window.area_titles() == ["Vandaag", "Leerlingen", "Trajecten", "Schoolkalender"]
    assert [a.text() for a in window.area_actions] == ["&1 Vandaag", "&2 Leerlingen", "&3 Trajecten",
                                                        "&4 Schoolkalender"]  # Ga naar
    window.show_area("Overzichten")
    assert window.current_area_title() == "Vandaag"
    lijst = window.leerlingen.list
    assert [r.leerlingnummer for r in lijst.model.rows()] == ["1001"]
    regels = window.dashboard.regels()
    assert regels and {r.leerlingnummer for r in regels} == {"1001"}
    for titel in window.area_titles():
        window.show_area(titel)
        qtbot.wait(10)
    assert window.leerlingen.open_leerling("1001", TAB_TRAJECT)
    page = window.leerlingen.page
    page.show_tab(TAB_TIJDLIJN)
    assert page.tijdlijn.alle  # the timeline of their own student (vertrouwelijk hidden by the service)
    for titel in page.tab_titles():
        page.show_tab(titel)
        qtbot.wait(10)
    traject = page.traject
    for stap in range(1, 6):  # every step of the praktijkkaart, without the analysis (zorgcoördinator only)
        traject.select_step(stap)
        qtbot.wait(10)
    assert "Versie 1, vastgesteld" in " ".join(w.text() for w in traject.findChildren(QLabel))
    for i in range(traject.tabs.count()):
        traject.tabs.setCurrentIndex(i)
        qtbot.wait(10)
    meldingen = []
    monkeypatch.setattr(errors, "show_error", lambda parent, text, **kw: meldingen.append(text))
    assert window.leerlingen.open_leerling("1002") is False  # another klas: refused with a message
    assert meldingen == ["Deze leerling zit niet in uw klassen. Vraag het de zorgcoördinator."]


def test_alleen_lezen_sees_counts_and_the_pyramid_but_no_student(qtbot, school, settings):
    services, _, lezer = school
    window = open_als(qtbot, services, lezer, Rol.ALLEEN_LEZEN, settings)
    assert "Leerlingen" not in window.area_titles() and "Trajecten" not in window.area_titles()
    assert "Vandaag" in window.area_titles() and "Overzichten" in window.area_titles()
    assert "Nieuw &contactmoment…" not in zichtbare_acties(window)
    assert "&Partners (adresboek)…" not in zichtbare_acties(window)
    dashboard = window.dashboard
    assert dashboard.regels() == []
    assert not dashboard.lijst.isVisible()
    assert sum(dashboard.stand.overzicht.per_niveau().values()) == 2
    assert "Zoë" not in " ".join(lbl.text() for lbl in dashboard.findChildren(type(dashboard.peildatum_label)))
    for titel in window.area_titles():
        window.show_area(titel)
        qtbot.wait(10)
