"""Step 4's analysis: risk and protective factors per domain, the verzuimtype and Kearney's function."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QGridLayout, QGroupBox, QVBoxLayout, QWidget

from ...domain.traject import Analyse, Domein, Factoren, KearneyFunctie, Verzuimtype
from ...services.session import Services
from ..common.blocks import smaller, text_edit, text_label
from ..common.form import NIET_OPGESLAGEN, FormDialog
from ..common.widgets import form_layout, hint, with_error


class AnalyseDialog(FormDialog):
    """Step 4: risk and protective factors per domain, the verzuimtype and Kearney's function; with a draft."""

    def __init__(self, services: Services, traject_id: int, parent: QWidget | None = None):
        super().__init__(parent=parent)
        self.services = services
        self.traject_id = traject_id
        self.saved: Analyse | None = None
        traject = services.trajecten.get(traject_id)
        self.setWindowTitle(f"Analyse – {traject.naam}")
        self.setSizeGripEnabled(True)
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
        grid.addWidget(text_label("Risicofactoren", bold=True), 0, 1)
        grid.addWidget(text_label("Beschermende factoren", bold=True), 0, 2)
        self.velden: dict[tuple[Domein, str], object] = {}
        for r, d in enumerate(Domein, 1):
            grid.addWidget(text_label(d.label, bold=True), r, 0, Qt.AlignmentFlag.AlignTop)
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

        self.conflict_gezien(None)
        self.herladen()
        self._setup_concept(services, "analyse", f"traject:{traject_id}")
        for (d, soort), edit in self.velden.items():
            self.concept.veld(f"{d.value}_{soort}", edit)
        self._restore_concept()
        self.resize(980, 640)
        screen = (parent.screen() if parent else None) or self.screen()
        if screen is not None:
            g = screen.availableGeometry()
            self.resize(min(980, g.width() - 40), min(640, g.height() - 60))

    kan_herladen = True

    def conflict_gezien(self, exc) -> None:
        self._opgeslagen = self.services.trajecten.analyse(self.traject_id)  # with the version saving checks

    def herladen(self) -> None:
        a = self._opgeslagen
        for d in Domein:
            f = a.factoren.get(d, Factoren())
            self.velden[(d, "risico")].setPlainText(f.risico)
            self.velden[(d, "beschermend")].setPlainText(f.beschermend)
        self.verzuimtype.setCurrentIndex(max(self.verzuimtype.findData(a.verzuimtype.value if a.verzuimtype else ""), 0))
        self.kearney.setCurrentIndex(max(self.kearney.findData(a.kearney_functie.value if a.kearney_functie else ""), 0))

    def analyse(self) -> Analyse:
        factoren = {d: Factoren(self.velden[(d, "risico")].toPlainText(), self.velden[(d, "beschermend")].toPlainText())
                    for d in Domein}
        return Analyse(factoren, Verzuimtype(self.verzuimtype.currentData()) if self.verzuimtype.currentData() else None,
                       KearneyFunctie(self.kearney.currentData()) if self.kearney.currentData() else None,
                       self._opgeslagen.rijversie)

    def _snapshot(self):
        return (tuple(e.toPlainText() for e in self.velden.values()), self.verzuimtype.currentData(),
                self.kearney.currentData())

    def save(self) -> bool:
        self.field_errors.clear()
        saved = self.via_service(lambda: self.services.trajecten.analyse_opslaan(self.traject_id, self.analyse()),
                                 self.field_errors.show)
        if saved is NIET_OPGESLAGEN:
            return False
        self.saved = saved
        self._saved()
        self.accept()
        return True


def analyse_samenvatting(a: Analyse) -> QGroupBox:
    """The analysis as step 4 shows it (read only)."""
    box = QGroupBox("Analyse")
    layout = QVBoxLayout(box)
    if not a.ingevuld and a.verzuimtype is None:
        layout.addWidget(smaller(hint("Nog niet ingevuld. Breng per domein (leerling, thuis, school, buurt en vrije "
                                      "tijd) de risico- en beschermende factoren in beeld.")))
        return box
    grid = QGridLayout()
    grid.setHorizontalSpacing(8)
    grid.addWidget(smaller(text_label("Risico", bold=True)), 0, 1)
    grid.addWidget(smaller(text_label("Beschermend", bold=True)), 0, 2)
    for r, d in enumerate(Domein, 1):
        f = a.factoren.get(d, Factoren())
        grid.addWidget(smaller(text_label(d.label, bold=True)), r, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(smaller(text_label(f.risico or "—")), r, 1, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(smaller(text_label(f.beschermend or "—")), r, 2, Qt.AlignmentFlag.AlignTop)
    grid.setColumnStretch(1, 1)
    grid.setColumnStretch(2, 1)
    layout.addLayout(grid)
    extra = []
    if a.verzuimtype:
        extra.append(f"Verzuimtype: {a.verzuimtype.label}")
    if a.kearney_functie:
        extra.append(f"Functie: {a.kearney_functie.label.lower()}")
    if extra:
        layout.addWidget(smaller(text_label(" · ".join(extra))))
    return box
