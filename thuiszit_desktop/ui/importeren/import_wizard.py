"""Importing the student list: choose a file, its columns, check the preview, import (FORMATEN.md,
"Leerlingen").

The pages, the jobs with their progress bars and the summary are shared with the verzuim import
(`import_base.py`); here: the explanation, the preview's tables and the service calls.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from ...services.importing import ImportVoorbeeld
from ...services.session import Services
from ..common.widgets import format_date, hint
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

SUBTITEL_BEZIG = "De leerlingen worden opgeslagen, in één keer: alles of niets."

UITLEG = (
    "Kies het bestand met leerlingen uit de leerlingadministratie, zoals het uit Magister of Somtoday komt: "
    "een CSV-bestand (gescheiden door puntkomma, komma of tab) of een Excel-bestand (.xlsx). "
    "Op de eerste regel staan de kolomnamen.<br><br>"
    "<b>Nodig:</b> leerlingnummer (of stamnummer), achternaam en geboortedatum.<br>"
    "<b>Mag ook:</b> voornaam (roepnaam), tussenvoegsel, klas (stamgroep), mentor, inschrijfdatum, "
    "uitschrijfdatum, bestemming, startkwalificatie (ja/nee), vrijstelling (5a, 5b, 5c, 5a-trekkend of 15) met "
    "vrijstelling_van en vrijstelling_tot, bsn of onderwijsnummer.<br>"
    "Kolomnamen als Stamnr, Roepnaam, Tussenv., Geb.datum en Stamgroep herkent het programma zelf. Op de "
    "volgende pagina ziet u welke kolom waarvoor gebruikt wordt, en kiest u voor de rest.<br><br>"
    "Leerlingen die al in het programma staan, worden bijgewerkt op hun leerlingnummer (000123 en 123 zijn "
    "dezelfde leerling). Gegevens die niet in het bestand staan, zoals ouders, blijven zoals ze zijn. U ziet "
    "eerst wat er verandert; er wordt pas iets opgeslagen als u op Importeren klikt."
)


class VoorbeeldPage(_VoorbeeldPage):
    voorbeeld: ImportVoorbeeld | None

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(services, "de leerlingen die er al zijn", {
            "Nieuw": ["Leerlingnummer", "Naam", "Geboortedatum", "Klas", "Mentor"],
            "Gewijzigd": ["Leerlingnummer", "Naam", "Wat verandert"],
            "Afgekeurd": ["Regel", "Reden"]}, parent)
        self.nieuw_tabel, self.gewijzigd_tabel, self.afgekeurd_tabel = self.tabellen
        self.onbekend = hint("")
        self.layout().insertWidget(4, self.onbekend)  # below the tabs
        self._uitkomst.append(self.onbekend)

    def _taak(self, pad: Path) -> Taak:
        kolommen = self.wizard().koppeling()
        return lambda progress: self.services.importeren.leerlingen_voorbeeld(pad, progress=progress,
                                                                              kolommen=kolommen)

    def isComplete(self) -> bool:
        v = self.voorbeeld
        return v is not None and v.te_importeren > 0 and (not v.fouten or self.overslaan.isChecked())

    def _show(self, v: ImportVoorbeeld) -> None:
        nieuw, gewijzigd, fouten = len(v.nieuw), len(v.gewijzigd), len(v.fouten)
        fill(self.nieuw_tabel, [[lln.leerlingnummer, lln.naam, format_date(lln.geboortedatum), lln.klas, lln.mentor]
                                for lln in v.nieuw[:MAX_RIJEN]])
        fill(self.gewijzigd_tabel, [[w.nieuw.leerlingnummer, w.nieuw.naam, "\n".join(w.wijzigingen)]
                                    for w in v.gewijzigd[:MAX_RIJEN]])
        fill(self.afgekeurd_tabel, fouten_rijen(v.fouten))
        self.tabs.setTabText(0, f"Nieuw ({nieuw})")
        self.tabs.setTabText(1, f"Gewijzigd ({gewijzigd})")
        self.tabs.setTabText(2, f"Afgekeurd ({fouten})")
        self.tabs.setCurrentIndex(2 if fouten else 0 if nieuw or not gewijzigd else 1)
        self.tabs.show()

        delen = [f"{nieuw} nieuw", f"{gewijzigd} gewijzigd", f"{v.ongewijzigd} ongewijzigd"]
        tekst = "In het bestand: " + ", ".join(delen)
        tekst += f" en {fouten} {'regel' if fouten == 1 else 'regels'} met een fout." if fouten else "."
        if max(nieuw, gewijzigd, fouten) > MAX_RIJEN:
            tekst += f" Per tabblad staan de eerste {MAX_RIJEN} regels."
        if v.te_importeren == 0:
            tekst += " Er is niets te importeren: alles is al bijgewerkt." if not fouten else ""
        self.status.setText(tekst)

        if fouten:
            regels = "regel heeft" if fouten == 1 else "regels hebben"
            self.melding.setText(
                f"{fouten} {regels} een fout (zie Afgekeurd). Er wordt niets geïmporteerd, tenzij u hieronder "
                "kiest om de foute regels over te slaan. U kunt ook het bestand verbeteren en opnieuw beginnen.")
            self.melding.show()
            self.overslaan.setVisible(v.te_importeren > 0)
        if v.onbekende_kolommen:
            self.onbekend.setText("Deze kolommen worden niet gebruikt: "
                                  + ", ".join(v.onbekende_kolommen) + ".")
            self.onbekend.show()


class ImportWizard(ImportWizardBase):
    imported = Signal(object)  # ImportResultaat, after a successful import

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(services, parent, titel="Leerlingen importeren", minimum=(780, 580),
                         kies_pagina=KiesBestandPage("leerlingen", UITLEG),
                         kolommen_pagina=KolommenPage(services, "leerlingen"),
                         voorbeeld_pagina=VoorbeeldPage(services),
                         import_pagina=ImporteerPage(services, SUBTITEL_BEZIG))

    def import_taak(self) -> Taak:
        pad, overslaan, kolommen = self.pad(), self.foute_regels_overslaan(), self.koppeling()
        return lambda progress: self.services.importeren.leerlingen(
            pad, sla_foute_regels_over=overslaan, progress=progress, kolommen=kolommen)
