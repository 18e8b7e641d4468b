"""The composition root: the shortcut for a start without arguments; a command with Python's collector of reference
cycles on."""

import gc

import thuiszit_desktop.ui.shell.startup as startup
from thuiszit_desktop import app, cli


def test_no_arguments_is_what_the_parser_gives():
    parsed = vars(cli.build_parser().parse_args([]))
    parsed.pop("opties")  # the option names for error messages: only a command uses them
    assert vars(app.GEEN_ARGUMENTEN) == parsed


def test_no_arguments_starts_the_gui_without_the_parser(monkeypatch, tmp_path):
    monkeypatch.setattr(cli, "build_parser", lambda: (_ for _ in ()).throw(AssertionError("parser built")))
    gestart = {}

    def run_gui(data_dir, server=None, smoke_test=False):
        gestart.update(data_dir=data_dir, server=server)
        return 0

    monkeypatch.setattr(startup, "run_gui", run_gui)
    monkeypatch.setenv("THUISZIT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("THUISZIT_SERVER", raising=False)
    monkeypatch.setattr(app, "setup_logging", lambda data_dir: None)  # the test session keeps its logging
    monkeypatch.setattr(app, "start_in_documents", lambda: None)
    assert app.main([]) == 0
    assert gestart == {"data_dir": tmp_path, "server": None}


def test_a_command_runs_with_the_collector_of_cycles_on(monkeypatch, tmp_path):
    """__main__.py starts without it, for the GUI's start (ui/shell/startup.py turns it on with the window): a
    command turns it on before it runs, whatever it does and however long."""
    aan = []
    monkeypatch.setattr(cli, "run", lambda args: aan.append(gc.isenabled()) or 0)
    monkeypatch.setattr(app, "setup_logging", lambda data_dir: None)  # the test session keeps its logging
    gc.disable()  # as __main__.py
    try:
        assert app.main(["--data-dir", str(tmp_path), "signalen"]) == 0
    finally:
        gc.enable()
    assert aan == [True]
