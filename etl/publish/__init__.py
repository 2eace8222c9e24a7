"""The publish step: statistics on protected counts, written to the snapshot viewers read.

``publish(db)`` reads the warehouse (:mod:`etl.publish.inputs`), protects the
finest cells once (:mod:`etl.publish.cells`, :mod:`etl.publish.disclosure`),
computes every figure the pages and exports show for every quarter and every
window the sidebar offers (:mod:`etl.publish.districts`,
:mod:`etl.publish.headline`, :mod:`etl.publish.pilots`) from those protected
cells, and writes them to the snapshot (:mod:`etl.publish.snapshot`). No
table of the snapshot holds a true count.

It runs after every load, revert and demo build, and on ``python -m etl
publish``. A publish that fails leaves the previous snapshot in force and
records why (:func:`db.snapshot.write_status`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from db.connect import DatabaseBusy, DatabaseMissing
from db.snapshot import SNAPSHOT_VERSION, PublishStatus, published_path, write_status
from etl.publish import completeness, districts, headline, pilot_evaluation, pilots, reuse
from etl.publish.cells import protect_area_cells, protect_category_cells
from etl.publish.disclosure import collapse_cells, hidden_estimate, round_to, sum_cells, suppress_below, window_sums
from etl.publish.inputs import Inputs, read_inputs
from etl.publish.reuse import Previous
from etl.publish.snapshot import write_snapshot
from etl.publish.subdistricts import subdistrict_table
from etl.publish.windows import Window, all_windows, open_services, quarter_range
from geo.demand import resident_points
from geo.gap_scenarios import COVERAGE_SCENARIOS, DRAWS, MAIN, MAJORITY
from geo.hotspots import queen_weights
from geo.joins import points
from geo.projection import WGS84, display_lines
from geo.summary import district_coverage, map_moran, scenario_access

__all__ = ["PublishFailed", "PublishResult", "build_tables", "publish", "true_table"]

Progress = Callable[[float, str], None]
CONTEXT_TOLERANCE_M = 80.0  # simplification of roads and river for the maps, in metres (EPSG:32647)
EMPTY_QUARTER = "2000Q1"  # the window of a warehouse without cases, published with no rows


def _silent(_fraction: float, _message: str) -> None:
    pass


class PublishFailed(RuntimeError):
    """Publishing failed; the previous snapshot stays in force."""


@dataclass(frozen=True)
class PublishResult:
    path: Path
    quarters: int
    windows: int
    recomputed: int  # windows computed anew; the others were unchanged and kept
    seconds: float


def _with_points(frame: pd.DataFrame) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(frame.reset_index(drop=True), geometry=points(frame["lon"], frame["lat"]).values)


def _wkb(frame: gpd.GeoDataFrame) -> pd.DataFrame:
    """A GeoDataFrame as a plain table with its geometry as WKB (the snapshot needs no spatial extension)."""
    return pd.DataFrame(frame.drop(columns="geometry")).assign(wkb=shapely.to_wkb(frame.geometry.values))


def _meta(inputs: Inputs, ends: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "snapshot_version": SNAPSHOT_VERSION,
                "published_at": datetime.now(UTC).replace(tzinfo=None),
                "data_version": inputs.data_version,
                "last_loaded": inputs.last_loaded,
                "latest_quarter": ends[-1] if ends else None,
                "synthetic": inputs.synthetic,
                "population_source": inputs.population_source,
                "population_year": inputs.population_year,
                "suppress_below": suppress_below(),
                "round_to": round_to(),
                "hidden_estimate": hidden_estimate(),
                "catchment_m": MAIN.catchment_m,
                "gap_scenarios": len(COVERAGE_SCENARIOS) * DRAWS,
                "gap_majority": MAJORITY,
            }
        ]
    )


def _demand(inputs: Inputs) -> gpd.GeoDataFrame:
    """Every resident as a point (:func:`geo.demand.resident_points`): the demand of the coverage measure."""
    return resident_points(_with_points(inputs.communities), inputs.subdistricts, inputs.population)


def _demand_table(demand: gpd.GeoDataFrame) -> pd.DataFrame:
    """The demand points for the snapshot (public: community residents and population by area), in lon/lat."""
    lonlat = demand.geometry.to_crs(WGS84)
    frame = pd.DataFrame(demand.drop(columns="geometry"))
    return frame.assign(lon=lonlat.x.round(6).to_numpy(), lat=lonlat.y.round(6).to_numpy())


def _coverage(demand: gpd.GeoDataFrame, open_now: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series, pd.DataFrame]:
    """The coverage of the services ``open_now``: the published measure, services by district, every scenario."""
    located = _with_points(open_now)
    return (
        district_coverage(demand, located),
        open_now["dist_code"].value_counts(),
        scenario_access(demand, located),
    )


def _by_district(cells: pd.DataFrame) -> pd.DataFrame:
    """Area cells merged to one per quarter and district (communities with the rest), once: every window
    then sums a few rows per district instead of every cell (:func:`disclosure.collapse_cells`)."""
    keys = ["quarter", "dist_code"]
    reported = collapse_cells(cells, keys, "cases_reported")
    return reported.merge(collapse_cells(cells, keys, "cases_referred"), on=keys)


def _labelled(frame: pd.DataFrame, window: Window) -> pd.DataFrame:
    """``frame``, computed for a window with the same rows, with ``window``'s span, end and start."""
    labels = {"span": window.kind, "end_quarter": window.end, "start_quarter": window.start}
    return frame.assign(**{column: label for column, label in labels.items() if column in frame})


def _district_tables(
    inputs: Inputs, demand: gpd.GeoDataFrame, area: pd.DataFrame, windows: list[Window], progress: Progress
) -> dict:
    """The district summary, class breaks, attention list, headline figures and open services of each of
    ``windows``, as lists of frames, one per window; coverage is measured for the residents in ``demand``."""
    bangkok = _by_district(area[area["dist_code"].isin(inputs.districts["dist_code"])])
    services = inputs.services
    weights = queen_weights(inputs.districts, "dist_code")  # once: contiguity does not change with the window
    coverage: dict[frozenset, tuple] = {}  # windows with the same open services share it
    # A window's district table, class breaks and attention list depend on its quarters only through their
    # rows: windows with the same quarters of data and the same open services (a financial year's first
    # quarter and that quarter, its last and the four quarters) share them, but for their labels.
    with_rows = set(bangkok["quarter"])
    shared: dict[tuple, tuple] = {}
    frames: dict[str, list] = {"district_summary": [], "class_breaks": [], "attention": [], "kpis": []}
    opened: list[pd.DataFrame] = []
    # Every window's sums at once: by district for the table, over Bangkok for the headline figures.
    counts_of = ("cases_reported", "cases_referred")
    by_district = {count: window_sums(bangkok, windows, "dist_code", count) for count in counts_of}
    totals = {count: window_sums(bangkok, windows, [], count) for count in counts_of}
    for at, window in enumerate(windows):
        open_now = services[open_services(services, window)]
        key = frozenset(open_now["service_id"])
        if key not in coverage:
            coverage[key] = _coverage(demand, open_now)
        measure, counts, scenarios = coverage[key]
        same = (tuple(quarter for quarter in window.quarters if quarter in with_rows), key)
        if same not in shared:
            reported, referred = (by_district[count][at] for count in counts_of)
            table = districts.district_window(
                window, reported, referred, inputs.districts, inputs.population, measure, counts, weights, scenarios
            )
            shared[same] = (table, districts.class_breaks(window, table), districts.attention_rows(window, table))
        table, breaks, attention = (_labelled(frame, window) for frame in shared[same])
        frames["district_summary"].append(table)
        frames["class_breaks"].append(breaks)
        frames["attention"].append(attention)
        window_totals = {count: totals[count][at] for count in counts_of}
        figures = headline.kpis(window, window_totals, table, open_now, inputs.communities)
        smoothed = table.set_index("dist_code")["eb_rate_per_100k"]
        figures["moran_i"], figures["moran_p"] = (round(v, 4) for v in map_moran(inputs.districts, smoothed, weights))
        frames["kpis"].append(pd.DataFrame([figures]))
        opened.append(
            pd.DataFrame({"span": window.kind, "end_quarter": window.end, "service_id": open_now["service_id"]})
        )
        progress(0.1 + 0.6 * (at + 1) / len(windows), "districts")
    return frames | {"open_services": opened}


def _pilot_tables(inputs: Inputs, area: pd.DataFrame, ends: list[str], latest: str, progress: Progress) -> dict:
    """The pilot trend (every quarter), the pilot table up to each of ``ends``, and the pilot evaluation up
    to ``latest`` when it is one of them (it is heavy: only the latest quarter is published)."""
    rows = pilots.community_cells(area, inputs.communities)
    register = inputs.communities[inputs.communities["pilot"].fillna(False).astype(bool)]
    tables = {"pilot_trend": pilots.pilot_trend(rows), "pilot_table": pilots.pilot_tables(rows, register, ends)}
    tables |= {name: [] for name in pilot_evaluation.TABLES}
    progress(0.85, "pilots")
    if latest in ends:
        counts = pilot_evaluation.counts_of(area, hidden_estimate())
        for name, frame in pilot_evaluation.evaluation_tables(counts, inputs.communities, [latest]).items():
            tables[name].append(frame)
    return tables


def _in_order(parts: list[pd.DataFrame], keys: list[str], order: list[tuple]) -> pd.DataFrame:
    """``parts`` (fresh rows and reused ones) as one table, in the order a full publish writes it."""
    frame = pd.concat([part for part in parts if len(part)] or parts[:1], ignore_index=True)
    position = {key: at for at, key in enumerate(order)}
    rank = [position[key] for key in zip(*(frame[k] for k in keys), strict=True)] if keys else []
    return frame.iloc[pd.Series(rank, dtype=int).argsort(kind="stable")].reset_index(drop=True) if rank else frame


def _merge(fresh: dict[str, list[pd.DataFrame]], kept: Previous | None, windows: list[Window], ends: list[str]) -> dict:
    """Each per-window and per-end table: the recomputed rows with the previous snapshot's unchanged ones."""
    tables = {}
    for name, parts in fresh.items():
        parts = parts + ([kept.tables[name]] if kept and name in kept.tables else [])
        if name in reuse.WINDOW_TABLES:
            tables[name] = _in_order(parts, ["span", "end_quarter"], [(w.kind, w.end) for w in windows])
        else:
            tables[name] = _in_order(parts, ["end_quarter"], [(end,) for end in ends])
    # Stability looks across windows, so it is recomputed over reused and fresh rows alike.
    summary = tables["district_summary"].drop(columns=["hot_windows", "hot_windows_of"], errors="ignore")
    tables["district_summary"] = districts.with_stability(summary)
    return tables


def build_tables(inputs: Inputs, progress: Progress = _silent, previous: Path | None = None) -> dict[str, pd.DataFrame]:
    """Every table of the snapshot, from the warehouse's ``inputs``.

    With ``previous`` (the snapshot in force), windows and pilot ends whose
    inputs are unchanged (:mod:`etl.publish.reuse`) take their rows from it
    instead of being recomputed.
    """
    area = protect_area_cells(inputs.area_cells)
    category = protect_category_cells(inputs.category_cells)
    present = quarter_range(sorted(area["quarter"].unique()))
    # Without cases there are no windows; one empty window gives every table its columns and no rows.
    placeholder = not present
    ends = present or [EMPTY_QUARTER]
    windows = all_windows(ends)
    digests = reuse.digests(inputs, area, category, windows, ends)
    kept = None if placeholder or previous is None else reuse.read_previous(previous, digests)
    todo = [w for w in windows if not kept or (w.kind, w.end) not in kept.windows]
    progress(0.1, "districts")
    demand = _demand(inputs)
    fresh = _district_tables(inputs, demand, area, todo, progress)
    fresh["breakdowns"] = headline.breakdowns(todo, category)
    fresh |= _pilot_tables(
        inputs, area, [end for end in ends if not kept or end not in kept.pilot_ends], ends[-1], progress
    )
    trend = fresh.pop("pilot_trend")
    per_window = _merge(fresh, kept, windows, ends) | {"pilot_trend": trend}
    for name in pilot_evaluation.TABLES:  # an earlier latest quarter's evaluation is not kept
        per_window[name] = per_window[name][per_window[name]["end_quarter"] == ends[-1]].reset_index(drop=True)
    tables = {
        "meta": _meta(inputs, present),
        # How this snapshot was made: for the next publish (:mod:`etl.publish.reuse`), not for viewers.
        "publish_record": pd.DataFrame(
            {"context_digest": [digests.context], "recomputed_windows": [0 if placeholder else len(todo)]}
        ),
        "quarters": pd.DataFrame({"quarter": present}, dtype=object),
        "window_inputs": digests.windows,
        "pilot_inputs": digests.pilots,
        "districts": _wkb(inputs.districts),
        "context_districts": _wkb(inputs.context_districts),
        "health_centre_areas": _wkb(inputs.health_centre_areas),
        # Orientation only, under every map: simplified further so it costs each map's payload little.
        "context_lines": _wkb(
            inputs.context_lines.set_geometry(display_lines(inputs.context_lines, CONTEXT_TOLERANCE_M))
        ),
        "area_cells": area,
        "category_cells": category,
        "services": inputs.services,
        "communities": inputs.communities,
        "demand_points": _demand_table(demand),
        "loads": inputs.loads,
    }
    if placeholder:
        per_window = {name: frame.iloc[:0] for name, frame in per_window.items()}
    # Which districts have a file for which quarter (presence, no counts): the data-completeness view.
    tables["completeness"] = completeness.presence(inputs.area_cells, inputs.districts["dist_code"], present)
    return tables | per_window


def publish(db=None, published=None, *, progress: Progress = _silent, full: bool = False) -> PublishResult:
    """Publish the warehouse ``db`` to its snapshot (:func:`db.snapshot.published_path`).

    Only windows whose inputs changed since the snapshot in force are
    recomputed (:mod:`etl.publish.reuse`); ``full`` recomputes every one.

    Raises :class:`PublishFailed` (after recording why) when anything goes
    wrong; the previous snapshot then stays in force. A warehouse that is
    missing or busy raises :class:`db.connect.DatabaseMissing` or
    :class:`db.connect.DatabaseBusy` as they are.
    """
    target = published_path(db, published)
    started = time.perf_counter()
    inputs = None
    try:
        progress(0.0, "reading")
        inputs = read_inputs(db)
        tables = build_tables(inputs, progress, previous=None if full else target)
        tables["subdistricts"] = subdistrict_table(db)  # boundaries for the maps' drill-down, no counts
        progress(0.95, "writing")
        write_snapshot(tables, target)
    except (DatabaseMissing, DatabaseBusy):
        raise
    except Exception as exc:
        reason = f"{type(exc).__name__}: {exc}"
        version = inputs.data_version if inputs else None
        write_status(target, PublishStatus(datetime.now(UTC), False, version, reason))
        raise PublishFailed(reason) from exc
    write_status(target, PublishStatus(datetime.now(UTC), True, inputs.data_version))
    progress(1.0, "done")
    recomputed = int(tables["publish_record"]["recomputed_windows"].iloc[0])
    seconds = time.perf_counter() - started
    return PublishResult(target, len(tables["quarters"]), len(tables["kpis"]), recomputed, seconds)


def true_table(db, end: str, start: str) -> pd.DataFrame:
    """The district table of an arbitrary window from TRUE counts (nothing hidden or rounded), in the
    layout of :func:`db.read.district_summary`: for analysts with access to the warehouse, never to publish."""
    from db.read import display

    inputs = read_inputs(db)
    exact = {"threshold": 1, "base": 1}
    cells = protect_area_cells(inputs.area_cells, **exact)
    cells = cells[cells["dist_code"].isin(inputs.districts["dist_code"])]
    window = Window("custom", end, start)
    services = inputs.services[open_services(inputs.services, window)]
    measure, counts, scenarios = _coverage(_demand(inputs), services)
    reported, referred = (
        sum_cells(cells[cells["quarter"].isin(window.quarters)], "dist_code", count, **exact)
        for count in ("cases_reported", "cases_referred")
    )
    table = districts.district_window(
        window, reported, referred, inputs.districts, inputs.population, measure, counts, None, scenarios
    )
    table = table.drop(columns="span").rename(columns={"end_quarter": "quarter", "start_quarter": "quarter_from"})
    for count, flag in (("cases_reported", "suppressed"), ("cases_referred", "referred_suppressed")):
        table[f"{count}_display"] = display(table[count], table.pop(f"{count}_hidden"), 1)
        table[flag] = False
    return table
