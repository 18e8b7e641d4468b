"""WrapLabel claims the height its lines need – and gives it back when it gets wider."""

from __future__ import annotations

from thuiszit_desktop.ui.common.widgets import WrapLabel

TEKST = "Anoniem overzicht voor het samenwerkingsverband: iedere leerling die in het kwartaal thuiszat. " * 2


def test_a_label_laid_out_narrow_first_shrinks_back_when_it_gets_wide(qtbot):
    label = WrapLabel(TEKST)
    qtbot.addWidget(label)
    label.show()
    label.resize(60, 400)  # a first layout while the window is still small
    qtbot.waitUntil(lambda: label.minimumHeight() > 100)
    label.resize(1200, 400)
    qtbot.waitUntil(lambda: label.minimumHeight() < 60)
    assert label.minimumHeight() == label.heightForWidth(1200)
