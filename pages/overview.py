"""Overview for executives: headline figures, the smoothed-rate map, the districts to watch, the trend.

Everything is for the period chosen in the sidebar (by default the four
quarters ending with the chosen one) and is read from the published snapshot.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from etl.briefing.picture import map_png
from ui import attention, charts, kpi_cards, loaders, rate_map, rate_table, tables
from ui.context import open_page
from ui.i18n import t
from ui.periods import year

TREND_QUARTERS = 12


def trend_chart(lines: list[pd.DataFrame], start: str, lang: str) -> dict:
    """The trend's ``lines`` (:func:`ui.charts.series_rows`) across quarters, the window's ``start`` marked."""
    return charts.window_trend(
        pd.concat(lines),
        start,
        y_title=t("overview.trend.y", lang),
        quarter_title=t("overview.trend.quarter", lang),
        window_text=t("overview.trend.window", lang),
    )


def briefing_button(path: str, end: str, span: str, lang: str) -> None:
    """The printable briefing of the window in the reader's language, made only when clicked."""

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


page = open_page("overview.title")
period = page.require_period("overview.no_cases")
lang, below = page.lang, page.meta.suppress_below  # counts under ``below`` are never shown
st.caption(t("overview.subtitle", window=period.label))
summary = loaders.district_summary(page.path, page.version, period.span, period.end)
now = loaders.kpis(page.path, page.version, period.span, period.end)
if now.cases_display is None:
    st.info(t("overview.no_rows", window=period.label))
    st.stop()
briefing_button(page.path, period.end, period.span, lang)

# --- Headline figures ---------------------------------------------------------
kpi_cards.headline(page.path, page.version, period, now)
if page.districts:  # a sum over chosen districts is not published: the cards stay Bangkok's
    st.caption(t("overview.cards_bangkok"))
if hidden := int(summary["suppressed"].sum()):  # with realistic counts many cells are small: say how many
    st.caption(t("overview.hidden", n=hidden, of=len(summary), window=period.label, below=below))

# --- Map, and the districts to watch --------------------------------------------
st.subheader(t("overview.map_title"))
rate_map.draw(page, period, map_png)
if page.meta.population_year is None:
    st.caption(t("overview.population_no_year"))
else:
    st.caption(t("overview.population_year", year=year(page.meta.population_year)))
st.subheader(t("overview.attention"))
top = loaders.attention(page.path, page.version, period.span, period.end)
attention.attention_list(top, summary, now.referral_rate, lang, page.districts)

# --- Trend: Bangkok, or the districts chosen in the sidebar ----------------------
if page.districts:
    st.subheader(t("overview.trend_districts", n=TREND_QUARTERS))
    names = summary.set_index("dist_code")[f"name_{lang}"]
    trends = {
        code: loaders.district_trend(page.path, page.version, code, period.end, TREND_QUARTERS)
        for code in page.districts
    }
    charts.show(
        ("overview-districts", page.version, period.span, period.end, lang, *page.districts),
        lambda: trend_chart(
            [charts.series_rows(trend, "cases", names[code], lang) for code, trend in trends.items()],
            period.start,
            lang,
        ),
    )
    st.caption(t("overview.trend_districts_note", top=below - 1, below=below))
else:
    st.subheader(t("overview.trend", n=TREND_QUARTERS))
    totals = loaders.last_quarters(loaders.quarterly_totals(page.path, page.version), period.end, TREND_QUARTERS)
    series = {"cases_reported": t("overview.trend.reported"), "cases_referred": t("overview.trend.referred")}
    charts.show(
        ("overview", page.version, period.span, period.end, lang),
        lambda: trend_chart(
            [charts.series_rows(totals, c, text, lang) for c, text in series.items()], period.start, lang
        ),
    )

# --- Table and download -----------------------------------------------------------
st.subheader(t("overview.table"))
st.dataframe(rate_table.district_table(summary, lang, page.districts), hide_index=True, width="stretch")
# The card's total is Bangkok's protected sum, rounded once; each district's figure is rounded on its own.
st.caption(t("overview.rounding_note", base=page.meta.round_to, below=below, total=now.cases_display))
numbers = rate_table.district_table(summary, lang, page.districts, numbers=True)
tables.download(numbers, f"overview_{period.start}_{period.end}", t("overview.download"), "districts")
