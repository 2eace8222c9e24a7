"""Community register files: one row per community, updated by id."""

from __future__ import annotations

import pandas as pd

from etl.columns import Column
from etl.lookups import Lookups
from etl.points import locate
from etl.problems import Problems
from etl.values import parse_bool, parse_int, parse_quarter, register_rows

__all__ = ["COLUMNS", "check", "validate"]

COLUMNS = [
    Column("community_id", True, ("รหัสชุมชน", "id")),
    Column("name_th", aliases=("ชื่อชุมชน", "ชื่อ")),
    Column("name_en", aliases=("name",)),
    Column("lat", True, ("latitude", "ละติจูด")),
    Column("lon", True, ("lng", "longitude", "ลองจิจูด")),
    Column("dist_code", aliases=("รหัสเขต",)),
    Column("population", aliases=("ประชากร",)),
    Column("households", aliases=("ครัวเรือน", "จำนวนครัวเรือน")),
    Column("pilot", aliases=("ชุมชนนำร่อง", "นำร่อง")),
    Column("pilot_start", aliases=("เริ่มนำร่อง",)),
    Column("location_note", aliases=("หมายเหตุตำแหน่ง",)),
]


def validate(frame: pd.DataFrame, lookups: Lookups) -> tuple[pd.DataFrame, Problems, Problems]:
    problems, warnings = Problems(), Problems()
    out = register_rows(frame, "community_id", ("location_note",), problems)
    out["lat"], out["lon"], found = locate(frame, lookups, problems, warnings, outside_ok=True)
    given = frame["dist_code"]
    disagree = (given != "") & found.notna() & (given != found)
    warnings.where(
        frame,
        disagree.to_numpy(),
        "dist_code",
        "point.district_disagrees",
    )
    out["dist_code"] = found
    out["population"] = parse_int(frame, "population", problems, required=False)
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
