"""Synthetic files for the benchmark, in the upload formats, and a national-size grid of districts.

Everything here is generated from a seed: a million-row cases file keyed
by quarter x sub-district x violence type x victim group; a "ten years"
set of 2,000 communities, 500 services and their cases inside Bangkok's
real districts; and 928 square "districts" (Thailand's count) for the
spatial statistics, since no real national polygons are at hand.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import shapely
from shapely.geometry import box

from core import quarters
from core.codes import SERVICE_TYPES, VICTIM_GROUPS, VIOLENCE_TYPES
from db.connect import connect
from etl.demo.synthetic import SEED, points_in_districts

__all__ = [
    "NATIONAL_DISTRICTS",
    "Reference",
    "cases_file",
    "national_grid",
    "next_quarter_file",
    "read_reference",
    "scale_files",
]

NATIONAL_DISTRICTS = 928  # Thailand's districts (amphoe and khet)
COMBINATIONS = len(VIOLENCE_TYPES) * len(VICTIM_GROUPS)
FIRST_QUARTER = "1960Q1"  # the million-row file needs 223 quarters of 180 sub-districts
SCALE_END = "2025Q2"
SCALE_QUARTERS = 40  # ten years
SCALE_COMMUNITIES = 2_000
SCALE_SERVICES = 500
SCALE_PILOTS = 20


@dataclass(frozen=True)
class Reference:
    """The real geography the generated rows must agree with."""

    subdistricts: pd.DataFrame  # subdist_code, dist_code
    districts: gpd.GeoDataFrame  # dist_code, population, geometry (EPSG:4326)


def read_reference(db: Path) -> Reference:
    """Sub-district codes and district polygons and population from a warehouse built by ``etl init``."""
    with connect(db, read_only=True) as con:
        subdistricts = con.execute("SELECT subdist_code, dist_code FROM subdistricts ORDER BY subdist_code").df()
        districts = con.execute(
            "SELECT d.dist_code, p.population, ST_AsWKB(d.geom) AS wkb FROM districts d "
            "JOIN current_population p USING (dist_code) ORDER BY d.dist_code"
        ).df()
    geometry = shapely.from_wkb(districts.pop("wkb").map(bytes).to_numpy())
    return Reference(subdistricts, gpd.GeoDataFrame(districts, geometry=geometry, crs="EPSG:4326"))


def next_quarter_file(db: Path, path: Path) -> Path:
    """A cases file for the quarter after the latest in ``db``, with that quarter's rows: what an analyst
    uploads each quarter."""
    with connect(db, read_only=True) as con:
        latest = con.execute("SELECT max(quarter) FROM current_case_counts").fetchone()[0]
        rows = con.execute(
            "SELECT ? AS quarter, dist_code, subdist_code, community_id, violence_type, victim_group, "
            "cases_reported, cases_referred FROM current_case_counts WHERE quarter = ?",
            [quarters.shift(latest, 1), latest],
        ).df()
    path.parent.mkdir(parents=True, exist_ok=True)
    rows.to_csv(path, index=False)
    return path


def _write(table: dict[str, np.ndarray | list], path: Path) -> Path:
    """Write columns as a CSV file with a header; no generated value holds a comma or a quote."""
    path.parent.mkdir(parents=True, exist_ok=True)
    pacsv.write_csv(pa.table(table), path, pacsv.WriteOptions(quoting_style="none"))
    return path


def _counts(rng: np.random.Generator, expected: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Reported cases around ``expected`` and the referred share of them."""
    reported = rng.poisson(expected)
    return reported, rng.binomial(reported, 0.7)


def cases_file(path: Path, rows: int, ref: Reference, seed: int = SEED) -> Path:
    """A cases file of exactly ``rows`` rows, one per quarter x sub-district x type x group.

    Quarters run from :data:`FIRST_QUARTER` onwards, as many as needed.
    """
    per_quarter = len(ref.subdistricts) * COMBINATIONS
    n_quarters = math.ceil(rows / per_quarter)
    keys = np.indices((n_quarters, len(ref.subdistricts), len(VIOLENCE_TYPES), len(VICTIM_GROUPS)))
    q, s, v, g = (axis.ravel()[:rows] for axis in keys)
    reported, referred = _counts(np.random.default_rng(seed), np.full(rows, 2.5))
    return _write(
        {
            "quarter": np.array([quarters.shift(FIRST_QUARTER, i) for i in range(n_quarters)])[q],
            "dist_code": ref.subdistricts["dist_code"].to_numpy()[s],
            "subdist_code": ref.subdistricts["subdist_code"].to_numpy()[s],
            "violence_type": np.array(VIOLENCE_TYPES)[v],
            "victim_group": np.array(VICTIM_GROUPS)[g],
            "cases_reported": reported,
            "cases_referred": referred,
        },
        path,
    )


def _points(rng: np.random.Generator, ref: Reference, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``n`` points inside Bangkok's districts, more where more people live: lon, lat, district code."""
    share = ref.districts["population"].to_numpy(float)
    codes = rng.choice(ref.districts["dist_code"].to_numpy(), n, p=share / share.sum())
    shapes = dict(zip(ref.districts["dist_code"], ref.districts.geometry, strict=True))
    lon, lat = points_in_districts(rng, shapes, codes)
    return lon, lat, codes


def _communities(rng: np.random.Generator, ref: Reference) -> dict[str, np.ndarray | list]:
    lon, lat, codes = _points(rng, ref, SCALE_COMMUNITIES)
    population = np.clip(rng.lognormal(np.log(1500), 0.6, SCALE_COMMUNITIES).round(), 300, 5000).astype(int)
    pilot = np.arange(SCALE_COMMUNITIES) < SCALE_PILOTS
    numbers = range(1, SCALE_COMMUNITIES + 1)
    return {
        "community_id": [f"B{n:05d}" for n in numbers],
        "name_th": [f"ชุมชนทดสอบ {n:05d}" for n in numbers],
        "name_en": [f"Bench community {n:05d}" for n in numbers],
        "lat": lat,
        "lon": lon,
        "dist_code": codes,
        "population": population,
        "households": population // 3,
        "pilot": np.where(pilot, "true", "false"),
        "pilot_start": np.where(pilot, quarters.shift(SCALE_END, -8), ""),
        "location_note": ["synthetic benchmark location"] * SCALE_COMMUNITIES,
    }


def _services(rng: np.random.Generator, ref: Reference) -> dict[str, np.ndarray | list]:
    lon, lat, _ = _points(rng, ref, SCALE_SERVICES)
    types = np.array(SERVICE_TYPES)[np.arange(SCALE_SERVICES) % len(SERVICE_TYPES)]
    opened = np.datetime64("2010-01-01") + rng.integers(0, 5000, SCALE_SERVICES)
    numbers = range(1, SCALE_SERVICES + 1)
    return {
        "service_id": [f"BS{n:04d}" for n in numbers],
        "name_th": [f"หน่วยบริการทดสอบ {n:04d}" for n in numbers],
        "name_en": [f"Bench service {n:04d}" for n in numbers],
        "service_type": types,
        "lat": lat,
        "lon": lon,
        "capacity": pa.array(rng.integers(10, 60, SCALE_SERVICES), mask=~np.isin(types, ["safe_space", "shelter"])),
        "opened": opened.astype(str),
        "source": ["synthetic benchmark"] * SCALE_SERVICES,
    }


def _scale_cases(rng: np.random.Generator, ref: Reference, community: dict) -> dict[str, np.ndarray]:
    """Sub-district rows (every type x group) and community rows (every type), ten years of quarters."""
    window = np.array(quarters.window(SCALE_END, SCALE_QUARTERS))
    subs = ref.subdistricts
    q, s, v, g = (a.ravel() for a in np.indices((len(window), len(subs), len(VIOLENCE_TYPES), len(VICTIM_GROUPS))))
    q2, c, v2 = (a.ravel() for a in np.indices((len(window), SCALE_COMMUNITIES, len(VIOLENCE_TYPES))))
    reported, referred = _counts(rng, np.concatenate([np.full(len(q), 2.5), np.full(len(q2), 0.6)]))
    return {
        "quarter": np.concatenate([window[q], window[q2]]),
        "dist_code": np.concatenate([subs["dist_code"].to_numpy()[s], np.asarray(community["dist_code"])[c]]),
        "subdist_code": np.concatenate([subs["subdist_code"].to_numpy()[s], np.full(len(q2), "")]),
        "community_id": np.concatenate([np.full(len(q), ""), np.asarray(community["community_id"])[c]]),
        "violence_type": np.array(VIOLENCE_TYPES)[np.concatenate([v, v2])],
        "victim_group": np.concatenate([np.array(VICTIM_GROUPS)[g], np.full(len(q2), "unknown")]),
        "cases_reported": reported,
        "cases_referred": referred,
    }


def scale_files(out_dir: Path, ref: Reference, seed: int = SEED) -> dict[str, Path]:
    """Ten years of quarters with 2,000 communities and 500 services: the files in loading order."""
    rng = np.random.default_rng(seed)
    community = _communities(rng, ref)
    return {
        "communities": _write(community, out_dir / "communities.csv"),
        "services": _write(_services(rng, ref), out_dir / "services.csv"),
        "cases": _write(_scale_cases(rng, ref, community), out_dir / "cases.csv"),
    }


def national_grid(n: int = NATIONAL_DISTRICTS, seed: int = SEED) -> gpd.GeoDataFrame:
    """``n`` square districts of 0.25 degrees over Thailand's extent, with cases and population.

    >>> grid = national_grid(12)
    >>> len(grid), grid.crs.to_epsg(), bool(grid.is_valid.all())
    (12, 4326, True)
    """
    rng = np.random.default_rng(seed)
    columns = math.ceil(math.sqrt(n))
    cells = [box(97.5 + 0.25 * (i % columns), 5.6 + 0.25 * (i // columns), 97.75 + 0.25 * (i % columns),
                 5.85 + 0.25 * (i // columns)) for i in range(n)]  # fmt: skip
    population = np.clip(rng.lognormal(np.log(70_000), 0.7, n).round(), 5_000, 900_000)
    smooth = np.sin(np.arange(n) / columns) + np.cos(np.arange(n) % columns / 4)  # a broad pattern to find
    cases = rng.poisson(population / 1e5 * 60 * (1.3 + 0.5 * smooth))
    return gpd.GeoDataFrame(
        {"dist_code": [f"N{i:04d}" for i in range(n)], "population": population, "cases": cases},
        geometry=cells,
        crs="EPSG:4326",
    )
