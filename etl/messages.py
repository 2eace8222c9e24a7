"""What a problem in an uploaded file means, and how to fix it, in English and Thai.

Validators name a problem by its code and fill in the details; the CLI
prints English, the Upload page the user's language. Kept apart from
ui/i18n.py because etl/ runs without Streamlit.
"""

from __future__ import annotations

__all__ = ["MESSAGES", "Term", "render"]


class Term(str):
    """A message parameter that is itself a message code, shown in the language of the message around it."""


MESSAGES: dict[str, dict[str, str]] = {
    # Whole file
    "file.binary": {
        "en": "This is not a text file. Save the sheet as CSV (UTF-8) or Excel .xlsx and upload that.",
        "th": "ไฟล์นี้ไม่ใช่ไฟล์ข้อความ บันทึกชีตเป็น CSV (UTF-8) หรือ Excel .xlsx แล้วนำเข้าใหม่",
    },
    "file.encoding": {
        "en": "Line {line} is neither UTF-8 nor Thai Windows (TIS-620) text. Save the sheet as CSV UTF-8 from Excel.",
        "th": "บรรทัดที่ {line} ไม่ใช่ข้อความแบบ UTF-8 หรือ TIS-620 ให้บันทึกชีตจาก Excel เป็น CSV UTF-8",
    },
    "file.mixed_encoding": {
        "en": "Line {line} is not UTF-8 text, unlike line {first} and the rest of the file: the file mixes "
        "two encodings, so Thai text would be garbled. Save the whole sheet again as CSV UTF-8.",
        "th": "บรรทัดที่ {line} ไม่ใช่ข้อความแบบ UTF-8 ต่างจากบรรทัดที่ {first} และส่วนอื่นของไฟล์ ไฟล์นี้ปนการเข้ารหัสสองแบบ "
        "ข้อความภาษาไทยจะเพี้ยน ให้บันทึกทั้งชีตใหม่เป็น CSV UTF-8",
    },
    "file.nul": {
        "en": "Line {line} holds a NUL character (byte 0), which a text file never contains: the file is damaged. "
        "Export the sheet again as CSV UTF-8.",
        "th": "บรรทัดที่ {line} มีอักขระ NUL (ไบต์ 0) ซึ่งไฟล์ข้อความไม่มี ไฟล์อาจเสียหาย ให้ส่งออกชีตใหม่เป็น CSV UTF-8",
    },
    "file.utf16": {
        "en": "The file is saved as Unicode text (UTF-16). Save the sheet as CSV UTF-8 and upload that.",
        "th": "ไฟล์นี้บันทึกเป็นข้อความ Unicode (UTF-16) ให้บันทึกชีตเป็น CSV UTF-8 แล้วนำเข้าไฟล์นั้น",
    },
    "header.blank": {
        "en": "Column {letter} has data but no header. Give it a header, or delete the column.",
        "th": "คอลัมน์ {letter} มีข้อมูลแต่ไม่มีหัวคอลัมน์ ตั้งชื่อหัวคอลัมน์ หรือลบคอลัมน์นั้น",
    },
    "file.repeated_headers": {
        "en": "The header row repeats {headers}. Give every column its own name.",
        "th": "แถวหัวตารางมีชื่อคอลัมน์ซ้ำ: {headers} ตั้งชื่อคอลัมน์ไม่ให้ซ้ำกัน",
    },
    "file.unreadable": {
        "en": "The file could not be read as a table. Save the sheet as CSV UTF-8 with one header row "
        "and the same columns in every row.",
        "th": "อ่านไฟล์เป็นตารางไม่ได้ ให้บันทึกชีตเป็น CSV UTF-8 ที่มีแถวหัวตารางหนึ่งแถว และทุกแถวมีคอลัมน์เท่ากัน",
    },
    "file.ragged_row": {
        "en": "This row has {actual} cells but the header row has {expected}. Look for an extra separator "
        '({delimiter}) or a quote (") that is not closed.',
        "th": "แถวนี้มี {actual} ช่อง แต่แถวหัวตารางมี {expected} ช่อง ตรวจหาตัวคั่น ({delimiter}) ที่เกินมา "
        'หรือเครื่องหมายคำพูด (") ที่ไม่ได้ปิด',
    },
    "file.huge_cell": {
        "en": 'A cell from this row on is longer than {limit} MB, usually a quote (") that is opened and never '
        "closed, so the rows after it read as one cell. Close or remove the quote.",
        "th": 'ตั้งแต่แถวนี้มีช่องที่ยาวเกิน {limit} MB มักเกิดจากเครื่องหมายคำพูด (") ที่เปิดแล้วไม่ได้ปิด '
        "ทำให้แถวถัดไปถูกอ่านเป็นช่องเดียว ให้ปิดหรือลบเครื่องหมายคำพูดนั้น",
    },
    "file.bad_excel": {
        "en": "The Excel file could not be opened: it is damaged, protected by a password, or not an .xlsx "
        "workbook. Open it in Excel and save it again as an Excel Workbook (.xlsx).",
        "th": "เปิดไฟล์ Excel ไม่ได้ ไฟล์อาจเสียหาย มีรหัสผ่าน หรือไม่ใช่ไฟล์ .xlsx ให้เปิดใน Excel แล้วบันทึกใหม่เป็น .xlsx",
    },
    "file.excel_structure": {
        "en": "The workbook is not built the way Excel builds one (too many parts or an unusual compression), "
        "so it was not opened. Copy the data into a new workbook and save that.",
        "th": "โครงสร้างของไฟล์ Excel นี้ผิดปกติ (มีส่วนประกอบมากเกินไปหรือบีบอัดแบบแปลก) จึงไม่เปิดอ่าน "
        "ให้คัดลอกข้อมูลไปไว้ในไฟล์ใหม่แล้วบันทึก",
    },
    "file.excel_unpacked_too_large": {
        "en": "The workbook unpacks to {size} MB, more than the {limit} MB limit (the limit applies to what is "
        "read, not only to the file's size). Save the sheet as CSV UTF-8, or split it by quarter.",
        "th": "ไฟล์ Excel นี้เมื่อคลายออกมีขนาด {size} MB เกินขนาดที่กำหนด {limit} MB (นับขนาดข้อมูลที่อ่าน "
        "ไม่ใช่เฉพาะขนาดไฟล์) ให้บันทึกชีตเป็น CSV UTF-8 หรือแบ่งไฟล์ตามไตรมาส",
    },
    "file.excel_range": {
        "en": "A sheet of the workbook declares the range {range} ({cells} cells), far more than any table here; "
        "the file is damaged or built to exhaust the server. Copy the data into a new workbook and save that.",
        "th": "ชีตหนึ่งในไฟล์ระบุช่วงเซลล์ {range} ({cells} เซลล์) มากเกินกว่าตารางใด ๆ "
        "ไฟล์อาจเสียหายหรือถูกสร้างมาเพื่อให้เซิร์ฟเวอร์ทำงานไม่ได้ "
        "ให้คัดลอกข้อมูลไปไว้ในไฟล์ใหม่แล้วบันทึก",
    },
    "file.excel_too_big_to_read": {
        "en": "Reading this workbook would take more than {limit} MB of memory, so it was stopped; it probably "
        "has cells far outside its table. Copy the table into a new workbook, or save the sheet as CSV UTF-8.",
        "th": "การอ่านไฟล์ Excel นี้ต้องใช้หน่วยความจำเกิน {limit} MB จึงหยุดอ่าน ไฟล์อาจมีเซลล์อยู่ห่างจากตารางมาก "
        "ให้คัดลอกตารางไปไว้ในไฟล์ใหม่ หรือบันทึกชีตเป็น CSV UTF-8",
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
    "file.more_problems": {
        "en": "… and {n} more problems not listed. Fix those above (the same mistake often repeats) and check again.",
        "th": "… และยังมีปัญหาอีก {n} รายการที่ไม่ได้แสดง แก้ไขรายการข้างต้น (มักเป็นข้อผิดพลาดเดียวกันซ้ำ ๆ) แล้วตรวจสอบอีกครั้ง",
    },
    "file.ignored_columns": {
        "en": "Columns not used and not stored: {columns}.",
        "th": "คอลัมน์ที่ไม่ได้ใช้และไม่ได้บันทึก: {columns}",
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
    "int.too_large": {
        "en": "Too large: must be at most {maximum}. Check the number for extra digits.",
        "th": "ค่ามากเกินไป ต้องไม่เกิน {maximum} ตรวจสอบว่ามีตัวเลขเกินมาหรือไม่",
    },
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
    "quarter.future": {
        "en": "Read as {quarter}, which is after the current quarter ({current}). Check the year: "
        "a Buddhist Era year is 543 more than the Common Era year (2568 = 2025).",
        "th": "อ่านได้เป็น {quarter} ซึ่งอยู่หลังไตรมาสปัจจุบัน ({current}) ตรวจสอบปี: ปี พ.ศ. มากกว่าปี ค.ศ. 543 ปี (2568 = 2025)",
    },
    "quarter.too_early": {
        "en": "Read as {quarter}, before {first}, the earliest quarter accepted (SAFESPACE_FIRST_QUARTER). "
        "Check the year.",
        "th": "อ่านได้เป็น {quarter} ซึ่งก่อน {first} ไตรมาสแรกที่รับได้ (SAFESPACE_FIRST_QUARTER) ตรวจสอบปี",
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
    "revert.no_earlier_version": {
        "en": "Load {load_id} ({file_name}) is the first version of {n} {unit}: reverting it removes their data "
        "and nothing earlier comes back. To do that anyway, revert it with force (--force on the command line); "
        "restoring the load undoes it.",
        "th": "การนำเข้าหมายเลข {load_id} ({file_name}) เป็นข้อมูลรุ่นแรกของ {n} {unit} หากย้อนกลับ ข้อมูลเหล่านั้นจะหายไป "
        "โดยไม่มีรุ่นก่อนหน้ากลับมาแทน หากต้องการเช่นนั้นจริง ให้ย้อนกลับแบบยืนยัน (--force ในบรรทัดคำสั่ง) "
        "และยกเลิกได้ด้วยการคืนสถานะการนำเข้านี้",
    },
    "revert.breaks_references": {
        "en": "Reverting load {load_id} would leave {n} current case row(s) (quarters {quarters}) naming communities "
        "that would then not exist or lie in another district ({communities}). Revert or replace those cases "
        "loads first.",
        "th": "หากย้อนกลับการนำเข้าหมายเลข {load_id} ข้อมูลรายจำนวน {n} แถว (ไตรมาส {quarters}) จะอ้างถึงชุมชนที่ไม่มีอยู่ "
        "หรืออยู่ในเขตอื่น ({communities}) ให้ย้อนกลับหรือแทนที่ข้อมูลรายเหล่านั้นก่อน",
    },
    "revert.done_earlier": {
        "en": "Reverted load {load_id} ({file_name}): the earlier version is in force again for {earlier} {unit}. "
        "python -m etl restore {load_id} undoes this.",
        "th": "ย้อนกลับการนำเข้าหมายเลข {load_id} ({file_name}) แล้ว ข้อมูลรุ่นก่อนหน้ากลับมาใช้สำหรับ {earlier} {unit} "
        "ยกเลิกได้ด้วย python -m etl restore {load_id}",
    },
    "revert.done_removed": {
        "en": "Reverted load {load_id} ({file_name}): {removed} {unit} had no earlier version and now have no data; "
        "the earlier version is in force again for {earlier}. python -m etl restore {load_id} undoes this.",
        "th": "ย้อนกลับการนำเข้าหมายเลข {load_id} ({file_name}) แล้ว {removed} {unit} ไม่มีข้อมูลรุ่นก่อนหน้า จึงไม่มีข้อมูลแล้ว "
        "และข้อมูลรุ่นก่อนหน้ากลับมาใช้สำหรับ {earlier} รายการ ยกเลิกได้ด้วย python -m etl restore {load_id}",
    },
    "revert.done_superseded": {
        "en": "Reverted load {load_id} ({file_name}): later loads already replace all of it, so the figures shown "
        "do not change. python -m etl restore {load_id} undoes this.",
        "th": "ย้อนกลับการนำเข้าหมายเลข {load_id} ({file_name}) แล้ว การนำเข้าที่ใหม่กว่าแทนที่ข้อมูลทั้งหมดอยู่แล้ว "
        "ตัวเลขที่แสดงจึงไม่เปลี่ยน ยกเลิกได้ด้วย python -m etl restore {load_id}",
    },
    # Restoring (undoing a revert)
    "restore.not_reverted": {
        "en": "Load {load_id} ({file_name}) is {status}, not reverted: only a reverted load can be restored.",
        "th": "การนำเข้าหมายเลข {load_id} ({file_name}) มีสถานะ {status} ไม่ได้ถูกย้อนกลับ คืนสถานะได้เฉพาะการนำเข้าที่ถูกย้อนกลับ",
    },
    "restore.breaks_references": {
        "en": "Restoring load {load_id} would bring back {n} case row(s) (quarters {quarters}) naming communities "
        "that do not exist now or lie in another district ({communities}). Restore or load those communities first.",
        "th": "หากคืนสถานะการนำเข้าหมายเลข {load_id} ข้อมูลรายจำนวน {n} แถว (ไตรมาส {quarters}) จะอ้างถึงชุมชนที่ไม่มีอยู่ "
        "หรืออยู่ในเขตอื่น ({communities}) ให้คืนสถานะหรือนำเข้าชุมชนเหล่านั้นก่อน",
    },
    "restore.done": {
        "en": "Restored load {load_id} ({file_name}): it counts again, as the version in force for {in_force} {unit}.",
        "th": "คืนสถานะการนำเข้าหมายเลข {load_id} ({file_name}) แล้ว ข้อมูลนี้กลับมาใช้สำหรับ {in_force} {unit}",
    },
    # Units that versions are counted in
    "unit.cases": {"en": "quarter-district(s)", "th": "ไตรมาส-เขต"},
    "unit.services": {"en": "service(s)", "th": "หน่วยบริการ"},
    "unit.communities": {"en": "community(ies)", "th": "ชุมชน"},
    "unit.population": {"en": "district(s)", "th": "เขต"},
    # Site recommendation (issue 14): python -m etl plan sites, and the planner page's errors
    "plan.bad_k": {
        "en": "--k {k}: choose from 1 to {maximum} new sites (the number of candidates).",
        "th": "--k {k}: เลือกจุดใหม่ได้ตั้งแต่ 1 ถึง {maximum} จุด (จำนวนจุดที่เป็นตัวเลือก)",
    },
    "plan.bad_radius": {
        "en": "Radius {value} m is outside {low}–{high} m. Give the catchment in metres, e.g. --radius 3000.",
        "th": "รัศมี {value} เมตร อยู่นอกช่วง {low}–{high} เมตร ระบุรัศมีเป็นเมตร เช่น --radius 3000",
    },
    "plan.bad_candidates": {
        "en": "Unknown candidate set '{value}'. Choose one of: {choices}.",
        "th": "ไม่รู้จักชุดจุดตัวเลือก '{value}' เลือกจาก: {choices}",
    },
    "plan.bad_model": {
        "en": "Unknown model '{value}'. Choose one of: {choices}.",
        "th": "ไม่รู้จักแบบจำลอง '{value}' เลือกจาก: {choices}",
    },
    "plan.no_candidates": {
        "en": "This candidate set has no points in Bangkok. Choose another set, or load its register first.",
        "th": "ชุดจุดตัวเลือกนี้ไม่มีจุดในกรุงเทพฯ เลือกชุดอื่น หรือนำเข้าทะเบียนก่อน",
    },
    "plan.no_demand": {
        "en": "No community with residents in Bangkok is published, so there is no demand to cover. "
        "Load the communities register and publish.",
        "th": "ไม่มีชุมชนที่มีจำนวนผู้อยู่อาศัยในกรุงเทพฯ ที่เผยแพร่ จึงไม่มีความต้องการให้ครอบคลุม นำเข้าทะเบียนชุมชนแล้วเผยแพร่",
    },
    "plan.no_window": {
        "en": "The published figures hold no quarter of cases, so need is unknown. Load cases and publish first.",
        "th": "ตัวเลขที่เผยแพร่ยังไม่มีข้อมูลรายไตรมาสใด จึงไม่ทราบความต้องการ นำเข้าข้อมูลรายแล้วเผยแพร่ก่อน",
    },
    "plan.solver_timeout": {
        "en": "The solver found no proven best plan within {seconds} s. Choose fewer candidates (e.g. --candidates "
        "district-offices) or a smaller radius, or allow more time (--time-limit).",
        "th": "ตัวแก้ปัญหาหาแผนที่ดีที่สุดไม่ได้ภายใน {seconds} วินาที เลือกชุดจุดตัวเลือกที่เล็กลง (เช่น --candidates "
        "district-offices) หรือรัศมีที่เล็กลง หรือเพิ่มเวลา (--time-limit)",
    },
    "plan.solver_failed": {
        "en": "The solver gave no plan ({reason}). Try again; if it happens again, report it with these settings.",
        "th": "ตัวแก้ปัญหาไม่ได้ให้แผน ({reason}) ลองใหม่อีกครั้ง หากยังเกิดขึ้นอีก ให้แจ้งพร้อมค่าที่ใช้",
    },
    "plan.scenario": {
        "en": "SCENARIO, NOT DATA: {k} new safe space(s) by {model}, within {radius} m, among {n} candidates "
        "({candidates}); existing safe spaces kept ({existing}). Need: published smoothed rates of {window}.",
        "th": "สถานการณ์สมมติ ไม่ใช่ข้อมูลจริง: พื้นที่ปลอดภัยใหม่ {k} แห่ง ด้วย{model} ในรัศมี {radius} เมตร "
        "จากจุดตัวเลือก {n} จุด ({candidates}) คงพื้นที่ปลอดภัยเดิมไว้ ({existing} แห่ง) "
        "ความต้องการ: อัตราปรับเรียบที่เผยแพร่ของ {window}",
    },
    "plan.model_mclp": {"en": "maximal covering (MCLP)", "th": "แบบจำลองครอบคลุมสูงสุด (MCLP)"},
    "plan.model_p_median": {"en": "p-median", "th": "แบบจำลอง p-median"},
    "plan.covered": {
        "en": "Need-weighted residents within reach: {before} before, {after} after (+{gain}); "
        "a greedy choice of as many sites: {greedy}.",
        "th": "ผู้อยู่อาศัยถ่วงน้ำหนักตามความต้องการที่อยู่ในระยะ: ก่อน {before} หลัง {after} (+{gain}) "
        "หากเลือกแบบละโมบจำนวนเท่ากัน: {greedy}",
    },
    "plan.residents": {
        "en": "Residents within reach: {before} before, {after} after (+{gain}), of {total}.",
        "th": "ผู้อยู่อาศัยที่อยู่ในระยะ: ก่อน {before} หลัง {after} (+{gain}) จากทั้งหมด {total}",
    },
    "plan.distance": {
        "en": "Need-weighted mean distance to the nearest safe space: {before} m before, {after} m after.",
        "th": "ระยะทางเฉลี่ยถ่วงน้ำหนักตามความต้องการถึงพื้นที่ปลอดภัยที่ใกล้ที่สุด: ก่อน {before} เมตร หลัง {after} เมตร",
    },
    "plan.columns": {
        "en": "site|name|district|new residents|gap districts reached",
        "th": "รหัสจุด|ชื่อ|เขต|ผู้อยู่อาศัยที่ครอบคลุมใหม่|เขตช่องว่างที่ไปถึง",
    },
    "plan.limits": {
        "en": "Limits: straight-line distances, estimated community populations, need from reported cases "
        "(not all violence is reported). A scenario to discuss, not a decision.",
        "th": "ข้อจำกัด: ระยะทางเป็นเส้นตรง จำนวนประชากรชุมชนเป็นค่าประมาณ ความต้องการมาจากรายที่ได้รับแจ้ง "
        "(ความรุนแรงไม่ได้ถูกแจ้งทุกราย) ใช้เป็นสถานการณ์เพื่อหารือ ไม่ใช่การตัดสินใจ",
    },
    "plan.solved": {"en": "Solved in {seconds} s.", "th": "คำนวณเสร็จใน {seconds} วินาที"},
    "plan.wrote": {"en": "Wrote the scenario to {path}", "th": "บันทึกสถานการณ์สมมติไว้ที่ {path}"},
    # Pilot evaluation (issue 12): why there is, or is not, enough data
    "pilot_eval.enough": {
        "en": "{n_pilots} pilots with four quarters before and four from their start, against {n_comparison} "
        "comparison communities: enough for an estimate.",
        "th": "ชุมชนนำร่อง {n_pilots} แห่งที่มีข้อมูลสี่ไตรมาสก่อนเริ่มและสี่ไตรมาสนับจากเริ่ม เทียบกับชุมชนเปรียบเทียบ "
        "{n_comparison} แห่ง: ข้อมูลเพียงพอสำหรับการประมาณ",
    },
    "pilot_eval.few_pilots": {
        "en": "Only {n} pilot(s) have four quarters before and four from their start with a comparison community; "
        "at least {needed} are needed. Figures shown, if any, are not reliable.",
        "th": "มีชุมชนนำร่องเพียง {n} แห่งที่มีข้อมูลสี่ไตรมาสก่อนเริ่มและสี่ไตรมาสนับจากเริ่มพร้อมชุมชนเปรียบเทียบ "
        "ต้องมีอย่างน้อย {needed} แห่ง ตัวเลขที่แสดง (ถ้ามี) ยังเชื่อถือไม่ได้",
    },
    "pilot_eval.few_comparisons": {
        "en": "Only {n} comparison communit(ies) are left after the choice of group and the spillover distance; "
        "at least {needed} are needed. Figures shown, if any, are not reliable.",
        "th": "เหลือชุมชนเปรียบเทียบเพียง {n} แห่งหลังเลือกกลุ่มและตัดชุมชนที่อยู่ใกล้ชุมชนนำร่อง ต้องมีอย่างน้อย "
        "{needed} แห่ง ตัวเลขที่แสดง (ถ้ามี) ยังเชื่อถือไม่ได้",
    },
    "pilot_eval.no_estimate": {
        "en": "The model cannot be estimated: the pilots or the comparison communities have no cases in part of "
        "the quarters compared (for referrals: no reported case to refer).",
        "th": "ประมาณแบบจำลองไม่ได้ เพราะชุมชนนำร่องหรือชุมชนเปรียบเทียบไม่มีรายงานในบางไตรมาสที่เปรียบเทียบ "
        "(สำหรับการส่งต่อ: ไม่มีรายที่รายงานให้ส่งต่อ)",
    },
    # Quarterly briefing (etl/briefing/, python -m etl briefing): a printed page for executives
    "briefing.title": {
        "en": "Domestic violence in Bangkok: quarterly briefing",
        "th": "สรุปสถานการณ์ความรุนแรงในครอบครัว กรุงเทพมหานคร รายไตรมาส",
    },
    "briefing.fiscal.1q": {"en": "Q{q} of fiscal year {fiscal_year}", "th": "ไตรมาส {q} ปีงบประมาณ {fiscal_year}"},
    "briefing.fiscal.4q": {
        "en": "Four quarters to Q{q} of fiscal year {fiscal_year}",
        "th": "สี่ไตรมาสถึงไตรมาส {q} ปีงบประมาณ {fiscal_year}",
    },
    "briefing.fiscal.fytd": {
        "en": "Fiscal year {fiscal_year} to date (Q1 to Q{q})",
        "th": "ปีงบประมาณ {fiscal_year} ตั้งแต่ไตรมาส 1 ถึงไตรมาส {q}",
    },
    "briefing.calendar": {
        "en": "{months} · calendar quarters {keys} · the fiscal year starts on 1 October",
        "th": "{months} · ไตรมาสปฏิทิน {keys} · ปีงบประมาณเริ่ม 1 ตุลาคม",
    },
    "briefing.banner": {
        "en": "SYNTHETIC DEMO DATA: these are not real cases. For trying out the dashboard only.",
        "th": "ข้อมูลตัวอย่างที่สร้างขึ้น ไม่ใช่ข้อมูลผู้ถูกกระทำจริง ใช้สำหรับทดลองระบบเท่านั้น",
    },
    "briefing.headline": {"en": "Headline figures", "th": "ตัวเลขหลัก"},
    "briefing.kpi.cases": {"en": "Cases reported", "th": "ผู้ถูกกระทำที่ได้รับรายงาน"},
    "briefing.kpi.referral_rate": {"en": "Share referred", "th": "สัดส่วนที่ส่งต่อ"},
    "briefing.kpi.hotspots": {"en": "Hot-spot districts", "th": "เขตจุดร้อน"},
    "briefing.kpi.gaps": {"en": "Gap districts", "th": "เขตที่บริการไม่พอ"},
    "briefing.kpi.safe_spaces": {"en": "Safe spaces open", "th": "พื้นที่ปลอดภัยที่เปิดบริการ"},
    "briefing.kpi.pilots": {"en": "Pilot communities", "th": "ชุมชนนำร่อง"},
    "briefing.vs_previous": {"en": "{change} on the previous period", "th": "{change} จากช่วงก่อนหน้า"},
    "briefing.vs_year": {"en": "{change} on a year before", "th": "{change} เทียบปีก่อน"},
    "briefing.no_previous": {"en": "no earlier period to compare", "th": "ไม่มีช่วงก่อนหน้าให้เทียบ"},
    "briefing.no_year": {"en": "no data a year before", "th": "ไม่มีข้อมูลปีก่อนให้เทียบ"},
    "briefing.points": {"en": "{change} pts", "th": "{change} จุด"},
    "briefing.compared": {
        "en": "Previous period: {previous}. A year before: {year_before}.",
        "th": "ช่วงก่อนหน้า: {previous} ปีก่อน: {year_before}",
    },
    "briefing.map": {"en": "Smoothed rate by district", "th": "อัตราปรับเรียบรายเขต"},
    "briefing.legend": {"en": "Per 100,000 residents {span}", "th": "ต่อประชากร 100,000 คน {span}"},
    "briefing.span_one": {"en": "in one quarter", "th": "ในไตรมาสเดียว"},
    "briefing.span_many": {"en": "over {n} quarters (not annualised)", "th": "รวม {n} ไตรมาส (ไม่ได้ปรับเป็นรายปี)"},
    "briefing.no_data": {"en": "No data", "th": "ไม่มีข้อมูล"},
    "briefing.inset": {"en": "Inner city, enlarged", "th": "เขตชั้นใน (ขยาย)"},
    "briefing.river": {"en": "Chao Phraya and main roads", "th": "แม่น้ำเจ้าพระยาและถนนสายหลัก"},
    "briefing.map_note": {
        "en": "The smoothed (empirical Bayes) rate pulls small districts towards Bangkok's average, so a few cases "
        "do not make a district jump; every district with data has one, including those whose count is hidden.",
        "th": "อัตราปรับเรียบ (empirical Bayes) ดึงอัตราของเขตที่มีประชากรน้อยเข้าหาค่าเฉลี่ยของกรุงเทพฯ ตัวเลขจึงไม่แกว่ง"
        "เพราะจำนวนรายน้อย ทุกเขตที่มีข้อมูลมีอัตรานี้ รวมทั้งเขตที่จำนวนรายถูกปกปิด",
    },
    "briefing.attention": {"en": "Districts that need attention, and why", "th": "เขตที่ควรให้ความสำคัญ และเหตุผล"},
    "briefing.attention_none": {
        "en": "No district meets any criterion in this period (hot spot, gap, high rate or low referral).",
        "th": "ไม่มีเขตใดเข้าเกณฑ์ในช่วงนี้ (จุดร้อน บริการไม่พอ อัตราสูง หรือส่งต่อน้อย)",
    },
    "briefing.attention_how": {
        "en": "Ranked by points: hot spot at 99% = 3, at 95% = 2, gap = 2, smoothed rate in the top third = 1, "
        "share referred in the lowest fifth = 1; ties go to the higher smoothed rate.",
        "th": "เรียงตามคะแนน: จุดร้อน 99% = 3, จุดร้อน 95% = 2, บริการไม่พอ = 2, อัตราปรับเรียบอยู่ในกลุ่มสูงสุดหนึ่งในสาม = 1, "
        "สัดส่วนที่ส่งต่ออยู่ในกลุ่มต่ำสุดหนึ่งในห้า = 1 คะแนนเท่ากันเรียงตามอัตราปรับเรียบ",
    },
    "briefing.reason.hot_99": {
        "en": "a hot spot: high rates here and next door (Gi*, FDR q < 0.01)",
        "th": "จุดร้อน: อัตราของเขตนี้และเขตข้างเคียงสูงร่วมกัน (Gi*, FDR q < 0.01)",
    },
    "briefing.reason.hot_95": {
        "en": "a hot spot: high rates here and next door (Gi*, FDR q < 0.05)",
        "th": "จุดร้อน: อัตราของเขตนี้และเขตข้างเคียงสูงร่วมกัน (Gi*, FDR q < 0.05)",
    },
    "briefing.reason.gap": {
        "en": "high need but little access to safe spaces",
        "th": "ความต้องการสูงแต่เข้าถึงพื้นที่ปลอดภัยได้น้อย",
    },
    "briefing.reason.high_rate": {
        "en": "smoothed rate {rate} per 100,000, ranked {rank} of {of}",
        "th": "อัตราปรับเรียบ {rate} ต่อประชากร 100,000 คน สูงเป็นอันดับ {rank} จาก {of} เขต",
    },
    "briefing.reason.low_referral": {
        "en": "only {share} of cases referred to a service (Bangkok: {bangkok})",
        "th": "ส่งต่อเพียง {share} ของรายที่ได้รับรายงาน (ทั้งกรุงเทพฯ {bangkok})",
    },
    "briefing.gaps": {
        "en": "Gap districts: high need, little access to safe spaces",
        "th": "เขตที่บริการไม่พอ: ความต้องการสูง แต่เข้าถึงพื้นที่ปลอดภัยได้น้อย",
    },
    "briefing.gap_line": {
        "en": "{name}: smoothed rate {rate}; the nearest safe space is {km} km away on average",
        "th": "{name}: อัตราปรับเรียบ {rate} ระยะถึงพื้นที่ปลอดภัยที่ใกล้ที่สุดเฉลี่ย {km} กม.",
    },
    "briefing.gaps_none": {
        "en": "No district combines high need with low coverage in this period.",
        "th": "ไม่มีเขตที่ความต้องการสูงและการเข้าถึงต่ำในช่วงนี้",
    },
    "briefing.pilot": {"en": "The pilots", "th": "ผลของชุมชนนำร่อง"},
    "briefing.pilot_result": {
        "en": "Up to {quarter}, the {n_pilot} pilots' reported rate was {ratio} times what {n_comparison} comparison "
        "communities' trend predicts (rate ratio; 95% interval {low} to {high}; randomization p = {p}): {verdict}.",
        "th": "ถึง {quarter} อัตรารายที่ได้รับแจ้งของชุมชนนำร่อง {n_pilot} ชุมชนเป็น {ratio} เท่าของระดับที่คาดจากแนวโน้ม"
        "ของชุมชนเปรียบเทียบ {n_comparison} ชุมชน (อัตราส่วนอัตรา ช่วงความเชื่อมั่น 95%: {low} ถึง {high} "
        "ค่า p จากการสลับป้าย = {p}) {verdict}",
    },
    "briefing.verdict.unclear": {
        "en": "the randomization test cannot rule out chance",
        "th": "การทดสอบโดยการสลับป้ายยังตัดความบังเอิญออกไม่ได้",
    },
    "briefing.verdict.lower": {
        "en": "lower than chance alone would explain",
        "th": "ต่ำกว่าที่ความบังเอิญอย่างเดียวจะอธิบายได้",
    },
    "briefing.verdict.higher": {
        "en": "higher than chance alone would explain",
        "th": "สูงกว่าที่ความบังเอิญอย่างเดียวจะอธิบายได้",
    },
    "briefing.pilot_missing": {
        "en": "No reliable estimate yet. {reason}",
        "th": "ยังประมาณผลได้ไม่น่าเชื่อถือ {reason}",
    },
    "briefing.pilot_caveat": {
        "en": "Pilots were not chosen at random, so this is an association, not proof of an effect.",
        "th": "ชุมชนนำร่องไม่ได้ถูกสุ่มเลือก ผลนี้จึงเป็นความสัมพันธ์ ไม่ใช่หลักฐานว่าโครงการได้ผล",
    },
    "briefing.about": {"en": "Data, sources and methods", "th": "ข้อมูล แหล่งที่มา และวิธีการ"},
    "briefing.as_of": {
        "en": "Data as of {loaded}; figures published {published}; latest quarter with data: {latest}.",
        "th": "ข้อมูล ณ วันที่ {loaded} เผยแพร่ตัวเลขเมื่อ {published} ไตรมาสล่าสุดที่มีข้อมูล: {latest}",
    },
    "briefing.sources": {
        "en": "Sources: case counts {cases}; population: {population}; district boundaries: OCHA HDX COD-AB "
        "(Royal Thai Survey Department); communities: BMA community register (2022); services: BMA GIS and "
        "public lists of hospitals, police stations, district offices and health centres.",
        "th": "แหล่งข้อมูล: จำนวนผู้ถูกกระทำ{cases} ประชากร: {population} ขอบเขตเขต: OCHA HDX COD-AB "
        "(กรมแผนที่ทหาร) ชุมชน: ทะเบียนชุมชนของกรุงเทพมหานคร (2565) หน่วยบริการ: ระบบภูมิสารสนเทศของกรุงเทพมหานคร "
        "และรายชื่อโรงพยาบาล สถานีตำรวจ สำนักงานเขต และศูนย์บริการสาธารณสุขที่เผยแพร่",
    },
    "briefing.cases.synthetic": {"en": "are synthetic demo data", "th": "เป็นข้อมูลตัวอย่างที่สร้างขึ้น"},
    "briefing.cases.real": {
        "en": "from the quarterly district files loaded by analysts",
        "th": "จากไฟล์รายไตรมาสของเขตที่นักวิเคราะห์นำเข้า",
    },
    "briefing.methods": {
        "en": "Methods. Every figure is computed from protected cells: counts below {below} are hidden (“<{below}”) "
        "and others rounded to a multiple of {round_to}, so totals are estimates. Rates are per 100,000 residents "
        "over the period, not annualised. Hot spots: Getis-Ord Gi* of the smoothed rate, 9,999 permutations, false "
        "discovery rate q < 0.05. Gap: smoothed rate in the top third and access to safe spaces (two-step floating "
        "catchment, {catchment} km) in the bottom third. Pilots: rate ratio of a Poisson model with community and "
        "quarter effects against never-piloted communities, with a randomization p (latest quarter). "
        "Details: the dashboard's Methods page.",
        "th": "วิธีการ: ตัวเลขทุกตัวคำนวณจากช่องข้อมูลที่คุ้มครองแล้ว จำนวนที่ต่ำกว่า {below} ถูกปกปิด (“<{below}”) "
        "จำนวนอื่นปัดเป็นพหุคูณของ {round_to} ยอดรวมจึงเป็นค่าประมาณ อัตราคิดต่อประชากร 100,000 คนตลอดช่วงเวลา "
        "ไม่ได้ปรับเป็นรายปี จุดร้อน: Getis-Ord Gi* ของอัตราปรับเรียบ สุ่มเรียงสับเปลี่ยน 9,999 ครั้ง ควบคุมอัตราการค้นพบเท็จ "
        "q < 0.05 เขตที่บริการไม่พอ: อัตราปรับเรียบอยู่ในกลุ่มสูงสุดหนึ่งในสาม และการเข้าถึงพื้นที่ปลอดภัย (two-step "
        "floating catchment รัศมี {catchment} กม.) อยู่ในกลุ่มต่ำสุดหนึ่งในสาม ชุมชนนำร่อง: อัตราส่วนอัตราจากแบบจำลองปัวซอง"
        "ที่มีผลของชุมชนและไตรมาส เทียบกับชุมชนที่ไม่เคยนำร่อง พร้อมค่า p จากการสลับป้าย (ไตรมาสล่าสุด) "
        "รายละเอียดอยู่ที่หน้าวิธีการของแดชบอร์ด",
    },
    "briefing.page": {"en": "Page {page} of {pages}", "th": "หน้า {page} จาก {pages}"},
    # Read at a glance (issue 16): say what a name was read as
    "district.read_as": {
        "en": "“{name}” was read as {district}. Rows with this name ({n}): {rows}. If you meant another district, "
        "correct the name.",
        "th": "อ่าน “{name}” เป็น {district} แถวที่ใช้ชื่อนี้ ({n} แถว): {rows} หากหมายถึงเขตอื่น ให้แก้ชื่อเขต",
    },
}


def render(code: str, lang: str = "en", **params: object) -> str:
    """The message ``code`` in ``lang`` with its details filled in.

    >>> render("int.too_small", "th", minimum=0)
    'ต้องมีค่าตั้งแต่ 0 ขึ้นไป'
    >>> render("restore.done", "th", load_id=7, file_name="a.csv", in_force=2, unit=Term("unit.cases"))
    'คืนสถานะการนำเข้าหมายเลข 7 (a.csv) แล้ว ข้อมูลนี้กลับมาใช้สำหรับ 2 ไตรมาส-เขต'
    """
    params = {k: MESSAGES[v][lang] if isinstance(v, Term) else v for k, v in params.items()}
    return MESSAGES[code][lang].format(**params)
