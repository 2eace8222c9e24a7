"""The fixture corpus: real-looking files as analysts send them, good and bad.

Every good file loads with the expected totals; every bad file is rejected
with its expected message at its row and column, and the database is
exactly as it was.
"""

from pathlib import Path

import pytest

from etl.load import load_path
from etl.problems import InputRejected
from tests.conftest import table_checksums
from tests.test_load import query

CORPUS = Path(__file__).parent / "fixtures" / "uploads"

GOOD = {
    # file: (kind, expected rows, expected SQL result)
    "good_cases_utf8.csv": ("cases", 3, [("2025Q2", "1002", 10), ("2025Q2", "1033", 1204)]),
    "good_cases_bom_semicolon.csv": ("cases", 3, [("2025Q2", "1002", 7), ("2025Q2", "1018", 2), ("2025Q2", "1037", 0)]),
    "good_cases_cp874_thai.csv": ("cases", 3, [("2025Q2", "1002", 7), ("2025Q2", "1008", 1), ("2025Q2", "1039", 3)]),
    # FY2568 Q1 = Oct-Dec 2024; FY2025 Q2 = Jan-Mar 2025; FY2568 Q3 = Apr-Jun 2025
    "good_cases_fiscal_tab.tsv": ("cases", 3, [("2024Q4", "1002", 4), ("2025Q1", "1002", 6), ("2025Q2", "1002", 5)]),
    "good_cases_workbook.xlsx": ("cases", 2, [("2025Q2", "1002", 12), ("2025Q2", "1004", 0)]),
}
TOTALS = "SELECT quarter, dist_code, sum(cases_reported) FROM current_case_counts GROUP BY ALL ORDER BY ALL"

BAD = {
    # file: (kind, row, column, message fragment)
    "bad_empty.csv": ("cases", None, None, "The file is empty"),
    "bad_header_only.csv": ("cases", None, None, "no data rows"),
    "bad_binary.csv": ("cases", None, None, "not a text file"),
    "bad_services_given_as_cases.csv": ("cases", None, None, "looks like a services file"),
    "bad_missing_column.csv": ("cases", 1, None, "Required column 'cases_reported' is missing"),
    "bad_quarter.csv": ("cases", 3, "quarter", "Not a quarter"),
    "bad_unknown_district.csv": ("cases", 2, "district", "Did you mean: Dusit"),
    "bad_subdistrict_elsewhere.csv": ("cases", 2, "subdist_code", "not in the row's district"),
    "bad_unknown_community.csv": ("cases", 2, "community_id", "Unknown community"),
    "bad_violence_type.csv": ("cases", 2, "violence_type", "Unknown value"),
    "bad_decimal.csv": ("cases", 2, "cases_reported", "Not a whole number"),
    "bad_negative.csv": ("cases", 2, "cases_reported", "Must be 0 or more"),
    "bad_text_count.csv": ("cases", 2, "cases_reported", "Not a whole number"),
    "bad_referred_over.csv": ("cases", 2, "cases_referred", "More referred than reported"),
    "bad_duplicate.csv": ("cases", 4, "quarter", "as row 2"),
    "bad_personal_column.csv": ("cases", 1, "victim_name", "personal data"),
    "bad_thai_id.csv": ("cases", 2, "note", "Thai national ID"),
    "bad_services_swapped.csv": ("services", 2, "lat", "swapped"),
    "bad_communities_pilot_without_start.csv": ("communities", 2, "pilot_start", "quarter its pilot started"),
}


def test_every_fixture_is_in_the_corpus_table():
    assert {p.name for p in CORPUS.iterdir()} == set(GOOD) | set(BAD) | {
        "good_services.csv",
        "good_communities_cp874.csv",
    }


@pytest.mark.parametrize("name", GOOD)
def test_good_file_loads(db, name):
    kind, rows, totals = GOOD[name]
    assert load_path(kind, CORPUS / name, db=db).rows == rows
    assert query(db, TOTALS) == totals


def test_good_registers_load(db):
    load_path("services", CORPUS / "good_services.csv", db=db)
    load_path("communities", CORPUS / "good_communities_cp874.csv", db=db)
    services = "SELECT service_id, service_type, dist_code, closed FROM current_service_points ORDER BY 1"
    assert [row[:3] for row in query(db, services)] == [("S1", "safe_space", "1002"), ("S2", "shelter", "1004")]
    assert str(query(db, services)[1][3]) == "2025-03-31"
    assert query(db, "SELECT community_id, population, pilot, pilot_start FROM current_communities ORDER BY 1") == [
        ("C1", 1200, True, "2024Q1"),
        ("C2", 800, False, None),
    ]


@pytest.mark.parametrize("name", BAD)
def test_bad_file_is_rejected_with_its_message_and_nothing_changes(db, name):
    kind, row, column, fragment = BAD[name]
    before = table_checksums(db)
    with pytest.raises(InputRejected) as caught:
        load_path(kind, CORPUS / name, db=db)
    assert table_checksums(db) == before
    located = [(p.row, p.column) for p in caught.value.problems if fragment in p.message]
    assert (row, column) in located, [str(p) for p in caught.value.problems]


def test_personal_values_are_never_repeated_in_messages(db):
    with pytest.raises(InputRejected) as caught:
        load_path("cases", CORPUS / "bad_thai_id.csv", db=db)
    assert all("1017" not in str(p) for p in caught.value.problems)


def test_file_over_the_size_limit_gets_one_sentence(db, monkeypatch):
    monkeypatch.setenv("SAFESPACE_MAX_UPLOAD_MB", "0.0001")
    with pytest.raises(InputRejected, match=r"larger than the 0\.0001 MB limit"):
        load_path("cases", CORPUS / "good_cases_utf8.csv", db=db)


@pytest.mark.parametrize("kind", ["communities", "services", "cases", "population"])
def test_templates_are_valid_uploads(db, kind):
    template = Path(__file__).parent.parent / "data" / "templates" / f"{kind}.csv"
    assert load_path(kind, template, db=db, dry_run=True).rows >= 1
