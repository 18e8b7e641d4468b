"""The praktijkkaart per student: the traject tab of the student page.

Without an open traject: what a traject is, "Traject openen…" (also from each current signal), the nazorg
of the last closed traject and the earlier trajecten. With one: who and what (header), the five steps as a
clickable stepper with done/total per step, the checklist of the selected step (tick with an optional note;
automatic ticks say what ticked them), "Naar stap N" (steps guide, they do not lock: what is still open is
listed), step 4's analysis, and the gesprekken, MDO's, actiepunten and nazorg of the traject (their tabs:
traject_tabs.py). The pieces: stepper.py, checklist.py; the forms: traject_dialogs.py (openen, wijzigen,
afvinken, sluiten), analyse_dialog.py, nazorg_dialogs.py, actiepunt_dialog.py, gesprek_dialog.py, mdo_dialog.py,
plan_dialog.py.

Embedding: `view = TrajectView(services)`, `view.show_leerling(nr)`; `view.changed` fires after every write.
"""

from __future__ import annotations

import contextlib
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import NietGevonden
from ...domain.gebruiker import Rol
from ...domain.signalen import Signaal
from ...domain.traject import ChecklistRegel, Stap, StapChecklist, Traject, categorie_voor_signaal
from ...domain.uitleg import stap_uitleg
from ...services.session import Services
from ..common import errors, theme
from ..common.blocks import card_frame, clear_layout, push_button, smaller, text_label
from ..common.ongedaan_bar import toon_ongedaan
from ..common.pdf_preview import PdfPreviewDialog
from ..common.widgets import format_date, heading, hint
from ..shell.help_dialog import UitlegPaneel
from .analyse_dialog import AnalyseDialog, analyse_samenvatting
from .checklist import ChecklistRow
from .plan_dialog import PlanDialog
from .stepper import StapStand, Stepper
from .traject_dialogs import AfvinkenDialog, SluitenDialog, TrajectDialog
from .traject_tabs import TrajectTabs

PRAKTIJKKAART = ("Een traject volgt de leerling langs de vijf stappen van de praktijkkaart 'Van thuis weer naar "
                 "school': in beeld brengen, contact met leerling en ouders, samenwerken, interventie en weer terug "
                 "in beeld.\nPer stap ziet u wat er nog open staat. De stappen helpen u op weg; ze liggen niet vast.")


def _lower_first(text: str) -> str:
    """"Gesprek met de ouders" → "gesprek met de ouders"; "MDO gepland" stays."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


class TrajectView(TrajectTabs, QWidget):
    """The student's traject tab. `show_leerling(nr)`; `changed` after any write."""

    changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None, *, vandaag: date | None = None):
        super().__init__(parent)
        self.services = services
        self.vandaag_vast = vandaag
        rol = services.gebruiker.rol
        self.can_edit = rol == Rol.ZORGCOORDINATOR
        self.can_contact = rol in (Rol.ZORGCOORDINATOR, Rol.MENTOR)
        self.leerlingnummer: str | None = None
        self.naam = ""
        self.trajecten: list[Traject] = []
        self.traject: Traject | None = None  # the one shown (open, or a closed one read-only)
        self.read_only = False
        self.stappen: list[StapChecklist] = []
        self.selected = Stap.IN_BEELD
        self.checklist_rows: list[ChecklistRow] = []
        self.status_label = text_label(muted=True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.pages = QStackedWidget()
        layout.addWidget(self.pages)
        self._build_empty()
        # The page of one traject (its steps, checklist and four tabs) is built when a traject is first shown:
        # most students have none, and building it held up opening the tab (issue 16). Its tab widget exists
        # from the start, for those who follow which tab is shown.
        self.tabs = QTabWidget()
        self.tabs.setMinimumHeight(380)
        self.traject_page: QScrollArea | None = None

    @property
    def vandaag(self) -> date:
        return self.vandaag_vast or date.today()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The step beside the tabs when there is room; above them on a narrow screen (1366×768 at 150 %)."""
        super().resizeEvent(event)
        if self.traject_page is not None:
            self._kolommen()

    def _kolommen(self) -> None:
        naast = self.step_box.minimumSizeHint().width() + self.tabs.minimumSizeHint().width() + 40 <= self.width()
        self.columns.setDirection(QBoxLayout.Direction.LeftToRight if naast else QBoxLayout.Direction.TopToBottom)

    # --- building: no open traject ---------------------------------------------------------------------

    def _scroll(self, body: QWidget) -> QScrollArea:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        return scroll

    def _build_empty(self) -> None:
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 8, 8, 8)
        layout.setSpacing(10)
        self.empty_title = heading("Nog geen open traject", 3)
        layout.addWidget(self.empty_title)
        self.empty_text = hint(PRAKTIJKKAART)
        layout.addWidget(self.empty_text)
        buttons = QHBoxLayout()
        self.open_button = push_button("Traject openen…", self.open_traject)
        self.open_button.setVisible(self.can_edit)
        buttons.addWidget(self.open_button)
        self.empty_gesprek = push_button("Gesprek vastleggen…", self.gesprek_vastleggen)
        self.empty_contact = push_button("Contactmoment…", self.contactmoment,
                                         "Snel een telefoontje of gesprek noteren (Ctrl+Enter slaat op)")
        for b in (self.empty_gesprek, self.empty_contact):
            b.setVisible(self.can_contact)
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.signalen_box = QGroupBox("Huidige signalen")
        self.signalen_layout = QVBoxLayout(self.signalen_box)
        layout.addWidget(self.signalen_box)
        self.empty_nazorg_box = QGroupBox("Nazorg van het laatste traject")
        self.empty_nazorg_layout = QVBoxLayout(self.empty_nazorg_box)
        layout.addWidget(self.empty_nazorg_box)
        self.eerder_box = QGroupBox("Eerdere trajecten")
        self.eerder_layout = QVBoxLayout(self.eerder_box)
        layout.addWidget(self.eerder_box)
        layout.addStretch(1)
        self.empty_page = self._scroll(body)
        self.pages.addWidget(self.empty_page)

    # --- building: one traject -------------------------------------------------------------------------

    def _build_traject(self) -> None:
        if self.traject_page is not None:
            return
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 8, 8, 8)
        layout.setSpacing(8)

        self.banner = QFrame()
        self.banner.setObjectName("banner")
        theme.style(self.banner, "QFrame#banner {{ background: {warning_bg}; border: 1px solid {warning_border}; "
                                 "border-radius: 4px; }}")
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.setContentsMargins(10, 6, 10, 6)
        self.banner_text = text_label()
        banner_layout.addWidget(self.banner_text, 1)
        self.back_button = push_button("Terug", lambda: self.show_leerling(self.leerlingnummer))
        banner_layout.addWidget(self.back_button)
        layout.addWidget(self.banner)

        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        self.title = heading("", 3)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.meta = text_label()
        self.aanleiding = text_label(muted=True)
        titles.addWidget(self.title)
        titles.addWidget(self.meta)
        titles.addWidget(self.aanleiding)
        header.addLayout(titles, 1)
        actions = QVBoxLayout()
        actions.setSpacing(4)
        self.wijzig_button = push_button("Gegevens wijzigen…", self.traject_wijzigen,
                                         "Categorie, aanleiding, casusregisseur of evaluatiedatum wijzigen")
        self.sluit_button = push_button("Traject sluiten…", self.traject_sluiten)
        self.plan_button = push_button("Plan van aanpak…", self.plan_van_aanpak,
                                       "Het plan van aanpak van dit traject: doelen, interventies, afspraken, versies")
        self.dossier_button = push_button("Dossier afdrukken…", self.dossier_afdrukken,
                                          "Alles wat over de leerling is vastgelegd, als PDF (bij een inzageverzoek)")
        for b in (self.plan_button, self.wijzig_button, self.sluit_button, self.dossier_button):
            actions.addWidget(b)
        actions.addStretch(1)
        header.addLayout(actions)
        layout.addLayout(header)

        self.stepper = Stepper()
        self.stepper.step_selected.connect(self.select_step)
        layout.addWidget(self.stepper)

        self.columns = columns = QHBoxLayout()  # side by side, or one above the other on a narrow screen
        columns.setSpacing(12)
        # left: the selected step
        self.step_box = QFrame()
        self.step_box.setObjectName("stap")
        theme.style(self.step_box, "QFrame#stap {{ border: 1px solid {border}; border-radius: 4px; }}")
        step = QVBoxLayout(self.step_box)
        step.setContentsMargins(10, 8, 10, 8)
        step.setSpacing(4)
        self.step_title = heading("", 1)
        self.step_title.setWordWrap(True)
        step.addWidget(self.step_title)
        self.step_uitleg = UitlegPaneel("Uitleg bij deze stap (praktijkkaart)")
        step.addWidget(self.step_uitleg)
        move = QHBoxLayout()
        self.step_status = text_label()
        move.addWidget(self.step_status, 1)
        self.move_button = push_button("", self.move_to_selected)
        move.addWidget(self.move_button, 0, Qt.AlignmentFlag.AlignTop)
        step.addLayout(move)
        self.step_open = text_label(color="warning")
        step.addWidget(self.step_open)
        self.checklist_layout = QVBoxLayout()
        self.checklist_layout.setSpacing(2)
        step.addLayout(self.checklist_layout)
        self.extra_layout = QVBoxLayout()
        self.extra_layout.setSpacing(6)
        step.addLayout(self.extra_layout)
        step.addStretch(1)
        columns.addWidget(self.step_box, 5)

        # right: gesprekken, MDO's, actiepunten, nazorg
        self._build_gesprekken_tab()
        self._build_mdo_tab()
        self._build_actiepunten_tab()
        self._build_nazorg_tab()
        columns.addWidget(self.tabs, 6)
        layout.addLayout(columns, 1)

        self.traject_eerder_box = QGroupBox("Eerdere trajecten")
        self.traject_eerder_layout = QVBoxLayout(self.traject_eerder_box)
        layout.addWidget(self.traject_eerder_box)
        layout.addWidget(self.status_label)
        self.traject_page = self._scroll(body)
        self.pages.addWidget(self.traject_page)
        self._kolommen()

    # --- showing ---------------------------------------------------------------------------------------

    def show_leerling(self, leerlingnummer: str) -> None:
        """Show the student's open traject, or the empty state; read fresh from the database."""
        if leerlingnummer != self.leerlingnummer:
            self.selected = None  # the current step of the new student's traject
            self.tabs.setCurrentIndex(0)
            for page in (self.empty_page, self.traject_page):
                if page is not None:
                    page.verticalScrollBar().setValue(0)
        self.leerlingnummer = leerlingnummer
        self.naam = self.services.leerlingen.get(leerlingnummer).naam
        self.trajecten = self.services.trajecten.trajecten(leerlingnummer)
        open_ = next((t for t in self.trajecten if t.is_open), None)
        if open_ is None:
            self.traject = None
            self._fill_empty()
            self.pages.setCurrentWidget(self.empty_page)
        else:
            self._show(open_, read_only=False)

    def show_traject(self, traject_id: int) -> None:
        """Show one traject of the current student (a closed one read-only)."""
        t = self.services.trajecten.get(traject_id)
        if self.leerlingnummer != t.leerlingnummer:
            self.leerlingnummer = t.leerlingnummer
            self.naam = t.naam
            self.trajecten = self.services.trajecten.trajecten(t.leerlingnummer)
        self.selected = None
        self._build_traject()
        self.traject_page.verticalScrollBar().setValue(0)
        self._show(t, read_only=not t.is_open)

    def refresh(self) -> None:
        if self.leerlingnummer is None:
            return
        if self.traject is not None and self.read_only:
            try:
                self.trajecten = self.services.trajecten.trajecten(self.leerlingnummer)
                self._show(self.services.trajecten.get(self.traject.id), read_only=True)
                return
            except NietGevonden:
                pass
        self.show_leerling(self.leerlingnummer)

    def _wrote(self, melding: str = "") -> None:
        self.refresh()
        self.status_label.setText(melding)
        self.changed.emit()

    def _show(self, t: Traject, *, read_only: bool) -> None:
        self._build_traject()
        self.traject = t
        self.read_only = read_only
        tr = self.services.trajecten
        self.stappen = tr.checklist(t.id)
        if self.selected is None:
            self.selected = t.stap
        self._fill_header()
        self._fill_steps()
        self._fill_gesprekken()
        self._fill_mdos()
        self._fill_actiepunten()
        self._fill_nazorg()
        self._fill_eerder(self.traject_eerder_layout, self.traject_eerder_box, exclude=t.id)
        self.pages.setCurrentWidget(self.traject_page)

    # --- empty state -----------------------------------------------------------------------------------

    def _fill_empty(self) -> None:
        self.empty_title.setText(f"Nog geen open traject voor {self.naam}")
        self.status_label.setText("")
        clear_layout(self.signalen_layout)
        signalen: list[Signaal] = []
        with contextlib.suppress(NietGevonden):
            signalen = self.services.signalen.overzicht(leerlingnummer=self.leerlingnummer).signalen
        self.signaal_buttons: list[QPushButton] = []
        for s in signalen:
            card = card_frame()
            row = QHBoxLayout(card)
            row.setContentsMargins(10, 6, 8, 6)
            text = QVBoxLayout()
            text.setSpacing(1)
            text.addWidget(text_label(s.soort.label, bold=True))
            uitleg = (s.uitleg[:1].upper() + s.uitleg[1:] + ".") if s.uitleg else ""
            text.addWidget(text_label(f"{uitleg} Ontstaan op {format_date(s.datum)}.".strip(), muted=True))
            row.addLayout(text, 1)
            button = push_button("Traject openen vanuit dit signaal", lambda s=s: self.open_traject(s),
                                 f"Categorie: {categorie_voor_signaal(s.soort).label.lower()} (kunt u nog wijzigen)")
            button.setVisible(self.can_edit)
            self.signaal_buttons.append(button)
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
            self.signalen_layout.addWidget(card)
        self.signalen_box.setVisible(bool(signalen))

        clear_layout(self.empty_nazorg_layout)
        laatste = next((t for t in self.trajecten if not t.is_open), None)
        open_nazorg = [n for n in laatste.nazorg if n.gedaan is None] if laatste else []
        if laatste is not None and laatste.nazorg:
            self.empty_nazorg_layout.addWidget(hint(
                f"Traject {laatste.categorie.label.lower()} gesloten op {format_date(laatste.gesloten)}"
                f" ({laatste.sluitreden.label.lower() if laatste.sluitreden else 'gesloten'})."))
            for n in laatste.nazorg:
                row = QHBoxLayout()
                te_laat = n.gedaan is None and n.datum < self.vandaag
                tekst = f"{format_date(n.datum)}  {n.omschrijving}"
                if n.gedaan:
                    tekst += f" – gedaan op {format_date(n.gedaan)}" + (f": {n.notitie}" if n.notitie else "")
                elif te_laat:
                    tekst += " – te laat"
                row.addWidget(text_label(tekst, color="danger" if te_laat else ("success" if n.gedaan else "")), 1)
                if n.gedaan is None and self.can_edit:
                    row.addWidget(push_button("Afronden…", lambda n=n: self.nazorg_afronden(n)))
                self.empty_nazorg_layout.addLayout(row)
            self.empty_nazorg_layout.addWidget(
                push_button("Traject bekijken", lambda t=laatste: self.show_traject(t.id)), 0, Qt.AlignmentFlag.AlignLeft)
        self.empty_nazorg_box.setVisible(bool(open_nazorg) or bool(laatste and laatste.nazorg))
        self._fill_eerder(self.eerder_layout, self.eerder_box, exclude=None)

    def _fill_eerder(self, layout: QVBoxLayout, box: QGroupBox, exclude: int | None) -> None:
        clear_layout(layout)
        eerder = [t for t in self.trajecten if not t.is_open and t.id != exclude]
        for t in eerder:
            row = QHBoxLayout()
            reden = t.sluitreden.label.lower() if t.sluitreden else ""
            row.addWidget(text_label(f"{t.categorie.label}: {format_date(t.geopend)} t/m {format_date(t.gesloten)}"
                                     + (f" – {reden}" if reden else "")), 1)
            row.addWidget(push_button("Bekijken", lambda t=t: self.show_traject(t.id),
                                      "Het gesloten traject bekijken (alleen lezen)"))
            layout.addLayout(row)
        box.setVisible(bool(eerder))

    # --- header and steps ------------------------------------------------------------------------------

    def _fill_header(self) -> None:
        t = self.traject
        self.banner.setVisible(self.read_only)
        if self.read_only:
            reden = f", {t.sluitreden.label.lower()}" if t.sluitreden else ""
            self.banner_text.setText(f"U bekijkt een gesloten traject (gesloten op {format_date(t.gesloten)}{reden}). "
                                     "Het kan niet meer veranderen, de nazorg wel."
                                     + (f" Toelichting: {t.sluittoelichting}" if t.sluittoelichting else ""))
        self.title.setText(f"Traject: {t.categorie.label}")
        delen = [f"Geopend {format_date(t.geopend)}",
                 f"Casusregisseur: {t.eigenaar.naam if t.eigenaar and t.eigenaar.naam else 'niemand'}"]
        if evaluatie := t.evaluatie(self.vandaag):  # the plan's, else the traject's own: one date
            te_laat = t.is_open and evaluatie < self.vandaag
            delen.append(f"Evaluatie: {format_date(evaluatie)}" + (" (te laat)" if te_laat else ""))
        delen.append(t.status.label if t.is_open else f"Gesloten {format_date(t.gesloten)}")
        delen.append(f"Stap {int(t.stap)} van 5" if t.is_open else f"Laatste stap: {int(t.stap)}")
        self.meta.setText("  ·  ".join(delen))
        aanleiding = []
        if t.signaal:
            aanleiding.append(f"Vanuit signaal '{t.signaal.label}' van {format_date(t.signaal_datum)}.")
        if t.aanleiding:
            aanleiding.append(f"Aanleiding: {t.aanleiding}")
        self.aanleiding.setText(" ".join(aanleiding))
        self.aanleiding.setVisible(bool(aanleiding))
        self.wijzig_button.setVisible(self.can_edit and not self.read_only)
        self.sluit_button.setVisible(self.can_edit and not self.read_only)
        self.dossier_button.setVisible(self.can_edit)
        self.plan_button.setVisible(self.can_edit or self.services.plannen.plan(t.id) is not None)

    def _fill_steps(self) -> None:
        standen = [StapStand(s.stap, sum(r.gedaan for r in s.regels), len(s.regels)) for s in self.stappen]
        self.stepper.set_state(standen, self.traject.stap, self.selected)
        self._fill_step_panel()

    def select_step(self, stap: int) -> None:
        """Show the checklist of a step (does not change the traject's step)."""
        self.selected = Stap(int(stap))
        self.stepper.selected = self.selected
        self.stepper.update()
        self._fill_step_panel()

    def _fill_step_panel(self) -> None:
        t = self.traject
        stap = self.selected
        sc = self.stappen[int(stap) - 1]
        self.step_title.setText(f"Stap {int(stap)}: {stap.titel}")
        self.step_uitleg.set_tekst(stap_uitleg(stap).tekst)
        open_items = sc.open
        gedaan = len(sc.regels) - len(open_items)
        if stap == t.stap:
            status = f"Hier staat het traject nu. {gedaan} van {len(sc.regels)} gedaan."
        else:
            status = f"Het traject staat in stap {int(t.stap)}. In deze stap: {gedaan} van {len(sc.regels)} gedaan."
        self.step_status.setText(status)
        can_move = self.can_edit and not self.read_only and stap != t.stap
        self.move_button.setText(f"Naar stap {int(stap)}")
        self.move_button.setToolTip(f"Zet het traject in stap {int(stap)}. Wat nog open staat, blijft zichtbaar.")
        self.move_button.setVisible(can_move)
        # what is still open in the steps before this one (steps guide, they do not lock)
        eerder = [s for s in self.stappen if s.stap < stap and s.open]
        if eerder and stap >= t.stap:
            regels = [f"• Stap {int(s.stap)}: " + "; ".join(_lower_first(i.label) for i in s.open) for s in eerder]
            self.step_open.setText("Nog open in eerdere stappen (u kunt toch verder, de stappen liggen niet vast):\n"
                                   + "\n".join(regels))
            self.step_open.show()
        else:
            self.step_open.hide()
        clear_layout(self.checklist_layout)
        self.checklist_rows = []
        for regel in sc.regels:
            row = ChecklistRow(regel, can_edit=self.can_edit and not self.read_only)
            row.toggled_by_user.connect(self._checklist_clicked)
            self.checklist_rows.append(row)
            self.checklist_layout.addWidget(row)
        self._fill_step_extra()

    def _fill_step_extra(self) -> None:
        clear_layout(self.extra_layout)
        stap = self.selected
        edit = self.can_edit and not self.read_only
        row = QHBoxLayout()
        if stap == Stap.CONTACT and self.can_contact and not self.read_only:
            row.addWidget(push_button("Gesprek vastleggen…", self.gesprek_vastleggen))
            row.addWidget(push_button("Contactmoment…", self.contactmoment))
        elif stap == Stap.SAMENWERKEN:
            geldend = self.services.mdo.toestemmingen(self.traject.id, alleen_geldend=True)
            if geldend:
                self.extra_layout.addWidget(smaller(text_label("Toestemming van ouders: " + "; ".join(
                    f"{x.organisatie} {'ja' if x.gegeven else 'nee'} ({format_date(x.datum)})" for x in geldend),
                    muted=True)))
            if edit:
                row.addWidget(push_button("MDO vastleggen…", self.mdo_vastleggen))
                row.addWidget(push_button("Adresboek…", self.adresboek))
        if stap in (Stap.INTERVENTIE, Stap.TERUG_IN_BEELD):
            self.extra_layout.addWidget(self._plan_box())
        if stap == Stap.INTERVENTIE:
            if edit:
                row.addWidget(push_button("Analyse bewerken…", self.analyse_bewerken,
                                          "Risico- en beschermende factoren per domein, verzuimtype en functie"))
                row.addStretch(1)
                self.extra_layout.addLayout(row)
                row = QHBoxLayout()
            if self.can_edit:  # the analysis is for the zorgcoördinator only (services/toegang.py)
                self.extra_layout.addWidget(analyse_samenvatting(self.services.trajecten.analyse(self.traject.id)))
        elif stap == Stap.TERUG_IN_BEELD and edit:
            self.extra_layout.addWidget(smaller(hint("Bij het sluiten van het traject plant u de nazorg: standaard na "
                                                     "6 weken, 3 maanden en 1 jaar.")))
            row.addWidget(push_button("Traject sluiten…", self.traject_sluiten))
        if row.count():
            row.addStretch(1)
            self.extra_layout.addLayout(row)

    def _plan_box(self) -> QWidget:
        """The plan van aanpak, prominent in steps 4 and 5: its version and status and the button to open it."""
        plan = self.services.plannen.plan(self.traject.id)
        box = QGroupBox("Plan van aanpak")
        layout = QHBoxLayout(box)
        if plan is None:
            tekst = ("Nog geen plan van aanpak. Leg samen met de leerling en ouders doelen, interventies en "
                     "afspraken vast." if self.can_edit else  # (a mentor has no button for it)
                     "Nog geen plan van aanpak. De zorgcoördinator maakt het, samen met de leerling en ouders.")
        elif plan.is_vastgesteld:
            tekst = f"Versie {plan.versie}, vastgesteld op {format_date(plan.vastgesteld_op)}."
            volgende = plan.volgende_evaluatie(self.vandaag)
            if volgende:
                tekst += f" Volgende evaluatie: {format_date(volgende)}."
        else:
            tekst = f"Versie {plan.versie} is nog een concept (gewijzigd {format_date(plan.gewijzigd)})."
        layout.addWidget(text_label(tekst), 1)
        if self.can_edit or plan is not None:
            knop = "Plan van aanpak maken…" if plan is None else ("Plan van aanpak…" if self.can_edit
                                                                  else "Plan bekijken…")
            self.plan_step_button = push_button(knop, self.plan_van_aanpak)
            layout.addWidget(self.plan_step_button, 0, Qt.AlignmentFlag.AlignVCenter)
        return box

    # --- actions ---------------------------------------------------------------------------------------

    def _parent(self) -> QWidget:
        return self.window()

    def open_traject(self, signaal: Signaal | None = None) -> bool:
        dialog = TrajectDialog(self.services, self.leerlingnummer, self._parent(), signaal=signaal,
                               vandaag=self.vandaag_vast)
        if dialog.exec() and dialog.value is not None:
            self.selected = None
            self._wrote("Traject geopend. U staat in stap 1.")
            return True
        return False

    def traject_wijzigen(self) -> bool:
        dialog = TrajectDialog(self.services, self.leerlingnummer, self._parent(), traject=self.traject,
                               vandaag=self.vandaag_vast)
        if dialog.exec() and dialog.value is not None:
            self._wrote("Gegevens van het traject gewijzigd.")
            return True
        return False

    def traject_sluiten(self) -> bool:
        open_ = self.services.trajecten.nog_open(self.traject.id)
        dialog = SluitenDialog(self.services, self.traject, self._parent(), vandaag=self.vandaag_vast)
        if open_:
            n = sum(len(v) for v in open_.values())
            dialog.add_above(text_label(f"Let op: er staan nog {n} punten van de checklist open. U kunt het "
                                        "traject toch sluiten.", color="warning"))
        if dialog.exec() and dialog.value is not None:
            self._wrote("Traject gesloten; de nazorg staat in de herinneringen.")
            return True
        return False

    def move_to_selected(self) -> bool:
        try:
            self.services.trajecten.stap_wijzigen(self.traject.id, self.selected, vandaag=self.vandaag_vast)
        except errors.GebruikersFout as exc:
            errors.show_user_error(self, exc)
            return False
        self._wrote(f"Het traject staat nu in stap {int(self.selected)}.")
        return True

    def _checklist_clicked(self, regel: ChecklistRegel, checked: bool) -> None:
        tr = self.services.trajecten
        if checked:
            dialog = AfvinkenDialog(self.services, self.traject.id, regel.item, self._parent(),
                                    vandaag=self.vandaag_vast)
            if dialog.exec() and dialog.value is not None:
                self._wrote(f"Afgevinkt: {regel.item.label}.")
                return
        elif errors.ask(self, "Vinkje weghalen?", detail=regel.item.label, yes="Weghalen", no="Laten staan"):
            try:
                tr.afvinken_ongedaan(self.traject.id, regel.item.key)
            except errors.GebruikersFout as exc:
                errors.show_user_error(self, exc)
            else:
                self._wrote(f"Vinkje weggehaald: {regel.item.label}.")
                return
        self._fill_step_panel()  # back to what the database says

    def tick(self, key: str, notitie: str = "") -> None:
        """Tick a checklist item without the dialog (keyboard users, tests)."""
        self.services.trajecten.afvinken(self.traject.id, key, notitie=notitie, vandaag=self.vandaag_vast)
        self._wrote()

    def analyse_bewerken(self) -> bool:
        dialog = AnalyseDialog(self.services, self.traject.id, self._parent())
        if dialog.exec() and dialog.saved is not None:
            self._wrote("Analyse opgeslagen.")
            return True
        return False

    def plan_van_aanpak(self) -> bool:
        dialog = PlanDialog(self.services, self.traject.id, self._parent(), vandaag=self.vandaag_vast)
        dialog.exec()
        if dialog.verwijderd is not None:
            self._wrote("Conceptversie verwijderd.")
            toon_ongedaan(self, self.services, dialog.verwijderd, lambda: self._wrote("Conceptversie teruggezet."))
            return True
        self._wrote("Plan van aanpak opgeslagen." if dialog.changed_any else "")  # opening may have made version 1
        return dialog.changed_any

    def dossier_afdrukken(self) -> PdfPreviewDialog:
        nr = self.leerlingnummer
        dialog = PdfPreviewDialog(self._parent(), f"Dossier – {self.naam}",
                                  lambda: self.services.afdrukken.dossier_pdf(nr),
                                  f"Dossier {self.naam} {format_date(self.vandaag)}.pdf",
                                  services=self.services)
        dialog.exec()
        return dialog
