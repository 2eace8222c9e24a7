"""The data-completeness table of the published snapshot: which district has a file for which quarter.

Written by every publish from the rows in force (presence only, no counts), so it follows loads and reverts.
Expected cells are worked out by hand from the cases fixture (tests/conftest.py).
"""

from __future__ import annotations

import duckdb
import pandas as pd

from db import read
from db.snapshot import published_path
from etl.load import load_file
from etl.publish import publish
from etl.revert import revert
from tests.helpers import HAS_FILE

FIXTURE_QUARTERS = ["2024Q2", "2024Q3", "2024Q4", "2025Q1", "2025Q2"]


def snapshot_table(db) -> pd.DataFrame:
    with duckdb.connect(str(published_path(db)), read_only=True) as con:
        return con.execute("SELECT * FROM completeness").df()


def files(table: pd.DataFrame) -> set[tuple[str, str]]:
    return set(zip(table["dist_code"][table["has_data"]], table["quarter"][table["has_data"]], strict=True))


def test_the_snapshot_says_which_district_has_a_file_for_which_quarter_and_nothing_more(cases_db):
    table = snapshot_table(cases_db)
    assert list(table.columns) == ["dist_code", "quarter", "has_data"]  # no count of any kind
    assert table["has_data"].dtype == bool
    assert len(table) == 50 * len(FIXTURE_QUARTERS) and set(table["quarter"]) == set(FIXTURE_QUARTERS)
    assert "1104" not in set(table["dist_code"])  # Phra Pradaeng, outside Bangkok, is not in the grid
    assert files(table) == HAS_FILE
    # The reader gives the districts' names, in district then quarter order.
    shown = read.completeness(published_path(cases_db))
    assert shown[["dist_code", "quarter"]].values.tolist() == sorted(shown[["dist_code", "quarter"]].values.tolist())
    assert shown.set_index("dist_code").loc["1002", "name_en"].iloc[0] == "Dusit"


def test_a_new_quarter_and_its_revert_follow_in_the_next_publish(cases_db):
    # 2025Q4 for two districts: 2025Q3 comes in between with no file at all.
    new = load_file(
        "cases",
        b"quarter,dist_code,violence_type,victim_group,cases_reported,cases_referred\n"
        b"2025Q4,1001,physical,woman,12,3\n2025Q4,1006,sexual,child,0,0\n",
        "q4.csv",
        db=cases_db,
    )
    publish(cases_db)
    table = snapshot_table(cases_db)
    assert set(table["quarter"]) == {*FIXTURE_QUARTERS, "2025Q3", "2025Q4"}
    assert files(table) == HAS_FILE | {("1001", "2025Q4"), ("1006", "2025Q4")}
    assert not table[table["quarter"] == "2025Q3"]["has_data"].any()

    revert(new.load_id, db=cases_db, force=True)
    publish(cases_db)
    table = snapshot_table(cases_db)
    assert set(table["quarter"]) == set(FIXTURE_QUARTERS) and files(table) == HAS_FILE


def test_a_warehouse_without_cases_publishes_an_empty_table(db):
    publish(db)
    assert snapshot_table(db).empty
    assert read.completeness(published_path(db)).empty
