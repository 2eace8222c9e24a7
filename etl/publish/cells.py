"""The protected cells: the finest counts the publish step reads, each protected once.

Two families, each a partition of the case rows it covers:

- **area cells**: one per quarter, district and community (``''`` for rows
  without a community), reported and referred cases. Districts, Bangkok,
  pilots and comparison communities are sums of these.
- **category cells**: one per quarter, violence type and victim group, over
  Bangkok's districts. Both breakdowns are sums of these.

Every other published count is a sum of one family's protected cells
(:func:`etl.publish.disclosure.sum_cells`), so what a viewer can learn about
a true count is what its protected cell says.
"""

from __future__ import annotations

import pandas as pd

from etl.publish.disclosure import protect_cells

__all__ = ["protect_area_cells", "protect_category_cells", "protect_columns"]


def protect_columns(frame: pd.DataFrame, counts: list[str], **rules) -> pd.DataFrame:
    """``frame`` with each of ``counts`` replaced by its protected value and a ``{count}_hidden`` flag beside it.

    >>> protect_columns(pd.DataFrame({"n": [0, 2, 6]}), ["n"], threshold=5, base=5)
         n  n_hidden
    0  0.0     False
    1  NaN      True
    2  5.0     False
    """
    out = frame.copy()
    for count in counts:
        shown, hidden = protect_cells(frame[count].to_numpy(), **rules)
        out[count] = shown.to_numpy()
        out.insert(out.columns.get_loc(count) + 1, f"{count}_hidden", hidden.to_numpy())
    return out


def protect_area_cells(cells: pd.DataFrame, **rules) -> pd.DataFrame:
    """Protected area cells: ``quarter``, ``dist_code``, ``community_id``, ``cases_reported`` and
    ``cases_referred`` (NaN where hidden or, for referrals, unknown) with their ``_hidden`` flags."""
    return protect_columns(cells, ["cases_reported", "cases_referred"], **rules)


def protect_category_cells(cells: pd.DataFrame, **rules) -> pd.DataFrame:
    """Protected category cells: ``quarter``, ``violence_type``, ``victim_group``, ``cases_reported`` and its flag."""
    return protect_columns(cells, ["cases_reported"], **rules)
