"""The PyInstaller bundle builds from build.spec and starts (its own --smoke-test)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_pyinstaller_bundle_runs_its_smoke_test(tmp_path: Path):
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(tmp_path / "dist"), "--workpath", str(tmp_path / "build"), str(ROOT / "build.spec")],
        cwd=ROOT, check=True, timeout=600,
    )
    bundle = tmp_path / "dist" / "thuiszit-desktop"
    assert (bundle / "_internal" / "resources" / "data" / "schoolvakanties.json").exists()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "THUISZIT_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run([str(bundle / "thuiszit-desktop"), "--smoke-test"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
