"""Upload data: analysts check a file (dry run), confirm it, and revert loads.

The page runs ``python -m etl load`` and ``revert`` in a child process
(:mod:`ui.commands`), so a file behaves exactly as on the command line, and
validation, loading and publishing never run in the server that serves
viewers. Analysts also see whether the last publish worked, and why not.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from db import read
from db.connect import db_path
from db.snapshot import published_path
from etl.diff import diff_frame
from etl.history import load_history
from etl.problems import Problem, problems_csv
from etl.revert import Outcome
from ui import access, commands, uploads
from ui.entry import through_dashboard
from ui.history import history_table
from ui.i18n import N_, current_lang, prose, t
from ui.periods import datetime_label

TEMPLATES = Path(__file__).resolve().parent.parent / "data" / "templates"
SHOWN_ERRORS = 50  # the rest are in the downloadable list
STEPS = {  # the child's progress steps (etl --progress)
    "reading": N_("upload.step.reading"),
    "validating": N_("upload.step.validating"),
    "comparing": N_("upload.step.comparing"),
    "districts": N_("upload.step.districts"),
    "pilots": N_("upload.step.pilots"),
    "writing": N_("upload.step.writing"),
    "done": N_("upload.step.done"),
}
TYPES = ["csv", "tsv", "txt", "xlsx"]  # file types the box accepts
REVERTIBLE = tuple(uploads.KINDS)
# Exit codes of python -m etl (see etl/cli.py).
DONE, REJECTED, NOT_READY, PUBLISH_FAILED = 0, 1, 3, 4
DONE_KEY = "upload_done"  # the load id just committed, shown once after the rerun
NONCE_KEY = "upload_nonce"  # new uploader and form keys clear the file and the ticks after a change
OUTCOME_KEY = "upload_outcome"  # what the last revert or restore changed, shown once after the rerun


def sign_in(who: access.Access) -> None:
    """What a viewer sees instead of the upload controls: how to become an analyst."""
    st.info(t("upload.viewers_only"))
    if who.method == "oidc":
        if st.user.is_logged_in:
            st.warning(t("access.not_on_list", email=who.who or ""))
            st.button(t("access.logout"), on_click=st.logout)
        else:
            st.button(t("access.login"), on_click=st.login, type="primary")
    elif who.method == "password":
        with st.form("unlock"):
            password = st.text_input(t("access.password"), type="password")
            if st.form_submit_button(t("access.unlock"), type="primary"):
                attempt = access.check_password(password)
                if attempt.unlocked:
                    st.rerun()
                st.error(attempt.text(current_lang()))
    else:
        if who.problem:
            st.error(t(who.problem))
        st.markdown(t("access.how_to_enable"))


def show_rejection(problems: list[Problem], file_name: str) -> None:
    """Every problem (the first SHOWN_ERRORS on the page, all in the download), its text wrapped in full."""
    st.error(t("upload.rejected", n=len(problems)))
    uploads.text_table(uploads.problem_frame(problems[:SHOWN_ERRORS], current_lang()))
    if len(problems) > SHOWN_ERRORS:
        st.caption(t("upload.more_errors", shown=SHOWN_ERRORS, total=len(problems)))
    st.download_button(
        t("upload.download_errors"), problems_csv(problems, current_lang()), f"errors_{file_name}.csv", "text/csv"
    )


def show_notices(warnings: list[Problem]) -> None:
    """What the file will be read as, to check before confirming: one notice per column and value, with its
    rows (a district name read as another spelling), or per row."""
    if not warnings:
        return
    st.warning(t("upload.notices", n=len(warnings)))
    uploads.text_table(uploads.problem_frame(warnings[:SHOWN_ERRORS], current_lang()))
    if len(warnings) > SHOWN_ERRORS:
        st.caption(t("upload.more_notices", shown=SHOWN_ERRORS, total=len(warnings)))


def show_difference(diff: pd.DataFrame) -> None:
    """The dry run's difference per quarter and district, with names and cases referred."""
    st.dataframe(uploads.difference_frame(diff, current_lang()), hide_index=True, width="stretch")
    st.caption(t("upload.diff_note"))


def problems_of(records: list[dict]) -> list[Problem]:
    """Problems as the child's JSON summary lists them, so they can be shown in the reader's language."""
    return [Problem(r["row"], r["column"], r["value"], r["code"], r.get("params") or {}) for r in records]


def step_text(step: str) -> str:
    """A step of the child's progress in the reader's language (a step this page does not know reads "checking")."""
    return t(STEPS[step]) if step in STEPS else t("upload.checking")


def run(args: list[str]) -> commands.Completed:
    """Run ``python -m etl`` with a progress bar that follows its steps."""
    bar = st.progress(0.0, text=t("upload.checking"))
    try:
        return commands.run_etl(
            [*args, "--json", "--db", DB],
            lambda fraction, step: bar.progress(min(fraction, 1.0), text=step_text(step)),
        )
    finally:
        bar.empty()


def outcome(done: commands.Completed, file_name: str) -> dict | None:
    """The child's summary when it succeeded (a publish that failed is said, the load stands); else say why."""
    if done.returncode in (DONE, PUBLISH_FAILED) and done.payload is not None:
        if done.returncode == PUBLISH_FAILED:
            st.warning(t("upload.publish_failed"))
        return done.payload
    if done.returncode == REJECTED and done.payload is not None:
        show_rejection(problems_of(done.payload["errors"]), file_name)
    elif done.returncode == NOT_READY:
        st.error(t("upload.not_ready", reason=" ".join(done.messages)))
    else:
        st.error(t("upload.failed", reason=" ".join(done.messages[-2:])))
    return None


def check(kind: str, content: bytes, file_name: str, who: str, *, dry_run: bool) -> dict | None:
    """Validate (and unless ``dry_run`` load and publish) the file in a child process; None when it failed."""
    with tempfile.TemporaryDirectory(prefix="safespace-upload-") as folder:
        path = Path(folder) / Path(file_name).name  # the history records the file's own name
        path.write_bytes(content)
        args = ["load", kind, str(path), "--by", who or "analyst"]
        return outcome(run([*args, "--dry-run"] if dry_run else args), file_name)


def publish_state() -> None:
    """Whether the figures viewers see are the latest: when they were published, and why the last publish
    failed if it did."""
    snapshot = published_path(DB)
    if snapshot.exists():
        st.caption(t("sidebar.published", date=datetime_label(read.meta(snapshot).published_at)))
    status = read.publish_status(snapshot)
    if status is not None and not status.ok:
        st.error(t("upload.last_publish_failed", reason=status.error or ""))


def undo(action: str, load_id: int, who: access.Access, force: bool = False) -> None:
    """Revert or restore a load in a child process (which publishes); the outcome is said after the rerun,
    with the form cleared, so a second click cannot revert the next load by accident."""
    args = [action, str(int(load_id)), "--by", who.who or "analyst", *(["--force"] if force else [])]
    done = run(args)
    if done.returncode == REJECTED and done.payload is not None:
        st.error(" ".join(problem.text(current_lang()) for problem in problems_of(done.payload["errors"])))
    elif (summary := outcome(done, "")) is not None:
        st.session_state[OUTCOME_KEY] = summary["outcome"]
        st.session_state[NONCE_KEY] = st.session_state.get(NONCE_KEY, 0) + 1  # new forms: nothing ticked
        st.rerun()


def history(who: access.Access) -> None:
    loads = load_history(DB)
    st.subheader(t("upload.history"))
    if loads.empty:
        st.caption(t("upload.no_history"))
        return
    st.dataframe(history_table(loads), hide_index=True, width="stretch")
    nonce = st.session_state.get(NONCE_KEY, 0)
    names = loads.set_index("load_id")["file_name"]

    def choice(key: str, ids: pd.Series) -> int | None:
        """A load chosen on purpose: nothing is preselected."""
        return st.selectbox(
            t(key),
            ids.tolist(),
            index=None,
            format_func=lambda i: f"{i}: {names[i]}",
            placeholder=t("upload.choose_load"),
        )

    revertible = loads[(loads["status"] == "active") & loads["kind"].isin(REVERTIBLE)]["load_id"]
    if not revertible.empty:
        with st.form(f"revert_{nonce}"):
            load_id = choice(N_("upload.revert_which"), revertible)
            sure = st.checkbox(t("upload.revert_sure"))
            force = st.checkbox(t("upload.revert_force"))
            if st.form_submit_button(t("upload.revert")) and sure and load_id is not None:
                undo("revert", load_id, who, force)
    reverted = loads[loads["status"] == "reverted"]["load_id"]
    if not reverted.empty:
        with st.form(f"restore_{nonce}"):
            load_id = choice(N_("upload.restore_which"), reverted)
            if st.form_submit_button(t("upload.restore")) and load_id is not None:
                undo("restore", load_id, who)


through_dashboard()
DB = str(db_path())
who = access.current_access()

st.title(t("upload.title"))
if not who.analyst:
    sign_in(who)
    st.stop()
if who.method == "local":
    st.warning(t("access.local_banner"), icon=":material/lock_open:")

# --- Choose the kind of file, with its template -----------------------------
lang = current_lang()  # fixed now: Streamlit may call format_func outside this run
kind = st.radio(t("upload.kind"), list(uploads.KINDS), format_func=lambda k: t(uploads.KINDS[k], lang), horizontal=True)
st.download_button(t("upload.template"), (TEMPLATES / f"{kind}.csv").read_bytes(), f"template_{kind}.csv", "text/csv")
with st.expander(t("upload.formats")):
    st.markdown(prose(uploads.FORMATS[kind]))

# --- Dry run, then confirm ------------------------------------------------------
if DONE_KEY in st.session_state:
    st.success(t("upload.loaded", load_id=st.session_state.pop(DONE_KEY)))
if OUTCOME_KEY in st.session_state:  # what a revert or restore changed, in the reader's language
    record = st.session_state.pop(OUTCOME_KEY)
    st.success(Outcome(**{k: v for k, v in record.items() if k != "message"}).text(current_lang()))
nonce = st.session_state.get(NONCE_KEY, 0)
st.html(uploads.dropzone_words(TYPES))  # Streamlit's own words in the box, in the reader's language
upload = st.file_uploader(t("upload.file"), type=TYPES, key=f"file_{kind}_{nonce}")
if upload is not None:
    content = upload.getvalue()
    result = check(kind, content, upload.name, who.who, dry_run=True)
    if result is not None:
        if result["unchanged"]:
            st.info(t("upload.unchanged"))
        else:
            st.success(t("upload.valid", rows=result["rows"], quarters=", ".join(result["quarters"]) or "–"))
            show_notices(problems_of(result["warnings"]))
            if result["diff"]:
                show_difference(diff_frame(result["diff"]))
            if st.button(t("upload.confirm"), type="primary"):
                loaded = check(kind, content, upload.name, who.who, dry_run=False)
                if loaded is not None:  # start afresh: an empty uploader and the new load in the history
                    st.session_state[DONE_KEY] = loaded["load_id"]
                    st.session_state[NONCE_KEY] = st.session_state.get(NONCE_KEY, 0) + 1
                    st.rerun()

# --- Publishing, load history and revert ------------------------------------------
publish_state()
history(who)
