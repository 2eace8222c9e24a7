"""The command line's arguments: every ``python -m etl`` command and its options."""

from __future__ import annotations

import argparse

from etl.load import KINDS
from etl.quarter_text import parse_quarter_text

__all__ = ["parser"]


def _quarter(text: str) -> str:
    """An argparse type: a quarter in any spelling uploads accept, as its calendar key."""
    quarter = parse_quarter_text(text)
    if quarter is None:
        raise argparse.ArgumentTypeError(
            f"not a quarter: {text!r} (write it as in an upload, e.g. 2025Q2, FY2568Q3 or ไตรมาส 2/2568)"
        )
    return quarter


def parser() -> argparse.ArgumentParser:
    """The parser of ``python -m etl`` and its commands (the README's synopsis is checked against it)."""
    db_option = argparse.ArgumentParser(add_help=False)
    db_option.add_argument("--db", help="database file (default: $SAFESPACE_DB or data/safespace.duckdb)")
    published_option = argparse.ArgumentParser(add_help=False)
    published_option.add_argument(
        "--published", help="published snapshot (default: $SAFESPACE_PUBLISHED, or the database's name + .published)"
    )
    both = [db_option, published_option]
    top = argparse.ArgumentParser(prog="python -m etl", description="Build, load and inspect the safe-space warehouse.")
    commands = top.add_subparsers(dest="command", required=True)
    commands.add_parser("init", parents=[db_option], help="create the schema and load the real boundaries")
    demo = commands.add_parser("demo", parents=both, help="rebuild the database with synthetic demo data, publish it")
    demo.add_argument("--out", help="folder for the demo CSV files (default: data/demo)")
    demo.add_argument("--seed", type=int, help="random seed (default: fixed)")
    demo.add_argument("--force", action="store_true", help="replace a database that holds uploaded data")
    load = commands.add_parser("load", parents=both, help="validate and load a file, then publish")
    load.add_argument("kind", choices=list(KINDS))
    load.add_argument("file")
    load.add_argument("--dry-run", action="store_true", help="validate and show the difference; write nothing")
    load.add_argument("--json", action="store_true", help="print a machine-readable summary")
    load.add_argument("--no-publish", action="store_true", help="load only (for batches: publish once at the end)")
    load.add_argument("--by", help="who to record as loading the file (default: the operating-system user)")
    revert = commands.add_parser(
        "revert", parents=both, help="revert a load and publish: its earlier version, if any, is in force again"
    )
    revert.add_argument("load_id", type=int)
    revert.add_argument(
        "--force", action="store_true", help="also when the load is the first version of some data (it is removed)"
    )
    restore = commands.add_parser("restore", parents=both, help="undo a revert and publish: the load counts again")
    restore.add_argument("load_id", type=int)
    for undoing in (revert, restore):
        undoing.add_argument("--json", action="store_true", help="print a machine-readable summary")
        undoing.add_argument("--by", help="who to record as reverting (default: the operating-system user)")
    commands.add_parser("history", parents=[db_option], help="list the loads (times in Bangkok)")
    republish = commands.add_parser(
        "publish", parents=both, help="compute and protect every published figure into the snapshot"
    )
    republish.add_argument(
        "--all", dest="full", action="store_true", help="recompute every window, not only those whose inputs changed"
    )
    commands.add_parser("hash-password", help="print a salted hash of the analyst password for the settings")
    export = commands.add_parser("export", parents=both, help="write a published table to a CSV or Excel file")
    export.add_argument("table", choices=["district-summary", "pilot-evaluation"])
    export.add_argument("--quarter", required=True, type=_quarter, help="last quarter of the window, e.g. 2025Q2")
    export.add_argument(
        "--window", choices=["1q", "4q", "fytd"], default="4q", help="the quarter, 4 quarters, or fiscal year to date"
    )
    export.add_argument(
        "--from",
        dest="quarter_from",
        metavar="QUARTER",
        type=_quarter,
        help="first quarter of an arbitrary window (only with --no-suppress)",
    )
    export.add_argument("--out", help="file to write (default: district_summary_<quarter>_<window>.csv here)")
    export.add_argument("--format", choices=["csv", "xlsx"], help="default: from --out's extension, else csv")
    export.add_argument(
        "--comparison", choices=["all", "same-district", "matched"], help="pilot-evaluation: comparison group (all)"
    )
    export.add_argument("--json", action="store_true", help="pilot-evaluation: one JSON object, not a summary")
    export.add_argument(
        "--no-suppress",
        action="store_true",
        help="compute from the true counts in the database (analysts only; never publish the file)",
    )
    plan = commands.add_parser("plan", parents=both, help="recommend new safe-space sites (a scenario, not data)")
    plan.add_argument("what", choices=["sites"])
    plan.add_argument("--k", type=int, required=True, help="how many new sites")
    plan.add_argument("--radius", type=float, help="catchment in metres, 200-20000 (default: the published one)")
    plan.add_argument("--candidates", default="communities", help="communities|health-centres|district-offices|all")
    plan.add_argument("--model", default="mclp", help="mclp (maximal covering, default) or p-median")
    plan.add_argument("--time-limit", type=float, default=60.0, help="seconds the solver may take (default 60)")
    plan.add_argument("--json", action="store_true", help="print one JSON object with the inputs and the result")
    plan.add_argument("--out", help="also write that JSON object to this file")
    plan.add_argument("--lang", choices=["en", "th"], default="en", help="language of the text and the names")
    briefing = commands.add_parser(
        "briefing", parents=both, help="write the quarterly briefing for executives (PDF) from published figures"
    )
    briefing.add_argument("--quarter", required=True, type=_quarter, help="last quarter of the window, e.g. 2025Q2")
    briefing.add_argument(
        "--window", choices=["1q", "4q", "fytd"], default="4q", help="the quarter, 4 quarters, or fiscal year to date"
    )
    briefing.add_argument("--lang", choices=["th", "en"], default="th", help="Thai (default) or English")
    briefing.add_argument("--out", help="file to write (default: briefing_<quarter>_<window>_<lang>.pdf here)")
    return top
