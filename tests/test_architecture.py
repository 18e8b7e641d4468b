"""The layering of ARCHITECTURE.md, enforced by reading every module's imports with `ast`.

    ui/ and cli/  →  services/  →  db/, pdf/, importers/  →  domain/

Only ui/ (and app.py, lazily) imports PySide6; only db/ and services/ import peewee, playhouse or
sqlcipher3; only pdf/ imports reportlab. Imports inside functions and under `if TYPE_CHECKING:` count
like any other, except that app.py may import Qt (and ui/) inside a function.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

import thuiszit_desktop

PACKAGE = "thuiszit_desktop"
ROOT = Path(thuiszit_desktop.__file__).resolve().parent


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, e.g. "thuiszit_desktop.services.session"
    path: Path
    line: int
    target: str  # absolute name of what is imported, e.g. "thuiszit_desktop.db.connection" or "peewee"
    top_level: bool  # at module level (also inside if/try at module level), not inside a def/class body

    def __str__(self) -> str:
        return f"{self.path.relative_to(ROOT.parent)}:{self.line}: {self.target}"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(module: str, is_package: bool, level: int, name: str | None) -> str:
    """The absolute module of a (possibly relative) `from … import`."""
    if level == 0:
        return name or ""
    base = module.split(".")
    if not is_package:
        base.pop()
    if level > 1:
        base = base[: len(base) - (level - 1)]
    return ".".join([*base, name] if name else base)


class _Visitor(ast.NodeVisitor):
    def __init__(self, module: str, path: Path):
        self.module = module
        self.path = path
        self.is_package = path.name == "__init__.py"
        self.depth = 0
        self.found: list[Import] = []

    def _nested(self, node: ast.AST) -> None:
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = _nested

    def _add(self, node: ast.stmt, target: str) -> None:
        self.found.append(Import(self.module, self.path, node.lineno, target, self.depth == 0))

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(node, alias.name)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        base = _resolve(self.module, self.is_package, node.level, node.module)
        self._add(node, base)
        if base.startswith(PACKAGE):
            # `from . import session` imports the submodule thuiszit_desktop.services.session
            for alias in node.names:
                if alias.name != "*":
                    self._add(node, f"{base}.{alias.name}")


def all_imports() -> list[Import]:
    found: list[Import] = []
    for path in sorted(ROOT.rglob("*.py")):
        visitor = _Visitor(module_name(path), path)
        visitor.visit(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        found.extend(visitor.found)
    return found


IMPORTS = all_imports()


def layer(module: str) -> str:
    """"ui", "services", "db", … for a module of the package; "app"/"cli"/"paths" for the top files;
    the top-level distribution name ("peewee", "PySide6") for anything else."""
    parts = module.split(".")
    if parts[0] != PACKAGE:
        return parts[0]
    return parts[1] if len(parts) > 1 else PACKAGE


def violations(source_layers: set[str] | None, forbidden: set[str], *,
               exempt: set[str] = frozenset(), allow_lazy_in: set[str] = frozenset()) -> list[str]:
    """Imports from modules in `source_layers` (None: every module except `exempt`) of `forbidden` layers.
    Layers in `allow_lazy_in` may do it inside a function."""
    uit = []
    for imp in IMPORTS:
        bron = layer(imp.module)
        if source_layers is not None and bron not in source_layers:
            continue
        if bron in exempt or layer(imp.target) not in forbidden:
            continue
        if bron in allow_lazy_in and not imp.top_level:
            continue
        uit.append(str(imp))
    return uit


QT = {"PySide6", "shiboken6", "PyQt5", "PyQt6", "PySide2"}
DATABASE = {"peewee", "playhouse", "sqlcipher3", "sqlite3", "pysqlcipher3"}
OTHER_LAYERS = {"app", "cli", "ui", "services", "db", "pdf", "importers"}

RULES = {
    # third-party libraries that belong to one floor
    "only ui/ imports Qt (app.py inside a function)":
        dict(source_layers=None, forbidden=QT, exempt={"ui"}, allow_lazy_in={"app"}),
    "only db/ and services/ import peewee, playhouse or sqlcipher3":
        dict(source_layers=None, forbidden=DATABASE, exempt={"db", "services"}),
    "only pdf/ imports reportlab":
        dict(source_layers=None, forbidden={"reportlab"}, exempt={"pdf"}),
    # imports only go down
    "domain/ is pure: nothing from the other floors":
        dict(source_layers={"domain"}, forbidden=OTHER_LAYERS),
    "importers/ turn files into domain rows: no db, services, ui or cli":
        dict(source_layers={"importers"}, forbidden={"db", "services", "ui", "cli", "app"}),
    "pdf/ is dataclass in, bytes out: no db, services, ui or cli":
        dict(source_layers={"pdf"}, forbidden={"db", "services", "ui", "cli", "app"}),
    "services/ know nothing of ui or cli":
        dict(source_layers={"services"}, forbidden={"ui", "cli", "app"}),
    "db/ knows nothing of services, ui, cli or importers":
        dict(source_layers={"db"}, forbidden={"services", "ui", "cli", "app", "importers", "pdf"}),
    "ui/ and cli reach the database only through services/":
        dict(source_layers={"ui", "cli"}, forbidden={"db"}),
    "app.py loads the GUI lazily, so the command line starts without Qt":
        dict(source_layers={"app"}, forbidden={"ui"}, allow_lazy_in={"app"}),
}


@pytest.mark.parametrize("rule", list(RULES))
def test_layering(rule):
    found = violations(**RULES[rule])
    assert not found, f"{rule}:\n" + "\n".join(found)


# --- the walker itself, so the rules cannot pass by finding nothing ---------------------------------

def test_every_module_is_read():
    modules = {imp.module for imp in IMPORTS}
    for expected in ("thuiszit_desktop.app", "thuiszit_desktop.cli", "thuiszit_desktop.services.session",
                     "thuiszit_desktop.db.connection", "thuiszit_desktop.domain.leerling"):
        assert expected in modules


def test_relative_imports_are_resolved():
    targets = {(imp.module, imp.target) for imp in IMPORTS}
    assert ("thuiszit_desktop.services.session", "thuiszit_desktop.db.connection") in targets
    assert ("thuiszit_desktop.db.connection", "thuiszit_desktop.db.migrations") in targets  # from . import
    assert ("thuiszit_desktop.services.context", "thuiszit_desktop.domain.errors") in targets
    assert ("thuiszit_desktop.db.connection", "peewee") in targets
    assert ("thuiszit_desktop.db.connection", "playhouse.sqlcipher_ext") in targets


@pytest.mark.parametrize("module, is_package, level, name, expected", [
    ("thuiszit_desktop.services.session", False, 1, "context", "thuiszit_desktop.services.context"),
    ("thuiszit_desktop.services.session", False, 2, "db", "thuiszit_desktop.db"),
    ("thuiszit_desktop.services.session", False, 2, None, "thuiszit_desktop"),
    ("thuiszit_desktop.ui", True, 1, "worker", "thuiszit_desktop.ui.worker"),
    ("thuiszit_desktop.ui", True, 2, "domain.errors", "thuiszit_desktop.domain.errors"),
    ("thuiszit_desktop.app", False, 0, "peewee", "peewee"),
])
def test_resolve(module, is_package, level, name, expected):
    assert _resolve(module, is_package, level, name) == expected


def test_a_violation_is_found(monkeypatch):
    """A domain module that imports peewee and the services is caught, with file and line."""
    path = ROOT / "domain" / "kapot.py"
    visitor = _Visitor(module_name(path), path)
    visitor.visit(ast.parse("import peewee\n\ndef f():\n    from ..services import session\n"))
    monkeypatch.setattr(sys.modules[__name__], "IMPORTS", visitor.found)
    assert violations(**RULES["domain/ is pure: nothing from the other floors"]) == [
        "thuiszit_desktop/domain/kapot.py:4: thuiszit_desktop.services",
        "thuiszit_desktop/domain/kapot.py:4: thuiszit_desktop.services.session",
    ]
    assert violations(**RULES["only db/ and services/ import peewee, playhouse or sqlcipher3"]) == [
        "thuiszit_desktop/domain/kapot.py:1: peewee"]


# --- and what it is for: the command line runs without loading Qt -----------------------------------

def test_the_command_line_and_the_lower_floors_load_without_qt():
    modules = sorted(m for m in {imp.module for imp in IMPORTS}
                     if layer(m) in {"app", "cli", "paths", "services", "db", "domain", "importers"})
    code = (f"import importlib, sys\nfor m in {modules!r}:\n    importlib.import_module(m)\n"
            "print(sorted({n.split('.')[0] for n in sys.modules} & {'PySide6', 'shiboken6'}))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
