"""Every setting the project reads from the environment, in one place.

Each setting is read when it is asked for, so a command or a test may change
the environment between calls. The dashboard's ``--db`` and ``--published``
arguments are applied with :func:`use`; they beat the environment in this
process and reach the Upload page's child process through
:func:`child_environment`. :data:`SETTINGS` lists them all (the README's
settings table is checked against it).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "DB",
    "DEBUG",
    "FIRST_QUARTER",
    "GEO_DIR",
    "PROGRESS",
    "PUBLISHED",
    "ROUND_TO",
    "SETTINGS",
    "SUPPRESS_BELOW",
    "Setting",
    "analyst_emails",
    "analyst_password_hash",
    "child_environment",
    "db_file",
    "db_retry_seconds",
    "debug",
    "first_quarter",
    "geo_dir",
    "local_mode_requested",
    "max_upload_mb",
    "progress_lines",
    "published_file",
    "round_to",
    "suppress_below",
    "use",
]

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Setting:
    """An environment variable and its default, as the README's settings table shows it."""

    name: str
    default: str


DB = Setting("SAFESPACE_DB", "data/safespace.duckdb")
PUBLISHED = Setting("SAFESPACE_PUBLISHED", "")  # empty: the warehouse's name with .published
GEO_DIR = Setting("SAFESPACE_GEO_DIR", "../shared/geo")
SUPPRESS_BELOW = Setting("SAFESPACE_SUPPRESS_BELOW", "5")
ROUND_TO = Setting("SAFESPACE_ROUND_TO", "5")
MAX_UPLOAD_MB = Setting("SAFESPACE_MAX_UPLOAD_MB", "50")
FIRST_QUARTER = Setting("SAFESPACE_FIRST_QUARTER", "2000Q1")
DB_RETRY_SECONDS = Setting("SAFESPACE_DB_RETRY_SECONDS", "5")
LOCAL_MODE = Setting("SAFESPACE_LOCAL_MODE", "")
ANALYST_EMAILS = Setting("SAFESPACE_ANALYST_EMAILS", "")
ANALYST_PASSWORD_HASH = Setting("SAFESPACE_ANALYST_PASSWORD_HASH", "")
PROGRESS = Setting("SAFESPACE_PROGRESS", "")
DEBUG = Setting("SAFESPACE_DEBUG", "")

SETTINGS = (
    DB,
    PUBLISHED,
    GEO_DIR,
    SUPPRESS_BELOW,
    ROUND_TO,
    MAX_UPLOAD_MB,
    FIRST_QUARTER,
    DB_RETRY_SECONDS,
    LOCAL_MODE,
    ANALYST_EMAILS,
    ANALYST_PASSWORD_HASH,
    PROGRESS,
    DEBUG,
)
_TRUE = {"1", "true", "yes"}
_chosen: dict[str, str] = {}  # --db / --published of the dashboard, by setting name


def _text(setting: Setting) -> str:
    """The setting's value: :func:`use` beats the environment beats the default."""
    return _chosen.get(setting.name) or os.environ.get(setting.name, "").strip() or setting.default


def _whole(setting: Setting) -> int:
    text = _text(setting)
    if not text.isdigit() or int(text) < 1:
        raise ValueError(
            f"{setting.name} must be a whole number of 1 or more (got {text!r}); unset it to use {setting.default}."
        )
    return int(text)


def use(*, db: str | os.PathLike | None = None, published: str | os.PathLike | None = None) -> None:
    """Make ``db`` and ``published`` (where given) beat the environment in this process and its children."""
    for setting, value in ((DB, db), (PUBLISHED, published)):
        if value:
            _chosen[setting.name] = str(value)


def child_environment() -> dict[str, str]:
    """The environment for a child process: this one's, with the choices made by :func:`use`."""
    return os.environ | _chosen


def db_file() -> Path:
    """The warehouse file (``SAFESPACE_DB``); a relative default is taken from the checkout."""
    text = _text(DB)
    return ROOT / text if text == DB.default else Path(text).expanduser()


def published_file() -> Path | None:
    """The snapshot file (``SAFESPACE_PUBLISHED``), or None to take the warehouse's name with .published."""
    text = _text(PUBLISHED)
    return Path(text).expanduser() if text else None


def geo_dir() -> Path:
    """The folder of the real reference files (``SAFESPACE_GEO_DIR``; default ``../shared/geo`` beside the checkout)."""
    text = _text(GEO_DIR)
    return ROOT.parent / "shared" / "geo" if text == GEO_DIR.default else Path(text).expanduser()


def suppress_below() -> int:
    """The threshold: counts from 1 up to this value minus one are hidden (``SAFESPACE_SUPPRESS_BELOW``).

    >>> suppress_below()
    5
    """
    return _whole(SUPPRESS_BELOW)


def round_to() -> int:
    """The base published counts are rounded to (``SAFESPACE_ROUND_TO``; 1 turns rounding off).

    >>> round_to()
    5
    """
    return _whole(ROUND_TO)


def max_upload_mb() -> float:
    """The size limit for one uploaded file, in megabytes (``SAFESPACE_MAX_UPLOAD_MB``).

    >>> max_upload_mb()
    50.0
    """
    return float(_text(MAX_UPLOAD_MB))


def first_quarter() -> str:
    """The earliest quarter an upload may hold, as written (``SAFESPACE_FIRST_QUARTER``; any accepted spelling)."""
    return _text(FIRST_QUARTER)


def db_retry_seconds() -> float:
    """How long a connection waits for a database another process holds (``SAFESPACE_DB_RETRY_SECONDS``)."""
    return float(_text(DB_RETRY_SECONDS))


def local_mode_requested() -> bool:
    """Whether local mode is asked for (``SAFESPACE_LOCAL_MODE``); the Upload page also checks the address."""
    return _text(LOCAL_MODE).lower() in _TRUE


def analyst_emails() -> str | None:
    """Comma-separated analysts' e-mail addresses (``SAFESPACE_ANALYST_EMAILS``), when set."""
    return _text(ANALYST_EMAILS) or None


def analyst_password_hash() -> str | None:
    """The analysts' password hash (``SAFESPACE_ANALYST_PASSWORD_HASH``), when set."""
    return _text(ANALYST_PASSWORD_HASH) or None


def progress_lines() -> bool:
    """Whether the command line reports progress as lines for the Upload page (``SAFESPACE_PROGRESS=lines``)."""
    return _text(PROGRESS) == "lines"


def debug() -> bool:
    """Whether the command line lets an internal error's traceback through (``SAFESPACE_DEBUG``)."""
    return bool(_text(DEBUG))
