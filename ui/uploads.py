"""What only the Upload page shows: Streamlit's file box in the reader's language, problems and notices as
text that wraps, the dry run's difference with district names and referrals, and whether the last publish
worked.

Values and headers come from uploaded files: they are shown as escaped HTML text (never Markdown, whose
links, icons and colour directives would still render after backslash-escaping).
"""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd
import streamlit as st

from core.settings import max_upload_mb
from db import read
from db.snapshot import published_path
from ui.i18n import N_, t
from ui.periods import datetime_label, quarter_label

__all__ = [
    "FORMATS",
    "KINDS",
    "TEMPLATES",
    "TYPES",
    "difference_frame",
    "dropzone_words",
    "problem_frame",
    "publish_state",
    "show_difference",
    "show_notices",
    "show_rejection",
    "text_table",
]

TEMPLATES = Path(__file__).resolve().parent.parent / "data" / "templates"
# The kinds of file a load takes, with their names, and the long text describing each format.
KINDS = {
    "cases": N_("upload.kind.cases"),
    "services": N_("upload.kind.services"),
    "communities": N_("upload.kind.communities"),
    "population": N_("upload.kind.population"),
}
FORMATS = {  # locale/<lang>/texts/<name>.md
    "cases": "upload-cases",
    "services": "upload-services",
    "communities": "upload-communities",
    "population": "upload-population",
}
TYPES = ["csv", "tsv", "txt", "xlsx"]  # file types the box accepts
SHOWN_ERRORS = 50  # the rest are in the downloadable list

# Streamlit's file box has no translation: its own words ("Upload", "50MB per file", "Drag and drop a file
# here", and "File must be 50.0MB or smaller." for a file it refuses) are replaced with ours by CSS on its
# data-testid elements. The text is kept at size 0 (screen readers still find the box by its label) and ours
# follows it. Streamlit tells a refused file only in a tooltip, which a phone never shows, so ours is also
# written under the box; CSS cannot tell a file too large from one of another type, so ours names both rules.
_DROPZONE = '[data-testid="stFileUploaderDropzone"]'
_REPLACED = {
    "button": f'{_DROPZONE} button[kind="secondary"] [data-testid="stMarkdownContainer"] p',
    "limit": '[data-testid="stFileUploaderDropzoneInstructions"] span',
    # Only while a file is dragged over the box: the one child that is neither the button, the chips nor the limit.
    "drag": f"{_DROPZONE} > div:not([data-testid]):not(:has([data-testid])) > span",
    # On the Upload page only the file box's refused files have an error tooltip.
    "refused": '[data-testid="stTooltipErrorContent"]',
}
_REFUSED_UNDER = '[data-testid="stFileUploader"]:has([data-testid="stFileChip"][aria-invalid="true"])::after'


def _css_text(text: str) -> str:
    """``text`` as a CSS string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def upload_limit_mb() -> float:
    """The largest file the page accepts: Streamlit's box and the loader each have a limit; the smaller holds."""
    return min(float(st.get_option("server.maxUploadSize")), max_upload_mb())


def dropzone_words(types: list[str], lang: str | None = None) -> str:
    """A ``<style>`` block (for ``st.html``) that writes the file box's words in ``lang``, naming the file
    ``types`` it accepts and the size limit, also where it refuses a file."""
    rules = {"mb": f"{upload_limit_mb():g}", "types": ", ".join(x.upper() for x in types)}
    words = {
        "button": t("upload.box.button", lang),
        "limit": t("upload.box.limit", lang, **rules),
        "drag": t("upload.box.drag", lang),
        "refused": t("upload.box.refused", lang, **rules),
    }
    css = [
        f"{selector} {{font-size: 0 !important;}} "
        f"{selector}::after {{content: {_css_text(words[name])}; font-size: 0.875rem;}}"
        for name, selector in _REPLACED.items()
    ]
    css.append(
        f"{_REFUSED_UNDER} {{content: {_css_text(words['refused'])}; display: block; font-size: 0.875rem;"
        " color: rgb(189, 65, 51); margin-top: 0.25rem;}"
    )
    return "<style>\n" + "\n".join(css) + "\n</style>"


def problem_frame(problems: list, lang: str) -> pd.DataFrame:
    """Problems or notices (:class:`etl.problems.Problem`, as the page receives them) as rows: the row (every row
    a notice names, when it names several), column,
    value and what to do, in ``lang``."""
    return pd.DataFrame(
        {
            t("upload.col.row", lang): [str(p.params.get("rows") or p.row or "") for p in problems],
            t("upload.col.column", lang): [p.column or "" for p in problems],
            t("upload.col.value", lang): [p.value or "" for p in problems],
            t("upload.col.message", lang): [p.text(lang) for p in problems],
        }
    )


def text_table(frame: pd.DataFrame) -> None:
    """``frame`` as a plain table whose long cells wrap (a data grid cuts them), every cell escaped text."""
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(cell))}</td>" for cell in row) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    st.html(
        "<style>table.safespace-text {width: 100%; border-collapse: collapse; font-size: 0.875rem;}"
        " table.safespace-text th, table.safespace-text td {border: 1px solid rgba(128, 128, 128, 0.3);"
        " padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; overflow-wrap: break-word;}"
        " table.safespace-text th {font-weight: 600;}</style>"
        f'<table class="safespace-text"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    )


def _referred(values: pd.Series) -> pd.Series:
    """Referrals as text: a whole number, or "–" where some row leaves them blank."""
    return values.map(lambda v: "–" if pd.isna(v) else f"{int(v):,}")


def difference_frame(diff: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The dry run's difference (:func:`etl.diff.diff_frame`) for reading: each quarter as stored and as a
    fiscal quarter with its months, each district with its name, cases reported and referred before and
    after, and rows added, changed and removed."""
    names = diff["name_th"] if lang == "th" else diff["name_en"]
    return pd.DataFrame(
        {
            t("upload.col.quarter", lang): diff["quarter"].map(lambda q: f"{q} = {quarter_label(q, lang, 'fiscal')}"),
            t("upload.col.district", lang): diff["dist_code"] + " " + names.fillna(""),
            t("upload.col.old_total", lang): diff["old_total"],
            t("upload.col.new_total", lang): diff["new_total"],
            t("upload.col.old_referred", lang): _referred(diff["old_referred"]),
            t("upload.col.new_referred", lang): _referred(diff["new_referred"]),
            t("upload.col.added", lang): diff["rows_added"],
            t("upload.col.changed", lang): diff["rows_changed"],
            t("upload.col.removed", lang): diff["rows_removed"],
        }
    )


def show_rejection(problems: list, errors_csv: bytes, file_name: str, lang: str) -> None:
    """Every problem of a rejected file (:class:`etl.problems.Problem`): the first :data:`SHOWN_ERRORS` on the
    page, their text wrapped in full, and all of them in ``errors_csv`` to download."""
    st.error(t("upload.rejected", n=len(problems)))
    text_table(problem_frame(problems[:SHOWN_ERRORS], lang))
    if len(problems) > SHOWN_ERRORS:
        st.caption(t("upload.more_errors", shown=SHOWN_ERRORS, total=len(problems)))
    st.download_button(t("upload.download_errors"), errors_csv, f"errors_{file_name}.csv", "text/csv")


def show_notices(warnings: list, lang: str) -> None:
    """What the file will be read as, to check before confirming: one notice per column and value, with its
    rows (a district name read as another spelling), or per row."""
    if not warnings:
        return
    st.warning(t("upload.notices", n=len(warnings)))
    text_table(problem_frame(warnings[:SHOWN_ERRORS], lang))
    if len(warnings) > SHOWN_ERRORS:
        st.caption(t("upload.more_notices", shown=SHOWN_ERRORS, total=len(warnings)))


def show_difference(diff: pd.DataFrame, lang: str) -> None:
    """The dry run's difference per quarter and district (:func:`etl.diff.diff_frame`), with names and cases
    referred."""
    st.dataframe(difference_frame(diff, lang), hide_index=True, width="stretch")
    st.caption(t("upload.diff_note"))


def publish_state(db: str) -> None:
    """Whether the figures viewers see are the latest: when they were published, and why the last publish
    failed if it did."""
    snapshot = published_path(db)
    if snapshot.exists():
        st.caption(t("sidebar.published", date=datetime_label(read.meta(snapshot).published_at)))
    status = read.publish_status(snapshot)
    if status is not None and not status.ok:
        st.error(t("upload.last_publish_failed", reason=status.error or ""))
