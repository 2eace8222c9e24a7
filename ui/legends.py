"""Legends beside the maps: a title and one swatch per entry, every label escaped (names are text, not markup)."""

from __future__ import annotations

import html
from collections.abc import Callable

import streamlit as st

from ui.i18n import t
from ui.palettes import LegendEntry

__all__ = ["css", "legend", "line_entry", "picture_button"]


def css(colour: tuple[int, int, int]) -> str:
    """``rgb(r,g,b)``, as the legends write a colour."""
    return "rgb({},{},{})".format(*colour)


def _swatch(entry: LegendEntry) -> str:
    return (
        f'<div style="display:flex;align-items:center;gap:0.5em;margin:0.15em 0">'
        f'<span style="width:1.4em;height:1em;background:{css(entry.colour)};border:1px solid #555;flex:none"></span>'
        f"<span>{html.escape(entry.label)}</span></div>"
    )


def line_entry(colour: tuple[int, int, int], label: str) -> str:
    """A legend row for a line layer (a river, roads, outlines): a short stroke, not a box."""
    return (
        f'<div style="display:flex;align-items:center;gap:0.5em;margin:0.15em 0">'
        f'<span style="width:1.4em;height:0;border-top:3px solid {css(colour)};flex:none"></span>'
        f"<span>{html.escape(label)}</span></div>"
    )


def legend(title: str, entries: list[LegendEntry], lines: list[LegendEntry] = ()) -> None:
    """Render a legend: a title, one swatch per entry and one stroke per line layer, all text escaped."""
    body = "".join(_swatch(e) for e in entries) + "".join(line_entry(e.colour, e.label) for e in lines)
    st.markdown(f"<div><strong>{html.escape(title)}</strong>{body}</div>", unsafe_allow_html=True)


def picture_button(make: Callable[[], bytes], file_name: str) -> None:
    """The button that downloads a map as PNG with its legend and title: ``make`` draws it on the click (a
    second or two, on its own thread, so it makes no Streamlit calls)."""
    st.download_button(t("map.download_png"), make, file_name=file_name, mime="image/png", icon=":material/image:")
