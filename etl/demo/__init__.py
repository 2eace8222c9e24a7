"""Demo data: real Bangkok registers and synthetic case counts, loaded like an analyst's uploads.

``build`` rebuilds a database from scratch: the real boundaries, population
and context lines (``etl.reference.init``), then three generated files,
``communities.csv``, ``services.csv`` and ``cases.csv``, loaded through
``etl.load.load_path`` with ``synthetic=True`` so the dashboard shows its
demo banner. The files use the canonical upload headers, so they double as
templates. The same seed gives byte-identical files.

What is real and what is not:

* real: boundaries, district population, the BMA's 2,016 communities (ids,
  Thai names, points, types; :mod:`etl.demo.communities`), the hospitals,
  police stations, district offices and BMA health centres (with their
  sources; :mod:`etl.demo.services`), the two named pilots;
* estimated and labelled: each community's population and households
  (``population_estimated``), the health centres' points and one district
  office's (``approximate``); romanised and marked: English community names;
* synthetic and labelled: safe spaces, shelters, NGOs and crisis centres
  (``source`` = ``synthetic demo``, names with ตัวอย่าง / Demo), the demo
  pilots' status (``location_note``), and every case count
  (:mod:`etl.demo.cases`), at the magnitudes the BMA has published.

Modules: :mod:`~etl.demo.sources` reads the real files,
:mod:`~etl.demo.synthetic` holds the seeded helpers the benchmark shares.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from core import quarters
from db.connect import connect, db_path
from etl.cases import COLUMNS as CASE_COLUMNS
from etl.communities import COLUMNS as COMMUNITY_COLUMNS
from etl.demo.cases import CLUSTERS, case_rows
from etl.demo.communities import DEMO_PILOT_NOTE, NAMED_PILOTS, communities_file, register
from etl.demo.services import HOSPITAL_SOURCE, SERVICE_COUNTS, SYNTHETIC_SOURCE, services_file
from etl.demo.sources import read_sources
from etl.demo.synthetic import SEED
from etl.load import LoadResult, load_path
from etl.problems import EnvironmentNotReady
from etl.reference import init
from etl.services import COLUMNS as SERVICE_COLUMNS

__all__ = [
    "CLUSTERS",
    "DEFAULT_OUT_DIR",
    "DEFAULT_SEED",
    "DEMO_PILOT_NOTE",
    "HOSPITAL_SOURCE",
    "LOADED_BY",
    "NAMED_PILOTS",
    "QUARTERS",
    "SERVICE_COUNTS",
    "SYNTHETIC_SOURCE",
    "build",
    "write_files",
]

DEFAULT_SEED = SEED
DEFAULT_OUT_DIR = Path(__file__).resolve().parent.parent.parent / "data" / "demo"
LOADED_BY = "demo generator"
# Communities first: case rows refer to community ids, which must be registered.
FILE_NAMES = {"communities": "communities.csv", "services": "services.csv", "cases": "cases.csv"}

# Four years of quarters, to the second quarter of 2026 (Q3 of the fiscal year 2569): the
# latest complete quarter is 2026Q3, and real reports arrive a quarter or more late.
QUARTERS = quarters.window("2026Q2", 16)


# --- files and database -------------------------------------------------------


def _write_csv(frame: pd.DataFrame, columns: list, path: Path) -> None:
    """Write ``frame`` with exactly the upload's canonical headers, missing ones empty."""
    names = [column.name for column in columns]
    frame.reindex(columns=names, fill_value="").to_csv(path, index=False, encoding="utf-8", lineterminator="\n")


def write_files(out_dir: str | Path, seed: int = DEFAULT_SEED) -> dict[str, Path]:
    """Generate the three demo upload files into ``out_dir``; same seed, same bytes.

    Parameters
    ----------
    out_dir
        Folder for ``communities.csv``, ``services.csv`` and ``cases.csv``;
        created if missing, files overwritten.
    seed
        Seed of the only random generator used.

    Returns
    -------
    dict
        Path of each file by kind, in loading order (communities first).
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    src = read_sources()
    community = register(rng, src)
    frames = {
        "communities": (communities_file(community), COMMUNITY_COLUMNS),
        "services": (services_file(rng, src, community, QUARTERS), SERVICE_COLUMNS),
        "cases": (case_rows(rng, src, QUARTERS, community), CASE_COLUMNS),
    }
    paths = {kind: out_dir / FILE_NAMES[kind] for kind in frames}
    for kind, (frame, columns) in frames.items():
        _write_csv(frame, columns, paths[kind])
    return paths


def _real_uploads(path: Path) -> int:
    """How many loads of analysts' files (not demo, not reference) the database holds."""
    if not path.exists():
        return 0
    with connect(path, read_only=True) as con:
        if "loads" not in {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}:
            return 0
        sql = "SELECT count(*) FROM loads WHERE NOT synthetic AND kind IN ('cases', 'services', 'communities')"
        return con.execute(sql).fetchall()[0][0]


def _remove_database(path: Path) -> None:
    """Delete a database file and its write-ahead log, if present."""
    for stale in (path, path.with_name(path.name + ".wal")):
        stale.unlink(missing_ok=True)


def build(
    db=None, out_dir: str | Path | None = None, seed: int = DEFAULT_SEED, *, force: bool = False
) -> dict[str, LoadResult]:
    """Rebuild the database from scratch with the real reference data and the demo files.

    Parameters
    ----------
    db
        Database file (default: :func:`db.connect.db_path`). An existing demo
        database there is deleted first; one holding analysts' uploads is
        refused unless ``force``.
    out_dir
        Where the demo CSV files are written (default: ``data/demo``).
    seed
        Seed for :func:`write_files`.

    Returns
    -------
    dict
        The :class:`~etl.load.LoadResult` of each demo file by kind, in loading order.
    """
    path = db_path(db)
    if not force and (real := _real_uploads(path)):
        raise EnvironmentNotReady(
            f"{path} holds {real} load(s) of uploaded (non-demo) data; the demo would delete them. "
            "Use another --db for the demo, or pass --force to replace that database."
        )
    _remove_database(path)
    init(db=path, loaded_by=LOADED_BY)
    files = write_files(DEFAULT_OUT_DIR if out_dir is None else out_dir, seed)
    return {kind: load_path(kind, file, db=path, loaded_by=LOADED_BY, synthetic=True) for kind, file in files.items()}
