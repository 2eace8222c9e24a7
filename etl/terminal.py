"""Plain text for a terminal, without pandas (the command line stays light): tables and cells cut to width."""

from __future__ import annotations

import unicodedata

__all__ = ["columns", "fit", "table"]


def table(rows: list[dict]) -> str:
    """Rows of equal keys as a plain text table, numbers right-aligned (without pandas, for a light CLI)."""
    names = list(rows[0])
    cells = [[f"{row[c]:,}" if isinstance(row[c], int) else str(row[c]) for c in names] for row in rows]
    widths = [max(len(c), *(len(line[i]) for line in cells)) for i, c in enumerate(names)]
    numeric = [isinstance(rows[0][c], int) for c in names]
    lines = [[c.rjust(w) if n else c.ljust(w) for c, w, n in zip(names, widths, numeric, strict=True)]]
    for line in cells:
        lines.append([v.rjust(w) if n else v.ljust(w) for v, w, n in zip(line, widths, numeric, strict=True)])
    return "\n".join("  ".join(line).rstrip() for line in lines)


def columns(text: str) -> int:
    """Columns ``text`` takes in a terminal: Thai vowel and tone marks take none, wide characters two."""
    return sum(
        0 if unicodedata.category(c) in {"Mn", "Me", "Cf"} else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


def fit(text: str, width: int, right: bool = False) -> str:
    """``text`` cut with "…" to ``width`` terminal columns and padded to exactly that.

    >>> fit("ชุมชนวัดสวัสดิ์", 6) + "|", fit("12", 4, right=True)
    ('ชุมชนวั…|', '  12')
    """
    if columns(text) > width:
        cut = ""
        for char in text:
            if columns(cut + char) > width - 1:
                break
            cut += char
        text = cut + "…"
    pad = " " * (width - columns(text))
    return pad + text if right else text + pad
