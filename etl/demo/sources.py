"""The real files the demo is built from, read once (``SAFESPACE_GEO_DIR``; see its SOURCES.md)."""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from geo import boundaries

__all__ = ["Sources", "read_sources"]


@dataclass(frozen=True)
class Sources:
    """The real data the generator draws on."""

    facts: pd.DataFrame  # Bangkok districts in code order: dist_code, pop_total (about 2017)
    districts: gpd.GeoDataFrame  # Bangkok's districts in code order: dist_code, name_th, name_en
    shapes: dict[str, BaseGeometry]  # district polygons by code, Bangkok's and the context districts
    names: dict[str, str]  # English district names by code
    bangkok: BaseGeometry  # the union of Bangkok's districts
    subdistricts: pd.DataFrame  # subdist_code, dist_code in code order
    register: gpd.GeoDataFrame  # the BMA community register (bkk_communities.geojson)
    community_population: pd.DataFrame  # residents and households in each district's communities, 2022
    hospitals: pd.DataFrame
    police: gpd.GeoDataFrame
    offices: gpd.GeoDataFrame
    health_centres: gpd.GeoDataFrame
    pilots: pd.DataFrame  # pilot_locations.csv indexed by pilot_id


def read_sources(folder=None) -> Sources:
    """Read every reference file the demo needs from ``folder`` (default: :func:`geo.boundaries.geo_dir`)."""
    districts = boundaries.read_districts(folder).sort_values("dist_code", ignore_index=True)
    layers = pd.concat([districts, boundaries.read_context_districts(folder)], ignore_index=True)
    facts = boundaries.read_district_facts(folder).sort_values("dist_code", ignore_index=True)
    subdistricts = boundaries.read_subdistricts(folder).sort_values("subdist_code", ignore_index=True)
    return Sources(
        facts=facts[["dist_code", "pop_total"]],
        districts=districts,
        shapes=dict(zip(layers["dist_code"], layers.geometry, strict=True)),
        names=dict(zip(layers["dist_code"], layers["name_en"], strict=True)),
        bangkok=shapely.union_all(districts.geometry.values),
        subdistricts=pd.DataFrame(subdistricts[["subdist_code", "dist_code"]]),
        register=boundaries.read_communities(folder),
        community_population=boundaries.read_community_population(folder),
        hospitals=boundaries.read_hospitals(folder),
        police=boundaries.read_police_stations(folder),
        offices=boundaries.read_district_offices(folder),
        health_centres=boundaries.read_health_centres(folder),
        pilots=boundaries.read_pilot_locations(folder).set_index("pilot_id"),
    )
