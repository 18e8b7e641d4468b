"""The PyInstaller bundle builds from build.spec: both programs start (their own --smoke-test), the console
program runs real commands (packaging/check_bundle.py, which the CI workflow runs on Windows and macOS too),
and the Windows installer script names exactly what the bundle holds."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ISS = ROOT / "packaging" / "windows" / "thuiszit.iss"


def iss_sources() -> list[str]:
    """The [Files] sources of the installer script, relative to the bundle, as on Linux ("/", no ".exe")."""
    found = re.findall(r'^Source: "\{#BundleDir\}\\([^"]+)"', ISS.read_text(encoding="utf-8"), re.MULTILINE)
    return [s.replace("\\", "/").removesuffix(".exe") for s in found]


@pytest.mark.slow
def test_pyinstaller_bundle_runs_its_smoke_test_and_commands(tmp_path: Path):
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(tmp_path / "dist"), "--workpath", str(tmp_path / "build"), str(ROOT / "build.spec")],
        cwd=ROOT, check=True, timeout=600,
    )
    bundle = tmp_path / "dist" / "thuiszit-desktop"
    assert (bundle / "_internal" / "resources" / "data" / "schoolvakanties.json").exists()
    assert (tmp_path / "build" / "build" / "icons" / "thuiszit.ico").exists()  # the installer's icon (the workflow)

    # the installer takes every file of the bundle, and only those
    sources = iss_sources()
    assert sorted(sources) == ["_internal/*", "thuiszit-desktop", "thuiszit-desktop-cli"]
    assert sorted(p.name for p in bundle.iterdir()) == ["_internal", "thuiszit-desktop", "thuiszit-desktop-cli"]

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LANG": "C", "LC_ALL": "C"}  # no UTF-8 locale
    done = subprocess.run([sys.executable, str(ROOT / "packaging" / "check_bundle.py"), str(bundle)], env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Bundel in orde" in done.stdout
    assert "gebruiker lijst --json: 'Ayşe Yılmaz' in UTF-8" in done.stdout

    # the server store's driver and its libpq are in the bundle: a server that is not there gets the Dutch
    # message of db/server.py, not an ImportError
    niemand = subprocess.run(
        [str(bundle / "thuiszit-desktop-cli"), "server", "init", "--server",
         "postgresql://eigenaar@127.0.0.1:1/thuiszit?sslmode=disable", "--school", "Het Baken", "--brin", "12AB",
         "--regio", "zuid", "--gebruiker", "Dirk Bundel"],
        env={**env, "PGPASSWORD": "x", "THUISZIT_WACHTWOORD": "Zorg-en-2026!", "THUISZIT_DATA_DIR": str(tmp_path / "d")},
        capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert niemand.returncode == 1 and "niet bereikbaar" in niemand.stderr, niemand.stderr
