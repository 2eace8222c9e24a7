"""Recompute only what a load changed.

A window's figures are a function of the protected cells of its quarters,
the services open in it, and what every window shares: boundaries,
population, the community register, the disclosure settings and the
publishing code itself. A digest of exactly those inputs is stored in the
snapshot beside the window's rows. At the next publish, a window whose
digest is unchanged takes its rows from the previous snapshot; the others
are recomputed. A new quarterly file thus recomputes the three windows
ending with it and the few later windows that contain it, and a load that
changes the shared inputs recomputes everything. The pilot figures (the
heaviest: the evaluation's relabellings) read only the cells of communities
that report their own rows, so a load that changes no community's rows keeps them.

Digests are taken of protected cells and published tables only, so the
snapshot learns nothing from them that it does not already hold.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from db.snapshot import SNAPSHOT_VERSION
from etl.publish.disclosure import hidden_estimate, round_to, suppress_below
from etl.publish.windows import Window, open_services

__all__ = ["PILOT_TABLES", "WINDOW_TABLES", "Digests", "Previous", "digests", "read_previous"]

# Tables with one group of rows per window (``span``, ``end_quarter``), and per pilot end (``end_quarter``).
WINDOW_TABLES = ("district_summary", "class_breaks", "attention", "kpis", "open_services", "breakdowns")
PILOT_TABLES = ("pilot_table", "pilot_evaluation", "pilot_event_study", "pilot_compared")
# Code whose change changes the figures: every module the publish step runs.
_CODE = ("etl/publish", "geo", "core")
_ROOT = Path(__file__).resolve().parents[2]


def _hash(parts: Iterable[bytes | str]) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(part if isinstance(part, bytes) else part.encode())
        digest.update(b"\x1f")  # a separator, so that ("ab", "c") and ("a", "bc") differ
    return digest.hexdigest()


def _frame(frame: pd.DataFrame, by: list[str]) -> bytes:
    """The content of ``frame`` in a stable order, geometry as WKB, as bytes."""
    if isinstance(frame, gpd.GeoDataFrame):
        frame = pd.DataFrame(frame.drop(columns="geometry")).assign(wkb=shapely.to_wkb(frame.geometry.values))
    ordered = frame.sort_values(by, kind="stable").reset_index(drop=True) if by else frame.reset_index(drop=True)
    columns = ",".join(map(str, ordered.columns)).encode()
    return columns + pd.util.hash_pandas_object(ordered, index=False).values.tobytes()


def _code() -> str:
    files = sorted(path for folder in _CODE for path in (_ROOT / folder).rglob("*.py"))
    return _hash(path.read_bytes() for path in files)


def _per_quarter(cells: pd.DataFrame, keys: list[str]) -> dict[str, str]:
    return {quarter: _hash([_frame(rows, keys)]) for quarter, rows in cells.groupby("quarter", sort=False)}


@dataclass(frozen=True)
class Digests:
    """What each window's and each pilot end's rows are computed from, as digests."""

    context: str
    windows: pd.DataFrame  # span, end_quarter, digest
    pilots: pd.DataFrame  # end_quarter, digest


def digests(inputs, area: pd.DataFrame, category: pd.DataFrame, windows: list[Window], ends: list[str]) -> Digests:
    """The digests of ``windows`` and pilot ``ends`` for the warehouse's ``inputs`` and its protected cells."""
    context = _hash(
        [
            str(SNAPSHOT_VERSION),
            _code(),
            f"{suppress_below()}/{round_to()}/{hidden_estimate()}",
            _frame(inputs.districts, ["dist_code"]),
            _frame(inputs.subdistricts, ["subdist_code"]),
            _frame(inputs.population.rename("population").reset_index(), ["dist_code"]),
            _frame(inputs.communities, ["community_id"]),
        ]
    )
    cells = _per_quarter(area, ["dist_code", "community_id"])
    # The pilot figures read the cells of communities that report their own rows, and nothing else of a quarter.
    own_rows = _per_quarter(area[area["community_id"] != ""], ["dist_code", "community_id"])
    kinds = _per_quarter(category, [c for c in category.columns if c != "quarter" and category[c].dtype == object])
    services = inputs.services.sort_values("service_id", kind="stable")
    rows = [
        (
            window.kind,
            window.end,
            _hash(
                [context, window.kind, window.end, _frame(services[open_services(services, window)], [])]
                + [f"{q}:{cells.get(q, '')}:{kinds.get(q, '')}" for q in window.quarters]
            ),
        )
        for window in windows
    ]
    pilots = [(end, _hash([context, *(f"{q}:{own_rows.get(q, '')}" for q in ends if q <= end)])) for end in ends]
    return Digests(
        context,
        pd.DataFrame(rows, columns=["span", "end_quarter", "digest"]),
        pd.DataFrame(pilots, columns=["end_quarter", "digest"]),
    )


@dataclass(frozen=True)
class Previous:
    """Rows of the previous snapshot whose inputs are unchanged, by table."""

    windows: set[tuple[str, str]]  # (span, end_quarter) reused
    pilot_ends: set[str]
    tables: dict[str, pd.DataFrame]


def read_previous(path: Path, now: Digests) -> Previous | None:
    """The previous snapshot's rows for windows and pilot ends whose digest is unchanged, or None when
    there is no snapshot at ``path``, it cannot be read, or it was published from other shared inputs
    or code (then everything is recomputed)."""
    if not path.exists():
        return None
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            if con.execute("SELECT context_digest FROM publish_record").fetchone()[0] != now.context:
                return None
            before = {name: con.execute(f'SELECT * FROM "{name}"').df() for name in ("window_inputs", "pilot_inputs")}
            tables = {name: con.execute(f'SELECT * FROM "{name}"').df() for name in WINDOW_TABLES + PILOT_TABLES}
    except duckdb.Error:  # an older snapshot without digests, or a damaged one: recompute
        return None
    same_windows = before["window_inputs"].merge(now.windows, on=["span", "end_quarter", "digest"])
    same_ends = before["pilot_inputs"].merge(now.pilots, on=["end_quarter", "digest"])
    windows = set(zip(same_windows["span"], same_windows["end_quarter"], strict=True))
    ends = set(same_ends["end_quarter"])
    kept = {}
    for name, frame in tables.items():
        if name in WINDOW_TABLES:
            pairs = zip(frame["span"], frame["end_quarter"], strict=True)
            keep = np.fromiter((pair in windows for pair in pairs), dtype=bool, count=len(frame))
        else:
            keep = frame["end_quarter"].isin(ends).to_numpy(dtype=bool)
        kept[name] = frame[keep]  # a mask, never a list: an empty list would select no columns
    return Previous(windows, ends, kept)
