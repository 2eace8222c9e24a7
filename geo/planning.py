"""Where the next safe spaces could go: demand, candidate sites, coverage within a radius, and a greedy baseline.

A *plan* chooses ``k`` new safe-space sites among candidate points, with the
safe spaces already open kept as they are. Demand is the residents of each
community, weighted by the published need of its district (the smoothed rate
of reported cases), so a community in a district of twice Bangkok's rate
counts twice its residents. A community is *covered* when a safe space lies
within the radius, a straight line measured in EPSG:32647 metres (boundary
included, as the coverage measure's catchment). The exact models are in
:mod:`geo.siting`; this module holds what they share. Pure functions: no
database, no Streamlit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.spatial import cKDTree

from geo.joins import points
from geo.projection import to_metric

__all__ = [
    "CANDIDATE_SETS",
    "RADIUS_MAX_M",
    "RADIUS_MIN_M",
    "PlanError",
    "PlanProblem",
    "candidate_sites",
    "check_k",
    "covered",
    "demand_points",
    "greedy",
    "metric_xy",
    "plan_problem",
    "site_report",
]

RADIUS_MIN_M = 200.0  # closer than a short walk, a radius says nothing about where to build
RADIUS_MAX_M = 20_000.0  # a third of Bangkok's width: beyond it every site covers nearly everyone
# Candidate sets: which service types stand as candidates besides (or instead of) the communities.
CANDIDATE_SETS = {
    "communities": (True, ()),
    "health-centres": (False, ("health_centre",)),
    "district-offices": (False, ("social_welfare",)),  # the 50 district offices are loaded as social_welfare
    "all": (True, ("health_centre", "social_welfare")),
}
SITE_COLUMNS = ["site_id", "kind", "name_th", "name_en", "dist_code", "lon", "lat"]


class PlanError(ValueError):
    """Bad input, or a solver that gave no answer: ``code`` names a message of ``etl.messages``, ``params`` its details.

    >>> str(PlanError("plan.bad_k", k=0, maximum=5))
    'plan.bad_k k=0 maximum=5'
    """

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(" ".join([code, *(f"{key}={value}" for key, value in params.items())]))
        self.code = code
        self.params = params


def metric_xy(frame: pd.DataFrame) -> np.ndarray:
    """(n, 2) easting and northing in EPSG:32647 metres of the ``lon``/``lat`` columns."""
    if frame.empty:
        return np.empty((0, 2))
    metric = to_metric(points(frame["lon"].to_numpy(float), frame["lat"].to_numpy(float)))
    return np.column_stack([metric.x.to_numpy(), metric.y.to_numpy()])


def demand_points(residents: pd.DataFrame, need: pd.Series) -> pd.DataFrame:
    """Residents as demand, weighted by their district's need relative to Bangkok's.

    ``weight = residents * need[district] / mean_need``, where ``mean_need`` is
    the resident-weighted mean need over the demand points, so the weights add
    up to the residents (the unit stays "residents", need-weighted). A district
    whose need is unknown counts at that mean.

    Parameters
    ----------
    residents : pandas.DataFrame
        Points where residents live, as the coverage measure defines them
        (the snapshot's demand points): ``demand_id``, ``dist_code``,
        ``lon``, ``lat``, ``population``.
    need : pandas.Series
        Need per district (e.g. the published smoothed rate), indexed by
        ``dist_code``: its districts are the area planned for; points
        elsewhere, or without residents, are left out.

    Returns
    -------
    pandas.DataFrame
        ``demand_id``, ``dist_code``, ``lon``, ``lat``, ``residents``, ``need``
        and ``weight``.

    Examples
    --------
    >>> frame = pd.DataFrame({"demand_id": ["a", "b", "c"], "dist_code": ["1001", "1002", "1104"],
    ...     "lon": [100.5, 100.6, 100.55], "lat": [13.7, 13.7, 13.6], "population": [1_000, 3_000, 500]})
    >>> demand_points(frame, pd.Series({"1001": 50.0, "1002": 10.0}))["weight"].tolist()
    [2500.0, 1500.0]
    """
    rows = residents[residents["dist_code"].isin(need.index)]
    residents = pd.to_numeric(rows["population"], errors="coerce")
    rows = rows[residents > 0]
    residents = residents[residents > 0].astype(float)
    district_need = need.reindex(rows["dist_code"]).to_numpy(float)
    known = np.isfinite(district_need)
    mean_need = np.average(district_need[known], weights=residents[known]) if known.any() else 1.0
    district_need = np.where(known, district_need, mean_need)
    relative = district_need / mean_need if mean_need > 0 else np.ones(len(rows))
    return pd.DataFrame(
        {
            "demand_id": rows["demand_id"].to_numpy(),
            "dist_code": rows["dist_code"].to_numpy(),
            "lon": rows["lon"].to_numpy(float),
            "lat": rows["lat"].to_numpy(float),
            "residents": residents.to_numpy(),
            "need": district_need,
            "weight": residents.to_numpy() * relative,
        }
    )


def candidate_sites(
    which: str, communities: pd.DataFrame, services: pd.DataFrame, districts: Iterable[str]
) -> pd.DataFrame:
    """The candidate points of one set: communities, health centres, district offices, or all of them.

    Parameters
    ----------
    which : str
        A key of :data:`CANDIDATE_SETS`.
    communities, services : pandas.DataFrame
        Registers with ``lon``, ``lat``, ``dist_code``, ``name_th``, ``name_en``
        and ``community_id`` or ``service_id`` and ``service_type``.
    districts : iterable of str
        The districts planned for: candidates elsewhere are left out.

    Returns
    -------
    pandas.DataFrame
        ``site_id``, ``kind`` (``community`` or the service type), ``name_th``,
        ``name_en``, ``dist_code``, ``lon``, ``lat``; one row per id.

    Raises
    ------
    PlanError
        ``plan.bad_candidates`` for an unknown set.
    """
    if which not in CANDIDATE_SETS:
        raise PlanError("plan.bad_candidates", value=which, choices=", ".join(CANDIDATE_SETS))
    with_communities, service_types = CANDIDATE_SETS[which]
    inside = set(districts)
    parts = []
    if with_communities:
        parts.append(communities.rename(columns={"community_id": "site_id"}).assign(kind="community"))
    if service_types:
        chosen = services[services["service_type"].isin(service_types)]
        parts.append(chosen.rename(columns={"service_id": "site_id", "service_type": "kind"}))
    sites = pd.concat([part[SITE_COLUMNS] for part in parts], ignore_index=True)
    sites = sites[sites["dist_code"].isin(inside) & sites["lon"].notna() & sites["lat"].notna()]
    return sites.drop_duplicates("site_id").reset_index(drop=True)


def check_k(k: int, n_candidates: int) -> None:
    """Raise ``plan.bad_k`` unless 1 <= ``k`` <= the number of candidates.

    >>> check_k(0, 10)
    Traceback (most recent call last):
    geo.planning.PlanError: plan.bad_k k=0 maximum=10
    """
    if not 1 <= k <= n_candidates:
        raise PlanError("plan.bad_k", k=k, maximum=n_candidates)


@dataclass(frozen=True)
class PlanProblem:
    """Demand, existing safe spaces and candidates, with who is within ``radius_m`` of what."""

    demand: pd.DataFrame  # as demand_points
    existing: pd.DataFrame  # lon, lat of the safe spaces kept
    candidates: pd.DataFrame  # as candidate_sites
    radius_m: float
    demand_xy: np.ndarray
    candidate_xy: np.ndarray
    existing_xy: np.ndarray
    cover: sparse.csr_matrix  # demand x candidates: 1 within the radius
    base: np.ndarray  # demand covered by an existing safe space
    nearest_existing_m: np.ndarray  # inf without any

    @property
    def weight(self) -> np.ndarray:
        return self.demand["weight"].to_numpy(float)


def plan_problem(
    demand: pd.DataFrame, existing: pd.DataFrame, candidates: pd.DataFrame, radius_m: float
) -> PlanProblem:
    """Measure the problem once: coverage pairs within ``radius_m`` and distances to the existing safe spaces.

    Raises
    ------
    PlanError
        ``plan.bad_radius`` outside 200 m to 20 km, ``plan.no_candidates``,
        ``plan.no_demand``.
    """
    if not (np.isfinite(radius_m) and RADIUS_MIN_M <= radius_m <= RADIUS_MAX_M):
        raise PlanError(
            "plan.bad_radius", value=f"{radius_m:g}", low=f"{RADIUS_MIN_M:,.0f}", high=f"{RADIUS_MAX_M:,.0f}"
        )
    if candidates.empty:
        raise PlanError("plan.no_candidates")
    if demand.empty:
        raise PlanError("plan.no_demand")
    demand_xy, candidate_xy, existing_xy = metric_xy(demand), metric_xy(candidates), metric_xy(existing)
    pairs = cKDTree(demand_xy).sparse_distance_matrix(cKDTree(candidate_xy), radius_m, output_type="ndarray")
    cover = sparse.csr_matrix(
        (np.ones(len(pairs)), (pairs["i"], pairs["j"])), shape=(len(demand_xy), len(candidate_xy))
    )
    nearest = cKDTree(existing_xy).query(demand_xy)[0] if len(existing_xy) else np.full(len(demand_xy), np.inf)
    return PlanProblem(
        demand,
        existing,
        candidates,
        float(radius_m),
        demand_xy,
        candidate_xy,
        existing_xy,
        cover,
        nearest <= radius_m,
        nearest,
    )


def covered(problem: PlanProblem, chosen: Sequence[int]) -> np.ndarray:
    """Which demand points are within the radius of an existing safe space or a chosen candidate."""
    reach = np.asarray(problem.cover[:, list(chosen)].sum(axis=1)).ravel() > 0
    return problem.base | reach


def greedy(problem: PlanProblem, k: int, start: Sequence[int] = ()) -> list[int]:
    """Candidates added one at a time, each the one covering the most weight not yet covered (lowest position on ties).

    The baseline the exact models are compared with; also how a plan is filled
    up once nothing more can be covered. ``start`` is kept and counts towards ``k``.
    """
    chosen = list(start)
    open_weight = np.where(covered(problem, chosen), 0.0, problem.weight)
    by_candidate = problem.cover.T.tocsr()
    while len(chosen) < k:
        gain = by_candidate @ open_weight
        gain[chosen] = -1.0
        best = int(np.argmax(gain))
        chosen.append(best)
        open_weight[by_candidate[best].indices] = 0.0
    return chosen


def site_report(problem: PlanProblem, chosen: Sequence[int], gap_districts: Iterable[str]) -> pd.DataFrame:
    """Each chosen site with what it adds: residents and weight newly covered, and the gap districts it reaches.

    A point newly covered by several new sites is counted once, for the
    nearest of them, so the rows add up to the plan's gain. A site *touches* a
    gap district when a community of that district lies within the radius.

    Returns
    -------
    pandas.DataFrame
        The candidates' columns, then ``residents_new``, ``weight_new`` and
        ``gap_districts`` (a tuple of codes), in the order chosen.
    """
    chosen = list(chosen)
    gaps = set(gap_districts)
    new = covered(problem, chosen) & ~problem.base
    sites = problem.candidates.iloc[chosen].reset_index(drop=True)
    owner = np.full(len(problem.demand), -1)
    if chosen and new.any():
        owner[new] = cKDTree(problem.candidate_xy[chosen]).query(problem.demand_xy[new])[1]
    residents, weight = problem.demand["residents"].to_numpy(float), problem.weight
    codes = problem.demand["dist_code"].to_numpy()
    sites["residents_new"] = [residents[owner == at].sum() for at in range(len(chosen))]
    sites["weight_new"] = [weight[owner == at].sum() for at in range(len(chosen))]
    sites["gap_districts"] = [
        tuple(sorted(gaps & set(codes[problem.cover[:, column].nonzero()[0]]))) for column in chosen
    ]
    return sites
