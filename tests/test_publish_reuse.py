"""Publishing after a load recomputes only the windows the load changed, and gives what a full publish gives.

A full publish of the same warehouse into another file is the independent
reference: every table must match it row for row and type for type.
"""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from db.snapshot import published_path
from etl.demo import QUARTERS as DEMO_QUARTERS
from etl.load import load_file
from etl.publish import pilot_evaluation, publish
from tests.helpers import query

HEADER = "quarter,dist_code,subdist_code,community_id,violence_type,victim_group,cases_reported,cases_referred\n"
NEXT_QUARTER = "2026Q3"
assert DEMO_QUARTERS[-1] == "2026Q2", "the tests below count windows from the demo's last quarter"


RECORDS = ("meta", "publish_record")  # when and how a snapshot was made, not what it publishes


def _tables(path) -> dict[str, tuple[pd.DataFrame, list]]:
    """Every table of a snapshot but its records of publishing, in a fixed order, with its column types."""
    with duckdb.connect(str(path), read_only=True) as con:
        names = [name for (name,) in con.execute("SHOW TABLES").fetchall() if name not in RECORDS]
        return {
            name: (
                con.execute(f'SELECT * FROM "{name}" ORDER BY ALL').df(),
                con.execute(f'DESCRIBE "{name}"').fetchall(),
            )
            for name in names
        }


def _assert_same_as_full_publish(db, tmp_path) -> None:
    reference = tmp_path / "full.published.duckdb"
    publish(db, reference, full=True)
    got, expected = _tables(published_path(db)), _tables(reference)
    assert got.keys() == expected.keys()
    for name, (frame, types) in expected.items():
        assert got[name][1] == types, name
        pd.testing.assert_frame_equal(got[name][0], frame, obj=name)


def _load_cases(db, rows: str) -> None:
    load_file("cases", (HEADER + rows).encode(), "cases.csv", db=db)


@pytest.fixture(autouse=True)
def default_rules(monkeypatch):
    for setting in ("SAFESPACE_SUPPRESS_BELOW", "SAFESPACE_ROUND_TO", "SAFESPACE_PUBLISHED"):
        monkeypatch.delenv(setting, raising=False)


@pytest.mark.slow
def test_nothing_changed_recomputes_nothing(demo_db):
    result = publish(demo_db)
    assert (result.windows, result.recomputed) == (48, 0)


@pytest.mark.slow
def test_each_load_recomputes_only_what_it_changed_and_ends_where_a_full_publish_does(demo_db, tmp_path):
    """A warehouse's next loads, one publish after each: a corrected quarter, a new service, a new quarter.

    The three loads change disjoint sets of windows, so the last snapshot holds windows recomputed at each
    step beside windows the demo's own publish (another process) left: equal to a full publish of the same
    warehouse, it shows both that reuse keeps the right rows and that publishing is reproducible.
    """
    _load_cases(demo_db, "2025Q1,1001,,,physical,woman,30,4\n")
    # 2025Q1 alone, the four 4-quarter windows ending 2025Q1-2025Q4, fiscal 2025 to date at 2025Q1-2025Q3.
    assert publish(demo_db).recomputed == 1 + 4 + 3, "a corrected quarter"

    services = "service_id,name_th,service_type,lat,lon,capacity,opened,closed\n"
    load_file(
        "services", f"{services}S-NEW,ใหม่,safe_space,13.7560,100.4960,10,2026-05-01,\n".encode(), "s.csv", db=demo_db
    )
    assert publish(demo_db).recomputed == 3, "a new service: the windows ending 2026Q2, the only ones with May 2026"

    _load_cases(demo_db, f"{NEXT_QUARTER},1001,,,physical,woman,12,4\n{NEXT_QUARTER},1002,,,sexual,child,7,2\n")
    result = publish(demo_db)
    assert (result.quarters, result.windows, result.recomputed) == (17, 51, 3), "a new quarter: its 1q, 4q and FYTD"
    _assert_same_as_full_publish(demo_db, tmp_path)


@pytest.mark.slow
def test_a_load_that_changes_no_communitys_rows_keeps_the_pilot_evaluation(demo_db, monkeypatch):
    """The pilot evaluation, the heaviest part of a publish, is computed again only when a community's rows
    change: a correction of a district whose communities report no rows of their own keeps it. (That the
    rows kept are a full publish's is the test above's to check: its loads change no community's rows.)"""
    latest = DEMO_QUARTERS[-1]
    evaluated = []
    compute = pilot_evaluation.evaluation_tables
    monkeypatch.setattr(
        pilot_evaluation, "evaluation_tables", lambda *args, **kw: evaluated.append(args[2]) or compute(*args, **kw)
    )
    mine = "SELECT count(*) FROM current_case_counts WHERE quarter = ? AND dist_code = ? AND community_id IS NOT NULL"
    assert query(demo_db, mine, [latest, "1001"]) == [(0,)], "Phra Nakhon's communities report no rows of their own"
    _load_cases(demo_db, f"{latest},1001,,,physical,woman,30,4\n")
    publish(demo_db)
    assert evaluated == []

    _load_cases(demo_db, f"{latest},1002,100206,BMA0184,physical,woman,9,3\n")  # the Dusit pilot's own row
    publish(demo_db)
    assert evaluated == [[latest]]


@pytest.mark.slow
def test_other_disclosure_rules_recompute_everything(cases_db, monkeypatch):
    windows = publish(cases_db).windows  # the hand-written cases: fewer windows than the demo, the same rule
    monkeypatch.setenv("SAFESPACE_ROUND_TO", "10")
    assert publish(cases_db).recomputed == windows
