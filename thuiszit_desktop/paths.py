"""Where things are: bundled resources and the user's data folder; file names every system accepts; whether
a folder is on another computer or synchronised with one."""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from pathlib import Path, PureWindowsPath

import platformdirs

APP_NAME = "Thuiszit Desktop"
SERVER = "THUISZIT_SERVER"  # the environment variable of the shared school database, as --server


@functools.cache  # (resolving walks the folders: once, not for every icon the window loads)
def resources_dir() -> Path:
    """`resources/` beside the package, or inside the PyInstaller bundle when frozen."""
    if getattr(sys, "frozen", False):
        return Path(sys._MEIPASS) / "resources"  # type: ignore[attr-defined]
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def data_dir(override: str | os.PathLike | None = None) -> Path:
    """--data-dir, else THUISZIT_DATA_DIR, else the platform's user data folder."""
    chosen = override or os.environ.get("THUISZIT_DATA_DIR")
    if chosen:
        return Path(chosen).expanduser().resolve()
    return platform_data_dir()


def platform_data_dir() -> Path:
    """%LOCALAPPDATA%\\Thuiszit Desktop on Windows, ~/Library/Application Support/Thuiszit Desktop on macOS,
    ~/.local/share/Thuiszit Desktop on Linux. Not the roaming profile on Windows: a school's roaming profile
    is copied to a server at logoff, and a live database with a lock file must stay on this computer."""
    return Path(platformdirs.PlatformDirs(APP_NAME, appauthor=False, roaming=False).user_data_dir)


# --- file names -----------------------------------------------------------------------------------

_NOT_IN_NAMES = '<>:"/\\|?*'  # not allowed in a Windows file name; "/" nowhere
# Names Windows keeps for devices, with any extension: "CON.pdf" cannot be made.
_DEVICES = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}
MAX_NAME = 120  # leaves room for a deep folder within Windows' 260 characters per path


def safe_file_name(naam: str, *, standaard: str = "document") -> str:
    """A file name every system accepts, for names made from user data ("MDO-verslag A/B 12:30.pdf"):
    characters Windows refuses become "-", no trailing dot or space, no device name, at most MAX_NAME
    characters with the extension kept. `standaard` stands in for an empty name."""
    naam = " ".join(naam.split())  # tabs and line breaks too
    naam = "".join("-" if c in _NOT_IN_NAMES or ord(c) < 32 else c for c in naam)
    stam, punt, extensie = naam.rpartition(".")
    if not (punt and extensie) or " " in extensie or len(extensie) > 5:
        stam, extensie = naam, ""
    stam = stam.strip(". ") or standaard
    if stam.split(".")[0].strip().upper() in _DEVICES:
        stam = "_" + stam
    extensie = "." + extensie if extensie else ""
    return stam[: MAX_NAME - len(extensie)].rstrip(". ") + extensie


# --- network folders ------------------------------------------------------------------------------

DRIVE_REMOTE = 4  # GetDriveTypeW: a mapped network drive
_NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "afpfs", "fuse.sshfs", "davfs", "9p"}


def is_network_path(path: str | os.PathLike) -> bool:
    """True when `path` (or the folder it would be made in) is on another computer: a UNC path or a mapped
    network drive on Windows, an nfs/smb mount on Linux. Where it cannot be told (macOS) False."""
    if os.name == "nt":
        return _windows_network(PureWindowsPath(os.path.abspath(path)))
    return _linux_network(Path(path))


def _windows_network(path: PureWindowsPath) -> bool:
    drive = path.drive.upper()
    if drive.startswith("\\\\?\\"):  # the long-path form: \\?\C:\… is local, \\?\UNC\server\share is not
        return drive.startswith("\\\\?\\UNC\\")
    if drive.startswith("\\\\"):  # \\server\share
        return True
    return bool(drive) and _drive_type(drive + "\\") == DRIVE_REMOTE


def _drive_type(root: str) -> int:
    import ctypes

    return ctypes.windll.kernel32.GetDriveTypeW(root)  # type: ignore[attr-defined]


def _linux_network(path: Path, mounts: str = "/proc/self/mounts") -> bool:
    try:
        lines = Path(mounts).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:  # not Linux
        return False
    path = Path(os.path.abspath(path))
    while not path.exists() and path != path.parent:  # a database not made yet: the folder it goes in
        path = path.parent
    with contextlib.suppress(OSError):
        path = path.resolve()
    best, fstype = "", ""
    for line in lines:
        parts = line.split()
        if len(parts) < 3:
            continue
        mount = parts[1].replace("\\040", " ")
        if (path == Path(mount) or Path(mount) in path.parents) and len(mount) >= len(best):
            best, fstype = mount, parts[2]
    return fstype in _NETWORK_FILESYSTEMS


def synced_service(path: str | os.PathLike) -> str | None:
    """The service that copies `path` to the internet and back (OneDrive, iCloud Drive, Dropbox …), if any:
    OneDrive's folders on Windows (often Documents and the Desktop too), macOS's iCloud Drive and CloudStorage
    folders, and a Dropbox folder in the home folder."""
    home = Path.home()
    roots = [(os.environ.get(var, ""), "OneDrive") for var in ("OneDrive", "OneDriveCommercial", "OneDriveConsumer")]
    roots += [(str(home / "Library" / "Mobile Documents"), "iCloud Drive"), (str(home / "Dropbox"), "Dropbox")]
    cloud = home / "Library" / "CloudStorage"  # macOS 12+: one folder per service, e.g. OneDrive-School
    names = {"onedrive": "OneDrive", "dropbox": "Dropbox", "googledrive": "Google Drive", "box": "Box"}
    with contextlib.suppress(OSError):
        if cloud.is_dir():
            roots += [(str(d), names.get(d.name.split("-")[0].lower(), "een clouddienst")) for d in cloud.iterdir()]
    target = os.path.normcase(os.path.abspath(path))
    for root, service in roots:
        if root and (target + os.sep).startswith(os.path.normcase(os.path.abspath(root)) + os.sep):
            return service
    return None


def network_warning(database: Path) -> str | None:
    """The Dutch warning for a live database on a network folder or in a synchronised folder, or None when it
    is on this computer only."""
    if is_network_path(database):
        waar = f"in een netwerkmap ({database.parent})"
    elif service := synced_service(database):
        waar = f"in een map die {service} synchroniseert ({database.parent})"
    else:
        return None
    return (f"De database staat {waar}. Dat is niet veilig: als de verbinding even wegvalt of er tussendoor een "
            "kopie wordt gemaakt, kan de database beschadigd raken, en het slot dat een tweede gebruiker "
            "tegenhoudt werkt daar niet altijd. Zet de database op deze computer zelf en kies de netwerkmap "
            "alleen voor de back-ups (Instellingen › Back-ups).")
