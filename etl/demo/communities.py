"""The demo's community register: the BMA's 2,016 real communities, with estimated populations.

Real: every id (``BMA`` + the register's object id), Thai name, point and
type, and each district's residents and households in communities (BMA,
April 2022). Estimated: each community's share of its district's figures
(:func:`estimate_population`); the file says so in ``population_estimated``.
Romanised: the English names (:mod:`etl.romanise`).

Pilots: the two named pilots (Wat Sawatwareesimaram = BMA0184 at its register
point; Thai Kriang at an approximate point outside Bangkok), and demo pilots
that are real communities chosen by a rule (:data:`DEMO_PILOT_STARTS`),
labelled as such in ``location_note``. Each pilot in Bangkok gets comparison
communities in its own district (:func:`comparisons`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from etl.demo.cases import CLUSTERS
from etl.demo.sources import Sources
from etl.demo.synthetic import allocate, coordinates
from etl.romanise import romanised_name

__all__ = [
    "COMPARISONS_PER_PILOT",
    "DEMO_PILOT_NOTE",
    "DEMO_PILOT_STARTS",
    "NAMED_PILOTS",
    "POPULATION_NOISE",
    "TYPE_WEIGHTS",
    "communities_file",
    "comparisons",
    "estimate_population",
    "register",
]

# The register's English types and the codes the warehouse stores (core.codes.COMMUNITY_TYPES).
TYPE_CODES = {
    "urban": "urban",
    "slum/crowded": "crowded",
    "suburban": "suburban",
    "high-rise": "high_rise",
    "housing estate": "housing_estate",
}
# Relative size of a community by type, an assumption: crowded settlements and blocks
# of flats hold more people than an urban or suburban community of the same district.
TYPE_WEIGHTS = {"urban": 1.0, "crowded": 1.3, "suburban": 0.9, "high_rise": 1.6, "housing_estate": 1.0}
POPULATION_NOISE = 0.35  # standard deviation of the log of each community's random size factor


@dataclass(frozen=True)
class NamedPilot:
    """A real pilot community: its names from ``pilot_locations.csv``, its point from there or the register."""

    community_id: str
    pilot_id: str  # its row in pilot_locations.csv
    pilot_start: str
    location_note: str


NAMED_PILOTS = (
    NamedPilot(
        "BMA0184",
        "wat_sawat",
        "2024Q1",
        "BMA community register point (BMA0184; the register spells the name ชุมชนวัดสวัสดีวารีสีมาราม)",
    ),
    NamedPilot(
        "PILOT-THAI-KRIANG",
        "thai_kriang",
        "2024Q1",
        "approximate location: 2012 village point matched by name only. Outside Bangkok (Phra Pradaeng, "
        "Samut Prakan): no comparison communities in its own district",
    ),
)
# Demo pilots: in each district of the main hot-spot cluster, in its order, the community
# with the most estimated residents (ties by id), starting one quarter apart.
DEMO_PILOT_STARTS = ("2024Q2", "2024Q3", "2024Q4", "2025Q1")
DEMO_PILOT_NOTE = "demo pilot: a real BMA community chosen by the demo's rule, not an actual pilot site"
COMPARISONS_PER_PILOT = 4
COMPARISON_NOTE = "demo comparison community for pilot {pilot}"


def estimate_population(rng: np.random.Generator, src: Sources, frame: pd.DataFrame) -> pd.DataFrame:
    """Residents and households of each register community, estimated from its district's totals.

    Each district's residents in communities and its households (BMA table,
    April 2022) are shared among the communities the register codes to that
    district, in proportion to ``TYPE_WEIGHTS[type] x exp(N(0, POPULATION_NOISE))``
    (one draw per community, in register order), by largest remainders so
    the parts add up to the district's figures. Households follow the same
    shares.
    """
    weight = frame["community_type"].map(TYPE_WEIGHTS).to_numpy() * rng.lognormal(0, POPULATION_NOISE, len(frame))
    totals = src.community_population.set_index("dist_code")
    population, households = np.zeros(len(frame), int), np.zeros(len(frame), int)
    for code, rows in frame.groupby("coded_district", sort=True).indices.items():
        population[rows] = allocate(weight[rows], int(totals.at[code, "population_in_communities"]))
        households[rows] = allocate(weight[rows], int(totals.at[code, "households"]))
    return pd.DataFrame({"population": population, "households": households}, index=frame.index)


def _districts(src: Sources, frame: pd.DataFrame) -> pd.DataFrame:
    """District and sub-district where each point lies, and a note where the register codes another.

    The district is the one of ``subdist_code_at_point`` (the 180 sub-districts),
    else the register's code (two points lie just outside every sub-district).
    """
    at_point = frame["subdist_code_at_point"]
    district = at_point.str[:4].where(at_point != "", frame["coded_district"])
    moved = district != frame["coded_district"]
    notes = [
        f"the BMA register codes it in {src.names[coded]} ({coded}); its point lies in sub-district {sub}, "
        f"{src.names[code]} ({code}), whose district is used"
        for coded, sub, code in zip(frame["coded_district"][moved], at_point[moved], district[moved], strict=True)
    ]
    note = pd.Series("", index=frame.index)
    note[moved] = notes
    return pd.DataFrame({"dist_code": district, "subdist_code": at_point, "location_note": note})


def _named_pilots(src: Sources, frame: pd.DataFrame) -> pd.DataFrame:
    """Mark the named pilots in the register; add those outside it (Thai Kriang) as rows."""
    extra = []
    for pilot in NAMED_PILOTS:
        known = src.pilots.loc[pilot.pilot_id]
        values = {
            "name_th": known["name_th"],
            "name_en": known["name_en"],
            "pilot": True,
            "pilot_start": pilot.pilot_start,
            "location_note": pilot.location_note,
        }
        if pilot.community_id in set(frame["community_id"]):
            row = frame.index[frame["community_id"] == pilot.community_id][0]
            frame.loc[row, list(values)] = list(values.values())
            continue
        # Not in the register: the average community of Bangkok's register, flagged as estimated.
        totals = src.community_population[["population_in_communities", "households", "communities"]].sum()
        extra.append(
            {
                "community_id": pilot.community_id,
                "lon": float(known["lon"]),
                "lat": float(known["lat"]),
                "dist_code": known["dist_code"],
                "subdist_code": "",
                "community_type": "",
                "population": round(totals["population_in_communities"] / totals["communities"]),
                "households": round(totals["households"] / totals["communities"]),
                **values,
            }
        )
    return pd.concat([frame, pd.DataFrame(extra)], ignore_index=True)


def _add_note(frame: pd.DataFrame, rows, text) -> None:
    """Append ``text`` (one or one per row) to the location notes of ``rows``."""
    before = frame.loc[rows, "location_note"]
    frame.loc[rows, "location_note"] = before.where(before == "", before + "; ") + text


def _demo_pilots(frame: pd.DataFrame) -> None:
    """Mark the demo pilots: see :data:`DEMO_PILOT_STARTS`."""
    districts = CLUSTERS[0][0]
    for code, start in zip(districts, DEMO_PILOT_STARTS, strict=True):
        pool = frame[(frame["dist_code"] == code) & ~frame["pilot"]]
        row = pool.sort_values(["population", "community_id"], ascending=[False, True], kind="stable").index[0]
        frame.loc[row, ["pilot", "pilot_start"]] = [True, start]
        _add_note(frame, [row], DEMO_PILOT_NOTE)


def comparisons(frame: pd.DataFrame) -> pd.Series:
    """The pilot each comparison community is chosen for ("" for the others).

    For each pilot in turn (register order), :data:`COMPARISONS_PER_PILOT`
    communities not yet chosen from the pilot's own district: of its type
    first, then nearest in estimated population, ties by id. A pilot whose
    district has no other community (Thai Kriang's, outside Bangkok) gets none.
    """
    chosen = pd.Series("", index=frame.index)
    for row in frame.index[frame["pilot"]]:
        pilot = frame.loc[row]
        pool = frame[(frame["dist_code"] == pilot["dist_code"]) & ~frame["pilot"] & (chosen == "")]
        order = pd.DataFrame(
            {
                "other_type": pool["community_type"] != pilot["community_type"],
                "gap": (pool["population"] - pilot["population"]).abs(),
                "community_id": pool["community_id"],
            }
        ).sort_values(["other_type", "gap", "community_id"], kind="stable")
        chosen[order.index[:COMPARISONS_PER_PILOT]] = pilot["community_id"]
    return chosen


def register(rng: np.random.Generator, src: Sources) -> pd.DataFrame:
    """The community register, with ``subdist_code`` and a ``reports`` flag for those given case rows."""
    real = src.register
    frame = pd.DataFrame(
        {
            "community_id": real["community_id"],
            "name_th": real["name_th"],
            "name_en": [romanised_name(name) for name in real["name_th"]],
            "lon": real["lon"],
            "lat": real["lat"],
            "coded_district": real["dist_code"],
            "subdist_code_at_point": real["subdist_code_at_point"],
            "community_type": real["type_en"].map(TYPE_CODES),
            "pilot": False,
            "pilot_start": "",
        }
    )
    frame = frame.join(estimate_population(rng, src, frame)).join(_districts(src, frame))
    frame = frame.drop(columns=["coded_district", "subdist_code_at_point"])
    frame = _named_pilots(src, frame)
    _demo_pilots(frame)
    chosen = comparisons(frame)
    _add_note(frame, chosen.index[chosen != ""], [COMPARISON_NOTE.format(pilot=p) for p in chosen[chosen != ""]])
    frame["reports"] = frame["pilot"] | (chosen != "")
    return frame


def communities_file(frame: pd.DataFrame) -> pd.DataFrame:
    """The register in upload format; every population is an estimate."""
    return pd.DataFrame(
        {
            "community_id": frame["community_id"],
            "name_th": frame["name_th"],
            "name_en": frame["name_en"],
            "lat": coordinates(frame["lat"]),
            "lon": coordinates(frame["lon"]),
            "dist_code": frame["dist_code"],
            "community_type": frame["community_type"],
            "population": frame["population"],
            "population_estimated": "true",
            "households": frame["households"],
            "pilot": np.where(frame["pilot"], "true", "false"),
            "pilot_start": frame["pilot_start"],
            "location_note": frame["location_note"],
        }
    )
