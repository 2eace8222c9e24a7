"""Where residents live, as points: the demand of the coverage measure.

Coverage is measured per resident, as need is. Each district's population
(the one the rates use) is spread over points by one stated rule:

1. every registered community in the district carries its estimated
   residents (scaled down, all by the same factor, should they add up to
   more than the district's population);
2. the rest of the district's population is spread over its sub-districts
   in proportion to their area, each share at the sub-district's
   representative point (a point inside the polygon).

So the points of a district add up to its population exactly. Areas and
points are computed in EPSG:32647. Communities outside the districts given
a population (e.g. in Samut Prakan) keep their residents as they are: they
still compete for services near them.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from geo.projection import METRIC_CRS, to_metric

__all__ = ["DEMAND_KINDS", "resident_points"]

DEMAND_KINDS = ("community", "rest")  # a community's residents; the rest of a sub-district's share


def resident_points(
    communities: gpd.GeoDataFrame, subdistricts: gpd.GeoDataFrame, population: pd.Series
) -> gpd.GeoDataFrame:
    """Every resident on a point: communities with their residents, the rest of each district by sub-district area.

    Parameters
    ----------
    communities : geopandas.GeoDataFrame
        Points with ``dist_code`` and ``population`` (missing counts as 0).
    subdistricts : geopandas.GeoDataFrame
        Polygons with ``dist_code``.
    population : pandas.Series
        Residents by ``dist_code``: the districts whose population is spread.
        A district without sub-districts keeps only its communities' share.

    Returns
    -------
    geopandas.GeoDataFrame
        ``dist_code``, ``kind`` (:data:`DEMAND_KINDS`) and ``population``,
        points in EPSG:32647: communities first, in their order, then one
        point per sub-district with residents left to place.

    Examples
    --------
    A district of 10,000 with one community of 4,000 and two sub-districts of
    1 and 2 km²: the other 6,000 go 2,000 and 4,000.

    >>> from shapely.geometry import Point, box
    >>> crs = "EPSG:32647"
    >>> communities = gpd.GeoDataFrame({"dist_code": ["1001"], "population": [4_000]},
    ...     geometry=[Point(660_500, 1_520_500)], crs=crs)
    >>> squares = [box(660_000, 1_520_000, 661_000, 1_521_000), box(661_000, 1_520_000, 663_000, 1_521_000)]
    >>> subdistricts = gpd.GeoDataFrame({"dist_code": ["1001", "1001"]}, geometry=squares, crs=crs)
    >>> resident_points(communities, subdistricts, pd.Series({"1001": 10_000}))[["kind", "population"]]
            kind  population
    0  community      4000.0
    1       rest      2000.0
    2       rest      4000.0
    """
    total = pd.to_numeric(population, errors="coerce").fillna(0.0)
    residents = pd.to_numeric(communities["population"], errors="coerce").fillna(0.0).clip(lower=0.0)
    listed = residents.groupby(communities["dist_code"]).sum().reindex(total.index, fill_value=0.0)
    scale = (total / listed).where(listed > total, 1.0)  # communities never hold more than their district
    residents = residents * communities["dist_code"].map(scale).fillna(1.0)
    rest = total - listed.clip(upper=total)

    spread = subdistricts[subdistricts["dist_code"].isin(total.index)]
    polygons = to_metric(spread.geometry)
    area = pd.Series(polygons.area.to_numpy(), index=spread.index)
    share = area / area.groupby(spread["dist_code"]).transform("sum") * spread["dist_code"].map(rest)
    keep = (share > 0).to_numpy()
    points = pd.concat(
        [
            pd.DataFrame({"dist_code": communities["dist_code"].to_numpy(), "kind": DEMAND_KINDS[0]}).assign(
                population=residents.to_numpy(dtype=float), geometry=to_metric(communities.geometry).to_numpy()
            ),
            pd.DataFrame({"dist_code": spread["dist_code"].to_numpy()[keep], "kind": DEMAND_KINDS[1]}).assign(
                population=share.to_numpy(dtype=float)[keep], geometry=polygons.representative_point().to_numpy()[keep]
            ),
        ],
        ignore_index=True,
    )
    return gpd.GeoDataFrame(points, geometry="geometry", crs=METRIC_CRS)
