"""One student's timeline: everything in one view, the newest first, a colour and letter per kind, a filter per
kind, vertrouwelijk marked."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.domain.mdo import MdoDeelnemer
from thuiszit_desktop.domain.tijdlijn import Tijdlijnsoort
from thuiszit_desktop.domain.traject import Categorie, GesprekType, MdoRol
from thuiszit_desktop.domain.verzuim import Reden
from thuiszit_desktop.services.traject_gedeeld import VERTROUWELIJK
from thuiszit_desktop.ui.leerlingen.tijdlijn_view import (
    COL_WAT,
    ROLE_GEBEURTENIS,
    TijdlijnView,
    nieuwste_eerst,
)

VANDAAG = date(2026, 11, 23)


@pytest.fixture
def school(services):
    """Zoë: verzuim in September, a traject from 1 October, a confidential gesprek, an MDO with a besluit and an
    actiepunt, a step change."""
    services.leerlingen.opslaan(Leerling("1001", "Bakker", date(2012, 5, 14), date(2024, 8, 1), voornaam="Zoë",
                                         klas="2B"), vandaag=VANDAAG)
    services.leerlingen.opslaan(Leerling("1002", "Çelik", date(2012, 5, 14), date(2024, 8, 1), voornaam="Mehmet",
                                         klas="2B"), vandaag=VANDAAG)
    tr = services.trajecten
    services.verzuim.invoeren("1001", date(2026, 9, 14), date(2026, 9, 15), Reden.ZIEK, vandaag=VANDAAG)
    t = tr.openen("1001", Categorie.DREIGEND_THUISZITTER, "Veel ziek", geopend=date(2026, 10, 1), vandaag=VANDAAG)
    services.gesprekken.gesprek_vastleggen("1001", GesprekType.GESPREK_OUDERS, date(2026, 10, 8), "Moeder over de spanning thuis",
                          vertrouwelijk=True, vandaag=VANDAAG)
    tr.stap_wijzigen(t.id, 3, datum=date(2026, 10, 12), vandaag=VANDAAG)
    mdo = services.mdo.mdo_vastleggen(t.id, date(2026, 10, 20), deelnemers=[MdoDeelnemer("Anna de Vries", MdoRol.ZORGCOORDINATOR)])
    services.mdo.besluit_toevoegen(mdo.id, "Aangepast rooster")
    services.mdo.mdo_actiepunt(mdo.id, "Rooster maken", "Anna de Vries", date(2026, 10, 27))
    return services


@pytest.fixture
def view(qtbot, school):
    v = TijdlijnView(school)
    qtbot.addWidget(v)
    v.resize(1140, 560)
    v.show()
    v.show_leerling("1001", peildatum=VANDAAG)
    return v


def test_everything_in_one_view_the_newest_first(view):
    assert view.titels() == [
        "MDO (multidisciplinair overleg)",
        "Besluit 1 (MDO)",
        "Actiepunt: Rooster maken",
        "Naar stap 3: Met wie werk je samen rondom (dreigend) thuiszitten",
        "Gesprek met de ouders",
        "Traject geopend: Dreigend thuiszitter",
        "Afwezig 14-09 t/m 15-09 (ziek 12 uur)",
    ]
    datums = [g.datum for g in view.getoond]
    assert datums == sorted(datums, reverse=True)
    assert view.count_label.text() == "7 gebeurtenissen, de nieuwste bovenaan"
    # each line: date, the kind with its icon, and the title with the detail below it
    item = view.tree.topLevelItem(4)
    assert item.text(0) == "08-10-2026" and item.text(1) == "Gesprek"
    assert not item.icon(1).isNull()
    g = item.data(COL_WAT, ROLE_GEBEURTENIS)
    assert g.vertrouwelijk and g.detail == "Moeder over de spanning thuis"
    assert item.data(COL_WAT, Qt.ItemDataRole.AccessibleTextRole) == (
        "Gesprek met de ouders. Moeder over de spanning thuis. Vertrouwelijk")
    assert not view.tree.topLevelItem(0).data(COL_WAT, ROLE_GEBEURTENIS).vertrouwelijk


def test_filter_per_kind(qtbot, view):
    view.checkboxes[Tijdlijnsoort.VERZUIM].click()
    view.checkboxes[Tijdlijnsoort.ACTIEPUNT].click()
    assert "Afwezig 14-09 t/m 15-09 (ziek 12 uur)" not in view.titels()
    assert "Actiepunt: Rooster maken" not in view.titels()
    assert view.count_label.text() == "5 van 7 gebeurtenissen, de nieuwste bovenaan"

    view.set_soorten([Tijdlijnsoort.GESPREK, Tijdlijnsoort.MDO, Tijdlijnsoort.BESLUIT])
    assert view.titels() == ["MDO (multidisciplinair overleg)", "Besluit 1 (MDO)", "Gesprek met de ouders"]
    assert view.checkboxes[Tijdlijnsoort.GESPREK].isChecked() and not view.checkboxes[Tijdlijnsoort.STAP].isChecked()

    view.set_soorten([])
    assert view.titels() == [] and view.tree.isHidden()
    assert view.empty.text() == "Niets te tonen: zet een of meer soorten hierboven aan."

    # the filter stays for the next student
    view.set_soorten([Tijdlijnsoort.GESPREK])
    view.show_leerling("1002", peildatum=VANDAAG)
    assert view.soorten() == [Tijdlijnsoort.GESPREK]
    assert view.empty.text().startswith("Er staat nog niets in de tijdlijn van deze leerling.")


def test_a_new_event_shows_after_refresh_and_a_line_can_be_opened(qtbot, view, school):
    school.gesprekken.contactmoment("1001", GesprekType.TELEFONISCH, "Moeder gebeld", date(2026, 11, 20),
                                   vandaag=VANDAAG)
    view.refresh()
    assert view.titels()[0] == "Telefonisch contact"
    item = view.tree.topLevelItem(0)
    with qtbot.waitSignal(view.referentie_activated) as blocker:
        view.tree.itemDoubleClicked.emit(item, 2)
    assert blocker.args[0].startswith("gesprek:")


def test_newest_first_keeps_the_order_within_a_day(school):
    events = school.tijdlijn.tijdlijn("1001", peildatum=VANDAAG)
    ordered = nieuwste_eerst(events)
    same_day = [g.soort for g in ordered if g.datum == date(2026, 10, 20)]
    assert same_day == [Tijdlijnsoort.MDO, Tijdlijnsoort.BESLUIT, Tijdlijnsoort.ACTIEPUNT]


def test_a_mentor_sees_that_something_is_confidential_not_what(qtbot, school):
    from thuiszit_desktop.db import models as m
    from thuiszit_desktop.domain.gebruiker import Gebruiker, Rol
    from thuiszit_desktop.services.session import Services

    row = m.Gebruiker.create(naam="Daniël de Jong", naam_sleutel="daniël de jong", rol=Rol.MENTOR.value)
    v = TijdlijnView(Services(school.ctx.store, Gebruiker(row.id, "Daniël de Jong", Rol.MENTOR, ("2B",))))
    qtbot.addWidget(v)
    v.show_leerling("1001", peildatum=VANDAAG)
    gesprek = next(g for g in v.getoond if g.soort is Tijdlijnsoort.GESPREK)
    assert gesprek.titel == "Gesprek met de ouders" and gesprek.vertrouwelijk
    assert gesprek.detail == VERTROUWELIJK  # the service's text: the badge stays, the content is hidden
    item = next(v.tree.topLevelItem(i) for i in range(v.tree.topLevelItemCount())
                if v.tree.topLevelItem(i).data(COL_WAT, ROLE_GEBEURTENIS) == gesprek)
    assert item.data(COL_WAT, Qt.ItemDataRole.AccessibleTextRole).endswith(". Vertrouwelijk")
    assert "spanning" not in item.toolTip(COL_WAT)



def test_the_opened_traject_reads_as_sentences_whatever_the_aanleiding_ends_with(qtbot, school):
    """An aanleiding typed with its full stop gave "… liggen.; casusregisseur Anna"; now sentences."""
    school.trajecten.openen("1002", Categorie.THUISZITTER, "De melding van 16 uur is blijven liggen.",
                            geopend=date(2026, 11, 2), vandaag=VANDAAG)
    v = TijdlijnView(school)
    qtbot.addWidget(v)
    v.show_leerling("1002", peildatum=VANDAAG)
    g = next(g for g in v.getoond if g.titel == "Traject geopend: Thuiszitter")
    assert g.detail == f"De melding van 16 uur is blijven liggen. Casusregisseur: {school.gebruiker.naam}."
    item = v.tree.topLevelItem(v.getoond.index(g))
    assert ".;" not in item.data(COL_WAT, Qt.ItemDataRole.AccessibleTextRole)
