"""What validation checks a file against: the warehouse's districts,
sub-districts and communities, read once per load."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import geopandas as gpd

from db.geometry import geometry_frame

__all__ = ["Lookups"]


@dataclass
class Lookups:
    districts: gpd.GeoDataFrame  # Bangkok: dist_code, name_th, name_en, geometry
    context_districts: gpd.GeoDataFrame  # outside Bangkok, where a community may lie
    subdistrict_district: dict[str, str]
    community_district: dict[str, str | None]

    @classmethod
    def from_db(cls, con: duckdb.DuckDBPyConnection) -> Lookups:
        districts = geometry_frame(con, "SELECT dist_code, name_th, name_en, ST_AsWKB(geom) AS wkb FROM districts")
        context = geometry_frame(
            con, "SELECT dist_code, name_th, name_en, ST_AsWKB(geom) AS wkb FROM context_districts"
        )
        subdistricts = dict(con.execute("SELECT subdist_code, dist_code FROM subdistricts").fetchall())
        communities = dict(con.execute("SELECT community_id, dist_code FROM current_communities").fetchall())
        return cls(districts, context, subdistricts, communities)

    @property
    def bangkok_codes(self) -> set[str]:
        return set(self.districts["dist_code"])

    @property
    def all_district_codes(self) -> set[str]:
        return self.bangkok_codes | set(self.context_districts["dist_code"])
