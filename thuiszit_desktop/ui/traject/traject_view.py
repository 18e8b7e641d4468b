"""The praktijkkaart per student: the traject tab of the student page.

Without an open traject: what a traject is, "Traject openen…" (also from each current signal), the nazorg
of the last closed traject and the earlier trajecten. With one: who and what (header), the five steps as a
clickable stepper with done/total per step, the checklist of the selected step (tick with an optional note;
automatic ticks say what ticked them), "Naar stap N" (steps guide, they do not lock: what is still open is
listed), step 4's analysis, and the gesprekken, MDO's, actiepunten and nazorg of the traject.

Embedding: `view = TrajectView(services)`, `view.show_leerling(nr)`; `view.changed` fires after every write.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QEvent, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTabWidget,
    QToolTip,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.actiepunt import Actiepunt
from ...domain.errors import InvoerFout, NietGevonden
from ...domain.gebruiker import Rol
from ...domain.gesprek import Gesprek
from ...domain.mdo import Mdo
from ...domain.signalen import Signaal
from ...domain.traject import (
    ActiepuntStatus,
    Analyse,
    Categorie,
    ChecklistItem,
    ChecklistRegel,
    Domein,
    Factoren,
    KearneyFunctie,
    NazorgMoment,
    Sluitreden,
    Stap,
    StapChecklist,
    Traject,
    Verzuimtype,
    categorie_voor_signaal,
    standaard_nazorg,
)
from ...domain.uitleg import stap_uitleg
from ...services.session import Services
from ...services.trajecten import VERTROUWELIJK
from ..common import errors, theme
from ..common.concept import ConceptDialog, ask_discard
from ..common.lesdag import LesdagWaarschuwing
from ..common.ongedaan_bar import toon_ongedaan
from ..common.pdf_preview import PdfPreviewDialog
from ..common.widgets import (
    DateEdit,
    ErrorLabel,
    FieldErrors,
    OptionalDateEdit,
    format_date,
    heading,
    hint,
)
from ..shell.help_dialog import UitlegPaneel
from .gesprek_dialog import (
    ContactmomentDialog,
    GesprekDialog,
    PersoonCombo,
    form_layout,
    text_edit,
    with_error,
)
from .mdo_dialog import MdoDialog
from .partners_dialog import PartnersDialog
from .plan_dialog import PlanDialog

STAP_KORT = {Stap.IN_BEELD: "In beeld", Stap.CONTACT: "Contact", Stap.SAMENWERKEN: "Samenwerken",
             Stap.INTERVENTIE: "Interventie", Stap.TERUG_IN_BEELD: "Terug in beeld"}

PRAKTIJKKAART = ("Een traject volgt de leerling langs de vijf stappen van de praktijkkaart 'Van thuis weer naar "
                 "school': in beeld brengen, contact met leerling en ouders, samenwerken, interventie en weer terug "
                 "in beeld.\nPer stap ziet u wat er nog open staat. De stappen helpen u op weg; ze liggen niet vast.")


def _label(text: str = "", *, bold: bool = False, muted: bool = False, color: str = "",
           selectable: bool = True) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if bold:
        font = QFont(label.font())
        font.setBold(True)
        label.setFont(font)
    if muted or color:  # `color` is a theme role: "danger", "success", "warning"
        theme.style(label, "color: {%s};" % (color or "muted"))
    return label


def _lower_first(text: str) -> str:
    """"Gesprek met de ouders" → "gesprek met de ouders"; "MDO gepland" stays."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _small(label: QLabel) -> QLabel:
    font = QFont(label.font())
    font.setPointSizeF(max(font.pointSizeF() - 1, 7))
    label.setFont(font)
    return label


def _clear(layout) -> None:
    """Remove (and delete) everything in a layout."""
    while layout.count():
        item = layout.takeAt(0)
        w = item.widget()
        if w is not None:
            w.hide()
            w.deleteLater()
        elif item.layout() is not None:
            _clear(item.layout())


def _button(text: str, slot, tooltip: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setAutoDefault(False)
    if tooltip:
        button.setToolTip(tooltip)
    button.clicked.connect(lambda _checked=False: slot())
    return button


def _tree(headers: list[str]) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setHeaderLabels(headers)
    tree.setRootIsDecorated(False)
    tree.setAlternatingRowColors(True)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tree.setUniformRowHeights(True)
    tree.header().setStretchLastSection(True)
    tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return tree


def _card() -> QFrame:
    frame = QFrame()
    frame.setObjectName("kaart")
    theme.style(frame, "QFrame#kaart {{ border: 1px solid {border}; border-radius: 4px; background: palette(base); }}")
    return frame


# --- small dialogs -------------------------------------------------------------------------------------

class FormDialog(QDialog):
    """A small form: fields with their errors under them, Opslaan/Annuleren, and "Wijzigingen weggooien?"."""

    def __init__(self, title: str, parent: QWidget | None = None, *, save_text: str = "Opslaan"):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.general_error = ErrorLabel()
        self.field_errors = FieldErrors(self.general_error)
        self.outer = QVBoxLayout(self)
        self.outer.addWidget(self.general_error)
        self.form = form_layout()
        self.outer.addLayout(self.form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(save_text)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self._initial = None
        self.value = None

    def field(self, label: str, key: str, widget: QWidget) -> QWidget:
        box = with_error(widget, self.field_errors.add(key, widget))
        self.form.addRow(label, box)
        return box

    def finish(self, width: int = 520) -> None:
        """Call after building and loading: adds the buttons, sizes the dialog and remembers the loaded state."""
        self.outer.addWidget(self.buttons)
        self.resize(width, self.sizeHint().height())
        self._initial = self._snapshot()

    def _snapshot(self):
        return ()

    def _do_save(self):
        raise NotImplementedError

    def error_text(self, key: str) -> str:
        return self.field_errors.text(key)

    def save(self) -> bool:
        self.field_errors.clear()
        try:
            self.value = self._do_save()
        except InvoerFout as exc:
            first = self.field_errors.show(exc.fouten)
            if first is not None:
                first.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        except errors.GebruikersFout as exc:
            errors.show_user_error(self, exc)
            return False
        self._initial = self._snapshot()
        self.accept()
        return True

    def reject(self) -> None:
        if self._snapshot() != self._initial and not ask_discard(self):
            return
        super().reject()


class TrajectDialog(FormDialog):
    """Open a traject (by hand or from a signal), or change one's categorie, aanleiding, casusregisseur and
    evaluatiedatum (`traject`)."""

    def __init__(self, services: Services, leerlingnummer: str, parent: QWidget | None = None, *,
                 signaal: Signaal | None = None, traject: Traject | None = None, vandaag: date | None = None):
        naam = services.leerlingen.get(leerlingnummer).naam
        super().__init__(f"Traject wijzigen – {naam}" if traject else f"Traject openen – {naam}", parent,
                         save_text="Opslaan" if traject else "Traject openen")
        self.services = services
        self.leerlingnummer = leerlingnummer
        self.signaal = signaal
        self.traject = traject
        self.vandaag = vandaag or date.today()
        if signaal is not None:
            self.outer.insertWidget(0, hint(f"Vanuit het signaal '{signaal.soort.label}' van "
                                            f"{format_date(signaal.datum)}: {signaal.uitleg}."))
        elif traject is None:
            self.outer.insertWidget(0, hint("Open een traject zodra u zich zorgen maakt over de aanwezigheid van "
                                            "de leerling. U begint in stap 1."))
        self.categorie = QComboBox()
        for c in Categorie:
            self.categorie.addItem(c.label, c.value)
        self.aanleiding = text_edit("In een paar woorden: waarom nu een traject?", 3, max_lines=6)
        self.eigenaar = PersoonCombo(services.trajecten.personen())
        self.eigenaar.setToolTip("De casusregisseur: één eigenaar per leerling, die het overzicht houdt")
        self.evaluatiedatum = OptionalDateEdit(start=self.vandaag)
        self.field("Categorie", "categorie", self.categorie)
        self.field("Aanleiding" + ("" if signaal else " *"), "aanleiding", self.aanleiding)
        self.field("Casusregisseur", "eigenaar", self.eigenaar)
        self.geopend: DateEdit | None = None
        if traject is None:
            self.geopend = DateEdit(start=self.vandaag)
            self.geopend.setToolTip("Begon het traject eigenlijk al eerder? Vul dan die datum in.")
            self.field("Geopend op", "geopend", self.geopend)
        evaluatie_box = self.field("Evaluatie op", "evaluatiedatum", self.evaluatiedatum)
        if traject is not None and traject.plan_evaluaties:  # one evaluation date: the plan's
            self.form.setRowVisible(evaluatie_box, False)
            volgende = traject.evaluatie(self.vandaag)
            self.form.addRow("Evaluatie", hint(f"Volgens het plan van aanpak: {format_date(volgende)}. De "
                                               "evaluatiemomenten wijzigt u in het plan."))
        else:
            self.form.addRow("", hint("De evaluatiedatum komt in de herinneringen (niet verplicht). Heeft het traject "
                                      "een plan van aanpak, dan gelden de evaluatiemomenten van het plan."))
        if traject is not None:
            self.categorie.setCurrentIndex(self.categorie.findData(traject.categorie.value))
            self.aanleiding.setPlainText(traject.aanleiding)
            self.eigenaar.set_value(traject.eigenaar)
            self.evaluatiedatum.set_value(traject.evaluatiedatum)
            self.evaluatiedatum.set_start(traject.geopend)
        else:
            categorie = categorie_voor_signaal(signaal.soort) if signaal else Categorie.DREIGEND_THUISZITTER
            self.categorie.setCurrentIndex(self.categorie.findData(categorie.value))
            self.eigenaar.set_user(services.gebruiker.id)
        self.finish(560)
        self.aanleiding.setFocus()

    def _snapshot(self):
        return (self.categorie.currentData(), self.aanleiding.toPlainText(), self.eigenaar.currentText(),
                self.evaluatiedatum.value(), self.geopend.value() if self.geopend else None)

    def _do_save(self) -> Traject:
        tr = self.services.trajecten
        eigenaar = self.eigenaar.value()
        if self.traject is not None:
            return tr.bijwerken(self.traject.id, categorie=self.categorie.currentData(),
                                aanleiding=self.aanleiding.toPlainText(), eigenaar=eigenaar,
                                evaluatiedatum=self.evaluatiedatum.value())
        if self.signaal is not None:
            return tr.openen_vanuit_signaal(self.leerlingnummer, self.signaal.soort, self.signaal.datum,
                                            categorie=self.categorie.currentData(),
                                            aanleiding=self.aanleiding.toPlainText(), eigenaar=eigenaar,
                                            geopend=self.geopend.value(), evaluatiedatum=self.evaluatiedatum.value(),
                                            vandaag=self.vandaag)
        return tr.openen(self.leerlingnummer, self.categorie.currentData(), self.aanleiding.toPlainText(),
                         eigenaar=eigenaar, geopend=self.geopend.value(), evaluatiedatum=self.evaluatiedatum.value(),
                         vandaag=self.vandaag)


class AfvinkenDialog(FormDialog):
    """Tick one checklist item: when (default today) and an optional note."""

    def __init__(self, services: Services, traject_id: int, item: ChecklistItem, parent: QWidget | None = None, *,
                 vandaag: date | None = None):
        super().__init__("Afvinken", parent, save_text="Afvinken")
        self.services = services
        self.traject_id = traject_id
        self.item = item
        self.vandaag = vandaag or date.today()
        self.outer.insertWidget(0, _label(item.label, bold=True))
        self.outer.insertWidget(1, hint(item.hulp))
        self.datum = DateEdit(start=self.vandaag)
        self.notitie = QLineEdit()
        self.notitie.setPlaceholderText("niet verplicht, bijvoorbeeld: met wie, of waar het staat")
        self.field("Gedaan op", "datum", self.datum)
        self.field("Notitie", "notitie", self.notitie)
        self.finish(520)
        self.notitie.setFocus()

    def _snapshot(self):
        return (self.datum.value(), self.notitie.text())

    def _do_save(self) -> ChecklistRegel:
        return self.services.trajecten.afvinken(self.traject_id, self.item.key, datum=self.datum.value(),
                                                notitie=self.notitie.text(), vandaag=self.vandaag)


class ActiepuntDialog(FormDialog):
    """An actiepunt outside an MDO: wat, wie, uiterlijk (all three required)."""

    def __init__(self, services: Services, leerlingnummer: str, parent: QWidget | None = None, *,
                 vandaag: date | None = None):
        super().__init__("Actiepunt toevoegen", parent)
        self.services = services
        self.leerlingnummer = leerlingnummer
        self.vandaag = vandaag or date.today()
        self.wat = QLineEdit()
        self.wat.setPlaceholderText("wat moet er gebeuren?")
        self.wie = PersoonCombo(services.trajecten.personen())
        self.uiterlijk = DateEdit(blank_allowed=True, start=self.vandaag)
        self.field("Wat *", "wat", self.wat)
        self.field("Wie *", "wie", self.wie)
        self.field("Uiterlijk *", "uiterlijk", self.uiterlijk)
        self.finish(520)

    def _snapshot(self):
        return (self.wat.text(), self.wie.currentText(), self.uiterlijk.value())

    def _do_save(self) -> Actiepunt:
        return self.services.trajecten.actiepunt_toevoegen(self.leerlingnummer, self.wat.text(), self.wie.value(),
                                                          self.uiterlijk.value(), vandaag=self.vandaag)


class NazorgDialog(FormDialog):
    """Plan a nazorg moment, or change one (`moment`)."""

    def __init__(self, services: Services, traject_id: int, parent: QWidget | None = None, *,
                 moment: NazorgMoment | None = None, vandaag: date | None = None):
        super().__init__("Nazorgmoment wijzigen" if moment else "Nazorgmoment toevoegen", parent)
        self.services = services
        self.traject_id = traject_id
        self.moment = moment
        self.datum = DateEdit(start=vandaag or date.today())
        self.omschrijving = QLineEdit(moment.omschrijving if moment else "")
        self.omschrijving.setPlaceholderText("bijvoorbeeld: even bellen met de mentor hoe het gaat")
        if moment:
            self.datum.set_value(moment.datum)
        self.field("Datum", "datum", self.datum)
        self.lesdag = LesdagWaarschuwing(services.kalender.calendar(), "Klopt de datum?")
        self.form.addRow("", self.lesdag)
        self.datum.dateChanged.connect(lambda: self.lesdag.toon([self.datum.value()]))
        self.lesdag.toon([self.datum.value()])
        self.field("Omschrijving", "omschrijving", self.omschrijving)
        self.finish(500)

    def _snapshot(self):
        return (self.datum.value(), self.omschrijving.text())

    def _do_save(self) -> NazorgMoment:
        if not self.omschrijving.text().strip():
            raise InvoerFout({"omschrijving": "Schrijf op wat er bij dit nazorgmoment gebeurt."})
        tr = self.services.trajecten
        if self.moment is not None:
            return tr.nazorg_wijzigen(self.moment.id, self.datum.value(), self.omschrijving.text())
        return tr.nazorg_toevoegen(self.traject_id, self.datum.value(), self.omschrijving.text())


class NazorgAfrondenDialog(FormDialog):
    def __init__(self, services: Services, moment: NazorgMoment, parent: QWidget | None = None, *,
                 vandaag: date | None = None):
        super().__init__("Nazorg afronden", parent, save_text="Afronden")
        self.services = services
        self.moment = moment
        self.vandaag = vandaag or date.today()
        self.outer.insertWidget(0, _label(f"{moment.omschrijving} (gepland op {format_date(moment.datum)})", bold=True))
        self.datum = DateEdit(start=self.vandaag)
        self.notitie = text_edit("Hoe gaat het nu? Is er nog iets nodig?", 3, max_lines=8)
        self.field("Gedaan op", "datum", self.datum)
        self.field("Notitie", "notitie", self.notitie)
        self.finish(520)

    def _snapshot(self):
        return (self.datum.value(), self.notitie.toPlainText())

    def _do_save(self) -> NazorgMoment:
        return self.services.trajecten.nazorg_afronden(self.moment.id, self.notitie.toPlainText(),
                                                       datum=self.datum.value(), vandaag=self.vandaag)


class NazorgRow(QWidget):
    remove_requested = Signal(object)

    def __init__(self, datum: date, omschrijving: str):
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.datum = DateEdit(start=datum)
        self.datum.set_value(datum)
        self.omschrijving = QLineEdit(omschrijving)
        self.remove_button = QPushButton("×")
        self.remove_button.setAutoDefault(False)
        self.remove_button.setToolTip("Dit nazorgmoment niet plannen")
        self.remove_button.setFixedWidth(self.remove_button.fontMetrics().horizontalAdvance("×") + 24)
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        layout.addWidget(self.datum)
        layout.addWidget(self.omschrijving, 1)
        layout.addWidget(self.remove_button)

    def value(self) -> tuple[date, str]:
        return (self.datum.value(), self.omschrijving.text())


class SluitenDialog(FormDialog):
    """Close the traject: reden, toelichting, datum, and the nazorg moments (6 weeks, 3 months, 1 year after
    the datum; editable)."""

    def __init__(self, services: Services, traject: Traject, parent: QWidget | None = None, *,
                 vandaag: date | None = None):
        super().__init__(f"Traject sluiten – {traject.naam}", parent, save_text="Traject sluiten")
        self.services = services
        self.traject = traject
        self.vandaag = vandaag or date.today()
        self.outer.insertWidget(0, hint("Na het sluiten blijft het traject bewaard en te bekijken. De nazorg komt in "
                                        "de herinneringen: 'tot een jaar later wordt er gekeken hoe het gaat'."))
        self.reden = QComboBox()
        self.reden.addItem("Kies een reden", "")
        for r in Sluitreden:
            self.reden.addItem(r.label, r.value)
        self.toelichting = text_edit("Niet verplicht, behalve bij 'anders'", 2, max_lines=5)
        self.datum = DateEdit(start=self.vandaag)
        self.field("Reden *", "reden", self.reden)
        self.field("Toelichting", "toelichting", self.toelichting)
        self.field("Gesloten op", "datum", self.datum)
        box = QGroupBox("Nazorg plannen")
        self.nazorg_layout = QVBoxLayout()
        self.nazorg_layout.setSpacing(4)
        outer_box = QVBoxLayout(box)
        outer_box.addLayout(self.nazorg_layout)
        self.nazorg_empty = hint("Geen nazorg gepland.")
        outer_box.addWidget(self.nazorg_empty)
        self.lesdag = LesdagWaarschuwing(services.kalender.calendar(), "Klopt de datum? U kunt het zo laten.")
        outer_box.addWidget(self.lesdag)
        add = QHBoxLayout()
        add.addWidget(_button("Moment toevoegen", lambda: self._add(self.datum.value() or self.vandaag, "Nazorg")))
        add.addWidget(_button("Standaard opnieuw invullen", self._standaard,
                              "6 weken, 3 maanden en 1 jaar na de datum van sluiten"))
        add.addStretch(1)
        outer_box.addLayout(add)
        self.outer.addWidget(box)
        self.rows: list[NazorgRow] = []
        self._standaard()
        self._auto = self._moments()
        self.datum.dateChanged.connect(self._datum_changed)
        self.finish(620)

    def _add(self, d: date, omschrijving: str) -> NazorgRow:
        row = NazorgRow(d, omschrijving)
        row.remove_requested.connect(self._remove)
        row.datum.dateChanged.connect(self._lesdagen)
        self.rows.append(row)
        self.nazorg_layout.addWidget(row)
        self.nazorg_empty.hide()
        self._lesdagen()
        return row

    def _remove(self, row: NazorgRow) -> None:
        self.rows.remove(row)
        self.nazorg_layout.removeWidget(row)
        row.hide()
        row.deleteLater()
        self.nazorg_empty.setVisible(not self.rows)
        self._lesdagen()

    def _lesdagen(self, *_args) -> None:
        self.lesdag.toon(r.datum.value() for r in self.rows)

    def _moments(self) -> list[tuple[date, str]]:
        return [r.value() for r in self.rows]

    def _standaard(self) -> None:
        for row in list(self.rows):
            self._remove(row)
        for d, omschrijving in standaard_nazorg(self.datum.value() or self.vandaag):
            self._add(d, omschrijving)
        self._auto = self._moments()

    def _datum_changed(self) -> None:
        if self._moments() == self._auto:  # not edited by hand: follow the datum
            self._standaard()

    def _snapshot(self):
        return (self.reden.currentData(), self.toelichting.toPlainText(), self.datum.value(), tuple(self._moments()))

    def _do_save(self) -> Traject:
        return self.services.trajecten.sluiten(self.traject.id, self.reden.currentData(),
                                               self.toelichting.toPlainText(), datum=self.datum.value(),
                                               nazorg=self._moments(), vandaag=self.vandaag)


class AnalyseDialog(ConceptDialog):
    """Step 4: risk and protective factors per domain, the verzuimtype and Kearney's function; with a draft."""

    def __init__(self, services: Services, traject_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.traject_id = traject_id
        self.saved: Analyse | None = None
        traject = services.trajecten.get(traject_id)
        self.setWindowTitle(f"Analyse – {traject.naam}")
        self.setSizeGripEnabled(True)
        self.general_error = ErrorLabel()
        self.field_errors = FieldErrors(self.general_error)
        layout = QVBoxLayout(self)
        self.concept_note = hint("")
        self.concept_note.hide()
        layout.addWidget(self.concept_note)
        layout.addWidget(hint("Een zorgvuldige analyse gaat vooraf aan het kiezen van een interventie: breng in relatie "
                              "tot het verzuim de risico- en beschermende factoren in beeld, en bespreek ze met de "
                              "leerling en de ouders. Dat is de basis voor het plan van aanpak."))
        layout.addWidget(self.general_error)
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(6)
        grid.addWidget(_label("Risicofactoren", bold=True), 0, 1)
        grid.addWidget(_label("Beschermende factoren", bold=True), 0, 2)
        self.velden: dict[tuple[Domein, str], object] = {}
        for r, d in enumerate(Domein, 1):
            grid.addWidget(_label(d.label, bold=True), r, 0, Qt.AlignmentFlag.AlignTop)
            for c, soort in ((1, "risico"), (2, "beschermend")):
                edit = text_edit("wat maakt het moeilijker?" if soort == "risico" else "wat helpt?", 3)
                self.velden[(d, soort)] = edit
                grid.addWidget(edit, r, c)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        layout.addLayout(grid, 1)
        form = form_layout()
        self.verzuimtype = QComboBox()
        self.verzuimtype.addItem("Nog niet bepaald", "")
        for v in Verzuimtype:
            self.verzuimtype.addItem(v.label, v.value)
        self.kearney = QComboBox()
        self.kearney.addItem("Nog niet bepaald", "")
        for k in KearneyFunctie:
            self.kearney.addItem(k.label, k.value)
        self.kearney.setToolTip("Welke functie heeft het verzuim voor de leerling (Kearney)? Niet verplicht.")
        form.addRow("Verzuimtype", with_error(self.verzuimtype, self.field_errors.add("verzuimtype", self.verzuimtype)))
        form.addRow("Functie van het verzuim", with_error(self.kearney,
                                                          self.field_errors.add("kearney_functie", self.kearney)))
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("Opslaan")
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setAutoDefault(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        a = services.trajecten.analyse(traject_id)
        for d in Domein:
            f = a.factoren.get(d, Factoren())
            self.velden[(d, "risico")].setPlainText(f.risico)
            self.velden[(d, "beschermend")].setPlainText(f.beschermend)
        self.verzuimtype.setCurrentIndex(max(self.verzuimtype.findData(a.verzuimtype.value if a.verzuimtype else ""), 0))
        self.kearney.setCurrentIndex(max(self.kearney.findData(a.kearney_functie.value if a.kearney_functie else ""), 0))
        self._setup_concept(services, "analyse", f"traject:{traject_id}")
        for (d, soort), edit in self.velden.items():
            self.concept.veld(f"{d.value}_{soort}", edit)
        self._restore_concept()
        self.resize(980, 640)
        screen = (parent.screen() if parent else None) or self.screen()
        if screen is not None:
            g = screen.availableGeometry()
            self.resize(min(980, g.width() - 40), min(640, g.height() - 60))

    def analyse(self) -> Analyse:
        factoren = {d: Factoren(self.velden[(d, "risico")].toPlainText(), self.velden[(d, "beschermend")].toPlainText())
                    for d in Domein}
        return Analyse(factoren, Verzuimtype(self.verzuimtype.currentData()) if self.verzuimtype.currentData() else None,
                       KearneyFunctie(self.kearney.currentData()) if self.kearney.currentData() else None)

    def _snapshot(self):
        return (tuple(e.toPlainText() for e in self.velden.values()), self.verzuimtype.currentData(),
                self.kearney.currentData())

    def save(self) -> bool:
        self.field_errors.clear()
        try:
            self.saved = self.services.trajecten.analyse_opslaan(self.traject_id, self.analyse())
        except InvoerFout as exc:
            self.field_errors.show(exc.fouten)
            return False
        except errors.GebruikersFout as exc:
            errors.show_user_error(self, exc)
            return False
        self._saved()
        self.accept()
        return True


# --- the stepper ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class StapStand:
    stap: Stap
    gedaan: int
    totaal: int


class Stepper(QWidget):
    """The five steps in a row: the current one filled, the selected one on a light background, each with
    how many checklist items are done. Click (or Left/Right) selects a step; it does not move the traject."""

    step_selected = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.standen: list[StapStand] = [StapStand(s, 0, 0) for s in Stap]
        self.current = Stap.IN_BEELD
        self.selected = Stap.IN_BEELD
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumHeight(self.sizeHint().height())
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName("Stappen van de praktijkkaart")

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        return QSize(600, 36 + fm.height() * 2 + 18)

    def set_state(self, standen: list[StapStand], current: Stap, selected: Stap) -> None:
        self.standen = standen
        self.current = current
        self.selected = selected
        self.setAccessibleDescription(" ".join(self.tooltip_for(s.stap) for s in standen))
        self.update()

    def step_rect(self, stap: int) -> QRect:
        w = self.width() / 5
        return QRect(round((int(stap) - 1) * w), 0, round(w), self.height())

    def tooltip_for(self, stap: Stap) -> str:
        s = self.standen[int(stap) - 1]
        wat = "Hier staat het traject nu. " if stap == self.current else ""
        return f"Stap {int(stap)}: {stap.titel}. {wat}{s.gedaan} van {s.totaal} gedaan."

    def select(self, stap: int) -> None:
        stap = Stap(int(stap))
        if stap != self.selected:
            self.selected = stap
            self.update()
        self.step_selected.emit(int(stap))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            x = event.position().x()
            stap = min(5, max(1, int(x // (self.width() / 5)) + 1))
            self.select(stap)
            return
        super().mousePressEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            x = event.pos().x()
            stap = Stap(min(5, max(1, int(x // (self.width() / 5)) + 1)))
            QToolTip.showText(event.globalPos(), self.tooltip_for(stap), self, self.step_rect(stap))
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Left and self.selected > 1:
            self.select(self.selected - 1)
        elif event.key() == Qt.Key.Key_Right and self.selected < 5:
            self.select(self.selected + 1)
        else:
            super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text = pal.color(pal.ColorRole.WindowText)
        muted = theme.color("muted")
        accent, done = theme.color("accent"), theme.color("success")
        base = pal.color(pal.ColorRole.Base)
        fm = self.fontMetrics()
        r = 14
        cy = 6 + r
        w = self.width() / 5
        centers = [w * i + w / 2 for i in range(5)]
        # the selected step's background
        sel = self.step_rect(self.selected).adjusted(2, 0, -2, 0)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(theme.color("selection_bg"))
        p.drawRoundedRect(QRectF(sel), 6, 6)
        if self.hasFocus():
            p.setPen(QPen(accent, 1, Qt.PenStyle.DotLine))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(QRectF(sel.adjusted(1, 1, -1, -1)), 6, 6)
        # connectors
        p.setPen(QPen(theme.color("border"), 2))
        for i in range(4):
            p.drawLine(round(centers[i] + r + 4), cy, round(centers[i + 1] - r - 4), cy)
        bold = QFont(self.font())
        bold.setBold(True)
        small = QFont(self.font())
        small.setPointSizeF(max(small.pointSizeF() - 1, 7))
        for i, s in enumerate(self.standen):
            cx = centers[i]
            compleet = s.totaal > 0 and s.gedaan == s.totaal
            huidig = s.stap == self.current
            circle = QRectF(cx - r, cy - r, 2 * r, 2 * r)
            if huidig:
                p.setPen(QPen(accent, 2))
                p.setBrush(accent)
                number_color = theme.color("on_accent")
            elif compleet:
                p.setPen(QPen(done, 2))
                p.setBrush(base)
                number_color = done
            else:
                p.setPen(QPen(accent if s.gedaan else muted, 2))
                p.setBrush(base)
                number_color = text if s.gedaan else muted
            p.drawEllipse(circle)
            p.setFont(bold)
            p.setPen(number_color)
            p.drawText(circle, Qt.AlignmentFlag.AlignCenter, "✓" if compleet and not huidig else str(int(s.stap)))
            # title and count
            p.setFont(bold if huidig or s.stap == self.selected else self.font())
            p.setPen(text)
            title_rect = QRectF(cx - w / 2 + 4, cy + r + 4, w - 8, fm.height() + 2)
            p.drawText(title_rect, Qt.AlignmentFlag.AlignCenter, f"{int(s.stap)}. {STAP_KORT[s.stap]}")
            p.setFont(small)
            p.setPen(done if compleet else muted)
            count = f"{s.gedaan} van {s.totaal} gedaan"
            if huidig:
                count = "nu · " + count
            p.drawText(QRectF(cx - w / 2 + 4, title_rect.bottom(), w - 8, fm.height() + 2),
                       Qt.AlignmentFlag.AlignCenter, count)
        p.end()


# --- the checklist -------------------------------------------------------------------------------------

class ChecklistRow(QWidget):
    """One checklist item: a checkbox with its label, the praktijkkaart's help in grey, and what was done."""

    toggled_by_user = Signal(object, bool)  # the ChecklistRegel, the new state

    def __init__(self, regel: ChecklistRegel, *, can_edit: bool):
        super().__init__()
        self.regel = regel
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 6)
        layout.setSpacing(1)
        self.checkbox = QCheckBox(regel.item.label)
        self.checkbox.setChecked(regel.gedaan)
        self.checkbox.setToolTip(regel.item.hulp)
        if regel.automatisch:  # ticked by the dossier itself: looks done, cannot be unticked by hand
            self.checkbox.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            self.checkbox.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.setToolTip(f"Automatisch afgevinkt: {regel.bewijs}. Het vinkje blijft zolang dit in het dossier "
                            "staat.")
        else:
            self.checkbox.setEnabled(can_edit)
        self.checkbox.clicked.connect(lambda checked: self.toggled_by_user.emit(self.regel, checked))
        layout.addWidget(self.checkbox)
        indent = self.style().pixelMetric(self.style().PixelMetric.PM_IndicatorWidth) + 6
        self.help = _small(_label(regel.item.hulp, muted=True))
        self.help.setContentsMargins(indent, 0, 0, 0)
        layout.addWidget(self.help)
        self.done = _small(_label(self.done_text(), color="success"))
        self.done.setContentsMargins(indent, 0, 0, 0)
        self.done.setVisible(bool(self.done.text()))
        layout.addWidget(self.done)

    def done_text(self) -> str:
        r = self.regel
        if not r.gedaan:
            return ""
        if r.automatisch:
            return f"✓ Automatisch: {r.bewijs}"
        tekst = f"✓ Gedaan op {format_date(r.datum)}" + (f" door {r.door}" if r.door else "")
        if r.notitie:
            tekst += f": {r.notitie}"
        if r.bewijs:
            tekst += f" (ook in het dossier: {r.bewijs})"
        return tekst


# --- the view ------------------------------------------------------------------------------------------

class TrajectView(QWidget):
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
        self.status_label = _label(muted=True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.pages = QStackedWidget()
        layout.addWidget(self.pages)
        self._build_empty()
        self._build_traject()

    @property
    def vandaag(self) -> date:
        return self.vandaag_vast or date.today()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The step beside the tabs when there is room; above them on a narrow screen (1366×768 at 150 %)."""
        super().resizeEvent(event)
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
        self.open_button = _button("Traject openen…", self.open_traject)
        self.open_button.setVisible(self.can_edit)
        buttons.addWidget(self.open_button)
        self.empty_gesprek = _button("Gesprek vastleggen…", self.gesprek_vastleggen)
        self.empty_contact = _button("Contactmoment…", self.contactmoment,
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
        self.banner_text = _label()
        banner_layout.addWidget(self.banner_text, 1)
        self.back_button = _button("Terug", lambda: self.show_leerling(self.leerlingnummer))
        banner_layout.addWidget(self.back_button)
        layout.addWidget(self.banner)

        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        self.title = heading("", 3)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.meta = _label()
        self.aanleiding = _label(muted=True)
        titles.addWidget(self.title)
        titles.addWidget(self.meta)
        titles.addWidget(self.aanleiding)
        header.addLayout(titles, 1)
        actions = QVBoxLayout()
        actions.setSpacing(4)
        self.wijzig_button = _button("Gegevens wijzigen…", self.traject_wijzigen,
                                     "Categorie, aanleiding, casusregisseur of evaluatiedatum wijzigen")
        self.sluit_button = _button("Traject sluiten…", self.traject_sluiten)
        self.plan_button = _button("Plan van aanpak…", self.plan_van_aanpak,
                                   "Het plan van aanpak van dit traject: doelen, interventies, afspraken, versies")
        self.dossier_button = _button("Dossier afdrukken…", self.dossier_afdrukken,
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
        self.step_status = _label()
        move.addWidget(self.step_status, 1)
        self.move_button = _button("", self.move_to_selected)
        move.addWidget(self.move_button, 0, Qt.AlignmentFlag.AlignTop)
        step.addLayout(move)
        self.step_open = _label(color="warning")
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
        self.tabs = QTabWidget()
        self.tabs.setMinimumHeight(380)
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

    def _tab(self, *widgets) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(6, 6, 6, 6)
        for w in widgets:
            if isinstance(w, QHBoxLayout):
                layout.addLayout(w)
            else:
                layout.addWidget(w, 1 if isinstance(w, (QTreeWidget, QScrollArea)) else 0)
        return page

    def _build_gesprekken_tab(self) -> None:
        self.gesprekken_tree = _tree(["Datum", "Soort", "Afspraken", "Samenvatting"])
        self.gesprekken_tree.itemActivated.connect(lambda *_: self.gesprek_bekijken())  # double-click, Enter
        self.gesprekken_tree.setToolTip("Dubbelklik om het gesprek te bekijken")
        self.gesprekken_tree.currentItemChanged.connect(self._update_gesprek_weg)
        row = QHBoxLayout()
        self.gesprek_button = _button("Gesprek vastleggen…", self.gesprek_vastleggen)
        self.contact_button = _button("Contactmoment…", self.contactmoment,
                                      "Snel een telefoontje of gesprek noteren (Ctrl+Enter slaat op)")
        self.gesprek_open_button = _button("Bekijken…", self.gesprek_bekijken)
        self.gesprek_weg_button = _button("Verwijderen…", self.gesprek_verwijderen,
                                          "Een gesprek dat per vergissing is vastgelegd")
        for b in (self.gesprek_button, self.contact_button, self.gesprek_open_button, self.gesprek_weg_button):
            row.addWidget(b)
        row.addStretch(1)
        self.gesprekken_leeg = hint("Nog geen gesprekken bij dit traject.")
        self.tabs.addTab(self._tab(row, self.gesprekken_leeg, self.gesprekken_tree), "Gesprekken")

    def _build_mdo_tab(self) -> None:
        row = QHBoxLayout()
        self.mdo_button = _button("MDO vastleggen…", self.mdo_vastleggen,
                                  "Plan een MDO of leg het verslag, de besluiten en actiepunten vast")
        self.partners_button = _button("Adresboek…", self.adresboek, "Het gedeelde adresboek van partners")
        row.addWidget(self.mdo_button)
        row.addWidget(self.partners_button)
        row.addStretch(1)
        body = QWidget()
        self.mdo_layout = QVBoxLayout(body)
        self.mdo_layout.setContentsMargins(0, 0, 4, 0)
        self.mdo_scroll = self._scroll(body)
        self.tabs.addTab(self._tab(row, self.mdo_scroll), "MDO's")

    def _build_actiepunten_tab(self) -> None:
        self.actiepunten_tree = _tree(["Uiterlijk", "Wie", "Uit", "Status", "Wat"])
        self.actiepunten_tree.itemSelectionChanged.connect(self._update_actie_buttons)
        row = QHBoxLayout()
        self.gedaan_button = _button("Gedaan", lambda: self.actiepunt_status(ActiepuntStatus.GEDAAN))
        self.vervallen_button = _button("Vervallen", lambda: self.actiepunt_status(ActiepuntStatus.VERVALLEN),
                                        "Het actiepunt is niet meer nodig")
        self.heropen_button = _button("Weer open", lambda: self.actiepunt_status(ActiepuntStatus.OPEN))
        self.actie_add_button = _button("Actiepunt toevoegen…", self.actiepunt_toevoegen)
        self.actie_weg_button = _button("Verwijderen…", self.actiepunt_verwijderen,
                                        "Een actiepunt dat per vergissing is toegevoegd (anders: Vervallen)")
        for b in (self.actie_add_button, self.gedaan_button, self.vervallen_button, self.heropen_button,
                  self.actie_weg_button):
            row.addWidget(b)
        row.addStretch(1)
        self.alle_acties = QCheckBox("Ook afgeronde tonen")
        self.alle_acties.toggled.connect(self._fill_actiepunten)
        row.addWidget(self.alle_acties)
        self.actiepunten_leeg = hint("")
        self.tabs.addTab(self._tab(row, self.actiepunten_leeg, self.actiepunten_tree), "Actiepunten")

    def _build_nazorg_tab(self) -> None:
        self.nazorg_tree = _tree(["Datum", "Wat", "Gedaan"])
        self.nazorg_tree.itemSelectionChanged.connect(self._update_nazorg_buttons)
        self.nazorg_hint = hint("")
        row = QHBoxLayout()
        self.nazorg_afronden_button = _button("Afronden…", self.nazorg_afronden)
        self.nazorg_wijzig_button = _button("Wijzigen…", self.nazorg_wijzigen)
        self.nazorg_weg_button = _button("Verwijderen", self.nazorg_verwijderen)
        self.nazorg_add_button = _button("Toevoegen…", self.nazorg_toevoegen)
        for b in (self.nazorg_afronden_button, self.nazorg_wijzig_button, self.nazorg_weg_button,
                  self.nazorg_add_button):
            row.addWidget(b)
        row.addStretch(1)
        self.tabs.addTab(self._tab(self.nazorg_hint, row, self.nazorg_tree), "Nazorg")

    # --- showing ---------------------------------------------------------------------------------------

    def show_leerling(self, leerlingnummer: str) -> None:
        """Show the student's open traject, or the empty state; read fresh from the database."""
        if leerlingnummer != self.leerlingnummer:
            self.selected = None  # the current step of the new student's traject
            self.tabs.setCurrentIndex(0)
            for page in (self.empty_page, self.traject_page):
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
        _clear(self.signalen_layout)
        signalen: list[Signaal] = []
        with contextlib.suppress(NietGevonden):
            signalen = self.services.signalen.overzicht(leerlingnummer=self.leerlingnummer).signalen
        self.signaal_buttons: list[QPushButton] = []
        for s in signalen:
            card = _card()
            row = QHBoxLayout(card)
            row.setContentsMargins(10, 6, 8, 6)
            text = QVBoxLayout()
            text.setSpacing(1)
            text.addWidget(_label(s.soort.label, bold=True))
            uitleg = (s.uitleg[:1].upper() + s.uitleg[1:] + ".") if s.uitleg else ""
            text.addWidget(_label(f"{uitleg} Ontstaan op {format_date(s.datum)}.".strip(), muted=True))
            row.addLayout(text, 1)
            button = _button("Traject openen vanuit dit signaal", lambda s=s: self.open_traject(s),
                             f"Categorie: {categorie_voor_signaal(s.soort).label.lower()} (kunt u nog wijzigen)")
            button.setVisible(self.can_edit)
            self.signaal_buttons.append(button)
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
            self.signalen_layout.addWidget(card)
        self.signalen_box.setVisible(bool(signalen))

        _clear(self.empty_nazorg_layout)
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
                row.addWidget(_label(tekst, color="danger" if te_laat else ("success" if n.gedaan else "")), 1)
                if n.gedaan is None and self.can_edit:
                    row.addWidget(_button("Afronden…", lambda n=n: self.nazorg_afronden(n)))
                self.empty_nazorg_layout.addLayout(row)
            self.empty_nazorg_layout.addWidget(
                _button("Traject bekijken", lambda t=laatste: self.show_traject(t.id)), 0, Qt.AlignmentFlag.AlignLeft)
        self.empty_nazorg_box.setVisible(bool(open_nazorg) or bool(laatste and laatste.nazorg))
        self._fill_eerder(self.eerder_layout, self.eerder_box, exclude=None)

    def _fill_eerder(self, layout: QVBoxLayout, box: QGroupBox, exclude: int | None) -> None:
        _clear(layout)
        eerder = [t for t in self.trajecten if not t.is_open and t.id != exclude]
        for t in eerder:
            row = QHBoxLayout()
            reden = t.sluitreden.label.lower() if t.sluitreden else ""
            row.addWidget(_label(f"{t.categorie.label}: {format_date(t.geopend)} t/m {format_date(t.gesloten)}"
                                 + (f" – {reden}" if reden else "")), 1)
            row.addWidget(_button("Bekijken", lambda t=t: self.show_traject(t.id),
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
        _clear(self.checklist_layout)
        self.checklist_rows = []
        for regel in sc.regels:
            row = ChecklistRow(regel, can_edit=self.can_edit and not self.read_only)
            row.toggled_by_user.connect(self._checklist_clicked)
            self.checklist_rows.append(row)
            self.checklist_layout.addWidget(row)
        self._fill_step_extra()

    def _fill_step_extra(self) -> None:
        _clear(self.extra_layout)
        stap = self.selected
        edit = self.can_edit and not self.read_only
        row = QHBoxLayout()
        if stap == Stap.CONTACT and self.can_contact and not self.read_only:
            row.addWidget(_button("Gesprek vastleggen…", self.gesprek_vastleggen))
            row.addWidget(_button("Contactmoment…", self.contactmoment))
        elif stap == Stap.SAMENWERKEN:
            geldend = self.services.trajecten.toestemmingen(self.traject.id, alleen_geldend=True)
            if geldend:
                self.extra_layout.addWidget(_small(_label("Toestemming van ouders: " + "; ".join(
                    f"{x.organisatie} {'ja' if x.gegeven else 'nee'} ({format_date(x.datum)})" for x in geldend),
                    muted=True)))
            if edit:
                row.addWidget(_button("MDO vastleggen…", self.mdo_vastleggen))
                row.addWidget(_button("Adresboek…", self.adresboek))
        if stap in (Stap.INTERVENTIE, Stap.TERUG_IN_BEELD):
            self.extra_layout.addWidget(self._plan_box())
        if stap == Stap.INTERVENTIE:
            if edit:
                row.addWidget(_button("Analyse bewerken…", self.analyse_bewerken,
                                      "Risico- en beschermende factoren per domein, verzuimtype en functie"))
                row.addStretch(1)
                self.extra_layout.addLayout(row)
                row = QHBoxLayout()
            if self.can_edit:  # the analysis is for the zorgcoördinator only (services/toegang.py)
                self.extra_layout.addWidget(self._analyse_box())
        elif stap == Stap.TERUG_IN_BEELD and edit:
            self.extra_layout.addWidget(_small(hint("Bij het sluiten van het traject plant u de nazorg: standaard na "
                                                    "6 weken, 3 maanden en 1 jaar.")))
            row.addWidget(_button("Traject sluiten…", self.traject_sluiten))
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
                     "afspraken vast.")
        elif plan.is_vastgesteld:
            tekst = f"Versie {plan.versie}, vastgesteld op {format_date(plan.vastgesteld_op)}."
            volgende = plan.volgende_evaluatie(self.vandaag)
            if volgende:
                tekst += f" Volgende evaluatie: {format_date(volgende)}."
        else:
            tekst = f"Versie {plan.versie} is nog een concept (gewijzigd {format_date(plan.gewijzigd)})."
        layout.addWidget(_label(tekst), 1)
        if self.can_edit or plan is not None:
            knop = "Plan van aanpak maken…" if plan is None else ("Plan van aanpak…" if self.can_edit
                                                                  else "Plan bekijken…")
            self.plan_step_button = _button(knop, self.plan_van_aanpak)
            layout.addWidget(self.plan_step_button, 0, Qt.AlignmentFlag.AlignVCenter)
        return box

    def _analyse_box(self) -> QWidget:
        a = self.services.trajecten.analyse(self.traject.id)
        box = QGroupBox("Analyse")
        layout = QVBoxLayout(box)
        if not a.ingevuld and a.verzuimtype is None:
            layout.addWidget(_small(hint("Nog niet ingevuld. Breng per domein (leerling, thuis, school, buurt en vrije "
                                         "tijd) de risico- en beschermende factoren in beeld.")))
            return box
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.addWidget(_small(_label("Risico", bold=True)), 0, 1)
        grid.addWidget(_small(_label("Beschermend", bold=True)), 0, 2)
        for r, d in enumerate(Domein, 1):
            f = a.factoren.get(d, Factoren())
            grid.addWidget(_small(_label(d.label, bold=True)), r, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(_small(_label(f.risico or "—")), r, 1, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(_small(_label(f.beschermend or "—")), r, 2, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        layout.addLayout(grid)
        extra = []
        if a.verzuimtype:
            extra.append(f"Verzuimtype: {a.verzuimtype.label}")
        if a.kearney_functie:
            extra.append(f"Functie: {a.kearney_functie.label.lower()}")
        if extra:
            layout.addWidget(_small(_label(" · ".join(extra))))
        return box

    # --- lists -----------------------------------------------------------------------------------------

    def _traject_items(self, items, traject_id_of) -> list:
        """Items of the shown traject; for the open traject also those without a traject (made before it)."""
        t = self.traject
        return [x for x in items if traject_id_of(x) == t.id or (t.is_open and traject_id_of(x) is None)]

    def _fill_gesprekken(self) -> None:
        tree = self.gesprekken_tree
        tree.clear()
        self.gesprekken = self._traject_items(self.services.trajecten.gesprekken(self.leerlingnummer),
                                              lambda g: g.traject_id)
        for g in self.gesprekken:  # a vertrouwelijk one comes with VERTROUWELIJK for its content, unless allowed
            item = QTreeWidgetItem([format_date(g.datum), g.type.label + (" · vertrouwelijk" if g.vertrouwelijk else ""),
                                    str(len(g.afspraken)) if g.afspraken else "", " ".join(g.samenvatting.split())])
            item.setData(0, Qt.ItemDataRole.UserRole, g.id)
            item.setToolTip(3, g.samenvatting)
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignCenter)
            if g.vertrouwelijk:
                item.setForeground(1, theme.color("accent"))
            tree.addTopLevelItem(item)
        for c in range(3):
            tree.resizeColumnToContents(c)
        self.gesprekken_leeg.setVisible(not self.gesprekken)
        tree.setVisible(bool(self.gesprekken))
        self.tabs.setTabText(0, f"Gesprekken ({len(self.gesprekken)})")
        for b in (self.gesprek_button, self.contact_button):
            b.setVisible(self.can_contact and not self.read_only)
        self.gesprek_weg_button.setVisible(self.can_contact and not self.read_only and bool(self.gesprekken))
        self._update_gesprek_weg()

    def _update_gesprek_weg(self, *_args) -> None:
        """Removing is offered only where the service allows it (no question first and a refusal after)."""
        g = self._selected_gesprek()
        mag = g is None or self.services.trajecten.mag_gesprek_weghalen(g)
        self.gesprek_weg_button.setEnabled(mag)
        self.gesprek_weg_button.setToolTip("Een gesprek dat per vergissing is vastgelegd" if mag else
                                           "Dit gesprek is vertrouwelijk: alleen de zorgcoördinator kan het "
                                           "verwijderen.")

    def _fill_mdos(self) -> None:
        _clear(self.mdo_layout)
        tr = self.services.trajecten
        self.mdos = tr.mdos(self.traject.id)
        self.mdo_button.setVisible(self.can_edit and not self.read_only)
        self.partners_button.setVisible(self.can_edit)
        if not self.mdos:
            self.mdo_layout.addWidget(hint("Nog geen MDO. In stap 3 organiseert de school een multidisciplinair overleg "
                                           "met de partners die nodig zijn, de ouders en de leerling."))
        for m in reversed(self.mdos):
            self.mdo_layout.addWidget(self._mdo_card(m))
        self.mdo_layout.addStretch(1)
        self.tabs.setTabText(1, f"MDO's ({len(self.mdos)})")

    def _mdo_card(self, m: Mdo) -> QFrame:
        card = _card()
        layout = QVBoxLayout(card)
        layout.setContentsMargins(10, 6, 10, 8)
        layout.setSpacing(2)
        top = QHBoxLayout()
        gepland = " (gepland)" if m.datum > self.vandaag else ""
        titel = f"MDO {format_date(m.datum)}{gepland}" + ("  · vertrouwelijk" if m.vertrouwelijk else "")
        top.addWidget(_label(titel, bold=True), 1)
        verborgen = m.vertrouwelijk and not self.services.trajecten.ziet_vertrouwelijk  # the service hid it
        open_text = "Openen…" if self.can_edit and not self.read_only else "Bekijken…"
        if not verborgen:
            top.addWidget(_button(open_text, lambda m=m: self.mdo_openen(m)))
            top.addWidget(_button("Verslag afdrukken…" if m.datum <= self.vandaag else "Agenda afdrukken…",
                                  lambda m=m: self.mdo_afdrukken(m),
                                  "Als PDF: bekijken, afdrukken of opslaan"))
        if self.can_edit and not self.read_only:
            top.addWidget(_button("Verwijderen…", lambda m=m: self.mdo_verwijderen(m),
                                  "Een MDO dat per vergissing is vastgelegd, met zijn besluiten en actiepunten"))
        layout.addLayout(top)
        if verborgen:
            layout.addWidget(_small(_label(VERTROUWELIJK, muted=True)))
        if m.deelnemers:
            layout.addWidget(_small(_label("Deelnemers: " + ", ".join(f"{d.naam} ({d.rol.label.lower()})"
                                                                        for d in m.deelnemers), muted=True)))
        if m.besluiten and not verborgen:
            layout.addWidget(_label("Besluiten", bold=True))
            for b in m.besluiten:
                layout.addWidget(_label(f"{b.nummer}. {b.tekst}"))
        open_ = [a for a in m.actiepunten if a.status is ActiepuntStatus.OPEN]
        if open_:
            layout.addWidget(_label("Open actiepunten", bold=True))
            for a in open_:
                te_laat = a.te_laat(self.vandaag)
                layout.addWidget(_label(f"• {a.wat} – {a.wie.naam}, uiterlijk {format_date(a.uiterlijk)}"
                                        + (" (te laat)" if te_laat else ""), color="danger" if te_laat else ""))
        klaar = len(m.actiepunten) - len(open_)
        if klaar:
            layout.addWidget(_small(_label(f"{klaar} actiepunt{'en' if klaar != 1 else ''} afgerond of vervallen",
                                           muted=True)))
        if not (m.besluiten or m.actiepunten or m.verslag):
            layout.addWidget(_small(hint("Nog geen verslag, besluiten of actiepunten.")))
        return card

    def _fill_actiepunten(self) -> None:
        if self.traject is None:
            return
        tree = self.actiepunten_tree
        tree.clear()
        tr = self.services.trajecten
        alle = self._traject_items(tr.actiepunten(self.leerlingnummer), lambda a: a.traject_id)
        mdo_datum = {m.id: m.datum for m in getattr(self, "mdos", [])}
        gesprek_datum = {g.id: g.datum for g in getattr(self, "gesprekken", [])}
        self.actiepunten = alle if self.alle_acties.isChecked() else [
            a for a in alle if a.status is ActiepuntStatus.OPEN]
        for a in self.actiepunten:
            if a.mdo_id is not None:
                uit = f"MDO {format_date(mdo_datum.get(a.mdo_id))}".strip()
            elif a.gesprek_id is not None:
                uit = f"gesprek {format_date(gesprek_datum.get(a.gesprek_id))}".strip()
            else:
                uit = ""
            status = a.status.label + (f" op {format_date(a.afgerond)}" if a.afgerond else "")
            te_laat = a.te_laat(self.vandaag)
            item = QTreeWidgetItem([format_date(a.uiterlijk) + (" · te laat" if te_laat else ""), a.wie.naam, uit,
                                    status, a.wat])
            item.setData(0, Qt.ItemDataRole.UserRole, a.id)
            item.setToolTip(4, a.wat)
            if te_laat:
                for c in range(5):
                    item.setForeground(c, theme.color("danger"))
            elif a.status is not ActiepuntStatus.OPEN:
                for c in range(5):
                    item.setForeground(c, theme.color("muted"))
            tree.addTopLevelItem(item)
        for c in range(4):
            tree.resizeColumnToContents(c)
        tree.setVisible(bool(self.actiepunten))
        self.actiepunten_leeg.setText("" if self.actiepunten else (
            "Nog geen actiepunten bij dit traject." if not alle else "Geen open actiepunten meer."))
        self.actiepunten_leeg.setVisible(not self.actiepunten)
        n_open = sum(a.status is ActiepuntStatus.OPEN for a in alle)
        self.tabs.setTabText(2, f"Actiepunten ({n_open} open)")
        self.actie_add_button.setVisible(self.can_contact and not self.read_only)
        self._update_actie_buttons()

    def _update_actie_buttons(self) -> None:
        a = self._selected_actiepunt()
        mag = self.can_contact and not self.read_only
        for b in (self.gedaan_button, self.vervallen_button, self.heropen_button):
            b.setVisible(mag)
        self.gedaan_button.setEnabled(a is not None and a.status is ActiepuntStatus.OPEN)
        self.vervallen_button.setEnabled(a is not None and a.status is ActiepuntStatus.OPEN)
        self.heropen_button.setEnabled(a is not None and a.status is not ActiepuntStatus.OPEN)
        self.actie_weg_button.setVisible(self.can_edit and not self.read_only)
        self.actie_weg_button.setEnabled(a is not None)

    def _selected_actiepunt(self) -> Actiepunt | None:
        item = self.actiepunten_tree.currentItem()
        if item is None or not item.isSelected():
            return None
        ident = item.data(0, Qt.ItemDataRole.UserRole)
        return next((a for a in getattr(self, "actiepunten", []) if a.id == ident), None)

    def _fill_nazorg(self) -> None:
        tree = self.nazorg_tree
        tree.clear()
        t = self.traject
        if t.is_open:
            self.nazorg_hint.setText("Nazorg plant u bij het sluiten van het traject: standaard na 6 weken, 3 maanden "
                                     "en 1 jaar ('tot een jaar later wordt er gekeken hoe het gaat').")
        else:
            self.nazorg_hint.setText(f"Het traject is gesloten op {format_date(t.gesloten)}. Rond elk nazorgmoment af "
                                     "met een korte notitie.")
        for n in t.nazorg:
            te_laat = n.gedaan is None and n.datum < self.vandaag
            gedaan = (f"{format_date(n.gedaan)}" + (f": {n.notitie}" if n.notitie else "")) if n.gedaan else (
                "te laat" if te_laat else "")
            item = QTreeWidgetItem([format_date(n.datum), n.omschrijving, gedaan])
            item.setData(0, Qt.ItemDataRole.UserRole, n.id)
            if te_laat:
                for c in range(3):
                    item.setForeground(c, theme.color("danger"))
            tree.addTopLevelItem(item)
        tree.resizeColumnToContents(0)
        tree.setColumnWidth(1, 220)
        tree.setVisible(bool(t.nazorg))
        open_ = sum(n.gedaan is None for n in t.nazorg)
        self.tabs.setTabText(3, f"Nazorg ({open_} open)" if t.nazorg else "Nazorg")
        self.nazorg_add_button.setVisible(self.can_edit and not t.is_open)
        self._update_nazorg_buttons()

    def _selected_nazorg(self) -> NazorgMoment | None:
        item = self.nazorg_tree.currentItem()
        if item is None or not item.isSelected() or self.traject is None:
            return None
        ident = item.data(0, Qt.ItemDataRole.UserRole)
        return next((n for n in self.traject.nazorg if n.id == ident), None)

    def _update_nazorg_buttons(self) -> None:
        n = self._selected_nazorg()
        mag = self.can_edit and self.traject is not None and bool(self.traject.nazorg)
        for b in (self.nazorg_afronden_button, self.nazorg_wijzig_button, self.nazorg_weg_button):
            b.setVisible(mag)
            b.setEnabled(n is not None)
        self.nazorg_afronden_button.setEnabled(n is not None and n.gedaan is None)

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
            dialog.outer.insertWidget(1, _label(f"Let op: er staan nog {n} punten van de checklist open. U kunt het "
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

    def gesprek_vastleggen(self) -> bool:
        dialog = GesprekDialog(self.services, self.leerlingnummer, self._parent(), vandaag=self.vandaag_vast)
        if dialog.exec() and dialog.saved is not None:
            self._wrote("Gesprek vastgelegd.")
            return True
        return False

    def contactmoment(self) -> bool:
        dialog = ContactmomentDialog(self.services, self.leerlingnummer, self._parent(), vandaag=self.vandaag_vast)
        if dialog.exec() and dialog.saved is not None:
            self._wrote("Contactmoment vastgelegd.")
            return True
        return False

    def mdo_verwijderen(self, mdo: Mdo) -> bool:
        n = len(mdo.besluiten) + len(mdo.actiepunten)
        if not errors.bevestig_verwijderen(self, f"Het MDO van {format_date(mdo.datum)}",
                                           f"De deelnemers, besluiten en actiepunten ({n}) van dit MDO gaan mee."
                                           if n else "De deelnemers van dit MDO gaan mee."):
            return False
        try:
            weg = self.services.trajecten.mdo_verwijderen(mdo.id)
        except errors.GebruikersFout as exc:
            errors.show_user_error(self, exc)
            return False
        self._wrote("MDO verwijderd.")
        toon_ongedaan(self, self.services, weg, lambda: self._wrote("MDO teruggezet."))
        return True

    def gesprek_verwijderen(self) -> bool:
        g = self._selected_gesprek()
        if g is not None and not self.services.trajecten.mag_gesprek_weghalen(g):
            self.status_label.setText(self.gesprek_weg_button.toolTip())
            return False
        if g is None or not errors.bevestig_verwijderen(self, f"Het gesprek van {format_date(g.datum)}",
                                                        "De afspraken van het gesprek gaan mee; actiepunten die eruit "
                                                        "kwamen blijven staan."):
            return False
        try:
            weg = self.services.trajecten.gesprek_verwijderen(g.id)
        except errors.GebruikersFout as exc:
            errors.show_user_error(self, exc)
            return False
        self._wrote("Gesprek verwijderd.")
        toon_ongedaan(self, self.services, weg, lambda: self._wrote("Gesprek teruggezet."))
        return True

    def _selected_gesprek(self) -> Gesprek | None:
        item = self.gesprekken_tree.currentItem()
        if item is None:
            return None
        ident = item.data(0, Qt.ItemDataRole.UserRole)
        return next((g for g in self.gesprekken if g.id == ident), None)

    def open_referentie(self, referentie: str) -> bool:
        """Open what a timeline line points to ("gesprek:12", "mdo:3", "traject:7", "actiepunt:5", "nazorg:2");
        connect `TijdlijnView.referentie_activated` here. False when there is nothing to open."""
        soort, _, rest = referentie.partition(":")
        if not rest.isdigit():
            return False
        ident = int(rest)
        tr = self.services.trajecten
        try:
            if soort == "gesprek":
                return self.gesprek_bekijken(tr.gesprek(ident))
            if soort == "mdo":
                m = tr.mdo(ident)
                if self.traject is None or self.traject.id != m.traject_id:
                    self.show_traject(m.traject_id)
                self.tabs.setCurrentIndex(1)
                if m.vertrouwelijk and not tr.ziet_vertrouwelijk:  # the service hid its content
                    return False
                return self.mdo_openen(m)
            if soort in ("traject", "actiepunt", "nazorg"):
                traject_id = ident if soort == "traject" else None
                if soort == "actiepunt":
                    traject_id = tr.actiepunt(ident).traject_id
                elif soort == "nazorg":
                    traject_id = next((t.id for t in self.trajecten for n in t.nazorg if n.id == ident), None)
                if traject_id is None:
                    return False
                self.show_traject(traject_id)
                self.tabs.setCurrentIndex({"traject": self.tabs.currentIndex(), "actiepunt": 2, "nazorg": 3}[soort])
                return True
        except errors.GebruikersFout as exc:
            errors.show_user_error(self, exc)
        return False

    def gesprek_bekijken(self, gesprek: Gesprek | None = None) -> bool:
        g = gesprek or self._selected_gesprek()
        if g is None:
            return False
        dialog = GesprekDialog(self.services, self.leerlingnummer, self._parent(), g, vandaag=self.vandaag_vast)
        if self.read_only or not self.can_contact:
            dialog.save_button.hide()
        if dialog.exec() and dialog.saved is not None:
            self._wrote("Gesprek opgeslagen.")
            return True
        return False

    def mdo_vastleggen(self) -> bool:
        dialog = MdoDialog(self.services, self.traject.id, self._parent(), vandaag=self.vandaag_vast)
        if dialog.exec() and dialog.saved is not None:
            self._wrote("MDO vastgelegd.")
            return True
        return False

    def mdo_openen(self, m: Mdo) -> bool:
        dialog = MdoDialog(self.services, self.traject.id, self._parent(), m, vandaag=self.vandaag_vast)
        if self.read_only or not self.can_edit:
            dialog.set_read_only()
        if dialog.exec() and dialog.saved is not None:
            self._wrote("MDO opgeslagen.")
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

    def mdo_afdrukken(self, m: Mdo) -> PdfPreviewDialog:
        nr, datum = self.leerlingnummer, m.datum
        dialog = PdfPreviewDialog(self._parent(), f"MDO-verslag – {self.naam}",
                                  lambda: self.services.afdrukken.mdo_pdf(nr, datum),
                                  f"MDO-verslag {self.naam} {format_date(datum)}.pdf",
                                  on_thread_end=self.services.end_thread)
        dialog.exec()
        return dialog

    def dossier_afdrukken(self) -> PdfPreviewDialog:
        nr = self.leerlingnummer
        dialog = PdfPreviewDialog(self._parent(), f"Dossier – {self.naam}",
                                  lambda: self.services.afdrukken.dossier_pdf(nr),
                                  f"Dossier {self.naam} {format_date(self.vandaag)}.pdf",
                                  on_thread_end=self.services.end_thread)
        dialog.exec()
        return dialog

    def adresboek(self) -> None:
        dialog = PartnersDialog(self.services, self._parent())
        dialog.exec()
        if dialog.changed_any:
            self._wrote()

    def actiepunt_toevoegen(self) -> bool:
        dialog = ActiepuntDialog(self.services, self.leerlingnummer, self._parent(), vandaag=self.vandaag_vast)
        if dialog.exec() and dialog.value is not None:
            self._wrote("Actiepunt toegevoegd.")
            return True
        return False

    def actiepunt_status(self, status: ActiepuntStatus, actiepunt: Actiepunt | None = None) -> bool:
        a = actiepunt or self._selected_actiepunt()
        if a is None:
            return False
        try:
            self.services.trajecten.actiepunt_status(a.id, status, vandaag=self.vandaag_vast)
        except errors.GebruikersFout as exc:
            errors.show_user_error(self, exc)
            return False
        self._wrote(f"Actiepunt '{a.wat}': {status.label.lower()}.")
        return True

    def actiepunt_verwijderen(self) -> bool:
        a = self._selected_actiepunt()
        if a is None or not errors.bevestig_verwijderen(self, f"Het actiepunt '{a.wat}'",
                                                        "Alleen als het per vergissing is toegevoegd; is het niet meer "
                                                        "nodig, kies dan Vervallen."):
            return False
        try:
            weg = self.services.trajecten.actiepunt_verwijderen(a.id)
        except errors.GebruikersFout as exc:
            errors.show_user_error(self, exc)
            return False
        self._wrote("Actiepunt verwijderd.")
        toon_ongedaan(self, self.services, weg, lambda: self._wrote("Actiepunt teruggezet."))
        return True

    def nazorg_afronden(self, moment: NazorgMoment | None = None) -> bool:
        n = moment or self._selected_nazorg()
        if n is None:
            return False
        dialog = NazorgAfrondenDialog(self.services, n, self._parent(), vandaag=self.vandaag_vast)
        if dialog.exec() and dialog.value is not None:
            self._wrote("Nazorg afgerond.")
            return True
        return False

    def nazorg_wijzigen(self) -> bool:
        n = self._selected_nazorg()
        if n is None:
            return False
        dialog = NazorgDialog(self.services, self.traject.id, self._parent(), moment=n, vandaag=self.vandaag_vast)
        if dialog.exec() and dialog.value is not None:
            self._wrote("Nazorgmoment gewijzigd.")
            return True
        return False

    def nazorg_toevoegen(self) -> bool:
        dialog = NazorgDialog(self.services, self.traject.id, self._parent(), vandaag=self.vandaag_vast)
        if dialog.exec() and dialog.value is not None:
            self._wrote("Nazorgmoment toegevoegd.")
            return True
        return False

    def nazorg_verwijderen(self) -> bool:
        n = self._selected_nazorg()
        if n is None or not errors.bevestig_verwijderen(self, f"Het nazorgmoment van {format_date(n.datum)}",
                                                        n.omschrijving):
            return False
        try:
            weg = self.services.trajecten.nazorg_verwijderen(n.id)
        except errors.GebruikersFout as exc:
            errors.show_user_error(self, exc)
            return False
        self._wrote("Nazorgmoment verwijderd.")
        toon_ongedaan(self, self.services, weg, lambda: self._wrote("Nazorgmoment teruggezet."))
        return True
