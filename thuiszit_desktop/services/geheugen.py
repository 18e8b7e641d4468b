"""When Python's collector of reference cycles runs (issue 16). It walks the objects of a generation holding
Python's lock, and everything here frees itself by reference counting anyway: the collector only has cycles to
find, and a big school makes objects by the hundred thousand.

- `__main__.py` starts the program with it off; `na_de_start` turns it on once the first window is shown (a
  command: app.main), with what the start made frozen – it lives as long as the program.
- `minder_pauzes`: the GUI's thresholds.
- `zonder`: off while one long piece of work runs (a verzuim import); on again when the last such piece ends.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

# A big school's signals computation (a worker thread) makes about a million objects, and with the default
# thresholds its collections froze the window for 0.15–0.4 s at a time (measured beside the computation: longest
# pauses 390/210/190 ms with the defaults, 156 ms once and then under 60 ms with these). Young objects are
# collected less often; reference counting frees everything else at once as before.
DREMPELS = (20_000, 20, 20)

_slot = threading.Lock()
_bezig = 0  # pieces of work inside `zonder` now
_was_aan = False  # whether the collector ran when the first of them began


def minder_pauzes() -> None:
    """Once, when the GUI starts (see DREMPELS)."""
    gc.set_threshold(*DREMPELS)


def na_de_start() -> None:
    """Once the first window is shown: the collector on again (__main__.py starts without it), the objects of the
    start frozen – they live as long as the program, and a walk of them all was ~15 ms of every start."""
    gc.freeze()
    gc.enable()


@contextlib.contextmanager
def zonder() -> Iterator[None]:
    """The collector off while this runs – in every thread: it is one for the process. A verzuim import holds
    ~500,000 objects for a moment and its collections walked them again and again (0.25–0.3 s of a 1.8 s import
    of 158,000 lines); none of them is part of a cycle. Pieces may overlap (threads) or nest: the collector is
    on again, if it was on before the first began, when the last one ends."""
    global _bezig, _was_aan
    with _slot:
        if _bezig == 0:
            _was_aan = gc.isenabled()
            gc.disable()
        _bezig += 1
    try:
        yield
    finally:
        with _slot:
            _bezig -= 1
            if _bezig == 0 and _was_aan:
                gc.enable()
