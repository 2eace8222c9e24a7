"""Who may do what: viewers browse every page; analysts also upload and revert.

The analyst role comes from, in this order:

1. OpenID Connect: ``[auth]`` in ``.streamlit/secrets.toml``; the signed-in
   e-mail must be on the allow-list (``[safespace] analyst_emails`` or
   ``SAFESPACE_ANALYST_EMAILS``, comma-separated).
2. An analyst password, stored only as a salted hash (``[safespace]
   analyst_password_hash`` or ``SAFESPACE_ANALYST_PASSWORD_HASH``; make one
   with ``python -m etl hash-password``). Checks are bounded for the whole
   server (:class:`PasswordGate`), so a new browser session does not reset
   the count and parallel sessions cannot guess faster.
3. Local mode, an explicit opt-in (``SAFESPACE_LOCAL_MODE=1``, set by
   ``make run``), honoured only while the server listens on loopback. The
   bind address alone never grants anything: a reverse proxy on the same
   machine would make every visitor look local.

With none of these, uploading is off and the page says how to turn it on.
"""

from __future__ import annotations

import getpass
import math
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

import streamlit as st

from core import settings
from core.passwords import verify_password
from ui.i18n import N_, t

__all__ = [
    "GATE",
    "Access",
    "Attempt",
    "PasswordGate",
    "check_password",
    "current_access",
    "local_mode",
    "password_hash",
]

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
UNLOCKED_KEY = "analyst_unlocked"

Method = Literal["oidc", "password", "local", "none"]


@dataclass(frozen=True)
class Access:
    """Who is using this session: whether an analyst, how analysts sign in here, the name their loads are
    recorded under, and why local mode is refused if it is."""

    analyst: bool
    method: Method  # how analysts sign in on this server ("none": uploading is off)
    name: str | None = None  # recorded as loaded_by / reverted_by
    problem: str | None = None  # an i18n key explaining why local mode is refused


PER_MINUTE = 10  # password checks a minute for the whole server, right or wrong
FREE_FAILURES = 3  # consecutive wrong passwords before each further check waits
MAX_DELAY = 30.0  # seconds: the longest wait after a run of wrong passwords
QUEUE_SECONDS = 5.0  # how long a try waits for another one being checked before it is told "busy"

_TEXTS = {
    "busy": N_("access.attempt.busy"),
    "wrong_wait": N_("access.attempt.wrong_wait"),
    "wrong": N_("access.attempt.wrong"),
    "unlocked": N_("access.attempt.unlocked"),
}


@dataclass(frozen=True)
class Attempt:
    """The outcome of one password try.

    ``busy``: the password was **not** checked (too many tries on the server);
    ``wrong``: it was checked and does not match; ``unlocked``: it matched.
    ``wait`` is the whole seconds before the next try will be checked.
    """

    outcome: Literal["unlocked", "wrong", "busy"]
    wait: int = 0

    @property
    def unlocked(self) -> bool:
        return self.outcome == "unlocked"

    def text(self, lang: str = "en") -> str:
        """What to tell the person, in ``lang`` ("th" or "en").

        >>> Attempt("busy", 12).text("en")
        'Too many password tries on this server just now; yours was not checked. Try again in 12 s.'
        """
        key = "wrong_wait" if self.outcome == "wrong" and self.wait else self.outcome
        return t(_TEXTS[key], lang, seconds=self.wait)


class PasswordGate:
    """Bound password guessing for the whole server: one check at a time, ``per_minute`` a minute.

    Checking a password and counting it are one step under one lock, so
    parallel sessions cannot slip extra guesses in between. Beyond
    ``per_minute`` checks in the last 60 seconds, or while the delay after
    ``free`` consecutive wrong passwords runs (doubling from 1 s up to
    ``cap``), every try is answered "busy" without being checked, the right
    password included.

    >>> now = [0.0]
    >>> gate = PasswordGate(per_minute=2, clock=lambda: now[0])
    >>> [gate.attempt(lambda: False).outcome for _ in range(3)]
    ['wrong', 'wrong', 'busy']
    >>> gate.attempt(lambda: True), gate.attempt(lambda: True).wait
    (Attempt(outcome='busy', wait=60), 60)
    >>> now[0] = 60.0
    >>> gate.attempt(lambda: True).outcome
    'unlocked'
    """

    def __init__(
        self,
        per_minute: int = PER_MINUTE,
        free: int = FREE_FAILURES,
        cap: float = MAX_DELAY,
        clock=time.monotonic,
        queue_seconds: float = QUEUE_SECONDS,
    ):
        self.per_minute, self.free, self.cap, self.clock = per_minute, free, cap, clock
        self.queue_seconds = queue_seconds
        self._checks: deque[float] = deque()  # when each check of the last minute started
        self._failures = 0
        self._last_failure = 0.0
        self._lock = threading.Lock()

    def _wait(self, now: float) -> float:
        """Seconds before a check may run; call with the lock held."""
        while self._checks and now - self._checks[0] >= 60:
            self._checks.popleft()
        waits = [0.0]
        if len(self._checks) >= self.per_minute:
            waits.append(self._checks[0] + 60 - now)
        if self._failures >= self.free:
            waits.append(self._last_failure + min(self.cap, 2.0 ** (self._failures - self.free)) - now)
        return max(waits)

    def attempt(self, matches: Callable[[], bool]) -> Attempt:
        """Run ``matches`` (the password check) if the limits allow, and count it."""
        if not self._lock.acquire(timeout=self.queue_seconds):
            return Attempt("busy", math.ceil(self.queue_seconds))
        try:
            wait = self._wait(self.clock())
            if wait > 0:
                return Attempt("busy", math.ceil(wait))
            self._checks.append(self.clock())
            if matches():
                self._failures = 0
                return Attempt("unlocked")
            self._failures += 1
            self._last_failure = self.clock()
            return Attempt("wrong", math.ceil(self._wait(self._last_failure)))
        finally:
            self._lock.release()


GATE = PasswordGate()  # one per server process, shared by every session


def _secrets() -> Mapping:
    """``st.secrets``, or nothing when there is no secrets.toml."""
    try:
        return st.secrets.to_dict()
    except FileNotFoundError:  # StreamlitSecretNotFoundError is one
        return {}


def _setting(name: str, from_environment: Callable[[], str | None]) -> str | list | None:
    """``[safespace] name`` in secrets.toml beats the environment."""
    return _secrets().get("safespace", {}).get(name) or from_environment()


def _oidc_configured() -> bool:
    return "auth" in _secrets()


def _analyst_emails() -> set[str]:
    listed = _setting("analyst_emails", settings.analyst_emails) or []
    if isinstance(listed, str):
        listed = listed.split(",")
    return {email.strip().lower() for email in listed if email.strip()}


def local_mode() -> tuple[bool, str | None]:
    """Whether local mode is on, or the i18n key saying why it is refused."""
    if not settings.local_mode_requested():
        return False, None
    if (st.get_option("server.address") or "") not in LOOPBACK:
        return False, N_("access.local_needs_loopback")
    return True, None


def password_hash() -> str | None:
    return _setting("analyst_password_hash", settings.analyst_password_hash)


def current_access() -> Access:
    """The role of the person using this session."""
    if _oidc_configured():
        email = (st.user.get("email") or "").lower() if st.user.is_logged_in else ""
        return Access(bool(email) and email in _analyst_emails(), "oidc", email or None)
    if password_hash():
        return Access(bool(st.session_state.get(UNLOCKED_KEY)), "password", "analyst (password)")
    local, problem = local_mode()
    if local:
        return Access(True, "local", f"local user ({getpass.getuser()})")
    return Access(False, "none", problem=problem)


def check_password(password: str) -> Attempt:
    """Check a password under the server-wide limits; unlock this session when it matches.

    Show the person ``attempt.text(lang)``: a try that was not checked is
    answered "busy", never "wrong password".
    """
    stored = password_hash()
    attempt = GATE.attempt(lambda: bool(stored) and verify_password(password, stored))
    if attempt.unlocked:
        st.session_state[UNLOCKED_KEY] = True
    return attempt
