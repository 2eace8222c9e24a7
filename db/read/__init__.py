"""The read side: every figure a viewer sees, read from the published snapshot.

The snapshot (:mod:`db.snapshot`) holds only protected figures, written by
the publish step (:mod:`etl.publish`); nothing here computes a statistic or
opens the warehouse. Each function takes the snapshot's path first, reads an
in-memory copy of its current version and returns a new frame. Counts come
with their display text: ``"<5"`` where hidden, missing where there is no
data.

Call sites use the package (``from db import read; read.kpis(...)``); its
modules have one job each:

- :mod:`db.read.source`: the copy per version, readiness, meta, load history;
- :mod:`db.read.counts`: display texts of protected counts;
- :mod:`db.read.places`: boundaries, residents, services and communities;
- :mod:`db.read.figures`: figures by window (``span`` ``1q``, ``4q`` or ``fytd`` ending with ``end``);
- :mod:`db.read.pilots`: the pilots' trend, before and after, and evaluation.
"""

from __future__ import annotations

from db.read.counts import display
from db.read.figures import (
    BREAKDOWNS,
    Kpis,
    attention,
    breakdown,
    class_breaks,
    completeness,
    district_summary,
    district_trend,
    kpis,
    loaded_quarters,
    quarterly_totals,
    smoothed_rates,
)
from db.read.pilots import (
    PILOT_EVALUATION_TABLES,
    pilot_evaluation,
    pilot_evaluation_quarters,
    pilot_table,
    pilot_trend,
)
from db.read.places import (
    community_cells,
    community_points,
    community_register,
    context_districts,
    context_lines,
    demand_points,
    district_layer,
    district_names,
    health_centre_areas,
    service_points,
    subdistrict_layer,
)
from db.read.source import (
    Meta,
    SnapshotMissing,
    SnapshotNotReady,
    check_ready,
    load_history,
    meta,
    publish_status,
    version,
)

__all__ = [
    "BREAKDOWNS",
    "PILOT_EVALUATION_TABLES",
    "Kpis",
    "Meta",
    "SnapshotMissing",
    "SnapshotNotReady",
    "attention",
    "breakdown",
    "check_ready",
    "class_breaks",
    "community_cells",
    "community_points",
    "community_register",
    "completeness",
    "context_districts",
    "context_lines",
    "demand_points",
    "display",
    "district_layer",
    "district_names",
    "district_summary",
    "district_trend",
    "health_centre_areas",
    "kpis",
    "load_history",
    "loaded_quarters",
    "meta",
    "pilot_evaluation",
    "pilot_evaluation_quarters",
    "pilot_table",
    "pilot_trend",
    "publish_status",
    "quarterly_totals",
    "service_points",
    "smoothed_rates",
    "subdistrict_layer",
    "version",
]
