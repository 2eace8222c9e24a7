"""Loading analysts' files: validated fully, written in one go, versioned by load."""

import pytest

from tests.helpers import CASES_HEADER, COMMUNITIES, csv, load, query, rejected, table_checksums


def test_cases_file_loads_and_totals_add_up(db):
    result = load(db, "cases", csv("2025Q2,1002,,,physical,woman,7,5", "2025Q2,1002,100201,,sexual,child,3,"))
    assert result.load_id is not None and result.rows == 2 and result.quarters == ["2025Q2"]
    assert query(db, "SELECT sum(cases_reported), count(cases_referred) FROM current_case_counts") == [(10, 1)]


def test_district_by_thai_or_english_name(db):
    header = "quarter,district,violence_type,victim_group,cases_reported"
    load(db, "cases", csv("2025Q1,เขตดุสิต,ร่างกาย,เด็ก,1", "2025Q1,Bang Rak District,other,,2", header=header))
    rows = query(db, "SELECT dist_code, violence_type, victim_group FROM current_case_counts ORDER BY 1")
    assert rows == [("1002", "physical", "child"), ("1004", "other", "unknown")]


def test_unknown_district_name_suggests_the_closest(db):
    header = "quarter,district,violence_type,cases_reported"
    (problem,) = rejected(db, "cases", csv("2025Q1,Dusat,physical,1", header=header))
    assert (problem.row, problem.column, problem.value) == (2, "district", "Dusat")
    assert "Dusit" in problem.message


@pytest.mark.slow
def test_every_error_names_row_column_and_fix(db):
    problems = rejected(
        db,
        "cases",
        csv(
            "2025Q2,1002,,,physical,woman,7,9",  # row 2: referred > reported
            "2025-13,9999,,,kicking,woman,-1,",  # row 3: quarter, district, type, negative
            "2025Q2,1002,,,physical,woman,1.5,",  # row 4: decimal, and duplicate key of row 2
        ),
    )
    found = {(p.row, p.column) for p in problems}
    assert {
        (2, "cases_referred"),
        (3, "quarter"),
        (3, "dist_code"),
        (3, "violence_type"),
        (3, "cases_reported"),
    } <= found
    assert (4, "cases_reported") in found
    duplicate = next(p for p in problems if p.row == 4 and "row 2" in p.message)
    assert duplicate.column == "quarter"


def test_missing_required_column_is_reported_once_on_the_header_row(db):
    (problem,) = rejected(db, "cases", csv("2025Q2,1002,physical", header="quarter,dist_code,violence_type"))
    assert problem.row == 1 and "cases_reported" in problem.message


@pytest.mark.slow
def test_dry_run_writes_nothing_and_shows_the_difference(db):
    load(db, "cases", csv("2025Q2,1002,,,physical,woman,7,5"))
    before = table_checksums(db)
    result = load(db, "cases", csv("2025Q2,1002,,,physical,woman,9,5", "2025Q2,1003,,,other,man,2,"), dry_run=True)
    assert table_checksums(db) == before
    diff = result.diff.set_index("dist_code")
    assert diff.loc["1002", ["old_total", "new_total"]].tolist() == [7, 9]
    assert diff.loc["1003", ["old_total", "new_total"]].tolist() == [0, 2]


def test_new_load_replaces_only_the_quarters_and_districts_it_covers(db):
    load(db, "cases", csv("2025Q1,1002,,,physical,woman,7,", "2025Q1,1003,,,physical,woman,8,"))
    load(db, "cases", csv("2025Q1,1002,,,physical,woman,9,"))
    totals = query(db, "SELECT dist_code, sum(cases_reported) FROM current_case_counts GROUP BY 1 ORDER BY 1")
    assert totals == [("1002", 9), ("1003", 8)]
    assert query(db, "SELECT count(*) FROM case_counts") == [(3,)], "earlier versions are kept"


@pytest.mark.slow
def test_identical_file_changes_nothing(db):
    content = csv("2025Q1,1002,,,physical,woman,7,")
    load(db, "cases", content)
    before = table_checksums(db)
    assert load(db, "cases", content).unchanged
    assert table_checksums(db) == before


def test_raw_bytes_and_audit_are_kept(db):
    content = csv("2025Q1,1002,,,physical,woman,7,")
    result = load(db, "cases", content)
    stored = query(db, f"SELECT content FROM load_files WHERE load_id = {result.load_id}")[0][0]
    audit = query(db, f"SELECT kind, loaded_by, rows, quarters, status FROM loads WHERE load_id = {result.load_id}")
    assert bytes(stored) == content
    assert audit == [("cases", "tests", 1, "2025Q1", "active")]


@pytest.mark.slow
def test_community_outside_bangkok_carries_its_own_district(db):
    result = load(db, "communities", COMMUNITIES.encode())
    assert query(db, "SELECT community_id, dist_code FROM current_communities ORDER BY 1") == [
        ("D1", "1002"),
        ("TK", "1104"),
    ]
    assert result.warnings == []
    load(db, "cases", csv("2025Q1,1104,,TK,physical,woman,2,"))
    problems = rejected(db, "cases", csv("2025Q1,1104,,,physical,woman,2,"))
    assert problems[0].column == "dist_code"


@pytest.mark.slow
def test_community_rows_must_use_the_communitys_own_district(db):
    load(db, "communities", COMMUNITIES.encode())
    (problem,) = rejected(db, "cases", csv("2025Q1,1003,,D1,physical,woman,2,"))
    assert (problem.row, problem.column, problem.value) == (2, "dist_code", "1003")
    assert "another district" in problem.message


@pytest.mark.slow
def test_cases_must_name_a_registered_community(db):
    (problem,) = rejected(db, "cases", csv("2025Q1,1002,,NOPE,physical,woman,2,"))
    assert problem.column == "community_id"


def test_service_outside_bangkok_is_kept_without_a_district(db):
    services = (
        "service_id,name_th,service_type,lat,lon,capacity\n"
        "S1,พื้นที่ปลอดภัยดุสิต,safe_space,13.7770,100.5130,20\n"
        "S2,นอกกรุงเทพ,shelter,13.61977,100.53975,\n"
    )
    result = load(db, "services", services.encode())
    assert [(w.row, "Outside Bangkok" in w.message) for w in result.warnings] == [(3, True)]
    assert query(db, "SELECT service_id, dist_code FROM current_service_points ORDER BY 1") == [
        ("S1", "1002"),
        ("S2", None),
    ]


@pytest.mark.slow
def test_swapped_coordinates_are_reported_as_such(db):
    services = "service_id,name_th,service_type,lat,lon\nS1,x,police,100.5130,13.7770\n"
    (problem,) = rejected(db, "services", services.encode())
    assert problem.row == 2 and "swapped" in problem.message


def test_register_update_by_id_keeps_unlisted_ids(db):
    load(db, "communities", COMMUNITIES.encode())
    update = "community_id,name_th,lat,lon,pilot\nD1,ชุมชนดุสิต (ใหม่),13.7770,100.5130,no\n"
    load(db, "communities", update.encode())
    assert query(db, "SELECT community_id, name_th FROM current_communities ORDER BY 1") == [
        ("D1", "ชุมชนดุสิต (ใหม่)"),
        ("TK", "ชุมชนไทยเกรียง"),
    ]


@pytest.mark.parametrize(
    ("encode", "separator"),
    [(lambda s: s.encode("utf-8-sig"), ","), (lambda s: s.encode("cp874"), ";"), (lambda s: s.encode(), "\t")],
    ids=["utf8-bom-comma", "cp874-semicolon", "utf8-tab"],
)
def test_excel_encodings_and_delimiters(db, encode, separator):
    rows = [["ไตรมาส", "เขต", "violence_type", "จำนวนราย"], ["2025Q1", "ดุสิต", "จิตใจ", "3"]]
    text = "".join(separator.join(row) + "\n" for row in rows)
    load(db, "cases", encode(text))
    assert query(db, "SELECT dist_code, violence_type, cases_reported FROM current_case_counts") == [
        ("1002", "psychological", 3)
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("content", "expected"),
    [(b"", "empty"), (CASES_HEADER.encode() + b"\n", "no data rows"), (b"\x00\x01\x02binary", "not a text file")],
)
def test_unreadable_files_get_one_clear_sentence(db, content, expected):
    (problem,) = rejected(db, "cases", content)
    assert expected in problem.message


def test_valid_utf8_is_never_read_as_cp874(db):
    # "ดุสิต" in UTF-8 happens to be valid cp874 bytes too; it must stay UTF-8.
    content = "quarter,district,violence_type,cases_reported\n2025Q1,ดุสิต,physical,3\n".encode()
    content.decode("cp874")
    load(db, "cases", content)
    assert query(db, "SELECT dist_code FROM current_case_counts") == [("1002",)]


@pytest.mark.slow
@pytest.mark.parametrize(
    "header",
    [
        "quarter,dist_code,violence_type,cases_reported,Quarter",  # the same after normalising
        "quarter,dist_code,violence_type,cases_reported,quarter\u200b",  # an invisible character
        "quarter,dist_code,violence_type,cases_reported,\u00a0quarter",  # a non-breaking space
    ],
)
def test_headers_that_collide_after_normalising_are_refused(db, header):
    (problem,) = rejected(db, "cases", csv("2025Q1,1002,physical,3,2025Q1", header=header))
    assert "repeats quarter (columns A, E)" in problem.message


def test_the_difference_counts_rows_added_changed_and_removed(db):
    load(
        db,
        "cases",
        csv("2025Q2,1002,,,physical,woman,7,", "2025Q2,1002,,,sexual,child,3,", "2025Q2,1003,,,other,man,4,"),
    )
    new = csv("2025Q2,1002,,,physical,woman,9,", "2025Q2,1002,,,other,man,1,", "2025Q2,1004,,,neglect,elder,2,")
    diff = load(db, "cases", new, dry_run=True).diff_rows
    assert diff == [
        {"quarter": "2025Q2", "dist_code": "1002", "name_th": "ดุสิต", "name_en": "Dusit", "old_total": 10,
         "new_total": 10, "old_referred": None, "new_referred": None,
         "rows_added": 1, "rows_changed": 1, "rows_removed": 1},
        {"quarter": "2025Q2", "dist_code": "1004", "name_th": "บางรัก", "name_en": "Bang Rak", "old_total": 0,
         "new_total": 2, "old_referred": 0, "new_referred": None,
         "rows_added": 1, "rows_changed": 0, "rows_removed": 0},
    ]  # fmt: skip
