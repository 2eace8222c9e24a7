"""How far help is, and how much of it there is per person: nearest distances and two-step floating catchments.

Points may come in any CRS; distances are straight lines measured in
EPSG:32647 (metres), found with a KD-tree, so thousands of communities
against hundreds of services take milliseconds, not an all-pairs loop.
"""

from __future__ import annotations

from collections.abc import Iterable

import geopandas as gpd
import numpy as np
import pandas as pd
from scipy import sparse
from scipy.spatial import cKDTree

from geo.projection import to_metric
from geo.rates import rate_per_100k

__all__ = [
    "ACCESS_COLUMN",
    "LUO_QI_WEIGHTS",
    "decay_weights",
    "district_accessibility",
    "nearest_by_type",
    "nearest_distance_m",
    "services_per_100k",
    "two_step_fca",
    "two_step_fca_scenarios",
]

ACCESS_COLUMN = "access_per_person"
# Luo and Qi's (2009) weights for the three travel zones of a catchment (0-10, 10-20, 20-30 minutes),
# the default of the access package's enhanced 2SFCA; here the zones are thirds of the catchment radius.
LUO_QI_WEIGHTS = (1.0, 0.68, 0.22)


def decay_weights(distance_m: np.ndarray, catchment_m: float, decay: bool = False) -> np.ndarray:
    """Weight of each distance in a catchment: 1 within it (``decay`` False, plain 2SFCA), or Luo and Qi's
    step weights 1, 0.68 and 0.22 over its inner, middle and outer third (enhanced 2SFCA); 0 beyond it.

    A distance on a zone's outer edge belongs to that zone, as in ``access.weights.step_fn``.

    Parameters
    ----------
    distance_m : numpy.ndarray
        Distances in metres.
    catchment_m : float
        Catchment radius in metres.
    decay : bool
        Whether the weight falls with distance.

    Returns
    -------
    numpy.ndarray
        Weights, the shape of ``distance_m``.

    Examples
    --------
    >>> decay_weights(np.array([0.0, 1_000.0, 1_500.0, 2_500.0, 3_000.0, 3_001.0]), 3_000.0, decay=True).tolist()
    [1.0, 1.0, 0.68, 0.22, 0.22, 0.0]
    >>> decay_weights(np.array([2_500.0, 3_001.0]), 3_000.0).tolist()
    [1.0, 0.0]
    """
    distance = np.asarray(distance_m, dtype=float)
    if not decay:
        return np.where(distance <= catchment_m, 1.0, 0.0)
    edges = [catchment_m / 3, 2 * catchment_m / 3, catchment_m]
    return np.select([distance <= edge for edge in edges], LUO_QI_WEIGHTS, 0.0)


def _metric_xy(points: gpd.GeoDataFrame | gpd.GeoSeries) -> np.ndarray:
    """(n, 2) easting and northing in metres (EPSG:32647) of point geometries."""
    metric = to_metric(points.geometry)
    return np.column_stack([metric.x.to_numpy(), metric.y.to_numpy()])


def nearest_distance_m(
    origins: gpd.GeoDataFrame | gpd.GeoSeries, targets: gpd.GeoDataFrame | gpd.GeoSeries
) -> pd.Series:
    """Straight-line distance in metres from each origin point to its nearest target point.

    Parameters
    ----------
    origins, targets : geopandas.GeoDataFrame or geopandas.GeoSeries
        Points with a CRS; measured in EPSG:32647.

    Returns
    -------
    pandas.Series
        ``dist_m`` with the index of ``origins``; NaN for every origin when
        there are no targets.

    Examples
    --------
    >>> from geo.joins import points
    >>> nearest_distance_m(points([100.50], [13.75]), points([100.51, 100.60], [13.75, 13.75])).round(-1).tolist()
    [1080.0]
    """
    return pd.Series(_nearest(_metric_xy(origins), _metric_xy(targets)), index=origins.index, name="dist_m")


def _nearest(origin_xy: np.ndarray, target_xy: np.ndarray) -> np.ndarray:
    if not len(target_xy) or not len(origin_xy):
        return np.full(len(origin_xy), np.nan)
    return cKDTree(target_xy).query(origin_xy)[0]


def nearest_by_type(
    communities: gpd.GeoDataFrame,
    services: gpd.GeoDataFrame,
    type_column: str = "service_type",
    types: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Distance in metres from each community to the nearest service of each type.

    Parameters
    ----------
    communities, services : geopandas.GeoDataFrame
        Points with a CRS.
    type_column : str
        Column of ``services`` naming each service's type.
    types : iterable of str, optional
        Types to report, in this order; every type present when omitted. A
        type with no service gives a column of NaN.

    Returns
    -------
    pandas.DataFrame
        One column ``dist_m_<type>`` per type, with the index of ``communities``.

    Examples
    --------
    >>> from geo.joins import points
    >>> services = gpd.GeoDataFrame({"service_type": ["police", "shelter"]},
    ...                             geometry=points([100.51, 100.60], [13.75, 13.75]))
    >>> nearest_by_type(gpd.GeoDataFrame(geometry=points([100.50], [13.75])), services).round(-1)
       dist_m_police  dist_m_shelter
    0         1080.0         10810.0
    """
    kinds = sorted(services[type_column].dropna().unique()) if types is None else list(types)
    origin_xy, service_xy = _metric_xy(communities), _metric_xy(services)  # project once, not once per type
    kind_of = services[type_column].to_numpy()
    return pd.DataFrame(
        {f"dist_m_{kind}": _nearest(origin_xy, service_xy[kind_of == kind]) for kind in kinds},
        index=communities.index,
    )


def two_step_fca(
    demand: gpd.GeoDataFrame,
    supply: gpd.GeoDataFrame,
    catchment_m: float = 3000.0,
    population_column: str = "population",
    capacity_column: str = "capacity",
    decay: bool = False,
) -> pd.Series:
    """Two-step floating catchment area (2SFCA) accessibility of each demand point (Luo and Wang 2003),
    optionally enhanced with distance decay (E2SFCA, Luo and Qi 2009).

    Step 1, for each supply point j: ``R_j = S_j / sum(P_k W(d_kj))`` over the
    demand points k within ``catchment_m`` of j. Step 2, for each demand point
    i: ``A_i = sum(R_j W(d_ij))`` over the supply points j within
    ``catchment_m`` of i. ``W`` is 1 (plain 2SFCA) or, with ``decay``, the
    step weights of :func:`decay_weights` (the ``access`` package's
    ``enhanced_two_stage_fca`` with ``step_fn`` zones at thirds of the
    catchment). "Within" is a straight-line distance in EPSG:32647 metres,
    boundary included (``<=``, as the ``access`` package's ``max_cost``).

    The unit is capacity per person: with capacity counted in places, 0.002
    means 2 places per 1,000 people (multiply by 1,000 for a per-1,000
    figure). The population-weighted mean of ``A_i`` over all demand points
    equals the total capacity within reach of anyone divided by the total
    population, so the measure redistributes supply rather than inventing it.

    Parameters
    ----------
    demand : geopandas.GeoDataFrame
        Points (communities) with a population column.
    supply : geopandas.GeoDataFrame
        Points (services), with an optional capacity column; a missing column
        or a missing value counts as capacity 1.
    catchment_m : float
        Catchment radius in metres.
    population_column, capacity_column : str
        Column names.
    decay : bool
        Weigh by distance within the catchment (enhanced 2SFCA).

    Returns
    -------
    pandas.Series
        ``access_per_person`` with the index of ``demand``: 0 where no supply
        is in reach; NaN where the population is unknown (such a point adds
        no demand either). A supply point with no known population in reach
        serves no one.

    Examples
    --------
    A service of capacity 10 with 1,000 people 1 km away and 3,000 people
    5 km away: only the first are in a 3 km catchment, so R = 10 / 1,000.

    >>> from shapely.geometry import Point
    >>> demand = gpd.GeoDataFrame({"population": [1_000, 3_000]},
    ...     geometry=[Point(661_000, 1_520_000), Point(665_000, 1_520_000)], crs="EPSG:32647")
    >>> supply = gpd.GeoDataFrame({"capacity": [10]}, geometry=[Point(660_000, 1_520_000)], crs="EPSG:32647")
    >>> two_step_fca(demand, supply).tolist()
    [0.01, 0.0]

    With decay, a lone demand point in reach still gets S / P: its weight W
    cancels (R = 10 / (W x 1,000), A = W R).

    >>> two_step_fca(demand, supply, decay=True).round(12).tolist()
    [0.01, 0.0]
    """
    return two_step_fca_scenarios(demand, supply, [(catchment_m, decay)], population_column, capacity_column)[0]


def two_step_fca_scenarios(
    demand: gpd.GeoDataFrame,
    supply: gpd.GeoDataFrame,
    scenarios: Iterable[tuple[float, bool]],
    population_column: str = "population",
    capacity_column: str = "capacity",
) -> list[pd.Series]:
    """:func:`two_step_fca` under each ``(catchment_m, decay)`` of ``scenarios``, in that order.

    The points are projected and their KD-trees built once for every
    scenario: a publish measures eight scenarios for each set of open
    services, and projecting every resident point was most of each one.
    """
    population = pd.to_numeric(demand[population_column], errors="coerce").to_numpy(dtype=float)
    capacity = (
        pd.to_numeric(supply[capacity_column], errors="coerce").fillna(1).to_numpy(dtype=float)
        if capacity_column in supply
        else np.ones(len(supply))
    )
    trees = (cKDTree(_metric_xy(supply)), cKDTree(_metric_xy(demand))) if len(supply) and len(demand) else None
    return [
        pd.Series(
            np.where(np.isnan(population), np.nan, _catchment_access(trees, population, capacity, catchment_m, decay)),
            index=demand.index,
            name=ACCESS_COLUMN,
        )
        for catchment_m, decay in scenarios
    ]


def _catchment_access(
    trees: tuple[cKDTree, cKDTree] | None, population: np.ndarray, capacity: np.ndarray, catchment_m: float, decay: bool
) -> np.ndarray:
    """Each demand point's 2SFCA accessibility from the (supply, demand) KD-``trees``; 0 without any."""
    if trees is None:
        return np.zeros(len(population))
    supply_tree, demand_tree = trees
    # every (supply, demand) pair within reach, distance 0 included
    pairs = supply_tree.sparse_distance_matrix(demand_tree, catchment_m, output_type="ndarray")
    weight = decay_weights(pairs["v"], catchment_m, decay)
    reach = sparse.csr_matrix((weight, (pairs["i"], pairs["j"])), shape=(len(capacity), len(population)))
    demand_in_reach = reach @ np.nan_to_num(population)
    ratio = np.divide(capacity, demand_in_reach, out=np.zeros(len(capacity)), where=demand_in_reach > 0)
    return reach.T @ ratio


def district_accessibility(
    communities_with_access: pd.DataFrame,
    population_column: str = "population",
    district_column: str = "dist_code",
    access_column: str = ACCESS_COLUMN,
) -> pd.Series:
    """Population-weighted mean accessibility of the communities in each district.

    Communities with unknown accessibility or no known population are left
    out; a district with none left is NaN.

    Parameters
    ----------
    communities_with_access : pandas.DataFrame
        One row per community, e.g. communities joined with :func:`two_step_fca`.
    population_column, district_column, access_column : str
        Column names.

    Returns
    -------
    pandas.Series
        ``access_column`` indexed by district.

    Examples
    --------
    >>> frame = pd.DataFrame({"dist_code": ["1001", "1001", "1002"],
    ...     "population": [1_000, 3_000, 500], "access_per_person": [0.004, 0.0, 0.002]})
    >>> district_accessibility(frame).tolist()
    [0.001, 0.002]
    """
    frame = communities_with_access
    population = pd.to_numeric(frame[population_column], errors="coerce").to_numpy(dtype=float)
    values = frame[access_column].to_numpy(dtype=float)
    codes, districts = pd.factorize(frame[district_column], sort=True)  # NaN districts get -1 and are left out
    usable = (codes >= 0) & (population > 0) & np.isfinite(values)
    weighted = np.bincount(codes[usable], weights=values[usable] * population[usable], minlength=len(districts))
    total = np.bincount(codes[usable], weights=population[usable], minlength=len(districts))
    mean = np.divide(weighted, total, out=np.full(len(districts), np.nan), where=total > 0)
    return pd.Series(mean, index=pd.Index(districts, name=district_column), name=access_column)


def services_per_100k(
    services: pd.DataFrame,
    population_by_district: pd.Series,
    types: Iterable[str] | None = None,
    district_column: str = "dist_code",
    type_column: str = "service_type",
) -> pd.DataFrame:
    """Number of services of each type in each district, and per 100,000 residents.

    Parameters
    ----------
    services : pandas.DataFrame
        One row per service, with its district (from a point-in-polygon join)
        and type. Services outside every district of ``population_by_district``
        (e.g. over the Bangkok border) are not counted.
    population_by_district : pandas.Series
        Population indexed by district code: the districts reported.
    types : iterable of str, optional
        Types to report; every type present when omitted. A type a district
        lacks counts 0 there.
    district_column, type_column : str
        Column names in ``services``.

    Returns
    -------
    pandas.DataFrame
        One row per district and type: ``district_column``, ``type_column``,
        ``services``, ``population`` and ``per_100k`` (NaN for a district of
        unknown or zero population).

    Examples
    --------
    >>> services = pd.DataFrame({"dist_code": ["1001", "1001", "1002"],
    ...                          "service_type": ["police", "shelter", "police"]})
    >>> services_per_100k(services, pd.Series({"1001": 50_000, "1002": 200_000}))
      dist_code service_type  services  population  per_100k
    0      1001       police         1       50000       2.0
    1      1001      shelter         1       50000       2.0
    2      1002       police         1      200000       0.5
    3      1002      shelter         0      200000       0.0
    """
    kinds = sorted(services[type_column].dropna().unique()) if types is None else list(types)
    cells = pd.MultiIndex.from_product([population_by_district.index, kinds], names=[district_column, type_column])
    counts = services.groupby([district_column, type_column]).size().reindex(cells, fill_value=0)
    table = counts.rename("services").reset_index()
    table["population"] = population_by_district.reindex(table[district_column]).to_numpy()
    table["per_100k"] = rate_per_100k(table["services"].to_numpy(), table["population"].to_numpy())
    return table
