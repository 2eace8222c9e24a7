"""Community register files: one row per community, updated by id."""

from __future__ import annotations

import numpy as np
import pandas as pd

from core.codes import COMMUNITY_TYPES
from etl.columns import Column
from etl.lookups import Lookups
from etl.points import locate
from etl.problems import Problems
from etl.values import parse_bool, parse_choice, parse_int, parse_quarter, register_rows
from geo.joins import points
from geo.projection import to_metric

__all__ = ["COLUMNS", "DISTRICT_TOLERANCE_M", "TYPE_WORDS", "check", "validate"]

COLUMNS = [
    Column("community_id", True, ("รหัสชุมชน", "id")),
    Column("name_th", aliases=("ชื่อชุมชน", "ชื่อ")),
    Column("name_en", aliases=("name",)),
    Column("lat", True, ("latitude", "ละติจูด")),
    Column("lon", True, ("lng", "longitude", "ลองจิจูด")),
    Column("dist_code", aliases=("รหัสเขต",)),
    Column("community_type", aliases=("ประเภทชุมชน", "type")),
    Column("population", aliases=("ประชากร",)),
    Column("population_estimated", aliases=("ประชากรโดยประมาณ", "population_is_estimate")),
    Column("households", aliases=("ครัวเรือน", "จำนวนครัวเรือน")),
    Column("pilot", aliases=("ชุมชนนำร่อง", "นำร่อง")),
    Column("pilot_start", aliases=("เริ่มนำร่อง",)),
    Column("location_note", aliases=("หมายเหตุตำแหน่ง",)),
]

# The register's types: English codes, the BMA's Thai words and its English labels.
TYPE_WORDS = {code: code for code in COMMUNITY_TYPES} | {
    "ชุมชนเมือง": "urban",
    "ชุมชนแออัด": "crowded",
    "slum": "crowded",
    "slum/crowded": "crowded",
    "ชุมชนชานเมือง": "suburban",
    "ชุมชนอาคารสูง": "high_rise",
    "high-rise": "high_rise",
    "ชุมชนหมู่บ้านจัดสรร": "housing_estate",
    "housing estate": "housing_estate",
}

# The BMA's and HDX's boundary layers differ along district edges by up to about
# 100 m: a given district is kept for a point this close to it (measured in EPSG:32647).
DISTRICT_TOLERANCE_M = 200.0


def _metres_to_given(lat: pd.Series, lon: pd.Series, given: pd.Series, lookups: Lookups) -> pd.Series:
    """Distance in metres from each point to the district its row names (NaN for unknown codes)."""
    layers = pd.concat([lookups.districts, lookups.context_districts], ignore_index=True)
    shapes = to_metric(layers.set_index("dist_code").geometry)
    known = given.isin(shapes.index) & lat.notna() & lon.notna()
    metres = pd.Series(np.nan, index=given.index)
    if known.any():
        where = to_metric(points(lon[known].to_numpy(), lat[known].to_numpy()))
        metres[known] = where.distance(shapes.loc[given[known]].reset_index(drop=True), align=False).to_numpy()
    return metres


def _district(
    frame: pd.DataFrame, lat: pd.Series, lon: pd.Series, found: pd.Series, lookups: Lookups, warnings: Problems
) -> pd.Series:
    """The point's district; a given code within :data:`DISTRICT_TOLERANCE_M` of the point wins.

    A given code farther away is reported, and the point's district is stored.
    """
    given = frame["dist_code"]
    differs = ((given != "") & (given != found)).to_numpy(dtype=bool)
    near = np.zeros(len(frame), dtype=bool)
    if differs.any():
        metres = _metres_to_given(lat[differs], lon[differs], given[differs], lookups)
        near[differs] = (metres <= DISTRICT_TOLERANCE_M).to_numpy()
    kept = set((frame.index[near] + 2).tolist())  # spreadsheet rows
    warnings[:] = [w for w in warnings if not (w.code == "point.outside_bangkok" and w.row in kept)]
    warnings.where(frame, differs & ~near & found.notna().to_numpy(), "dist_code", "point.district_disagrees")
    return found.where(~near, given)


def validate(frame: pd.DataFrame, lookups: Lookups) -> tuple[pd.DataFrame, Problems, Problems]:
    problems, warnings = Problems(), Problems()
    out = register_rows(frame, "community_id", ("location_note",), problems)
    out["lat"], out["lon"], found = locate(frame, lookups, problems, warnings, outside_ok=True)
    out["dist_code"] = _district(frame, out["lat"], out["lon"], found, lookups, warnings)
    types = parse_choice(frame, "community_type", TYPE_WORDS, problems, default="")  # empty: not stated
    out["community_type"] = types.where(types != "")
    out["population"] = parse_int(frame, "population", problems, required=False)
    out["population_estimated"] = parse_bool(frame, "population_estimated", problems)
    out["households"] = parse_int(frame, "households", problems, required=False)
    out["pilot"] = parse_bool(frame, "pilot", problems)
    out["pilot_start"] = parse_quarter(frame, "pilot_start", problems, required=False)
    no_start = out["pilot"] & out["pilot_start"].isna() & (frame["pilot_start"] == "")
    problems.where(frame, no_start.to_numpy(), "pilot_start", "pilot.no_start")
    return out, problems, warnings


def check(table, con):
    """:func:`validate` on an Arrow table of text cells, giving rows typed as the ``communities`` table."""
    from etl.typed import check_frame

    return check_frame(validate, table, con, "communities")
