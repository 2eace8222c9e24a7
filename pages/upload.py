"""Upload data: analysts check a file (dry run), confirm it, and revert loads.

The page runs ``python -m etl load`` and ``revert`` in a child process
(:mod:`ui.commands`), so a file behaves exactly as on the command line, and
validation, loading and publishing never run in the server that serves
viewers. Analysts also see whether the last publish worked, and why not.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import streamlit as st

from db.connect import db_path
from etl.diff import diff_frame
from etl.history import load_history
from etl.problems import Problem, problems_csv
from etl.revert import Outcome
from ui import access, commands, uploads
from ui.commands import DONE, NOT_READY, PUBLISH_FAILED, REJECTED
from ui.entry import through_dashboard
from ui.i18n import current_lang, prose, t
from ui.revert_forms import history_with_forms
from ui.sign_in import sign_in

DONE_KEY = "upload_done"  # the load id just committed, shown once after the rerun
NONCE_KEY = "upload_nonce"  # new uploader and form keys clear the file and the ticks after a change
OUTCOME_KEY = "upload_outcome"  # what the last revert or restore changed, shown once after the rerun


def problems_of(records: list[dict]) -> list[Problem]:
    """Problems as the child's JSON summary lists them, so they can be shown in the reader's language."""
    return [Problem(r["row"], r["column"], r["value"], r["code"], r.get("params") or {}) for r in records]


def outcome(done: commands.Completed, file_name: str) -> dict | None:
    """The child's summary when it succeeded (a publish that failed is said, the load stands); else say why."""
    if done.returncode in (DONE, PUBLISH_FAILED) and done.payload is not None:
        if done.returncode == PUBLISH_FAILED:
            st.warning(t("upload.publish_failed"))
        return done.payload
    if done.returncode == REJECTED and done.payload is not None:
        problems = problems_of(done.payload["errors"])
        uploads.show_rejection(problems, problems_csv(problems, lang), file_name, lang)
    elif done.returncode == NOT_READY:
        st.error(t("upload.not_ready", reason=" ".join(done.messages)))
    else:
        st.error(t("upload.failed", reason=" ".join(done.messages[-2:])))
    return None


def check(kind: str, content: bytes, file_name: str, *, dry_run: bool) -> dict | None:
    """Validate (and unless ``dry_run`` load and publish) the file in a child process; None when it failed."""
    with tempfile.TemporaryDirectory(prefix="safespace-upload-") as folder:
        path = Path(folder) / Path(file_name).name  # the history records the file's own name
        path.write_bytes(content)
        args = ["load", kind, str(path), "--by", user.name or "analyst", "--json", "--db", DB]
        return outcome(commands.run_with_progress([*args, "--dry-run"] if dry_run else args), file_name)


def undo(action: str, load_id: int, force: bool = False) -> None:
    """Revert or restore a load in a child process (which publishes); the outcome is said after the rerun,
    with the form cleared, so a second click cannot revert the next load by accident."""
    args = [action, str(int(load_id)), "--by", user.name or "analyst", *(["--force"] if force else [])]
    done = commands.run_with_progress([*args, "--json", "--db", DB])
    if done.returncode == REJECTED and done.payload is not None:
        st.error(" ".join(problem.text(lang) for problem in problems_of(done.payload["errors"])))
    elif (summary := outcome(done, "")) is not None:
        st.session_state[OUTCOME_KEY] = summary["outcome"]
        st.session_state[NONCE_KEY] = st.session_state.get(NONCE_KEY, 0) + 1  # new forms: nothing ticked
        st.rerun()


through_dashboard()  # no snapshot here: the page works on the warehouse, with or without one
DB = str(db_path())
lang = current_lang()  # fixed now: Streamlit may call format_func outside this run
user = access.current_access()

st.title(t("upload.title"))
if not user.analyst:
    sign_in(user)
    st.stop()
if user.method == "local":
    st.warning(t("access.local_banner"), icon=":material/lock_open:")

# --- Choose the kind of file, with its template -----------------------------
kind = st.radio(t("upload.kind"), list(uploads.KINDS), format_func=lambda k: t(uploads.KINDS[k], lang), horizontal=True)
template = (uploads.TEMPLATES / f"{kind}.csv").read_bytes()
st.download_button(t("upload.template"), template, f"template_{kind}.csv", "text/csv")
with st.expander(t("upload.formats")):
    st.markdown(prose(uploads.FORMATS[kind]))

# --- Dry run, then confirm ------------------------------------------------------
if DONE_KEY in st.session_state:
    st.success(t("upload.loaded", load_id=st.session_state.pop(DONE_KEY)))
if OUTCOME_KEY in st.session_state:  # what a revert or restore changed, in the reader's language
    record = st.session_state.pop(OUTCOME_KEY)
    st.success(Outcome(**{k: v for k, v in record.items() if k != "message"}).text(lang))
nonce = st.session_state.get(NONCE_KEY, 0)
st.html(uploads.dropzone_words(uploads.TYPES))  # Streamlit's own words in the box, in the reader's language
upload = st.file_uploader(t("upload.file"), type=uploads.TYPES, key=f"file_{kind}_{nonce}")
if upload is not None:
    content = upload.getvalue()
    result = check(kind, content, upload.name, dry_run=True)
    if result is not None:
        if result["unchanged"]:
            st.info(t("upload.unchanged"))
        else:
            st.success(t("upload.valid", rows=result["rows"], quarters=", ".join(result["quarters"]) or "–"))
            uploads.show_notices(problems_of(result["warnings"]), lang)
            if result["diff"]:
                uploads.show_difference(diff_frame(result["diff"]), lang)
            if st.button(t("upload.confirm"), type="primary"):
                loaded = check(kind, content, upload.name, dry_run=False)
                if loaded is not None:  # start afresh: an empty uploader and the new load in the history
                    st.session_state[DONE_KEY] = loaded["load_id"]
                    st.session_state[NONCE_KEY] = st.session_state.get(NONCE_KEY, 0) + 1
                    st.rerun()

# --- Publishing, load history and revert ------------------------------------------
uploads.publish_state(DB)
history_with_forms(load_history(DB), nonce, undo)
