"""The map palette, shared by the dashboard's maps (ui/maps.py) and the printed briefing (etl/briefing/).

ColorBrewer YlOrRd (sequential, readable with colour-vision deficiency);
districts without data are white. One definition, so a district is the same
colour on screen and on paper.
"""

from __future__ import annotations

__all__ = ["NO_DATA", "PALETTE", "ink", "spread"]

# ColorBrewer YlOrRd, 5 classes, light to dark.
PALETTE = ((255, 255, 178), (254, 204, 92), (253, 141, 60), (240, 59, 32), (189, 0, 38))
NO_DATA = (255, 255, 255)


def spread(n: int) -> list[tuple[int, int, int]]:
    """``n`` colours of :data:`PALETTE` from lightest to darkest, evenly apart (for ``n`` classes).

    >>> spread(5) == list(PALETTE), spread(2) == [PALETTE[0], PALETTE[-1]], spread(0)
    (True, True, [])
    """
    if n == 1:
        return [PALETTE[0]]
    return [PALETTE[round(i * (len(PALETTE) - 1) / (n - 1))] for i in range(n)]


def ink(fill: tuple[int, int, int]) -> tuple[int, int, int]:
    """Dark text on light fills, white text on dark ones (relative luminance below 0.3).

    >>> ink(PALETTE[0]), ink(PALETTE[-1])
    ((25, 25, 25), (255, 255, 255))
    """
    linear = [(c / 255) / 12.92 if c <= 10 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in fill]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return (255, 255, 255) if luminance < 0.3 else (25, 25, 25)
