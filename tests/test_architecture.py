"""The layering of ARCHITECTURE.md, enforced by reading every module's imports with `ast`.

    ui/, cli/ and demo/  →  services/  →  db/, pdf/, importers/  →  domain/

Only ui/ (and app.py, lazily) imports PySide6; only db/ and services/ import peewee, playhouse or
sqlcipher3; only pdf/ imports reportlab. Imports inside functions and under `if TYPE_CHECKING:` count
like any other, except that app.py may import Qt (and ui/) inside a function.

Beyond the floors: domain/ imports nothing of the project but domain/, ui/models holds no widgets, and no
modules import each other (directly or around a ring; KNOWN_CYCLES lists today's, each until it is taken apart).
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
    """"ui", "services", "db", "cli", … for a module of the package; "app"/"paths"/"argparse_nl" for the top files;
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
OTHER_LAYERS = {"app", "cli", "ui", "demo", "services", "db", "pdf", "importers"}

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
        dict(source_layers={"importers"}, forbidden={"db", "services", "ui", "cli", "app", "demo"}),
    "pdf/ is dataclass in, bytes out: no db, services, ui or cli":
        dict(source_layers={"pdf"}, forbidden={"db", "services", "ui", "cli", "app", "demo"}),
    "services/ know nothing of ui, cli or the demo":
        dict(source_layers={"services"}, forbidden={"ui", "cli", "app", "demo"}),
    "db/ knows nothing of services, ui, cli or importers":
        dict(source_layers={"db"}, forbidden={"services", "ui", "cli", "app", "importers", "pdf", "demo"}),
    "demo/ sits beside ui/ and cli: it builds the demo school through services/, never through a screen":
        dict(source_layers={"demo"}, forbidden={"ui", "cli", "app", "importers", "pdf"}),
    "ui/ and cli reach the database, the PDFs and the imports only through services/":
        dict(source_layers={"ui", "cli"}, forbidden={"db", "pdf", "importers"}),
    "app.py loads the GUI lazily, so the command line starts without Qt":
        dict(source_layers={"app"}, forbidden={"ui"}, allow_lazy_in={"app"}),
}


@pytest.mark.parametrize("rule", list(RULES))
def test_layering(rule):
    found = violations(**RULES[rule])
    assert not found, f"{rule}:\n" + "\n".join(found)


def outside_domain(imports: list[Import]) -> list[str]:
    """Imports from domain/ of any project module outside domain/."""
    return [str(imp) for imp in imports if layer(imp.module) == "domain"
            and (imp.target == PACKAGE or imp.target.startswith(f"{PACKAGE}.")) and layer(imp.target) != "domain"]


def test_domain_imports_nothing_of_the_project_but_domain():
    """domain/ is the vocabulary every floor shares, so it stands alone: not even paths.py or argparse_nl."""
    found = outside_domain(IMPORTS)
    assert not found, "\n".join(found)


MODELS = f"{PACKAGE}.ui.models"
# What a table model may take from QtWidgets: the application object (for its palette), never a widget.
MODEL_QT_WIDGETS = {"QApplication"}
# ui/models imports from ui/ only ui/models and ui/common; what is listed here is a known exception.
MODEL_UI_IMPORTS_ALLOWED: set[tuple[str, str]] = set()


def widget_imports(path: Path) -> list[str]:
    """Names a module imports from PySide6.QtWidgets (the module itself for a plain `import`)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "PySide6.QtWidgets":
            found += [f"{path.name}:{node.lineno}: {alias.name}" for alias in node.names
                      if alias.name not in MODEL_QT_WIDGETS]
        elif isinstance(node, ast.Import):
            found += [f"{path.name}:{node.lineno}: {alias.name}" for alias in node.names
                      if alias.name.startswith("PySide6.QtWidgets")]
    return found


def test_ui_models_hold_no_widgets():
    """A table model is data for a view, testable without one: no QWidget, QDialog … and no view module."""
    paths = sorted((ROOT / "ui" / "models").glob("*.py"))
    assert paths
    found = [w for path in paths for w in widget_imports(path)]
    for imp in IMPORTS:
        if not imp.module.startswith(MODELS) or not imp.target.startswith(f"{PACKAGE}.ui."):
            continue
        if any(imp.target == ok or imp.target.startswith(f"{ok}.") for ok in (MODELS, f"{PACKAGE}.ui.common")):
            continue
        if not any(imp.module == bron and imp.target.startswith(doel) for bron, doel in MODEL_UI_IMPORTS_ALLOWED):
            found.append(str(imp))
    assert not found, "\n".join(found)


def import_graph(imports: list[Import]) -> dict[str, set[str]]:
    """Module → the project modules it imports, also inside functions: a lazy import that works around a
    cycle is still a cycle in the design. Not a module's own packages (`from . import sibling` names the
    package): Python initialises them before the module anyway, and a package's __init__ imports its parts."""
    modules = {imp.module for imp in imports}
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for imp in imports:
        if imp.target in modules and imp.target != imp.module and not imp.module.startswith(f"{imp.target}."):
            graph[imp.module].add(imp.target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """The groups of modules that import each other, directly or around a ring (strongly connected
    components of more than one module, Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[frozenset[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = {stack.pop()}
            while v not in group:
                group.add(stack.pop())
            if len(group) > 1:
                found.append(frozenset(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


# Cycles that exist today, each with who takes it apart; an entry goes when its cycle does.
KNOWN_CYCLES: set[frozenset[str]] = set()


def test_no_import_cycles_between_modules():
    found = set(cycles(import_graph(IMPORTS)))
    new = ["  " + " ↔ ".join(sorted(group)) for group in found - KNOWN_CYCLES]
    gone = ["  " + " ↔ ".join(sorted(group)) for group in KNOWN_CYCLES - found]
    assert not new, "modules that import each other:\n" + "\n".join(new)
    assert not gone, "no longer a cycle, take it off KNOWN_CYCLES:\n" + "\n".join(gone)


def test_the_demo_reaches_the_database_through_services():
    found = [str(imp) for imp in IMPORTS if layer(imp.module) == "demo" and layer(imp.target) in ("db", *DATABASE)]
    assert not found, "\n".join(found)


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


def test_a_domain_module_importing_paths_is_found():
    path = ROOT / "domain" / "kapot.py"
    visitor = _Visitor(module_name(path), path)
    visitor.visit(ast.parse("from .. import paths\nfrom .leerling import Leerling\n"))
    assert outside_domain(visitor.found) == ["thuiszit_desktop/domain/kapot.py:1: thuiszit_desktop",
                                             "thuiszit_desktop/domain/kapot.py:1: thuiszit_desktop.paths"]


def test_a_cycle_is_found():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": {"e"}}
    assert cycles(graph) == [frozenset({"a", "b", "c"})]


def test_a_widget_in_a_model_is_found(tmp_path):
    path = tmp_path / "kapot_model.py"
    path.write_text("from PySide6.QtWidgets import QApplication, QWidget\nimport PySide6.QtWidgets\n")
    assert widget_imports(path) == ["kapot_model.py:1: QWidget", "kapot_model.py:2: PySide6.QtWidgets"]


# --- and what it is for: the command line runs without loading Qt -----------------------------------

def test_the_command_line_and_the_lower_floors_load_without_qt():
    modules = sorted(m for m in {imp.module for imp in IMPORTS}
                     if layer(m) in {"app", "cli", "paths", "services", "db", "domain", "importers"})
    code = (f"import importlib, sys\nfor m in {modules!r}:\n    importlib.import_module(m)\n"
            "print(sorted({n.split('.')[0] for n in sys.modules} & {'PySide6', 'shiboken6'}))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
