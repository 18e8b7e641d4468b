"""Shared by every GUI test: no real modal box may block a test run offscreen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from thuiszit_desktop.domain.gebruiker import Gebruiker, Rol
from thuiszit_desktop.services import session
from thuiszit_desktop.ui.common import conflict, errors, form


@pytest.fixture(autouse=True)
def no_modal_boxes(monkeypatch):
    """Questions say yes (also when a window closes at teardown), a draft is kept when asked; an error box or a
    crash dialog fails the test. A test that expects one of them patches it again with its own answer."""
    monkeypatch.setattr(errors, "ask", lambda *args, **kw: True)
    monkeypatch.setattr(errors, "choose", lambda *args, **kw: form.KEEP_DRAFT)
    monkeypatch.setattr(errors, "show_error", lambda parent, text, **kw: pytest.fail(f"message box: {text}"))
    monkeypatch.setattr(errors, "show_crash", lambda parent, details: pytest.fail(f"crash: {details}"))
    monkeypatch.setattr(conflict.ConflictDialog, "exec", lambda self: pytest.fail(f"conflict: {self.exc}"))


def antwoord_bij_conflict(monkeypatch, knop: str) -> list:
    """The conflict dialog (ui/common/conflict.py) opens and `knop` ("mijn_knop", "hun_knop", "verder_knop") is
    clicked on it; the list gets each dialog shown, to look at what it showed."""
    getoond: list = []

    def exec_(self):
        getoond.append(self)
        getattr(self, knop).click()
        return self.result()

    monkeypatch.setattr(conflict.ConflictDialog, "exec", exec_)
    return getoond


def als_mentor(services, *klassen: str, naam: str = "Bram Visser",
               wachtwoord: str = "Mentor-test-2026!") -> session.Services:
    """A mentor of `klassen`, added through the service, and their session on the same database."""
    rij = services.gebruikers.toevoegen(naam, "mentor", list(klassen), wachtwoord, wachtwoord)
    return session.Services(services.ctx.store, Gebruiker(rij.id, rij.naam, Rol.MENTOR, rij.klassen))


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """The app's settings in an ini file of this test, never the real profile."""
    return QSettings(str(tmp_path / "instellingen.ini"), QSettings.Format.IniFormat)
