"""`python -m etl` as an analyst runs it: real files, exit codes, what it prints.

The commands run in-process through ``etl.cli.main`` (what ``python -m etl``
calls); one test starts the real process, another checks a load's imports in one.
"""

import json
import subprocess
import sys

import pytest

from tests.helpers import ROOT, etl, query, table_checksums

GOOD = "quarter,dist_code,violence_type,victim_group,cases_reported,cases_referred\n2025Q2,1002,physical,woman,7,5\n"
BAD = "quarter,dist_code,violence_type,victim_group,cases_reported,cases_referred\n2025Q2,1002,physical,woman,7,9\n"


@pytest.mark.slow
def test_load_json_summary_and_history(db, tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text(GOOD)
    done = etl("load", "cases", str(path), "--db", str(db), "--json")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["rows"] == 1 and summary["quarters"] == ["2025Q2"] and summary["load_id"]
    history = etl("history", "--db", str(db))
    assert "cases.csv" in history.stdout


def test_rejected_file_exits_1_with_row_level_errors_and_writes_nothing(db, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(BAD)
    before = table_checksums(db)
    done = etl("load", "cases", str(path), "--db", str(db), "--json")
    assert done.returncode == 1
    (error,) = json.loads(done.stdout)["errors"]
    assert (error["row"], error["column"], error["value"]) == (2, "cases_referred", "9")
    assert table_checksums(db) == before
    human = etl("load", "cases", str(path), "--db", str(db))
    assert "row 2" in human.stderr and "Traceback" not in human.stderr


@pytest.mark.slow
def test_dry_run_exits_0_and_writes_nothing(db, tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text(GOOD)
    before = table_checksums(db)
    done = etl("load", "cases", str(path), "--db", str(db), "--dry-run")
    assert done.returncode == 0 and "Dry run" in done.stdout
    assert table_checksums(db) == before


def test_usage_error_exits_2():
    assert etl("load", "parcels", "x.csv").returncode == 2


def test_environment_not_ready_exits_3_with_what_to_do(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "SAFESPACE_GEO_DIR": str(tmp_path / "nowhere")}
    done = etl("init", "--db", str(tmp_path / "x.duckdb"), env=env)
    assert done.returncode == 3
    assert "bkk_districts.geojson" in done.stderr and "SAFESPACE_GEO_DIR" in done.stderr
    missing = etl("history", "--db", str(tmp_path / "absent.duckdb"))
    assert missing.returncode == 3 and "python -m etl demo" in missing.stderr


@pytest.mark.slow
def test_the_real_process_exits_with_the_documented_code_and_says_why(tmp_path):
    """``python -m etl`` as a process: the entry point passes main's exit code and messages through."""
    absent = tmp_path / "absent.duckdb"
    done = subprocess.run(
        [sys.executable, "-m", "etl", "history", "--db", str(absent)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 3 and "python -m etl demo" in done.stderr and "Traceback" not in done.stderr
    assert not absent.exists()


@pytest.mark.slow
def test_hash_password_prints_a_hash_that_verifies():
    from core.passwords import verify_password

    done = etl("hash-password", input="a-long-analyst-password\n")
    assert done.returncode == 0
    assert verify_password("a-long-analyst-password", done.stdout.strip())
    assert not verify_password("another-password", done.stdout.strip())
    short = etl("hash-password", input="short\n")
    assert short.returncode == 1 and "12 characters" in short.stderr


def test_dry_run_names_each_quarter_with_its_months_in_both_conventions(db, tmp_path):
    path = tmp_path / "fiscal.csv"
    path.write_text("quarter,dist_code,violence_type,cases_reported\nFY2568Q1,1002,physical,7\n")
    done = etl("load", "cases", str(path), "--db", str(db), "--dry-run")
    assert "2024Q4 = Oct–Dec 2024 = Q1 FY2025 = ไตรมาส 1 ปีงบประมาณ 2568 (ต.ค.–ธ.ค. 2567)" in done.stdout


@pytest.mark.slow
def test_history_fits_100_columns_with_bangkok_times(db, tmp_path):
    from datetime import UTC
    from zoneinfo import ZoneInfo

    from etl.terminal import columns

    path = tmp_path / ("ข้อมูลผู้ถูกกระทำความรุนแรงในครอบครัว_รายไตรมาส_" + "x" * 60 + ".csv")
    path.write_text(GOOD.replace("2025Q2", "2024Q3") + "2025Q2,1003,other,man,1,\n")
    assert etl("load", "cases", str(path), "--db", str(db)).returncode == 0
    done = etl("history", "--db", str(db))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert all(columns(line) <= 100 for line in lines), [(columns(line), line) for line in lines]
    assert lines[0].split()[:5] == ["id", "kind", "status", "rows", "loaded"] and "(Bangkok)" in lines[0]
    loaded_at = query(db, "SELECT max(loaded_at) FROM loads")[0][0]
    bangkok = loaded_at.replace(tzinfo=UTC).astimezone(ZoneInfo("Asia/Bangkok")).strftime("%Y-%m-%d %H:%M")
    assert bangkok in lines[-1] and "2024Q3–2025Q2" in lines[-1] and "ข้อมูลผู้ถูก" in lines[-1]
    assert lines[-1].endswith("…")


def test_quarter_months_in_the_cli_match_the_pages():
    from core.quarters import describe, window
    from ui.periods import quarter_label

    for quarter in window("2030Q4", 124):
        calendar = quarter_label(quarter, "en", style="calendar").split(" (")[0]
        fiscal = quarter_label(quarter, "en", style="fiscal").split(" (")[0]
        thai = quarter_label(quarter, "th", style="fiscal")
        assert describe(quarter) == f"{quarter} = {calendar} = {fiscal} = {thai}"


@pytest.mark.slow
def test_a_cases_load_imports_no_streamlit_geopandas_pandas_or_spatial_statistics(db, tmp_path):
    """The load itself (validation and write) stays light; publishing afterwards needs the statistics."""
    path = tmp_path / "cases.csv"
    path.write_text(GOOD)
    heavy = ("streamlit", "geopandas", "shapely", "esda", "libpysal", "pyproj", "pandas")
    code = (
        "import sys; from etl.cli import main; "
        f"code = main(['load', 'cases', {str(path)!r}, '--db', {str(db)!r}, '--no-publish']); "
        f"print(code, [m for m in {heavy!r} if m in sys.modules])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip().splitlines()[-1] == "0 []", done.stdout + done.stderr
