"""The plan van aanpak of a traject: its sections, versions, vaststellen, evaluations and the PDF.

While the plan is written the editor shows what ouders will read: the analysis as "Wat het moeilijk maakt /
Wat helpt" (ui/traject/plan_analyse.py), professional words with the plain words to use instead, dates that lie in
the past or on a day without lessons (a warning, not a refusal), and for a later version what changed since
the one before; the preview shows the ouder version before printing.

Opens the newest version (version 1 is made with `services.plannen.nieuw` when there is none). A concept is
edited in place; a vastgesteld version is read-only – "Wijzigen…" unlocks it, and saving then makes a new
concept version (the vastgesteld one stays as it was). Earlier versions can be viewed from the version combo.
The long texts are kept as drafts (ui/common/concept.py).

Tests replace `VaststellenDialog.exec`, `EvaluatieDialog.exec` and `PdfPreviewDialog.exec`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import Conflict, GebruikersFout, InvoerFout, VerbindingWeg
from ...domain.gebruiker import Rol
from ...domain.gewone_woorden import factoren_voor_ouders, in_gewone_woorden, vakwoorden
from ...domain.plan import (
    Contactpersoon,
    Doel,
    Interventie,
    Plan,
    PlanAfspraak,
    bereikbaar_fouten,
    datum_waarschuwingen,
    wijzigingen,
)
from ..common import errors, theme
from ..common.form import FormDialog, ask_discard
from ..common.pdf_preview import PdfPreviewDialog
from ..common.widgets import format_date, heading, hint
from .plan_analyse import Aandacht, AnalyseTabel
from .plan_besluiten import MdoBesluiten
from .plan_rijen import Cell, LongText, PlanRow, RowList, long_text
from .plan_vaststellen import EvaluatieDialog, VaststellenDialog

# --- the plan dialog --------------------------------------------------------------------------------------

LONG_TEXTS = (
    ("aanleiding", "Aanleiding", "Waarom is er een plan nodig? Sinds wanneer, wat is er gebeurd?"),
    ("analyse", "Wat het moeilijk maakt en wat helpt", ""),  # the table of ui/traject/plan_analyse.py
    ("leerling_wil", "Wat de leerling zelf wil en nodig heeft", "In de woorden van de leerling"),
    ("ouders_willen", "Wat ouders willen", "Wat vinden ouders belangrijk, wat verwachten zij?"),
)


class PlanDialog(FormDialog):
    def __init__(self, services, traject_id: int, parent: QWidget | None = None, *, vandaag: date | None = None):
        super().__init__(parent=parent)
        self.services, self.traject_id = services, traject_id
        self.vandaag_vast = vandaag
        self.can_edit = services.gebruiker.rol == Rol.ZORGCOORDINATOR
        self.traject = services.trajecten.get(traject_id)
        self.leerling = services.leerlingen.get(self.traject.leerlingnummer)
        self.plan: Plan | None = None
        self.versies: list[Plan] = []
        self.editable = False
        self.changed_any = False
        self.verwijderd = None  # the Verwijderd of a thrown-away concept version: the caller offers undo
        self.setWindowTitle(f"Plan van aanpak – {self.traject.naam}")
        self._build()
        self._setup_concept(services, "plan", f"traject:{traject_id}")
        for key, _label, _ph in LONG_TEXTS:
            self.concept.veld(key, self.texts[key])
        for domein, (moeilijk, helpt) in self.analyse.cellen.items():
            self.concept.veld(f"{domein.value}_moeilijk", moeilijk)
            self.concept.veld(f"{domein.value}_helpt", helpt)

        self.versies = services.plannen.versies(traject_id)
        if not self.versies and self.can_edit:
            try:
                services.plannen.nieuw(traject_id, vandaag=self.vandaag)
            except GebruikersFout as exc:
                self.errors.show({"": str(exc)})
            self.versies = services.plannen.versies(traject_id)
        if self.versies:
            self._show(self.versies[-1])
            if self.can_edit and self.concept.store.lees("plan", f"traject:{traject_id}") is not None:
                if self.plan.is_vastgesteld:
                    self._set_editable(True)
                self._restore_concept()
        else:
            self.version_label.setText("Nog geen plan van aanpak")
            self.note.setText("Er is nog geen plan van aanpak. Alleen de zorgcoördinator kan het maken.")
            self.note.show()
            self._set_editable(False)
            self.concept.mark_clean()
            self._initial = self._snapshot()
        self.texts["aanleiding"].setFocus()  # (after the version is shown: making fields editable moves focus)

    @property
    def vandaag(self) -> date:
        return self.vandaag_vast or date.today()

    # --- building --------------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(heading(f"Plan van aanpak – {self.traject.naam}", 3))
        self.version_label = QLabel()
        self.version_label.setStyleSheet("font-weight: bold;")
        titles.addWidget(self.version_label)
        top.addLayout(titles, 1)
        top.addWidget(QLabel("Bekijk versie:"), 0, Qt.AlignmentFlag.AlignBottom)
        self.versie_combo = QComboBox()
        self.versie_combo.setMinimumContentsLength(28)
        self.versie_combo.activated.connect(self._versie_gekozen)
        top.addWidget(self.versie_combo, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(top)

        self.note = QLabel()
        self.note.setWordWrap(True)
        theme.style(self.note, "color: {warning}; background: {warning_bg}; border: 1px solid {warning_border}; "
                               "border-radius: 4px; padding: 6px;")
        note_row = QHBoxLayout()
        note_row.addWidget(self.note, 1)
        self.wijzig_button = QPushButton("Wijzigen…")
        self.wijzig_button.setAutoDefault(False)
        self.wijzig_button.clicked.connect(lambda: self._set_editable(True))
        note_row.addWidget(self.wijzig_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.weggooi_button = QPushButton("Conceptversie verwijderen…")
        self.weggooi_button.setAutoDefault(False)
        self.weggooi_button.setToolTip("De wijzigingen op het vastgestelde plan weggooien")
        self.weggooi_button.clicked.connect(self.concept_verwijderen)
        note_row.addWidget(self.weggooi_button, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(note_row)
        self.concept_note = hint("")
        self.concept_note.hide()
        layout.addWidget(self.concept_note)

        body = QWidget()
        form = QVBoxLayout(body)
        form.setContentsMargins(0, 0, 8, 0)
        form.setSpacing(10)
        self.aandacht = Aandacht()  # at the top of what scrolls: never squeezes the form on a small screen
        self.aandacht.vervang_button.clicked.connect(self.gewone_woorden)
        form.addWidget(self.aandacht)
        self.errors = self.field_errors
        self.texts: dict[str, LongText] = {}
        for key, label, placeholder in LONG_TEXTS:
            box = QGroupBox(label)
            v = QVBoxLayout(box)
            if key == "analyse":
                self.analyse = AnalyseTabel(self.leerling.voornaam or self.leerling.naam, long_text)
                self.analyse.changed.connect(self._changed)
                self.analyse.vullen_button.clicked.connect(self.analyse_vullen)
                edit = self.analyse.verder
                v.addWidget(self.analyse)
            else:
                edit = long_text(placeholder, 70)
                v.addWidget(edit)
                edit.textChanged.connect(self._changed)
            self.texts[key] = edit
            v.addWidget(self.errors.add(key, edit))
            form.addWidget(box)

        catalogus = self.services.plannen.catalogus()
        self.doelen = RowList("doel", [Cell("text", "Doel", 5, "bijvoorbeeld: vanaf 1 maart drie ochtenden op school"),
                                       Cell("date", "Datum", 0),
                                       Cell("text", "Hoe we het merken", 4, "bijvoorbeeld: het rooster van de mentor")],
                              "Doel toevoegen", "Nog geen doelen. Een plan heeft minstens één concreet doel.")
        self.doelen.on_row_added = self._doel_row_added
        self.interventies = RowList("interventie", [Cell("combo", "Wat zetten we in", 4), Cell("text", "Wie", 3),
                                                    Cell("date", "Van", 0), Cell("date", "Tot", 0)],
                                    "Interventie toevoegen", "Nog geen interventies.", choices=catalogus)
        self.afspraken = RowList("afspraak", [Cell("text", "Wie", 2), Cell("text", "Wat", 5),
                                              Cell("text", "Wanneer", 2, "bijvoorbeeld: elke maandag")],
                                 "Afspraak toevoegen", "Nog geen afspraken.")
        self.momenten = RowList("evaluatiemoment", [Cell("date", "Datum", 0)], "Evaluatiemoment toevoegen",
                                "Nog geen evaluatiemomenten.")
        self.contacten = RowList("contactpersoon", [Cell("text", "Naam", 3), Cell("text", "Rol", 2),
                                                    Cell("text", "Telefoon", 2), Cell("text", "E-mail", 3)],
                                 "Contactpersoon toevoegen", "Nog geen contactpersonen.")
        self.besluiten_box = MdoBesluiten(self.services.mdo.mdos(self.traject_id) if self.can_edit else [])
        self.besluiten_box.als_interventie.connect(lambda tekst: self.interventies.add((tekst, "", None, None)))
        self.besluiten_box.als_afspraak.connect(lambda tekst: self.afspraken.add(("", tekst, "")))
        for rows in (self.interventies, self.afspraken):
            rows.changed.connect(self._besluiten_markeren)
        for title, rows, key in (("Doelen", self.doelen, "doelen"), ("Interventies", self.interventies, None),
                                 ("Afspraken", self.afspraken, None), ("Evaluatiemomenten", self.momenten, None),
                                 ("Contactpersonen", self.contacten, None)):
            if rows is self.interventies:
                form.addWidget(self.besluiten_box)  # what the MDO decided, right where the plan works it out
            box = QGroupBox(title)
            v = QVBoxLayout(box)
            v.addWidget(rows)
            if key:
                v.addWidget(self.errors.add(key, rows))
            rows.changed.connect(self._changed)
            form.addWidget(box)
        form.addStretch(1)

        self.scroll = QScrollArea()
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a Tab stop of its own: the dialog opens on its first field
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(body)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.errors.general)

        bar = QHBoxLayout()
        self.status = hint("")
        bar.addWidget(self.status, 1)
        self.preview_button = QPushButton("Voorbeeld en afdrukken…")
        self.preview_button.clicked.connect(self.voorbeeld)
        self.vaststellen_button = QPushButton("Vaststellen…")
        self.vaststellen_button.setToolTip("Na het overleg met de ouders: met hun akkoord (of dat van de leerling "
                                           "vanaf 16) wordt deze versie vastgesteld")
        self.vaststellen_button.clicked.connect(self.vaststellen)
        self.save_button = QPushButton("Opslaan")
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton("Sluiten")
        self.close_button.clicked.connect(self.reject)
        for b in (self.preview_button, self.vaststellen_button, self.close_button):
            b.setAutoDefault(False)
        for b in (self.preview_button, self.vaststellen_button, self.save_button, self.close_button):
            bar.addWidget(b)
        layout.addLayout(bar)

        screen = QGuiApplication.primaryScreen()
        avail = screen.availableGeometry() if screen else None
        width, height = 1120, 900
        if avail is not None:
            width, height = min(width, avail.width() - 40), min(height, avail.height() - 60)
        self.resize(width, height)

    def _doel_row_added(self, row: PlanRow, doel: Doel | None) -> None:
        row.evaluatie_label = hint("")
        row.evaluatie_button = QPushButton("Evaluatie…")
        row.evaluatie_button.setAutoDefault(False)
        row.evaluatie_button.setToolTip("Leg vast of dit doel behaald is")
        row.evaluatie_button.clicked.connect(lambda: self.evaluatie(row))
        row.extra.addWidget(row.evaluatie_button)
        row.grid.addWidget(row.evaluatie_label, 2, 0, 1, row.grid.columnCount())
        self._fill_evaluatie(row, doel)

    def _fill_evaluatie(self, row: PlanRow, doel: Doel | None) -> None:
        row.item = doel
        e = doel.laatste_evaluatie if doel else None
        eerder = doel.eerdere_evaluaties[-1] if doel and doel.eerdere_evaluaties and e is None else None
        if eerder is not None:  # a new version: the evaluation of the doel it continues
            e = eerder[1]
        wanneer = f"Evaluatie {format_date(e.datum)}" + (f" (versie {eerder[0]})" if eerder else "") if e else ""
        row.evaluatie_label.setText(f"{wanneer}: {e.uitkomst.label}" + (f" – {e.notitie}" if e.notitie else "")
                                    if e else "")
        row.evaluatie_label.setVisible(e is not None)
        row.evaluatie_button.setVisible(self.can_edit and doel is not None and doel.id is not None
                                        and self.plan is not None and self._is_newest())

    # --- showing a version -----------------------------------------------------------------------------

    def _is_newest(self) -> bool:
        return bool(self.versies) and self.plan is not None and self.plan.versie == self.versies[-1].versie

    def _fill_versie_combo(self) -> None:
        self.versie_combo.clear()
        for p in reversed(self.versies):
            wanneer = (f"vastgesteld {format_date(p.vastgesteld_op)}" if p.is_vastgesteld
                       else f"concept, {format_date(p.gewijzigd)}")
            nieuwste = " (nieuwste)" if p is self.versies[-1] else ""
            self.versie_combo.addItem(f"Versie {p.versie} · {wanneer}{nieuwste}", p.versie)
        self.versie_combo.setEnabled(len(self.versies) > 1)

    kan_herladen = True

    def conflict_gezien(self, exc) -> None:
        self._opgeslagen = self.services.plannen.get(self.plan.id)
        self.plan = replace(self.plan, rijversie=self._opgeslagen.rijversie)

    def herladen(self) -> None:
        self._show(self._opgeslagen)

    def _show(self, plan: Plan) -> None:
        """Fill the form with `plan`; the newest concept is editable, everything else read-only."""
        self.concept.enabled = False
        self.plan = plan
        self._fill_versie_combo()
        self.versie_combo.setCurrentIndex(self.versie_combo.findData(plan.versie))
        for key, edit in self.texts.items():
            edit.setPlainText(getattr(plan, key))
        self.analyse.zet(dict(plan.factoren), plan.analyse)
        self.analyse.verder_label.setVisible(bool(plan.analyse.strip()) or self.can_edit)
        self.editable = self.can_edit and self._is_newest() and not plan.is_vastgesteld
        self._fill_rows(plan, read_only=not self.editable)
        self.errors.clear()
        self._set_editable(self.editable)
        self.concept.mark_clean()
        self._initial = self._snapshot()
        self.concept.enabled = self.editable
        self._update_aandacht()

    def _fill_rows(self, plan: Plan, *, read_only: bool) -> None:
        self.doelen.set_rows([(d.omschrijving, d.datum, d.hoe_merken) for d in plan.doelen], list(plan.doelen),
                             read_only=read_only)
        self.interventies.set_rows([(i.soort, i.wie, i.van, i.tot) for i in plan.interventies], read_only=read_only)
        self.afspraken.set_rows([(a.wie, a.wat, a.wanneer) for a in plan.afspraken], read_only=read_only)
        self.momenten.set_rows([(d,) for d in plan.evaluatiemomenten], read_only=read_only)
        self.contacten.set_rows([(c.naam, c.rol, c.telefoon, c.email) for c in plan.contactpersonen],
                                read_only=read_only)

    def _besluiten_markeren(self) -> None:
        self.besluiten_box.markeer({v[0] for v in self.interventies.values()} | {v[1] for v in self.afspraken.values()})

    def _set_editable(self, editable: bool) -> None:
        if self.plan is not None and editable != self.editable:
            current = self._form_plan()  # what is typed stays
            self.editable = editable
            self._fill_rows(current, read_only=not editable)
        plan = self.plan
        self.editable = editable
        self.besluiten_box.setVisible(editable and bool(self.besluiten_box.regels))
        self._besluiten_markeren()
        for edit in self.texts.values():
            edit.setReadOnly(not editable)
        self.analyse.set_read_only(not editable)
        self.concept.enabled = editable
        self.save_button.setVisible(editable)
        self.save_button.setDefault(editable)
        newest = self._is_newest()
        self.vaststellen_button.setVisible(self.can_edit and newest and plan is not None and not plan.is_vastgesteld)
        self.wijzig_button.setVisible(self.can_edit and newest and plan is not None and plan.is_vastgesteld
                                      and not editable)
        self.weggooi_button.setVisible(self.can_edit and newest and plan is not None and not plan.is_vastgesteld
                                       and plan.versie > 1)
        self.preview_button.setEnabled(plan is not None)
        self._update_labels()

    def _update_labels(self) -> None:
        plan = self.plan
        if plan is None:
            return
        status = plan.status.label.lower()
        self.version_label.setText(f"Versie {plan.versie} · {status}")
        if plan.is_vastgesteld:
            akkoord = (f" met akkoord van {plan.akkoord.naam} ({plan.akkoord.rol.label.lower()})"
                       if plan.akkoord else "")
            tekst = (f"Versie {plan.versie} is vastgesteld op {format_date(plan.vastgesteld_op)}{akkoord} "
                     "en kan niet meer veranderen.")
            if not self._is_newest():
                tekst = f"U bekijkt een eerdere versie. {tekst}"
            elif self.editable:
                tekst = (f"U wijzigt het vastgestelde plan. Als u opslaat, wordt dit versie {plan.versie + 1} "
                         f"(concept); versie {plan.versie} blijft bewaard zoals hij is vastgesteld.")
            elif self.can_edit:
                tekst += f" Met 'Wijzigen…' maakt u er een nieuwe versie ({plan.versie + 1}) van."
            self.note.setText(tekst)
            self.note.show()
        elif not self._is_newest():
            self.note.setText("U bekijkt een eerdere versie; die kan niet meer veranderen.")
            self.note.show()
        elif not self.can_edit:
            self.note.setText("Alleen de zorgcoördinator kan het plan van aanpak wijzigen.")
            self.note.show()
        else:
            self.note.hide()

    def _versie_gekozen(self, index: int) -> None:
        versie = self.versie_combo.itemData(index)
        if self.plan is not None and versie == self.plan.versie:
            return
        if self.has_changes() and not ask_discard(self):
            self.versie_combo.setCurrentIndex(self.versie_combo.findData(self.plan.versie))
            return
        if self.has_changes():
            self.concept.verwijder()
        self.show_versie(versie)

    def show_versie(self, versie: int) -> None:
        plan = next(p for p in self.versies if p.versie == versie)
        self._show(plan)
        self.concept_note.hide()

    # --- the form --------------------------------------------------------------------------------------

    def _form_plan(self) -> Plan:
        assert self.plan is not None
        doelen = []
        for row in self.doelen.rows:
            omschrijving, datum, hoe = row.values()
            oud = row.item if isinstance(row.item, Doel) else None
            doelen.append(replace(oud, omschrijving=omschrijving, datum=datum, hoe_merken=hoe) if oud
                          else Doel(omschrijving, datum, hoe))
        return replace(
            self.plan, **{key: edit.toPlainText() for key, edit in self.texts.items()},
            factoren=self.analyse.waarde(), doelen=tuple(doelen),
            interventies=tuple(Interventie(*v) for v in self.interventies.values()),
            afspraken=tuple(PlanAfspraak(*v) for v in self.afspraken.values()),
            evaluatiemomenten=tuple(v[0] for v in self.momenten.values() if v[0] is not None),
            contactpersonen=tuple(Contactpersoon(*v) for v in self.contacten.values()))

    def _snapshot(self):
        if self.plan is None:
            return None
        p = self._form_plan()
        return (p.aanleiding, p.analyse, tuple(p.factoren.items()), p.leerling_wil, p.ouders_willen,
                tuple((d.omschrijving, d.datum, d.hoe_merken) for d in p.doelen), p.interventies, p.afspraken,
                tuple(v[0] for v in self.momenten.values()), p.contactpersonen)

    def _changed(self) -> None:
        if self.editable:
            self.status.setText("")
        self._update_aandacht()

    # --- what ouders will read ---------------------------------------------------------------------------

    def _update_aandacht(self) -> None:
        """Professional words and dates to check while a concept is written; what changed for a later version."""
        if self.plan is None or not hasattr(self, "contacten"):
            return
        p = self._form_plan()
        woorden, datums = [], []
        if self.editable:
            woorden = vakwoorden("\n".join(self._ouder_teksten(p)))
            datums = [t for _, t in datum_waarschuwingen(p, self.vandaag, self._kalender())]
        vorige = next((v for v in self.versies if v.versie == p.versie - 1), None)
        self.aandacht.toon(woorden, datums, wijzigingen(vorige, p) if vorige and not p.is_vastgesteld else None,
                           vorige.versie if vorige else None)

    def _kalender(self):
        if getattr(self, "_kalender_cache", None) is None:
            self._kalender_cache = self.services.kalender.calendar()
        return self._kalender_cache

    @staticmethod
    def _ouder_teksten(p: Plan) -> list[str]:
        """What the school writes for ouders (not the student's or the ouders' own words)."""
        return [p.aanleiding, p.analyse, *(t for f in p.factoren.values() for t in (f.risico, f.beschermend)),
                *(t for d in p.doelen for t in (d.omschrijving, d.hoe_merken)), *(a.wat for a in p.afspraken)]

    def gewone_woorden(self) -> None:
        """Replace the professional words in the school's texts by plain words."""
        if not self.editable:
            return
        edits = [self.texts["aanleiding"], *self.analyse.edits()]
        for e in edits:
            nieuw = in_gewone_woorden(e.toPlainText())
            if nieuw != e.toPlainText():
                e.setPlainText(nieuw)
        for rows, kolommen in ((self.doelen, (0, 2)), (self.afspraken, (1,))):
            for row in rows.rows:
                for k in kolommen:
                    w = row.widgets[k]
                    nieuw = in_gewone_woorden(w.text())
                    if nieuw != w.text():
                        w.setText(nieuw)
        self._update_aandacht()

    def analyse_vullen(self) -> None:
        """The table again from step 4 (after asking when something was typed in it)."""
        if self.analyse.waarde() and not errors.ask(self, "De tabel opnieuw vullen vanuit stap 4?",
                                                    detail="Wat nu in de tabel staat, wordt vervangen."):
            return
        factoren = factoren_voor_ouders(self.services.trajecten.analyse(self.traject_id),
                                        self.leerling.voornaam or self.leerling.naam)
        self.analyse.zet(factoren, self.analyse.verder.toPlainText())

    def error_text(self, key: str) -> str:
        if key in self.errors.labels:
            return self.errors.text(key)
        for rows in (self.doelen, self.interventies, self.afspraken, self.contacten):
            prefix = rows.key + " "
            if key.startswith(prefix) and key[len(prefix):].isdigit():
                i = int(key[len(prefix):]) - 1
                if 0 <= i < len(rows.rows) and not rows.rows[i].error.isHidden():
                    return rows.rows[i].error.text()
        return ""

    # --- actions ---------------------------------------------------------------------------------------

    def save(self) -> bool:
        if not self.editable or self.plan is None:
            return False
        oud = self.plan
        self.errors.clear()
        for rows in (self.doelen, self.interventies, self.afspraken, self.contacten):
            rows.show_errors({})
        try:
            nieuw = self.services.plannen.opslaan(self._form_plan(), vandaag=self.vandaag)
        except InvoerFout as exc:
            first = self.errors.show({k: v for k, v in exc.fouten.items()
                                      if not any(k.startswith(r.key + " ") for r in
                                                 (self.doelen, self.interventies, self.afspraken, self.contacten))})
            for rows in (self.doelen, self.interventies, self.afspraken, self.contacten):
                first = rows.show_errors(exc.fouten) or first
            if first is not None:
                self.scroll.ensureWidgetVisible(first)
                first.setFocus()
            self.status.setText("Niet opgeslagen: verbeter wat hierboven in rood staat.")
            return False
        except Conflict as exc:
            return self.save() if self.conflict(exc) else False
        except VerbindingWeg as exc:
            self.niet_bereikbaar(exc)
            return False
        except GebruikersFout as exc:
            self.errors.show({"": str(exc)})
            return False
        self.changed_any = True
        self.concept.verwijder()
        self.versies = self.services.plannen.versies(self.traject_id)
        self._show(nieuw)
        self.concept_note.hide()
        if nieuw.versie != oud.versie:
            self.status.setText(f"Opgeslagen als versie {nieuw.versie} (concept). Versie {oud.versie} blijft "
                                "vastgesteld.")
        else:
            self.status.setText(f"Versie {nieuw.versie} opgeslagen.")
        return True

    def vaststellen(self) -> bool:
        if self.plan is None or self.plan.is_vastgesteld or not self._is_newest():
            return False
        if self.has_changes() and not self.save():
            return False
        # every contact needs a phone number or e-mail address: fixed in their row, before the akkoord
        contacten = {k: v for k, v in bereikbaar_fouten(self.plan, None).items() if k.startswith("contactpersoon")}
        if contacten:
            first = self.contacten.show_errors(contacten)
            if first is not None:
                self.scroll.ensureWidgetVisible(first)
                first.setFocus()
            self.status.setText("Vaststellen kan nog niet: vul bij elke contactpersoon een telefoonnummer of "
                                "e-mailadres in.")
            return False
        ouder = next((o.naam for o in self.leerling.ouders if o.gezag), "")
        dialog = VaststellenDialog(self.services, self.plan, self.leerling.geboortedatum, ouder,
                                   self.leerling.naam, self, vandaag=self.vandaag)
        dialog.exec()
        if dialog.saved is None:
            return False
        self.changed_any = True
        self.versies = self.services.plannen.versies(self.traject_id)
        self._show(dialog.saved)
        self.status.setText(f"Versie {dialog.saved.versie} is vastgesteld.")
        return True

    def evaluatie(self, row: PlanRow) -> bool:
        doel = row.item
        if not isinstance(doel, Doel) or doel.id is None:
            return False
        dialog = EvaluatieDialog(self.services, doel, self)
        dialog.exec()
        if dialog.saved is None:
            return False
        self.changed_any = True
        bijgewerkt = next((d for d in dialog.saved.doelen if d.id == doel.id), doel)
        self._fill_evaluatie(row, bijgewerkt)
        self.versies = self.services.plannen.versies(self.traject_id)
        self.plan = replace(self.plan, doelen=tuple(bijgewerkt if d.id == doel.id else d for d in self.plan.doelen))
        self.status.setText("Evaluatie vastgelegd.")
        return True

    def voorbeeld(self) -> PdfPreviewDialog | None:
        if self.plan is None:
            return None
        if self.editable and self.has_changes() and not self.save():
            return None
        plan = self.plan
        plan_id = plan.id
        dialog = PdfPreviewDialog(self, f"Plan van aanpak – {self.traject.naam}",
                                  lambda: self.services.plannen.pdf(plan_id),
                                  f"Plan van aanpak {self.traject.naam} versie {plan.versie}.pdf",
                                  services=self.services)
        dialog.exec()
        return dialog

    def concept_verwijderen(self) -> bool:
        """Throw this concept version away (after asking) and close; the caller shows the undo bar."""
        plan = self.plan
        if plan is None or not errors.bevestig_verwijderen(
                self, f"Conceptversie {plan.versie} van het plan",
                f"Versie {plan.versie - 1} blijft zoals hij is vastgesteld."):
            return False
        try:
            self.verwijderd = self.services.plannen.concept_verwijderen(plan.id)
        except errors.GebruikersFout as exc:
            errors.show_user_error(self, exc)
            return False
        self.changed_any = True
        self.concept.verwijder()
        self.concept.stop()
        QDialog.reject(self)
        return True

    def reject(self) -> None:
        if self.plan is None or not self.editable:
            self.concept.stop()
            QDialog.reject(self)
            return
        super().reject()

