"""Resolve district names, as people write them, to district codes.

Thai names match with or without the prefix เขต; English names with or
without Khet/District, in any case, ignoring spaces and hyphens, and across
the usual romanisation variants (Khlong/Klong, Thon/Ton, Phaya/Paya,
Sathorn/Sathon, Toey/Toei, doubled letters, v/w, d/t), plus a few spellings BMA itself uses that no
rule reaches (Rajthevi).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

__all__ = ["DistrictNames", "skeleton"]

_PREFIX = re.compile(r"^(เขต|khet)|(district|khet)$")
# Common BMA spellings that folding alone does not reach.
ALIASES = {
    "rajthevi": "1037",
    "rajathevi": "1037",
    "pomprabsattrupai": "1008",
    "samphantawongse": "1013",
    "bangkholame": "1031",
    "laksri": "1041",
    "jatujak": "1030",
    "jatuchak": "1030",
    "prawes": "1032",
    "rasburana": "1024",
}


def _plain(name: str) -> str:
    """A name without spaces, hyphens, case and the word เขต/Khet/District: how it is written, not spelled."""
    return _PREFIX.sub("", re.sub(r"[\s\-_.'’]+", "", str(name)).lower())


def skeleton(name: str) -> str:
    """Fold a romanised or Thai name to a key that variant spellings share.

    >>> skeleton("Khlong San") == skeleton("klongsan"), skeleton("Vadhana") == skeleton("Wattana")
    (True, True)
    >>> skeleton("เขต ดุสิต") == skeleton("ดุสิต")
    True
    """
    folded = _plain(name)
    if not folded.isascii():
        return folded
    for before, after in (
        ("ee", "i"),
        ("oo", "u"),
        ("ue", "u"),
        ("y", "i"),
        ("rn", "n"),
        ("j", "ch"),
        ("h", ""),
        ("v", "w"),
        ("d", "t"),
    ):
        folded = folded.replace(before, after)
    return re.sub(r"(.)\1+", r"\1", folded)


class DistrictNames:
    """Look district codes up by name and suggest the closest names for a typo.

    >>> names = DistrictNames([("1002", "ดุสิต", "Dusit")])
    >>> names.code("เขตดุสิต"), names.code("DUSIT district"), names.code("Dusitt"), names.code("Bang Rak")
    ('1002', '1002', '1002', None)
    >>> names.read_as("Dusitt"), names.read_as("DUSIT district"), names.read_as("Bang Rak")
    ('Dusit / ดุสิต (1002)', None, None)
    """

    def __init__(self, districts: Iterable[tuple[str, str, str]]):
        """``districts``: (dist_code, name_th, name_en) for every district a name may mean."""
        self._codes: dict[str, str] = {skeleton(alias): code for alias, code in ALIASES.items()}
        self._labels: dict[str, str] = {}
        self._label_of: dict[str, str] = {}  # dist_code -> label
        self._written: set[str] = set()  # the official names as written (see _plain)
        for dist_code, name_th, name_en in districts:
            self._label_of[dist_code] = f"{name_en} / {name_th} ({dist_code})"
            for name in (name_th, name_en):
                self._codes[skeleton(name)] = dist_code
                self._labels[skeleton(name)] = self._label_of[dist_code]
                self._written.add(_plain(name))
        self._codes = {k: v for k, v in self._codes.items() if v in self._label_of}

    def code(self, name: str) -> str | None:
        return self._codes.get(skeleton(name))

    def read_as(self, name: str) -> str | None:
        """The district a name was read as when it is not one of the district names as written (a variant
        spelling, a doubled letter, an alias): its label, for a warning. None for an official or unknown name."""
        code = self.code(name)
        return None if code is None or _plain(name) in self._written else self._label_of[code]

    def suggest(self, name: str, n: int = 3) -> list[str]:
        """The closest district names, for an error message."""
        close = difflib.get_close_matches(skeleton(name), list(self._labels), n=n * 2, cutoff=0.5)
        return list(dict.fromkeys(self._labels[k] for k in close))[:n]
