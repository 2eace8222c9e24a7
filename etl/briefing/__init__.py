"""The quarterly briefing for executives: one or two A4 pages of published figures, as a PDF.

``python -m etl briefing --quarter Q [--window 1q|4q|fytd] --lang th|en`` and
the Overview page's download button both call :func:`briefing_pdf`. It reads
the published snapshot only (:mod:`db.read`), so the briefing shows exactly
what the dashboard shows, under the same disclosure control.

>>> default_path("2026Q2", "4q", "th")
PosixPath('briefing_2026Q2_4q_th.pdf')
"""

from __future__ import annotations

import os
from pathlib import Path

from etl.briefing.content import Briefing, gather

__all__ = ["Briefing", "briefing_pdf", "default_path", "gather", "write_briefing"]


def default_path(quarter: str, span: str, lang: str) -> Path:
    """``briefing_<quarter>_<window>_<lang>.pdf`` in the current folder."""
    return Path(f"briefing_{quarter}_{span}_{lang}.pdf")


def briefing_pdf(published: str | os.PathLike, quarter: str, span: str = "4q", lang: str = "th") -> bytes:
    """The PDF of the window ``span`` ending at ``quarter``, read from the snapshot ``published``.

    Raises :class:`etl.export.NoData` when the snapshot holds no cases for that window.
    """
    from etl.briefing.render import render_pdf  # fpdf2 and the font only when a PDF is really made

    return render_pdf(gather(published, quarter, span, lang))


def write_briefing(
    quarter: str,
    span: str = "4q",
    lang: str = "th",
    *,
    out: str | os.PathLike | None = None,
    published: str | os.PathLike | None = None,
    db: str | os.PathLike | None = None,
) -> Path:
    """Write the briefing to ``out`` (default :func:`default_path`); the snapshot is found as for exports."""
    from db.snapshot import published_path

    path = Path(out) if out is not None else default_path(quarter, span, lang)
    path.write_bytes(briefing_pdf(published_path(db, published), quarter, span, lang))
    return path
