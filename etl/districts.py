"""Resolve district names, as people write them, to district codes."""

from __future__ import annotations

import difflib
import re

import pandas as pd

__all__ = ["DistrictNames"]

_PREFIX = re.compile(r"^(เขต|khet)|(district|khet)$")


def _key(name: str) -> str:
    """Fold case, spaces, hyphens and the words เขต / Khet / District."""
    folded = re.sub(r"[\s\-_.]+", "", str(name)).lower()
    return _PREFIX.sub("", folded)


class DistrictNames:
    """Thai and English district names (any case, with or without เขต/Khet/District).

    >>> import pandas as pd
    >>> names = DistrictNames(pd.DataFrame({"dist_code": ["1002"], "name_th": ["ดุสิต"], "name_en": ["Dusit"]}))
    >>> names.code("เขตดุสิต"), names.code("DUSIT district"), names.code("Dusitt")
    ('1002', '1002', None)
    """

    def __init__(self, districts: pd.DataFrame):
        self._codes: dict[str, str] = {}
        self._labels: dict[str, str] = {}
        for row in districts.itertuples():
            for name in (row.name_th, row.name_en):
                self._codes[_key(name)] = row.dist_code
                self._labels[_key(name)] = f"{row.name_en} / {row.name_th} ({row.dist_code})"

    def code(self, name: str) -> str | None:
        return self._codes.get(_key(name))

    def suggest(self, name: str, n: int = 3) -> list[str]:
        """The closest district names, for an error message."""
        close = difflib.get_close_matches(_key(name), list(self._labels), n=n, cutoff=0.5)
        return [self._labels[k] for k in dict.fromkeys(close)]
