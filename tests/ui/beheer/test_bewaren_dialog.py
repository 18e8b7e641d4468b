"""Bewaartermijnen in the GUI: the settings tab saves the terms; the dialog previews, asks with the
numbers, deletes off the GUI thread and shows what went."""

from __future__ import annotations

from datetime import date

import pytest

from thuiszit_desktop.db import backup
from thuiszit_desktop.db import models as m
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.services.bewaren import Termijnen
from thuiszit_desktop.ui.beheer.bewaren_dialog import BewaarDialog
from thuiszit_desktop.ui.beheer.instellingen_dialog import InstellingenDialog
from thuiszit_desktop.ui.common import errors


@pytest.fixture
def vragen(monkeypatch):
    gesteld = []
    antwoord = {"ja": True}

    def ask(parent, question, **kw):
        gesteld.append((question, kw.get("detail", "")))
        return antwoord["ja"]

    monkeypatch.setattr(errors, "ask", ask)
    monkeypatch.setattr(errors, "show_error", lambda parent, text, **kw: pytest.fail(f"message box: {text}"))
    monkeypatch.setattr(errors, "show_crash", lambda parent, details: pytest.fail(f"crash: {details}"))
    return gesteld, antwoord


@pytest.fixture
def school(services):
    for nummer, uit in (("1001", date(2019, 7, 15)), ("1002", date(2024, 7, 15)), ("1003", None)):
        services.leerlingen.opslaan(Leerling(leerlingnummer=nummer, voornaam="Kim", achternaam=f"Test{nummer}",
                                             geboortedatum=date(2005, 3, 5), inschrijfdatum=date(2017, 8, 1),
                                             uitschrijfdatum=uit, klas="6V"), date(2026, 11, 23))
    lid = m.Leerling.get(m.Leerling.leerlingnummer == "1002").id
    m.Gesprek.create(leerling=lid, type="overig", datum=date(2020, 3, 2), deelnemers="", samenvatting="Notitie",
                     vertrouwelijk=False)
    return services


def test_the_dialog_previews_asks_with_numbers_and_deletes(qtbot, school, vragen):
    gesteld, antwoord = vragen
    d = BewaarDialog(school)
    qtbot.addWidget(d)
    d.show()
    nummers = {d.tabel.item(r, 1).text(): d.tabel.item(r, 3).text() for r in range(d.tabel.rowCount())}
    assert nummers == {"1001": "Alles (ook de leerling zelf)", "1002": "Dossier"}
    assert "dossier 2 jaar en verzuim 5 jaar" in d.uitleg.text()
    assert d.verwijder_knop.isEnabled()

    antwoord["ja"] = False  # "Niet verwijderen": nothing happens
    d.verwijder_knop.click()
    assert m.Leerling.select().count() == 3
    antwoord["ja"] = True
    with qtbot.waitSignal(d.opgeruimd, timeout=20_000):
        d.verwijder_knop.click()
    vraag, detail = gesteld[-1]
    assert vraag == "Verlopen gegevens definitief verwijderen?"
    assert "Van 2 leerlingen wordt definitief verwijderd: 1 gesprek, 1 leerling helemaal." in detail
    assert "Eerst maakt het programma een back-up" in detail
    assert d.melding.text().startswith("Definitief verwijderd: 1 gesprek, 1 leerling helemaal. De back-up van vlak "
                                       "daarvoor staat in ")
    (voor,) = [b for b in backup.list_backups(school.backups.map()) if b.manifest.reden == backup.VOOR_OPRUIMEN]
    assert voor.manifest.aantallen["leerlingen"] == 3 and str(voor.pad) in d.melding.text()
    assert sorted(r.leerlingnummer for r in m.Leerling.select()) == ["1002", "1003"]
    assert m.Gesprek.select().count() == 0
    assert d.tabel.rowCount() == 0 and not d.verwijder_knop.isEnabled()


def test_the_settings_tab_saves_the_terms(qtbot, services, vragen):
    d = InstellingenDialog(services)
    qtbot.addWidget(d)
    d.show()
    tab = d.bewaar_tab
    assert d.tabs.tabText(d.tabs.indexOf(tab)) == "Bewaartermijnen"
    assert (tab.dossier.value(), tab.verzuim.value()) == (2, 5)
    tab.dossier.setValue(3)
    assert d.has_changes()
    with qtbot.waitSignal(d.accepted):
        d.save_button.click()
    assert services.bewaren.termijnen() == Termijnen(3, 5)
