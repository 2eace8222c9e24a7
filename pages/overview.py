"""Overview for executives: headline figures, the smoothed-rate map, the districts to watch, the trend.

Everything is for the period chosen in the sidebar (by default the four
quarters ending with the chosen one) and is read from the published snapshot.
"""

from __future__ import annotations

import html
from functools import partial

import pandas as pd
import streamlit as st

from core import quarters
from db import read
from etl.briefing.picture import map_png
from ui import charts, layers, legends, loaders, maps, mapview, picking, sidebar, tables
from ui.entry import through_dashboard
from ui.figures import district_figures
from ui.i18n import N_, current_lang, number, t
from ui.periods import quarter_label, short_label, year

TREND_QUARTERS = 12


def trend_rows(totals: pd.DataFrame, end: str) -> pd.DataFrame:
    """The ``TREND_QUARTERS`` quarters ending at ``end``; quarters before the first with data have none."""
    window = pd.DataFrame({"quarter": quarters.window(end, TREND_QUARTERS)})
    return window.merge(totals, on="quarter", how="left")


def percent(value: float) -> str:
    return number(value) if pd.isna(value) else f"{number(value * 100, 1)}%"


def change(now: float, before: float, share: bool) -> tuple[str | None, bool]:
    """The change as signed text (percentage points for a share), None when either side is unknown,
    and whether it is a change at all once written (a card shows no arrow for none)."""
    if pd.isna(now) or pd.isna(before):
        return None, False
    text = t("kpi.points", change=f"{(now - before) * 100:+.1f}") if share else f"{now - before:+,.0f}"
    return text, round(now - before, 3 if share else 0) != 0


# The cards: title and help keys, Kpis field, the colour of a rise (more cases may mean better reporting: none).
CARDS = (
    (N_("kpi.cases"), N_("kpi.cases.help"), "cases", "off"),
    (N_("kpi.referral"), N_("kpi.referral.help"), "referral_rate", "normal"),
    (N_("kpi.hotspots"), N_("kpi.hotspots.help"), "hotspots", "inverse"),
    (N_("kpi.gaps"), N_("kpi.gaps.help"), "gaps", "inverse"),
    (N_("kpi.safe_spaces"), N_("kpi.safe_spaces.help"), "safe_spaces", "normal"),
    (N_("kpi.pilots"), N_("kpi.pilots.help"), "pilots", "normal"),
)


# Cards wrap three to a row; at phone width two, with smaller type and padding.
CARDS_CSS = """<style>
.st-key-kpi-cards > div { flex: 1 1 calc(33% - 1rem); min-width: 14rem; }
@media (max-width: 640px) {
  .st-key-kpi-cards { gap: 0.4rem; }
  .st-key-kpi-cards > div { flex-basis: calc(50% - 0.4rem); min-width: 0; padding: 0.5rem; }
  .st-key-kpi-cards [data-testid="stMetricValue"] { font-size: 1.35rem; }
  .st-key-kpi-cards [data-testid="stMetricLabel"] p { font-size: 0.8rem; }
  .st-key-kpi-cards [data-testid="stMetricDelta"] { font-size: 0.75rem; }
  .st-key-kpi-cards [data-testid="stCaptionContainer"] { font-size: 0.7rem; }
}
</style>"""


def card_text(kpis: read.Kpis, field: str) -> str:
    if field == "cases":
        return kpis.cases_display or number(None)
    value = getattr(kpis, field)
    return percent(value) if field == "referral_rate" else number(value)


def kpi_cards(now: read.Kpis, previous: read.Kpis, year_before: read.Kpis | None, against: str) -> None:
    """One card per headline figure: the change against the previous period as its delta (described by
    ``against``), a year's below it unless ``year_before`` is None (the previous period is a year before).

    Three to a row, so Thai labels and the delta's description fit without being cut; at phone width two
    to a row, smaller (:data:`CARDS_CSS`), so the map is not six tall cards down the page.
    """
    st.html(CARDS_CSS)
    row = st.container(horizontal=True, key="kpi-cards")
    for key, help_key, field, colour in CARDS:
        value, share = getattr(now, field), field == "referral_rate"
        delta, moved = change(value, getattr(previous, field), share)
        card = row.container(border=True, key=f"kpi-{field}")
        card.metric(
            t(key),
            card_text(now, field),
            delta=delta,
            delta_color=colour if moved else "off",
            delta_arrow="auto" if moved else "off",
            delta_description=against,
            help=t(help_key),
        )
        if year_before is not None:
            against_year, _ = change(value, getattr(year_before, field), share)
            card.caption(t("kpi.vs_year", change=against_year) if against_year else t("kpi.no_year"))


def published(summary: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The district figures as readers see them, in ``lang``: count, rates and hot-spot class."""
    figures = district_figures(summary, lang).rename(columns={"eb_rate": "eb", "gi": "hotspot"})
    return figures.drop(columns="lisa").assign(dist_code=summary["dist_code"])


def smoothed_classes(
    path: str, version: str, span: str, end: str, lang: str
) -> tuple[list[tuple[int, int, int]], list[maps.LegendEntry]]:
    """Each district's fill by the published classes of its smoothed rate, and the classes' legend entries."""
    summary = loaders.district_summary(path, version, span, end)
    return maps.classed_colours(
        summary["eb_rate_per_100k"],
        pd.Series(False, index=summary.index),
        loaders.class_breaks(path, version, span, end, "smoothed", "overview"),
        lambda bound: number(bound, 1 if 0 < bound < 10 else 0, lang),
    )


@st.cache_data(show_spinner=False)
def load_deck(
    path: str,
    version: str,
    span: str,
    end: str,
    lang: str,
    visible: layers.Shown,
    zoom: float,
    edges: tuple[float, float],
    chosen: tuple[str, ...] = (),
) -> tuple[maps.DeckJson, list[maps.LegendEntry]]:
    """The smoothed-rate map and its class entries, built once per window, language, layers, view (which names
    fit, and where the canvas ends) and districts chosen.

    Every district with data is coloured by its smoothed rate, "<5" ones too: the rate is computed from
    protected cells and borrows strength from Bangkok's mean, so it reveals no small count. Districts
    chosen in the sidebar are outlined; the others stay for context. The page sets where it opens.
    """
    summary = loaders.district_summary(path, version, span, end)
    colours, classes = smoothed_classes(path, version, span, end, lang)
    districts = loaders.district_layer(path, version).merge(
        published(summary, lang).assign(fill=colours), on="dist_code"
    )
    fields = {
        "cases": N_("col.cases"),
        "rate": N_("col.rate"),
        "eb": N_("overview.col.eb_rate"),
        "hotspot": N_("overview.col.hotspot"),
    }
    tooltip = "<b>{name_th}</b><br/>{name_en}<br/>" + "<br/>".join(
        f"{html.escape(t(key, lang))}: {{{field}}}" for field, key in fields.items()
    )
    picked = districts[districts["dist_code"].isin(chosen)]
    extra = layers.overlay_layers(path, version, visible, span, end, lang, zoom=zoom)
    fills = "districts" in visible
    deck_layers = [
        *([maps.choropleth_layer(districts, ["dist_code", "name_th", "name_en", *fields])] if fills else []),
        *extra["under"],
        *([maps.outline_layer(picked.geometry, "chosen-districts", picking.CHOSEN_LINE, 3)] if chosen else []),
        *extra["over"],
        *([maps.label_layer(districts, f"name_{lang}", zoom=zoom, edges=edges)] if fills else []),
    ]
    return maps.map_deck(deck_layers, tooltip), classes


def legend_title(n_quarters: int) -> str:
    """The map's legend title: rates add up the window's quarters, so it says how many."""
    span = t("overview.span_one") if n_quarters == 1 else t("overview.span_many", n=n_quarters)
    return t("overview.legend", span=span)


def district_map(chosen: sidebar.Period, lang: str) -> None:
    """The smoothed rate by district, with the legend and the notes beside it."""
    picked = tuple(sidebar.chosen_districts())
    controls = st.container(horizontal=True, gap="small", vertical_alignment="center", key="overview-controls")
    with controls.popover(t("layers.title"), icon=":material/layers:"):
        visible = layers.layer_toggles("overview_map")
    size = mapview.canvas()
    outlines = loaders.district_layer(SNAPSHOT.path, SNAPSHOT.version)
    home = mapview.view_of(outlines.geometry[outlines["dist_code"].isin(picked)], size) if picked else None
    view = mapview.view_controls("overview_map", home or mapview.fit_view(mapview.BANGKOK, size), controls)
    place = view.zoom, mapview.edges(view, size)  # names are placed for the view the map opens at
    deck, classes = load_deck(SNAPSHOT.path, SNAPSHOT.version, chosen.span, chosen.end, lang, visible, *place, picked)
    map_column, legend_column = st.columns([5, 1])
    map_column.pydeck_chart(mapview.with_view(deck, view), height=size.height, alt=t("overview.map_alt"))
    entries = [*classes, maps.LegendEntry(maps.NO_DATA, t("legend.no_data"))]
    with legend_column:
        top = SNAPSHOT.meta.suppress_below - 1
        maps.legend(legend_title(chosen.n_quarters), entries)
        points, lines = layers.overlay_legend(visible)
        if points or lines:
            maps.legend(t("layers.legend"), points, lines)
        st.caption(t("overview.eb_note"))
        st.caption(t("overview.privacy_note", top=top, below=top + 1))
        colours, _ = smoothed_classes(SNAPSHOT.path, SNAPSHOT.version, chosen.span, chosen.end, lang)
        codes = loaders.district_summary(SNAPSHOT.path, SNAPSHOT.version, chosen.span, chosen.end)["dist_code"]
        png = partial(
            map_png,
            SNAPSHOT.path,
            dict(zip(codes, colours, strict=True)),
            [(entry.colour, entry.label) for entry in entries],
            title=t("overview.map_title"),
            subtitle=chosen.label,
            legend_title=legend_title(chosen.n_quarters),
            lang=lang,
        )
        legends.picture_button(png, f"map_smoothed_rate_{chosen.end}_{chosen.span}_{lang}.png")


REASONS = {"gap": N_("attention.gap"), "hot_95": N_("attention.hot_95"), "hot_99": N_("attention.hot_99")}


def reason_text(reason: str, row: dict, ranked: int, bangkok_referral: float) -> str:
    """One reason of :func:`geo.attention.attention` in words, with its figure (``ranked``: districts with a rate)."""
    if reason == "high_rate":
        rate = number(row["eb_rate_per_100k"], 1)
        return t("attention.high_rate", rate=rate, rank=int(row["eb_rank"]), of=ranked)
    if reason == "low_referral":
        return t("attention.low_referral", share=percent(row["referral_rate"]), bangkok=percent(bangkok_referral))
    return t(REASONS[reason])


def attention_list(top: pd.DataFrame, summary: pd.DataFrame, bangkok_referral: float, lang: str) -> None:
    """The published attention list (:func:`geo.attention.attention`), numbered, each district with its reasons;
    with districts chosen in the sidebar, those of them on the list, keeping their rank among all fifty."""
    if sidebar.chosen_districts():
        top = sidebar.filter_districts(top)
        if top.empty:
            st.caption(t("overview.attention_none_chosen"))
            return
    if top.empty:
        st.caption(t("overview.attention_none"))
        return
    name, ranked = ("name_th" if lang == "th" else "name_en"), int(summary["eb_rate_per_100k"].notna().sum())
    lines = [
        f"{row['rank']}. **{row[name]}**: "
        + "; ".join(reason_text(r, row, ranked, bangkok_referral) for r in row["reasons"])
        for row in top.to_dict("records")
    ]
    st.markdown("\n".join(lines))
    st.caption(t("overview.attention_how"))


def series_rows(trend: pd.DataFrame, column: str, text: str, lang: str) -> pd.DataFrame:
    """One line of a trend chart: ``trend[column]`` per quarter, named ``text``, with its display values."""
    return pd.DataFrame(
        {
            "quarter": trend["quarter"],
            "axis": trend["quarter"].map(lambda q: short_label(q, lang)),
            "label": trend["quarter"].map(lambda q: quarter_label(q, lang)),
            "series": text,
            "value": trend[column],
            "display": trend[f"{column}_display"].fillna(t("value.no_data", lang)),
        }
    )


def trend_lines(data: pd.DataFrame, chosen: sidebar.Period, lang: str) -> dict:
    """The lines of ``data`` (:func:`series_rows`) across quarters, the chosen window marked."""
    markers = pd.DataFrame({"axis": [short_label(chosen.start, lang)], "text": [t("overview.trend.window", lang)]})
    return charts.quarterly_trend(
        data, y_title=t("overview.trend.y", lang), quarter_title=t("overview.trend.quarter", lang), markers=markers
    )


def trend_chart(trend: pd.DataFrame, chosen: sidebar.Period, lang: str) -> dict:
    """Bangkok's reported and referred cases over the last quarters, the chosen window marked."""
    series = {
        "cases_reported": t("overview.trend.reported", lang),
        "cases_referred": t("overview.trend.referred", lang),
    }
    return trend_lines(pd.concat([series_rows(trend, c, text, lang) for c, text in series.items()]), chosen, lang)


@st.cache_data(show_spinner=False)
def load_district_trend(path: str, version: str, dist_code: str) -> pd.DataFrame:
    return read.district_trend(path, dist_code)


def districts_trend_chart(trends: dict[str, pd.DataFrame], chosen: sidebar.Period, lang: str) -> dict:
    """Each chosen district's published reported cases per quarter (a hidden count, "<5", leaves a gap)."""
    return trend_lines(
        pd.concat([series_rows(trend, "cases", name, lang) for name, trend in trends.items()]), chosen, lang
    )


def briefing_button(chosen: sidebar.Period, lang: str) -> None:
    """The printable briefing of the chosen period in the reader's language, made only when clicked."""
    path, end, span = SNAPSHOT.path, chosen.end, chosen.span

    def make() -> bytes:  # runs on its own thread after the click: no Streamlit calls in here
        from etl.briefing import briefing_pdf  # fpdf2, the font and Thai word breaking load only on a click

        return briefing_pdf(path, end, span, lang)

    st.download_button(
        t("overview.briefing"),
        make,
        file_name=f"briefing_{end}_{span}_{lang}.pdf",
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        help=t("overview.briefing_help"),
    )


def district_table(summary: pd.DataFrame, lang: str, numbers: bool = False) -> pd.DataFrame:
    """The table behind the map, narrowed to the districts chosen in the sidebar: as readers see it, or with
    ``numbers`` as numbers for a download (counts, rates, a share in percent)."""
    rows = sidebar.filter_districts(summary)
    shown = published(rows, lang)
    referral = t("overview.col.referral")
    return pd.DataFrame(
        {
            **tables.district_columns(rows, shown, numbers),
            t("overview.col.eb_rate"): rows["eb_rate_per_100k"].round(1) if numbers else shown["eb"],
            t("overview.col.hotspot"): shown["hotspot"],
            t("overview.col.gap"): rows["gap"].fillna(False).astype(bool).map({True: t("overview.gap_yes"), False: ""}),
            f"{referral} (%)" if numbers else referral: (
                tables.percent(rows["referral_rate"]) if numbers else rows["referral_rate"].map(percent)
            ),
        }
    )


through_dashboard()
SNAPSHOT = sidebar.snapshot()
chosen = sidebar.period()
lang = current_lang()

st.title(t("overview.title"))
if chosen is None:
    st.info(t("overview.no_cases"))
    st.stop()
st.caption(t("overview.subtitle", window=chosen.label))
summary = loaders.district_summary(SNAPSHOT.path, SNAPSHOT.version, chosen.span, chosen.end)
now = loaders.kpis(SNAPSHOT.path, SNAPSHOT.version, chosen.span, chosen.end)
if now.cases_display is None:
    st.info(t("overview.no_rows", window=chosen.label))
    st.stop()
briefing_button(chosen, lang)

# --- Headline figures ---------------------------------------------------------
previous, year_before = chosen.previous(), chosen.shifted(-4)
before = loaders.kpis(SNAPSHOT.path, SNAPSHOT.version, previous.span, previous.end)
if chosen.fiscal:  # compared with the same quarters of the previous fiscal year, which is also a year before
    kpi_cards(now, before, None, t("kpi.vs_previous_fiscal"))
    st.caption(t("kpi.compared_fiscal", previous=previous.label))
else:
    year_kpis = loaders.kpis(SNAPSHOT.path, SNAPSHOT.version, year_before.span, year_before.end)
    kpi_cards(now, before, year_kpis, t("kpi.vs_previous"))
    st.caption(t("kpi.compared", previous=previous.label, year_before=year_before.label))
if sidebar.chosen_districts():  # a sum over chosen districts is not published: the cards stay Bangkok's
    st.caption(t("overview.cards_bangkok"))
hidden = int(summary["suppressed"].sum())
if hidden:  # with realistic counts many cells are small: say how much of the map is hidden
    top = SNAPSHOT.meta.suppress_below - 1
    st.caption(t("overview.hidden", n=hidden, of=len(summary), window=chosen.label, below=top + 1))

# --- Map, and the districts to watch --------------------------------------------
st.subheader(t("overview.map_title"))
district_map(chosen, lang)
if SNAPSHOT.meta.population_year is None:
    st.caption(t("overview.population_no_year"))
else:
    st.caption(t("overview.population_year", year=year(SNAPSHOT.meta.population_year)))
st.subheader(t("overview.attention"))
top = loaders.attention(SNAPSHOT.path, SNAPSHOT.version, chosen.span, chosen.end)
attention_list(top, summary, now.referral_rate, lang)

# --- Trend: Bangkok, or the districts chosen in the sidebar ----------------------
if picked := sidebar.chosen_districts():
    st.subheader(t("overview.trend_districts", n=TREND_QUARTERS))
    names = summary.set_index("dist_code")["name_th" if lang == "th" else "name_en"]
    trends = {
        names[code]: trend_rows(load_district_trend(SNAPSHOT.path, SNAPSHOT.version, code), chosen.end)
        for code in picked
    }
    charts.show(
        ("overview-districts", SNAPSHOT.version, chosen.span, chosen.end, lang, *picked),
        lambda: districts_trend_chart(trends, chosen, lang),
    )
    top = SNAPSHOT.meta.suppress_below - 1
    st.caption(t("overview.trend_districts_note", top=top, below=top + 1))
else:
    st.subheader(t("overview.trend", n=TREND_QUARTERS))
    totals = loaders.quarterly_totals(SNAPSHOT.path, SNAPSHOT.version)
    charts.show(
        ("overview", SNAPSHOT.version, chosen.span, chosen.end, lang),
        lambda: trend_chart(trend_rows(totals, chosen.end), chosen, lang),
    )

# --- Table and download -----------------------------------------------------------
st.subheader(t("overview.table"))
table = district_table(summary, lang)
st.dataframe(table, hide_index=True, width="stretch")
# The card's total is Bangkok's protected sum, rounded once; each district's figure is rounded on its own.
top = SNAPSHOT.meta.suppress_below - 1
st.caption(t("overview.rounding_note", base=SNAPSHOT.meta.round_to, below=top + 1, total=now.cases_display))
numbers = district_table(summary, lang, numbers=True)
tables.download(numbers, f"overview_{chosen.start}_{chosen.end}", t("overview.download"), "districts")
