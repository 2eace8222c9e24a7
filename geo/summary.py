"""One row per district: cases, rates, hot spots, service coverage and gaps, from plain inputs.

The publish step (:mod:`etl.publish.districts`) calls this with counts summed
from protected cells, never with true counts, and publishes the result.

Districts with no case rows in the window have no rate: they are not
treated as zero (that would make cold spots of districts that did not
report) but left out of the smoothing and of the spatial statistics, whose
queen weights then link only the districts with a rate.
"""

from __future__ import annotations

import warnings

import geopandas as gpd
import numpy as np
import pandas as pd
from libpysal.weights import W, w_subset

from core.codes import SERVICE_TYPES
from geo.coverage import district_accessibility, nearest_by_type, two_step_fca_scenarios
from geo.fdr import benjamini_hochberg
from geo.gap_scenarios import COVERAGE_SCENARIOS, MAIN, MAJORITY, Scenario, gap_shares, high_need_draws, low_coverage
from geo.gaps import bivariate_class, referral_gap
from geo.hotspots import getis_ord_gi_star, global_moran, hotspot_classes, local_moran_clusters, queen_weights
from geo.rates import rate_per_100k
from geo.smoothing import eb_rate_per_100k, exceedance_probability

__all__ = [
    "ACCESS_SERVICE_TYPE",
    "ALPHA",
    "DEFAULT_CATCHMENT_M",
    "MIN_AREAS",
    "district_coverage",
    "district_summary",
    "map_moran",
    "scenario_access",
]

DEFAULT_CATCHMENT_M = MAIN.catchment_m
ACCESS_SERVICE_TYPE = "safe_space"  # the supply of the 2SFCA accessibility
# Local statistics need areas to compare with: with fewer than three districts
# with a rate, or none of them adjacent, they are not computed (esda would fail).
MIN_AREAS = 3
_STATISTICS = {
    "gi_z": float,
    "gi_p": float,
    "gi_q": float,
    "hotspot_class": object,
    "lisa_p": float,
    "lisa_q": float,
    "lisa_class": object,
}
ALPHA = 0.05  # the false discovery rate the local statistics' classes control


def _known_weights(districts: gpd.GeoDataFrame, smoothed: pd.Series, weights: W | None) -> W | None:
    """Queen weights of the districts where ``smoothed`` is known; None when there are too few, or no
    two adjacent. Contiguity between two districts does not depend on the others, so the weights of all
    districts, cut down to the known ones, are theirs."""
    codes = districts["dist_code"]  # the codes alone: filtering the polygons would copy them for nothing
    known = codes[codes.map(smoothed).notna().to_numpy()]
    if len(known) < MIN_AREAS:
        return None
    if weights is None:
        weights = queen_weights(districts, "dist_code")
    with warnings.catch_warnings():  # islands are handled by the statistics
        warnings.filterwarnings("ignore", "The weights matrix is not fully connected", UserWarning)
        w = w_subset(weights, known.tolist(), silence_warnings=True)
    return None if len(w.islands) == w.n else w


def _local_statistics(districts: gpd.GeoDataFrame, smoothed: pd.Series, weights: W | None) -> pd.DataFrame:
    """Gi* and local Moran of ``smoothed`` (indexed by dist_code) over the districts where it is known."""
    w = _known_weights(districts, smoothed, weights)
    if w is None:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in _STATISTICS.items()})
    values = smoothed.reindex(w.id_order)
    gi = getis_ord_gi_star(values, w)
    gi["gi_q"] = benjamini_hochberg(gi["gi_p"].round(4))  # the adjustment of the p-value as published
    gi["hotspot_class"] = hotspot_classes(gi["gi_z"], gi["gi_q"])
    lisa = local_moran_clusters(values, w)
    lisa["lisa_q"] = benjamini_hochberg(lisa["lisa_p"])
    lisa["lisa_class"] = np.where(lisa["lisa_q"] < ALPHA, lisa["lisa_quadrant"], "not_significant")
    return gi.join(lisa[["lisa_p", "lisa_q", "lisa_class"]])[list(_STATISTICS)]


def map_moran(districts: gpd.GeoDataFrame, smoothed: pd.Series, weights: W | None = None) -> tuple[float, float]:
    """Global Moran's I of ``smoothed`` (indexed by dist_code) over the districts where it is known, with its
    two-sided permutation p (:func:`geo.hotspots.global_moran`); NaN for both when it cannot be computed."""
    w = _known_weights(districts, smoothed, weights)
    return (float("nan"), float("nan")) if w is None else global_moran(smoothed.reindex(w.id_order), w)


def district_coverage(
    demand: gpd.GeoDataFrame,
    services: gpd.GeoDataFrame,
    catchment_m: float = MAIN.catchment_m,
    decay: bool = MAIN.decay,
) -> pd.DataFrame:
    """Per district: 2SFCA accessibility of safe spaces and mean distance to the nearest service of each type.

    The one coverage measure: the publish step calls it for the services open
    in each window, and a what-if may call it with services of its own.

    Parameters
    ----------
    demand : geopandas.GeoDataFrame
        Points with ``dist_code`` and ``population``: every resident
        (:func:`geo.demand.resident_points`); points outside the districts
        reported still count as demand for services near them.
    services : geopandas.GeoDataFrame
        The services open: points with ``service_type`` and ``capacity``
        (missing: 1); only safe spaces are the 2SFCA's supply.
    catchment_m : float
        Catchment radius of the 2SFCA in metres.
    decay : bool
        Enhanced 2SFCA (Luo and Qi's step weights within the catchment,
        :func:`geo.coverage.decay_weights`), the default; False for plain 2SFCA.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``dist_code``: ``access_2sfca`` (places per resident) and
        ``dist_m_<type>``, population-weighted means over the district's
        demand points.
    """
    distances = nearest_by_type(demand, services, types=SERVICE_TYPES)
    frame = pd.concat([demand[["dist_code", "population"]].reset_index(drop=True), distances], axis=1)
    # district_accessibility is the population-weighted mean of any column, distances included.
    means = [district_accessibility(frame, access_column=column) for column in distances.columns]
    return pd.concat([_access(demand, services, Scenario(catchment_m, decay)).rename("access_2sfca"), *means], axis=1)


def _access(demand: gpd.GeoDataFrame, services: gpd.GeoDataFrame, scenario: Scenario) -> pd.Series:
    """The population-weighted mean 2SFCA accessibility of safe spaces of each district's demand points."""
    return _scenarios_access(demand, services, (scenario,))[0]


def _scenarios_access(
    demand: gpd.GeoDataFrame, services: gpd.GeoDataFrame, scenarios: tuple[Scenario, ...]
) -> list[pd.Series]:
    """:func:`_access` under each of ``scenarios``: the supply and the demand's districts taken once for all."""
    supply = services[services["service_type"] == ACCESS_SERVICE_TYPE]
    people = demand[["dist_code", "population"]].reset_index(drop=True)
    settings = [(s.catchment_m, s.decay) for s in scenarios]
    return [
        district_accessibility(people.assign(access=access.to_numpy()), access_column="access")
        for access in two_step_fca_scenarios(demand, supply, settings)
    ]


def scenario_access(
    demand: gpd.GeoDataFrame, services: gpd.GeoDataFrame, scenarios: tuple[Scenario, ...] = COVERAGE_SCENARIOS
) -> pd.DataFrame:
    """``access_2sfca`` of :func:`district_coverage` under each coverage scenario (distances left out).

    Returns
    -------
    pandas.DataFrame
        One column per :attr:`geo.gap_scenarios.Scenario.name`, indexed by ``dist_code``.
    """
    return pd.DataFrame(
        dict(zip((s.name for s in scenarios), _scenarios_access(demand, services, scenarios), strict=True))
    )


def district_summary(
    districts: gpd.GeoDataFrame,
    cases: pd.DataFrame,
    population: pd.Series,
    coverage: pd.DataFrame,
    n_services: pd.Series,
    weights: W | None = None,
    access_scenarios: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The district table: counts, rates, hot spots, coverage and gaps over one window of quarters.

    Definitions:

    - ``rate_per_100k``: cases reported per 100,000 residents over the
      window (summed over its quarters, not annualised);
      ``eb_rate_per_100k``: that rate after global empirical Bayes smoothing
      (:func:`geo.smoothing.eb_rate_per_100k`); ``need_prob``: the posterior
      probability that the district's rate exceeds Bangkok's under the same
      Poisson-Gamma model (:func:`geo.smoothing.exceedance_probability`).
    - ``gi_z``, ``gi_p``, ``gi_q``, ``hotspot_class``: local Getis-Ord Gi*
      of the smoothed rate, queen contiguity, binary weights with the
      district itself included; analytical z, two-sided conditional
      permutation p (9,999 draws, fixed seed) to 4 decimals, its
      Benjamini-Hochberg q across the districts tested, and the class from
      q (< 0.01, < 0.05) and the sign of z. ``lisa_p``, ``lisa_q``,
      ``lisa_class``: local Moran's I, folded (one-directional) pseudo p
      from 999 permutations, its BH q, and the cluster or outlier where
      q < 0.05 (:mod:`geo.hotspots`, :mod:`geo.fdr`). Missing for districts without a rate, and for
      all when fewer than :data:`MIN_AREAS` districts have one or none of
      them are adjacent.
    - ``n_services``, ``services_per_100k``: services of every type located
      in the district, and per 100,000 residents.
    - ``access_2sfca``, ``dist_m_<type>``: :func:`district_coverage` (enhanced
      2SFCA of safe spaces within 3 km with every resident as demand, and
      mean distances to the nearest service of each type).
    - ``referral_rate``, ``unreferred``: referred / reported, and reported
      minus referred (:func:`geo.gaps.referral_gap`).
    - ``need_class``, ``coverage_class``, ``gap_class``: need from
      ``need_prob`` (3 from 0.9, 1 up to 0.1, in tenths), coverage terciles
      (1 low) of the accessibility, and ``"<need>-<coverage>"``
      (:func:`geo.gaps.bivariate_class`).
    - ``gap_share``: the share of the gap scenarios (coverage scenarios x
      Poisson resamplings of ``cases_reported``, :mod:`geo.gap_scenarios`)
      in which the district has high need and low coverage; NaN without a
      count. ``gap``: ``gap_share`` above :data:`geo.gap_scenarios.MAJORITY`.

    Parameters
    ----------
    districts : geopandas.GeoDataFrame
        The districts reported, one polygon each, with ``dist_code``,
        ``name_th`` and ``name_en``; rows come out in this order.
    cases : pandas.DataFrame
        Counts over the window per district: ``dist_code``,
        ``cases_reported`` and ``cases_referred`` (NaN where unknown). A
        district missing here has no data (NaN), not zero.
    population : pandas.Series
        Residents indexed by ``dist_code``.
    coverage : pandas.DataFrame
        :func:`district_coverage` of the services open in the window.
    n_services : pandas.Series
        Services of every type open in the window, by ``dist_code``.
    weights : libpysal.weights.W, optional
        Queen contiguity of ``districts`` by ``dist_code``, when the caller
        has it (it is computed otherwise).
    access_scenarios : pandas.DataFrame, optional
        :func:`scenario_access` of the same services; without it, the
        accessibility in ``coverage`` is the only coverage scenario.

    Returns
    -------
    pandas.DataFrame
        One row per district with the columns named above, the same for the
        same inputs.
    """
    codes = pd.Index(districts["dist_code"], name="dist_code")
    table = pd.DataFrame(districts[["dist_code", "name_th", "name_en"]]).reset_index(drop=True)
    table["population"] = population.reindex(codes).to_numpy()
    counts = cases.set_index("dist_code").reindex(codes)
    table["cases_reported"] = counts["cases_reported"].to_numpy(dtype=float)
    table["cases_referred"] = counts["cases_referred"].to_numpy(dtype=float)
    table["rate_per_100k"] = rate_per_100k(table["cases_reported"], table["population"])
    table["eb_rate_per_100k"] = eb_rate_per_100k(table["cases_reported"], table["population"])
    table["need_prob"] = exceedance_probability(table["cases_reported"], table["population"])
    smoothed = table.set_index("dist_code")["eb_rate_per_100k"]
    table = table.join(_local_statistics(districts, smoothed, weights).reindex(codes).reset_index(drop=True))
    table["n_services"] = n_services.reindex(codes, fill_value=0).to_numpy()
    table["services_per_100k"] = rate_per_100k(table["n_services"], table["population"])
    table = table.join(coverage.reindex(codes).reset_index(drop=True))
    table = table.join(referral_gap(table["cases_reported"], table["cases_referred"]))
    table = table.join(bivariate_class(table["need_prob"], table["access_2sfca"]))
    scenarios = coverage[["access_2sfca"]] if access_scenarios is None else access_scenarios
    low = low_coverage(scenarios.reindex(codes))
    share = gap_shares(high_need_draws(table["cases_reported"], table["population"]), low)
    table["gap_share"] = np.where(table["cases_reported"].notna(), share, np.nan)
    table["gap"] = table["gap_share"].gt(MAJORITY)
    return table
