"""One base for every error the user can act on: the GUI, the worker and the CLI catch GebruikersFout."""

import inspect

import pytest

from thuiszit_desktop.domain import errors
from thuiszit_desktop.domain.errors import GebruikersFout

FOUTEN = [c for _, c in inspect.getmembers(errors, inspect.isclass)
          if issubclass(c, Exception) and c is not GebruikersFout and c.__module__ == errors.__name__]


@pytest.mark.parametrize("fout", FOUTEN, ids=lambda c: c.__name__)
def test_every_error_of_the_domain_is_a_gebruikersfout(fout):
    assert issubclass(fout, GebruikersFout)


@pytest.mark.parametrize("fout, builtin", [(errors.InvoerFout, ValueError), (errors.NietGevonden, LookupError),
                                           (errors.InlogFout, PermissionError), (errors.GeenToegang, PermissionError),
                                           (errors.DatabaseFout, RuntimeError)])
def test_each_keeps_its_builtin_kind(fout, builtin):
    """Code that catches the builtin kind (a PermissionError, a ValueError) still catches them."""
    assert issubclass(fout, builtin)


def test_the_message_is_the_dutch_text():
    assert str(errors.InvoerFout({"naam": "Vul een naam in."})) == "Vul een naam in."
    assert str(errors.TeVeelPogingen(5, 1)).endswith("Wacht nog 1 seconde en probeer het dan opnieuw.")
