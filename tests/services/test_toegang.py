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
