"""Population tables: one figure per district (and year, when the source gives one)."""

from __future__ import annotations

import pandas as pd

from etl.columns import Column
from etl.lookups import Lookups
from etl.problems import Problems
from etl.values import parse_int

__all__ = ["COLUMNS", "check", "validate"]

COLUMNS = [
    Column("dist_code", True, ("รหัสเขต",)),
    Column("year", aliases=("ปี",)),
    Column("population", True, ("ประชากร", "pop_total")),
    Column("source", True, ("แหล่งข้อมูล",)),
]


def validate(frame: pd.DataFrame, lookups: Lookups) -> tuple[pd.DataFrame, Problems, Problems]:
    problems, warnings = Problems(), Problems()
    out = pd.DataFrame(index=frame.index)
    out["dist_code"] = frame["dist_code"]
    unknown = ~frame["dist_code"].isin(list(lookups.bangkok_codes))
    problems.where(frame, unknown.to_numpy(), "dist_code", "district.unknown_bangkok_code")
    out["year"] = parse_int(frame, "year", problems, required=False, minimum=1900)
    out["population"] = parse_int(frame, "population", problems, required=True, minimum=1)
    out["source"] = frame["source"]
    problems.where(frame, (frame["source"] == "").to_numpy(), "source", "population.source_missing")
    repeated = out[["dist_code", "year"]].astype(str).duplicated()
    problems.where(frame, repeated.to_numpy(), "dist_code", "population.repeated")
    return out, problems, warnings


def check(table, con):
    """:func:`validate` on an Arrow table of text cells, giving rows typed as the ``population`` table."""
    from etl.typed import check_frame

    return check_frame(validate, table, con, "population")
