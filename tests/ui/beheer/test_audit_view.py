"""The audit log dialog: the table through its real widgets, the filters, and "Controleren" on a sound
and on a tampered log."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from thuiszit_desktop.db import models as m
from thuiszit_desktop.domain.leerling import Leerling
from thuiszit_desktop.ui.beheer.audit_view import AuditDialog
from thuiszit_desktop.ui.common import errors


@pytest.fixture
def dialog(qtbot, services, monkeypatch):
    monkeypatch.setattr(errors, "show_crash", lambda parent, details: pytest.fail(f"crash: {details}"))
    for nummer, voornaam, achternaam in (("1001", "Zoë", "Bakker"), ("1002", "Mehmet", "Çelik")):
        services.leerlingen.opslaan(Leerling(leerlingnummer=nummer, voornaam=voornaam, achternaam=achternaam,
                                             geboortedatum=date(2012, 3, 5), inschrijfdatum=date(2024, 8, 1),
                                             klas="2B"), date(2026, 11, 23))
    services.leerlingen.get("1002")
    d = AuditDialog(services)
    qtbot.addWidget(d)
    d.show()
    return d


def cellen(d: AuditDialog) -> list[list[str]]:
    model = d.table.model()
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_the_table_shows_who_did_what_to_whom(dialog, qtmodeltester):
    qtmodeltester.check(dialog.model)
    rijen = cellen(dialog)
    assert rijen[0][1:] == ["Anna de Vries", "bekeken", "Mehmet Çelik (1002)", "leerling"]
    assert ["Anna de Vries", "toegevoegd", "Zoë Bakker (1001)", "leerling"] in [r[1:] for r in rijen]
    assert dialog.table.model().headerData(0, Qt.Orientation.Horizontal) == "Tijd"
    assert dialog.aantal.text() == f"{len(rijen)} regels."


def test_filters_on_student_user_and_dates(dialog):
    dialog.leerling.setCurrentIndex(dialog.leerling.findData("1001"))
    dialog.zoek_knop.click()
    assert {r[3] for r in cellen(dialog)} == {"Zoë Bakker (1001)"}
    dialog.leerling.setEditText("1002")  # a typed leerlingnummer works too
    dialog.zoek_knop.click()
    assert {r[3] for r in cellen(dialog)} == {"Mehmet Çelik (1002)"}
    dialog.leerling.setEditText("")
    dialog.gebruiker.setCurrentIndex(dialog.gebruiker.findData("Anna de Vries"))
    dialog.van.set_value(date.today() + timedelta(days=1))
    dialog.zoek_knop.click()
    assert cellen(dialog) == [] and dialog.aantal.text() == "Geen regels met deze filters."
    dialog.tot.set_value(date.today())
    dialog.zoek_knop.click()
    assert dialog.fout.isVisible() and "vóór de begindatum" in dialog.fout.text()


def test_controleren_says_the_log_is_sound(qtbot, dialog):
    dialog.controleer_knop.click()
    qtbot.waitUntil(lambda: dialog.controleer_knop.isEnabled(), timeout=10_000)
    assert dialog.uitslag.text().startswith("✔ Het auditlog is in orde (")


def test_controleren_names_the_broken_entry(qtbot, dialog, services):
    db = services.ctx.store.db
    db.execute_sql('DROP TRIGGER "audit_regel_geen_wijziging"')
    db.execute_sql("UPDATE audit_regel SET actie = 'afgedrukt' WHERE id = 1")
    dialog.controleer_knop.click()
    qtbot.waitUntil(lambda: dialog.controleer_knop.isEnabled(), timeout=10_000)
    assert dialog.uitslag.text().startswith("✘ Het auditlog is niet in orde: regel 1 ")
    assert m.AuditRegel.select().count() > 1
