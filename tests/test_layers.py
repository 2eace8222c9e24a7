"""The one-way flow, enforced: CSV -> etl/ -> warehouse -> etl/publish -> snapshot -> db/read -> ui/ -> pages/.

Each package may import only the layers below it; viewers' pages render
without the statistics stack.
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
