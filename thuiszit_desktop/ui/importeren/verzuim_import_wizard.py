"""Importing verzuim from the administration: choose a file, check the preview, import (FORMATEN.md,
"Verzuim").

The pages, the jobs with their progress bars and the summary are shared with the student import
(`import_base.py`); here: the explanation, the preview's figures with the "tot en met" date, and the
service calls.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ...domain.errors import InvoerFout
from ...services.session import Services
from ...services.verzuim import VerzuimVoorbeeld
from ..common import theme
from ..common.widgets import DateEdit, ErrorLabel, format_date, hint
from .import_base import (
    MAX_RIJEN,
    ImporteerPage,
    ImportWizardBase,
    KiesBestandPage,
    Taak,
    fill,
    fouten_rijen,
)
from .import_base import VoorbeeldPage as _VoorbeeldPage
from .import_kolommen import KolommenPage

SUBTITEL_BEZIG = "Het verzuim wordt opgeslagen, in één keer: alles of niets."

UITLEG = (
    "Kies het bestand met verzuim uit de leerlingadministratie, zoals het uit Magister of Somtoday komt: een "
    "CSV-bestand (gescheiden door puntkomma, komma of tab) of een Excel-bestand (.xlsx). Op de eerste regel "
    "staan de kolomnamen.<br><br>"
    "<b>Nodig:</b> <i>leerlingnummer</i> (of stamnummer), <i>reden</i> (of code), en per regel:<br>"
    "– een <i>datum</i> met <i>uren</i> (aantal uren, bijvoorbeeld 1,5) of <i>lesuur</i> (elke regel is dan "
    "één lesuur), zoals Magister per lesuur, of<br>"
    "– een periode: <i>begindatum</i> en <i>einddatum</i>, met of zonder <i>begintijd</i> en <i>eindtijd</i>, "
    "zoals Somtoday. Die telt per lesdag de lesuren die erin vallen (Instellingen › Lesuurtijden).<br>"
    "<b>Mag ook:</b> <i>geoorloofd</i> (J of N): beslist over een code die het programma niet kent.<br>"
    "Reden is ongeoorloofd, ziek, verlof, schorsing of overig_geoorloofd, of een code uit de administratie "
    "(zoals Z, S of Spijbelen); wat elke code betekent, staat bij Instellingen › Verzuimcodes. Codes als "
    "'te laat' of 'aanwezig' zijn geen verzuim en worden overgeslagen. Kolomnamen als Stamnr, Absentiecode "
    "en Begintijd herkent het programma zelf; op de volgende pagina kiest u voor de rest.<br><br>"
    "Het bestand vervangt het eerder geïmporteerde verzuim van elke leerling op elke dag die erin staat. Zelf "
    "ingevoerd verzuim blijft staan. U ziet eerst wat er verandert; er wordt pas iets opgeslagen als u op "
    "Importeren klikt."
)


def _n(aantal: int, enkelvoud: str, meervoud: str) -> str:
    return f"{aantal} {enkelvoud if aantal == 1 else meervoud}"


class _TotFout:
    """The preview could not be made with the chosen "t/m" date (the message is for that field)."""

    def __init__(self, melding: str):
        self.melding = melding


class VoorbeeldPage(_VoorbeeldPage):
    voorbeeld: VerzuimVoorbeeld | None

    def __init__(self, services: Services, parent: QWidget | None = None, *, vandaag: date | None = None):
        super().__init__(services, "het verzuim dat er al is",
                         {"Fouten": ["Regel", "Reden"], "Geen lesdag": ["Regel", "Waarschuwing"]}, parent)
        self.vandaag = vandaag or date.today()
        self.fouten_tabel, self.lesdag_tabel = self.tabellen
        self._herhaal = QTimer(self)  # a new preview shortly after the "t/m" date stops changing
        self._herhaal.setSingleShot(True)
        self._herhaal.setInterval(500)
        self._herhaal.timeout.connect(self._opnieuw)

        self.cijfers = QWidget()
        form = QFormLayout(self.cijfers)
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(3)
        self.regels_label = QLabel()
        self.dagen_label = QLabel()
        self.overgeslagen_label = QLabel()
        self.kolommen_label = QLabel()
        self.kolommen_label.setWordWrap(True)
        form.addRow("Verzuim:", self.regels_label)
        form.addRow("Dagen:", self.dagen_label)
        form.addRow("Geen verzuim:", self.overgeslagen_label)
        form.addRow("Niet gebruikt:", self.kolommen_label)
        tot = QWidget()
        tot_layout = QVBoxLayout(tot)
        tot_layout.setContentsMargins(0, 0, 0, 0)
        tot_layout.setSpacing(2)
        self.bijgewerkt_label = QLabel()
        self.bijgewerkt_label.setWordWrap(True)
        tot_layout.addWidget(self.bijgewerkt_label)
        rij = QHBoxLayout()
        self.tot_check = QCheckBox("Een andere datum gebruiken:")
        self.tot_check.setToolTip("Bijvoorbeeld als het bestand tot en met vrijdag loopt maar de laatste dagen "
                                  "zonder verzuim waren. Een eerdere datum dan nu zet de signalen terug.")
        self.tot_edit = DateEdit(start=self.vandaag)
        self.tot_edit.setEnabled(False)
        rij.addWidget(self.tot_check)
        rij.addWidget(self.tot_edit)
        rij.addStretch(1)
        tot_layout.addLayout(rij)
        self.tot_fout = ErrorLabel()
        tot_layout.addWidget(self.tot_fout)
        form.addRow("Verzuim bijgewerkt t/m:", tot)
        self.tot_check.toggled.connect(self._tot_gewijzigd)
        self.tot_edit.dateChanged.connect(self._tot_gewijzigd)
        self.layout().insertWidget(3, self.cijfers)  # above the tabs
        self._uitkomst.append(self.cijfers)

    def cleanupPage(self) -> None:  # Back to page 1
        self._herhaal.stop()
        super().cleanupPage()

    def isComplete(self) -> bool:
        v = self.voorbeeld
        if v is None or self.loader.busy or self._herhaal.isActive() or not self.tot_fout.isHidden():
            return False
        return (v.regels + v.overgeslagen > 0 or v.dagen_gewijzigd > 0) and (not v.fouten or self.overslaan.isChecked())

    def tot(self) -> date | None:
        """The "verzuim bijgewerkt t/m" the user chose instead of the file's latest date (None: the file's)."""
        return self.tot_edit.value() if self.tot_check.isChecked() else None

    # --- the preview job ---

    def _taak(self, pad: Path) -> Taak:
        tot, kolommen = self.tot(), self.wizard().koppeling()

        def voorbeeld(progress):
            try:
                return self.services.verzuim.voorbeeld(pad, tot=tot, progress=progress, vandaag=self.vandaag,
                                                       kolommen=kolommen)
            except InvoerFout as exc:
                if tot is not None and "tot" in exc.fouten:
                    return _TotFout(exc.fouten["tot"])
                raise

        return voorbeeld

    def _tot_gewijzigd(self) -> None:
        self.tot_edit.setEnabled(self.tot_check.isChecked())
        if self.voorbeeld is None and not self.loader.busy:
            return
        self.tot_fout.set_error("")
        self._herhaal.start()
        self.completeChanged.emit()

    def _opnieuw(self) -> None:
        self.stop()
        self._start()

    def _ontvangen(self, resultaat) -> None:
        if isinstance(resultaat, _TotFout):
            self.tot_fout.set_error(resultaat.melding)
            self.status.setText("Kies een andere datum bij 'Verzuim bijgewerkt t/m'.")
        else:
            super()._ontvangen(resultaat)

    def _reset(self) -> None:
        super()._reset()
        self.tot_fout.set_error("")

    def _show(self, v: VerzuimVoorbeeld) -> None:
        fouten, lesdag = len(v.fouten), len(v.geen_lesdag)
        self.status.setText(f"Het bestand {self.wizard().pad().name} is gelezen. Zo ziet het eruit:")
        self.regels_label.setText(f"{_n(v.regels, 'regel', 'regels')} voor {_n(v.leerlingen, 'leerling', 'leerlingen')}")
        self.dagen_label.setText(f"{v.dagen_nieuw} nieuw, {v.dagen_gewijzigd} gewijzigd, {v.dagen_ongewijzigd} "
                                 "ongewijzigd (een dag = één leerling op één datum)")
        self.overgeslagen_label.setText(
            f"{_n(v.overgeslagen, 'regel', 'regels')} (te laat, aanwezig en dergelijke; worden overgeslagen)"
            if v.overgeslagen else "geen")
        self.kolommen_label.setText(", ".join(v.onbekende_kolommen) if v.onbekende_kolommen else "geen")
        self.bijgewerkt_label.setStyleSheet("")
        if v.terug:  # only with a date the user chose (FORMATEN.md): said loud and clear
            self.bijgewerkt_label.setText(
                f"Let op: dit zet 'verzuim bijgewerkt t/m' terug van {format_date(v.bijgewerkt_was)} naar "
                f"{format_date(v.bijgewerkt_tot)}. De signalen en niveaus gaan dan over het verzuim tot en met "
                f"{format_date(v.bijgewerkt_tot)}; wat daarna komt, telt pas weer mee na een nieuwe import.")
            theme.style(self.bijgewerkt_label, "color: {danger}; font-weight: bold;")
        elif v.blijft_staan:
            self.bijgewerkt_label.setText(
                f"Blijft {format_date(v.bijgewerkt_tot)}: het bestand gaat maar tot en met "
                f"{format_date(v.laatste_in_bestand)}, en een correctie van eerdere dagen zet de datum niet terug. "
                "Wilt u hem toch terugzetten? Kies hieronder een andere datum.")
        elif v.bijgewerkt_tot is not None:
            bron = "de datum die u koos" if self.tot() is not None else "de laatste datum in het bestand"
            self.bijgewerkt_label.setText(f"Na de import: {format_date(v.bijgewerkt_tot)} ({bron}). Signalen "
                                          "tellen het verzuim tot en met die dag.")
        else:
            self.bijgewerkt_label.setText("Blijft zoals het was (er staat geen datum in het bestand).")
        if not self.tot_check.isChecked() and v.bijgewerkt_tot is not None:
            self.tot_edit.blockSignals(True)
            self.tot_edit.set_value(v.bijgewerkt_tot)
            self.tot_edit.blockSignals(False)
        self.cijfers.show()

        fill(self.fouten_tabel, fouten_rijen(v.fouten), rijhoogte=False)
        fill(self.lesdag_tabel, fouten_rijen(v.geen_lesdag), rijhoogte=False)
        self.tabs.setTabText(0, f"Fouten ({fouten})")
        self.tabs.setTabText(1, f"Geen lesdag ({lesdag})")
        self.tabs.setCurrentIndex(0 if fouten or not lesdag else 1)
        self.tabs.setVisible(bool(fouten or lesdag))

        self.melding.hide()
        if fouten:
            regels = "regel heeft" if fouten == 1 else "regels hebben"
            goed = v.regels + v.overgeslagen
            tekst = f"{fouten} {regels} een fout (zie Fouten). Er wordt niets geïmporteerd"
            tekst += (", tenzij u hieronder kiest om de foute regels over te slaan." if goed else
                      ": er is geen enkele goede regel.")
            tekst += " U kunt ook het bestand verbeteren en opnieuw beginnen."
            self.melding.setText(tekst)
            self.melding.show()
            self.overslaan.setVisible(goed > 0)
        else:
            self.overslaan.hide()
            self.overslaan.setChecked(False)
        if max(fouten, lesdag) > MAX_RIJEN:
            self.status.setText(self.status.text() + f" Per tabblad staan de eerste {MAX_RIJEN} regels.")


class VerzuimImportWizard(ImportWizardBase):
    imported = Signal(object)  # VerzuimVoorbeeld (what was imported), after a successful import

    def __init__(self, services: Services, parent: QWidget | None = None, *, vandaag: date | None = None):
        super().__init__(services, parent, titel="Verzuim importeren", minimum=(800, 600),
                         kies_pagina=KiesBestandPage("verzuim", UITLEG),
                         kolommen_pagina=KolommenPage(services, "verzuim"),
                         voorbeeld_pagina=VoorbeeldPage(services, vandaag=vandaag),
                         import_pagina=ImporteerPage(services, SUBTITEL_BEZIG, overgeslagen_label=hint,
                                                     rijhoogte=False))
        self.vandaag = vandaag or date.today()

    def tot(self) -> date | None:
        return self.voorbeeld_pagina.tot()

    def import_taak(self) -> Taak:
        pad, overslaan, tot, vandaag = self.pad(), self.foute_regels_overslaan(), self.tot(), self.vandaag
        kolommen = self.koppeling()
        return lambda progress: self.services.verzuim.importeren(
            pad, sla_foute_regels_over=overslaan, tot=tot, progress=progress, vandaag=vandaag, kolommen=kolommen)
