"""`python -m thuiszit_desktop --smoke-test` builds the main window on a temporary database and exits 0."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_smoke_test_exits_cleanly(tmp_path: Path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "THUISZIT_DATA_DIR": str(tmp_path / "data"),
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    done = subprocess.run([sys.executable, "-m", "thuiszit_desktop", "--smoke-test"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    for alarming in ("Traceback", "error", "warning", "QWidget", "QObject"):
        assert alarming.lower() not in done.stderr.lower(), done.stderr
    assert not (tmp_path / "data").exists()  # the smoke test touches no real data folder
    assert not (tmp_path / "config").exists()  # nor the user's settings
