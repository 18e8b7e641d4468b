"""The MDO dialog: deelnemers from the address book, consent per partner organisation, numbered besluiten, an
actiepunt without a deadline refused and then fixed, the next MDO's agenda with the open actiepunt, editing
(removing a besluit renumbers), and the verslag's draft."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt

from thuiszit_desktop.domain.leerling import Leerling, Ouder, Relatie
from thuiszit_desktop.domain.mdo import Partner
from thuiszit_desktop.domain.traject import ActiepuntStatus, Categorie, MdoRol
from thuiszit_desktop.ui.traject.mdo_dialog import MdoDialog
from thuiszit_desktop.ui.traject.mdo_lijsten import JA, NEE
from thuiszit_desktop.ui.traject.traject_view import TrajectView

VANDAAG = date(2026, 11, 23)


@pytest.fixture
def school(services):
    services.leerlingen.opslaan(Leerling("1001", "Bakker", date(2012, 5, 14), date(2024, 8, 1), voornaam="Zoë",
                                         klas="2B", ouders=(Ouder("Ingrid Bakker", Relatie.MOEDER),)),
                                vandaag=VANDAAG)
    services.partners.partner_opslaan(Partner("Mehmet Çelik", MdoRol.JEUGDARTS, "GGD regio Utrecht"))
    return services


@pytest.fixture
def traject(school):
    return school.trajecten.openen("1001", Categorie.THUISZITTER, "Thuis sinds september", geopend=date(2026, 10, 1),
                                   vandaag=VANDAAG)


def new_dialog(qtbot, school, traject, mdo=None) -> MdoDialog:
    d = MdoDialog(school, traject.id, None, mdo, vandaag=VANDAAG)
    qtbot.addWidget(d)
    return d


def pick(d: MdoDialog, naam: str) -> None:
    i = next(i for i in range(d.adresboek.count()) if d.adresboek.itemData(i).naam == naam)
    d.adresboek.setCurrentIndex(i)
    d.adresboek.activated.emit(i)


def test_an_mdo_with_a_besluit_and_an_actiepunt(qtbot, school, traject):
    d = new_dialog(qtbot, school, traject)
    assert d.datum.is_blank()
    # the date is required
    assert not d.save()
    assert d.error_text("datum") == "Vul de datum van het MDO in."
    d.datum.set_value(date(2026, 11, 20))

    # deelnemers: from the address book (role and organisation come along), the family with one click
    pick(d, "Mehmet Çelik")
    pick(d, "Anna de Vries")
    d.gezin_button.click()
    assert [r.value().naam for r in d.deelnemers.rows] == ["Mehmet Çelik", "Anna de Vries", "Zoë Bakker",
                                                           "Ingrid Bakker"]
    assert [r.value().rol for r in d.deelnemers.rows] == [MdoRol.JEUGDARTS, MdoRol.ZORGCOORDINATOR, MdoRol.LEERLING,
                                                          MdoRol.OUDER]
    # the partner's organisation is offered for the ouders' consent
    assert [r.organisatie.text() for r in d.toestemmingen.rows] == ["GGD regio Utrecht"]
    d.toestemmingen.rows[0].gegeven.setCurrentIndex(d.toestemmingen.rows[0].gegeven.findData(JA))
    assert d.toestemmingen.rows[0].datum.value() == date(2026, 11, 20)

    d.verslag.setPlainText("Zoë is sinds september thuis. De jeugdarts ziet spanningsklachten.")
    b1 = d.besluiten.add()
    b1.tekst.setPlainText("Aangepast rooster: de eerste twee weken alleen de ochtenden.")
    b2 = d.besluiten.add()
    b2.tekst.setPlainText("De jeugdarts nodigt Zoë uit voor een consult.")
    assert [b.nummer.text() for b in d.besluiten.rows] == ["1.", "2."]
    a = d.actiepunten.add()
    a.wat.setText("Consult jeugdarts plannen")
    a.wie.set_value("Mehmet Çelik")

    # an actiepunt without a deadline: the service's message next to it, all typed text stays, nothing saved
    assert not d.save()
    assert a.error.text() == "Vul in wanneer dit actiepunt uiterlijk klaar moet zijn."
    assert not a.error.isHidden()
    assert school.mdo.mdos(traject.id) == []
    assert d.verslag.toPlainText().startswith("Zoë is sinds september thuis.")
    assert b2.tekst.toPlainText() == "De jeugdarts nodigt Zoë uit voor een consult."

    a.uiterlijk.set_value(date(2026, 11, 27))
    assert d.save()
    [mdo] = school.mdo.mdos(traject.id)
    assert mdo.datum == date(2026, 11, 20) and mdo.verslag.startswith("Zoë is sinds september")
    assert [(b.nummer, b.tekst) for b in mdo.besluiten] == [
        (1, "Aangepast rooster: de eerste twee weken alleen de ochtenden."),
        (2, "De jeugdarts nodigt Zoë uit voor een consult.")]
    [actie] = mdo.actiepunten
    assert (actie.wat, actie.wie.naam, actie.uiterlijk) == ("Consult jeugdarts plannen", "Mehmet Çelik",
                                                            date(2026, 11, 27))
    assert [(d_.naam, d_.rol) for d_ in mdo.deelnemers][:2] == [("Mehmet Çelik", MdoRol.JEUGDARTS),
                                                                ("Anna de Vries", MdoRol.ZORGCOORDINATOR)]
    assert [(t.organisatie, t.gegeven) for t in mdo.toestemmingen] == [("GGD regio Utrecht", True)]
    assert d.saved == mdo

    # the next MDO's agenda holds the open actiepunt
    second = new_dialog(qtbot, school, traject)
    assert ("   - Consult jeugdarts plannen (Mehmet Çelik, uiterlijk 27-11-2026)" in
            second.agenda.toPlainText().splitlines())
    assert "Eerder vastgelegd: GGD regio Utrecht: ja (20-11-2026)" in second.toestemming_hint.text()

    # once it is done, it is off the agenda
    school.actiepunten.actiepunt_status(actie.id, ActiepuntStatus.GEDAAN, vandaag=VANDAAG)
    second._agenda_voorstel()
    assert "3. Openstaande actiepunten uit eerdere MDO's: geen" in second.agenda.toPlainText()


def test_an_actiepunt_without_owner_is_refused(qtbot, school, traject):
    d = new_dialog(qtbot, school, traject)
    d.datum.set_value(VANDAAG)
    a = d.actiepunten.add()
    a.wat.setText("Huisbezoek")
    a.uiterlijk.set_value(date(2026, 12, 1))
    assert not d.save()
    assert a.error.text() == "Vul in wie dit actiepunt uitvoert: elk actiepunt heeft een eigenaar."
    a.wie.set_value("Daniël de Jong")
    assert d.save()


def test_editing_an_mdo_removes_a_besluit_and_renumbers(qtbot, school, traject):
    mdo = school.mdo.mdo_vastleggen(traject.id, date(2026, 11, 10), verslag="Eerste verslag")
    for tekst in ("Eerste besluit", "Tweede besluit", "Derde besluit"):
        school.mdo.besluit_toevoegen(mdo.id, tekst)
    d = new_dialog(qtbot, school, traject, school.mdo.mdo(mdo.id))
    assert [b.tekst.toPlainText() for b in d.besluiten.rows] == ["Eerste besluit", "Tweede besluit", "Derde besluit"]
    d.besluiten.rows[0].remove_button.click()
    assert [b.nummer.text() for b in d.besluiten.rows] == ["1.", "2."]
    d.besluiten.add().tekst.setPlainText("Nieuw besluit")
    d.besluiten.rows[0].tekst.setPlainText("Tweede besluit, aangescherpt")
    d.verslag.setPlainText("Verslag na afloop")
    assert d.save()
    m = school.mdo.mdo(mdo.id)
    assert [(b.nummer, b.tekst) for b in m.besluiten] == [(1, "Tweede besluit, aangescherpt"), (2, "Derde besluit"),
                                                          (3, "Nieuw besluit")]
    assert m.verslag == "Verslag na afloop"


def test_consent_refused_is_recorded_too(qtbot, school, traject):
    d = new_dialog(qtbot, school, traject)
    d.datum.set_value(VANDAAG)
    row = d.toestemmingen.add(organisatie="Buurtteam Noord")
    row.gegeven.setCurrentIndex(row.gegeven.findData(NEE))
    leeg = d.toestemmingen.add()
    leeg.gegeven.setCurrentIndex(leeg.gegeven.findData(JA))
    assert not d.save()
    assert d.error_text("toestemmingen") == "Vul de organisatie in waarvoor de ouders toestemming geven."
    assert school.mdo.mdos(traject.id) == []
    leeg.remove_button.click()
    assert d.save()
    assert [(t.organisatie, t.gegeven) for t in school.mdo.toestemmingen(traject.id)] == [
        ("Buurtteam Noord", False)]


def test_the_verslag_keeps_a_draft(qtbot, school, traject):
    d = new_dialog(qtbot, school, traject)
    d.verslag.setPlainText("Halverwege het overleg: moeder vertelt")
    d.besluiten.add().tekst.setPlainText("Nog te bevestigen besluit")
    d.reject()
    again = new_dialog(qtbot, school, traject)
    assert again.verslag.toPlainText() == "Halverwege het overleg: moeder vertelt"
    assert [b.tekst.toPlainText() for b in again.besluiten.rows] == ["Nog te bevestigen besluit"]
    assert "hersteld" in again.concept_note.text()
    again.datum.set_value(VANDAAG)
    assert again.save()
    assert new_dialog(qtbot, school, traject).verslag.toPlainText() == ""


def test_recorded_through_the_view_and_shown_with_its_besluiten(qtbot, school, traject, monkeypatch):
    v = TrajectView(school, vandaag=VANDAAG)
    qtbot.addWidget(v)
    v.show()
    v.show_leerling("1001")

    def fill(d: MdoDialog):
        d.datum.set_value(date(2026, 11, 20))
        d.besluiten.add().tekst.setPlainText("Aangepast rooster")
        a = d.actiepunten.add()
        a.wat.setText("Rooster maken")
        a.wie.set_value("Anna de Vries")
        a.uiterlijk.set_value(date(2026, 11, 27))
        assert d.save()
        return d.result()

    monkeypatch.setattr(MdoDialog, "exec", fill)
    with qtbot.waitSignal(v.changed):
        v.mdo_button.click()
    assert v.tabs.tabText(1) == "MDO's (1)"
    texts = [w.text() for w in v.mdo_scroll.widget().findChildren(type(v.title)) if not w.isHidden()]
    assert "1. Aangepast rooster" in texts
    assert "• Rooster maken – Anna de Vries, uiterlijk 27-11-2026" in texts
    v.select_step(3)
    row = next(r for r in v.checklist_rows if r.regel.item.key == "mdo_gepland")
    assert row.regel.automatisch and row.done.text() == "✓ Automatisch: MDO op 20-11-2026"


def test_read_only_for_a_closed_traject(qtbot, school, traject):
    mdo = school.mdo.mdo_vastleggen(traject.id, date(2026, 11, 10), verslag="Verslag")
    d = new_dialog(qtbot, school, traject, school.mdo.mdo(mdo.id))
    d.set_read_only()
    assert d.verslag.isReadOnly() and not d.datum.isEnabled()
    assert d.save_button.isHidden() and d.besluit_add.isHidden()
    d.reject()
    assert d.result() == 0


def test_a_second_actiepunt_without_deadline_writes_nothing_and_shows_beside_that_row(qtbot, school, traject,
                                                                                        monkeypatch):
    calls = []
    for name in ("mdo_vastleggen", "besluit_toevoegen", "mdo_actiepunt", "toestemming_vastleggen", "mdo_bijwerken"):
        echt = getattr(school.mdo, name)
        monkeypatch.setattr(school.mdo, name, lambda *a, _n=name, _f=echt, **kw: calls.append(_n) or _f(*a, **kw))
    d = new_dialog(qtbot, school, traject)
    d.datum.set_value(VANDAAG)
    d.verslag.setPlainText("Zoë start met ochtenden.")
    d.besluiten.add().tekst.setPlainText("Aangepast rooster")
    d.actiepunten.add()  # an empty row is left out, and the numbering still points at the right row
    eerste = d.actiepunten.add()
    eerste.wat.setText("Rooster maken")
    eerste.wie.set_value("Anna de Vries")
    eerste.uiterlijk.set_value(date(2026, 11, 30))
    tweede = d.actiepunten.add()
    tweede.wat.setText("Consult jeugdarts plannen")
    tweede.wie.set_value("Mehmet Çelik")
    assert not d.save()
    assert tweede.error.text() == "Vul in wanneer dit actiepunt uiterlijk klaar moet zijn."
    assert not tweede.error.isHidden() and eerste.error.text() == ""
    assert school.mdo.mdos(traject.id) == [] and school.actiepunten.actiepunten("1001") == []
    assert (d.verslag.toPlainText(), tweede.wat.text(), d.besluiten.rows[0].tekst.toPlainText()) == (
        "Zoë start met ochtenden.", "Consult jeugdarts plannen", "Aangepast rooster")
    tweede.uiterlijk.set_value(date(2026, 12, 4))
    assert d.save()
    assert calls == ["mdo_vastleggen", "mdo_vastleggen"]  # one call each time, nothing else
    [mdo] = school.mdo.mdos(traject.id)
    assert [b.tekst for b in mdo.besluiten] == ["Aangepast rooster"]
    assert sorted(x.wat for x in mdo.actiepunten) == ["Consult jeugdarts plannen", "Rooster maken"]


def test_editing_an_mdo_shows_a_refused_actiepunt_beside_its_row(qtbot, school, traject):
    mdo = school.mdo.mdo_vastleggen(traject.id, date(2026, 11, 20), actiepunten=[("Rooster maken", "Anna de Vries",
                                                                          date(2026, 11, 30))], vandaag=VANDAAG)
    d = new_dialog(qtbot, school, traject, mdo)
    a = d.actiepunten.add()
    a.wat.setText("Huisbezoek")
    a.wie.set_value("Anna de Vries")
    a.uiterlijk.set_value(date(2026, 11, 19))  # before the MDO
    assert not d.save()
    assert "vóór de datum waarop het is afgesproken" in a.error.text()
    a.uiterlijk.set_value(date(2026, 11, 25))
    assert d.save()
    assert sorted(x.wat for x in school.mdo.mdo(mdo.id).actiepunten) == ["Huisbezoek", "Rooster maken"]


def test_a_partner_without_consent_is_warned_about_and_earlier_consent_counts(qtbot, school, traject):
    """Consent given at an earlier MDO holds at the next one; a partner at the table without it gets a
    warning (saving stays possible); afgemeld means not at the table."""
    d = new_dialog(qtbot, school, traject)
    d.datum.set_value(date(2026, 11, 20))
    pick(d, "Mehmet Çelik")
    assert "Mehmet Çelik (jeugdarts / JGZ): geen toestemming voor GGD regio Utrecht" in d.zonder_toestemming.text()
    assert d.zonder_toestemming.isVisibleTo(d)
    d.toestemmingen.rows[0].gegeven.setCurrentIndex(d.toestemmingen.rows[0].gegeven.findData(NEE))
    assert "geen toestemming voor GGD regio Utrecht" in d.zonder_toestemming.text()
    d.toestemmingen.rows[0].gegeven.setCurrentIndex(d.toestemmingen.rows[0].gegeven.findData(JA))
    assert d.zonder_toestemming.text() == ""
    assert d.verslaglegger.text() == "Anna de Vries"  # who records it, by default
    d.volgend_overleg.set_value(date(2026, 12, 14))
    d.verzenden_aan.setPlainText("Huisarts dr. Öztürk")
    assert d.save()
    mdo = d.saved
    assert (mdo.verslaglegger, mdo.volgend_overleg, mdo.verzenden_aan) == ("Anna de Vries", date(2026, 12, 14),
                                                                         ("Huisarts dr. Öztürk",))

    # the next MDO: nothing recorded there, but the consent of 20 november holds
    d2 = new_dialog(qtbot, school, traject)
    d2.datum.set_value(date(2026, 12, 14))
    pick(d2, "Mehmet Çelik")
    assert d2.zonder_toestemming.text() == ""
    # before 20 november it did not hold yet
    d2.datum.set_value(date(2026, 11, 19))
    assert "geen toestemming voor GGD regio Utrecht" in d2.zonder_toestemming.text()
    d2.datum.set_value(date(2026, 12, 14))
    # a new partner from another organisation, first without and then afgemeld
    row = d2.deelnemers.add()
    row.naam.setText("Lisanne Kok")
    row.rol.setCurrentIndex(row.rol.findData(MdoRol.JEUGDHULP.value))
    row.organisatie.setText("Wijkteam Noord")
    assert "Lisanne Kok (jeugdhulp / wijkteam): geen toestemming voor Wijkteam Noord" in d2.zonder_toestemming.text()
    row.afgemeld.setChecked(True)
    row.krijgt_verslag.setChecked(False)
    assert d2.zonder_toestemming.text() == ""
    d2.volgend_overleg.set_value(date(2026, 12, 1))  # before this MDO: refused beside the field
    assert not d2.save()
    assert d2.error_text("volgend_overleg").startswith("Het volgende overleg ligt na dit MDO (14-12-2026)")
    d2.volgend_overleg.set_value(None)
    assert d2.save()
    lisanne = next(x for x in d2.saved.deelnemers if x.naam == "Lisanne Kok")
    assert lisanne.afgemeld and not lisanne.krijgt_verslag

    # reopened: the checkboxes come back as saved, and changing them is saved too
    d3 = new_dialog(qtbot, school, traject, d2.saved)
    r = next(r for r in d3.deelnemers.rows if r.naam.text() == "Lisanne Kok")
    assert r.afgemeld.isChecked() and not r.krijgt_verslag.isChecked()
    r.afgemeld.setChecked(False)
    assert "Lisanne Kok" in d3.zonder_toestemming.text()
    assert d3.save()
    assert not next(x for x in d3.saved.deelnemers if x.naam == "Lisanne Kok").afgemeld


def test_from_16_the_consent_is_the_students(qtbot, school, traject):
    zoe = school.leerlingen.get("1001")
    school.leerlingen.opslaan(replace(zoe, geboortedatum=date(2010, 11, 20)), vandaag=VANDAAG)
    d = new_dialog(qtbot, school, traject)
    d.datum.set_value(date(2026, 11, 19))
    assert d.toestemming_box.title() == "Toestemming van ouders"
    d.datum.set_value(date(2026, 11, 20))
    assert d.toestemming_box.title() == "Toestemming van de leerling"


def test_the_dialog_opens_on_the_date_and_the_scroll_area_is_no_tab_stop(qtbot, school, traject):
    """Opened from the keyboard, the date can be typed at once – not lost in the (invisible) scroll area."""
    d = new_dialog(qtbot, school, traject)
    assert d.focusWidget() is d.datum
    assert d.scroll.focusPolicy() == Qt.FocusPolicy.NoFocus
