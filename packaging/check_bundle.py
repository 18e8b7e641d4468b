"""Check a built bundle the way a school would use it: both programs' smoke tests, and real commands through
the console program (a demo school and its signals as JSON; a user with a name outside cp1252, listed as
UTF-8 JSON through a pipe). On Windows also that one program is a console program and the other a windowed one.

    python packaging/check_bundle.py dist/thuiszit-desktop               Linux, Windows (or an installed folder)
    python packaging/check_bundle.py "dist/Thuiszit Desktop.app"         macOS

Used by tests/packaging/test_build.py here and by .github/workflows/bundles.yml on Windows and macOS. Exit status 0
when all is well; otherwise the first problem and the program's own output.
"""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

NAME = "thuiszit-desktop"
USER = "Ayşe Yılmaz"  # ş and ı are not in the Windows code page cp1252
SMOKE_LINES = ("Qt-platform:", "Qt-vertaling: Nederlands", "Lettertypen:", "Database: versleuteld", "PDF: dossier",
               "Hoofdvenster:", "Gegevensmap:", "Rooktest geslaagd.")
PE_GUI, PE_CONSOLE = 2, 3  # IMAGE_SUBSYSTEM_WINDOWS_GUI, _CUI


class BundleFout(Exception):
    pass


def programs(bundle: Path) -> tuple[Path, Path]:
    """The windowed and the console program of a one-folder bundle or a macOS .app."""
    folder = bundle / "Contents" / "MacOS" if bundle.suffix == ".app" else bundle
    ext = ".exe" if sys.platform == "win32" else ""
    return folder / f"{NAME}{ext}", folder / f"{NAME}-cli{ext}"


def pe_subsystem(exe: bytes) -> int:
    """The Subsystem field of a Windows executable: 2 windowed, 3 console."""
    if exe[:2] != b"MZ":
        raise BundleFout("geen Windows-programma")
    pe = struct.unpack_from("<I", exe, 0x3C)[0]
    if exe[pe:pe + 4] != b"PE\0\0":
        raise BundleFout("geen Windows-programma")
    return struct.unpack_from("<H", exe, pe + 4 + 20 + 68)[0]  # after the COFF header, in the optional header


def run(args: list[str | Path], env: dict[str, str]) -> bytes:
    done = subprocess.run([str(a) for a in args], env=env, capture_output=True, timeout=600)
    if done.returncode != 0:
        sys.stderr.buffer.write(done.stdout + done.stderr)
        raise BundleFout(f"{Path(args[0]).name} {' '.join(map(str, args[1:]))}: exit status {done.returncode}")
    return done.stdout


def check(bundle: Path) -> list[str]:
    """All checks; the lines to report. Raises BundleFout at the first problem."""
    gui, cli = programs(bundle)
    for program in (gui, cli):
        if not program.is_file():
            raise BundleFout(f"{program} ontbreekt")
    report = []
    if sys.platform == "win32":
        if pe_subsystem(gui.read_bytes()) != PE_GUI or pe_subsystem(cli.read_bytes()) != PE_CONSOLE:
            raise BundleFout(f"{gui.name} moet een venster-programma zijn en {cli.name} een console-programma")
        report.append(f"{gui.name} is een venster-programma, {cli.name} een console-programma")
    with tempfile.TemporaryDirectory(prefix="thuiszit-bundel-") as tmp:
        folder = Path(tmp)
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               "THUISZIT_DATA_DIR": str(folder / "niet-gebruikt"), "THUISZIT_WACHTWOORD": "demo"}
        env.pop("PYTHONUTF8", None)
        env.pop("PYTHONIOENCODING", None)  # the program itself must cope with the system's code page

        smoke = run([cli, "--smoke-test"], env).decode("utf-8")
        missing = [line for line in SMOKE_LINES if line not in smoke]
        if missing:
            raise BundleFout(f"de rooktest meldt niet: {', '.join(missing)}\n{smoke}")
        report.append(smoke.strip())
        run([gui, "--smoke-test"], env)  # the windowed one: only its exit status on Windows
        report.append(f"{gui.name} --smoke-test: geslaagd")
        if (folder / "niet-gebruikt").exists():
            raise BundleFout("de rooktest schreef in de gegevensmap")

        demo = folder / "demo"
        run([cli, "demo", "--data-dir", demo], env)
        signalen = json.loads(run([cli, "signalen", "--json", "--gebruiker", "demo", "--data-dir", demo], env))
        if not signalen or not {"leerlingnummer", "signaal", "uitleg"} <= set(signalen[0]):
            raise BundleFout("signalen --json gaf geen signalen van de demoschool")
        report.append(f"{cli.name} demo + signalen --json: {len(signalen)} signalen")

        school = folder / "school"
        env["THUISZIT_WACHTWOORD"] = "Rook-test-2026!"  # a real school wants a real password
        run([cli, "init", "--data-dir", school, "--school", "De Regenboog", "--brin", "99ZZ", "--regio", "midden",
             "--gebruiker", USER], env)
        uit = run([cli, "gebruiker", "lijst", "--json", "--gebruiker", USER, "--data-dir", school], env)
        if json.loads(uit.decode("utf-8"))[0]["naam"] != USER:
            raise BundleFout(f"gebruiker lijst --json gaf {uit!r}, niet {USER} in UTF-8")
        report.append(f"{cli.name} gebruiker lijst --json: '{USER}' in UTF-8")
    return report


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    sys.stdout.reconfigure(encoding="utf-8", errors="replace")
    try:
        for line in check(Path(argv[0])):
            print(line)
    except (BundleFout, subprocess.TimeoutExpired, json.JSONDecodeError, UnicodeDecodeError) as exc:
        print(f"Bundel niet in orde: {exc}", file=sys.stderr)
        return 1
    print(f"Bundel in orde: {argv[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
