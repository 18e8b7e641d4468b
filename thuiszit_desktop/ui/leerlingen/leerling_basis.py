"""What the main window needs of a student's page without building (or importing) it: the tab names, who notes
a contactmoment, and the quick contactmoment dialog. The page itself (`leerling_page`) is most of the window's
code; it is imported and built the first time a student is opened."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ...domain.gebruiker import Rol
from ...services.session import Services

TAB_VERZUIM, TAB_GEGEVENS = "Verzuim en signalen", "Gegevens en ouders"
TAB_TRAJECT, TAB_TIJDLIJN = "Traject", "Tijdlijn"
CONTACTMOMENT_SHORTCUT = "Ctrl+N"


def kan_contactmoment(services: Services) -> bool:
    """Mentors and the zorgcoördinator note contactmomenten; a read-only user does not."""
    return services.gebruiker.rol in (Rol.ZORGCOORDINATOR, Rol.MENTOR)


def contactmoment_vastleggen(services: Services, leerlingnummer: str, parent: QWidget | None) -> bool:
    """The quick contactmoment dialog for one student; True when saved (tests replace this)."""
    from ..traject.gesprek_dialog import ContactmomentDialog

    dialog = ContactmomentDialog(services, leerlingnummer, parent)
    return bool(dialog.exec()) and dialog.saved is not None
