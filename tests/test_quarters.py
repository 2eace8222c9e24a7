"""Quarter keys and Thai fiscal quarters, checked against pandas.Period and Babel (independent implementations).

core.quarters keeps its own few lines of integer arithmetic because the cases load path imports no pandas
(README, Benchmarks); these tests hold it to pandas' calendar (``Q-DEC``) and fiscal (``Q-SEP``) periods and
to Babel's month names for every quarter from 1900 to 2100.
"""

from __future__ import annotations

import pandas as pd
import pytest
from babel.dates import get_month_names

from core import quarters

ALL = pd.period_range("1900Q1", "2100Q4", freq="Q-DEC")


def test_keys_and_shifts_match_pandas_periods():
    keys = [quarters.key(p.year, p.quarter) for p in ALL]
    assert keys == [str(p) for p in ALL]
    for step in (-9, -4, -1, 1, 3, 13):
        assert [quarters.shift(k, step) for k in keys[20:-20]] == [str(p + step) for p in ALL[20:-20]]


def test_thai_fiscal_quarters_match_pandas_q_sep():
    for period in ALL:
        fiscal = period.asfreq("Q-SEP")
        assert quarters.fiscal(str(period)) == (fiscal.qyear, fiscal.quarter)
        assert quarters.from_fiscal(fiscal.qyear, fiscal.quarter) == str(period)


def test_months_of_a_quarter_match_pandas():
    for period in ALL[:8]:
        assert quarters.months(str(period)) == (period.start_time.month, period.end_time.month)


@pytest.mark.parametrize("lang", ["th", "en"])
def test_month_names_are_babels_abbreviations(lang):
    assert list(quarters.MONTHS[lang]) == list(get_month_names("abbreviated", locale=lang).values())


def test_fiscal_year_to_date_starts_in_october():
    for period in ALL[-12:]:
        start = pd.Period(quarters.span_start("fytd", str(period)), freq="Q-DEC")
        assert start.start_time.month == 10 and start.asfreq("Q-SEP").qyear == period.asfreq("Q-SEP").qyear
