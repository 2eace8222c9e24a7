"""`python -m etl export district-summary` as an analyst runs it (in-process): real files, exit codes."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from core.downloads import neutralise_formulas
from core.settings import SUPPRESS_BELOW
from db import read
from db.snapshot import published_path
from tests.helpers import etl

BOM = b"\xef\xbb\xbf"
SMALL = {"1", "2", "3", "4"}


@pytest.fixture(autouse=True)
def default_threshold(monkeypatch):
    monkeypatch.delenv(SUPPRESS_BELOW.name, raising=False)


# Columns that may hold "<5" besides numbers.
TEXT_COLUMNS = {"dist_code": str, "cases_reported": str, "cases_referred": str}


def read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, encoding="utf-8-sig", dtype=TEXT_COLUMNS)


def test_csv_is_utf8_with_bom_one_row_per_district_in_the_current_folder(demo_db, tmp_path):
    done = etl("export", "district-summary", "--quarter", "FY2568Q3", "--db", str(demo_db), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    path = tmp_path / "district_summary_2025Q2_4q.csv"  # FY2568 Q3 is April-June 2025; 4 quarters by default
    assert str(path) in done.stdout
    assert path.read_bytes().startswith(BOM)
    table = read_csv(path)
    assert len(table) == 50
    assert table["dist_code"].tolist() == [str(code) for code in range(1001, 1051)]
    assert "พระนคร" in table["name_th"].tolist() and "Phra Nakhon" in table["name_en"].tolist()
    expected = read.district_summary(published_path(demo_db), "4q", "2025Q2")
    assert table["cases_reported"].astype(int).tolist() == expected["cases_reported"].astype(int).tolist()
    assert table["gi_z"].to_numpy() == pytest.approx(expected["gi_z"].to_numpy())
    assert table["gi_z"].lt(0).any()  # negative z-scores stay numbers, not "'-1.2"


def test_xlsx_holds_the_same_values_as_the_csv(demo_db, tmp_path):
    csv, xlsx = tmp_path / "summary.csv", tmp_path / "summary.xlsx"
    assert (
        etl("export", "district-summary", "--quarter", "2025Q2", "--out", str(csv), "--db", str(demo_db)).returncode
        == 0
    )
    done = etl(
        "export",
        "district-summary",
        "--quarter",
        "2025Q2",
        "--out",
        str(xlsx),
        "--format",
        "xlsx",
        "--db",
        str(demo_db),
    )
    assert done.returncode == 0, done.stderr
    from_csv = read_csv(csv)
    from_xlsx = pd.read_excel(xlsx, engine="openpyxl", dtype=TEXT_COLUMNS)
    assert from_xlsx.columns.tolist() == from_csv.columns.tolist()
    pd.testing.assert_frame_equal(from_xlsx, from_csv, check_dtype=False)
    sheet = openpyxl.load_workbook(xlsx).active
    gi_z = [
        row[0].value
        for row in sheet.iter_rows(
            min_row=2, min_col=from_csv.columns.get_loc("gi_z") + 1, max_col=from_csv.columns.get_loc("gi_z") + 1
        )
    ]
    assert all(isinstance(v, int | float) for v in gi_z) and min(gi_z) < 0  # numbers, never text


@pytest.mark.parametrize(("window", "first"), [("1q", "2025Q2"), ("4q", "2024Q3"), ("fytd", "2024Q4")])
def test_each_published_window(demo_db, tmp_path, window, first):
    done = etl(
        "export", "district-summary", "--quarter", "2025Q2", "--window", window, "--db", str(demo_db), cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    table = read_csv(tmp_path / f"district_summary_2025Q2_{window}.csv")
    assert set(table["quarter_from"]) == {first} and set(table["quarter"]) == {"2025Q2"}


@pytest.mark.slow
def test_an_arbitrary_window_only_from_the_true_counts(demo_db, tmp_path):
    args = ["export", "district-summary", "--quarter", "2025Q2", "--from", "ไตรมาส 1/2566", "--db", str(demo_db)]
    refused = etl(*args, cwd=tmp_path)
    assert refused.returncode == 2 and "--no-suppress" in refused.stderr  # windows of one's choosing are a
    assert not list(tmp_path.glob("*.csv"))  # differencing route, so they are never published
    done = etl(*args, "--no-suppress", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    table = read_csv(tmp_path / "district_summary_2023Q1_2025Q2.csv")
    assert set(table["quarter_from"]) == {"2023Q1"}


def test_the_suppressed_export_has_no_count_from_one_to_four(cases_db, tmp_path):
    out = tmp_path / "published.csv"
    done = etl("export", "district-summary", "--quarter", "2025Q2", "--out", str(out), "--db", str(cases_db))
    assert done.returncode == 0, done.stderr
    assert "small counts" not in done.stderr
    table = pd.read_csv(out, encoding="utf-8-sig", dtype=str).set_index("dist_code")
    for count in ("cases_reported", "cases_referred"):
        assert not table[count].isin(SMALL).any(), count
    assert table.loc["1002", "cases_reported"] == "<5"  # one hidden cell (3)
    # Two hidden cells (1 and 3) sum to an estimate of 2.5 + 2.5: published as 5, never as the true 4.
    assert table.loc["1004", "cases_reported"] == "5"
    assert pd.isna(table.loc["1002", "rate_per_100k"])  # a plain rate would be a count over a known population
    assert float(table.loc["1002", "eb_rate_per_100k"]) > 0  # smoothed from protected cells: published
    assert table.loc["1005", "cases_reported"] == "5" and table.loc["1003", "cases_reported"] == "0"


def test_a_window_without_data_writes_nothing_and_says_so(cases_db, tmp_path):
    done = etl("export", "district-summary", "--quarter", "2020Q1", "--db", str(cases_db), cwd=tmp_path)
    assert done.returncode == 1 and "No data for 2020Q1" in done.stderr
    assert not list(tmp_path.glob("district_summary*"))


def test_no_suppress_writes_the_true_small_counts_and_warns(cases_db, tmp_path):
    out = tmp_path / "true.xlsx"
    done = etl(
        "export", "district-summary", "--quarter", "2025Q2", "--out", str(out), "--no-suppress", "--db", str(cases_db)
    )
    assert done.returncode == 0, done.stderr
    assert "Warning" in done.stderr and "1 to 4" in done.stderr
    table = pd.read_excel(out, engine="openpyxl", dtype={"dist_code": str}).set_index("dist_code")
    assert table.loc["1002", "cases_reported"] == 3 and table.loc["1004", "cases_reported"] == 4
    assert table.loc["1002", "rate_per_100k"] > 0


@pytest.mark.parametrize("quarter", ["2025Q5", "next quarter", "2568"])
def test_a_bad_quarter_is_a_usage_error(quarter, tmp_path):
    # a usage error before the database is even looked for (a missing one would exit 3)
    done = etl(
        "export", "district-summary", "--quarter", quarter, "--db", str(tmp_path / "absent.duckdb"), cwd=tmp_path
    )
    assert done.returncode == 2
    assert "not a quarter" in done.stderr and quarter in done.stderr and "Traceback" not in done.stderr
    assert not list(tmp_path.iterdir())


def test_from_after_quarter_is_a_usage_error(tmp_path):
    absent = str(tmp_path / "absent.duckdb")
    done = etl(
        "export",
        "district-summary",
        "--quarter",
        "2025Q1",
        "--from",
        "2025Q2",
        "--no-suppress",
        "--db",
        absent,
        cwd=tmp_path,
    )
    assert done.returncode == 2
    assert "--from 2025Q2 is after --quarter 2025Q1" in done.stderr
    assert not list(tmp_path.iterdir())


def test_a_missing_snapshot_is_not_ready(tmp_path):
    done = etl(
        "export", "district-summary", "--quarter", "2025Q2", "--db", str(tmp_path / "absent.duckdb"), cwd=tmp_path
    )
    assert done.returncode == 3 and "python -m etl publish" in done.stderr


def test_formula_payloads_are_neutralised_and_numbers_stay_numbers():
    payloads = ['=HYPERLINK("http://evil.example","click")', "+1+cmd", "-x", "@SUM(A1:A9)", "\tfoo", "\rbar"]
    frame = pd.DataFrame(
        {
            "name": [*payloads, "ดุสิต", "Bang Rak", "3-1"],
            "gi_z": [-1.96, -0.5, 0.0, 1.2, -3.1, 2.0, -1.0, 0.3, 0.1],
            "count": pd.Series([-1, "<5", 3, None, 0, 7, 8, 9, 10], dtype=object),
        }
    )
    safe = neutralise_formulas(frame)
    assert safe["name"].tolist() == [f"'{p}" for p in payloads] + ["ดุสิต", "Bang Rak", "3-1"]
    assert safe["gi_z"].dtype == float and safe["gi_z"].tolist() == frame["gi_z"].tolist()
    assert safe["count"].tolist()[:3] == [-1, "<5", 3]  # a negative number in a text column is still a number
    assert frame["name"].iloc[0].startswith("=")  # the input is not modified
