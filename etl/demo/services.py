"""The demo's service points: real where a public list exists, synthetic and labelled where none does.

Real (``source`` names the file; ``approximate`` marks estimated points):

* the 121 hospitals (BMA Bangkok GIS);
* the police stations whose ``qa_flags`` are empty (duplicates, near-copies,
  the railway police and the airport's provincial station are left out);
* the 50 district offices as ``social_welfare`` (each has a community
  development and social welfare section). An office whose point lies
  outside its own district (Suan Luang's repeats Phra Khanong's point and
  address) is placed at its district's representative point instead and
  marked approximate;
* the 69 BMA public health centres, at points estimated from their service
  areas, all marked approximate.

Synthetic (``source`` = ``synthetic demo``, names marked ตัวอย่าง / Demo):
safe spaces (one in each pilot community, opened as its pilot starts; the rest
near other communities), emergency shelters, NGO offices, and one stop crisis
centres inside government hospitals (no public list of OSCCs was found).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from core import quarters as quarter_keys
from etl.demo.sources import Sources
from etl.demo.synthetic import COORD_DECIMALS, coordinates, points_in_districts, points_near
from etl.romanise import MARK, romanise

__all__ = [
    "HEALTH_CENTRE_SOURCE",
    "HOSPITAL_SOURCE",
    "OFFICE_MOVED_SOURCE",
    "OFFICE_SOURCE",
    "POLICE_SOURCE",
    "SERVICE_COUNTS",
    "SYNTHETIC_SOURCE",
    "services_file",
]

HOSPITAL_SOURCE = "real location: BMA Bangkok GIS hospital layer (bkk_hospitals.csv)"
POLICE_SOURCE = "real location: Bangkok police stations table (bkk_police_stations.geojson)"
OFFICE_SOURCE = "real location: district office table (bkk_district_offices.geojson)"
OFFICE_MOVED_SOURCE = (
    "estimated location: the district's representative point; bkk_district_offices.geojson gives "
    "another district's point for this office"
)
HEALTH_CENTRE_SOURCE = (
    "estimated location: BMA health centre placed in its service area and sub-district (bma_health_centres.geojson)"
)
SYNTHETIC_SOURCE = "synthetic demo"

# Synthetic services per type; the other types are real.
SERVICE_COUNTS = {"safe_space": 35, "shelter": 8, "oscc": 15, "ngo": 20}
SERVICE_NAMES = {  # Thai and English names, numbered, both marked as demo
    "safe_space": ("พื้นที่ปลอดภัย", "safe space"),
    "shelter": ("บ้านพักฉุกเฉิน", "emergency shelter"),
    "oscc": ("ศูนย์พึ่งได้", "one stop crisis centre"),
    "ngo": ("องค์กรเอกชน", "NGO office"),
}
SERVICE_HOURS = {  # office hours, or round the clock for emergency services
    "safe_space": "08:30-16:30",
    "shelter": "00:00-24:00",
    "oscc": "00:00-24:00",
    "ngo": "09:00-17:00",
}
CAPACITY = {"safe_space": (10, 60), "shelter": (10, 40)}  # places; other types have none
PILOT_SPACE_RADIUS_M = 150.0  # each pilot's safe space is in the community
SAFE_SPACE_RADIUS_M = 500.0  # other safe spaces are near a community
OSCC_RADIUS_M = 80.0  # a one stop crisis centre is inside a hospital
OPENED_FROM = "2015-01-01"
# A few closed services, so that pages hiding closed services have something to hide;
# each was open at least a year and closed by the end of the demo's last quarter.
CLOSED_SERVICES = 4


# --- real --------------------------------------------------------------------


def _hospitals(src: Sources) -> pd.DataFrame:
    """The real hospitals, ids H001 onwards in file order; a bed count of 0 means "not recorded"."""
    hospitals = src.hospitals
    beds = pd.to_numeric(hospitals["num_bed"], errors="coerce")
    return pd.DataFrame(
        {
            "service_id": [f"H{n:03d}" for n in range(1, len(hospitals) + 1)],
            "name_th": hospitals["name_th"],
            "name_en": "",
            "service_type": "hospital",
            "lat": coordinates(hospitals["lat"]),
            "lon": coordinates(hospitals["lon"]),
            "capacity": beds.where(beds > 0).astype("Int64"),
            "phone": hospitals["tel"],
            "source": HOSPITAL_SOURCE,
        }
    )


def _romanised_after(prefix: str, name: str, english: str) -> str:
    """``"<romanised rest> <english> (romanised)"`` for a name starting with ``prefix``, else all romanised."""
    if name.startswith(prefix) and name[len(prefix) :].strip():
        return f"{romanise(name[len(prefix) :])} {english} {MARK}"
    return f"{romanise(name)} {MARK}"


def _police(src: Sources) -> pd.DataFrame:
    """The police stations without quality flags, under their own ids."""
    stations = src.police[src.police["qa_flags"] == ""]
    return pd.DataFrame(
        {
            "service_id": stations["station_id"],
            "name_th": stations["name_th"],
            "name_en": [_romanised_after("สน.", n, "Metropolitan Police Station") for n in stations["name_th"]],
            "service_type": "police",
            "lat": coordinates(stations["lat"]),
            "lon": coordinates(stations["lon"]),
            "source": POLICE_SOURCE,
        }
    )


def _offices(src: Sources) -> pd.DataFrame:
    """District offices as social-welfare points, ids DO-<office id>; misplaced ones moved (see module)."""
    offices = src.offices
    by_name = dict(zip(src.districts["name_th"], src.districts["dist_code"], strict=True))
    own = offices["dist_code"].where(offices["dist_code"] != "", offices["dist_name_th"].map(by_name))
    at_point = pd.Series(
        [next((c for c, s in src.shapes.items() if s.contains(g)), None) for g in offices.geometry], offices.index
    )
    moved = (at_point != own).to_numpy()
    lon, lat = offices["lon"].to_numpy(copy=True), offices["lat"].to_numpy(copy=True)
    for row in np.flatnonzero(moved):
        point = src.shapes[own.iloc[row]].representative_point()
        lon[row], lat[row] = round(point.x, COORD_DECIMALS), round(point.y, COORD_DECIMALS)
    return pd.DataFrame(
        {
            "service_id": "DO-" + offices["office_id"],
            "name_th": offices["name_th"],
            "name_en": [f"{src.names[code]} District Office" for code in own],
            "service_type": "social_welfare",
            "lat": coordinates(lat),
            "lon": coordinates(lon),
            "phone": offices["phone"],
            "source": np.where(moved, OFFICE_MOVED_SOURCE, OFFICE_SOURCE),
            "approximate": np.where(moved, "true", "false"),
        }
    )


def _health_centres(src: Sources) -> pd.DataFrame:
    """The BMA public health centres at their estimated points."""
    centres = src.health_centres
    names = [re.sub(r"^ศูนย์บริการสาธารณสุข\s*\d+\s*", "", name) for name in centres["name_th"]]
    return pd.DataFrame(
        {
            "service_id": centres["centre_id"],
            "name_th": centres["name_th"],
            "name_en": [
                f"BMA Public Health Centre {n} {romanise(rest)} {MARK}"
                for n, rest in zip(centres["hc_no"], names, strict=True)
            ],
            "service_type": "health_centre",
            "lat": coordinates(centres["lat"]),
            "lon": coordinates(centres["lon"]),
            "source": HEALTH_CENTRE_SOURCE,
            "approximate": np.where(centres["location_is_approximate"], "true", "false"),
        }
    )


# --- synthetic -----------------------------------------------------------------


def _dates(rng: np.random.Generator, n: int, first: str, last: str) -> np.ndarray:
    """``n`` uniform dates from ``first`` to ``last`` inclusive."""
    start = np.datetime64(first, "D")
    return start + rng.integers(0, (np.datetime64(last, "D") - start).astype(int) + 1, n)


def _quarter_start(quarter: str) -> np.datetime64:
    """The first day of a calendar quarter."""
    year, _ = quarter_keys.split(quarter)
    return np.datetime64(f"{year:04d}-{quarter_keys.months(quarter)[0]:02d}-01", "D")


def _numbered(service_type: str, n: int) -> dict[str, list[str]]:
    """Numbered Thai and English demo names for ``n`` services of a type."""
    thai, english = SERVICE_NAMES[service_type]
    return {
        "name_th": [f"{thai}ตัวอย่าง {k:03d}" for k in range(1, n + 1)],
        "name_en": [f"Demo {english} {k:03d}" for k in range(1, n + 1)],
    }


def _safe_spaces(rng: np.random.Generator, src: Sources, community: pd.DataFrame, opened_to: str) -> pd.DataFrame:
    """A safe space in each pilot community, opened as its pilot starts; the rest near other communities."""
    pilots = community[community["pilot"]]
    others = np.flatnonzero(~community["pilot"].to_numpy())
    picked = np.sort(rng.choice(others, SERVICE_COUNTS["safe_space"] - len(pilots), replace=False))
    places = pd.concat([pilots, community.iloc[picked]])
    shapes = np.array([src.shapes[code] for code in places["dist_code"]], dtype=object)
    radius = np.where(places["pilot"], PILOT_SPACE_RADIUS_M, SAFE_SPACE_RADIUS_M)
    lon, lat = points_near(rng, places["lon"].to_numpy(), places["lat"].to_numpy(), shapes, radius)
    opened = _dates(rng, len(places), OPENED_FROM, opened_to)
    opened[: len(pilots)] = [_quarter_start(q) for q in pilots["pilot_start"]]
    names = _numbered("safe_space", len(places))
    names["name_th"][: len(pilots)] = [f"พื้นที่ปลอดภัย{name} (ตัวอย่าง)" for name in pilots["name_th"]]
    names["name_en"][: len(pilots)] = [f"Demo safe space, {name}" for name in pilots["name_en"]]
    return pd.DataFrame({"service_type": "safe_space", **names, "lon": lon, "lat": lat, "opened": opened})


def _crisis_centres(rng: np.random.Generator, src: Sources, opened_to: str) -> pd.DataFrame:
    """One stop crisis centres, each inside one of the real government hospitals."""
    n = SERVICE_COUNTS["oscc"]
    government = src.hospitals[src.hospitals["type"] == "gov"]
    hospitals = government.iloc[np.sort(rng.choice(len(government), n, replace=False))]
    shapes = np.full(n, src.bangkok, dtype=object)
    radius = np.full(n, OSCC_RADIUS_M)
    lon, lat = points_near(rng, hospitals["lon"].to_numpy(), hospitals["lat"].to_numpy(), shapes, radius)
    opened = _dates(rng, n, OPENED_FROM, opened_to)
    return pd.DataFrame({"service_type": "oscc", **_numbered("oscc", n), "lon": lon, "lat": lat, "opened": opened})


def _spread(rng: np.random.Generator, src: Sources, service_type: str, opened_to: str) -> pd.DataFrame:
    """Services anywhere in Bangkok, in districts drawn by population."""
    n = SERVICE_COUNTS[service_type]
    share = src.facts["pop_total"].to_numpy(float) / src.facts["pop_total"].sum()
    codes = np.sort(rng.choice(src.facts["dist_code"].to_numpy(), n, p=share))
    lon, lat = points_in_districts(rng, src.shapes, codes)
    opened = _dates(rng, n, OPENED_FROM, opened_to)
    return pd.DataFrame(
        {"service_type": service_type, **_numbered(service_type, n), "lon": lon, "lat": lat, "opened": opened}
    )


def _closed(rng: np.random.Generator, opened: np.ndarray, last_day: str) -> np.ndarray:
    """Closing dates for a few services open at least a year (NaT for the rest)."""
    closed = np.full(len(opened), np.datetime64("NaT", "D"))
    last = np.datetime64(last_day, "D")
    candidates = np.flatnonzero(opened < last - np.timedelta64(2 * 365, "D"))
    chosen = np.sort(rng.choice(candidates, CLOSED_SERVICES, replace=False))
    days_open = rng.integers(365, (last - opened[chosen]).astype(int) + 1)
    closed[chosen] = opened[chosen] + days_open
    return closed


def _capacity(rng: np.random.Generator, types: pd.Series) -> pd.Series:
    """Places for the types that have them; empty for the rest."""
    capacity = pd.Series(pd.NA, index=types.index, dtype="Int64")
    for service_type, (low, high) in CAPACITY.items():
        rows = types == service_type
        capacity[rows] = rng.integers(low, high + 1, int(rows.sum()))
    return capacity


def _date_text(dates: np.ndarray) -> list[str]:
    """ISO dates, empty for NaT."""
    return ["" if np.isnat(d) else str(d) for d in dates]


def _synthetic(rng: np.random.Generator, src: Sources, community: pd.DataFrame, quarters: list[str]) -> pd.DataFrame:
    """The synthetic services in upload format, ids S0001 onwards.

    Services open from 2015 to a year before the demo's last quarter; a few
    closed by its last day.
    """
    last_day = str(_quarter_start(quarter_keys.shift(quarters[-1], 1)) - np.timedelta64(1, "D"))
    opened_to = str(_quarter_start(quarter_keys.shift(quarters[-1], -3)) - np.timedelta64(1, "D"))
    frame = pd.concat(
        [
            _safe_spaces(rng, src, community, opened_to),
            _crisis_centres(rng, src, opened_to),
            *(_spread(rng, src, t, opened_to) for t in ("shelter", "ngo")),
        ],
        ignore_index=True,
    )
    opened = frame["opened"].to_numpy().astype("datetime64[D]")
    exchange = rng.integers(100, 1000, len(frame))
    line = rng.integers(0, 10_000, len(frame))
    return pd.DataFrame(
        {
            "service_id": [f"S{n:04d}" for n in range(1, len(frame) + 1)],
            "name_th": frame["name_th"],
            "name_en": frame["name_en"],
            "service_type": frame["service_type"],
            "lat": coordinates(frame["lat"]),
            "lon": coordinates(frame["lon"]),
            "capacity": _capacity(rng, frame["service_type"]),
            "opened": _date_text(opened),
            "closed": _date_text(_closed(rng, opened, last_day)),
            "phone": [f"02-{a}-{b:04d}" for a, b in zip(exchange, line, strict=True)],
            "hours": frame["service_type"].map(SERVICE_HOURS),
            "source": SYNTHETIC_SOURCE,
        }
    )


def services_file(rng: np.random.Generator, src: Sources, community: pd.DataFrame, quarters: list[str]) -> pd.DataFrame:
    """Every demo service in upload format: the synthetic ones, then the real ones by type."""
    frames = [_synthetic(rng, src, community, quarters), _hospitals(src), _police(src), _offices(src)]
    frame = pd.concat([*frames, _health_centres(src)], ignore_index=True)
    frame["approximate"] = frame["approximate"].fillna("false")
    return frame
