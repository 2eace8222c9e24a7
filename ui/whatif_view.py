"""What a what-if scenario looks like: the before and after maps, the districts that change, and the downloads.

Everything here is labelled as a scenario. The maps colour districts by need x
coverage class (:mod:`ui.bivariate`), outline the gap districts and show the
safe spaces with their reach; the PNG draws the same fills with the briefing's
renderer (:func:`etl.briefing.picture.map_png`), before and after side by side.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import geopandas as gpd
import numpy as np
import pandas as pd
import pydeck as pdk
import shapely

from core import quarters
from core.colours import NO_DATA
from core.downloads import csv_bytes
from geo.projection import to_metric
from geo.scenario import Outcome
from ui import bivariate, maps, mapview
from ui.i18n import LEVELS, N_, number, t

__all__ = [
    "CHANGED",
    "CLOSED",
    "POINT",
    "SAFE_SPACE",
    "SERVICE_COLUMNS",
    "change_table",
    "click_grid",
    "district_deck",
    "fills",
    "first_day_after",
    "grid_layer",
    "half_view",
    "legend_entries",
    "png_legend",
    "services_csv",
    "side_by_side_png",
]

SAFE_SPACE = maps.SERVICE_COLOURS["safe_space"]
CHANGED = (117, 112, 179)  # purple: added or changed in the scenario (the recommendation's new sites too)
CLOSED = (150, 150, 150)
POINT = (20, 20, 20)  # the point a planner clicked or typed
GRID_M = 1000.0  # the click grid's spacing: a click lands on the nearest grid point (type to be finer)
VIEW = pdk.ViewState(latitude=13.74, longitude=100.63, zoom=8.9, min_zoom=8, max_zoom=14)  # a half-width map
SERVICE_COLUMNS = ["service_id", "name_th", "name_en", "service_type", "lat", "lon", "capacity", "opened", "closed"]
SERVICE_COLUMNS += ["phone", "hours", "source", "approximate"]  # the services upload format, in its order


def first_day_after(end: str) -> str:
    """The first day after the quarter ``end``, ISO: the placeholder date of a scenario's openings and closings.

    >>> first_day_after("2026Q2"), first_day_after("2025Q4")
    ('2026-07-01', '2026-01-01')
    """
    year, q = quarters.split(quarters.shift(end, 1))
    return dt.date(year, 3 * q - 2, 1).isoformat()


def services_csv(sites: pd.DataFrame, source: str) -> bytes:
    """Safe spaces in the services upload format, ``source`` saying they are a scenario, for an analyst to load.

    ``sites`` has ``service_id``, names, ``lat``, ``lon`` and any of ``capacity``, ``opened``, ``closed``
    and ``approximate``; the columns it lacks stay empty.
    """
    frame = sites.assign(service_type="safe_space", source=source)
    for column in ("opened", "closed"):
        if column in frame:
            frame[column] = pd.to_datetime(frame[column]).dt.strftime("%Y-%m-%d")
    if "capacity" in frame:
        frame["capacity"] = frame["capacity"].astype("Int64")
    return csv_bytes(frame.reindex(columns=SERVICE_COLUMNS))


def click_grid(districts: gpd.GeoDataFrame) -> pd.DataFrame:
    """Points every :data:`GRID_M` metres over Bangkok (``lon``, ``lat``): the after map's click targets."""
    metric = to_metric(districts.geometry)
    area = shapely.union_all(metric.buffer(GRID_M).to_numpy())
    minx, miny, maxx, maxy = area.bounds
    xs, ys = np.meshgrid(np.arange(minx, maxx, GRID_M), np.arange(miny, maxy, GRID_M))
    grid = gpd.GeoSeries(shapely.points(xs.ravel(), ys.ravel()), crs=metric.crs)
    inside = grid[shapely.contains_xy(area, grid.x.to_numpy(), grid.y.to_numpy())].to_crs(4326)
    return pd.DataFrame({"lon": inside.x.round(4).to_numpy(), "lat": inside.y.round(4).to_numpy()})


def fills(districts: pd.DataFrame, when: str) -> list[tuple[int, int, int]]:
    """Need x coverage fill of each district ``before`` or ``after`` (``Outcome.districts`` columns)."""
    return bivariate.colours(districts[f"need_class_{when}"], districts[f"coverage_class_{when}"])


def _level(value) -> str:
    return t("value.no_data") if pd.isna(value) else t(LEVELS[int(value)])


def _district_detail(districts: pd.DataFrame, when: str) -> list[str]:
    """Each district's tooltip line: coverage class, access per 1,000 and residents within reach, gap or not."""
    return [
        t(
            "whatif.tip",
            coverage=_level(row[f"coverage_class_{when}"]),
            access=number(row[f"access_2sfca_{when}"] * 1000, 2),
            residents=number(row[f"residents_{when}"]),
        )
        + (" · " + t("whatif.tip_gap") if row[f"gap_{when}"] else "")
        for _, row in districts.iterrows()
    ]


def grid_layer(districts: gpd.GeoDataFrame) -> pdk.Layer:
    """The click grid: circles that tile Bangkok, all but transparent, each taking the clicks around its point;
    the circle under the pointer is shaded so the planner sees where a click would land."""
    grid = click_grid(districts)
    return pdk.Layer(
        "ScatterplotLayer",
        # Empty tooltip fields: Streamlit writes a field a point lacks as "{name}"; the texts cost bytes per point.
        data=pd.DataFrame({"position": grid[["lon", "lat"]].to_numpy().tolist(), "name": "", "detail": ""}),
        id="click-grid",
        get_position="position",
        get_fill_color=[255, 255, 255, 1],  # alpha 0 would not be picked
        get_radius=GRID_M * 0.71,  # half the cell's diagonal: the circles cover every point
        radius_units=pdk.types.String("meters"),
        pickable=True,
        auto_highlight=True,
        highlight_color=[*POINT, 50],
    )


def png_legend(outcome: Outcome) -> list[tuple[tuple[int, int, int], str]]:
    """The need x coverage cells either map uses, gap first, then "not classified"."""
    frame = outcome.districts
    cells = set()
    for when in ("before", "after"):
        known = frame[[f"need_class_{when}", f"coverage_class_{when}"]].dropna().astype(int)
        cells |= set(known.itertuples(index=False, name=None))
    order = sorted(cells, key=lambda cell: (cell != bivariate.GAP, -cell[0], cell[1]))
    entries = [
        (
            bivariate.colour(*cell),
            t("coverage.cell", need=t(LEVELS[cell[0]]), coverage=t(LEVELS[cell[1]]))
            + (" (" + t("whatif.tip_gap") + ")" if cell == bivariate.GAP else ""),
        )
        for cell in order
    ]
    return [*entries, (NO_DATA, t("coverage.not_classified"))]


def half_view() -> pdk.ViewState:
    """Where a before or after map opens: Bangkok in half the page's width; on a phone, where the two maps
    stack, Bangkok fitted to the phone's width."""
    size = mapview.canvas()
    return VIEW if size == mapview.DESKTOP else mapview.fit_view(mapview.BANGKOK, size)


def _points(frame: pd.DataFrame, kind: str, lang: str) -> pd.DataFrame:
    return frame.assign(name=maps.local_names(frame, lang), detail=kind)


def district_deck(
    outcome: Outcome,
    layer: gpd.GeoDataFrame,
    when: str,
    radius_m: float,
    lang: str,
    extra: list[pdk.Layer] = (),
) -> maps.DeckJson:
    """The ``before`` or ``after`` map: districts by need x coverage, gap districts outlined, safe spaces and reach.

    ``extra`` layers (the layers turned on; after, also the click grid and the point) go above the districts and
    below the safe spaces, so a click on a safe space chooses it and a click elsewhere lands on the grid.
    """
    frame = outcome.districts
    shaded = layer.merge(
        pd.DataFrame({"dist_code": frame.index, "fill": fills(frame, when), "detail": _district_detail(frame, when)}),
        on="dist_code",
    ).assign(name=lambda f: maps.local_names(f, lang))
    gaps = shaded[shaded["dist_code"].isin(frame.index[frame[f"gap_{when}"]])]
    layers = [
        maps.choropleth_layer(shaded, ["name", "detail"]),
        *([maps.outline_layer(gaps.geometry, "gap-districts", bivariate.GAP_LINE, 3)] if len(gaps) else []),
        maps.label_layer(shaded, f"name_{lang}"),
    ]
    if when == "before":
        spaces = _points(outcome.before, t("whatif.unchanged"), lang)
        layers += [*extra, maps.marker_layer(spaces, "before-spaces", SAFE_SPACE, ["name", "detail"])]
    else:  # the reach of what the scenario adds or changes; the others' would hide the classes
        changed = outcome.after["change"] != ""
        kept = _points(outcome.after[~changed], t("whatif.unchanged"), lang)
        new = _points(outcome.after[changed], t("whatif.changed"), lang)
        layers += [
            maps.catchment_layer(new, "new-reach", CHANGED, radius_m),
            *extra,
            maps.marker_layer(_points(outcome.closed, t("whatif.closed"), lang), "closed", CLOSED, ["name", "detail"]),
            maps.marker_layer(pd.concat([kept, new]), "after-spaces", SAFE_SPACE, ["service_id", "name", "detail"]),
            maps.marker_layer(new, "changed-spaces", CHANGED, ["service_id", "name", "detail"], radius_px=7),
        ]
    return maps.map_deck(layers, "<b>{name}</b><br/>{detail}", VIEW)


def legend_entries(radius_m: float) -> list[maps.LegendEntry]:
    """The points' legend: safe spaces as published, added or changed, closed, their reach and the point."""
    return [
        maps.LegendEntry(SAFE_SPACE, t("whatif.unchanged")),
        maps.LegendEntry(CHANGED, t("whatif.changed")),
        maps.LegendEntry(CLOSED, t("whatif.closed")),
        maps.LegendEntry(maps.translucent(CHANGED), t("whatif.reach", km=f"{radius_m / 1000:g}")),
        maps.LegendEntry(POINT, t("whatif.point_marker")),
    ]


def change_table(outcome: Outcome, names: pd.Series) -> pd.DataFrame:
    """The districts whose access, coverage class, gap or residents within reach change: those that become or
    stop being a gap first, then the largest change in access (``names``: each district's name by ``dist_code``)."""
    frame = outcome.districts
    moved = (
        ~np.isclose(frame["access_2sfca_before"], frame["access_2sfca_after"], rtol=1e-9, atol=0, equal_nan=True)
        | (frame["coverage_class_before"].astype(str) != frame["coverage_class_after"].astype(str))
        | (frame["gap_before"] != frame["gap_after"])
        | (frame["residents_before"] != frame["residents_after"])
    )
    shift = (frame["access_2sfca_after"] - frame["access_2sfca_before"]).abs()
    turned = frame["gap_before"] != frame["gap_after"]  # first: a gap may come or go with access unchanged
    rows = frame.assign(shift=shift, turned=turned)[moved].sort_values(["turned", "shift"], ascending=False)
    yes_no = {True: t("whatif.yes"), False: t("whatif.no")}
    shown = {
        "access": lambda when: [number(v * 1000, 2) for v in rows[f"access_2sfca_{when}"]],
        "coverage": lambda when: rows[f"coverage_class_{when}"].map(_level).tolist(),
        "gap": lambda when: rows[f"gap_{when}"].map(yes_no).tolist(),
        "residents": lambda when: rows[f"residents_{when}"].map(number).tolist(),
    }
    columns = {
        "access": N_("whatif.col.access"),
        "coverage": N_("whatif.col.coverage"),
        "gap": N_("whatif.col.gap"),
        "residents": N_("whatif.col.residents"),
    }
    table = pd.DataFrame({t("planning.col.district"): names.reindex(rows.index).to_numpy()})
    for column, text in shown.items():
        table[t(columns[column])] = [f"{a} → {b}" for a, b in zip(text("before"), text("after"), strict=True)]
    return table


def side_by_side_png(render: Callable[..., bytes], outcome: Outcome, titles: tuple[str, str], **common) -> bytes:
    """Before and after as one PNG: ``render`` (:func:`etl.briefing.picture.map_png`) draws each map with its
    title, and the two pictures are put side by side on white. ``common`` holds ``map_png``'s other arguments
    (``published``, ``legend``, ``subtitle``, ``legend_title``, ``lang``)."""
    from PIL import Image

    codes = outcome.districts.index
    pictures = [
        Image.open(
            io.BytesIO(
                render(fills=dict(zip(codes, fills(outcome.districts, when), strict=True)), title=title, **common)
            )
        )
        for when, title in zip(("before", "after"), titles, strict=True)
    ]
    joined = Image.new("RGB", (sum(p.width for p in pictures), max(p.height for p in pictures)), "white")
    joined.paste(pictures[0], (0, 0))
    joined.paste(pictures[1], (pictures[0].width, 0))
    out = io.BytesIO()
    joined.save(out, format="PNG", optimize=True)
    return out.getvalue()
