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
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from core import settings
from core.quarters import describe
from db.connect import DatabaseBusy, DatabaseMissing, db_path
from etl.arguments import parser
from etl.history import history_lines
from etl.load import LoadResult, load_path
from etl.problems import EnvironmentNotReady, InputRejected, Problem
from etl.terminal import table

__all__ = ["main"]

PUBLISH_FAILED = 4  # the warehouse changed, the snapshot did not
INTERNAL_ERROR = 70  # EX_SOFTWARE: not one of the documented outcomes
SHOWN_PROBLEMS = 50  # the rest are counted, and all are in --json
SHOWN_DIFF = 200  # quarter-district lines of the difference; all are in --json


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
        print(table(rows[:SHOWN_DIFF]))
        if len(rows) > SHOWN_DIFF:
            print(f"  … and {len(rows) - SHOWN_DIFF:,} more (use --json for all)")
    _print_problems("Warnings", result.warnings)


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
        print("\n".join(history_lines(args.db)))
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
    args = parser().parse_args(argv)
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
