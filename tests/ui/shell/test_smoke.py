"""`python -m thuiszit_desktop --smoke-test` checks this installation on a temporary database and exits 0;
the bundle runs the same test (tests/packaging/test_build.py, and on Windows and macOS the CI workflow)."""

import os
import subprocess
import sys
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest

from thuiszit_desktop import paths
from thuiszit_desktop.ui.shell import smoke_test

ROOT = Path(__file__).resolve().parents[3]
CHECKS = ("Qt-platform: offscreen", "Qt-vertaling: Nederlands", "Lettertypen:", "Database: versleuteld",
          "PDF: dossier van", "Hoofdvenster:", "Gegevensmap:", "Rooktest geslaagd.")


def test_smoke_test_exits_cleanly(tmp_path: Path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "THUISZIT_DATA_DIR": str(tmp_path / "data"),
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    done = subprocess.run([sys.executable, "-m", "thuiszit_desktop", "--smoke-test"], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stderr
    for alarming in ("Traceback", "error", "warning", "QWidget", "QObject"):
        assert alarming.lower() not in done.stderr.lower(), done.stderr
    for check in CHECKS:
        assert check in done.stdout, done.stdout
    assert not (tmp_path / "data").exists()  # the smoke test touches no real data folder
    assert not (tmp_path / "config").exists()  # nor the user's settings


def test_missing_fonts_fail_the_smoke_test(monkeypatch, tmp_path):
    monkeypatch.setattr(paths, "resource", lambda *parts: tmp_path.joinpath(*parts))
    with pytest.raises(smoke_test.RooktestMislukt, match="DejaVuSans.ttf"):
        smoke_test.check_fonts()


@pytest.mark.parametrize("platform, folder, ok", [
    ("win32", r"C:\Users\sam\AppData\Local\Thuiszit Desktop", True),
    ("win32", r"C:\Users\sam\AppData\Roaming\Thuiszit Desktop", False),
    ("darwin", "/Users/sam/Library/Application Support/Thuiszit Desktop", True),
    ("linux", "/home/sam/.local/share/Thuiszit Desktop", True),
    ("linux", "Thuiszit Desktop", False),
])
def test_the_data_folder_check(monkeypatch, platform, folder, ok):
    as_path = PureWindowsPath(folder) if platform == "win32" else PurePosixPath(folder)
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(paths, "platform_data_dir", lambda: as_path)
    if ok:
        smoke_test.check_data_folder()
    else:
        with pytest.raises(smoke_test.RooktestMislukt, match="gegevensmap"):
            smoke_test.check_data_folder()
