"""The maps' colours and how values become them: classes, categories, service types, lines.

The fill palette is ColorBrewer YlOrRd (sequential, readable with
colour-vision deficiency); suppressed districts get a neutral grey (no hue,
unlike every class) and districts without data a white fill, each with its
own legend entry.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.colours import NO_DATA, PALETTE, spread
from geo.rates import classify

__all__ = [
    "CATCHMENT_ALPHA",
    "COMMUNITY",
    "CONTEXT_LINE",
    "DISTRICT_LINE",
    "GI_COLOURS",
    "LISA_COLOURS",
    "MARKER_OUTLINE",
    "NOT_SIGNIFICANT",
    "NO_DATA",
    "OUTLINE",
    "PALETTE",
    "RIVER",
    "ROAD",
    "SERVICE_COLOURS",
    "SUBDISTRICT_LINE",
    "SUPPRESSED",
    "LegendEntry",
    "breaks_colours",
    "category_colours",
    "classed_colours",
    "translucent",
]

SUPPRESSED = (115, 115, 115)
OUTLINE = (70, 70, 70)
NOT_SIGNIFICANT = (217, 217, 217)  # light grey: no hue, unlike every class, and darker than no data
# ColorBrewer RdBu for Gi*: red hot, blue cold, the stronger shade for the stricter false discovery rate.
GI_COLOURS = {
    "hot_99": (178, 24, 43),
    "hot_95": (239, 138, 98),
    "not_significant": NOT_SIGNIFICANT,
    "cold_95": (103, 169, 207),
    "cold_99": (33, 102, 172),
}
# Okabe-Ito (a qualitative set safe for colour-vision deficiency) for Local Moran: warm for a high
# district, cool for a low one; the darker shade where its neighbours are alike (a cluster).
LISA_COLOURS = {
    "high_high": (213, 94, 0),
    "high_low": (230, 159, 0),
    "low_high": (86, 180, 233),
    "low_low": (0, 114, 178),
    "not_significant": NOT_SIGNIFICANT,
}
# Okabe and Ito's eight colours, told apart with every common colour-vision deficiency; grey for "other".
SERVICE_COLOURS = {
    "safe_space": (213, 94, 0),  # vermillion
    "shelter": (204, 121, 167),  # reddish purple
    "oscc": (0, 114, 178),  # blue
    "health_centre": (0, 158, 115),  # bluish green
    "hospital": (86, 180, 233),  # sky blue
    "police": (0, 0, 0),  # black
    "social_welfare": (230, 159, 0),  # orange
    "ngo": (240, 228, 66),  # yellow
    "other": (153, 153, 153),
}
COMMUNITY = (255, 255, 255)  # communities: small white dots with a dark rim, quieter than any service
MARKER_OUTLINE = (40, 40, 40)
DISTRICT_LINE = (90, 90, 90)  # Bangkok district outlines under points
SUBDISTRICT_LINE = (60, 60, 60)  # khwaeng outlines: thin and dark, over any fill
CONTEXT_LINE = (150, 150, 150)  # lighter: the districts outside Bangkok
CATCHMENT_ALPHA = 40  # of 255: overlapping catchments look darker
RIVER = (70, 130, 180)  # steel blue: water, quiet
ROAD = (150, 150, 150)  # mid grey, thinner than the district outlines


@dataclass(frozen=True)
class LegendEntry:
    colour: tuple[int, int, int]
    label: str


def classed_colours(
    values: pd.Series, suppressed: pd.Series, breaks: list[float], format_break
) -> tuple[list[tuple[int, int, int]], list[LegendEntry]]:
    """Fill colour per row and the class entries of the legend, for published class bounds starting at 0.

    Suppressed and missing values get :data:`SUPPRESSED` and :data:`NO_DATA`
    (their legend entries are the caller's, as their wording is).
    ``format_break`` turns a class bound into legend text.

    >>> colours, entries = classed_colours(pd.Series([0, 0, 0, 10, 40, np.nan, np.nan]),
    ...     pd.Series([False] * 5 + [True, False]), [0.0, 4.0, 16.0, 40.0], "{:g}".format)
    >>> [e.label for e in entries]
    ['0', '0–4', '4–16', '16–40']
    >>> colours[4] == PALETTE[-1], colours[5] == SUPPRESSED, colours[6] == NO_DATA
    (True, True, True)
    """
    return breaks_colours(values, suppressed, breaks, format_break, lowest=0.0)


def breaks_colours(
    values: pd.Series, suppressed: pd.Series, breaks: list[float], format_break, lowest: float | None = None
) -> tuple[list[tuple[int, int, int]], list[LegendEntry]]:
    """Fill colour per row and the class entries of the legend, for given class upper bounds.

    A value falls in the first class whose upper bound it does not exceed
    (as in mapclassify); the first class starts at ``lowest`` (default: the
    smallest shown value) and a class of a single value is labelled with it
    alone. Colours spread over :data:`PALETTE`; suppressed and missing values
    get :data:`SUPPRESSED` and :data:`NO_DATA`, whose legend entries are the caller's.

    >>> colours, entries = breaks_colours(pd.Series([2.0, 5.0, 9.0, np.nan]), pd.Series([False] * 3 + [True]),
    ...     [5.0, 9.0], "{:g}".format)
    >>> [e.label for e in entries], colours[1] == PALETTE[0], colours[2] == PALETTE[-1], colours[3] == SUPPRESSED
    (['2–5', '5–9'], True, True, True)
    """
    shown = values.where(~suppressed)
    palette = spread(len(breaks))
    classes = classify(shown, breaks)
    colours = [
        SUPPRESSED if hidden else NO_DATA if c < 0 else palette[c]
        for c, hidden in zip(classes, suppressed, strict=True)
    ]
    first = float(np.nanmin(shown)) if lowest is None and breaks else lowest
    lowers = [first, *breaks[:-1]]
    entries = [
        LegendEntry(colour, format_break(upper) if low == upper else f"{format_break(low)}–{format_break(upper)}")
        for colour, low, upper in zip(palette, lowers, breaks, strict=True)
    ]
    return colours, entries


def category_colours(classes: pd.Series, palette: dict[str, tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Fill colour per row from a class code's colour in ``palette``; :data:`NO_DATA` where the class is missing.

    >>> category_colours(pd.Series(["hot_99", None]), GI_COLOURS) == [GI_COLOURS["hot_99"], NO_DATA]
    True
    """
    return [palette[c] if isinstance(c, str) else NO_DATA for c in classes]


def translucent(colour: tuple[int, int, int], alpha: int = CATCHMENT_ALPHA) -> tuple[int, int, int]:
    """How ``colour`` at opacity ``alpha`` (0-255) looks on white: the legend swatch of a translucent fill.

    >>> translucent((0, 0, 0), 255), translucent((0, 0, 0), 0)
    ((0, 0, 0), (255, 255, 255))
    """
    return tuple(round(255 + (c - 255) * alpha / 255) for c in colour)
