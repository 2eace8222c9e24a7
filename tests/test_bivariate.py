"""The need x coverage palette: the gap cell stands out, also for readers with red-green colour blindness.

Colour-vision deficiency is simulated here, independently of the production code, with the matrices of
Machado, Oliveira and Fernandes (2009, severity 1.0) applied to linear RGB; colours are compared in CIELAB
(D65) by the CIE 1976 distance, where about 2.3 is just noticeable and 20 or more reads as a different colour.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from core.colours import NO_DATA
from ui import bivariate

MACHADO = {
    "normal": np.eye(3),
    "deuteranopia": np.array(
        [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
    ),
    "protanopia": np.array(
        [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
    ),
}
CELLS = [(need, coverage) for coverage in (1, 2, 3) for need in (1, 2, 3)]
APART = 25  # ΔE*ab the gap keeps from every other cell, whatever the vision
NEIGHBOURS_APART = 8  # ΔE*ab any two cells keep from each other (next to each other on the map too)


def linear(rgb) -> np.ndarray:
    c = np.asarray(rgb, dtype=float) / 255
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def lab(linear_rgb: np.ndarray) -> np.ndarray:
    """CIELAB of a linear sRGB colour (clipped to the gamut, as a screen shows it)."""
    to_xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
    x, y, z = to_xyz @ np.clip(linear_rgb, 0, 1) / np.array([0.95047, 1.0, 1.08883])
    f = [np.cbrt(v) if v > (6 / 29) ** 3 else v / (3 * (6 / 29) ** 2) + 4 / 29 for v in (x, y, z)]
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def seen(rgb, vision: str) -> np.ndarray:
    """How a colour looks (CIELAB) to a reader with ``vision``."""
    return lab(MACHADO[vision] @ linear(rgb))


def distance(a, b, vision: str) -> float:
    return float(np.linalg.norm(seen(a, vision) - seen(b, vision)))


def test_the_simulation_is_sound():
    # Red and green, far apart to most readers, nearly merge for a deuteranope; grey stays grey.
    red, green = (200, 40, 40), (40, 160, 40)
    assert distance(red, green, "normal") > 100
    assert distance(red, green, "deuteranopia") < 0.6 * distance(red, green, "normal")
    assert distance((128, 128, 128), (128, 128, 128), "deuteranopia") == 0
    assert np.allclose(seen((128, 128, 128), "deuteranopia"), seen((128, 128, 128), "normal"), atol=0.5)


@pytest.mark.parametrize("vision", list(MACHADO))
def test_the_gap_cell_stays_apart_from_every_other_cell(vision):
    gap = bivariate.colour(*bivariate.GAP)
    for cell in CELLS:
        if cell != bivariate.GAP:
            assert distance(gap, bivariate.colour(*cell), vision) >= APART, (vision, cell)


@pytest.mark.parametrize("vision", list(MACHADO))
def test_every_two_cells_and_no_data_can_be_told_apart(vision):
    colours = [bivariate.colour(*cell) for cell in CELLS] + [NO_DATA]
    for a, b in itertools.combinations(colours, 2):
        assert distance(a, b, vision) >= NEIGHBOURS_APART, (vision, a, b)


def test_the_gap_is_the_strongest_colour_and_no_served_district_is_darker():
    def chroma(rgb, vision="normal"):
        _, a, b = seen(rgb, vision)
        return float(np.hypot(a, b))

    gap = bivariate.colour(*bivariate.GAP)
    others = [bivariate.colour(*cell) for cell in CELLS if cell != bivariate.GAP]
    assert chroma(gap) > 2 * max(chroma(colour) for colour in others)
    assert chroma(gap, "deuteranopia") > max(chroma(colour, "deuteranopia") for colour in others)
    # The old scheme's darkest cell was high need with *high* coverage, which drew the eye to served districts.
    for vision in MACHADO:
        lightness = {cell: seen(bivariate.colour(*cell), vision)[0] for cell in CELLS}
        assert lightness[bivariate.GAP] <= min(lightness.values()) + 5, vision


def test_the_gap_cell_is_high_need_and_low_coverage():
    assert bivariate.GAP == (3, 1)
    fills = bivariate.colours(pd.Series([3, 3, 1]), pd.Series([1, 3, None]))
    assert fills == [bivariate.colour(3, 1), bivariate.colour(3, 3), NO_DATA]
