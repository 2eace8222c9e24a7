"""Who may upload: password hashing, slowing down guesses, and the local-mode rule."""

import pytest
from streamlit import config

from etl.passwords import hash_password, verify_password
from ui.access import Throttle, local_mode


def test_hash_is_salted_and_verifies_only_the_right_password():
    first, second = (
        hash_password("analyst-password", iterations=1000),
        hash_password("analyst-password", iterations=1000),
    )
    assert first != second, "a random salt makes every hash different"
    assert verify_password("analyst-password", first) and verify_password("analyst-password", second)
    assert not verify_password("Analyst-password", first)
    assert not verify_password("analyst-password", "not a hash")


def test_failed_tries_make_the_next_try_wait_longer():
    now = [100.0]
    throttle = Throttle(free=3, cap=30, clock=lambda: now[0])
    for _ in range(3):
        throttle.failed()
    assert throttle.wait_seconds() == 1  # the fourth try waits 1 s
    throttle.failed()
    assert throttle.wait_seconds() == 2
    now[0] += 2
    assert throttle.wait_seconds() == 0
    for _ in range(20):
        throttle.failed()
    assert throttle.wait_seconds() == 30  # capped
    throttle.succeeded()
    assert throttle.wait_seconds() == 0


@pytest.mark.parametrize(
    ("setting", "address", "expected"),
    [
        ("1", "127.0.0.1", (True, None)),
        ("1", "0.0.0.0", (False, "access.local_needs_loopback")),
        ("1", None, (False, "access.local_needs_loopback")),
        ("", "127.0.0.1", (False, None)),  # listening on loopback alone grants nothing
    ],
)
def test_local_mode_needs_the_opt_in_and_a_loopback_address(monkeypatch, setting, address, expected):
    monkeypatch.setenv("SAFESPACE_LOCAL_MODE", setting)
    previous = config.get_option("server.address")
    config.set_option("server.address", address)
    try:
        assert local_mode() == expected
    finally:
        config.set_option("server.address", previous)
