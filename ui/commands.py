"""Run ``python -m etl`` in a child process for the Upload page, with its progress as it comes (a progress
bar that names each step in the reader's language: :func:`run_with_progress`).

Validation, loading and publishing run apart from the server: the server
never imports the statistics stack, a hostile file can exhaust only the
child (its address space is capped), and a crash there is one failed
request, not a dead server for every viewer.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import streamlit as st

from core import settings
from ui.i18n import N_, t

__all__ = [
    "DONE",
    "MEMORY_CAP_BYTES",
    "NOT_READY",
    "PUBLISH_FAILED",
    "REJECTED",
    "Completed",
    "run_etl",
    "run_with_progress",
]

ROOT = Path(__file__).resolve().parent.parent
MEMORY_CAP_BYTES = 4 * 1024**3  # address space of the child: generous for a 50 MB file, fatal for a bomb
# Exit codes of python -m etl (see etl/cli.py).
DONE, REJECTED, NOT_READY, PUBLISH_FAILED = 0, 1, 3, 4


@dataclass(frozen=True)
class Completed:
    """How a child ``python -m etl`` ended: its exit code, its JSON summary (if any) and its other messages."""

    returncode: int
    payload: dict | None
    messages: list[str] = field(default_factory=list)


def _cap_memory() -> None:  # runs in the child, before it starts Python
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP_BYTES, MEMORY_CAP_BYTES))


def run_etl(args: Sequence[str], progress: Callable[[float, str], None] = lambda f, s: None) -> Completed:
    """Run ``python -m etl *args`` (which should include ``--json``), passing its progress lines to ``progress``."""
    env = settings.child_environment() | {settings.PROGRESS.name: "lines", "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-m", "etl", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
        preexec_fn=_cap_memory,
    )
    output: list[str] = []
    reader = threading.Thread(target=lambda: output.append(child.stdout.read()), daemon=True)
    reader.start()  # stdout is read aside, so a long JSON summary never blocks the child
    messages = []
    for line in child.stderr:
        if line.startswith("PROGRESS "):
            _, fraction, step = line.split(maxsplit=2)
            progress(float(fraction), step.strip())
        elif line.strip():
            messages.append(line.rstrip())
    returncode = child.wait()
    reader.join()
    text = "".join(output).strip()
    try:
        payload = json.loads(text.splitlines()[-1]) if text else None
    except json.JSONDecodeError:
        payload, messages = None, [*messages, text]
    return Completed(returncode, payload, messages)


STEPS = {  # the child's progress steps (etl --progress)
    "reading": N_("upload.step.reading"),
    "validating": N_("upload.step.validating"),
    "comparing": N_("upload.step.comparing"),
    "districts": N_("upload.step.districts"),
    "pilots": N_("upload.step.pilots"),
    "writing": N_("upload.step.writing"),
    "done": N_("upload.step.done"),
}


def _step_text(step: str) -> str:
    """A step of the child's progress in the reader's language (a step this page does not know reads "checking")."""
    return t(STEPS[step]) if step in STEPS else t("upload.checking")


def run_with_progress(args: list[str]) -> Completed:
    """Run ``python -m etl *args`` with a progress bar that follows its steps, gone when it ends."""
    bar = st.progress(0.0, text=t("upload.checking"))
    try:
        return run_etl(args, lambda fraction, step: bar.progress(min(fraction, 1.0), text=_step_text(step)))
    finally:
        bar.empty()
