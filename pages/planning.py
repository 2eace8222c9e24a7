"""Plan safe spaces: where new sites would reach the most need, as a scenario computed from published figures.

The solver runs in the server on the snapshot's communities, service points
and published need (:mod:`etl.plan`, :mod:`geo.siting`); this page's imports
(scipy, whose HiGHS solves the plan) load only when a planner opens it.
"""

from __future__ import annotations

import streamlit as st

from etl.briefing.picture import map_png
from etl.messages import render
from etl.plan import Recommendation, recommend
from geo.planning import PlanError
from ui import layers, legends, loaders, mapview, plan_view, whatif
from ui.context import open_page
from ui.i18n import t


@st.cache_data(show_spinner=False, max_entries=16)
def plan_for(
    path: str, version: str, span: str, end: str, k: int, radius_m: float, candidates: str, model: str
) -> Recommendation:
    return recommend(path, k, radius_m=radius_m, candidates=candidates, model=model, span=span, end=end)


page = open_page("planning.title")
st.warning(t("planning.banner"), icon=":material/science:")
period = page.require_period("planning.no_cases")
lang = page.lang

# --- The planner's settings and the plan -----------------------------------------
settings = plan_view.settings_form(page.meta.catchment_m, lang)
try:
    with st.spinner(t("planning.solving")):
        rec = plan_for(page.path, page.version, period.span, period.end, **settings)
except PlanError as exc:
    timeout = exc.code == "plan.solver_timeout"
    st.error(t("planning.timeout", **exc.params) if timeout else render(exc.code, lang, **exc.params))
    st.stop()
existing, radius_m = rec.problem.existing, rec.problem.radius_m

# --- Recommended sites on the map ------------------------------------------------
st.caption(t("planning.subtitle", window=period.label, existing=len(existing)))
plan_view.figures(rec.plan)
with st.popover(t("layers.title"), icon=":material/layers:"):
    visible = layers.layer_toggles("planning_map")
map_column, legend_column = st.columns([5, 1])
screen = mapview.canvas()  # the map opens framed for this reader's screen
deck = loaders.remembered(
    ("planning", page.version, lang, screen, visible, period.span, period.end, *settings.values(), page.districts),
    lambda: plan_view.deck(existing, rec.sites, radius_m, lang, page.districts, visible, period),
)
map_column.pydeck_chart(deck, height=600, alt=t("planning.map_alt"))
with legend_column:
    plan_view.legend(radius_m, page.districts, visible)
    legends.picture_button(
        plan_view.picture(map_png, page.path, existing, rec.sites, period.label, lang),
        f"map_planned_sites_{period.end}_{rec.plan.model}_{rec.plan.k}_{lang}.png",
    )

# --- The sites, as a table and an upload file ---------------------------------------
st.subheader(t("planning.sites"))
st.caption(t("planning.sites_caption"))
st.dataframe(plan_view.site_table(rec.sites, rec.districts, lang), hide_index=True, width="stretch")
st.download_button(
    t("planning.download"),
    plan_view.plan_csv(rec.sites, rec.end, rec.plan.model),
    file_name=f"scenario_{rec.plan.model}_{rec.plan.k}_sites.csv",
    mime="text/csv",
)
st.caption(t("planning.limits"))

# --- What if -------------------------------------------------------------------------
whatif.section(page.snapshot, period, rec.sites, lang, map_png, visible)
