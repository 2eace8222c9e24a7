"""Drilling into a district from a map: which district is open, breadcrumbs back, and what lies inside it.

Opening a district zooms its map onto it and draws its sub-districts
(khwaeng), communities and services. Cases are published by district only:
the finest protected cells are quarter × district × community, and
sub-district sums of other cells could be differenced against the district
figures (README, Privacy). So the sub-districts, communities and services of
a district are listed with "too few to show" for their cases, never a blank
and never a count.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import layers, loaders, maps
from ui.i18n import label, number, t

__all__ = ["breadcrumbs", "close", "district_lists", "open_district", "opened"]


def _key(base: str) -> str:
    return f"{base}_open"


def opened(base: str) -> str | None:
    """The district open on the map ``base``, or None (all of Bangkok)."""
    return st.session_state.get(_key(base))


def open_district(base: str, dist_code: str | None) -> None:
    """Open ``dist_code`` on the map ``base`` (None: back to all of Bangkok), at its fitted view."""
    st.session_state[_key(base)] = dist_code
    st.session_state[f"_{base}_zoom"] = 0  # the zoom buttons count from the new fitted view


def close(base: str) -> None:
    open_district(base, None)


def breadcrumbs(base: str, names: pd.Series) -> None:
    """ "Bangkok › District" above the map: Bangkok is a button back while a district is open."""
    code = opened(base)
    row = st.container(horizontal=True, gap="small", vertical_alignment="center", key=f"{base}-crumbs")
    if code is None:
        row.markdown("**" + t("drill.bangkok") + "**")
        row.caption(t("drill.hint"))
        return
    row.button(
        t("drill.bangkok"),
        icon=":material/arrow_back:",
        key=f"{base}-back",
        help=t("drill.back"),
        on_click=close,
        args=(base,),
    )
    row.markdown(f"› **{names.get(code, code)}**")


def _names(frame: pd.DataFrame, lang: str) -> pd.Series:
    return maps.local_names(frame, lang).reset_index(drop=True)


def district_lists(path: str, version: str, span: str, end: str, dist_code: str, lang: str) -> None:
    """The open district's sub-districts, communities and services, each list with its count in the title."""
    too_few = t("drill.too_few")
    khwaeng = loaders.subdistrict_layer(path, version, dist_code)
    communities = layers.in_district(loaders.community_points(path, version), dist_code)
    services = layers.in_district(loaders.service_points(path, version, span, end), dist_code)
    tabs = st.tabs(
        [
            t("drill.subdistricts", n=len(khwaeng)),
            t("drill.communities", n=len(communities)),
            t("drill.services", n=len(services)),
        ]
    )
    name, cases = t("drill.col.name"), t("drill.col.cases")
    tabs[0].dataframe(pd.DataFrame({name: _names(khwaeng, lang), cases: too_few}), hide_index=True, width="stretch")
    population = communities["population"].map(lambda p: number(p, 0, lang))
    tabs[1].dataframe(
        pd.DataFrame(
            {name: _names(communities, lang), t("drill.col.population"): population.to_numpy(), cases: too_few}
        ),
        hide_index=True,
        width="stretch",
    )
    kinds = services["service_type"].map(lambda code: label("service", code))
    tabs[2].dataframe(
        pd.DataFrame({name: _names(services, lang), t("drill.col.type"): kinds.to_numpy()}),
        hide_index=True,
        width="stretch",
    )
    st.caption(t("drill.note"))
