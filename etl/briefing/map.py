"""The briefing's smoothed-rate map, drawn as vector paths and text straight into the PDF.

Drawn rather than pasted as a picture, the map stays sharp at any print size
and its district names are shaped by HarfBuzz like the rest of the text, so
they are set correctly in Thai and can be selected and searched. Geometry is
in EPSG:32647 metres, so the map keeps true proportions.

District names are sized to fit their district, between :data:`MIN_PT` and
:data:`MAX_PT`. The inner city's districts are too small for a readable name
at the map's scale, so the :data:`INSET_DISTRICTS` smallest (in either
language the same) are named in an enlarged inset in the empty corner over
Samut Prakan, and the inset's area is outlined on the main map.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import shapely
from fpdf import FPDF
from fpdf.enums import PathPaintRule

from core.colours import ink

__all__ = ["MAX_PT", "MIN_PT", "RIVER", "draw_map", "map_height"]

MIN_PT, MAX_PT = 5.0, 8.0  # district names: readable on paper, never louder than the headings
INSET_DISTRICTS = 10  # the smallest districts by area, named in the inset: Bangkok's inner city
INSET_ZOOM = 3.0  # at most this much larger is the inner city drawn in the inset
INSET_SHARE = (0.36, 0.42)  # of the map's width and height: the corner over Samut Prakan is empty
INSET_MARGIN_M = 700  # around the small districts, so their neighbours' edges show
TITLE_MM = 4.5  # the inset's title band
OUTLINE = (90, 90, 90)
RIVER = (70, 130, 180)  # as on the dashboard's maps
ROAD = (130, 130, 130)
POINT_OUTLINE = (40, 40, 40)


@dataclass(frozen=True)
class _View:
    """A window on the map's metres placed on the page: top-left corner and size in mm, mm per metre."""

    x: float
    y: float
    scale: float
    bounds: tuple[float, float, float, float]  # minx, miny, maxx, maxy in metres

    @property
    def width(self) -> float:
        return (self.bounds[2] - self.bounds[0]) * self.scale

    @property
    def height(self) -> float:
        return (self.bounds[3] - self.bounds[1]) * self.scale

    def points(self, coords: np.ndarray) -> list[tuple[float, float]]:
        xs = self.x + (coords[:, 0] - self.bounds[0]) * self.scale
        ys = self.y + (self.bounds[3] - coords[:, 1]) * self.scale
        return list(zip(xs.tolist(), ys.tolist(), strict=True))


def _polygon(pdf: FPDF, view: _View, geometry, fill: tuple[int, int, int], width: float) -> None:
    """One district: every ring of every part in one path, filled even-odd (holes stay holes)."""
    with pdf.new_path(paint_rule=PathPaintRule.STROKE_FILL_EVENODD) as path:
        path.style.fill_color = "#{:02x}{:02x}{:02x}".format(*fill)
        path.style.stroke_color = "#{:02x}{:02x}{:02x}".format(*OUTLINE)
        path.style.stroke_width = width
        for part in shapely.get_parts(geometry):
            for ring in (part.exterior, *part.interiors):
                points = view.points(np.asarray(ring.coords))
                path.move_to(*points[0])
                for point in points[1:]:
                    path.line_to(*point)
                path.close()


def _lines(pdf: FPDF, view: _View, lines: gpd.GeoDataFrame) -> None:
    """The main roads (thin, grey) and the river (blue) over the fills, clipped to the view."""
    with pdf.rect_clip(view.x, view.y, view.width, view.height):
        for kind, colour, width in (("road", ROAD, 0.12), ("river", RIVER, 0.6)):
            pdf.set_draw_color(*colour)
            pdf.set_line_width(width)
            for part in shapely.get_parts(lines.loc[lines["kind"] == kind].geometry.to_numpy()):
                pdf.polyline(view.points(shapely.get_coordinates(part)))


def _chords(geometry: gpd.GeoSeries) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Where a name goes in each district: the middle of the longest horizontal chord through its
    representative point (x, y in metres), and that chord's length, capped by its height (in metres)."""
    anchors = geometry.representative_point()
    xs, ys, lengths = [], [], []
    for polygon, anchor in zip(geometry, anchors, strict=True):
        minx, miny, maxx, maxy = polygon.bounds
        across = shapely.intersection(polygon, shapely.LineString([(minx - 1, anchor.y), (maxx + 1, anchor.y)]))
        chord = max(shapely.get_parts(across), key=lambda part: part.length - part.distance(anchor) * 1e3)
        up = shapely.intersection(polygon, shapely.LineString([(anchor.x, miny - 1), (anchor.x, maxy + 1)]))
        tall = max(shapely.get_parts(up), key=lambda part: part.length - part.distance(anchor) * 1e3).length
        xs.append(chord.centroid.x)
        ys.append(anchor.y)
        lengths.append(min(chord.length, tall * 6))  # a name is about a sixth as tall as it is long
    return np.array(xs), np.array(ys), np.array(lengths)


def fitted_sizes(pdf: FPDF, districts: gpd.GeoDataFrame, scale: float) -> np.ndarray:
    """The font size (pt) at which each name spans about its district's chord; below MIN_PT it does not fit."""
    pdf.set_font(size=1)
    widths = np.array([max(pdf.get_string_width(label), 1e-3) for label in districts["label"]])  # mm at 1 pt
    _, _, across = _chords(districts.geometry)
    return np.minimum(across * scale * 0.9 / widths, MAX_PT)


def _names(pdf: FPDF, view: _View, districts: gpd.GeoDataFrame, sizes: np.ndarray) -> None:
    """Each district's name on its chord, dark on light fills and white on dark ones.

    Larger names are placed first; a name that would touch one already placed moves up or down its
    district (its middle staying inside it), so neighbouring names never print over each other.
    """
    xs, ys, _ = _chords(districts.geometry)
    placed: list[tuple[float, float, float, float]] = []
    for at in np.argsort(-sizes, kind="stable"):
        label, fill = districts["label"].iloc[at], districts["fill"].iloc[at]
        if not label:
            continue
        pdf.set_font(size=max(sizes[at], MIN_PT))
        width, height = pdf.get_string_width(label) + 0.6, pdf.font_size * 1.1
        ((x, y),) = view.points(np.array([[xs[at], ys[at]]]))
        polygon = districts.geometry.iloc[at]
        for step in (0, 1, -1, 2, -2):
            box = (x - width / 2, y + step * height - height / 2, width, height)
            inside = polygon.contains(shapely.Point(xs[at], ys[at] - step * height / view.scale))
            if step == 0 or (inside and not any(_overlap(box, other) for other in placed)):
                chosen = box
            if inside and not any(_overlap(box, other) for other in placed):
                break
        placed.append(chosen)
        pdf.set_text_color(*ink(fill))
        pdf.set_xy(chosen[0], chosen[1])
        pdf.cell(chosen[2], chosen[3], label, align="C")


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    """Whether two boxes (x, y, width, height) overlap.

    >>> _overlap((0, 0, 2, 2), (1, 1, 2, 2)), _overlap((0, 0, 1, 1), (2, 0, 1, 1))
    (True, False)
    """
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def _points(pdf: FPDF, view: _View, points: gpd.GeoDataFrame | None) -> None:
    """Dots (``fill``, ``radius`` in mm, outlined) in their order, then each non-empty ``label`` to the right."""
    if points is None or points.empty:
        return
    xys = view.points(shapely.get_coordinates(points.geometry.to_numpy()))
    placed = list(zip(xys, points.itertuples(), strict=True))
    with pdf.local_context():  # a clip (the inset) restores the PDF's colours: so must fpdf's record of them
        pdf.set_draw_color(*POINT_OUTLINE)
        pdf.set_line_width(0.1)
        for (x, y), point in placed:
            pdf.set_fill_color(*point.fill)
            pdf.circle(x, y, point.radius, style="DF")
        pdf.set_font(style="B", size=MIN_PT + 1)
        pdf.set_text_color(25, 25, 25)
        for (x, y), point in placed:
            if point.label:
                pdf.set_xy(x + point.radius + 0.6, y - pdf.font_size * 0.55)
                pdf.cell(text=point.label)


def _layer(pdf: FPDF, view: _View, districts, lines, sizes, width: float, points=None) -> None:
    for geometry, fill in zip(districts.geometry, districts["fill"], strict=True):
        _polygon(pdf, view, geometry, fill, width)
    _lines(pdf, view, lines)
    _names(pdf, view, districts, sizes)
    _points(pdf, view, points)


def _bounds(districts: gpd.GeoDataFrame) -> tuple[float, float, float, float]:
    """The map's extent in metres: the districts with a margin of 1 % of their width."""
    minx, miny, maxx, maxy = (float(b) for b in districts.total_bounds)
    pad = 0.01 * (maxx - minx)
    return (minx - pad, miny - pad, maxx + pad, maxy + pad)


def map_height(districts: gpd.GeoDataFrame, width: float) -> float:
    """The height in mm that :func:`draw_map` takes at ``width`` mm."""
    minx, miny, maxx, maxy = _bounds(districts)
    return width * (maxy - miny) / (maxx - minx)


def draw_map(
    pdf: FPDF,
    districts: gpd.GeoDataFrame,
    lines: gpd.GeoDataFrame,
    width: float,
    inset_title: str,
    points: gpd.GeoDataFrame | None = None,
):
    """Draw the map at the current position, ``width`` mm wide; return its height in mm.

    ``districts`` has ``geometry``, ``area_km2``, ``fill`` and ``label``; ``lines`` has ``kind`` (road or river);
    ``points``, if given, has point ``geometry``, ``fill``, ``radius`` (mm) and ``label`` (may be empty), drawn
    over the districts in its order (on the map and in the inset). The legend is the caller's
    (:func:`etl.briefing.render`), placed in the map's empty top-left corner.
    """
    bounds = _bounds(districts)
    view = _View(pdf.get_x(), pdf.get_y(), width / (bounds[2] - bounds[0]), bounds)
    sizes = fitted_sizes(pdf, districts, view.scale)
    small = districts["area_km2"].rank(method="first").to_numpy() <= INSET_DISTRICTS
    named_in_inset = _inset_names(districts, small) if small.any() else np.zeros(len(districts), dtype=bool)
    _layer(pdf, view, districts.assign(label=districts["label"].where(~named_in_inset, "")), lines, sizes, 0.2, points)
    pdf.set_draw_color(*OUTLINE)
    pdf.set_line_width(0.2)
    pdf.rect(view.x, view.y, view.width, view.height)
    if small.any():
        _inset(pdf, view, districts, lines, small, named_in_inset, inset_title, points)
    return view.height


def _inset_area(districts: gpd.GeoDataFrame, small: np.ndarray):
    return shapely.box(*districts.loc[small].total_bounds).buffer(INSET_MARGIN_M, join_style="mitre")


def _inset_names(districts: gpd.GeoDataFrame, small: np.ndarray) -> np.ndarray:
    """The districts named in the inset (not on the main map): the small ones, and every other whose
    name's anchor lies well inside the inset, so no name is cut by its edge."""
    inner = _inset_area(districts, small).buffer(-2 * INSET_MARGIN_M, join_style="mitre")
    return small | districts.geometry.representative_point().within(inner).to_numpy()


def _inset(
    pdf: FPDF, main: _View, districts, lines, small: np.ndarray, named: np.ndarray, title: str, points=None
) -> None:
    """The small districts enlarged in the map's bottom-right corner, their area outlined on the map."""
    area = _inset_area(districts, small)
    bounds = area.bounds
    extent = np.array([bounds[2] - bounds[0], bounds[3] - bounds[1]])
    room = np.array([main.width * INSET_SHARE[0], main.height * INSET_SHARE[1] - TITLE_MM])
    scale = min(main.scale * INSET_ZOOM, *(room / extent))
    width, height = extent * scale
    inset = _View(main.x + main.width - width - 2, main.y + main.height - height - 2, scale, bounds)
    shown = districts.assign(label=districts["label"].where(named, ""))[districts.intersects(area)]
    sizes = fitted_sizes(pdf, shown, scale)
    pdf.set_fill_color(255, 255, 255)
    pdf.rect(inset.x, inset.y - TITLE_MM, width, height + TITLE_MM, style="F")
    with pdf.rect_clip(inset.x, inset.y, width, height):
        _layer(pdf, inset, shown, lines, sizes, 0.25, points)
    pdf.set_draw_color(40, 40, 40)
    pdf.set_line_width(0.35)
    pdf.rect(inset.x, inset.y - TITLE_MM, width, height + TITLE_MM)
    (x0, y0), (x1, y1) = main.points(np.array([[bounds[0], bounds[3]], [bounds[2], bounds[1]]]))
    pdf.rect(x0, y0, x1 - x0, y1 - y0)
    pdf.set_font(style="B", size=7)
    pdf.set_text_color(40, 40, 40)
    pdf.set_xy(inset.x, inset.y - TITLE_MM)
    pdf.cell(width, TITLE_MM, title, align="C")
