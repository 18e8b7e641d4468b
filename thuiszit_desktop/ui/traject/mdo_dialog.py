"""Plan or record an MDO (multidisciplinair overleg): datum, deelnemers with their role (present or
afgemeld, and who receives the verslag), the consent per partner organisation (of the ouders, or of the
student from 16) with a warning for a partner at the table without one, the agenda (with the open
actiepunten of earlier MDO's), the verslag and its verslaglegger, numbered besluiten, actiepunten (wat, wie,
uiterlijk), the next meeting and who else receives the verslag.

A new MDO is saved in one service call (`mdo_vastleggen` with its besluiten and actiepunten): the service
checks it all and writes all or nothing, a mistake is shown next to its field or row and all typed text
stays. Changing a recorded MDO still takes one call per changed part (the service has no single call for it).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...domain.mdo import (
    Mdo,
    MdoDeelnemer,
    geldende_toestemmingen,
    toestemming_door_leerling,
    zonder_toestemming,
)
from ...domain.traject import MdoRol
from ...services.session import Services
from ..common.blocks import text_edit
from ..common.form import NIET_OPGESLAGEN, FormDialog
from ..common.lesdag import LesdagWaarschuwing
from ..common.widgets import DateEdit, ErrorLabel, format_date, hint, with_error
from .mdo_lijsten import (
    NOG_NIET,
    TOESTEMMING_ROLLEN,
    ActiepuntenList,
    ActiepuntRow,
    BesluitenList,
    BesluitRow,
    DeelnemersList,
    ToestemmingList,
    mdo_rol,
    plain_button,
)
from .personen import PersoonCombo


class MdoDialog(FormDialog):
    """`MdoDialog(services, traject_id, parent, mdo=None)`; after `exec()` the saved MDO is `saved`."""

    def __init__(self, services: Services, traject_id: int, parent: QWidget | None = None, mdo: Mdo | None = None,
                 *, vandaag: date | None = None):
        super().__init__(parent=parent)
        self.services = services
        self.traject_id = traject_id
        self.mdo = mdo
        self.vandaag = vandaag or date.today()
        self.saved: Mdo | None = None
        tr = services.trajecten
        self.traject = tr.get(traject_id)
        self.geboortedatum = services.leerlingen.get(self.traject.leerlingnummer).geboortedatum
        self.personen = services.partners.personen()
        self.setWindowTitle((f"MDO van {format_date(mdo.datum)}" if mdo else "MDO vastleggen")
                            + f" – {self.traject.naam}")
        self.setSizeGripEnabled(True)
        self._build()
        self._setup_concept(services, "mdo", f"mdo:{mdo.id}" if mdo else f"traject:{traject_id}")
        self.concept.veld("verslag", self.verslag)
        self.concept.veld("agenda", self.agenda)
        self.concept.samengesteld_veld("besluiten", self.besluiten.nieuwe_teksten, self.besluiten.set_nieuwe_teksten,
                                self.besluiten.changed)
        self._load()
        self._restore_concept()
        self._fitted = False

    # --- building --------------------------------------------------------------------------------------

    def _group(self, title: str, *widgets: QWidget, uitleg: str = "") -> QGroupBox:
        box = QGroupBox(title)
        layout = QVBoxLayout(box)
        layout.setSpacing(6)
        if uitleg:
            layout.addWidget(hint(uitleg))
        for w in widgets:
            if isinstance(w, QHBoxLayout):
                layout.addLayout(w)
            else:
                layout.addWidget(w)
        return box

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        self.concept_note = hint("")
        self.concept_note.hide()
        outer.addWidget(self.concept_note)
        outer.addWidget(self.general_error)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        grid = QGridLayout(body)
        grid.setContentsMargins(0, 0, 6, 0)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(10)
        fe = self.field_errors

        # Left: when, who, consent, agenda.
        left = QVBoxLayout()
        left.setSpacing(10)
        datum_row = QHBoxLayout()
        datum_label = QLabel("&Datum *")
        datum_row.addWidget(datum_label)
        self.datum = DateEdit(blank_allowed=True, start=self.vandaag)
        datum_label.setBuddy(self.datum)
        datum_row.addWidget(with_error(self.datum, fe.add("datum", self.datum)))
        self.datum_hint = hint("")
        datum_row.addWidget(self.datum_hint, 1)
        left.addLayout(datum_row)
        self.lesdag = LesdagWaarschuwing(self.services.kalender.calendar(), "Klopt de datum? U kunt het MDO toch op "
                                                                            "die dag vastleggen.")
        left.addWidget(self.lesdag)

        self.deelnemers = DeelnemersList()
        self.zonder_toestemming = ErrorLabel()  # a warning, not a refusal: saving stays possible
        self.deelnemers.changed.connect(self._toestemming_check)
        pick = QHBoxLayout()
        self.adresboek = PersoonCombo(self.personen, placeholder="zoek in het adresboek")
        self.adresboek.setToolTip("Kies iemand uit het adresboek of de gebruikers van het programma")
        self.adresboek.activated.connect(self._pick)
        pick.addWidget(self.adresboek, 1)
        self.nieuw_button = plain_button("Nieuwe deelnemer")
        self.nieuw_button.clicked.connect(lambda: self.deelnemers.add().naam.setFocus())
        pick.addWidget(self.nieuw_button)
        self.gezin_button = plain_button("Leerling en ouders")
        self.gezin_button.setToolTip("Voeg de leerling en de ouders/verzorgers toe als deelnemers")
        self.gezin_button.clicked.connect(self._gezin)
        pick.addWidget(self.gezin_button)
        self.deelnemers_error = fe.add("deelnemers")
        left.addWidget(self._group("Deelnemers", self.deelnemers, self.deelnemers_error, self.zonder_toestemming, pick,
                                   uitleg="Vink aan wie zich heeft afgemeld en wie het verslag krijgt."))

        self.toestemmingen = ToestemmingList(self.vandaag)
        self.toestemmingen.changed.connect(self._toestemming_check)
        self.deelnemers.organisatie_bekend.connect(self.toestemmingen.ensure)
        self.toestemming_hint = hint("")
        self.toestemming_add = plain_button("Organisatie toevoegen")
        self.toestemming_add.clicked.connect(lambda: self.toestemmingen.add().organisatie.setFocus())
        add_row = QHBoxLayout()
        add_row.addWidget(self.toestemming_add)
        add_row.addStretch(1)
        self.toestemmingen_error = fe.add("toestemmingen")
        self.toestemming_box = self._group("Toestemming van ouders", self.toestemming_hint, self.toestemmingen,
                                           self.toestemmingen_error, add_row,
                                           uitleg="Per partnerorganisatie: mag de school informatie delen?")
        left.addWidget(self.toestemming_box)

        self.agenda = text_edit("", 7)
        self.agenda_button = plain_button("Voorstel opnieuw invullen")
        self.agenda_button.setToolTip("Vul de standaardagenda in, met de open actiepunten van eerdere MDO's")
        self.agenda_button.clicked.connect(self._agenda_voorstel)
        agenda_row = QHBoxLayout()
        agenda_row.addStretch(1)
        agenda_row.addWidget(self.agenda_button)
        left.addWidget(self._group("Agenda", self.agenda, agenda_row))
        left.addStretch(1)

        # Right: what was said and decided.
        right = QVBoxLayout()
        right.setSpacing(10)
        self.verslag = text_edit("Wat is er besproken? Hoe gaat het met de leerling, wat zeggen de leerling en de "
                                 "ouders zelf, wat zien de partners?", 10)
        self.vertrouwelijk = QCheckBox("Vertrouwelijk (bijvoorbeeld medische of psychologische details)")
        self.vertrouwelijk.setToolTip("Het MDO en zijn besluiten staan dan gemarkeerd als vertrouwelijk in de tijdlijn "
                                      "en het dossier.")
        self.verslaglegger = QLineEdit()
        self.verslaglegger.setAccessibleName("Verslaglegger")
        self.verslaglegger.setPlaceholderText("wie schrijft het verslag?")
        legger_row = QHBoxLayout()
        legger_row.addWidget(QLabel("Verslaglegger:"))
        legger_row.addWidget(self.verslaglegger, 1)
        right.addWidget(self._group("Verslag", self.verslag, with_error(self.vertrouwelijk,
                                                                        fe.add("verslag", self.verslag)),
                                    legger_row), 1)
        self.besluiten = BesluitenList()
        self.besluit_add = plain_button("Besluit toevoegen")
        self.besluit_add.clicked.connect(lambda: self.besluiten.add().tekst.setFocus())
        row = QHBoxLayout()
        row.addWidget(self.besluit_add)
        row.addStretch(1)
        right.addWidget(self._group("Besluiten", self.besluiten, row))
        self.actiepunten = ActiepuntenList(self.personen, self.vandaag)
        self.actie_add = plain_button("Actiepunt toevoegen")
        self.actie_add.clicked.connect(lambda: self.actiepunten.add().wat.setFocus())
        row = QHBoxLayout()
        row.addWidget(self.actie_add)
        row.addStretch(1)
        right.addWidget(self._group("Actiepunten: wie doet wat, wanneer", self.actiepunten, row))
        self.volgend_overleg = DateEdit(blank_allowed=True, start=self.vandaag)
        self.volgend_overleg.setAccessibleName("Volgend overleg")
        self.verzenden_aan = text_edit("Bijvoorbeeld: de huisarts. Eén naam per regel.", 2, max_lines=4)
        self.verzenden_aan.setAccessibleName("Verslag ook naar")
        afsluiting = QGridLayout()
        afsluiting.addWidget(QLabel("Volgend overleg:"), 0, 0)
        afsluiting.addWidget(with_error(self.volgend_overleg, fe.add("volgend_overleg", self.volgend_overleg)), 0, 1)
        afsluiting.addWidget(QLabel("Verslag ook naar:"), 1, 0, Qt.AlignmentFlag.AlignTop)
        afsluiting.addWidget(self.verzenden_aan, 1, 1)
        afsluiting.setColumnStretch(1, 1)
        box = self._group("Na het overleg", uitleg="Wie niet als deelnemer staat maar het verslag wel krijgt, "
                                                          "zet u hier.")
        box.layout().addLayout(afsluiting)
        right.addWidget(box)

        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self._grid, self._left, self._right = grid, left, right
        self.scroll.setWidget(body)
        outer.addWidget(self.scroll, 1)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("Opslaan")
        self.save_button.setAutoDefault(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        self.datum.dateChanged.connect(self._datum_hint)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Two columns when there is room; the right one under the left on a narrow screen (150 %)."""
        super().resizeEvent(event)
        naast = self._left.minimumSize().width() + self._right.minimumSize().width() + 40 <= self.width()
        if naast != (self._grid.getItemPosition(self._grid.indexOf(self._right))[1] == 1):
            self._grid.removeItem(self._right)
            self._grid.addLayout(self._right, *((0, 1) if naast else (1, 0)))
            self._grid.setColumnStretch(1, 1 if naast else 0)

    def showEvent(self, event) -> None:
        if not self._fitted:
            self._fitted = True
            screen = (self.parentWidget().screen() if self.parentWidget() else None) or self.screen()
            width, height = 1240, 760
            if screen is not None:
                available = screen.availableGeometry()
                width, height = min(width, available.width() - 30), min(height, available.height() - 50)
            self.resize(width, height)
        super().showEvent(event)

    # --- loading ---------------------------------------------------------------------------------------

    def _load(self) -> None:
        eigen = {" ".join(t.organisatie.split()).casefold() for t in (self.mdo.toestemmingen if self.mdo else ())}
        geldend = [t for t in self.services.mdo.toestemmingen(self.traject_id, alleen_geldend=True)
                   if " ".join(t.organisatie.split()).casefold() not in eigen]
        if geldend:
            self.toestemming_hint.setText("Eerder vastgelegd: " + "; ".join(
                f"{t.organisatie}: {'ja' if t.gegeven else 'nee'} ({format_date(t.datum)})" for t in geldend))
        else:
            self.toestemming_hint.hide()
        self._records = [t for t in self.services.mdo.toestemmingen(self.traject_id)
                         if self.mdo is None or t.mdo_id != self.mdo.id]  # this MDO's own come from its rows
        m = self.mdo
        if m is None:
            self.agenda.setPlainText(self.services.mdo.agenda_voorstel(self.traject_id))
            self.verslaglegger.setText(self.services.profielen.get().volledige_naam or self.services.gebruiker.naam)
            self._datum_hint()
            return
        self.datum.set_value(m.datum)
        self.agenda.setPlainText(m.agenda)
        self.verslag.setPlainText(m.verslag)
        self.vertrouwelijk.setChecked(m.vertrouwelijk)
        self.verslaglegger.setText(m.verslaglegger)
        self.volgend_overleg.set_value(m.volgend_overleg)
        self.verzenden_aan.setPlainText("\n".join(m.verzenden_aan))
        for d in m.deelnemers:
            self.deelnemers.add(d)
        for t in m.toestemmingen:
            self.toestemmingen.add(t)
        for b in m.besluiten:
            self.besluiten.add(b)
        for a in m.actiepunten:
            self.actiepunten.add(a)
        self.toestemmingen.standaard = m.datum
        for edit in self.findChildren(QLineEdit):  # long texts show from their start
            edit.setCursorPosition(0)
        self._datum_hint()

    def _toestemming_check(self) -> None:
        """Warn (not refuse) when a partner at the table has no consent in force on the meeting date."""
        op = self.datum.value() or self.vandaag
        hier = [r.value() for r in self.toestemmingen.rows if r.gegeven.currentData() != NOG_NIET]
        hier = [replace(t, id=10**9 + i) for i, t in enumerate(hier)]  # recorded now: after the earlier ones
        geldend = geldende_toestemmingen([*getattr(self, "_records", []), *hier], op)
        wie = zonder_toestemming(self.deelnemers.values(), geldend)
        regels = [f"{p.naam} ({p.rol.label_klein}): " + (f"geen toestemming voor {p.organisatie}"
                                                           if p.organisatie else "geen organisatie ingevuld")
                  for p in wie]
        self.zonder_toestemming.set_error(
            ("Let op, deze partners doen mee zonder toestemming om gegevens te delen:\n" + "\n".join(regels)
             + "\nVraag de toestemming en leg die hieronder vast, of laat hen het overleg niet bijwonen.")
            if regels else "")

    def _datum_hint(self) -> None:
        d = self.datum.value()
        self.toestemmingen.set_standaard(d)
        self.lesdag.toon([d])
        self.toestemming_box.setTitle("Toestemming van de leerling"
                                      if toestemming_door_leerling(self.geboortedatum, d or self.vandaag)
                                      else "Toestemming van ouders")
        self._toestemming_check()
        if d is None:
            self.datum_hint.setText("Een datum in de toekomst: dan is het MDO gepland.")
        elif d > self.vandaag:
            self.datum_hint.setText("Gepland MDO: het verslag kunt u later invullen.")
        else:
            self.datum_hint.setText("")

    def _agenda_voorstel(self) -> None:
        self.agenda.setPlainText(self.services.mdo.agenda_voorstel(self.traject_id))

    def _pick(self, _index: int = -1) -> None:
        p = self.adresboek.value()
        if p is None:
            return
        if p.gebruiker_id is None and p.contact_id is None:  # a typed name: a new participant
            row = self.deelnemers.add(MdoDeelnemer(p.naam, MdoRol.ANDERS))
            row.rol.setFocus()
        elif not self.deelnemers.contains(p):
            d = MdoDeelnemer(p.naam, mdo_rol(p), p.organisatie, p.gebruiker_id, p.contact_id)
            self.deelnemers.add(d)
            if p.organisatie and d.rol in TOESTEMMING_ROLLEN:
                self.toestemmingen.ensure(p.organisatie)
        self.adresboek.set_value(None)
        # On X11 the completer puts the chosen text in after this (its popup handles Enter last): empty it again
        # once that is done, so the search is ready for the next name.
        QTimer.singleShot(0, self, lambda: self.adresboek.set_value(None))

    def _gezin(self) -> None:
        leerling = self.services.leerlingen.get(self.traject.leerlingnummer)
        namen = {r.naam.text().strip().casefold() for r in self.deelnemers.rows}
        for naam, rol in [(leerling.naam, MdoRol.LEERLING), *((o.naam, MdoRol.OUDER) for o in leerling.ouders)]:
            if naam.casefold() not in namen:
                self.deelnemers.add(MdoDeelnemer(naam, rol))

    def _snapshot(self) -> tuple:
        return (self.datum.value(), self.agenda.toPlainText(), self.verslag.toPlainText(),
                self.vertrouwelijk.isChecked(), self.verslaglegger.text(), self.volgend_overleg.value(),
                self.verzenden_aan.toPlainText(), tuple(r.snapshot() for r in self.deelnemers.rows),
                tuple(r.snapshot() for r in self.toestemmingen.rows), tuple(r.tekst.toPlainText() for r in self.besluiten.rows),
                tuple(r.snapshot() for r in self.actiepunten.rows))

    # --- checking and saving ---------------------------------------------------------------------------

    def _clear_errors(self) -> None:
        self.field_errors.clear()
        for rows in (self.deelnemers.rows, self.toestemmingen.rows, self.besluiten.rows, self.actiepunten.rows):
            for r in rows:
                r.error.set_error("")

    def _focus(self, widget: QWidget) -> None:
        self.scroll.ensureWidgetVisible(widget, 50, 50)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def save(self) -> bool:
        """A new MDO is one `mdo_vastleggen` call with its besluiten and actiepunten: the service checks
        everything and writes all or nothing; its messages appear beside their field or row."""
        self._clear_errors()
        if self.via_service(self._vastleggen if self.mdo is None else self._bijwerken, self._show) is NIET_OPGESLAGEN:
            return False
        self.saved = self.services.mdo.mdo(self.mdo.id)
        self._saved()
        self.accept()
        return True

    def _actie_rows(self) -> list[ActiepuntRow]:
        return [r for r in self.actiepunten.rows if not r.is_empty()]

    def _besluit_rows(self) -> list[BesluitRow]:
        return [r for r in self.besluiten.rows if r.tekst.toPlainText().strip()]

    def _vastleggen(self) -> None:
        nieuwe = [r for r in self.toestemmingen.rows if r.te_bewaren()]
        self.mdo = self.services.mdo.mdo_vastleggen(
            self.traject_id, self.datum.value(), deelnemers=self.deelnemers.values(),
            agenda=self.agenda.toPlainText(), verslag=self.verslag.toPlainText(),
            vertrouwelijk=self.vertrouwelijk.isChecked(), toestemmingen=[r.value() for r in nieuwe],
            besluiten=[r.tekst.toPlainText() for r in self._besluit_rows()],
            actiepunten=[(r.wat.text(), r.wie.value(), r.uiterlijk.value()) for r in self._actie_rows()],
            verslaglegger=self.verslaglegger.text(), volgend_overleg=self.volgend_overleg.value(),
            verzenden_aan=self.verzenden_aan.toPlainText().splitlines(), vandaag=self.vandaag)

    def _bijwerken(self) -> None:
        """Changing a recorded MDO: one call, one transaction – what it changes is saved whole or not at all
        (a refusal, a conflict or the connection gone leave nothing half-saved to mark or to skip later)."""
        besluiten = []
        for r in self._besluit_rows():
            tekst = r.tekst.toPlainText().strip()
            besluiten.append(None if r.besluit is not None and tekst == r.besluit.tekst else
                             (r.besluit.id if r.besluit else None, tekst))
        acties = [None if r.actiepunt is not None and not r.gewijzigd() else
                  (r.actiepunt.id if r.actiepunt else None, r.wat.text(), r.wie.value(), r.uiterlijk.value(),
                   r.actiepunt.rijversie if r.actiepunt else None)
                  for r in self._actie_rows()]
        self.services.mdo.mdo_opslaan(
            self.mdo.id, versie=self.mdo.rijversie, datum=self.datum.value(), deelnemers=self.deelnemers.values(),
            agenda=self.agenda.toPlainText(), verslag=self.verslag.toPlainText(),
            vertrouwelijk=self.vertrouwelijk.isChecked(), verslaglegger=self.verslaglegger.text(),
            volgend_overleg=self.volgend_overleg.value(), verzenden_aan=self.verzenden_aan.toPlainText().splitlines(),
            toestemmingen=[r.value() for r in self.toestemmingen.rows if r.te_bewaren()],
            besluiten_weg=[b.id for b in self.besluiten.verwijderd], besluiten=besluiten, actiepunten=acties,
            vandaag=self.vandaag)

    def conflict_gezien(self, exc) -> None:
        if self.mdo is not None:
            self.mdo = replace(self.mdo, rijversie=self.services.mdo.mdo(self.mdo.id).rijversie)

    def _show(self, fouten: dict[str, str]) -> None:
        """Each message beside its field; "besluit<n>" and "actiepunt<n>.<veld>" beside row n of the
        besluiten and actiepunten as they were sent (empty rows left out)."""
        besluiten, acties = self._besluit_rows(), self._actie_rows()
        per_rij: dict = {}
        rest = {}
        for key, text in fouten.items():
            m = re.fullmatch(r"(besluit|actiepunt)(\d+)(?:\.(\w+))?", key)
            rows = besluiten if m and m.group(1) == "besluit" else acties
            if m and 1 <= int(m.group(2)) <= len(rows):
                row = rows[int(m.group(2)) - 1]
                veld = m.group(3) or "wat"
                per_rij.setdefault(id(row), (row, {}))[1][veld] = text
            else:
                rest[key] = text
        first = self.field_errors.show(rest) if rest else None
        for row, rij_fouten in per_rij.values():
            row.error.set_error(" ".join(rij_fouten.values()))
            if first is None:
                first = getattr(row, next(iter(rij_fouten)), None) if isinstance(row, ActiepuntRow) else row.tekst
                first = first if isinstance(first, QWidget) else row.error
        if first is not None:
            self._focus(first)

    def error_text(self, key: str) -> str:
        return self.field_errors.text(key)

    def set_read_only(self) -> None:
        """Only look (an MDO of a closed traject, or for a user who may not change it)."""
        self.read_only = True
        self.concept.stop()
        for edit in self.findChildren(QLineEdit) + self.findChildren(QPlainTextEdit):
            edit.setReadOnly(True)
        for w in self.findChildren(QComboBox) + self.findChildren(DateEdit) + self.findChildren(QCheckBox):
            w.setEnabled(False)
        for button in self.findChildren(QPushButton):
            if self.buttons.isAncestorOf(button):
                continue
            button.hide()
        self.adresboek.hide()
        self.save_button.hide()
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Sluiten")
        self._initial = self._snapshot()
