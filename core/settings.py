"""Settings read from the environment that more than one layer needs."""

from __future__ import annotations

import os

__all__ = ["max_upload_mb"]


def max_upload_mb() -> float:
    """The size limit for one uploaded file: ``SAFESPACE_MAX_UPLOAD_MB`` megabytes (default 50).

    >>> max_upload_mb()
    50.0
    """
    return float(os.environ.get("SAFESPACE_MAX_UPLOAD_MB", "50"))
