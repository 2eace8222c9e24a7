"""Every text a user reads, in Thai (the default) and English, and number formatting.

``t(key, **fmt)`` picks the language held in ``st.session_state["lang"]``
(set by the sidebar's language switch) unless ``lang=`` is given, and fills
``str.format`` placeholders. The texts live in the gettext catalogs
``locale/<lang>/LC_MESSAGES/ui.po`` (the msgid is the key) and the long ones
in ``locale/<lang>/texts/*.md`` (:func:`prose`); see :mod:`core.translations`.
Category codes stored by the warehouse (core/codes.py) are labelled through
:func:`label`. A key the code builds at run time is written out once, marked
with :func:`N_`, so ``make extract`` finds it.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core import translations
from core.translations import N_

__all__ = [
    "DEFAULT_LANG",
    "LABELS",
    "LANGS",
    "LANG_NAMES",
    "LEVELS",
    "LEVELS_SHORT",
    "N_",
    "current_lang",
    "label",
    "number",
    "prose",
    "t",
]

LANGS = ("th", "en")
# Each language is named in itself, the same on every screen, so a reader finds their own.
LANG_NAMES = {"th": "ไทย", "en": "English"}
DEFAULT_LANG = "th"

# Need and coverage classes (1 low .. 3 high), in full and short.
LEVELS = {1: N_("level.1"), 2: N_("level.2"), 3: N_("level.3")}
LEVELS_SHORT = {1: N_("level.short.1"), 2: N_("level.short.2"), 3: N_("level.short.3")}

# The label key of each stored category code (core/codes.py), one mapping per kind.
LABELS: dict[str, dict[str, str]] = {
    "violence": {
        "physical": N_("violence.physical"),
        "psychological": N_("violence.psychological"),
        "sexual": N_("violence.sexual"),
        "neglect": N_("violence.neglect"),
        "other": N_("violence.other"),
    },
    "victim": {
        "child": N_("victim.child"),
        "woman": N_("victim.woman"),
        "man": N_("victim.man"),
        "elder": N_("victim.elder"),
        "unknown": N_("victim.unknown"),
    },
    "service": {
        "safe_space": N_("service.safe_space"),
        "shelter": N_("service.shelter"),
        "oscc": N_("service.oscc"),
        "health_centre": N_("service.health_centre"),
        "hospital": N_("service.hospital"),
        "police": N_("service.police"),
        "social_welfare": N_("service.social_welfare"),
        "ngo": N_("service.ngo"),
        "other": N_("service.other"),
    },
    # Map classification schemes (core.codes.CLASS_SCHEMES)
    "scheme": {
        "quantiles": N_("hotspots.scheme.quantiles"),
        "natural_breaks": N_("hotspots.scheme.natural_breaks"),
        "equal_interval": N_("hotspots.scheme.equal_interval"),
    },
    # Getis-Ord Gi* and Local Moran classes (published by geo/hotspots.py)
    "gi": {
        "hot_99": N_("gi.hot_99"),
        "hot_95": N_("gi.hot_95"),
        "not_significant": N_("gi.not_significant"),
        "cold_95": N_("gi.cold_95"),
        "cold_99": N_("gi.cold_99"),
    },
    "lisa": {
        "high_high": N_("lisa.high_high"),
        "low_low": N_("lisa.low_low"),
        "high_low": N_("lisa.high_low"),
        "low_high": N_("lisa.low_high"),
        "not_significant": N_("lisa.not_significant"),
    },
}


def current_lang() -> str:
    """The language the user chose (``st.session_state["lang"]``), Thai by default."""
    chosen = st.session_state.get("lang", DEFAULT_LANG)
    return chosen if chosen in LANGS else DEFAULT_LANG


def t(key: str, /, lang: str | None = None, **fmt: object) -> str:
    """The text for ``key`` in ``lang`` (default: the user's), with ``fmt`` filled in.

    >>> t("legend.suppressed", lang="en", top=4)
    'Suppressed (1–4 cases)'
    """
    return translations.message("ui", key, lang or current_lang(), fmt)


def prose(name: str, /, lang: str | None = None, **fmt: object) -> str:
    """The long Markdown text ``name`` (``locale/<lang>/texts/<name>.md``) with ``fmt`` filled in.

    >>> prose("upload-population", lang="en").startswith("One row per district")
    True
    """
    return translations.prose(name, lang or current_lang(), **fmt)


def label(kind: str, code: str, lang: str | None = None) -> str:
    """The label of a stored category code: ``kind`` is violence, victim, service, scheme, gi or lisa.

    >>> label("victim", "elder", lang="th")
    'ผู้สูงอายุ'
    """
    return t(LABELS[kind][code], lang)


def number(value: float | None, digits: int = 0, lang: str | None = None) -> str:
    """A figure for display; a missing one reads "no data".

    Thai official statistics use Arabic digits with the same comma grouping
    and decimal point as English, so only the missing-value word differs.

    >>> number(12345.678, 1, lang="th"), number(float("nan"), lang="en")
    ('12,345.7', 'no data')
    """
    if pd.isna(value):
        return t("value.no_data", lang)
    return f"{value:,.{digits}f}"
