"""Read one sheet of a workbook in a separate process with a memory and CPU cap (run by etl/xlsx.py).

Usage: ``python etl/xlsx_child.py MEMORY_BYTES CPU_SECONDS [SHEET ...] < workbook.xlsx``

Prints ``{"header": [...], "columns": [[...], ...]}`` as JSON, every cell as
text (see :func:`text`), or ``{"error": "bad_excel"}``. A workbook that
needs more memory or time than allowed kills this process, not the server:
the reader (calamine, in Rust) aborts the process when an allocation fails.
Imports only the standard library and python_calamine, so the cap is spent
on the workbook and not on libraries.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import resource
import sys

__all__ = ["main", "text"]

MIDNIGHT = dt.time(0, 0)


def text(value: object) -> str:
    """A cell as the text an analyst sees: whole numbers without ``.0``, dates as ``YYYY-MM-DD``.

    >>> [text(v) for v in (None, 7.0, 13.7563, 1101700207366.0, True, dt.date(2025, 1, 31))]
    ['', '7', '13.7563', '1101700207366', 'TRUE', '2025-01-31']
    >>> text(dt.datetime(2025, 1, 31)), text(dt.datetime(2025, 1, 31, 13, 5))
    ('2025-01-31', '2025-01-31 13:05:00')
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == MIDNIGHT else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _read(content: bytes, sheet_names: list[str]) -> dict:
    import python_calamine

    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
        names = book.sheet_names
        if not names:
            return {"error": "bad_excel"}
        wanted = {name.lower(): name for name in names}
        chosen = next((wanted[n.lower()] for n in sheet_names if n.lower() in wanted), names[0])
        rows = book.get_sheet_by_name(chosen).to_python(skip_empty_area=True)
    except MemoryError:
        raise
    except Exception:  # damaged, password-protected or not a workbook: the same to the user
        return {"error": "bad_excel"}
    if not rows:
        return {"header": [], "columns": []}
    width = max(len(row) for row in rows)
    columns = [[text(row[i]) if i < len(row) else "" for row in rows[1:]] for i in range(width)]
    header = [text(rows[0][i]) if i < len(rows[0]) else "" for i in range(width)]
    return {"header": header, "columns": columns}


def main(argv: list[str]) -> int:
    memory, cpu = int(argv[0]), int(argv[1])
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
    content = sys.stdin.buffer.read()
    out = _read(content, argv[2:])
    sys.stdout.write(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
