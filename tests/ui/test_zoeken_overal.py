"""One search key everywhere a name is searched or sorted: the Ctrl+N picker, the student list, a person
picker, the address book and the list of trajecten – all find Ömer Kılıç for "omer", "kilic" and "KILIÇ",
and sort "van der Berg" under B."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from tests.pdfhulp import pdf_tekst
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.domain.mdo import Partner
from thuiszit_desktop.domain.traject import Categorie, MdoRol, Persoon
from thuiszit_desktop.ui.leerlingen.leerling_kiezer import LeerlingKiezer
from thuiszit_desktop.ui.leerlingen.leerlingen_view import LeerlingenView
from thuiszit_desktop.ui.models.kiezer_model import KiezerModel
from thuiszit_desktop.ui.models.leerlingen_model import COL_NAAM
from thuiszit_desktop.ui.traject.gesprek_dialog import PersoonCombo
from thuiszit_desktop.ui.traject.partners_dialog import PartnersDialog
from thuiszit_desktop.ui.traject.trajecten_view import TrajectenView

VANDAAG = date(2026, 11, 23)
# fictional students: (nummer, voornaam, tussenvoegsel, achternaam)
LEERLINGEN = [("1001", "Ömer", "", "Kılıç"), ("1002", "Mehmet", "", "Çelik"), ("1003", "Øyvind", "", "Dahl"),
              ("1004", "Łukasz", "", "Nowak"), ("1005", "Anna", "", "Straße"), ("1006", "Jan", "van der", "Berg"),
              ("1007", "Eva", "de", "Vries"), ("1008", "Tim", "", "Dekker"), ("1009", "Zoë", "", "Zwart"),
              ("1010", "Olga", "", "Oosterhout")]
OP_ACHTERNAAM = ["Jan van der Berg", "Mehmet Çelik", "Øyvind Dahl", "Tim Dekker", "Ömer Kılıç", "Łukasz Nowak",
                 "Olga Oosterhout", "Anna Straße", "Eva de Vries", "Zoë Zwart"]


@pytest.fixture
def school(services):
    for nummer, voornaam, tussenvoegsel, achternaam in LEERLINGEN:
        services.leerlingen.opslaan(Leerling(nummer, achternaam, date(2012, 5, 14), date(2024, 8, 1),
                                             voornaam=voornaam, tussenvoegsel=tussenvoegsel, klas="2B"),
                                    vandaag=VANDAAG)
    return services


def namen(teksten: list[str]) -> list[str]:
    return [t.split(" (")[0] for t in teksten]


@pytest.mark.parametrize("zoek", ["omer", "kilic", "KILIÇ", "Ömer Kılıç", "kilic omer", "1001"])
def test_the_ctrl_n_picker_finds_omer_kilic(qtbot, school, zoek):
    kiezer = LeerlingKiezer(school, "Contactmoment: welke leerling?")
    qtbot.addWidget(kiezer)
    if zoek.isascii():
        qtbot.keyClicks(kiezer.zoek, zoek)
    else:  # (QTest cannot type ı or Ç)
        kiezer.zoek.setText(zoek)
    assert namen(kiezer.getoond()) == ["Ömer Kılıç"]
    qtbot.keyClick(kiezer.zoek, Qt.Key.Key_Return)
    assert kiezer.gekozen == "1001"


@pytest.mark.parametrize(("zoek", "wie"), [("celik", "Mehmet Çelik"), ("oyvind", "Øyvind Dahl"),
                                           ("lukasz", "Łukasz Nowak"), ("strasse", "Anna Straße")])
def test_the_picker_finds_letters_that_do_not_decompose(qtbot, school, zoek, wie):
    kiezer = LeerlingKiezer(school, "Leerling kiezen")
    qtbot.addWidget(kiezer)
    kiezer.zoek.setText(zoek)
    assert namen(kiezer.getoond()) == [wie]


def test_the_picker_sorts_by_achternaam_and_moves_with_the_arrows(qtbot, school, qtmodeltester):
    kiezer = LeerlingKiezer(school, "Leerling kiezen")
    qtbot.addWidget(kiezer)
    assert namen(kiezer.getoond()) == OP_ACHTERNAAM
    qtmodeltester.check(kiezer.model)
    qtbot.keyClicks(kiezer.zoek, "de")
    assert namen(kiezer.getoond()) == ["Jan van der Berg", "Tim Dekker", "Eva de Vries"]  # "de Vries" under V
    qtbot.keyClick(kiezer.zoek, Qt.Key.Key_Down)
    qtbot.keyClick(kiezer.zoek, Qt.Key.Key_Return)
    assert kiezer.gekozen == "1008"
    kiezer = LeerlingKiezer(school, "Leerling kiezen")
    qtbot.addWidget(kiezer)
    kiezer.zoek.setText("xyz")
    assert kiezer.getoond() == [] and kiezer.leeg.isVisibleTo(kiezer)


def test_the_picker_model_on_its_own(qtmodeltester, school):
    model = KiezerModel(school.leerlingen.lijst())
    qtmodeltester.check(model)
    model.set_zoek("kilic")
    assert model.teksten() == ["Ömer Kılıç (2B, 1001)"]


def test_the_student_list_searches_and_sorts_with_the_same_key(qtbot, school):
    view = LeerlingenView(school)
    qtbot.addWidget(view)
    assert [r.naam for r in view.visible_rows()] == OP_ACHTERNAAM
    for zoek in ("omer", "kilic", "KILIÇ"):
        view.search.setText(zoek)
        assert [r.naam for r in view.visible_rows()] == ["Ömer Kılıç"]
    view.search.setText("")
    view.table.sortByColumn(COL_NAAM, Qt.SortOrder.DescendingOrder)
    assert [r.naam for r in view.visible_rows()] == OP_ACHTERNAAM[::-1]


def test_a_person_picker_completes_without_accents(qtbot, school, qtmodeltester):
    combo = PersoonCombo([Persoon("Øyvind Dahl", contact_id=1), Persoon("Ömer Kılıç", contact_id=2),
                          Persoon("Olga Oosterhout", contact_id=3)])
    qtbot.addWidget(combo)
    combo.show()
    completer = combo.completer()
    for zoek, verwacht in (("oyv", ["Øyvind Dahl"]), ("KILIÇ", ["Ömer Kılıç"]), ("o", ["Øyvind Dahl", "Ömer Kılıç",
                                                                                      "Olga Oosterhout"])):
        completer.setCompletionPrefix(zoek)
        model = completer.completionModel()
        assert [model.index(i, 0).data() for i in range(model.rowCount())] == verwacht
        qtmodeltester.check(completer.filter)  # ZoekFilter, with this search applied


def test_the_address_book_search_ignores_accents(qtbot, school):
    tr = school.trajecten
    for naam, rol in (("Łukasz Nowak", MdoRol.JEUGDHULP), ("Dr. Anouk Smit", MdoRol.JEUGDARTS),
                      ("Ömer Çelik", MdoRol.LEERPLICHTAMBTENAAR)):
        tr.partner_opslaan(Partner(naam, rol, "Gemeente"))
    dialog = PartnersDialog(school)
    qtbot.addWidget(dialog)

    def zichtbaar():
        return [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())
                if not dialog.table.isRowHidden(r)]

    assert zichtbaar() == ["Dr. Anouk Smit", "Łukasz Nowak", "Ömer Çelik"]  # Dutch order: Ö with the O's
    dialog.search.setText("lukasz")
    assert zichtbaar() == ["Łukasz Nowak"]
    dialog.search.setText("omer leerplicht")  # every word, in name, role or organisation
    assert zichtbaar() == ["Ömer Çelik"]


def test_the_trajecten_list_finds_and_sorts_by_achternaam(qtbot, school):
    for nr in ("1001", "1009", "1006"):
        school.trajecten.openen(nr, Categorie.THUISZITTER, "Zorgen", vandaag=VANDAAG)
    view = TrajectenView(school)
    qtbot.addWidget(view)
    view.refresh()
    view.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert [r.naam for r in view.rows()] == ["Jan van der Berg", "Ömer Kılıç", "Zoë Zwart"]
    view.zoek.setText("kilic")
    assert [r.naam for r in view.rows()] == ["Ömer Kılıç"]


def test_the_lijstbespreking_and_its_pdf_sort_omer_with_the_k(school):
    """It sorted Ömer after Z (by code point, and by voornaam); now by achternaam, letters first."""
    for nr in ("1009", "1001", "1006", "1007"):
        school.trajecten.openen(nr, Categorie.THUISZITTER, "Zorgen", vandaag=VANDAAG)
    rijen = school.overzichten.lijstbespreking(vandaag=VANDAAG)
    assert [r.naam for r in rijen] == ["Jan van der Berg", "Ömer Kılıç", "Eva de Vries", "Zoë Zwart"]
    tekst = pdf_tekst(school.overzichten.lijstbespreking_pdf(vandaag=VANDAAG))
    posities = [tekst.index(naam) for naam in ("Jan van der Berg", "Ömer Kılıç", "Eva de Vries", "Zoë Zwart")]
    assert posities == sorted(posities)
