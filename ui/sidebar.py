"""The frame every page shares: the sidebar's choices and the banner above each page.

dashboard.py calls :func:`language` first (so even an error message is in the
chosen language), then :func:`frame` before running the page. Pages read the
user's choices through three small functions:

- :func:`period`: the window of quarters to show (a :class:`Period`, whose
  ``span`` names it in the snapshot), None without case data. ``period().end`` is the quarter on the slider; the
  window is that quarter alone, the four quarters ending with it (the
  default: one district's quarterly count is small and mostly suppressed),
  or the Thai fiscal year up to it.
- :func:`chosen_districts`: the district codes picked in the filter (empty:
  all districts); :func:`filter_districts` narrows a table to them.
- :func:`chosen_quarter`: the quarter on the slider, as before.

Quarter labels follow the period style chosen here by themselves
(:func:`ui.periods.quarter_label` reads it), so pages need not pass it on.
Every choice lives in ``st.session_state`` under the ``*_KEY`` names, which
tests set as a user would.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Literal

import pandas as pd
import streamlit as st

from core import quarters
from db import read
from ui import links, loaders
from ui.i18n import DEFAULT_LANG, LANG_NAMES, LANGS, N_, current_lang, t
from ui.periods import (
    STYLE_KEY,
    bangkok_date,
    current_style,
    date_label,
    datetime_label,
    quarter_label,
    short_label,
    window_label,
    year,
)

__all__ = [
    "CONTEXT_KEY",
    "DISTRICTS_KEY",
    "LANG_KEY",
    "PLAYING_KEY",
    "PLAY_SECONDS",
    "QUARTER_KEY",
    "STYLE_KEY",
    "WINDOWS",
    "WINDOW_KEY",
    "Period",
    "Window",
    "chosen_districts",
    "chosen_quarter",
    "context_layers",
    "filter_districts",
    "frame",
    "language",
    "period",
    "show_context",
    "snapshot",
]

LANG_KEY = "lang"
QUARTER_KEY = "quarter"
WINDOW_KEY = "window"
DISTRICTS_KEY = "districts"
CONTEXT_KEY = "map_context"  # the river and main roads under every map
PLAYING_KEY = "playing"
_PLAYED_AT = "_played_at"  # monotonic time of the last step while playing
_SNAPSHOT = "_snapshot"  # the snapshot's path and version, read once per run by frame()

Window = Literal["quarter", "year", "fiscal"]
WINDOWS: tuple[Window, ...] = ("quarter", "year", "fiscal")
WINDOW_NAMES = {
    "quarter": N_("sidebar.window.quarter"),
    "year": N_("sidebar.window.year"),
    "fiscal": N_("sidebar.window.fiscal"),
}
STYLE_NAMES = {"fiscal": N_("sidebar.style.fiscal"), "calendar": N_("sidebar.style.calendar")}
DEFAULT_WINDOW: Window = "year"
YEAR = 4  # quarters in the "last four quarters" window
SPANS = {"quarter": "1q", "year": "4q", "fiscal": "fytd"}  # each window's name in the snapshot
PLAY_SECONDS = 2.0  # time on each quarter while playing: long enough to read the map


@dataclass(frozen=True)
class Period:
    """A window of consecutive calendar quarters, ``start`` to ``end`` (``'YYYYQn'``), and its label.

    ``label`` is in the language and period style of the run that made it;
    ``fiscal`` marks a Thai fiscal year up to ``end`` (it starts in October).
    """

    end: str
    start: str
    n_quarters: int
    label: str
    fiscal: bool = False

    @property
    def span(self) -> str:
        """The window's name in the published snapshot: ``1q``, ``4q`` or ``fytd``."""
        if self.n_quarters == 1:
            return "1q"
        return "fytd" if self.fiscal else "4q"

    @property
    def quarters(self) -> list[str]:
        """The window's quarters, oldest first."""
        return quarters.window(self.end, self.n_quarters)

    def previous(self) -> Period:
        """The window "vs previous" compares with: one quarter earlier, and for a fiscal year to date the same
        quarters of the previous fiscal year (:func:`core.quarters.previous_step`)."""
        return self.shifted(quarters.previous_step(self.span))

    def shifted(self, n: int) -> Period:
        """The window of the same length ``n`` quarters later (earlier when negative), for comparisons."""
        return _make_period(
            quarters.shift(self.end, n), quarters.shift(self.start, n), fiscal=self.fiscal and n % 4 == 0
        )


def _make_period(end: str, start: str, *, fiscal: bool = False) -> Period:
    """The period from ``start`` to ``end``: one quarter by its own label, a fiscal year to date by its
    fiscal year, any other window by its first and last month."""
    (end_year, end_q), (start_year, start_q) = quarters.split(end), quarters.split(start)
    n = (end_year - start_year) * 4 + end_q - start_q + 1
    if n == 1:
        label = quarter_label(end)
    elif fiscal:
        fiscal_year, q = quarters.fiscal(end)
        label = t("period.fiscal_to_date", fiscal_year=year(fiscal_year), q=q, window=window_label(end, n))
    else:
        label = window_label(end, n)
    return Period(end, start, n, label, fiscal)


def language() -> str:
    """The language switch (first, so even an error message is in the chosen language)."""
    if LANG_KEY not in st.session_state:
        st.session_state[LANG_KEY] = links.asked(LANG_KEY, LANGS) or DEFAULT_LANG
    chosen = st.sidebar.radio(t("sidebar.language"), LANGS, key=LANG_KEY, format_func=LANG_NAMES.get, horizontal=True)
    links.show(LANG_KEY, chosen)
    return chosen


# --- Play and step: callbacks run before the script, when the slider's state may still change ---


def _step(options: list[str]) -> None:
    """Move the slider one quarter on (the button is disabled at the last)."""
    at = options.index(st.session_state[QUARTER_KEY])
    st.session_state[QUARTER_KEY] = options[min(at + 1, len(options) - 1)]


def _toggle_play(options: list[str]) -> None:
    """Start playing (from the first quarter when at the last) or stop."""
    playing = not st.session_state.get(PLAYING_KEY, False)
    st.session_state[PLAYING_KEY] = playing
    if playing:
        if st.session_state[QUARTER_KEY] == options[-1]:
            st.session_state[QUARTER_KEY] = options[0]
        st.session_state[_PLAYED_AT] = time.monotonic()


def _play_tick(options: list[str]) -> None:
    """While playing, a timed fragment rerun moves one quarter on and reruns the app; stops at the last.

    The fragment body also runs in every full run, so it steps only when a
    whole interval has passed since the last step, not again right after it.
    """
    if time.monotonic() - st.session_state.get(_PLAYED_AT, 0.0) < PLAY_SECONDS * 0.9:
        return
    _step(options)
    st.session_state[_PLAYED_AT] = time.monotonic()
    if st.session_state[QUARTER_KEY] == options[-1]:
        st.session_state[PLAYING_KEY] = False
    st.rerun()


def _quarter_controls(options: list[str]) -> None:
    """The slider across the loaded quarters, with play and step buttons when there are several."""
    if st.session_state.get(QUARTER_KEY) not in options:  # a first visit, or a quarter gone with a reverted load
        st.session_state.pop(QUARTER_KEY, None)  # the slider starts at its default, the latest quarter
    if len(options) < 2:  # a slider needs two stops
        st.session_state[QUARTER_KEY], st.session_state[PLAYING_KEY] = options[0], False
    else:
        if st.session_state.get(PLAYING_KEY):  # before the slider: its state may change only until it is drawn
            st.fragment(_play_tick, run_every=PLAY_SECONDS)(options)
        lang, style = current_lang(), current_style()  # fixed now: format_func may run outside this run
        st.select_slider(
            t("sidebar.quarter"),
            options,
            # Also the default: when a language or style change relabels the options, the browser resets
            # the slider to its default, and the next interaction would send that back.
            value=st.session_state.get(QUARTER_KEY, options[-1]),
            key=QUARTER_KEY,
            format_func=lambda q: short_label(q, lang, style),
            help=t("sidebar.quarter_help"),
        )
        playing = st.session_state.get(PLAYING_KEY, False)
        play, step = st.columns(2)
        play.button(
            t("sidebar.pause") if playing else t("sidebar.play"),
            key="play",
            icon=":material/pause:" if playing else ":material/play_arrow:",
            on_click=_toggle_play,
            args=(options,),
            width="stretch",
        )
        step.button(
            t("sidebar.step"),
            key="step",
            icon=":material/skip_next:",
            on_click=_step,
            args=(options,),
            disabled=playing or chosen_quarter() == options[-1],
            width="stretch",
        )
    st.markdown(f"**{quarter_label(chosen_quarter())}**")


def _period_controls() -> None:
    """The window and the period style, each a single choice that cannot be left empty."""
    lang = current_lang()
    st.session_state.setdefault(WINDOW_KEY, DEFAULT_WINDOW)
    st.session_state.setdefault(STYLE_KEY, "fiscal")
    st.segmented_control(
        t("sidebar.window"),
        WINDOWS,
        key=WINDOW_KEY,
        required=True,
        format_func=lambda w: t(WINDOW_NAMES[w], lang),
        help=t("sidebar.window_help"),
        width="stretch",
    )
    st.segmented_control(
        t("sidebar.style"),
        tuple(STYLE_NAMES),
        key=STYLE_KEY,
        required=True,
        format_func=lambda s: t(STYLE_NAMES[s], lang),
    )


def _district_filter(path: str, version: str) -> None:
    """The district filter. Its options are labelled in both languages at once: the browser keeps the chosen
    labels, and a label that changed with the language would no longer match its district."""
    names = loaders.district_names(path, version)
    label_of = dict(zip(names["dist_code"], names["name_th"] + " (" + names["name_en"] + ")", strict=True))
    st.multiselect(
        t("sidebar.districts"),
        list(label_of),
        key=DISTRICTS_KEY,
        format_func=lambda code: label_of.get(code, str(code)),
        placeholder=t("sidebar.districts_all"),
    )


@dataclass(frozen=True)
class Snapshot:
    """The published snapshot this run reads: its path, its version (the cache key) and its :class:`read.Meta`."""

    path: str
    version: str
    meta: read.Meta


def _freshness(shown: Snapshot) -> None:
    """When the figures were published, and a warning when a later publish failed (the figures are older)."""
    st.caption(t("sidebar.published", date=datetime_label(shown.meta.published_at)))
    status = read.publish_status(shown.path)
    if status is not None and not status.ok and status.attempted_at.replace(tzinfo=None) > shown.meta.published_at:
        st.warning(t("sidebar.stale", date=datetime_label(status.attempted_at.replace(tzinfo=None))))


def frame(path: str, controls: bool = True) -> None:
    """The shared sidebar controls, the "data as of" lines, and the synthetic-data banner above the page.

    ``controls`` False leaves out the period, district and map controls, for a page that shows no data
    by period (Methods): controls that do nothing would mislead."""
    version = read.version(path)
    shown = st.session_state[_SNAPSHOT] = Snapshot(path, version, loaders.meta(path, version))
    options = loaders.quarters(path, version)
    with st.sidebar:
        if options and controls:
            _from_link(options, loaders.district_names(path, version)["dist_code"].tolist())
            _quarter_controls(options)
            if (chosen := period()) is not None and chosen.n_quarters > 1:
                st.caption(chosen.label)
            _period_controls()
            _district_filter(path, version)
            st.checkbox(t("sidebar.map_context"), value=True, key=CONTEXT_KEY)
            _to_link()
        elif not options:
            st.session_state.pop(QUARTER_KEY, None)
            st.caption(t("sidebar.no_cases"))
        if shown.meta.last_loaded is not None:
            st.caption(t("sidebar.data_as_of", date=date_label(bangkok_date(shown.meta.last_loaded))))
        if shown.meta.latest_quarter:
            st.caption(t("sidebar.latest_quarter", quarter=quarter_label(shown.meta.latest_quarter)))
        _freshness(shown)
    if shown.meta.synthetic:
        st.warning(t("banner.synthetic"), icon=":material/science:")
    links.notice()


# The address names windows as the snapshot does (1q, 4q, fytd); the sidebar's control by their meaning.
_WINDOW_OF_SPAN = {span: window for window, span in SPANS.items()}
QUARTER_PARAM, DISTRICT_PARAM = "quarter", "district"  # the address's names, as in ?quarter=2025Q2&district=1002


def _from_link(options: list[str], codes: list[str]) -> None:
    """The quarter, window and districts a shared link asks for, before their controls are drawn (once)."""
    if (quarter := links.asked(QUARTER_PARAM, options)) is not None:
        st.session_state[QUARTER_KEY], st.session_state[PLAYING_KEY] = quarter, False
    if (window := links.asked(WINDOW_KEY, _WINDOW_OF_SPAN)) is not None:
        st.session_state[WINDOW_KEY] = window
    if (districts := links.asked_many(DISTRICT_PARAM, codes)) is not None:
        st.session_state[DISTRICTS_KEY] = districts


def _to_link() -> None:
    """The address follows the sidebar: quarter, window and districts (none: all districts)."""
    links.show(QUARTER_PARAM, chosen_quarter())
    links.show(WINDOW_KEY, SPANS[st.session_state.get(WINDOW_KEY, DEFAULT_WINDOW)])
    links.show(DISTRICT_PARAM, chosen_districts() or None)


def snapshot() -> Snapshot:
    """The snapshot :func:`frame` read in this run: the pages' path, cache key and metadata."""
    return st.session_state[_SNAPSHOT]


def show_context() -> bool:
    """Whether the reader keeps the river and main roads under the maps (the default)."""
    return bool(st.session_state.get(CONTEXT_KEY, True))


def context_layers() -> list:
    """The river and main roads for under a map, when the reader keeps them on."""
    shown = snapshot()
    return loaders.context_layers(shown.path, shown.version) if show_context() else []


def chosen_quarter() -> str | None:
    """The quarter picked in the sidebar, None when there is no case data."""
    return st.session_state.get(QUARTER_KEY)


def period() -> Period | None:
    """The chosen window of quarters ending at the chosen quarter, labelled; None without case data."""
    end = chosen_quarter()
    if end is None:
        return None
    window = st.session_state.get(WINDOW_KEY, DEFAULT_WINDOW)
    if window == "quarter":
        return _make_period(end, end)
    if window == "fiscal":
        return _make_period(end, quarters.from_fiscal(quarters.fiscal(end)[0], 1), fiscal=True)
    return _make_period(end, quarters.shift(end, 1 - YEAR))


def chosen_districts() -> list[str]:
    """The district codes picked in the sidebar's filter; empty when all districts are shown."""
    return list(st.session_state.get(DISTRICTS_KEY) or [])


def filter_districts(table: pd.DataFrame, column: str = "dist_code") -> pd.DataFrame:
    """The rows of ``table`` whose ``column`` is a chosen district (all rows when none is chosen)."""
    chosen = chosen_districts()
    return table[table[column].isin(chosen)] if chosen else table
