"""The Planning page's recommendation: the planner's settings, the plan's figures, its map and table of sites.

A recommendation (:func:`etl.plan.recommend`) is passed in parts: ``ui/`` does
not import ``etl/``. The existing safe spaces and the recommended sites are
drawn with their reach; the sites go out as a services upload marked as a
scenario, for an analyst to load once agreed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pandas as pd
import streamlit as st

from geo.planning import CANDIDATE_SETS, RADIUS_MAX_M, RADIUS_MIN_M
from geo.siting import MODELS, Plan
from ui import layers, loaders, maps, picking, sidebar
from ui.i18n import N_, number, t
from ui.whatif_view import CHANGED, first_day_after, services_csv

__all__ = [
    "NEW_SITE",
    "SAFE_SPACE",
    "deck",
    "figures",
    "legend",
    "picture",
    "plan_csv",
    "settings_form",
    "site_points",
    "site_table",
]

NEW_SITE = CHANGED  # purple: no service type uses it
SAFE_SPACE = maps.SERVICE_COLOURS["safe_space"]
SET_NAMES = {  # the candidate sets (geo.planning.CANDIDATE_SETS)
    "all": N_("planning.set.all"),
    "communities": N_("planning.set.communities"),
    "district-offices": N_("planning.set.district-offices"),
    "health-centres": N_("planning.set.health-centres"),
}
MODEL_NAMES = {"mclp": N_("planning.model.mclp"), "p-median": N_("planning.model.p-median")}
SETTINGS_KEY = "planning_settings"  # the settings of the plan shown: solved again only on "Recommend"
Point = tuple[float, float, tuple[int, int, int], float, str]  # lon, lat, colour, size and label in a picture


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


def figures(plan: Plan) -> None:
    """The plan's headline figures: needs and residents covered, the greedy benchmark, the mean distance."""
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


def named(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    return frame.assign(name=maps.local_names(frame, lang))


def deck(
    existing: pd.DataFrame,
    sites: pd.DataFrame,
    radius_m: float,
    lang: str,
    picked: tuple[str, ...],
    visible: layers.Shown,
    period: sidebar.Period,
) -> maps.DeckJson:
    """The ``existing`` safe spaces and the recommended ``sites``, each with its reach, over the layers the
    reader turned on (``visible``: district outlines and names, the river and roads under them, sub-districts,
    communities and the services open in ``period`` over them); opened on the ``picked`` districts, outlined
    (the plan itself is Bangkok's: sites may serve across a boundary)."""
    shown = sidebar.snapshot()
    districts = loaders.district_layer(shown.path, shown.version)
    extra = layers.overlay_layers(shown.path, shown.version, visible, period.span, period.end, lang)
    outlines = [
        loaders.district_outlines(shown.path, shown.version),
        maps.label_layer(districts.assign(fill=[maps.NO_DATA] * len(districts)), f"name_{lang}"),
    ]
    existing = named(existing, lang).assign(kind=t("planning.existing"))
    sites = named(sites, lang).assign(kind=t("planning.new_site"))
    chosen, view = picking.chosen_view(districts, picked)
    drawn = [
        *extra["under"],
        *(outlines if "districts" in visible else []),
        maps.catchment_layer(existing, "existing-reach", SAFE_SPACE, radius_m),
        maps.catchment_layer(sites, "new-reach", NEW_SITE, radius_m),
        *extra["over"],
        maps.marker_layer(existing, "existing", SAFE_SPACE, ["name", "kind"]),
        maps.marker_layer(sites, "new-sites", NEW_SITE, ["name", "kind"], radius_px=8),
        *picking.outlined(chosen),
    ]
    return maps.map_deck(drawn, "<b>{name}</b><br/>{kind}", view)


def legend(radius_m: float, picked: tuple[str, ...], visible: layers.Shown) -> None:
    """The map's legends: the plan's (existing safe spaces, new sites, their reach, the chosen districts'
    outline), then the other layers turned on, the district outlines among them."""
    maps.legend(
        t("planning.legend"),
        [
            maps.LegendEntry(SAFE_SPACE, t("planning.existing")),
            maps.LegendEntry(NEW_SITE, t("planning.new_site")),
            maps.LegendEntry(maps.translucent(NEW_SITE), t("planning.reach", km=f"{radius_m / 1000:g}")),
            *([maps.LegendEntry(picking.CHOSEN_LINE, t("coverage.chosen"))] if picked else []),
        ],
    )
    district_line = [maps.LegendEntry(maps.DISTRICT_LINE, t("layers.districts"))] if "districts" in visible else []
    layers.legend_beside(visible, district_line)


def site_points(existing: pd.DataFrame, sites: pd.DataFrame) -> list[Point]:
    """The existing safe spaces (small) and the recommended sites (larger, labelled with their id, as in the
    table of sites) for the map's picture."""
    before = existing[["lon", "lat"]].itertuples(index=False)
    after = sites[["lon", "lat", "site_id"]].itertuples(index=False)
    return [(lon, lat, SAFE_SPACE, 0.6, "") for lon, lat in before] + [
        (lon, lat, NEW_SITE, 1.2, site_id) for lon, lat, site_id in after
    ]


def picture(
    draw: Callable[..., bytes], path: str, existing: pd.DataFrame, sites: pd.DataFrame, subtitle: str, lang: str
) -> Callable[[], bytes]:
    """The map as a picture drawn on the click by ``draw`` (the briefing's map renderer, which the page passes:
    ``ui/`` does not import ``etl/``)."""
    return partial(
        draw,
        path,
        {},
        [(SAFE_SPACE, t("planning.existing")), (NEW_SITE, t("planning.new_site"))],
        title=t("planning.map_png_title"),
        subtitle=subtitle,
        legend_title=t("planning.legend"),
        lang=lang,
        points=site_points(existing, sites),
    )


def site_table(sites: pd.DataFrame, districts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The recommended ``sites`` with what each adds, in the order chosen; ``districts`` name their districts."""
    names = maps.local_names(districts, lang).set_axis(districts["dist_code"])
    return pd.DataFrame(
        {
            t("planning.col.site"): sites["site_id"],
            t("planning.col.name"): maps.local_names(sites, lang),
            t("planning.col.district"): sites["dist_code"].map(names),
            t("planning.col.residents_new"): sites["residents_new"].map(number),
            t("planning.col.weight_new"): sites["weight_new"].map(number),
            t("planning.col.gaps"): sites["gap_districts"].map(lambda codes: ", ".join(names[c] for c in codes)),
        }
    )


def plan_csv(sites: pd.DataFrame, end: str, model: str) -> bytes:
    """The recommended ``sites`` in the services upload format, marked as a scenario of ``model``, for an analyst
    to load once agreed; the opening date is a placeholder (the first day after the window ending ``end``), the
    place approximate."""
    rows = sites[["name_th", "name_en", "lat", "lon"]].assign(
        service_id="PLAN-" + sites["site_id"].astype(str), opened=first_day_after(end), approximate=True
    )
    return services_csv(rows, t("planning.source", model=model))
