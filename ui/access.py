"""Who may do what: viewers browse every page; analysts also upload and revert.

The analyst role comes from, in this order:

1. OpenID Connect: ``[auth]`` in ``.streamlit/secrets.toml``; the signed-in
   e-mail must be on the allow-list (``[safespace] analyst_emails`` or
   ``SAFESPACE_ANALYST_EMAILS``, comma-separated).
2. An analyst password, stored only as a salted hash (``[safespace]
   analyst_password_hash`` or ``SAFESPACE_ANALYST_PASSWORD_HASH``; make one
   with ``python -m etl hash-password``). Failed tries slow down further
   tries for everyone, so a new browser session does not reset the count.
3. Local mode, an explicit opt-in (``SAFESPACE_LOCAL_MODE=1``, set by
   ``make run``), honoured only while the server listens on loopback. The
   bind address alone never grants anything: a reverse proxy on the same
   machine would make every visitor look local.

With none of these, uploading is off and the page says how to turn it on.
"""

from __future__ import annotations

import getpass
import os
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import streamlit as st

from etl.passwords import verify_password

__all__ = ["THROTTLE", "Access", "Throttle", "current_access", "local_mode", "password_hash", "try_password"]

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
UNLOCKED_KEY = "analyst_unlocked"

Method = Literal["oidc", "password", "local", "none"]


@dataclass(frozen=True)
class Access:
    analyst: bool
    method: Method  # how analysts sign in on this server ("none": uploading is off)
    who: str | None = None  # recorded as loaded_by / reverted_by
    problem: str | None = None  # an i18n key explaining why local mode is refused


class Throttle:
    """Slow down password guessing: after ``free`` failures, each try waits twice as long (capped).

    >>> clock = iter([0.0, 0.0, 0.0, 0.0, 1.0, 5.0]).__next__
    >>> throttle = Throttle(free=3, cap=30, clock=clock)
    >>> for _ in range(4):
    ...     throttle.failed()
    >>> throttle.wait_seconds(), throttle.wait_seconds()
    (1.0, 0)
    """

    def __init__(self, free: int = 3, cap: float = 30.0, clock=time.monotonic):
        self.free, self.cap, self.clock = free, cap, clock
        self._failures = 0
        self._last = 0.0
        self._lock = threading.Lock()

    def wait_seconds(self) -> float:
        """Seconds to wait before the next try is even checked (0: go ahead)."""
        with self._lock:
            if self._failures < self.free:
                return 0
            delay = min(self.cap, 2.0 ** (self._failures - self.free))
            return max(0, round(self._last + delay - self.clock(), 1))

    def failed(self) -> None:
        with self._lock:
            self._failures += 1
            self._last = self.clock()

    def succeeded(self) -> None:
        with self._lock:
            self._failures = 0


THROTTLE = Throttle()  # one per server process, shared by every session


def _secrets() -> Mapping:
    """``st.secrets``, or nothing when there is no secrets.toml."""
    try:
        return st.secrets.to_dict()
    except FileNotFoundError:  # StreamlitSecretNotFoundError is one
        return {}


def _setting(name: str, env: str) -> str | list | None:
    return _secrets().get("safespace", {}).get(name) or os.environ.get(env) or None


def _oidc_configured() -> bool:
    return "auth" in _secrets()


def _analyst_emails() -> set[str]:
    listed = _setting("analyst_emails", "SAFESPACE_ANALYST_EMAILS") or []
    if isinstance(listed, str):
        listed = listed.split(",")
    return {email.strip().lower() for email in listed if email.strip()}


def local_mode() -> tuple[bool, str | None]:
    """Whether local mode is on, or the i18n key saying why it is refused."""
    if os.environ.get("SAFESPACE_LOCAL_MODE", "").lower() not in {"1", "true", "yes"}:
        return False, None
    if (st.get_option("server.address") or "") not in LOOPBACK:
        return False, "access.local_needs_loopback"
    return True, None


def password_hash() -> str | None:
    return _setting("analyst_password_hash", "SAFESPACE_ANALYST_PASSWORD_HASH")


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


def try_password(password: str) -> tuple[bool, float]:
    """Check a password under the throttle; returns (unlocked, seconds to wait before retrying)."""
    wait = THROTTLE.wait_seconds()
    if wait:
        return False, wait
    stored = password_hash()
    if stored and verify_password(password, stored):
        THROTTLE.succeeded()
        st.session_state[UNLOCKED_KEY] = True
        return True, 0
    THROTTLE.failed()
    return False, THROTTLE.wait_seconds()
