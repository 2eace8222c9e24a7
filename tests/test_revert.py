"""Reverting a load brings the previous version back; nothing is deleted, and no revert is final."""

import pytest

from etl.load import load_file
from etl.problems import InputRejected
from etl.revert import restore, revert
from tests.helpers import COMMUNITIES, csv, etl, query, table_checksums


def test_revert_brings_the_previous_cases_back(db):
    first = load_file("cases", csv("2025Q1,1002,,,physical,woman,7,"), "v1.csv", db=db)
    second = load_file("cases", csv("2025Q1,1002,,,physical,woman,9,"), "v2.csv", db=db)
    done = revert(second.load_id, db=db, reverted_by="analyst@bma")
    assert (done.in_force, done.earlier, done.removed) == (1, 1, 0)
    assert "the earlier version is in force again for 1 quarter-district(s)" in done.text()
    assert query(db, "SELECT load_id, cases_reported FROM current_case_counts") == [(first.load_id, 7)]
    assert query(db, f"SELECT status, reverted_by FROM loads WHERE load_id = {second.load_id}") == [
        ("reverted", "analyst@bma")
    ]
    assert query(db, "SELECT count(*) FROM case_counts") == [(2,)]


@pytest.mark.slow
def test_reverting_a_base_load_needs_force_and_says_what_it_does(db):
    only = load_file("cases", csv("2025Q1,1002,,,physical,woman,7,"), "v1.csv", db=db)
    before = table_checksums(db)
    with pytest.raises(InputRejected) as caught:
        revert(only.load_id, db=db)
    assert table_checksums(db) == before
    message = caught.value.text()
    assert "first version of 1 quarter-district(s)" in message and "--force" in message
    assert "previous version" not in message
    assert "รุ่นแรก" in caught.value.text("th") and "ไตรมาส-เขต" in caught.value.text("th")
    done = revert(only.load_id, db=db, force=True)
    assert query(db, "SELECT count(*) FROM current_case_counts") == [(0,)]
    assert "1 quarter-district(s) had no earlier version and now have no data" in done.text()
    assert "previous version" not in done.text()


def test_a_partly_new_load_needs_force_for_the_part_that_would_vanish(db):
    load_file("cases", csv("2025Q1,1002,,,physical,woman,7,"), "v1.csv", db=db)
    both = load_file("cases", csv("2025Q1,1002,,,physical,woman,9,", "2025Q1,1003,,,other,man,2,"), "v2.csv", db=db)
    with pytest.raises(InputRejected, match="first version of 1 quarter-district"):
        revert(both.load_id, db=db)
    done = revert(both.load_id, db=db, force=True)
    assert (done.earlier, done.removed) == (1, 1)
    assert query(db, "SELECT dist_code, cases_reported FROM current_case_counts") == [("1002", 7)]


def test_restore_undoes_a_revert(db):
    first = load_file("cases", csv("2025Q1,1002,,,physical,woman,7,"), "v1.csv", db=db)
    second = load_file("cases", csv("2025Q1,1002,,,physical,woman,9,"), "v2.csv", db=db)
    revert(second.load_id, db=db, reverted_by="analyst@bma")
    done = restore(second.load_id, db=db)
    expected = f"Restored load {second.load_id} (v2.csv): it counts again, as the version in force for 1 "
    assert done.text() == expected + "quarter-district(s)."
    assert query(db, "SELECT load_id, cases_reported FROM current_case_counts") == [(second.load_id, 9)]
    assert query(db, f"SELECT status, reverted_by FROM loads WHERE load_id = {second.load_id}") == [("active", None)]
    with pytest.raises(InputRejected, match="is active, not reverted"):
        restore(first.load_id, db=db)


def test_reverting_communities_that_cases_still_name_is_refused(db):
    communities = load_file("communities", COMMUNITIES.encode(), "c1.csv", db=db)
    load_file("cases", csv("2025Q1,1104,,TK,physical,woman,2,"), "cases.csv", db=db)
    before = table_checksums(db)
    for force in (False, True):
        with pytest.raises(InputRejected) as caught:
            revert(communities.load_id, db=db, force=force)
        assert "would leave 1 current case row(s) (quarters 2025Q1)" in caught.value.text()
        assert "(TK)" in caught.value.text() and "Revert or replace those cases loads first" in caught.value.text()
    assert table_checksums(db) == before


@pytest.mark.slow
def test_a_revert_that_brings_back_rows_naming_a_reverted_community_is_refused(db):
    communities = load_file("communities", COMMUNITIES.encode(), "c1.csv", db=db)
    load_file("cases", csv("2025Q1,1002,,D1,physical,woman,2,"), "with_d1.csv", db=db)
    without = load_file("cases", csv("2025Q1,1002,,,physical,woman,2,"), "without_d1.csv", db=db)
    revert(communities.load_id, db=db, force=True)  # allowed: no current case row names D1
    before = table_checksums(db)
    with pytest.raises(InputRejected, match=r"would leave 1 current case row\(s\) \(quarters 2025Q1\).*\(D1\)"):
        revert(without.load_id, db=db)  # the earlier rows would return, naming D1
    assert table_checksums(db) == before


@pytest.mark.slow
def test_a_restore_that_would_name_a_missing_community_is_refused_until_it_is_back(db):
    communities = load_file("communities", COMMUNITIES.encode(), "c1.csv", db=db)
    cases = load_file("cases", csv("2025Q1,1002,,D1,physical,woman,2,"), "with_d1.csv", db=db)
    revert(cases.load_id, db=db, force=True)
    revert(communities.load_id, db=db, force=True)
    with pytest.raises(InputRejected, match=rf"Restoring load {cases.load_id} would bring back 1 case row"):
        restore(cases.load_id, db=db)
    restore(communities.load_id, db=db)
    restore(cases.load_id, db=db)
    assert query(db, "SELECT community_id, cases_reported FROM current_case_counts") == [("D1", 2)]


def test_same_file_loads_again_after_its_revert(db):
    content = csv("2025Q1,1002,,,physical,woman,7,")
    first = load_file("cases", content, "v1.csv", db=db)
    revert(first.load_id, db=db, force=True)
    again = load_file("cases", content, "v1.csv", db=db)
    assert not again.unchanged and again.load_id != first.load_id


@pytest.mark.parametrize(
    ("load_id", "expected"), [(999, "no load 999"), (1, "only cases, services, communities, population")]
)
def test_revert_refuses_what_it_cannot_do(db, load_id, expected):
    with pytest.raises(InputRejected, match=expected):
        revert(load_id, db=db)


def test_the_only_population_figures_cannot_be_reverted_but_replaced_ones_can(db):
    reference = query(db, "SELECT load_id FROM loads WHERE kind = 'population'")[0][0]
    with pytest.raises(InputRejected, match="only population figure"):
        revert(reference, db=db)
    newer = "dist_code,year,population,source\n" + "".join(
        f"{code},2024,100000,test figure\n" for code in range(1001, 1051)
    )
    load_file("population", newer.encode(), "population_2024.csv", db=db)
    revert(reference, db=db)
    assert query(db, "SELECT count(*), min(year) FROM current_population") == [(50, 2024)]


@pytest.mark.slow
def test_revert_force_and_restore_from_the_cli(db):
    loaded = load_file("cases", csv("2025Q1,1002,,,physical,woman,7,"), "v1.csv", db=db)
    load_id, where = str(loaded.load_id), ("--db", str(db))
    refused = etl("revert", load_id, *where)
    assert refused.returncode == 1 and "--force" in refused.stderr and "Traceback" not in refused.stderr
    done = etl("revert", load_id, "--force", *where)
    assert done.returncode == 0 and "had no earlier version" in done.stdout, done.stderr
    assert f"python -m etl restore {load_id}" in done.stdout
    again = etl("revert", load_id, "--force", *where)
    assert again.returncode == 1 and "already reverted" in again.stderr
    restored = etl("restore", load_id, *where)
    assert restored.returncode == 0 and "Restored load" in restored.stdout, restored.stderr
    assert query(db, "SELECT sum(cases_reported) FROM current_case_counts") == [(7,)]
    assert etl("restore", load_id, *where).returncode == 1
