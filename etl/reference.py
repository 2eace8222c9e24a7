"""Build the warehouse's reference layers from the real boundary files.

``init`` creates the schema, replaces the boundary tables and the context
lines (main roads, the Chao Phraya) in one transaction, and loads the
district population through the same loader an analyst's population file
takes.
"""

from __future__ import annotations

import getpass

import duckdb
import geopandas as gpd
import pandas as pd
import shapely

from db.connect import connect, transaction
from db.schema import ensure_schema
from etl.load import LoadResult, load_file
from etl.problems import EnvironmentNotReady, database_available
from geo import boundaries
from geo.boundaries import GeoDataMissing
from geo.projection import area_km2, display_geometry, display_lines

__all__ = ["POPULATION_SOURCE", "RIVER_NAMES", "context_lines", "init", "population_table"]

POPULATION_SOURCE = (
    "BMA GIS district layer (no_male + no_female) via pcrete/gsvloader-demo; year not stated by the source (about 2017)"
)

# Natural Earth names the river in English only.
RIVER_NAMES = {"name_th": "แม่น้ำเจ้าพระยา", "name_en": "Chao Phraya River"}


def _with_geometry(frame: gpd.GeoDataFrame, display: bool) -> pd.DataFrame:
    out = pd.DataFrame(frame.drop(columns="geometry"))
    out["area_km2"] = area_km2(frame).round(3).to_numpy()
    out["geom"] = shapely.to_wkb(frame.geometry.values)
    if display:
        out["geom_display"] = shapely.to_wkb(display_geometry(frame).values)
    return out


def _replace(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    geometry = [c for c in ("geom", "geom_display") if c in frame]
    plain = [c for c in frame.columns if c not in geometry]
    select = ", ".join(plain + [f"ST_GeomFromWKB({c}) AS {c}" for c in geometry])
    con.execute(f"DELETE FROM {table}")
    con.register("incoming", frame)
    con.execute(f"INSERT INTO {table} ({', '.join(frame.columns)}) SELECT {select} FROM incoming")
    con.unregister("incoming")


def context_lines(folder=None) -> pd.DataFrame:
    """Main roads and the river as ``context_lines`` rows: kind, names, full and display geometry (WKB)."""
    roads = boundaries.read_roads(folder)
    river = boundaries.read_river(folder)
    lines = pd.concat(
        [
            pd.DataFrame({"kind": "road", "name_th": roads["name_th"], "name_en": None}),
            pd.DataFrame({"kind": "river", **RIVER_NAMES}, index=range(len(river))),
        ],
        ignore_index=True,
    )
    shapes = gpd.GeoSeries(pd.concat([roads.geometry, river.geometry], ignore_index=True), crs=roads.crs)
    lines["geom"] = shapely.to_wkb(shapes.values)
    lines["geom_display"] = shapely.to_wkb(display_lines(shapes).values)
    return lines


def population_table(folder=None) -> pd.DataFrame:
    """The district facts' population as a population upload (year not stated)."""
    facts = boundaries.read_district_facts(folder)
    return pd.DataFrame(
        {"dist_code": facts["dist_code"], "year": "", "population": facts["pop_total"], "source": POPULATION_SOURCE}
    )


def _file_names(layers: dict) -> list[str]:
    """The files behind the layers, in order (context lines come from two)."""
    names = {"context_lines": ("roads", "river")}
    return [boundaries.FILES[name] for layer in layers for name in names.get(layer, (layer,))]


def init(db=None, geo_folder=None, loaded_by: str | None = None) -> LoadResult:
    """Create or migrate the schema and (re)load boundaries and reference population."""
    try:
        layers = {
            "districts": _with_geometry(boundaries.read_districts(geo_folder), display=True),
            "subdistricts": _with_geometry(boundaries.read_subdistricts(geo_folder), display=False),
            "context_districts": _with_geometry(boundaries.read_context_districts(geo_folder), display=True),
            "health_centre_areas": _with_geometry(boundaries.read_health_centre_areas(geo_folder), display=True),
            "context_lines": context_lines(geo_folder),
        }
        population = population_table(geo_folder)
    except GeoDataMissing as exc:
        raise EnvironmentNotReady(str(exc)) from exc
    who = loaded_by or getpass.getuser()
    with database_available(), connect(db, read_only=False) as con:
        ensure_schema(con)
        with transaction(con):
            for table, frame in layers.items():
                _replace(con, table, frame)
            con.execute(
                "INSERT INTO loads (kind, file_name, rows, loaded_by) VALUES ('boundaries', ?, ?, ?)",
                [", ".join(_file_names(layers)), sum(len(f) for f in layers.values()), who],
            )
    content = population.to_csv(index=False).encode("utf-8")
    return load_file("population", content, boundaries.FILES["district_facts"], db=db, loaded_by=who)
