"""Synthetic demo data: upload files generated from a seed and loaded like an analyst's.

``build`` rebuilds a database from scratch: the real boundaries and
population (``etl.reference.init``), then three generated files,
``communities.csv``, ``services.csv`` and ``cases.csv``, loaded through
``etl.load.load_path`` with ``synthetic=True`` so the dashboard shows its
demo banner. The files use the canonical upload headers, so they double as
templates. The same seed gives byte-identical files.

What is real and what is not:

* real: boundaries, district population, the 121 hospital locations, the two
  named pilot communities (their names; Thai Kriang's approximate point);
* synthetic: every other community and service, and every case count. The
  names say so ("ตัวอย่าง", "Demo").

Case counts are Poisson draws around a quarterly rate per 100,000 people,
raised in a few clusters of adjacent districts and rising mildly over time.
Pilot and comparison communities report their own rows; the district-level
rows cover the rest of each district's population, so rows add up without
double counting. Pilot communities' rate drops after their pilot starts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from core import quarters
from core.codes import VICTIM_GROUPS, VIOLENCE_TYPES
from db.connect import connect, db_path
from etl import cases, communities, services
from etl.load import LoadResult, load_path
from etl.problems import EnvironmentNotReady
from etl.reference import init
from geo import boundaries

__all__ = [
    "CLUSTERS",
    "DEFAULT_OUT_DIR",
    "DEFAULT_SEED",
    "LOADED_BY",
    "NAMED_PILOTS",
    "QUARTERS",
    "build",
    "write_files",
]

DEFAULT_SEED = 20250630
DEFAULT_OUT_DIR = Path(__file__).resolve().parent.parent / "data" / "demo"
LOADED_BY = "demo generator"
# Communities first: case rows refer to community ids, which must be registered.
FILE_NAMES = {"communities": "communities.csv", "services": "services.csv", "cases": "cases.csv"}

# Three years of quarters ending with the latest full quarter of the demo.
QUARTERS = quarters.window("2025Q2", 12)

# Coordinates are rounded to 6 decimals (about 0.1 m) *before* the containment
# test, so the point written to the file is the point that was tested.
COORD_DECIMALS = 6
METRES_PER_DEGREE = 111_320.0  # one degree of latitude; of longitude times cos(lat)
SAMPLE_BATCH = 64  # candidate points drawn per rejection-sampling round

# Bangkok registers about 2,000 communities (n_communities in the district facts);
# 298 synthetic + the 2 named pilots keep the map readable and the files small.
SYNTHETIC_COMMUNITIES = 298
# People per community: lognormal (a few large communities, many small ones),
# median 1,500, clipped to a plausible range.
POPULATION_MEDIAN = 1500
POPULATION_SPREAD = 0.6
POPULATION_RANGE = (300, 5000)
PEOPLE_PER_HOUSEHOLD = (2.7, 3.3)  # drawn per community: households are about population / 3


@dataclass(frozen=True)
class NamedPilot:
    """A real pilot community: names and point from ``pilot_locations.csv``."""

    community_id: str
    pilot_id: str  # its row in pilot_locations.csv
    pilot_start: str
    location_note: str


# The two real pilots. A pilot with no public coordinates is placed at its
# district's representative point, which is always inside the district.
NAMED_PILOTS = (
    NamedPilot(
        "PILOT-WAT-SAWAT",
        "wat_sawat",
        "2024Q1",
        "approximate location: no public coordinates; placed inside Dusit district",
    ),
    NamedPilot(
        "PILOT-THAI-KRIANG", "thai_kriang", "2024Q1", "approximate location: 2012 village point matched by name only"
    ),
)
# Four synthetic pilots, in hot-spot districts, starting later: (district, first quarter).
SYNTHETIC_PILOTS = (("1033", "2024Q2"), ("1026", "2024Q2"), ("1011", "2024Q3"), ("1021", "2024Q3"))
# Each pilot gets this many comparison communities of the nearest population.
COMPARISONS_PER_PILOT = 4

# Hot spots: adjacent districts whose rate is multiplied, so the maps and the
# cluster statistics have something to find.
CLUSTERS = (
    (("1033", "1039", "1017", "1026"), 2.6),  # Khlong Toei, Vadhana, Huai Khwang, Din Daeng
    (("1003", "1011", "1010", "1046"), 2.3),  # Nong Chok, Lat Krabang, Min Buri, Khlong Sam Wa
    (("1021", "1050"), 2.0),  # Bang Khun Thian, Bang Bon
)
BASE_RATE = (12.0, 20.0)  # reported cases per 100,000 people per quarter, drawn per district
TREND_PER_QUARTER = 0.02  # growing awareness: about +8 % a year
REFERRAL_SHARE = (0.55, 0.80)  # share of reported cases referred, drawn per district
# Pilot and comparison communities are dense, low-income neighbourhoods chosen
# for their caseload; a higher rate also keeps their small counts mostly non-zero.
COMMUNITY_RISK = 3.0
PILOT_EFFECT = 0.65  # rate multiplier once a pilot has started (a 35 % fall)
TYPE_SHARES = {"physical": 0.40, "psychological": 0.25, "sexual": 0.10, "neglect": 0.15, "other": 0.10}
GROUP_SHARES = {"child": 0.25, "woman": 0.45, "man": 0.12, "elder": 0.12, "unknown": 0.06}
# Community rows are split by violence type only; a further split by victim
# group would make almost every community row zero.
COMMUNITY_GROUP = "unknown"

# Synthetic services per type (hospitals are the real ones, added on top).
SERVICE_COUNTS = {
    "safe_space": 35,
    "shelter": 8,
    "oscc": 15,
    "health_centre": 30,
    "police": 30,
    "social_welfare": 12,
    "ngo": 20,
}
SERVICE_NAMES = {  # Thai and English names, numbered, both marked as demo
    "safe_space": ("พื้นที่ปลอดภัย", "safe space"),
    "shelter": ("บ้านพักฉุกเฉิน", "emergency shelter"),
    "oscc": ("ศูนย์พึ่งได้", "one stop crisis centre"),
    "health_centre": ("ศูนย์บริการสาธารณสุข", "public health centre"),
    "police": ("สถานีตำรวจ", "police station"),
    "social_welfare": ("ศูนย์บริการสังคม", "social welfare centre"),
    "ngo": ("องค์กรเอกชน", "NGO office"),
}
SERVICE_HOURS = {  # office hours, or round the clock for emergency services
    "safe_space": "08:30-16:30",
    "shelter": "00:00-24:00",
    "oscc": "00:00-24:00",
    "health_centre": "08:00-16:00",
    "police": "00:00-24:00",
    "social_welfare": "08:30-16:30",
    "ngo": "09:00-17:00",
}
CAPACITY = {"safe_space": (10, 60), "shelter": (10, 40)}  # places; other types have none
PILOT_SPACE_RADIUS_M = 150.0  # each pilot's safe space is in the community
SAFE_SPACE_RADIUS_M = 500.0  # other safe spaces are near a community
OSCC_RADIUS_M = 80.0  # a one stop crisis centre is inside a hospital
OPENED_RANGE = ("2015-01-01", "2024-12-31")
# A few closed services, so that pages hiding closed services have something to hide;
# each was open at least a year and closed by the end of the last quarter.
CLOSED_SERVICES = 4
CLOSED_BEFORE = "2025-06-30"
SYNTHETIC_SOURCE = "synthetic demo"
HOSPITAL_SOURCE = "real location: BMA Bangkok GIS hospital layer (bkk_hospitals.csv)"
SYNTHETIC_LOCATION = "synthetic demo location"


@dataclass(frozen=True)
class Reference:
    """The real data the generator draws on."""

    facts: pd.DataFrame  # Bangkok districts in code order: dist_code, pop_total
    shapes: dict[str, BaseGeometry]  # district polygons by code, Bangkok and context districts
    names: dict[str, str]  # English district names by code
    bangkok: BaseGeometry  # the union of Bangkok's districts
    hospitals: pd.DataFrame
    pilots: pd.DataFrame  # pilot_locations.csv indexed by pilot_id


def _reference() -> Reference:
    """Read the reference files the generator needs."""
    districts = boundaries.read_districts().sort_values("dist_code")
    layers = pd.concat([districts, boundaries.read_context_districts()], ignore_index=True)
    facts = boundaries.read_district_facts().sort_values("dist_code", ignore_index=True)
    return Reference(
        facts=facts[["dist_code", "pop_total"]],
        shapes=dict(zip(layers["dist_code"], layers.geometry, strict=True)),
        names=dict(zip(layers["dist_code"], layers["name_en"], strict=True)),
        bangkok=shapely.union_all(districts.geometry.values),
        hospitals=boundaries.read_hospitals(),
        pilots=boundaries.read_pilot_locations().set_index("pilot_id"),
    )


# --- geometry ---------------------------------------------------------------


def _allocate(weights: np.ndarray, total: int) -> np.ndarray:
    """Split ``total`` into whole parts: one each, the rest in proportion to ``weights``.

    Rounding goes to the largest remainders, so the parts add up to ``total``.

    >>> _allocate(np.array([1.0, 1.0, 8.0]), 10).tolist()
    [2, 2, 6]
    """
    extra = total - len(weights)
    exact = weights / weights.sum() * extra
    counts = np.floor(exact).astype(int)
    largest_remainders = np.argsort(counts - exact, kind="stable")[: extra - counts.sum()]
    counts[largest_remainders] += 1
    return counts + 1


def _points_in(rng: np.random.Generator, shape: BaseGeometry, n: int) -> tuple[np.ndarray, np.ndarray]:
    """``n`` points uniformly inside ``shape`` (rejection sampling in its bounding box).

    Sampling in degrees is uniform in area to within 0.3 % across Bangkok's
    half degree of latitude.
    """
    minx, miny, maxx, maxy = shape.bounds
    lon, lat = np.empty(0), np.empty(0)
    while len(lon) < n:
        x = rng.uniform(minx, maxx, SAMPLE_BATCH).round(COORD_DECIMALS)
        y = rng.uniform(miny, maxy, SAMPLE_BATCH).round(COORD_DECIMALS)
        inside = shapely.contains_xy(shape, x, y)
        lon, lat = np.concatenate([lon, x[inside]]), np.concatenate([lat, y[inside]])
    return lon[:n], lat[:n]


def _points_in_districts(rng: np.random.Generator, ref: Reference, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One uniform point inside the district of each code."""
    lon, lat = np.empty(len(codes)), np.empty(len(codes))
    for code in np.unique(codes):
        rows = np.flatnonzero(codes == code)
        lon[rows], lat[rows] = _points_in(rng, ref.shapes[code], len(rows))
    return lon, lat


def _points_near(
    rng: np.random.Generator, lon: np.ndarray, lat: np.ndarray, shapes: np.ndarray, radius_m: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """A point within ``radius_m`` of each (lon, lat), redrawn until inside its shape."""
    out_lon, out_lat = np.empty(len(lon)), np.empty(len(lat))
    todo = np.arange(len(lon))
    while len(todo):
        angle = rng.uniform(0, 2 * np.pi, len(todo))
        metres = radius_m[todo] * np.sqrt(rng.uniform(0, 1, len(todo)))  # uniform over the disc
        y = (lat[todo] + metres * np.sin(angle) / METRES_PER_DEGREE).round(COORD_DECIMALS)
        shrink = np.cos(np.radians(lat[todo]))
        x = (lon[todo] + metres * np.cos(angle) / (METRES_PER_DEGREE * shrink)).round(COORD_DECIMALS)
        inside = shapely.contains_xy(shapes[todo], x, y)
        out_lon[todo[inside]], out_lat[todo[inside]] = x[inside], y[inside]
        todo = todo[~inside]
    return out_lon, out_lat


def _coordinates(values) -> list[str]:
    """Coordinates as the shortest text that reads back as the same number."""
    return [str(float(v)) for v in values]


# --- communities ------------------------------------------------------------


def _named_pilots(ref: Reference) -> pd.DataFrame:
    """The real pilot communities, located from ``pilot_locations.csv``."""
    rows = []
    for pilot in NAMED_PILOTS:
        known = ref.pilots.loc[pilot.pilot_id]
        if known["lat"] and known["lon"]:
            lon, lat = float(known["lon"]), float(known["lat"])
        else:
            point = ref.shapes[known["dist_code"]].representative_point()
            lon, lat = round(point.x, COORD_DECIMALS), round(point.y, COORD_DECIMALS)
        rows.append(
            {
                "community_id": pilot.community_id,
                "name_th": known["name_th"],
                "name_en": known["name_en"],
                "lon": lon,
                "lat": lat,
                "dist_code": known["dist_code"],
                "pilot": True,
                "pilot_start": pilot.pilot_start,
                "location_note": pilot.location_note,
            }
        )
    return pd.DataFrame(rows)


def _synthetic_communities(rng: np.random.Generator, ref: Reference) -> pd.DataFrame:
    """Numbered demo communities in every district, more where more people live."""
    counts = _allocate(ref.facts["pop_total"].to_numpy(float), SYNTHETIC_COMMUNITIES)
    codes = np.repeat(ref.facts["dist_code"].to_numpy(), counts)
    lon, lat = _points_in_districts(rng, ref, codes)
    numbers = np.arange(1, len(codes) + 1)
    frame = pd.DataFrame(
        {
            "community_id": [f"C{n:04d}" for n in numbers],
            "name_th": [f"ชุมชนตัวอย่าง {n:03d}" for n in numbers],
            "name_en": [f"Demo community {n:03d}" for n in numbers],
            "lon": lon,
            "lat": lat,
            "dist_code": codes,
            "pilot": False,
            "pilot_start": "",
            "location_note": SYNTHETIC_LOCATION,
        }
    )
    for code, start in SYNTHETIC_PILOTS:
        first = frame.index[frame["dist_code"] == code][0]
        frame.loc[first, ["pilot", "pilot_start"]] = [True, start]
    return frame


def _comparisons(frame: pd.DataFrame) -> np.ndarray:
    """Mark, for each pilot in turn, the unused non-pilots of the nearest population."""
    chosen = np.zeros(len(frame), dtype=bool)
    population = frame["population"].to_numpy()
    for pilot in np.flatnonzero(frame["pilot"].to_numpy()):
        pool = np.flatnonzero(~frame["pilot"].to_numpy() & ~chosen)
        nearest = np.argsort(np.abs(population[pool] - population[pilot]), kind="stable")
        chosen[pool[nearest[:COMPARISONS_PER_PILOT]]] = True
    return chosen


def _communities(rng: np.random.Generator, ref: Reference) -> pd.DataFrame:
    """The community register, with a ``reports`` flag for those given case rows."""
    frame = pd.concat([_named_pilots(ref), _synthetic_communities(rng, ref)], ignore_index=True)
    drawn = rng.lognormal(np.log(POPULATION_MEDIAN), POPULATION_SPREAD, len(frame))
    frame["population"] = np.clip(drawn.round(), *POPULATION_RANGE).astype(int)
    per_household = rng.uniform(*PEOPLE_PER_HOUSEHOLD, len(frame))
    frame["households"] = (frame["population"] / per_household).round().astype(int)
    frame["reports"] = frame["pilot"].to_numpy() | _comparisons(frame)
    return frame


def _communities_file(frame: pd.DataFrame) -> pd.DataFrame:
    """The register in upload format."""
    return pd.DataFrame(
        {
            "community_id": frame["community_id"],
            "name_th": frame["name_th"],
            "name_en": frame["name_en"],
            "lat": _coordinates(frame["lat"]),
            "lon": _coordinates(frame["lon"]),
            "dist_code": frame["dist_code"],
            "population": frame["population"],
            "households": frame["households"],
            "pilot": np.where(frame["pilot"], "true", "false"),
            "pilot_start": frame["pilot_start"],
            "location_note": frame["location_note"],
        }
    )


# --- services ---------------------------------------------------------------


def _dates(rng: np.random.Generator, n: int, first: str, last: str) -> np.ndarray:
    """``n`` uniform dates from ``first`` to ``last`` inclusive."""
    start = np.datetime64(first, "D")
    return start + rng.integers(0, (np.datetime64(last, "D") - start).astype(int) + 1, n)


def _quarter_start(quarter: str) -> np.datetime64:
    """The first day of a calendar quarter."""
    year, _ = quarters.split(quarter)
    return np.datetime64(f"{year:04d}-{quarters.months(quarter)[0]:02d}-01", "D")


def _numbered(service_type: str, n: int) -> dict[str, list[str]]:
    """Numbered Thai and English demo names for ``n`` services of a type."""
    thai, english = SERVICE_NAMES[service_type]
    return {
        "name_th": [f"{thai}ตัวอย่าง {k:03d}" for k in range(1, n + 1)],
        "name_en": [f"Demo {english} {k:03d}" for k in range(1, n + 1)],
    }


def _safe_spaces(rng: np.random.Generator, ref: Reference, community: pd.DataFrame) -> pd.DataFrame:
    """A safe space in each pilot community, opened as its pilot starts; the rest near other communities."""
    pilots = community[community["pilot"]]
    others = np.flatnonzero(~community["pilot"].to_numpy())
    picked = np.sort(rng.choice(others, SERVICE_COUNTS["safe_space"] - len(pilots), replace=False))
    places = pd.concat([pilots, community.iloc[picked]])
    shapes = np.array([ref.shapes[code] for code in places["dist_code"]], dtype=object)
    radius = np.where(places["pilot"], PILOT_SPACE_RADIUS_M, SAFE_SPACE_RADIUS_M)
    lon, lat = _points_near(rng, places["lon"].to_numpy(), places["lat"].to_numpy(), shapes, radius)
    opened = _dates(rng, len(places), *OPENED_RANGE)
    opened[: len(pilots)] = [_quarter_start(q) for q in pilots["pilot_start"]]
    names = _numbered("safe_space", len(places))
    names["name_th"][: len(pilots)] = [f"พื้นที่ปลอดภัย{name} (ตัวอย่าง)" for name in pilots["name_th"]]
    names["name_en"][: len(pilots)] = [f"Demo safe space, {name}" for name in pilots["name_en"]]
    return pd.DataFrame({"service_type": "safe_space", **names, "lon": lon, "lat": lat, "opened": opened})


def _crisis_centres(rng: np.random.Generator, ref: Reference) -> pd.DataFrame:
    """One stop crisis centres, each inside one of the real hospitals."""
    n = SERVICE_COUNTS["oscc"]
    hospitals = ref.hospitals.iloc[np.sort(rng.choice(len(ref.hospitals), n, replace=False))]
    shapes = np.full(n, ref.bangkok, dtype=object)
    radius = np.full(n, OSCC_RADIUS_M)
    lon, lat = _points_near(rng, hospitals["lon"].to_numpy(), hospitals["lat"].to_numpy(), shapes, radius)
    opened = _dates(rng, n, *OPENED_RANGE)
    return pd.DataFrame({"service_type": "oscc", **_numbered("oscc", n), "lon": lon, "lat": lat, "opened": opened})


def _spread(rng: np.random.Generator, ref: Reference, service_type: str) -> pd.DataFrame:
    """Services anywhere in Bangkok, in districts drawn by population."""
    n = SERVICE_COUNTS[service_type]
    share = ref.facts["pop_total"].to_numpy(float) / ref.facts["pop_total"].sum()
    codes = np.sort(rng.choice(ref.facts["dist_code"].to_numpy(), n, p=share))
    lon, lat = _points_in_districts(rng, ref, codes)
    opened = _dates(rng, n, *OPENED_RANGE)
    return pd.DataFrame(
        {"service_type": service_type, **_numbered(service_type, n), "lon": lon, "lat": lat, "opened": opened}
    )


def _closed(rng: np.random.Generator, opened: np.ndarray) -> np.ndarray:
    """Closing dates for a few services open at least a year (NaT for the rest)."""
    closed = np.full(len(opened), np.datetime64("NaT", "D"))
    last = np.datetime64(CLOSED_BEFORE, "D")
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


def _synthetic_services(rng: np.random.Generator, ref: Reference, community: pd.DataFrame) -> pd.DataFrame:
    """The demo services in upload format, ids S0001 onwards."""
    spread = [t for t in SERVICE_COUNTS if t not in ("safe_space", "oscc")]
    frame = pd.concat(
        [_safe_spaces(rng, ref, community), _crisis_centres(rng, ref), *(_spread(rng, ref, t) for t in spread)],
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
            "lat": _coordinates(frame["lat"]),
            "lon": _coordinates(frame["lon"]),
            "capacity": _capacity(rng, frame["service_type"]),
            "opened": _date_text(opened),
            "closed": _date_text(_closed(rng, opened)),
            "phone": [f"02-{a}-{b:04d}" for a, b in zip(exchange, line, strict=True)],
            "hours": frame["service_type"].map(SERVICE_HOURS),
            "source": SYNTHETIC_SOURCE,
        }
    )


def _hospital_services(ref: Reference) -> pd.DataFrame:
    """The real hospitals in upload format, ids H001 onwards in file order.

    A bed count of 0 in the source means "not recorded", so it is left empty.
    """
    hospitals = ref.hospitals
    beds = pd.to_numeric(hospitals["num_bed"], errors="coerce")
    return pd.DataFrame(
        {
            "service_id": [f"H{n:03d}" for n in range(1, len(hospitals) + 1)],
            "name_th": hospitals["name_th"],
            "name_en": "",
            "service_type": "hospital",
            "lat": _coordinates(hospitals["lat"]),
            "lon": _coordinates(hospitals["lon"]),
            "capacity": beds.where(beds > 0).astype("Int64"),
            "phone": hospitals["tel"],
            "source": HOSPITAL_SOURCE,
        }
    )


# --- cases --------------------------------------------------------------------


def _rates(rng: np.random.Generator, ref: Reference, community: pd.DataFrame) -> pd.DataFrame:
    """Per district: reported cases per 100,000 per quarter, and the share referred.

    Bangkok's districts come first, then any district outside Bangkok that is
    home to a reporting community (Phra Pradaeng for Thai Kriang).
    """
    homes = community.loc[community["reports"], "dist_code"]
    outside = sorted(set(homes) - set(ref.facts["dist_code"]))
    codes = [*ref.facts["dist_code"], *outside]
    multiplier = {code: factor for members, factor in CLUSTERS for code in members}
    base = rng.uniform(*BASE_RATE, len(codes))
    return pd.DataFrame(
        {
            "rate": base * np.array([multiplier.get(code, 1.0) for code in codes]),
            "referral": rng.uniform(*REFERRAL_SHARE, len(codes)),
        },
        index=pd.Index(codes, name="dist_code"),
    )


def _shares(shares: dict[str, float], order: tuple[str, ...]) -> np.ndarray:
    """Shares in the vocabulary's order."""
    return np.array([shares[code] for code in order])


def _trend() -> np.ndarray:
    """The rate multiplier of each quarter in :data:`QUARTERS`."""
    return 1.0 + TREND_PER_QUARTER * np.arange(len(QUARTERS))


def _district_rows(
    rng: np.random.Generator, ref: Reference, rates: pd.DataFrame, community: pd.DataFrame
) -> pd.DataFrame:
    """District-level rows (no community) for the people outside reporting communities.

    Every quarter x district x violence type x victim group has a row, zeros included.
    """
    codes = ref.facts["dist_code"].to_numpy()
    covered = community[community["reports"]].groupby("dist_code")["population"].sum()
    people = ref.facts["pop_total"].to_numpy() - covered.reindex(codes, fill_value=0).to_numpy()
    per_quarter = people / 1e5 * rates.loc[codes, "rate"].to_numpy()
    expected = (
        _trend()[:, None, None, None]
        * per_quarter[None, :, None, None]
        * _shares(TYPE_SHARES, VIOLENCE_TYPES)[None, None, :, None]
        * _shares(GROUP_SHARES, VICTIM_GROUPS)[None, None, None, :]
    )
    reported = rng.poisson(expected)
    referred = rng.binomial(reported, rates.loc[codes, "referral"].to_numpy()[None, :, None, None])
    q, d, t, g = (axis.ravel() for axis in np.indices(reported.shape))
    return pd.DataFrame(
        {
            "quarter": np.array(QUARTERS)[q],
            "dist_code": codes[d],
            "community_id": "",
            "violence_type": np.array(VIOLENCE_TYPES)[t],
            "victim_group": np.array(VICTIM_GROUPS)[g],
            "cases_reported": reported.ravel(),
            "cases_referred": referred.ravel(),
        }
    )


def _community_rows(rng: np.random.Generator, rates: pd.DataFrame, community: pd.DataFrame) -> pd.DataFrame:
    """Rows of the pilot and comparison communities, by quarter and violence type.

    A pilot's rate falls by the :data:`PILOT_EFFECT` from its first quarter on.
    """
    reporting = community[community["reports"]]
    codes = reporting["dist_code"].to_numpy()
    per_quarter = reporting["population"].to_numpy() / 1e5 * rates.loc[codes, "rate"].to_numpy() * COMMUNITY_RISK
    start = np.array([QUARTERS.index(s) if s else len(QUARTERS) for s in reporting["pilot_start"]])
    effect = np.where(np.arange(len(QUARTERS))[:, None] >= start[None, :], PILOT_EFFECT, 1.0)
    expected = (_trend()[:, None] * per_quarter[None, :] * effect)[:, :, None] * _shares(TYPE_SHARES, VIOLENCE_TYPES)
    reported = rng.poisson(expected)
    referred = rng.binomial(reported, rates.loc[codes, "referral"].to_numpy()[None, :, None])
    q, c, t = (axis.ravel() for axis in np.indices(reported.shape))
    return pd.DataFrame(
        {
            "quarter": np.array(QUARTERS)[q],
            "dist_code": codes[c],
            "community_id": reporting["community_id"].to_numpy()[c],
            "violence_type": np.array(VIOLENCE_TYPES)[t],
            "victim_group": COMMUNITY_GROUP,
            "cases_reported": reported.ravel(),
            "cases_referred": referred.ravel(),
        }
    )


def _cases(rng: np.random.Generator, ref: Reference, community: pd.DataFrame) -> pd.DataFrame:
    """The cases file: per quarter and district, its district-level rows then its communities' rows."""
    rates = _rates(rng, ref, community)
    rows = pd.concat(
        [_district_rows(rng, ref, rates, community), _community_rows(rng, rates, community)], ignore_index=True
    )
    rows = rows.sort_values(["quarter", "dist_code", "community_id"], kind="stable", ignore_index=True)
    rows.insert(2, "district", rows["dist_code"].map(ref.names))
    return rows


# --- files and database -------------------------------------------------------


def _write_csv(frame: pd.DataFrame, columns: list, path: Path) -> None:
    """Write ``frame`` with exactly the upload's canonical headers, missing ones empty."""
    names = [column.name for column in columns]
    frame.reindex(columns=names, fill_value="").to_csv(path, index=False, encoding="utf-8", lineterminator="\n")


def write_files(out_dir: str | Path, seed: int = DEFAULT_SEED) -> dict[str, Path]:
    """Generate the three demo upload files into ``out_dir``; same seed, same bytes.

    Parameters
    ----------
    out_dir
        Folder for ``communities.csv``, ``services.csv`` and ``cases.csv``;
        created if missing, files overwritten.
    seed
        Seed of the only random generator used.

    Returns
    -------
    dict
        Path of each file by kind, in loading order (communities first).
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    ref = _reference()
    community = _communities(rng, ref)
    frames = {
        "communities": (_communities_file(community), communities.COLUMNS),
        "services": (
            pd.concat([_synthetic_services(rng, ref, community), _hospital_services(ref)], ignore_index=True),
            services.COLUMNS,
        ),
        "cases": (_cases(rng, ref, community), cases.COLUMNS),
    }
    paths = {kind: out_dir / FILE_NAMES[kind] for kind in frames}
    for kind, (frame, columns) in frames.items():
        _write_csv(frame, columns, paths[kind])
    return paths


def _real_uploads(path: Path) -> int:
    """How many loads of analysts' files (not demo, not reference) the database holds."""
    if not path.exists():
        return 0
    with connect(path, read_only=True) as con:
        if "loads" not in {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}:
            return 0
        sql = "SELECT count(*) FROM loads WHERE NOT synthetic AND kind IN ('cases', 'services', 'communities')"
        return con.execute(sql).fetchall()[0][0]


def _remove_database(path: Path) -> None:
    """Delete a database file and its write-ahead log, if present."""
    for stale in (path, path.with_name(path.name + ".wal")):
        stale.unlink(missing_ok=True)


def build(
    db=None, out_dir: str | Path | None = None, seed: int = DEFAULT_SEED, *, force: bool = False
) -> dict[str, LoadResult]:
    """Rebuild the database from scratch with the real reference data and the demo files.

    Parameters
    ----------
    db
        Database file (default: :func:`db.connect.db_path`). An existing demo
        database there is deleted first; one holding analysts' uploads is
        refused unless ``force``.
    out_dir
        Where the demo CSV files are written (default: ``data/demo``).
    seed
        Seed for :func:`write_files`.

    Returns
    -------
    dict
        The :class:`~etl.load.LoadResult` of each demo file by kind, in loading order.
    """
    path = db_path(db)
    if not force and (real := _real_uploads(path)):
        raise EnvironmentNotReady(
            f"{path} holds {real} load(s) of uploaded (non-demo) data; the demo would delete them. "
            "Use another --db for the demo, or pass --force to replace that database."
        )
    _remove_database(path)
    init(db=path, loaded_by=LOADED_BY)
    files = write_files(DEFAULT_OUT_DIR if out_dir is None else out_dir, seed)
    return {kind: load_path(kind, file, db=path, loaded_by=LOADED_BY, synthetic=True) for kind, file in files.items()}
