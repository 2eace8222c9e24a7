"""The read side: every figure a viewer sees, read from the published snapshot.

The snapshot (:mod:`db.snapshot`) holds only protected figures, written by
the publish step (:mod:`etl.publish`); nothing here computes a statistic or
opens the warehouse. Each function takes the snapshot's path first, opens a
short-lived read-only connection and closes it before returning. Counts come
with their display text: ``"<5"`` where hidden, missing where there is no
data.

Windows are named by ``span``: ``1q`` (one quarter), ``4q`` (four quarters
ending with ``end``) or ``fytd`` (the Thai fiscal year up to ``end``).
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from core.codes import VICTIM_GROUPS, VIOLENCE_TYPES
from db.snapshot import SNAPSHOT_VERSION, PublishStatus, read_status

__all__ = [
    "BREAKDOWNS",
    "PILOT_EVALUATION_TABLES",
    "Kpis",
    "Meta",
    "SnapshotMissing",
    "SnapshotNotReady",
    "attention",
    "breakdown",
    "check_ready",
    "class_breaks",
    "community_cells",
    "community_points",
    "community_register",
    "completeness",
    "context_districts",
    "context_lines",
    "demand_points",
    "display",
    "district_layer",
    "district_names",
    "district_summary",
    "district_trend",
    "health_centre_areas",
    "kpis",
    "load_history",
    "loaded_quarters",
    "meta",
    "pilot_evaluation",
    "pilot_evaluation_quarters",
    "pilot_table",
    "pilot_trend",
    "publish_status",
    "quarterly_totals",
    "service_points",
    "smoothed_rates",
    "subdistrict_layer",
    "version",
]

Snapshot = str | os.PathLike


class SnapshotMissing(RuntimeError):
    """No snapshot has been published at this path yet."""


class SnapshotNotReady(RuntimeError):
    """The file is not a snapshot this program can read (another version, or not a snapshot)."""


OPEN_SNAPSHOTS = 8  # snapshot versions kept in memory at once (a server reads one; tests many)
_open: OrderedDict[str, tuple[str, duckdb.DuckDBPyConnection]] = OrderedDict()
_open_lock = threading.Lock()


def _database(path: Snapshot) -> duckdb.DuckDBPyConnection:
    """An in-memory copy of the snapshot's current version, made once per version.

    Opening the file costs about 20 ms a read, and a page reads a dozen
    times; copying the whole snapshot (a few MB) costs about 0.1 s once, and
    a cursor on the copy almost nothing. The file is closed again at once,
    so nothing in this process holds it open.
    """
    key, current = str(path), version(path)
    with _open_lock:
        held = _open.get(key)
        if held is None or held[0] != current:
            con = duckdb.connect()
            escaped = key.replace("'", "''")
            con.execute(f"ATTACH '{escaped}' AS published (READ_ONLY)")
            con.execute("COPY FROM DATABASE published TO memory")
            con.execute("DETACH published")
            held = _open[key] = (current, con)  # an older copy goes when its last reader is done
        _open.move_to_end(key)
        while len(_open) > OPEN_SNAPSHOTS:
            _open.popitem(last=False)
        return held[1]


@contextmanager
def _connect(path: Snapshot) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor of its own (safe beside other threads' cursors) on the snapshot at ``path``."""
    cursor = _database(path).cursor()
    try:
        yield cursor
    finally:
        cursor.close()


def _frame(path: Snapshot, sql: str, params: list | None = None) -> pd.DataFrame:
    with _connect(path) as con:
        return con.execute(sql, params or []).df()


def version(path: Snapshot) -> str:
    """A short string that changes whenever a new snapshot is renamed into place (a cache key; no file opened)."""
    try:
        stat = os.stat(path)
    except FileNotFoundError as exc:
        raise SnapshotMissing(str(path)) from exc
    return f"{stat.st_ino}-{stat.st_mtime_ns}-{stat.st_size}"


@dataclass(frozen=True)
class Meta:
    """What the figures on screen are: when published, from which data, under which rules."""

    published_at: datetime  # UTC
    data_version: str
    last_loaded: datetime | None  # latest active load of any kind, UTC
    latest_quarter: str | None  # latest calendar quarter with cases
    synthetic: bool  # the case data are generated demo data
    population_source: str | None
    population_year: int | None  # None: the source states no year
    suppress_below: int  # counts from 1 to this minus one are hidden
    round_to: int  # published counts are multiples of this
    hidden_estimate: float  # what a hidden cell counts as in sums and statistics
    catchment_m: float  # the 2SFCA catchment of the published coverage
    gap_scenarios: int  # how many scenarios gap_share is a share of
    gap_majority: float  # a district is a gap where gap_share is above this


def check_ready(path: Snapshot) -> None:
    """Raise :class:`SnapshotMissing` or :class:`SnapshotNotReady` unless ``path`` is a readable snapshot."""
    try:
        found = _frame(path, "SELECT snapshot_version FROM meta")["snapshot_version"].iloc[0]
    except duckdb.Error as exc:
        raise SnapshotNotReady(str(exc)) from exc
    if found != SNAPSHOT_VERSION:
        raise SnapshotNotReady(f"snapshot version {found}, expected {SNAPSHOT_VERSION}")


def meta(path: Snapshot) -> Meta:
    """The snapshot's :class:`Meta`."""
    row = _frame(path, "SELECT * EXCLUDE (snapshot_version) FROM meta").iloc[0].to_dict()
    row = {
        key: (None if value is pd.NaT or (isinstance(value, float) and np.isnan(value)) else value)
        for key, value in row.items()
    }
    row["population_year"] = None if row["population_year"] is None else int(row["population_year"])
    return Meta(**row)


def publish_status(path: Snapshot) -> PublishStatus | None:
    """The last attempt to publish this snapshot (it may have failed after this snapshot was written)."""
    return read_status(Path(path))


def display(values: pd.Series, hidden: pd.Series, threshold: int) -> pd.Series:
    """Published counts as text: ``"<5"`` where hidden, missing without data, else whole numbers with commas.

    >>> display(pd.Series([0.0, np.nan, 1235.0, np.nan]), pd.Series([False, True, False, False]), 5).tolist()
    ['0', '<5', '1,235', None]
    """
    return pd.Series(
        [
            f"<{threshold}" if h else None if pd.isna(v) else f"{int(v):,}"
            for v, h in zip(values, hidden.fillna(False).astype(bool), strict=True)
        ],
        index=values.index,
        dtype=object,
    )


def _with_display(frame: pd.DataFrame, path: Snapshot, counts: dict[str, str]) -> pd.DataFrame:
    """Add ``{count}_display`` and rename each ``{count}_hidden`` to the flag name in ``counts``."""
    threshold = meta(path).suppress_below
    for count, flag in counts.items():
        hidden = frame.pop(f"{count}_hidden").fillna(False).astype(bool)
        frame[f"{count}_display"] = display(frame[count], hidden, threshold)
        frame[flag] = hidden
    return frame


def loaded_quarters(path: Snapshot) -> list[str]:
    """Every calendar quarter from the first with data to the latest, oldest first."""
    return _frame(path, "SELECT quarter FROM quarters ORDER BY quarter")["quarter"].tolist()


def _geometry(path: Snapshot, table: str, order: str) -> gpd.GeoDataFrame:
    frame = _frame(path, f'SELECT * FROM "{table}" ORDER BY {order}')
    geometry = shapely.from_wkb(frame.pop("wkb").map(bytes).to_numpy())
    return gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")


def district_layer(path: Snapshot) -> gpd.GeoDataFrame:
    """Bangkok's districts with their simplified display geometry, EPSG:4326, in code order."""
    return _geometry(path, "districts", "dist_code")


def context_districts(path: Snapshot) -> gpd.GeoDataFrame:
    """Samut Prakan's districts beside Bangkok (the Thai Kriang pilot lies in 1104), EPSG:4326."""
    return _geometry(path, "context_districts", "dist_code")


def health_centre_areas(path: Snapshot) -> gpd.GeoDataFrame:
    """The BMA health-centre service areas (about 2014-15), EPSG:4326."""
    return _geometry(path, "health_centre_areas", "hc_id")


def context_lines(path: Snapshot) -> gpd.GeoDataFrame:
    """Main roads (``kind`` road) and the Chao Phraya (river), simplified for display, EPSG:4326."""
    return _geometry(path, "context_lines", "kind, name_th")


def district_names(path: Snapshot) -> pd.DataFrame:
    """Bangkok's districts without geometry: ``dist_code``, ``name_th``, ``name_en``, in code order."""
    return _frame(path, "SELECT dist_code, name_th, name_en FROM districts ORDER BY dist_code")


# Categories Bangkok's cases break down by: the column and its codes in their stored order.
BREAKDOWNS = {"violence_type": VIOLENCE_TYPES, "victim_group": VICTIM_GROUPS}
_COUNTS = {"cases_reported": "suppressed", "cases_referred": "referred_suppressed"}


def district_summary(path: Snapshot, span: str, end: str) -> pd.DataFrame:
    """The published district table of one window: one row per Bangkok district, in code order.

    Columns: ``quarter`` (the window's last), ``quarter_from``,
    ``dist_code``, ``name_th``, ``name_en``, ``population``, the published
    counts ``cases_reported`` and ``cases_referred`` (NaN where hidden or
    without rows) with ``_display`` texts, ``suppressed`` and
    ``referred_suppressed``, and every statistic of the Methods: rates,
    smoothed rate, Gi*, local Moran, services, accessibility, distances,
    referral rate, need, coverage and gap classes. Empty for a window the
    snapshot does not hold.
    """
    frame = _frame(
        path,
        "SELECT * EXCLUDE (span, end_quarter, start_quarter), end_quarter AS quarter, start_quarter AS quarter_from "
        "FROM district_summary WHERE span = ? AND end_quarter = ? ORDER BY dist_code",
        [span, end],
    )
    return _with_display(frame, path, _COUNTS)


@dataclass(frozen=True)
class Kpis:
    """Bangkok's headline figures for one window, as published."""

    cases: float  # published; NaN without rows or when hidden
    cases_display: str | None  # "<5", "0", "1,235"; None without rows
    referral_rate: float  # referred over reported, over districts whose referrals are known
    hotspots: int  # districts that are Gi* hot spots at 95 % or more
    gaps: int  # districts of high need and low coverage
    safe_spaces: int  # safe spaces in a Bangkok district open at some time in the window
    pilots: int  # pilot communities whose pilot started by the window's end
    moran_i: float  # global Moran's I of the smoothed rate: is the map as a whole clustered?
    moran_p: float  # its two-sided permutation p


_NO_KPIS = Kpis(float("nan"), None, float("nan"), 0, 0, 0, 0, float("nan"), float("nan"))


def kpis(path: Snapshot, span: str, end: str) -> Kpis:
    """The window's :class:`Kpis`; no data (NaN, None, zeros) for a window the snapshot does not hold."""
    frame = _frame(path, "SELECT * FROM kpis WHERE span = ? AND end_quarter = ?", [span, end])
    if frame.empty:
        return _NO_KPIS
    row = _with_display(frame, path, {"cases_reported": "suppressed"}).iloc[0]
    referral = row["referral_rate"]
    return Kpis(
        cases=float(row["cases_reported"]) if pd.notna(row["cases_reported"]) else float("nan"),
        cases_display=row["cases_reported_display"],
        referral_rate=float(referral) if pd.notna(referral) else float("nan"),
        hotspots=int(row["hotspots"]),
        gaps=int(row["gaps"]),
        safe_spaces=int(row["safe_spaces"]),
        pilots=int(row["pilots"]),
        moran_i=float(row["moran_i"]),
        moran_p=float(row["moran_p"]),
    )


def quarterly_totals(path: Snapshot) -> pd.DataFrame:
    """Bangkok's published totals per quarter, oldest first: ``quarter``, ``cases_reported``,
    ``cases_referred``, their ``_display`` texts, ``suppressed`` and ``referred_suppressed``."""
    frame = _frame(
        path,
        "SELECT end_quarter AS quarter, cases_reported, cases_reported_hidden, cases_referred, cases_referred_hidden "
        "FROM kpis WHERE span = '1q' ORDER BY quarter",
    )
    return _with_display(frame, path, _COUNTS)


def district_trend(path: Snapshot, dist_code: str) -> pd.DataFrame:
    """One district's published reported cases in every quarter: ``quarter``, ``cases``, ``cases_display``
    and ``suppressed``, oldest first (``cases`` NaN where hidden or without rows)."""
    frame = _frame(
        path,
        "SELECT end_quarter AS quarter, cases_reported AS cases, cases_reported_hidden AS cases_hidden "
        "FROM district_summary WHERE span = '1q' AND dist_code = ? ORDER BY quarter",
        [dist_code],
    )
    return _with_display(frame, path, {"cases": "suppressed"})


def breakdown(path: Snapshot, by: str, span: str, end: str) -> pd.DataFrame:
    """Bangkok's published cases by ``violence_type`` or ``victim_group`` over a window:
    ``code``, ``cases``, ``cases_display`` and ``suppressed``, in the codes' stored order."""
    frame = _frame(
        path,
        "SELECT code, cases_reported AS cases, cases_reported_hidden AS cases_hidden FROM breakdowns "
        "WHERE category = ? AND span = ? AND end_quarter = ?",
        [by, span, end],
    )
    order = {code: at for at, code in enumerate(BREAKDOWNS[by])}
    frame = frame.sort_values("code", key=lambda codes: codes.map(order).fillna(len(order))).reset_index(drop=True)
    return _with_display(frame, path, {"cases": "suppressed"})


def class_breaks(path: Snapshot, span: str, end: str, measure: str, scheme: str) -> list[float]:
    """The published upper class bounds of a map ``measure`` (rate, smoothed, count) in ``scheme``."""
    frame = _frame(
        path,
        "SELECT breaks FROM class_breaks WHERE span = ? AND end_quarter = ? AND measure = ? AND scheme = ?",
        [span, end, measure, scheme],
    )
    return [float(b) for b in frame["breaks"].iloc[0]] if len(frame) else []


def attention(path: Snapshot, span: str, end: str) -> pd.DataFrame:
    """The districts that need attention first in a window, strongest first, with the summary's figures:
    ``rank``, ``dist_code``, ``points``, ``eb_rank``, ``referral_low``, ``reasons`` (a tuple of codes) and
    the district's names, smoothed rate and referral rate."""
    frame = _frame(
        path,
        """
        SELECT a.rank, a.dist_code, d.name_th, d.name_en, a.points, d.eb_rate_per_100k, a.eb_rank,
               d.referral_rate, a.referral_low, a.reasons
        FROM attention a JOIN district_summary d USING (span, end_quarter, dist_code)
        WHERE a.span = ? AND a.end_quarter = ? ORDER BY a.rank
        """,
        [span, end],
    )
    frame["reasons"] = frame["reasons"].map(lambda text: tuple(text.split(",")) if text else ())
    return frame


def demand_points(path: Snapshot) -> pd.DataFrame:
    """Every resident on a point, the demand of the coverage measure (:func:`geo.demand.resident_points`):
    ``dist_code``, ``kind`` (``community`` or ``rest``, a sub-district's share), ``population``, ``lon``, ``lat``."""
    return _frame(path, "SELECT dist_code, kind, population, lon, lat FROM demand_points ORDER BY ALL")


def service_points(path: Snapshot, span: str, end: str) -> pd.DataFrame:
    """Service points open at some time in a window: ``service_id``, ``name_th``, ``name_en``,
    ``service_type``, ``lon``, ``lat``, ``capacity``, ``dist_code``, ``district_th``, ``district_en``
    (missing outside Bangkok), ``source``, ``approximate``, ``opened`` and ``closed``, by type and id."""
    return _frame(
        path,
        """
        SELECT s.service_id, s.name_th, s.name_en, s.service_type, s.lon, s.lat, s.capacity, s.dist_code,
               s.district_th, s.district_en, s.source, s.approximate, s.opened, s.closed
        FROM services s JOIN open_services o USING (service_id)
        WHERE o.span = ? AND o.end_quarter = ?
        ORDER BY s.service_type, s.service_id
        """,
        [span, end],
    )


def community_points(path: Snapshot) -> pd.DataFrame:
    """Every community for maps: ``community_id``, names, ``lon``, ``lat``, ``dist_code``, ``district_th``,
    ``district_en``, ``province_en`` (missing in Bangkok), ``population``, ``pilot``, ``pilot_start``,
    ``location_note``, ``approximate`` and ``reports`` (it has case rows of its own); pilots first."""
    return _frame(path, "SELECT * EXCLUDE (households) FROM communities ORDER BY pilot DESC, pilot_start, community_id")


def pilot_trend(path: Snapshot, end: str) -> pd.DataFrame:
    """Pilot and comparison communities' published cases and rate per 100,000 per quarter up to ``end``:
    ``quarter``, ``group``, ``communities``, ``cases_reported``, ``cases_reported_display``,
    ``population``, ``rate_per_100k`` and ``suppressed``."""
    frame = _frame(path, 'SELECT * FROM pilot_trend WHERE quarter <= ? ORDER BY quarter, "group"', [end])
    return _with_display(frame, path, {"cases_reported": "suppressed"})


def pilot_table(path: Snapshot, end: str) -> pd.DataFrame:
    """One row per pilot (the pilot rows of :func:`community_points`) with, for ``before`` and ``after``
    (from its start on, up to ``end``): ``cases_<when>`` (published), ``cases_<when>_display``,
    ``suppressed_<when>``, ``quarters_<when>`` and ``rate_<when>`` (per 100,000 per quarter)."""
    pilots = community_points(path)
    pilots = pilots[pilots["pilot"]].reset_index(drop=True)
    figures = _frame(path, "SELECT * EXCLUDE (end_quarter) FROM pilot_table WHERE end_quarter = ?", [end])
    table = pilots.merge(figures, on="community_id", how="left")
    threshold = meta(path).suppress_below
    for when in ("before", "after"):
        hidden = table.pop(f"hidden_{when}").fillna(False).astype(bool)
        table[f"cases_{when}_display"] = display(table[f"cases_{when}"], hidden, threshold)
        table[f"suppressed_{when}"] = hidden
        table[f"quarters_{when}"] = table[f"quarters_{when}"].fillna(0).astype(int)
    return table


PILOT_EVALUATION_TABLES = ("pilot_evaluation", "pilot_event_study", "pilot_compared")


def pilot_evaluation_quarters(path: Snapshot) -> list[str]:
    """The end quarters whose pilot evaluation is published (the latest quarter's, as a rule)."""
    frame = _frame(path, "SELECT DISTINCT end_quarter FROM pilot_evaluation ORDER BY end_quarter")
    return frame["end_quarter"].tolist()


def pilot_evaluation(path: Snapshot, end: str, comparison: str) -> dict[str, pd.DataFrame]:
    """The published pilot evaluation up to ``end`` against the ``comparison`` group, as its three tables:
    ``pilot_evaluation`` (one row per outcome: ``reported``, ``referral``), ``pilot_event_study`` (eight rows
    per outcome) and ``pilot_compared`` (who was compared, with names and districts). Empty frames when it
    is not published for ``end``."""
    with _connect(path) as con:
        tables = {
            name: con.execute(
                f'SELECT * EXCLUDE (end_quarter, comparison) FROM "{name}" WHERE end_quarter = ? AND comparison = ?',
                [end, comparison],
            ).df()
            for name in PILOT_EVALUATION_TABLES
        }
        names = con.execute(
            "SELECT community_id, name_th, name_en, dist_code, district_th, district_en FROM communities"
        ).df()
    tables["pilot_compared"] = tables["pilot_compared"].merge(names, on="community_id", how="left")
    return tables


def community_cells(path: Snapshot) -> pd.DataFrame:
    """The published (protected) area cells of communities that report their own rows."""
    return _frame(path, "SELECT * FROM area_cells WHERE community_id <> '' ORDER BY community_id, quarter")


def community_register(path: Snapshot) -> pd.DataFrame:
    """The community register as published, with every column the publish step reads."""
    return _frame(path, "SELECT * FROM communities ORDER BY community_id")


def load_history(path: Snapshot) -> pd.DataFrame:
    """Every load as published, newest first: what, when (UTC), by whom, and whether it still counts."""
    return _frame(path, "SELECT * FROM loads ORDER BY load_id DESC")


def completeness(path: Snapshot) -> pd.DataFrame:
    """Which Bangkok districts have case data for which quarter (presence only, no counts): ``dist_code``,
    ``name_th``, ``name_en``, ``quarter``, ``has_data``, by district then quarter; no rows without cases."""
    return _frame(
        path,
        "SELECT c.dist_code, d.name_th, d.name_en, c.quarter, c.has_data "
        "FROM completeness c JOIN districts d USING (dist_code) ORDER BY c.dist_code, c.quarter",
    )


def subdistrict_layer(path: Snapshot, dist_code: str | None = None) -> gpd.GeoDataFrame:
    """The khwaeng (of one district, or all 180) with display geometry, EPSG:4326, in code order."""
    where, params = ("WHERE dist_code = ?", [dist_code]) if dist_code else ("", [])
    frame = _frame(path, f"SELECT * FROM subdistricts {where} ORDER BY subdist_code", params)
    geometry = shapely.from_wkb(frame.pop("wkb").map(bytes).to_numpy())
    return gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")


def smoothed_rates(path: Snapshot, span: str, dist_codes: list[str]) -> pd.DataFrame:
    """The published smoothed rate (``eb_rate_per_100k``) of each of ``dist_codes`` in every window of kind
    ``span`` (one row per district and end quarter, oldest first), with the districts' names."""
    if not dist_codes:
        return pd.DataFrame(columns=["dist_code", "end_quarter", "eb_rate_per_100k", "name_th", "name_en"])
    marks = ", ".join("?" * len(dist_codes))
    return _frame(
        path,
        "SELECT s.dist_code, s.end_quarter, s.eb_rate_per_100k, d.name_th, d.name_en "
        f"FROM district_summary s JOIN districts d USING (dist_code) WHERE s.span = ? AND s.dist_code IN ({marks}) "
        "ORDER BY s.end_quarter, s.dist_code",
        [span, *dist_codes],
    )
