"""Site recommendation on the demo: N = 10 new safe spaces over the 2,016 communities, for each model."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from bench.report import Measure
from db.snapshot import published_path
from etl.plan import recommend
from geo.siting import MODELS

__all__ = ["planning_measures"]

SECTION = "Planning (demo)"
K = 10
TARGET_S = 10.0


def planning_measures(db: Path, runs: int) -> list[Measure]:
    """Median seconds of ``etl.plan.recommend`` (read the snapshot, build, solve, compare with greedy).

    The first MCLP in a process also imports spopt (about 3 s); it is one of the runs.
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
        note = f"first run {seconds[0]:.1f} s (imports)" if model == "mclp" else ""
        measures.append(Measure(SECTION, name, statistics.median(seconds), "s", TARGET_S, note=note))
    return measures
