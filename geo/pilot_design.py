"""Who the pilot evaluation compares with whom: pilots with a full event window, spillover, comparison groups.

Inputs are two plain frames. ``counts`` has one row per community and quarter
with ``community_id``, ``quarter`` (``'YYYYQn'``), ``reported`` and
``referred`` (floats; NaN where unknown). ``communities`` is the register:
``community_id``, ``dist_code``, ``population``, ``pilot``, ``pilot_start``,
``lon`` and ``lat``. A community with no rows in ``counts`` (it reports no
rows of its own) is never compared.

The design is stacked by cohort (Cengiz, Dube, Lindner & Zipperer 2019): the
pilots that start in the same quarter form a cohort, and each cohort is set
against never-piloted communities over the same calendar quarters, from four
quarters before the start (relative quarter -4) to the fourth quarter from it
(relative quarter 3). Pilots that started earlier or later never serve as
comparisons, so staggered starts cause no "forbidden comparisons".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.quarters import is_key, shift
from geo.joins import points
from geo.projection import to_metric

__all__ = [
    "COMPARISONS",
    "MATCHES_PER_PILOT",
    "RELATIVE_QUARTERS",
    "SPILLOVER_M",
    "Design",
    "design",
    "event_window",
    "stack_rows",
]

COMPARISONS = ("all", "same-district", "matched")
RELATIVE_QUARTERS = tuple(range(-4, 4))  # the start quarter is 0
# A safe space draws people from its neighbourhood: communities closer than this to any pilot may be
# affected by it, so they are not comparisons. Straight line between register points, EPSG:32647.
SPILLOVER_M = 500.0
MATCHES_PER_PILOT = 2  # nearest neighbours per pilot in the matched group, without replacement

# Roles of the communities in the design (table of who was compared)
PILOT, COMPARISON = "pilot", "comparison"
SHORT = "pilot_short"  # a pilot without four quarters before and four from its start up to the end quarter
ALONE = "pilot_alone"  # a pilot with no comparison of its group (same district, or none left to match)
SPILLOVER = "spillover"  # a never-piloted community within SPILLOVER_M of a pilot
NOT_CHOSEN = "not_chosen"  # a never-piloted community the chosen group leaves out


def event_window(start: str) -> list[str]:
    """The calendar quarters of relative quarters -4 to 3 around ``start``.

    >>> event_window("2024Q1")[:2], event_window("2024Q1")[-1]
    (['2023Q1', '2023Q2'], '2024Q4')
    """
    return [shift(start, r) for r in RELATIVE_QUARTERS]


@dataclass(frozen=True)
class Design:
    """Who is compared: ``members`` has one row per reporting community of the register with ``community_id``,
    ``role``, ``stratum`` (the pilots and comparisons that may swap labels in the randomization test), ``start``
    (a pilot's start quarter; None for comparisons) and ``distance_m`` (to the nearest pilot; NaN for pilots)."""

    comparison: str
    end: str
    members: pd.DataFrame

    @property
    def sample(self) -> pd.DataFrame:
        """The pilots and comparisons in the evaluation: ``community_id``, ``stratum``, ``start``."""
        chosen = self.members[self.members["role"].isin([PILOT, COMPARISON])]
        return chosen[["community_id", "stratum", "start"]].reset_index(drop=True)

    def count(self, role: str) -> int:
        return int((self.members["role"] == role).sum())


def _nearest_pilot_m(register: pd.DataFrame, pilots: pd.DataFrame) -> pd.Series:
    """Straight-line distance in metres (EPSG:32647) from each community to the nearest pilot."""
    located = pilots.dropna(subset=["lon", "lat"])
    if located.empty:
        return pd.Series(np.inf, index=register.index)
    here = to_metric(points(register["lon"], register["lat"]))
    there = to_metric(points(located["lon"], located["lat"]))
    xy = np.column_stack([here.x, here.y])
    pilot_xy = np.column_stack([there.x, there.y])
    distance = np.sqrt(((xy[:, None, :] - pilot_xy[None, :, :]) ** 2).sum(axis=2)).min(axis=1)
    return pd.Series(np.where(np.isnan(distance), np.inf, distance), index=register.index)


def _pre_rates(counts: pd.DataFrame, population: pd.Series, start: str) -> pd.Series:
    """Each community's reported cases per 100,000 per quarter over relative quarters -4 to -1 of ``start``."""
    before = counts[counts["quarter"].isin(event_window(start)[:4])]
    sums = before.groupby("community_id").agg(cases=("reported", "sum"), quarters=("quarter", "nunique"))
    people = population.reindex(sums.index) * sums["quarters"]
    return 1e5 * sums["cases"] / people


def _matched(counts: pd.DataFrame, pilots: pd.DataFrame, pool: pd.DataFrame) -> dict[str, str]:
    """Comparison id -> the pilot it is matched to: for each pilot (earliest start first), the
    :data:`MATCHES_PER_PILOT` nearest unmatched communities on log population and pre-period rate, each
    scaled by its standard deviation over the pool (standardised Euclidean distance)."""
    population = pd.concat([pilots, pool]).set_index("community_id")["population"].astype(float)
    taken: dict[str, str] = {}
    for pilot in pilots.sort_values(["start", "community_id"]).itertuples():
        free = pool[~pool["community_id"].isin(list(taken))].sort_values("community_id")
        if free.empty:
            break
        rates = _pre_rates(counts, population, pilot.start)
        features = np.column_stack(
            [np.log(population.reindex(free["community_id"])), rates.reindex(free["community_id"]).fillna(0.0)]
        )
        own = np.array([np.log(population[pilot.community_id]), rates.get(pilot.community_id, 0.0)])
        scale = np.nanstd(np.vstack([features, own]), axis=0, ddof=1)
        scale[~(scale > 0)] = 1.0
        distance = np.sqrt((((features - own) / scale) ** 2).sum(axis=1))
        for at in np.argsort(distance, kind="stable")[:MATCHES_PER_PILOT]:
            taken[free["community_id"].iloc[at]] = pilot.community_id
    return taken


def design(counts: pd.DataFrame, communities: pd.DataFrame, end: str, comparison: str = "all") -> Design:
    """Choose the pilots and comparison communities of the evaluation up to ``end``.

    A pilot enters when it has rows in all eight quarters from four before its
    start to the fourth from it, all up to ``end``. Never-piloted communities
    within :data:`SPILLOVER_M` metres of any pilot are left out (spillover).
    ``comparison`` chooses among the rest: ``all`` of them; ``same-district``,
    those in a pilot's own district (a pilot without one is left out); or
    ``matched``, the :data:`MATCHES_PER_PILOT` nearest neighbours of each pilot
    on log population and the rate over relative quarters -4 to -1, without
    replacement (Stuart 2010). The ``stratum`` of a member is the group it is
    compared within: one for ``all``, the district, or the pilot's matched set.

    Examples
    --------
    >>> quarters = [shift("2023Q1", i) for i in range(8)]
    >>> counts = pd.DataFrame([(c, q, 1.0, 0.0) for c in "abcd" for q in quarters],
    ...     columns=["community_id", "quarter", "reported", "referred"])
    >>> register = pd.DataFrame({"community_id": list("abcd"), "dist_code": ["1", "1", "2", "2"],
    ...     "population": 1000, "pilot": [True, False, False, True],
    ...     "pilot_start": ["2024Q1", None, None, "2024Q2"], "lon": [100.5, 100.6, 100.7, 100.8], "lat": 13.7})
    >>> chosen = design(counts, register, "2024Q4", "same-district")
    >>> chosen.members[["community_id", "role", "stratum"]].to_records(index=False).tolist()
    [('a', 'pilot', '1'), ('b', 'comparison', '1'), ('c', 'not_chosen', '2'), ('d', 'pilot_short', '2')]
    """
    if comparison not in COMPARISONS:
        raise ValueError(f"unknown comparison {comparison!r}; expected one of {', '.join(COMPARISONS)}")
    counts = counts[counts["quarter"] <= end]
    have = counts.groupby("community_id")["quarter"].agg(set)
    register = communities[
        communities["community_id"].isin(have.index) & (pd.to_numeric(communities["population"], errors="coerce") > 0)
    ].copy()
    register = register.sort_values("community_id").reset_index(drop=True)
    starts = register["pilot_start"].where(register["pilot"].fillna(False).astype(bool))
    register["start"] = pd.Series([s if isinstance(s, str) and is_key(s) else None for s in starts], dtype=object)
    is_pilot = register["start"].notna()
    register["distance_m"] = _nearest_pilot_m(register, register[is_pilot]).where(~is_pilot)
    full = np.array(
        [
            isinstance(start, str) and set(event_window(start)) <= have[cid]
            for cid, start in zip(register["community_id"], register["start"], strict=True)
        ],
        dtype=bool,
    )
    register["role"] = np.select(
        [is_pilot & full, is_pilot, register["distance_m"] < SPILLOVER_M], [PILOT, SHORT, SPILLOVER], COMPARISON
    )
    register["stratum"] = "all" if comparison == "all" else register["dist_code"].astype(str)
    pilots, pool = register[register["role"] == PILOT], register[register["role"] == COMPARISON]
    if comparison == "same-district":
        register.loc[(register["role"] == COMPARISON) & ~register["stratum"].isin(pilots["stratum"]), "role"] = (
            NOT_CHOSEN
        )
    elif comparison == "matched":
        matched = register["community_id"].map(_matched(counts, pilots, pool)).astype(object)
        register.loc[(register["role"] == COMPARISON) & matched.isna(), "role"] = NOT_CHOSEN
        register["stratum"] = matched.fillna(register["community_id"].where(register["role"] == PILOT))
        register["stratum"] = register["stratum"].fillna("")
    compared = register.loc[register["role"] == COMPARISON, "stratum"]
    register.loc[(register["role"] == PILOT) & ~register["stratum"].isin(compared), "role"] = ALONE
    columns = ["community_id", "role", "stratum", "start", "distance_m"]
    return Design(comparison, end, register[columns])


def stack_rows(counts: pd.DataFrame, communities: pd.DataFrame, sample: pd.DataFrame) -> pd.DataFrame:
    """The stacked panel of ``sample`` (``community_id``, ``stratum``, ``start``): for each cohort (start
    quarter), its pilots and the comparisons of their strata over relative quarters -4 to 3.

    Returns one row per cohort, community and quarter with rows in ``counts``: ``cohort``,
    ``community_id``, ``quarter``, ``rel``, ``treated`` (this cohort's pilot), ``post`` (``rel`` >= 0),
    ``reported``, ``referred`` and ``population``.
    """
    population = communities.set_index("community_id")["population"].astype(float)
    parts = []
    for cohort in sorted(sample["start"].dropna().unique()):
        pilots = sample[sample["start"] == cohort]
        units = pd.concat([pilots, sample[sample["start"].isna() & sample["stratum"].isin(pilots["stratum"])]])
        relative = dict(zip(event_window(cohort), RELATIVE_QUARTERS, strict=True))
        rows = counts[counts["community_id"].isin(units["community_id"]) & counts["quarter"].isin(list(relative))]
        parts.append(
            rows.assign(
                cohort=cohort,
                rel=rows["quarter"].map(relative),
                treated=rows["community_id"].isin(pilots["community_id"]),
            )
        )
    columns = ["cohort", "community_id", "quarter", "rel", "treated", "post", "reported", "referred", "population"]
    if not parts:
        return pd.DataFrame(columns=columns)
    stacked = pd.concat(parts, ignore_index=True)
    stacked["post"] = stacked["rel"] >= 0
    stacked["population"] = stacked["community_id"].map(population)
    return stacked[columns]
