"""The "Gebruikers…" dialog through its real widgets: add a mentor with klassen, errors beside the
fields, change a role, reset a password, disable and enable; and "Wachtwoord wijzigen…"."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from tests.conftest import WACHTWOORD
from thuiszit_desktop.db import backup, keys
from thuiszit_desktop.domain.gebruiker import Rol
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.services import session
from thuiszit_desktop.services.lezersoverzicht import Lezersessie
from thuiszit_desktop.ui.beheer.gebruikers_dialog import (
    GebruikerFormulier,
    GebruikersDialog,
    NieuwWachtwoordDialog,
    WachtwoordDialog,
)
from thuiszit_desktop.ui.beheer.sleutelwissel import SleutelwisselDialog
from thuiszit_desktop.ui.common import errors

WW = "Collega-ww-2026!"


@pytest.fixture(autouse=True)
def no_info_boxes(monkeypatch):
    monkeypatch.setattr(errors, "show_info", lambda *args, **kw: None)


@pytest.fixture
def school(services):
    for nummer, klas in (("1001", "3A"), ("1002", "3B"), ("1003", "4C")):
        services.leerlingen.opslaan(Leerling(leerlingnummer=nummer, voornaam="Kim", achternaam="Proef",
                                             geboortedatum=date(2011, 5, 1), inschrijfdatum=date(2023, 8, 1),
                                             klas=klas), date(2026, 11, 23))
    return services


@pytest.fixture
def dialog(qtbot, school):
    d = GebruikersDialog(school)
    qtbot.addWidget(d)
    return d


def vul_in_en_ok(dialog_class, vullen):
    """Fill the next modal dialog of `dialog_class` with `vullen(dialog)` and press OK (then Cancel if it
    stays open with an error, after recording what it showed)."""
    gezien = {}

    def doe():
        d = QApplication.activeModalWidget()
        assert isinstance(d, dialog_class)
        vullen(d)
        d.accept()
        if d.isVisible():
            gezien.update({k: d.field_errors.text(k) for k in d.field_errors.labels})
            gezien["algemeen"] = d.general_error.text()
            d.reject()

    QTimer.singleShot(0, doe)
    return gezien


def rijen(dialog) -> list[list[str]]:
    t = dialog.tabel
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


def test_add_a_mentor_with_klassen(dialog, school):
    def vullen(f: GebruikerFormulier):
        f.naam.setText("Mo El Amrani")
        f.rol.setCurrentIndex(f.rol.findData(Rol.MENTOR.value))
        f.kies_klassen(["3A", "4C"])
        f.wachtwoord.setText(WW)
        f.herhaling.setText(WW)

    gezien = vul_in_en_ok(GebruikerFormulier, vullen)
    dialog.toevoegen()
    assert gezien == {}
    assert ["Mo El Amrani", "Mentor", "3A, 4C", "actief"] in rijen(dialog)
    assert dialog.huidige().naam == "Mo El Amrani"
    assert school.ctx.store.keyring.has_user("Mo El Amrani")


def test_errors_show_beside_the_fields_and_nothing_is_added(dialog, school):
    def vullen(f: GebruikerFormulier):
        f.naam.setText("anna de vries")
        f.rol.setCurrentIndex(f.rol.findData(Rol.MENTOR.value))
        f.wachtwoord.setText("kort")
        f.herhaling.setText("kort")

    gezien = vul_in_en_ok(GebruikerFormulier, vullen)
    dialog.toevoegen()
    assert "al een gebruiker" in gezien["naam"]
    assert "minstens één klas" in gezien["klassen"]
    assert "minstens 10 tekens" in gezien["wachtwoord"]
    assert len(rijen(dialog)) == 1


def test_klassen_only_count_for_a_mentor(qtbot, school):
    f = GebruikerFormulier(school)
    qtbot.addWidget(f)
    assert [f.klassen.item(i).text() for i in range(f.klassen.count())] == ["3A", "3B", "4C"]
    assert f.klassen.isEnabled()
    f.rol.setCurrentIndex(f.rol.findData(Rol.ALLEEN_LEZEN.value))
    assert not f.klassen.isEnabled() and "aantallen" in f.rol_uitleg.text()


def test_change_role_reset_disable_and_enable(dialog, school):
    school.gebruikers.toevoegen("Mo El Amrani", "mentor", ["3A"], WW, WW)
    dialog.vullen(kies="Mo El Amrani")

    def naar_alleen_lezen(f: GebruikerFormulier):
        assert f.gekozen_klassen() == ["3A"]
        f.rol.setCurrentIndex(f.rol.findData(Rol.ALLEEN_LEZEN.value))

    vul_in_en_ok(GebruikerFormulier, naar_alleen_lezen)
    gezien = sleutelwissel_afwachten()  # a mentor made alleen-lezen loses the database key: new keys
    dialog.wijzigen()
    assert "vastgelopen" not in gezien and "De sleutels zijn vernieuwd" in gezien["uitleg"]
    assert ["Mo El Amrani", "Alleen lezen", "–", "actief"] in rijen(dialog)

    def nieuw(d: NieuwWachtwoordDialog):
        d.wachtwoord.setText("Nieuw-ww-2026!")
        d.herhaling.setText("Nieuw-ww-2026!")

    vul_in_en_ok(NieuwWachtwoordDialog, nieuw)
    dialog.resetten()
    ring = school.ctx.store.keyring
    assert not ring.has_user("Mo El Amrani")  # alleen-lezen: the password opens only the overview of counts
    assert isinstance(session.aanmelden(school.database_path, "Mo El Amrani", "Nieuw-ww-2026!"), Lezersessie)

    assert dialog.schakel_knop.text() == "&Uitschakelen"
    gezien = sleutelwissel_afwachten()
    dialog.schakelen()
    assert "vastgelopen" not in gezien and "De sleutels zijn vernieuwd" in gezien["uitleg"]
    assert ["Mo El Amrani", "Alleen lezen", "–", "uitgeschakeld"] in rijen(dialog)
    assert not keys.KeyRing.load(ring.path).has_user("Mo El Amrani")
    assert dialog.schakel_knop.text() == "&Inschakelen…" and not dialog.reset_knop.isEnabled()

    vul_in_en_ok(NieuwWachtwoordDialog, nieuw)
    dialog.schakelen()
    assert ["Mo El Amrani", "Alleen lezen", "–", "actief"] in rijen(dialog)


def sleutelwissel_afwachten(kies: str = "sluit_knop") -> dict:
    """When the next SleutelwisselDialog opens: wait until its worker is done, note what it says, press `kies`
    (and then Sluiten when that started another step)."""
    gezien = {}

    def doe():
        d = next((w for w in QApplication.topLevelWidgets() if isinstance(w, SleutelwisselDialog) and w.isVisible()),
                 None)
        if d is None:  # not shown yet (a busy machine): look again shortly
            QTimer.singleShot(20, doe)
            return
        # never hang the suite: a dialog still open after a minute is closed, and the test then fails
        QTimer.singleShot(60_000, d, lambda: (gezien.setdefault("vastgelopen", True), d.reject()) if d.isVisible()
                          else None)

        def klaar():
            gezien.setdefault("uitleg", d.uitleg.text())
            gezien.setdefault("knoppen", [k.text() for k in (d.herversleutel_knop, d.verwijder_knop, d.sluit_knop)
                                          if k.isVisible()])
            gezien["balk"] = (d.balk.value(), d.balk.maximum())
            knop = getattr(d, kies) if "na" not in gezien else d.sluit_knop
            gezien["na"] = d.uitleg.text()
            knop.click()

        d.afgerond.connect(klaar)

    QTimer.singleShot(0, doe)
    return gezien


def test_disabling_rotates_the_keys_with_a_progress_bar_and_offers_to_re_encrypt_older_backups(dialog, school):
    school.gebruikers.toevoegen("Mo El Amrani", "mentor", ["3A"], WW, WW)
    school.backups.maken()
    dialog.vullen(kies="Mo El Amrani")
    gezien = sleutelwissel_afwachten("herversleutel_knop")
    dialog.schakelen()
    assert "1 oudere back-up" in gezien["uitleg"] and "opnieuw" in gezien["uitleg"]
    assert gezien["knoppen"] == ["Back-ups &opnieuw versleutelen", "Back-ups &verwijderen…", "&Laten staan"]
    assert gezien["balk"] == (1, 1)
    assert "1 oudere back-up opnieuw versleuteld" in gezien["na"]
    laatste = school.backups.laatste()
    assert not backup.keyring(laatste.pad, school.database_path).has_user("Mo El Amrani")


def test_the_zorgcoordinator_cannot_disable_themself(dialog):
    dialog.vullen(kies="Anna de Vries")
    assert dialog.huidige().naam == "Anna de Vries"
    assert not dialog.schakel_knop.isEnabled()


def test_change_own_password(qtbot, school):
    d = WachtwoordDialog(school)
    qtbot.addWidget(d)
    d.oud.setText("verkeerd-ww-1")
    d.wachtwoord.setText("Eigen-nieuw-2026")
    d.herhaling.setText("Eigen-nieuw-2026")
    d.accept()
    assert "klopt niet" in d.field_errors.text("oud") and d.result() != QDialog.DialogCode.Accepted
    d.oud.setText(WACHTWOORD)
    d.accept()
    assert d.result() == QDialog.DialogCode.Accepted
    assert school.ctx.store.keyring.unlock("Anna de Vries", "Eigen-nieuw-2026") == school.ctx.store.key


def test_the_klassen_list_is_checkable(qtbot, school):
    f = GebruikerFormulier(school)
    qtbot.addWidget(f)
    f.klassen.item(1).setCheckState(Qt.CheckState.Checked)
    assert f.gekozen_klassen() == ["3B"]
