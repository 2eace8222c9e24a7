"""Coverage & referral gaps: where help is, how far a safe space reaches, and which districts need more."""

from __future__ import annotations

import streamlit as st

from core.codes import SERVICE_TYPES
from etl.briefing.picture import map_png
from ui import bivariate, layers, legends, loaders, maps, mapview, need_coverage, services_map, sidebar, tables
from ui.context import open_page
from ui.i18n import t

page = open_page("coverage.title")
period = page.require_period("coverage.no_cases")
lang = page.lang
km = f"{page.meta.catchment_m / 1000:g}"
scenarios = page.meta.gap_scenarios
st.caption(t("coverage.subtitle", window=period.label))
summary = loaders.district_summary(page.path, page.version, period.span, period.end)
all_services = loaders.service_points(page.path, page.version, period.span, period.end)
services = sidebar.filter_districts(all_services)
districts = loaders.district_layer(page.path, page.version)
# What both maps' kept decks depend on besides the reader's choices: they open framed for this reader's screen.
kept_for = (page.version, lang, sidebar.show_context(), mapview.canvas())

# --- Services and catchments --------------------------------------------------
st.subheader(t("coverage.services"))
present = [kind for kind in SERVICE_TYPES if kind in set(all_services["service_type"])]
types, extras = services_map.choices(present, km, lang)
with st.popover(t("layers.title"), icon=":material/layers:"):
    visible = layers.layer_toggles("coverage_map", offered=("subdistricts", "communities"), default=())

if all_services.empty:
    st.info(t("coverage.no_services"))
elif services.empty:
    st.info(t("coverage.no_services_here"))
elif not types:
    st.info(t("coverage.choose_types"))
else:
    lines = services_map.outlines(page.path, page.version)
    key = (period.span, period.end, tuple(types), tuple(sorted(extras)), visible, page.districts)
    deck, entries = loaders.remembered(
        ("coverage-services", *kept_for, *key),
        lambda: services_map.deck(
            services,
            types,
            extras,
            districts,
            lines,
            lang,
            services_map.origins(all_services),
            page.meta.catchment_m,
            page.districts,
            layers.overlay_layers(page.path, page.version, visible, period.span, period.end, lang)["over"],
        ),
    )
    map_column, legend_column = st.columns([5, 1])
    map_column.pydeck_chart(deck, height=640, alt=t("coverage.services_alt"))
    with legend_column:
        maps.legend(t("coverage.legend_services"), entries)
        layers.legend_beside(visible)
        st.caption(t("coverage.origins_note"))
        shown = services[services["service_type"].isin(types)]
        picture = services_map.picture(map_png, page.path, shown, entries, page.districts, period.label, lang)
        legends.picture_button(picture, f"map_services_{period.end}_{period.span}_{lang}.png")

# --- Need x coverage ------------------------------------------------------------
st.subheader(t("coverage.bivariate"))
st.caption(t("coverage.bivariate_caption", km=km))
st.caption(t("coverage.scenarios_caption", n=scenarios, km=km))
st.caption(t("coverage.need_caveat"))
if summary["gap_class"].isna().all():
    st.info(t("coverage.no_classes"))
else:
    with st.popover(t("layers.title"), icon=":material/layers:"):
        on_gaps = layers.layer_toggles("coverage_gaps_map", ("subdistricts", "services", "communities"), default=())
    map_column, legend_column = st.columns([5, 1])
    deck = loaders.remembered(
        ("coverage-gaps", *kept_for, period.span, period.end, page.districts, on_gaps),
        lambda: need_coverage.deck(
            summary,
            districts,
            lang,
            scenarios,
            page.districts,
            layers.overlay_layers(page.path, page.version, on_gaps, period.span, period.end, lang)["over"],
        ),
    )
    map_column.pydeck_chart(deck, height=640, alt=t("coverage.bivariate_alt"))
    with legend_column:
        bivariate.need_coverage_legend(t("coverage.gap_legend", n=scenarios))
        maps.legend("", [maps.LegendEntry(maps.NO_DATA, t("coverage.not_classified"))])
        layers.legend_beside(on_gaps)
        picture = need_coverage.picture(map_png, page.path, summary, period.label, lang)
        legends.picture_button(picture, f"map_need_coverage_{period.end}_{period.span}_{lang}.png")

# --- Gap districts ----------------------------------------------------------------
st.subheader(t("coverage.gaps"))
table = need_coverage.gap_table(sidebar.filter_districts(summary), lang, scenarios)
if table.empty:
    st.info(t("coverage.no_gaps"))
else:
    st.caption(t("coverage.gaps_caption"))
    st.caption(t("coverage.need_caveat_short"))
    st.dataframe(table, hide_index=True, width="stretch")
    tables.download(
        need_coverage.gap_table(sidebar.filter_districts(summary), lang, scenarios, numbers=True),
        f"gap_districts_{period.start}_{period.end}",
        t("coverage.download"),
        "gaps",
    )
