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
        "th": "ไตรมาสสุดท้ายของช่วงเวลาที่แสดง เลือกความยาวของช่วงได้ด้านล่าง",
        "en": "The last quarter of the period shown; choose how many quarters it adds up below.",
    },
    "sidebar.data_as_of": {"th": "ข้อมูล ณ วันที่ {date}", "en": "Data as of {date}"},
    "sidebar.map_context": {"th": "แสดงแม่น้ำเจ้าพระยาและถนนสายหลักบนแผนที่", "en": "Show the Chao Phraya and main roads"},
    "sidebar.published": {"th": "เผยแพร่ตัวเลขเมื่อ {date}", "en": "Figures published {date}"},
    "sidebar.stale": {
        "th": "การเผยแพร่ครั้งล่าสุด ({date}) ไม่สำเร็จ ตัวเลขที่เห็นจึงเก่ากว่าข้อมูลที่นำเข้าล่าสุด นักวิเคราะห์ดูสาเหตุได้ที่หน้านำเข้าข้อมูล",
        "en": "The latest publish ({date}) failed, so these figures are older than the latest load. Analysts "
        "see why on the Upload page.",
    },
    "sidebar.latest_quarter": {"th": "ไตรมาสล่าสุด: {quarter}", "en": "Latest quarter: {quarter}"},
    "sidebar.no_cases": {"th": "ยังไม่มีข้อมูลจำนวนผู้ถูกกระทำ", "en": "No case data loaded yet"},
    # Problems with the database: say what is wrong and what to do
    "error.snapshot_missing": {
        "th": "ยังไม่มีตัวเลขที่เผยแพร่ที่ `{path}` สร้างฐานข้อมูลตัวอย่างด้วย `python -m etl demo` (หรือ `make run`) "
        "หรือเผยแพร่คลังข้อมูลที่มีอยู่ด้วย `python -m etl publish`",
        "en": "No published figures at `{path}`. Build the demo with `python -m etl demo` (or `make run`), or "
        "publish an existing warehouse with `python -m etl publish`.",
    },
    "error.snapshot_not_ready": {
        "th": "ไฟล์ `{path}` ไม่ใช่ตัวเลขที่เผยแพร่ซึ่งโปรแกรมรุ่นนี้อ่านได้ เผยแพร่ใหม่ด้วย `python -m etl publish` แล้วโหลดหน้านี้ใหม่",
        "en": "`{path}` is not a snapshot this version of the program can read. Publish again with "
        "`python -m etl publish`, then reload this page.",
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
        "th": "ภาพรวมความรุนแรงในครอบครัว กรุงเทพมหานคร",
        "en": "Domestic violence in Bangkok at a glance",
    },
    "overview.subtitle": {"th": "ช่วงเวลา: {window}", "en": "Period: {window}"},
    "overview.no_cases": {
        "th": "ยังไม่มีข้อมูลจำนวนผู้ถูกกระทำในฐานข้อมูล จึงยังแสดงแผนที่ไม่ได้ นำเข้าไฟล์ข้อมูลรายไตรมาส "
        "หรือสร้างข้อมูลตัวอย่างด้วยคำสั่ง `python -m etl demo` (หรือ `make run`)",
        "en": "No case data has been loaded yet, so there is no map to show. Load a quarterly cases file, "
        "or build the demo data with `python -m etl demo` (or `make run`).",
    },
    "overview.map_alt": {
        "th": "แผนที่ 50 เขตของกรุงเทพฯ ระบายสีตามอัตราปรับเรียบ (empirical Bayes) ต่อประชากร 100,000 คน",
        "en": "Map of Bangkok's 50 districts shaded by the smoothed (empirical Bayes) rate per 100,000 residents",
    },
    "overview.population_no_year": {
        "th": "ประชากรมาจากชั้นข้อมูลเขตของ กทม. ซึ่งแหล่งข้อมูลไม่ระบุปี (ประมาณ พ.ศ. 2560) อัตราจึงเป็นค่าประมาณ",
        "en": "Population comes from the BMA district layer, whose source does not state the year "
        "(about 2017), so the rates are approximate.",
    },
    "overview.population_year": {"th": "ประชากรปี {year}", "en": "Population of {year}"},
    "overview.hidden": {
        "th": "{n} จาก {of} เขตมีรายงานน้อยกว่า {below} ราย ใน{window} จำนวนของเขตเหล่านี้จึงแสดงเป็น “<{below}” "
        "แต่อัตราปรับเรียบและการจัดกลุ่มยังแสดงครบทุกเขต",
        "en": "{n} of {of} districts reported fewer than {below} cases in {window}, so their counts show as "
        "“<{below}”; their smoothed rates and classes are still shown.",
    },
    "overview.privacy_note": {
        "th": "จำนวน 1–{top} รายแสดงเป็น “<{below}” และไม่คำนวณอัตรา เพื่อไม่ให้ระบุตัวผู้ถูกกระทำได้ ส่วน 0 หมายถึงไม่มีรายงาน",
        "en": "Counts of 1–{top} are shown as “<{below}” without a rate, so that no victim can be identified; "
        "0 means none were reported.",
    },
    "overview.table": {"th": "ตารางรายเขต", "en": "Districts"},
    "overview.download": {"th": "ดาวน์โหลดตาราง (CSV)", "en": "Download the table (CSV)"},
    # Map legend and tooltip
    "legend.suppressed": {"th": "ปกปิด (1–{top} ราย)", "en": "Suppressed (1–{top} cases)"},
    "legend.no_data": {"th": "ไม่มีข้อมูล", "en": "No data"},
    # Table columns and values
    "col.dist_code": {"th": "รหัสเขต", "en": "Code"},
    "col.name_th": {"th": "เขต", "en": "District (Thai)"},
    "col.name_en": {"th": "เขต (อังกฤษ)", "en": "District"},
    "col.cases": {"th": "จำนวนราย", "en": "Cases"},
    "col.population": {"th": "ประชากร", "en": "Population"},
    "col.rate": {"th": "อัตราต่อ 100,000", "en": "Rate per 100,000"},
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
    # Hotspots page (pages/hotspots.py)
    "page.hotspots": {"th": "พื้นที่จุดร้อน", "en": "Hotspots"},
    "hotspots.title": {
        "th": "พื้นที่ที่ความรุนแรงในครอบครัวกระจุกตัว",
        "en": "Where reported domestic violence concentrates",
    },
    "hotspots.subtitle": {"th": "รวม {window}", "en": "Over {window}"},
    "hotspots.no_cases": {
        "th": "ยังไม่มีข้อมูลจำนวนผู้ถูกกระทำในฐานข้อมูล จึงยังวิเคราะห์พื้นที่จุดร้อนไม่ได้ นำเข้าไฟล์ข้อมูลรายไตรมาสในหน้า "
        "“นำเข้าข้อมูล” หรือสร้างข้อมูลตัวอย่างด้วยคำสั่ง `python -m etl demo`",
        "en": "No case data has been loaded yet, so there are no hotspots to show. Load a quarterly cases file "
        "on the Upload data page, or build the demo data with `python -m etl demo`.",
    },
    "hotspots.empty_window": {
        "th": "ไม่มีรายงานผู้ถูกกระทำใน {window} เลือกไตรมาสอื่นที่แถบด้านข้าง",
        "en": "No cases were reported in {window}. Choose another quarter in the sidebar.",
    },
    "hotspots.view": {"th": "มุมมองแผนที่", "en": "Map view"},
    "hotspots.view.classes": {"th": "อัตราและจำนวน", "en": "Rates and counts"},
    "hotspots.view.gi": {"th": "จุดร้อน–จุดเย็น (Gi*)", "en": "Hot and cold spots (Gi*)"},
    "hotspots.view.lisa": {"th": "กลุ่มพื้นที่ (Local Moran)", "en": "Clusters and outliers (Local Moran)"},
    "hotspots.measure": {"th": "ค่าที่แสดง", "en": "Measure"},
    "hotspots.measure.rate": {"th": "อัตราต่อประชากร 100,000 คน", "en": "Rate per 100,000 residents"},
    "hotspots.measure.smoothed": {
        "th": "อัตราปรับให้เรียบ (Empirical Bayes) ต่อ 100,000 คน",
        "en": "Smoothed rate (empirical Bayes) per 100,000",
    },
    "hotspots.measure.count": {"th": "จำนวนราย", "en": "Reported cases"},
    "hotspots.scheme": {"th": "วิธีแบ่งช่วง", "en": "Classes"},
    "hotspots.scheme.quantiles": {"th": "ควอนไทล์ (จำนวนเขตเท่ากัน)", "en": "Quantiles (equal numbers of districts)"},
    "hotspots.scheme.natural_breaks": {"th": "ช่วงธรรมชาติ (Fisher–Jenks)", "en": "Natural breaks (Fisher–Jenks)"},
    "hotspots.scheme.equal_interval": {"th": "ช่วงกว้างเท่ากัน", "en": "Equal intervals"},
    "hotspots.legend.gi": {"th": "จุดร้อน–จุดเย็น (Gi*) ของอัตราปรับให้เรียบ", "en": "Gi* hot and cold spots, smoothed rate"},
    "hotspots.legend.lisa": {
        "th": "กลุ่มพื้นที่ (Local Moran) ของอัตราปรับให้เรียบ",
        "en": "Local Moran clusters, smoothed rate",
    },
    "hotspots.classes_note": {
        "th": "แบ่ง 5 ช่วงตามวิธีที่เลือก จากเขตที่แสดงค่าได้ สีเทาเข้มคือเขตที่ปกปิดจำนวน",
        "en": "Up to 5 classes by the chosen method, over the districts whose value is shown; "
        "dark grey marks a suppressed count.",
    },
    "hotspots.gi_note": {
        "th": "จุดร้อนคือเขตที่อัตราปรับเรียบของเขตนั้นรวมกับเขตข้างเคียงสูงกว่าภาพรวมของกรุงเทพฯ จุดเย็นคือต่ำกว่า "
        "ทดสอบด้วยการสุ่มสลับแบบมีเงื่อนไข 9,999 ครั้ง และควบคุมอัตราการค้นพบเท็จ (Benjamini–Hochberg) ข้ามทุกเขตที่ทดสอบ "
        "ความหมายเดียวกันทุกหน้า",
        "en": "A hot spot is a district whose smoothed rate, together with its neighbours', is higher than "
        "Bangkok's as a whole; a cold spot, lower. Tested by 9,999 conditional permutations, with the false "
        "discovery rate controlled across all districts tested (Benjamini–Hochberg). The same definition on "
        "every page.",
    },
    "hotspots.lisa_note": {
        "th": "สูง–สูง: เขตอัตราสูงที่ล้อมรอบด้วยเขตอัตราสูง ต่ำ–ต่ำ: ต่ำท่ามกลางต่ำ สูง–ต่ำ และ ต่ำ–สูง: เขตที่ต่างจากเขตข้างเคียง "
        "ค่า p เป็นแบบทางเดียวพับ (folded pseudo p จากการสุ่มสลับ 999 ครั้ง) และควบคุมอัตราการค้นพบเท็จ q < 0.05",
        "en": "High–high: a high-rate district among high-rate neighbours; low–low: low among low. High–low and "
        "low–high: a district unlike its neighbours. The p-value is a folded, one-directional pseudo p from 999 "
        "permutations, with the false discovery rate controlled at q < 0.05.",
    },
    "hotspots.moran": {
        "th": "ทั้งแผนที่: Moran's I = {i} (ค่า p สองทางจากการสุ่มสลับ = {p}) {meaning}",
        "en": "The map as a whole: Moran's I = {i} (two-sided permutation p = {p}). {meaning}",
    },
    "hotspots.moran.clustered": {
        "th": "อัตราที่ใกล้กันมีแนวโน้มคล้ายกัน (เกาะกลุ่ม)",
        "en": "Neighbouring districts tend to have similar rates (clustered).",
    },
    "hotspots.moran.none": {
        "th": "ไม่พบการเกาะกลุ่มที่ชัดเจนทั้งแผนที่",
        "en": "No clear clustering across the map as a whole.",
    },
    "hotspots.col.gi_q": {"th": "Gi* ค่า q (FDR)", "en": "Gi* q (FDR)"},
    "hotspots.col.hot_windows": {"th": "เป็นจุดร้อนกี่ช่วงใน 4 ช่วงล่าสุด", "en": "Hot spot in how many of the last 4 windows"},
    "hotspots.no_statistics": {
        "th": "ช่วงเวลานี้มีเขตที่คำนวณอัตราได้น้อยเกินไป (ต้องมีอย่างน้อย 3 เขตที่อยู่ติดกัน) จึงทดสอบจุดร้อนและกลุ่มพื้นที่ไม่ได้ "
        "เลือกไตรมาสอื่นที่แถบด้านข้าง หรือดูมุมมองอัตราและจำนวน",
        "en": "Too few districts have a rate in this period to test for hot spots or clusters (at least three "
        "neighbouring districts are needed). Choose another quarter in the sidebar, or use the rates view.",
    },
    "hotspots.map_alt": {
        "th": "แผนที่ 50 เขตของกรุงเทพฯ ระบายสีตามมุมมองที่เลือก",
        "en": "Map of Bangkok's 50 districts coloured by the chosen view",
    },
    "hotspots.privacy_note": {
        "th": "จำนวน 1–{top} รายแสดงเป็น “<{below}” และไม่แสดงอัตรา จำนวนอื่นปัดเป็นทวีคูณของ {base} "
        "เพื่อไม่ให้ระบุตัวผู้ถูกกระทำได้ ส่วน 0 หมายถึงไม่มีรายงาน",
        "en": "Counts of 1–{top} are shown as “<{below}” without a rate, and other counts are rounded to "
        "multiples of {base}, so that no victim can be identified; 0 means none were reported.",
    },
    "hotspots.table": {"th": "ตารางเบื้องหลังแผนที่", "en": "The table behind the map"},
    "hotspots.download": {"th": "ดาวน์โหลดตาราง (CSV)", "en": "Download the table (CSV)"},
    "hotspots.col.eb_rate": {"th": "อัตราปรับให้เรียบ", "en": "Smoothed rate"},
    "hotspots.col.gi_z": {"th": "Gi* ค่า z", "en": "Gi* z"},
    "hotspots.col.gi_p": {"th": "Gi* ค่า p (สุ่มสลับ สองทาง)", "en": "Gi* p (permutation, two-sided)"},
    "hotspots.col.gi": {"th": "จุดร้อน–จุดเย็น", "en": "Hot/cold spot"},
    "hotspots.col.lisa": {"th": "กลุ่มพื้นที่", "en": "Cluster"},
    "hotspots.col.class": {"th": "ช่วงบนแผนที่", "en": "Map class"},
    "hotspots.detail": {"th": "รายละเอียดรายเขต", "en": "District detail"},
    "hotspots.district": {"th": "เขต", "en": "District"},
    "hotspots.district_help": {
        "th": "เลือกจากรายการ หรือคลิกเขตบนแผนที่",
        "en": "Choose from the list, or click a district on the map.",
    },
    "hotspots.trend": {"th": "จำนวนรายต่อไตรมาส {n} ไตรมาสล่าสุด", "en": "Cases per quarter, last {n} quarters"},
    "hotspots.trend.quarter": {"th": "ไตรมาส", "en": "Quarter"},
    "hotspots.trend.cases": {"th": "จำนวนราย", "en": "Cases"},
    "hotspots.trend.window": {"th": "ช่วงที่เลือก", "en": "chosen period"},
    "hotspots.trend_note": {
        "th": "เส้นที่ขาดคือไตรมาสที่มีผู้ถูกกระทำ 1–{top} ราย (แสดงเป็น “<{below}”) หรือไม่มีข้อมูล",
        "en": "A gap in the line is a quarter with 1–{top} cases (shown as “<{below}”) or without data.",
    },
    "hotspots.no_trend": {
        "th": "เขตนี้ไม่มีรายงานใน {n} ไตรมาสล่าสุด",
        "en": "This district has no reports in the last {n} quarters.",
    },
    "hotspots.by_type": {"th": "ตามประเภทความรุนแรง", "en": "By violence type"},
    "hotspots.by_group": {"th": "ตามกลุ่มผู้ถูกกระทำ", "en": "By victim group"},
    "hotspots.col.category": {"th": "กลุ่ม", "en": "Category"},
    "hotspots.no_breakdown": {
        "th": "กรุงเทพฯ ไม่มีรายงานใน {window}",
        "en": "Bangkok has no reports in {window}.",
    },
    "hotspots.breakdowns": {"th": "ทั้งกรุงเทพฯ ตามประเภทและกลุ่มผู้ถูกกระทำ", "en": "Bangkok by type and victim group"},
    "hotspots.breakdowns_caption": {
        "th": "{window} ทั้งกรุงเทพฯ การแจกแจงรายเขตไม่เผยแพร่ เพราะจะลบออกจากยอดรวมของเขตจนได้จำนวนเล็กกลับมา",
        "en": "{window}, Bangkok as a whole. Breakdowns are not published per district: they could be "
        "subtracted from the district's total to give back small counts.",
    },
    "gi.hot_99": {"th": "จุดร้อน Gi* (FDR q < 0.01)", "en": "Gi* hot spot (FDR q < 0.01)"},
    "gi.hot_95": {"th": "จุดร้อน Gi* (FDR q < 0.05)", "en": "Gi* hot spot (FDR q < 0.05)"},
    "gi.not_significant": {"th": "ไม่มีนัยสำคัญ (Gi*)", "en": "Not significant (Gi*)"},
    "gi.cold_95": {"th": "จุดเย็น Gi* (FDR q < 0.05)", "en": "Gi* cold spot (FDR q < 0.05)"},
    "gi.cold_99": {"th": "จุดเย็น Gi* (FDR q < 0.01)", "en": "Gi* cold spot (FDR q < 0.01)"},
    "lisa.high_high": {"th": "กลุ่มสูง–สูง (Local Moran)", "en": "High–high cluster (Local Moran)"},
    "lisa.high_low": {"th": "ค่าผิดปกติ สูง–ต่ำ (Local Moran)", "en": "High–low outlier (Local Moran)"},
    "lisa.low_high": {"th": "ค่าผิดปกติ ต่ำ–สูง (Local Moran)", "en": "Low–high outlier (Local Moran)"},
    "lisa.low_low": {"th": "กลุ่มต่ำ–ต่ำ (Local Moran)", "en": "Low–low cluster (Local Moran)"},
    "lisa.not_significant": {"th": "ไม่มีนัยสำคัญ (Local Moran)", "en": "Not significant (Local Moran)"},
    # Methods & data page (pages/methods.py)
    "page.methods": {"th": "วิธีการและข้อมูล", "en": "Methods & data"},
    "methods.title": {"th": "วิธีการและที่มาของข้อมูล", "en": "Methods and data"},
    "methods.intro": {
        "th": "ตัวเลขในแดชบอร์ดนี้คำนวณอย่างไร ข้อมูลมาจากไหน และปกป้องความเป็นส่วนตัวอย่างไร",
        "en": "How the figures on this dashboard are made, where the data comes from, and how privacy is protected.",
    },
    "methods.dictionary": {"th": "พจนานุกรมข้อมูล", "en": "Data dictionary"},
    "methods.dictionary_intro": {
        "th": "ฐานข้อมูลเป็นไฟล์ DuckDB นักวิเคราะห์สอบถามได้โดยตรง (`duckdb data/safespace.duckdb`) "
        "ชื่อตารางและคอลัมน์คงที่ ทุกแถวที่นำเข้ามี `load_id` ของไฟล์ต้นทาง ข้อมูลรุ่นก่อนไม่ถูกลบ "
        "และวิว `current_*` เลือกแถวที่ใช้งานอยู่",
        "en": "A DuckDB file that analysts may query directly (`duckdb data/safespace.duckdb`). Table and column "
        "names are a contract. Every loaded row carries the `load_id` of its file; earlier versions are never "
        "deleted, and the `current_*` views choose the rows in force.",
    },
    "methods.col.table": {"th": "ตาราง / วิว", "en": "Table / view"},
    "methods.col.columns": {"th": "คอลัมน์", "en": "Columns"},
    "methods.col.notes": {"th": "คำอธิบาย", "en": "Notes"},
    "methods.table.districts": {
        "th": "50 เขตของกรุงเทพฯ (รหัส 1001–1050) จาก HDX COD-AB พื้นที่วัดใน EPSG:32647 "
        "`geom_display` เป็นรูปร่างอย่างง่ายที่ยังคงแนวเขตร่วม (30 เมตร) สำหรับแผนที่",
        "en": "Bangkok's 50 districts (codes 1001–1050) from HDX COD-AB; area measured in EPSG:32647; "
        "`geom_display` simplified for maps with shared edges kept (30 m).",
    },
    "methods.table.subdistricts": {
        "th": "180 แขวง สังกัดเขตตามรหัส (4 หลักแรก) ไม่ใช่ตามรูปร่าง",
        "en": "180 khwaeng; they belong to districts by code (first four digits), never by geometry.",
    },
    "methods.table.context_districts": {
        "th": "อำเภอของจังหวัดสมุทรปราการ เพื่อแสดงบริบท (ชุมชนนำร่องไทยเกรียงอยู่ในอำเภอพระประแดง 1104)",
        "en": "Samut Prakan's districts, for context (the Thai Kriang pilot lies in 1104, Phra Pradaeng).",
    },
    "methods.table.health_centre_areas": {
        "th": "พื้นที่รับผิดชอบของศูนย์บริการสาธารณสุข กทม. (ประมาณ พ.ศ. 2557–2558)",
        "en": "BMA public health centres' service areas (about 2014–15).",
    },
    "methods.table.context_lines": {
        "th": "ถนนสายหลักและแม่น้ำเจ้าพระยา ใช้เป็นบริบทบนแผนที่เท่านั้น",
        "en": "Main roads and the Chao Phraya, for orientation on maps only.",
    },
    "methods.table.population": {
        "th": "ประชากรรายเขต `year` ว่างเมื่อแหล่งข้อมูลไม่ระบุปี (ตัวเลขอ้างอิง ประมาณ พ.ศ. 2560)",
        "en": "Residents per district; `year` is empty when the source states none (the reference figure, about 2017).",
    },
    "methods.table.service_points": {
        "th": "หน่วยบริการ `dist_code` ได้จากการซ้อนทับจุดกับเขต (ว่างถ้าอยู่นอกกรุงเทพฯ) วิวปัจจุบันเก็บรุ่นล่าสุดของแต่ละรหัส",
        "en": "Service points; `dist_code` by point in polygon, empty outside Bangkok; the current view holds each "
        "id's latest version.",
    },
    "methods.table.communities": {
        "th": "ชุมชน ชุมชนนอกกรุงเทพฯ ใช้รหัสอำเภอของตนเอง (เช่น 1104)",
        "en": "Communities; a community outside Bangkok carries its own district code (e.g. 1104).",
    },
    "methods.table.case_counts": {
        "th": "จำนวนผู้ถูกกระทำแบบรวม (ไม่ระบุตัวบุคคล) `quarter` เป็นไตรมาสปฏิทิน ค.ศ. รูปแบบ `YYYYQn` แถวบวกกันได้ "
        "วิวปัจจุบันเก็บแถวของการนำเข้าล่าสุดที่ยังใช้งานสำหรับแต่ละไตรมาสและเขต",
        "en": "Anonymised aggregate counts. `quarter` is a calendar quarter in the Common Era, `YYYYQn`. Rows are "
        "additive. The view holds, for each quarter and district, the rows of the latest active load covering it.",
    },
    "methods.table.loads": {
        "th": "ประวัติการนำเข้า: ใคร เมื่อใด (UTC) ไฟล์ใด และสถานะ `load_files` เก็บไฟล์ต้นฉบับทุกไฟล์ที่รับเข้า",
        "en": "The audit trail: who, when (UTC), which file, and its status; `load_files` keeps every accepted "
        "file's raw bytes.",
    },
    "methods.table.schema_migrations": {
        "th": "รุ่นของโครงสร้างฐานข้อมูลที่ปรับใช้แล้ว รุ่นใหม่ปรับฐานข้อมูลเดิมโดยไม่สูญเสียข้อมูล",
        "en": "Schema versions applied; new releases migrate in place without losing data.",
    },
    "methods.codes": {
        "th": "รหัสหมวดหมู่:\n\n- `violence_type`: {violence}\n- `victim_group`: {victims}\n- `service_type`: {services}",
        "en": "Category codes:\n\n- `violence_type`: {violence}\n- `victim_group`: {victims}\n"
        "- `service_type`: {services}",
    },
    "methods.formats": {"th": "รูปแบบไฟล์นำเข้า", "en": "Upload formats"},
    "methods.formats_intro": {
        "th": "แม่แบบอยู่ในโฟลเดอร์ `data/templates/` หัวคอลัมน์ไม่สนตัวพิมพ์ ช่องว่าง ขีด และขีดล่าง และรับหัวภาษาไทยได้ "
        "ไฟล์ CSV (UTF-8 หรือ TIS-620) หรือ Excel .xlsx ขนาดไม่เกิน {mb} MB ไฟล์ที่มีข้อผิดพลาดใด ๆ จะถูกปฏิเสธทั้งไฟล์ "
        "โดยระบุแถว คอลัมน์ ค่า และวิธีแก้",
        "en": "Templates are in `data/templates/`. Headers match ignoring case, spaces, hyphens and underscores, "
        "and in Thai where given. CSV (UTF-8 or TIS-620) or Excel .xlsx, up to {mb} MB. A file with any error is "
        "rejected whole, with each problem's row, column, value and fix.",
    },
    "methods.measures": {"th": "นิยามของตัวชี้วัด", "en": "Definitions of the measures"},
    "methods.measure.rate": {
        "th": "**อัตราต่อประชากร 100,000 คน**: จำนวนผู้ถูกกระทำที่ได้รับรายงานในช่วงเวลาที่เลือก (รวมทุกไตรมาสในช่วง "
        "ไม่ปรับเป็นรายปี และระบุจำนวนไตรมาสเสมอ) ต่อประชากรของเขต 100,000 คน (ตาราง `current_population`) "
        "อัตราที่แสดงคำนวณจากจำนวนที่เผยแพร่ จึงไม่เปิดเผยอะไรมากกว่าจำนวนนั้น",
        "en": "**Rate per 100,000**: cases reported over the chosen window (summed over its quarters, not "
        "annualised, and always labelled with the number of quarters) per 100,000 residents of the district "
        "(`current_population`). The rate shown is computed from the published count, so it reveals nothing more.",
    },
    "methods.measure.eb": {
        "th": "**อัตราปรับให้เรียบ (Empirical Bayes)**: การปรับแบบ global empirical Bayes (ตัวประมาณของ Marshall, "
        "esda `Empirical_Bayes`) ดึงอัตราของแต่ละเขตเข้าหาอัตรารวมของกรุงเทพฯ ยิ่งประชากรน้อยยิ่งดึงมาก "
        "เพื่อไม่ให้ผู้ถูกกระทำไม่กี่รายในเขตเล็กทำให้อัตรากระโดด คำนวณจากผลรวมของช่องที่ปกปิดแล้ว (ไม่ใช่จำนวนจริง) "
        "จึงแสดงได้ทุกเขตที่มีข้อมูล รวมทั้งเขตที่จำนวนแสดงเป็น “<5”",
        "en": "**Smoothed rate (empirical Bayes)**: global empirical Bayes smoothing (Marshall's estimator, esda "
        "`Empirical_Bayes`) pulls each district's rate towards Bangkok's, the more so the smaller its population, "
        "so a few cases in a small district do not make its rate jump. Computed from the sums of protected "
        "cells (not the true counts), so it is shown for every district with data, those showing “<5” too.",
    },
    "methods.measure.gi": {
        "th": "**จุดร้อน–จุดเย็น (Getis-Ord Gi\\*)**: เปรียบเทียบอัตราปรับให้เรียบของแต่ละเขตรวมกับเขตข้างเคียง "
        "(queen contiguity: มีแนวเขตหรือมุมร่วมกัน น้ำหนักแบบ binary รวมตัวเขตเอง) กับทั้งเมือง ค่า z เชิงวิเคราะห์บอกทิศและขนาด "
        "ค่า p สองทางจากการสุ่มสลับแบบมีเงื่อนไข 9,999 ครั้ง (seed คงที่) แล้วปรับด้วย Benjamini–Hochberg ข้ามทุกเขตที่ทดสอบเป็นค่า q "
        "จุดร้อน (z > 0) หรือจุดเย็น (z < 0) เมื่อ q < 0.01 หรือ q < 0.05 นอกนั้นไม่มีนัยสำคัญ "
        "คอลัมน์ความคงที่นับว่าเขตเป็นจุดร้อนกี่ช่วงใน 4 ช่วงเวลาล่าสุดแบบเดียวกัน",
        "en": "**Hot and cold spots (Getis-Ord Gi\\*)**: the smoothed rate of each district together with its "
        "neighbours (queen contiguity: sharing an edge or a corner; binary weights with the district itself "
        "included) against the whole city. The analytical z-score gives direction and size; the two-sided p "
        "comes from 9,999 conditional permutations (fixed seed) and is adjusted across the districts tested by "
        "Benjamini–Hochberg into q. Hot (z > 0) or cold (z < 0) spot at q < 0.01 or q < 0.05; otherwise not "
        "significant. Stability counts in how many of the last four windows of the same length a district "
        "was a hot spot.",
    },
    "methods.measure.lisa": {
        "th": "**กลุ่มพื้นที่ (Local Moran's I)**: ใช้น้ำหนัก queen แบบ row-standardised บนอัตราปรับให้เรียบ "
        "ทดสอบด้วยการสุ่มสลับแบบมีเงื่อนไข {permutations} ครั้งจาก seed คงที่ {seed} ค่า p ของ esda เป็นแบบทางเดียวพับ "
        "(folded pseudo p) ปรับด้วย Benjamini–Hochberg และมีนัยสำคัญเมื่อ q < 0.05: กลุ่มสูง–สูง และต่ำ–ต่ำ "
        "ค่าผิดปกติสูง–ต่ำ และต่ำ–สูง ข้างแผนที่แสดง Moran's I ของทั้งแผนที่พร้อมค่า p สองทางจากการสุ่มสลับ "
        "ใช้อัตราปรับเรียบแทนการปรับมาตรฐานแบบ Assunção–Reis เพราะอัตราปรับเรียบได้ดึงเขตประชากรน้อยเข้าหาค่าเฉลี่ยแล้ว",
        "en": "**Clusters and outliers (Local Moran's I)**: row-standardised queen weights on the smoothed rate, "
        "{permutations} conditional permutations from the fixed seed {seed}. esda's p is a folded, "
        "one-directional pseudo p; it is adjusted by Benjamini–Hochberg and a district is significant at "
        "q < 0.05: high–high and low–low clusters, high–low and low–high outliers; otherwise not significant. "
        "Beside the map, global Moran's I with its two-sided permutation p. The smoothed rate is used rather "
        "than the Assunção–Reis standardisation, as the smoothing already pulls small districts towards the mean.",
    },
    "methods.measure.access": {
        "th": "**การเข้าถึง (E2SFCA)**: enhanced two-step floating catchment area (Luo และ Qi 2009) "
        "ผู้อยู่อาศัยทุกคนเป็นความต้องการ: "
        "ประชากรของแต่ละเขตกระจายไปยังจุด ชุมชนในทะเบียนนับตามประชากรโดยประมาณ ส่วนที่เหลือกระจายไปยังแขวงตามสัดส่วนพื้นที่ "
        "ขั้นที่ 1 ความจุของพื้นที่ปลอดภัยแต่ละแห่ง (ใช้ 1 ถ้าไม่ระบุ) หารด้วยผู้อยู่อาศัยในรัศมี {km} กม. "
        "(ระยะเส้นตรง หน่วยเมตรใน EPSG:32647) ถ่วงน้ำหนักตามระยะ: 1 ในหนึ่งในสามแรกของรัศมี 0.68 ในส่วนกลาง 0.22 ในส่วนนอก "
        "ขั้นที่ 2 ค่าการเข้าถึงของแต่ละจุดคือผลรวมของอัตราส่วนนั้นคูณน้ำหนักเดียวกัน ค่าของเขตคือค่าเฉลี่ยถ่วงน้ำหนักด้วยประชากร "
        "(ที่รองรับต่อผู้อยู่อาศัย) นอกจากนี้ยังมีจำนวนหน่วยบริการที่เปิดในช่วงเวลาต่อประชากร 100,000 คน "
        "และระยะเฉลี่ยจากผู้อยู่อาศัยถึงหน่วยบริการที่ใกล้ที่สุดแต่ละประเภท",
        "en": "**Accessibility (E2SFCA)**: enhanced two-step floating catchment area (Luo & Qi 2009) with every "
        "resident as demand: each district's population is spread over points, registered communities with their "
        "estimated residents and the rest over its sub-districts by area. Step 1: each safe space's capacity (1 where "
        "missing) over the residents within {km} km (straight line, metres in EPSG:32647), weighted by distance: "
        "1 in the inner third of the radius, 0.68 in the middle, 0.22 in the outer third. Step 2: a point's "
        "accessibility is the sum of those ratios with the same weights. A district's value is the "
        "population-weighted mean: places per resident. Also: services open in the window per 100,000 "
        "residents, and the population-weighted mean distance from residents to the nearest service of each type.",
    },
    "methods.measure.referral": {
        "th": "**ช่องว่างการส่งต่อ**: จำนวนที่ได้รับรายงานลบจำนวนที่ส่งต่อ และอัตราการส่งต่อ (ส่งต่อ ÷ รายงาน) ในช่วงเวลา "
        "ว่างเมื่อมีแถวที่รายงานผู้ถูกกระทำแต่ไม่ระบุการส่งต่อ เพราะผลรวมบางส่วนจะทำให้อัตราการส่งต่อต่ำกว่าจริง",
        "en": "**Referral gap**: cases reported minus cases referred, and the referral rate (referred ÷ reported) "
        "over the window; empty where any row with reported cases leaves referrals blank, since a partial sum "
        "would understate referrals.",
    },
    "methods.measure.bivariate": {
        "th": "**ความต้องการ × การเข้าถึง (สองตัวแปร)**: ความต้องการอ่านจากโอกาสที่อัตราของเขตสูงกว่าทั้งกรุงเทพฯ "
        "(ความน่าจะเป็นภายหลังจากแบบจำลองปัวซอง–แกมมาเบื้องหลังการปรับเรียบ; Clayton และ Kaldor 1987 ปัดเป็นทศนิยมหนึ่งตำแหน่ง): "
        "สูง 0.9 ขึ้นไป ต่ำ 0.1 ลงมา ไม่ชัดระหว่างนั้น เป็นค่าสัมบูรณ์ จึงไม่ติดป้าย “สูง” ให้หนึ่งในสามของเขตเสมอ "
        "การเข้าถึงคือกลุ่มเทอร์ไทล์ของค่า E2SFCA รวมเป็น 9 กลุ่ม (3 × 3) "
        "เขตช่องว่างคือเขตที่ความต้องการสูงแต่การเข้าถึงต่ำในมากกว่าครึ่งของ 160 สถานการณ์: รัศมี 1, 2, 3, 5 กม. "
        "แบบนับเท่ากันหรือลดน้ำหนักตามระยะ คูณการสุ่มจำนวนใหม่แบบปัวซอง 20 ครั้งจากผลรวมที่ปกป้องแล้ว (seed คงที่) "
        "อัตราที่ได้รับแจ้งสูงอาจหมายถึงการแจ้งที่ดีกว่า",
        "en": "**Need × coverage (bivariate)**: need is read off the chance that a district's rate exceeds Bangkok's "
        "(the posterior probability under the Poisson–Gamma model behind the smoothing; Clayton & Kaldor 1987; "
        "in tenths): high from 0.9, low up to 0.1, unclear between. It is absolute, so it does not call a third "
        "of the districts high whatever the levels. Coverage is the tercile of the E2SFCA accessibility: a 3 × 3 "
        "class. Gap districts have high need and low coverage in more than half of 160 scenarios: catchments of "
        "1, 2, 3 and 5 km, with or without distance decay, times 20 Poisson resamplings of the protected sums "
        "(fixed seed). A high reported rate may also mean better reporting.",
    },
    "methods.measure.did": {
        "th": "**การประเมินชุมชนนำร่อง**: ชุมชนนำร่องที่เริ่มไตรมาสเดียวกันเป็นหนึ่งรุ่น แต่ละรุ่นเทียบกับชุมชนที่ไม่เคยเป็นนำร่อง "
        "ในไตรมาสเดียวกัน ตั้งแต่ 4 ไตรมาสก่อนเริ่มถึงไตรมาสที่ 4 นับจากเริ่ม (stacked design; Cengiz และคณะ 2019) "
        "**อัตราส่วนอัตรา** จากแบบจำลองปัวซองที่มี fixed effect ของชุมชนและไตรมาส (pyfixest fepois) "
        "**ผลต่าง** จากแบบจำลองเดียวกันด้วยกำลังสองน้อยสุดถ่วงน้ำหนักด้วยประชากร (ต่อ 100,000 คนต่อไตรมาส) "
        "**event study** แสดงอัตราส่วนแต่ละไตรมาสเทียบกับไตรมาสก่อนเริ่ม ไตรมาส −4 ถึง −2 ใช้ตรวจแนวโน้มคู่ขนาน "
        "ช่วงความเชื่อมั่น 95% จากค่าคลาดเคลื่อนแบบ cluster ตามชุมชน (CR1) **ค่า p จากการสลับป้าย**: สลับว่าชุมชนใดเป็นนำร่อง "
        "999 ครั้ง (seed คงที่) ภายในกลุ่มที่เปรียบเทียบ **ผลที่เล็กที่สุดที่ตรวจพบได้** (กำลัง 80%, 5% สองทาง) "
        "= exp(−2.80 × ส่วนเบี่ยงเบนมาตรฐานของ log อัตราส่วนภายใต้การสลับป้าย) (Bloom 1995) "
        "กลุ่มเปรียบเทียบเลือกได้: ทั้งหมด เขตเดียวกัน หรือจับคู่ 2 ชุมชนที่ใกล้ที่สุดด้านประชากรและอัตราก่อนเริ่ม (Stuart 2010) "
        "ชุมชนที่อยู่ห่างชุมชนนำร่องไม่ถึง 500 ม. ไม่ใช้เปรียบเทียบ (ผลล้น) ข้อมูลเพียงพอเมื่อมีชุมชนนำร่องอย่างน้อย 5 แห่ง "
        "ที่มีข้อมูลครบ 4 ไตรมาสก่อนและ 4 ไตรมาสนับจากเริ่ม และชุมชนเปรียบเทียบอย่างน้อย 5 แห่ง ผลลัพธ์ที่สองคืออัตราการส่งต่อ "
        "คำนวณจากช่องรายชุมชนรายไตรมาสที่ปกปิดแล้ว และเผยแพร่เฉพาะไตรมาสล่าสุด",
        "en": "**Pilot evaluation**: pilots starting in the same quarter form a cohort, and each cohort is set "
        "against never-piloted communities over the same quarters, from 4 quarters before its start to the 4th "
        "from it (a stacked design; Cengiz et al. 2019), so staggered starts bring no forbidden comparisons. "
        "**Rate ratio**: a Poisson model with community and quarter fixed effects (pyfixest `fepois`; Santos Silva "
        "& Tenreyro 2006). **Difference**: the same design by least squares weighted by residents, per 100,000 "
        "per quarter. **Event study**: the ratio in each quarter against the quarter before the start; quarters "
        "−4 to −2 are the parallel-trends check. 95 % intervals from standard errors clustered by community (CR1; "
        "Cameron & Miller 2015). **Randomization p**: which communities are pilots is permuted 999 times (fixed "
        "seed) within the comparison group's strata, two-sided (Imbens & Rubin 2015). **Minimum detectable "
        "effect** (80 % power, 5 % two-sided): exp(−2.80 × the standard deviation of the log ratio over the "
        "permutations) (Bloom 1995). Comparison group: all non-pilots, the same district, or each pilot's 2 "
        "nearest neighbours on population and earlier rate (Stuart 2010); communities within 500 m of a pilot "
        "are left out (spillover). Enough data: at least 5 pilots with 4 quarters before and 4 from their start, "
        "and at least 5 comparison communities. The referral rate is the second outcome. Computed from the "
        "protected community-quarter cells; published for the latest quarter.",
    },
    "methods.sources": {"th": "แหล่งข้อมูลและสัญญาอนุญาต", "en": "Data sources and licences"},
    "methods.sources_intro": {
        "th": "ไฟล์อ้างอิงจริงไม่ได้อยู่ในโปรแกรม แต่อยู่ในโฟลเดอร์ `../shared/geo` (หรือ `SAFESPACE_GEO_DIR`) "
        "ซึ่งมีไฟล์ `SOURCES.md` เป็นหลักฐานอ้างอิง ไฟล์ส่วนใหญ่แปลงจากคลัง prasertcbs/thailand_gis "
        "(ไม่มีไฟล์สัญญาอนุญาต) สัญญาอนุญาตของ HDX อ้างตามหน้าชุดข้อมูลของ HDX และยังไม่ได้ตรวจสอบซ้ำทางออนไลน์",
        "en": "The real reference files are not part of the program: they live in `../shared/geo` (or "
        "`SAFESPACE_GEO_DIR`), whose `SOURCES.md` is the authority. Most were converted from the repository "
        "prasertcbs/thailand_gis, which has no licence file; the HDX licence is quoted from HDX's dataset page "
        "and was not re-checked online.",
    },
    "methods.col.file": {"th": "ไฟล์", "en": "File"},
    "methods.col.origin": {"th": "ที่มาและการใช้งาน", "en": "Origin and use"},
    "methods.col.licence": {"th": "สัญญาอนุญาตตามที่ระบุ", "en": "Licence as stated"},
    "methods.licence.cc_by_igo": {"th": "CC BY-IGO (ตามที่ HDX ระบุ)", "en": "CC BY-IGO (HDX)"},
    "methods.licence.not_stated": {"th": "ไม่ระบุ", "en": "not stated"},
    "methods.licence.subdistricts": {
        "th": "รูปร่าง: ไม่ระบุ; ข้อมูล geothai: CC BY 4.0",
        "en": "geometry: not stated; geothai data: CC BY 4.0",
    },
    "methods.licence.facts": {"th": "MIT / CC BY 4.0 / ไม่ระบุ", "en": "MIT / CC BY 4.0 / not stated"},
    "methods.source.bkk_districts": {
        "th": "HDX COD-AB ประเทศไทย ระดับอำเภอ/เขต (กรมแผนที่ทหาร) ผ่าน prasertcbs/thailand_gis "
        "ใช้เป็นขอบเขต 50 เขต (ตาราง `districts`)",
        "en": "OCHA HDX COD-AB Thailand ADM2 (Royal Thai Survey Department), via prasertcbs/thailand_gis; "
        "the 50 district boundaries (table `districts`).",
    },
    "methods.source.bkk_districts_bma": {
        "th": "ชั้นข้อมูลเขตของ กทม. (Bangkok GIS) ทางเลือกสำรอง ไม่ได้ใช้ในแดชบอร์ด",
        "en": "BMA Bangkok GIS district layer; an alternative, not used by the dashboard.",
    },
    "methods.source.bkk_subdistricts": {
        "th": "รูปร่างจากชั้นข้อมูลแขวงของ กทม. (Bangkok GIS) ชื่อจาก geothai 3.2.1 (กรมการปกครอง) "
        "แก้ชื่อที่ถูกตัด 28 ชื่อ ใช้เป็น 180 แขวง (ตาราง `subdistricts`)",
        "en": "BMA Bangkok GIS sub-district layer (geometry); names from geothai 3.2.1 (DOPA), 28 truncated "
        "names corrected; the 180 khwaeng (table `subdistricts`).",
    },
    "methods.source.bkk_subdistricts_hdx": {
        "th": "HDX COD-AB ระดับตำบล/แขวง ฉบับเก่า (169 แขวง ก่อนการแบ่งใหม่) ไม่ได้ใช้ในแดชบอร์ด",
        "en": "HDX COD-AB ADM3, an older split (169 sub-districts); not used by the dashboard.",
    },
    "methods.source.samut_prakan_districts": {
        "th": "HDX COD-AB ระดับอำเภอของสมุทรปราการ ใช้เป็นชั้นข้อมูลบริบท (ตาราง `context_districts`)",
        "en": "HDX COD-AB ADM2 for Samut Prakan; the context layer (table `context_districts`).",
    },
    "methods.source.samut_prakan_subdistricts": {
        "th": "HDX COD-AB ระดับตำบลของสมุทรปราการ ไม่ได้ใช้ในแดชบอร์ด",
        "en": "HDX COD-AB ADM3 for Samut Prakan; not used by the dashboard.",
    },
    "methods.source.bkk_health_centre_areas": {
        "th": "พื้นที่รับผิดชอบของศูนย์บริการสาธารณสุข กทม. จาก Bangkok GIS (ไฟล์ปี 2557–2558, 68 แห่ง ปัจจุบันมี 69) "
        "(ตาราง `health_centre_areas`)",
        "en": "BMA Bangkok GIS service areas of public health centres (file dated 2014–15; 68 areas, BMA now "
        "counts 69) (table `health_centre_areas`).",
    },
    "methods.source.bkk_hospitals": {
        "th": "ตำแหน่งโรงพยาบาล 121 แห่งจาก Bangkok GIS (ไม่มีข้อมูลว่าเป็นศูนย์พึ่งได้หรือไม่) ใช้เป็นหน่วยบริการโรงพยาบาลในข้อมูลตัวอย่าง",
        "en": "BMA Bangkok GIS hospital points (121, no OSCC flag); the hospitals among the demo service points.",
    },
    "methods.source.bkk_district_facts": {
        "th": "ประชากรและจำนวนชุมชนจาก pcrete/gsvloader-demo (ข้อมูลชั้นเขตของ กทม.) พื้นที่จาก Bangkok GIS "
        "จำนวนแขวงจาก geothai แหล่งข้อมูลไม่ระบุปีของประชากร (ประมาณ พ.ศ. 2560) ใช้เป็นประชากรอ้างอิง (ตาราง `population`)",
        "en": "Population and community counts from pcrete/gsvloader-demo (BMA GIS attributes), areas from BMA GIS, "
        "sub-district counts from geothai. The population's year is not stated by its source (about 2017); the "
        "reference population (table `population`).",
    },
    "methods.source.pilot_locations": {
        "th": "ไทยเกรียง: จุดหมู่บ้านปี 2555 ที่จับคู่จากชื่อเท่านั้น (ตำแหน่งโดยประมาณ) วัดสวัสดิ์วารีสีมาราม: "
        "จุดของ BMA0184 ในทะเบียนชุมชน กทม. (เขตดุสิต)",
        "en": "Thai Kriang: a 2012 village point matched by name only (approximate); Wat Sawatwareesimaram: "
        "BMA0184's point in the BMA community register (Dusit).",
    },
    "methods.licence.bma_open_data": {
        "th": "ไม่ระบุ (พอร์ทัลข้อมูลเปิดของ กทม.)",
        "en": "not stated (BMA open-data portal)",
    },
    "methods.licence.public_domain": {"th": "สาธารณสมบัติ (Natural Earth)", "en": "public domain (Natural Earth)"},
    "methods.licence.facts_published": {
        "th": "ข้อเท็จจริงที่เผยแพร่ (อ้างอิงแหล่งที่มา)",
        "en": "published facts (credited to their source)",
    },
    "methods.source.bkk_communities": {
        "th": "ทะเบียนชุมชน 2,016 แห่งของ กทม. พร้อมพิกัดและประเภท (ข้อมูลเปิด กทม. ผ่าน exthitikorn/map-chumchon) "
        "ไม่มีจำนวนประชากรรายชุมชน ชุมชนวัดสวัสดิ์วารีสีมารามคือ BMA0184",
        "en": "BMA's register of 2,016 communities with points and types (BMA open data, via "
        "exthitikorn/map-chumchon); no population per community. Wat Sawatwareesimaram is BMA0184.",
    },
    "methods.source.bkk_community_population_2022": {
        "th": "ผู้อยู่อาศัยในชุมชน ครอบครัว และครัวเรือนรายเขต (สำนักพัฒนาสังคม กทม. ณ 25 เม.ย. 2565) ระดับเขตเท่านั้น",
        "en": "Community residents, families and households per district (BMA Social Development Department, "
        "as of 25 April 2022); district level only.",
    },
    "methods.source.bkk_police_stations": {
        "th": "สถานีตำรวจ 90 แห่งจากตารางของโครงงานนักศึกษาที่เผยแพร่ (12 แห่งถูกทำเครื่องหมายว่าซ้ำหรือผิด)",
        "en": "90 police stations from a public student project's table (12 flagged as duplicates or wrong).",
    },
    "methods.source.bkk_district_offices": {
        "th": "สำนักงานเขต 50 แห่ง (มีฝ่ายพัฒนาชุมชนและสวัสดิการสังคม) พิกัดของสำนักงานเขตสวนหลวงผิด (ถูกทำเครื่องหมาย)",
        "en": "The 50 district offices (each with a community-development and social-welfare section); Suan "
        "Luang's point is wrong (flagged).",
    },
    "methods.source.bma_health_centres": {
        "th": "ศูนย์บริการสาธารณสุข กทม. 69 แห่ง ตำแหน่งเป็นค่าประมาณ (จุดตัวแทนของพื้นที่รับผิดชอบ คลาดเคลื่อนได้ 1–2 กม.)",
        "en": "BMA's 69 public health centres at estimated points (a representative point of the service area; "
        "errors of 1–2 km).",
    },
    "methods.source.bkk_main_roads": {
        "th": "ถนนสายหลัก 476 เส้นจากชั้นข้อมูลราคาประเมินที่ดินของ กทม. (ประมาณ พ.ศ. 2552–2555) ใช้เป็นบริบทบนแผนที่เท่านั้น",
        "en": "476 named main roads from BMA's land-value layer (about 2009–12); map context only.",
    },
    "methods.source.chao_phraya": {
        "th": "แม่น้ำเจ้าพระยาจาก Natural Earth 1:10 ล้าน (หยาบ คลาดเคลื่อนได้ประมาณ 0.5 กม.) ใช้เป็นบริบทบนแผนที่เท่านั้น",
        "en": "The Chao Phraya from Natural Earth 10 m rivers (coarse, about 0.5 km off); map context only.",
    },
    "methods.source.dv_reference_magnitudes": {
        "th": "ขนาดของตัวเลขที่เผยแพร่ (สสช. ศูนย์พึ่งได้ทั่วประเทศ 14,000–24,000 รายต่อปี; กทม. ปีงบประมาณ 2562: "
        "ผู้ถูกกระทำ 1,115 ราย) ใช้ปรับขนาดข้อมูลตัวอย่างเท่านั้น",
        "en": "Published magnitudes (NSO: 14,000–24,000 OSCC clients a year nationally; BMA FY2019: 1,115 victims "
        "seen); used only to scale the demo data.",
    },
    "methods.synthetic": {
        "th": "ในข้อมูลตัวอย่าง ชุมชน โรงพยาบาล สถานีตำรวจ สำนักงานเขต และศูนย์บริการสาธารณสุขเป็นข้อมูลจริง "
        "(ประชากรรายชุมชนเป็นค่าประมาณ) ส่วนจำนวนผู้ถูกกระทำ พื้นที่ปลอดภัย บ้านพัก ศูนย์พึ่งได้ และองค์กรเอกชน "
        "เป็นข้อมูลสังเคราะห์ ไม่พบรายชื่อศูนย์พึ่งได้ (OSCC) ที่เปิดเผย",
        "en": "In the demo data the communities, hospitals, police stations, district offices and health centres "
        "are real (community populations are estimates); the case counts, safe spaces, shelters, crisis centres "
        "and NGOs are synthetic. No public list of One Stop Crisis Centres (OSCC) was found.",
    },
    "methods.population_no_year": {
        "th": "ประชากรที่ใช้อยู่: {source} (ไม่มีการระบุปี) นำเข้าตารางที่ระบุปีได้ด้วย `python -m etl load population ไฟล์`",
        "en": "Population in use: {source} (no year recorded). Load a dated table with "
        "`python -m etl load population FILE`.",
    },
    "methods.population_year": {
        "th": "ประชากรที่ใช้อยู่: {source} ปี {year}",
        "en": "Population in use: {source}, {year}.",
    },
    "methods.privacy": {"th": "การคุ้มครองตัวเลขขนาดเล็ก", "en": "Protection of small numbers"},
    "methods.privacy.intro": {
        "th": "ข้อมูลเป็นจำนวนรวมที่ไม่ระบุตัวบุคคล แต่จำนวนน้อยในพื้นที่เล็กยังอาจระบุตัวผู้ถูกกระทำได้ "
        "แดชบอร์ดจึงไม่คำนวณอะไรจากจำนวนจริงขณะแสดงผล ขั้นตอนเผยแพร่ (หลังการนำเข้าทุกครั้ง) คำนวณทุกตัวเลขล่วงหน้า "
        "ตามกฎต่อไปนี้ แล้วเขียนลงไฟล์เผยแพร่แยกต่างหาก ทุกหน้า ทุกไฟล์ดาวน์โหลด และคำสั่ง `python -m etl export` "
        "อ่านจากไฟล์นั้นเท่านั้น ซึ่งไม่มีจำนวนจริงอยู่เลย",
        "en": "These are anonymised aggregate counts, but a small count for a small area can still identify a "
        "person. So the dashboard computes nothing from true counts while it serves pages: the publish step (run "
        "after every load) computes every figure beforehand under these rules and writes them to a separate "
        "published file. Every page, every download and `python -m etl export` read only that file, which holds "
        "no true count.",
    },
    "methods.privacy.cells": {
        "th": "**ปกปิดช่องที่ละเอียดที่สุดเพียงครั้งเดียว** ช่องคือจำนวนต่อไตรมาส × เขต × ชุมชน (หรือส่วนที่เหลือของเขต) "
        "และต่อไตรมาส × ประเภทความรุนแรง × กลุ่มผู้ถูกกระทำของทั้งกรุงเทพฯ 0 จริงแสดงเป็น 0 จำนวน 1–{top} ปกปิด "
        "(“<{below}”) จำนวนอื่นปัดเป็นทวีคูณของ {base}",
        "en": "**The finest cells are protected once.** A cell is a count per quarter × district × community (or "
        "the rest of the district), and per quarter × violence type × victim group for Bangkok as a whole. A true "
        "zero is published as 0, a count from 1 to {top} is hidden (“<{below}”), and every other count is "
        "rounded to a multiple of {base}.",
    },
    "methods.privacy.sums": {
        "th": "**ทุกอย่างอื่นคำนวณจากช่องที่ปกปิดแล้ว** ผลรวมของช่วงเวลา เขต กรุงเทพฯ และกลุ่มชุมชน คือผลรวมของช่องที่ปกปิดแล้ว "
        "(ช่องที่ปกปิดนับเป็น {estimate} ซึ่งเป็นค่ากลางของ 1–{top}) แล้วปัดเป็นทวีคูณของ {base} ผลรวมที่ต่ำกว่า {below} "
        "และมีช่องที่ปกปิดแสดงเป็น “<{below}” อัตรา อัตราปรับเรียบ Gi* Local Moran กลุ่มความต้องการและช่องว่าง "
        "และการเปรียบเทียบชุมชนนำร่อง ล้วนคำนวณจากผลรวมเหล่านี้ ตัวเลขรวมจึงเป็นค่าประมาณ "
        "คลาดเคลื่อนจากจำนวนจริงได้ไม่เกินประมาณ ±{half} ต่อช่อง",
        "en": "**Everything else is computed from protected cells.** A window of quarters, a district, Bangkok "
        "and a group of communities are sums of protected cells (a hidden cell counts as {estimate}, the middle "
        "of 1–{top}), rounded to a multiple of {base}; a sum below {below} that holds a hidden cell is shown as "
        "“<{below}”. Rates, smoothed rates, Gi*, Local Moran, need and gap classes and the pilot comparison are "
        "all computed from these sums. Totals are therefore estimates, within about ±{half} of the true count "
        "per cell.",
    },
    "methods.privacy.why": {
        "th": "**ทำไมจึงย้อนกลับไม่ได้** ตัวเลขที่เผยแพร่ทุกตัวขึ้นกับจำนวนจริงผ่านช่องที่ปกปิดแล้วเท่านั้น การลบช่วงเวลาที่ซ้อนกัน "
        "การลบส่วนย่อยจากผลรวม หรือการแก้สมการอัตราปรับเรียบย้อนกลับ จึงได้ช่องที่ปกปิดแล้วกลับมา ไม่ใช่จำนวนจริง "
        "การทดสอบของโปรแกรมลองโจมตีทุกแบบนี้ และตรวจว่าการเปลี่ยนจำนวนจริงโดยไม่เปลี่ยนช่องที่ปกปิดไม่ทำให้ตัวเลขที่เผยแพร่เปลี่ยนเลย",
        "en": "**Why it cannot be solved back.** Every published figure depends on true counts only through the "
        "protected cells, so differencing overlapping windows, subtracting parts from totals or inverting the "
        "smoothed rate gives back protected cells, not true counts. The program's tests play each of these "
        "attacks, and check that changing true counts without changing their protected cells changes no "
        "published figure.",
    },
    "methods.privacy.hidden": {
        "th": "**เขตที่จำนวนถูกปกปิด** ไม่แสดงจำนวนและอัตราดิบ แต่แสดงอัตราปรับเรียบ กลุ่ม Gi* Local Moran ความต้องการ "
        "และช่องว่าง เพราะคำนวณจากช่องที่ปกปิดแล้ว (และอัตราปรับเรียบดึงเข้าหาค่าเฉลี่ยของกรุงเทพฯ) จึงไม่เปิดเผยจำนวนเล็ก "
        "การแจกแจงตามประเภทความรุนแรงและกลุ่มผู้ถูกกระทำแสดงเฉพาะระดับกรุงเทพฯ เพราะการแจกแจงรายเขตจะลบออกจากยอดรวมของเขตได้",
        "en": "**A district whose count is hidden** shows no count and no plain rate, but it does show its smoothed "
        "rate and its Gi*, Local Moran, need and gap classes: they are computed from protected cells (and the "
        "smoothed rate is pulled towards Bangkok's mean), so they reveal no small count. Breakdowns by violence "
        "type and victim group are published for Bangkok as a whole only: a district's breakdown could be "
        "subtracted from its total.",
    },
    "methods.privacy.export": {
        "th": "ตัวเลือก `--no-suppress` ของคำสั่งส่งออกอ่านคลังข้อมูลจริง ใช้สำหรับนักวิเคราะห์ที่เข้าถึงฐานข้อมูลโดยตรงเท่านั้น "
        "ห้ามเผยแพร่ไฟล์นั้น แดชบอร์ดไม่เปิดคลังข้อมูลจริงในหน้าของผู้ชมเลย",
        "en": "`--no-suppress` on the command-line export reads the true warehouse and is for analysts with direct "
        "access to it; never publish such a file. Viewers' pages never open the warehouse.",
    },
    "methods.privacy.rendering": {
        "th": "ชื่อจากไฟล์ (หน่วยบริการ ชุมชน) แสดงเป็นข้อความเสมอ ไม่ถูกตีความเป็น HTML และไฟล์ดาวน์โหลด CSV/XLSX "
        "เติม ' หน้าช่องที่ขึ้นต้นด้วย = + - @ เพื่อไม่ให้โปรแกรมตารางคำนวณรันเป็นสูตร",
        "en": "Names from files (services, communities) are always shown as text, never as markup, and CSV/XLSX "
        "downloads prefix a cell starting with = + - @ with ' so a spreadsheet cannot run it as a formula.",
    },
    "methods.publishing": {
        "th": "การเผยแพร่แต่ละครั้งคำนวณใหม่เฉพาะช่วงเวลาที่ข้อมูลตั้งต้นเปลี่ยน (เซลล์ที่คุ้มครองแล้วของไตรมาสในช่วงนั้น "
        "หน่วยบริการที่เปิดในช่วงนั้น ทะเบียน ประชากร กฎการคุ้มครอง หรือโปรแกรม) ช่วงเวลาอื่นใช้ตัวเลขเดิมจากการเผยแพร่ครั้งก่อน "
        "ซึ่งได้ผลเหมือนคำนวณใหม่ทั้งหมดทุกประการ ทุกช่วงที่คำนวณใหม่ใช้วิธีเต็ม รวมการสุ่มเรียงสับเปลี่ยน 9,999 ครั้ง "
        "คำสั่ง `python -m etl publish --all` คำนวณใหม่ทุกช่วง",
        "en": "Each publish recomputes only the windows whose inputs changed (the protected cells of their quarters, "
        "the services open in them, the registers, population, disclosure rules or the program itself); the other "
        "windows keep their figures from the previous publish, which gives exactly what recomputing them would. "
        "Every recomputed window gets the full method, 9,999 permutations included. `python -m etl publish --all` "
        "recomputes every window.",
    },
    "methods.guard": {"th": "การป้องกันข้อมูลส่วนบุคคลตอนนำเข้า", "en": "The upload privacy guard"},
    "methods.guard_text": {
        "th": "ไฟล์ต้องเป็นจำนวนรวมที่ไม่ระบุตัวบุคคลเท่านั้น ไฟล์จำนวนผู้ถูกกระทำที่มีคอลัมน์คล้ายข้อมูลส่วนบุคคล "
        "(ชื่อบุคคล เลขประจำตัวประชาชน โทรศัพท์ ที่อยู่ วันเกิด อีเมล) จะถูกปฏิเสธ และไฟล์ทุกประเภทที่มีช่องเป็นตัวเลข 13 หลัก"
        "ที่ผ่านการตรวจเลขประจำตัวประชาชนไทยจะถูกปฏิเสธ ข้อความแจ้งระบุแถวและคอลัมน์แต่ไม่แสดงค่านั้นซ้ำ "
        "และไฟล์ที่ถูกปฏิเสธจะไม่ถูกบันทึกใด ๆ\n\n"
        "เฉพาะนักวิเคราะห์ที่นำเข้าและย้อนกลับข้อมูลได้ (เข้าสู่ระบบด้วย OpenID Connect ตามรายชื่อที่อนุญาต "
        "หรือรหัสผ่านนักวิเคราะห์ หรือโหมดเครื่องเดียว) และทุกการนำเข้าและย้อนกลับบันทึกว่าใครเป็นผู้ทำ",
        "en": "Files must hold anonymised aggregate counts only. A cases file with a column that looks like "
        "personal data (a person's name, citizen ID, phone, address, birth date, e-mail) is rejected, and in any "
        "file a cell holding a 13-digit number that passes the Thai national ID checksum is rejected; the message "
        "names the row and column but never repeats the value, and a rejected file writes nothing.\n\n"
        "Only analysts can upload and revert (OpenID Connect sign-in with an allow-list, an analyst password, or "
        "local mode on one's own machine), and every load and revert records who did it.",
    },
    "methods.history": {"th": "ประวัติการนำเข้า", "en": "Load history"},
    "methods.history_intro": {
        "th": "ทุกไฟล์ที่นำเข้า ล่าสุดก่อน (แสดงอย่างเดียว นักวิเคราะห์ย้อนกลับการนำเข้าได้ในหน้า “นำเข้าข้อมูล”)",
        "en": "Every file loaded, newest first (read-only here; analysts revert loads on the Upload data page).",
    },
    # Coverage & referral gaps (pages/coverage.py)
    "page.coverage": {"th": "ความครอบคลุมและช่องว่าง", "en": "Coverage & referral gaps"},
    "coverage.title": {
        "th": "ความครอบคลุมของบริการและช่องว่างการส่งต่อ",
        "en": "Service coverage and referral gaps",
    },
    "coverage.subtitle": {
        "th": "หน่วยบริการที่เปิดในช่วง {window} และความต้องการเทียบกับการเข้าถึงรายเขต",
        "en": "Services open during {window}, and need against coverage by district",
    },
    "coverage.no_cases": {
        "th": "ยังไม่มีข้อมูลจำนวนผู้ถูกกระทำ จึงยังเลือกช่วงเวลาและจัดกลุ่มความต้องการรายเขตไม่ได้ นำเข้าไฟล์ข้อมูลรายไตรมาส "
        "หรือสร้างข้อมูลตัวอย่างด้วยคำสั่ง `python -m etl demo` (หรือ `make run`)",
        "en": "No case data has been loaded yet, so there is no period to show and no need to rank districts by. "
        "Load a quarterly cases file, or build the demo data with `python -m etl demo` (or `make run`).",
    },
    "coverage.services": {"th": "หน่วยบริการและรัศมีพื้นที่ปลอดภัย", "en": "Services and safe-space catchments"},
    "coverage.types": {"th": "ประเภทหน่วยบริการที่แสดง", "en": "Types of service shown"},
    "coverage.catchments": {
        "th": "รัศมี {km} กม. รอบพื้นที่ปลอดภัย",
        "en": "{km} km catchment around each safe space",
    },
    "coverage.health_centres": {
        "th": "เขตรับผิดชอบศูนย์บริการสาธารณสุข กทม. (พ.ศ. 2557–58)",
        "en": "BMA health-centre service areas (2014–15)",
    },
    "coverage.samut_prakan": {
        "th": "อำเภอในจังหวัดสมุทรปราการ (นอกกรุงเทพฯ)",
        "en": "Samut Prakan districts (outside Bangkok)",
    },
    "coverage.no_services": {
        "th": "ไม่มีหน่วยบริการที่เปิดในช่วงเวลานี้ในฐานข้อมูล จึงยังแสดงแผนที่หน่วยบริการไม่ได้ นำเข้าทะเบียนหน่วยบริการในหน้านำเข้าข้อมูล",
        "en": "No service point is open in this period, so there is no service map to show. "
        "Load a service points file on the Upload data page.",
    },
    "coverage.no_services_here": {
        "th": "เขตที่เลือกไม่มีหน่วยบริการที่เปิดในช่วงเวลานี้ เลือกเขตอื่นหรือล้างตัวกรองเขตในแถบด้านข้าง",
        "en": "The chosen districts have no service open in this period. "
        "Choose other districts, or clear the district filter in the sidebar.",
    },
    "coverage.choose_types": {
        "th": "เลือกประเภทหน่วยบริการอย่างน้อยหนึ่งประเภทด้านบน เพื่อแสดงบนแผนที่",
        "en": "Choose at least one type of service above to show it on the map.",
    },
    "coverage.services_alt": {
        "th": "แผนที่หน่วยบริการตามประเภท พร้อมรัศมีรอบพื้นที่ปลอดภัย บนขอบเขต 50 เขตของกรุงเทพฯ",
        "en": "Map of service points by type, with catchments around safe spaces, on Bangkok's 50 districts",
    },
    "coverage.legend_services": {"th": "หน่วยบริการ", "en": "Service points"},
    "coverage.origin.real": {"th": "{service} (ตำแหน่งจริง)", "en": "{service} (real locations)"},
    "coverage.origin.estimated": {"th": "{service} (ตำแหน่งโดยประมาณ)", "en": "{service} (estimated locations)"},
    "coverage.origin.synthetic": {"th": "{service} (ข้อมูลตัวอย่าง)", "en": "{service} (synthetic demo)"},
    "coverage.origins_note": {
        "th": "แต่ละประเภทบอกที่มาของตำแหน่ง: ตำแหน่งจริงจากทะเบียนที่เปิดเผย ตำแหน่งโดยประมาณ (วางตามพื้นที่ ไม่ได้สำรวจจริง "
        "คลาดเคลื่อนได้ 1–2 กม.) หรือข้อมูลตัวอย่างที่สร้างขึ้น",
        "en": "Each type says where its points come from: real locations from public registers, estimated "
        "locations (placed by area, not surveyed; 1–2 km off), or synthetic demo data.",
    },
    "coverage.outside_bangkok": {"th": "นอกกรุงเทพฯ", "en": "outside Bangkok"},
    "map.bangkok_outline": {"th": "ขอบเขตเขตของกรุงเทพฯ", "en": "Bangkok district boundary"},
    "map.context_outline": {
        "th": "ขอบเขตอำเภอ จ.สมุทรปราการ (นอกกรุงเทพฯ)",
        "en": "Samut Prakan district boundary (outside Bangkok)",
    },
    "coverage.health_centre_outline": {
        "th": "ขอบเขตรับผิดชอบศูนย์บริการสาธารณสุข",
        "en": "Health-centre service area boundary",
    },
    "coverage.bivariate": {"th": "ความต้องการเทียบกับการเข้าถึง รายเขต", "en": "Need against coverage, by district"},
    "coverage.bivariate_caption": {
        "th": "ความต้องการ: โอกาสที่อัตราผู้ถูกกระทำสูงกว่าทั้งกรุงเทพฯ สูง (0.9 ขึ้นไป) ไม่ชัด หรือต่ำ (0.1 ลงมา) "
        "การเข้าถึง: ที่รองรับของพื้นที่ปลอดภัยต่อผู้อยู่อาศัยทุกคนภายในรัศมี {km} กม. ลดน้ำหนักตามระยะทาง (E2SFCA) แบ่งเป็นสามระดับ "
        "ช่องว่าง (ความต้องการสูง การเข้าถึงต่ำ: ช่องขวาล่างของคำอธิบายสัญลักษณ์) เป็นสีแดงสด",
        "en": "Need: the chance that the district's rate exceeds Bangkok's, high (0.9 or more), unclear, or low "
        "(0.1 or less). Coverage: safe-space places per resident (all residents) within {km} km, weighted down "
        "with distance (enhanced two-step floating catchment), in thirds. High need with low coverage (the "
        "legend's bottom-right cell) is bright red.",
    },
    "coverage.bivariate_alt": {
        "th": "แผนที่ 50 เขตของกรุงเทพฯ ระบายสีตามระดับความต้องการและระดับการเข้าถึงพื้นที่ปลอดภัย",
        "en": "Map of Bangkok's 50 districts coloured by level of need and level of safe-space coverage",
    },
    "coverage.legend_bivariate": {"th": "ความต้องการ × การเข้าถึง", "en": "Need × coverage"},
    "coverage.axis_need": {"th": "ความต้องการ →", "en": "Need →"},
    "coverage.axis_coverage": {"th": "การเข้าถึง ↑", "en": "Coverage ↑"},
    "coverage.cell": {"th": "ความต้องการ{need} การเข้าถึง{coverage}", "en": "Need {need}, coverage {coverage}"},
    "level.1": {"th": "ต่ำ", "en": "low"},
    "level.2": {"th": "ปานกลาง", "en": "middle"},
    "level.3": {"th": "สูง", "en": "high"},
    "coverage.gap_legend": {
        "th": "ช่องว่าง: ความต้องการสูง การเข้าถึงต่ำ (ช่องขวาล่าง) เส้นขอบดำ: เป็นช่องว่างในมากกว่าครึ่งของ {n} สถานการณ์",
        "en": "Gap: high need, low coverage (bottom-right cell); outlined in black where it is a gap in more than "
        "half of the {n} scenarios",
    },
    "coverage.not_classified": {
        "th": "จัดกลุ่มไม่ได้ (ไม่มีอัตรา หรืออัตราต่างกันไม่เกินที่เกิดโดยบังเอิญ)",
        "en": "Not classified (no rate, or rates differ no more than chance would make them)",
    },
    "coverage.no_classes": {
        "th": "ยังจัดกลุ่มเขตไม่ได้: ต้องมีข้อมูลผู้ถูกกระทำในช่วงเวลานี้ และอัตราของเขตต้องต่างกันมากกว่าที่เกิดโดยบังเอิญ",
        "en": "No district can be classified yet: this needs case data in the period, with rates that differ "
        "more than chance alone would make them.",
    },
    "coverage.tip.need": {"th": "ความต้องการ", "en": "Need"},
    "coverage.tip.coverage": {"th": "การเข้าถึง", "en": "Coverage"},
    "coverage.gaps": {
        "th": "เขตที่เป็นช่องว่าง: ความต้องการสูง การเข้าถึงต่ำ",
        "en": "Gap districts: high need, low coverage",
    },
    "coverage.gaps_caption": {
        "th": "เขตที่เป็นช่องว่างในมากกว่าครึ่งของสถานการณ์ เรียงจากแน่นอนที่สุด "
        "ระยะทางคือระยะเส้นตรงเฉลี่ยจากผู้อยู่อาศัยในเขตถึงหน่วยบริการที่ใกล้ที่สุดของแต่ละประเภท ถ่วงน้ำหนักด้วยประชากร (กม.)",
        "en": "Districts that are a gap in more than half of the scenarios, surest first. Distances are the "
        "population-weighted mean straight-line distance from the district's residents to the nearest service "
        "of each type (km).",
    },
    "coverage.no_gaps": {
        "th": "ในช่วงเวลานี้ไม่มีเขตใด (ในเขตที่เลือก) ที่ความต้องการสูงและการเข้าถึงต่ำ",
        "en": "No district (among those chosen) is high need with low coverage in this period.",
    },
    "coverage.col.district": {"th": "เขต", "en": "District"},
    "coverage.col.referral": {"th": "อัตราการส่งต่อ", "en": "Referral rate"},
    "coverage.col.access": {"th": "ที่รองรับพื้นที่ปลอดภัยต่อประชากร 1,000 คน", "en": "Safe-space places per 1,000 residents"},
    "coverage.col.distance": {"th": "{service} ใกล้สุด (กม.)", "en": "{service}: nearest (km)"},
    "coverage.download": {"th": "ดาวน์โหลดตารางเขตที่เป็นช่องว่าง (CSV)", "en": "Download the gap table (CSV)"},
    # Pilot communities (pages/pilots.py)
    "page.pilots": {"th": "ชุมชนนำร่อง", "en": "Pilot communities"},
    "pilots.title": {"th": "ชุมชนนำร่องพื้นที่ปลอดภัย", "en": "Safe-space pilot communities"},
    "pilots.no_pilots": {
        "th": "ทะเบียนชุมชนยังไม่มีชุมชนนำร่อง นำเข้าทะเบียนชุมชนที่ระบุ `pilot` = ใช่ และไตรมาสที่เริ่ม (`pilot_start`) ในหน้านำเข้าข้อมูล",
        "en": "The communities register has no pilot community yet. Load a communities file with `pilot` = yes "
        "and its start quarter (`pilot_start`) on the Upload data page.",
    },
    "pilots.map": {"th": "ที่ตั้งชุมชนนำร่องและชุมชนเปรียบเทียบ", "en": "Where the pilot and comparison communities are"},
    "pilots.map_alt": {
        "th": "แผนที่ชุมชนในกรุงเทพฯ และ จ.สมุทรปราการ เน้นชุมชนนำร่องพร้อมชื่อ",
        "en": "Map of communities in Bangkok and Samut Prakan, with the pilot communities highlighted and named",
    },
    "pilots.legend_title": {"th": "ชุมชน", "en": "Communities"},
    "pilots.kind.pilot": {"th": "ชุมชนนำร่อง (เริ่ม {start})", "en": "Pilot community (from {start})"},
    "pilots.kind.comparison": {"th": "ชุมชนเปรียบเทียบ", "en": "Comparison community"},
    "pilots.kind.other": {"th": "ชุมชนอื่น", "en": "Other community"},
    "pilots.legend.pilot": {"th": "ชุมชนนำร่อง", "en": "Pilot community"},
    "pilots.legend.comparison": {
        "th": "ชุมชนเปรียบเทียบ (รายงานข้อมูลรายชุมชน)",
        "en": "Comparison community (reports its own cases)",
    },
    "pilots.legend.other": {"th": "ชุมชนอื่น", "en": "Other community"},
    "pilots.approximate": {"th": "ตำแหน่งโดยประมาณ", "en": "approximate location"},
    "pilots.as_registered": {"th": "ตามทะเบียน", "en": "as registered"},
    "pilots.in_context": {
        "th": "{district} จ.สมุทรปราการ (นอกกรุงเทพฯ)",
        "en": "{district}, Samut Prakan (outside Bangkok)",
    },
    "pilots.map_note": {
        "th": "ชุมชนที่ระบุว่า “ตำแหน่งโดยประมาณ” ไม่ได้ใช้พิกัดจากทะเบียน จุดบนแผนที่จึงเป็นตำแหน่งโดยประมาณ "
        "ชุมชนไทยเกรียงอยู่ที่อำเภอพระประแดง จังหวัดสมุทรปราการ นอกเขตกรุงเทพฯ จึงไม่มีชุมชนเปรียบเทียบในเขตเดียวกัน",
        "en": "Communities marked “approximate location” are not at a register point, so their point is "
        "approximate. Thai Kriang lies in Phra Pradaeng, Samut Prakan, just outside Bangkok, so it has no "
        "same-district comparison communities.",
    },
    "pilots.no_cases": {
        "th": "ยังไม่มีข้อมูลจำนวนผู้ถูกกระทำ จึงยังเปรียบเทียบชุมชนนำร่องไม่ได้ นำเข้าไฟล์ข้อมูลรายไตรมาสที่มีรหัสชุมชน",
        "en": "No case data has been loaded yet, so the pilots cannot be compared. "
        "Load a quarterly cases file with community ids.",
    },
    "pilots.trend": {
        "th": "อัตราผู้ถูกกระทำต่อประชากร 100,000 คนต่อไตรมาส: ชุมชนนำร่องเทียบกับชุมชนเปรียบเทียบ",
        "en": "Reported cases per 100,000 residents per quarter: pilot against comparison communities",
    },
    "pilots.trend_caption": {
        "th": "ทุกไตรมาสจนถึง {end} เส้นประคือไตรมาสที่ชุมชนนำร่องเริ่ม (“+2” คือชุมชนนำร่อง 2 แห่งเริ่มในไตรมาสนั้น) "
        "ผลรวมกลุ่มที่มี 1–{top} รายไม่แสดงอัตรา",
        "en": "Every quarter up to {end}; dashed lines mark the quarters in which pilots started (“+2”: two pilots "
        "started that quarter). A group total of 1–{top} cases is not shown.",
    },
    "pilots.no_trend": {
        "th": "ยังไม่มีชุมชนใดรายงานข้อมูลรายชุมชน (คอลัมน์ `community_id` ในไฟล์ข้อมูลผู้ถูกกระทำ) จึงยังแสดงแนวโน้มไม่ได้",
        "en": "No community reports its own cases yet (the `community_id` column of a cases file), "
        "so there is no trend to show.",
    },
    "pilots.group.pilot": {"th": "ชุมชนนำร่อง", "en": "Pilot communities"},
    "pilots.group.comparison": {"th": "ชุมชนเปรียบเทียบ", "en": "Comparison communities"},
    "pilots.axis_rate": {"th": "ต่อประชากร 100,000 คนต่อไตรมาส", "en": "Per 100,000 residents per quarter"},
    "pilots.axis_quarter": {"th": "ไตรมาส", "en": "Quarter"},
    "pilots.tip": {"th": "{rate} ต่อ 100,000 ({cases} ราย)", "en": "{rate} per 100,000 ({cases} cases)"},
    "pilots.tip_suppressed": {"th": "ปกปิด ({cases} ราย)", "en": "suppressed ({cases} cases)"},
    "pilots.caveat": {
        "th": "ข้อควรระวัง: เป็นข้อมูลตัวอย่างที่สร้างขึ้น ผลนี้ไม่ใช่หลักฐานว่าพื้นที่ปลอดภัยเป็นสาเหตุของการเปลี่ยนแปลง "
        "จำนวนรายมีน้อยจึงคลาดเคลื่อนได้มาก และจำนวนที่ได้รับรายงานเพิ่มขึ้นอาจหมายถึงผู้คนกล้าขอความช่วยเหลือมากขึ้น",
        "en": "Caveat: this is synthetic demo data. The figure is not proof that the safe spaces caused the change; "
        "small numbers make it uncertain, and more reported cases can mean more people seek help, not more violence.",
    },
    "pilots.caveat_real": {
        "th": "ข้อควรระวัง: ผลนี้ไม่ใช่หลักฐานว่าพื้นที่ปลอดภัยเป็นสาเหตุของการเปลี่ยนแปลง จำนวนรายมีน้อยจึงคลาดเคลื่อนได้มาก "
        "และจำนวนที่ได้รับรายงานเพิ่มขึ้นอาจหมายถึงผู้คนกล้าขอความช่วยเหลือมากขึ้น",
        "en": "Caveat: the figure is not proof that the safe spaces caused the change; small numbers make it "
        "uncertain, and more reported cases can mean more people seek help, not more violence.",
    },
    "pilots.table": {"th": "ชุมชนนำร่องแต่ละแห่ง", "en": "Each pilot community"},
    "pilots.table_caption": {
        "th": "ก่อนและหลังไตรมาสที่เริ่มนำร่อง จนถึง {end} อัตราคือจำนวนรายต่อประชากร 100,000 คนต่อไตรมาส "
        "จำนวน 1–{top} รายแสดงเป็น “<{below}” และไม่คำนวณอัตรา",
        "en": "Before and from each start quarter, up to {end}; rates are cases per 100,000 residents per quarter. "
        "Counts of 1–{top} show as “<{below}”, without a rate.",
    },
    "pilots.col.community": {"th": "ชุมชน", "en": "Community"},
    "pilots.col.district": {"th": "เขต/อำเภอ", "en": "District"},
    "pilots.col.start": {"th": "เริ่มนำร่อง", "en": "Pilot start"},
    "pilots.col.location": {"th": "ตำแหน่ง", "en": "Location"},
    "pilots.col.note": {"th": "หมายเหตุตำแหน่ง", "en": "Location note"},
    "pilots.col.cases_before": {"th": "จำนวนรายก่อนเริ่ม", "en": "Cases before"},
    "pilots.col.rate_before": {"th": "อัตราก่อนเริ่ม", "en": "Rate before"},
    "pilots.col.cases_after": {"th": "จำนวนรายหลังเริ่ม", "en": "Cases from start"},
    "pilots.col.rate_after": {"th": "อัตราหลังเริ่ม", "en": "Rate from start"},
    "pilots.download": {"th": "ดาวน์โหลดตารางชุมชนนำร่อง (CSV)", "en": "Download the pilot table (CSV)"},
    # Shared frame (ui/sidebar.py) and Overview (pages/overview.py)
    "sidebar.play": {"th": "เล่น", "en": "Play"},
    "sidebar.pause": {"th": "หยุด", "en": "Pause"},
    "sidebar.step": {"th": "ถัดไป", "en": "Next"},
    "sidebar.window": {"th": "ช่วงเวลา", "en": "Period"},
    "sidebar.window_help": {
        "th": "แผนที่ใช้ 4 ไตรมาสล่าสุดเป็นค่าเริ่มต้น เพราะจำนวนรายของเขตหนึ่งในไตรมาสเดียวมักน้อยจนต้องปกปิด "
        "ปีงบประมาณนับจากไตรมาส 1 (ต.ค.) ถึงไตรมาสที่เลือก",
        "en": "Maps default to the last four quarters: one district's count in a single quarter is often small "
        "enough to be suppressed. The fiscal year runs from its Q1 (October) to the chosen quarter.",
    },
    "sidebar.window.quarter": {"th": "ไตรมาส", "en": "Quarter"},
    "sidebar.window.year": {"th": "1 ปี", "en": "1 year"},
    "sidebar.window.fiscal": {"th": "สะสมปีงบ", "en": "FY to date"},
    "sidebar.style": {"th": "แสดงไตรมาสแบบ", "en": "Quarters as"},
    "sidebar.style.fiscal": {"th": "ปีงบประมาณ", "en": "Thai fiscal year"},
    "sidebar.style.calendar": {"th": "ปีปฏิทิน", "en": "Calendar year"},
    "sidebar.districts": {"th": "เขต", "en": "Districts"},
    "sidebar.districts_all": {"th": "ทุกเขต", "en": "All districts"},
    "period.fiscal_to_date": {
        "th": "ปีงบประมาณ {fiscal_year} ถึงไตรมาส {q} ({window})",
        "en": "FY{fiscal_year} up to Q{q} ({window})",
    },
    "period.short_fiscal": {"th": "ไตรมาส {q} ปีงบ {fiscal_year}", "en": "Q{q} FY{fiscal_year}"},
    "period.short_calendar": {"th": "{months} {year}", "en": "{months} {year}"},
    "overview.no_rows": {
        "th": "ไม่มีรายงานจาก 50 เขตของกรุงเทพฯ ในช่วง {window} เลือกไตรมาสหรือช่วงเวลาอื่นที่แถบด้านข้าง หรือนำเข้าข้อมูลของช่วงนี้",
        "en": "No cases were reported from Bangkok's 50 districts in {window}. Choose another quarter or period "
        "in the sidebar, or load the data for this period.",
    },
    "kpi.cases": {"th": "ผู้ถูกกระทำที่ได้รับรายงาน", "en": "Cases reported"},
    "kpi.cases.help": {
        "th": "จำนวนรายที่ได้รับรายงานจาก 50 เขตรวมทั้งช่วงเวลา ปัดเศษเพื่อไม่ให้ระบุตัวผู้ถูกกระทำได้",
        "en": "Cases reported from the 50 districts over the period, rounded so that no victim can be identified.",
    },
    "kpi.referral": {"th": "สัดส่วนที่ส่งต่อ", "en": "Share referred"},
    "kpi.referral.help": {
        "th": "ส่วนของรายที่ได้รับรายงานซึ่งส่งต่อไปยังหน่วยบริการ คิดจากเขตที่รายงานการส่งต่อครบ",
        "en": "The share of reported cases referred to a service, over the districts that report referrals in full.",
    },
    "kpi.hotspots": {"th": "เขตจุดร้อน", "en": "Hot-spot districts"},
    "kpi.hotspots.help": {
        "th": "เขตที่อัตราปรับเรียบของตนและเขตข้างเคียงสูงร่วมกัน (Gi* หลังควบคุมอัตราการค้นพบเท็จ q < 0.05) "
        "ความหมายเดียวกับแผนที่และตาราง",
        "en": "Districts where the smoothed rates of the district and its neighbours are high together (Gi*, "
        "false discovery rate q < 0.05): the same definition as the map and the tables.",
    },
    "kpi.gaps": {"th": "เขตที่บริการไม่พอ", "en": "Gap districts"},
    "kpi.gaps.help": {
        "th": "ความต้องการสูง (อัตราน่าจะสูงกว่าทั้งกรุงเทพฯ) แต่เข้าถึงพื้นที่ปลอดภัยได้น้อย (อยู่ในกลุ่มต่ำสุดหนึ่งในสาม) "
        "ในมากกว่าครึ่งของ 160 สถานการณ์ (รัศมี ระยะทาง และการสุ่มจำนวนใหม่)",
        "en": "High need (a rate likely above Bangkok's) with low coverage (access to safe spaces in the bottom "
        "third) in more than half of 160 scenarios (catchment, distance decay, resampled counts).",
    },
    "kpi.safe_spaces": {"th": "พื้นที่ปลอดภัยที่เปิดบริการ", "en": "Safe spaces open"},
    "kpi.safe_spaces.help": {
        "th": "พื้นที่ปลอดภัยใน 50 เขตที่เปิดบริการในช่วงเวลานี้",
        "en": "Safe spaces in the 50 districts that were open at some time in the period.",
    },
    "kpi.pilots": {"th": "ชุมชนนำร่อง", "en": "Pilot communities"},
    "kpi.pilots.help": {
        "th": "ชุมชนนำร่องที่เริ่มดำเนินการภายในไตรมาสสุดท้ายของช่วง รวมชุมชนนอกกรุงเทพฯ",
        "en": "Pilot communities started by the last quarter of the period, including those outside Bangkok.",
    },
    "kpi.points": {"th": "{change} จุด", "en": "{change} pts"},
    "kpi.vs_previous": {"th": "จากช่วงก่อนหน้า", "en": "vs previous"},
    "kpi.vs_year": {"th": "เทียบปีก่อน: {change}", "en": "vs a year before: {change}"},
    "kpi.no_year": {"th": "ไม่มีข้อมูลปีก่อนให้เทียบ", "en": "No data a year before"},
    "kpi.compared": {
        "th": "ช่วงก่อนหน้า: {previous} · ปีก่อน: {year_before}",
        "en": "Previous period: {previous} · A year before: {year_before}",
    },
    "overview.map_title": {"th": "อัตราปรับเรียบรายเขต", "en": "Smoothed rate by district"},
    "overview.legend": {
        "th": "อัตราปรับเรียบต่อประชากร 100,000 คน {span}",
        "en": "Smoothed rate per 100,000 residents {span}",
    },
    "overview.span_one": {"th": "ในไตรมาสเดียว", "en": "in one quarter"},
    "overview.span_many": {"th": "รวม {n} ไตรมาส (ไม่ได้ปรับเป็นรายปี)", "en": "over {n} quarters (not annualised)"},
    "overview.eb_note": {
        "th": "อัตราปรับเรียบ (empirical Bayes) ดึงอัตราของเขตที่มีประชากรน้อยเข้าหาค่าเฉลี่ยของกรุงเทพฯ "
        "ตัวเลขจึงไม่แกว่งเพราะจำนวนรายน้อย",
        "en": "The smoothed (empirical Bayes) rate pulls small districts' rates towards Bangkok's average, "
        "so a few cases do not make a district jump.",
    },
    "overview.col.eb_rate": {"th": "อัตราปรับเรียบ", "en": "Smoothed rate"},
    "overview.col.hotspot": {"th": "จุดร้อน (Gi*)", "en": "Hot spot (Gi*)"},
    "overview.col.gap": {"th": "บริการไม่พอ", "en": "Gap"},
    "overview.col.referral": {"th": "สัดส่วนที่ส่งต่อ", "en": "Share referred"},
    "overview.gap_yes": {"th": "ใช่", "en": "Yes"},
    "overview.attention": {"th": "5 เขตที่ควรให้ความสำคัญ และเหตุผล", "en": "Five districts that need attention, and why"},
    "overview.attention_how": {
        "th": "เรียงตามคะแนน: จุดร้อน 99% = 3, จุดร้อน 95% = 2, บริการไม่พอ = 2, อัตราน่าจะสูงกว่าทั้งกรุงเทพฯ (โอกาส 0.9 ขึ้นไป) = 1, "
        "สัดส่วนที่ส่งต่ออยู่ในกลุ่มต่ำสุดหนึ่งในห้า = 1 คะแนนเท่ากันเรียงตามอัตราปรับเรียบ",
        "en": "Ranked by points: hot spot at 99% = 3, at 95% = 2, gap = 2, rate likely above Bangkok's (chance 0.9 or "
        "more) = 1, share referred in the lowest fifth = 1; ties go to the higher smoothed rate.",
    },
    "overview.attention_none": {
        "th": "ไม่มีเขตใดเข้าเกณฑ์ในช่วงนี้ (จุดร้อน บริการไม่พอ อัตราสูง หรือส่งต่อน้อย)",
        "en": "No district meets any criterion in this period (hot spot, gap, high rate or low referral).",
    },
    "attention.hot_99": {
        "th": "จุดร้อน: อัตราของเขตนี้และเขตข้างเคียงสูงร่วมกัน (Gi*, FDR q < 0.01)",
        "en": "a hot spot: high rates here and next door (Gi*, FDR q < 0.01)",
    },
    "attention.hot_95": {
        "th": "จุดร้อน: อัตราของเขตนี้และเขตข้างเคียงสูงร่วมกัน (Gi*, FDR q < 0.05)",
        "en": "a hot spot: high rates here and next door (Gi*, FDR q < 0.05)",
    },
    "attention.gap": {
        "th": "ความต้องการสูงแต่เข้าถึงพื้นที่ปลอดภัยได้น้อย",
        "en": "high need but little access to safe spaces",
    },
    "attention.high_rate": {
        "th": "อัตราปรับเรียบ {rate} ต่อประชากร 100,000 คน สูงเป็นอันดับ {rank} จาก {of} เขต",
        "en": "smoothed rate {rate} per 100,000, ranked {rank} of {of}",
    },
    "attention.low_referral": {
        "th": "ส่งต่อเพียง {share} ของรายที่ได้รับรายงาน (ทั้งกรุงเทพฯ {bangkok})",
        "en": "only {share} of cases referred to a service (Bangkok: {bangkok})",
    },
    "overview.trend": {"th": "แนวโน้ม {n} ไตรมาส ทั้งกรุงเทพฯ", "en": "Bangkok over the last {n} quarters"},
    "overview.trend.reported": {"th": "ได้รับรายงาน", "en": "Reported"},
    "overview.trend.referred": {"th": "ส่งต่อ", "en": "Referred"},
    "overview.trend.y": {"th": "จำนวนราย", "en": "Cases"},
    "overview.trend.quarter": {"th": "ไตรมาส", "en": "Quarter"},
    "overview.trend.window": {"th": "ช่วงที่เลือก", "en": "chosen period"},
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
    "upload.step.districts": {"th": "กำลังเผยแพร่ตัวเลขรายเขต…", "en": "Publishing district figures…"},
    "upload.step.pilots": {"th": "กำลังเผยแพร่ผลชุมชนนำร่อง…", "en": "Publishing pilot figures…"},
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
    "upload.failed": {
        "th": "เกิดข้อผิดพลาดที่ไม่คาดคิด ไม่มีการบันทึกสิ่งใด แจ้งผู้ดูแลระบบ ({reason})",
        "en": "Something unexpected went wrong and nothing was written. Tell the administrator ({reason}).",
    },
    "upload.publish_failed": {
        "th": "นำเข้าแล้ว แต่การเผยแพร่ตัวเลขไม่สำเร็จ ผู้ชมยังเห็นตัวเลขชุดก่อน ดูสาเหตุด้านล่าง",
        "en": "Loaded, but publishing the figures failed: viewers still see the previous figures. See why below.",
    },
    "upload.last_publish_failed": {
        "th": "การเผยแพร่ครั้งล่าสุดไม่สำเร็จ ผู้ชมยังเห็นตัวเลขชุดก่อน สาเหตุ: {reason} แก้ไขแล้วเรียก `python -m etl publish`",
        "en": "The last publish failed, so viewers still see the previous figures. Reason: {reason}. Fix it, then "
        "run `python -m etl publish`.",
    },
    "upload.unchanged": {
        "th": "ไฟล์นี้เหมือนกับไฟล์ที่นำเข้าไว้แล้วทุกประการ จึงไม่มีอะไรเปลี่ยนแปลง",
        "en": "This file is identical to one already loaded, so nothing changes.",
    },
    "upload.valid": {
        "th": "ไฟล์ถูกต้อง: จำนวนแถว {rows} ไตรมาส {quarters} ตรวจสอบความแตกต่างด้านล่าง แล้วกดยืนยันเพื่อบันทึก",
        "en": "The file is valid (rows: {rows}; quarters: {quarters}). Check the difference below, then confirm.",
    },
    "upload.confirm": {"th": "ยืนยันการนำเข้า", "en": "Confirm and load"},
    "upload.loaded": {
        "th": "นำเข้าแล้ว (หมายเลข {load_id}) และเผยแพร่ตัวเลขใหม่แล้ว ทุกหน้าจะแสดงเมื่อมีการใช้งานครั้งถัดไป",
        "en": "Loaded as load {load_id} and published. Every page shows the new figures on its next interaction.",
    },
    "upload.history": {"th": "ประวัติการนำเข้า", "en": "Load history"},
    "upload.no_history": {"th": "ยังไม่มีการนำเข้า", "en": "No loads yet."},
    "upload.revert_which": {"th": "ย้อนกลับการนำเข้าหมายเลข", "en": "Revert load"},
    "upload.revert_sure": {
        "th": "ยืนยัน: ข้อมูลจากการนำเข้านี้จะไม่ถูกนับ ส่วนที่มีฉบับก่อนหน้า ฉบับนั้นจะกลับมาใช้ (ยกเลิกได้ภายหลัง)",
        "en": "I understand: this load stops counting; where it has an earlier version, that version is in force "
        "again (this can be undone).",
    },
    "upload.revert": {"th": "ย้อนกลับ", "en": "Revert"},
    "upload.revert_force": {
        "th": "นำออกแม้เป็นฉบับแรกของข้อมูลนั้น (ข้อมูลส่วนนั้นจะหายไปจากแดชบอร์ด ไม่มีฉบับก่อนหน้ามาแทน)",
        "en": "Remove it even if it is the first version of its data (that data leaves the dashboard; no earlier "
        "version takes its place)",
    },
    "upload.restore_which": {"th": "การนำเข้าที่ย้อนกลับแล้วซึ่งจะนำกลับมาใช้", "en": "Reverted load to bring back"},
    "upload.choose_load": {"th": "เลือกการนำเข้า", "en": "Choose a load"},
    "upload.restore": {"th": "ยกเลิกการย้อนกลับ", "en": "Undo the revert"},
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
    "history.loaded_at": {"th": "วันเวลาที่นำเข้า", "en": "Loaded at"},
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
    # Planning (issue 14, pages/planning.py): site recommendation, a scenario, never data
    "page.planning": {"th": "วางแผนพื้นที่ปลอดภัย", "en": "Plan safe spaces"},
    "planning.title": {"th": "ควรเปิดพื้นที่ปลอดภัยแห่งใหม่ที่ใด", "en": "Where could the next safe spaces go?"},
    "planning.banner": {
        "th": "สถานการณ์สมมติ ไม่ใช่ข้อมูล: จุดที่แนะนำคำนวณจากแบบจำลอง เพื่อใช้หารือ ไม่ใช่พื้นที่ปลอดภัยที่มีอยู่จริงหรือการตัดสินใจ",
        "en": "Scenario, not data: the recommended sites come from a model, to discuss; they are not existing "
        "safe spaces, nor a decision.",
    },
    "planning.subtitle": {
        "th": "ความต้องการ: อัตราปรับเรียบที่เผยแพร่ของ {window} · พื้นที่ปลอดภัยเดิม {existing} แห่งคงไว้",
        "en": "Need: the published smoothed rates of {window} · the {existing} existing safe spaces are kept",
    },
    "planning.no_cases": {
        "th": "ยังไม่มีข้อมูลรายที่เผยแพร่ จึงยังไม่ทราบความต้องการของแต่ละเขต",
        "en": "No cases are published yet, so no district's need is known.",
    },
    "planning.k": {"th": "จำนวนจุดใหม่", "en": "New sites"},
    "planning.radius": {"th": "รัศมีที่เข้าถึง (เมตร)", "en": "Reach (metres)"},
    "planning.candidates": {"th": "จุดตัวเลือก", "en": "Candidate sites"},
    "planning.set.communities": {"th": "ทุกชุมชนในทะเบียน", "en": "Every registered community"},
    "planning.set.health-centres": {"th": "ศูนย์บริการสาธารณสุข", "en": "Health centres"},
    "planning.set.district-offices": {"th": "สำนักงานเขต", "en": "District offices"},
    "planning.set.all": {"th": "ทั้งหมด", "en": "All of these"},
    "planning.model": {"th": "แบบจำลอง", "en": "Model"},
    "planning.model.mclp": {
        "th": "ครอบคลุมสูงสุด (MCLP): ผู้อยู่อาศัยในระยะมากที่สุด",
        "en": "Maximal covering (MCLP): most residents within reach",
    },
    "planning.model.p-median": {
        "th": "p-median: ระยะทางเฉลี่ยสั้นที่สุด",
        "en": "p-median: shortest mean distance",
    },
    "planning.run": {"th": "คำนวณ", "en": "Recommend"},
    "planning.solving": {"th": "กำลังคำนวณแผน…", "en": "Solving the plan…"},
    "planning.timeout": {
        "th": "คำนวณไม่เสร็จภายใน {seconds} วินาที เลือกชุดจุดตัวเลือกที่เล็กลงหรือรัศมีที่เล็กลง",
        "en": "No proven best plan within {seconds} s. Choose a smaller candidate set or a smaller reach.",
    },
    "planning.covered_after": {"th": "ผู้อยู่อาศัยถ่วงน้ำหนักในระยะ หลัง", "en": "Need-weighted residents reached, after"},
    "planning.residents_after": {"th": "ผู้อยู่อาศัยในระยะ หลัง", "en": "Residents reached, after"},
    "planning.greedy": {"th": "หากเลือกแบบละโมบ", "en": "A greedy choice"},
    "planning.distance_after": {"th": "ระยะทางเฉลี่ยถ่วงน้ำหนัก (กม.) หลัง", "en": "Need-weighted mean distance (km), after"},
    "planning.greedy_help": {
        "th": "เลือกทีละจุดที่ครอบคลุมเพิ่มได้มากที่สุด จำนวนเท่ากัน: ใช้เทียบกับแบบจำลอง",
        "en": "Adding one site at a time, each the one reaching the most not yet reached, as many sites: "
        "the baseline for the model.",
    },
    "planning.map_alt": {
        "th": "แผนที่สถานการณ์สมมติ: พื้นที่ปลอดภัยเดิมและจุดใหม่ที่แนะนำพร้อมรัศมี",
        "en": "Scenario map: existing safe spaces and the recommended sites with their reach",
    },
    "planning.legend": {"th": "สถานการณ์สมมติ", "en": "Scenario"},
    "planning.existing": {"th": "พื้นที่ปลอดภัยเดิม", "en": "Existing safe space"},
    "planning.new_site": {"th": "จุดใหม่ที่แนะนำ (สมมติ)", "en": "Recommended site (scenario)"},
    "planning.reach": {"th": "รัศมี {km} กม.", "en": "{km} km reach"},
    "planning.sites": {"th": "จุดที่แนะนำ", "en": "Recommended sites"},
    "planning.col.site": {"th": "รหัสจุด", "en": "Site"},
    "planning.col.name": {"th": "ชื่อ", "en": "Name"},
    "planning.col.district": {"th": "เขต", "en": "District"},
    "planning.col.residents_new": {"th": "ผู้อยู่อาศัยที่เข้าถึงใหม่", "en": "Residents newly reached"},
    "planning.col.weight_new": {"th": "ถ่วงน้ำหนักตามความต้องการ", "en": "Need-weighted"},
    "planning.col.gaps": {"th": "เขตช่องว่างที่ไปถึง", "en": "Gap districts reached"},
    "planning.sites_caption": {
        "th": "ผู้อยู่อาศัยที่เข้าถึงใหม่นับครั้งเดียว ให้กับจุดใหม่ที่ใกล้ที่สุด เขตช่องว่าง (ความต้องการสูง การเข้าถึงต่ำ) "
        "นับเมื่อมีชุมชนของเขตนั้นอยู่ในรัศมี",
        "en": "Residents newly reached are counted once, for the nearest new site. A gap district (high need, "
        "low coverage) is reached when one of its communities lies within the reach.",
    },
    "planning.download": {
        "th": "ดาวน์โหลดจุดที่แนะนำ (รูปแบบนำเข้าหน่วยบริการ)",
        "en": "Download the sites (services upload format)",
    },
    "planning.source": {"th": "สถานการณ์สมมติ {model} ไม่ใช่ข้อมูล", "en": "scenario {model}, not data"},
    "methods.measure.plan": {
        "th": "**การแนะนำจุดพื้นที่ปลอดภัยใหม่ (หน้าวางแผน, `python -m etl plan sites`)** เป็นสถานการณ์สมมติ ไม่ใช่ข้อมูล "
        "ความต้องการ: ผู้อยู่อาศัยทุกคนตามที่การวัดการเข้าถึงนับ (ชุมชน และส่วนที่เหลือของเขตกระจายตามพื้นที่แขวง) "
        "คูณอัตราปรับเรียบที่เผยแพร่ของเขต หารด้วยค่าเฉลี่ยของกรุงเทพฯ "
        "พื้นที่ปลอดภัยเดิมคงไว้ แบบจำลองครอบคลุมสูงสุด (MCLP, PySAL spopt กับตัวแก้ปัญหา CBC) เลือก N จุดที่ทำให้ "
        "ความต้องการในรัศมี (ค่าเริ่มต้น {km} กม. เส้นตรง) มากที่สุด ได้คำตอบที่ดีที่สุดจริง แบบจำลอง p-median (HiGHS) "
        "ทำให้ระยะทางเฉลี่ยถ่วงน้ำหนักถึงพื้นที่ปลอดภัยที่ใกล้ที่สุดสั้นที่สุด โดยรวมความต้องการเป็นตาราง 1 กม. "
        "และนับระยะเกิน 5 กม. เป็น 5 กม. การเลือกแบบละโมบ (ทีละจุด) แสดงไว้เปรียบเทียบ ข้อจำกัด: ระยะทางเป็นเส้นตรง "
        "ไม่ใช่ระยะเดินทาง ประชากรชุมชนเป็นค่าประมาณ และความต้องการมาจากรายที่ได้รับแจ้งซึ่งไม่ครบทุกราย",
        "en": "**Site recommendation (the Plan page, `python -m etl plan sites`)** is a scenario, not data. Demand: "
        "every resident as the coverage measure counts them (communities, and the rest of each district spread over "
        "its sub-districts by area) times its district's published smoothed rate over Bangkok's mean. "
        "Existing safe spaces are kept. Maximal covering (MCLP, PySAL spopt with the CBC solver) chooses the N "
        "sites that bring the most such demand within the reach (default {km} km, straight line), solved to proven "
        "optimality. p-median (HiGHS) minimises the need-weighted distance to the nearest safe space, with demand "
        "aggregated to a 1 km grid and distances beyond 5 km counted as 5 km. A greedy choice (one site at a time) "
        "is shown for comparison. Limits: straight-line distance, not travel; estimated community populations; "
        "need from reported cases, and not all violence is reported.",
    },
    "planning.limits": {
        "th": "ข้อจำกัด: ระยะทางเป็นเส้นตรง ไม่ใช่ระยะเดินทางจริง จำนวนประชากรชุมชนเป็นค่าประมาณ "
        "ความต้องการมาจากรายที่ได้รับแจ้ง (ความรุนแรงไม่ได้ถูกแจ้งทุกราย) ดูหน้าวิธีการ",
        "en": "Limits: straight-line distances, not travel; estimated community populations; need from reported "
        "cases (not all violence is reported). See Methods.",
    },
    # Pilot evaluation (issue 12): rate ratio, difference, event study, randomization p, MDE, who was compared
    "pilots.eval": {
        "th": "ชุมชนนำร่องเปลี่ยนไปต่างจากชุมชนเปรียบเทียบหรือไม่",
        "en": "Did the pilots change differently from the comparison communities?",
    },
    "pilots.eval.comparison": {"th": "เปรียบเทียบกับ", "en": "Compared with"},
    "pilots.eval.comparison.all": {"th": "ชุมชนที่ไม่ใช่นำร่องทั้งหมด", "en": "All non-pilot communities"},
    "pilots.eval.comparison.same-district": {"th": "ชุมชนในเขตเดียวกัน", "en": "Communities of the same district"},
    "pilots.eval.comparison.matched": {
        "th": "ชุมชนที่จับคู่ (ประชากรและอัตราก่อนเริ่มใกล้เคียง)",
        "en": "Matched communities (similar population and earlier rate)",
    },
    "pilots.eval.latest_only": {
        "th": "การประเมินเผยแพร่เฉพาะไตรมาสล่าสุด ({latest}) ตัวเลขด้านล่างจึงใช้ข้อมูลถึง {latest}",
        "en": "The evaluation is published for the latest quarter only ({latest}); the figures below use the data "
        "up to {latest}.",
    },
    "pilots.eval.none": {"th": "ยังไม่มีการประเมินที่เผยแพร่", "en": "No evaluation is published yet."},
    "pilots.eval.enough": {"th": "ข้อมูลเพียงพอ: {reason}", "en": "Enough data: {reason}"},
    "pilots.eval.not_enough": {"th": "ข้อมูลไม่เพียงพอ: {reason}", "en": "Not enough data: {reason}"},
    "pilots.eval.rate_ratio": {"th": "อัตราส่วนอัตรา (95% CI)", "en": "Rate ratio (95% CI)"},
    "pilots.eval.difference": {
        "th": "ผลต่าง ต่อ 100,000 คนต่อไตรมาส (95% CI)",
        "en": "Difference per 100,000 per quarter (95% CI)",
    },
    "pilots.eval.difference_referral": {
        "th": "ผลต่าง จุดร้อยละ (95% CI)",
        "en": "Difference, percentage points (95% CI)",
    },
    "pilots.eval.p": {"th": "ค่า p จากการสลับป้าย", "en": "Randomization p"},
    "pilots.eval.mde": {"th": "ผลที่เล็กที่สุดที่ตรวจพบได้", "en": "Minimum detectable effect"},
    "pilots.eval.interval": {"th": "{low} ถึง {high}", "en": "{low} to {high}"},
    "pilots.eval.outcome": {"th": "ผลลัพธ์", "en": "Outcome"},
    "pilots.eval.outcome.reported": {"th": "รายที่ได้รับแจ้ง ต่อประชากร", "en": "Reported cases per resident"},
    "pilots.eval.outcome.referral": {"th": "อัตราการส่งต่อ (ส่งต่อ/รายที่แจ้ง)", "en": "Referral rate (referred/reported)"},
    "pilots.eval.enough_col": {"th": "ข้อมูลเพียงพอ", "en": "Enough data"},
    "pilots.eval.yes": {"th": "ใช่", "en": "yes"},
    "pilots.eval.no": {"th": "ไม่", "en": "no"},
    "pilots.eval.text": {
        "th": "อัตราส่วนอัตรา {ratio} หมายความว่าหลังเริ่มนำร่อง อัตรารายที่ได้รับแจ้งในชุมชนนำร่องเป็น {percent}% "
        "ของระดับที่คาดไว้จากแนวโน้มของชุมชนเปรียบเทียบในไตรมาสเดียวกัน (1 = ไม่ต่างกัน) ผลต่างแบบบวกคือ {difference} "
        "ต่อ 100,000 คนต่อไตรมาส ค่า p จากการสลับป้าย {p} คือสัดส่วนของการสลับว่าชุมชนใดเป็นนำร่อง ({n_permutations} ครั้ง) "
        "ที่ให้ผลห่างจาก 1 อย่างน้อยเท่านี้ การออกแบบนี้ตรวจพบได้ด้วยกำลัง 80% เฉพาะผลที่แรงกว่าอัตราส่วน {mde} "
        "(หรือ {mde_up} ถ้าเพิ่มขึ้น)",
        "en": "A rate ratio of {ratio} means that after the start, the pilots' reported rate was {percent}% of what "
        "the comparison communities' trend over the same quarters predicts (1 = no difference). The additive "
        "difference is {difference} per 100,000 residents per quarter. The randomization p of {p} is the share of "
        "{n_permutations} relabellings of which communities are pilots that give a ratio at least this far from 1. "
        "The design detects, with 80% power, only effects stronger than a ratio of {mde} (or {mde_up} for a rise).",
    },
    "pilots.eval.event": {
        "th": "ก่อนและหลังเริ่ม ทีละไตรมาส (event study)",
        "en": "Quarter by quarter around the start (event study)",
    },
    "pilots.eval.event_caption": {
        "th": "อัตราส่วนอัตราเทียบกับไตรมาสก่อนเริ่ม (−1) พร้อมช่วงความเชื่อมั่น 95% ไตรมาส −4 ถึง −2 คือการตรวจแนวโน้มคู่ขนาน: "
        "ถ้าก่อนเริ่มชุมชนนำร่องและชุมชนเปรียบเทียบเปลี่ยนไปด้วยกัน จุดเหล่านี้จะอยู่ใกล้ 1 และช่วงจะคร่อม 1 "
        "ถ้าไม่เป็นเช่นนั้น ผลหลังเริ่มอาจมาจากความต่างที่มีอยู่ก่อนแล้ว",
        "en": "Rate ratios against the quarter before the start (−1), with 95% intervals. Quarters −4 to −2 are the "
        "parallel-trends check: if pilots and comparisons moved together before the start, these points sit near 1 "
        "with intervals that cross 1. If they do not, the change after the start may be a difference that was "
        "already there.",
    },
    "pilots.eval.axis_rel": {"th": "ไตรมาสนับจากเริ่ม (0 = ไตรมาสที่เริ่ม)", "en": "Quarter from the start (0 = start)"},
    "pilots.eval.axis_ratio": {"th": "อัตราส่วนอัตรา (สเกลลอการิทึม)", "en": "Rate ratio (log scale)"},
    "pilots.eval.compared": {"th": "ใครถูกเปรียบเทียบกับใคร", "en": "Who was compared"},
    "pilots.eval.compared_caption": {
        "th": "ชุมชนที่รายงานข้อมูลรายชุมชน ชุมชนที่อยู่ห่างจากชุมชนนำร่องไม่ถึง {spillover} เมตรไม่ใช้เป็นชุมชนเปรียบเทียบ "
        "เพราะอาจได้รับผลจากพื้นที่ปลอดภัยด้วย",
        "en": "Communities that report their own cases. Those within {spillover} m of a pilot are not comparisons, "
        "since the safe space may reach them too (spillover).",
    },
    "pilots.eval.col.role": {"th": "บทบาท", "en": "Role"},
    "pilots.eval.col.distance": {"th": "ระยะถึงชุมชนนำร่องที่ใกล้ที่สุด (ม.)", "en": "To the nearest pilot (m)"},
    "pilots.eval.role.pilot": {"th": "ชุมชนนำร่อง", "en": "pilot"},
    "pilots.eval.role.comparison": {"th": "ชุมชนเปรียบเทียบ", "en": "comparison"},
    "pilots.eval.role.pilot_short": {
        "th": "นำร่อง ไม่นับ: ข้อมูลไม่ครบสี่ไตรมาสก่อนและหลังเริ่ม",
        "en": "pilot, left out: not four quarters before and from its start",
    },
    "pilots.eval.role.pilot_alone": {
        "th": "นำร่อง ไม่นับ: ไม่มีชุมชนเปรียบเทียบในกลุ่ม",
        "en": "pilot, left out: no comparison community in its group",
    },
    "pilots.eval.role.spillover": {"th": "ไม่นับ: ใกล้ชุมชนนำร่อง", "en": "left out: near a pilot"},
    "pilots.eval.role.not_chosen": {"th": "ไม่นับ: ไม่อยู่ในกลุ่มที่เลือก", "en": "left out: not in the chosen group"},
    # Need as a probability (issue 12): P(rate > Bangkok) and the reporting caveat, where need is shown
    "coverage.tip.need_prob": {
        "th": "โอกาสที่อัตราสูงกว่าทั้งกรุงเทพฯ",
        "en": "Chance the rate exceeds Bangkok's",
    },
    "coverage.need_caveat": {
        "th": "ความต้องการวัดจากรายที่ได้รับแจ้ง อัตราที่ได้รับแจ้งสูงอาจหมายถึงการแจ้งที่ดีกว่า ไม่ใช่ความรุนแรงที่มากกว่าเสมอไป "
        "“โอกาสที่อัตราสูงกว่าทั้งกรุงเทพฯ” คือความน่าจะเป็นภายหลังจากแบบจำลองปัวซอง–แกมมาเบื้องหลังการปรับเรียบ ปัดเป็นทศนิยมหนึ่งตำแหน่ง",
        "en": "Need is measured from reported cases: a high reported rate may also mean better reporting, not "
        'only more violence. "Chance the rate exceeds Bangkok\'s" is the posterior probability under the '
        "Poisson–Gamma model behind the smoothing, in tenths.",
    },
    # Briefing and views shared by link (issue 15: pages/overview.py, ui/links.py)
    "overview.briefing": {"th": "ดาวน์โหลดสรุปสำหรับผู้บริหาร (PDF)", "en": "Download briefing (PDF)"},
    "overview.briefing_help": {
        "th": "สรุปหนึ่งถึงสองหน้า A4 ของช่วงเวลาที่เลือก ในภาษาที่เลือก: ตัวเลขหลัก แผนที่ เขตที่ควรให้ความสำคัญ "
        "ผลของชุมชนนำร่อง แหล่งข้อมูลและวิธีการ ใช้เวลาสร้างไม่กี่วินาที",
        "en": "One or two A4 pages for the chosen period, in the chosen language: headline figures, the map, the "
        "districts that need attention, the pilots, sources and methods. It takes a few seconds to make.",
    },
    "overview.cards_bangkok": {
        "th": "ตัวเลขหลักเป็นของทั้งกรุงเทพฯ (ไม่มีการเผยแพร่ผลรวมของเขตที่เลือก) ตัวกรองเขตใช้กับแผนที่ รายชื่อเขต แนวโน้ม และตาราง",
        "en": "The headline figures are for all of Bangkok (no sum over chosen districts is published); the district "
        "filter applies to the map, the list, the trend and the table.",
    },
    "overview.attention_none_chosen": {
        "th": "เขตที่เลือกไม่อยู่ใน 5 เขตที่ควรให้ความสำคัญในช่วงนี้",
        "en": "None of the chosen districts is among the five that need attention in this period.",
    },
    "overview.trend_districts": {
        "th": "แนวโน้ม {n} ไตรมาส เขตที่เลือก",
        "en": "Chosen districts over the last {n} quarters",
    },
    "overview.trend_districts_note": {
        "th": "จำนวนรายที่ได้รับรายงานของแต่ละเขตต่อไตรมาส ช่วงที่เส้นขาดคือไตรมาสที่มี 1–{top} ราย (แสดงเป็น “<{below}”) หรือไม่มีข้อมูล",
        "en": "Each district's reported cases per quarter. A gap in a line is a quarter with 1–{top} cases (shown as "
        "“<{below}”) or without data.",
    },
    "map.download_png": {"th": "ดาวน์โหลดแผนที่ (PNG)", "en": "Download the map (PNG)"},
    "links.refused": {
        "th": "ลิงก์นี้มีค่าที่ใช้ไม่ได้ ({names}) ส่วนนั้นจึงแสดงตามค่าเริ่มต้น",
        "en": "Part of this link could not be used ({names}), so that part shows the default.",
    },
    # Read at a glance (issue 16): legends, comparisons and words
    "level.short.1": {"th": "ต่ำ", "en": "low"},
    "level.short.2": {"th": "กลาง", "en": "mid"},
    "level.short.3": {"th": "สูง", "en": "high"},
    "kpi.vs_previous_fiscal": {"th": "จากช่วงเดียวกันของปีงบก่อน", "en": "vs same quarters last FY"},
    "kpi.compared_fiscal": {
        "th": "เทียบกับไตรมาสเดียวกันของปีงบประมาณก่อน: {previous}",
        "en": "Compared with the same quarters of the previous fiscal year: {previous}",
    },
    "overview.rounding_note": {
        "th": "แต่ละตัวเลขปัดเศษเป็นทวีคูณของ {base} แยกกัน (และ “<{below}” ไม่ใช่ตัวเลข) "
        "ผลรวมของเขตในตารางจึงอาจไม่เท่ากับยอดรวมกรุงเทพฯ บนการ์ด ({total} ราย)",
        "en": "Each figure is rounded to a multiple of {base} on its own (and “<{below}” is not a number), so the "
        "districts in the table need not add up to Bangkok's total on the card ({total} cases).",
    },
    "methods.plain": {"th": "ตัวเลขบนแดชบอร์ดหมายถึงอะไร", "en": "What the figures mean, in plain words"},
    "methods.plain.cases": {
        "th": "**ผู้ถูกกระทำที่ได้รับรายงาน**: จำนวนรายที่เขตรายงานในช่วงเวลาที่เลือก ปัดเป็นทวีคูณของ {base} "
        "และแสดง 1–{top} รายเป็น “<{below}” เพื่อไม่ให้ระบุตัวผู้ถูกกระทำได้",
        "en": "**Cases reported**: how many victims the districts reported in the chosen period, rounded to a "
        "multiple of {base}; 1–{top} cases show as “<{below}” so that no one can be identified.",
    },
    "methods.plain.rate": {
        "th": "**อัตราต่อประชากร 100,000 คน**: จำนวนรายเทียบกับจำนวนประชากร เพื่อเปรียบเทียบเขตใหญ่กับเขตเล็กได้",
        "en": "**Rate per 100,000**: cases for every 100,000 residents, so large and small districts can be compared.",
    },
    "methods.plain.smoothed": {
        "th": "**อัตราปรับเรียบ**: อัตราที่ดึงเข้าหาค่าเฉลี่ยของกรุงเทพฯ เมื่อเขตมีประชากรน้อย เพื่อไม่ให้ไม่กี่รายทำให้เขตดูสูงหรือต่ำเกินจริง",
        "en": "**Smoothed rate**: the rate pulled towards Bangkok's average where a district has few residents, "
        "so that a handful of cases does not make it look extreme.",
    },
    "methods.plain.hotspot": {
        "th": "**จุดร้อน**: เขตที่อัตราของตนและเขตข้างเคียงสูงร่วมกันมากกว่าที่ความบังเอิญจะอธิบายได้",
        "en": "**Hot spot**: a district whose rate, together with its neighbours', is higher than chance explains.",
    },
    "methods.plain.coverage": {
        "th": "**การเข้าถึง**: จำนวนที่รองรับของพื้นที่ปลอดภัยภายในระยะ {km} กม. เทียบกับจำนวนผู้อยู่อาศัยที่อยู่ใกล้ ยิ่งไกลยิ่งนับน้อยลง",
        "en": "**Coverage**: how many safe-space places lie within {km} km, for the number of residents near them, "
        "the farther the less they count.",
    },
    "methods.plain.gap": {
        "th": "**เขตช่องว่าง**: ความต้องการสูง (อัตราน่าจะสูงกว่าทั้งกรุงเทพฯ) แต่การเข้าถึงต่ำ (อยู่ในกลุ่มต่ำสุดหนึ่งในสาม) "
        "ในมากกว่าครึ่งของสถานการณ์ที่ลองเปลี่ยนรัศมีและสุ่มจำนวนใหม่",
        "en": "**Gap district**: high need (a rate likely above Bangkok's) with low coverage (in the bottom third), "
        "in more than half of the scenarios that vary the catchment and resample the counts.",
    },
    "methods.plain.referral": {
        "th": "**สัดส่วนที่ส่งต่อ**: ส่วนของรายที่ได้รับรายงานซึ่งส่งต่อไปยังหน่วยบริการ",
        "en": "**Share referred**: of the cases reported, the share sent on to a service.",
    },
    "methods.plain.periods": {
        "th": "**ช่วงเวลา**: ปีงบประมาณเริ่ม 1 ตุลาคม “สะสมปีงบ” คือตั้งแต่ไตรมาส 1 (ต.ค.) ถึงไตรมาสที่เลือก "
        "และเทียบกับไตรมาสเดียวกันของปีงบก่อน",
        "en": "**Periods**: the fiscal year starts on 1 October; “FY to date” runs from its first quarter (October) "
        "to the chosen quarter and is compared with the same quarters of the fiscal year before.",
    },
    "download.xlsx": {"th": "ดาวน์โหลดเป็น Excel (XLSX)", "en": "Download as Excel (XLSX)"},
    "download.numbers_note": {
        "th": "ไฟล์ที่ดาวน์โหลดเก็บตัวเลขจริง (ไม่มีจุลภาคหรือเครื่องหมาย %) รวมหรือคำนวณต่อได้ "
        "ช่อง “<5” คือจำนวนที่ปกปิด ช่องว่างคือไม่มีข้อมูลหรือไม่เผยแพร่",
        "en": "Downloads hold numbers (no thousands separators or % signs), ready to add up. “<5” marks a hidden "
        "count; an empty cell, no data or a figure withheld.",
    },
    "hotspots.col.hot_windows_of": {"th": "จำนวนช่วงที่มีข้อมูล", "en": "Windows with data"},
    "hotspots.chosen_note": {
        "th": "เขตที่มีเส้นขอบดำหนาคือเขตที่แสดงรายละเอียดด้านล่าง คลิกเขตอื่นบนแผนที่เพื่อเลือก",
        "en": "The district outlined in black is the one detailed below; click another district to choose it.",
    },
    # Upload page and Methods (issue 16, defects 8 and 9; the data-completeness view)
    "upload.box.button": {"th": "เลือกไฟล์", "en": "Browse"},
    "upload.box.limit": {"th": "ไม่เกิน {mb} MB ต่อไฟล์ • {types}", "en": "Up to {mb} MB per file • {types}"},
    "upload.box.drag": {"th": "วางไฟล์ที่นี่", "en": "Drop the file here"},
    "upload.col.district": {"th": "เขต", "en": "District"},
    "upload.col.old_referred": {"th": "ส่งต่อเดิม", "en": "Referred now"},
    "upload.col.new_referred": {"th": "ส่งต่อใหม่", "en": "Referred after"},
    "upload.diff_note": {
        "th": "จำนวนเดิมและใหม่คือผลรวมจำนวนรายที่แจ้งทุกแถวของไตรมาสและเขตนั้น ส่งต่อคือจำนวนรายที่ส่งต่อไปยังหน่วยบริการ "
        "“–” คือไม่ทราบ เพราะบางแถวที่มีรายไม่ได้ระบุจำนวนส่งต่อ",
        "en": "Totals are the cases reported in every row of the quarter and district; referred, those referred to "
        "a service. “–”: not known, because some rows with cases leave referrals blank.",
    },
    "upload.notices": {
        "th": "ตรวจสอบ {n} รายการด้านล่างก่อนยืนยัน: ไฟล์รับได้ แต่บางค่าถูกอ่านแตกต่างจากที่เขียนไว้",
        "en": "Check the {n} notice(s) below before you confirm: the file is valid, but some values were read "
        "differently from how they are written.",
    },
    "upload.more_notices": {
        "th": "แสดง {shown} รายการแรกจากทั้งหมด {total} รายการ",
        "en": "The first {shown} of {total} notices are shown.",
    },
    "completeness.title": {"th": "ความครบถ้วนของข้อมูล", "en": "Data completeness"},
    "completeness.intro": {
        "th": "เขตใดมีไฟล์จำนวนผู้ถูกกระทำของไตรมาสใดแล้ว (สีฟ้าอ่อน) และเขตใดยังไม่มี (สีส้มแดง) "
        "ไตรมาสที่ขาดไฟล์ทำให้อัตราของเขตนั้นดูต่ำกว่าความจริง ตารางนี้บอกเพียงว่ามีไฟล์หรือไม่ ไม่ได้บอกจำนวน",
        "en": "Which districts have a case file for which quarter (pale blue) and which do not yet (vermillion). A "
        "missing quarter makes a district's rate look lower than it is. This shows only whether there is a file, "
        "no counts.",
    },
    "completeness.none_missing": {
        "th": "ทุกเขตมีข้อมูลครบทุกไตรมาสตั้งแต่ {first} ถึง {last}",
        "en": "Every district has data for every quarter from {first} to {last}.",
    },
    "completeness.missing": {
        "th": "ขาดข้อมูล {n} ไตรมาส-เขต ใน {districts} เขต",
        "en": "{n} quarter-districts without data, in {districts} district(s).",
    },
    "completeness.has_data": {"th": "มีไฟล์", "en": "File loaded"},
    "completeness.no_data": {"th": "ไม่มีไฟล์", "en": "No file"},
    "completeness.district": {"th": "เขต", "en": "District"},
    "completeness.quarter": {"th": "ไตรมาส", "en": "Quarter"},
    "completeness.status": {"th": "สถานะ", "en": "Status"},
    "completeness.no_cases": {"th": "ยังไม่มีข้อมูลจำนวนผู้ถูกกระทำ", "en": "No case data yet."},
    # --- Maps: layers, view, drill-down, districts compared (issue 16) ---
    "layers.title": {"th": "ชั้นข้อมูล", "en": "Map layers"},
    "layers.districts": {"th": "เขต", "en": "Districts"},
    "layers.subdistricts": {"th": "แขวง", "en": "Sub-districts"},
    "layers.services": {"th": "หน่วยบริการ", "en": "Services"},
    "layers.communities": {"th": "ชุมชน", "en": "Communities"},
    "layers.river": {"th": "แม่น้ำเจ้าพระยา", "en": "Chao Phraya river"},
    "layers.roads": {"th": "ถนนสายหลัก", "en": "Main roads"},
    "layers.service_types": {"th": "ประเภทหน่วยบริการ", "en": "Service types"},
    "layers.legend": {"th": "ชั้นข้อมูลอื่น", "en": "Other layers"},
    "map.zoom_in": {"th": "ขยายแผนที่", "en": "Zoom in"},
    "map.zoom_out": {"th": "ย่อแผนที่", "en": "Zoom out"},
    "map.reset": {"th": "มุมมองเริ่มต้น", "en": "Reset view"},
    "drill.bangkok": {"th": "กรุงเทพมหานคร", "en": "Bangkok"},
    "drill.back": {"th": "กลับไปดูทั้งกรุงเทพฯ", "en": "Back to all of Bangkok"},
    "drill.hint": {
        "th": "คลิกเขตบนแผนที่เพื่อดูแขวง ชุมชน และหน่วยบริการในเขตนั้น",
        "en": "Click a district on the map to open its sub-districts, communities and services.",
    },
    "drill.note": {
        "th": "จำนวนรายไม่เผยแพร่รายแขวงหรือรายชุมชน: น้อยเกินกว่าจะแสดงได้โดยไม่เสี่ยงระบุตัวผู้ถูกกระทำ สีของเขตคือตัวเลขของทั้งเขต",
        "en": "Cases are not published by sub-district or community: too few to show without risk of identifying "
        "a victim. The district's fill is the whole district's figure.",
    },
    "drill.subdistricts": {"th": "แขวงในเขต ({n})", "en": "Sub-districts ({n})"},
    "drill.communities": {"th": "ชุมชนในเขต ({n})", "en": "Communities ({n})"},
    "drill.services": {"th": "หน่วยบริการในเขต ({n})", "en": "Services ({n})"},
    "drill.col.name": {"th": "ชื่อ", "en": "Name"},
    "drill.col.cases": {"th": "จำนวนราย", "en": "Cases"},
    "drill.col.population": {"th": "ประชากร (โดยประมาณ)", "en": "Population (estimate)"},
    "drill.col.type": {"th": "ประเภท", "en": "Type"},
    "drill.too_few": {"th": "น้อยเกินกว่าจะแสดง", "en": "Too few to show"},
    "compare.title": {"th": "เปรียบเทียบเขตตามช่วงเวลา", "en": "Districts compared over time"},
    "compare.pick": {"th": "เลือกเขต (สูงสุด 5 เขต)", "en": "Districts (up to five)"},
    "compare.y": {"th": "อัตราปรับเรียบต่อประชากร 100,000 คน", "en": "Smoothed rate per 100,000"},
    "compare.quarter": {"th": "ไตรมาสสุดท้ายของช่วง", "en": "Last quarter of the window"},
    "compare.note": {
        "th": "อัตราปรับเรียบ (Empirical Bayes) ของช่วงเวลาแบบที่เลือกไว้ในแถบด้านข้าง ซึ่งสิ้นสุดในแต่ละไตรมาส "
        "คำนวณจากจำนวนที่ปกปิดแล้ว จึงแสดงได้ทุกเขตที่มีข้อมูล",
        "en": "The smoothed (Empirical Bayes) rate of the window chosen in the sidebar, ending in each quarter; "
        "computed from protected counts, so it is shown for every district with data.",
    },
    "compare.none": {"th": "เลือกอย่างน้อยหนึ่งเขตเพื่อดูกราฟ", "en": "Choose at least one district to see the chart."},
    # Gaps that survive the catchment choice and the counts' noise (issue 12): gap_share on the Coverage page
    "coverage.share_text": {
        "th": "เป็นช่องว่างใน {share} ของ {n} สถานการณ์",
        "en": "a gap in {share} of the {n} scenarios",
    },
    "coverage.tip.gap_share": {"th": "ความแน่นอนของช่องว่าง", "en": "How sure the gap is"},
    "coverage.col.gap_share": {
        "th": "สัดส่วนสถานการณ์ที่เป็นช่องว่าง (จาก {n})",
        "en": "Share of the {n} scenarios with a gap",
    },
    "coverage.scenarios_caption": {
        "th": "เขตที่มีเส้นขอบดำคือเขตที่เป็นช่องว่างในมากกว่าครึ่งหนึ่งของ {n} สถานการณ์: รัศมี 1, 2, 3 และ 5 กม. "
        "แบบนับเท่ากันและแบบลดน้ำหนักตามระยะทาง (8 แบบ) คูณการสุ่มจำนวนผู้ถูกกระทำใหม่แบบปัวซอง 20 ครั้ง "
        "จากจำนวนที่เผยแพร่ สีของเขตคือระดับในสถานการณ์หลัก (รัศมี {km} กม. ลดน้ำหนักตามระยะทาง จำนวนตามที่เผยแพร่) "
        "จึงอาจมีเขตสีช่องว่างที่ไม่มีเส้นขอบ: ผลยังไม่แน่นอน",
        "en": "Districts outlined in black are a gap in more than half of the {n} scenarios: catchments of 1, 2, 3 "
        "and 5 km, each with and without distance decay (8), times 20 Poisson resamplings of the published counts. "
        "The colours are the classes of the main scenario ({km} km with distance decay, the published counts), so a "
        "district may have the gap colour without the outline: its gap is not robust.",
    },
    "coverage.need_caveat_short": {
        "th": "ความต้องการวัดจากรายที่ได้รับแจ้ง อัตราที่ได้รับแจ้งสูงอาจหมายถึงการแจ้งที่ดีกว่า",
        "en": "Need is measured from reported cases: a high reported rate may also mean better reporting.",
    },
    # Pilots page (issue 16 defects 4-5, issue 15: district filter, link, picture; pages/pilots.py)
    "pilots.legend.chosen": {"th": "เขตที่เลือก", "en": "Chosen district"},
    "pilots.none_chosen": {
        "th": "ไม่มีชุมชนนำร่องในเขตที่เลือก แผนที่แสดงชุมชนอื่นในเขตเหล่านั้น",
        "en": "No pilot community lies in the chosen districts; the map shows their other communities.",
    },
    "pilots.png_subtitle": {
        "th": "ชุมชนนำร่อง {pilots} แห่ง ชุมชนเปรียบเทียบ {comparisons} แห่ง",
        "en": "{pilots} pilot communities, {comparisons} comparison communities",
    },
    "pilots.all_districts": {
        "th": "ตัวเลขส่วนนี้เป็นของชุมชนนำร่องและชุมชนเปรียบเทียบทั้งหมด ไม่ได้เผยแพร่แยกตามเขตที่เลือก",
        "en": "These figures are for all pilot and comparison communities; they are not published by district.",
    },
    "pilots.rounding_note": {
        "th": "จำนวนรายเผยแพร่โดยปัดเป็นทวีคูณของ {base} สำหรับประชากรของชุมชนนำร่อง การปัดหนึ่งขั้น ({base} ราย) "
        "เท่ากับประมาณ {step} ต่อ 100,000 คน เส้นจึงขยับเป็นขั้น แถบจางที่แต่ละจุดคือช่วงอัตราที่ปัดแล้วได้จำนวนเดียวกัน",
        "en": "Counts are published rounded to a multiple of {base}. For the pilots' residents one step of {base} "
        "cases is about {step} per 100,000, so the line moves in steps; the light bar at each point spans the rates "
        "that round to the same published count.",
    },
    "pilots.too_few": {"th": "น้อยเกินกว่าจะแสดง (1–4 ราย)", "en": "too few to show (1–4 cases)"},
    "pilots.too_few_note": {
        "th": "สามเหลี่ยมโปร่งบนแกนคือไตรมาสที่กลุ่มนั้นมี 1–{top} ราย (“<{below}”) น้อยเกินกว่าจะแสดงอัตรา "
        "เพราะอัตราจะบอกจำนวนได้ เส้นจึงขาดที่ไตรมาสนั้น",
        "en": "A hollow triangle on the axis marks a quarter in which the group had 1–{top} cases (“<{below}”): too "
        "few to show, as a rate would give the count away, so the line breaks there.",
    },
    "pilots.note_language": {
        "th": "หมายเหตุตำแหน่งในทะเบียนที่เขียนเป็นภาษาอังกฤษแสดงในหน้าภาษาอังกฤษ",
        "en": "Location notes written in Thai in the register are shown in the Thai view.",
    },
    # What-if scenarios on the Planning page (issue 14, ui/whatif.py): every text says scenario, never data
    "whatif.title": {
        "th": "ถ้าเปลี่ยนพื้นที่ปลอดภัย จะเป็นอย่างไร (สถานการณ์สมมติ)",
        "en": "What if? Change the safe spaces (a scenario)",
    },
    "whatif.caption": {
        "th": "เพิ่ม ย้าย หรือปิดพื้นที่ปลอดภัย หรือเปลี่ยนความจุ แล้วดูการเข้าถึง ระดับการเข้าถึง และเขตช่องว่าง ก่อนและหลัง "
        "การเข้าถึง (2SFCA) คำนวณใหม่จากจุดบริการด้วยวิธีเดียวกับตัวเลขที่เผยแพร่ เขตช่องว่างคำนวณใหม่จากความต้องการที่เผยแพร่ "
        "กับการเข้าถึงใหม่ ความต้องการไม่เปลี่ยน ระดับการเข้าถึงแบ่งเขตของกรุงเทพฯ เป็นสามกลุ่ม "
        "เมื่อบางเขตเข้าถึงดีขึ้น เขตอื่นอาจตกไปอยู่กลุ่มต่ำสุดและกลายเป็นเขตช่องว่างได้",
        "en": "Add, move or close a safe space, or change a capacity, and see access, coverage classes and gap "
        "districts before and after. Access (2SFCA) is recomputed from the service points by the same method as the "
        "published figures; gap districts from the published need and the new coverage. Need does not change. "
        "Coverage classes are thirds of Bangkok's districts, so when some districts gain, another may fall into the "
        "lowest third and become a gap.",
    },
    "whatif.scenario": {"th": "สถานการณ์สมมติ", "en": "Scenario"},
    "whatif.name": {"th": "ชื่อสถานการณ์", "en": "Scenario name"},
    "whatif.default_name": {"th": "สถานการณ์ {n}", "en": "Scenario {n}"},
    "whatif.new": {"th": "สถานการณ์ใหม่", "en": "New scenario"},
    "whatif.point": {"th": "จุด (คลิกแผนที่ “หลัง” หรือพิมพ์พิกัด)", "en": "Point (click the after map, or type it)"},
    "whatif.lat": {"th": "ละติจูด", "en": "Latitude"},
    "whatif.lon": {"th": "ลองจิจูด", "en": "Longitude"},
    "whatif.site_name": {"th": "ชื่อพื้นที่ปลอดภัยใหม่", "en": "Name of the new safe space"},
    "whatif.new_name": {"th": "พื้นที่ปลอดภัยใหม่ {n} (สมมติ)", "en": "New safe space {n} (scenario)"},
    "whatif.capacity": {"th": "ความจุ (ที่)", "en": "Capacity (places)"},
    "whatif.add_point": {"th": "เพิ่มพื้นที่ปลอดภัยที่จุดนี้", "en": "Add a safe space at the point"},
    "whatif.community": {"th": "หรือที่ชุมชน", "en": "Or at a community"},
    "whatif.community_placeholder": {"th": "พิมพ์เพื่อค้นหาชุมชน", "en": "Type to search a community"},
    "whatif.add_community": {"th": "เพิ่มพื้นที่ปลอดภัยที่ชุมชนนี้", "en": "Add a safe space at this community"},
    "whatif.at_community": {"th": "พื้นที่ปลอดภัย {name} (สมมติ)", "en": "Safe space, {name} (scenario)"},
    "whatif.target": {
        "th": "พื้นที่ปลอดภัยที่จะเปลี่ยน (คลิกบนแผนที่ “หลัง” หรือเลือก)",
        "en": "Safe space to change (click it on the after map, or choose)",
    },
    "whatif.pick": {"th": "เลือกพื้นที่ปลอดภัย", "en": "Choose a safe space"},
    "whatif.move": {"th": "ย้ายไปที่จุด", "en": "Move to point"},
    "whatif.close": {"th": "ปิด", "en": "Close"},
    "whatif.set_capacity": {"th": "ใช้ความจุนี้", "en": "Set this capacity"},
    "whatif.edits": {"th": "การเปลี่ยนแปลงในสถานการณ์นี้", "en": "Changes in this scenario"},
    "whatif.no_edits": {
        "th": "ยังไม่มีการเปลี่ยนแปลง: เพิ่ม ย้าย หรือปิดพื้นที่ปลอดภัย หรือเปลี่ยนความจุ",
        "en": "No change yet: add, move or close a safe space, or change a capacity.",
    },
    "whatif.edit.add": {
        "th": "เพิ่ม {name} ที่ ({lat}, {lon}) ความจุ {capacity}",
        "en": "Add {name} at ({lat}, {lon}), capacity {capacity}",
    },
    "whatif.edit.move": {"th": "ย้าย {name} ไปที่ ({lat}, {lon})", "en": "Move {name} to ({lat}, {lon})"},
    "whatif.edit.close": {"th": "ปิด {name}", "en": "Close {name}"},
    "whatif.edit.capacity": {"th": "ความจุของ {name}: {capacity}", "en": "Capacity of {name}: {capacity}"},
    "whatif.skipped_one": {"th": "ใช้ไม่ได้ในช่วงเวลานี้", "en": "does not apply in this period"},
    "whatif.skipped": {
        "th": "การเปลี่ยนแปลง {n} รายการใช้ไม่ได้ในช่วงเวลานี้ (พื้นที่ปลอดภัยไม่ได้เปิดหรือถูกปิดไปแล้ว) จึงไม่นับ",
        "en": "{n} change(s) do not apply in this period (the safe space is not open, or closed already) and are "
        "left out.",
    },
    "whatif.undo": {"th": "ย้อนกลับ", "en": "Undo"},
    "whatif.clear": {"th": "ล้าง", "en": "Clear all"},
    "whatif.from_plan": {"th": "เพิ่มจุดที่แนะนำ ({n})", "en": "Add recommended ({n})"},
    "whatif.banner": {
        "th": "สถานการณ์สมมติ “{name}” ไม่ใช่ข้อมูล: ตัวเลขและแผนที่ “หลัง” แสดงสิ่งที่อาจเกิดขึ้นหากเปลี่ยนพื้นที่ปลอดภัยตามนี้",
        "en": "Scenario “{name}”, not data: the after figures and map show what could follow if the safe spaces "
        "changed so.",
    },
    "whatif.residents": {"th": "ผู้อยู่อาศัยในระยะ (สมมติ)", "en": "Residents within reach (scenario)"},
    "whatif.gaps": {"th": "เขตช่องว่าง (สมมติ)", "en": "Gap districts (scenario)"},
    "whatif.spaces": {"th": "พื้นที่ปลอดภัย (สมมติ)", "en": "Safe spaces (scenario)"},
    "whatif.before": {"th": "ก่อน: พื้นที่ปลอดภัยตามที่เผยแพร่", "en": "Before: the safe spaces as published"},
    "whatif.after": {"th": "หลัง: สถานการณ์สมมติ “{name}” (ไม่ใช่ข้อมูล)", "en": "After: scenario “{name}” (not data)"},
    "whatif.click_note": {
        "th": "คลิกแผนที่ “หลัง” เพื่อกำหนดจุด หรือคลิกพื้นที่ปลอดภัยเพื่อเลือก เขตที่มีเส้นขอบดำหนาคือเขตช่องว่าง",
        "en": "Click the after map to set the point, or click a safe space to choose it. Districts outlined in "
        "black are gap districts.",
    },
    "whatif.legend_points": {"th": "พื้นที่ปลอดภัย", "en": "Safe spaces"},
    "whatif.unchanged": {"th": "พื้นที่ปลอดภัยตามที่เผยแพร่", "en": "Safe space as published"},
    "whatif.changed": {"th": "เพิ่มหรือเปลี่ยน (สมมติ)", "en": "Added or changed (scenario)"},
    "whatif.closed": {"th": "ปิด (สมมติ)", "en": "Closed (scenario)"},
    "whatif.point_marker": {"th": "จุดที่เลือก", "en": "The point"},
    "whatif.reach": {"th": "รัศมี {km} กม. ของจุดที่เพิ่มหรือเปลี่ยน", "en": "{km} km reach of those added or changed"},
    "whatif.tip": {
        "th": "การเข้าถึง{coverage} · {access} ที่ต่อ 1,000 คน · ผู้อยู่อาศัยในระยะ {residents}",
        "en": "Coverage {coverage} · {access} places per 1,000 · residents within reach {residents}",
    },
    "whatif.tip_gap": {"th": "เขตช่องว่าง", "en": "gap district"},
    "whatif.changes": {"th": "เขตที่เปลี่ยนไป (สมมติ)", "en": "Districts that change (scenario)"},
    "whatif.no_changes": {
        "th": "ไม่มีเขตใดที่การเข้าถึงเปลี่ยนไปในสถานการณ์นี้",
        "en": "No district's coverage changes under this scenario.",
    },
    "whatif.col.access": {"th": "การเข้าถึงต่อ 1,000 คน ก่อน → หลัง", "en": "Access per 1,000, before → after"},
    "whatif.col.coverage": {"th": "ระดับการเข้าถึง ก่อน → หลัง", "en": "Coverage, before → after"},
    "whatif.col.gap": {"th": "เขตช่องว่าง ก่อน → หลัง", "en": "Gap district, before → after"},
    "whatif.col.residents": {"th": "ผู้อยู่อาศัยในระยะ ก่อน → หลัง", "en": "Residents within reach, before → after"},
    "whatif.yes": {"th": "ใช่", "en": "yes"},
    "whatif.no": {"th": "ไม่", "en": "no"},
    "whatif.download_csv": {
        "th": "ดาวน์โหลดการเปลี่ยนแปลง (รูปแบบนำเข้าหน่วยบริการ)",
        "en": "Download the changes (services upload format)",
    },
    "whatif.download_png": {"th": "ดาวน์โหลดแผนที่ก่อนและหลัง (PNG)", "en": "Download before and after (PNG)"},
    "whatif.png_subtitle": {"th": "{window} · สถานการณ์สมมติ ไม่ใช่ข้อมูล", "en": "{window} · a scenario, not data"},
    "whatif.source": {"th": "สถานการณ์สมมติ “{name}” ไม่ใช่ข้อมูล", "en": "scenario “{name}”, not data"},
    "whatif.csv_note": {
        "th": "ไฟล์มีเฉพาะพื้นที่ปลอดภัยที่สถานการณ์นี้เพิ่ม ย้าย ปิด หรือเปลี่ยนความจุ วันเปิดและวันปิดเป็นค่าชั่วคราว ({date} "
        "วันแรกหลังช่วงเวลา) ตำแหน่งที่เพิ่มหรือย้ายระบุว่าโดยประมาณ ภาพรวมที่เผยแพร่ไม่มีเบอร์โทรและเวลาทำการ "
        "ให้เติมก่อนนำเข้า มิฉะนั้นค่าในทะเบียนของหน่วยที่มีอยู่จะว่าง",
        "en": "The file holds only the safe spaces this scenario adds, moves, closes or resizes. Opening and closing "
        "dates are placeholders ({date}, the first day after the period); added or moved places are marked "
        "approximate. The snapshot does not publish phone numbers and hours: fill them in before loading, or the "
        "register's will be emptied for the existing safe spaces.",
    },
    "whatif.limits": {
        "th": "สิ่งที่คำนวณใหม่: การเข้าถึง (E2SFCA 3 กม. ของผู้อยู่อาศัยทุกคน) ระดับการเข้าถึง (แบ่งสามกลุ่มในกรุงเทพฯ) "
        "เขตช่องว่างของสถานการณ์ (ความต้องการสูงและการเข้าถึงต่ำ) และผู้อยู่อาศัยในระยะ "
        "สิ่งที่ไม่คำนวณใหม่: ความต้องการ (ความน่าจะเป็นที่เผยแพร่) และรัศมีอื่นกับการสุ่มซ้ำจำนวนรายที่อยู่เบื้องหลังเขตช่องว่างที่เผยแพร่ "
        "ซึ่งต้องใช้จำนวนจริง หน้านี้ไม่อ่านจำนวนจริง เขตช่องว่างของสถานการณ์จึงอาจต่างจากที่เผยแพร่ "
        "ระยะทางเป็นเส้นตรง ประชากรชุมชนเป็นค่าประมาณ",
        "en": "Recomputed: access (enhanced 2SFCA at 3 km over every resident), coverage classes (terciles over "
        "Bangkok), the scenario's gap districts (high need, low coverage) and residents within reach. Not recomputed: "
        "need (the published probability), and the other catchments and resamplings of counts behind the published "
        "gaps, which need the true counts this page never reads, so a scenario's gaps may differ from the published "
        "ones. Straight-line distances; estimated community populations.",
    },
    # Maps as pictures on Coverage and Planning (issue 15)
    "planning.map_png_title": {
        "th": "พื้นที่ปลอดภัยที่แนะนำ (สถานการณ์สมมติ ไม่ใช่ข้อมูล)",
        "en": "Recommended safe-space sites (a scenario, not data)",
    },
    "whatif.gap_legend": {
        "th": "ช่องว่างของสถานการณ์: ความต้องการสูง การเข้าถึงต่ำ (ช่องขวาล่าง) มีเส้นขอบดำ",
        "en": "Gap in the scenario: high need, low coverage (bottom-right cell), outlined in black",
    },
    "coverage.picture_legend": {"th": "ความต้องการ / การเข้าถึง", "en": "Need / coverage"},
    "coverage.picture_cell": {"th": "ต้องการ{need} / เข้าถึง{coverage}", "en": "{need} / {coverage}"},
    "coverage.chosen": {"th": "เขตที่เลือก", "en": "Chosen district"},
    # Helper "read" (issue 16, defect 8): Streamlit's own message for a file its box refuses.
    "upload.box.refused": {
        "th": "นำเข้าไฟล์นี้ไม่ได้: รับเฉพาะไฟล์ {types} ขนาดไม่เกิน {mb} MB",
        "en": "This file cannot be taken: only {types} files of up to {mb} MB",
    },
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
