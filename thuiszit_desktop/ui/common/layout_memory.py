"""Remembered layout: splitter positions and table columns (widths, order, sort) in QSettings.

`remember(widget, key, settings)` does one QSplitter or QHeaderView; `remember_layout(root, prefix,
settings)` does every splitter and table header under `root` that it has not done yet, with a key made
of the widget's place in the window, so a view needs no code of its own. The main window calls it for its
areas; a dialog calls it once at the end of its constructor.

Views refill their tables and often size the columns to their contents afterwards. So a header saves only
what the user did (a column dragged wider, a header clicked to sort) and puts back, after each refill, the
width of the columns the user dragged – and only those: the others keep fitting their contents (a width
kept from an earlier refill would cut the longer text of the next one).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QCalendarWidget, QHeaderView, QSplitter, QWidget

_DONE = "indelingOnthouden"  # a widget property: remembered already


class _Memory(QObject):
    """Keeps one splitter's or header's state in `settings[key]` (a child of the widget, so it dies with it)."""

    def __init__(self, widget: QSplitter | QHeaderView, key: str, settings: QSettings):
        super().__init__(widget)
        self.widget, self.key, self.settings = widget, key, settings
        self.widths: dict[int, int] = {}  # the widths of the columns the user dragged, to put back after a refill
        self._pending = False
        state = settings.value(key)
        if isinstance(state, QByteArray | bytes) and state:
            widget.restoreState(QByteArray(state))  # (a header's view sorts again by its signal)
            gesleept = settings.value(f"{key}-gesleept", "", type=str)
            self.gesleept = {int(k) for k in gesleept.split(",") if k.isdigit()}
        else:
            self.gesleept = set()  # logical columns the user sized by dragging
        self._keep_widths()
        if isinstance(widget, QSplitter):
            widget.splitterMoved.connect(self.save)  # only the user moves a splitter
            return
        # Only what the user does: code that sorts or sizes columns on a refill must not be saved over it.
        widget.sectionResized.connect(self._resized)
        widget.sectionMoved.connect(self.save)
        widget.sectionClicked.connect(self._save_soon)  # sorted by a click on the header
        widget.sectionHandleDoubleClicked.connect(self._fit_again)  # a column sized to its contents
        model = widget.model()
        if model is not None:  # a refill may size the columns to their contents: put the user's widths back
            for signal in (model.modelReset, model.layoutChanged, model.rowsInserted):
                signal.connect(self._refilled)

    def save(self, *_args) -> None:
        self.settings.setValue(self.key, self.widget.saveState())
        if isinstance(self.widget, QHeaderView):
            self.settings.setValue(f"{self.key}-gesleept", ",".join(str(i) for i in sorted(self.gesleept)))
        self._keep_widths()

    def _keep_widths(self) -> None:
        if isinstance(self.widget, QHeaderView):
            self.widths = {i: self.widget.sectionSize(i) for i in list(self.gesleept) if i < self.widget.count()}

    def _save_soon(self, *_args) -> None:
        QTimer.singleShot(0, self, self.save)  # once the view has handled the click

    def _resized(self, logical: int, *_args) -> None:
        if QGuiApplication.mouseButtons() != Qt.MouseButton.NoButton:  # a column border dragged by the user
            self.gesleept.add(logical)
            self.save()

    def _fit_again(self, logical: int) -> None:
        """A double click on a column border: that column fits its contents again, also after a refill."""
        self.gesleept.discard(logical)
        self._save_soon()

    def _refilled(self, *_args) -> None:
        if self.widths and not self._pending:
            self._pending = True
            QTimer.singleShot(0, self, self._put_widths_back)  # after the view's own sizing of the columns

    def _put_widths_back(self) -> None:
        self._pending = False
        header = self.widget
        stretching = header.logicalIndex(header.count() - 1) if header.stretchLastSection() else -1
        for i, width in self.widths.items():
            if (i < header.count() and header.sectionResizeMode(i) == QHeaderView.ResizeMode.Interactive
                    and i != stretching and header.sectionSize(i) != width):
                header.resizeSection(i, width)  # only the columns the user sizes, not the one filling the rest


def remember(widget: QSplitter | QHeaderView, key: str, settings: QSettings) -> None:
    """Restore `widget` from `settings[key]` and save it there whenever the user changes it (once per widget)."""
    if widget.property(_DONE):
        return
    widget.setProperty(_DONE, True)
    _Memory(widget, key, settings)


def _place(widget: QWidget, root: QWidget) -> str:
    """The widget's place under `root`: the object names or class names of it and its parents."""
    parts = []
    while widget is not None and widget is not root:
        parts.append(widget.objectName() or type(widget).__name__)
        widget = widget.parentWidget()
    return "/".join([type(root).__name__, *reversed(parts)])


def _internal(widget: QWidget, root: QWidget) -> bool:
    """Part of a compound Qt widget (a calendar popup's table), not a table of the app's own."""
    while widget is not None and widget is not root:
        if isinstance(widget, QCalendarWidget):
            return True
        widget = widget.parentWidget()
    return False


def remember_layout(root: QWidget, prefix: str, settings: QSettings, binnen: QWidget | None = None) -> int:
    """Remember every splitter and horizontal table header under `root` not done yet; how many were new.

    `binnen`: only those under this part of `root` (e.g. the area just shown), with the same keys – walking
    a whole window of built areas on every switch cost milliseconds of the click (issue 16)."""
    new = 0
    deel = binnen if binnen is not None else root
    widgets: list[QWidget] = [*deel.findChildren(QSplitter), *deel.findChildren(QHeaderView)]
    if isinstance(deel, QSplitter | QHeaderView):
        widgets.insert(0, deel)
    seen: dict[str, int] = {}  # places shared by several widgets are numbered in the order Qt lists them
    for widget in widgets:
        if _internal(widget, root) or (isinstance(widget, QHeaderView)
                                       and widget.orientation() != Qt.Orientation.Horizontal):
            continue  # a calendar popup's table, row numbers: nothing of the user's
        # The count in the key: a table with other columns (or a splitter with other parts) starts afresh.
        place = f"{_place(widget, root)}/{widget.count()}"
        seen[place] = seen.get(place, 0) + 1
        if not widget.property(_DONE):
            remember(widget, f"{prefix}/{place}/{seen[place]}", settings)
            new += 1
    return new
