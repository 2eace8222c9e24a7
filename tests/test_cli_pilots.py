"""`python -m etl export pilot-evaluation` as an analyst runs it: every field present, the published figures,
another quarter computed from the snapshot alone, a readable summary, and mistakes refused in words."""

from __future__ import annotations

import json

import pytest

from db import read
from etl.demo import QUARTERS as DEMO_QUARTERS
from etl.messages import render
from tests.helpers import etl

LATEST = DEMO_QUARTERS[-1]
FIELDS = {
    "n_pilots",
    "n_comparison",
    "rate_ratio",
    "rate_ratio_ci",
    "difference",
    "difference_ci",
    "p_randomization",
    "enough",
    "enough_reason",
    "mde",
    "event_study",
}


def test_json_has_every_field_and_the_published_figures(demo_published, tmp_path):
    out = tmp_path / "evaluation.json"
    done = etl(
        "export", "pilot-evaluation", "--quarter", LATEST, "--comparison", "matched", "--json", "--out", str(out),
        "--published", str(demo_published),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result = json.loads(out.read_text(encoding="utf-8"))
    assert FIELDS | {"comparison", "referral"} <= set(result) and set(result["referral"]) >= FIELDS
    assert result["comparison"] == "matched" and result["published"] is True
    published = read.pilot_evaluation(demo_published, LATEST, "matched")
    row = published["pilot_evaluation"].set_index("outcome").loc["reported"]
    assert result["rate_ratio"] == row["rate_ratio"]
    assert result["rate_ratio_ci"] == [row["rate_ratio_low"], row["rate_ratio_high"]]
    assert result["difference_ci"] == [row["difference_low"], row["difference_high"]]
    assert result["p_randomization"] == row["p_randomization"] and result["mde"] == row["mde"]
    assert result["enough"] is True and result["n_pilots"] >= 5
    assert [e["relative_quarter"] for e in result["event_study"]] == list(range(-4, 4))
    assert all(set(e) == {"relative_quarter", "estimate", "ci_low", "ci_high"} for e in result["event_study"])
    roles = {c["role"] for c in result["compared"]}
    assert {"pilot", "comparison", "spillover"} <= roles
    assert len(result["compared"]) == len(published["pilot_compared"])


@pytest.mark.slow
def test_another_quarter_is_computed_from_the_snapshot_and_says_why_it_is_not_enough(demo_published):
    quarter = DEMO_QUARTERS[-6]  # the last pilot (2025Q1) has no four quarters from its start yet
    done = etl("export", "pilot-evaluation", "--quarter", quarter, "--json", "--published", str(demo_published))
    assert done.returncode == 0, done.stderr
    assert "Computed from the snapshot's protected cells" in done.stderr
    result = json.loads(done.stdout)
    assert result["published"] is False and result["quarter"] == quarter
    assert result["enough"] is False and result["n_pilots"] < 5
    assert result["enough_reason"].startswith(f"Only {result['n_pilots']} pilot(s)")
    assert set(result["referral"]) >= FIELDS


@pytest.mark.slow
def test_recomputing_the_latest_quarter_from_the_snapshot_gives_the_published_figures(demo_published):
    from etl.publish.pilot_evaluation import counts_of, evaluation_tables

    counts = counts_of(read.community_cells(demo_published), read.meta(demo_published).hidden_estimate)
    again = evaluation_tables(counts, read.community_register(demo_published), [LATEST], ("same-district",))
    published = read.pilot_evaluation(demo_published, LATEST, "same-district")["pilot_evaluation"]
    columns = [c for c in published.columns if c in again["pilot_evaluation"].columns]
    assert again["pilot_evaluation"][columns].equals(published[columns])


def test_readable_summary(demo_published):
    done = etl("export", "pilot-evaluation", "--quarter", LATEST, "--published", str(demo_published))
    assert done.returncode == 0, done.stderr
    text = done.stdout
    assert f"Pilot evaluation up to {LATEST}, comparison group: all" in text
    assert "rate ratio" in text and "randomization p" in text and "minimum detectable rate ratio" in text
    assert "Referral rate:" in text and "-1: 1.00 (reference)" in text


@pytest.mark.parametrize(
    ("options", "code", "message"),
    [
        (["--window", "1q"], 2, "--window does not apply to pilot-evaluation"),
        (["--no-suppress"], 2, "--no-suppress does not apply"),
        (["--comparison", "nearest"], 2, "invalid choice: 'nearest'"),
    ],
)
def test_mistakes_are_refused_in_words(demo_published, options, code, message):
    done = etl("export", "pilot-evaluation", "--quarter", LATEST, *options, "--published", str(demo_published))
    assert done.returncode == code and message in done.stderr


def test_a_quarter_without_cases_exits_1(demo_published):
    done = etl("export", "pilot-evaluation", "--quarter", "2001Q1", "--published", str(demo_published))
    assert done.returncode == 1 and "No data for" in done.stderr


@pytest.mark.parametrize("lang", ["en", "th"])
def test_briefing_states_the_published_rate_ratio_and_randomization_p(demo_published, lang):
    from etl.briefing.content import gather

    row = read.pilot_evaluation(demo_published, LATEST, "all")["pilot_evaluation"].set_index("outcome")
    main = row.loc["reported"]
    text = gather(demo_published, DEMO_QUARTERS[-3], "4q", lang).pilot  # an earlier window: still the latest's
    low, high = f"{main['rate_ratio_low']:.2f}", f"{main['rate_ratio_high']:.2f}"
    assert f"{main['rate_ratio']:.2f}" in text and low in text and high in text
    assert f"{main['p_randomization']:.3f}" in text
    verdict = "unclear" if main["p_randomization"] >= 0.05 else "lower"
    assert render(f"briefing.verdict.{verdict}", lang) in text
