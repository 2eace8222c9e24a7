"""Methods & data: the figures in plain words, how every measure is defined, how small numbers are
protected, where the data comes from and under which licence, which districts have a file for which
quarter, the upload formats, the tables, and the load history.

The content mirrors the README (its "The database", "Upload formats", "Methods" and "Data
sources and licences" sections) and ``../shared/geo/SOURCES.md``, written out in both languages.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.codes import SERVICE_TYPES, VICTIM_GROUPS, VIOLENCE_TYPES
from core.settings import max_upload_mb
from db import read
from ui import completeness, loaders, uploads
from ui.context import open_page
from ui.data_dictionary import DICTIONARY, LICENCES, SOURCE_FILES, TABLE_CSS, codes, markdown_table, plain
from ui.history import history_table
from ui.i18n import prose, t
from ui.periods import year

LISA_PERMUTATIONS, LISA_SEED = 999, 12345  # geo.hotspots.local_moran_clusters as geo.summary calls it


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


def measures(rules: read.Meta) -> None:
    st.header(t("methods.measures"))
    fmt = {"km": f"{rules.catchment_m / 1000:g}", "permutations": LISA_PERMUTATIONS, "seed": LISA_SEED}
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


page = open_page("methods.title")
st.html(TABLE_CSS)
st.caption(t("methods.intro"))
# Plain words first, then the exact definitions and rules; the database's tables are for analysts, last.
in_plain_words(page.meta)
measures(page.meta)
privacy(page.meta)
sources(page.meta)
completeness.show(page.path, page.version)  # which districts have no file for which quarter
upload_formats()
dictionary()
history(loaders.load_history(page.path, page.version))
