"""What-if scenarios on the safe-space network: edit the service points, then recompute coverage and gaps.

A *scenario* is a list of :class:`Edit` s applied to the safe spaces open in a
window: add a safe space, move one, close one, or change its capacity. Under
a scenario, coverage is recomputed from the service points by the publish
step's own functions, through the one seam :func:`coverage_of`: the enhanced
2SFCA over every resident (the published demand points) with the published
measure (:data:`geo.gap_scenarios.MAIN`), and the gap classes from the
published need probability and the new coverage. A scenario's gap is that
one measure's "3-1" class: the published gap also holds over other catchments
and over Poisson resamplings of the true counts, which a scenario cannot
repeat (the viewer never reads true counts), so the two can differ.

Covered residents are the residents (demand points) within the catchment of
a safe space (straight line, EPSG:32647, boundary included). Pure functions:
no database, no Streamlit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
from scipy.spatial import cKDTree

from geo.gap_scenarios import MAIN, Scenario
from geo.gaps import bivariate_class
from geo.joins import points
from geo.planning import metric_xy
from geo.summary import ACCESS_SERVICE_TYPE, district_coverage

__all__ = [
    "EDIT_KINDS",
    "Edit",
    "Outcome",
    "apply_edits",
    "coverage_of",
    "evaluate",
    "residents_covered",
]

EDIT_KINDS = ("add", "move", "close", "capacity")
DISTRICT_COLUMNS = ["access_2sfca", "need_class", "coverage_class", "gap_class", "gap"]


@dataclass(frozen=True)
class Edit:
    """One change to the safe spaces: ``kind`` is one of :data:`EDIT_KINDS`.

    ``add`` needs a new ``service_id``, ``lon``, ``lat`` and may give
    ``capacity`` (else 1, as the coverage measure counts a missing capacity)
    and names (the English one defaults to the Thai, that to the id);
    ``move`` needs ``lon`` and ``lat``; ``capacity`` needs ``capacity``;
    ``close`` only the ``service_id``.
    """

    kind: str
    service_id: str
    lon: float | None = None
    lat: float | None = None
    capacity: int | None = None
    name_th: str | None = None
    name_en: str | None = None


def _applies(edit: Edit, ids: set[str]) -> bool:
    """Whether ``edit`` can apply to safe spaces with ``ids``: an added id is new, any other edit's exists."""
    if edit.kind not in EDIT_KINDS:
        return False
    return (edit.service_id not in ids) if edit.kind == "add" else (edit.service_id in ids)


def apply_edits(safe_spaces: pd.DataFrame, edits: Sequence[Edit]) -> tuple[pd.DataFrame, list[int]]:
    """The safe spaces under ``edits``, applied in order, and the positions of the edits that could not apply.

    An edit cannot apply when it names a safe space that is not there (not
    open in the window, or closed by an earlier edit) or adds an id that is;
    it is skipped, and the others still apply.

    Parameters
    ----------
    safe_spaces : pandas.DataFrame
        ``service_id``, ``name_th``, ``name_en``, ``lon``, ``lat``,
        ``capacity`` and any other columns (kept for the rows not added).
    edits : sequence of Edit

    Returns
    -------
    tuple of (pandas.DataFrame, list of int)
        The safe spaces left open, added ones last, with ``change``: ``""``
        (as published), ``"add"``, ``"move"``, ``"capacity"`` or
        ``"move,capacity"``; and the skipped edits' positions.

    Examples
    --------
    >>> spaces = pd.DataFrame({"service_id": ["A", "B"], "name_th": ["ก", "ข"], "name_en": ["A", "B"],
    ...     "lon": [100.5, 100.6], "lat": [13.7, 13.8], "capacity": [10, 20]})
    >>> after, skipped = apply_edits(spaces, [Edit("close", "A"), Edit("capacity", "B", capacity=5),
    ...     Edit("add", "N1", lon=100.7, lat=13.9, name_th="ใหม่"), Edit("move", "A", lon=100.0, lat=13.0)])
    >>> after[["service_id", "capacity", "change"]].to_dict("list"), skipped
    ({'service_id': ['B', 'N1'], 'capacity': [5, 1], 'change': ['capacity', 'add']}, [3])
    """
    table = safe_spaces.reset_index(drop=True).assign(change="")
    rows = {sid: table.loc[at].to_dict() for at, sid in enumerate(table["service_id"])}
    skipped = []
    for at, edit in enumerate(edits):
        if not _applies(edit, set(rows)):
            skipped.append(at)
        elif edit.kind == "close":
            del rows[edit.service_id]
        elif edit.kind == "add":
            thai = edit.name_th or edit.service_id
            names = {"name_th": thai, "name_en": edit.name_en or thai}
            rows[edit.service_id] = {"service_id": edit.service_id, **names, "change": "add"}
            rows[edit.service_id] |= {"lon": edit.lon, "lat": edit.lat, "capacity": edit.capacity or 1}
        else:
            row = rows[edit.service_id]
            if edit.kind == "move":
                row |= {"lon": edit.lon, "lat": edit.lat}
            else:
                row["capacity"] = edit.capacity
            if row["change"] != "add":
                done = set(filter(None, row["change"].split(","))) | {edit.kind}
                row["change"] = ",".join(kind for kind in ("move", "capacity") if kind in done)
    after = pd.DataFrame(list(rows.values()), columns=table.columns)
    return after.astype({"capacity": "Int64"}) if "capacity" in after else after, skipped


def _points(frame: pd.DataFrame) -> gpd.GeoDataFrame:
    """A frame with ``lon``/``lat`` as a point GeoDataFrame (EPSG:4326), as the publish step hands it over."""
    return gpd.GeoDataFrame(frame.reset_index(drop=True), geometry=points(frame["lon"], frame["lat"]).values)


def coverage_of(
    demand: pd.DataFrame, services: pd.DataFrame, need: pd.Series, measure: Scenario = MAIN
) -> pd.DataFrame:
    """Per district: coverage and gap classes of ``services``, by the publish step's functions (the one seam).

    The only place a scenario computes coverage. It calls
    :func:`geo.summary.district_coverage` (the coverage measure of the
    district table) and :func:`geo.gaps.bivariate_class` (need from its
    probability, coverage terciles), as the publish step does.

    Parameters
    ----------
    demand : pandas.DataFrame
        Every resident as a point (the published demand points, those beside
        Bangkok too): ``lon``, ``lat``, ``dist_code``, ``population``.
    services : pandas.DataFrame
        The services open, every type: ``service_type``, ``lon``, ``lat``,
        ``capacity``; the safe spaces are the supply.
    need : pandas.Series
        The published need probability (``need_prob``) indexed by
        ``dist_code``: the districts classed.
    measure : geo.gap_scenarios.Scenario
        Catchment and decay; default the published one.

    Returns
    -------
    pandas.DataFrame
        Indexed like ``need``: ``access_2sfca``, ``need_class``,
        ``coverage_class``, ``gap_class`` and ``gap`` (class ``"3-1"``).

    Examples
    --------
    Two districts' residents, one safe space of capacity 10 beside the
    first: 10 places for its 1,000 residents, none for the other's.

    >>> demand = pd.DataFrame({"dist_code": ["1001", "1002"], "population": [1_000, 500],
    ...     "lon": [100.50, 100.70], "lat": [13.75, 13.75]})
    >>> services = pd.DataFrame({"service_type": ["safe_space"], "capacity": [10],
    ...     "lon": [100.51], "lat": [13.75]})
    >>> result = coverage_of(demand, services, pd.Series({"1001": 0.1, "1002": 0.9}))
    >>> result["access_2sfca"].tolist(), result["gap_class"].tolist(), result["gap"].tolist()
    ([0.01, 0.0], ['1-3', '3-1'], [False, True])
    """
    points = _points(demand[["dist_code", "population", "lon", "lat"]])
    supply = _points(services[["service_type", "capacity", "lon", "lat"]])
    coverage = district_coverage(points, supply, measure.catchment_m, measure.decay)
    access = coverage["access_2sfca"].reindex(need.index)
    classes = bivariate_class(need, access)
    classes["gap"] = classes["gap_class"].eq("3-1").fillna(False).astype(bool)
    return pd.concat([access, classes], axis=1).rename_axis("dist_code")


def residents_covered(communities: pd.DataFrame, safe_spaces: pd.DataFrame, radius_m: float) -> pd.Series:
    """Residents of each district's points (demand points or communities) within ``radius_m`` of a safe space
    (boundary included).

    >>> communities = pd.DataFrame({"dist_code": ["1001", "1001", "1002"], "population": [1_000, 200, 500],
    ...     "lon": [100.50, 100.60, 100.70], "lat": [13.75, 13.75, 13.75]})
    >>> residents_covered(communities, pd.DataFrame({"lon": [100.51], "lat": [13.75]}), 3000.0).to_dict()
    {'1001': 1000.0, '1002': 0.0}
    """
    residents = pd.to_numeric(communities["population"], errors="coerce").fillna(0.0).to_numpy(float)
    reached = np.zeros(len(communities), dtype=bool)
    if len(safe_spaces) and len(communities):
        reached = cKDTree(metric_xy(safe_spaces)).query(metric_xy(communities))[0] <= radius_m
    return pd.Series(np.where(reached, residents, 0.0)).groupby(communities["dist_code"].to_numpy()).sum()


@dataclass(frozen=True)
class Outcome:
    """A scenario beside what is published: the safe spaces and the districts, before and after."""

    before: pd.DataFrame  # the safe spaces open in the window
    after: pd.DataFrame  # under the scenario, with apply_edits' ``change``
    closed: pd.DataFrame  # the safe spaces the scenario closes
    skipped: list[int]  # edits that could not apply
    districts: pd.DataFrame  # indexed by dist_code: each of DISTRICT_COLUMNS and ``residents`` _before and _after

    @property
    def residents_before(self) -> float:
        return float(self.districts["residents_before"].sum())

    @property
    def residents_after(self) -> float:
        return float(self.districts["residents_after"].sum())


def evaluate(
    demand: pd.DataFrame,
    services: pd.DataFrame,
    need: pd.Series,
    edits: Sequence[Edit],
    before: pd.DataFrame | None = None,
    measure: Scenario = MAIN,
) -> Outcome:
    """Apply ``edits`` to the safe spaces among ``services`` and recompute every district before and after.

    ``before`` is :func:`coverage_of` the unchanged ``services`` when the
    caller has it (it does not depend on the edits). Covered residents are
    counted over the demand points of the districts in ``need``, within the
    measure's catchment.

    Returns
    -------
    Outcome
    """
    is_safe = services["service_type"] == ACCESS_SERVICE_TYPE
    spaces, others = services[is_safe], services[~is_safe]
    after, skipped = apply_edits(spaces, edits)
    scenario = pd.concat([others, after.drop(columns="change").assign(service_type=ACCESS_SERVICE_TYPE)])
    if before is None:
        before = coverage_of(demand, services, need, measure)
    inside = demand[demand["dist_code"].isin(need.index)]
    districts = pd.concat(
        [
            before[DISTRICT_COLUMNS].add_suffix("_before"),
            coverage_of(demand, scenario, need, measure)[DISTRICT_COLUMNS].add_suffix("_after"),
        ],
        axis=1,
    )
    for when, table in (("before", spaces), ("after", after)):
        reached = residents_covered(inside, table, measure.catchment_m)
        districts[f"residents_{when}"] = reached.reindex(need.index).fillna(0.0)
    closed = spaces[~spaces["service_id"].isin(after["service_id"])]
    return Outcome(spaces.reset_index(drop=True), after, closed.reset_index(drop=True), skipped, districts)
