"""Small-number suppression: the one place that decides how a count is published.

Three rules, as statistical offices apply them to small-area counts:

1. **Primary suppression.** A count from 1 to ``threshold - 1`` (default 1–4)
   could identify a person; it is published as ``"<5"``, and every figure
   derived from it (a rate, a share) is withheld with it. A true zero
   identifies no one and is published as ``"0"``, so "none" and "a few" differ.
2. **Rounding.** Every other count is published rounded to a multiple of
   ``base`` (default 5), so subtracting two published figures (overlapping
   windows, consecutive quarters, a total and its parts) cannot give back a
   small count. Rates shown beside a count are computed from the published
   count by the read layer, so a rate times the population gives nothing more.
3. **Secondary suppression** (:func:`suppress_complements`). Where one
   suppressed cell in a row or column of a table could be recovered from a
   shown total, the next smallest cell is suppressed as well.

Statistics (smoothing, Gi*) are computed on the true numbers; only what is
published passes through here. Settings: ``SAFESPACE_SUPPRESS_BELOW``
(default 5) and ``SAFESPACE_ROUND_TO`` (default 5; 1 turns rounding off).
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import numpy as np
import pandas as pd

__all__ = [
    "DEFAULT_ROUND_TO",
    "DEFAULT_SUPPRESS_BELOW",
    "ENV_VAR",
    "ROUND_ENV_VAR",
    "SECONDARY_MARK",
    "protect",
    "publish",
    "round_to",
    "suppress_below",
    "suppress_complements",
]

ENV_VAR = "SAFESPACE_SUPPRESS_BELOW"
ROUND_ENV_VAR = "SAFESPACE_ROUND_TO"
DEFAULT_SUPPRESS_BELOW = 5
DEFAULT_ROUND_TO = 5
SECONDARY_MARK = "x"  # a cell hidden to protect another one: not "<5", since it may be large


def _whole_setting(name: str, default: int) -> int:
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    if not text.isdigit() or int(text) < 1:
        raise ValueError(f"{name} must be a whole number of 1 or more (got {text!r}); unset it to use {default}.")
    return int(text)


def suppress_below() -> int:
    """The suppression threshold: counts from 1 up to this value minus one are hidden.

    >>> suppress_below()
    5
    """
    return _whole_setting(ENV_VAR, DEFAULT_SUPPRESS_BELOW)


def round_to() -> int:
    """The rounding base for published counts (1: no rounding).

    >>> round_to()
    5
    """
    return _whole_setting(ROUND_ENV_VAR, DEFAULT_ROUND_TO)


def publish(values, *, threshold: int | None = None, base: int | None = None) -> tuple[pd.Series, pd.Series]:
    """Published counts and whether each is suppressed.

    Returns the published number (NaN where suppressed or missing; others
    rounded half up to ``base``) and the suppression flag.

    >>> shown, hidden = publish([0, 3, 5, 7, 8, 1234, None], threshold=5, base=5)
    >>> shown.tolist(), hidden.tolist()
    ([0.0, nan, 5.0, 5.0, 10.0, 1235.0, nan], [False, True, False, False, False, False, False])
    """
    limit = suppress_below() if threshold is None else threshold
    step = round_to() if base is None else base
    numbers = pd.to_numeric(pd.Series(values), errors="coerce").astype(float)
    hidden = (numbers >= 1) & (numbers < limit)
    rounded = np.floor(numbers / step + 0.5) * step
    return rounded.where(~hidden), hidden


def protect(
    frame: pd.DataFrame,
    count: str,
    derived: Sequence[str] = (),
    *,
    flag: str = "suppressed",
    threshold: int | None = None,
    base: int | None = None,
) -> pd.DataFrame:
    """Publish the ``count`` column of ``frame``: small numbers suppressed, the rest rounded.

    Returns a copy in which ``count`` is the published float (NaN where
    suppressed or missing), ``{count}_display`` is its text (``"<5"``,
    ``"0"``, ``"1,235"``; missing where the count is), the ``derived``
    columns are NaN wherever the count is suppressed, and the boolean column
    ``flag`` marks the suppressed rows. Rates shown beside the count should
    be computed from the published count, not passed as ``derived``.

    Parameters
    ----------
    frame : pandas.DataFrame
        Holds a whole-number column ``count`` (missing values allowed).
    count : str
        The column to publish.
    derived : sequence of str
        Columns computed from ``count`` (smoothed rates, shares) that must not reveal it.
    flag : str
        Name of the boolean column marking suppressed rows.
    threshold, base : int, optional
        Counts from 1 to ``threshold - 1`` are suppressed, the others rounded
        to ``base``; defaults :func:`suppress_below` and :func:`round_to`.

    Examples
    --------
    >>> frame = pd.DataFrame({"cases": [0, 3, 7, 1234, None], "eb": [0.0, 2.1, 3.5, 80.0, None]})
    >>> out = protect(frame, "cases", ["eb"], threshold=5, base=5)
    >>> out["cases_display"].fillna("(missing)").tolist()
    ['0', '<5', '5', '1,235', '(missing)']
    >>> out["eb"].tolist()[:3], out["suppressed"].tolist()
    ([0.0, nan, 3.5], [False, True, False, False, False])
    """
    limit = suppress_below() if threshold is None else threshold
    shown, hidden = publish(frame[count].to_numpy(), threshold=limit, base=base)
    shown.index, hidden.index = frame.index, frame.index
    out = frame.copy()
    out[f"{count}_display"] = [
        None if np.isnan(v) and not h else f"<{limit}" if h else f"{int(v):,}"
        for v, h in zip(shown, hidden, strict=True)
    ]
    out[count] = shown
    for column in derived:
        out[column] = pd.to_numeric(out[column]).astype(float).where(~hidden)
    out[flag] = hidden.to_numpy(dtype=bool)
    return out


def suppress_complements(
    frame: pd.DataFrame, count: str, groups: Sequence[str | Sequence[str]], *, flag: str = "suppressed"
) -> pd.DataFrame:
    """Secondary suppression for a published table whose totals are shown.

    ``frame`` is the output of :func:`protect`; each entry of ``groups`` names
    the column(s) that make one line of the table (a row or a column of a
    cross-tabulation) whose total is shown elsewhere. In a line with exactly
    one suppressed cell, the smallest other non-zero cell is suppressed too
    (shown as :data:`SECONDARY_MARK`), so the total minus the shown cells no
    longer gives the hidden one.
    Repeats until no line needs more.

    >>> table = pd.DataFrame({"type": ["a", "b", "c"], "cases": [3, 12, 40]})
    >>> out = suppress_complements(protect(table, "cases", base=1), "cases", [[]])
    >>> out["cases_display"].tolist()
    ['<5', 'x', '40']
    """
    out = frame.copy()
    changed = True
    while changed:
        changed = False
        for by in groups:
            keys = [by] if isinstance(by, str) else list(by)
            lines = [line.index for _, line in out.groupby(keys, sort=False)] if keys else [out.index]
            for index in lines:
                line = out.loc[index]
                if line[flag].sum() != 1:
                    continue
                candidates = line[~line[flag] & (line[count] > 0)]
                if candidates.empty:
                    continue
                victim = candidates[count].idxmin()
                out.loc[victim, [count, flag, f"{count}_display"]] = [np.nan, True, SECONDARY_MARK]
                changed = True
    return out
