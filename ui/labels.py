"""Which names a map shows at a zoom: each label's box in screen pixels, kept greedily by priority.

The server places names for the zoom the map opens at (and each zoom button's): a label is kept when its
box (text width by height, plus a gap) overlaps no label of higher priority kept before it. Those names
come first in the browser's own placement (deck.gl's CollisionFilterExtension, :func:`ui.maps.label_layer`),
which hides colliding names again on every zoom, the mouse wheel's included; a name that would cross the
canvas's edge runs inwards from its point.
"""

from __future__ import annotations

import math
import unicodedata

import numpy as np
import pandas as pd

__all__ = ["box_sizes", "placed", "screen_xy"]

CHAR_EM = 0.62  # a Thai or Latin letter's advance, in ems of the font size (Noto Sans Thai, Sarabun)
LINE_EM = 1.3  # a line's height, with Thai vowels and tone marks above and below
GAP_PX = 4  # free pixels kept between two labels
TILE = 512  # deck.gl's world is 512 pixels wide at zoom 0


def box_sizes(texts: pd.Series, sizes: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Width and height in pixels of each label (``sizes`` in pixels). Thai vowel and tone marks above or
    below a letter (category Mn) take no width, so they are not counted.

    >>> w, h = box_sizes(pd.Series(["ดุสิต", "Dusit"]), pd.Series([12, 12]))
    >>> w.round(1).tolist(), h.round(1).tolist()
    ([22.3, 37.2], [15.6, 15.6])
    """
    letters = texts.map(lambda text: sum(unicodedata.category(c) != "Mn" for c in text)).to_numpy(dtype=float)
    size = sizes.to_numpy(dtype=float)
    return letters * size * CHAR_EM, size * LINE_EM


def screen_xy(lon: np.ndarray, lat: np.ndarray, zoom: float) -> tuple[np.ndarray, np.ndarray]:
    """Web Mercator pixel coordinates at ``zoom`` (the world ``512 * 2**zoom`` pixels wide), y downwards."""
    scale = TILE * 2**zoom
    y = np.log(np.tan(np.pi / 4 + np.radians(lat) / 2))
    return (lon + 180) / 360 * scale, (1 - y / math.pi) / 2 * scale


def placed(
    lon: np.ndarray,
    lat: np.ndarray,
    width: np.ndarray,
    height: np.ndarray,
    priority: np.ndarray,
    zoom: float,
    edges: tuple[float, float] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Which labels are kept at ``zoom``, and which way each runs from its point.

    A label is ``width`` × ``height`` pixels at ``lon``/``lat``, centred on its
    point, or, where a centred label would cross the canvas's ``edges`` (left
    and right, in pixels of :func:`screen_xy`), starting at its point (1) or
    ending at it (-1) so that it stays on the canvas. Labels are kept in order
    of ``priority`` (highest first) when they overlap no label kept before.

    >>> lon, lat = np.array([100.50, 100.51, 100.80]), np.array([13.7, 13.7, 13.7])
    >>> size = np.array([40.0, 40.0, 40.0]), np.array([16.0, 16.0, 16.0])
    >>> placed(lon, lat, *size, np.array([1, 2, 3]), 9.6)[0].tolist()  # the first two collide at zoom 9.6
    [False, True, True]
    >>> placed(lon, lat, *size, np.array([1, 2, 3]), 12.0)[0].tolist()  # three zoom steps in, both fit
    [True, True, True]
    >>> x, _ = screen_xy(np.array([100.80]), np.array([13.7]), 9.6)
    >>> placed(lon, lat, *size, np.array([1, 2, 3]), 9.6, (0.0, float(x[0]) + 5))[1].tolist()  # at the right edge
    [0, 0, -1]
    """
    x, y = screen_xy(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float), zoom)
    width, height = np.asarray(width, dtype=float), np.asarray(height, dtype=float)
    side = np.zeros(len(x), dtype=int)
    if edges is not None:
        side = np.where(x - width / 2 < edges[0], 1, np.where(x + width / 2 > edges[1], -1, 0))
    centre = x + side * width / 2
    half_w, half_h = (width + GAP_PX) / 2, (height + GAP_PX) / 2
    keep = np.zeros(len(x), dtype=bool)
    for at in np.argsort(-np.asarray(priority), kind="stable"):
        clear = (np.abs(centre[keep] - centre[at]) >= half_w[keep] + half_w[at]) | (
            np.abs(y[keep] - y[at]) >= half_h[keep] + half_h[at]
        )
        keep[at] = bool(clear.all())
    return keep, side
