"""paths.py: the data folder each platform gets, file names every system accepts, network folders."""

from __future__ import annotations

from pathlib import Path, PureWindowsPath

import platformdirs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from thuiszit_desktop import paths
from thuiszit_desktop.paths import MAX_NAME, safe_file_name

# --- the data folder ------------------------------------------------------------------------------


def test_windows_data_folder_is_local_not_roaming(monkeypatch):
    """The live database and its lock file stay on this computer, not in the roaming profile."""
    from platformdirs.windows import Windows

    monkeypatch.setenv("WIN_PD_OVERRIDE_LOCAL_APPDATA", r"C:\Users\sam\AppData\Local")
    monkeypatch.setenv("WIN_PD_OVERRIDE_APPDATA", r"C:\Users\sam\AppData\Roaming")
    monkeypatch.setattr(platformdirs, "PlatformDirs", Windows)
    # (joined with "/" when this test runs on Linux; Windows reads both as a separator)
    assert PureWindowsPath(paths.platform_data_dir()) == PureWindowsPath(
        r"C:\Users\sam\AppData\Local\Thuiszit Desktop")


def test_macos_data_folder(monkeypatch, tmp_path):
    from platformdirs.macos import MacOS

    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("USERPROFILE", str(tmp_path))  # what expanduser reads when this runs on Windows
    monkeypatch.setattr(platformdirs, "PlatformDirs", MacOS)
    assert paths.platform_data_dir() == tmp_path / "Library" / "Application Support" / "Thuiszit Desktop"


def test_linux_data_folder(monkeypatch, tmp_path):
    from platformdirs.unix import Unix

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    monkeypatch.setattr(platformdirs, "PlatformDirs", Unix)
    assert paths.platform_data_dir() == tmp_path / "share" / "Thuiszit Desktop"


def test_data_dir_prefers_option_then_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("THUISZIT_DATA_DIR", str(tmp_path / "omgeving"))
    assert paths.data_dir(tmp_path / "optie") == tmp_path / "optie"
    assert paths.data_dir() == tmp_path / "omgeving"
    monkeypatch.delenv("THUISZIT_DATA_DIR")
    assert paths.data_dir() == paths.platform_data_dir()


# --- file names -----------------------------------------------------------------------------------

@pytest.mark.parametrize("naam, verwacht", [
    ("Plan van aanpak Zoë Bakker versie 2.pdf", "Plan van aanpak Zoë Bakker versie 2.pdf"),
    ("MDO-verslag Ayşe Çelik 23-11-2026.pdf", "MDO-verslag Ayşe Çelik 23-11-2026.pdf"),
    ("MDO-verslag A/B 12:30.pdf", "MDO-verslag A-B 12-30.pdf"),
    ('a<b>c"d|e?f*g\\h.pdf', "a-b-c-d-e-f-g-h.pdf"),
    ("Dossier  Sam\tde\nVries .pdf", "Dossier Sam de Vries.pdf"),
    ("tab\x01bel\x7f.csv", "tab-bel\x7f.csv"),
    ("verslag.pdf.", "verslag.pdf"),
    ("  ...verborgen", "verborgen"),
    ("CON.pdf", "_CON.pdf"),
    ("nul", "_nul"),
    ("Com1.tar.pdf", "_Com1.tar.pdf"),
    ("Conny.pdf", "Conny.pdf"),
    ("", "document"),
    (".pdf", "document.pdf"),
    ("Z. de Vries", "Z. de Vries"),
])
def test_safe_file_name(naam, verwacht):
    assert safe_file_name(naam) == verwacht


def test_a_long_name_is_cut_and_keeps_its_extension():
    naam = safe_file_name("Plan van aanpak " + "Zoë " * 60 + "versie 2.pdf")
    assert len(naam) <= MAX_NAME and naam.endswith("Zoë.pdf")


@given(st.text(max_size=300))
def test_any_text_becomes_a_name_windows_accepts(naam):
    uit = safe_file_name(naam)
    assert uit and len(uit) <= MAX_NAME
    assert not any(c in '<>:"/\\|?*' or ord(c) < 32 for c in uit)
    assert uit[-1] not in ". "
    assert uit.split(".")[0].strip().upper() not in paths._DEVICES
    assert safe_file_name(uit) == uit


# --- network folders ------------------------------------------------------------------------------

@pytest.mark.parametrize("pad, netwerk", [
    (r"\\server\share\thuiszit\thuiszit.db", True),
    (r"\\?\UNC\server\share\thuiszit.db", True),
    (r"\\?\C:\Users\sam\thuiszit.db", False),
    (r"C:\Users\sam\AppData\Local\Thuiszit Desktop\thuiszit.db", False),
    (r"H:\Thuiszit\thuiszit.db", True),  # H: is a mapped network drive below
])
def test_windows_network_paths(monkeypatch, pad, netwerk):
    monkeypatch.setattr(paths, "_drive_type", lambda root: paths.DRIVE_REMOTE if root == "H:\\" else 3)
    assert paths._windows_network(PureWindowsPath(pad)) is netwerk


def test_linux_network_mounts(tmp_path):
    lokaal, share = tmp_path / "lokaal", tmp_path / "school share"
    (share / "map").mkdir(parents=True)
    lokaal.mkdir()
    mounts = tmp_path / "mounts"
    mounts.write_text(f"/dev/sda1 / ext4 rw 0 0\n"
                      f"//server/share {str(share).replace(' ', chr(92) + '040')} cifs rw 0 0\n", encoding="utf-8")
    assert paths._linux_network(share / "map" / "thuiszit.db", str(mounts))
    assert paths._linux_network(share / "nog-niet" / "thuiszit.db", str(mounts))  # the folder it would go in
    assert not paths._linux_network(lokaal / "thuiszit.db", str(mounts))
    assert not paths._linux_network(lokaal / "thuiszit.db", str(tmp_path / "geen-mounts"))  # macOS


@pytest.fixture
def home(monkeypatch, tmp_path) -> Path:
    for var in ("OneDrive", "OneDriveCommercial", "OneDriveConsumer"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: tmp_path / "sam"))
    return tmp_path / "sam"


def test_synchronised_folders(monkeypatch, home):
    monkeypatch.setenv("OneDriveCommercial", str(home / "OneDrive - De Regenboog"))
    (home / "Library" / "CloudStorage" / "GoogleDrive-sam@school.nl").mkdir(parents=True)
    (home / "Library" / "CloudStorage" / "OneDrive-DeRegenboog").mkdir()
    assert paths.synced_service(home / "OneDrive - De Regenboog" / "Documenten" / "thuiszit.db") == "OneDrive"
    assert paths.synced_service(home / "Library" / "Mobile Documents" / "com~apple~CloudDocs" / "x.db") == "iCloud Drive"
    assert paths.synced_service(home / "Library" / "CloudStorage" / "GoogleDrive-sam@school.nl" / "x.db") == \
        "Google Drive"
    assert paths.synced_service(home / "Library" / "CloudStorage" / "OneDrive-DeRegenboog" / "x.db") == "OneDrive"
    assert paths.synced_service(home / "Dropbox" / "x.db") == "Dropbox"
    assert paths.synced_service(home / "Dropboxen" / "x.db") is None
    assert paths.synced_service(home / "AppData" / "Local" / "Thuiszit Desktop" / "thuiszit.db") is None


def test_network_warning_names_the_folder_and_the_way_out(monkeypatch, home):
    assert paths.network_warning(home / "thuiszit.db") is None
    monkeypatch.setenv("OneDrive", str(home / "OneDrive"))
    tekst = paths.network_warning(home / "OneDrive" / "thuiszit.db")
    assert f"in een map die OneDrive synchroniseert ({home / 'OneDrive'})" in tekst
    monkeypatch.setattr(paths, "is_network_path", lambda p: True)
    tekst = paths.network_warning(Path("/mnt/school/thuiszit.db"))
    assert "in een netwerkmap (/mnt/school)" in tekst and "Instellingen › Back-ups" in tekst
