"""Site recommendation on the demo: N = 10 new safe spaces over the 2,016 communities, for each model; and the
what-if update: a scenario's coverage and gaps recomputed, and the Planning page's rerun after an edit."""

from __future__ import annotations

import logging
import os
import statistics
import sys
import time
from pathlib import Path

from bench.report import Measure
from db import read
from db.snapshot import published_path
from etl.plan import recommend
from geo.scenario import Edit, coverage_of, evaluate
from geo.siting import MODELS

__all__ = ["planning_measures", "whatif_measures"]

SECTION = "Planning (demo)"
K = 10
TARGET_S = 10.0
WHATIF_TARGET_S = 1.0  # a planner's edit to the before/after maps
PAGE = "pages/planning.py"


def _edits(run: int) -> list[Edit]:
    """A scenario a planner might try, a little different on each run (nothing cached between runs)."""
    east = 100.80 + 0.001 * run
    return [
        Edit("add", "B1", lon=east, lat=13.75, capacity=30),
        Edit("add", "B2", lon=100.60, lat=13.90 + 0.001 * run, capacity=30),
        Edit("move", "S0002", lon=100.70, lat=13.70),
        Edit("capacity", "S0003", capacity=60),
        Edit("close", "S0001"),
    ]


def _page_update_seconds(db: Path, runs: int) -> list[float]:
    """The Planning page's rerun (AppTest, server time) after a new edit, its plan and published coverage cached."""
    from streamlit.testing.v1 import AppTest

    from bench.harness import DASHBOARD

    for name in ("streamlit.runtime.caching.cache_data_api", "streamlit.runtime.scriptrunner_utils.script_run_context"):
        logging.getLogger(name).disabled = True
    os.environ["SAFESPACE_DB"] = str(db)
    app = AppTest.from_file(str(DASHBOARD), default_timeout=300).switch_page(PAGE)
    app.run()  # the first run solves the plan and computes coverage as published
    seconds = []
    for run in range(runs):
        app.session_state["whatif_scenarios"] = {app.session_state["whatif_current"]: _edits(run)}
        start = time.perf_counter()
        app.run()
        seconds.append(time.perf_counter() - start)
        assert not app.exception, app.exception[0].value
    return seconds


def whatif_measures(db: Path, runs: int) -> list[Measure]:
    """Median seconds of a what-if update: :func:`geo.scenario.evaluate` of five edits (coverage as published
    computed once, as the page caches it), and the page's rerun with a new edit (maps, table and all)."""
    published = published_path(db)
    end = read.loaded_quarters(published)[-1]
    demand, services = read.demand_points(published), read.service_points(published, "4q", end)
    need = read.district_summary(published, "4q", end).set_index("dist_code")["need_prob"]
    before = coverage_of(demand, services, need)
    compute = []
    for run in range(runs):
        start = time.perf_counter()
        evaluate(demand, services, need, _edits(run), before)
        compute.append(time.perf_counter() - start)
    page = _page_update_seconds(db, runs)
    return [
        Measure(
            SECTION, "what-if: recompute coverage and gaps, 5 edits", statistics.median(compute), "s", WHATIF_TARGET_S
        ),
        Measure(SECTION, "what-if: Planning page rerun after an edit", statistics.median(page), "s", WHATIF_TARGET_S),
    ]


def planning_measures(db: Path, runs: int) -> list[Measure]:
    """Median seconds of ``etl.plan.recommend`` (read the snapshot, build, solve, compare with greedy), then the
    what-if update (:func:`whatif_measures`).

    The first MCLP in a process is one of the runs; its time is noted beside the median.
    """
    published = published_path(db)
    measures = []
    for model in MODELS:
        seconds = []
        for _ in range(runs):
            start = time.perf_counter()
            rec = recommend(published, K, model=model)
            seconds.append(time.perf_counter() - start)
        name = f"{model}, N = {K} over {len(rec.problem.candidates):,} candidates"
        note = f"first run {seconds[0]:.1f} s" if model == "mclp" else ""
        measures.append(Measure(SECTION, name, statistics.median(seconds), "s", TARGET_S, note=note))
    return measures + whatif_measures(db, runs)


if __name__ == "__main__":  # python -m bench.planning DB [RUNS]: the what-if figures alone
    for measure in whatif_measures(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 5):
        print(f"{measure.name}: {measure.value:.3f} {measure.unit} (target {measure.target} {measure.unit})")
