"""The machine the figures come from: CPU, cores, memory and software versions."""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

__all__ = ["describe", "summary"]


def _cpu_model(cpuinfo: str) -> str:
    """The first ``model name`` of /proc/cpuinfo.

    >>> _cpu_model("processor\\t: 0\\nmodel name\\t: Intel(R) Xeon(R) Processor\\n")
    'Intel(R) Xeon(R) Processor'
    """
    for line in cpuinfo.splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def _memory_gb(meminfo: str) -> float | None:
    """``MemTotal`` of /proc/meminfo in GiB.

    >>> _memory_gb("MemTotal:       24576000 kB\\n")
    23.4
    """
    for line in meminfo.splitlines():
        if line.startswith("MemTotal:"):
            return round(int(line.split()[1]) / 1024**2, 1)
    return None


def _read(path: str) -> str:
    try:
        return Path(path).read_text()
    except OSError:
        return ""


def _chromium() -> str | None:
    executable = shutil.which("chromium")
    if executable is None:
        return None
    result = subprocess.run([executable, "--version"], capture_output=True, text=True, timeout=30, check=False)
    return result.stdout.strip() or None


def describe() -> dict:
    """What the JSON records about the machine and the software."""
    return {
        "date_utc": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpu": _cpu_model(_read("/proc/cpuinfo")),
        "cores": os.cpu_count(),
        "memory_gb": _memory_gb(_read("/proc/meminfo")),
        "load_average_1_5_15": _read("/proc/loadavg").split()[:3],  # other work on the machine skews figures
        "os": platform.platform(),
        "python": platform.python_version(),
        "duckdb": version("duckdb"),
        "streamlit": version("streamlit"),
        "pydeck": version("pydeck"),
        "chromium": _chromium(),
    }


def summary(machine: dict) -> str:
    """One line for the top of the table."""
    return (
        f"{machine['cpu']}, {machine['cores']} cores, {machine['memory_gb']} GiB RAM; "
        f"Python {machine['python']}, DuckDB {machine['duckdb']}, Streamlit {machine['streamlit']}; "
        f"{machine['chromium'] or 'no Chromium'}; load average {' '.join(machine['load_average_1_5_15'])}; "
        f"{machine['date_utc']}"
    )
