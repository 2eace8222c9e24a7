"""A dashboard map as a PNG with its title and legend, drawn like the briefing's map.

The page passes what its map shows (each district's fill and the legend's
entries); the map is drawn with :func:`etl.briefing.map.draw_map` on a page
of its own size and rasterised by PDFium (``pypdfium2``, a wheel with the
library inside), so Thai is shaped by HarfBuzz exactly as in the briefing.
Demo data carry the synthetic-data banner, as the picture may travel alone.
A map of places (the Pilots page's communities) passes them as ``points``.
"""

from __future__ import annotations

import io
import os
from collections.abc import Mapping, Sequence

from core.colours import NO_DATA
from db import read
from etl.messages import render
from geo.projection import to_metric

__all__ = ["map_png"]

Colour = tuple[int, int, int]
Point = tuple[float, float, Colour, float, str]  # longitude, latitude, fill, radius in mm, label ("" for none)
WIDTH_MM = 200
HEAD_MM = 26  # the banner, the title and its subtitle above the map


def _content(picture, margin: int) -> tuple[int, int, int, int]:
    """The box of what is drawn on the white page, with ``margin`` pixels around it (the page's height is an
    estimate made before drawing)."""
    from PIL import ImageChops, ImageOps

    left, top, right, bottom = ImageChops.invert(ImageOps.grayscale(picture)).getbbox()
    return (
        max(left - margin, 0),
        max(top - margin, 0),
        min(right + margin, picture.width),
        min(bottom + margin, picture.height),
    )


def map_png(
    published: str | os.PathLike,
    fills: Mapping[str, Colour],
    legend: Sequence[tuple[Colour, str]],
    *,
    title: str,
    subtitle: str,
    legend_title: str,
    lang: str,
    points: Sequence[Point] = (),
    dpi: int = 150,
) -> bytes:
    """The PNG of Bangkok's districts filled with ``fills`` (by ``dist_code``; white where missing).

    ``legend`` lists the entries (colour and label) in order, under ``legend_title``; ``title`` and
    ``subtitle`` (the period) go above the map. District names, the river and main roads are drawn
    as on the briefing, in ``lang``; ``points`` are drawn over them in their order.
    """
    import geopandas as gpd
    import pypdfium2  # a renderer's start-up, only when a picture is asked for

    from etl.briefing.map import draw_map, map_height
    from etl.briefing.render import MARGIN, Sheet
    from etl.briefing.render import legend as draw_legend

    meta = read.meta(published)
    layer = read.district_layer(published)
    districts = to_metric(
        layer.assign(
            fill=[fills.get(code, NO_DATA) for code in layer["dist_code"]],
            label=layer[f"name_{lang}"].fillna(layer["name_th"]),
        )
    )
    lines = to_metric(read.context_lines(published)[["kind", "geometry"]])
    lon, lat, fill, radius, label = zip(*points, strict=True) if points else ((),) * 5
    dots = to_metric(
        gpd.GeoDataFrame(
            {"fill": list(fill), "radius": list(radius), "label": list(label)},
            geometry=gpd.points_from_xy(lon, lat),
            crs="EPSG:4326",
        )
    )
    banner = render("briefing.banner", lang) if meta.synthetic else None
    width = WIDTH_MM - 2 * MARGIN
    sheet = Sheet(lang, title, banner, size=(WIDTH_MM, HEAD_MM + map_height(districts, width) + 2 * MARGIN + 8))
    sheet.set_auto_page_break(False)
    sheet.numbered = False
    sheet.add_page()
    sheet.paragraph(title, 14, "B")
    sheet.paragraph(subtitle, 9.5, "", (90, 90, 90), after=2)
    top = sheet.get_y()
    draw_map(sheet, districts, lines, width, render("briefing.inset", lang), dots)
    draw_legend(sheet, MARGIN + 2.5, top + 2.5, legend_title, list(legend), render("briefing.river", lang))
    document = pypdfium2.PdfDocument(bytes(sheet.output()))
    picture = document[0].render(scale=dpi / 72).to_pil().convert("RGB")
    picture = picture.crop(_content(picture, round(MARGIN / 25.4 * dpi)))
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=True)
    return out.getvalue()
