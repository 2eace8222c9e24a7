"""Synthetic case counts at published magnitudes, with a hot-spot cluster and pilots that work.

Bangkok has no public counts by district or quarter. The published totals
(``dv_reference_magnitudes.csv``) set the scale: the BMA's 11 hospitals and
68 health centres saw 1,115 victims of domestic violence in FY2019; the
national DV cases entering state assistance ran from 1,001 to 2,177 a year
in FY2016-21. The demo draws about 1,500-1,700 reported cases a year for
Bangkok (:data:`BASE_RATE`, :data:`TREND_PER_QUARTER`), so most
district-quarter cells are small, as real ones would be.

Counts are Poisson draws around a quarterly rate per 100,000 people:

* each district's rate is :data:`BASE_RATE` times a factor drawn from
  :data:`DISTRICT_SPREAD`, times its cluster's multiplier (:data:`CLUSTERS`:
  adjacent districts with clearly raised rates, so Gi* finds a hot spot that
  survives a false-discovery-rate correction), rising by
  :data:`TREND_PER_QUARTER` towards the last quarter;
* district rows are by sub-district (the 180 khwaeng), violence type and
  victim group, for the people outside the reporting communities; a
  district's expected count is split among its sub-districts half evenly,
  half by the estimated residents of its registered communities there;
* pilot and comparison communities report their own rows (by violence type,
  victim group ``unknown``) at :data:`COMMUNITY_RISK` times their district's
  rate; a pilot's rate falls by :data:`PILOT_EFFECT` from its start quarter.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from core.codes import VICTIM_GROUPS, VIOLENCE_TYPES
from etl.demo.sources import Sources

__all__ = [
    "BASE_RATE",
    "CLUSTERS",
    "COMMUNITY_RISK",
    "PILOT_EFFECT",
    "TREND_PER_QUARTER",
    "case_rows",
]

# Hot spots: adjacent districts whose rate is multiplied. The first is the main one: Bangkok's
# eastern edge, where Nong Chok's neighbours are all in the cluster, and where the demo pilots are.
CLUSTERS = (
    (("1003", "1011", "1010", "1046"), 2.8),  # Nong Chok, Lat Krabang, Min Buri, Khlong Sam Wa
    (("1033", "1039", "1017", "1026"), 1.8),  # Khlong Toei, Vadhana, Huai Khwang, Din Daeng
)
BASE_RATE = 6.0  # reported cases per 100,000 people per quarter in the last quarter, before the factors below
DISTRICT_SPREAD = (0.85, 1.15)  # each district's factor on the base rate, drawn uniformly
TREND_PER_QUARTER = 0.015  # growing awareness: each quarter's rate is 1.5 % above the one before
REFERRAL_SHARE = (0.55, 0.80)  # share of reported cases referred, drawn per district
# Pilot and comparison communities are dense, low-income neighbourhoods chosen for their
# caseload; a higher rate also keeps their small counts from being almost all zero.
COMMUNITY_RISK = 5.0
PILOT_EFFECT = 0.6  # rate multiplier once a pilot has started (a 40 % fall)
TYPE_SHARES = {"physical": 0.40, "psychological": 0.25, "sexual": 0.10, "neglect": 0.15, "other": 0.10}
GROUP_SHARES = {"child": 0.25, "woman": 0.45, "man": 0.12, "elder": 0.12, "unknown": 0.06}
# Community rows are split by violence type only; a further split by victim
# group would make almost every community row zero.
COMMUNITY_GROUP = "unknown"


def _shares(shares: dict[str, float], order: tuple[str, ...]) -> np.ndarray:
    """Shares in the vocabulary's order."""
    return np.array([shares[code] for code in order])


def _trend(quarters: list[str]) -> np.ndarray:
    """The rate multiplier of each quarter: 1 in the last, lower before."""
    steps = np.arange(len(quarters)) - (len(quarters) - 1)
    return (1.0 + TREND_PER_QUARTER) ** steps


def _rates(rng: np.random.Generator, src: Sources, community: pd.DataFrame) -> pd.DataFrame:
    """Per district: reported cases per 100,000 per quarter, and the share referred.

    Bangkok's districts come first, then any district outside Bangkok that is
    home to a reporting community (Phra Pradaeng for Thai Kriang).
    """
    homes = community.loc[community["reports"], "dist_code"]
    outside = sorted(set(homes) - set(src.facts["dist_code"]))
    codes = [*src.facts["dist_code"], *outside]
    multiplier = {code: factor for members, factor in CLUSTERS for code in members}
    spread = rng.uniform(*DISTRICT_SPREAD, len(codes))
    return pd.DataFrame(
        {
            "rate": BASE_RATE * spread * np.array([multiplier.get(code, 1.0) for code in codes]),
            "referral": rng.uniform(*REFERRAL_SHARE, len(codes)),
        },
        index=pd.Index(codes, name="dist_code"),
    )


def _subdistrict_weights(src: Sources, community: pd.DataFrame) -> np.ndarray:
    """Each sub-district's share of its district: half even, half by its communities' estimated residents."""
    subs = src.subdistricts
    residents = community.groupby("subdist_code")["population"].sum()
    people = residents.reindex(subs["subdist_code"], fill_value=0).to_numpy(float)
    district_people = pd.Series(people).groupby(subs["dist_code"].to_numpy()).transform("sum").to_numpy()
    count = subs.groupby("dist_code")["subdist_code"].transform("count").to_numpy()
    by_people = np.divide(people, district_people, out=1.0 / count, where=district_people > 0)
    return 0.5 / count + 0.5 * by_people


def _district_rows(
    rng: np.random.Generator, src: Sources, quarters: list[str], rates: pd.DataFrame, community: pd.DataFrame
) -> pd.DataFrame:
    """District-level rows, by sub-district, for the people outside reporting communities.

    Every quarter x sub-district x violence type x victim group has a row, zeros included.
    """
    codes = src.facts["dist_code"].to_numpy()
    covered = community[community["reports"]].groupby("dist_code")["population"].sum()
    people = pd.Series(src.facts["pop_total"].to_numpy() - covered.reindex(codes, fill_value=0).to_numpy(), codes)
    subs = src.subdistricts
    owner = subs["dist_code"].to_numpy()
    per_quarter = people[owner].to_numpy() / 1e5 * rates.loc[owner, "rate"].to_numpy()
    per_quarter *= _subdistrict_weights(src, community)
    expected = (
        _trend(quarters)[:, None, None, None]
        * per_quarter[None, :, None, None]
        * _shares(TYPE_SHARES, VIOLENCE_TYPES)[None, None, :, None]
        * _shares(GROUP_SHARES, VICTIM_GROUPS)[None, None, None, :]
    )
    reported = rng.poisson(expected)
    referred = rng.binomial(reported, rates.loc[owner, "referral"].to_numpy()[None, :, None, None])
    q, s, t, g = (axis.ravel() for axis in np.indices(reported.shape))
    return pd.DataFrame(
        {
            "quarter": np.array(quarters)[q],
            "dist_code": owner[s],
            "subdist_code": subs["subdist_code"].to_numpy()[s],
            "community_id": "",
            "violence_type": np.array(VIOLENCE_TYPES)[t],
            "victim_group": np.array(VICTIM_GROUPS)[g],
            "cases_reported": reported.ravel(),
            "cases_referred": referred.ravel(),
        }
    )


def _community_rows(
    rng: np.random.Generator, quarters: list[str], rates: pd.DataFrame, community: pd.DataFrame
) -> pd.DataFrame:
    """Rows of the pilot and comparison communities, by quarter and violence type.

    A pilot's rate falls by the :data:`PILOT_EFFECT` from its first quarter on.
    """
    reporting = community[community["reports"]]
    codes = reporting["dist_code"].to_numpy()
    per_quarter = reporting["population"].to_numpy() / 1e5 * rates.loc[codes, "rate"].to_numpy() * COMMUNITY_RISK
    start = np.array([quarters.index(s) if s else len(quarters) for s in reporting["pilot_start"]])
    effect = np.where(np.arange(len(quarters))[:, None] >= start[None, :], PILOT_EFFECT, 1.0)
    expected = (_trend(quarters)[:, None] * per_quarter[None, :] * effect)[:, :, None] * _shares(
        TYPE_SHARES, VIOLENCE_TYPES
    )
    reported = rng.poisson(expected)
    referred = rng.binomial(reported, rates.loc[codes, "referral"].to_numpy()[None, :, None])
    q, c, t = (axis.ravel() for axis in np.indices(reported.shape))
    return pd.DataFrame(
        {
            "quarter": np.array(quarters)[q],
            "dist_code": codes[c],
            "subdist_code": reporting["subdist_code"].to_numpy()[c],
            "community_id": reporting["community_id"].to_numpy()[c],
            "violence_type": np.array(VIOLENCE_TYPES)[t],
            "victim_group": COMMUNITY_GROUP,
            "cases_reported": reported.ravel(),
            "cases_referred": referred.ravel(),
        }
    )


def case_rows(rng: np.random.Generator, src: Sources, quarters: list[str], community: pd.DataFrame) -> pd.DataFrame:
    """The cases file: per quarter and district, its sub-district rows then its communities' rows.

    ``community`` is the register with ``subdist_code`` (empty outside the
    180 sub-districts) and a ``reports`` flag.
    """
    rates = _rates(rng, src, community)
    rows = pd.concat(
        [
            _district_rows(rng, src, quarters, rates, community),
            _community_rows(rng, quarters, rates, community),
        ],
        ignore_index=True,
    )
    rows = rows.sort_values(["quarter", "dist_code", "community_id", "subdist_code"], kind="stable", ignore_index=True)
    rows.insert(2, "district", rows["dist_code"].map(src.names))
    return rows
