"""Settings, one tab each: the school, the absence codes of the administration system, the level thresholds,
the catalogue of interventies for the plan van aanpak, the lesuurtijden, the back-ups (not on a server), the
bewaartermijnen and where the data is (Opslag).

The back-ups and Opslag tabs act at once; for the others one Opslaan saves each part that changed with its
own service call (one transaction each). When a part has an error, its message stands next to the field, that
tab comes to the front and the dialog stays open with everything as typed; parts saved before it stay saved.
`exec()` returns Accepted when something was saved, so the caller knows to recompute signals and levels.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import InvoerFout
from ...domain.school import Regio, School, Schooltype
from ...domain.vergrendeling import MAX_MINUTEN
from ...domain.verzuimcodes import STANDAARD_CODES
from ...services.session import Services
from ..common import errors
from ..common.bestanden import LOGO, bestand_openen
from ..common.form import FormDialog, ask_discard
from ..common.ongedaan_bar import toon_ongedaan
from ..common.widgets import ErrorLabel, FieldErrors, WrapLabel, fit_to_screen, hint, with_error
from .backup_dialog import BackupTab
from .bewaren_dialog import BewaarTab
from .interventies_tab import InterventiesTab
from .lesuurtijden_tab import LesuurtijdenTab
from .opslag_tab import OpslagTab
from .school_velden import swv_hint, swv_veld
from .verzuimcodes_tab import VerzuimcodesTab, zonder_redenen

REGIO_HINTS = {
    Regio.NOORD: "Groningen, Friesland, Drenthe, Overijssel, Noord-Holland, Urk en Hattem",
    Regio.MIDDEN: "Utrecht, Zuid-Holland, Flevoland (zonder Urk) en een deel van Gelderland",
    Regio.ZUID: "Zeeland, Noord-Brabant, Limburg en een deel van Gelderland",
}


class InstellingenDialog(FormDialog):
    """A large form that lays itself out: a FieldErrors per tab, its own `save()` per part."""

    def __init__(self, services: Services, parent: QWidget | None = None, *, settings: QSettings | None = None):
        super().__init__("Instellingen", parent)
        self.services = services
        self.opslag_gewisseld = False  # Opslag switched to another store: this session is over
        self.saved_something = False
        self._school: School | None = None

        outer = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._bouw_school(), "School")
        self.codes_tab = VerzuimcodesTab()
        self.tabs.addTab(self.codes_tab, "Verzuimcodes")
        self.tabs.addTab(self._bouw_niveaus(), "Niveaus")
        self.interventies_tab = InterventiesTab()
        self.tabs.addTab(self.interventies_tab, "Interventies")
        self.lesuur_tab = LesuurtijdenTab(services)  # saved with Opslaan below, like the other tabs
        self.tabs.addTab(self.lesuur_tab, "Lesuurtijden")
        self.backup_tab = None
        if not services.ctx.store.op_server:  # a file's backups (the server's are `server backup`)
            self.backup_tab = BackupTab(services)  # acts at once; a restore closes the dialog (and the session)
            self.backup_tab.restored.connect(lambda _info: QDialog.done(self, QDialog.DialogCode.Rejected))
            self.tabs.addTab(self.backup_tab, "Back-ups")
        self.bewaar_tab = BewaarTab(services)  # saved with Opslaan below, like the other tabs
        self.tabs.addTab(self.bewaar_tab, "Bewaartermijnen")
        # acts at once; a switch closes the dialog and the session (changes on the other tabs: asked first)
        self.opslag_tab = OpslagTab(services, settings, mag_wisselen=lambda: not self.has_changes() or ask_discard(self))
        self.opslag_tab.gewisseld.connect(self._opslag_gewisseld)
        self.tabs.addTab(self.opslag_tab, "Opslag")
        outer.addWidget(self.tabs, 1)
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton("Opslaan", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setDefault(True)
        self.buttons.addButton("Annuleren", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)

        self._load()
        fit_to_screen(self, 760, 600)

    def _opslag_gewisseld(self, _tekst: str) -> None:
        self.opslag_gewisseld = True
        QDialog.done(self, QDialog.DialogCode.Rejected)

    # --- School ----------------------------------------------------------------------------------

    def _bouw_school(self) -> QWidget:
        pagina = QWidget()
        self.school_errors = FieldErrors(ErrorLabel())
        self.naam = QLineEdit()
        self.brin = QLineEdit()
        self.brin.setMaxLength(8)
        self.brin.setPlaceholderText("bijvoorbeeld 12AB of 12AB01")
        self.regio = QComboBox()
        for r in Regio:
            self.regio.addItem(r.value.capitalize(), r.value)
        self.regio_hint = hint("")
        self.regio.currentIndexChanged.connect(self._update_regio_hint)
        self.schooltype = QComboBox()
        for t in Schooltype:
            self.schooltype.addItem(f"{t.label} ({t.value})", t.value)
        self.uren = QDoubleSpinBox()
        self.uren.setRange(1, 12)
        self.uren.setSingleStep(0.5)
        self.uren.setDecimals(1)
        self.uren.setSuffix(" uur")
        self.uren.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        uren_hint = hint("Een hele dag verzuim is zoveel uur. Dit telt mee voor 'thuiszitter' (hele dagen "
                         "afwezig) en voor het verzuimpercentage.")
        form = QFormLayout(pagina)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        e = self.school_errors
        form.addRow("Naam van de school:", with_error(self.naam, e.add("naam", self.naam)))
        form.addRow("BRIN-nummer:", with_error(self.brin, e.add("brin", self.brin)))
        form.addRow("Regio schoolvakanties:", with_error(self.regio, e.add("regio", self.regio), self.regio_hint))
        form.addRow("Schooltype:", with_error(self.schooltype, e.add("schooltype", self.schooltype)))
        form.addRow("Uren per lesdag:", with_error(self.uren, e.add("uren_per_lesdag", self.uren), uren_hint))
        self.swv = swv_veld()
        form.addRow("Samenwerkingsverband:", with_error(self.swv, e.add("swv", self.swv), swv_hint()))
        form.addRow("Logo:", self._bouw_logo())
        self.vergrendelen = QSpinBox()
        self.vergrendelen.setRange(0, MAX_MINUTEN)
        self.vergrendelen.setSuffix(" minuten")
        self.vergrendelen.setSpecialValueText("nooit")
        self.vergrendelen.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        vergrendelen_hint = hint("Na zoveel minuten zonder toetsenbord of muis gaat het scherm op slot; met het "
                                 "wachtwoord gaat het weer open. Ctrl+L vergrendelt meteen.")
        form.addRow("Scherm vergrendelen na:", with_error(
            self.vergrendelen, e.add("vergrendelen", self.vergrendelen), vergrendelen_hint))
        form.addRow(e.general)
        return pagina

    def _bouw_logo(self) -> QWidget:
        """The logo at the top of every PDF; choosing or removing it is saved at once."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        rij = QHBoxLayout()
        self.logo_voorbeeld = QLabel()
        self.logo_voorbeeld.setMinimumHeight(48)
        rij.addWidget(self.logo_voorbeeld)
        kiezen = QPushButton("Logo kiezen…")
        kiezen.clicked.connect(self.kies_logo)
        self.logo_weg = QPushButton("Logo verwijderen")
        self.logo_weg.clicked.connect(self.logo_verwijderen)
        rij.addWidget(kiezen)
        rij.addWidget(self.logo_weg)
        rij.addStretch(1)
        layout.addLayout(rij)
        self.logo_fout = ErrorLabel()
        layout.addWidget(self.logo_fout)
        layout.addWidget(hint("Komt bovenaan het plan van aanpak, het MDO-verslag en het dossier. PNG of JPG, "
                              "hoogstens 1 MB. Wordt meteen opgeslagen."))
        return box

    def kies_logo(self) -> None:
        pad = bestand_openen(self, "Logo kiezen", "Afbeelding (*.png *.jpg *.jpeg)", LOGO)
        if pad is not None:
            try:
                with open(pad, "rb") as f:
                    self._logo_opslaan(f.read())
            except OSError:
                self.logo_fout.set_error("Dit bestand kan niet gelezen worden. Kies een ander bestand.")

    def _logo_opslaan(self, data: bytes | None) -> None:
        self.logo_fout.set_error("")
        try:
            self.services.school.logo_opslaan(data)
        except InvoerFout as exc:
            self.logo_fout.set_error(" ".join(exc.fouten.values()))
            return
        except errors.GebruikersFout as exc:
            errors.show_user_error(self, exc)
            return
        self.saved_something = True
        self._toon_logo()

    def logo_verwijderen(self) -> bool:
        if not errors.bevestig_verwijderen(self, "Het logo van de school",
                                           "De PDF's worden dan zonder logo gemaakt."):
            return False
        try:
            weg = self.services.school.logo_verwijderen()
        except errors.GebruikersFout as exc:
            errors.show_user_error(self, exc)
            return False
        self.saved_something = True
        self._toon_logo()
        toon_ongedaan(self, self.services, weg, self._toon_logo)
        return True

    def _toon_logo(self) -> None:
        data = self.services.school.logo()
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            self.logo_voorbeeld.setPixmap(pixmap.scaledToHeight(48, Qt.TransformationMode.SmoothTransformation))
        else:
            self.logo_voorbeeld.setText("Geen logo")
        self.logo_weg.setEnabled(bool(data))

    def _update_regio_hint(self) -> None:
        regio = Regio(self.regio.currentData())
        tekst = f"Onder andere {REGIO_HINTS[regio]}."
        if self._school is not None and regio != self._school.regio:
            tekst += " Let op: met een andere regio veranderen de vakanties, dus ook de lesdagen en de signalen."
        self.regio_hint.setText(tekst)

    def school(self) -> School:
        return School(self.naam.text(), self.brin.text(), Regio(self.regio.currentData()),
                      Schooltype(self.schooltype.currentData()), self.uren.value(), self.swv.text())

    # --- Verzuimcodes ----------------------------------------------------------------------------

    # --- Niveaus ---------------------------------------------------------------------------------

    def _bouw_niveaus(self) -> QWidget:
        pagina = QWidget()
        layout = QVBoxLayout(pagina)
        layout.addWidget(WrapLabel(
            "Elke leerling krijgt een verzuimniveau (de piramide van Kearney). Het verzuimpercentage is het deel "
            "van de lestijd in dit schooljaar dat de leerling er niet was – om welke reden ook, dus ook ziek en "
            "verlof."))
        self.niveaus_errors = FieldErrors(ErrorLabel())
        self.niveau2 = QDoubleSpinBox()
        self.niveau3 = QDoubleSpinBox()
        for spin in (self.niveau2, self.niveau3):
            spin.setRange(0.5, 100)
            spin.setDecimals(1)
            spin.setSingleStep(0.5)
            spin.setSuffix(" %")
            spin.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            spin.valueChanged.connect(lambda _v: self.niveaus_errors.clear())
        form = QFormLayout()
        form.addRow("Niveau 2 (beginnend verzuim) vanaf:", with_error(self.niveau2, self.niveaus_errors.add(
            "niveau2", self.niveau2)))
        form.addRow("Niveau 3 (ernstig verzuim) vanaf:", with_error(self.niveau3, self.niveaus_errors.add(
            "niveau3", self.niveau3)))
        layout.addLayout(form)
        layout.addWidget(self.niveaus_errors.general)
        layout.addWidget(hint("Gebruikelijk is 5 % en 10 %: wie 5 % of minder mist, komt regelmatig; 10 % of meer "
                              "heet chronisch verzuim. Een thuiszitter staat altijd op niveau 3."))
        layout.addStretch(1)
        return pagina

    # --- loading, changes, saving ----------------------------------------------------------------

    def _load(self) -> None:
        self._school = None
        school = self.services.school.get()
        self.naam.setText(school.naam)
        self.brin.setText(school.brin)
        self.regio.setCurrentIndex(self.regio.findData(school.regio.value))
        self.schooltype.setCurrentIndex(self.schooltype.findData(school.schooltype.value))
        self.uren.setValue(school.uren_per_lesdag)
        self.swv.setText(school.swv)
        self._toon_logo()
        self._school = school
        self._update_regio_hint()
        self.codes_tab.set_codes(zonder_redenen(self.services.verzuim.codes().codes))
        inst = self.services.signalen.instellingen()
        self.niveau2.setValue(inst.niveau2_pct)
        self.niveau3.setValue(inst.niveau3_pct)
        self.interventies_tab.set_interventies(self.services.plannen.catalogus())
        self.vergrendelen.setValue(self.services.vergrendeling.minuten())
        self._vergrendelen_start = self.vergrendelen.value()
        self._initial = self._snapshot()
        self.codes_tab.standaard_gekozen = False

    def _snapshot(self) -> tuple:
        return (self.school(), tuple(self.codes_tab.codes()), (self.niveau2.value(), self.niveau3.value()),
                tuple(self.interventies_tab.interventies()))

    def has_changes(self) -> bool:
        return (self._snapshot() != self._initial or self.codes_tab.standaard_gekozen
                or self.vergrendelen.value() != self._vergrendelen_start or self.bewaar_tab.has_changes()
                or self.lesuur_tab.has_changes())

    def save(self) -> bool:
        """Save every part that changed; False (dialog stays open) when a part has an error.

        The parts are independent: an error in one does not stop the others, so every error shows at once.
        """
        school, codes, drempels, interventies = self._snapshot()
        oud_school, oud_codes, oud_drempels, oud_interventies = self._initial
        for e in (self.school_errors, self.niveaus_errors):
            e.clear()
        self.codes_tab.codes_fout.set_error("")
        self.interventies_tab.interventies_fout.set_error("")
        fouten: list[tuple[int, QWidget | None]] = []  # (tab, widget to focus) per part with an error

        if school != oud_school:
            try:
                opgeslagen = self.services.school.opslaan(school)
            except InvoerFout as exc:
                fouten.append((0, self.school_errors.show(exc.fouten)))
            except errors.GebruikersFout as exc:
                errors.show_user_error(self, exc)
                return False
            else:
                self.brin.setText(opgeslagen.brin)
                self.naam.setText(opgeslagen.naam)
                self.swv.setText(opgeslagen.swv)
                self._deel_opgeslagen(0)

        if codes != oud_codes or self.codes_tab.standaard_gekozen:
            nieuw = self.codes_tab.codes_dict()
            try:
                if nieuw == dict(zonder_redenen(STANDAARD_CODES)):
                    self.services.verzuim.codes_standaard()
                else:
                    self.services.verzuim.codes_opslaan(nieuw)
            except InvoerFout as exc:
                self.codes_tab.markeer_dubbel()
                self.codes_tab.codes_fout.set_error(" ".join(exc.fouten.values()))
                fouten.append((1, self.codes_tab.codes_tabel))
            except errors.GebruikersFout as exc:
                errors.show_user_error(self, exc)
                return False
            else:
                self.codes_tab.standaard_gekozen = False
                self.codes_tab.markeer_dubbel()
                self._deel_opgeslagen(1)

        if drempels != oud_drempels:
            try:
                self.services.signalen.drempels_opslaan(*drempels)
            except InvoerFout as exc:
                fouten.append((2, self.niveaus_errors.show(
                    {("niveau2" if k == "" else k): v for k, v in exc.fouten.items()})))
            except errors.GebruikersFout as exc:
                errors.show_user_error(self, exc)
                return False
            else:
                self._deel_opgeslagen(2)

        if interventies != oud_interventies:
            try:
                opgeslagen_lijst = self.services.plannen.catalogus_opslaan(list(interventies))
            except InvoerFout as exc:
                self.interventies_tab.interventies_fout.set_error(" ".join(exc.fouten.values()))
                fouten.append((3, self.interventies_tab.interventies_lijst))
            except errors.GebruikersFout as exc:
                errors.show_user_error(self, exc)
                return False
            else:
                self.interventies_tab.set_interventies(opgeslagen_lijst)  # tidied: trimmed, no empties or doubles
                self._deel_opgeslagen(3)

        if self.vergrendelen.value() != self._vergrendelen_start:
            try:
                self._vergrendelen_start = self.services.vergrendeling.minuten_opslaan(self.vergrendelen.value())
            except InvoerFout as exc:
                fouten.insert(0, (0, self.school_errors.show(exc.fouten)))
            except errors.GebruikersFout as exc:
                errors.show_user_error(self, exc)
                return False
            else:
                self.saved_something = True

        if self.lesuur_tab.has_changes():
            try:
                self.lesuur_tab.save()
            except InvoerFout as exc:
                fouten.append((self.tabs.indexOf(self.lesuur_tab), self.lesuur_tab.show_errors(exc)))
            except errors.GebruikersFout as exc:
                errors.show_user_error(self, exc)
                return False
            else:
                self.saved_something = True

        if self.bewaar_tab.has_changes():
            try:
                self.bewaar_tab.save()
            except InvoerFout as exc:
                fouten.append((self.tabs.indexOf(self.bewaar_tab), self.bewaar_tab.show_errors(exc)))
            except errors.GebruikersFout as exc:
                errors.show_user_error(self, exc)
                return False
            else:
                self.saved_something = True

        if fouten:
            tab, widget = fouten[0]
            self.tabs.setCurrentIndex(tab)
            if widget is not None:
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        if self.saved_something:
            self.accept()
        else:
            QDialog.reject(self)  # nothing changed
        return True

    def _deel_opgeslagen(self, deel: int) -> None:
        """Remember part `deel` (0 school, 1 codes, 2 niveaus, 3 interventies) as saved."""
        nu = list(self._snapshot())
        start = list(self._initial)
        start[deel] = nu[deel]
        self._initial = tuple(start)
        self.saved_something = True

    def reject(self) -> None:
        if not self.saved_something:
            super().reject()  # asks before throwing changes away
        elif not self.has_changes() or ask_discard(self):
            self.done(QDialog.DialogCode.Accepted)  # part was saved before an error elsewhere: the caller refreshes
