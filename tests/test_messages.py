"""Every upload message exists in English and Thai, with the same details filled in."""

import re
from pathlib import Path

import pytest

from etl.load import load_path
from etl.messages import MESSAGES
from etl.problems import InputRejected

PLACEHOLDER = re.compile(r"\{(\w+)\}")
ETL = Path(__file__).resolve().parent.parent / "etl"
FILE_TYPES = {"csv", "xlsx", "tsv"}  # "cases.csv" is a file name, not a code


@pytest.mark.parametrize("code", MESSAGES)
def test_both_languages_with_the_same_placeholders(code):
    texts = MESSAGES[code]
    assert set(texts) == {"en", "th"} and all(texts.values())
    assert set(PLACEHOLDER.findall(texts["en"])) == set(PLACEHOLDER.findall(texts["th"]))


def test_every_code_used_in_etl_exists():
    source = "\n".join(p.read_text() for p in ETL.glob("*.py"))
    candidates = re.findall(r'"([a-z]+)\.([a-z_]+)"', source)  # codes look like "family.name"
    used = {f"{family}.{name}" for family, name in candidates if family in _families() and name not in FILE_TYPES}
    assert used <= set(MESSAGES), used - set(MESSAGES)


def _families() -> set[str]:
    return {code.split(".")[0] for code in MESSAGES}


@pytest.mark.slow
def test_a_rejected_file_reads_in_thai(db):
    fixture = Path(__file__).parent / "fixtures" / "uploads" / "bad_referred_over.csv"
    with pytest.raises(InputRejected) as caught:
        load_path("cases", fixture, db=db)
    (problem,) = caught.value.problems
    assert problem.text("th") == "จำนวนส่งต่อมากกว่าจำนวนที่รับแจ้ง จำนวนส่งต่อต้องไม่เกินจำนวนราย"
    assert caught.value.text("th").startswith("ไม่รับไฟล์นี้")
