"""``python -m etl plan sites``: where the next safe spaces could go, from the published figures only.

The inputs are the snapshot's demand points (every resident, as the coverage
measure counts them), its communities (the default candidates), its open
service points and the published smoothed rate of each district (need), read
through :mod:`db.read`; no true count is involved, so the planner page can run
the same code in the server. The models are in :mod:`geo.siting`. Every
output says it is a scenario, not data. The JSON holds what is needed to
recompute the result: demand points with their weights, existing safe spaces,
candidates, the chosen sites and the covered weight before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from db import read
from db.snapshot import published_path
from etl.messages import Term, render
from geo.planning import PlanError, PlanProblem, candidate_sites, demand_points, plan_problem, site_report
from geo.siting import TIME_LIMIT_S, Plan, solve

__all__ = ["Recommendation", "as_json", "recommend", "report_lines", "run"]

SPAN = "4q"  # the window the pages show by default
SAFE_SPACE = "safe_space"


@dataclass(frozen=True)
class Recommendation:
    """A solved scenario with the published context it was computed from."""

    problem: PlanProblem
    plan: Plan
    sites: pd.DataFrame  # geo.planning.site_report of the chosen sites
    greedy_sites: pd.DataFrame
    candidate_set: str
    span: str
    end: str
    districts: pd.DataFrame  # dist_code, name_th, name_en, gap, need_class


def residents(published) -> pd.DataFrame:
    """Every resident as a point, as the coverage measure counts them (the snapshot's demand points), each with an
    id: its kind (a community's residents, or the rest of a sub-district's) and its row."""
    points = read.demand_points(published)
    return points.assign(demand_id=[f"{kind}-{row}" for row, kind in enumerate(points["kind"], start=1)])


def recommend(
    published: str | os.PathLike,
    k: int,
    *,
    radius_m: float | None = None,
    candidates: str = "communities",
    model: str = "mclp",
    span: str = SPAN,
    end: str | None = None,
    time_limit_s: float = TIME_LIMIT_S,
) -> Recommendation:
    """Choose ``k`` new sites for the window ``span`` ending ``end`` (default: the latest published quarter).

    ``radius_m`` defaults to the published catchment of the coverage measure.

    Raises
    ------
    geo.planning.PlanError
        Bad input, no published quarter, or a solver that gave no plan.
    db.read.SnapshotMissing
        No snapshot at ``published``.
    """
    quarters = read.loaded_quarters(published)
    if not quarters:
        raise PlanError("plan.no_window")
    end = end or quarters[-1]
    radius = read.meta(published).catchment_m if radius_m is None else float(radius_m)
    summary = read.district_summary(published, span, end).set_index("dist_code")
    communities, services = read.community_points(published), read.service_points(published, span, end)
    problem = plan_problem(
        demand_points(residents(published), summary["eb_rate_per_100k"]),
        services[services["service_type"] == SAFE_SPACE],
        candidate_sites(candidates, communities, services, summary.index),
        radius,
    )
    plan = solve(problem, k, model, time_limit_s)
    gaps = summary.index[summary["gap"].fillna(False).astype(bool)]
    districts = summary[["name_th", "name_en", "gap", "need_class"]].reset_index()
    return Recommendation(
        problem,
        plan,
        site_report(problem, plan.chosen, gaps),
        site_report(problem, plan.greedy, gaps),
        candidates,
        span,
        end,
        districts,
    )


def _name(frame: pd.DataFrame, lang: str, prefix: str = "name_") -> pd.Series:
    """The name in ``lang``, the Thai one where there is no English."""
    thai = frame[f"{prefix}th"].fillna("")
    return thai if lang == "th" else frame[f"{prefix}en"].fillna("").where(frame[f"{prefix}en"].notna(), thai)


def _points(frame: pd.DataFrame, columns: dict[str, str]) -> list[dict]:
    return [{out: _plain(row[source]) for out, source in columns.items()} for _, row in frame.iterrows()]


def _plain(value):
    """A JSON-ready scalar: numpy numbers as Python numbers, tuples as lists."""
    if isinstance(value, tuple):
        return list(value)
    return value.item() if hasattr(value, "item") else value


def as_json(rec: Recommendation, lang: str = "en") -> dict:
    """One object: the inputs and the result, in need-weighted residents (``weight``)."""
    problem, plan = rec.problem, rec.plan
    sites = rec.sites.assign(name=_name(rec.sites, lang))
    site_columns = {c: c for c in ("site_id", "name", "kind", "lat", "lon", "dist_code")}
    site_columns |= {"residents_new": "residents_new", "weight_new": "weight_new", "gap_districts": "gap_districts"}
    return {
        "scenario": True,
        "model": plan.model,
        "k": plan.k,
        "radius_m": problem.radius_m,
        "candidate_set": rec.candidate_set,
        "window": {"span": rec.span, "end": rec.end},
        "weight_unit": "residents weighted by their district's published smoothed rate over Bangkok's mean",
        "demand": _points(
            problem.demand,
            {"id": "demand_id", "lat": "lat", "lon": "lon", "residents": "residents", "weight": "weight"},
        ),
        "existing": _points(problem.existing, {"site_id": "service_id", "lat": "lat", "lon": "lon"}),
        "candidates": _points(problem.candidates, {"site_id": "site_id", "lat": "lat", "lon": "lon"}),
        "sites": _points(sites, site_columns),
        "covered_before": plan.covered_before,
        "covered_after": plan.covered_after,
        "residents_before": plan.residents_before,
        "residents_after": plan.residents_after,
        "residents_total": float(problem.demand["residents"].sum()),
        "mean_distance_before_m": plan.mean_distance_before_m,
        "mean_distance_after_m": plan.mean_distance_after_m,
        "greedy": {"sites": rec.greedy_sites["site_id"].tolist(), "covered_after": plan.greedy_after},
        "seconds": round(plan.seconds, 3),
    }


def _whole(value: float) -> str:
    return f"{value:,.0f}"


def report_lines(rec: Recommendation, lang: str = "en") -> list[str]:
    """The scenario as text for a terminal: what was asked, what it adds, and each site."""
    plan, problem = rec.plan, rec.problem
    model = Term("plan.model_mclp") if plan.model == "mclp" else Term("plan.model_p_median")
    names = rec.districts.set_index("dist_code")
    district = _name(names, lang)
    lines = [
        render(
            "plan.scenario",
            lang,
            k=plan.k,
            model=model,
            radius=_whole(problem.radius_m),
            n=f"{len(problem.candidates):,}",
            candidates=rec.candidate_set,
            existing=len(problem.existing),
            window=f"{rec.span} {rec.end}",
        ),
        render(
            "plan.covered",
            lang,
            before=_whole(plan.covered_before),
            after=_whole(plan.covered_after),
            gain=_whole(plan.covered_after - plan.covered_before),
            greedy=_whole(plan.greedy_after),
        ),
        render(
            "plan.residents",
            lang,
            before=_whole(plan.residents_before),
            after=_whole(plan.residents_after),
            gain=_whole(plan.residents_after - plan.residents_before),
            total=_whole(problem.demand["residents"].sum()),
        ),
        render(
            "plan.distance",
            lang,
            before=_whole(plan.mean_distance_before_m),
            after=_whole(plan.mean_distance_after_m),
        ),
        "",
        " | ".join(["#", *render("plan.columns", lang).split("|")]),
    ]
    for at, site in enumerate(rec.sites.assign(name=_name(rec.sites, lang)).itertuples(), start=1):
        gaps = ", ".join(district.get(code, code) for code in site.gap_districts) or "–"
        cells = [str(at), site.site_id, site.name, district.get(site.dist_code, site.dist_code)]
        lines.append(" | ".join([*cells, _whole(site.residents_new), gaps]))
    lines += ["", render("plan.limits", lang), render("plan.solved", lang, seconds=f"{plan.seconds:.1f}")]
    return lines


def run(args: argparse.Namespace) -> int:
    """The CLI command: 0 done, 1 bad input or no plan, 3 no snapshot."""
    lang = args.lang
    published = published_path(args.db, args.published)
    try:
        rec = recommend(
            published,
            args.k,
            radius_m=args.radius,
            candidates=args.candidates,
            model=args.model,
            time_limit_s=args.time_limit,
        )
    except PlanError as exc:
        print(render(exc.code, lang, **exc.params), file=sys.stderr)
        return 1
    except (read.SnapshotMissing, read.SnapshotNotReady):
        print(f"Not ready: no published figures at {published}. Run `python -m etl publish` first.", file=sys.stderr)
        return 3
    document = as_json(rec, lang)
    if args.out:
        Path(args.out).write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.json:
        print(json.dumps(document, ensure_ascii=False))
    else:
        print("\n".join(report_lines(rec, lang)))
        if args.out:
            print(render("plan.wrote", lang, path=Path(args.out).resolve()))
    return 0
