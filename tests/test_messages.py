"""ETL and CLI messages as a reader gets them, in English and Thai (the catalogs' completeness: test_catalogs.py)."""

from pathlib import Path

import pytest

from etl.load import load_path
from etl.messages import Term, render
from etl.problems import InputRejected


def test_a_term_is_shown_in_the_language_of_its_message():
    assert render("restore.done", "en", load_id=7, file_name="a.csv", in_force=2, unit=Term("unit.cases")).endswith(
        "2 quarter-district(s)."
    )


def test_an_unknown_code_is_an_error():
    with pytest.raises(KeyError):
        render("no.such_code", "th")


@pytest.mark.slow
def test_a_rejected_file_reads_in_thai(db):
    fixture = Path(__file__).parent / "fixtures" / "uploads" / "bad_referred_over.csv"
    with pytest.raises(InputRejected) as caught:
        load_path("cases", fixture, db=db)
    (problem,) = caught.value.problems
    assert problem.text("th") == "จำนวนส่งต่อมากกว่าจำนวนที่รับแจ้ง จำนวนส่งต่อต้องไม่เกินจำนวนราย"
    assert caught.value.text("th").startswith("ไม่รับไฟล์นี้")
