"""The real reference data: boundaries, population facts, hospitals, pilots.

The files live outside the repository, in ``SAFESPACE_GEO_DIR`` (default
``../shared/geo`` beside the checkout); their origins and licences are in
that folder's ``SOURCES.md`` and the README. Nothing here copies them.
"""

from __future__ import annotations

import os
from pathlib import Path

import geopandas as gpd
import pandas as pd

__all__ = [
    "FILES",
    "GeoDataMissing",
    "geo_dir",
    "read_context_districts",
    "read_district_facts",
    "read_districts",
    "read_health_centre_areas",
    "read_hospitals",
    "read_pilot_locations",
    "read_subdistricts",
]

ENV_VAR = "SAFESPACE_GEO_DIR"
DEFAULT_GEO_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "geo"

FILES = {
    "districts": "bkk_districts.geojson",
    "subdistricts": "bkk_subdistricts.geojson",
    "context_districts": "samut_prakan_districts.geojson",
    "health_centre_areas": "bkk_health_centre_areas.geojson",
    "district_facts": "bkk_district_facts.csv",
    "hospitals": "bkk_hospitals.csv",
    "pilot_locations": "pilot_locations.csv",
}


class GeoDataMissing(RuntimeError):
    """A reference file is not where the settings say."""


def geo_dir(override: str | os.PathLike | None = None) -> Path:
    """The folder holding the reference files (``SAFESPACE_GEO_DIR`` or ``../shared/geo``)."""
    return Path(override or os.environ.get(ENV_VAR) or DEFAULT_GEO_DIR).expanduser()


def _path(name: str, folder: str | os.PathLike | None) -> Path:
    path = geo_dir(folder) / FILES[name]
    if not path.is_file():
        raise GeoDataMissing(
            f"Reference file {FILES[name]} not found in {path.parent}. Put the shared "
            f"geo folder there (see its SOURCES.md: OCHA HDX COD-AB Thailand and BMA "
            f"Bangkok GIS layers), or point {ENV_VAR} at the folder that holds it."
        )
    return path


def _read_layer(name: str, folder, columns: list[str]) -> gpd.GeoDataFrame:
    frame = gpd.read_file(_path(name, folder))
    return frame[[*columns, "geometry"]].to_crs("EPSG:4326")


def read_districts(folder=None) -> gpd.GeoDataFrame:
    """Bangkok's 50 districts (HDX COD-AB ADM2), codes 1001-1050."""
    return _read_layer("districts", folder, ["dist_code", "name_th", "name_en"])


def read_subdistricts(folder=None) -> gpd.GeoDataFrame:
    """Bangkok's 180 sub-districts (BMA geometry, DOPA names)."""
    return _read_layer("subdistricts", folder, ["subdist_code", "dist_code", "name_th", "name_en"])


def read_context_districts(folder=None) -> gpd.GeoDataFrame:
    """Samut Prakan's districts: context for the Thai Kriang pilot (Phra Pradaeng, 1104)."""
    return _read_layer("context_districts", folder, ["dist_code", "province_en", "name_th", "name_en"])


def read_health_centre_areas(folder=None) -> gpd.GeoDataFrame:
    """BMA public health centres' service areas (about 2014-15)."""
    columns = ["hc_id", "hc_short_name", "area_name_th", "zone_th", "group_th"]
    return _read_layer("health_centre_areas", folder, columns)


def _read_csv(name: str, folder) -> pd.DataFrame:
    return pd.read_csv(_path(name, folder), dtype=str, keep_default_na=False)


def read_district_facts(folder=None) -> pd.DataFrame:
    """District facts, including population of a year the source does not state."""
    facts = _read_csv("district_facts", folder)
    facts["pop_total"] = facts["pop_total"].astype(int)
    return facts


def read_hospitals(folder=None) -> pd.DataFrame:
    """The 121 real hospital locations (no OSCC flag in the source)."""
    hospitals = _read_csv("hospitals", folder)
    hospitals[["lat", "lon"]] = hospitals[["lat", "lon"]].astype(float)
    return hospitals


def read_pilot_locations(folder=None) -> pd.DataFrame:
    """Pilot communities' located points; a pilot not found has empty lat/lon."""
    return _read_csv("pilot_locations", folder)
