"""The Qt Widgets user interface (the only package besides app.py that imports PySide6).

Every module of the interface is imported through this package, so this is where PySide6 is first loaded:
PySide then reads the source of every module imported after it, to see whether it says
`from __feature__ import …` (this program never does), and `linecache` keeps every line it read – 7–9 MB at
the window's peak (issue 16). The installed program has no sources to read; a run from the sources now does not
read them either. A later PySide that works differently keeps working; tests/ui/test_qt_binding.py notices.
"""

import sys

import PySide6  # noqa: F401  (loads shiboken's feature support)

_feature = sys.modules.get("shibokensupport.feature")
if _feature is not None and hasattr(_feature, "_mod_uses_pyside"):
    _feature._mod_uses_pyside = lambda _module: False
