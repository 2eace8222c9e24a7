"""Coverage & referral gaps: where help is, how far a safe space reaches, and which districts need more."""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import partial

import geopandas as gpd
import pandas as pd
import pydeck as pdk
import streamlit as st

from core.codes import SERVICE_TYPES
from db import read
from etl.briefing.picture import map_png
from ui import bivariate, legends, links, loaders, maps, picking, sidebar, tables
from ui.entry import through_dashboard
from ui.i18n import LEVELS, LEVELS_SHORT, N_, current_lang, label, number, t

HEALTH_CENTRE_LINE = maps.SERVICE_COLOURS["health_centre"]


@st.cache_data(show_spinner=False)
def load_services(path: str, version: str, span: str, end: str) -> pd.DataFrame:
    return read.service_points(path, span, end)


@st.cache_data(show_spinner=False)
def load_outlines(path: str, version: str) -> dict[str, pdk.Layer]:
    """The outline layers, built once per snapshot (merging shared edges takes a moment)."""
    return {
        "districts": maps.outline_layer(
            loaders.district_layer(path, version).geometry, "district-outlines", maps.DISTRICT_LINE
        ),
        "health_centres": maps.outline_layer(
            loaders.health_centre_areas(path, version).geometry, "health-centre-areas", HEALTH_CENTRE_LINE, 1.5
        ),
        "context": maps.outline_layer(
            loaders.context_districts(path, version).geometry, "samut-prakan", maps.CONTEXT_LINE
        ),
    }


def origins(services: pd.DataFrame) -> dict[str, str]:
    """Where each type's points come from: ``synthetic`` (demo data), ``estimated`` (placed, not surveyed)
    or ``real``, from the published sources and approximate flags."""
    synthetic = services["source"].fillna("").str.startswith("synthetic")
    frame = services.assign(synthetic=synthetic, approximate=services["approximate"].fillna(False).astype(bool))
    by_type = frame.groupby("service_type")[["synthetic", "approximate"]].any()
    return {
        kind: "synthetic" if row["synthetic"] else "estimated" if row["approximate"] else "real"
        for kind, row in by_type.iterrows()
    }


ORIGINS = {
    "real": N_("coverage.origin.real"),
    "estimated": N_("coverage.origin.estimated"),
    "synthetic": N_("coverage.origin.synthetic"),
}


def type_label(service_type: str, lang: str, origin: dict[str, str]) -> str:
    """A service type's legend label, saying whether its points are real, estimated or synthetic demo data."""
    text = label("service", service_type, lang)
    return t(ORIGINS[origin.get(service_type, "real")], lang, service=text)


def service_layers(services: pd.DataFrame, types: list[str], lang: str, origin: dict[str, str]) -> list[pdk.Layer]:
    """One marker layer per chosen type, with flat tooltip fields: name, kind and district."""
    points = services.assign(
        name=maps.local_names(services, lang),
        district=maps.local_names(services, lang, "district_").replace("", t("coverage.outside_bangkok")),
    )
    return [
        maps.marker_layer(
            points[points["service_type"] == kind].assign(kind=type_label(kind, lang, origin)),
            f"services-{kind}",
            maps.SERVICE_COLOURS[kind],
            ["name", "kind", "district"],
        )
        for kind in types
    ]


OPTIONAL_LINES = {  # optional outline layers: their legend colour and text
    "health_centres": (HEALTH_CENTRE_LINE, N_("coverage.health_centre_outline")),
    "context": (maps.CONTEXT_LINE, N_("map.context_outline")),
}


def service_deck(
    services: pd.DataFrame,
    types: list[str],
    extras: set[str],
    districts: gpd.GeoDataFrame,
    outlines: dict[str, pdk.Layer],
    lang: str,
    origin: dict[str, str],
) -> tuple[pdk.Deck, list[maps.LegendEntry]]:
    """The services map and its legend: outlines, names, the optional layers in ``extras``, then the points;
    opened on the chosen districts, outlined."""
    layers = [outlines["districts"], *sidebar.context_layers()]
    lines = [maps.LegendEntry(maps.DISTRICT_LINE, t("map.bangkok_outline"))]
    for extra, (colour, text) in OPTIONAL_LINES.items():
        if extra in extras:
            layers.append(outlines[extra])
            lines.append(maps.LegendEntry(colour, t(text)))
    layers.append(maps.label_layer(districts.assign(fill=[maps.NO_DATA] * len(districts)), f"name_{lang}"))
    entries = [maps.LegendEntry(maps.SERVICE_COLOURS[kind], type_label(kind, lang, origin)) for kind in types]
    safe_spaces = services[services["service_type"] == "safe_space"]
    if "catchments" in extras and not safe_spaces.empty:
        colour = maps.SERVICE_COLOURS["safe_space"]
        layers.append(maps.catchment_layer(safe_spaces, "catchments", colour, SNAPSHOT.meta.catchment_m))
        entries.append(maps.LegendEntry(maps.translucent(colour), t("coverage.catchments", km=f"{KM:g}")))
    chosen, view = picking.chosen_view(districts, tuple(sidebar.chosen_districts()))
    if len(chosen):
        layers.append(maps.outline_layer(chosen, "chosen-districts", picking.CHOSEN_LINE, 3))
        lines.append(maps.LegendEntry(picking.CHOSEN_LINE, t("coverage.chosen")))
    layers += service_layers(services, types, lang, origin)
    return maps.map_deck(layers, "<b>{name}</b><br/>{kind}<br/>{district}", view), entries + lines


def services_picture(shown: pd.DataFrame, entries: list[maps.LegendEntry], chosen) -> Callable[[], bytes]:
    """The services map as a picture (drawn on the click): the points shown, the chosen districts tinted."""
    points = [
        (lon, lat, maps.SERVICE_COLOURS[kind], 0.5, "")
        for lon, lat, kind in shown[["lon", "lat", "service_type"]].itertuples(index=False)
    ]
    return partial(
        map_png,
        SNAPSHOT.path,
        dict.fromkeys(sidebar.chosen_districts(), picking.CHOSEN_FILL),
        [(entry.colour, entry.label) for entry in entries],
        title=t("coverage.services"),
        subtitle=chosen.label,
        legend_title=t("coverage.legend_services"),
        lang=LANG,
        points=points,
    )


def bivariate_picture(summary: pd.DataFrame, chosen) -> Callable[[], bytes]:
    """The need x coverage map as a picture (drawn on the click), its legend the cells, the gap first."""
    cells = [bivariate.GAP] + [(n, c) for n in (3, 2, 1) for c in (1, 2, 3) if (n, c) != bivariate.GAP]
    labels = [t("coverage.picture_cell", need=t(LEVELS_SHORT[n]), coverage=t(LEVELS_SHORT[c])) for n, c in cells]
    legend = [(bivariate.colour(n, c), label) for (n, c), label in zip(cells, labels, strict=True)]
    fills = bivariate.colours(summary["need_class"], summary["coverage_class"])
    return partial(
        map_png,
        SNAPSHOT.path,
        dict(zip(summary["dist_code"], fills, strict=True)),
        [*legend, (maps.NO_DATA, t("legend.no_data"))],
        title=t("coverage.bivariate"),
        subtitle=chosen.label,
        legend_title=t("coverage.picture_legend"),
        lang=LANG,
    )


def level(value: float) -> str:
    """A need or coverage class as a word (low, middle, high); "no data" when missing."""
    return t("value.no_data") if pd.isna(value) else t(LEVELS[int(value)])


def gap_share_text(share: float, scenarios: int) -> str:
    """How sure the gap is, in words: "a gap in 84 % of the 160 scenarios"; "no data" when missing."""
    return t("value.no_data") if pd.isna(share) else t("coverage.share_text", share=f"{share:.0%}", n=scenarios)


def withheld(summary: pd.DataFrame) -> pd.Series:
    """Where the referral rate is withheld: either of its counts is hidden."""
    return summary["suppressed"] | summary["referred_suppressed"]


def referral_text(summary: pd.DataFrame) -> pd.Series:
    """The published referral rate as a percentage; "suppressed" or "no data" where it is withheld."""
    return pd.Series(
        [
            t("value.suppressed") if hidden else t("value.no_data") if pd.isna(rate) else f"{rate:.0%}"
            for rate, hidden in zip(summary["referral_rate"], withheld(summary), strict=True)
        ],
        index=summary.index,
    )


def gap_table(summary: pd.DataFrame, lang: str, scenarios: int, numbers: bool = False) -> pd.DataFrame:
    """The gap districts (``gap``: high need and low coverage in most of the ``scenarios``), surest first, with
    the share of scenarios, their published cases, referral rate and distances in km: as readers see them, or
    with ``numbers`` as numbers for a download (shares and the referral rate in percent)."""
    gaps = summary[summary["gap"].fillna(False).astype(bool)].sort_values(
        ["gap_share", "dist_code"], ascending=[False, True]
    )
    referral, access, no_data = t("coverage.col.referral"), gaps["access_2sfca"] * 1000, t("value.no_data")
    share = t("coverage.col.gap_share", n=scenarios)
    table = pd.DataFrame(
        {
            t("col.dist_code"): gaps["dist_code"],
            t("coverage.col.district"): maps.local_names(gaps, lang),
            f"{share} (%)" if numbers else share: tables.percent(gaps["gap_share"], 0)
            if numbers
            else gaps["gap_share"].map(lambda v: f"{v:.0%}"),
            t("col.cases"): tables.counts(gaps) if numbers else gaps["cases_reported_display"].fillna(no_data),
            f"{referral} (%)" if numbers else referral: tables.percent(gaps["referral_rate"].where(~withheld(gaps)))
            if numbers
            else referral_text(gaps),
            t("coverage.col.access"): access.round(2) if numbers else access.map(lambda v: number(v, 2)),
        }
    )
    for kind in SERVICE_TYPES:
        distance = summary[f"dist_m_{kind}"]
        if distance.notna().any():
            column = t("coverage.col.distance", service=label("service", kind, lang))
            km = gaps[f"dist_m_{kind}"] / 1000
            table[column] = km.round(1) if numbers else km.map(lambda v: number(v, 1))
    return table


def bivariate_deck(
    summary: pd.DataFrame, districts: gpd.GeoDataFrame, lang: str, scenarios: int, picked: tuple[str, ...]
) -> pdk.Deck:
    """Districts coloured by need and coverage class, gap districts (``gap``) outlined, with the need
    probability, how sure the gap is, the published cases and referral rate in the tooltip; opened on the
    ``picked`` districts (not outlined: black outlines mark the gaps here)."""
    classes = pd.DataFrame(
        {
            "dist_code": summary["dist_code"],
            "fill": bivariate.colours(summary["need_class"], summary["coverage_class"]),
            "need": summary["need_class"].map(level),
            "need_prob": [number(p, 1) for p in summary["need_prob"]],
            "coverage": summary["coverage_class"].map(level),
            "gap_share": [gap_share_text(share, scenarios) for share in summary["gap_share"]],
            "cases": summary["cases_reported_display"].fillna(t("value.no_data")),
            "referral": referral_text(summary),
        }
    )
    shaded = districts.merge(classes, on="dist_code")
    gaps = shaded[shaded["dist_code"].isin(summary.loc[summary["gap"].fillna(False).astype(bool), "dist_code"])]
    fields = {
        "need": t("coverage.tip.need"),
        "need_prob": t("coverage.tip.need_prob"),
        "coverage": t("coverage.tip.coverage"),
        "gap_share": t("coverage.tip.gap_share"),
        "cases": t("col.cases"),
        "referral": t("coverage.col.referral"),
    }
    tooltip = "<b>{name_th}</b><br/>{name_en}" + "".join(
        f"<br/>{html.escape(name)}: {{{field}}}" for field, name in fields.items()
    )
    layers = [
        maps.choropleth_layer(shaded, ["dist_code", "name_th", "name_en", *fields]),
        *sidebar.context_layers(),
        *([maps.outline_layer(gaps.geometry, "gap-districts", bivariate.GAP_LINE, 3)] if len(gaps) else []),
        maps.label_layer(shaded, f"name_{lang}"),
    ]
    return maps.map_deck(layers, tooltip, picking.chosen_view(districts, picked)[1])


through_dashboard()
SNAPSHOT = sidebar.snapshot()
LANG = current_lang()
KM = SNAPSHOT.meta.catchment_m / 1000
SCENARIOS = SNAPSHOT.meta.gap_scenarios
chosen = sidebar.period()

st.title(t("coverage.title"))
if chosen is None:
    st.info(t("coverage.no_cases"))
    st.stop()
st.caption(t("coverage.subtitle", window=chosen.label))
summary = loaders.district_summary(SNAPSHOT.path, SNAPSHOT.version, chosen.span, chosen.end)
all_services = load_services(SNAPSHOT.path, SNAPSHOT.version, chosen.span, chosen.end)
services = sidebar.filter_districts(all_services)
districts = loaders.district_layer(SNAPSHOT.path, SNAPSHOT.version)

# --- Services and catchments --------------------------------------------------
st.subheader(t("coverage.services"))
present = [kind for kind in SERVICE_TYPES if kind in set(all_services["service_type"])]
# A shared link's service types and extra layers (?types=safe_space,police&layers=catchments), taken once.
if (asked_types := links.asked_many("types", present)) is not None:
    st.session_state["coverage_types"] = asked_types
EXTRAS = {"catchments": True, "health_centres": False, "context": False}  # each layer, and whether it starts on
if (asked_layers := links.asked_many("layers", list(EXTRAS))) is not None:
    st.session_state.update({f"coverage_{extra}": extra in asked_layers for extra in EXTRAS})
links.notice()
for extra, on in EXTRAS.items():
    st.session_state.setdefault(f"coverage_{extra}", on)
# All types at first; a choice kept from another period keeps only the types this period has.
kept = st.session_state.get("coverage_types", present)
st.session_state["coverage_types"] = [kind for kind in kept if kind in present]
types = st.pills(
    t("coverage.types"),
    present,
    selection_mode="multi",
    key="coverage_types",
    format_func=lambda kind: label("service", kind, LANG),
)
options = st.columns(3)
extras = {
    extra
    for extra, column, text in (
        ("catchments", options[0], t("coverage.catchments", km=f"{KM:g}")),
        ("health_centres", options[1], t("coverage.health_centres")),
        ("context", options[2], t("coverage.samut_prakan")),
    )
    if column.checkbox(text, key=f"coverage_{extra}")
}
links.show("types", types)
links.show("layers", [extra for extra in EXTRAS if extra in extras])

if all_services.empty:
    st.info(t("coverage.no_services"))
elif services.empty:
    st.info(t("coverage.no_services_here"))
elif not types:
    st.info(t("coverage.choose_types"))
else:
    outlines = load_outlines(SNAPSHOT.path, SNAPSHOT.version)
    key = (chosen.span, chosen.end, tuple(types), tuple(sorted(extras)), tuple(sidebar.chosen_districts()))
    deck, entries = loaders.remembered(
        ("coverage-services", SNAPSHOT.version, LANG, sidebar.show_context(), *key),
        lambda: service_deck(services, types, extras, districts, outlines, LANG, origins(all_services)),
    )
    map_column, legend_column = st.columns([5, 1])
    map_column.pydeck_chart(deck, height=640, alt=t("coverage.services_alt"))
    with legend_column:
        maps.legend(t("coverage.legend_services"), entries)
        st.caption(t("coverage.origins_note"))
        picture = services_picture(services[services["service_type"].isin(types)], entries, chosen)
        legends.picture_button(picture, f"map_services_{chosen.end}_{chosen.span}_{LANG}.png")

# --- Need x coverage ------------------------------------------------------------
st.subheader(t("coverage.bivariate"))
st.caption(t("coverage.bivariate_caption", km=f"{KM:g}"))
st.caption(t("coverage.scenarios_caption", n=SCENARIOS, km=f"{KM:g}"))
st.caption(t("coverage.need_caveat"))
if summary["gap_class"].isna().all():
    st.info(t("coverage.no_classes"))
else:
    picked = tuple(sidebar.chosen_districts())
    map_column, legend_column = st.columns([5, 1])
    deck = loaders.remembered(
        ("coverage-gaps", SNAPSHOT.version, LANG, sidebar.show_context(), chosen.span, chosen.end, picked),
        lambda: bivariate_deck(summary, districts, LANG, SCENARIOS, picked),
    )
    map_column.pydeck_chart(deck, height=640, alt=t("coverage.bivariate_alt"))
    with legend_column:
        bivariate.need_coverage_legend(t("coverage.gap_legend", n=SCENARIOS))
        maps.legend("", [maps.LegendEntry(maps.NO_DATA, t("coverage.not_classified"))])
        picture = bivariate_picture(summary, chosen)
        legends.picture_button(picture, f"map_need_coverage_{chosen.end}_{chosen.span}_{LANG}.png")

# --- Gap districts ----------------------------------------------------------------
st.subheader(t("coverage.gaps"))
table = gap_table(sidebar.filter_districts(summary), LANG, SCENARIOS)
if table.empty:
    st.info(t("coverage.no_gaps"))
else:
    st.caption(t("coverage.gaps_caption"))
    st.caption(t("coverage.need_caveat_short"))
    st.dataframe(table, hide_index=True, width="stretch")
    tables.download(
        gap_table(sidebar.filter_districts(summary), LANG, SCENARIOS, numbers=True),
        f"gap_districts_{chosen.start}_{chosen.end}",
        t("coverage.download"),
        "gaps",
    )
