"""``python -m etl``: build, load and inspect the warehouse from the command line.

Exit codes: 0 done (warnings are printed but do not reject), 1 input
rejected (nothing written), 2 usage error, 3 environment not ready
(reference files missing, database busy or not built, no snapshot), 4 the
change was written but publishing failed (viewers still see the previous figures).

A load imports no Streamlit, geopandas or spatial statistics (cases files
need none of them), so the command starts quickly; publishing afterwards
does import the statistics.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from core import settings
from core.quarters import describe, in_bangkok
from db.connect import DatabaseBusy, DatabaseMissing, db_path
from etl.load import KINDS, LoadResult, load_path
from etl.problems import EnvironmentNotReady, InputRejected, Problem
from etl.quarter_text import parse_quarter_text

__all__ = ["main"]

PUBLISH_FAILED = 4  # the warehouse changed, the snapshot did not
INTERNAL_ERROR = 70  # EX_SOFTWARE: not one of the documented outcomes
SHOWN_PROBLEMS = 50  # the rest are counted, and all are in --json
SHOWN_DIFF = 200  # quarter-district lines of the difference; all are in --json


def _quarter(text: str) -> str:
    """An argparse type: a quarter in any spelling uploads accept, as its calendar key."""
    quarter = parse_quarter_text(text)
    if quarter is None:
        raise argparse.ArgumentTypeError(
            f"not a quarter: {text!r} (write it as in an upload, e.g. 2025Q2, FY2568Q3 or ไตรมาส 2/2568)"
        )
    return quarter


def _parser() -> argparse.ArgumentParser:
    db_option = argparse.ArgumentParser(add_help=False)
    db_option.add_argument("--db", help="database file (default: $SAFESPACE_DB or data/safespace.duckdb)")
    published_option = argparse.ArgumentParser(add_help=False)
    published_option.add_argument(
        "--published", help="published snapshot (default: $SAFESPACE_PUBLISHED, or the database's name + .published)"
    )
    both = [db_option, published_option]
    parser = argparse.ArgumentParser(
        prog="python -m etl", description="Build, load and inspect the safe-space warehouse."
    )
    commands = parser.add_subparsers(dest="command", required=True)
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
    return parser


def _print_problems(title: str, problems: list[Problem], out=sys.stdout, total: int | None = None) -> None:
    """The first problems; ``total`` counts them all (beyond etl.problems.MAX_PROBLEMS only counted)."""
    if not problems:
        return
    listed = [p for p in problems if p.code != "file.more_problems"]
    total = len(listed) if total is None else total
    print(f"{title} ({total:,}):", file=out)
    for problem in listed[:SHOWN_PROBLEMS]:
        print(f"  - {problem}", file=out)
    if total > SHOWN_PROBLEMS:
        more = "use --json for the list" if total == len(listed) else f"--json lists the first {len(listed):,}"
        print(f"  … and {total - SHOWN_PROBLEMS:,} more ({more})", file=out)


def _progress_printer():
    """Progress on stderr for a person at a terminal, as lines for the Upload page; silent in pipes and CI logs."""
    if settings.progress_lines():  # one "PROGRESS <fraction> <step>" line per step, for the Upload page
        return lambda fraction, message: print(f"PROGRESS {fraction:.3f} {message}", file=sys.stderr, flush=True)
    if not sys.stderr.isatty():
        return lambda fraction, message: None

    def show(fraction: float, message: str) -> None:
        end = "\n" if fraction >= 1 else ""
        print(f"\r[{fraction:4.0%}] {message:<12}", end=end, file=sys.stderr, flush=True)

    return show


def _report(result: LoadResult) -> None:
    if result.unchanged:
        print(f"{result.file_name} is identical to a file already loaded; nothing changed.")
    elif result.dry_run:
        print(f"Dry run: {result.file_name} is valid (rows: {result.rows}); nothing was written.")
    else:
        print(f"Loaded {result.file_name} as load {result.load_id} ({result.kind}, rows: {result.rows}).")
    if result.quarters:
        print("Quarters (check that none is read one off):")
        for quarter in result.quarters:
            print(f"  {describe(quarter)}")
    if result.diff_rows and not result.unchanged:
        rows = result.diff_rows
        print(f"Difference per quarter and district (cases reported; {len(rows):,} quarter-districts):")
        print(_table(rows[:SHOWN_DIFF]))
        if len(rows) > SHOWN_DIFF:
            print(f"  … and {len(rows) - SHOWN_DIFF:,} more (use --json for all)")
    _print_problems("Warnings", result.warnings)


def _table(rows: list[dict]) -> str:
    """Rows of equal keys as a plain text table, numbers right-aligned (without pandas, for a light CLI)."""
    columns = list(rows[0])
    cells = [[f"{row[c]:,}" if isinstance(row[c], int) else str(row[c]) for c in columns] for row in rows]
    widths = [max(len(c), *(len(line[i]) for line in cells)) for i, c in enumerate(columns)]
    numeric = [isinstance(rows[0][c], int) for c in columns]
    lines = [[c.rjust(w) if n else c.ljust(w) for c, w, n in zip(columns, widths, numeric, strict=True)]]
    for line in cells:
        lines.append([v.rjust(w) if n else v.ljust(w) for v, w, n in zip(line, widths, numeric, strict=True)])
    return "\n".join("  ".join(line).rstrip() for line in lines)


HISTORY_WIDTH = 100  # a terminal's columns
# (heading, width, right-aligned); the file name takes what is left
HISTORY_COLUMNS = (
    ("id", 4, True),
    ("kind", 11, False),
    ("status", 8, False),
    ("rows", 9, True),
    ("loaded (Bangkok)", 16, False),
    ("by", 11, False),
    ("quarters", 13, False),
)


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal: Thai vowel and tone marks take none, wide characters two."""
    return sum(
        0 if unicodedata.category(c) in {"Mn", "Me", "Cf"} else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


def _fit(text: str, width: int, right: bool = False) -> str:
    """``text`` cut with "…" to ``width`` terminal columns and padded to exactly that.

    >>> _fit("ชุมชนวัดสวัสดิ์", 6) + "|", _fit("12", 4, right=True)
    ('ชุมชนวั…|', '  12')
    """
    if _width(text) > width:
        cut = ""
        for char in text:
            if _width(cut + char) > width - 1:
                break
            cut += char
        text = cut + "…"
    pad = " " * (width - _width(text))
    return pad + text if right else text + pad


def _quarter_span(quarters: str | None) -> str:
    """'2024Q3,2024Q4,2025Q1' -> '2024Q3–2025Q1' (the first and the last)."""
    keys = sorted(q for q in (quarters or "").split(",") if q)
    return f"{keys[0]}–{keys[-1]}" if len(keys) > 1 else "".join(keys)


def history_lines(db, width: int = HISTORY_WIDTH) -> list[str]:
    """The load history as lines of at most ``width`` terminal columns, oldest first, times in Bangkok."""
    from db.connect import connect

    with connect(db, read_only=True) as con:
        loads = con.execute(
            "SELECT load_id, kind, status, rows, loaded_at, loaded_by, quarters, file_name FROM loads ORDER BY load_id"
        ).fetchall()
    if not loads:
        return ["No loads yet."]
    file_width = width - sum(w + 1 for _, w, _ in HISTORY_COLUMNS)
    columns = (*HISTORY_COLUMNS, ("file", file_width, False))
    lines = [" ".join(_fit(heading, w, right) for heading, w, right in columns).rstrip()]
    for load_id, kind, status, rows, loaded_at, loaded_by, quarters, file_name in loads:
        local = in_bangkok(loaded_at).strftime("%Y-%m-%d %H:%M")
        cells = (str(load_id), kind, status, f"{rows:,}", local, loaded_by, _quarter_span(quarters), file_name or "")
        lines.append(" ".join(_fit(c, w, right) for c, (_, w, right) in zip(cells, columns, strict=True)).rstrip())
    return lines


def _history(db) -> None:
    print("\n".join(history_lines(db)))


def _hash_password() -> int:
    """Ask twice at a terminal; read one line from a pipe (for scripts)."""
    from core.passwords import hash_password

    if sys.stdin.isatty():
        password = getpass.getpass("Analyst password: ")
        if getpass.getpass("Again: ") != password:
            print("The two entries differ; nothing printed.", file=sys.stderr)
            return 1
    else:
        password = sys.stdin.readline().rstrip("\n")
    if len(password) < 12:
        print("Use at least 12 characters.", file=sys.stderr)
        return 1
    print(hash_password(password))
    print(
        'Put this line in .streamlit/secrets.toml as [safespace] analyst_password_hash = "..." '
        "or in the environment as SAFESPACE_ANALYST_PASSWORD_HASH.",
        file=sys.stderr,
    )
    return 0


class _Exit(Exception):
    """Stop the command with this exit code; what went wrong has been printed."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


@contextmanager
def _published(quarter: str, window: str | None = None) -> Iterator[None]:
    """For commands that write a file from published figures: a missing snapshot (exit 3) or a quarter
    without data (exit 1) ends in a sentence saying what to do."""
    from db.read import SnapshotMissing, SnapshotNotReady
    from etl.export import NoData

    try:
        yield
    except (SnapshotMissing, SnapshotNotReady) as exc:
        print(f"Not ready: no readable published figures at {exc}. Run `python -m etl publish` first.", file=sys.stderr)
        raise _Exit(3) from exc
    except NoData as exc:
        period = describe(quarter) + (f" ({window})" if window else "")
        print(
            f"No data for {period}: nothing was written. Check the quarter, or load its cases first.", file=sys.stderr
        )
        raise _Exit(1) from exc


def _export(args: argparse.Namespace) -> int:
    from etl.export import export_district_summary

    if args.table == "pilot-evaluation":
        from etl.pilot_export import run

        with _published(args.quarter):
            return run(args)
    if args.quarter_from is not None and not args.no_suppress:
        print(
            "Usage error: --from is allowed only with --no-suppress; published windows are --window 1q, 4q or "
            "fytd (arbitrary published windows could be differenced to reveal small counts).",
            file=sys.stderr,
        )
        return 2
    if args.quarter_from is not None and args.quarter_from > args.quarter:  # keys sort as text
        print(f"Usage error: --from {args.quarter_from} is after --quarter {args.quarter}.", file=sys.stderr)
        return 2
    with _published(args.quarter, args.window):
        path = export_district_summary(
            args.quarter,
            args.window,
            out=args.out,
            fmt=args.format,
            published=args.published,
            db=args.db,
            suppress=not args.no_suppress,
            quarter_from=args.quarter_from,
        )
    if args.no_suppress:
        print(
            "Warning: --no-suppress: this file contains counts from 1 to 4 that can identify people. "
            "Keep it to analysts with database access; do not publish or share it.",
            file=sys.stderr,
        )
    print(f"Wrote the district summary to {path.resolve()}")
    return 0


def _briefing(args: argparse.Namespace) -> int:
    """Write the briefing PDF; a window without data or a missing snapshot says what to do."""
    import time

    from etl.briefing import write_briefing

    started = time.perf_counter()
    with _published(args.quarter, args.window):
        path = write_briefing(args.quarter, args.window, args.lang, out=args.out, published=args.published, db=args.db)
    print(f"Wrote the briefing to {path.resolve()} in {time.perf_counter() - started:.1f} s")
    return 0


def _publish(args: argparse.Namespace, out=sys.stdout) -> int:
    """Publish the warehouse to its snapshot; say how long it took, or why it failed."""
    from etl.publish import PublishFailed, publish

    try:
        result = publish(args.db, args.published, progress=_progress_printer(), full=getattr(args, "full", False))
    except PublishFailed as exc:
        print(
            f"Publishing failed ({exc}). Viewers still see the previous published figures. "
            "Fix the cause, then run `python -m etl publish`.",
            file=sys.stderr,
        )
        return PUBLISH_FAILED
    print(
        f"Published {result.quarters} quarters ({result.windows} windows, {result.recomputed} recomputed, the others "
        f"unchanged) to {result.path} in {result.seconds:.1f} s.",
        file=out,
    )
    return 0


def _run(args: argparse.Namespace) -> int:
    if args.command == "init":
        from etl.reference import init

        init(db=args.db)
        print(f"Database ready at {db_path(args.db)}: boundaries and population loaded.")
    elif args.command == "demo":
        from etl.demo import build

        seed = {} if args.seed is None else {"seed": args.seed}
        build(db=args.db, out_dir=args.out, force=args.force, **seed)
        print(
            f"Demo database built at {db_path(args.db)}: real communities and service points, synthetic case "
            "counts, safe spaces, shelters, crisis centres and NGOs."
        )
        return _publish(args)
    elif args.command == "load":
        try:
            result = load_path(
                args.kind,
                args.file,
                db=args.db,
                dry_run=args.dry_run,
                loaded_by=args.by,
                progress=_progress_printer(),
            )
        except InputRejected as exc:
            if args.json:
                print(
                    json.dumps(
                        {"errors": [p.as_dict() for p in exc.problems], "total": exc.total, "rejected": True},
                        ensure_ascii=False,
                    )
                )
            else:
                print(exc, file=sys.stderr)
                _print_problems("Errors", exc.problems, out=sys.stderr, total=exc.total)
            return 1
        if args.json:
            print(json.dumps(result.as_dict(), ensure_ascii=False, default=str))
        else:
            _report(result)
        if not (args.dry_run or result.unchanged or args.no_publish):
            return _publish(args, out=sys.stderr if args.json else sys.stdout)
    elif args.command in ("revert", "restore"):
        from etl.revert import restore, revert

        try:
            if args.command == "revert":
                done = revert(args.load_id, db=args.db, reverted_by=args.by, force=args.force)
            else:
                done = restore(args.load_id, db=args.db)
        except InputRejected as exc:
            if args.json:
                print(json.dumps({"errors": [p.as_dict() for p in exc.problems], "rejected": True}, ensure_ascii=False))
            else:
                print(exc, file=sys.stderr)
            return 1
        if args.json:
            print(json.dumps({"outcome": done.as_dict()}, ensure_ascii=False, default=str))
        else:
            print(done.text())
        return _publish(args, out=sys.stderr if args.json else sys.stdout)
    elif args.command == "publish":
        return _publish(args)
    elif args.command == "history":
        _history(args.db)
    elif args.command == "hash-password":
        return _hash_password()
    elif args.command == "export":
        return _export(args)
    elif args.command == "plan":
        from etl.plan import run

        return run(args)
    elif args.command == "briefing":
        return _briefing(args)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except _Exit as exc:
        return exc.code
    except (EnvironmentNotReady, DatabaseBusy, DatabaseMissing) as exc:
        print(f"Not ready: {exc}", file=sys.stderr)
        return 3
    except FileNotFoundError as exc:
        print(f"File not found: {exc.filename}. Check the path.", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head`: stop quietly
        return 0
    except Exception as exc:  # a bug, not the user's doing: one line, details on request
        if settings.debug():
            raise
        print(
            f"Internal error ({type(exc).__name__}: {exc}). Loads are all-or-nothing, so nothing was half-written. "
            "Run again with SAFESPACE_DEBUG=1 for the details and report them.",
            file=sys.stderr,
        )
        return INTERNAL_ERROR
