"""Your name and function on paper, and how people reach you (Bestand › Mijn gegevens…); the
zorgcoördinator also edits a colleague's from Bestand › Gebruikers. The plan van aanpak is signed for the
school with this name and function, and a casusregisseur is reached with this phone number or e-mail."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from ...domain.gebruiker import Profiel
from ...services.session import Services
from ..common.form import FormDialog
from ..common.widgets import hint


class ProfielDialog(FormDialog):
    """`gebruiker_id` None: your own; `naam` is the login name shown in the title for someone else's."""

    def __init__(self, services: Services, gebruiker_id: int | None = None, naam: str = "",
                 parent: QWidget | None = None):
        eigen = gebruiker_id is None or gebruiker_id == services.gebruiker.id
        super().__init__("Mijn gegevens" if eigen else f"Gegevens van {naam}", parent, save_text="OK")
        self.services, self.gebruiker_id = services, gebruiker_id
        self.resultaat: Profiel | None = None
        p = services.profielen.get(gebruiker_id)
        self.volledige_naam = QLineEdit(p.volledige_naam)
        self.volledige_naam.setPlaceholderText("bijvoorbeeld Anna de Vries")
        self.functie = QLineEdit(p.functie)
        self.functie.setPlaceholderText("bijvoorbeeld zorgcoördinator")
        self.telefoon = QLineEdit(p.telefoon)
        self.telefoon.setPlaceholderText("bijvoorbeeld 030-1234567")
        self.email = QLineEdit(p.email)
        self.email.setPlaceholderText("naam@school.nl")
        self.field("&Volledige naam", "volledige_naam", self.volledige_naam)
        self.field("&Functie", "functie", self.functie)
        self.field("&Telefoon", "telefoon", self.telefoon)
        self.field("&E-mail", "email", self.email)
        wie = "U tekent" if eigen else f"{naam} tekent"
        self.add_above(hint(f"{wie} het plan van aanpak namens de school met deze naam en functie. Ouders en partners "
                            "bereiken de casusregisseur met dit telefoonnummer of e-mailadres."))
        self.finish(460)

    def _do_save(self) -> None:
        self.resultaat = self.services.profielen.opslaan(
            Profiel(self.volledige_naam.text(), self.functie.text(), self.telefoon.text(), self.email.text()),
            self.gebruiker_id)
