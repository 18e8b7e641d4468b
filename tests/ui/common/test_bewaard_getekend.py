"""Kader and ScrollBar copy what they once drew (a group box's frame, a scroll bar's groove): they must show what
a QGroupBox and a QScrollBar show, in every look."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QGroupBox, QHBoxLayout, QLabel, QScrollBar, QVBoxLayout, QWidget

from thuiszit_desktop.ui.common import theme
from thuiszit_desktop.ui.common.blocks import Kader, ScrollBar


@pytest.fixture
def app_theme(qapp: QApplication):
    yield qapp
    theme.reset_theme(qapp)


def _naast_elkaar(qtbot, titel: str) -> tuple[QWidget, QGroupBox, Kader]:
    """A QGroupBox and a Kader with the same title and content, the same size, in one window."""
    venster = QWidget()
    qtbot.addWidget(venster)
    layout = QVBoxLayout(venster)
    dozen = []
    for soort in (QGroupBox, Kader):
        doos = soort(titel)
        QVBoxLayout(doos).addWidget(QLabel("Geen signalen: de wettelijke grenzen zijn niet bereikt."))
        layout.addWidget(doos)
        dozen.append(doos)
    venster.resize(420, 260)
    venster.show()
    qtbot.waitExposed(venster)
    return venster, dozen[0], dozen[1]


def _zelfde(a: QWidget, b: QWidget) -> bool:
    """The same picture, give or take one step in 255 per colour channel: the frame's half-transparent edge is
    blended twice (into the kept picture, then onto the window), which can round the other way. Invisible."""
    assert a.size() == b.size()
    beelden = [w.grab().toImage().convertToFormat(QImage.Format.Format_ARGB32) for w in (a, b)]
    bytes_a, bytes_b = (bytes(beeld.constBits()) for beeld in beelden)
    return len(bytes_a) == len(bytes_b) and max(abs(x - y) for x, y in zip(bytes_a, bytes_b, strict=True)) <= 1


@pytest.mark.parametrize("schema", [None, Qt.ColorScheme.Light, Qt.ColorScheme.Dark])
def test_a_kader_looks_exactly_like_a_group_box(app_theme, qtbot, schema):
    if schema is not None:
        theme.apply_theme(app_theme, schema)  # Fusion with the theme's palette
    _venster, gewoon, kader = _naast_elkaar(qtbot, "Signalen (2)")
    assert _zelfde(gewoon, kader)
    # a new title, a disabled box, another size: drawn again, still the same as the group box
    for doos in (gewoon, kader):
        doos.setTitle("Verzuim per dag in schooljaar 2026-2027")
    assert _zelfde(gewoon, kader)
    for doos in (gewoon, kader):
        doos.setEnabled(False)
    assert _zelfde(gewoon, kader)
    for doos in (gewoon, kader):
        doos.setEnabled(True)
        doos.setFixedHeight(doos.height() + 37)
    qtbot.waitUntil(lambda: kader.height() == gewoon.height())
    assert _zelfde(gewoon, kader)


def test_a_kader_follows_a_theme_switch(app_theme, qtbot):
    theme.apply_theme(app_theme, Qt.ColorScheme.Light)
    _venster, gewoon, kader = _naast_elkaar(qtbot, "Signalen")
    licht = kader.grab().toImage()
    theme.apply_theme(app_theme, Qt.ColorScheme.Dark)
    qtbot.waitUntil(lambda: kader.grab().toImage() != licht)  # (the new palette reaches the widgets as events)
    assert _zelfde(gewoon, kader)


@pytest.mark.parametrize("schema", [None, Qt.ColorScheme.Light, Qt.ColorScheme.Dark])
def test_a_scroll_bar_looks_exactly_like_a_qscrollbar(app_theme, qtbot, schema):
    if schema is not None:
        theme.apply_theme(app_theme, schema)
    venster = QWidget()
    qtbot.addWidget(venster)
    layout = QHBoxLayout(venster)
    balken = []
    for soort in (QScrollBar, ScrollBar):
        balk = soort(Qt.Orientation.Vertical)
        balk.setRange(0, 700)
        balk.setPageStep(600)
        layout.addWidget(balk)
        balken.append(balk)
    gewoon, bewaard = balken
    venster.resize(80, 600)
    venster.show()
    qtbot.waitExposed(venster)
    assert _zelfde(gewoon, bewaard)
    for waarde, maximum in ((350, 700), (40, 2400), (0, 0)):  # another place, a shorter slider, nothing to scroll
        for balk in balken:
            balk.setMaximum(maximum)
            balk.setValue(waarde)
        assert _zelfde(gewoon, bewaard)
    venster.resize(80, 300)  # another length: the groove is drawn again
    qtbot.waitUntil(lambda: bewaard.height() < 400)
    assert _zelfde(gewoon, bewaard)
    for balk in balken:
        balk.setEnabled(False)
    assert _zelfde(gewoon, bewaard)
