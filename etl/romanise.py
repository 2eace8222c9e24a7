"""Thai names in Latin letters, by rule, marked as romanised.

The BMA community register has Thai names only. An English page shows a
romanised name beside the Thai one: words are cut with PyThaiNLP's
dictionary tokenizer (``newmm``) and each is written in the Royal Thai
General System (PyThaiNLP's rule-based ``royin`` engine; no model, nothing
downloaded). That engine misspells some common words (``ชุมชน`` comes out as
"chumtn"), so the words that recur in Bangkok's community names are looked
up in :data:`WORDS` first. The result is a reading aid, not an official
English name, and :func:`romanised_name` says so: ``"Chumchon Wat Sawatdi
Wari Sima Ram (romanised)"``.
"""

from __future__ import annotations

import re
from functools import cache

__all__ = ["MARK", "WORDS", "romanise", "romanised_name"]

MARK = "(romanised)"

# RTGS spellings of words that recur in the register and that royin gets wrong.
WORDS = {
    "ชุมชน": "chumchon",
    "ใหม่": "mai",
    "ใหญ่": "yai",
    "เหนือ": "nuea",
    "ตลาด": "talat",
    "โครงการ": "khrongkan",
    "มิตร": "mit",
    "เพชร": "phet",
    "เปรม": "prem",
    "แฟลต": "flaet",
    "ร่มเกล้า": "romklao",
    "ร่มเย็น": "romyen",
    "ราษฎร์": "rat",
    "สุวรรณ": "suwan",
    "อมร": "amon",
    "สวัสดิ์": "sawat",
    "สวัสดี": "sawatdi",
    "เครื่อง": "khrueang",
    "ศรี": "si",
    "ทรัพย์": "sap",
    "ทรัพย์สิน": "sapsin",
    "มัสยิด": "matsayit",
    "สุเหร่า": "surao",
    "อิสลาม": "itsalam",
    "ธนบุรี": "thonburi",
    "ลาดพร้าว": "lat phrao",
    "เกษม": "kasem",
    "เพชรเกษม": "phetkasem",
    "หรรษา": "hansa",
    "อนันต์": "anan",
    "จรัญสนิทวงศ์": "charansanitwong",
    "รามอินทรา": "ram inthra",
    "อินทรา": "inthra",
    "พหลโยธิน": "phahonyothin",
    "สุนทร": "sunthon",
    "อนุสรณ์": "anuson",
    "กุศล": "kuson",
    "มงคล": "mongkhon",
    "เสริม": "soem",
    "สร้างสรรค์": "sangsan",
    "รถไฟ": "rotfai",
    "ทางรถไฟ": "thang rotfai",
    "อาคารสงเคราะห์": "akhan songkhro",
    "ทหารบก": "thahan bok",
    "สมบูรณ์": "sombun",
    "อรุณ": "arun",
    "ห้อง": "hong",
    "จิตร": "chit",
    "วิจิตร": "wichit",
    "เฉลิม": "chaloem",
    "มนตรี": "montri",
    "บูรพา": "burapha",
    "บูรณะ": "burana",
    "ธรรมา": "thamma",
    "สมเด็จ": "somdet",
    "วัฒนา": "watthana",
    "ฉัตร": "chat",
    "แหลมทอง": "laem thong",
    "อุบล": "ubon",
    "ฤทัย": "ruethai",
    "ดอนเมือง": "don mueang",
    "ทุ่งสองห้อง": "thung song hong",
    "เกษตร": "kaset",
    "ลม": "lom",
    "ช่องลม": "chong lom",
    "บัวหลวง": "bua luang",
    "เชื้อเพลิง": "chuea phloeng",
    "เจริญ": "charoen",
    "ชนะ": "chana",
    "สงคราม": "songkhram",
    "ห้วย": "huai",
    "ห้วยขวาง": "huai khwang",
    "อุดม": "udom",
    "ฉลอง": "chalong",
    "พระโขนง": "phra khanong",
    "บางกอกใหญ่": "bangkok yai",
    "บางขุนนนท์": "bang khun non",
    "เสาธง": "sao thong",
    "ลำหิน": "lam hin",
    "จักรวรรดิ": "chakkrawat",
    "ตลิ่งชัน": "taling chan",
    "ยานนาวา": "yan nawa",
    "สุวินทวงศ์": "suwinthawong",
    "บวร": "bowon",
    "จรเข้": "chorakhe",
    "ราษฏร์": "rat",
    "คันนายาว": "khan na yao",
}

_THAI = re.compile(r"[\u0e00-\u0e7f]")
_SPACE_BEFORE = re.compile(r"\s+([)\],.:;])")
_SPACE_AFTER = re.compile(r"([(\[])\s+")
_AROUND_HYPHEN = re.compile(r"\s*-\s*")


@cache
def _word(word: str) -> str:
    """One word in Latin letters, capitalised; text that is not Thai is kept as it is."""
    if not _THAI.search(word):
        return word
    if word in WORDS:
        latin = WORDS[word]
    else:
        from pythainlp.transliterate import romanize  # imported on first use: about a second

        latin = _THAI.sub("", romanize(word, engine="royin"))  # royin leaves some vowel marks
    return " ".join(part[:1].upper() + part[1:] for part in latin.split())


def romanise(text: str) -> str:
    """Thai text in Latin letters, word by word (RTGS, rule-based).

    >>> romanise("ชุมชนวัดสวัสดีวารีสีมาราม")
    'Chumchon Wat Sawatdi Wari Sima Ram'
    >>> romanise("ชุมชนเย็นอากาศ 2")
    'Chumchon Yen Akat 2'
    """
    from pythainlp.tokenize import word_tokenize

    words = [_word(w) for w in word_tokenize(text, engine="newmm", keep_whitespace=False)]
    joined = " ".join(w for w in words if w)
    joined = _AROUND_HYPHEN.sub("-", _SPACE_AFTER.sub(r"\1", _SPACE_BEFORE.sub(r"\1", joined)))
    return " ".join(joined.split())


def romanised_name(text: str) -> str:
    """:func:`romanise`, marked as romanised.

    >>> romanised_name("ชุมชนร่วมใจพัฒนา")
    'Chumchon Ruamchai Phatna (romanised)'
    """
    return f"{romanise(text)} {MARK}"
