"""Another process holding the database: loads wait briefly, then say what holds the file."""

import os
import subprocess
import sys

from tests.conftest import table_checksums

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
