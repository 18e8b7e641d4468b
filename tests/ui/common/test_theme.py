"""The visual language: WCAG contrast of both palettes, light/dark switching, tinted icons."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QToolTip

from thuiszit_desktop import paths
from thuiszit_desktop.domain.tijdlijn import Tijdlijnsoort
from thuiszit_desktop.domain.verzuim import Reden
from thuiszit_desktop.ui.common import theme

PALETTES = [theme.LIGHT, theme.DARK]
TEXT = ("text", "muted", "danger", "warning", "success", "accent")


@pytest.fixture
def app_theme(qapp: QApplication):
    """Gives the test the app; puts style, palette and stylesheet back afterwards for the other tests."""
    sheet, window = qapp.styleSheet(), qapp.palette().color(QPalette.ColorRole.Window)
    yield qapp
    theme.reset_theme(qapp)
    assert theme.current() is theme.LIGHT
    assert (qapp.styleSheet(), qapp.palette().color(QPalette.ColorRole.Window)) == (sheet, window)


def test_contrast_matches_known_values():
    assert theme.contrast("#000000", "#ffffff") == pytest.approx(21)
    assert theme.contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("p", PALETTES, ids=lambda p: p.name)
def test_every_text_colour_is_readable_on_every_background(p: theme.Palette):
    for bg in ("background", "surface", "surface_alt"):
        for fg in TEXT:
            assert theme.contrast(getattr(p, fg), getattr(p, bg)) >= 4.5, (p.name, fg, bg)
    assert theme.contrast(p.on_accent, p.accent) >= 4.5
    assert theme.contrast(p.text, p.selection_bg) >= 4.5
    assert theme.contrast(p.accent, p.selection_bg) >= 4.5
    for fg in ("warning", "text"):
        assert theme.contrast(getattr(p, fg), p.warning_bg) >= 4.5, (p.name, fg)
    for fg in ("danger", "text"):
        assert theme.contrast(getattr(p, fg), p.danger_bg) >= 4.5, (p.name, fg)


@pytest.mark.parametrize("p", PALETTES, ids=lambda p: p.name)
def test_level_colours_stand_out_and_carry_readable_text(p: theme.Palette):
    assert set(p.niveau) == set(p.on_niveau) == {1, 2, 3}
    for niveau, kleur in p.niveau.items():
        assert theme.contrast(p.on_niveau[niveau], kleur) >= 4.5, (p.name, niveau)
        for bg in ("background", "surface"):  # graphical objects: 3:1 (WCAG 1.4.11)
            assert theme.contrast(kleur, getattr(p, bg)) >= 3, (p.name, niveau, bg)
    assert len(set(p.niveau.values())) == 3


@pytest.mark.parametrize("p", PALETTES, ids=lambda p: p.name)
def test_heat_map_timeline_and_calendar_colours(p: theme.Palette):
    assert set(p.reden) == {r.value for r in Reden}
    for reden, kleur in p.reden.items():  # a day with a full day of verzuim against an empty day
        assert theme.contrast(kleur, p.kalender["aanwezig"]) >= 3, (p.name, reden)
    assert set(p.tijdlijn) == {s.value for s in Tijdlijnsoort}
    for soort, kleur in p.tijdlijn.items():
        assert theme.contrast("#ffffff", kleur) >= 4.5, (p.name, soort)
    for soort in ("lesdag", "weekend", "vakantie", "feestdag", "vrije_dag", "geen_lesdag", "aanwezig", "onbekend"):
        fill = p.kalender[soort]
        best = max(theme.contrast(p.kalender["dag_tekst"], fill), theme.contrast(p.kalender["dag_tekst_licht"], fill))
        assert best >= 4.5, (p.name, soort)
    for soort in ("weekend", "geen_lesdag", "vakantie", "feestdag", "vrije_dag"):
        assert theme.contrast(p.kalender["dag_gedimd"], p.kalender[soort]) >= 3, (p.name, soort)
    assert theme.contrast(p.kalender["vandaag"], p.kalender["aanwezig"]) >= 3


def test_apply_theme_switches_palette_stylesheets_and_icons(app_theme, qtbot):
    label = QLabel("Te laat")
    qtbot.addWidget(label)
    theme.style(label, "color: {danger};")  # a colour alone: in the palette (no stylesheet machinery)
    kader = QLabel("Let op")
    qtbot.addWidget(kader)
    theme.style(kader, "color: {warning}; border: 1px solid {warning_border};")
    icon = theme.icon("afdrukken")

    def icon_colours() -> set[str]:
        image = icon.pixmap(QSize(32, 32)).toImage()
        return {image.pixelColor(x, y).name() for x in range(32) for y in range(32)
                if image.pixelColor(x, y).alpha() == 255}

    assert theme.apply_theme(app_theme, Qt.ColorScheme.Dark) is theme.DARK
    assert theme.current() is theme.DARK
    assert app_theme.palette().color(QPalette.ColorRole.Window).name() == theme.DARK.background
    assert app_theme.palette().color(QPalette.ColorRole.Text).name() == theme.DARK.text
    assert label.palette().color(QPalette.ColorRole.WindowText).name() == theme.DARK.danger
    assert theme.DARK.warning in kader.styleSheet()  # more than a colour: a stylesheet
    assert icon_colours() == {theme.DARK.text}
    assert theme.NIVEAU_KLEUR[3].name() == theme.DARK.niveau[3]
    assert theme.REDEN_KLEUR[Reden.ZIEK].name() == theme.DARK.reden["ziek"]

    theme.apply_theme(app_theme, Qt.ColorScheme.Light)
    assert app_theme.palette().color(QPalette.ColorRole.Window).name() == theme.LIGHT.background
    assert label.palette().color(QPalette.ColorRole.WindowText).name() == theme.LIGHT.danger
    assert theme.LIGHT.warning in kader.styleSheet()
    assert icon_colours() == {theme.LIGHT.text}
    assert theme.color("danger").name() == theme.LIGHT.danger


def test_tooltips_and_dialog_buttons_without_an_app_wide_stylesheet(app_theme, qtbot):
    """An app-wide stylesheet puts every widget through Qt's style-sheet machinery (issue 16): tooltips take
    the theme from their palette and dialog buttons stay without the platform's icons all the same."""
    for scheme, p in ((Qt.ColorScheme.Dark, theme.DARK), (Qt.ColorScheme.Light, theme.LIGHT)):
        theme.apply_theme(app_theme, scheme)
        tips = QToolTip.palette()
        assert tips.color(QPalette.ColorRole.ToolTipBase).name() == p.surface
        assert tips.color(QPalette.ColorRole.ToolTipText).name() == p.text
        knoppen = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(knoppen)
        assert all(knop.icon().isNull() for knop in knoppen.buttons())
    if not theme._knopiconen:  # a platform whose dialog buttons have no icons: no sheet for the whole app
        assert app_theme.styleSheet() == ""


def test_theme_follows_the_system_colour_scheme(app_theme):
    theme.apply_theme(app_theme)  # connects to colorSchemeChanged
    app_theme.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert theme.current() is theme.DARK
    assert app_theme.palette().color(QPalette.ColorRole.Base).name() == theme.DARK.surface
    app_theme.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert theme.current() is theme.LIGHT


def test_every_icon_is_bundled_with_its_licence(qapp):
    assert paths.resource("icons", "lucide", "LICENSE").read_text(encoding="utf-8").startswith("ISC License")
    for name in theme.ICONS:
        assert not theme.icon(name).pixmap(QSize(24, 24)).isNull(), name
