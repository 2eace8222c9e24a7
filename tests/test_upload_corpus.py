"""The fixture corpus: real-looking files as analysts send them, good, bad and hostile.

Every good file loads with the expected totals; every bad file is rejected
with its expected message at its row and column, and the database is
exactly as it was. tests/fixtures/make_uploads.py writes the binary and
encoding fixtures; files too big for the repository are GENERATED here.
"""

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from etl.load import load_file, load_path
from etl.problems import InputRejected
from tests.helpers import query, table_checksums

CORPUS = Path(__file__).parent / "fixtures" / "uploads"

GOOD = {
    # file: (kind, expected rows, expected SQL result)
    "good_cases_utf8.csv": ("cases", 3, [("2025Q2", "1002", 10), ("2025Q2", "1033", 1204)]),
    "good_cases_bom_semicolon.csv": ("cases", 3, [("2025Q2", "1002", 7), ("2025Q2", "1018", 2), ("2025Q2", "1037", 0)]),
    "good_cases_cp874_thai.csv": ("cases", 3, [("2025Q2", "1002", 7), ("2025Q2", "1008", 1), ("2025Q2", "1039", 3)]),
    # FY2568 Q1 = Oct-Dec 2024; FY2025 Q2 = Jan-Mar 2025; FY2568 Q3 = Apr-Jun 2025
    "good_cases_fiscal_tab.tsv": ("cases", 3, [("2024Q4", "1002", 4), ("2025Q1", "1002", 6), ("2025Q2", "1002", 5)]),
    "good_cases_workbook.xlsx": ("cases", 2, [("2025Q2", "1002", 12), ("2025Q2", "1004", 0)]),
    "good_cases_extra_note.csv": ("cases", 2, [("2025Q2", "1002", 7), ("2025Q2", "1004", 2)]),
    "good_cases_blank_trailing_columns.csv": ("cases", 2, [("2025Q2", "1002", 3), ("2025Q2", "1003", 1)]),
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
    # 1. Excel bombs: one sentence, nothing read into memory
    "bad_excel_declared_range.xlsx": ("cases", None, None, "declares the range A1:XFD1048576"),
    "bad_excel_shared_string.xlsx": ("cases", None, None, "more than the 50 MB limit"),
    "bad_excel_lying_sizes.xlsx": ("cases", None, None, "more than the 50 MB limit"),
    "bad_excel_far_cell.xlsx": ("cases", None, None, "Reading this workbook would take more than"),
    # 2. Encodings
    "bad_mixed_encoding.csv": ("cases", None, None, "Line 4 is not UTF-8 text, unlike line 2"),
    "bad_nul_byte.csv": ("cases", None, None, "Line 3 holds a NUL character"),
    "bad_encoding.csv": ("cases", None, None, "Line 3 is neither UTF-8 nor Thai Windows"),
    # 3. Thai IDs inside text, as float text, grouped with spaces, in columns the loader ignores
    "bad_thai_id_in_text.csv": ("cases", 3, "note", "Thai national ID"),
    "bad_thai_id_float_text.csv": ("cases", 3, "cases_reported", "Thai national ID"),
    "bad_ragged_row_with_id.csv": ("cases", 3, None, "This row has 5 cells but the header row has 4"),
    # 4. Headers: one rule for CSV and Excel
    "bad_header_repeated_after_trim.csv": ("cases", None, None, "repeats quarter (columns A, E)"),
    "bad_header_blank_with_data.csv": ("cases", 1, "C", "Column C has data but no header"),
    "bad_excel_repeated_header.xlsx": ("cases", None, None, "repeats quarter (columns A, E)"),
    # 5. Numbers beyond the column type
    "bad_count_too_large.csv": ("cases", 2, "cases_reported", "at most 2,147,483,647"),
    "bad_services_capacity_too_large.csv": ("services", 2, "capacity", "at most 2,147,483,647"),
    # 6. Implausible quarters
    "bad_quarter_future.csv": ("cases", 3, "quarter", "Read as 9456Q4, which is after the current quarter"),
    "bad_quarter_too_early.csv": ("cases", 2, "quarter", "Read as 0000Q1, before 2000Q1"),
}

# Too big for the repository: written into the test's folder by these functions.
_CASES = "quarter,dist_code,violence_type,cases_reported\n"
GENERATED = {
    # 12. A 40 MB single field (an unclosed quote, or a pasted document) once gave Arrow's internals.
    "bad_40mb_cell.csv": (
        lambda: (_CASES + '2025Q1,1002,physical,3\n2025Q1,1003,"' + "x" * (40 << 20) + '",1\n').encode(),
        ("cases", 3, None, "longer than 1 MB"),
    ),
    "bad_unclosed_quote.csv": (
        lambda: (_CASES + '2025Q1,1002,"physical,3\n' + "2025Q1,1003,physical,1\n" * 60_000).encode(),
        ("cases", 2, None, 'quote (") that is opened and never closed'),
    ),
}


def test_every_fixture_is_in_the_corpus_table():
    assert {p.name for p in CORPUS.iterdir()} == set(GOOD) | set(BAD) | {
        "good_services.csv",
        "good_services_dates.xlsx",
        "good_communities_cp874.csv",
    }


@pytest.mark.slow
@pytest.mark.parametrize("name", GOOD)
def test_good_file_loads(db, name):
    kind, rows, totals = GOOD[name]
    assert load_path(kind, CORPUS / name, db=db).rows == rows
    assert query(db, TOTALS) == totals


@pytest.mark.slow
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


def _rejected(db, kind: str, path: Path, *, dry_run: bool = False) -> list:
    before = table_checksums(db)
    with pytest.raises(InputRejected) as caught:
        load_path(kind, path, db=db, dry_run=dry_run)
    assert table_checksums(db) == before
    return caught.value.problems


@pytest.mark.slow
@pytest.mark.parametrize("name", BAD)
def test_bad_file_is_rejected_with_its_message_and_nothing_changes(db, name):
    kind, row, column, fragment = BAD[name]
    problems = _rejected(db, kind, CORPUS / name)
    located = [(p.row, p.column) for p in problems if fragment in p.message]
    assert (row, column) in located, [str(p) for p in problems]


@pytest.mark.slow
@pytest.mark.parametrize("name", GENERATED)
def test_generated_bad_file_is_rejected_with_its_message(db, tmp_path, name):
    make, (kind, row, column, fragment) = GENERATED[name]
    path = tmp_path / name
    path.write_bytes(make())
    problems = _rejected(db, kind, path)
    located = [(p.row, p.column) for p in problems if fragment in p.message]
    assert (row, column) in located, [str(p) for p in problems]
    assert all(len(str(p)) < 500 for p in problems), "no cell is repeated into a message"


@pytest.mark.slow
@pytest.mark.parametrize(
    "name", ["bad_thai_id.csv", "bad_thai_id_in_text.csv", "bad_thai_id_float_text.csv", "bad_ragged_row_with_id.csv"]
)
def test_personal_values_are_never_repeated_in_messages(db, name):
    problems = _rejected(db, "cases", CORPUS / name)
    for lang in ("en", "th"):
        assert all("1017" not in f"{p} {p.text(lang)}" and "7366" not in str(p) for p in problems)


@pytest.mark.slow
def test_every_thai_id_is_found_and_a_coordinate_is_not_one(db):
    problems = _rejected(db, "cases", CORPUS / "bad_thai_id_in_text.csv")
    assert [(p.row, p.column) for p in problems] == [(3, "note"), (5, "note")]


def test_ignored_columns_are_named_and_not_archived(db):
    path = CORPUS / "good_cases_extra_note.csv"
    result = load_path("cases", path, db=db)
    assert result.ignored_columns == ["note"]
    assert [(w.row, w.message) for w in result.warnings] == [(1, "Columns not used and not stored: note.")]
    [(sha, archived)] = query(
        db, f"SELECT sha256, content FROM loads JOIN load_files USING (load_id) WHERE load_id = {result.load_id}"
    )
    assert sha == hashlib.sha256(path.read_bytes()).hexdigest(), "the original file's sha256 is kept"
    assert b"note" not in bytes(archived) and b"district office" not in bytes(archived)
    assert bytes(archived).decode().splitlines()[0].replace('"', "").startswith("quarter,dist_code")
    assert load_path("cases", path, db=db).unchanged, "the same file again changes nothing"


def test_a_workbook_archives_only_the_columns_used(db):
    result = load_path("services", CORPUS / "good_services_dates.xlsx", db=db)
    archived = bytes(query(db, f"SELECT content FROM load_files WHERE load_id = {result.load_id}")[0][0])
    assert not archived.startswith(b"PK") and "พื้นที่ปลอดภัยดุสิต".encode() in archived


def test_spreadsheet_date_cells_are_dates(db):
    load_path("services", CORPUS / "good_services_dates.xlsx", db=db)
    rows = query(db, "SELECT service_id, opened::VARCHAR, closed::VARCHAR FROM current_service_points ORDER BY 1")
    assert rows == [("S1", "2024-01-15", None), ("S2", "2023-07-01", "2025-03-31")]


@pytest.mark.slow
@pytest.mark.parametrize("name", ["bad_count_too_large.csv", "bad_quarter_future.csv"])
def test_the_dry_run_refuses_what_the_load_refuses(db, name):
    assert _rejected(db, "cases", CORPUS / name, dry_run=True) == _rejected(db, "cases", CORPUS / name)


def test_the_largest_count_the_warehouse_holds_loads(db):
    content = (
        b"quarter,dist_code,violence_type,cases_reported,cases_referred\n2025Q1,1003,physical,2147483647,2147483647\n"
    )
    load_file("cases", content, "max.csv", db=db)
    assert query(db, "SELECT cases_reported FROM current_case_counts") == [(2147483647,)]


@pytest.mark.slow
def test_the_first_quarter_is_a_setting(db, monkeypatch):
    monkeypatch.setenv("SAFESPACE_FIRST_QUARTER", "ไตรมาส 1/2568")  # 2025Q1
    problems = _rejected(db, "cases", CORPUS / "good_cases_fiscal_tab.tsv")
    assert {(p.row, p.code, p.params["first"]) for p in problems} == {(2, "quarter.too_early", "2025Q1")}
    monkeypatch.setenv("SAFESPACE_FIRST_QUARTER", "soon")
    with pytest.raises(Exception, match="SAFESPACE_FIRST_QUARTER='soon' is not a quarter"):
        load_path("cases", CORPUS / "good_cases_utf8.csv", db=db)


MEMORY = """
import resource, sys
from etl.load import load_path
from etl.problems import InputRejected
try:
    load_path(sys.argv[1], sys.argv[2], db=sys.argv[3], dry_run=True)
except InputRejected as exc:
    print(exc.text())
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(max(own, child) // 1024)
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    "name",
    ["bad_excel_shared_string.xlsx", "bad_excel_lying_sizes.xlsx", "bad_excel_far_cell.xlsx", "bad_40mb_cell.csv"],
)
def test_hostile_files_stay_within_the_memory_budget(db, tmp_path, name):
    path = CORPUS / name
    if name in GENERATED:
        path = tmp_path / name
        path.write_bytes(GENERATED[name][0]())
    done = subprocess.run(
        [sys.executable, "-c", MEMORY, "cases", str(path), str(db)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "SAFESPACE_DEBUG": ""},
    )
    assert done.returncode == 0, done.stderr
    message, peak_mb = done.stdout.strip().splitlines()
    assert "Traceback" not in done.stderr and message
    assert int(peak_mb) < 1536, f"{name}: {peak_mb} MB"


def test_file_over_the_size_limit_gets_one_sentence(db, monkeypatch):
    monkeypatch.setenv("SAFESPACE_MAX_UPLOAD_MB", "0.0001")
    with pytest.raises(InputRejected, match=r"larger than the 0\.0001 MB limit"):
        load_path("cases", CORPUS / "good_cases_utf8.csv", db=db)


@pytest.mark.parametrize("kind", ["communities", "services", "cases", "population"])
def test_templates_are_valid_uploads(db, kind):
    template = Path(__file__).parent.parent / "data" / "templates" / f"{kind}.csv"
    assert load_path(kind, template, db=db, dry_run=True).rows >= 1


@pytest.mark.slow
def test_the_whole_corpus_ends_in_accept_or_refuse_through_the_cli(reference_template, tmp_path, capsys):
    """Every file, as an analyst would load it: exit 0 or 1, never 70, and a refusal changes nothing.

    The bad files meet one copy of the reference warehouse, which each refusal must leave exactly as it was;
    then the good ones go into it as a batch does (``--no-publish``), and one publish follows.
    """
    import shutil

    from etl.cli import main

    good = {name: (kind, CORPUS / name) for name, (kind, *_) in GOOD.items()}
    good |= {"good_services.csv": ("services", CORPUS / "good_services.csv")}
    good |= {"good_services_dates.xlsx": ("services", CORPUS / "good_services_dates.xlsx")}
    good |= {"good_communities_cp874.csv": ("communities", CORPUS / "good_communities_cp874.csv")}
    bad = {name: (kind, CORPUS / name) for name, (kind, *_) in BAD.items()}
    for name, (make, (kind, *_)) in GENERATED.items():
        (tmp_path / name).write_bytes(make())
        bad[name] = (kind, tmp_path / name)
    db = str(shutil.copy(reference_template, tmp_path / "corpus.duckdb"))
    before = table_checksums(db)

    def cli(*words: str) -> int:
        code = main(list(words))
        err = capsys.readouterr().err
        assert "Traceback" not in err and "Internal error" not in err, (words, err)
        return code

    for name, (kind, path) in bad.items():
        assert cli("load", kind, str(path), "--db", db) == 1, name
        assert table_checksums(db) == before, name
    for name, (kind, path) in good.items():
        assert cli("load", kind, str(path), "--db", db, "--no-publish") == 0, name
    assert cli("publish", "--db", db) == 0
