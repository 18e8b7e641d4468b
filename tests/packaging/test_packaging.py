"""What makes the Windows and macOS bundles, checked here where those systems are not: the CI workflow (actionlint
checks its syntax in ./test; this checks what it does), the Inno Setup script, the icons, check_bundle.py."""

from __future__ import annotations

import importlib.util
import re
import struct
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "bundles.yml"
ISS = ROOT / "packaging" / "windows" / "thuiszit.iss"
SPEC = ROOT / "build.spec"


def load(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "packaging" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


check_bundle = load("check_bundle")


# --- the workflow ---------------------------------------------------------------------------------

def test_the_workflow_builds_from_the_spec_and_checks_each_bundle():
    text = WORKFLOW.read_text(encoding="utf-8")
    for os_label in ("windows-latest", "macos-latest", "ubuntu-latest"):
        assert os_label in text
    assert 'python-version: "3.11"' in text
    assert "python -m PyInstaller --noconfirm build.spec" in text
    # check_bundle.py runs both programs' --smoke-test and real commands; the last step the native plug-in
    assert text.count("python packaging/check_bundle.py") == 4  # bundle (×2: .app or folder), installed, dmg
    assert '"$cli" --smoke-test' in text
    assert "packaging\\windows\\thuiszit.iss" in text and "/VERYSILENT" in text
    assert "hdiutil create" in text and "hdiutil attach" in text
    assert "build\\build\\icons\\thuiszit.ico" in text  # where build.spec writes the icon (workpath)
    for artifact in ("-windows.zip", "-setup.exe", "-macos.dmg", "-linux.tar.gz"):
        assert artifact in text


def test_every_action_is_pinned_to_a_commit():
    uses = re.findall(r"uses: (\S+)@(\S+)(.*)", WORKFLOW.read_text(encoding="utf-8"))
    assert uses
    for action, ref, comment in uses:
        assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{action}@{ref} is not pinned to a commit"
        assert re.fullmatch(r" # v\d+\.\d+\.\d+", comment), f"{action}: name the release beside the commit"


# --- the Windows installer ------------------------------------------------------------------------

def test_the_installer_names_the_programs_build_spec_makes():
    spec = SPEC.read_text(encoding="utf-8")
    name = re.search(r'^NAME = "([^"]+)"', spec, re.MULTILINE)[1]
    assert "program(NAME, console=False)" in spec and 'program(f"{NAME}-cli", console=True)' in spec
    iss = ISS.read_text(encoding="utf-8")
    files = set(re.findall(r'^Source: "\{#BundleDir\}\\([^"*]+)"', iss, re.MULTILINE))
    assert files == {f"{name}.exe", f"{name}-cli.exe"}
    # shortcuts, the uninstaller's icon and "start now" point at the windowed program that is installed
    used = set(re.findall(r"\{app\}\\([\w.-]+\.exe)", iss))
    assert used == {f"{name}.exe"}
    assert "AppId={{6D17C7AC-B404-4204-A46F-ACF3AFA06E14}" in iss  # never changes: updates find the old one
    assert 'MessagesFile: "compiler:Languages\\Dutch.isl"' in iss


def test_check_bundle_reads_the_windows_subsystem():
    def exe(subsystem: int) -> bytes:
        data = bytearray(0x200)
        data[:2] = b"MZ"
        struct.pack_into("<I", data, 0x3C, 0x80)
        data[0x80:0x84] = b"PE\0\0"
        struct.pack_into("<H", data, 0x80 + 4 + 20 + 68, subsystem)
        return bytes(data)

    assert check_bundle.pe_subsystem(exe(2)) == check_bundle.PE_GUI
    assert check_bundle.pe_subsystem(exe(3)) == check_bundle.PE_CONSOLE
    with pytest.raises(check_bundle.BundleFout):
        check_bundle.pe_subsystem(b"\x7fELF" + bytes(100))


@pytest.mark.parametrize("platform, bundle, expected", [
    ("win32", "dist/thuiszit-desktop", ("dist/thuiszit-desktop/thuiszit-desktop.exe",
                                        "dist/thuiszit-desktop/thuiszit-desktop-cli.exe")),
    ("darwin", "dist/Thuiszit Desktop.app", ("dist/Thuiszit Desktop.app/Contents/MacOS/thuiszit-desktop",
                                             "dist/Thuiszit Desktop.app/Contents/MacOS/thuiszit-desktop-cli")),
    ("linux", "dist/thuiszit-desktop", ("dist/thuiszit-desktop/thuiszit-desktop",
                                        "dist/thuiszit-desktop/thuiszit-desktop-cli")),
])
def test_check_bundle_finds_both_programs(monkeypatch, platform, bundle, expected):
    monkeypatch.setattr(sys, "platform", platform)
    assert check_bundle.programs(Path(bundle)) == tuple(Path(p) for p in expected)


def test_check_bundle_says_what_is_missing(tmp_path, capsys):
    assert check_bundle.main([str(tmp_path)]) == 1
    assert "Bundel niet in orde:" in capsys.readouterr().err


# --- the icons ------------------------------------------------------------------------------------

def test_the_icons_hold_every_size(tmp_path, qapp):
    from PySide6.QtGui import QImageReader

    icons = load("icons")
    ico, icns = icons.write(tmp_path)
    for path, sizes in ((ico, icons.ICO_SIZES), (icns, tuple(icons.ICNS_TYPES.values()))):
        reader = QImageReader(str(path))
        found = []
        for i in range(reader.imageCount()):
            reader.jumpToImage(i)
            found.append(reader.read().width())
        assert sorted(found) == sorted(sizes), path.name


def test_the_program_knows_the_version_it_is_installed_as():
    """The backup manifest and the kept caches carry `__version__` (db/backup.py), the installer pyproject.toml's:
    one number, or a backup would claim another version than the program that made it."""
    import tomllib

    import thuiszit_desktop

    assert tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"] == thuiszit_desktop.__version__
