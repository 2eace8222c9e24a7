"""The headline cards: Bangkok's figures of a period, each with its change against earlier periods.

:func:`headline` reads the comparison periods and draws the cards with the
caption that names them; :func:`kpi_cards` draws cards for figures at hand.
A rise in cases takes no colour (more cases may mean better reporting); a
rise in hot spots or gaps is red, in referrals, safe spaces or pilots green.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from db import read
from ui import loaders
from ui.figures import percent_text
from ui.i18n import N_, number, t
from ui.sidebar import Period

__all__ = ["CARDS", "change", "headline", "kpi_cards"]

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


def change(now: float, before: float, share: bool) -> tuple[str | None, bool]:
    """The change as signed text (percentage points for a share), None when either side is unknown,
    and whether it is a change at all once written (a card shows no arrow for none)."""
    if pd.isna(now) or pd.isna(before):
        return None, False
    text = t("kpi.points", change=f"{(now - before) * 100:+.1f}") if share else f"{now - before:+,.0f}"
    return text, round(now - before, 3 if share else 0) != 0


def _card_text(kpis: read.Kpis, field: str) -> str:
    if field == "cases":
        return kpis.cases_display or number(None)
    value = getattr(kpis, field)
    return percent_text(value) if field == "referral_rate" else number(value)


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
            _card_text(now, field),
            delta=delta,
            delta_color=colour if moved else "off",
            delta_arrow="auto" if moved else "off",
            delta_description=against,
            help=t(help_key),
        )
        if year_before is not None:
            against_year, _ = change(value, getattr(year_before, field), share)
            card.caption(t("kpi.vs_year", change=against_year) if against_year else t("kpi.no_year"))


def headline(path: str, version: str, period: Period, now: read.Kpis) -> None:
    """The cards of ``now`` (the figures of ``period``) against the previous period and a year before, and
    the caption naming both. A fiscal year to date is compared with the same quarters of the previous
    fiscal year, which is also a year before, so its cards carry one comparison."""
    previous, year_before = period.previous(), period.shifted(-4)
    before = loaders.kpis(path, version, previous.span, previous.end)
    if period.fiscal:
        kpi_cards(now, before, None, t("kpi.vs_previous_fiscal"))
        st.caption(t("kpi.compared_fiscal", previous=previous.label))
    else:
        year_kpis = loaders.kpis(path, version, year_before.span, year_before.end)
        kpi_cards(now, before, year_kpis, t("kpi.vs_previous"))
        st.caption(t("kpi.compared", previous=previous.label, year_before=year_before.label))
