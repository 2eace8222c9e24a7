"""Pilot and comparison communities, from the protected area cells of communities that report their own rows.

The trend and each pilot's before-and-after figures start from the protected
community-quarter cells: a shown cell counts as published, a hidden one as the
middle of 1–4. The evaluation is in :mod:`etl.publish.pilot_evaluation`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from etl.publish.disclosure import sum_cells
from geo.rates import rate_per_100k

__all__ = ["community_cells", "pilot_table", "pilot_trend"]


def community_cells(cells: pd.DataFrame, communities: pd.DataFrame) -> pd.DataFrame:
    """Protected cells of registered communities with residents, joined with their population and pilot start."""
    register = communities[["community_id", "population", "pilot", "pilot_start"]]
    rows = cells[cells["community_id"] != ""].merge(register, on="community_id")
    rows = rows[pd.to_numeric(rows["population"], errors="coerce") > 0].copy()
    rows["pilot"] = rows["pilot"].fillna(False).astype(bool)
    rows["pilot_start"] = rows["pilot_start"].where(rows["pilot"])
    rows["group"] = np.where(rows["pilot"], "pilot", "comparison")
    return rows


def pilot_trend(rows: pd.DataFrame) -> pd.DataFrame:
    """Per quarter and group: communities with rows, published cases, residents and the rate per 100,000."""
    if rows.empty:
        return pd.DataFrame(
            columns=["quarter", "group", "communities", "cases_reported", "cases_reported_hidden", "population"]
        )
    sums = sum_cells(rows, ["quarter", "group"], "cases_reported").drop(columns="cases_reported_estimate")
    sizes = rows.groupby(["quarter", "group"]).agg(
        communities=("community_id", "nunique"), population=("population", "sum")
    )
    table = sums.merge(sizes.reset_index(), on=["quarter", "group"])
    table["rate_per_100k"] = rate_per_100k(table["cases_reported"], table["population"]).round(1)
    return table


def pilot_table(rows: pd.DataFrame, pilots: pd.DataFrame, end: str) -> pd.DataFrame:
    """One row per pilot: published cases, quarters with rows and rate per 100,000 per quarter, before
    and from its start, up to ``end``."""
    table = pilots[["community_id", "population", "pilot_start"]].copy()
    mine = rows[rows["pilot"] & (rows["quarter"] <= end)]
    after = mine["quarter"] >= mine["pilot_start"]  # 'YYYYQn' keys sort as text
    for when, chosen in (("before", mine[~after]), ("after", mine[after])):
        sums = sum_cells(chosen, "community_id", "cases_reported").drop(columns="cases_reported_estimate")
        sums = sums.rename(columns={"cases_reported": f"cases_{when}", "cases_reported_hidden": f"hidden_{when}"})
        counted = chosen.groupby("community_id")["quarter"].nunique().rename(f"quarters_{when}")
        table = table.merge(sums, how="left", on="community_id").merge(counted, how="left", on="community_id")
        table[f"hidden_{when}"] = table[f"hidden_{when}"].fillna(False).astype(bool)
        table[f"quarters_{when}"] = table[f"quarters_{when}"].fillna(0).astype(int)
        people = table["population"] * table[f"quarters_{when}"]
        table[f"rate_{when}"] = rate_per_100k(table[f"cases_{when}"], people).round(1)
    table.insert(0, "end_quarter", end)
    return table.drop(columns=["population", "pilot_start"])
