"""Lines of text that fit a width, broken between words, Thai included.

Thai writes no spaces between words, so a renderer that breaks only at
spaces either overflows or cuts a word (or a syllable with its vowel and
tone marks) in two. Words are found with PyThaiNLP's dictionary tokenizer
(``newmm``: a bundled word list, nothing downloaded); a line may break after
a space or between two Thai words, never inside a number, an abbreviation
(ม.ค.) or next to a bracket.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["units", "wrap"]

_THAI = re.compile("[\u0e00-\u0e7f]")


def _thai(char: str) -> bool:
    return bool(_THAI.match(char))


def units(text: str) -> list[str]:
    """``text`` cut where a line may break; the pieces joined give ``text`` back.

    >>> units("ชุมชนนำร่องเปลี่ยนไป (ม.ค. 2568) -40.5 ต่อ")
    ['ชุมชน', 'นำร่อง', 'เปลี่ยนไป ', '(ม.ค. ', '2568) ', '-40.5 ', 'ต่อ']
    >>> units("Cases reported: 1,685")
    ['Cases ', 'reported: ', '1,685']
    """
    from pythainlp.tokenize import word_tokenize  # imported here: a second's start-up, only when Thai is set

    pieces: list[str] = []
    for token in word_tokenize(text, engine="newmm", keep_whitespace=True) if _THAI.search(text) else [text]:
        for part in re.split(r"(?<=\s)(?=\S)", token):  # an English run comes as one token: split at its spaces
            if not part:
                continue
            previous = pieces[-1] if pieces else ""
            breaks = not previous or previous[-1].isspace() or (_thai(previous[-1]) and _thai(part[0]))
            if breaks or part.isspace():
                if part.isspace() and pieces:
                    pieces[-1] += part  # a space stays at the end of its line
                else:
                    pieces.append(part)
            else:
                pieces[-1] += part
    return pieces


def wrap(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """``text`` as lines no wider than ``width`` by ``measure`` (a word wider than a line gets its own line).

    Trailing spaces are dropped; an explicit line break starts a new line.

    >>> wrap("one two three four", 9, len)
    ['one two', 'three', 'four']
    >>> wrap("ชุมชนนำร่องเปลี่ยนไป", 12, len)
    ['ชุมชนนำร่อง', 'เปลี่ยนไป']
    """
    lines: list[str] = []
    space = measure(" ")
    for paragraph in text.split("\n"):
        line, used = "", 0.0  # widths add up unit by unit: each unit is measured once (shaping is costly)
        for unit in units(paragraph):
            bare = measure(unit.rstrip())
            if line and used + bare > width:
                lines.append(line.rstrip())
                line, used = "", 0.0
            line, used = line + unit, used + bare + space * (len(unit) - len(unit.rstrip()))
        lines.append(line.rstrip())
    return lines
