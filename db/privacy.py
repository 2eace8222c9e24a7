"""Small-number suppression: the one place that decides how a count is published.

A count of victims from 1 to ``threshold - 1`` could identify a person in a
small district, so it is published as ``"<5"`` (for the default threshold
of 5), and every figure derived from it (a rate) is withheld with it. A
true zero identifies no one and is published as ``"0"``, so readers can
tell "none" from "a few". The read layer passes every count it returns
through :func:`protect`; later rules (rounding, secondary suppression)
belong here too.

The threshold is a setting: ``SAFESPACE_SUPPRESS_BELOW`` (default 5).
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import numpy as np
import pandas as pd

__all__ = ["DEFAULT_SUPPRESS_BELOW", "ENV_VAR", "protect", "suppress_below"]

ENV_VAR = "SAFESPACE_SUPPRESS_BELOW"
DEFAULT_SUPPRESS_BELOW = 5


def suppress_below() -> int:
    """The suppression threshold: counts from 1 up to this value minus one are hidden.

    >>> suppress_below()
    5
    """
    text = os.environ.get(ENV_VAR, "").strip()
    if not text:
        return DEFAULT_SUPPRESS_BELOW
    if not text.isdigit() or int(text) < 1:
        raise ValueError(f"{ENV_VAR} must be a whole number of 1 or more (got {text!r}); unset it to use 5.")
    return int(text)


def protect(
    frame: pd.DataFrame,
    count: str,
    derived: Sequence[str] = (),
    *,
    flag: str = "suppressed",
    threshold: int | None = None,
) -> pd.DataFrame:
    """Publish the ``count`` column of ``frame`` with small numbers suppressed.

    Returns a copy in which ``count`` is a float that is NaN where the count
    is suppressed (or missing), ``{count}_display`` is the published text
    (``"<5"``, ``"0"``, ``"1,234"``; missing where the count is), the
    ``derived`` columns are NaN wherever the count is suppressed, and the
    boolean column ``flag`` marks the suppressed rows.

    Parameters
    ----------
    frame : pandas.DataFrame
        Holds a whole-number column ``count`` (missing values allowed).
    count : str
        The column to publish.
    derived : sequence of str
        Columns computed from ``count`` (rates) that must not reveal it.
    flag : str
        Name of the boolean column marking suppressed rows.
    threshold : int, optional
        Counts from 1 to ``threshold - 1`` are suppressed; default
        :func:`suppress_below`.

    Examples
    --------
    >>> frame = pd.DataFrame({"cases": [0, 3, 5, 1200, None], "rate": [0.0, 2.1, 3.5, 80.0, None]})
    >>> out = protect(frame, "cases", ["rate"], threshold=5)
    >>> out["cases_display"].fillna("(missing)").tolist()
    ['0', '<5', '5', '1,200', '(missing)']
    >>> out["rate"].tolist()[:3], out["suppressed"].tolist()
    ([0.0, nan, 3.5], [False, True, False, False, False])
    """
    limit = suppress_below() if threshold is None else threshold
    values = pd.to_numeric(frame[count]).astype(float)
    hidden = ((values >= 1) & (values < limit)).to_numpy(dtype=bool)
    out = frame.copy()
    out[f"{count}_display"] = [
        None if np.isnan(v) else f"<{limit}" if h else f"{int(v):,}" for v, h in zip(values, hidden, strict=True)
    ]
    out[count] = values.where(~hidden)
    for column in derived:
        out[column] = pd.to_numeric(out[column]).astype(float).where(~hidden)
    out[flag] = hidden
    return out
