"""Quarter labels as Thai and English readers expect them."""

from __future__ import annotations

from datetime import date

import pytest

from ui.periods import date_label, quarter_label, window_label


@pytest.mark.parametrize(
    ("quarter", "thai", "english"),
    [
        ("2024Q4", "ไตรมาส 1 ปีงบประมาณ 2568 (ต.ค.–ธ.ค. 2567)", "Q1 FY2025 (Oct–Dec 2024)"),
        ("2025Q1", "ไตรมาส 2 ปีงบประมาณ 2568 (ม.ค.–มี.ค. 2568)", "Q2 FY2025 (Jan–Mar 2025)"),
        ("2025Q2", "ไตรมาส 3 ปีงบประมาณ 2568 (เม.ย.–มิ.ย. 2568)", "Q3 FY2025 (Apr–Jun 2025)"),
        ("2025Q3", "ไตรมาส 4 ปีงบประมาณ 2568 (ก.ค.–ก.ย. 2568)", "Q4 FY2025 (Jul–Sep 2025)"),
    ],
)
def test_fiscal_labels_name_the_fiscal_year_and_the_months(quarter, thai, english):
    assert quarter_label(quarter, "th") == thai
    assert quarter_label(quarter, "en") == english


def test_calendar_labels_never_use_a_bare_quarter_number():
    assert quarter_label("2025Q2", "th", style="calendar") == "เม.ย.–มิ.ย. 2568"
    assert quarter_label("2025Q2", "en", style="calendar") == "Apr–Jun 2025 (2025Q2)"
    assert "/" not in quarter_label("2025Q2", "th", style="calendar")


def test_window_label_spans_first_to_last_month():
    assert window_label("2025Q2", 4, "th") == "4 ไตรมาส: ก.ค. 2567 ถึง มิ.ย. 2568"
    assert window_label("2025Q1", 4, "en") == "4 quarters: Apr 2024 to Mar 2025"


def test_dates_use_the_buddhist_era_in_thai():
    assert date_label(date(2024, 12, 31), "th") == "31 ธ.ค. 2567"
    assert date_label(date(2024, 12, 31), "en") == "31 Dec 2024"


def test_default_language_is_thai():
    assert quarter_label("2024Q4") == "ไตรมาส 1 ปีงบประมาณ 2568 (ต.ค.–ธ.ค. 2567)"
