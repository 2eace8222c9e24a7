"""Service-point register files: one row per service, updated by id."""

from __future__ import annotations

import pandas as pd

from core.codes import SERVICE_TYPES
from etl.columns import Column
from etl.lookups import Lookups
from etl.points import locate
from etl.problems import Problems
from etl.values import parse_bool, parse_choice, parse_date, parse_int, register_rows

__all__ = ["COLUMNS", "check", "validate"]

COLUMNS = [
    Column("service_id", True, ("รหัสหน่วยบริการ", "id")),
    Column("name_th", aliases=("ชื่อ", "ชื่อหน่วยบริการ")),
    Column("name_en", aliases=("name",)),
    Column("service_type", True, ("ประเภทบริการ", "ประเภท", "type")),
    Column("lat", True, ("latitude", "ละติจูด")),
    Column("lon", True, ("lng", "longitude", "ลองจิจูด")),
    Column("capacity", aliases=("ความจุ",)),
    Column("opened", aliases=("วันเปิด",)),
    Column("closed", aliases=("วันปิด",)),
    Column("phone", aliases=("โทรศัพท์", "tel")),
    Column("hours", aliases=("เวลาทำการ",)),
    Column("source", aliases=("แหล่งข้อมูล",)),
    Column("approximate", aliases=("ตำแหน่งโดยประมาณ", "approximate_location")),
]

SERVICE_WORDS = {code: code for code in SERVICE_TYPES} | {
    "safe space": "safe_space",
    "พื้นที่ปลอดภัย": "safe_space",
    "บ้านพักฉุกเฉิน": "shelter",
    "ศูนย์พึ่งได้": "oscc",
    "health centre": "health_centre",
    "health center": "health_centre",
    "ศูนย์บริการสาธารณสุข": "health_centre",
    "โรงพยาบาล": "hospital",
    "สถานีตำรวจ": "police",
    "social welfare": "social_welfare",
    "ศูนย์บริการสังคม": "social_welfare",
    "องค์กรเอกชน": "ngo",
    "อื่นๆ": "other",
}


def validate(frame: pd.DataFrame, lookups: Lookups) -> tuple[pd.DataFrame, Problems, Problems]:
    problems, warnings = Problems(), Problems()
    out = register_rows(frame, "service_id", ("phone", "hours", "source"), problems)
    out["service_type"] = parse_choice(frame, "service_type", SERVICE_WORDS, problems)
    out["lat"], out["lon"], out["dist_code"] = locate(frame, lookups, problems, warnings, outside_ok=False)
    out["capacity"] = parse_int(frame, "capacity", problems, required=False)
    out["opened"] = parse_date(frame, "opened", problems)
    out["closed"] = parse_date(frame, "closed", problems)
    out["approximate"] = parse_bool(frame, "approximate", problems)  # empty: an exact location
    return out, problems, warnings


def check(table, con):
    """:func:`validate` on an Arrow table of text cells, giving rows typed as the ``service_points`` table."""
    from etl.typed import check_frame

    return check_frame(validate, table, con, "service_points")
