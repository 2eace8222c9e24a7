"""Every text a user reads, in Thai (the default) and English, and number formatting.

``t(key, **fmt)`` picks the language held in ``st.session_state["lang"]``
(set by the sidebar's language switch) unless ``lang=`` is given, and fills
``str.format`` placeholders. Category codes stored by the warehouse
(db/vocab.py) are labelled through :func:`label`.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

__all__ = ["DEFAULT_LANG", "LANGS", "TEXT", "current_lang", "label", "number", "t"]

LANGS = ("th", "en")
DEFAULT_LANG = "th"

TEXT: dict[str, dict[str, str]] = {
    # The application frame
    "app.title": {
        "th": "พื้นที่ปลอดภัยจากความรุนแรงในครอบครัว กรุงเทพมหานคร",
        "en": "Safe spaces against domestic violence, Bangkok",
    },
    "page.overview": {"th": "ภาพรวมรายเขต", "en": "District overview"},
    "sidebar.language": {"th": "ภาษา", "en": "Language"},
    "lang.th": {"th": "ไทย", "en": "ไทย (Thai)"},
    "lang.en": {"th": "English (อังกฤษ)", "en": "English"},
    "sidebar.quarter": {"th": "ข้อมูลถึงไตรมาส", "en": "Data up to quarter"},
    "sidebar.quarter_help": {
        "th": "แผนที่และตารางแสดงผลรวม 4 ไตรมาสที่สิ้นสุดในไตรมาสที่เลือก",
        "en": "The map and table add up the 4 quarters ending with the chosen one.",
    },
    "sidebar.data_as_of": {"th": "ข้อมูล ณ วันที่ {date}", "en": "Data as of {date}"},
    "sidebar.latest_quarter": {"th": "ไตรมาสล่าสุด: {quarter}", "en": "Latest quarter: {quarter}"},
    "sidebar.no_cases": {"th": "ยังไม่มีข้อมูลจำนวนผู้ถูกกระทำ", "en": "No case data loaded yet"},
    # Problems with the database: say what is wrong and what to do
    "error.db_missing": {
        "th": "ไม่พบฐานข้อมูลที่ `{path}` สร้างฐานข้อมูลพร้อมข้อมูลตัวอย่างด้วยคำสั่ง `python -m etl demo` "
        "(หรือ `make run`) หรือระบุไฟล์ด้วย `streamlit run dashboard.py -- --db ไฟล์.duckdb`",
        "en": "No database at `{path}`. Build one with demo data using `python -m etl demo` (or `make run`), "
        "or point to a file with `streamlit run dashboard.py -- --db FILE.duckdb`.",
    },
    "error.db_not_ready": {
        "th": "ฐานข้อมูลที่ `{path}` ยังไม่พร้อมใช้งาน (ยังไม่มีขอบเขตเขต หรือเป็นรุ่นที่ไม่ตรงกับโปรแกรม) "
        "เรียกคำสั่ง `python -m etl init` หรือ `python -m etl demo` แล้วโหลดหน้านี้ใหม่",
        "en": "The database at `{path}` is not ready (no district boundaries, or a version this program "
        "does not match). Run `python -m etl init` or `python -m etl demo`, then reload this page.",
    },
    "error.db_busy": {
        "th": "ฐานข้อมูลกำลังถูกใช้งานโดยโปรแกรมอื่น (เช่น กำลังนำเข้าข้อมูล) รอสักครู่แล้วโหลดหน้านี้ใหม่",
        "en": "The database is in use by another program (a load, perhaps). Wait a moment, then reload this page.",
    },
    "error.unexpected": {
        "th": "เกิดข้อผิดพลาดที่ไม่คาดคิด หน้านี้จึงแสดงผลไม่ได้ โปรดแจ้งผู้ดูแลระบบ ซึ่งดูรายละเอียดได้ในบันทึกของเซิร์ฟเวอร์",
        "en": "Something unexpected went wrong, so this page cannot be shown. "
        "Please tell the administrator, who can find the details in the server log.",
    },
    # Overview page
    "banner.synthetic": {
        "th": "ข้อมูลตัวอย่างที่สร้างขึ้น ไม่ใช่ข้อมูลผู้ถูกกระทำจริง ใช้สำหรับทดลองระบบเท่านั้น",
        "en": "Synthetic demo data, not real cases: for trying out the dashboard only.",
    },
    "overview.title": {
        "th": "ผู้ถูกกระทำความรุนแรงในครอบครัวที่ได้รับรายงาน รายเขต",
        "en": "Reported domestic-violence cases by district",
    },
    "overview.subtitle": {
        "th": "อัตราต่อประชากร 100,000 คน รวม {window}",
        "en": "Rate per 100,000 residents over {window}",
    },
    "overview.no_cases": {
        "th": "ยังไม่มีข้อมูลจำนวนผู้ถูกกระทำในฐานข้อมูล จึงยังแสดงแผนที่ไม่ได้ นำเข้าไฟล์ข้อมูลรายไตรมาส "
        "หรือสร้างข้อมูลตัวอย่างด้วยคำสั่ง `python -m etl demo` (หรือ `make run`)",
        "en": "No case data has been loaded yet, so there is no map to show. Load a quarterly cases file, "
        "or build the demo data with `python -m etl demo` (or `make run`).",
    },
    "overview.map_alt": {
        "th": "แผนที่ 50 เขตของกรุงเทพฯ ระบายสีตามอัตราผู้ถูกกระทำต่อประชากร 100,000 คน",
        "en": "Map of Bangkok's 50 districts shaded by reported cases per 100,000 residents",
    },
    "overview.population_no_year": {
        "th": "ประชากรมาจากชั้นข้อมูลเขตของ กทม. ซึ่งแหล่งข้อมูลไม่ระบุปี (ประมาณ พ.ศ. 2560) อัตราจึงเป็นค่าประมาณ",
        "en": "Population comes from the BMA district layer, whose source does not state the year "
        "(about 2017), so the rates are approximate.",
    },
    "overview.population_year": {"th": "ประชากรปี {year}", "en": "Population of {year}"},
    "overview.privacy_note": {
        "th": "จำนวน 1–{top} รายแสดงเป็น “<{below}” และไม่คำนวณอัตรา เพื่อไม่ให้ระบุตัวผู้ถูกกระทำได้ ส่วน 0 หมายถึงไม่มีรายงาน",
        "en": "Counts of 1–{top} are shown as “<{below}” without a rate, so that no victim can be identified; "
        "0 means none were reported.",
    },
    "overview.table": {"th": "ตารางรายเขต", "en": "Districts"},
    "overview.download": {"th": "ดาวน์โหลดตาราง (CSV)", "en": "Download the table (CSV)"},
    # Map legend and tooltip
    "legend.title": {"th": "อัตราต่อประชากร 100,000 คน", "en": "Rate per 100,000 residents"},
    "legend.suppressed": {"th": "ปกปิด (1–{top} ราย)", "en": "Suppressed (1–{top} cases)"},
    "legend.no_data": {"th": "ไม่มีข้อมูล", "en": "No data"},
    # Table columns and values
    "col.dist_code": {"th": "รหัสเขต", "en": "Code"},
    "col.name_th": {"th": "เขต", "en": "District (Thai)"},
    "col.name_en": {"th": "เขต (อังกฤษ)", "en": "District"},
    "col.cases": {"th": "จำนวนราย", "en": "Cases"},
    "col.population": {"th": "ประชากร", "en": "Population"},
    "col.rate": {"th": "อัตราต่อ 100,000", "en": "Rate per 100,000"},
    "col.quarters": {"th": "ไตรมาสที่มีข้อมูล", "en": "Quarters with data"},
    "value.suppressed": {"th": "ปกปิด", "en": "suppressed"},
    "value.no_data": {"th": "ไม่มีข้อมูล", "en": "no data"},
    # Categories stored as codes (db/vocab.py)
    "violence.physical": {"th": "ทางร่างกาย", "en": "Physical"},
    "violence.psychological": {"th": "ทางจิตใจ", "en": "Psychological"},
    "violence.sexual": {"th": "ทางเพศ", "en": "Sexual"},
    "violence.neglect": {"th": "ละเลยทอดทิ้ง", "en": "Neglect"},
    "violence.other": {"th": "อื่น ๆ", "en": "Other"},
    "victim.child": {"th": "เด็ก", "en": "Child"},
    "victim.woman": {"th": "ผู้หญิง", "en": "Woman"},
    "victim.man": {"th": "ผู้ชาย", "en": "Man"},
    "victim.elder": {"th": "ผู้สูงอายุ", "en": "Older person"},
    "victim.unknown": {"th": "ไม่ระบุ", "en": "Not stated"},
    "service.safe_space": {"th": "พื้นที่ปลอดภัย", "en": "Safe space"},
    "service.shelter": {"th": "บ้านพักฉุกเฉิน", "en": "Shelter"},
    "service.oscc": {"th": "ศูนย์พึ่งได้ (OSCC)", "en": "One Stop Crisis Centre (OSCC)"},
    "service.health_centre": {"th": "ศูนย์บริการสาธารณสุข", "en": "Public health centre"},
    "service.hospital": {"th": "โรงพยาบาล", "en": "Hospital"},
    "service.police": {"th": "สถานีตำรวจ", "en": "Police station"},
    "service.social_welfare": {"th": "หน่วยงานพัฒนาสังคม", "en": "Social welfare office"},
    "service.ngo": {"th": "องค์กรพัฒนาเอกชน", "en": "NGO"},
    "service.other": {"th": "อื่น ๆ", "en": "Other"},
    # Periods (ui/periods.py): fiscal year starts 1 October; years are BE in Thai
    "period.fiscal": {
        "th": "ไตรมาส {q} ปีงบประมาณ {fiscal_year} ({months} {year})",
        "en": "Q{q} FY{fiscal_year} ({months} {year})",
    },
    "period.calendar": {"th": "{months} {year}", "en": "{months} {year} ({key})"},
    "period.window": {"th": "{n} ไตรมาส: {start} ถึง {end}", "en": "{n} quarters: {start} to {end}"},
    "month.1": {"th": "ม.ค.", "en": "Jan"},
    "month.2": {"th": "ก.พ.", "en": "Feb"},
    "month.3": {"th": "มี.ค.", "en": "Mar"},
    "month.4": {"th": "เม.ย.", "en": "Apr"},
    "month.5": {"th": "พ.ค.", "en": "May"},
    "month.6": {"th": "มิ.ย.", "en": "Jun"},
    "month.7": {"th": "ก.ค.", "en": "Jul"},
    "month.8": {"th": "ส.ค.", "en": "Aug"},
    "month.9": {"th": "ก.ย.", "en": "Sep"},
    "month.10": {"th": "ต.ค.", "en": "Oct"},
    "month.11": {"th": "พ.ย.", "en": "Nov"},
    "month.12": {"th": "ธ.ค.", "en": "Dec"},
}


def current_lang() -> str:
    """The language the user chose (``st.session_state["lang"]``), Thai by default."""
    chosen = st.session_state.get("lang", DEFAULT_LANG)
    return chosen if chosen in LANGS else DEFAULT_LANG


def t(key: str, /, lang: str | None = None, **fmt: object) -> str:
    """The text for ``key`` in ``lang`` (default: the user's), with ``fmt`` filled in.

    >>> t("legend.suppressed", lang="en", top=4)
    'Suppressed (1–4 cases)'
    """
    text = TEXT[key][lang or current_lang()]
    return text.format(**fmt) if fmt else text


def label(kind: str, code: str, lang: str | None = None) -> str:
    """The label of a stored category code: ``kind`` is violence, victim or service.

    >>> label("victim", "elder", lang="th")
    'ผู้สูงอายุ'
    """
    return t(f"{kind}.{code}", lang)


def number(value: float | None, digits: int = 0, lang: str | None = None) -> str:
    """A figure for display; a missing one reads "no data".

    Thai official statistics use Arabic digits with the same comma grouping
    and decimal point as English, so only the missing-value word differs.

    >>> number(12345.678, 1, lang="th"), number(float("nan"), lang="en")
    ('12,345.7', 'no data')
    """
    if pd.isna(value):
        return t("value.no_data", lang)
    return f"{value:,.{digits}f}"
