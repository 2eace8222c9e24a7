"""Another process holding the database: loads wait briefly, then say what holds the file.
Two loads at once: one writer at a time, and an identical file changes nothing even then."""

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from etl.load import load_file
from etl.problems import InputRejected
from etl.revert import revert
from tests.conftest import table_checksums
from tests.test_load import COMMUNITIES, csv, query

HOLD = (
    "import duckdb, sys, time; con = duckdb.connect(sys.argv[1], read_only=True); "
    "print('held', flush=True); time.sleep(float(sys.argv[2]))"
)
CASES = "quarter,dist_code,violence_type,cases_reported\n2025Q1,1002,physical,7\n"


def hold(db, seconds: float) -> subprocess.Popen:
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(db), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    return holder


def load(db, path, retry: float) -> subprocess.CompletedProcess:
    env = {**os.environ, "SAFESPACE_DB_RETRY_SECONDS": str(retry)}
    command = [sys.executable, "-m", "etl", "load", "cases", str(path), "--db", str(db)]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)


def test_load_fails_clearly_while_another_process_holds_the_file(db, tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text(CASES)
    holder = hold(db, 30)
    try:
        done = load(db, path, retry=0.5)
    finally:
        holder.kill()
        holder.wait()
    assert done.returncode == 3
    assert "in use by another process" in done.stderr and "Traceback" not in done.stderr


def test_load_waits_for_a_short_read_to_finish(db, tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text(CASES)
    before = table_checksums(db)
    holder = hold(db, 1.0)
    done = load(db, path, retry=20)
    holder.wait()
    assert done.returncode == 0, done.stderr
    assert table_checksums(db) != before


def _big_cases(path, rows: int = 150_000):
    """A cases file big enough that two loads of it overlap: quarters x sub-districts x types x groups."""
    from db.quarters import window
    from db.vocab import VICTIM_GROUPS, VIOLENCE_TYPES

    subdistricts = query(
        path.parent / "safespace.duckdb", "SELECT subdist_code, dist_code FROM subdistricts ORDER BY 1"
    )
    lines = ["quarter,dist_code,subdist_code,violence_type,victim_group,cases_reported"]
    for quarter in window("2025Q4", 100):
        for sub, dist in subdistricts:
            lines += [f"{quarter},{dist},{sub},{v},{g},1" for v in VIOLENCE_TYPES for g in VICTIM_GROUPS]
            if len(lines) > rows:
                return "\n".join(lines[: rows + 1]) + "\n"
    return "\n".join(lines) + "\n"


def test_two_identical_loads_started_together_commit_once(db, tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text(_big_cases(tmp_path / "x"))
    env = {**os.environ, "SAFESPACE_DB_RETRY_SECONDS": "60"}
    command = [sys.executable, "-m", "etl", "load", "cases", str(path), "--db", str(db)]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) for _ in "ab"]
    outcomes = [(*run.communicate(timeout=300),) for run in runs]
    outcomes = [(run.returncode, out, err) for run, (out, err) in zip(runs, outcomes, strict=True)]
    assert sorted(code for code, _, _ in outcomes) == [0, 0], outcomes
    assert sum("identical to a file already loaded" in out for _, out, _ in outcomes) == 1, outcomes
    assert query(db, "SELECT count(*) FROM loads WHERE kind = 'cases'") == [(1,)]


def test_the_second_of_two_identical_loads_in_one_process_changes_nothing(db, tmp_path):
    content = _big_cases(tmp_path / "x", 50_000).encode()
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda name: load_file("cases", content, name, db=db), ["a.csv", "b.csv"]))
    assert sorted(r.unchanged for r in results) == [False, True]
    assert query(db, "SELECT count(*) FROM loads WHERE kind = 'cases'") == [(1,)]


def test_a_twin_committed_between_validation_and_write_makes_the_load_change_nothing(db):
    content = CASES.encode()

    def twin_first(fraction: float, step: str) -> None:
        if step == "writing" and not twin_first.done:
            twin_first.done = True
            load_file("cases", content, "twin.csv", db=db)

    twin_first.done = False
    result = load_file("cases", content, "cases.csv", db=db, progress=twin_first)
    assert result.unchanged and result.load_id is None
    assert query(db, "SELECT file_name FROM loads WHERE kind = 'cases'") == [("twin.csv",)]


def test_a_load_is_checked_again_when_the_registers_changed_after_validation(db):
    communities = load_file("communities", COMMUNITIES.encode(), "communities.csv", db=db)
    content = csv("2025Q1,1002,,D1,physical,woman,2,")

    def revert_first(fraction: float, step: str) -> None:
        if step == "writing":
            revert(communities.load_id, db=db, force=True)

    before_revert = table_checksums(db)
    with pytest.raises(InputRejected) as caught:
        load_file("cases", content, "cases.csv", db=db, progress=revert_first)
    assert [(p.row, p.column, p.code) for p in caught.value.problems] == [(2, "community_id", "community.unknown")]
    assert table_checksums(db) != before_revert  # the revert happened; the load did not
    assert query(db, "SELECT count(*) FROM loads WHERE kind = 'cases'") == [(0,)]
