"""One signal on a student's Verzuim tab: what it is, why it fired, its dates, what was done, and the buttons
to register the melding or M@zl-actie it asks for and to mark it besproken."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...domain.afhandeling import MELDING_VOOR, Afhandeling
from ...domain.signalen import Signaal, SignaalSoort
from ...domain.uitleg import signaal_regel, signaal_waarom
from ...services.signalen import Bespreking
from ..common import theme
from ..common.blocks import text_label as _label
from ..common.widgets import format_date


class SignaalKaart(QFrame):
    """One signal: what it is, why it fired (its uitleg), the dates, and whether it was discussed.

    Made once and filled again (`toon`) for the next student's signals: opening a student then changes texts
    instead of building a card of a dozen widgets per signal. It paints its own border (a red or orange bar on
    the left): a style sheet per card cost ~2 ms each time a card turned from one colour to the other."""

    bespreken = Signal(object)  # the Signaal
    actie = Signal(object)  # the Signaal: register the melding or M@zl-actie it asks for

    def __init__(self, signaal: Signaal, bespreking: Bespreking | None, *, vandaag: date,
                 can_edit: bool, can_bespreken: bool, afhandeling: Afhandeling | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("signaalkaart")
        self.ernstig = False  # the bar on the left in the danger colour (otherwise the warning colour)
        layout = QHBoxLayout(self)
        # inside the border painted in paintEvent: 4 px bar on the left, 1 px elsewhere
        layout.setContentsMargins(10 + 4, 6 + 1, 8 + 1, 6 + 1)
        tekst = QVBoxLayout()
        tekst.setSpacing(2)
        self.titel = _label("", bold=True)
        tekst.addWidget(self.titel)
        self.uitleg = _label("")  # the numbers that made it fire
        tekst.addWidget(self.uitleg)
        self.regel = _label("", muted=True)  # the rule, in plain Dutch
        tekst.addWidget(self.regel)
        self.datums = _label("", muted=True)
        tekst.addWidget(self.datums)
        self._te_laat = _label("")
        theme.style(self._te_laat, "color: {danger};")
        tekst.addWidget(self._te_laat)
        self.besproken_label = _label("")
        theme.style(self.besproken_label, "color: {success};")
        tekst.addWidget(self.besproken_label)
        # gemeld, in a traject, besproken in an MDO (the bespreking itself is the line above)
        self.afhandeling_label = _label("")
        theme.style(self.afhandeling_label, "color: {success};")
        tekst.addWidget(self.afhandeling_label)
        layout.addLayout(tekst, 1)

        self._actie_button = QPushButton()
        self._actie_button.clicked.connect(self._actie)
        layout.addWidget(self._actie_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.besproken_button = QPushButton()
        self.besproken_button.setToolTip("Vastleggen dat dit signaal is besproken, met een notitie")
        self.besproken_button.clicked.connect(self._bespreken)
        layout.addWidget(self.besproken_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.toon(signaal, bespreking, vandaag=vandaag, can_edit=can_edit, can_bespreken=can_bespreken,
                  afhandeling=afhandeling)

    def toon(self, signaal: Signaal, bespreking: Bespreking | None, *, vandaag: date, can_edit: bool,
             can_bespreken: bool, afhandeling: Afhandeling | None = None) -> None:
        """Show this signal (in place of the one shown before)."""
        self.signaal = signaal
        ernstig = signaal.soort in (SignaalSoort.MELDPLICHT_16U, SignaalSoort.THUISZITTER,
                                    SignaalSoort.THUISZITTER_3MND, SignaalSoort.ABSOLUUT_VERZUIM)
        if ernstig != self.ernstig:
            self.ernstig = ernstig
            self.update()
        self.titel.setText(signaal.soort.label)
        self.uitleg.setText(signaal_waarom(signaal))
        self.regel.setText(f"Regel: {signaal_regel(signaal.soort)}")
        datums = [f"sinds {format_date(signaal.sinds)}", f"ontstaan op {format_date(signaal.datum)}"]
        if signaal.uiterlijk is not None:
            datums.append(f"melden uiterlijk {format_date(signaal.uiterlijk)}")
        if bespreking is None and (afhandeling is None or afhandeling.mdo is None):
            datums.append("nog niet besproken")
        meta = " · ".join(datums)
        self.datums.setText(meta[:1].upper() + meta[1:])
        te_laat = signaal.uiterlijk is not None and signaal.uiterlijk < vandaag
        wie = ("Meld zo snel mogelijk bij DUO en registreer de melding hier." if can_edit else
               "De zorgcoördinator meldt bij DUO; bespreek het met hem of haar.")  # a mentor has no button here
        self._te_laat.setText(f"De meldtermijn is voorbij ({format_date(signaal.uiterlijk)}). {wie}" if te_laat
                              else "")
        self._te_laat.setVisible(te_laat)
        if bespreking is not None:
            besproken = f"✓ Besproken op {format_date(bespreking.op)}"
            if bespreking.door:
                besproken += f" door {bespreking.door}"
            if bespreking.notitie:
                besproken += f": {bespreking.notitie}"
        else:
            besproken = "Nog niet besproken."
        self.besproken_label.setText(besproken)
        self.besproken_label.setVisible(bespreking is not None)
        gedaan = replace(afhandeling, besproken=None).zin() if afhandeling is not None else ""
        self.afhandeling_label.setText(f"✓ {gedaan}" if gedaan else "")
        self.afhandeling_label.setVisible(bool(gedaan))

        melding = MELDING_VOOR.get(signaal.soort)
        if melding is not None:
            self._actie_button.setText("Melding registreren…")
            self._actie_button.setToolTip(f"Een melding '{melding.label}' bij DUO vastleggen")
        elif signaal.soort == SignaalSoort.MAZL:
            self._actie_button.setText("M@zl-actie registreren…")
            self._actie_button.setToolTip("Vastleggen dat de jeugdarts is ingeschakeld")
        self._heeft_actie = melding is not None or signaal.soort == SignaalSoort.MAZL
        self._actie_button.setVisible(self._heeft_actie and can_edit)  # a mentor: not a grey button
        self._actie_button.setEnabled(can_edit)
        self.besproken_button.setText("Notitie aanpassen…" if bespreking is not None else "Besproken…")
        self.besproken_button.setEnabled(can_bespreken)

    def paintEvent(self, event) -> None:
        """A rounded card in the base colour with a 1 px border and a 4 px bar on the left (danger or warning)."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        rand = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(QPen(theme.color("border"), 1))
        painter.setBrush(self.palette().color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(rand, 3, 3)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.color("danger" if self.ernstig else "warning"))
        pad = QPainterPath()
        pad.addRoundedRect(QRectF(self.rect()), 3, 3)
        painter.setClipPath(pad)
        painter.drawRect(QRectF(0, 0, 4, self.height()))
        painter.end()

    @property
    def te_laat(self) -> QLabel | None:
        """The warning that the meldtermijn has passed, when it has."""
        return self._te_laat if self._te_laat.text() else None

    @property
    def actie_button(self) -> QPushButton | None:
        """"Melding registreren…" or "M@zl-actie registreren…", for a signal that asks for one."""
        return self._actie_button if self._heeft_actie else None

    def _actie(self) -> None:
        self.actie.emit(self.signaal)

    def _bespreken(self) -> None:
        self.bespreken.emit(self.signaal)
