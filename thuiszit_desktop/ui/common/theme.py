"""The one visual language of the app: colours, spacing, font sizes and icons, in light and dark.

Every colour the UI paints comes from here, by role (`color("danger")`, `niveau_color(3)`), never as a
hex code in a view. `apply_theme(app)` picks the light or the dark palette from the system colour scheme,
installs the Fusion style with a matching QPalette (so every standard widget follows) and follows the
system when it switches. Widgets that paint themselves read the current palette while painting, so they
follow too; stylesheets with theme colours go through `style(widget, template)` to be re-applied.

tests/ui/common/test_theme.py checks the WCAG contrast of every text/background pair of both palettes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, fields
from functools import cache
from types import MappingProxyType

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication, QStyle, QToolTip, QWidget

from ... import paths

# --- type ---------------------------------------------------------------------------------------------

# A page title's size relative to the system's base size (in points), so 150 % scaling and a user's larger
# system font keep working.
FONT_TITLE = 4


# --- palettes -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Palette:
    """The colour roles, as "#rrggbb"."""

    name: str
    background: str  # the window
    surface: str  # lists, fields, cards
    surface_alt: str  # alternating rows, table headers, calm fills
    text: str
    muted: str  # secondary text: hints, dates, explanations
    border: str
    accent: str  # links, selection, the current step
    on_accent: str  # text on the accent colour
    danger: str  # over tijd, errors, ernstige signalen (as text)
    danger_bg: str  # a row or field with a problem
    warning: str  # notes that need attention (as text)
    warning_bg: str  # banners and notes
    warning_border: str
    success: str  # done, besproken (as text)
    selection_bg: str  # a calm selected card (not the strong highlight)
    niveau: Mapping[int, str]  # Kearney level 1/2/3: pyramid, badges, heat-map legend, charts
    on_niveau: Mapping[int, str]  # text drawn on a level colour
    reden: Mapping[str, str]  # a full day of verzuim per Reden (value), lighter for part of a day
    kalender: Mapping[str, str]  # day kinds in the calendars
    tijdlijn: Mapping[str, str]  # badge per Tijdlijnsoort (value); white letters on it

    def color(self, role: str) -> QColor:
        return QColor(getattr(self, role))

    def roles(self) -> dict[str, str]:
        """The plain roles (not the mappings), e.g. for stylesheet templates."""
        return {f.name: getattr(self, f.name) for f in fields(self) if isinstance(getattr(self, f.name), str)}


def _frozen(d: dict) -> Mapping:
    return MappingProxyType(d)


# Badges in the timeline carry a white letter, so they are dark enough in both schemes.
_TIJDLIJN = _frozen({
    "traject": "#37474f", "stap": "#1565c0", "signaal": "#8d5a00", "verzuim": "#c62828", "melding": "#ad1457",
    "mazl": "#00707a", "gesprek": "#2e7d32", "mdo": "#6a1b9a", "besluit": "#4527a0", "actiepunt": "#b23c00",
    "nazorg": "#44702a",
})

LIGHT = Palette(
    name="licht",
    background="#f5f6f8", surface="#ffffff", surface_alt="#eef0f3", text="#1f2328", muted="#57606a",
    border="#c8ccd2", accent="#1d5fb8", on_accent="#ffffff", danger="#b3261e", danger_bg="#f9dedc",
    warning="#8a5a00", warning_bg="#fff4d6", warning_border="#e6c86e", success="#2a7330", selection_bg="#e3eefb",
    niveau=_frozen({1: "#2e7d32", 2: "#b98300", 3: "#b3261e"}),
    on_niveau=_frozen({1: "#ffffff", 2: "#1a1a1a", 3: "#ffffff"}),
    reden=_frozen({"ongeoorloofd": "#c62828", "ziek": "#1565c0", "verlof": "#2e7d32", "schorsing": "#6a1b9a",
                   "overig_geoorloofd": "#c77700"}),
    kalender=_frozen({"lesdag": "#d7ecd0", "weekend": "#e2e2e2", "vakantie": "#9fcbef", "feestdag": "#f5b060",
                      "vrije_dag": "#c6a4e8", "geen_lesdag": "#cbcbcb", "aanwezig": "#ffffff",
                      "onbekend": "#fafafa", "rand": "#b9bec5", "rand_sterk": "#8c939c", "vandaag": "#1d1d1d",
                      "dag_tekst": "#111111", "dag_tekst_licht": "#ffffff", "dag_gedimd": "#555a60"}),
    tijdlijn=_TIJDLIJN,
)

DARK = Palette(
    name="donker",
    background="#1e1f22", surface="#2b2d31", surface_alt="#34373c", text="#e8eaed", muted="#a8b0b9",
    border="#4a4f57", accent="#7aa7e8", on_accent="#111111", danger="#f28b82", danger_bg="#4a2a28",
    warning="#e8b45a", warning_bg="#3a3222", warning_border="#7a6330", success="#81c995", selection_bg="#26384f",
    niveau=_frozen({1: "#57ab5a", 2: "#d4a72c", 3: "#e5534b"}),
    on_niveau=_frozen({1: "#111111", 2: "#111111", 3: "#111111"}),
    reden=_frozen({"ongeoorloofd": "#ef5350", "ziek": "#5c9ded", "verlof": "#57ab5a", "schorsing": "#b07fe0",
                   "overig_geoorloofd": "#e0a030"}),
    kalender=_frozen({"lesdag": "#2f4a2a", "weekend": "#3a3c40", "vakantie": "#264a6b", "feestdag": "#6b4a1e",
                      "vrije_dag": "#4d3a66", "geen_lesdag": "#45484d", "aanwezig": "#2b2d31",
                      "onbekend": "#25272b", "rand": "#5a5f67", "rand_sterk": "#8c939c", "vandaag": "#f0f0f0",
                      "dag_tekst": "#111111", "dag_tekst_licht": "#f0f0f0", "dag_gedimd": "#a8b0b9"}),
    tijdlijn=_TIJDLIJN,
)

_current: Palette = LIGHT


def current() -> Palette:
    """The palette in use (light until `apply_theme` chooses otherwise)."""
    return _current


def color(role: str) -> QColor:
    """A colour role of the current palette: "text", "muted", "danger", "accent", …"""
    return _current.color(role)


def niveau_color(niveau: int) -> QColor:
    return QColor(_current.niveau[niveau])


def niveau_stip(niveau: int, size: int = 10, ratio: float = 1.0) -> QPixmap:
    """A round dot in the level's colour (item views, the level filter, a student's page)."""
    pixels = max(1, round(size * ratio))
    pixmap = QPixmap(pixels, pixels)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(niveau_color(niveau))
    painter.drawEllipse(QRectF(0.5, 0.5, size - 1, size - 1))
    painter.end()
    return pixmap


def kalender_color(soort: str) -> QColor:
    return QColor(_current.kalender[soort])


def tijdlijn_color(soort: str) -> QColor:
    return QColor(_current.tijdlijn[str(soort)])


class _Live(Mapping):
    """A mapping that answers from the current palette, for module-level names like NIVEAU_KLEUR."""

    def __init__(self, attribute: str):
        self._attribute = attribute

    def _data(self) -> Mapping:
        return getattr(_current, self._attribute)

    def __getitem__(self, key) -> QColor:
        return QColor(self._data()[key if isinstance(key, int) else str(key)])

    def __iter__(self) -> Iterator:
        return iter(self._data())

    def __len__(self) -> int:
        return len(self._data())


NIVEAU_KLEUR: Mapping[int, QColor] = _Live("niveau")
NIVEAU_TEKSTKLEUR: Mapping[int, QColor] = _Live("on_niveau")
REDEN_KLEUR: Mapping = _Live("reden")  # keyed by Reden (a StrEnum) or its value
KALENDER_KLEUR: Mapping[str, QColor] = _Live("kalender")


def mix(kleur: QColor, achtergrond: QColor, t: float) -> QColor:
    """`t` of the way from `achtergrond` to `kleur` (0 → the background, 1 → the colour)."""
    t = max(0.0, min(1.0, t))
    return QColor(round(achtergrond.red() + (kleur.red() - achtergrond.red()) * t),
                  round(achtergrond.green() + (kleur.green() - achtergrond.green()) * t),
                  round(achtergrond.blue() + (kleur.blue() - achtergrond.blue()) * t))


# --- contrast (WCAG 2) ----------------------------------------------------------------------------------

@cache  # a few dozen colours, asked for per cell of a year grid (the calendar's first paint)
def luminance(hex_color: str) -> float:
    """The relative luminance of "#rrggbb" (WCAG 2)."""
    value = hex_color.lstrip("#")

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(value[i:i + 2], 16) / 255) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two "#rrggbb" colours (1 … 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


# --- applying ---------------------------------------------------------------------------------------------

_before: tuple[str, QPalette, str, QPalette] | None = None  # style, palette, stylesheet, tooltips' palette
_STYLE_PROPERTY = "themaStijl"  # the template of a widget's theme-aware stylesheet

# No app-wide stylesheet where it is not needed: with one, Qt puts every widget of the program through its
# style-sheet machinery when it is polished – 30–50 % of building an area the first time it is shown, at 20,000
# students the longest stall (issue 16). Tooltips take their colours from their palette (`QToolTip.setPalette`),
# the navigation has a sheet of its own (NAVIGATIE_STIJL). Dialog buttons come without the platform's icons
# (one icon set); only a platform whose style gives them icons needs this sheet for the whole app.
_GEEN_KNOPICONEN = "QDialogButtonBox { dialogbuttonbox-buttons-have-icons: 0; }"
_knopiconen: bool | None = None  # whether Fusion on this platform gives dialog buttons icons (asked once)

# The navigation as rounded items on the window's background (a template for `style`).
NAVIGATIE_STIJL = """
QListWidget {{ background: transparent; }}
QListWidget::item {{ padding: 4px; border-radius: 4px; }}
QListWidget::item:selected {{ background: {accent}; color: {on_accent}; }}
"""


def palette_for(scheme: Qt.ColorScheme | None) -> Palette:
    return DARK if scheme == Qt.ColorScheme.Dark else LIGHT


def qpalette(p: Palette) -> QPalette:
    """The QPalette of a palette, for the Fusion style (disabled text in the muted colour)."""
    qp = QPalette()
    roles = QPalette.ColorRole
    for role, value in ((roles.Window, p.background), (roles.WindowText, p.text), (roles.Base, p.surface),
                        (roles.AlternateBase, p.surface_alt), (roles.Text, p.text), (roles.Button, p.surface_alt),
                        (roles.ButtonText, p.text), (roles.ToolTipBase, p.surface), (roles.ToolTipText, p.text),
                        (roles.PlaceholderText, p.muted), (roles.Highlight, p.accent),
                        (roles.HighlightedText, p.on_accent), (roles.Link, p.accent), (roles.LinkVisited, p.accent),
                        (roles.BrightText, p.danger), (roles.Light, p.surface), (roles.Midlight, p.surface_alt),
                        (roles.Mid, p.border), (roles.Dark, p.border), (roles.Shadow, "#000000")):
        qp.setColor(role, QColor(value))
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        qp.setColor(QPalette.ColorGroup.Disabled, role, QColor(p.muted))
    qp.setColor(QPalette.ColorGroup.Disabled, roles.Highlight, QColor(p.border))
    return qp


def apply_theme(app: QApplication, scheme: Qt.ColorScheme | None = None) -> Palette:
    """Fusion with the palette of `scheme` (None: the system's), and follow the system from now on."""
    global _current, _before, _knopiconen
    if scheme is None:
        scheme = app.styleHints().colorScheme()
    _current = palette_for(scheme)
    if _before is None:  # the first time: Fusion (built into Qt) draws with any palette
        _before = (app.style().name(), QPalette(app.palette()), app.styleSheet(), QToolTip.palette())
        app.setStyle("Fusion")
    if _knopiconen is None:  # before any sheet of ours: asked of the style itself
        _knopiconen = bool(app.style().styleHint(QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons))
    palette = qpalette(_current)
    app.setPalette(palette)
    QToolTip.setPalette(palette)
    app.setStyleSheet(_GEEN_KNOPICONEN if _knopiconen else "")
    for widget in app.allWidgets():  # stylesheets with theme colours, and custom painting
        template = widget.property(_STYLE_PROPERTY)
        if template:
            _toepassen(widget, template)
        widget.update()
    if not app.property("themaVolgtSysteem"):
        app.setProperty("themaVolgtSysteem", True)
        app.styleHints().colorSchemeChanged.connect(lambda s: apply_theme(app, s))
    return _current


def reset_theme(app: QApplication) -> None:
    """Back to how the app looked before `apply_theme` (tests share one QApplication)."""
    global _current, _before
    _current = LIGHT
    if _before is not None:
        name, palette, sheet, tips = _before
        _before = None
        app.setStyleSheet(sheet)
        app.setPalette(palette)
        QToolTip.setPalette(tips)
        if name:
            app.setStyle(name)


def style(widget: QWidget, template: str) -> QWidget:
    """A stylesheet with theme colours ("color: {danger};") that follows light/dark; returns the widget."""
    widget.setProperty(_STYLE_PROPERTY, template)
    _toepassen(widget, template)
    return widget


_ALLEEN_KLEUR = re.compile(r"color: \{(\w+)\};")


def _toepassen(widget: QWidget, template: str) -> None:
    """A text colour alone goes into the widget's palette: a widget with a stylesheet of its own is polished
    by Qt's style-sheet machinery, which costs milliseconds per widget (the hints of every screen; issue 16)."""
    if kleur := _ALLEEN_KLEUR.fullmatch(template):
        if widget.styleSheet():  # (one it had before)
            widget.setStyleSheet("")
        palette = widget.palette()
        for rol in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
            palette.setColor(rol, QColor(getattr(_current, kleur.group(1))))
        widget.setPalette(palette)
    else:
        widget.setStyleSheet(template.format(**_current.roles()))


def css(role: str) -> str:
    """A colour role for HTML in rich-text labels (re-rendered by the caller when the text changes)."""
    return getattr(_current, role)


# --- icons ----------------------------------------------------------------------------------------------

# One set: Lucide (ISC licence, resources/icons/lucide/LICENSE), stroke icons drawn in the text colour.
ICONS = {
    "vandaag": "house", "leerlingen": "users", "trajecten": "list-checks", "overzichten": "chart-column",
    "schoolkalender": "calendar-days", "contactmoment": "message-square-plus", "importeren": "file-up",
    "exporteren": "file-down", "afdrukken": "printer", "zoeken": "search", "vergrendelen": "lock",
    "instellingen": "settings", "verwijderen": "trash-2", "ongedaan_maken": "undo-2", "nieuwe_leerling": "user-plus",
    "terug": "arrow-left", "bewerken": "pencil", "toevoegen": "plus", "sluiten": "x",
}


class _SvgIconEngine(QIconEngine):
    """Renders a stroke SVG in the current palette's text colour (muted when disabled), at any size."""

    def __init__(self, svg: str):
        super().__init__()
        self._svg = svg

    def _kleur(self, mode: QIcon.Mode) -> str:
        return getattr(_current, {QIcon.Mode.Disabled: "muted", QIcon.Mode.Selected: "on_accent"}.get(mode, "text"))

    def _renderer(self, mode: QIcon.Mode) -> QSvgRenderer:
        sleutel = (self._svg, self._kleur(mode))
        if (renderer := _renderers.get(sleutel)) is None:
            renderer = _renderers[sleutel] = QSvgRenderer(QByteArray(self._svg.replace("currentColor", sleutel[1])
                                                                      .encode()))
        return renderer

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        # The drawn pixmap, not the SVG: the navigation repaints its icons with every change of area, and
        # parsing and drawing the SVG each time froze the window for milliseconds (issue 16).
        device = painter.device()
        schaal = device.devicePixelRatioF() if device is not None else 1.0
        painter.drawPixmap(rect, self.scaledPixmap(rect.size(), mode, state, schaal))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        """Drawn once per size and colour."""
        sleutel = (self._svg, self._kleur(mode), size.width(), size.height())
        if (pixmap := _pixmaps.get(sleutel)) is None:
            pixmap = QPixmap(size)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            self._renderer(mode).render(painter, QRectF(0, 0, size.width(), size.height()))
            painter.end()
            _pixmaps[sleutel] = pixmap
        return QPixmap(pixmap)  # (a copy shares the pixels; the caller may set its own pixel ratio)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float) -> QPixmap:
        pixmap = self.pixmap(QSize(round(size.width() * scale), round(size.height() * scale)), mode, state)
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        side = min(size.width(), size.height())
        return QSize(side, side)

    def clone(self) -> QIconEngine:
        return _SvgIconEngine(self._svg)

    def key(self) -> str:
        return "thuiszit-svg"


_svg_cache: dict[str, str] = {}
_renderers: dict[tuple[str, str], QSvgRenderer] = {}  # (svg, colour): parsed once
_pixmaps: dict[tuple[str, str, int, int], QPixmap] = {}  # (svg, colour, width, height): drawn once


def icon(name: str) -> QIcon:
    """The icon for an action or area ("afdrukken", "vandaag", … see ICONS), tinted for light and dark."""
    file = ICONS[name]
    if file not in _svg_cache:
        _svg_cache[file] = paths.resource("icons", "lucide", f"{file}.svg").read_text(encoding="utf-8")
    return QIcon(_SvgIconEngine(_svg_cache[file]))
