"""Read at a glance (issue 16): comparisons, totals, words and downloads, as a reader meets them.

AppTest runs dashboard.py on the demo's published files; expected figures are worked out by hand from the
snapshot's protected cells (:mod:`tests.expected`), never with the pages' own helpers.
"""

from __future__ import annotations

import pytest

from core import quarters
from etl.briefing import content
from etl.demo import QUARTERS as DEMO_QUARTERS
from tests.expected import area_sum, snapshot_of
from ui.i18n import TEXT

DEMO_END = DEMO_QUARTERS[-1]  # 2026Q2: Q3 of FY2569, whose fiscal year to date is 2025Q4-2026Q2


def cards(app) -> dict[str, tuple[str, str, str]]:
    """Each KPI card's label -> (value, delta, the delta's description)."""
    return {m.label: (m.value, m.proto.delta, m.proto.delta_description) for m in app.metric}


def captions(app) -> str:
    return "\n".join(c.value for c in app.caption)


# --- Defect 6: a fiscal year to date is compared with the same quarters of the previous fiscal year -------


@pytest.mark.parametrize("lang", ["th", "en"])
def test_fiscal_year_to_date_is_compared_with_the_same_quarters_a_fiscal_year_before(demo_template, open_app, lang):
    app = open_app(demo_template, lang)
    app.segmented_control(key="window").set_value("fiscal").run()
    this_year = quarters.window(DEMO_END, 3)
    assert this_year[0] == "2025Q4"  # October 2025, the start of FY2569
    last_year = quarters.window("2025Q2", 3)  # October 2024 to June 2025: FY2568 up to its third quarter
    now, before = area_sum(demo_template, this_year), area_sum(demo_template, last_year)
    value, delta, description = cards(app)[TEXT["kpi.cases"][lang]]
    assert value == now.text
    assert delta == f"{now.value - before.value:+,.0f}"
    assert description == TEXT["kpi.vs_previous_fiscal"][lang]
    # Not against Jul–Mar (the same length one quarter earlier), which is no fiscal period.
    shifted = area_sum(demo_template, quarters.window(quarters.shift(DEMO_END, -1), 3))
    assert now.value - shifted.value != now.value - before.value
    # The caption names the window compared with; the "year before" line would repeat it, so there is none.
    fixed = TEXT["kpi.compared_fiscal"][lang].split("{")[0]
    assert fixed in captions(app)
    assert TEXT["kpi.vs_year"][lang].split("{")[0] not in captions(app)
    months = {"th": "ต.ค. 2567", "en": "Oct 2024"}[lang]  # the previous fiscal year starts in October 2024
    assert months in captions(app)


def test_other_windows_still_compare_with_one_quarter_earlier_and_a_year_before(demo_template, open_app):
    app = open_app(demo_template, "en")
    app.segmented_control(key="window").set_value("quarter").run()
    now, before = area_sum(demo_template, [DEMO_END]), area_sum(demo_template, [quarters.shift(DEMO_END, -1)])
    _, delta, description = cards(app)[TEXT["kpi.cases"]["en"]]
    assert delta == f"{now.value - before.value:+,.0f}" and description == TEXT["kpi.vs_previous"]["en"]
    assert TEXT["kpi.vs_year"]["en"].split("{")[0] in captions(app)


def test_the_briefing_compares_a_fiscal_year_to_date_the_same_way(demo_template):
    briefing = content.gather(snapshot_of(demo_template), DEMO_END, "fytd", "en")
    now = area_sum(demo_template, quarters.window(DEMO_END, 3))
    before = area_sum(demo_template, quarters.window("2025Q2", 3))
    (cases,) = [card for card in briefing.cards if card.label == "Cases reported"]
    assert cases.vs_previous.startswith(f"{now.value - before.value:+,.0f} ")


# --- Defect 7: where the card and the district table sit together, say why they need not add up --------------


@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_table_says_its_districts_need_not_add_up_to_the_card(demo_template, open_app, lang):
    app = open_app(demo_template, lang)
    total = cards(app)[TEXT["kpi.cases"][lang]][0]
    (table,) = [frame.value for frame in app.dataframe]
    districts = table[TEXT["col.cases"][lang]]
    # The demo shows it: the districts' published figures, each rounded to 5, add up to another number.
    assert not districts.isin(["<5"]).any()
    assert districts.str.replace(",", "").astype(int).sum() != int(total.replace(",", ""))
    note = TEXT["overview.rounding_note"][lang].format(base=5, below=5, total=total)
    assert note in captions(app)
    # It sits right under the table.
    main = list(app.main)
    at = next(i for i, element in enumerate(main) if element.type == "dataframe")
    assert getattr(main[at + 1], "value", None) == note
