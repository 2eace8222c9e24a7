"""The need x coverage map, its picture and the table of gap districts (the Coverage page).

Districts are coloured by need and coverage class (:mod:`ui.bivariate`), the
gap districts outlined; the tooltip and the table say how sure each gap is
over the published scenarios, with the published cases and referral rate. A
referral rate is withheld where either of its counts is hidden.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import partial

import geopandas as gpd
import pandas as pd
import pydeck as pdk

from core.codes import SERVICE_TYPES
from ui import bivariate, maps, picking, sidebar, tables
from ui.i18n import LEVELS, LEVELS_SHORT, label, number, t

__all__ = ["deck", "gap_table", "picture"]


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


def deck(
    summary: pd.DataFrame,
    districts: gpd.GeoDataFrame,
    lang: str,
    scenarios: int,
    picked: tuple[str, ...],
    overlays: list[pdk.Layer] = (),
) -> pdk.Deck:
    """Districts coloured by need and coverage class, gap districts (``gap``) outlined, with the need
    probability, how sure the gap is, the published cases and referral rate in the tooltip, and the
    ``overlays`` the reader turned on (:func:`ui.layers.overlay_layers`); opened on the ``picked`` districts
    (not outlined: black outlines mark the gaps here)."""
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
        *overlays,
        *([maps.outline_layer(gaps.geometry, "gap-districts", bivariate.GAP_LINE, 3)] if len(gaps) else []),
        maps.label_layer(shaded, f"name_{lang}"),
    ]
    return maps.map_deck(layers, tooltip, picking.chosen_view(districts, picked)[1])


def picture(
    draw: Callable[..., bytes], path: str, summary: pd.DataFrame, subtitle: str, lang: str
) -> Callable[[], bytes]:
    """The need x coverage map as a picture drawn on the click by ``draw`` (the briefing's map renderer, which
    the page passes: ``ui/`` does not import ``etl/``), its legend the cells, the gap first."""
    cells = [bivariate.GAP] + [(n, c) for n in (3, 2, 1) for c in (1, 2, 3) if (n, c) != bivariate.GAP]
    labels = [t("coverage.picture_cell", need=t(LEVELS_SHORT[n]), coverage=t(LEVELS_SHORT[c])) for n, c in cells]
    legend = [(bivariate.colour(n, c), text) for (n, c), text in zip(cells, labels, strict=True)]
    fills = bivariate.colours(summary["need_class"], summary["coverage_class"])
    return partial(
        draw,
        path,
        dict(zip(summary["dist_code"], fills, strict=True)),
        [*legend, (maps.NO_DATA, t("legend.no_data"))],
        title=t("coverage.bivariate"),
        subtitle=subtitle,
        legend_title=t("coverage.picture_legend"),
        lang=lang,
    )
