"""``python -m etl export pilot-evaluation``: the pilot evaluation as one JSON object, or a readable summary.

It reads the snapshot: the evaluation the publish step wrote for the latest
quarter, or, for another quarter, the same computation
(:mod:`etl.publish.pilot_evaluation`) run on the snapshot's own protected
community cells and register, so it can reveal nothing the snapshot does not.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from pathlib import Path

import pandas as pd

from etl.export import NoData

__all__ = ["NoData", "evaluation_json", "run", "summary_text", "write"]

UNITS = {
    "reported": "cases per 100,000 residents per quarter",
    "referral": "percentage points of reported cases referred",
}


def _value(value):
    """A JSON value: None for a missing number, plain Python types otherwise."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    return value.item() if hasattr(value, "item") else value


def _block(row: pd.Series, events: pd.DataFrame) -> dict:
    mine = events[events["outcome"] == row["outcome"]].sort_values("relative_quarter")
    return {
        "n_pilots": int(row["n_pilots"]),
        "n_comparison": int(row["n_comparison"]),
        "rate_ratio": _value(row["rate_ratio"]),
        "rate_ratio_ci": [_value(row["rate_ratio_low"]), _value(row["rate_ratio_high"])],
        "difference": _value(row["difference"]),
        "difference_ci": [_value(row["difference_low"]), _value(row["difference_high"])],
        "difference_unit": UNITS[row["outcome"]],
        "p_randomization": _value(row["p_randomization"]),
        "mde": _value(row["mde"]),
        "enough": bool(row["enough"]),
        "enough_reason": row["reason_en"],
        "event_study": [
            {k: _value(e[k]) for k in ("relative_quarter", "estimate", "ci_low", "ci_high")}
            for e in mine.to_dict("records")
        ],
    }


def _tables(published: Path, quarter: str, comparison: str) -> tuple[dict[str, pd.DataFrame], bool]:
    """The evaluation's tables for ``quarter``: as published, or computed from the snapshot's cells."""
    from db import read

    if quarter in read.pilot_evaluation_quarters(published):
        return read.pilot_evaluation(published, quarter, comparison), True
    if quarter not in read.loaded_quarters(published):
        raise NoData(quarter)
    from etl.publish.pilot_evaluation import counts_of, evaluation_tables

    register = read.community_register(published)
    counts = counts_of(read.community_cells(published), read.meta(published).hidden_estimate)
    tables = evaluation_tables(counts, register, [quarter], comparisons=(comparison,))
    names = register[["community_id", "name_th", "name_en", "dist_code", "district_th", "district_en"]]
    tables["pilot_compared"] = tables["pilot_compared"].merge(names, on="community_id", how="left")
    return {name: frame.drop(columns=["end_quarter", "comparison"]) for name, frame in tables.items()}, False


def evaluation_json(published: str | os.PathLike, quarter: str, comparison: str = "all") -> dict:
    """The pilot evaluation up to ``quarter`` against ``comparison`` as one JSON-ready object.

    Every field is present; estimates are None where they cannot be computed
    and ``enough_reason`` says why. ``referral`` holds the same fields for the
    referral rate. ``compared`` lists the pilots and comparison communities,
    and those left out with why (``role``).
    """
    tables, precomputed = _tables(Path(published), quarter, comparison)
    evaluation, events = tables["pilot_evaluation"], tables["pilot_event_study"]
    reported = evaluation[evaluation["outcome"] == "reported"].iloc[0]
    referral = evaluation[evaluation["outcome"] == "referral"].iloc[0]
    compared = tables["pilot_compared"].sort_values(["role", "community_id"])
    columns = ["community_id", "name_th", "name_en", "dist_code", "role", "start", "distance_m"]
    return {
        "quarter": quarter,
        "comparison": comparison,
        "published": precomputed,
        "spillover_m": _value(reported["spillover_m"]),
        "n_permutations": int(reported["n_permutations"]),
        **_block(reported, events),
        "referral": _block(referral, events),
        "compared": [{k: _value(row[k]) for k in columns} for row in compared.to_dict("records")],
    }


def _interval(low, high, digits: int) -> str:
    return "n/a" if low is None else f"{low:.{digits}f} to {high:.{digits}f}"


def _number(value, digits: int) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def summary_text(result: dict) -> str:
    """A readable summary of :func:`evaluation_json`'s object, in English."""
    lines = [
        f"Pilot evaluation up to {result['quarter']}, comparison group: {result['comparison']} "
        f"({result['n_pilots']} pilots, {result['n_comparison']} comparison communities; communities within "
        f"{result['spillover_m']:.0f} m of a pilot left out).",
    ]
    for title, block in (("Reported cases", result), ("Referral rate", result["referral"])):
        lines += [
            "",
            f"{title}: {'enough data' if block['enough'] else 'NOT ENOUGH DATA'}. {block['enough_reason']}",
            f"  rate ratio {_number(block['rate_ratio'], 2)} (95 % CI {_interval(*block['rate_ratio_ci'], 2)})",
            f"  difference {_number(block['difference'], 1)} {block['difference_unit']} "
            f"(95 % CI {_interval(*block['difference_ci'], 1)})",
            f"  randomization p {_number(block['p_randomization'], 3)} ({result['n_permutations']} relabellings); "
            f"minimum detectable rate ratio {_number(block['mde'], 2)} (80 % power, 5 % two-sided)",
            "  event study (rate ratio against the quarter before the start; -4 to -2 check parallel trends):",
        ]
        for entry in block["event_study"]:
            interval = _interval(entry["ci_low"], entry["ci_high"], 2) if entry["ci_low"] is not None else "reference"
            lines.append(f"    {entry['relative_quarter']:+d}: {_number(entry['estimate'], 2)} ({interval})")
    roles = pd.Series([c["role"] for c in result["compared"]]).value_counts()
    lines += ["", "Communities: " + ", ".join(f"{role} {n}" for role, n in roles.items())]
    return "\n".join(lines)


def write(result: dict, as_json: bool, out: str | os.PathLike | None) -> str | None:
    """The JSON or the summary, written to ``out`` (returned as text when ``out`` is None)."""
    text = json.dumps(result, ensure_ascii=False, indent=2) if as_json else summary_text(result)
    if out is None:
        return text
    Path(out).write_text(text + "\n", encoding="utf-8")
    return None


def run(args: argparse.Namespace) -> int:
    """The command: exit 0 written, 2 an option that does not apply (:class:`etl.export.NoData` and a
    missing snapshot propagate, for the caller to say)."""
    from db.snapshot import published_path

    wrong = [
        option
        for option, given in (
            ("--window", args.window != "4q"),
            ("--format", args.format),
            ("--from", args.quarter_from),
            ("--no-suppress", args.no_suppress),
        )
        if given
    ]
    if wrong:
        print(
            f"Usage error: {', '.join(wrong)} does not apply to pilot-evaluation, which is computed from published "
            "cells only (options: --quarter, --comparison, --json, --out).",
            file=sys.stderr,
        )
        return 2
    # A missing snapshot or a quarter without data is said by the caller (etl.cli), as for every export.
    result = evaluation_json(published_path(args.db, args.published), args.quarter, args.comparison or "all")
    if not result["published"]:
        print(
            "Computed from the snapshot's protected cells: the publish step precomputes only the latest quarter.",
            file=sys.stderr,
        )
    text = write(result, args.json, args.out)
    if text is not None:
        print(text)
    else:
        print(f"Wrote the pilot evaluation to {Path(args.out).resolve()}", file=sys.stderr)
    return 0
