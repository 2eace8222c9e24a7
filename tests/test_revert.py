"""Reverting a load brings the previous version back; nothing is deleted."""

import subprocess
import sys

import pytest

from etl.load import load_file
from etl.problems import InputRejected
from etl.revert import revert
from tests.test_load import COMMUNITIES, csv, query


def test_revert_brings_the_previous_cases_back(db):
    first = load_file("cases", csv("2025Q1,1002,,,physical,woman,7,"), "v1.csv", db=db)
    second = load_file("cases", csv("2025Q1,1002,,,physical,woman,9,"), "v2.csv", db=db)
    revert(second.load_id, db=db, reverted_by="analyst@bma")
    assert query(db, "SELECT load_id, cases_reported FROM current_case_counts") == [(first.load_id, 7)]
    assert query(db, f"SELECT status, reverted_by FROM loads WHERE load_id = {second.load_id}") == [
        ("reverted", "analyst@bma")
    ]
    assert query(db, "SELECT count(*) FROM case_counts") == [(2,)]


def test_reverting_the_only_load_leaves_no_cases_for_it(db):
    only = load_file("cases", csv("2025Q1,1002,,,physical,woman,7,"), "v1.csv", db=db)
    revert(only.load_id, db=db)
    assert query(db, "SELECT count(*) FROM current_case_counts") == [(0,)]


def test_revert_of_a_register_update_restores_the_old_record(db):
    load_file("communities", COMMUNITIES.encode(), "c1.csv", db=db)
    update = load_file("communities", b"community_id,name_th,lat,lon\nD1,renamed,13.7770,100.5130\n", "c2.csv", db=db)
    revert(update.load_id, db=db)
    assert query(db, "SELECT name_th FROM current_communities WHERE community_id = 'D1'") == [("ชุมชนดุสิต",)]


def test_same_file_loads_again_after_its_revert(db):
    content = csv("2025Q1,1002,,,physical,woman,7,")
    first = load_file("cases", content, "v1.csv", db=db)
    revert(first.load_id, db=db)
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


def test_revert_twice_is_refused_from_the_cli(db):
    loaded = load_file("cases", csv("2025Q1,1002,,,physical,woman,7,"), "v1.csv", db=db)
    run = [sys.executable, "-m", "etl", "revert", str(loaded.load_id), "--db", str(db)]
    assert subprocess.run(run, capture_output=True, text=True, timeout=60).returncode == 0
    again = subprocess.run(run, capture_output=True, text=True, timeout=60)
    assert again.returncode == 1 and "already reverted" in again.stderr
