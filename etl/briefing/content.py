"""What the briefing says: published figures of one window turned into sentences, in one language.

Everything is read from the published snapshot through :mod:`db.read`, so the
briefing can show nothing the dashboard could not: counts are the published
sums ("<5" where hidden), and the only count on the page is Bangkok's total.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import geopandas as gpd
import pandas as pd

from core import quarters
from core.colours import NO_DATA, spread
from db import read
from etl.export import NoData
from etl.messages import N_, render
from geo.projection import to_metric
from geo.rates import classify

__all__ = ["Briefing", "Card", "gather"]

Colour = tuple[int, int, int]
# The cards: Kpis field, its title, and whether it is a share (its change is in percentage points).
CARDS = (
    ("cases", N_("briefing.kpi.cases"), False),
    ("referral_rate", N_("briefing.kpi.referral_rate"), True),
    ("hotspots", N_("briefing.kpi.hotspots"), False),
    ("gaps", N_("briefing.kpi.gaps"), False),
    ("safe_spaces", N_("briefing.kpi.safe_spaces"), False),
    ("pilots", N_("briefing.kpi.pilots"), False),
)
SPANS = {"1q": N_("briefing.fiscal.1q"), "4q": N_("briefing.fiscal.4q"), "fytd": N_("briefing.fiscal.fytd")}
REASONS = {
    "gap": N_("briefing.reason.gap"),
    "hot_95": N_("briefing.reason.hot_95"),
    "hot_99": N_("briefing.reason.hot_99"),
}


@dataclass(frozen=True)
class Card:
    """A headline figure: its name, its value as text, and its changes in words."""

    label: str
    value: str
    vs_previous: str
    vs_year: str


@dataclass(frozen=True)
class Briefing:
    """The briefing's texts and its map, ready to lay out (see :mod:`etl.briefing.render`)."""

    lang: str
    title: str
    period: str
    calendar: str
    banner: str | None  # the synthetic-data banner, when the case data are demo data
    cards: list[Card]
    compared: str
    map_title: str
    districts: gpd.GeoDataFrame  # EPSG:32647: ``area_km2``, ``fill`` colour, ``label`` (the name in ``lang``)
    lines: gpd.GeoDataFrame  # EPSG:32647: river and main roads, ``kind``
    legend_title: str
    legend: list[tuple[Colour, str]]
    lines_label: str  # the legend's entry for the river and roads
    inset_title: str
    map_note: str
    attention: list[tuple[str, str]]  # (district, reasons)
    attention_how: str
    gaps: list[str]
    pilot: str
    about: list[str]  # data as of, sources, methods


def _fiscal_label(end: str, span: str, lang: str) -> str:
    fiscal_year, q = quarters.fiscal(end)
    return render(SPANS[span], lang, q=q, fiscal_year=_year(fiscal_year, lang))


def _year(ce_year: int, lang: str) -> int:
    return ce_year + quarters.BE_OFFSET if lang == "th" else ce_year


def _month(quarter: str, last: bool, lang: str) -> str:
    month = quarters.months(quarter)[1 if last else 0]
    return f"{quarters.MONTHS[lang][month - 1]} {_year(quarters.split(quarter)[0], lang)}"


def _calendar_label(start: str, end: str, lang: str) -> str:
    """The window in calendar terms: its first and last month, and its calendar quarter keys."""
    months = f"{_month(start, False, lang)} – {_month(end, True, lang)}"
    keys = start if start == end else f"{start}–{end}"
    return render("briefing.calendar", lang, months=months, keys=keys)


def _date(utc: datetime, lang: str) -> str:
    day = quarters.in_bangkok(utc).date()
    return f"{day.day} {quarters.MONTHS[lang][day.month - 1]} {_year(day.year, lang)}"


def number(value: float | None, digits: int = 0, lang: str = "en") -> str:
    """A figure as text with thousands separators; a missing one reads "No data".

    >>> number(1234.56, 1), number(float("nan"), lang="th")
    ('1,234.6', 'ไม่มีข้อมูล')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return render("briefing.no_data", lang)
    return f"{value:,.{digits}f}"


def percent(value: float, lang: str) -> str:
    return number(value, lang=lang) if pd.isna(value) else f"{value * 100:.1f}%"


def _card_value(kpis: read.Kpis, field: str, lang: str) -> str:
    if field == "cases":
        return kpis.cases_display or number(None, lang=lang)
    value = getattr(kpis, field)
    return percent(value, lang) if field == "referral_rate" else number(value, lang=lang)


def _change(now: float, before: float, share: bool, lang: str) -> str | None:
    """The change as signed text (percentage points for a share); None when either side is unknown."""
    if pd.isna(now) or pd.isna(before):
        return None
    if share:
        return render("briefing.points", lang, change=f"{(now - before) * 100:+.1f}")
    return f"{now - before:+,.0f}"


def _cards(path: Path, span: str, end: str, first: str, lang: str) -> tuple[list[Card], str]:
    """The six headline figures with their changes, compared as on the Overview page: with the same
    window ending one quarter earlier (a fiscal year to date: the same quarters of the fiscal year before),
    and with the same window a year before."""
    now = read.kpis(path, span, end)
    ends = {"previous": quarters.shift(end, quarters.previous_step(span)), "year": quarters.shift(end, -4)}
    before = {when: read.kpis(path, span, at) if at >= first else None for when, at in ends.items()}
    cards = []
    for field, title, share in CARDS:
        value = getattr(now, field)
        changes = {
            when: None if kpis is None else _change(value, getattr(kpis, field), share, lang)
            for when, kpis in before.items()
        }
        cards.append(
            Card(
                render(title, lang),
                _card_value(now, field, lang),
                render("briefing.vs_previous", lang, change=changes["previous"])
                if changes["previous"]
                else render("briefing.no_previous", lang),
                render("briefing.vs_year", lang, change=changes["year"])
                if changes["year"]
                else render("briefing.no_year", lang),
            )
        )
    named = {when: _window_name(span, at, lang) for when, at in ends.items()}
    return cards, render("briefing.compared", lang, previous=named["previous"], year_before=named["year"])


def _window_name(span: str, end: str, lang: str) -> str:
    """A window by its fiscal name and its months, e.g. 'Q2 of fiscal year 2026 (Jan 2026 – Mar 2026)'."""
    months = f"{_month(quarters.span_start(span, end), False, lang)} – {_month(end, True, lang)}"
    return f"{_fiscal_label(end, span, lang)} ({months})"


def _bound(value: float, lang: str) -> str:
    return number(value, 1 if 0 < value < 10 else 0, lang)


def _map(path: Path, summary: pd.DataFrame, span: str, end: str, lang: str):
    """Districts coloured by the published classes of the smoothed rate, and the legend's entries."""
    breaks = read.class_breaks(path, span, end, "smoothed", "overview")
    palette = spread(len(breaks))
    classes = classify(summary["eb_rate_per_100k"], breaks)
    fills = [palette[c] if c >= 0 else NO_DATA for c in classes]
    lowers = [0.0, *breaks[:-1]]
    legend = [
        (colour, f"{_bound(low, lang)}–{_bound(high, lang)}")
        for colour, low, high in zip(palette, lowers, breaks, strict=True)
    ]
    legend.append((NO_DATA, render("briefing.no_data", lang)))
    names = summary.assign(fill=fills, label=summary[f"name_{lang}"].fillna(summary["name_th"]))
    districts = read.district_layer(path)[["dist_code", "area_km2", "geometry"]].merge(
        names[["dist_code", "fill", "label"]], on="dist_code"
    )
    return to_metric(districts), to_metric(read.context_lines(path)[["kind", "geometry"]]), legend


def _reason(reason: str, row: dict, ranked: int, bangkok_referral: float, lang: str) -> str:
    if reason == "high_rate":
        rate = number(row["eb_rate_per_100k"], 1, lang)
        return render("briefing.reason.high_rate", lang, rate=rate, rank=int(row["eb_rank"]), of=ranked)
    if reason == "low_referral":
        share, bangkok = percent(row["referral_rate"], lang), percent(bangkok_referral, lang)
        return render("briefing.reason.low_referral", lang, share=share, bangkok=bangkok)
    return render(REASONS[reason], lang)


def _attention(path: Path, summary: pd.DataFrame, span: str, end: str, referral: float, lang: str):
    top = read.attention(path, span, end)
    ranked = int(summary["eb_rate_per_100k"].notna().sum())
    separator = " · "
    return [
        (row[f"name_{lang}"], separator.join(_reason(r, row, ranked, referral, lang) for r in row["reasons"]))
        for row in top.to_dict("records")
    ]


def _gaps(summary: pd.DataFrame, lang: str) -> list[str]:
    gaps = summary[summary["gap"].fillna(False).astype(bool)].sort_values("eb_rate_per_100k", ascending=False)
    return [
        render(
            "briefing.gap_line",
            lang,
            name=row[f"name_{lang}"],
            rate=number(row["eb_rate_per_100k"], 1, lang),
            km=number(row["dist_m_safe_space"] / 1000, 1, lang),
        )
        for row in gaps.to_dict("records")
    ]


def _pilot(path: Path, lang: str) -> str:
    """The pilot evaluation in one sentence (against all non-pilot communities, published for the latest
    quarter only): the rate ratio with its interval and randomization p, and what the p allows one to say."""
    evaluated = read.pilot_evaluation_quarters(path)
    if not evaluated:
        return render("briefing.pilot_missing", lang, reason="")
    rows = read.pilot_evaluation(path, evaluated[-1], "all")["pilot_evaluation"].set_index("outcome")
    result = rows.loc["reported"]
    if not result["enough"] or pd.isna(result["rate_ratio"]) or pd.isna(result["p_randomization"]):
        return render("briefing.pilot_missing", lang, reason=result[f"reason_{lang}"])
    chance = result["p_randomization"] >= 0.05
    lower = result["rate_ratio"] < 1
    verdict = (
        N_("briefing.verdict.unclear")
        if chance
        else N_("briefing.verdict.lower")
        if lower
        else N_("briefing.verdict.higher")
    )
    return render(
        "briefing.pilot_result",
        lang,
        quarter=_window_name("1q", evaluated[-1], lang),
        n_pilot=int(result["n_pilots"]),
        n_comparison=int(result["n_comparison"]),
        ratio=number(result["rate_ratio"], 2, lang),
        low=number(result["rate_ratio_low"], 2, lang),
        high=number(result["rate_ratio_high"], 2, lang),
        p=number(result["p_randomization"], 3, lang),
        verdict=render(verdict, lang),
    )


def _about(meta: read.Meta, lang: str) -> list[str]:
    loaded = _date(meta.last_loaded, lang) if meta.last_loaded is not None else number(None, lang=lang)
    latest = _window_name("1q", meta.latest_quarter, lang) if meta.latest_quarter else number(None, lang=lang)
    cases = render("briefing.cases.synthetic", lang) if meta.synthetic else render("briefing.cases.real", lang)
    return [
        render("briefing.as_of", lang, loaded=loaded, published=_date(meta.published_at, lang), latest=latest),
        render("briefing.sources", lang, cases=cases, population=meta.population_source or number(None, lang=lang)),
        render(
            "briefing.methods",
            lang,
            below=meta.suppress_below,
            round_to=meta.round_to,
            catchment=number(meta.catchment_m / 1000, 0, lang),
        ),
    ]


def gather(path: str | Path, end: str, span: str = "4q", lang: str = "th") -> Briefing:
    """The :class:`Briefing` of the window ``span`` ending at ``end``, read from the snapshot at ``path``.

    Raises :class:`etl.export.NoData` when the snapshot has no cases for that window.
    """
    path = Path(path)
    meta = read.meta(path)
    loaded = read.loaded_quarters(path)
    summary = read.district_summary(path, span, end)
    now = read.kpis(path, span, end)
    if not loaded or summary.empty or now.cases_display is None:
        raise NoData(end)
    start = quarters.span_start(span, end)
    cards, compared = _cards(path, span, end, loaded[0], lang)
    districts, lines, legend = _map(path, summary, span, end, lang)
    (end_year, end_q), (start_year, start_q) = quarters.split(end), quarters.split(start)
    n_quarters = (end_year - start_year) * 4 + end_q - start_q + 1
    span_text = (
        render("briefing.span_one", lang) if n_quarters == 1 else render("briefing.span_many", lang, n=n_quarters)
    )
    return Briefing(
        lang=lang,
        title=render("briefing.title", lang),
        period=_fiscal_label(end, span, lang),
        calendar=_calendar_label(start, end, lang),
        banner=render("briefing.banner", lang) if meta.synthetic else None,
        cards=cards,
        compared=compared,
        map_title=render("briefing.map", lang),
        districts=districts,
        lines=lines,
        legend_title=render("briefing.legend", lang, span=span_text),
        legend=legend,
        lines_label=render("briefing.river", lang),
        inset_title=render("briefing.inset", lang),
        map_note=render("briefing.map_note", lang),
        attention=_attention(path, summary, span, end, now.referral_rate, lang),
        attention_how=render("briefing.attention_how", lang),
        gaps=_gaps(summary, lang) or [render("briefing.gaps_none", lang)],
        pilot=" ".join((_pilot(path, lang), render("briefing.pilot_caveat", lang))),
        about=_about(meta, lang),
    )
