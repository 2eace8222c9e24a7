"""The Planning page's what-if: a planner adds, moves or closes safe spaces or changes a capacity, and sees
coverage and gaps before and after, side by side.

Scenarios live in the session (``st.session_state``) under their names, each a
list of :class:`geo.scenario.Edit`; the computation is :func:`geo.scenario.evaluate`
on the snapshot's communities, open services and published need. A click on
the after map sets the point (a grid of points every kilometre takes the click)
or chooses the safe space clicked.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pandas as pd
import pydeck as pdk
import streamlit as st

from db import read
from geo.scenario import Edit, Outcome, coverage_of, evaluate
from ui import bivariate, layers, loaders, maps, mapview
from ui import whatif_view as view
from ui.i18n import N_, number, t

__all__ = ["section"]

STATE = "whatif_scenarios"  # scenario name -> list of Edit, in the order made
CURRENT = "whatif_current"  # the scenario shown
NAME = "whatif_name"  # its name, as typed
LAT, LON = "whatif_lat", "whatif_lon"  # the point
TARGET = "whatif_target"  # the safe space chosen to move, close or resize
CHART = "whatif_after"
TURN = "whatif_turn"  # clicks taken: each starts the after map afresh, without a selection
BOUNDS = {"lat": (13.45, 14.05), "lon": (100.30, 101.00)}  # Bangkok with its edges, in degrees
START = {"lat": 13.75, "lon": 100.55}
EDITS = {
    "add": N_("whatif.edit.add"),
    "move": N_("whatif.edit.move"),
    "close": N_("whatif.edit.close"),
    "capacity": N_("whatif.edit.capacity"),
}


@st.cache_data(show_spinner=False, max_entries=8)
def inputs(
    path: str, version: str, span: str, end: str
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.Series, pd.DataFrame]:
    """The snapshot's communities and residents (demand points), the services open in the window, the published
    need probability, and coverage as the what-if computes it with no edit."""
    communities, demand = read.community_points(path), read.demand_points(path)
    services = read.service_points(path, span, end)
    need = read.district_summary(path, span, end).set_index("dist_code")["need_prob"]
    return communities, demand, services, need, coverage_of(demand, services, need)


@st.cache_data(show_spinner=False, max_entries=32)
def outcome_of(path: str, version: str, span: str, end: str, edits: tuple[Edit, ...]) -> Outcome:
    _, demand, services, need, before = inputs(path, version, span, end)
    return evaluate(demand, services, need, list(edits), before)


@st.cache_data(show_spinner=False)
def grid_layer(path: str, version: str) -> pdk.Layer:
    """The click grid over the snapshot's districts, built once per snapshot."""
    return view.grid_layer(loaders.district_layer(path, version))


def scenarios() -> dict[str, list[Edit]]:
    """Every scenario of the session; the first visit starts one, empty."""
    if not st.session_state.get(STATE):
        st.session_state[STATE] = {t("whatif.default_name", n=1): []}
    return st.session_state[STATE]


def edits() -> list[Edit]:
    return scenarios()[st.session_state[CURRENT]]


def _rename() -> None:
    """Give the current scenario the name typed, unless it is empty or another scenario's."""
    name, old = st.session_state[NAME].strip(), st.session_state[CURRENT]
    if name and name != old and name not in scenarios():
        st.session_state[STATE] = {(name if key == old else key): value for key, value in scenarios().items()}
        st.session_state[CURRENT] = name
    st.session_state[NAME] = st.session_state[CURRENT]


def _new() -> None:
    names = scenarios()
    n = len(names) + 1
    while t("whatif.default_name", n=n) in names:
        n += 1
    names[t("whatif.default_name", n=n)] = []
    st.session_state[CURRENT] = st.session_state[NAME] = t("whatif.default_name", n=n)


def _chosen() -> None:
    st.session_state[NAME] = st.session_state[CURRENT]


def _take_click() -> None:
    """The after map's click: a grid point sets the point, a safe space becomes the one chosen."""
    objects = st.session_state[f"{CHART}-{st.session_state.get(TURN, 0)}"].selection.get("objects", {})
    spaces = objects.get("changed-spaces") or objects.get("after-spaces")
    if spaces:
        st.session_state[TARGET] = spaces[0]["service_id"]
    elif objects.get("click-grid"):
        st.session_state[LON], st.session_state[LAT] = objects["click-grid"][0]["position"]
    st.session_state[TURN] = st.session_state.get(TURN, 0) + 1


def scenario_picker() -> None:
    """Choose, name or start a scenario."""
    names = list(scenarios())
    if st.session_state.get(CURRENT) not in names:
        st.session_state[CURRENT] = names[0]
    if not st.session_state.get(NAME):  # first visit, or the field's state was dropped: never an empty name
        st.session_state[NAME] = st.session_state[CURRENT]
    columns = st.columns([2, 2, 1], vertical_alignment="bottom")
    columns[0].selectbox(t("whatif.scenario"), names, key=CURRENT, on_change=_chosen)
    columns[1].text_input(t("whatif.name"), key=NAME, on_change=_rename, max_chars=60)
    columns[2].button(t("whatif.new"), on_click=_new, icon=":material/add:")


def _new_id(prefix: str) -> str:
    taken = {edit.service_id for edit in edits()}
    n = 1
    while f"{prefix}{n}" in taken:
        n += 1
    return f"{prefix}{n}"


def point_controls(capacity: int) -> None:
    """The point (typed, or set by a click on the after map) and adding a safe space there."""
    st.markdown("**" + t("whatif.point") + "**")
    st.session_state.setdefault(LAT, START["lat"])
    st.session_state.setdefault(LON, START["lon"])
    lat_column, lon_column = st.columns(2)
    low, high = BOUNDS["lat"]
    lat = lat_column.number_input(t("whatif.lat"), low, high, key=LAT, step=0.001, format="%.5f")
    low, high = BOUNDS["lon"]
    lon = lon_column.number_input(t("whatif.lon"), low, high, key=LON, step=0.001, format="%.5f")
    with st.form("whatif_add", border=False):
        name = st.text_input(t("whatif.site_name"), placeholder=t("whatif.new_name", n="…"), max_chars=80)
        size = st.number_input(t("whatif.capacity"), 1, 10_000, capacity, key="whatif_add_capacity")
        if st.form_submit_button(t("whatif.add_point"), icon=":material/add_location:"):
            site = _new_id("WHATIF-")
            n = site.removeprefix("WHATIF-")
            names = [name.strip() or t("whatif.new_name", lang, n=n) for lang in ("th", "en")]
            place = {"lon": float(lon), "lat": float(lat), "capacity": int(size)}
            edits().append(Edit("add", site, **place, name_th=names[0], name_en=names[1]))
            st.rerun()


def community_controls(communities: pd.DataFrame, capacity: int, lang: str) -> None:
    """Add a safe space at a registered community."""
    bangkok = communities[communities["province_en"].isna()]
    names = dict(zip(bangkok["community_id"], maps.local_names(bangkok, lang), strict=True))
    with st.form("whatif_community", border=False):
        picked = st.selectbox(
            t("whatif.community"),
            list(names),
            index=None,
            format_func=names.get,
            placeholder=t("whatif.community_placeholder"),
        )
        if st.form_submit_button(t("whatif.add_community"), icon=":material/add_home:") and picked:
            row = bangkok.set_index("community_id").loc[picked]
            thai, english = row["name_th"] or row["name_en"], row["name_en"] or row["name_th"]
            edits().append(
                Edit(
                    "add",
                    _new_id("WHATIF-"),
                    lon=float(row["lon"]),
                    lat=float(row["lat"]),
                    capacity=capacity,
                    name_th=t("whatif.at_community", "th", name=thai),
                    name_en=t("whatif.at_community", "en", name=english),
                )
            )
            st.rerun()


def target_controls(outcome: Outcome, lang: str) -> None:
    """Move the chosen safe space to the point, close it, or change its capacity."""
    spaces = outcome.after
    names = dict(zip(spaces["service_id"], maps.local_names(spaces, lang), strict=True))
    if st.session_state.get(TARGET) not in names:
        st.session_state.pop(TARGET, None)
    target = st.selectbox(
        t("whatif.target"), list(names), index=None, key=TARGET, format_func=names.get, placeholder=t("whatif.pick")
    )
    row = spaces.set_index("service_id").loc[target] if target else None
    capacity = 1 if row is None or pd.isna(row["capacity"]) else int(row["capacity"])
    columns = st.columns(2)
    lat, lon = float(st.session_state[LAT]), float(st.session_state[LON])
    if columns[0].button(t("whatif.move"), disabled=row is None, icon=":material/open_with:", width="stretch"):
        edits().append(Edit("move", target, lon=lon, lat=lat))
        st.rerun()
    if columns[1].button(t("whatif.close"), disabled=row is None, icon=":material/block:", width="stretch"):
        edits().append(Edit("close", target))
        st.rerun()
    columns = st.columns(2, vertical_alignment="bottom")
    key = f"whatif_capacity_{target}"
    size = columns[0].number_input(t("whatif.capacity"), 1, 10_000, capacity, key=key, disabled=row is None)
    change = columns[1].button(
        t("whatif.set_capacity"), disabled=row is None or size == capacity, icon=":material/tune:", width="stretch"
    )
    if change:
        edits().append(Edit("capacity", target, capacity=int(size)))
        st.rerun()


def describe(edit: Edit, names: dict[str, str]) -> str:
    """One change in words."""
    name = names.get(edit.service_id, edit.service_id)
    where = {"lat": f"{edit.lat:.5f}", "lon": f"{edit.lon:.5f}"} if edit.lon is not None else {}
    return t(EDITS[edit.kind], name=name, capacity=edit.capacity, **where)


def edit_list(outcome: Outcome, recommended: pd.DataFrame, capacity: int, lang: str) -> None:
    """The scenario's changes in order, with undo, clear, and the recommended sites as a start."""
    changes = edits()
    everyone = pd.concat([outcome.before, outcome.after]).drop_duplicates("service_id")
    names = dict(zip(everyone["service_id"], maps.local_names(everyone, lang), strict=True))
    st.markdown("**" + t("whatif.edits") + "**")
    if not changes:
        st.caption(t("whatif.no_edits"))
    for at, edit in enumerate(changes, start=1):
        skipped = at - 1 in outcome.skipped
        st.markdown(f"{at}. {describe(edit, names)}" + (" — *" + t("whatif.skipped_one") + "*" if skipped else ""))
    columns = st.columns([1, 1, 2])
    if columns[0].button(t("whatif.undo"), disabled=not changes, icon=":material/undo:"):
        changes.pop()
        st.rerun()
    if columns[1].button(t("whatif.clear"), disabled=not changes, icon=":material/delete:"):
        changes.clear()
        st.rerun()
    if columns[2].button(t("whatif.from_plan", n=len(recommended)), icon=":material/playlist_add:"):
        for site in recommended.itertuples():
            service_id = f"PLAN-{site.site_id}"
            if service_id not in {edit.service_id for edit in changes}:
                place = {"lon": float(site.lon), "lat": float(site.lat), "capacity": capacity}
                changes.append(Edit("add", service_id, **place, name_th=site.name_th, name_en=site.name_en))
        st.rerun()


def figures(outcome: Outcome) -> None:
    before, after = outcome.districts["gap_before"].sum(), outcome.districts["gap_after"].sum()
    columns = st.columns(3)
    gain = outcome.residents_after - outcome.residents_before
    sign = "+" if gain >= 0 else ""
    columns[0].metric(t("whatif.residents"), number(outcome.residents_after), f"{sign}{number(gain)}")
    columns[1].metric(t("whatif.gaps"), int(after), int(after - before), delta_color="inverse")
    spaces = len(outcome.after) - len(outcome.before)
    columns[2].metric(t("whatif.spaces"), len(outcome.after), spaces)


def maps_side_by_side(outcome: Outcome, snapshot, chosen, lang: str, name: str, shown: layers.Shown) -> None:
    """Before and after, side by side, with the layers ``shown`` on the plan's map above, each deck made once for
    what it shows (kept for the server)."""
    districts = loaders.district_layer(snapshot.path, snapshot.version)
    radius_m = snapshot.meta.catchment_m
    point = pd.DataFrame({"lon": [st.session_state[LON]], "lat": [st.session_state[LAT]]})

    def overlays() -> list[pdk.Layer]:  # built only when a deck is, not on every rerun
        turned_on = layers.overlay_layers(snapshot.path, snapshot.version, shown, chosen.span, chosen.end, lang)
        return [*turned_on["under"], *turned_on["over"]]

    key = ("whatif", snapshot.version, lang, chosen.span, chosen.end, shown)
    before, after = st.columns(2)
    before.markdown("**" + t("whatif.before") + "**")
    opening = view.half_view()
    before.pydeck_chart(
        mapview.with_view(
            loaders.remembered(
                (*key, "before"), lambda: view.district_deck(outcome, districts, "before", radius_m, lang, overlays())
            ),
            opening,
        ),
        height=480,
        alt=t("whatif.before"),
    )
    after.markdown("**" + t("whatif.after", name=name) + "**")
    after.pydeck_chart(
        mapview.with_view(
            loaders.remembered(
                (*key, tuple(edits()), float(point["lon"][0]), float(point["lat"][0])),
                lambda: view.district_deck(
                    outcome,
                    districts,
                    "after",
                    radius_m,
                    lang,
                    [
                        *overlays(),
                        grid_layer(snapshot.path, snapshot.version),
                        maps.marker_layer(point, "point", view.POINT, [], 6),
                    ],
                ),
            ),
            opening,
        ),
        height=480,
        alt=t("whatif.after", name=name),
        on_select=_take_click,
        selection_mode="single-object",
        key=f"{CHART}-{st.session_state.get(TURN, 0)}",
    )
    st.caption(t("whatif.click_note"))
    legend, points = st.columns(2)
    with legend:
        bivariate.need_coverage_legend(t("whatif.gap_legend"))
    with points:
        maps.legend(t("whatif.legend_points"), view.legend_entries(radius_m))
        layers.legend_beside(shown)


def downloads(outcome: Outcome, snapshot, chosen, name: str, lang: str, picture: Callable[..., bytes]) -> None:
    """The scenario's changes as a services file, and the two maps as one PNG (each drawn by ``picture``)."""
    date = view.first_day_after(chosen.end)
    changed = outcome.after[outcome.after["change"] != ""]
    added, moved = changed["change"] == "add", changed["change"].str.contains("move")
    changed = changed.assign(
        opened=changed["opened"].where(~added, date),  # placeholders: the first day after the window
        approximate=(added | moved) | changed["approximate"].fillna(False).astype(bool),  # the exact place is open
    )
    sites = pd.concat([changed.drop(columns="change"), outcome.closed.assign(closed=date)], ignore_index=True)
    columns = st.columns(2)
    columns[0].download_button(
        t("whatif.download_csv"),
        view.services_csv(sites, t("whatif.source", name=name)),
        file_name=f"scenario_{chosen.end}_changes.csv",
        mime="text/csv",
        disabled=sites.empty,
        icon=":material/table:",
    )
    columns[1].download_button(
        t("whatif.download_png"),
        partial(
            view.side_by_side_png,
            picture,
            outcome,
            (t("whatif.before"), t("whatif.after", name=name)),
            published=snapshot.path,
            legend=view.png_legend(outcome),
            subtitle=t("whatif.png_subtitle", window=chosen.label),
            legend_title=t("coverage.legend_bivariate"),
            lang=lang,
        ),
        file_name=f"scenario_{chosen.end}_{chosen.span}_{lang}.png",
        mime="image/png",
        icon=":material/image:",
    )
    st.caption(t("whatif.csv_note", date=date))


def section(
    snapshot, chosen, recommended: pd.DataFrame, lang: str, picture: Callable[..., bytes], shown: layers.Shown
) -> None:
    """The what-if section for the window ``chosen``; ``recommended`` are the sites the page recommends,
    ``picture`` draws a map as PNG (the page passes the briefing's renderer: ui/ does not import etl/), and
    ``shown`` are the layers turned on for the plan's map, which the before and after maps show too."""
    st.header(t("whatif.title"), divider="gray")
    st.caption(t("whatif.caption"))
    scenario_picker()
    name = st.session_state[CURRENT]
    communities, _, services, *_ = inputs(snapshot.path, snapshot.version, chosen.span, chosen.end)
    median = services.loc[services["service_type"] == "safe_space", "capacity"].median(skipna=True)
    capacity = 1 if pd.isna(median) else round(median)  # a new safe space's capacity, unless the planner says
    outcome = outcome_of(snapshot.path, snapshot.version, chosen.span, chosen.end, tuple(edits()))
    controls, changes = st.columns(2, gap="large")
    with controls:
        point_controls(capacity)
        community_controls(communities, capacity, lang)
    with changes:
        target_controls(outcome, lang)
        edit_list(outcome, recommended, capacity, lang)
    if outcome.skipped:
        st.info(t("whatif.skipped", n=len(outcome.skipped)))
    st.warning(t("whatif.banner", name=name), icon=":material/science:")
    figures(outcome)
    maps_side_by_side(outcome, snapshot, chosen, lang, name, shown)
    st.subheader(t("whatif.changes"))
    layer = loaders.district_layer(snapshot.path, snapshot.version)
    table = view.change_table(outcome, maps.local_names(layer, lang).set_axis(layer["dist_code"]))
    if table.empty:
        st.caption(t("whatif.no_changes"))
    else:
        st.dataframe(table, hide_index=True, width="stretch")
    downloads(outcome, snapshot, chosen, name, lang, picture)
    st.caption(t("whatif.limits"))
