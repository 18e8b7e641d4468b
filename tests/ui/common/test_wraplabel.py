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


def test_a_text_label_remembers_its_height_per_width_only_while_nothing_changes(qtbot):
    """text_label answers a layout's repeated "how high at this width?" from memory; a new text, font or style
    sheet is measured again – the same answer a plain QLabel gives."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QLabel

    from thuiszit_desktop.ui.common import theme
    from thuiszit_desktop.ui.common.blocks import text_label

    label = text_label("Kort")
    qtbot.addWidget(label)

    def zoals_qlabel() -> int:
        vergelijk = QLabel(label.text())
        vergelijk.setTextFormat(Qt.TextFormat.PlainText)
        vergelijk.setWordWrap(True)
        vergelijk.setTextInteractionFlags(label.textInteractionFlags())
        vergelijk.setFont(label.font())
        vergelijk.setStyleSheet(label.styleSheet())
        qtbot.addWidget(vergelijk)
        return vergelijk.heightForWidth(200)

    kort = label.heightForWidth(200)
    assert kort == zoals_qlabel() and label.heightForWidth(200) == kort
    label.setText(TEKST)
    assert label.heightForWidth(200) > kort and label.heightForWidth(200) == zoals_qlabel()
    lang = label.heightForWidth(200)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 2)
    label.setFont(font)
    assert label.heightForWidth(200) > lang and label.heightForWidth(200) == zoals_qlabel()
    groot = label.heightForWidth(200)
    theme.style(label, "padding: 20px;")
    assert label.heightForWidth(200) > groot and label.heightForWidth(200) == zoals_qlabel()
