"""The real reference data: boundaries, population facts, registers of places, context lines.

The files live outside the repository, in ``SAFESPACE_GEO_DIR`` (default
``../shared/geo`` beside the checkout); their origins and licences are in
that folder's ``SOURCES.md`` and the README. Nothing here copies them.
"""

from __future__ import annotations

import os
from pathlib import Path

import geopandas as gpd
import pandas as pd

from core import settings

__all__ = [
    "FILES",
    "GeoDataMissing",
    "geo_dir",
    "read_communities",
    "read_community_population",
    "read_context_districts",
    "read_district_facts",
    "read_district_offices",
    "read_districts",
    "read_health_centre_areas",
    "read_health_centres",
    "read_hospitals",
    "read_magnitudes",
    "read_pilot_locations",
    "read_police_stations",
    "read_river",
    "read_roads",
    "read_subdistricts",
]


FILES = {
    "districts": "bkk_districts.geojson",
    "subdistricts": "bkk_subdistricts.geojson",
    "context_districts": "samut_prakan_districts.geojson",
    "health_centre_areas": "bkk_health_centre_areas.geojson",
    "district_facts": "bkk_district_facts.csv",
    "hospitals": "bkk_hospitals.csv",
    "pilot_locations": "pilot_locations.csv",
    "communities": "bkk_communities.geojson",
    "community_population": "bkk_community_population_2022.csv",
    "police_stations": "bkk_police_stations.geojson",
    "district_offices": "bkk_district_offices.geojson",
    "health_centres": "bma_health_centres.geojson",
    "roads": "bkk_main_roads.geojson",
    "river": "chao_phraya.geojson",
    "magnitudes": "dv_reference_magnitudes.csv",
}


class GeoDataMissing(RuntimeError):
    """A reference file is not where the settings say."""


def geo_dir(override: str | os.PathLike | None = None) -> Path:
    """The folder holding the reference files: ``override``, else ``SAFESPACE_GEO_DIR`` or ``../shared/geo``."""
    return Path(override).expanduser() if override else settings.geo_dir()


def _path(name: str, folder: str | os.PathLike | None) -> Path:
    path = geo_dir(folder) / FILES[name]
    if not path.is_file():
        raise GeoDataMissing(
            f"Reference file {FILES[name]} not found in {path.parent}. Put the shared "
            f"geo folder there (see its SOURCES.md: OCHA HDX COD-AB Thailand and BMA "
            f"Bangkok GIS layers), or point {settings.GEO_DIR.name} at the folder that holds it."
        )
    return path


def _read_layer(name: str, folder, columns: list[str]) -> gpd.GeoDataFrame:
    frame = gpd.read_file(_path(name, folder))
    return frame[[*columns, "geometry"]].to_crs("EPSG:4326")


def _read_points(name: str, folder, columns: list[str]) -> gpd.GeoDataFrame:
    """A point layer in file order with text columns (empty, not None, where the file has null)
    and ``lon``/``lat`` as written in the file."""
    frame = _read_layer(name, folder, columns)
    text = [c for c in columns if frame[c].dtype == object or str(frame[c].dtype).startswith("str")]
    frame[text] = frame[text].fillna("").astype(str)
    frame["lon"], frame["lat"] = frame.geometry.x, frame.geometry.y
    return frame


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


def read_communities(folder=None) -> gpd.GeoDataFrame:
    """The BMA community register (2,016 points, 2022): ids, Thai names, types, coded and located sub-districts."""
    columns = ["community_id", "name_th", "type_th", "type_en", "dist_code", "subdist_code_at_point", "qa_note"]
    return _read_points("communities", folder, columns)


def read_community_population(folder=None) -> pd.DataFrame:
    """Residents and households in each district's registered communities (BMA, 25 April 2022)."""
    table = _read_csv("community_population", folder)
    for column in ("communities", "population_in_communities", "households"):
        table[column] = table[column].astype(int)
    return table


def read_police_stations(folder=None) -> gpd.GeoDataFrame:
    """Bangkok's police stations; ``qa_flags`` names the doubtful points (empty when none)."""
    return _read_points("police_stations", folder, ["station_id", "name_th", "dist_code", "qa_flags"])


def read_district_offices(folder=None) -> gpd.GeoDataFrame:
    """The 50 district offices, with phone numbers; ``qa_flags`` names the doubtful points."""
    columns = ["office_id", "name_th", "dist_code", "dist_name_th", "phone", "qa_flags"]
    return _read_points("district_offices", folder, columns)


def read_health_centres(folder=None) -> gpd.GeoDataFrame:
    """The 69 BMA public health centres at estimated points (see ``location_is_approximate``)."""
    columns = ["centre_id", "hc_no", "name_th", "dist_code", "location_is_approximate"]
    return _read_points("health_centres", folder, columns)


def read_roads(folder=None) -> gpd.GeoDataFrame:
    """Named main roads (BMA land-value layer, about 2009-12): lines for orientation."""
    return _read_layer("roads", folder, ["name_th"])


def read_river(folder=None) -> gpd.GeoDataFrame:
    """The Chao Phraya's centre line (Natural Earth 10 m, coarse): for orientation."""
    return _read_layer("river", folder, ["name_en"])


def read_magnitudes(folder=None) -> pd.DataFrame:
    """Published national and Bangkok counts of domestic violence: orders of magnitude."""
    return _read_csv("magnitudes", folder)
