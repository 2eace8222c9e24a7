"""Match a file's headers to the columns a kind of file expects.

Headers match case-, space-, hyphen- and underscore-insensitively, and by
their aliases (Thai headers among them), so ``Dist Code``, ``DIST_CODE`` and
``รหัสเขต`` all name ``dist_code``.

One rule for the header row of every format (CSV and .xlsx alike),
:func:`tidy_headers`: names are trimmed; a column without a name is dropped
when it is empty and refused when it holds data; two names that are the
same once normalised (``quarter`` and ``Quarter ``) are refused.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

import pyarrow as pa

from etl.problems import InputRejected, Problems

__all__ = [
    "Column",
    "column_letter",
    "empty_text",
    "match_columns",
    "matching_kind",
    "normalise_header",
    "tidy_headers",
]


@dataclass(frozen=True)
class Column:
    name: str
    required: bool = False
    aliases: tuple[str, ...] = field(default_factory=tuple)


def _visible(text: str) -> str:
    """``text`` in NFC without invisible format characters (zero-width spaces, stray BOMs), trimmed."""
    text = unicodedata.normalize("NFC", str(text))
    return "".join(c for c in text if unicodedata.category(c) != "Cf").strip()


def normalise_header(text: str) -> str:
    """``' Dist_Code '`` -> ``'distcode'``; full-width letters and invisible characters do not count.

    >>> normalise_header("Cases - Reported"), normalise_header("\\ufeffＱuarter\\u200b")
    ('casesreported', 'quarter')
    """
    return re.sub(r"[\s_\-]+", "", unicodedata.normalize("NFKC", _visible(text))).lower()


def column_letter(index: int) -> str:
    """The spreadsheet letter of the 0-based column ``index``.

    >>> column_letter(0), column_letter(25), column_letter(26), column_letter(16383)
    ('A', 'Z', 'AA', 'XFD')
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def empty_text(rows: int) -> pa.Array:
    """A column of ``rows`` empty strings.

    Built from its buffers (every offset zero): turning a Python value into
    Arrow, even ``pa.scalar("")``, makes pyarrow import pandas, which a load
    does not otherwise need.

    >>> empty_text(2).to_pylist()
    ['', '']
    """
    return pa.Array.from_buffers(pa.string(), rows, [None, pa.py_buffer(bytes(4 * (rows + 1))), pa.py_buffer(b"")])


def tidy_headers(header: list[str], has_data: Callable[[int], bool]) -> tuple[list[int], list[str]]:
    """The columns to keep and their trimmed names, by the one header rule; raise ``InputRejected`` otherwise.

    >>> tidy_headers([" quarter", "", "cases "], lambda i: False)
    ([0, 2], ['quarter', 'cases'])
    >>> tidy_headers(["quarter", "Quarter "], lambda i: True)
    Traceback (most recent call last):
    etl.problems.InputRejected: The header row repeats quarter (columns A, B). Give every column its own name.
    """
    names = [_visible(name) for name in header]
    problems = Problems()
    keep = []
    for i, name in enumerate(names):
        if name:
            keep.append(i)
        elif has_data(i):
            problems.add("header.blank", 1, column_letter(i), letter=column_letter(i))
    if problems:
        raise InputRejected.listing(problems)
    seen: dict[str, list[int]] = {}
    for i in keep:
        seen.setdefault(normalise_header(names[i]), []).append(i)
    repeated = [where for where in seen.values() if len(where) > 1]
    if repeated:
        listed = "; ".join(
            f"{names[where[0]]} (columns {', '.join(column_letter(i) for i in where)})" for where in repeated
        )
        raise InputRejected.because("file.repeated_headers", headers=listed)
    return keep, [names[i] for i in keep]


def match_columns(
    table: pa.Table, columns: list[Column], problems: Problems
) -> tuple[pa.Table, dict[str, str], list[str]]:
    """Rename ``table``'s headers to canonical names; unknown headers are dropped.

    Returns the table with every column of ``columns`` (absent ones empty),
    which file header each canonical name came from, and the headers
    ignored. A missing required column or two headers naming the same
    column is a problem on row 1 (the header row).
    """
    lookup = {}
    for column in columns:
        for alias in (column.name, *column.aliases):
            lookup[normalise_header(alias)] = column.name
    renamed: dict[str, str] = {}  # file header -> canonical name
    ignored = []
    for header in table.column_names:
        name = lookup.get(normalise_header(header))
        if name is None:
            ignored.append(header)
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
    source = {name: header for header, name in renamed.items()}
    empty = empty_text(table.num_rows) if len(source) < len(columns) else None
    out = pa.table(
        [table.column(source[c.name]) if c.name in source else empty for c in columns],
        names=[c.name for c in columns],
    )
    return out, source, ignored


def matching_kind(headers, kinds: dict[str, list[Column]]) -> str | None:
    """The kind of file whose required columns all appear in ``headers``, if exactly one fits."""
    present = {normalise_header(h) for h in headers}
    fits = [
        kind
        for kind, columns in kinds.items()
        if all(present & {normalise_header(a) for a in (c.name, *c.aliases)} for c in columns if c.required)
    ]
    return fits[0] if len(fits) == 1 else None
