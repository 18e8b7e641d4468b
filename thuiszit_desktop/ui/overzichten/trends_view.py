"""The "Trends" tab of Overzichten: a school year month by month – students per level, signals,
thuiszitters in and out – as charts, and the jaaroverzicht as a PDF.

The whole school's signal rules run once per month end, so the figures are computed off the GUI
thread (a few seconds for a large school).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...domain.kalender import schooljaar_label
from ...domain.signalen import SignaalSoort
from ...domain.trends import Trends
from ...services.session import Services
from ..common import errors
from ..common.pdf_preview import PdfPreviewDialog
from ..common.widgets import format_date, hint
from ..common.worker import Job, start
from .charts import SIGNAAL_KLEUREN, Grafiek, Reeks, in_kleur, niveau_kleur, uit_kleur

SIGNAAL_NAAM = {
    SignaalSoort.MELDPLICHT_16U: "16 uur",
    SignaalSoort.THUISZITTER: "Thuiszitter",
    SignaalSoort.THUISZITTER_3MND: "> 3 mnd",
    SignaalSoort.LANGDURIG_AFWEZIG: "Langdurig afwezig",
    SignaalSoort.MAZL: "M@zl",
    SignaalSoort.LUXE_VERZUIM: "Luxe verzuim",
    SignaalSoort.ABSOLUUT_VERZUIM: "Absoluut",
}


class Lader(QObject):
    """One service call at a time off the GUI thread (the Overzichten tabs share this).

    `start(fn)` while busy runs the newest `fn` once more afterwards; `wait()` blocks until the thread
    has let go of the database (before it is closed).
    """

    klaar = Signal(object)
    mislukt = Signal(str)

    def __init__(self, services: Services, parent: QObject | None = None):
        super().__init__(parent)
        self.services = services
        self._job: Job | None = None
        self._volgende: Callable[[], object] | None = None
        self._idle = threading.Event()
        self._idle.set()

    @property
    def bezig(self) -> bool:
        return self._job is not None

    def start(self, fn: Callable[[], object]) -> None:
        if self._job is not None:
            self._volgende = fn
            return
        services, idle = self.services, threading.Event()
        self._idle = idle

        def einde() -> None:
            try:
                services.end_thread()
            finally:
                idle.set()

        self._job = Job(lambda _p: fn(), on_thread_end=einde)
        self._job.signals.finished.connect(self._klaar)
        self._job.signals.failed.connect(self._mislukt)
        self._job.signals.crashed.connect(self._gecrasht)
        start(self._job)

    def wait(self, timeout: float | None = None) -> bool:
        return self._idle.wait(timeout)

    def _door(self) -> bool:
        """The job ended; False when a newer call was asked meanwhile (started now instead)."""
        self._job = None
        if self._volgende is not None:
            fn, self._volgende = self._volgende, None
            self.start(fn)
            return False
        return True

    def _klaar(self, resultaat: object) -> None:
        if self._door():
            self.klaar.emit(resultaat)

    def _mislukt(self, melding: str) -> None:
        if self._door():
            self.mislukt.emit(melding)

    def _gecrasht(self, exc: BaseException) -> None:
        if self._door():
            self.mislukt.emit("Het overzicht kon niet worden gemaakt.")
        errors.report(exc)


class TrendsView(QWidget):
    loaded = Signal(object)  # Trends
    failed = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.trends: Trends | None = None
        self.lader = Lader(services, self)
        self.lader.klaar.connect(self._klaar)
        self.lader.mislukt.connect(self._mislukt)

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
        if self.trends is None and not self.lader.bezig:
            self.laad()

    def laad(self) -> None:
        """Compute the chosen school year in the background; emits `loaded` or `failed`."""
        jaar, services = self.schooljaar, self.services
        self.status.setText("De trends worden berekend…")
        self.lader.start(lambda: services.overzichten.trends(jaar))

    def wait(self, timeout: float | None = None) -> bool:
        return self.lader.wait(timeout)

    def _klaar(self, trends: Trends) -> None:
        self.toon(trends)
        self.loaded.emit(trends)

    def _mislukt(self, melding: str) -> None:
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
                                  on_thread_end=services.end_thread)
        dialog.exec()
        return dialog
