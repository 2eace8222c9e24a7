"""Match a file's headers to the columns a kind of file expects.

Headers match case-, space-, hyphen- and underscore-insensitively, and by
their aliases (Thai headers among them), so ``Dist Code``, ``DIST_CODE`` and
``รหัสเขต`` all name ``dist_code``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from etl.problems import Problems

__all__ = ["Column", "match_columns", "matching_kind", "normalise_header"]


@dataclass(frozen=True)
class Column:
    name: str
    required: bool = False
    aliases: tuple[str, ...] = field(default_factory=tuple)


def normalise_header(text: str) -> str:
    """``' Dist_Code '`` -> ``'distcode'``.

    >>> normalise_header("Cases - Reported")
    'casesreported'
    """
    return re.sub(r"[\s_\-]+", "", str(text)).lower()


def match_columns(frame: pd.DataFrame, columns: list[Column], problems: Problems) -> pd.DataFrame:
    """Rename ``frame``'s headers to canonical names; unknown headers are dropped.

    A missing required column or two headers naming the same column is a
    problem on row 1 (the header row).
    """
    lookup = {}
    for column in columns:
        for alias in (column.name, *column.aliases):
            lookup[normalise_header(alias)] = column.name
    renamed: dict[str, str] = {}
    for header in frame.columns:
        name = lookup.get(normalise_header(header))
        if name is None:
            continue
        if name in renamed.values():
            first = next(h for h, n in renamed.items() if n == name)
            problems.add("header.twice", 1, header, header, first=first, header=header, name=name)
            continue
        renamed[header] = name
    for column in columns:
        if column.required and column.name not in renamed.values():
            accepted = ", ".join((column.name, *column.aliases))
            problems.add("header.missing", 1, name=column.name, accepted=accepted)
    out = frame[list(renamed)].rename(columns=renamed)
    for column in columns:
        if column.name not in out:
            out[column.name] = ""
    return out[[c.name for c in columns]]


def matching_kind(headers, kinds: dict[str, list[Column]]) -> str | None:
    """The kind of file whose required columns all appear in ``headers``, if exactly one fits."""
    present = {normalise_header(h) for h in headers}
    fits = [
        kind
        for kind, columns in kinds.items()
        if all(present & {normalise_header(a) for a in (c.name, *c.aliases)} for c in columns if c.required)
    ]
    return fits[0] if len(fits) == 1 else None
