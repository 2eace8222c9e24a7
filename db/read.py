"""The read side: every query the dashboard's pages run, as pure functions.

Each function takes the database (a path, or None for :func:`db.connect.db_path`)
first, opens a short-lived read-only connection and closes it before
returning, so a page never holds the file and loads are never blocked.
Every case count leaves this module through :func:`db.privacy.protect`. District
statistics cover Bangkok's 50 districts (the ``districts`` table); rows for
districts outside Bangkok, such as a pilot community's 1104, are left out.
An empty database (boundaries but no cases) gives empty results, not errors.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime

import duckdb
import geopandas as gpd
import pandas as pd

from core import quarters
from core.codes import VICTIM_GROUPS, VIOLENCE_TYPES
from db.connect import connect
from db.geometry import geometry_frame
from db.privacy import protect, suppress_complements
from db.schema import SCHEMA_VERSION, schema_version
from geo import pilots, summary
from geo.gaps import referral_gap
from geo.joins import points
from geo.rates import rate_per_100k

__all__ = [
    "BREAKDOWNS",
    "HOTSPOT_CLASSES",
    "SUMMARY_QUARTERS",
    "DataStatus",
    "DatabaseNotReady",
    "Kpis",
    "check_ready",
    "community_points",
    "community_quarters",
    "context_districts",
    "data_status",
    "data_version",
    "district_breakdown",
    "district_layer",
    "district_names",
    "district_rates",
    "district_summary",
    "district_trend",
    "health_centre_areas",
    "kpis",
    "load_history",
    "loaded_quarters",
    "pilot_difference",
    "pilot_table",
    "pilot_trend",
    "quarterly_totals",
    "service_points",
]

Db = str | os.PathLike | None
SUMMARY_QUARTERS = 4  # default window of the district summary: a year, so seasons even out


class DatabaseNotReady(RuntimeError):
    """The file exists but holds no warehouse of this program's version, or no boundaries."""


@dataclass(frozen=True)
class DataStatus:
    """What the data on screen is: how fresh, whether synthetic, and the population's origin."""

    last_loaded: datetime | None  # latest active load of any kind
    latest_quarter: str | None  # latest calendar quarter with cases, None without cases
    synthetic: bool  # any active case data is generated demo data
    population_source: str | None
    population_year: int | None  # None: the source states no year


def check_ready(db: Db) -> None:
    """Raise :class:`DatabaseNotReady` unless the file holds this version's schema and boundaries.

    A missing file raises :class:`db.connect.DatabaseMissing` (from ``connect``).
    """
    with connect(db, read_only=True) as con:
        version = schema_version(con)
        if version != SCHEMA_VERSION:
            raise DatabaseNotReady(f"schema version {version}, expected {SCHEMA_VERSION}")
        if not con.execute("SELECT count(*) FROM districts").fetchall()[0][0]:
            raise DatabaseNotReady("no district boundaries")


def data_version(db: Db) -> str:
    """A short string that changes whenever a load is added, reverted or restored (a cache key)."""
    with connect(db, read_only=True) as con:
        return con.execute(
            "SELECT count(*) || '-' || coalesce(max(load_id), 0) || '-' "
            "|| coalesce(md5(string_agg(load_id || status, ',' ORDER BY load_id)), '') FROM loads"
        ).fetchall()[0][0]


def loaded_quarters(db: Db) -> list[str]:
    """The calendar quarters with current case data, oldest first."""
    with connect(db, read_only=True) as con:
        rows = con.execute("SELECT DISTINCT quarter FROM current_case_counts ORDER BY quarter").fetchall()
    return [quarter for (quarter,) in rows]


def _district_layer(con: duckdb.DuckDBPyConnection) -> gpd.GeoDataFrame:
    return geometry_frame(
        con,
        "SELECT dist_code, name_th, name_en, area_km2, ST_AsWKB(geom_display) AS wkb FROM districts ORDER BY dist_code",
    )


def district_layer(db: Db) -> gpd.GeoDataFrame:
    """Bangkok's districts with their simplified display geometry, EPSG:4326, in code order."""
    with connect(db, read_only=True) as con:
        return _district_layer(con)


def district_rates(db: Db, end_quarter: str, n_quarters: int = 4) -> pd.DataFrame:
    """Reported cases and the rate per 100,000 for each Bangkok district over a window of quarters.

    Parameters
    ----------
    db : path or None
        The warehouse file.
    end_quarter : str
        Last calendar quarter of the window, e.g. ``'2025Q2'``.
    n_quarters : int
        Length of the window (default 4: a year).

    Returns
    -------
    pandas.DataFrame
        One row per district (50), in code order: ``dist_code``, ``name_th``,
        ``name_en``, ``quarters_reported`` (window quarters with any rows for
        the district), ``cases`` (float; NaN when suppressed or no rows),
        ``cases_display`` (``"<5"``, ``"0"``, ``"12"``; missing when no rows),
        ``population``, ``population_year``, ``rate_per_100k`` (NaN when
        suppressed or unknown) and ``suppressed``. Empty without districts.
    """
    window = quarters.window(end_quarter, n_quarters)
    with connect(db, read_only=True) as con:
        frame = con.execute(
            """
            WITH cases AS (
                SELECT dist_code, sum(cases_reported) AS cases, count(DISTINCT quarter) AS quarters_reported
                FROM current_case_counts
                WHERE list_contains(?, quarter)
                GROUP BY dist_code
            )
            SELECT d.dist_code, d.name_th, d.name_en,
                   coalesce(c.quarters_reported, 0) AS quarters_reported, c.cases,
                   p.population, p.year AS population_year
            FROM districts d
            LEFT JOIN cases c USING (dist_code)
            LEFT JOIN current_population p USING (dist_code)
            ORDER BY d.dist_code
            """,
            [window],
        ).df()
    published = protect(frame, "cases")
    # From the published count: a rate from the true one, times the population, would give it back.
    published["rate_per_100k"] = rate_per_100k(published["cases"], published["population"])
    return published


def data_status(db: Db) -> DataStatus:
    """Freshness, synthetic flag and population origin of the current data."""
    with connect(db, read_only=True) as con:
        last_loaded, latest_quarter, synthetic = con.execute(
            """
            SELECT (SELECT max(loaded_at) FROM active_loads),
                   (SELECT max(quarter) FROM current_case_counts),
                   (SELECT coalesce(bool_or(synthetic), false) FROM active_loads
                    WHERE load_id IN (SELECT DISTINCT load_id FROM current_case_counts))
            """
        ).fetchall()[0]
        population = con.execute(
            "SELECT string_agg(DISTINCT source, '; '), max(year) FROM current_population"
        ).fetchall()[0]
    return DataStatus(last_loaded, latest_quarter, bool(synthetic), *population)


def _summary_window(quarter: str, quarter_from: str | None) -> list[str]:
    """The quarters from ``quarter_from`` (default: the year ending at ``quarter``) to ``quarter``."""
    if quarter_from is None:
        return quarters.window(quarter, SUMMARY_QUARTERS)
    (end_year, end_q), (start_year, start_q) = quarters.split(quarter), quarters.split(quarter_from)
    n = (end_year - start_year) * 4 + end_q - start_q + 1
    if n < 1:
        raise ValueError(f"the window cannot start at {quarter_from}, after its last quarter {quarter}")
    return quarters.window(quarter, n)


def _first_day(quarter: str) -> date:
    year, _ = quarters.split(quarter)
    return date(year, quarters.months(quarter)[0], 1)


def _window_cases(con: duckdb.DuckDBPyConnection, window: list[str]) -> pd.DataFrame:
    """True sums per Bangkok district over the window.

    ``cases_referred`` is missing where any row with reported cases leaves
    its referrals blank: a partial sum would understate the referral rate.
    """
    return con.execute(
        """
        SELECT dist_code, sum(cases_reported) AS cases_reported,
               CASE WHEN bool_and(cases_referred IS NOT NULL OR cases_reported = 0)
                    THEN sum(coalesce(cases_referred, 0)) END AS cases_referred
        FROM current_case_counts JOIN districts USING (dist_code)
        WHERE list_contains(?, quarter)
        GROUP BY dist_code
        """,
        [window],
    ).df()


def _population(con: duckdb.DuckDBPyConnection) -> pd.Series:
    frame = con.execute("SELECT dist_code, population FROM current_population").df()
    return frame.set_index("dist_code")["population"]


def _points_frame(frame: pd.DataFrame) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(frame.drop(columns=["lon", "lat"]), geometry=points(frame["lon"], frame["lat"]).values)


def _communities(con: duckdb.DuckDBPyConnection) -> gpd.GeoDataFrame:
    """Every current community, Bangkok's and others (they are demand for services near them)."""
    return _points_frame(
        con.execute(
            "SELECT community_id, dist_code, population, lon, lat FROM current_communities ORDER BY community_id"
        ).df()
    )


def _active_services(con: duckdb.DuckDBPyConnection, window: list[str]) -> gpd.GeoDataFrame:
    """Services open at some time in the window: opened (if known) before it ends, closed (if ever) not before it."""
    return _points_frame(
        con.execute(
            """
            SELECT service_id, service_type, capacity, dist_code, lon, lat FROM current_service_points
            WHERE (opened IS NULL OR opened < ?) AND (closed IS NULL OR closed >= ?)
            ORDER BY service_id
            """,
            [_first_day(quarters.shift(window[-1], 1)), _first_day(window[0])],
        ).df()
    )


def district_summary(db: Db, quarter: str, quarter_from: str | None = None, *, suppress: bool = True) -> pd.DataFrame:
    """The district table of :func:`geo.summary.district_summary` for a window of quarters, published.

    The statistics are computed on the true counts; then, unless ``suppress``
    is False, small counts (1 to 4 by default, see :mod:`db.privacy`) are
    published as "<5" and every figure derived from a suppressed count is
    withheld with it. Services count when open at some time in the window:
    ``opened`` missing or before the window's end, and ``closed`` missing or
    on or after its first day.

    Parameters
    ----------
    db : path or None
        The warehouse file.
    quarter : str
        Last calendar quarter of the window, e.g. ``'2025Q2'``.
    quarter_from : str, optional
        First quarter of the window; default the four quarters ending at
        ``quarter``. A ``quarter_from`` after ``quarter`` raises ValueError.
    suppress : bool
        False gives the true small counts, for analysts with direct access to
        the database; never for publication.

    Returns
    -------
    pandas.DataFrame
        One row per Bangkok district, in code order: ``quarter`` (the window's
        last quarter), ``quarter_from``, ``n_quarters``, the columns of
        :func:`geo.summary.district_summary`, ``cases_reported_display`` and
        ``cases_referred_display`` (published text), ``suppressed`` (the
        reported count is, with ``rate_per_100k``, ``eb_rate_per_100k``,
        ``referral_rate`` and ``unreferred``) and ``referred_suppressed`` (the
        referred count is, with ``referral_rate`` and ``unreferred``).
    """
    window = _summary_window(quarter, quarter_from)
    with connect(db, read_only=True) as con:  # closed before the statistics run
        inputs = (
            _district_layer(con),
            _window_cases(con, window),
            _population(con),
            _communities(con),
            _active_services(con, window),
        )
    table = summary.district_summary(*inputs)
    table.insert(0, "quarter", quarter)
    table.insert(1, "quarter_from", window[0])
    table.insert(2, "n_quarters", len(window))
    if not suppress:  # a threshold and base of 1 hide and round nothing but keep the columns
        return _publish_summary(table, threshold=1, base=1)
    return _publish_summary(table)


def _publish_summary(table: pd.DataFrame, **rules) -> pd.DataFrame:
    """Counts published; the smoothed rate withheld with its count; plain rates and gaps recomputed
    from the published counts, so that they reveal nothing the counts do not."""
    table = protect(table, "cases_reported", ["eb_rate_per_100k"], **rules)
    table = protect(table, "cases_referred", flag="referred_suppressed", **rules)
    table["rate_per_100k"] = rate_per_100k(table["cases_reported"], table["population"])
    gap = referral_gap(table["cases_reported"], table["cases_referred"])
    table["referral_rate"], table["unreferred"] = gap["referral_rate"], gap["unreferred"]
    return table


def load_history(db: Db) -> pd.DataFrame:
    """Every load, newest first: what, when (UTC), by whom, and whether it still counts."""
    with connect(db, read_only=True) as con:
        return con.execute(
            "SELECT load_id, kind, file_name, rows, quarters, loaded_at, loaded_by, status, synthetic, "
            "reverted_at, reverted_by FROM loads ORDER BY load_id DESC"
        ).df()


# Categories a district's cases break down by: the column and its codes in their stored order.
BREAKDOWNS = {"violence_type": VIOLENCE_TYPES, "victim_group": VICTIM_GROUPS}


def district_trend(db: Db, dist_code: str, end_quarter: str, n_quarters: int = 12) -> pd.DataFrame:
    """Published reported cases of one district per quarter, over the ``n_quarters`` ending at ``end_quarter``.

    Returns
    -------
    pandas.DataFrame
        One row per quarter of the window, oldest first: ``quarter``,
        ``cases`` (published float; NaN when suppressed, or when the district
        has no rows that quarter), ``cases_display`` (``"<5"``, ``"0"``,
        ``"15"``; missing without rows) and ``suppressed``.
    """
    window = quarters.window(end_quarter, n_quarters)
    with connect(db, read_only=True) as con:
        frame = con.execute(
            """
            SELECT w.quarter, c.cases
            FROM unnest(?::VARCHAR[]) AS w(quarter)
            LEFT JOIN (
                SELECT quarter, sum(cases_reported) AS cases FROM current_case_counts
                WHERE dist_code = ? GROUP BY quarter
            ) c USING (quarter)
            ORDER BY w.quarter
            """,
            [window, dist_code],
        ).df()
    return protect(frame, "cases")


def district_breakdown(db: Db, dist_code: str, by: str, quarter: str, quarter_from: str | None = None) -> pd.DataFrame:
    """Published reported cases of one district over a window, by violence type or by victim group.

    Parameters
    ----------
    db : path or None
        The warehouse file.
    dist_code : str
        The district, e.g. ``'1001'``.
    by : str
        A key of :data:`BREAKDOWNS`: ``'violence_type'`` or ``'victim_group'``.
    quarter, quarter_from : str
        The window, as for :func:`district_summary`.

    Returns
    -------
    pandas.DataFrame
        ``code``, ``cases`` (published float), ``cases_display`` and
        ``suppressed``: every code of the category in its stored order (a
        code without rows is a true 0); no rows when the district has no data
        in the window. The district's total is shown beside its parts, so a
        lone suppressed part is protected by secondary suppression
        (:func:`db.privacy.suppress_complements`).
    """
    codes = BREAKDOWNS[by]  # also keeps anything but a known column name out of the SQL
    window = _summary_window(quarter, quarter_from)
    with connect(db, read_only=True) as con:
        frame = con.execute(
            f"SELECT {by} AS code, sum(cases_reported) AS cases FROM current_case_counts "
            "WHERE dist_code = ? AND list_contains(?, quarter) GROUP BY code",
            [dist_code, window],
        ).df()
    if not frame.empty:
        others = sorted(set(frame["code"]) - set(codes))
        frame = frame.set_index("code").reindex([*codes, *others], fill_value=0).rename_axis("code").reset_index()
    return suppress_complements(protect(frame, "cases"), "cases", [[]])


# --- Coverage and pilot communities --------------------------------------------------

# Where a community lies: a Bangkok district, or a context district outside Bangkok (province_en set).
_PLACES = """
    SELECT dist_code, name_th, name_en, NULL AS province_en FROM districts
    UNION ALL SELECT dist_code, name_th, name_en, province_en FROM context_districts
"""
# A location note that says the point is approximate (the register's note is free text, Thai or English).
_APPROXIMATE = "coalesce(c.location_note ILIKE '%approximate%' OR c.location_note LIKE '%ประมาณ%', false)"


def context_districts(db: Db) -> gpd.GeoDataFrame:
    """Samut Prakan's districts beside Bangkok (the Thai Kriang pilot lies in 1104), display geometry, EPSG:4326."""
    with connect(db, read_only=True) as con:
        return geometry_frame(
            con,
            "SELECT dist_code, province_en, name_th, name_en, area_km2, ST_AsWKB(geom_display) AS wkb "
            "FROM context_districts ORDER BY dist_code",
        )


def health_centre_areas(db: Db) -> gpd.GeoDataFrame:
    """The BMA health-centre service areas (about 2014-15), display geometry, EPSG:4326."""
    with connect(db, read_only=True) as con:
        return geometry_frame(
            con,
            "SELECT hc_id, hc_short_name, area_name_th, zone_th, area_km2, ST_AsWKB(geom_display) AS wkb "
            "FROM health_centre_areas ORDER BY hc_id",
        )


def service_points(db: Db, quarter: str, quarter_from: str | None = None) -> pd.DataFrame:
    """Service points open at some time in a window of quarters, for maps.

    The window and the rule are those of :func:`district_summary`: ``opened``
    missing or before the window ends, ``closed`` missing or on or after its
    first day.

    Returns
    -------
    pandas.DataFrame
        ``service_id``, ``name_th``, ``name_en``, ``service_type``, ``lon``,
        ``lat``, ``capacity``, ``dist_code``, ``district_th`` and
        ``district_en`` (missing outside Bangkok) and ``source``, by type and id.
    """
    window = _summary_window(quarter, quarter_from)
    with connect(db, read_only=True) as con:
        open_ids = _active_services(con, window)["service_id"].tolist()
        return con.execute(
            """
            SELECT s.service_id, s.name_th, s.name_en, s.service_type, s.lon, s.lat, s.capacity, s.dist_code,
                   d.name_th AS district_th, d.name_en AS district_en, s.source
            FROM current_service_points s LEFT JOIN districts d USING (dist_code)
            WHERE list_contains(?::VARCHAR[], s.service_id)
            ORDER BY s.service_type, s.service_id
            """,
            [open_ids],
        ).df()


def community_points(db: Db) -> pd.DataFrame:
    """Every current community for maps: where it is, whether it is a pilot, and whether it reports its own cases.

    Returns
    -------
    pandas.DataFrame
        ``community_id``, ``name_th``, ``name_en``, ``lon``, ``lat``,
        ``dist_code``, ``district_th``, ``district_en``, ``province_en``
        (missing in Bangkok, e.g. "Samut Prakan" for 1104), ``population``,
        ``pilot``, ``pilot_start``, ``location_note``, ``approximate`` (the
        note says the point is approximate) and ``reports`` (the community has
        case rows of its own: a pilot, or a comparison community); pilots first, by start quarter.
    """
    with connect(db, read_only=True) as con:
        return con.execute(
            f"""
            SELECT c.community_id, c.name_th, c.name_en, c.lon, c.lat, c.dist_code,
                   p.name_th AS district_th, p.name_en AS district_en, p.province_en, c.population,
                   c.pilot, c.pilot_start, c.location_note, {_APPROXIMATE} AS approximate,
                   c.community_id IN (SELECT community_id FROM current_case_counts WHERE community_id IS NOT NULL)
                       AS reports
            FROM current_communities c LEFT JOIN ({_PLACES}) p USING (dist_code)
            ORDER BY c.pilot DESC, c.pilot_start, c.community_id
            """
        ).df()


def community_quarters(db: Db, end: str | None = None) -> pd.DataFrame:
    """TRUE case counts per community and quarter up to ``end``: the input of :mod:`geo.pilots`.

    For statistics only: these counts are not published (no suppression,
    no rounding). Pages show :func:`pilot_trend`, :func:`pilot_table` and
    :func:`pilot_difference`, which compute on these and publish.

    Only communities with case rows of their own appear (the others report
    within their district's rows), one row per community and quarter with
    rows: ``community_id``, ``quarter``, ``cases_reported``,
    ``population``, ``pilot`` and ``pilot_start``.
    """
    with connect(db, read_only=True) as con:
        return con.execute(
            """
            SELECT k.community_id, k.quarter, sum(k.cases_reported) AS cases_reported,
                   any_value(c.population) AS population, any_value(c.pilot) AS pilot,
                   any_value(c.pilot_start) AS pilot_start
            FROM current_case_counts k JOIN current_communities c USING (community_id)
            WHERE ?::VARCHAR IS NULL OR k.quarter <= ?
            GROUP BY k.community_id, k.quarter
            ORDER BY k.community_id, k.quarter
            """,
            [end, end],
        ).df()


def pilot_trend(db: Db, end: str | None = None) -> pd.DataFrame:
    """Pilot and comparison communities' reported cases and rate per 100,000 in each quarter up to ``end``, published.

    :func:`geo.pilots.rates_by_group` on :func:`community_quarters`; the
    group totals are published through :func:`db.privacy.protect` and the
    rate is computed from the published count. Columns: ``quarter``,
    ``group`` (``pilot`` or ``comparison``), ``communities``,
    ``cases_reported`` (published), ``cases_reported_display``,
    ``population``, ``rate_per_100k`` and ``suppressed``.
    """
    table = protect(pilots.rates_by_group(community_quarters(db, end)), "cases_reported")
    table["rate_per_100k"] = rate_per_100k(table["cases_reported"], table["population"])
    return table


def pilot_difference(db: Db, end: str | None = None) -> pilots.DidResult:
    """The difference in differences of :func:`geo.pilots.difference_in_differences` up to ``end``.

    Computed on the true counts; it publishes no count, only the estimate,
    its interval and the numbers of communities and quarters (or why there is
    no estimate).
    """
    return pilots.difference_in_differences(community_quarters(db, end))


def pilot_table(db: Db, end: str | None = None) -> pd.DataFrame:
    """One row per pilot community: cases and rate before and from its start, up to ``end``, published.

    Returns
    -------
    pandas.DataFrame
        The pilot rows of :func:`community_points` with, for ``before`` and
        ``after`` (from the start on): ``cases_<when>`` (published float),
        ``cases_<when>_display`` (``"<5"`` where small; missing without rows),
        ``suppressed_<when>``, ``quarters_<when>`` (quarters with rows) and
        ``rate_<when>`` (per 100,000 residents per quarter, from the
        published count).
    """
    table = community_points(db)
    table = table[table["pilot"]].reset_index(drop=True)
    rows = community_quarters(db, end).merge(table[["community_id"]], on="community_id")
    after = rows["quarter"] >= rows["pilot_start"]  # 'YYYYQn' keys sort as text
    for when, chosen in (("before", ~after), ("after", after)):
        sums = (
            rows[chosen]
            .groupby("community_id")
            .agg(**{f"cases_{when}": ("cases_reported", "sum"), f"quarters_{when}": ("quarter", "nunique")})
        )
        table = table.merge(sums, how="left", left_on="community_id", right_index=True)
        table[f"quarters_{when}"] = table[f"quarters_{when}"].fillna(0).astype(int)
        table = protect(table, f"cases_{when}", flag=f"suppressed_{when}")
        people = table["population"] * table[f"quarters_{when}"]
        table[f"rate_{when}"] = rate_per_100k(table[f"cases_{when}"], people)
    return table


# --- Overview: Bangkok's headline figures and trend ---------------------------------

HOTSPOT_CLASSES = ("hot_95", "hot_99")  # the Gi* hot spots a KPI counts: 95 % confidence or more


def district_names(db: Db) -> pd.DataFrame:
    """Bangkok's districts without geometry: ``dist_code``, ``name_th``, ``name_en``, in code order."""
    with connect(db, read_only=True) as con:
        return con.execute("SELECT dist_code, name_th, name_en FROM districts ORDER BY dist_code").df()


@dataclass(frozen=True)
class Kpis:
    """Bangkok's headline figures for one window of quarters, as published."""

    cases: float  # reported in Bangkok's districts, published (rounded); NaN without rows or when suppressed
    cases_display: str | None  # "<5", "0", "1,235"; None without rows
    referral_rate: float  # published referred / published reported, over districts whose referrals are known
    hotspots: int  # districts whose Gi* class is in HOTSPOT_CLASSES
    gaps: int  # districts of high need and low coverage (district_summary's ``gap``)
    safe_spaces: int  # safe spaces located in a Bangkok district and open at some time in the window
    pilots: int  # pilot communities, in Bangkok or not, whose pilot started by the window's end


def kpis(db: Db, quarter: str, quarter_from: str | None = None, *, summary: pd.DataFrame | None = None) -> Kpis:
    """Bangkok's headline figures over the window of :func:`district_summary`.

    ``summary`` is that window's :func:`district_summary`, when the caller
    already has it (it is computed otherwise); the hot-spot and gap counts
    come from it, so they always agree with the district table.
    """
    window = _summary_window(quarter, quarter_from)
    if summary is None:
        summary = district_summary(db, quarter, quarter_from)
    with connect(db, read_only=True) as con:
        cases = _window_cases(con, window)
        services = _active_services(con, window)
        (pilots_started,) = con.execute(
            "SELECT count(*) FROM current_communities WHERE pilot AND pilot_start <= ?", [quarter]
        ).fetchall()[0]
    known = cases["cases_referred"].notna()
    totals = pd.DataFrame(
        {
            "reported": [cases["cases_reported"].sum() if len(cases) else None],
            "known": [cases.loc[known, "cases_reported"].sum() if known.any() else None],
            "referred": [cases["cases_referred"].sum() if known.any() else None],
        }
    )
    for count in ("reported", "known", "referred"):
        totals = protect(totals, count, flag=f"{count}_suppressed")
    published = totals.iloc[0]
    in_bangkok = services["dist_code"].notna() & (services["service_type"] == "safe_space")
    return Kpis(
        cases=published["reported"],
        cases_display=published["reported_display"],
        referral_rate=published["referred"] / published["known"] if published["known"] > 0 else float("nan"),
        hotspots=int(summary["hotspot_class"].isin(HOTSPOT_CLASSES).sum()),
        gaps=int(summary["gap"].fillna(False).astype(bool).sum()),
        safe_spaces=int(in_bangkok.sum()),
        pilots=int(pilots_started),
    )


def quarterly_totals(db: Db, end: str | None = None, last_n: int | None = 12) -> pd.DataFrame:
    """Bangkok's published totals per quarter over the ``last_n`` quarters ending at ``end``.

    ``end`` defaults to the latest quarter with cases; ``last_n=None`` goes
    back to the first. Only Bangkok's districts count; a quarter's referred
    total is missing when any of its rows with reported cases leaves
    referrals blank (as in :func:`district_summary`).

    Returns
    -------
    pandas.DataFrame
        One row per quarter, oldest first (none without cases):
        ``quarter``, ``cases_reported`` and ``cases_referred`` (published
        floats; NaN for a quarter without rows), their ``_display`` texts,
        ``suppressed`` and ``referred_suppressed``.
    """
    with connect(db, read_only=True) as con:
        first, latest = con.execute("SELECT min(quarter), max(quarter) FROM current_case_counts").fetchall()[0]
        end = end or latest
        if last_n is None and first is not None:
            (end_year, end_q), (first_year, first_q) = quarters.split(end), quarters.split(first)
            last_n = max((end_year - first_year) * 4 + end_q - first_q + 1, 1)
        window = quarters.window(end, last_n) if end else []
        frame = con.execute(
            """
            SELECT w.quarter, c.cases_reported, c.cases_referred
            FROM unnest(?::VARCHAR[]) AS w(quarter)
            LEFT JOIN (
                SELECT quarter, sum(cases_reported) AS cases_reported,
                       CASE WHEN bool_and(cases_referred IS NOT NULL OR cases_reported = 0)
                            THEN sum(coalesce(cases_referred, 0)) END AS cases_referred
                FROM current_case_counts JOIN districts USING (dist_code)
                GROUP BY quarter
            ) c USING (quarter)
            ORDER BY w.quarter
            """,
            [window],
        ).df()
    frame = protect(frame, "cases_reported")
    return protect(frame, "cases_referred", flag="referred_suppressed")
