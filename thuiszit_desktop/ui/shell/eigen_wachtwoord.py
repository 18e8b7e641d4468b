"""After a login on the school database with the one-time password a zorgcoördinator or the ICT handed over
(`server overzetten`, issue 18): the user chooses their own password before any window opens."""

from __future__ import annotations

from ...services import session
from ...services.lezersoverzicht import Lezersessie
from ...services.session import Services

EIGEN_WACHTWOORD = ("Kies uw eigen wachtwoord. Het tijdelijke wachtwoord van de ICT of de zorgcoördinator werkt "
                    "daarna niet meer.")


def kiezen(services: Services | Lezersessie, eenmalig: str) -> bool:
    """On the server, after a login with the one-time password handed over after `server overzetten`: the user
    chooses their own before anything opens (session.eigen_wachtwoord_nodig). False when they cancelled."""
    from PySide6.QtWidgets import QDialog

    if not session.eigen_wachtwoord_nodig(services):
        return True
    wijzigen = (services.wachtwoord_wijzigen if isinstance(services, Lezersessie)
                else services.gebruikers.wachtwoord_wijzigen)
    dialog = dialoog(services.gebruiker.naam, lambda nieuw, herhaling: wijzigen(eenmalig, nieuw, herhaling))
    return dialog.exec() == QDialog.DialogCode.Accepted


def dialoog(naam: str, zetten):
    """The new password twice (the same rules as everywhere: `zetten` checks them), with why it is asked."""
    from ...domain.gebruiker import MIN_WACHTWOORD
    from ..beheer.gebruikers_dialog import NieuwWachtwoordDialog

    uitleg = (f"{EIGEN_WACHTWOORD}\n\nU bent ingelogd als {naam}. Uw wachtwoord heeft minstens {MIN_WACHTWOORD} "
              "tekens, met letters én cijfers of leestekens.")
    return NieuwWachtwoordDialog("Eigen wachtwoord kiezen", uitleg, zetten)
