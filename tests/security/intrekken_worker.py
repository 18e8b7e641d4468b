"""A process for tests/security/test_intrekken.py to kill inside the key rotation's swap:

    python intrekken_worker.py DATABASE STEP

Logs in as the zorgcoördinator and disables the mentor; when `swap._step` reaches STEP the process kills
itself with SIGKILL (no clean-up, no atexit), as a power cut would."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from thuiszit_desktop.db import swap
from thuiszit_desktop.services import session


def main(db_path: Path, stap: str) -> None:
    def misschien_dood(naam: str) -> None:
        if naam == stap:
            os.kill(os.getpid(), signal.SIGKILL)

    swap._step = misschien_dood
    services = session.login(db_path, "Anna de Vries", "Zorg-en-2026!")
    services.gebruikers.uitschakelen("Mo Mentor")
    print("niet gedood", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2])
