"""What the command line and the start of the GUI do on consoles and systems other than this one: no console
at all (the windowed program on Windows), a cp1252 console or redirect, Ctrl+C, a database on a network
folder, and the GUI's working folder."""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import sys
from pathlib import Path

import platformdirs
import pytest

from thuiszit_desktop import app, cli, paths

NAAM = "Ayşe Yılmaz"  # ş and ı are not in cp1252


def init(data_dir) -> list[str]:
    return ["init", "--data-dir", str(data_dir), "--school", "De Regenboog", "--brin", "99ZZ", "--regio", "midden",
            "--gebruiker", NAAM]


class Cp1252(io.TextIOWrapper):
    """A Windows console or redirect in the system code page."""

    def __init__(self, tty: bool):
        super().__init__(io.BytesIO(), encoding="cp1252")
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty

    def output(self) -> bytes:
        self.flush()
        return self.buffer.getvalue()


def test_the_windowed_program_without_console_still_runs_commands(tmp_path, cli_omgeving, monkeypatch):
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    try:
        assert app.main(init(tmp_path / "data")) == 0
        assert app.main(["gebruiker", "lijst", "--json", "--data-dir", str(tmp_path / "data"), "--gebruiker", NAAM]) == 0
        assert app.main(["signalen", "--data-dir", str(tmp_path / "geen"), "--gebruiker", NAAM]) == 1  # no crash
    finally:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.close()
    assert (tmp_path / "data" / "thuiszit.db").exists()


def test_a_redirect_in_cp1252_gets_utf8(tmp_path, cli_omgeving, monkeypatch):
    """`thuiszit-desktop-cli gebruiker lijst --json > gebruikers.json` on Windows: a file in UTF-8."""
    assert app.main(init(tmp_path / "data")) == 0
    out = Cp1252(tty=False)
    monkeypatch.setattr(sys, "stdout", out)
    assert app.main(["gebruiker", "lijst", "--json", "--data-dir", str(tmp_path / "data"), "--gebruiker", NAAM]) == 0
    assert json.loads(out.output().decode("utf-8"))[0]["naam"] == NAAM


def test_a_cp1252_console_shows_a_question_mark_instead_of_crashing(tmp_path, cli_omgeving, monkeypatch):
    assert app.main(init(tmp_path / "data")) == 0
    out = Cp1252(tty=True)
    monkeypatch.setattr(sys, "stdout", out)
    assert app.main(["gebruiker", "lijst", "--data-dir", str(tmp_path / "data"), "--gebruiker", NAAM]) == 0
    assert out.output().decode("cp1252").startswith("Ay?e Y?lmaz\tZorgcoördinator")


def test_ctrl_c_at_a_question_ends_without_a_traceback(monkeypatch, capsys, tmp_path, cli_omgeving):
    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "run", interrupted)
    assert app.main(["restore", "x.tzbackup", "--data-dir", str(tmp_path)]) == 130
    assert capsys.readouterr().err.strip() == "Afgebroken."


def test_a_database_on_a_network_folder_is_warned_about(tmp_path, cli_omgeving, monkeypatch, capsys):
    monkeypatch.setattr(paths, "is_network_path", lambda p: True)
    assert app.main(init(tmp_path / "data")) == 0
    err = capsys.readouterr().err
    assert err.startswith("Let op: De database staat in een netwerkmap") and "Instellingen › Back-ups" in err


def test_the_gui_starts_in_documents(tmp_path, monkeypatch):
    """A save dialog offered only "Plan van aanpak ….pdf" opens in Documents, not in the program folder."""
    from thuiszit_desktop.ui.shell import startup

    documenten = tmp_path / "Documenten"
    documenten.mkdir()
    monkeypatch.chdir(tmp_path)  # restored afterwards
    monkeypatch.setattr(platformdirs, "user_documents_dir", lambda: str(documenten))
    started_in = []
    monkeypatch.setattr(startup, "run_gui", lambda data_dir, smoke_test=False, server=None: started_in.append(os.getcwd()) or 0)
    root = logging.getLogger()
    handlers = root.handlers[:]
    try:
        assert app.main(["--data-dir", str(tmp_path / "data")]) == 0
    finally:
        for handler in root.handlers[:]:
            if handler not in handlers:
                handler.close()
        root.handlers[:] = handlers
    assert [Path(p).resolve() for p in started_in] == [documenten.resolve()]  # /var → /private/var on macOS


@pytest.mark.parametrize("argv", [["--smoke-test"], ["signalen", "--help"]])
def test_the_command_line_keeps_its_working_folder(tmp_path, monkeypatch, argv):
    """Relative paths in commands (`plan-pdf 1001 plan.pdf`) stay relative to where the command was typed."""
    from thuiszit_desktop.ui.shell import startup

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(platformdirs, "user_documents_dir", lambda: pytest.fail("not for the command line"))
    monkeypatch.setattr(startup, "run_gui", lambda data_dir, smoke_test=False, server=None: 0)
    with contextlib.suppress(SystemExit):  # --help exits
        app.main(argv)
    assert Path(os.getcwd()).resolve() == tmp_path.resolve()
