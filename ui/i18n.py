"""Every text a user reads, in Thai (the default) and English, and number formatting.

``t(key, **fmt)`` picks the language held in ``st.session_state["lang"]``
(set by the sidebar's language switch) unless ``lang=`` is given, and fills
``str.format`` placeholders. Category codes stored by the warehouse
(db/vocab.py) are labelled through :func:`label`.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

__all__ = ["DEFAULT_LANG", "LANGS", "LANG_NAMES", "TEXT", "current_lang", "label", "number", "t"]

LANGS = ("th", "en")
# Each language is named in itself, the same on every screen, so a reader finds their own.
LANG_NAMES = {"th": "ไทย", "en": "English"}
DEFAULT_LANG = "th"

TEXT: dict[str, dict[str, str]] = {
    # The application frame
    "app.title": {
        "th": "พื้นที่ปลอดภัยจากความรุนแรงในครอบครัว กรุงเทพมหานคร",
        "en": "Safe spaces against domestic violence, Bangkok",
    },
    "page.overview": {"th": "ภาพรวมรายเขต", "en": "District overview"},
    "sidebar.language": {"th": "ภาษา", "en": "Language"},
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
    # Upload page (pages/upload.py)
    "page.upload": {"th": "นำเข้าข้อมูล", "en": "Upload data"},
    "upload.title": {"th": "นำเข้าข้อมูลรายไตรมาส", "en": "Upload quarterly data"},
    "upload.viewers_only": {
        "th": "การนำเข้าและย้อนกลับข้อมูลสงวนไว้สำหรับนักวิเคราะห์ข้อมูล ผู้ใช้ทั่วไปดูได้ทุกหน้า",
        "en": "Uploading and reverting data is for analysts; everyone can browse every page.",
    },
    "upload.kind": {"th": "ประเภทไฟล์", "en": "Kind of file"},
    "upload.kind.cases": {"th": "จำนวนผู้ถูกกระทำ", "en": "Case counts"},
    "upload.kind.services": {"th": "ทะเบียนหน่วยบริการ", "en": "Service points"},
    "upload.kind.communities": {"th": "ทะเบียนชุมชน", "en": "Communities"},
    "upload.kind.population": {"th": "ประชากร", "en": "Population"},
    "upload.template": {"th": "ดาวน์โหลดแม่แบบ (CSV)", "en": "Download the template (CSV)"},
    "upload.formats": {"th": "คอลัมน์ที่รับได้", "en": "Accepted columns"},
    "upload.format.cases": {
        "th": "หนึ่งแถวต่อ ไตรมาส × พื้นที่ × ประเภทความรุนแรง × กลุ่มผู้ถูกกระทำ\n\n"
        "- **ไตรมาส** (quarter): เช่น `ไตรมาส 2/2568`, `2025Q2`, `ปีงบประมาณ 2568 ไตรมาส 3`, `FY2568Q3` "
        "(ปีงบประมาณเริ่ม 1 ต.ค.)\n"
        "- **รหัสเขต** (dist_code) หรือ **เขต** (district): ชื่อภาษาไทยหรืออังกฤษ\n"
        "- **รหัสแขวง** (subdist_code), **รหัสชุมชน** (community_id): ไม่บังคับ\n"
        "- **ประเภทความรุนแรง** (violence_type): ร่างกาย, จิตใจ, ทางเพศ, ละเลยทอดทิ้ง, อื่นๆ\n"
        "- **กลุ่มผู้ถูกกระทำ** (victim_group): เด็ก, ผู้หญิง/สตรี, ผู้ชาย, ผู้สูงอายุ, ไม่ระบุ (ว่าง = ไม่ระบุ)\n"
        "- **จำนวนราย** (cases_reported), **ส่งต่อ** (cases_referred): จำนวนเต็ม ส่งต่อไม่เกินจำนวนราย\n\n"
        "ไฟล์ใหม่จะแทนที่ข้อมูลเดิมเฉพาะไตรมาสและเขตที่อยู่ในไฟล์ ไฟล์ต้องเป็นจำนวนรวมที่ไม่ระบุตัวบุคคล",
        "en": "One row per quarter × area × violence type × victim group.\n\n"
        "- **quarter** (ไตรมาส): e.g. `2025Q2`, `ไตรมาส 2/2568`, `FY2568Q3` (fiscal year from 1 October)\n"
        "- **dist_code** (รหัสเขต) or **district** (เขต): a Thai or English name\n"
        "- **subdist_code**, **community_id**: optional\n"
        "- **violence_type**: physical, psychological, sexual, neglect, other (or the Thai words)\n"
        "- **victim_group**: child, woman, man, elder, unknown (empty = unknown)\n"
        "- **cases_reported** (จำนวนราย), **cases_referred** (ส่งต่อ): whole numbers, referred ≤ reported\n\n"
        "A new file replaces earlier data only for the quarters and districts it holds. "
        "Anonymised aggregate counts only.",
    },
    "upload.format.services": {
        "th": "หนึ่งแถวต่อหน่วยบริการ: `service_id`, `name_th`, `name_en`, `service_type` (ประเภทบริการ), "
        "`lat`, `lon` (WGS84), และไม่บังคับ `capacity`, `opened`, `closed` (ปปปป-ดด-วว), `phone`, `hours` "
        "รหัสที่มีในไฟล์จะถูกเพิ่มหรือปรับปรุง รหัสที่ไม่มีในไฟล์ยังคงอยู่ หน่วยที่ปิดแล้วให้ใส่วันปิด",
        "en": "One row per service: `service_id`, `name_th`, `name_en`, `service_type`, `lat`, `lon` (WGS84), "
        "optional `capacity`, `opened`, `closed` (YYYY-MM-DD), `phone`, `hours`. Listed ids are added or "
        "updated; unlisted ids stay. Give a closed service its `closed` date.",
    },
    "upload.format.communities": {
        "th": "หนึ่งแถวต่อชุมชน: `community_id`, `name_th`, `name_en`, `lat`, `lon`, และไม่บังคับ `dist_code`, "
        "`population`, `households`, `pilot` (ใช่/ไม่ใช่), `pilot_start` (ไตรมาส ต้องระบุถ้าเป็นชุมชนนำร่อง), "
        "`location_note`",
        "en": "One row per community: `community_id`, `name_th`, `name_en`, `lat`, `lon`, optional `dist_code`, "
        "`population`, `households`, `pilot` (yes/no), `pilot_start` (a quarter; required for pilots), "
        "`location_note`.",
    },
    "upload.format.population": {
        "th": "หนึ่งแถวต่อเขต: `dist_code`, `year` (เว้นว่างได้), `population`, `source` (แหล่งที่มาและปี)",
        "en": "One row per district: `dist_code`, `year` (may be empty), `population`, `source` (origin and year).",
    },
    "upload.file": {"th": "เลือกไฟล์ (CSV หรือ Excel .xlsx)", "en": "Choose a file (CSV or Excel .xlsx)"},
    "upload.checking": {"th": "กำลังตรวจสอบไฟล์…", "en": "Checking the file…"},
    "upload.step.reading": {"th": "กำลังอ่านไฟล์…", "en": "Reading…"},
    "upload.step.validating": {"th": "กำลังตรวจสอบข้อมูล…", "en": "Validating…"},
    "upload.step.comparing": {"th": "กำลังเปรียบเทียบกับข้อมูลเดิม…", "en": "Comparing with the data in force…"},
    "upload.step.writing": {"th": "กำลังบันทึก…", "en": "Writing…"},
    "upload.step.done": {"th": "เสร็จแล้ว", "en": "Done"},
    "upload.rejected": {
        "th": "ไม่รับไฟล์นี้: พบปัญหา {n} รายการ ไม่มีการบันทึกข้อมูลใด ๆ แก้ไขไฟล์แล้วนำเข้าใหม่",
        "en": "The file was rejected: {n} problem(s), and nothing was written. Fix the file and upload it again.",
    },
    "upload.more_errors": {
        "th": "แสดง {shown} รายการแรกจากทั้งหมด {total} รายการ ดาวน์โหลดรายการทั้งหมดได้ด้านล่าง",
        "en": "Showing the first {shown} of {total} problems; download the full list below.",
    },
    "upload.download_errors": {"th": "ดาวน์โหลดรายการปัญหาทั้งหมด (CSV)", "en": "Download every problem (CSV)"},
    "upload.col.row": {"th": "แถว", "en": "Row"},
    "upload.col.column": {"th": "คอลัมน์", "en": "Column"},
    "upload.col.value": {"th": "ค่า", "en": "Value"},
    "upload.col.message": {"th": "ปัญหาและวิธีแก้", "en": "What is wrong, and the fix"},
    "upload.col.quarter": {"th": "ไตรมาส", "en": "Quarter"},
    "upload.col.old_total": {"th": "จำนวนเดิม", "en": "Total now"},
    "upload.col.new_total": {"th": "จำนวนใหม่", "en": "Total after"},
    "upload.col.added": {"th": "แถวเพิ่ม", "en": "Rows added"},
    "upload.col.changed": {"th": "แถวเปลี่ยน", "en": "Rows changed"},
    "upload.col.removed": {"th": "แถวออก", "en": "Rows removed"},
    "upload.not_ready": {"th": "ยังนำเข้าไม่ได้: {reason}", "en": "Cannot load now: {reason}"},
    "upload.unchanged": {
        "th": "ไฟล์นี้เหมือนกับไฟล์ที่นำเข้าไว้แล้วทุกประการ จึงไม่มีอะไรเปลี่ยนแปลง",
        "en": "This file is identical to one already loaded, so nothing changes.",
    },
    "upload.valid": {
        "th": "ไฟล์ถูกต้อง: {rows} แถว ไตรมาส {quarters} ตรวจสอบความแตกต่างด้านล่าง แล้วกดยืนยันเพื่อบันทึก",
        "en": "The file is valid: {rows} rows, quarters {quarters}. Check the difference below, then confirm.",
    },
    "upload.confirm": {"th": "ยืนยันการนำเข้า", "en": "Confirm and load"},
    "upload.loaded": {
        "th": "นำเข้าแล้ว (หมายเลข {load_id}) ทุกหน้าจะแสดงข้อมูลใหม่เมื่อมีการใช้งานครั้งถัดไป",
        "en": "Loaded as load {load_id}. Every page shows the new data on its next interaction.",
    },
    "upload.history": {"th": "ประวัติการนำเข้า", "en": "Load history"},
    "upload.no_history": {"th": "ยังไม่มีการนำเข้า", "en": "No loads yet."},
    "upload.revert_which": {"th": "ย้อนกลับการนำเข้าหมายเลข", "en": "Revert load"},
    "upload.revert_sure": {
        "th": "ยืนยัน: ข้อมูลจากการนำเข้านี้จะไม่ถูกนับ และข้อมูลรุ่นก่อนหน้าจะกลับมาใช้",
        "en": "I understand: this load stops counting and the previous version is in force again.",
    },
    "upload.revert": {"th": "ย้อนกลับ", "en": "Revert"},
    "upload.reverted": {"th": "ย้อนกลับการนำเข้าหมายเลข {load_id} แล้ว", "en": "Load {load_id} reverted."},
    "history.load_id": {"th": "หมายเลข", "en": "Load"},
    "history.kind": {"th": "ประเภท", "en": "Kind"},
    "history.kind.cases": {"th": "จำนวนผู้ถูกกระทำ", "en": "Case counts"},
    "history.kind.services": {"th": "หน่วยบริการ", "en": "Service points"},
    "history.kind.communities": {"th": "ชุมชน", "en": "Communities"},
    "history.kind.population": {"th": "ประชากร", "en": "Population"},
    "history.kind.boundaries": {"th": "ขอบเขตพื้นที่", "en": "Boundaries"},
    "history.file": {"th": "ไฟล์", "en": "File"},
    "history.rows": {"th": "จำนวนแถว", "en": "Rows"},
    "history.quarters": {"th": "ไตรมาส", "en": "Quarters"},
    "history.loaded_at": {"th": "วันที่นำเข้า", "en": "Loaded on"},
    "history.loaded_by": {"th": "ผู้นำเข้า", "en": "Loaded by"},
    "history.status": {"th": "สถานะ", "en": "Status"},
    "history.status.active": {"th": "ใช้งาน", "en": "in force"},
    "history.status.reverted": {"th": "ย้อนกลับแล้ว", "en": "reverted"},
    "history.synthetic": {"th": "ข้อมูลตัวอย่าง", "en": "Demo data"},
    "history.demo": {"th": "ตัวอย่าง", "en": "demo"},
    # Who may upload (ui/access.py)
    "access.login": {"th": "เข้าสู่ระบบสำหรับนักวิเคราะห์", "en": "Analyst sign-in"},
    "access.logout": {"th": "ออกจากระบบ", "en": "Sign out"},
    "access.not_on_list": {
        "th": "บัญชี {email} ไม่อยู่ในรายชื่อนักวิเคราะห์ ติดต่อผู้ดูแลระบบหากต้องการสิทธิ์นำเข้าข้อมูล",
        "en": "{email} is not on the analysts' list. Ask the administrator for upload rights.",
    },
    "access.password": {"th": "รหัสผ่านนักวิเคราะห์", "en": "Analyst password"},
    "access.unlock": {"th": "ปลดล็อกการนำเข้า", "en": "Unlock uploading"},
    "access.wrong_password": {
        "th": "รหัสผ่านไม่ถูกต้อง ลองใหม่ได้ในอีก {seconds} วินาที",
        "en": "Wrong password. You can try again in {seconds} s.",
    },
    "access.wrong_password_now": {"th": "รหัสผ่านไม่ถูกต้อง", "en": "Wrong password."},
    "access.how_to_enable": {
        "th": "การนำเข้ายังปิดอยู่ เพราะยังไม่ได้ตั้งค่าการยืนยันตัวตน ผู้ดูแลระบบเปิดได้ทางใดทางหนึ่ง:\n\n"
        "1. OpenID Connect: ใส่ส่วน `[auth]` ใน `.streamlit/secrets.toml` และรายชื่ออีเมลนักวิเคราะห์ใน "
        "`[safespace] analyst_emails`\n"
        "2. รหัสผ่าน: สร้างค่าแฮชด้วย `python -m etl hash-password` แล้วใส่ใน `[safespace] analyst_password_hash` "
        "หรือตัวแปร `SAFESPACE_ANALYST_PASSWORD_HASH`\n"
        "3. โหมดเครื่องเดียว (ทดลองใช้บนเครื่องตนเอง): `make run` ซึ่งตั้ง `SAFESPACE_LOCAL_MODE=1` และรับฟังที่ 127.0.0.1 เท่านั้น",
        "en": "Uploading is off because no sign-in is configured. An administrator can turn it on in one of "
        "three ways:\n\n"
        "1. OpenID Connect: an `[auth]` section in `.streamlit/secrets.toml` and the analysts' e-mails in "
        "`[safespace] analyst_emails`.\n"
        "2. A password: make a hash with `python -m etl hash-password` and put it in "
        "`[safespace] analyst_password_hash` or `SAFESPACE_ANALYST_PASSWORD_HASH`.\n"
        "3. Local mode, for one person on their own machine: `make run`, which sets `SAFESPACE_LOCAL_MODE=1` "
        "and listens on 127.0.0.1 only.",
    },
    "access.local_needs_loopback": {
        "th": "ตั้งโหมดเครื่องเดียวไว้ แต่เซิร์ฟเวอร์ไม่ได้รับฟังเฉพาะ 127.0.0.1 จึงปิดการนำเข้าไว้ "
        "เริ่มเซิร์ฟเวอร์ด้วย `--server.address 127.0.0.1`",
        "en": "Local mode is set, but the server does not listen on 127.0.0.1 only, so uploading stays off. "
        "Start it with `--server.address 127.0.0.1`.",
    },
    "access.local_banner": {
        "th": "โหมดเครื่องเดียว: ทุกคนที่ใช้เครื่องนี้นำเข้าและย้อนกลับข้อมูลได้ ใช้สำหรับทดลองบนเครื่องตนเองเท่านั้น",
        "en": "Local mode: anyone on this machine can upload and revert. For use on your own machine only.",
    },
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
