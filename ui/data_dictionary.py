"""The data dictionary the Methods page shows: the database's tables and their columns, the boundary folder's
files and their licences, and the category codes, written as Markdown.

The tables and columns are as README's "The database" gives them (``tests/test_page_methods.py`` checks that
every table and view of the schema is listed), the files as ``../shared/geo/SOURCES.md`` lists them. Texts
from files go through :func:`plain`, so they show as they are.
"""

from __future__ import annotations

import re

from ui.i18n import N_, label

__all__ = ["DICTIONARY", "LICENCES", "SOURCE_FILES", "TABLE_CSS", "codes", "markdown_table", "plain"]

# A table wider than a phone (the column lists, the file names) scrolls inside its own box, not the page.
TABLE_CSS = (
    "<style>[data-testid=stMarkdownContainer] table {display: block; max-width: 100%; overflow-x: auto;}</style>"
)

# Tables (with their views), their columns as README's "The database" gives them, and the key of their note.
DICTIONARY = (
    (
        ("districts",),
        "dist_code (PK, 1001–1050), name_th, name_en, area_km2, geom, geom_display",
        N_("methods.table.districts"),
    ),
    (
        ("subdistricts",),
        "subdist_code (PK), dist_code, name_th, name_en, area_km2, geom",
        N_("methods.table.subdistricts"),
    ),
    (
        ("context_districts",),
        "dist_code, province_en, name_th, name_en, area_km2, geom, geom_display",
        N_("methods.table.context_districts"),
    ),
    (
        ("health_centre_areas",),
        "hc_id, hc_short_name, area_name_th, zone_th, group_th, area_km2, geom, geom_display",
        N_("methods.table.health_centre_areas"),
    ),
    (("context_lines",), "kind (road, river), name_th, name_en, geom, geom_display", N_("methods.table.context_lines")),
    (
        ("population", "current_population"),
        "dist_code, year, population, source, load_id",
        N_("methods.table.population"),
    ),
    (
        ("service_points", "current_service_points"),
        "service_id, name_th, name_en, service_type, lat, lon, capacity, dist_code, opened, closed, phone, "
        "hours, source, load_id, approximate",
        N_("methods.table.service_points"),
    ),
    (
        ("communities", "current_communities"),
        "community_id, name_th, name_en, lat, lon, dist_code, population, households, pilot, pilot_start, "
        "location_note, load_id, community_type, population_estimated",
        N_("methods.table.communities"),
    ),
    (
        ("case_counts", "current_case_counts"),
        "quarter, dist_code, subdist_code, community_id, violence_type, victim_group, cases_reported, "
        "cases_referred, load_id",
        N_("methods.table.case_counts"),
    ),
    (
        ("loads", "active_loads", "load_files"),
        "load_id, kind, file_name, sha256, rows, quarters, loaded_at, loaded_by, status, synthetic, "
        "reverted_at, reverted_by; load_files: load_id, content",
        N_("methods.table.loads"),
    ),
    (("schema_migrations",), "version, applied_at", N_("methods.table.schema_migrations")),
)
LISA_PERMUTATIONS, LISA_SEED = 999, 12345  # geo.hotspots.local_moran_clusters as geo.summary calls it
# Every file of ../shared/geo as SOURCES.md lists it: (file, key of its origin text, its licence).
SOURCE_FILES = (
    ("bkk_districts.geojson", N_("methods.source.bkk_districts"), "cc_by_igo"),
    ("bkk_districts_bma.geojson", N_("methods.source.bkk_districts_bma"), "not_stated"),
    ("bkk_subdistricts.geojson", N_("methods.source.bkk_subdistricts"), "subdistricts"),
    ("bkk_subdistricts_hdx.geojson", N_("methods.source.bkk_subdistricts_hdx"), "cc_by_igo"),
    ("samut_prakan_districts.geojson", N_("methods.source.samut_prakan_districts"), "cc_by_igo"),
    ("samut_prakan_subdistricts.geojson", N_("methods.source.samut_prakan_subdistricts"), "cc_by_igo"),
    ("bkk_health_centre_areas.geojson", N_("methods.source.bkk_health_centre_areas"), "not_stated"),
    ("bkk_hospitals.csv", N_("methods.source.bkk_hospitals"), "not_stated"),
    ("bkk_district_facts.csv", N_("methods.source.bkk_district_facts"), "facts"),
    ("pilot_locations.csv", N_("methods.source.pilot_locations"), "not_stated"),
    ("bkk_communities.geojson", N_("methods.source.bkk_communities"), "bma_open_data"),
    ("bkk_community_population_2022.csv", N_("methods.source.bkk_community_population_2022"), "not_stated"),
    ("bkk_police_stations.geojson", N_("methods.source.bkk_police_stations"), "not_stated"),
    ("bkk_district_offices.geojson", N_("methods.source.bkk_district_offices"), "not_stated"),
    ("bma_health_centres.geojson", N_("methods.source.bma_health_centres"), "not_stated"),
    ("bkk_main_roads.geojson", N_("methods.source.bkk_main_roads"), "not_stated"),
    ("chao_phraya.geojson", N_("methods.source.chao_phraya"), "public_domain"),
    ("dv_reference_magnitudes.csv", N_("methods.source.dv_reference_magnitudes"), "facts_published"),
)
LICENCES = {
    "cc_by_igo": N_("methods.licence.cc_by_igo"),
    "not_stated": N_("methods.licence.not_stated"),
    "subdistricts": N_("methods.licence.subdistricts"),
    "facts": N_("methods.licence.facts"),
    "bma_open_data": N_("methods.licence.bma_open_data"),
    "public_domain": N_("methods.licence.public_domain"),
    "facts_published": N_("methods.licence.facts_published"),
}


def plain(text: str) -> str:
    """Text from a file with every Markdown mark backslash-escaped, so it shows as it is.

    >>> plain("*a* [b](c)")
    '\\\\*a\\\\* \\\\[b\\\\]\\\\(c\\\\)'
    """
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$])", r"\\\1", text)


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table of program texts (never data from files); a ``|`` in a cell is escaped.

    >>> print(markdown_table(["a", "b"], [["1", "x|y"]]))
    | a | b |
    |---|---|
    | 1 | x\\|y |
    """
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows])


def codes(kind: str, values: tuple[str, ...]) -> str:
    """The codes of one category with their labels in the reader's language: "`code` (label), ..."."""
    return ", ".join(f"`{code}` ({label(kind, code)})" for code in values)
