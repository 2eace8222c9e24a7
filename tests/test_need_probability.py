"""Need as a probability: P(a district's rate > Bangkok's) under the Poisson-Gamma model behind the smoothing,
checked against the Gamma posterior written out by hand, and shown with its caveat where need is shown."""

from __future__ import annotations

import json

import numpy as np
import pytest
from scipy import stats

from db import read
from etl.demo import QUARTERS as DEMO_QUARTERS
from geo.smoothing import eb_rate_per_100k, exceedance_probability
from tests.helpers import snapshot_of
from ui.i18n import t

CASES = np.array([3.0, 40.0, 60.0, 12.0, np.nan])
PEOPLE = np.array([2_000.0, 100_000.0, 100_000.0, 20_000.0, 5_000.0])


def test_probability_is_the_upper_tail_of_the_gamma_posterior():
    known = np.isfinite(CASES)
    y, b = CASES[known], PEOPLE[known]
    m = y.sum() / b.sum()
    s2 = (b * (y / b - m) ** 2).sum() / b.sum() - m / b.mean()  # Marshall's between-area variance
    shape, rate = m**2 / s2, m / s2
    expected = stats.gamma.sf(m, a=shape + y, scale=1 / (rate + b))
    got = exceedance_probability(CASES, PEOPLE)
    assert got[known] == pytest.approx(expected, rel=1e-9)
    assert np.isnan(got[~known]).all()
    # the posterior mean is the smoothed rate: the same model
    posterior_mean = (shape + y) / (rate + b) * 1e5
    assert eb_rate_per_100k(CASES, PEOPLE)[known] == pytest.approx(posterior_mean, rel=1e-9)


def test_no_probability_when_rates_vary_no_more_than_chance():
    assert np.isnan(exceedance_probability([10, 10, 10], [100_000, 100_000, 100_000])).all()


def test_published_in_tenths_for_every_district_with_a_smoothed_rate(demo_published):
    table = read.district_summary(demo_published, "4q", DEMO_QUARTERS[-1])
    known = table["need_prob"].dropna()
    assert len(known) == table["eb_rate_per_100k"].notna().sum() == 50
    assert ((known * 10).round(9) % 1 == 0).all() and known.between(0, 1).all()
    # the hot-spot cluster the demo plants is where the chance is highest
    cluster = table[table["name_en"].isin(["Nong Chok", "Lat Krabang", "Min Buri", "Khlong Sam Wa"])]
    assert (cluster["need_prob"] >= 0.9).all()


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["th", "en"])
def test_coverage_map_shows_the_chance_and_the_reporting_caveat(demo_shared, open_app, lang):
    app = open_app(demo_shared, lang, "pages/coverage.py")
    assert not app.exception and not app.error
    assert t("coverage.need_caveat", lang) in [c.value for c in app.caption]
    (spec,) = [
        s for s in map(json.loads, (c.proto.json for c in app.get("deck_gl_json_chart"))) if "districts" in str(s)
    ]
    (layer,) = [layer for layer in spec["layers"] if layer["id"] == "districts"]
    shown = {f["properties"]["dist_code"]: f["properties"]["need_prob"] for f in layer["data"]["features"]}
    summary = read.district_summary(snapshot_of(demo_shared), "4q", DEMO_QUARTERS[-1])
    assert shown == {code: f"{p:.1f}" for code, p in zip(summary["dist_code"], summary["need_prob"], strict=True)}
