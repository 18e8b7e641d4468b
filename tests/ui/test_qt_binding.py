"""The Qt binding itself: PySide6-Essentials 6.12.0 lost a reference to None on every call that
returns nothing, so a long session aborted ("none_dealloc"). pyproject.toml pins below it; this test
says whether a release is safe before that pin moves. And PySide's reading of every module's source, which
thuiszit_desktop/ui/__init__.py switches off."""

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QObject


def test_calls_returning_nothing_keep_none_alive():
    obj = QObject()
    before = sys.getrefcount(None)
    for _ in range(5000):
        obj.setObjectName("x")  # returns None
        obj.parent()  # a null pointer, returned as None
    assert sys.getrefcount(None) >= before - 50


_BRONNEN = """
import linecache, sys
if sys.argv[1] == "ui":
    import thuiszit_desktop.ui
import gebruikt_pyside, colorsys
print(colorsys.__file__ in linecache.cache)
"""


def test_pyside_does_not_keep_the_source_of_every_module(tmp_path):
    # PySide reads the source of what a module that uses PySide imports (to see whether that uses it too)
    (tmp_path / "gebruikt_pyside.py").write_text("import PySide6.QtCore  # noqa\nimport colorsys  # noqa\n")

    def gelezen(eerst: str) -> bool:
        uit = subprocess.run([sys.executable, "-c", _BRONNEN, eerst], capture_output=True, text=True, check=True,
                             cwd=Path(__file__).parents[2],  # the checkout, where the package is
                             env={**os.environ, "PYTHONPATH": str(tmp_path)})
        return uit.stdout.strip() == "True"

    assert gelezen("pyside")  # PySide alone keeps its lines (when not: the switch in ui/__init__.py can go)
    assert not gelezen("ui")
