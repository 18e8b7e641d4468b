"""One student's page: verzuim and signals (`VerzuimPanel`), who they are (enrolment, leerplicht, ouders and
vrijstellingen), the praktijkkaart (`TrajectView`) and the timeline (`TijdlijnView`)."""

from __future__ import annotations

import contextlib
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain import formaat
from ...domain.errors import NietGevonden
from ...domain.leerling import Leerling, is_ingeschreven, plicht_status
from ...services.session import Services
from ..common.blocks import ScrollBar
from ..common.widgets import form_layout, format_date, heading, hint, link_label
from .leerling_basis import (
    CONTACTMOMENT_SHORTCUT,
    TAB_GEGEVENS,
    TAB_TIJDLIJN,
    TAB_TRAJECT,
    TAB_VERZUIM,
    contactmoment_vastleggen,
    kan_contactmoment,
)
from .verzuim_panel import VerzuimPanel

if TYPE_CHECKING:
    from ..traject.traject_view import TrajectView
    from .tijdlijn_view import TijdlijnView

NIET_INGEVULD = "—"


def mask_number(number: str, visible: int = 3) -> str:
    """"•••••• 789": enough to recognise, not enough to copy by looking over a shoulder."""
    if not number:
        return NIET_INGEVULD
    return "•" * max(len(number) - visible, 0) + number[-visible:]


def _value(text: str) -> QLabel:
    label = QLabel(text or NIET_INGEVULD)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class LeerlingPage(QWidget):
    back = Signal()
    edit_requested = Signal(object)  # the Leerling shown
    verzuim_changed = Signal()  # verzuim, a melding, an M@zl-actie or a bespreking changed: signals move
    traject_changed = Signal()  # the traject, a gesprek, an MDO or an actiepunt changed: reminders move
    traject_weergave = Signal()  # the Traject tab changed what it shows (its own tab, or its content)

    def __init__(self, services: Services, parent: QWidget | None = None, *, can_edit: bool = True):
        super().__init__(parent)
        self.services = services
        self.leerling: Leerling | None = None
        self._vandaag = date.today()
        self._show_numbers = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.back_button = QPushButton("← Terug naar de lijst")
        self.back_button.setFlat(True)
        self.back_button.setToolTip("Terug naar de lijst (Alt+Links)")
        self.back_button.setShortcut("Alt+Left")
        self.back_button.clicked.connect(self.back)
        top.addWidget(self.back_button)
        top.addStretch(1)
        self.contact_button = QPushButton("Contactmoment…")
        self.contact_button.setToolTip(f"Snel een contactmoment vastleggen ({CONTACTMOMENT_SHORTCUT})")
        self.contact_button.setVisible(kan_contactmoment(services))
        self.contact_button.clicked.connect(self.contactmoment)
        top.addWidget(self.contact_button)
        self.edit_button = QPushButton("Bewerken…")
        self.edit_button.setShortcut("Ctrl+E")
        self.edit_button.setToolTip("Gegevens van de leerling bewerken (Ctrl+E)")
        self.edit_button.setEnabled(can_edit)
        self.edit_button.setVisible(can_edit)  # a mentor: not a button that never works (as "Nieuwe leerling")
        self.edit_button.clicked.connect(lambda: self.edit_requested.emit(self.leerling))
        top.addWidget(self.edit_button)
        layout.addLayout(top)

        self.name_label = heading("", 8)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.name_label.setWordWrap(True)
        self.subtitle = QLabel()
        self.subtitle.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.name_label)
        layout.addWidget(self.subtitle)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.verzuim = VerzuimPanel(services, can_edit=can_edit)
        self.verzuim.changed.connect(self.verzuim_changed)
        # A melding or M@zl-actie ticks (or unticks) checklist items and shows on the timeline: both follow.
        self.verzuim.changed.connect(self.refresh_traject)
        self.verzuim_scroll = verzuim_scroll = QScrollArea()
        verzuim_scroll.setVerticalScrollBar(ScrollBar())  # (painted at every opening: its groove is kept)
        verzuim_scroll.setWidgetResizable(True)
        verzuim_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no invisible Tab stop: Tab goes to its buttons
        verzuim_scroll.setFrameShape(QFrame.Shape.NoFrame)
        verzuim_body = QWidget()
        verzuim_layout = QVBoxLayout(verzuim_body)
        verzuim_layout.setContentsMargins(0, 8, 8, 8)
        verzuim_layout.addWidget(self.verzuim)
        verzuim_scroll.setWidget(verzuim_body)
        self.tabs.addTab(verzuim_scroll, TAB_VERZUIM)

        scroll = QScrollArea()
        scroll.setVerticalScrollBar(ScrollBar())
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        columns = QHBoxLayout(body)
        columns.setContentsMargins(0, 8, 8, 8)
        columns.setSpacing(16)
        self.gegevens = QGroupBox("Gegevens")
        self.inschrijving = QGroupBox("Inschrijving")
        self.leerplicht = QGroupBox("Leerplicht")
        self.ouders = QGroupBox("Ouders/verzorgers")
        self.vrijstellingen = QGroupBox("Vrijstellingen")
        for boxes in ((self.gegevens, self.inschrijving, self.leerplicht), (self.ouders, self.vrijstellingen)):
            column = QVBoxLayout()
            column.setSpacing(12)
            for box in boxes:
                QVBoxLayout(box)
                column.addWidget(box)
            column.addStretch(1)
            columns.addLayout(column, 1)
        scroll.setWidget(body)
        self.gegevens_scroll = scroll
        self.tabs.addTab(scroll, TAB_GEGEVENS)

        # Every tab but the one on screen is filled when it is shown or asked for (`self.traject`,
        # `self.bsn_value`): opening a student paints the first tab without waiting for the others (issue 16).
        # The traject and the timeline are even built then (an empty page holds their place until).
        self._traject: TrajectView | None = None
        self._tijdlijn: TijdlijnView | None = None
        self.tabs.addTab(QWidget(), TAB_TRAJECT)
        self.tabs.addTab(QWidget(), TAB_TIJDLIJN)
        self._getoond: dict[QWidget, str] = {}  # the student each of those tabs shows
        self._verouderd: set[QWidget] = set()  # … but changed since: read again (in place) when shown
        self.tabs.currentChanged.connect(lambda _i: self._vul(self.tabs.currentWidget()))
        layout.addWidget(self.tabs, 1)

    @property
    def traject(self) -> TrajectView:
        """The Traject tab, showing the current student (built and read now if it was not yet)."""
        view = self._traject_view()
        self._vul(view)
        return view

    @property
    def tijdlijn(self) -> TijdlijnView:
        """The Tijdlijn tab, showing the current student (built and read now if it was not yet)."""
        view = self._tijdlijn_view()
        self._vul(view)
        return view

    def _traject_view(self) -> TrajectView:
        if self._traject is None:
            from ..traject.traject_view import TrajectView

            self._traject = TrajectView(self.services)
            self._traject.changed.connect(self._traject_changed)
            self._traject.changed.connect(self.traject_weergave)
            self._traject.tabs.currentChanged.connect(self.traject_weergave)
            self._in_tab(TAB_TRAJECT, self._traject)
        return self._traject

    def _tijdlijn_view(self) -> TijdlijnView:
        if self._tijdlijn is None:
            from .tijdlijn_view import TijdlijnView

            self._tijdlijn = TijdlijnView(self.services)
            self._tijdlijn.referentie_activated.connect(self.open_referentie)
            self._in_tab(TAB_TIJDLIJN, self._tijdlijn)
        return self._tijdlijn

    def _in_tab(self, titel: str, view: QWidget) -> None:
        """Put a just built view in its tab, in place of the empty page (quietly: the same tab stays current)."""
        i = self.tab_titles().index(titel)
        huidig = self.tabs.currentIndex()
        leeg = self.tabs.widget(i)
        self.tabs.blockSignals(True)
        self.tabs.removeTab(i)
        self.tabs.insertTab(i, view, titel)
        self.tabs.setCurrentIndex(huidig)
        self.tabs.blockSignals(False)
        leeg.deleteLater()

    @property
    def bsn_value(self) -> QLabel:
        self._vul(self.gegevens_scroll)
        return self._bsn_value

    @property
    def onderwijsnummer_value(self) -> QLabel:
        self._vul(self.gegevens_scroll)
        return self._onderwijsnummer_value

    @property
    def plicht_label(self) -> QLabel:
        self._vul(self.gegevens_scroll)
        return self._plicht_label

    def _vul(self, view: QWidget | None) -> None:
        """Fill the Gegevens tab, the traject or the timeline for the student shown, unless it shows them."""
        if self.leerling is None:
            return
        if view is self.gegevens_scroll:
            if self._getoond.get(view) != self.leerling.leerlingnummer or view in self._verouderd:
                self._fill_gegevens_tab(self.leerling)
            return
        titel = self.tabs.tabText(self.tabs.indexOf(view)) if view is not None else ""
        if titel == TAB_TRAJECT:
            view = self._traject_view()
        elif titel == TAB_TIJDLIJN:
            view = self._tijdlijn_view()
        else:
            return
        nummer = self.leerling.leerlingnummer
        if self._getoond.get(view) == nummer:
            if view in self._verouderd:  # the same student, changed meanwhile: keeps its place
                self._verouderd.discard(view)
                with contextlib.suppress(NietGevonden):
                    view.refresh()
            return
        self._getoond[view] = nummer
        self._verouderd.discard(view)
        with contextlib.suppress(NietGevonden):  # not (or no longer) in the database: nothing to show
            view.show_leerling(nummer)

    def _opnieuw(self, view: QWidget) -> None:
        """`view` must read the student again: now when it is on screen, otherwise when it is shown."""
        self._verouderd.add(view)
        if self.tabs.currentWidget() is view:
            self._vul(view)

    # --- showing ---------------------------------------------------------------------------------

    def schikken(self) -> None:
        """Lay the page out now, before its first paint. Left to the event loop, the scroll area fits the new
        student's content only after that paint (its layout request comes after the paint request), and the page
        is painted twice: first with the previous student's sizes, then – a scroll bar's width narrower or
        wider – again."""
        for _ in range(3):  # a layout that changes a size asks once more (the scroll area after its content)
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)

    def show_leerling(self, leerlingnummer: str) -> Leerling:
        """Read the student fresh from the database and show them."""
        leerling = self.services.leerlingen.get(leerlingnummer)
        self.set_leerling(leerling)
        return leerling

    def set_leerling(self, leerling: Leerling, vandaag: date | None = None) -> None:
        vandaag = vandaag or date.today()
        if self.leerling is None or self.leerling.leerlingnummer != leerling.leerlingnummer:
            for scroll in (self.verzuim_scroll, self.gegevens_scroll):  # a new student starts at the top
                scroll.verticalScrollBar().setValue(0)
        self.leerling = leerling
        self._show_numbers = False
        self.name_label.setText(leerling.naam)
        parts = [f"Klas {leerling.klas}" if leerling.klas else "Geen klas",
                 f"Leerlingnummer {leerling.leerlingnummer}"]
        if not is_ingeschreven(leerling, vandaag):
            parts.append("niet ingeschreven")
        self.subtitle.setText("  ·  ".join(parts))
        self._vandaag = vandaag
        self.verzuim.vandaag = vandaag
        with contextlib.suppress(NietGevonden):  # not (or no longer) in the database: nothing to show
            self.verzuim.set_leerling(leerling.leerlingnummer, leerling.naam)
        self._getoond.clear()  # the other tabs: when shown (or asked for)
        self._vul(self.tabs.currentWidget())

    def _fill_gegevens_tab(self, leerling: Leerling) -> None:
        vandaag = self._vandaag
        self._getoond[self.gegevens_scroll] = leerling.leerlingnummer
        self._verouderd.discard(self.gegevens_scroll)
        self._fill_gegevens(leerling, vandaag)
        self._fill_inschrijving(leerling, vandaag)
        self._fill_leerplicht(leerling, vandaag)
        self._fill_ouders(leerling)
        self._fill_vrijstellingen(leerling, vandaag)

    # --- tabs, traject and timeline --------------------------------------------------------------

    def huidige_tab(self) -> str:
        return self.tabs.tabText(self.tabs.currentIndex())

    def tab_titles(self) -> list[str]:
        return [self.tabs.tabText(i) for i in range(self.tabs.count())]

    def show_tab(self, title: str) -> None:
        self.tabs.setCurrentIndex(self.tab_titles().index(title))

    def open_referentie(self, referentie: str) -> bool:
        """A timeline line (or a reminder) was activated: show it on the Traject tab."""
        self.tabs.setCurrentWidget(self.traject)
        return self.traject.open_referentie(referentie)

    def _traject_changed(self) -> None:
        if self._tijdlijn is not None:
            self._opnieuw(self._tijdlijn)
        self.traject_changed.emit()

    def refresh_traject(self) -> None:
        """Read the traject and the timeline again (after a contactmoment from elsewhere)."""
        if self.leerling is None:
            return
        for view in (self._traject, self._tijdlijn):
            if view is not None:  # (one not built yet reads the student when it is)
                self._opnieuw(view)

    def contactmoment(self) -> bool:
        """The quick contactmoment for the student shown; True when saved."""
        if self.leerling is None or not kan_contactmoment(self.services):
            return False
        if not contactmoment_vastleggen(self.services, self.leerling.leerlingnummer, self.window()):
            return False
        self.refresh_traject()
        self.traject_changed.emit()
        return True

    def _section(self, box: QGroupBox) -> QVBoxLayout:
        """An empty layout inside `box`, replacing what the previous student put there."""
        outer = box.layout()
        while outer.count():
            old = outer.takeAt(0).widget()
            if old is not None:
                old.hide()
                old.deleteLater()
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(content)
        return layout

    def _fill_gegevens(self, leerling: Leerling, vandaag: date) -> None:
        layout = self._section(self.gegevens)
        form = form_layout()
        g = leerling.geboortedatum
        form.addRow("Geboortedatum:", _value(f"{format_date(g)} ({formaat.leeftijd(g, vandaag)} jaar)"))
        self._bsn_value = _value(mask_number(leerling.bsn))
        self._onderwijsnummer_value = _value(mask_number(leerling.onderwijsnummer))
        form.addRow("BSN:", self._bsn_value)
        form.addRow("Onderwijsnummer:", self._onderwijsnummer_value)
        form.addRow("Mentor:", _value(leerling.mentor))
        layout.addLayout(form)
        if leerling.bsn or leerling.onderwijsnummer:
            self.reveal_link = link_label("Nummers helemaal tonen", self.toggle_numbers)
            layout.addWidget(self.reveal_link)

    def toggle_numbers(self) -> None:
        if self.leerling is None:
            return
        self._show_numbers = not self._show_numbers
        show = self._show_numbers
        bsn, onderwijsnummer = self.leerling.bsn, self.leerling.onderwijsnummer
        self.bsn_value.setText((bsn or NIET_INGEVULD) if show else mask_number(bsn))
        self.onderwijsnummer_value.setText(
            (onderwijsnummer or NIET_INGEVULD) if show else mask_number(onderwijsnummer))
        text = "Nummers weer verbergen" if show else "Nummers helemaal tonen"
        self.reveal_link.setText(f'<a href="#">{text}</a>')

    def _fill_inschrijving(self, leerling: Leerling, vandaag: date) -> None:
        layout = self._section(self.inschrijving)
        form = form_layout()
        if is_ingeschreven(leerling, vandaag):
            status = "Ingeschreven"
        elif leerling.inschrijfdatum > vandaag:
            status = f"Ingeschreven vanaf {format_date(leerling.inschrijfdatum)}"
        else:
            status = "Uitgeschreven"
        form.addRow("Status:", _value(status))
        form.addRow("Ingeschreven op:", _value(format_date(leerling.inschrijfdatum)))
        if leerling.uitschrijfdatum:
            form.addRow("Uitgeschreven op:", _value(format_date(leerling.uitschrijfdatum)))
        form.addRow("Bestemming:", _value(leerling.bestemming))
        form.addRow("Startkwalificatie:", _value("ja (havo, vwo of mbo-2)" if leerling.startkwalificatie else "nee"))
        layout.addLayout(form)

    def _fill_leerplicht(self, leerling: Leerling, vandaag: date) -> None:
        layout = self._section(self.leerplicht)
        self._plicht_label = _value(plicht_status(leerling, vandaag).omschrijving)
        layout.addWidget(self._plicht_label)

    def _fill_ouders(self, leerling: Leerling) -> None:
        layout = self._section(self.ouders)
        if not leerling.ouders:
            layout.addWidget(hint("Geen ouders of verzorgers vastgelegd."))
            return
        for i, ouder in enumerate(leerling.ouders):
            if i:
                line = QFrame()
                line.setFrameShape(QFrame.Shape.HLine)
                line.setFrameShadow(QFrame.Shadow.Sunken)
                layout.addWidget(line)
            title = QLabel()
            title.setTextFormat(Qt.TextFormat.PlainText)
            title.setText(f"{ouder.naam} ({ouder.relatie.value})")
            font = title.font()
            font.setBold(True)
            title.setFont(font)
            title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(title)
            form = form_layout()
            form.addRow("Telefoon:", _value(ouder.telefoon))
            form.addRow("E-mail:", _value(ouder.email))
            form.addRow("Adres:", _value(ouder.adres))
            form.addRow("Gezag:", _value("ja" if ouder.gezag else "nee"))
            form.addRow("Voorkeur:", _value(ouder.contactvoorkeur.value))
            layout.addLayout(form)

    def _fill_vrijstellingen(self, leerling: Leerling, vandaag: date) -> None:
        layout = self._section(self.vrijstellingen)
        if not leerling.vrijstellingen:
            layout.addWidget(hint("Geen vrijstellingen."))
            return
        for v in leerling.vrijstellingen:
            periode = f"van {format_date(v.van)} " + (f"tot en met {format_date(v.tot)}" if v.tot
                                                       else "(geen einddatum)")
            if v.active_on(vandaag):
                periode += " – geldt nu"
            label = _value(f"{v.type.label}\n{periode}")
            layout.addWidget(label)
