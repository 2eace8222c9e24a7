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
from ui import completeness, loaders, sidebar
from ui.entry import through_dashboard
from ui.history import history_table
from ui.i18n import label, t
from ui.periods import year

# Tables (with their views) and columns, as README's "The database" gives them; notes: methods.table.<first>.
DICTIONARY = (
    (("districts",), "dist_code (PK, 1001–1050), name_th, name_en, area_km2, geom, geom_display"),
    (("subdistricts",), "subdist_code (PK), dist_code, name_th, name_en, area_km2, geom"),
    (("context_districts",), "dist_code, province_en, name_th, name_en, area_km2, geom, geom_display"),
    (
        ("health_centre_areas",),
        "hc_id, hc_short_name, area_name_th, zone_th, group_th, area_km2, geom, geom_display",
    ),
    (("context_lines",), "kind (road, river), name_th, name_en, geom, geom_display"),
    (("population", "current_population"), "dist_code, year, population, source, load_id"),
    (
        ("service_points", "current_service_points"),
        "service_id, name_th, name_en, service_type, lat, lon, capacity, dist_code, opened, closed, phone, "
        "hours, source, load_id, approximate",
    ),
    (
        ("communities", "current_communities"),
        "community_id, name_th, name_en, lat, lon, dist_code, population, households, pilot, pilot_start, "
        "location_note, load_id, community_type, population_estimated",
    ),
    (
        ("case_counts", "current_case_counts"),
        "quarter, dist_code, subdist_code, community_id, violence_type, victim_group, cases_reported, "
        "cases_referred, load_id",
    ),
    (
        ("loads", "active_loads", "load_files"),
        "load_id, kind, file_name, sha256, rows, quarters, loaded_at, loaded_by, status, synthetic, "
        "reverted_at, reverted_by; load_files: load_id, content",
    ),
    (("schema_migrations",), "version, applied_at"),
)
UPLOAD_KINDS = ("cases", "services", "communities", "population")
MEASURES = ("rate", "eb", "gi", "lisa", "access", "referral", "bivariate", "did", "plan")
LISA_PERMUTATIONS, LISA_SEED = 999, 12345  # geo.hotspots.local_moran_clusters as geo.summary calls it
# Every file of ../shared/geo as SOURCES.md lists it: (file, licence key); origin text: methods.source.<stem>.
SOURCE_FILES = (
    ("bkk_districts.geojson", "cc_by_igo"),
    ("bkk_districts_bma.geojson", "not_stated"),
    ("bkk_subdistricts.geojson", "subdistricts"),
    ("bkk_subdistricts_hdx.geojson", "cc_by_igo"),
    ("samut_prakan_districts.geojson", "cc_by_igo"),
    ("samut_prakan_subdistricts.geojson", "cc_by_igo"),
    ("bkk_health_centre_areas.geojson", "not_stated"),
    ("bkk_hospitals.csv", "not_stated"),
    ("bkk_district_facts.csv", "facts"),
    ("pilot_locations.csv", "not_stated"),
    ("bkk_communities.geojson", "bma_open_data"),
    ("bkk_community_population_2022.csv", "not_stated"),
    ("bkk_police_stations.geojson", "not_stated"),
    ("bkk_district_offices.geojson", "not_stated"),
    ("bma_health_centres.geojson", "not_stated"),
    ("bkk_main_roads.geojson", "not_stated"),
    ("chao_phraya.geojson", "public_domain"),
    ("dv_reference_magnitudes.csv", "facts_published"),
)


def plain(text: str) -> str:
    """Text from a file with every Markdown mark backslash-escaped, so it shows as it is (``*a*`` stays ``*a*``)."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$])", r"\\\1", text)


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table of program texts (never data from files)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows])


def codes(kind: str, values: tuple[str, ...]) -> str:
    return ", ".join(f"`{code}` ({label(kind, code)})" for code in values)


PLAIN = ("cases", "rate", "smoothed", "hotspot", "coverage", "gap", "referral", "periods")  # methods.plain.<term>


def in_plain_words(rules: read.Meta) -> None:
    """What the figures on the pages mean, in everyday words, before any table or formula."""
    st.header(t("methods.plain"))
    top = rules.suppress_below - 1
    fmt = {"below": top + 1, "top": top, "base": rules.round_to, "km": f"{rules.catchment_m / 1000:g}"}
    st.markdown("\n".join(f"- {t(f'methods.plain.{term}', **fmt)}" for term in PLAIN))


def dictionary() -> None:
    st.header(t("methods.dictionary"))
    st.markdown(t("methods.dictionary_intro"))
    rows = [
        [" / ".join(f"`{name}`" for name in names), columns, t(f"methods.table.{names[0]}")]
        for names, columns in DICTIONARY
    ]
    st.markdown(markdown_table([t("methods.col.table"), t("methods.col.columns"), t("methods.col.notes")], rows))
    violence, victims = codes("violence", VIOLENCE_TYPES), codes("victim", VICTIM_GROUPS)
    st.markdown(t("methods.codes", violence=violence, victims=victims, services=codes("service", SERVICE_TYPES)))


def upload_formats() -> None:
    st.header(t("methods.formats"))
    st.markdown(t("methods.formats_intro", mb=f"{max_upload_mb():g}"))
    for kind in UPLOAD_KINDS:
        with st.expander(t(f"upload.kind.{kind}")):
            st.markdown(t(f"upload.format.{kind}"))


def measures() -> None:
    st.header(t("methods.measures"))
    fmt = {"km": f"{SNAPSHOT.meta.catchment_m / 1000:g}", "permutations": LISA_PERMUTATIONS, "seed": LISA_SEED}
    for measure in MEASURES:
        st.markdown(t(f"methods.measure.{measure}", **fmt))


def sources(status: read.Meta) -> None:
    st.header(t("methods.sources"))
    st.markdown(t("methods.sources_intro"))
    rows = [
        [f"`{name}`", t(f"methods.source.{name.split('.')[0]}"), t(f"methods.licence.{licence}")]
        for name, licence in SOURCE_FILES
    ]
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
    keys = ("cells", "sums", "why", "hidden", "export", "rendering")
    rules = [t(f"methods.privacy.{key}", **fmt) for key in keys]
    st.markdown(t("methods.privacy.intro") + "\n\n" + "\n".join(f"{i}. {rule}" for i, rule in enumerate(rules, 1)))
    st.markdown(t("methods.publishing"))
    st.subheader(t("methods.guard"))
    st.markdown(t("methods.guard_text"))


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
