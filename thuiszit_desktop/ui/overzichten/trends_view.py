"""The "Trends" tab of Overzichten: a school year month by month – students per level, signals,
thuiszitters in and out – as charts, and the jaaroverzicht as a PDF.

The whole school's signal rules run once per month end, so the figures are computed off the GUI
thread (a few seconds for a large school).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...domain.kalender import schooljaar_label
from ...domain.signalen import SignaalSoort
from ...domain.trends import Trends
from ...services.session import Services
from ..common.pdf_preview import PdfPreviewDialog
from ..common.widgets import format_date, hint
from ..common.worker import Loader
from .charts import SIGNAAL_KLEUREN, Grafiek, Reeks, in_kleur, niveau_kleur, uit_kleur

OVERZICHT_MISLUKT = "Het overzicht kon niet worden gemaakt."  # a bug in an overview's computation (the Overzichten tabs)
SIGNAAL_NAAM = {
    SignaalSoort.MELDPLICHT_16U: "16 uur",
    SignaalSoort.THUISZITTER: "Thuiszitter",
    SignaalSoort.THUISZITTER_3MND: "> 3 mnd",
    SignaalSoort.LANGDURIG_AFWEZIG: "Langdurig afwezig",
    SignaalSoort.MAZL: "M@zl",
    SignaalSoort.LUXE_VERZUIM: "Luxe verzuim",
    SignaalSoort.ABSOLUUT_VERZUIM: "Absoluut",
}


class TrendsView(QWidget):
    loaded = Signal(object)  # Trends
    failed = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.trends: Trends | None = None
        self.loader = Loader(services, self, crash_message=OVERZICHT_MISLUKT)
        self.loader.finished.connect(self._finished)
        self.loader.failed.connect(self._failed)

        layout = QVBoxLayout(self)
        kop = QHBoxLayout()
        kop.addWidget(QLabel("Schooljaar:"))
        self.jaar_combo = QComboBox()
        self.jaar_combo.setAccessibleName("Schooljaar")
        for jaar in services.overzichten.schooljaren():
            self.jaar_combo.addItem(schooljaar_label(jaar), jaar)
        self.jaar_combo.currentIndexChanged.connect(lambda _i: self.laad())
        kop.addWidget(self.jaar_combo)
        self.status = QLabel()
        kop.addWidget(self.status, 1)
        self.afdrukken_button = QPushButton("Jaaroverzicht afdrukken…")
        self.afdrukken_button.setToolTip("Het jaaroverzicht als PDF: deze grafieken, de cijfers en 'werkt het?'")
        self.afdrukken_button.clicked.connect(self.afdrukken)
        kop.addWidget(self.afdrukken_button)
        layout.addLayout(kop)
        layout.addWidget(hint("Per maand, gemeten op de laatste dag van de maand (de lopende maand op de dag tot "
                              "waar het verzuim is bijgewerkt). Wijs een maand aan voor de aantallen."))

        self.niveaus = Grafiek(Grafiek.GESTAPELD, eenheid="leerlingen", titel="Leerlingen per niveau")
        self.signalen = Grafiek(Grafiek.LIJN, eenheid="leerlingen", titel="Signalen per maand")
        self.thuiszitters = Grafiek(Grafiek.NAAST, eenheid="", titel="Thuiszitters erbij en eraf")
        raster = QGridLayout()
        raster.addWidget(self.niveaus, 0, 0)
        raster.addWidget(self.thuiszitters, 0, 1)
        raster.addWidget(self.signalen, 1, 0, 1, 2)
        layout.addLayout(raster, 1)

    @property
    def schooljaar(self) -> int | None:
        return self.jaar_combo.currentData()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.trends is None and not self.loader.busy:
            self.laad()

    def laad(self) -> None:
        """Compute the chosen school year in the background; emits `loaded` or `failed`."""
        jaar, services = self.schooljaar, self.services
        self.status.setText("De trends worden berekend…")
        self.loader.start(lambda _progress: services.overzichten.trends(jaar))

    def wait(self, timeout: float | None = None) -> bool:
        return self.loader.wait(timeout)

    def _finished(self, trends: Trends) -> None:
        self.toon(trends)
        self.loaded.emit(trends)

    def _failed(self, melding: str) -> None:
        self.status.setText(melding)
        self.failed.emit(melding)

    def toon(self, t: Trends) -> None:
        self.trends = t
        labels = [m.label for m in t.maanden]
        self.status.setText(f"Schooljaar {t.label}, t/m {format_date(t.tot)}." if t.maanden
                            else f"Schooljaar {t.label}: nog geen maand om te tonen.")
        self.niveaus.set_data(labels, [Reeks(f"Niveau {n}", niveau_kleur(n), [m.per_niveau[n] for m in t.maanden])
                                       for n in (1, 2, 3)])
        self.signalen.set_data(labels, [Reeks(SIGNAAL_NAAM[s], QColor(kleur), [m.per_signaal[s] for m in t.maanden])
                                        for s, kleur in zip(SignaalSoort, SIGNAAL_KLEUREN, strict=True)])
        self.thuiszitters.set_data(labels, [Reeks("Erbij", in_kleur(), [m.thuiszitters_in for m in t.maanden]),
                                            Reeks("Eraf", uit_kleur(), [m.thuiszitters_uit for m in t.maanden])])

    def afdrukken(self) -> PdfPreviewDialog:
        jaar, services = self.schooljaar, self.services
        label = schooljaar_label(jaar) if jaar is not None else ""
        dialog = PdfPreviewDialog(self, f"Jaaroverzicht {label}", lambda: services.overzichten.jaaroverzicht_pdf(jaar),
                                  f"Jaaroverzicht {label} {format_date(date.today())}.pdf",
                                  services=services)
        dialog.exec()
        return dialog
