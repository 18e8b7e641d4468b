"""Role rules in one place: services/toegang.py. Its REGELS say who may call each service method (the real
calls per role are in test_rollen.py); nothing else in services/ names roles for an action."""

import ast
from pathlib import Path

import pytest

from thuiszit_desktop.domain.gebruiker import Rol
from thuiszit_desktop.services import toegang

SERVICES = Path(toegang.__file__).parent

REGELS = [(dienst, methode, r) for dienst, methoden in toegang.REGELS.items() for methode, r in methoden.items()]


@pytest.mark.parametrize("dienst, methode, regel", REGELS, ids=[f"{d}.{m}" for d, m, _ in REGELS])
def test_every_rule_names_roles_and_a_known_student_key(dienst, methode, regel):
    assert regel.rollen and set(regel.rollen) <= set(Rol)
    assert Rol.ZORGCOORDINATOR in regel.rollen  # the zorgcoördinator may do everything
    assert regel.leerling is None or regel.leerling in toegang.SLEUTELS


def test_the_rule_of_a_method_without_one_is_zorgcoordinator_only():
    assert toegang.regel("nieuw", "iets").rollen == toegang.ZORG


def _services_modules():
    return sorted(p for p in SERVICES.rglob("*.py") if p.name != "toegang.py")


def test_an_action_names_no_roles():
    """`ctx.action()` opens the transaction; the roles were checked by toegang before the method ran."""
    met_rollen = []
    for pad in _services_modules():
        for node in ast.walk(ast.parse(pad.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "action"
                    and any("Rol" in ast.unparse(a) or ast.unparse(a).isupper() for a in node.args)):
                met_rollen.append(f"{pad.name}:{node.lineno}: {ast.unparse(node)}")
    assert met_rollen == []


def test_role_groups_are_defined_once():
    """ZORG, TEAM and ALLEN live in toegang.py only; other modules import them."""
    elders = []
    for pad in _services_modules():
        for node in ast.parse(pad.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and "Rol." in ast.unparse(node.value) and isinstance(node.value, ast.Tuple):
                elders.append(f"{pad.name}:{node.lineno}: {ast.unparse(node)}")
    assert elders == []


def _leerling_lezingen(monkeypatch) -> list[str]:
    """Every read of a student row by number (leerlingnummers.zoek's query), by the number asked for."""
    from thuiszit_desktop.services import leerlingnummers

    gelezen: list[str] = []
    echt = leerlingnummers._met_nummer

    def met_nummer(nummer: str):
        gelezen.append(nummer)
        return echt(nummer)

    monkeypatch.setattr(leerlingnummers, "_met_nummer", met_nummer)
    return gelezen


def _leerling(services, nummer: str, klas: str) -> None:
    from datetime import date

    from thuiszit_desktop.domain.leerling import Leerling

    services.leerlingen.opslaan(Leerling(nummer, "Bakker", date(2012, 5, 3), date(2024, 8, 1), voornaam="Zoë",
                                         klas=klas), vandaag=date(2026, 11, 23))


def test_one_service_call_reads_its_student_once(services, monkeypatch):
    """The role check, the audit entry and the method itself ask for the same student: read once per call."""
    _leerling(services, "1001", "2B")
    gelezen = _leerling_lezingen(monkeypatch)
    assert services.leerlingen.get("1001").leerlingnummer == "1001"
    assert gelezen == ["1001"]
    services.verzuim.meldingen("1001")
    assert gelezen == ["1001", "1001"]  # the next call reads again: the student may have changed meanwhile


def test_a_mentor_is_still_refused_another_klas_with_the_student_read_once(services, monkeypatch):
    from dataclasses import replace

    from thuiszit_desktop.domain.errors import GeenToegang

    _leerling(services, "1001", "2B")
    _leerling(services, "1002", "3H")
    services.ctx.gebruiker = replace(services.ctx.gebruiker, rol=Rol.MENTOR, klassen=("2B",))
    gelezen = _leerling_lezingen(monkeypatch)
    assert services.verzuim.dagen("1001", *_jaar()) == []
    assert gelezen == ["1001"]
    with pytest.raises(GeenToegang):
        services.verzuim.dagen("1002", *_jaar())


def _jaar():
    from datetime import date

    return date(2026, 8, 1), date(2027, 7, 31)


def test_within_a_call_a_write_makes_the_student_read_again(services):
    """What a call wrote may have changed the student (their number, their klas): the next lookup reads again."""
    from thuiszit_desktop.db import models as m
    from thuiszit_desktop.services import leerlingnummers

    _leerling(services, "1001", "2B")
    with services.ctx.action(naam="test"), leerlingnummers.onthouden(services.ctx.store.wijzigingen):
        assert leerlingnummers.zoek("1001").klas == "2B"
        m.Leerling.update(klas="3H").where(m.Leerling.leerlingnummer == "1001").execute()
        assert leerlingnummers.zoek("1001").klas == "3H"
        m.Leerling.update(leerlingnummer="2001").where(m.Leerling.leerlingnummer == "1001").execute()
        assert leerlingnummers.zoek("1001") is None
    assert leerlingnummers.zoek("2001").klas == "3H"  # outside a call: read as always
