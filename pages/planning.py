"""Plan safe spaces: where new sites would reach the most need, as a scenario computed from published figures.

The solver runs in the server on the snapshot's communities, service points
and published need (:mod:`etl.plan`, :mod:`geo.siting`); this page's imports
(scipy, and spopt when a plan is solved) load only when a planner opens it.
"""

from __future__ import annotations

from functools import partial

import pandas as pd
import pydeck as pdk
import streamlit as st

from etl.briefing.picture import map_png
from etl.messages import render
from etl.plan import Recommendation, recommend
from geo.planning import CANDIDATE_SETS, RADIUS_MAX_M, RADIUS_MIN_M, PlanError
from geo.siting import MODELS
from ui import legends, loaders, maps, picking, sidebar, whatif
from ui.entry import through_dashboard
from ui.i18n import N_, current_lang, number, t
from ui.whatif_view import CHANGED, first_day_after, services_csv

NEW_SITE = CHANGED  # purple: no service type uses it
SAFE_SPACE = maps.SERVICE_COLOURS["safe_space"]
SETTINGS_KEY = "planning_settings"  # the settings of the plan shown: solved again only on "Recommend"
SET_NAMES = {
    "all": N_("planning.set.all"),
    "communities": N_("planning.set.communities"),
    "district-offices": N_("planning.set.district-offices"),
    "health-centres": N_("planning.set.health-centres"),
}
MODEL_NAMES = {"mclp": N_("planning.model.mclp"), "p-median": N_("planning.model.p-median")}


@st.cache_data(show_spinner=False, max_entries=16)
def plan_for(
    path: str, version: str, span: str, end: str, k: int, radius_m: float, candidates: str, model: str
) -> Recommendation:
    return recommend(path, k, radius_m=radius_m, candidates=candidates, model=model, span=span, end=end)


@st.cache_data(show_spinner=False)
def district_outlines(path: str, version: str) -> pdk.Layer:
    return maps.outline_layer(loaders.district_layer(path, version).geometry, "district-outlines", maps.DISTRICT_LINE)


def settings_form(default_radius: float, lang: str) -> dict:
    """The planner's choices; the plan shown changes only when the form is sent."""
    shown = st.session_state.setdefault(
        SETTINGS_KEY, {"k": 5, "radius_m": default_radius, "candidates": "communities", "model": "mclp"}
    )
    with st.form("planning_form"):
        columns = st.columns(4)
        k = columns[0].number_input(t("planning.k"), min_value=1, max_value=50, value=shown["k"], step=1)
        radius = columns[1].number_input(
            t("planning.radius"),
            min_value=int(RADIUS_MIN_M),
            max_value=int(RADIUS_MAX_M),
            value=int(shown["radius_m"]),
            step=100,
        )
        candidates = columns[2].selectbox(
            t("planning.candidates"),
            list(CANDIDATE_SETS),
            index=list(CANDIDATE_SETS).index(shown["candidates"]),
            format_func=lambda key: t(SET_NAMES[key], lang),
        )
        model = columns[3].radio(
            t("planning.model"),
            MODELS,
            index=MODELS.index(shown["model"]),
            format_func=lambda m: t(MODEL_NAMES[m], lang),
        )
        if st.form_submit_button(t("planning.run"), type="primary"):
            shown = st.session_state[SETTINGS_KEY] = {
                "k": int(k),
                "radius_m": float(radius),
                "candidates": candidates,
                "model": model,
            }
    return shown


def named(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    return frame.assign(name=maps.local_names(frame, lang))


def scenario_deck(rec: Recommendation, lang: str, picked: tuple[str, ...]) -> pdk.Deck:
    """Existing safe spaces and the recommended sites, each with its reach, over the district outlines; opened
    on the ``picked`` districts, outlined (the plan itself is Bangkok's: sites may serve across a boundary)."""
    shown = sidebar.snapshot()
    districts = loaders.district_layer(shown.path, shown.version)
    existing = named(rec.problem.existing, lang).assign(kind=t("planning.existing"))
    sites = named(rec.sites, lang).assign(kind=t("planning.new_site"))
    radius = rec.problem.radius_m
    layers = [
        district_outlines(shown.path, shown.version),
        *sidebar.context_layers(),
        maps.label_layer(districts.assign(fill=[maps.NO_DATA] * len(districts)), f"name_{lang}"),
        maps.catchment_layer(existing, "existing-reach", SAFE_SPACE, radius),
        maps.catchment_layer(sites, "new-reach", NEW_SITE, radius),
        maps.marker_layer(existing, "existing", SAFE_SPACE, ["name", "kind"]),
        maps.marker_layer(sites, "new-sites", NEW_SITE, ["name", "kind"], radius_px=8),
    ]
    chosen, view = picking.chosen_view(districts, picked)
    if len(chosen):
        layers.append(maps.outline_layer(chosen, "chosen-districts", picking.CHOSEN_LINE, 3))
    return maps.map_deck(layers, "<b>{name}</b><br/>{kind}", view)


def site_points(rec: Recommendation) -> list[tuple[float, float, tuple[int, int, int], float, str]]:
    """The existing safe spaces (small) and the recommended sites (larger, labelled with their id, as in the
    table of sites) for the map's picture."""
    existing = rec.problem.existing[["lon", "lat"]].itertuples(index=False)
    sites = rec.sites[["lon", "lat", "site_id"]].itertuples(index=False)
    return [(lon, lat, SAFE_SPACE, 0.6, "") for lon, lat in existing] + [
        (lon, lat, NEW_SITE, 1.2, site_id) for lon, lat, site_id in sites
    ]


def site_table(rec: Recommendation, lang: str) -> pd.DataFrame:
    """The recommended sites with what each adds, in the order chosen."""
    names = maps.local_names(rec.districts, lang).set_axis(rec.districts["dist_code"])
    return pd.DataFrame(
        {
            t("planning.col.site"): rec.sites["site_id"],
            t("planning.col.name"): maps.local_names(rec.sites, lang),
            t("planning.col.district"): rec.sites["dist_code"].map(names),
            t("planning.col.residents_new"): rec.sites["residents_new"].map(number),
            t("planning.col.weight_new"): rec.sites["weight_new"].map(number),
            t("planning.col.gaps"): rec.sites["gap_districts"].map(lambda codes: ", ".join(names[c] for c in codes)),
        }
    )


def plan_csv(rec: Recommendation) -> bytes:
    """The recommended sites in the services upload format, marked as a scenario, for an analyst to load once
    agreed; the opening date is a placeholder (the first day after the window), the place approximate."""
    sites = rec.sites[["name_th", "name_en", "lat", "lon"]].assign(
        service_id="PLAN-" + rec.sites["site_id"].astype(str), opened=first_day_after(rec.end), approximate=True
    )
    return services_csv(sites, t("planning.source", model=rec.plan.model))


def figures(rec: Recommendation) -> None:
    plan = rec.plan
    columns = st.columns(4)
    columns[0].metric(
        t("planning.covered_after"),
        number(plan.covered_after),
        f"+{number(plan.covered_after - plan.covered_before)}",
    )
    columns[1].metric(
        t("planning.residents_after"),
        number(plan.residents_after),
        f"+{number(plan.residents_after - plan.residents_before)}",
    )
    columns[2].metric(t("planning.greedy"), number(plan.greedy_after), help=t("planning.greedy_help"))
    columns[3].metric(
        t("planning.distance_after"),
        number(plan.mean_distance_after_m / 1000, 2),
        number((plan.mean_distance_after_m - plan.mean_distance_before_m) / 1000, 2),
        delta_color="inverse",
    )


through_dashboard()
SNAPSHOT = sidebar.snapshot()
LANG = current_lang()
chosen = sidebar.period()

st.title(t("planning.title"))
st.warning(t("planning.banner"), icon=":material/science:")
if chosen is None:
    st.info(t("planning.no_cases"))
    st.stop()
settings = settings_form(SNAPSHOT.meta.catchment_m, LANG)
try:
    with st.spinner(t("planning.solving")):
        rec = plan_for(SNAPSHOT.path, SNAPSHOT.version, chosen.span, chosen.end, **settings)
except PlanError as exc:
    timeout = exc.code == "plan.solver_timeout"
    st.error(t("planning.timeout", **exc.params) if timeout else render(exc.code, LANG, **exc.params))
    st.stop()

st.caption(t("planning.subtitle", window=chosen.label, existing=len(rec.problem.existing)))
figures(rec)
map_column, legend_column = st.columns([5, 1])
picked = tuple(sidebar.chosen_districts())
deck = loaders.remembered(
    ("planning", SNAPSHOT.version, LANG, sidebar.show_context(), chosen.span, chosen.end, *settings.values(), picked),
    lambda: scenario_deck(rec, LANG, picked),
)
map_column.pydeck_chart(deck, height=600, alt=t("planning.map_alt"))
with legend_column:
    km = f"{rec.problem.radius_m / 1000:g}"
    maps.legend(
        t("planning.legend"),
        [
            maps.LegendEntry(SAFE_SPACE, t("planning.existing")),
            maps.LegendEntry(NEW_SITE, t("planning.new_site")),
            maps.LegendEntry(maps.translucent(NEW_SITE), t("planning.reach", km=km)),
            *([maps.LegendEntry(picking.CHOSEN_LINE, t("coverage.chosen"))] if picked else []),
        ],
    )
    legends.picture_button(
        partial(
            map_png,
            SNAPSHOT.path,
            {},
            [(SAFE_SPACE, t("planning.existing")), (NEW_SITE, t("planning.new_site"))],
            title=t("planning.map_png_title"),
            subtitle=chosen.label,
            legend_title=t("planning.legend"),
            lang=LANG,
            points=site_points(rec),
        ),
        f"map_planned_sites_{chosen.end}_{rec.plan.model}_{rec.plan.k}_{LANG}.png",
    )

st.subheader(t("planning.sites"))
st.caption(t("planning.sites_caption"))
st.dataframe(site_table(rec, LANG), hide_index=True, width="stretch")
st.download_button(
    t("planning.download"),
    plan_csv(rec),
    file_name=f"scenario_{rec.plan.model}_{rec.plan.k}_sites.csv",
    mime="text/csv",
)
st.caption(t("planning.limits"))

whatif.section(SNAPSHOT, chosen, rec.sites, LANG, map_png)
