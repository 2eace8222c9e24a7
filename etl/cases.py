"""Cases files: anonymised counts per quarter x area x violence type x victim group.

Validated in DuckDB SQL over the file's Arrow table, without pandas: a
million rows are checked in a fraction of a second. Spellings with few
distinct values (quarters, district names, type words) are read once each
in Python (etl.quarter_text, etl.districts) and joined in as small tables.
Every check names the row (as a spreadsheet shows it: header = row 1), the
column, the cell and the fix, as the etl catalog (locale/) words it.
"""

from __future__ import annotations

import re

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from core.codes import VICTIM_GROUPS, VIOLENCE_TYPES
from core.translations import N_
from etl.choices import allowed
from etl.columns import Column
from etl.districts import DistrictNames
from etl.files import each_column
from etl.limits import INT_MAX, WHOLE_NUMBER, checked_bounds
from etl.problems import Problems
from etl.quarter_text import parse_quarter_text
from etl.typed import ROWS, Rows

__all__ = ["COLUMNS", "KEY", "check"]

COLUMNS = [
    Column("quarter", True, ("ไตรมาส",)),
    Column("dist_code", aliases=("รหัสเขต", "district_code")),
    Column("district", aliases=("เขต", "district_name", "ชื่อเขต")),
    Column("subdist_code", aliases=("รหัสแขวง", "subdistrict_code")),
    Column("community_id", aliases=("รหัสชุมชน",)),
    Column("violence_type", True, ("ประเภทความรุนแรง", "type")),
    Column("victim_group", aliases=("กลุ่มผู้ถูกกระทำ", "กลุ่มผู้เสียหาย", "group")),
    Column("cases_reported", True, ("จำนวนราย", "cases", "reported", "จำนวน")),
    Column("cases_referred", aliases=("ส่งต่อ", "referred", "จำนวนส่งต่อ")),
]
KEY = ["quarter", "dist_code", "subdist_code", "community_id", "violence_type", "victim_group"]

VIOLENCE_WORDS = {code: code for code in VIOLENCE_TYPES} | {
    "ร่างกาย": "physical",
    "ทางร่างกาย": "physical",
    "จิตใจ": "psychological",
    "ทางจิตใจ": "psychological",
    "ทางเพศ": "sexual",
    "ละเลยทอดทิ้ง": "neglect",
    "ทอดทิ้ง": "neglect",
    "อื่นๆ": "other",
    "อื่น ๆ": "other",
}
VICTIM_WORDS = {code: code for code in VICTIM_GROUPS} | {
    "เด็ก": "child",
    "ผู้หญิง": "woman",
    "สตรี": "woman",
    "ผู้ชาย": "man",
    "ผู้สูงอายุ": "elder",
    "ไม่ระบุ": "unknown",
}
WORD_TABLES = ("quarter_words", "district_words", "violence_words", "victim_words", "number_words")
_WORD_TYPES = {"empty": "BOOLEAN", "value": "BIGINT"}
SHOWN_PROBLEMS = 10_000  # etl.problems.MAX_PROBLEMS: the rest are only counted
BATCH_ROWS = 122_880
ROWS_NAMED = 10  # rows listed in a warning about a district name read as another spelling

# Every cell parsed, with the facts the checks need, one row per file row. Cells are parsed once per
# distinct spelling (a million rows hold few), in Python, and joined in as the *_words tables.
_PARSED = """
SELECT n.*,
    q.quarter_key,
    q.quarter_key IS NOT NULL AND (q.quarter_key < $first OR q.quarter_key > $current) AS quarter_out,
    named.code AS named_code,
    CASE WHEN n.dist_code <> '' THEN n.dist_code ELSE coalesce(named.code, '') END AS code,
    nullif(n.subdist_code, '') AS subdist,
    nullif(n.community_id, '') AS community,
    violence.code AS violence,
    victim.code AS victim,
    r.empty AS reported_empty, r.value AS reported,
    f.empty AS referred_empty, f.value AS referred,
    home.community_id IS NOT NULL AS community_known,
    home.dist_code AS home,
    sub.dist_code AS owner
FROM incoming n
LEFT JOIN quarter_words q ON q.text = n.quarter
LEFT JOIN district_words named ON named.text = n.district
LEFT JOIN violence_words violence ON violence.text = n.violence_type
LEFT JOIN victim_words victim ON victim.text = n.victim_group
LEFT JOIN number_words r ON r.text = n.cases_reported
LEFT JOIN number_words f ON f.text = n.cases_referred
LEFT JOIN current_communities home ON home.community_id = nullif(n.community_id, '')
LEFT JOIN subdistricts sub ON sub.subdist_code = nullif(n.subdist_code, '')
"""

# (code, column, value, condition): one problem per row where the condition holds. "victim.unknown" is
# no message: it reads as "choice.unknown" with the victim groups' words.
_CHECKS = [
    (N_("quarter.missing"), "quarter", "quarter", "quarter = ''"),
    (N_("quarter.bad"), "quarter", "quarter", "quarter <> '' AND quarter_key IS NULL"),
    (N_("quarter.too_early"), "quarter", "quarter", "quarter_key < $first"),
    (N_("quarter.future"), "quarter", "quarter", "quarter_key > $current"),
    (N_("district.unknown_name"), "district", "district", "district <> '' AND named_code IS NULL AND dist_code = ''"),
    (
        N_("district.name_code_clash"),
        "district",
        "district",
        "dist_code <> '' AND named_code IS NOT NULL AND dist_code <> named_code",
    ),
    (N_("district.missing"), "dist_code", "dist_code", "dist_code = '' AND district = ''"),
    (N_("choice.unknown"), "violence_type", "violence_type", "violence IS NULL"),
    ("victim.unknown", "victim_group", "victim_group", "victim IS NULL"),
    (N_("int.missing"), "cases_reported", "cases_reported", "reported_empty"),
    (N_("int.not_whole"), "cases_reported", "cases_reported", "NOT reported_empty AND reported IS NULL"),
    (N_("int.too_small"), "cases_reported", "cases_reported", "reported < 0"),
    (N_("int.too_large"), "cases_reported", "cases_reported", f"reported > {INT_MAX}"),
    (N_("int.not_whole"), "cases_referred", "cases_referred", "NOT referred_empty AND referred IS NULL"),
    (N_("int.too_small"), "cases_referred", "cases_referred", "referred < 0"),
    (N_("int.too_large"), "cases_referred", "cases_referred", f"referred > {INT_MAX}"),
    (N_("community.unknown"), "community_id", "community_id", "community IS NOT NULL AND NOT community_known"),
    (
        N_("community.other_district"),
        "dist_code",
        "code",
        "community IS NOT NULL AND home IS NOT NULL AND code <> '' AND code <> home",
    ),
    (
        N_("district.unknown_code"),
        "dist_code",
        "code",
        "code <> '' AND code NOT IN (SELECT dist_code FROM districts)"  # a community's own district is fine,
        " AND NOT coalesce(community IS NOT NULL AND code = home, false)"  # and another one is reported above
        " AND NOT coalesce(community IS NOT NULL AND home IS NOT NULL AND code <> home, false)",
    ),
    (N_("subdistrict.unknown"), "subdist_code", "subdist_code", "subdist IS NOT NULL AND owner IS NULL"),
    (N_("subdistrict.other_district"), "subdist_code", "subdist_code", "subdist IS NOT NULL AND owner <> code"),
    (
        N_("cases.referred_over"),
        "cases_referred",
        "cases_referred",
        f"referred > reported AND reported BETWEEN 0 AND {INT_MAX} AND referred BETWEEN 0 AND {INT_MAX}",
    ),
]

# Two rows with the same key: every later one names the first.
_DUPLICATE = N_("cases.duplicate")
_MESSAGE = {"victim.unknown": "choice.unknown"}  # a check's tag -> its message, where they differ
_DUPLICATES = f"""
SELECT row, '{_DUPLICATE}', 'quarter', NULL, first FROM (
    SELECT row, min(row) OVER key AS first, count(*) OVER key AS n FROM (
        SELECT row,
            CASE WHEN quarter_out THEN '' ELSE coalesce(quarter_key, '') END AS k1, code AS k2,
            coalesce(subdist, '') AS k3, coalesce(community, '') AS k4,
            coalesce(violence, '') AS k5, coalesce(victim, '') AS k6
        FROM parsed_cells
    ) WINDOW key AS (PARTITION BY k1, k2, k3, k4, k5, k6)
) WHERE n > 1 AND row > first
"""

# A valid file's rows as case_counts stores them, and whether any row has a problem (one pass).
_CHECKED = f"""
CREATE OR REPLACE TEMP TABLE {ROWS} AS
SELECT quarter_key AS quarter, code AS dist_code, subdist AS subdist_code, community AS community_id,
    violence AS violence_type, victim AS victim_group,
    CASE WHEN reported BETWEEN 0 AND {INT_MAX} THEN reported END::INTEGER AS cases_reported,
    CASE WHEN referred BETWEEN 0 AND {INT_MAX} THEN referred END::INTEGER AS cases_referred,
    {" OR ".join(f"({condition})" for *_, condition in _CHECKS)} AS problem,
    hash(quarter_key, code, subdist, community, violence, victim) AS key_hash
FROM ({_PARSED})
"""
# In one scan of the checked rows: how many have a problem; whether two may share a key (equal keys give
# equal hashes: no two equal hashes, no duplicates, else _DUPLICATES finds them); the quarters.
_SUMMARY = f"""
SELECT count(*) FILTER (WHERE problem), count(*) - count(DISTINCT key_hash), list(DISTINCT quarter ORDER BY quarter)
FROM {ROWS}
"""
STORED = [
    "quarter",
    "dist_code",
    "subdist_code",
    "community_id",
    "violence_type",
    "victim_group",
    "cases_reported",
    "cases_referred",
]


WORD_COLUMNS = ["district", "quarter", "violence_type", "victim_group", "cases_reported", "cases_referred"]


def _distinct(table: pa.Table) -> dict[str, list[str]]:
    """Each column's distinct cells (of the columns read through the *_words tables)."""
    found = each_column(pc.unique, [table.column(c) for c in WORD_COLUMNS])
    return {column: values.to_pylist() for column, values in zip(WORD_COLUMNS, found, strict=True)}


def _number(text: str) -> tuple[bool, int | None]:
    """(empty, value) of a count cell: thousands separators and spaces are fine, decimals and text are not."""
    clean = text.replace(",", "").replace(" ", "")
    return clean == "", int(clean) if re.fullmatch(WHOLE_NUMBER, clean, re.ASCII) else None


def _words(con: duckdb.DuckDBPyConnection, table: pa.Table) -> tuple[dict[str, str], dict[str, str]]:
    """Register every distinct spelling of the file's cells with what it means (the *_words tables);
    return the closest names for each unknown district name, and the district each name that is not
    written as a district's own name was read as."""
    rows = con.execute(
        "SELECT dist_code, name_th, name_en FROM districts UNION ALL "
        "SELECT dist_code, name_th, name_en FROM context_districts"
    ).fetchall()
    names = DistrictNames(rows)  # names outside Bangkok resolve too: a community there carries its own district
    distinct = _distinct(table)
    districts = sorted(d for d in distinct["district"] if d)
    codes = [names.code(d) for d in districts]
    quarters = sorted(distinct["quarter"])
    violence = sorted(distinct["violence_type"])
    victims = sorted(distinct["victim_group"])
    numbers = sorted(set(distinct["cases_reported"]) | set(distinct["cases_referred"]))
    parsed_numbers = [_number(n) for n in numbers]
    words = {
        "quarter_words": {"text": quarters, "quarter_key": [parse_quarter_text(q) for q in quarters]},
        "district_words": {"text": districts, "code": codes},
        "violence_words": {"text": violence, "code": [VIOLENCE_WORDS.get(v.lower()) for v in violence]},
        "victim_words": {"text": victims, "code": [VICTIM_WORDS.get(v.lower()) if v else "unknown" for v in victims]},
        "number_words": {
            "text": numbers,
            "empty": [empty for empty, _ in parsed_numbers],
            "value": [value for _, value in parsed_numbers],
        },
    }
    for name, columns in words.items():
        # Built by DuckDB from lists: making Arrow arrays of Python values would import pandas (see etl.guard).
        unnest = ", ".join(f"unnest(${i + 1}::{_WORD_TYPES.get(k, 'VARCHAR')}[]) AS {k}" for i, k in enumerate(columns))
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT {unnest}", list(columns.values()))
    unknown = [d for d, code in zip(districts, codes, strict=True) if code is None]
    hints = {d: "; ".join(names.suggest(d)) or "see the district list in the README" for d in unknown}
    return hints, {d: label for d in districts if (label := names.read_as(d)) is not None}


def _params(code: str, extra, hints: dict[str, str], value: str | None, first: str, current: str) -> dict:
    if code == "choice.unknown":
        return {"allowed": allowed(VIOLENCE_WORDS)}
    if code == "victim.unknown":
        return {"allowed": allowed(VICTIM_WORDS)}
    if code == "int.too_small":
        return {"minimum": 0}
    if code == "int.too_large":
        return {"maximum": f"{INT_MAX:,}"}
    if code in ("quarter.too_early", "quarter.future"):
        return {"quarter": parse_quarter_text(value), "first": first, "current": current}
    if code == "district.unknown_name":
        return {"hint": hints[value]}
    if code == _DUPLICATE:
        return {"first": extra}
    return {}


def _row_numbers(count: int) -> pa.Array:
    """Each row's number as a spreadsheet shows it (the header is row 1).

    From numpy's buffer: ``pa.array(numbers)`` would make pyarrow import pandas (see etl.columns.empty_text).
    """
    return pa.Array.from_buffers(pa.int64(), count, [None, pa.py_buffer(np.arange(2, count + 2, dtype=np.int64))])


def check(table: pa.Table, con: duckdb.DuckDBPyConnection) -> tuple[Rows | None, Problems, Problems]:
    """Check a cases table (canonical headers, text cells); leave the rows to store in ``con`` as ROWS
    (etl.typed), typed as ``case_counts``."""
    first, current = checked_bounds()
    bounds = {"first": first, "current": current}
    problems, warnings = Problems(), Problems()
    # Batches of DuckDB's row-group size let its threads share the scan (a CSV block is too coarse).
    batches = table.append_column("row", _row_numbers(table.num_rows)).to_batches(max_chunksize=BATCH_ROWS)
    con.register("incoming", pa.Table.from_batches(batches))
    try:
        hints, read_as = _words(con, table)
        _say_read_as(con, read_as, warnings)
        con.execute(_CHECKED, bounds)
        bad, maybe_repeated, quarters = con.execute(_SUMMARY).fetchall()[0]
        if bad or maybe_repeated:
            _find_problems(con, problems, hints, first, current)
        if problems:
            con.execute(f"DROP TABLE {ROWS}")
            return None, problems, warnings
        return Rows(STORED, table.num_rows, quarters), problems, warnings
    finally:
        con.execute("DROP TABLE IF EXISTS parsed_cells")
        con.unregister("incoming")
        for name in WORD_TABLES:
            con.execute(f"DROP TABLE IF EXISTS {name}")


def _say_read_as(con: duckdb.DuckDBPyConnection, read_as: dict[str, str], warnings: Problems) -> None:
    """A warning for each district name read as another spelling ("Dusitt" as Dusit), at its first row,
    naming its rows (the first :data:`ROWS_NAMED`) and how many there are."""
    if not read_as:
        return
    sql = f"""
        WITH hits AS (
            SELECT district, row, count(*) OVER (PARTITION BY district) AS n,
                   row_number() OVER (PARTITION BY district ORDER BY row) AS k
            FROM incoming WHERE list_contains(?, district)
        )
        SELECT district, n, list(row ORDER BY row) FROM hits WHERE k <= {ROWS_NAMED} GROUP BY ALL ORDER BY min(row)
    """
    for name, n, rows in con.execute(sql, [list(read_as)]).fetchall():
        listed = ", ".join(map(str, rows)) + (", …" if n > len(rows) else "")
        warnings.add("district.read_as", rows[0], "district", name, name=name, district=read_as[name], n=n, rows=listed)


def _find_problems(con: duckdb.DuckDBPyConnection, problems: Problems, hints: dict, first: str, current: str) -> None:
    """Every problem, row by row (the slow path, for files with problems)."""
    bounds = {"first": first, "current": current}
    con.execute(f"CREATE OR REPLACE TEMP TABLE parsed_cells AS {_PARSED}", bounds)
    checks = " UNION ALL ".join(
        f"SELECT row, '{code}', '{column}', {value}, NULL FROM parsed_cells WHERE {condition}"
        for code, column, value, condition in _CHECKS
    )
    found = f"SELECT * FROM ({checks} UNION ALL {_DUPLICATES}) AS found (row, code, col, value, extra)"
    total = con.execute(f"SELECT count(*) FROM ({found})", bounds).fetchall()[0][0]
    listed = con.execute(f"{found} ORDER BY row, col LIMIT {SHOWN_PROBLEMS}", bounds).fetchall()
    for row, code, column, value, extra in listed:
        params = _params(code, extra, hints, value, first, current)
        problems.add(_MESSAGE.get(code, code), row, column, value, **params)
    problems.total = total
