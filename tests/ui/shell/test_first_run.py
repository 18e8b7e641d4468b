"""The welcome wizard: set up the school and the first zorgcoördinator, then get services."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWizard

from tests.conftest import WACHTWOORD
from thuiszit_desktop.domain.gebruiker import Rol
from thuiszit_desktop.domain.school import Regio, Schooltype
from thuiszit_desktop.services import session
from thuiszit_desktop.ui.common import errors
from thuiszit_desktop.ui.shell import first_run, onthouden
from thuiszit_desktop.ui.shell.first_run import FirstRunOutcome, FirstRunWizard, password_hint


@pytest.fixture
def wizard(qtbot, db_path, settings):
    wizard = FirstRunWizard(db_path, settings=settings)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    yield wizard
    if wizard.services is not None:
        wizard.services.close()


def click_next(wizard: FirstRunWizard) -> None:
    wizard.button(QWizard.WizardButton.NextButton).click()


def test_set_up_a_school_step_by_step(qtbot, wizard, db_path, settings):
    assert wizard.currentPage() is wizard.welcome_page
    assert str(db_path) in wizard.welcome_page.where.text()
    click_next(wizard)
    page = wizard.school_page
    assert wizard.currentPage() is page

    qtbot.keyClicks(page.naam, "Het Baken")
    qtbot.keyClicks(page.brin, "12A")
    page.regio.setCurrentIndex(page.regio.findData(Regio.ZUID))
    assert "Limburg" in page.regio_hint.text()
    page.schooltype.setCurrentIndex(page.schooltype.findData(Schooltype.PO))
    page.uren.setValue(5.5)
    qtbot.keyClicks(page.swv, "  SWV   VO Zuid-Limburg ")
    click_next(wizard)
    assert wizard.currentPage() is page  # does not advance
    assert "BRIN-nummer klopt niet" in page.errors.text("brin")
    assert page.errors.text("naam") == ""

    page.brin.setText("12ab")
    click_next(wizard)
    assert wizard.currentPage() is wizard.account_page
    assert page.errors.text("brin") == ""

    account = wizard.account_page
    qtbot.keyClicks(account.naam, "Anna de Vries")
    qtbot.keyClicks(account.wachtwoord, "kort1")
    assert "minstens 10 tekens" in account.strength.text()
    account.wachtwoord.setText(WACHTWOORD)
    assert account.strength.text().startswith("✓")
    account.herhaling.setText(WACHTWOORD + "x")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert "niet gelijk" in account.errors.text("herhaling")
    assert not db_path.exists()

    account.herhaling.setText(WACHTWOORD)
    with qtbot.waitSignal(wizard.accepted):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.outcome is FirstRunOutcome.CREATED
    services = wizard.services
    assert services.gebruiker.naam == "Anna de Vries"
    assert services.gebruiker.rol is Rol.ZORGCOORDINATOR
    school = services.school.get()
    assert (school.naam, school.brin, school.regio, school.schooltype, school.uren_per_lesdag, school.swv) == (
        "Het Baken", "12AB", Regio.ZUID, Schooltype.PO, 5.5, "SWV VO Zuid-Limburg")
    assert session.database_exists(db_path)
    assert onthouden.laatste_naam(settings, db_path) == "Anna de Vries"  # the login of this database offers the name


def test_the_finish_button_speaks_dutch(wizard):
    assert wizard.buttonText(QWizard.WizardButton.FinishButton) == "Database maken"


def test_a_weak_password_is_shown_next_to_its_field(qtbot, wizard, db_path):
    click_next(wizard)
    wizard.school_page.naam.setText("De Regenboog")
    wizard.school_page.brin.setText("99ZZ")
    click_next(wizard)
    account = wizard.account_page
    account.naam.setText("Mehmet Çelik")
    account.wachtwoord.setText("alleenletters")
    account.herhaling.setText("alleenletters")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert account.errors.text("wachtwoord") == "Gebruik in het wachtwoord letters én cijfers of leestekens."
    assert account.herhaling.text() == ""  # to be typed again with the new password
    assert wizard.currentPage() is account
    assert not db_path.exists()


def test_no_stale_red_line_beside_a_strong_password(qtbot, wizard, db_path):
    click_next(wizard)
    wizard.school_page.naam.setText("De Regenboog")
    wizard.school_page.brin.setText("99ZZ")
    click_next(wizard)
    account = wizard.account_page
    qtbot.keyClicks(account.naam, "Mehmet Çelik")
    qtbot.keyClicks(account.wachtwoord, "kort-1")
    qtbot.keyClicks(account.herhaling, "kort-1")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert account.errors.text("wachtwoord") == "Kies een wachtwoord van minstens 10 tekens."
    qtbot.keyClicks(account.wachtwoord, "-en-nog-veel-langer-2026")  # now long and strong
    assert account.strength.text().startswith("✓ Sterk wachtwoord")
    assert account.errors.text("wachtwoord") == ""  # the old "minstens 10 tekens" is gone
    assert not db_path.exists()


@pytest.mark.parametrize("wachtwoord, herhaling, ok, fragment", [
    ("", "", False, "Minstens 10 tekens"),
    ("Zoë-2026", "", False, "minstens 10 tekens"),
    ("anna de vries 123", "", False, "gebruikersnaam"),
    ("Zorg-en-2026!", "", True, "Sterk"),
    ("kaasbroodje-7", "kaasbroodje-7", True, "gelijk"),
    ("kaasbroodje-7", "kaas", False, "niet gelijk"),
])
def test_password_hint(wachtwoord, herhaling, ok, fragment):
    text, acceptable = password_hint("Anna de Vries", wachtwoord, herhaling)
    assert acceptable is ok
    assert fragment in text


def test_cancelling_halfway_asks_first(qtbot, wizard, monkeypatch):
    answers = [False, True]
    monkeypatch.setattr(errors, "ask", lambda parent, question, **kw: answers.pop(0))
    click_next(wizard)
    wizard.reject()
    assert wizard.isVisible()
    with qtbot.waitSignal(wizard.rejected):
        wizard.reject()
    assert wizard.outcome is FirstRunOutcome.CANCELLED
    assert wizard.services is None


def test_open_an_existing_database_instead(qtbot, wizard, tmp_path, monkeypatch):
    other = tmp_path / "elders" / "thuiszit.db"
    monkeypatch.setattr(first_run, "choose_database_file", lambda parent, start: other)
    with qtbot.waitSignal(wizard.finished):
        wizard.welcome_page.open_link.linkActivated.emit("#")
    assert wizard.outcome is FirstRunOutcome.OPEN_EXISTING
    assert wizard.chosen_path == other
