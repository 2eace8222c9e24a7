"""The pilot evaluation (:mod:`geo.pilot_evaluation`) of protected community cells, as snapshot tables.

Its inputs are the protected area cells of communities that report their own
rows (a shown cell as published, a hidden one as the middle of 1–4) and the
community register, both of which the snapshot itself holds: so every figure
here can be recomputed from the snapshot, and reveals no more than it.

It is the heaviest output of the publish step (a Poisson fit for each of
hundreds of relabellings), so each publish computes it for the latest
quarter only, for every comparison group; ``python -m etl export
pilot-evaluation`` computes any other quarter from the snapshot on request.
"""

from __future__ import annotations

import pandas as pd

from etl.messages import N_, render
from geo.pilot_design import COMPARISONS
from geo.pilot_evaluation import OUTCOMES, evaluate

__all__ = ["DECIMALS", "TABLES", "counts_of", "evaluation_tables"]

# Published precision: enough for the page and the export, no more
DECIMALS = {"rate_ratio": 2, "difference": 1, "p_randomization": 3, "mde": 2, "event_study": 2, "distance_m": -1}
TABLES = ("pilot_evaluation", "pilot_event_study", "pilot_compared")
REASONS = {  # geo.pilot_evaluation's reason codes -> their messages
    "few_pilots": N_("pilot_eval.few_pilots"),
    "few_comparisons": N_("pilot_eval.few_comparisons"),
    "no_estimate": N_("pilot_eval.no_estimate"),
    "enough": N_("pilot_eval.enough"),
}


def counts_of(cells: pd.DataFrame, hidden: float) -> pd.DataFrame:
    """Community-quarter rows of the protected ``cells`` (``community_id`` not empty): ``reported`` and
    ``referred`` as published, a hidden cell counting as ``hidden``; ``referred`` NaN where unknown."""
    mine = cells[cells["community_id"] != ""]
    reported = mine["cases_reported"].where(~mine["cases_reported_hidden"].astype(bool), hidden)
    referred = mine["cases_referred"].where(~mine["cases_referred_hidden"].astype(bool), hidden)
    frame = pd.DataFrame(
        {"community_id": mine["community_id"], "quarter": mine["quarter"], "reported": reported, "referred": referred}
    )
    # one cell per community and quarter: a community lies in one district
    return frame.groupby(["community_id", "quarter"], as_index=False).sum(min_count=1)


def _round(value, decimals: int):
    return None if value is None else round(float(value), decimals) + 0.0  # no "-0.0"


def _rows(result: dict) -> tuple[list[dict], list[dict]]:
    """One evaluation row and eight event-study rows per outcome, rounded as published."""
    evaluation, events = [], []
    keys = {"end_quarter": result["quarter"], "comparison": result["comparison"]}
    for outcome in OUTCOMES:
        block = result if outcome == "reported" else result["referral"]
        ratio, difference = DECIMALS["rate_ratio"], DECIMALS["difference"]
        evaluation.append(
            {
                **keys,
                "outcome": outcome,
                "n_pilots": block["n_pilots"],
                "n_comparison": block["n_comparison"],
                "rate_ratio": _round(block["rate_ratio"], ratio),
                "rate_ratio_low": _round(block["rate_ratio_ci"][0], ratio),
                "rate_ratio_high": _round(block["rate_ratio_ci"][1], ratio),
                "difference": _round(block["difference"], difference),
                "difference_low": _round(block["difference_ci"][0], difference),
                "difference_high": _round(block["difference_ci"][1], difference),
                "p_randomization": _round(block["p_randomization"], DECIMALS["p_randomization"]),
                "mde": _round(block["mde"], DECIMALS["mde"]),
                "enough": block["enough"],
                "reason": block["reason"],
                "reason_en": render(REASONS[block["reason"]], "en", **block["reason_params"]),
                "reason_th": render(REASONS[block["reason"]], "th", **block["reason_params"]),
                "spillover_m": result["spillover_m"],
                "n_permutations": result["n_permutations"],
            }
        )
        for entry in block["event_study"]:
            rounded = {k: _round(entry[k], DECIMALS["event_study"]) for k in ("estimate", "ci_low", "ci_high")}
            events.append({**keys, "outcome": outcome, "relative_quarter": entry["relative_quarter"], **rounded})
    return evaluation, events


def evaluation_tables(
    counts: pd.DataFrame, communities: pd.DataFrame, ends: list[str], comparisons: tuple[str, ...] = COMPARISONS
) -> dict[str, pd.DataFrame]:
    """The three tables of the evaluation up to each quarter of ``ends``, for each of ``comparisons``."""
    evaluation, events, compared = [], [], []
    for end in ends:
        for comparison in comparisons:
            result = evaluate(counts, communities, end, comparison)
            rows, event_rows = _rows(result)
            evaluation += rows
            events += event_rows
            members = result["members"].assign(end_quarter=end, comparison=comparison)
            members["distance_m"] = members["distance_m"].round(DECIMALS["distance_m"])
            compared.append(members)
    columns = ["end_quarter", "comparison", "community_id", "role", "stratum", "start", "distance_m"]
    members = pd.concat(compared, ignore_index=True)[columns] if compared else pd.DataFrame(columns=columns)
    return {
        "pilot_evaluation": pd.DataFrame(evaluation),
        "pilot_event_study": pd.DataFrame(events),
        "pilot_compared": members.astype({"start": object}),
    }
