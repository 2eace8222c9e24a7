"""Disclosure control: the one place that decides how a count may be published.

The rule is applied once, to the finest cells the publish step reads (see
:mod:`etl.publish.cells`), and never again to anything else:

1. **Protect each cell.** A true zero is published as 0 ("none" and "a few"
   differ). A count from 1 to ``threshold - 1`` (default 1–4) is hidden: it
   is published only as "hidden". Every other count is rounded half up to a
   multiple of ``base`` (default 5).
2. **Derive everything from protected cells.** A window of quarters, a
   district, Bangkok, a group of communities: every total is the sum of its
   protected cells, a hidden cell counting as :func:`hidden_estimate` (the
   middle of 1–4). Rates, smoothed rates, hot spots, classes and the pilot
   comparison are computed from those sums. So no published figure depends
   on a true count except through its protected cell, and differencing
   windows, subtracting parts from totals or inverting a smoothed rate gives
   back protected cells, never true counts.
3. **Publish sums as counts.** A sum is shown rounded to ``base``; a sum
   below ``threshold`` that holds a hidden cell is shown as hidden.

Settings: ``SAFESPACE_SUPPRESS_BELOW`` (default 5) and ``SAFESPACE_ROUND_TO``
(default 5; 1 turns rounding off).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from core.settings import round_to, suppress_below

__all__ = [
    "collapse_cells",
    "hidden_estimate",
    "protect_cells",
    "round_to",
    "sum_cells",
    "suppress_below",
    "window_sums",
]


def hidden_estimate(threshold: int | None = None) -> float:
    """What a hidden cell counts as in a sum: the middle of 1 to ``threshold - 1``.

    >>> hidden_estimate(5)
    2.5
    """
    limit = suppress_below() if threshold is None else threshold
    return limit / 2


def _round_half_up(values: np.ndarray, base: int) -> np.ndarray:
    return np.floor(values / base + 0.5) * base


def protect_cells(values, *, threshold: int | None = None, base: int | None = None) -> tuple[pd.Series, pd.Series]:
    """Protected cells: the published number (NaN where hidden or missing) and whether each is hidden.

    >>> shown, hidden = protect_cells([0, 3, 5, 7, 8, 1234, None], threshold=5, base=5)
    >>> shown.tolist(), hidden.tolist()
    ([0.0, nan, 5.0, 5.0, 10.0, 1235.0, nan], [False, True, False, False, False, False, False])
    """
    limit = suppress_below() if threshold is None else threshold
    step = round_to() if base is None else base
    numbers = pd.to_numeric(pd.Series(values), errors="coerce").astype(float)
    hidden = (numbers >= 1) & (numbers < limit)
    return pd.Series(_round_half_up(numbers.to_numpy(), step), index=numbers.index).where(~hidden), hidden


def collapse_cells(cells: pd.DataFrame, by: str | Sequence[str], count: str) -> pd.DataFrame:
    """Protected cells merged by ``by`` without publishing anything: ``count`` is the sum of the shown cells
    (NaN when any cell is unknown) and ``{count}_hidden`` the number of hidden cells.

    :func:`sum_cells` gives the same result from these as from the cells themselves, so a publish step
    can collapse cells once (say to district and quarter) and sum windows from the small table.

    >>> cells = pd.DataFrame({"d": ["a", "a", "a"], "q": [1, 1, 2], "n": [5.0, np.nan, 10.0],
    ...     "n_hidden": [False, True, False]})
    >>> collapse_cells(cells, ["d", "q"], "n")
       d  q     n  n_hidden
    0  a  1   5.0         1
    1  a  2  10.0         0
    >>> sum_cells(collapse_cells(cells, ["d", "q"], "n"), "d", "n").equals(sum_cells(cells, "d", "n"))
    True
    """
    hidden = cells[f"{count}_hidden"].astype(int)
    unknown = cells[count].isna() & (hidden == 0)
    keys = [by] if isinstance(by, str) else list(by)
    parts = pd.DataFrame({"shown": cells[count].fillna(0.0), "hidden": hidden, "unknown": unknown})
    sums = parts.groupby([cells[k] for k in keys], sort=True).sum()
    out = pd.DataFrame({count: sums["shown"].where(sums["unknown"] == 0), f"{count}_hidden": sums["hidden"]})
    return out.reset_index()


def sum_cells(
    cells: pd.DataFrame,
    by: str | Sequence[str],
    count: str,
    *,
    threshold: int | None = None,
    base: int | None = None,
) -> pd.DataFrame:
    """Published sums of protected cells, one row per group of ``by``.

    ``cells`` holds ``count`` (the protected value, NaN where hidden or
    unknown) and ``{count}_hidden`` (a flag, or a number of hidden cells for
    cells merged by :func:`collapse_cells`). A group's ``{count}_estimate`` is the sum
    of its shown cells plus :func:`hidden_estimate` for each hidden one: the
    input of statistics. ``count`` is that estimate rounded to ``base``, or
    NaN with ``{count}_hidden`` True where it is below ``threshold`` and
    holds a hidden cell. A group with a cell that is neither shown nor hidden
    (unknown, such as referrals left blank) is unknown: every column NaN.

    Examples
    --------
    >>> cells = pd.DataFrame({"d": ["a", "a", "b", "b", "c"], "n": [5.0, np.nan, np.nan, 0.0, 10.0],
    ...     "n_hidden": [False, True, True, False, False]})
    >>> sum_cells(cells, "d", "n", threshold=5, base=5)
       d  n_estimate     n  n_hidden
    0  a         7.5  10.0     False
    1  b         2.5   NaN      True
    2  c        10.0  10.0     False
    """
    limit = suppress_below() if threshold is None else threshold
    step = round_to() if base is None else base
    hidden = cells[f"{count}_hidden"].astype(int)
    known = cells[count].notna() | (hidden > 0)
    parts = pd.DataFrame(
        {
            "value": cells[count].fillna(0.0) + hidden * hidden_estimate(limit),
            "has_hidden": hidden > 0,
            "unknown": ~known,
        }
    )
    keys = [by] if isinstance(by, str) else list(by)
    groups = parts.groupby([cells[k] for k in keys], sort=True)
    sums = groups.agg(value=("value", "sum"), has_hidden=("has_hidden", "any"), unknown=("unknown", "any"))
    estimate = sums["value"].where(~sums["unknown"])
    is_hidden = sums["has_hidden"] & (estimate < limit)
    out = pd.DataFrame(
        {
            f"{count}_estimate": estimate,
            count: pd.Series(_round_half_up(estimate.to_numpy(), step), index=sums.index).where(~is_hidden),
            f"{count}_hidden": is_hidden.fillna(False).astype(bool),
        }
    )
    return out.reset_index()


def window_sums(
    cells: pd.DataFrame, windows: Sequence, by: str | Sequence[str], count: str, **rules
) -> list[pd.DataFrame]:
    """:func:`sum_cells` of the rows of ``cells`` in each of ``windows`` (anything with ``quarters``): one
    frame per window, what ``sum_cells`` gives for that window's rows alone, from one grouping of all.

    Every window's rows are stacked, in their order in ``cells``, with the window's position as a
    further key, so each group sums the same values in the same order as a call per window would.
    A window without rows gets no rows. ``by`` may be empty: one row per window.

    >>> from types import SimpleNamespace as Window
    >>> cells = pd.DataFrame({"quarter": ["q1", "q2", "q2"], "d": ["a", "a", "b"], "n": [5.0, np.nan, 10.0],
    ...     "n_hidden": [False, True, False]})
    >>> sums = window_sums(cells, [Window(quarters=["q1", "q2"]), Window(quarters=["q3"])], "d", "n")
    >>> sums[0].equals(sum_cells(cells, "d", "n")), len(sums[1])
    (True, 0)
    """
    keys = [by] if isinstance(by, str) else list(by)
    quarter = cells["quarter"].to_numpy()
    rows = [np.flatnonzero(np.isin(quarter, list(window.quarters))) for window in windows]
    position = np.repeat(np.arange(len(windows)), [len(r) for r in rows])
    stacked = cells.iloc[np.concatenate(rows)] if rows else cells.iloc[:0]
    stacked = stacked.assign(window=position)
    sums = sum_cells(stacked, ["window", *keys], count, **rules)
    parts = {at: part.drop(columns="window").reset_index(drop=True) for at, part in sums.groupby("window")}
    empty = sums.iloc[:0].drop(columns="window")
    return [parts.get(at, empty) for at in range(len(windows))]
