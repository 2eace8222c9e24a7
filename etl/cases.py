"""Cases files: anonymised counts per quarter x area x violence type x victim group."""

from __future__ import annotations

import pandas as pd

from db.vocab import VICTIM_GROUPS, VIOLENCE_TYPES
from etl.columns import Column
from etl.districts import DistrictNames
from etl.lookups import Lookups
from etl.problems import Problems
from etl.values import map_unique, parse_choice, parse_int, parse_quarter

__all__ = ["COLUMNS", "KEY", "check", "validate"]

COLUMNS = [
    Column("quarter", True, ("ไตรมาส",)),
    Column("dist_code", aliases=("รหัสเขต", "district_code")),
    Column("district", aliases=("เขต", "district_name", "ชื่อเขต")),
    Column("subdist_code", aliases=("รหัสแขวง", "subdistrict_code")),
    Column("community_id", aliases=("รหัสชุมชน",)),
    Column("violence_type", True, ("ประเภทความรุนแรง", "type")),
    Column("victim_group", aliases=("กลุ่มผู้ถูกกระทำ", "กลุ่มผู้เสียหาย", "group")),
    Column("cases_reported", True, ("จำนวนราย", "cases", "reported", "จำนวน")),
    Column("cases_referred", aliases=("ส่งต่อ", "referred", "จำนวนส่งต่อ")),
]
KEY = ["quarter", "dist_code", "subdist_code", "community_id", "violence_type", "victim_group"]

VIOLENCE_WORDS = {code: code for code in VIOLENCE_TYPES} | {
    "ร่างกาย": "physical",
    "ทางร่างกาย": "physical",
    "จิตใจ": "psychological",
    "ทางจิตใจ": "psychological",
    "ทางเพศ": "sexual",
    "ละเลยทอดทิ้ง": "neglect",
    "ทอดทิ้ง": "neglect",
    "อื่นๆ": "other",
    "อื่น ๆ": "other",
}
VICTIM_WORDS = {code: code for code in VICTIM_GROUPS} | {
    "เด็ก": "child",
    "ผู้หญิง": "woman",
    "สตรี": "woman",
    "ผู้ชาย": "man",
    "ผู้สูงอายุ": "elder",
    "ไม่ระบุ": "unknown",
}


def _district_codes(frame: pd.DataFrame, lookups: Lookups, problems: Problems) -> pd.Series:
    """``dist_code`` as given, else looked up from the ``district`` name; the two must agree."""
    given = frame["dist_code"]
    named = frame["district"] != ""
    # Names outside Bangkok resolve too: a community there carries its own district.
    names = DistrictNames(pd.concat([lookups.districts, lookups.context_districts]))
    from_name = map_unique(frame["district"].where(named, ""), lambda n: names.code(n) if n else None)
    unknown = named & from_name.isna() & (given == "")  # with a code given, the name is only a label
    for row in frame.index[unknown]:
        name = frame.at[row, "district"]
        hint = "; ".join(names.suggest(name)) or "see the district list in the README"
        problems.add("district.unknown_name", int(row) + 2, "district", name, hint=hint)
    clash = (given != "") & from_name.notna() & (given != from_name)
    problems.where(frame, clash.to_numpy(), "district", "district.name_code_clash")
    missing = (given == "") & ~named
    problems.where(frame, missing, "dist_code", "district.missing")
    return given.where(given != "", from_name.fillna(""))


def validate(frame: pd.DataFrame, lookups: Lookups) -> tuple[pd.DataFrame, Problems, Problems]:
    """Check a cases table (canonical headers) and return the rows to store."""
    problems, warnings = Problems(), Problems()
    out = pd.DataFrame(index=frame.index)
    out["quarter"] = parse_quarter(frame, "quarter", problems, required=True)
    out["dist_code"] = _district_codes(frame, lookups, problems)
    out["subdist_code"] = frame["subdist_code"].where(frame["subdist_code"] != "")
    out["community_id"] = frame["community_id"].where(frame["community_id"] != "")
    out["violence_type"] = parse_choice(frame, "violence_type", VIOLENCE_WORDS, problems)
    out["victim_group"] = parse_choice(frame, "victim_group", VICTIM_WORDS, problems, default="unknown")
    out["cases_reported"] = parse_int(frame, "cases_reported", problems, required=True)
    out["cases_referred"] = parse_int(frame, "cases_referred", problems, required=False)

    _check_areas(frame, out, lookups, problems)
    over = (out["cases_referred"] > out["cases_reported"]).fillna(False).to_numpy(dtype=bool)
    problems.where(frame, over, "cases_referred", "cases.referred_over")
    _check_duplicates(frame, out, problems)
    return out, problems, warnings


def _check_areas(frame: pd.DataFrame, out: pd.DataFrame, lookups: Lookups, problems: Problems) -> None:
    code = out["dist_code"]
    community = out["community_id"]
    known_community = community.isin(list(lookups.community_district))
    problems.where(
        frame,
        (community.notna() & ~known_community).to_numpy(),
        "community_id",
        "community.unknown",
    )
    home = community.map(lookups.community_district)
    elsewhere = (community.notna() & home.notna() & (code != "") & (code != home)).to_numpy(dtype=bool)
    problems.where(
        frame,
        elsewhere,
        "dist_code",
        "community.other_district",
        values=code,
    )
    in_bangkok = code.isin(list(lookups.bangkok_codes))
    # A community outside Bangkok (the Thai Kriang pilot) carries its own district code.
    community_home = community.notna() & (code == home)
    bad_code = (code != "") & ~in_bangkok & ~community_home & ~elsewhere
    problems.where(
        frame,
        bad_code.to_numpy(),
        "dist_code",
        "district.unknown_code",
        values=code,
    )
    sub = out["subdist_code"]
    owner = sub.map(lookups.subdistrict_district)
    problems.where(
        frame,
        (sub.notna() & owner.isna()).to_numpy(),
        "subdist_code",
        "subdistrict.unknown",
    )
    problems.where(
        frame,
        (sub.notna() & owner.notna() & (owner != code)).to_numpy(),
        "subdist_code",
        "subdistrict.other_district",
    )


def _check_duplicates(frame: pd.DataFrame, out: pd.DataFrame, problems: Problems) -> None:
    keyed = out[KEY].fillna("")
    dupes = keyed.duplicated(keep=False).to_numpy()
    if not dupes.any():
        return
    rows = pd.Series(out.index[dupes] + 2, index=out.index[dupes])
    groups = keyed[dupes].groupby(KEY, sort=False)
    for _, group in groups:
        numbers = rows.loc[group.index].tolist()
        for row in numbers[1:]:
            problems.add("cases.duplicate", row, "quarter", first=numbers[0])


def check(table, con):
    """:func:`validate` on an Arrow table of text cells, giving rows typed as the ``case_counts`` table."""
    from etl.typed import check_frame

    return check_frame(validate, table, con, "case_counts")
