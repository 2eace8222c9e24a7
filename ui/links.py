"""Views shared by link: the address carries the view, and follows every change.

``?quarter=2025Q2&window=4q&district=1002&lang=en`` opens the dashboard on that
quarter, window, district filter and language; a page adds its own choices
(Hotspots: ``view``; Coverage: ``types`` and ``layers``). The first time a
session meets a parameter, :func:`asked` hands its value to the control it
names when the control offers that value; a value it does not offer is dropped
with a short notice (:func:`notice`), never an error, and the control keeps its
default. On every run :func:`show` writes the current choices back, so the
address bar always links to what is on screen.

A value from the address is only compared with the values a control offers,
never displayed: the notice names the parameters, not what they held.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import streamlit as st

from ui.i18n import t

__all__ = ["asked", "asked_many", "notice", "refuse", "show", "take"]

_SEEN = "_links_seen"  # the parameters this session has already taken from its link
_REFUSED = "_links_refused"  # the parameters whose values could not be used, for the notice
SEPARATOR = ","  # between the values of a parameter that holds several (district=1001,1002)


def _first_sight(name: str) -> str | None:
    """The parameter's value in the address, the first time this session asks for it; else None."""
    seen = st.session_state.setdefault(_SEEN, set())
    if name in seen:
        return None
    seen.add(name)
    value = st.query_params.get(name)
    return None if value is None else str(value)


def refuse(name: str) -> None:
    """Note that the link's ``name`` could not be used; :func:`notice` will say so once."""
    refused = st.session_state.setdefault(_REFUSED, [])
    if name not in refused:
        refused.append(name)


def asked(name: str, allowed: Sequence[str] | Mapping[str, str]) -> str | None:
    """The value the link gives for ``name``, once per session, when it is one of ``allowed``.

    ``allowed`` may map the address's spellings to the control's values
    (``{"4q": "year"}``). None when the link does not give it (or gave it
    before); a value not allowed is refused (:func:`refuse`) and gives None.
    """
    value = _first_sight(name)
    if value is None:
        return None
    choices = allowed if isinstance(allowed, Mapping) else {v: v for v in allowed}
    if value not in choices:
        refuse(name)
        return None
    return choices[value]


def asked_many(name: str, allowed: Sequence[str]) -> list[str] | None:
    """The values the link gives for ``name`` (separated by commas), once per session; an empty value is
    an empty choice. Values not in ``allowed`` are dropped and the parameter refused; None when not given."""
    value = _first_sight(name)
    if value is None:
        return None
    values = [v.strip() for v in value.split(SEPARATOR) if v.strip()]
    kept = [v for v in dict.fromkeys(values) if v in allowed]
    if len(kept) < len(values):
        refuse(name)
    return kept


def take(name: str, key: str, allowed: Sequence[str]) -> None:
    """Hand the link's value for ``name`` to the control under ``key`` (once, when it is one of ``allowed``),
    before the control is drawn; a value not allowed leaves the control as it is, with the :func:`notice`."""
    if (value := asked(name, allowed)) is not None:
        st.session_state[key] = value
    notice()


def show(name: str, value: str | Sequence[str] | None) -> None:
    """Write the current choice into the address (several values joined by commas); None removes it."""
    text = value if value is None or isinstance(value, str) else SEPARATOR.join(value)
    if text is None:
        st.query_params.pop(name, None)
    elif st.query_params.get(name) != text:  # unchanged parameters are not rewritten
        st.query_params[name] = text


def notice() -> None:
    """Say once which parameters of the link could not be used (their controls are at their defaults)."""
    refused = st.session_state.pop(_REFUSED, [])
    if refused:
        st.info(t("links.refused", names=", ".join(refused)), icon=":material/link_off:")
