"""Pilot and comparison communities, from the protected area cells of communities that report their own rows.

The trend and each pilot's before-and-after figures start from the protected
community-quarter cells: a shown cell counts as published, a hidden one as the
middle of 1–4. The evaluation is in :mod:`etl.publish.pilot_evaluation`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from etl.publish.disclosure import sum_cells, window_sums
from etl.publish.windows import Window
from geo.rates import rate_per_100k

__all__ = ["community_cells", "pilot_tables", "pilot_trend"]


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


def pilot_tables(rows: pd.DataFrame, pilots: pd.DataFrame, ends: list[str]) -> list[pd.DataFrame]:
    """For each of ``ends``, one row per pilot: published cases, quarters with rows and rate per 100,000 per
    quarter, before and from its start, up to that end.

    Every end's sums come from one grouping (:func:`~etl.publish.disclosure.window_sums`, the same sums
    as one :func:`~etl.publish.disclosure.sum_cells` per end), the rows before and from each pilot's start
    split once.
    """
    mine = rows[rows["pilot"]]
    after = mine["quarter"] >= mine["pilot_start"]  # 'YYYYQn' keys sort as text
    first = mine["quarter"].min() if len(mine) else ends[0]
    upto = [Window("custom", end, min(first, end)) for end in ends]  # every quarter with rows up to each end
    parts = {"before": mine[~after], "after": mine[after]}
    sums = {when: window_sums(chosen, upto, "community_id", "cases_reported") for when, chosen in parts.items()}
    tables = []
    for at, end in enumerate(ends):
        table = pilots[["community_id", "population", "pilot_start"]].copy()
        for when, chosen in parts.items():
            table = _with_sums(table, when, sums[when][at], chosen[chosen["quarter"] <= end])
        table.insert(0, "end_quarter", end)
        tables.append(table.drop(columns=["population", "pilot_start"]))
    return tables


def _with_sums(table: pd.DataFrame, when: str, sums: pd.DataFrame, chosen: pd.DataFrame) -> pd.DataFrame:
    """``table`` with the columns of ``when`` (before or after): the published ``sums`` of the rows
    ``chosen``, how many quarters they cover, and the rate per 100,000 per quarter."""
    sums = sums.drop(columns="cases_reported_estimate")
    sums = sums.rename(columns={"cases_reported": f"cases_{when}", "cases_reported_hidden": f"hidden_{when}"})
    counted = chosen.groupby("community_id")["quarter"].nunique().rename(f"quarters_{when}")
    table = table.merge(sums, how="left", on="community_id").merge(counted, how="left", on="community_id")
    table[f"hidden_{when}"] = table[f"hidden_{when}"].fillna(False).astype(bool)
    table[f"quarters_{when}"] = table[f"quarters_{when}"].fillna(0).astype(int)
    people = table["population"] * table[f"quarters_{when}"]
    table[f"rate_{when}"] = rate_per_100k(table[f"cases_{when}"], people).round(1)
    return table
