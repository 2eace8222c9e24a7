"""The need x coverage map's palette and legend (the Coverage page).

A 3 x 3 scheme in the manner of Joshua Stevens' bivariate maps: need grows to
the right (towards warm), coverage upwards (towards blue). A plain bivariate
blend makes high need with *high* coverage the darkest cell, which draws the
eye to districts that are served. Here the cell that matters, the gap (high
need, low coverage, bottom right of the legend), is the only saturated colour
and the darkest under common colour-vision deficiencies; the map also outlines
gap districts, so the gap is told by position and line, not by hue alone.
``tests/test_bivariate.py`` simulates deuteranopia and protanopia to check it.
"""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from core.colours import NO_DATA
from ui.i18n import LEVELS, LEVELS_SHORT, t

__all__ = ["GAP", "GAP_LINE", "PALETTE", "colour", "colours", "legend", "need_coverage_legend"]

# PALETTE[coverage - 1][need - 1], classes 1 (low) to 3 (high).
PALETTE = (
    ((232, 232, 232), (244, 187, 160), (200, 16, 46)),  # low coverage: grey, light salmon, the gap's crimson
    ((200, 222, 235), (190, 178, 195), (170, 120, 140)),
    ((140, 190, 218), (120, 150, 190), (110, 110, 160)),  # high coverage: blues, muted as need grows
)
GAP = (3, 1)  # (need, coverage) of the gap cell: high need, low coverage
GAP_LINE = (20, 20, 20)  # the gap districts' outline on the map, and the gap cell's border in the legend


def colour(need: int, coverage: int) -> tuple[int, int, int]:
    """The fill of a need and a coverage class (1-3).

    >>> colour(*GAP)
    (200, 16, 46)
    """
    return PALETTE[coverage - 1][need - 1]


def colours(need: pd.Series, coverage: pd.Series) -> list[tuple[int, int, int]]:
    """Fill per row from need and coverage classes (1-3); :data:`NO_DATA` where either is missing.

    >>> colours(pd.Series([3, 1, None]), pd.Series([1, 3, 2])) == [colour(3, 1), colour(1, 3), NO_DATA]
    True
    """
    return [
        NO_DATA if pd.isna(n) or pd.isna(c) else colour(int(n), int(c)) for n, c in zip(need, coverage, strict=True)
    ]


def _cell(need: int, coverage: int, title: str, size: str = "") -> str:
    """One legend cell: its colour, a hover title, and a thick border for the gap (``size``: extra CSS)."""
    border = "3px solid rgb({},{},{})".format(*GAP_LINE) if (need, coverage) == GAP else "1px solid #555"
    fill = "rgb({},{},{})".format(*colour(need, coverage))
    style = f"box-sizing:border-box;align-self:stretch;background:{fill};border:{border};{size}"
    return f'<span title="{html.escape(title)}" style="{style}"></span>'


def legend(title: str, need_axis: str, coverage_axis: str, level, cell_label, gap_text: str) -> None:
    """The 3 x 3 legend with each row and column labelled, and the gap cell named below it.

    Need grows to the right, coverage upwards; ``level(k)`` is the short word for class ``k`` (1-3) written
    beside the rows and under the columns, ``cell_label(need, coverage)`` each cell's hover title, and
    ``gap_text`` names the gap cell beside its own swatch. Every text is escaped.
    """
    small = "font-size:0.8em;line-height:1.1"
    rows = "".join(
        f'<span style="{small};text-align:right;padding-right:0.3em">{html.escape(level(coverage))}</span>'
        + "".join(_cell(need, coverage, cell_label(need, coverage)) for need in (1, 2, 3))
        for coverage in (3, 2, 1)
    )
    ticks = "<span></span>" + "".join(
        f'<span style="{small};text-align:center">{html.escape(level(need))}</span>' for need in (1, 2, 3)
    )
    grid = (
        '<div style="display:grid;grid-template-columns:auto repeat(3,2.1em);grid-template-rows:repeat(3,2.1em) auto;'
        f'gap:2px;align-items:center;width:max-content">{rows}{ticks}</div>'
    )
    gap = (
        '<div style="display:flex;align-items:center;gap:0.5em;margin-top:0.5em">'
        f"{_cell(*GAP, gap_text, 'width:1.4em;height:1.1em;flex:none')}"
        f'<span style="{small}">{html.escape(gap_text)}</span></div>'
    )
    st.markdown(
        f"<div><strong>{html.escape(title)}</strong>"
        f'<div style="{small};margin-top:0.3em">{html.escape(coverage_axis)}</div>{grid}'
        f'<div style="{small};margin-top:0.2em">{html.escape(need_axis)}</div>{gap}</div>',
        unsafe_allow_html=True,
    )


def need_coverage_legend(gap_text: str) -> None:
    """The need x coverage legend as the Coverage and Planning pages show it, ``gap_text`` naming the gap."""
    legend(
        t("coverage.legend_bivariate"),
        t("coverage.axis_need"),
        t("coverage.axis_coverage"),
        lambda level: t(LEVELS_SHORT[level]),
        lambda need, cover: t("coverage.cell", need=t(LEVELS[need]), coverage=t(LEVELS[cover])),
        gap_text,
    )
