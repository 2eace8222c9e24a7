"""The gettext catalogs under ``locale/`` and the long texts beside them, loaded once per language.

Two domains: ``ui`` (the dashboard, read by :mod:`ui.i18n`) and ``etl``
(ETL/CLI problems and the briefing, read by :mod:`etl.messages`). A msgid is
a key (``overview.title``); each language's catalog holds its text. The
compiled ``.mo`` is used when it is at least as new as its ``.po``;
otherwise the ``.po`` is compiled in memory with Babel, so the program runs
without ``make compile``. A key missing from a catalog raises ``KeyError``
rather than showing the key to a reader.

Long texts (the Methods page's prose, the upload formats) are Markdown
files, ``locale/<lang>/texts/<name>.md``, read by :func:`prose`. Both take
``str.format`` placeholders (``{name}``).
"""

from __future__ import annotations

import gettext
from functools import cache
from io import BytesIO
from pathlib import Path

__all__ = ["DOMAINS", "LOCALE_DIR", "N_", "catalog", "compile_po", "message", "prose", "prose_names"]

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAINS = ("ui", "etl")


def N_(key: str) -> str:  # gettext's name for "mark for extraction, translate later"
    """Mark ``key`` as a msgid for extraction (``make extract``) and return it unchanged.

    >>> N_("history.kind.load")
    'history.kind.load'
    """
    return key


class _Missing(gettext.NullTranslations):
    """The last fallback: a key no catalog holds is an error, never a text."""

    def gettext(self, message: str) -> str:
        raise KeyError(message)


def compile_po(po: Path) -> BytesIO:
    """The ``.po`` file compiled to ``.mo`` bytes in memory (fuzzy entries left out, as ``pybabel compile`` does)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as source:
        parsed = read_po(source)
    compiled = BytesIO()
    write_mo(compiled, parsed)
    compiled.seek(0)
    return compiled


@cache
def catalog(domain: str, lang: str, locale_dir: Path = LOCALE_DIR) -> gettext.GNUTranslations:
    """The catalog of ``domain`` in ``lang``: the compiled ``.mo`` if current, else the ``.po`` compiled in memory."""
    po = locale_dir / lang / "LC_MESSAGES" / f"{domain}.po"
    mo = po.with_suffix(".mo")
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        with mo.open("rb") as compiled:
            translations = gettext.GNUTranslations(compiled)
    else:
        translations = gettext.GNUTranslations(compile_po(po))
    translations.add_fallback(_Missing())
    return translations


def message(domain: str, key: str, lang: str, fmt: dict[str, object] | None = None) -> str:
    """The text of ``key`` in ``lang`` with ``fmt`` filled in; ``KeyError`` if the catalog lacks it."""
    text = catalog(domain, lang).gettext(key)
    return text.format(**fmt) if fmt else text


@cache
def _prose(name: str, lang: str) -> str:
    return (LOCALE_DIR / lang / "texts" / f"{name}.md").read_text(encoding="utf-8").strip()


def prose(name: str, lang: str, **fmt: object) -> str:
    """The long text ``locale/<lang>/texts/<name>.md`` with ``fmt`` filled in."""
    text = _prose(name, lang)
    return text.format(**fmt) if fmt else text


def prose_names(lang: str) -> set[str]:
    """The names of the long texts written in ``lang``."""
    return {path.stem for path in (LOCALE_DIR / lang / "texts").glob("*.md")}
