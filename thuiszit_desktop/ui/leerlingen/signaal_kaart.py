"""One signal on a student's Verzuim tab: what it is, why it fired, its dates, what was done, and the buttons
to register the melding or M@zl-actie it asks for and to mark it besproken."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...domain.afhandeling import MELDING_VOOR, Afhandeling
from ...domain.signalen import Signaal, SignaalSoort
from ...domain.uitleg import signaal_regel, signaal_waarom
from ...services.signalen import Bespreking
from ..common import theme
from ..common.blocks import text_label as _label
from ..common.widgets import format_date


class SignaalKaart(QFrame):
    """One signal: what it is, why it fired (its uitleg), the dates, and whether it was discussed."""

    bespreken = Signal(object)  # the Signaal
    actie = Signal(object)  # the Signaal: register the melding or M@zl-actie it asks for

    def __init__(self, signaal: Signaal, bespreking: Bespreking | None, *, vandaag: date,
                 can_edit: bool, can_bespreken: bool, afhandeling: Afhandeling | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.signaal = signaal
        self.setObjectName("signaalkaart")
        ernstig = signaal.soort in (SignaalSoort.MELDPLICHT_16U, SignaalSoort.THUISZITTER,
                                    SignaalSoort.THUISZITTER_3MND, SignaalSoort.ABSOLUUT_VERZUIM)
        kleur = "{danger}" if ernstig else "{warning}"
        theme.style(self, "QFrame#signaalkaart {{ border: 1px solid {border}; border-left: 4px solid " + kleur
                    + "; border-radius: 3px; background: palette(base); }}")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 8, 6)
        tekst = QVBoxLayout()
        tekst.setSpacing(2)
        self.titel = _label(signaal.soort.label, bold=True)
        tekst.addWidget(self.titel)
        self.uitleg = _label(signaal_waarom(signaal))  # the numbers that made it fire
        tekst.addWidget(self.uitleg)
        self.regel = _label(f"Regel: {signaal_regel(signaal.soort)}", muted=True)  # the rule, in plain Dutch
        tekst.addWidget(self.regel)
        datums = [f"sinds {format_date(signaal.sinds)}", f"ontstaan op {format_date(signaal.datum)}"]
        if signaal.uiterlijk is not None:
            datums.append(f"melden uiterlijk {format_date(signaal.uiterlijk)}")
        if bespreking is None and (afhandeling is None or afhandeling.mdo is None):
            datums.append("nog niet besproken")
        meta = " · ".join(datums)
        self.datums = _label(meta[:1].upper() + meta[1:], muted=True)
        tekst.addWidget(self.datums)
        self.te_laat: QLabel | None = None
        if signaal.uiterlijk is not None and signaal.uiterlijk < vandaag:
            self.te_laat = _label(f"De meldtermijn is voorbij ({format_date(signaal.uiterlijk)}). Meld zo snel "
                                  "mogelijk bij DUO en registreer de melding hier.")
            theme.style(self.te_laat, "color: {danger};")
            tekst.addWidget(self.te_laat)
        if bespreking is not None:
            besproken = f"✓ Besproken op {format_date(bespreking.op)}"
            if bespreking.door:
                besproken += f" door {bespreking.door}"
            if bespreking.notitie:
                besproken += f": {bespreking.notitie}"
        else:
            besproken = "Nog niet besproken."
        self.besproken_label = _label(besproken)
        theme.style(self.besproken_label, "color: {success};")
        self.besproken_label.setVisible(bespreking is not None)
        tekst.addWidget(self.besproken_label)
        # gemeld, in a traject, besproken in an MDO (the bespreking itself is the line above)
        gedaan = replace(afhandeling, besproken=None).zin() if afhandeling is not None else ""
        self.afhandeling_label = _label(f"✓ {gedaan}" if gedaan else "")
        theme.style(self.afhandeling_label, "color: {success};")
        self.afhandeling_label.setVisible(bool(gedaan))
        tekst.addWidget(self.afhandeling_label)
        layout.addLayout(tekst, 1)

        self.actie_button: QPushButton | None = None
        melding = MELDING_VOOR.get(signaal.soort)
        if melding is not None:
            self.actie_button = QPushButton("Melding registreren…")
            self.actie_button.setToolTip(f"Een melding '{melding.label}' bij DUO vastleggen")
        elif signaal.soort == SignaalSoort.MAZL:
            self.actie_button = QPushButton("M@zl-actie registreren…")
            self.actie_button.setToolTip("Vastleggen dat de jeugdarts is ingeschakeld")
        if self.actie_button is not None:
            self.actie_button.setEnabled(can_edit)
            self.actie_button.clicked.connect(self._actie)
            layout.addWidget(self.actie_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.besproken_button = QPushButton("Notitie aanpassen…" if bespreking is not None else "Besproken…")
        self.besproken_button.setToolTip("Vastleggen dat dit signaal is besproken, met een notitie")
        self.besproken_button.setEnabled(can_bespreken)
        self.besproken_button.clicked.connect(self._bespreken)
        layout.addWidget(self.besproken_button, 0, Qt.AlignmentFlag.AlignVCenter)

    def _actie(self) -> None:
        self.actie.emit(self.signaal)

    def _bespreken(self) -> None:
        self.bespreken.emit(self.signaal)
