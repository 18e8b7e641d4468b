"""The screen lock's rules: when the screen locks, and how long a wrong password makes the user wait."""

from __future__ import annotations

from .errors import InvoerFout

STANDAARD_MINUTEN = 10  # lock after 10 idle minutes unless the school chose otherwise
MAX_MINUTEN = 240
VRIJE_POGINGEN = 3  # the first three wrong passwords cost nothing: typos happen
MAX_WACHTTIJD = 60  # seconds


def wachttijd(mislukt: int) -> int:
    """Seconds to wait before the next attempt after `mislukt` wrong passwords in a row.

    Nothing for the first few (typos), then 2, 4, 8, … seconds, never more than a minute: slow enough to
    make guessing pointless, short enough that the real user is not locked out.
    """
    if mislukt < VRIJE_POGINGEN:
        return 0
    return min(MAX_WACHTTIJD, 2 ** (mislukt - VRIJE_POGINGEN + 1))


def check_minuten(waarde: object) -> int:
    """The idle time setting: whole minutes, 0 = never lock automatically."""
    try:
        minuten = int(waarde)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        raise InvoerFout({"vergrendelen": "Vul een aantal minuten in (0 = nooit)."}) from None
    if not 0 <= minuten <= MAX_MINUTEN:
        raise InvoerFout({"vergrendelen": f"Kies 0 tot en met {MAX_MINUTEN} minuten (0 = nooit)."})
    return minuten
