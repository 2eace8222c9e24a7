"""The load history as readers see it: one row per load, newest first, in the user's language, when it was
loaded (Bangkok date and time, Buddhist Era in Thai) first.

File names come from uploads: they are shown as table cells (text), never as markup.
"""

from __future__ import annotations

import pandas as pd

from ui.i18n import N_, t
from ui.periods import datetime_label

__all__ = ["history_table"]

KINDS = {
    "boundaries": N_("history.kind.boundaries"),
    "cases": N_("history.kind.cases"),
    "communities": N_("history.kind.communities"),
    "population": N_("history.kind.population"),
    "services": N_("history.kind.services"),
}
STATUSES = {"active": N_("history.status.active"), "reverted": N_("history.status.reverted")}


def history_table(loads: pd.DataFrame) -> pd.DataFrame:
    """:func:`db.read.load_history` with translated headers, kinds and statuses, and Bangkok dates and times."""
    return pd.DataFrame(
        {
            t("history.load_id"): loads["load_id"],
            t("history.loaded_at"): loads["loaded_at"].map(datetime_label),  # two loads a day are told apart
            t("history.kind"): loads["kind"].map(lambda k: t(KINDS[k])),
            t("history.file"): loads["file_name"],
            t("history.rows"): loads["rows"],
            t("history.loaded_by"): loads["loaded_by"],
            t("history.status"): loads["status"].map(lambda s: t(STATUSES[s]))
            + loads["reverted_by"].map(lambda by: f" ({by})" if isinstance(by, str) else ""),
            t("history.synthetic"): loads["synthetic"].map(lambda s: t("history.demo") if s else ""),
            # Last: a long list of quarters would push the other columns out of sight.
            t("history.quarters"): loads["quarters"].fillna("").str.replace(",", ", "),
        }
    )
