"""Coordinates in register files: parse, catch swapped lat/lon, find the district."""

from __future__ import annotations

import numpy as np
import pandas as pd

from etl.lookups import Lookups
from etl.problems import Problems
from etl.values import parse_float
from geo.joins import polygon_code_at

__all__ = ["locate"]

# Thailand spans about lat 5.6-20.5 and lon 97.3-105.7: swapped pairs are easy to tell.
_LAT = (5.0, 21.0)
_LON = (97.0, 106.0)


def _between(values: pd.Series, bounds: tuple[float, float]) -> np.ndarray:
    return values.between(*bounds).to_numpy()


def locate(
    frame: pd.DataFrame, lookups: Lookups, problems: Problems, warnings: Problems, *, outside_ok: bool
) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Return ``lat``, ``lon`` and the containing district's code for each row.

    A point in neither Bangkok nor a context district is kept with no
    district and a warning. With ``outside_ok`` a context district
    (e.g. Phra Pradaeng, Samut Prakan) is a valid home.
    """
    lat = parse_float(frame, "lat", problems, required=True)
    lon = parse_float(frame, "lon", problems, required=True)
    present = (lat.notna() & lon.notna()).to_numpy()
    swapped = present & _between(lat, _LON) & _between(lon, _LAT)
    problems.where(frame, swapped, "lat", "point.swapped")
    outside = present & ~swapped & ~(_between(lat, _LAT) & _between(lon, _LON))
    problems.where(frame, outside, "lat", "point.not_thailand")
    ok = present & ~swapped & ~outside
    codes = pd.Series(None, index=frame.index, dtype=object)
    if ok.any():
        codes[ok] = polygon_code_at(lon[ok], lat[ok], lookups.districts).to_numpy()
        if outside_ok:
            rest = ok & codes.isna().to_numpy()
            if rest.any():
                codes[rest] = polygon_code_at(lon[rest], lat[rest], lookups.context_districts).to_numpy()
    warnings.where(frame, ok & codes.isna().to_numpy(), "lat", "point.outside_bangkok", values=lat.astype(str))
    return lat, lon, codes
