"""Which districts have case data for which quarter: presence only, for the data-completeness view.

A cases file replaces what was loaded for each quarter and district it holds, so a quarter-district
either has rows in force (some file covered it, even with zero cases) or has none (no file yet). The
snapshot says which, and nothing more: no count, so it reveals nothing about victims.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["presence"]


def presence(area_cells: pd.DataFrame, districts: pd.Series, quarters: list[str]) -> pd.DataFrame:
    """Whether each district of ``districts`` has case rows in force for each of ``quarters``.

    Parameters
    ----------
    area_cells
        Cells with at least ``quarter`` and ``dist_code``, one or more per quarter-district in force (their
        counts are not read).
    districts
        The district codes of the grid (Bangkok's 50).
    quarters
        The quarters of the grid, oldest first (every quarter from the first to the latest with data).

    Returns
    -------
    pandas.DataFrame
        ``dist_code``, ``quarter``, ``has_data`` (bool): one row per district and quarter, in that order.

    Examples
    --------
    >>> cells = pd.DataFrame({"quarter": ["2025Q1", "2025Q1"], "dist_code": ["1001", "1001"]})
    >>> presence(cells, pd.Series(["1001", "1002"]), ["2025Q1"])["has_data"].tolist()
    [True, False]
    """
    grid = pd.MultiIndex.from_product([sorted(districts), quarters], names=["dist_code", "quarter"])
    present = pd.MultiIndex.from_frame(area_cells[["dist_code", "quarter"]].drop_duplicates())
    frame = grid.to_frame(index=False).astype({"dist_code": object, "quarter": object})
    return frame.assign(has_data=grid.isin(present))
