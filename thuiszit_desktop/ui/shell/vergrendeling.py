"""The screen lock: after a set idle time or on Ctrl+L, nothing about students is visible until the user
types their password again (or signs off).

While locked, every window of the application (the main window and any open dialog) has its content
hidden – not closed, so nothing typed in an open dialog is lost – and its title replaced; the lock
screen itself is an application-modal dialog, so no shortcut or click reaches the windows behind it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QWindow
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import DatabaseFout, InlogFout
from ...domain.vergrendeling import STANDAARD_MINUTEN
from ...services.session import Services
from ..common import errors, theme
from ..common.widgets import Wachttijd, heading, hint

log = logging.getLogger(__name__)

TITEL = "Thuiszit Desktop – vergrendeld"
SNELTOETS = "Ctrl+L"
# What counts as "the user is here": input, not paints or timers.
_INVOER = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin, QEvent.Type.TabletPress,
})


@dataclass
class _Verborgen:
    """One window whose content is hidden while locked, and what to give back."""

    venster: QWidget
    titel: str
    kinderen: list[QWidget] = field(default_factory=list)


class Vergrendelscherm(QDialog):
    """The lock screen: the user's name, a password field, Ontgrendelen and Afmelden."""

    ontgrendeld = Signal()
    afmelden = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.setObjectName("vergrendelscherm")
        self.setWindowTitle(TITEL)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)

        self.titel = heading("Thuiszit Desktop is vergrendeld", 2)
        self.uitleg = hint("Om de gegevens van leerlingen te beschermen is het scherm vergrendeld. "
                           "Typ uw wachtwoord om verder te werken.")
        self.naam = QLabel(services.gebruiker.naam)
        self.naam.setObjectName("gebruiker")
        self.wachtwoord = QLineEdit()
        self.wachtwoord.setEchoMode(QLineEdit.EchoMode.Password)
        self.wachtwoord.setAccessibleName("Wachtwoord")
        self.wachtwoord.returnPressed.connect(self.ontgrendel)
        self.melding = QLabel()
        self.melding.setWordWrap(True)
        theme.style(self.melding, "color: {danger};")
        self.melding.setAccessibleName("Melding")
        self.ontgrendel_knop = QPushButton("Ontgrendelen")
        self.ontgrendel_knop.setDefault(True)
        self.ontgrendel_knop.clicked.connect(self.ontgrendel)
        self.afmelden_knop = QPushButton("Afmelden")
        self.afmelden_knop.setToolTip("Stoppen en terug naar het inlogscherm (wat niet is opgeslagen, gaat verloren)")
        self.afmelden_knop.clicked.connect(self._afmelden)

        form = QFormLayout()
        form.addRow("Gebruiker:", self.naam)
        form.addRow("&Wachtwoord:", self.wachtwoord)
        knoppen = QHBoxLayout()
        knoppen.addStretch(1)
        knoppen.addWidget(self.afmelden_knop)
        knoppen.addWidget(self.ontgrendel_knop)

        kaart = QWidget()
        kaart.setMaximumWidth(460)
        binnen = QVBoxLayout(kaart)
        binnen.addWidget(self.titel)
        binnen.addWidget(self.uitleg)
        binnen.addLayout(form)
        binnen.addWidget(self.melding)
        binnen.addLayout(knoppen)
        buiten = QVBoxLayout(self)
        buiten.addStretch(1)
        midden = QHBoxLayout()
        midden.addStretch(1)
        midden.addWidget(kaart)
        midden.addStretch(1)
        buiten.addLayout(midden)
        buiten.addStretch(2)
        self.setTabOrder(self.wachtwoord, self.ontgrendel_knop)
        self.setTabOrder(self.ontgrendel_knop, self.afmelden_knop)

        self.wachttijd = Wachttijd("een verkeerd wachtwoord", self)
        self.wachttijd.bericht.connect(self.melding.setText)
        self.wachttijd.voorbij.connect(self._opnieuw)

    # --- unlocking -------------------------------------------------------------------------------------

    def ontgrendel(self) -> None:
        if self.wachttijd.wacht:
            return
        wachtwoord = self.wachtwoord.text()
        if not wachtwoord:
            self.melding.setText("Typ uw wachtwoord.")
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # scrypt takes about 0.1 s
        try:
            self.services.vergrendeling.controleer_wachtwoord(wachtwoord)
        except InlogFout:
            self._mislukt()
            return
        except DatabaseFout as exc:  # the shared school database does not answer: the screen stays locked
            self.melding.setText(str(exc))
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.wachttijd.goed()
        self.wachtwoord.clear()
        self.melding.clear()
        self.ontgrendeld.emit()

    def _mislukt(self) -> None:
        self.wachtwoord.clear()
        if self.wachttijd.fout():
            self.wachtwoord.setEnabled(False)
            self.ontgrendel_knop.setEnabled(False)
        else:
            self.melding.setText("Dat wachtwoord klopt niet. Probeer het opnieuw.")
            self.wachtwoord.setFocus()

    def _opnieuw(self) -> None:
        self.melding.setText("Probeer het opnieuw.")
        self.wachtwoord.setEnabled(True)
        self.ontgrendel_knop.setEnabled(True)
        self.wachtwoord.setFocus()

    def _afmelden(self) -> None:
        if errors.ask(self, "Afmelden? Wat in een open venster nog niet is opgeslagen, gaat verloren.",
                      title="Afmelden"):
            self.afmelden.emit()

    # --- it cannot be closed any other way -----------------------------------------------------------

    def reject(self) -> None:  # Escape
        pass

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.property("mag_sluiten"):
            event.accept()
        else:
            event.ignore()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)


class Vergrendeling(QObject):
    """The idle timer (an event filter on each window's input) and locking/unlocking the windows."""

    vergrendeld = Signal()
    ontgrendeld = Signal()
    afmelden = Signal()

    def __init__(self, venster: QWidget, services: Services, minuten: int = STANDAARD_MINUTEN):
        super().__init__(venster)
        self.venster = venster
        self.services = services
        self.scherm: Vergrendelscherm | None = None
        self._verborgen: list[_Verborgen] = []
        self._focus: QWidget | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.vergrendel)
        self.minuten = 0
        self._actief = True
        # Input is watched on each window's QWindow, where the platform delivers every key, click and mouse move
        # before Qt hands it to a widget – not with an application-wide filter: that ran Python for every event of
        # the application (paints, timers, each widget's polish while an area is built), which doubled the time
        # the window froze while building a screen (issue 16). A window is watched from when it first gets the
        # focus (installing twice is harmless); while locked the application filter is back, for windows that
        # open meanwhile (see `vergrendel`).
        app = QApplication.instance()
        app.focusWindowChanged.connect(self._volg)
        self._volg(app.focusWindow())
        self.set_minuten(minuten)

    @property
    def is_vergrendeld(self) -> bool:
        return self.scherm is not None

    def set_minuten(self, minuten: int) -> None:
        """Idle minutes before locking; 0 = never."""
        self.minuten = max(0, int(minuten))
        self.timer.setInterval(self.minuten * 60_000)
        self._herstart()

    def _herstart(self) -> None:
        if self.minuten and self._actief and not self.is_vergrendeld:
            self.timer.start()
        else:
            self.timer.stop()

    def stop(self) -> None:
        """The window closes: no more locking, no more filtering."""
        self._actief = False
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def _volg(self, venster: QWindow | None) -> None:
        if venster is not None and self._actief:
            venster.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        soort = event.type()  # (once: every event of a watched window passes here)
        if (soort == QEvent.Type.Show and self.scherm is not None and isinstance(obj, QWidget)
                and obj.isWindow() and not self._van_scherm(obj)):
            self._verberg(obj)  # a window that opens while locked (a message from a background job)
            return False
        if soort in _INVOER and self.scherm is None:
            if self.minuten:
                self.timer.start()  # restarts the countdown
            # Ctrl+L in an open dialog too (the main window's action only works in the main window).
            if (soort == QEvent.Type.KeyPress and self._actief and isinstance(obj, QWindow)
                    and obj is not self.venster.windowHandle()
                    and QKeySequence(event.keyCombination()) == QKeySequence(SNELTOETS)):
                self.vergrendel()
                return True
        return False

    # --- locking -------------------------------------------------------------------------------------

    def vergrendel(self) -> None:
        if self.is_vergrendeld or not self._actief or not self.venster.isVisible():
            return
        app = QApplication.instance()
        self.timer.stop()
        QToolTip.hideText()
        self._focus = app.focusWidget()
        self.scherm = Vergrendelscherm(self.services, self.venster)
        app.installEventFilter(self)  # while locked: a window that opens is hidden too (until `_sluit_scherm`)
        for w in app.topLevelWidgets():
            if w is self.scherm or not w.isVisible():
                continue
            if isinstance(w, QMenu) or w.windowType() in (Qt.WindowType.Popup, Qt.WindowType.ToolTip):
                w.hide()  # an open menu or completer closes
                continue
            self._verberg(w)
        self.scherm.ontgrendeld.connect(self.ontgrendel)
        self.scherm.afmelden.connect(self._afmelden)
        self.scherm.setGeometry(self.venster.geometry())
        self.scherm.show()
        self.scherm.activateWindow()
        self.scherm.wachtwoord.setFocus()
        log.info("screen locked")
        self.vergrendeld.emit()

    def _van_scherm(self, w: QWidget) -> bool:
        """The lock screen itself or a window it opened (the "Afmelden?" question), or a popup."""
        if isinstance(w, QMenu) or w.windowType() in (Qt.WindowType.Popup, Qt.WindowType.ToolTip):
            return True
        while w is not None:
            if w is self.scherm:
                return True
            w = w.parentWidget()
        return False

    def _verberg(self, venster: QWidget) -> None:
        """Hide the window's content (not the window: a dialog in exec() would end) and its title."""
        verborgen = _Verborgen(venster, venster.windowTitle())
        for kind in venster.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
            if kind.isVisible() and not kind.isWindow():
                kind.hide()
                verborgen.kinderen.append(kind)
        venster.setWindowTitle(TITEL)
        self._verborgen.append(verborgen)

    def ontgrendel(self) -> None:
        if self.scherm is None:
            return
        for v in self._verborgen:
            if not shiboken6.isValid(v.venster):  # closed and deleted meanwhile
                continue
            v.venster.setWindowTitle(v.titel)
            for kind in v.kinderen:
                if shiboken6.isValid(kind):
                    kind.show()
        self._verborgen = []
        self._sluit_scherm()
        if self._focus is not None and shiboken6.isValid(self._focus) and self._focus.isVisible():
            self._focus.activateWindow()
            self._focus.setFocus()
        self._focus = None
        log.info("screen unlocked")
        self._herstart()
        self.ontgrendeld.emit()

    def _sluit_scherm(self) -> None:
        scherm, self.scherm = self.scherm, None
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        if scherm is not None:
            scherm.wachttijd.timer.stop()
            scherm.setProperty("mag_sluiten", True)
            scherm.close()
            scherm.deleteLater()

    def _afmelden(self) -> None:
        """Sign off: open dialogs end unsaved (their content stays hidden); the main window closes the session."""
        for v in self._verborgen:
            if v.venster is self.venster or not shiboken6.isValid(v.venster):
                continue
            if isinstance(v.venster, QDialog):
                QDialog.done(v.venster, QDialog.DialogCode.Rejected)  # not reject(): it may ask questions
            else:
                v.venster.close()
        self._verborgen = []
        self._sluit_scherm()
        self.stop()
        self.afmelden.emit()
