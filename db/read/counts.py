"""Protected counts as a viewer reads them: ``"<5"`` where hidden, missing where there is no data."""

from __future__ import annotations

import pandas as pd

from db.read.source import Snapshot, meta

__all__ = ["display", "with_display"]


def display(values: pd.Series, hidden: pd.Series, threshold: int) -> pd.Series:
    """Published counts as text: ``"<5"`` where hidden, missing without data, else whole numbers with commas.

    >>> import numpy as np
    >>> display(pd.Series([0.0, np.nan, 1235.0, np.nan]), pd.Series([False, True, False, False]), 5).tolist()
    ['0', '<5', '1,235', None]
    """
    return pd.Series(
        [
            f"<{threshold}" if h else None if pd.isna(v) else f"{int(v):,}"
            for v, h in zip(values, hidden.fillna(False).astype(bool), strict=True)
        ],
        index=values.index,
        dtype=object,
    )


def with_display(frame: pd.DataFrame, path: Snapshot, counts: dict[str, str]) -> pd.DataFrame:
    """Add ``{count}_display`` and rename each ``{count}_hidden`` to the flag name in ``counts``."""
    threshold = meta(path).suppress_below
    for count, flag in counts.items():
        hidden = frame.pop(f"{count}_hidden").fillna(False).astype(bool)
        frame[f"{count}_display"] = display(frame[count], hidden, threshold)
        frame[flag] = hidden
    return frame
