"""The dashboard's texts as a reader gets them: labels for every stored code, formatted figures, long texts.

Completeness of the catalogs (every key in Thai and English, none missing or unused) is checked in
tests/test_catalogs.py.
"""

from __future__ import annotations

import pytest

from core.codes import CLASS_SCHEMES, SERVICE_TYPES, VICTIM_GROUPS, VIOLENCE_TYPES
from ui.i18n import LABELS, LANGS, label, number, prose, t
from ui.palettes import GI_COLOURS, LISA_COLOURS


@pytest.mark.parametrize(
    ("kind", "codes"),
    [
        ("violence", VIOLENCE_TYPES),
        ("victim", VICTIM_GROUPS),
        ("service", SERVICE_TYPES),
        ("scheme", CLASS_SCHEMES),
        ("gi", tuple(GI_COLOURS)),
        ("lisa", tuple(LISA_COLOURS)),
    ],
)
def test_every_category_code_has_a_label(kind, codes):
    assert set(LABELS[kind]) == set(codes)
    for code in codes:
        assert label(kind, code, "th") != label(kind, code, "en")


def test_formatting():
    assert t("legend.suppressed", lang="th", top=4) == "ปกปิด (1–4 ราย)"
    assert label("victim", "elder", "en") == "Older person"
    assert number(1234567, lang="en") == "1,234,567"
    assert number(None, lang="th") == "ไม่มีข้อมูล"


def test_an_unknown_key_is_an_error():
    with pytest.raises(KeyError):
        t("no.such.key", lang="en")


@pytest.mark.parametrize("lang", LANGS)
def test_long_texts_fill_in_their_details(lang):
    text = prose("methods-privacy", lang, top=4, below=5, base=5, estimate="2.5", half=2.5)
    assert "{" not in text and "“<5”" in text
