"""The Qt binding itself: PySide6-Essentials 6.12.0 lost a reference to None on every call that
returns nothing, so a long session aborted ("none_dealloc"). pyproject.toml pins below it; this test
says whether a release is safe before that pin moves."""

import sys

from PySide6.QtCore import QObject


def test_calls_returning_nothing_keep_none_alive():
    obj = QObject()
    before = sys.getrefcount(None)
    for _ in range(5000):
        obj.setObjectName("x")  # returns None
        obj.parent()  # a null pointer, returned as None
    assert sys.getrefcount(None) >= before - 50
