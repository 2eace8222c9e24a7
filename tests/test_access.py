"""Who may upload: password hashing, bounding guesses for the whole server, and the local-mode rule."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from streamlit import config

from core.passwords import hash_password, verify_password
from ui.access import PER_MINUTE, Attempt, PasswordGate, local_mode


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
    gate = PasswordGate(per_minute=1000, free=3, cap=30, clock=lambda: now[0])
    assert [gate.attempt(lambda: False).wait for _ in range(3)] == [0, 0, 1]  # the fourth try waits 1 s
    now[0] += 1
    assert gate.attempt(lambda: False) == Attempt("wrong", 2)
    assert gate.attempt(lambda: True) == Attempt("busy", 2), "a try during the wait is not checked"
    now[0] += 2
    for _ in range(20):
        now[0] += 60
        gate.attempt(lambda: False)
    assert gate.attempt(lambda: True) == Attempt("busy", 30)  # capped
    now[0] += 30
    assert gate.attempt(lambda: True) == Attempt("unlocked")
    assert gate.attempt(lambda: False) == Attempt("wrong", 0)


def test_checks_are_bounded_per_minute_for_everyone_and_busy_is_never_called_wrong():
    now = [0.0]
    gate = PasswordGate(per_minute=PER_MINUTE, clock=lambda: now[0])
    for second in range(PER_MINUTE):
        now[0] = second
        assert gate.attempt(lambda odd=second % 2: odd == 1).outcome in {"wrong", "unlocked"}
    now[0] = 30.0
    checked = []
    busy = gate.attempt(lambda: checked.append(1) or True)
    assert busy == Attempt("busy", 30) and not checked, "the right password is not even checked"
    assert "not checked" in busy.text("en") and "Wrong" not in busy.text("en")
    assert "ยังไม่ได้ตรวจ" in busy.text("th")
    now[0] = 60.0  # the first check of the minute has aged out: one more may run
    assert gate.attempt(lambda: True).unlocked


def test_parallel_tries_are_checked_one_at_a_time_and_counted():
    gate = PasswordGate(per_minute=PER_MINUTE, free=1000, queue_seconds=30)
    running, most, checks = [0], [0], []
    lock = threading.Lock()

    def slow_wrong_check() -> bool:
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
            checks.append(1)
        time.sleep(0.02)
        with lock:
            running[0] -= 1
        return False

    with ThreadPoolExecutor(max_workers=16) as pool:
        outcomes = list(pool.map(lambda _: gate.attempt(slow_wrong_check).outcome, range(40)))
    assert most[0] == 1, "checks never overlap"
    assert len(checks) == PER_MINUTE == outcomes.count("wrong")
    assert outcomes.count("busy") == 40 - PER_MINUTE


def test_a_long_queue_is_told_busy_not_wrong():
    gate = PasswordGate(queue_seconds=0.05)
    started = threading.Event()

    def held() -> bool:
        started.set()
        time.sleep(0.5)
        return False

    with ThreadPoolExecutor(max_workers=2) as pool:
        first = pool.submit(gate.attempt, held)
        started.wait()
        assert gate.attempt(lambda: True).outcome == "busy"
        assert first.result().outcome == "wrong"


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
