"""Run ``python -m etl`` in a child process for the Upload page, with its progress as it comes.

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

from core import settings

__all__ = ["MEMORY_CAP_BYTES", "Completed", "run_etl"]

ROOT = Path(__file__).resolve().parent.parent
MEMORY_CAP_BYTES = 4 * 1024**3  # address space of the child: generous for a 50 MB file, fatal for a bomb


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
