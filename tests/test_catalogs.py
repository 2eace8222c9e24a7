"""The gettext catalogs (locale/): complete in Thai and English, exactly the keys the code asks for, compilable.

Extraction runs Babel's Python extractor in-process with the mapping files ``make extract`` uses
(locale/ui.cfg, locale/etl.cfg), so a key only built at run time (an f-string) is a key nobody can find.
"""

from __future__ import annotations

import ast
import logging
import os
import re
import shutil
import string
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from core import translations
from core.translations import DOMAINS, LOCALE_DIR, prose, prose_names

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("th", "en")
THAI = re.compile("[\u0e00-\u0e7f]")
NOT_THAI = {"period.calendar", "period.short_calendar"}  # "{months} {year}": only details, filled in Thai
OWN_DETAILS = {"period.calendar"}  # English adds the quarter's key ("2025Q2"); Thai months and year say it all


def po(domain: str, lang: str):
    with (LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}.po").open("rb") as source:
        return read_po(source)


def mapping(domain: str) -> tuple[list, dict]:
    with (LOCALE_DIR / f"{domain}.cfg").open(encoding="utf-8") as source:
        return parse_mapping_cfg(source)


def extracted(domain: str) -> dict[str, list[str]]:
    """msgid -> where the code names it, as ``make extract`` finds them."""
    method_map, options_map = mapping(domain)
    found: dict[str, list[str]] = {}
    logging.getLogger("babel").setLevel(logging.ERROR)
    for filename, lineno, key, _, _ in extract_from_dir(str(ROOT), method_map, options_map, DEFAULT_KEYWORDS):
        found.setdefault(key, []).append(f"{filename}:{lineno}")
    return found


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_message_has_a_thai_and_an_english_text(domain):
    thai, english = po(domain, "th"), po(domain, "en")
    assert {m.id for m in thai if m.id} == {m.id for m in english if m.id}
    for lang, catalog in (("th", thai), ("en", english)):
        assert [m.id for m in catalog if m.id and (not m.string.strip() or m.fuzzy)] == [], lang
    assert [m.id for m in thai if m.id and not THAI.search(m.string) and m.id not in NOT_THAI] == []


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_catalog_holds_exactly_the_keys_the_code_asks_for(domain):
    found, keys = extracted(domain), {m.id for m in po(domain, "en") if m.id}
    assert {"ui": "overview.title", "etl": "int.too_small"}[domain] in found  # the extraction finds calls
    assert {key: where for key, where in found.items() if key not in keys} == {}  # missing from the catalog
    assert sorted(keys - set(found)) == []  # unused


def keywords(domain: str) -> dict[str, int]:
    """Each keyword function of ``domain`` -> the position (from 0) of its msgid argument."""
    _, options_map = mapping(domain)
    specs = dict(DEFAULT_KEYWORDS)
    for options in options_map.values():
        specs |= options.get("keywords", {})
    firsts = {name: spec[0] if spec else 1 for name, spec in specs.items()}
    return {name: (first if isinstance(first, int) else 2) - 1 for name, first in firsts.items()}  # (1, "c"): context


def hidden_keys(source: str, names: dict[str, int]) -> list[int]:
    """Lines where a keyword call's msgid is an f-string, or a literal msgid sits inside an f-string
    (Python 3.11's tokenizer gives Babel an f-string as one token: the call in it is not seen).

    >>> hidden_keys('t(f"history.kind.{k}")\\nx = f"**{t(\\'a.b\\')}**"\\nt(KINDS[k])\\nf"{t(key)}"', {"t": 0})
    [1, 2]
    """

    def msgid(call: ast.Call) -> ast.expr | None:
        at = names.get(getattr(call.func, "id", getattr(call.func, "attr", None)))
        return call.args[at] if at is not None and len(call.args) > at else None

    lines = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(msgid(node), ast.JoinedStr):
            lines.add(node.lineno)
        if isinstance(node, ast.JoinedStr):
            calls = [c for c in ast.walk(node) if isinstance(c, ast.Call)]
            lines |= {c.lineno for c in calls if isinstance(msgid(c), ast.Constant)}
    return sorted(lines)


@pytest.mark.parametrize("domain", DOMAINS)
def test_no_key_is_built_at_run_time_or_hidden_in_an_f_string(domain):
    method_map, _ = mapping(domain)
    names = keywords(domain)
    patterns = [
        re.compile(pattern.replace("**", "*").replace(".", r"\.").replace("*", ".*")) for pattern, _ in method_map
    ]
    files = [
        p
        for p in ROOT.rglob("*.py")
        if ".venv" not in p.parts and any(x.fullmatch(str(p.relative_to(ROOT))) for x in patterns)
    ]
    assert len(files) > 10
    found = {
        str(p.relative_to(ROOT)): lines for p in files if (lines := hidden_keys(p.read_text(encoding="utf-8"), names))
    }
    assert found == {}


@pytest.mark.parametrize("domain", DOMAINS)
def test_thai_and_english_fill_in_the_same_details(domain):
    english = {m.id: m.string for m in po(domain, "en") if m.id}
    differ = [m.id for m in po(domain, "th") if m.id and placeholders(m.string) != placeholders(english[m.id])]
    assert set(differ) <= OWN_DETAILS


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("lang", LANGS)
def test_the_catalogs_compile_and_a_current_mo_is_read(tmp_path, domain, lang):
    folder = tmp_path / lang / "LC_MESSAGES"
    folder.mkdir(parents=True)
    shutil.copy(LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}.po", folder)
    with (folder / f"{domain}.mo").open("wb") as compiled:
        write_mo(compiled, po(domain, lang))
    in_memory = translations.catalog(domain, lang)
    from_mo = translations.catalog(domain, lang, tmp_path)
    keys = [m.id for m in po(domain, lang) if m.id]
    assert [from_mo.gettext(key) for key in keys] == [in_memory.gettext(key) for key in keys]
    # A .po edited after the .mo was compiled wins: the stale .mo is not read.
    edited = folder / f"{domain}.po"
    edited.write_text(edited.read_text(encoding="utf-8").replace(f'msgid "{keys[0]}"', 'msgid "edited.key"'), "utf-8")
    os.utime(edited, (edited.stat().st_mtime + 10, edited.stat().st_mtime + 10))
    translations.catalog.cache_clear()
    fresh = translations.catalog(domain, lang, tmp_path)
    assert fresh.gettext("edited.key") == in_memory.gettext(keys[0])
    with pytest.raises(KeyError):
        fresh.gettext(keys[0])


def test_a_missing_key_is_an_error_not_a_text():
    with pytest.raises(KeyError):
        translations.message("ui", "no.such.key", "en")


def test_long_texts_exist_in_both_languages_with_the_same_details():
    names = prose_names("th")
    assert names == prose_names("en") and {"methods-measures", "upload-cases"} <= names
    for name in names:
        assert prose(name, "th").strip() and THAI.search(prose(name, "th")), name
        assert placeholders(prose(name, "th")) == placeholders(prose(name, "en")), name


def test_every_long_text_is_named_in_the_code():
    literals = {
        node.value
        for folder in ("ui", "pages")
        for path in (ROOT / folder).rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }
    assert sorted(prose_names("en") - literals) == []
