"""What a problem in an uploaded file means, and how to fix it, in English and Thai.

Validators name a problem by its code and fill in the details; the CLI
prints English, the Upload page the user's language. The texts live in the
``etl`` gettext domain (``locale/<lang>/LC_MESSAGES/etl.po``, the msgid is
the code), read through :mod:`core.translations` without Streamlit.
"""

from __future__ import annotations

from core import translations
from core.translations import N_

__all__ = ["N_", "Term", "render"]


class Term(str):
    """A message parameter that is itself a message code, shown in the language of the message around it."""


def render(code: str, lang: str = "en", **params: object) -> str:
    """The message ``code`` in ``lang`` with its details filled in.

    >>> render("int.too_small", "th", minimum=0)
    'ต้องมีค่าตั้งแต่ 0 ขึ้นไป'
    >>> render("restore.done", "th", load_id=7, file_name="a.csv", in_force=2, unit=Term("unit.cases"))
    'คืนสถานะการนำเข้าหมายเลข 7 (a.csv) แล้ว ข้อมูลนี้กลับมาใช้สำหรับ 2 ไตรมาส-เขต'
    """
    params = {k: render(v, lang) if isinstance(v, Term) else v for k, v in params.items()}
    return translations.message("etl", code, lang, params)
