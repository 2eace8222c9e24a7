"""What a problem in an uploaded file means, and how to fix it, in English and Thai.

Validators name a problem by its code and fill in the details; the CLI
prints English, the Upload page the user's language. Kept apart from
ui/i18n.py because etl/ runs without Streamlit.
"""

from __future__ import annotations

__all__ = ["MESSAGES", "render"]

MESSAGES: dict[str, dict[str, str]] = {
    # Whole file
    "file.binary": {
        "en": "This is not a text file. Save the sheet as CSV (UTF-8) or Excel .xlsx and upload that.",
        "th": "ไฟล์นี้ไม่ใช่ไฟล์ข้อความ บันทึกชีตเป็น CSV (UTF-8) หรือ Excel .xlsx แล้วนำเข้าใหม่",
    },
    "file.encoding": {
        "en": "The file's text encoding is not UTF-8 or Thai Windows (TIS-620). Save it as CSV UTF-8 from Excel.",
        "th": "การเข้ารหัสข้อความของไฟล์ไม่ใช่ UTF-8 หรือ TIS-620 ให้บันทึกจาก Excel เป็น CSV UTF-8",
    },
    "file.repeated_headers": {
        "en": "The header row repeats {headers}. Give every column its own name.",
        "th": "แถวหัวตารางมีชื่อคอลัมน์ซ้ำ: {headers} ตั้งชื่อคอลัมน์ไม่ให้ซ้ำกัน",
    },
    "file.unreadable": {
        "en": "The file could not be read as a table: {detail}. Check that every row has the same columns.",
        "th": "อ่านไฟล์เป็นตารางไม่ได้ ({detail}) ตรวจสอบว่าทุกแถวมีจำนวนคอลัมน์เท่ากัน",
    },
    "file.bad_excel": {
        "en": "The Excel file could not be opened ({detail}). Save it again as .xlsx.",
        "th": "เปิดไฟล์ Excel ไม่ได้ ({detail}) บันทึกใหม่เป็น .xlsx",
    },
    "file.empty": {
        "en": "The file is empty. Export the sheet again with its header row and data.",
        "th": "ไฟล์ว่างเปล่า ส่งออกชีตใหม่ให้มีแถวหัวตารางและข้อมูล",
    },
    "file.no_rows": {
        "en": "The file has a header row but no data rows.",
        "th": "ไฟล์มีแต่แถวหัวตาราง ไม่มีแถวข้อมูล",
    },
    "file.too_large": {
        "en": "The file is larger than the {limit} MB limit. Split it by quarter.",
        "th": "ไฟล์ใหญ่เกินขนาดที่กำหนด {limit} MB แบ่งไฟล์ตามไตรมาสแล้วนำเข้าทีละไฟล์",
    },
    "file.wrong_kind": {
        "en": "This looks like a {other} file, not a {kind} file. Choose '{other}' as the kind, or check the file.",
        "th": "ไฟล์นี้ดูเหมือนไฟล์ประเภท {other} ไม่ใช่ {kind} เลือกประเภท '{other}' หรือตรวจสอบไฟล์",
    },
    "file.rejected": {
        "en": "The file was rejected: {n} problem(s); nothing was written.",
        "th": "ไม่รับไฟล์นี้: พบปัญหา {n} รายการ ไม่มีการบันทึกข้อมูลใด ๆ",
    },
    # Headers
    "header.twice": {
        "en": "Headers '{first}' and '{header}' both mean '{name}'. Keep one of them.",
        "th": "หัวคอลัมน์ '{first}' และ '{header}' หมายถึง '{name}' เหมือนกัน ให้เหลือคอลัมน์เดียว",
    },
    "header.missing": {
        "en": "Required column '{name}' is missing. Add a column headed one of: {accepted}.",
        "th": "ไม่มีคอลัมน์ '{name}' ซึ่งจำเป็น เพิ่มคอลัมน์ที่มีหัวเป็นชื่อใดชื่อหนึ่งต่อไปนี้: {accepted}",
    },
    # Privacy guard
    "privacy.column": {
        "en": "Column '{header}' looks like personal data. Upload anonymised aggregate counts only: "
        "remove the personal data and upload the file again.",
        "th": "คอลัมน์ '{header}' ดูเหมือนข้อมูลส่วนบุคคล นำเข้าได้เฉพาะจำนวนรวมที่ไม่ระบุตัวตน ลบข้อมูลส่วนบุคคลออกแล้วนำเข้าใหม่",
    },
    "privacy.thai_id": {
        "en": "This cell looks like a Thai national ID number. Upload anonymised aggregate counts only: "
        "remove the personal data and upload the file again.",
        "th": "ช่องนี้ดูเหมือนเลขประจำตัวประชาชน นำเข้าได้เฉพาะจำนวนรวมที่ไม่ระบุตัวตน ลบข้อมูลส่วนบุคคลออกแล้วนำเข้าใหม่",
    },
    # Cells
    "int.missing": {"en": "Missing. Enter a whole number (0 if none).", "th": "ไม่มีค่า ใส่จำนวนเต็ม (ถ้าไม่มีให้ใส่ 0)"},
    "int.not_whole": {
        "en": "Not a whole number. Enter digits only, without decimals or text.",
        "th": "ไม่ใช่จำนวนเต็ม ใส่เฉพาะตัวเลข ไม่มีทศนิยมหรือตัวอักษร",
    },
    "int.too_small": {"en": "Must be {minimum} or more.", "th": "ต้องมีค่าตั้งแต่ {minimum} ขึ้นไป"},
    "float.missing": {
        "en": "Missing. Enter a decimal number, e.g. 13.7563.",
        "th": "ไม่มีค่า ใส่ตัวเลขทศนิยม เช่น 13.7563",
    },
    "float.bad": {"en": "Not a number. Use a dot for decimals.", "th": "ไม่ใช่ตัวเลข ใช้จุดเป็นจุดทศนิยม"},
    "choice.unknown": {"en": "Unknown value. Use one of: {allowed}.", "th": "ไม่รู้จักค่านี้ ใช้ค่าใดค่าหนึ่งต่อไปนี้: {allowed}"},
    "bool.bad": {
        "en": "Not a yes/no value. Use true/false, yes/no, 1/0 or ใช่/ไม่ใช่.",
        "th": "ไม่ใช่ค่าใช่/ไม่ใช่ ใช้ ใช่/ไม่ใช่, true/false, yes/no หรือ 1/0",
    },
    "quarter.missing": {"en": "Missing. Enter the quarter, e.g. 2025Q2.", "th": "ไม่มีค่า ใส่ไตรมาส เช่น ไตรมาส 2/2568"},
    "quarter.bad": {
        "en": "Not a quarter. Write e.g. 2025Q2 (calendar), ไตรมาส 2/2568, or FY2568Q1 (fiscal year from 1 October).",
        "th": "ไม่ใช่ไตรมาส เขียนเช่น ไตรมาส 2/2568 (ปีปฏิทิน), 2025Q2 หรือ ปีงบประมาณ 2568 ไตรมาส 1 (ปีงบประมาณเริ่ม 1 ตุลาคม)",
    },
    "date.bad": {
        "en": "Not a date. Write it as YYYY-MM-DD.",
        "th": "ไม่ใช่วันที่ เขียนในรูป ปปปป-ดด-วว (ค.ศ.) เช่น 2025-01-31",
    },
    # Districts and areas
    "district.unknown_name": {
        "en": "Unknown district name. Did you mean: {hint}?",
        "th": "ไม่รู้จักชื่อเขตนี้ หมายถึง: {hint} หรือไม่",
    },
    "district.name_code_clash": {
        "en": "The district name and dist_code disagree. Correct one of them.",
        "th": "ชื่อเขตกับรหัสเขตไม่ตรงกัน แก้ไขอย่างใดอย่างหนึ่ง",
    },
    "district.missing": {
        "en": "Missing. Give the district code (1001-1050) or the district name.",
        "th": "ไม่มีค่า ใส่รหัสเขต (1001-1050) หรือชื่อเขต",
    },
    "district.unknown_code": {
        "en": "Unknown district code. Use 1001-1050, or the community's own district code with its community_id.",
        "th": "ไม่รู้จักรหัสเขตนี้ ใช้รหัส 1001-1050 หรือรหัสเขตของชุมชนนั้นพร้อม community_id",
    },
    "district.unknown_bangkok_code": {
        "en": "Unknown district code. Use 1001-1050.",
        "th": "ไม่รู้จักรหัสเขตนี้ ใช้รหัส 1001-1050",
    },
    "community.unknown": {
        "en": "Unknown community. Load it in the communities register first, or leave the cell empty.",
        "th": "ไม่รู้จักชุมชนนี้ นำเข้าทะเบียนชุมชนก่อน หรือเว้นช่องนี้ว่าง",
    },
    "community.other_district": {
        "en": "This community is registered in another district. Use its own district code, or fix the register.",
        "th": "ชุมชนนี้ลงทะเบียนไว้ในเขตอื่น ใช้รหัสเขตของชุมชน หรือแก้ไขทะเบียนชุมชน",
    },
    "subdistrict.unknown": {
        "en": "Unknown sub-district code. Use a 6-digit code from the sub-district list, or leave it empty.",
        "th": "ไม่รู้จักรหัสแขวงนี้ ใช้รหัส 6 หลักจากรายชื่อแขวง หรือเว้นว่าง",
    },
    "subdistrict.other_district": {
        "en": "This sub-district is not in the row's district. Check the district or the sub-district code.",
        "th": "แขวงนี้ไม่อยู่ในเขตของแถวนี้ ตรวจสอบรหัสเขตหรือรหัสแขวง",
    },
    # Cases
    "cases.referred_over": {
        "en": "More referred than reported. Referred must be at most cases_reported.",
        "th": "จำนวนส่งต่อมากกว่าจำนวนที่รับแจ้ง จำนวนส่งต่อต้องไม่เกินจำนวนราย",
    },
    "cases.duplicate": {
        "en": "Same quarter, area, violence type and victim group as row {first}. "
        "Add the two rows together or correct one of them.",
        "th": "ไตรมาส พื้นที่ ประเภทความรุนแรง และกลุ่มผู้ถูกกระทำซ้ำกับแถว {first} รวมสองแถวเข้าด้วยกัน หรือแก้ไขแถวใดแถวหนึ่ง",
    },
    # Registers
    "id.missing": {"en": "Missing. Give every row a unique id.", "th": "ไม่มีค่า ใส่รหัสที่ไม่ซ้ำกันทุกแถว"},
    "id.repeated": {
        "en": "This id appears on an earlier row. Ids must be unique.",
        "th": "รหัสนี้ซ้ำกับแถวก่อนหน้า รหัสต้องไม่ซ้ำกัน",
    },
    "name.missing": {"en": "Missing name. Give name_th or name_en.", "th": "ไม่มีชื่อ ใส่ name_th หรือ name_en"},
    "point.swapped": {
        "en": "Latitude and longitude look swapped. In Bangkok lat is about 13.7 and lon about 100.5.",
        "th": "ละติจูดกับลองจิจูดน่าจะสลับกัน ในกรุงเทพฯ ละติจูดประมาณ 13.7 และลองจิจูดประมาณ 100.5",
    },
    "point.not_thailand": {
        "en": "This point is not in Thailand. Check lat/lon (WGS84 degrees, e.g. 13.7563, 100.5018).",
        "th": "พิกัดนี้ไม่อยู่ในประเทศไทย ตรวจสอบละติจูด/ลองจิจูด (องศา WGS84 เช่น 13.7563, 100.5018)",
    },
    "point.outside_bangkok": {
        "en": "Outside Bangkok: kept without a district.",
        "th": "อยู่นอกกรุงเทพฯ: เก็บไว้โดยไม่ระบุเขต",
    },
    "point.district_disagrees": {
        "en": "The point lies in another district; the district of the point is stored. Check the coordinates.",
        "th": "พิกัดอยู่ในเขตอื่น ระบบบันทึกเขตตามพิกัด ตรวจสอบพิกัดอีกครั้ง",
    },
    "pilot.no_start": {
        "en": "A pilot community needs the quarter its pilot started, e.g. 2024Q1.",
        "th": "ชุมชนนำร่องต้องระบุไตรมาสที่เริ่มนำร่อง เช่น ไตรมาส 1/2567",
    },
    "population.source_missing": {
        "en": "Missing. Say where the figure comes from and its year.",
        "th": "ไม่มีค่า ระบุแหล่งที่มาของตัวเลขและปี",
    },
    "population.repeated": {
        "en": "This district and year appear on an earlier row.",
        "th": "เขตและปีนี้ซ้ำกับแถวก่อนหน้า",
    },
    # Reverting
    "revert.no_load": {
        "en": "There is no load {load_id}. See `python -m etl history` for the load ids.",
        "th": "ไม่มีการนำเข้าหมายเลข {load_id} ดูหมายเลขได้จากประวัติการนำเข้า",
    },
    "revert.kind": {
        "en": "Load {load_id} is a {kind} load; only cases, services, communities, population loads can be reverted.",
        "th": "การนำเข้าหมายเลข {load_id} เป็นประเภท {kind} ย้อนกลับได้เฉพาะข้อมูลราย ทะเบียนหน่วยบริการ ทะเบียนชุมชน และประชากร",
    },
    "revert.last_population": {
        "en": "Load {load_id} holds the only population figure of some districts; without it their rates "
        "would disappear. Load a newer population table first, then revert this one if needed.",
        "th": "การนำเข้าหมายเลข {load_id} เป็นข้อมูลประชากรชุดเดียวของบางเขต หากย้อนกลับ อัตราของเขตเหล่านั้นจะหายไป "
        "นำเข้าตารางประชากรที่ใหม่กว่าก่อน แล้วจึงย้อนกลับชุดนี้หากจำเป็น",
    },
    "revert.not_active": {
        "en": "Load {load_id} ({file_name}) is already {status}.",
        "th": "การนำเข้าหมายเลข {load_id} ({file_name}) มีสถานะ {status} อยู่แล้ว",
    },
}


def render(code: str, lang: str = "en", **params: object) -> str:
    """The message ``code`` in ``lang`` with its details filled in.

    >>> render("int.too_small", "th", minimum=0)
    'ต้องมีค่าตั้งแต่ 0 ขึ้นไป'
    """
    return MESSAGES[code][lang].format(**params)
