"""Choosing a district by clicking it on a map, without leaving the map faded.

While a pydeck chart holds a selection, Streamlit draws every object but the
selected one faded, and it keeps the selection across reruns, also when the
map's colours change (another view, period or language): a 99 % hot spot then
looks pale and no colour matches the legend. So a click is taken once: it
chooses the district, and the chart gets a new key, so it starts again with no
selection. The chosen district is outlined instead, whether it was chosen on
the map or in the list, in every view.
"""

from __future__ import annotations

from collections.abc import Sequence

import geopandas as gpd
import pydeck as pdk
import streamlit as st

from ui import maps, mapview

__all__ = ["CHOSEN_FILL", "CHOSEN_LINE", "chart_key", "chosen_outline", "chosen_view", "outlined", "take_click"]

CHOSEN_LINE = (20, 20, 20)  # a chosen district's outline over the fills: near-black, unlike every fill
CHOSEN_FILL = (255, 236, 179)  # a pale yellow under the chosen districts in a picture (which draws no outlines)


def _turn(base: str) -> str:
    return f"_{base}_turn"


def chart_key(base: str) -> str:
    """The chart's key now: ``base`` and how many clicks it has taken (each click starts a fresh chart)."""
    return f"{base}-{st.session_state.get(_turn(base), 0)}"


def take_click(base: str, codes: list[str], target: str, layer: str = "districts") -> None:
    """``on_select`` callback: the clicked district of ``layer`` (its index into ``codes``) goes to the widget
    ``target``, and the chart is replaced by a fresh one, so the selection and its fading end with the click."""
    picked = st.session_state[chart_key(base)].selection.indices.get(layer, [])
    if picked:
        st.session_state[target] = codes[picked[0]]
    st.session_state[_turn(base)] = st.session_state.get(_turn(base), 0) + 1


def outlined(shapes: gpd.GeoSeries, layer_id: str = "chosen-districts") -> list[pdk.Layer]:
    """The chosen districts' ``shapes`` outlined in the chosen colour, or nothing when none is chosen."""
    return [maps.outline_layer(shapes, layer_id, CHOSEN_LINE, 3)] if len(shapes) else []


def chosen_outline(districts: gpd.GeoDataFrame, chosen: str | None) -> list[pdk.Layer]:
    """The chosen district's outline (``districts`` has ``dist_code``), or nothing when none is chosen."""
    return outlined(districts[districts["dist_code"] == chosen].geometry, "chosen-district")


def chosen_view(districts: gpd.GeoDataFrame, picked: Sequence[str]) -> tuple[gpd.GeoSeries, pdk.ViewState]:
    """The ``picked`` districts' shapes and the view that frames them on the reader's canvas (all of Bangkok
    when none is picked: on a phone too)."""
    chosen = districts[districts["dist_code"].isin(picked)].geometry
    size = mapview.canvas()
    return chosen, mapview.view_of(chosen, size) if len(chosen) else mapview.fit_view(mapview.BANGKOK, size)
