"""The session's database templates, built once for every xdist worker and kept for the next run.

``make test`` runs on two xdist workers, and the next run (``make test-fast`` while working) reuses what it
built; the demo template alone takes about twenty seconds to build and publish. A template is stored in
``.pytest_cache/templates/<name>-<key>/`` (``make clean`` removes it) under a key hashing every input that shapes it
(:func:`template_key`), so a change to any of them builds it afresh. A file
lock lets one process build while the others wait; each worker then gets a
private copy, so no test can touch the stored one. Only ``conftest.py``
uses this module.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import importlib.metadata
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

__all__ = ["HAND_CASES", "HAND_COMMUNITIES", "start_template_build", "stored_template", "template_copy", "template_key"]

ROOT = Path(__file__).resolve().parent.parent

# Cases for the read layer and the pages (the `cases` template), written by hand so every figure can be
# checked: over the 4 quarters ending 2025Q2 (2024Q3-2025Q2),
# 1001 sums to 3 + 4 + (5 + 1) + 7 = 20 (its 100 in 2024Q2 falls outside),
# 1002 has 3 and 1004 has 1 + 3 = 4 (both suppressed), 1003 a true 0, 1005
# exactly 5 (shown), 1104 (Thai Kriang pilot, Samut Prakan) is not Bangkok,
# and every other district has no rows at all.
HAND_COMMUNITIES = (
    "community_id,name_th,name_en,lat,lon,dist_code,population,households,pilot,pilot_start,location_note\n"
    "PILOT-THAI-KRIANG,ชุมชนไทยเกรียง,Thai Kriang community,13.6197744,100.53975,1104,1047,371,true,2024Q1,test\n"
)
HAND_CASES = """quarter,dist_code,subdist_code,community_id,violence_type,victim_group,cases_reported,cases_referred
2024Q2,1001,,,physical,woman,100,
2024Q3,1001,,,physical,woman,3,
2024Q4,1001,,,physical,woman,4,1
2025Q1,1001,,,physical,child,5,
2025Q1,1001,,,sexual,woman,1,
2025Q2,1001,,,psychological,woman,7,
2025Q2,1002,,,neglect,elder,3,
2025Q1,1003,,,other,unknown,0,
2024Q3,1004,,,physical,man,1,
2025Q2,1004,,,physical,man,3,
2025Q2,1005,,,physical,woman,5,
2025Q2,1104,,PILOT-THAI-KRIANG,physical,unknown,9,
"""


TEMPLATES = ROOT / ".pytest_cache" / "templates"  # `make clean` removes it
# What shapes a template: the write side's source (tests/test_layers.py keeps ui/ and pages/ out of it),
# the catalogs (the publish step writes texts of the etl domain, such as the pilot evaluation's reasons),
# this module, the locked and installed packages, the Python, the program's settings, the boundary files.
TEMPLATE_SOURCES = ("core", "db", "etl", "geo", "bench", "locale", "tests/templates.py", "requirements.lock")


def _files(path: Path) -> list[Path]:
    """The files under ``path`` (or ``path`` itself), without byte code and benchmark results."""
    if path.is_file():
        return [path]
    results = ROOT / "bench" / "results"
    return sorted(
        p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts and not p.is_relative_to(results)
    )


def template_key() -> str:
    """A hash of every input that shapes a database template: any change to one gives another key.

    The source files of ``core/ db/ etl/ geo/ bench/``, the catalogs in ``locale/``, this module and
    ``requirements.lock``, by content; the boundary
    files (``SAFESPACE_GEO_DIR``), by content; every setting of :data:`core.settings.SETTINGS` (not the test
    runner's, such as ``SAFESPACE_REQUIRE_BROWSER``);
    the Python version and every installed distribution's version.
    """
    from core import settings

    digest = hashlib.sha256()
    geo = settings.geo_dir().resolve()
    inputs = [(ROOT, f) for source in TEMPLATE_SOURCES for f in _files(ROOT / source)]
    for base, path in [*inputs, *((geo, f) for f in _files(geo))]:
        digest.update(f"{path.relative_to(base)}\0{path.stat().st_size}\0".encode())
        digest.update(path.read_bytes())
    settings_now = [(setting.name, os.environ.get(setting.name)) for setting in settings.SETTINGS]
    packages = sorted((d.metadata["Name"] or "", d.version) for d in importlib.metadata.distributions())
    digest.update(repr((sys.version, str(geo), settings_now, packages)).encode())
    return digest.hexdigest()[:16]


@contextlib.contextmanager
def _exclusive(lock: Path) -> Iterator[None]:
    """Hold an exclusive lock on the file ``lock`` (between xdist workers and pytest runs) for the block."""
    lock.parent.mkdir(parents=True, exist_ok=True)
    with lock.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _build(name: str, folder: Path) -> Path:
    """Build the template ``name`` in the empty ``folder``: the warehouse's path there."""
    from etl.demo import build
    from etl.load import load_file
    from etl.publish import publish
    from etl.reference import init

    path = folder / f"{name}.duckdb"
    if name == "demo":
        build(db=path, out_dir=folder / "files")
    else:
        init(db=path, loaded_by="tests")
    if name == "cases":
        load_file("communities", HAND_COMMUNITIES.encode(), "communities.csv", db=path)
        load_file("cases", HAND_CASES.encode(), "cases.csv", db=path)
    publish(path)
    return path


def _store(name: str, key: str) -> None:
    """Build and store the template ``name`` under ``key``, replacing any other (call with its lock held)."""
    for old in TEMPLATES.glob(f"{name}-*"):  # other keys, or a build that was stopped
        shutil.rmtree(old)
    staging = TEMPLATES / f"{name}-{key}-building"
    staging.mkdir()
    warehouse = _build(name, staging)
    (staging / "WAREHOUSE").write_text(warehouse.name)
    staging.rename(TEMPLATES / f"{name}-{key}")


def stored_template(name: str, copy_to: Path | None = None) -> Path:
    """The template ``name`` (``reference``, ``cases`` or ``demo``), stored for today's :func:`template_key`
    by the first process to ask while the others wait, or copied to ``copy_to``: its warehouse."""
    stored = TEMPLATES / f"{name}-{template_key()}"
    with _exclusive(TEMPLATES / f"{name}.lock"):
        if not (stored / "WAREHOUSE").exists():
            _store(name, stored.name.removeprefix(f"{name}-"))
        folder = stored if copy_to is None else shutil.copytree(stored, copy_to)
    return Path(folder) / (stored / "WAREHOUSE").read_text()


def template_copy(name: str, tmp_path_factory) -> Path:
    """A private copy of the template ``name`` in the session's temporary folder: its warehouse."""
    return stored_template(name, tmp_path_factory.getbasetemp() / name)


def start_template_build(name: str) -> subprocess.Popen | None:
    """Start storing the template ``name`` in a process of its own, unless it is stored already."""
    if (TEMPLATES / f"{name}-{template_key()}" / "WAREHOUSE").exists():
        return None
    TEMPLATES.mkdir(parents=True, exist_ok=True)
    code = f"from tests.templates import stored_template; stored_template({name!r})"
    with (TEMPLATES / f"{name}.log").open("wb") as log:
        return subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
