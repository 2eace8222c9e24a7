"""Sub-district (khwaeng) boundaries for the maps' drill-down: public reference data, no counts.

The warehouse keeps the 180 khwaeng at full detail; the snapshot gets them
simplified with shared edges kept (:func:`geo.projection.display_geometry`),
as the districts are, so a district's drill-down costs its map little.
Cases are not published by sub-district: the finest protected cells are
quarter × district × community (README, Privacy), and sub-district sums of
other cells could be differenced against the district figures.
"""

from __future__ import annotations

import pandas as pd
import shapely

from db.connect import connect
from db.geometry import geometry_frame
from geo.projection import display_geometry

__all__ = ["subdistrict_table"]


def subdistrict_table(db=None) -> pd.DataFrame:
    """The khwaeng of the warehouse ``db`` as a snapshot table: codes, names, area and display geometry as WKB."""
    with connect(db, read_only=True) as con:
        frame = geometry_frame(
            con,
            "SELECT subdist_code, dist_code, name_th, name_en, area_km2, ST_AsWKB(geom) AS wkb "
            "FROM subdistricts ORDER BY subdist_code",
        )
    simplified = display_geometry(frame) if len(frame) else frame.geometry
    return pd.DataFrame(frame.drop(columns="geometry")).assign(wkb=shapely.to_wkb(simplified.values))
