"""Another process holding the database: loads wait briefly, then say what holds the file.
Two loads at once: one writer at a time, and an identical file changes nothing even then."""

import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from etl.load import load_file
from etl.problems import InputRejected
from etl.revert import revert
from tests.helpers import COMMUNITIES, csv, query, table_checksums

HOLD = (
    "import duckdb, sys, time; con = duckdb.connect(sys.argv[1], read_only=True); "
    "print('held', flush=True); time.sleep(float(sys.argv[2]))"
)
CASES = "quarter,dist_code,violence_type,cases_reported\n2025Q1,1002,physical,7\n"


def hold(db, seconds: float) -> subprocess.Popen:
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(db), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    return holder


def load_command(db, path) -> list[str]:
    """``python -m etl load cases`` without its publish: these races are about the load (the race of two
    identical loads uses a file of 100 quarters, whose publish would take longer than the race)."""
    return [sys.executable, "-m", "etl", "load", "cases", str(path), "--db", str(db), "--no-publish"]


def retrying(seconds: float) -> dict[str, str]:
    """The environment of a load that waits up to ``seconds`` for a busy database."""
    return {**os.environ, "SAFESPACE_DB_RETRY_SECONDS": str(seconds)}


def load(db, path, retry: float) -> subprocess.CompletedProcess:
    return subprocess.run(load_command(db, path), capture_output=True, text=True, env=retrying(retry), timeout=120)


@pytest.mark.slow
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


@pytest.mark.slow
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
    from core.codes import VICTIM_GROUPS, VIOLENCE_TYPES
    from core.quarters import window

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


@pytest.mark.slow
def test_two_identical_loads_started_together_commit_once(db, tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text(_big_cases(tmp_path / "x"))
    command, env = load_command(db, path), retrying(60)
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) for _ in "ab"]
    outcomes = [(*run.communicate(timeout=300),) for run in runs]
    outcomes = [(run.returncode, out, err) for run, (out, err) in zip(runs, outcomes, strict=True)]
    assert sorted(code for code, _, _ in outcomes) == [0, 0], outcomes
    assert sum("identical to a file already loaded" in out for _, out, _ in outcomes) == 1, outcomes
    assert query(db, "SELECT count(*) FROM loads WHERE kind = 'cases'") == [(1,)]


@pytest.mark.slow
def test_the_second_of_two_identical_loads_in_one_process_changes_nothing(db, tmp_path):
    content = _big_cases(tmp_path / "x", 50_000).encode()
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda name: load_file("cases", content, name, db=db), ["a.csv", "b.csv"]))
    assert sorted(r.unchanged for r in results) == [False, True]
    assert query(db, "SELECT count(*) FROM loads WHERE kind = 'cases'") == [(1,)]


def test_a_twin_started_while_a_load_writes_waits_and_then_changes_nothing(db):
    content = CASES.encode()
    twins = []

    def start_twin(fraction: float, step: str) -> None:
        if step == "writing" and not twins:
            twins.append(ThreadPoolExecutor(max_workers=1).submit(load_file, "cases", content, "twin.csv", db=db))
            time.sleep(0.5)  # the twin is waiting for the write connection now

    first = load_file("cases", content, "cases.csv", db=db, progress=start_twin)
    twin = twins[0].result(timeout=60)
    assert first.load_id is not None and twin.unchanged and twin.load_id is None
    assert query(db, "SELECT file_name FROM loads WHERE kind = 'cases'") == [("cases.csv",)]


@pytest.mark.slow
def test_a_revert_started_during_a_load_waits_and_keeps_the_references_valid(db):
    communities = load_file("communities", COMMUNITIES.encode(), "communities.csv", db=db)
    reverts = []

    def start_revert(fraction: float, step: str) -> None:
        if step == "validating" and not reverts:
            reverts.append(ThreadPoolExecutor(max_workers=1).submit(revert, communities.load_id, db=db, force=True))
            time.sleep(0.5)  # the revert is waiting for the write connection now

    load_file("cases", csv("2025Q1,1002,,D1,physical,woman,2,"), "cases.csv", db=db, progress=start_revert)
    with pytest.raises(InputRejected, match=r"would leave 1 current case row\(s\).*\(D1\)"):
        reverts[0].result(timeout=60)  # the new rows name D1, so its register stays
    assert query(db, "SELECT status FROM loads WHERE load_id = ?".replace("?", str(communities.load_id))) == [
        ("active",)
    ]
