"""``python -m bench``: measure, print the table, write ``bench/results/<timestamp>.json``.

Everything is generated in a temporary folder and deleted afterwards; the
repository's own database is not touched. Progress goes to stderr, the
table to stdout.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from bench.browser import paint_measures, paint_times
from bench.etl_speed import load_measures, load_seconds
from bench.generate import cases_file, next_quarter_file, read_reference, scale_files
from bench.harness import navigation_pages
from bench.machine import describe, summary
from bench.national import national_measures
from bench.pages import first_run_seconds, missing_pages, page_measures, time_pages
from bench.planning import planning_measures
from bench.report import RESULTS, Measure, table, write_json
from etl.demo import build
from etl.publish import publish
from etl.reference import init

__all__ = ["main"]

MILLION = 1_000_000
# After a quarterly file; a full republish (``publish --all``) of the ten-year set may take 5 minutes.
PUBLISH_TARGET_S = {"demo": 10.0, "10 years, 2,000 communities": 60.0}
FULL_TARGET_S = {"demo": None, "10 years, 2,000 communities": 300.0}


def _step(message: str) -> None:
    print(f"… {message}", file=sys.stderr, flush=True)


def _pages(section: str, db: Path, pages: list[str], runs: int, browser: bool, work: Path) -> list[Measure]:
    """AppTest timings and payloads of every page on ``db``, then paint times in Chromium."""
    _step(f"{section}: {len(pages)} page(s) with AppTest, {runs} cold and warm runs each")
    timings = time_pages(db, pages, runs)
    first = (Path(pages[0]).stem, first_run_seconds(db, pages[0]))
    measures = page_measures(section, timings, first)
    if browser:
        with_maps = [timing.page for timing in timings if timing.map_bytes]
        _step(f"{section}: time to a painted map in Chromium, {len(with_maps)} page(s)")
        measures += paint_measures(f"{section}, browser", paint_times(db, with_maps, work / "streamlit.log"))
    return measures


def _publish(section: str, db: Path, scale: str, work: Path) -> list[Measure]:
    """A full publish of ``db`` (every window), then a publish after loading its next quarter's file."""
    _step(f"{section}: publishing {scale}, every window")
    full = publish(db, full=True)
    _step(f"{section}: loading the next quarter's file of {scale}, then publishing")
    load_seconds("cases", next_quarter_file(db, work / "next_quarter.csv"), db)
    after = publish(db)
    return [
        Measure(section, f"full publish {scale}: {full.windows} windows", full.seconds, "s", FULL_TARGET_S[scale]),
        Measure(
            section,
            f"publish {scale} after a quarterly file: {after.recomputed} of {after.windows} windows recomputed",
            after.seconds,
            "s",
            PUBLISH_TARGET_S[scale],
        ),
    ]


def _scale(reference: Path, work: Path, runs: int) -> tuple[list[Measure], Path]:
    """Load the ten-year set: register files once, the cases file ``runs`` times; the loaded database."""
    section = "ETL (10 years, 2,000 communities, 500 services)"
    files = scale_files(work / "scale", read_reference(reference))
    registers = Path(shutil.copy(reference, work / "scale_registers.duckdb"))
    measures = [
        Measure(section, "load 2,000 communities", load_seconds("communities", files["communities"], registers), "s"),
        Measure(section, "load 500 services", load_seconds("services", files["services"], registers), "s"),
    ]
    measures += load_measures(section, files["cases"], registers, work, runs)
    loaded = Path(shutil.copy(registers, work / "scale.duckdb"))
    load_seconds("cases", files["cases"], loaded)
    return measures, loaded


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per figure; medians are reported (default 5)")
    parser.add_argument("--skip-browser", action="store_true", help="no Chromium timings")
    parser.add_argument("--skip-scale", action="store_true", help="only the million rows and the demo pages")
    parser.add_argument("--out", type=Path, default=RESULTS, help=f"folder for the JSON (default {RESULTS})")
    args = parser.parse_args(argv)

    machine = describe()
    print(summary(machine), file=sys.stderr)
    pages = navigation_pages()
    if missing := missing_pages(pages):
        print(f"dashboard.py lists pages that do not exist: {', '.join(missing)}", file=sys.stderr)
        return 1
    measures: list[Measure] = []
    with tempfile.TemporaryDirectory(prefix="safespace-bench-") as folder:
        work = Path(folder)
        reference = work / "reference.duckdb"
        init(db=reference, loaded_by="benchmark")

        _step("ETL: a generated file of 1,000,000 case rows")
        million = cases_file(work / "cases_1m.csv", MILLION, read_reference(reference))
        measures += load_measures("ETL", million, reference, work, args.runs)
        million.unlink()

        _step("building the demo database")
        demo = work / "demo.duckdb"
        build(db=demo, out_dir=work / "demo")
        measures += _publish("Publish", demo, "demo", work)
        measures += _pages("Pages (demo)", demo, pages, args.runs, not args.skip_browser, work)
        _step("planning: 10 new sites over the demo's communities, each model")
        measures += planning_measures(demo, args.runs)

        if not args.skip_scale:
            _step("ETL: ten years, 2,000 communities, 500 services")
            scale_measures, scale = _scale(reference, work, args.runs)
            measures += scale_measures
            measures += _publish("Publish", scale, "10 years, 2,000 communities", work)
            measures += _pages("Pages (10 years)", scale, pages, args.runs, not args.skip_browser, work)
            _step("spatial statistics on 928 synthetic districts")
            measures += national_measures(args.runs)

    print(f"Machine: {summary(machine)}")
    print(table(measures))
    path = write_json(measures, machine, args.out)
    print(f"\nWritten to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
