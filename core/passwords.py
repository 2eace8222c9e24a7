"""Salted password hashes for the analyst password (when OpenID Connect is not set up).

Here, not in etl/ or ui/, because both use it: `python -m etl hash-password` makes a
hash and ui/access.py checks one, and ui/ must not import etl/ (nor etl/ import ui/).

Only the hash is stored in the settings; ``python -m etl hash-password``
prints one. Hashes are PBKDF2-HMAC-SHA256 with a random 16-byte salt,
written ``pbkdf2_sha256$<iterations>$<salt hex>$<hash hex>``, and checked in
constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

__all__ = ["ITERATIONS", "hash_password", "verify_password"]

ITERATIONS = 600_000  # OWASP's 2023 advice for PBKDF2-HMAC-SHA256
SCHEME = "pbkdf2_sha256"


def _derive(password: str, salt: bytes, iterations: int) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)


def hash_password(password: str, *, iterations: int = ITERATIONS) -> str:
    """A new salted hash of ``password`` to put in the settings.

    >>> stored = hash_password("correct horse", iterations=1000)
    >>> stored.startswith("pbkdf2_sha256$1000$"), verify_password("correct horse", stored)
    (True, True)
    """
    if not password:
        raise ValueError("the password must not be empty")
    salt = secrets.token_bytes(16)
    return f"{SCHEME}${iterations}${salt.hex()}${_derive(password, salt, iterations).hex()}"


def verify_password(password: str, stored: str) -> bool:
    """True when ``password`` matches ``stored``; a malformed ``stored`` never matches.

    >>> verify_password("guess", hash_password("secret", iterations=1000))
    False
    """
    try:
        scheme, iterations, salt, expected = stored.strip().split("$")
        if scheme != SCHEME:
            return False
        actual = _derive(password, bytes.fromhex(salt), int(iterations))
        return hmac.compare_digest(actual, bytes.fromhex(expected))
    except ValueError:
        return False
