"""Every text exists in Thai and English, and every key the code asks for exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from core.codes import SERVICE_TYPES, VICTIM_GROUPS, VIOLENCE_TYPES
from ui.i18n import LANGS, TEXT, label, number, t

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "dashboard.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "ui").glob("*.py"))]
# t("key"), and the page context's calls that take a text key (ui/context.py: open_page, require_period)
CALL = re.compile(r"""\b(?:t|open_page|require_period)\(\s*(["'])([^"'{}]+)\1""")


def keys_used() -> set[str]:
    return {match.group(2) for path in SOURCES for match in CALL.finditer(path.read_text(encoding="utf-8"))}


@pytest.mark.parametrize("key", sorted(TEXT))
def test_every_text_has_thai_and_english(key):
    assert set(TEXT[key]) == set(LANGS)
    assert all(TEXT[key][lang].strip() for lang in LANGS)


def test_thai_texts_are_in_thai():
    thai = re.compile("[\u0e00-\u0e7f]")
    without = [key for key, text in TEXT.items() if not thai.search(text["th"]) and not key.startswith("period.")]
    assert without == []


def test_every_key_used_in_the_code_exists():
    used = keys_used()
    assert {"overview.title", "legend.no_data", "sidebar.language"} <= used  # the scan finds calls
    assert sorted(used - set(TEXT)) == []


@pytest.mark.parametrize(
    ("kind", "codes"), [("violence", VIOLENCE_TYPES), ("victim", VICTIM_GROUPS), ("service", SERVICE_TYPES)]
)
def test_every_category_code_has_a_label(kind, codes):
    for code in codes:
        for lang in LANGS:
            assert label(kind, code, lang)


def test_formatting():
    assert t("legend.suppressed", lang="th", top=4) == "ปกปิด (1–4 ราย)"
    assert number(1234567, lang="en") == "1,234,567"
    assert number(None, lang="th") == "ไม่มีข้อมูล"
