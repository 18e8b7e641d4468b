"""Logging in, and the start-up flow around it (welcome wizard, database problems)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.conftest import SCHOOL, WACHTWOORD
from thuiszit_desktop.db import pogingen
from thuiszit_desktop.domain.errors import DatabaseInGebruik, DatabaseOnleesbaar
from thuiszit_desktop.services import session
from thuiszit_desktop.ui.common import bestanden, errors, theme
from thuiszit_desktop.ui.shell import login, onthouden, startup
from thuiszit_desktop.ui.shell.first_run import FirstRunOutcome, FirstRunWizard
from thuiszit_desktop.ui.shell.login import LoginDialog, LoginOutcome
from thuiszit_desktop.ui.shell.startup import StartupFlow


@pytest.fixture(autouse=True)
def no_choice(monkeypatch):
    monkeypatch.setattr(errors, "choose", lambda *args, **kw: pytest.fail("unexpected choice"))


@pytest.fixture
def closed_school(services, db_path) -> Path:
    """A school database that exists and is not open."""
    services.close()
    return db_path


@pytest.fixture
def dialog(qtbot, closed_school, settings):
    dialog = LoginDialog(closed_school, settings=settings, school="Het Baken")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    yield dialog
    if dialog.services is not None:
        dialog.services.close()


def test_right_password_logs_in_with_enter(qtbot, dialog, settings):
    assert "Het Baken" in dialog.intro.text()
    assert str(dialog.path) in dialog.path_label.text()
    qtbot.keyClicks(dialog.naam, "anna de vries")
    qtbot.keyClicks(dialog.wachtwoord, WACHTWOORD)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.wachtwoord, Qt.Key.Key_Return)
    assert dialog.outcome is LoginOutcome.LOGGED_IN
    assert dialog.services.gebruiker.naam == "Anna de Vries"
    assert onthouden.laatste_naam(settings, dialog.path) == "Anna de Vries"


def test_the_login_imports_the_main_window_while_the_keys_are_derived(qtbot, dialog, monkeypatch):
    """Issue 16: the main window's modules come in during scrypt's wait (login.hoofdvenster_laden), not before
    the dialog is shown nor after the password."""
    geladen = []
    monkeypatch.setattr(login, "hoofdvenster_laden", lambda: geladen.append(1))
    dialog.naam.setText("Anna de Vries")
    dialog.wachtwoord.setText(WACHTWOORD)
    assert dialog.try_login()
    assert geladen == [1]


def test_wrong_password_gets_one_neutral_message(qtbot, dialog):
    dialog.naam.setText("Anna de Vries")
    qtbot.keyClicks(dialog.wachtwoord, "niet-het-goede-1")
    qtbot.keyClick(dialog.wachtwoord, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.error.text() == "Onbekende naam of verkeerd wachtwoord. Probeer het opnieuw."
    assert dialog.wachtwoord.text() == ""
    assert dialog.focusWidget() is dialog.wachtwoord
    dialog.naam.setText("Iemand Anders")
    dialog.wachtwoord.setText(WACHTWOORD)
    dialog.login_button.click()
    assert dialog.error.text() == "Onbekende naam of verkeerd wachtwoord. Probeer het opnieuw."
    assert dialog.services is None


@pytest.fixture
def klok(monkeypatch):
    """The clock of the wait every program shares (db/pogingen.py), moved on with the dialog's countdown."""
    nu = [1_800_000_000.0]
    monkeypatch.setattr(pogingen, "_nu", lambda: nu[0])
    return nu


def test_repeated_wrong_passwords_make_the_next_attempt_wait_longer(qtbot, dialog, klok, monkeypatch):
    tik = dialog.wachttijd.tik

    def tik_en_klok() -> None:
        klok[0] += 1
        tik()

    monkeypatch.setattr(dialog.wachttijd, "tik", tik_en_klok)
    dialog.naam.setText("Anna de Vries")
    for _ in range(2):  # typos happen: no wait yet
        dialog.wachtwoord.setText("niet-het-goede-1")
        dialog.login_button.click()
        assert dialog.login_button.isEnabled()
    dialog.wachtwoord.setText("niet-het-goede-1")
    dialog.login_button.click()
    assert not dialog.login_button.isEnabled() and not dialog.wachtwoord.isEnabled()
    assert dialog.error.text() == ("3 keer een verkeerde naam of wachtwoord. U kunt het over 2 seconden "
                                   "opnieuw proberen.")
    dialog.wachttijd.tik()
    assert "over 1 seconde" in dialog.error.text() and not dialog.login_button.isEnabled()
    dialog.wachttijd.tik()
    assert dialog.login_button.isEnabled() and dialog.focusWidget() is dialog.wachtwoord
    dialog.wachtwoord.setText("niet-het-goede-1")
    dialog.login_button.click()
    assert "over 4 seconden" in dialog.error.text()
    for _ in range(4):
        dialog.wachttijd.tik()
    dialog.wachtwoord.setText(WACHTWOORD)  # the right one still works after waiting
    with qtbot.waitSignal(dialog.accepted):
        dialog.login_button.click()


def test_wrong_passwords_in_another_program_make_the_login_wait_too(qtbot, dialog, klok):
    for _ in range(4):  # as the CLI, in another process, would count them
        pogingen.mislukt(dialog.path, "anna de vries")
    dialog.naam.setText("Anna de Vries")
    dialog.wachtwoord.setText(WACHTWOORD)  # even the right password is not tried while waiting
    dialog.login_button.click()
    assert dialog.services is None and not dialog.login_button.isEnabled()
    assert dialog.error.text() == "4 keer een verkeerde naam of wachtwoord. U kunt het over 4 seconden opnieuw proberen."
    klok[0] += 4
    for _ in range(4):
        dialog.wachttijd.tik()
    dialog.wachtwoord.setText(WACHTWOORD)
    with qtbot.waitSignal(dialog.accepted):
        dialog.login_button.click()
    assert any(r.actie == "inloggen mislukt" and r.gebruiker == "Anna de Vries" and r.wat.startswith("4 keer")
               for r in dialog.services.audit.lijst())


def test_the_last_name_is_filled_in(qtbot, closed_school, settings):
    onthouden.onthoud_naam(settings, closed_school, "Anna de Vries")
    dialog = LoginDialog(closed_school, settings=settings)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.naam.text() == "Anna de Vries"
    assert dialog.focusWidget() is dialog.wachtwoord


def test_the_last_name_belongs_to_its_own_database(qtbot, closed_school, settings, tmp_path, monkeypatch):
    """The login of one school never shows a user name of another school's database."""
    ander = session.database_path(tmp_path / "andere school")
    onthouden.onthoud_naam(settings, ander, "Piet de Beheerder")
    dialog = LoginDialog(closed_school, settings=settings)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.naam.text() == "" and dialog.focusWidget() is dialog.naam
    # "Ander bestand…" to the other database: its own last user comes with it
    monkeypatch.setattr(login, "choose_database_file", lambda parent, start: ander)
    dialog.choose_other_file()
    assert dialog.naam.text() == "Piet de Beheerder" and dialog.focusWidget() is dialog.wachtwoord


def test_a_name_remembered_before_stays_for_the_database_opened_last(qtbot, closed_school, settings, tmp_path):
    settings.setValue(onthouden.SETTING_NAME, "Anna de Vries")  # one name for all, as it was kept before
    settings.setValue(onthouden.SETTING_LAST_DATABASE, str(closed_school))
    assert onthouden.laatste_naam(settings, closed_school) == "Anna de Vries"
    assert onthouden.laatste_naam(settings, session.database_path(tmp_path / "andere school")) == ""


def test_a_database_in_use_closes_the_dialog_with_the_problem(qtbot, services, db_path, settings):
    dialog = LoginDialog(db_path, settings=settings)  # `services` still has the file open
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.naam.setText("Anna de Vries")
    dialog.wachtwoord.setText(WACHTWOORD)
    with qtbot.waitSignal(dialog.rejected):
        dialog.login_button.click()
    assert dialog.outcome is LoginOutcome.PROBLEM
    assert isinstance(dialog.problem, DatabaseInGebruik)


def test_another_file_can_be_chosen_in_the_dialog(qtbot, dialog, tmp_path, monkeypatch):
    other = session.database_path(tmp_path / "kopie")
    copy = session.create_school(other, SCHOOL, "Daniël de Jong", WACHTWOORD, WACHTWOORD)
    copy.close()
    monkeypatch.setattr(login, "choose_database_file", lambda parent, start: other)
    dialog.other_link.linkActivated.emit("#")
    assert dialog.path == other
    assert str(other) in dialog.path_label.text()
    dialog.naam.setText("Daniël de Jong")
    dialog.wachtwoord.setText(WACHTWOORD)
    with qtbot.waitSignal(dialog.accepted):
        dialog.login_button.click()
    assert dialog.services.database_path == other


def test_choose_database_file_needs_the_key_file(tmp_path, monkeypatch):
    db = tmp_path / "los.db"
    db.write_bytes(b"x")
    messages = []
    monkeypatch.setattr(bestanden, "_kies", lambda dialog: [str(db)])
    monkeypatch.setattr(errors, "show_error", lambda parent, text, **kw: messages.append(text))
    assert login.choose_database_file(None) is None
    assert "los.sleutels" in messages[0]
    db.with_suffix(".sleutels").write_text("{}")
    assert login.choose_database_file(None) == db


# --- the start-up flow ----------------------------------------------------------------------------

def script_exec(monkeypatch, cls, steps):
    """Replace `cls.exec` (a modal loop) by the next scripted step, called with the dialog."""
    seen = []

    def fake_exec(self):
        seen.append(self)
        steps.pop(0)(self)
        return self.result()

    monkeypatch.setattr(cls, "exec", fake_exec)
    return seen


def test_no_database_starts_the_welcome_wizard(tmp_path, settings, monkeypatch):
    def cancel(wizard):
        wizard.outcome = FirstRunOutcome.CANCELLED

    seen = script_exec(monkeypatch, FirstRunWizard, [cancel])
    assert StartupFlow(tmp_path / "leeg", settings).run() is None
    assert seen[0].path == session.database_path(tmp_path / "leeg")


def test_an_existing_database_asks_for_login(closed_school, settings, monkeypatch):
    def log_in(dialog):
        dialog.naam.setText("Anna de Vries")
        dialog.wachtwoord.setText(WACHTWOORD)
        assert dialog.try_login()

    script_exec(monkeypatch, LoginDialog, [log_in])
    flow = StartupFlow(closed_school.parent, settings)
    services = flow.run()
    try:
        assert services.gebruiker.naam == "Anna de Vries"
        assert settings.value(onthouden.SETTING_LAST_DATABASE) == str(closed_school)
        assert flow.known_school(closed_school) == "Het Baken"
    finally:
        services.close()


def test_a_damaged_database_offers_a_new_one_next_to_it(closed_school, settings, monkeypatch, tmp_path):
    closed_school.with_suffix(".sleutels").unlink()  # the key file is gone: unreadable
    choices = []

    def choose(parent, text, options, **kw):
        choices.append((text, options))
        return options.index("Nieuwe database maken")

    monkeypatch.setattr(errors, "choose", choose)
    new_path = tmp_path / "data" / "thuiszit-nieuw.db"
    monkeypatch.setattr(startup, "choose_new_database_file", lambda start: new_path)

    def log_in(dialog):
        dialog.naam.setText("Anna de Vries")
        dialog.wachtwoord.setText(WACHTWOORD)
        dialog.try_login()

    def cancel(wizard):
        wizard.outcome = FirstRunOutcome.CANCELLED

    script_exec(monkeypatch, LoginDialog, [log_in])
    wizards = script_exec(monkeypatch, FirstRunWizard, [cancel])
    assert StartupFlow(closed_school.parent, settings).run() is None
    text, options = choices[0]
    assert "sleutelbestand" in text
    assert options == ["Ander bestand kiezen…", "Nieuwe database maken", "Afsluiten"]
    assert wizards[0].path == new_path
    assert closed_school.exists()  # the damaged file is left alone


def test_a_database_in_use_can_be_retried_or_left(services, db_path, settings, monkeypatch):
    choices = []

    def choose(parent, text, options, **kw):
        choices.append(options)
        return options.index("Afsluiten")

    monkeypatch.setattr(errors, "choose", choose)
    flow = StartupFlow(db_path.parent, settings)
    assert flow.database_problem(DatabaseInGebruik(), db_path) is None
    assert choices[0] == ["Opnieuw proberen", "Ander bestand kiezen…", "Afsluiten"]
    monkeypatch.setattr(errors, "choose", lambda parent, text, options, **kw: 0)
    assert flow.database_problem(DatabaseInGebruik(), db_path) == db_path
    monkeypatch.setattr(errors, "choose", lambda *a, **kw: None)  # Escape
    assert flow.database_problem(DatabaseOnleesbaar(), db_path) is None


def test_the_application_speaks_dutch(qapp):
    from PySide6.QtCore import QLocale, QTranslator
    from PySide6.QtWidgets import QDialogButtonBox

    old_locale, old_name = QLocale(), qapp.applicationName()
    startup.create_application()
    try:
        assert qapp.applicationName() == "Thuiszit Desktop"
        assert QLocale().firstDayOfWeek() == Qt.DayOfWeek.Monday
        assert QLocale().dateFormat(QLocale.FormatType.ShortFormat) == "dd-MM-yyyy"
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Annuleren"
    finally:  # leave the shared QApplication as other tests expect it
        translator = qapp.findChild(QTranslator, "qtbase_nl")
        qapp.removeTranslator(translator)
        translator.setObjectName("")
        translator.deleteLater()
        QLocale.setDefault(old_locale)
        qapp.setApplicationName(old_name)
        theme.reset_theme(qapp)


def test_a_database_on_a_network_folder_is_warned_about_once(closed_school, settings, monkeypatch, tmp_path):
    """The live database belongs on this computer: the user is told, and may open it anyway, choose another
    file (which is checked in its turn) or stop."""
    from thuiszit_desktop import paths

    elders = tmp_path / "elders" / "thuiszit.db"
    monkeypatch.setattr(paths, "is_network_path", lambda p: Path(p) == closed_school)
    gekozen = []
    monkeypatch.setattr(login, "choose_database_file", lambda parent, start: gekozen.append(start) or elders)
    keuzes = iter([1, 0])  # another file; then (for a second start) open anyway
    teksten = []

    def choose(parent, text, options, **kw):
        teksten.append(text)
        assert options == ["Toch openen", "Ander bestand kiezen…", "Afsluiten"]
        return next(keuzes)

    monkeypatch.setattr(errors, "choose", choose)
    flow = StartupFlow(closed_school.parent, settings)
    assert flow.network_check(closed_school) == elders and gekozen == [closed_school.parent]
    assert flow.network_check(elders) == elders  # not on a share: no question
    assert flow.network_check(closed_school) == closed_school
    assert flow.network_check(closed_school) == closed_school  # asked once
    assert len(teksten) == 2 and "netwerkmap" in teksten[0]

    flow = StartupFlow(closed_school.parent, settings)
    monkeypatch.setattr(errors, "choose", lambda *a, **kw: None)  # Escape: stop
    assert flow.run(closed_school) is None
