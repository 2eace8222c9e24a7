"""Methods & data: the figures in plain words, how every measure is defined, how small numbers are
protected, where the data comes from and under which licence, which districts have a file for which
quarter, the upload formats, the tables, and the load history.

The content mirrors the README (its "The database", "Upload formats", "Methods" and "Data
sources and licences" sections) and ``../shared/geo/SOURCES.md``, written out in both languages.
"""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from core.codes import SERVICE_TYPES, VICTIM_GROUPS, VIOLENCE_TYPES
from core.settings import max_upload_mb
from db import read
from ui import completeness, loaders, sidebar, uploads
from ui.entry import through_dashboard
from ui.history import history_table
from ui.i18n import N_, label, prose, t
from ui.periods import year

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
    """Text from a file with every Markdown mark backslash-escaped, so it shows as it is (``*a*`` stays ``*a*``)."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$])", r"\\\1", text)


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table of program texts (never data from files)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows])


def codes(kind: str, values: tuple[str, ...]) -> str:
    return ", ".join(f"`{code}` ({label(kind, code)})" for code in values)


def in_plain_words(rules: read.Meta) -> None:
    """What the figures on the pages mean, in everyday words, before any table or formula."""
    st.header(t("methods.plain"))
    top = rules.suppress_below - 1
    fmt = {"below": top + 1, "top": top, "base": rules.round_to, "km": f"{rules.catchment_m / 1000:g}"}
    st.markdown(prose("methods-plain", **fmt))


def dictionary() -> None:
    st.header(t("methods.dictionary"))
    st.markdown(t("methods.dictionary_intro"))
    rows = [[" / ".join(f"`{name}`" for name in names), columns, t(note)] for names, columns, note in DICTIONARY]
    st.markdown(markdown_table([t("methods.col.table"), t("methods.col.columns"), t("methods.col.notes")], rows))
    violence, victims = codes("violence", VIOLENCE_TYPES), codes("victim", VICTIM_GROUPS)
    st.markdown(t("methods.codes", violence=violence, victims=victims, services=codes("service", SERVICE_TYPES)))


def upload_formats() -> None:
    st.header(t("methods.formats"))
    st.markdown(t("methods.formats_intro", mb=f"{max_upload_mb():g}"))
    for kind, key in uploads.KINDS.items():
        with st.expander(t(key)):
            st.markdown(prose(uploads.FORMATS[kind]))


def measures() -> None:
    st.header(t("methods.measures"))
    fmt = {"km": f"{SNAPSHOT.meta.catchment_m / 1000:g}", "permutations": LISA_PERMUTATIONS, "seed": LISA_SEED}
    st.markdown(prose("methods-measures", **fmt))


def sources(status: read.Meta) -> None:
    st.header(t("methods.sources"))
    st.markdown(prose("methods-sources"))
    rows = [[f"`{name}`", t(origin), t(LICENCES[licence])] for name, origin, licence in SOURCE_FILES]
    st.markdown(markdown_table([t("methods.col.file"), t("methods.col.origin"), t("methods.col.licence")], rows))
    st.markdown(t("methods.synthetic"))
    if status.population_source is not None:
        source = plain(status.population_source)
        if status.population_year is None:
            st.caption(t("methods.population_no_year", source=source))
        else:
            st.caption(t("methods.population_year", source=source, year=year(status.population_year)))


def privacy(rules: read.Meta) -> None:
    st.header(t("methods.privacy"))
    top, base = rules.suppress_below - 1, rules.round_to
    fmt = {"top": top, "below": top + 1, "base": base, "estimate": f"{rules.hidden_estimate:g}", "half": base / 2}
    st.markdown(prose("methods-privacy", **fmt))
    st.subheader(t("methods.guard"))
    st.markdown(prose("methods-guard"))


def history(loads: pd.DataFrame) -> None:
    st.header(t("methods.history"))
    if loads.empty:
        st.info(t("upload.no_history"))
        return
    st.caption(t("methods.history_intro"))
    st.dataframe(history_table(loads), hide_index=True, width="stretch")


through_dashboard()
SNAPSHOT = sidebar.snapshot()
st.title(t("methods.title"))
st.caption(t("methods.intro"))
# Plain words first, then the exact definitions and rules; the database's tables are for analysts, last.
in_plain_words(SNAPSHOT.meta)
measures()
privacy(SNAPSHOT.meta)
sources(SNAPSHOT.meta)
completeness.show(SNAPSHOT.path, SNAPSHOT.version)  # which districts have no file for which quarter
upload_formats()
dictionary()
history(loaders.load_history(SNAPSHOT.path, SNAPSHOT.version))
