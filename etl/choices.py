"""How a message lists the values a column accepts: each code with the Thai words that mean it.

A reader of the Thai message should find the Thai words a file may use (ร่างกาย, not only physical),
and a reader of the English one learns that they are accepted too. No pandas: the cases loader imports it.
"""

from __future__ import annotations

import re

__all__ = ["allowed"]

_THAI = re.compile("[\u0e00-\u0e7f]")


def allowed(words: dict[str, str]) -> str:
    """The codes of ``words`` (text -> code) in their first order, each with its Thai words in brackets.

    >>> allowed({"physical": "physical", "sexual": "sexual", "ร่างกาย": "physical", "ทางร่างกาย": "physical"})
    'physical (ร่างกาย / ทางร่างกาย), sexual'
    """
    thai: dict[str, list[str]] = {}
    for text, code in words.items():
        thai.setdefault(code, [])
        if _THAI.search(text):
            thai[code].append(text)
    return ", ".join(f"{code} ({' / '.join(names)})" if names else code for code, names in thai.items())
