"""The one-way flow, enforced: CSV -> etl/ -> warehouse -> etl/publish -> snapshot -> db/read -> ui/ -> pages/.

Each package may import only the layers below it; ``python -m etl`` runs
without Streamlit; viewers' pages render without the statistics stack; the
tests share helpers through ``tests/helpers.py`` only.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# package -> packages of ours it must never import
FORBIDDEN = {
    "core": {"db", "etl", "geo", "ui", "pages", "bench", "tests"},
    "geo": {"db", "etl", "ui", "pages", "bench", "tests"},
    "db": {"etl", "geo", "ui", "pages", "bench", "tests"},
    "etl": {"ui", "pages", "tests"},
    "ui": {"etl", "pages", "bench", "tests"},
    "bench": {"tests"},
}


def imported_packages(path: Path) -> set[str]:
    """The top-level names a module imports, wherever in the module the import sits."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_each_layer_imports_only_the_layers_below_it(package):
    found = {
        str(path.relative_to(ROOT)): sorted(imported_packages(path) & FORBIDDEN[package])
        for path in (ROOT / package).rglob("*.py")
    }
    assert {module: names for module, names in found.items() if names} == {}


VIEWER_PAGES = ["pages/overview.py", "pages/hotspots.py", "pages/coverage.py", "pages/pilots.py", "pages/methods.py"]


@pytest.mark.slow
def test_viewer_pages_render_without_the_statistics_stack(demo_db):
    """A viewer's first page after a server start imports no esda, libpysal, scipy or mapclassify."""
    script = f"""
import os, sys
from streamlit.testing.v1 import AppTest
os.environ["SAFESPACE_DB"] = {str(demo_db)!r}
for page in {VIEWER_PAGES!r}:
    app = AppTest.from_file({str(ROOT / "dashboard.py")!r}, default_timeout=60)
    app.run()
    app.switch_page(page).run()
    assert not app.exception and not app.error, page
print(sorted(m for m in ("esda", "libpysal", "scipy", "mapclassify", "sklearn") if m in sys.modules))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.slow
def test_the_command_line_runs_without_streamlit():
    """``python -m etl`` imports its whole command line (every subcommand's parser) without Streamlit."""
    code = "import sys, etl.cli; print('streamlit' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "False"


def imported_modules(path: Path) -> set[str]:
    """The full dotted names a module imports (``from a.b import c`` gives ``a.b``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_test_modules_share_only_the_helpers_module():
    """No test module imports another test module or conftest: shared code lives in tests/helpers.py (and the
    database templates behind conftest's fixtures in tests/templates.py, which only conftest imports)."""
    allowed = {"conftest.py": {"tests.helpers", "tests.templates"}}
    found = {
        path.name: sorted(
            m
            for m in imported_modules(path)
            if m.startswith("tests") and m not in allowed.get(path.name, {"tests.helpers"})
        )
        for path in sorted((ROOT / "tests").glob("*.py"))
    }
    assert {name: modules for name, modules in found.items() if modules} == {}


def test_conftest_defines_only_fixtures():
    """conftest.py's functions are all fixtures or pytest hooks (helpers belong in tests/helpers.py)."""
    tree = ast.parse((ROOT / "tests" / "conftest.py").read_text(encoding="utf-8"))

    def is_fixture(node: ast.FunctionDef) -> bool:
        return any("fixture" in ast.unparse(decorator) for decorator in node.decorator_list)

    functions = [node for node in tree.body if isinstance(node, ast.FunctionDef)]
    assert functions and [f.name for f in functions if not (is_fixture(f) or f.name.startswith("pytest_"))] == []
