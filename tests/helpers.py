"""Helpers shared by the tests: files on disk, the command line in-process, published figures by hand, pages.

Fixtures live in ``conftest.py``; everything a test module imports lives
here, so no test module imports another.

Published figures are worked out by hand from a snapshot's protected cells,
restating the rules of :mod:`etl.publish.disclosure` in plain arithmetic and
never computed with the publish code: a window's count is the sum of its
protected cells, a hidden cell counting as 2.5; the sum is published rounded
half up to a multiple of 5, or hidden ("<5") when it is below 5 and holds a
hidden cell. Cells are read from the snapshot's ``area_cells`` (quarter ×
district × community) and ``category_cells`` (quarter × violence type ×
victim group, Bangkok only).
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetState

from db.connect import connect
from db.snapshot import published_path

__all__ = [
    "CASES_HEADER",
    "COMMUNITIES",
    "DASHBOARD",
    "HAS_FILE",
    "HIDDEN_AS",
    "ROOT",
    "Published",
    "area_sum",
    "attention_items",
    "breakdown_sums",
    "chart_rows",
    "click",
    "copy_with_snapshot",
    "csv",
    "deck",
    "etl",
    "features",
    "html_markdown",
    "latest_quarter",
    "layer",
    "load",
    "no_failures",
    "page_url",
    "picture_colours",
    "published",
    "query",
    "rejected",
    "row",
    "snapshot_of",
    "table_checksums",
    "texts",
]

ROOT = Path(__file__).resolve().parent.parent
DASHBOARD = ROOT / "dashboard.py"

# --- files on disk ---------------------------------------------------------------------------


def copy_with_snapshot(template: Path, target: Path) -> Path:
    """Copy a warehouse and its published snapshot; the copy's snapshot sits beside it under the copy's name."""
    shutil.copy(template, target)
    shutil.copy(published_path(template), published_path(target))
    return target


def table_checksums(path: Path) -> dict[str, tuple]:
    """Row count and an order-independent hash of every table: equal means unchanged.

    Each row is hashed as the struct of all its columns (faster than hashing its text by several times on the
    boundary tables' geometry; any changed value changes the row's hash)."""
    with duckdb.connect(str(path), read_only=True) as con:
        tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()]
        return {
            t: con.execute(f"SELECT count(*), coalesce(sum(hash(t)), 0) FROM {t} AS t").fetchall()[0] for t in tables
        }


def query(db, sql: str, params: list | None = None) -> list[tuple]:
    """Rows of ``sql`` on the DuckDB file ``db``, opened read-only."""
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def latest_quarter(db: Path) -> str:
    """The latest quarter with case data in force in the warehouse ``db`` (waiting while a server writes)."""
    with connect(db, read_only=True) as con:
        return con.execute("SELECT max(quarter) FROM current_case_counts").fetchall()[0][0]


CASES_HEADER = "quarter,dist_code,subdist_code,community_id,violence_type,victim_group,cases_reported,cases_referred"
COMMUNITIES = (
    "community_id,name_th,name_en,lat,lon,pilot,pilot_start,location_note\n"
    "TK,ชุมชนไทยเกรียง,Thai Kriang community,13.61977,100.53975,true,2024Q1,approximate\n"
    "D1,ชุมชนดุสิต,Dusit community,13.7770,100.5130,false,,\n"
)


def csv(*lines: str, header: str = CASES_HEADER) -> bytes:
    """A CSV file's bytes: ``header`` and ``lines``."""
    return ("\n".join([header, *lines]) + "\n").encode()


def load(db, kind: str, content: bytes | str, **options):
    """Load a file's content as an analyst's upload of ``kind``."""
    from etl.load import load_file

    data = content.encode() if isinstance(content, str) else content
    return load_file(kind, data, f"{kind}.csv", db=db, loaded_by="tests", **options)


def rejected(db, kind: str, content: bytes | str) -> list:
    """The problems of a file that must be rejected; the database must be left as it was."""
    from etl.problems import InputRejected

    before = table_checksums(db)
    with pytest.raises(InputRejected) as caught:
        load(db, kind, content)
    assert table_checksums(db) == before, "a rejected file must leave the database as it was"
    return caught.value.problems


def row(frame, code: str):
    """A district's row of a published table."""
    return frame.set_index("dist_code").loc[code]


# --- the command line, in-process ---------------------------------------------------------------


@contextlib.contextmanager
def _environment(env: Mapping[str, str] | None) -> Iterator[None]:
    """Run with exactly ``env`` as the environment (unchanged when None), restored afterwards."""
    if env is None:
        yield
        return
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def etl(
    *args: str, cwd: Path | None = None, env: Mapping[str, str] | None = None, input: str = ""
) -> subprocess.CompletedProcess:
    """``python -m etl *args`` as an analyst runs it, in this process: exit code, standard output and error.

    ``etl.cli.main`` is the whole command (``python -m etl`` only calls it), so
    running it here checks the same outcomes without a 2-4 s interpreter start.
    ``env`` replaces the environment for the run; ``input`` is standard input.
    """
    from etl.cli import main

    out, err = io.StringIO(), io.StringIO()
    stdin = io.StringIO(input)
    with (
        _environment(env),
        contextlib.chdir(cwd or ROOT),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        saved, sys.stdin = sys.stdin, stdin
        try:
            code = main(list(args))
        except SystemExit as exit_:  # argparse's usage errors and --help
            code = exit_.code if isinstance(exit_.code, int) else 2
        finally:
            sys.stdin = saved
    return subprocess.CompletedProcess(["python", "-m", "etl", *args], code, out.getvalue(), err.getvalue())


# --- published figures, by hand --------------------------------------------------------------------

HIDDEN_AS, THRESHOLD, BASE = 2.5, 5, 5  # the default rules: a hidden cell counts 2.5; "<5"; multiples of 5


def snapshot_of(db) -> Path:
    """The published snapshot beside the warehouse ``db``."""
    return published_path(db)


@dataclass(frozen=True)
class Published:
    """A published sum of protected cells: its estimate, the number shown (None where hidden or without
    cells) and its text ("<5", "0", "1,235"; None without cells)."""

    estimate: float | None
    value: float | None
    text: str | None


def published(values: list[float | None], hidden: list[bool]) -> Published:
    """The published sum of protected cells (``values``: the shown cells, anything where hidden)."""
    if not values:
        return Published(None, None, None)
    estimate = sum(HIDDEN_AS if h else v for v, h in zip(values, hidden, strict=True))
    if any(hidden) and estimate < THRESHOLD:
        return Published(estimate, None, f"<{THRESHOLD}")
    value = math.floor(estimate / BASE + 0.5) * BASE
    return Published(estimate, value, f"{value:,}")


def _cells(db, sql: str, params: list) -> tuple[list, list]:
    rows = query(snapshot_of(db), sql, params)
    return [r[0] for r in rows], [bool(r[1]) for r in rows]


def area_sum(db, quarters: list[str], dist_code: str | None = None) -> Published:
    """Reported cases over ``quarters`` in one district, or in Bangkok (its 50 districts) without ``dist_code``."""
    where = "dist_code = ?" if dist_code else "dist_code IN (SELECT dist_code FROM districts)"
    sql = f"SELECT cases_reported, cases_reported_hidden FROM area_cells WHERE list_contains(?, quarter) AND {where}"
    return published(*_cells(db, sql, [quarters, dist_code] if dist_code else [quarters]))


def breakdown_sums(db, by: str, quarters: list[str]) -> dict[str, Published]:
    """Bangkok's reported cases over ``quarters`` by ``violence_type`` or ``victim_group``, for each code with cells."""
    assert by in ("violence_type", "victim_group")
    codes = [
        code
        for (code,) in query(
            snapshot_of(db),
            f"SELECT DISTINCT {by} FROM category_cells WHERE list_contains(?, quarter) ORDER BY 1",
            [quarters],
        )
    ]
    sql = (
        f"SELECT cases_reported, cases_reported_hidden FROM category_cells WHERE list_contains(?, quarter) AND {by} = ?"
    )
    return {code: published(*_cells(db, sql, [quarters, code])) for code in codes}


# --- what a page shows (Streamlit's AppTest) ------------------------------------------------------

TEXT_KINDS = ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success")


def texts(app) -> str:
    """Every text element the page shows (titles, headers, markdown, captions, notices), one per line."""
    return "\n".join(str(e.value) for kind in TEXT_KINDS for e in app.get(kind))


def html_markdown(app) -> str:
    """Everything the page renders as HTML (markdown with HTML allowed)."""
    return "\n".join(m.value for m in app.markdown if m.proto.allow_html)


class ListItems(HTMLParser):
    """The items of an HTML list as a browser shows them: (number, bold text, whole text, tags inside)."""

    def __init__(self, source: str) -> None:
        super().__init__()
        self.items: list[dict] = []
        self._bold = False
        self.feed(source)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "li":
            self.items.append({"value": int(dict(attrs)["value"]), "bold": "", "text": "", "tags": []})
        elif self.items:
            self.items[-1]["tags"].append(tag)
            self._bold = tag == "strong"

    def handle_endtag(self, tag: str) -> None:
        self._bold = self._bold and tag != "strong"

    def handle_data(self, data: str) -> None:
        if self.items:
            self.items[-1]["text"] += data
            self.items[-1]["bold"] += data if self._bold else ""


def attention_items(app) -> list[dict]:
    """The districts to watch as the page lists them (an HTML list)."""
    (listing,) = [m.value for m in app.markdown if m.proto.allow_html and m.value.startswith("<ol>")]
    return ListItems(listing).items


def deck(app) -> dict:
    """The page's one pydeck map, as its JSON specification."""
    (chart,) = app.get("deck_gl_json_chart")
    return json.loads(chart.proto.json)


def layer(spec: dict, kind: str) -> dict:
    """The one layer of type ``kind`` (``GeoJsonLayer``, ``ScatterplotLayer``...) of a map specification."""
    (found,) = [item for item in spec["layers"] if item["@@type"] == kind]
    return found


def features(app) -> dict[str, dict]:
    """The district map's properties, by district code."""
    return {f["properties"]["dist_code"]: f["properties"] for f in layer(deck(app), "GeoJsonLayer")["data"]["features"]}


def chart_rows(app, charts: slice = slice(None)):
    """The rows of every dataset behind the page's Altair charts (or those of ``charts``, in page order), as one
    data frame."""
    import pandas as pd
    import pyarrow as pa

    frames = [
        pa.ipc.open_stream(dataset.data.data).read_pandas()
        for chart in app.get("vega_lite_chart")[charts]
        for dataset in chart.proto.datasets
    ]
    return pd.concat(frames, ignore_index=True)


# By hand from the cases fixture (tests/conftest.py): quarters 2024Q2-2025Q2 hold rows for 1001 in all five,
# 1002 and 1005 in 2025Q2, 1003 in 2025Q1 (a row of zero cases: still a file), 1004 in 2024Q3 and 2025Q2;
# 1104 is outside Bangkok. Every other district has no file for any quarter.
HAS_FILE = {("1001", q) for q in ("2024Q2", "2024Q3", "2024Q4", "2025Q1", "2025Q2")} | {
    ("1002", "2025Q2"),
    ("1003", "2025Q1"),
    ("1004", "2024Q3"),
    ("1004", "2025Q2"),
    ("1005", "2025Q2"),
}


def click(app, feature: int):
    """Click the ``feature``-th district of the page's map, as the browser reports it (its selection state)."""
    (chart,) = app.get("deck_gl_json_chart")
    states = app._tree.get_widget_states()
    selection = {"selection": {"indices": {"districts": [feature]}, "objects": {}}}
    states.widgets.append(WidgetState(id=chart.proto.id, string_value=json.dumps(selection)))
    return app._run(states)


def picture_colours(png: bytes) -> set[tuple[int, int, int]]:
    """The colours of a map picture, once it is checked to be a PNG of print width."""
    from PIL import Image

    picture = Image.open(io.BytesIO(png))
    assert picture.format == "PNG" and picture.width > 1000
    return {colour for _, colour in picture.convert("RGB").getcolors(maxcolors=1 << 20)}


def page_url(site_pages: dict[str, str], title: str) -> str:
    """The address of the page whose English title matches ``title`` (a regular expression, any case) in the
    ``site_pages`` fixture; skip when it is not built yet."""
    for name, url in site_pages.items():
        if re.search(title, name, re.IGNORECASE):
            return url
    pytest.skip(f"page not built yet: no navigation link matching {title!r} in {sorted(site_pages)}")


def no_failures(page) -> None:
    """No exception box and no error message on a browser page (``playwright.sync_api.Page``)."""
    from playwright.sync_api import expect

    from bench.onscreen import FAILURES

    expect(page.locator(FAILURES)).to_have_count(0)
