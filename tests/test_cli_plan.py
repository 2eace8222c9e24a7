"""`python -m etl plan sites` as a planner runs it: the JSON recomputes by hand, bad input exits 1 in words."""

from __future__ import annotations

import json

import numpy as np
import pytest
from pyproj import Transformer

from tests.helpers import etl

TO_METRES = Transformer.from_crs("EPSG:4326", "EPSG:32647", always_xy=True)


def metres(points: list[dict]) -> np.ndarray:
    x, y = TO_METRES.transform([p["lon"] for p in points], [p["lat"] for p in points])
    return np.column_stack([x, y]).reshape(-1, 2)


def covered_weight(result: dict, sites: list[dict]) -> float:
    """By hand from the JSON alone: the weight of demand points within the radius of any safe space."""
    demand = metres(result["demand"])
    weights = np.array([p["weight"] for p in result["demand"]])
    safe = metres(result["existing"] + sites)
    distance = np.sqrt(((demand[:, None, :] - safe[None, :, :]) ** 2).sum(axis=2))
    return float(weights[(distance <= result["radius_m"]).any(axis=1)].sum())


@pytest.mark.slow
def test_json_holds_what_recomputes_the_result(demo_published, tmp_path):
    out = tmp_path / "plan.json"
    done = etl("plan", "sites", "--k", "10", "--json", "--out", str(out), "--published", str(demo_published))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert json.loads(out.read_text(encoding="utf-8")) == result
    assert result["scenario"] is True and result["radius_m"] == 3000 and len(result["candidates"]) == 2016
    sites = result["sites"]
    assert len(sites) == 10 and {s["site_id"] for s in sites} <= {c["site_id"] for c in result["candidates"]}
    assert all({"site_id", "name", "lat", "lon", "dist_code"} <= set(s) for s in sites)
    assert result["covered_before"] == pytest.approx(covered_weight(result, []))
    assert result["covered_after"] == pytest.approx(covered_weight(result, sites))
    assert result["covered_after"] >= result["greedy"]["covered_after"] > result["covered_before"]
    assert sum(s["weight_new"] for s in sites) == pytest.approx(result["covered_after"] - result["covered_before"])


def test_text_in_thai_says_it_is_a_scenario(demo_published):
    done = etl(
        "plan", "sites", "--k", "2", "--model", "p-median", "--candidates", "district-offices", "--lang", "th",
        "--published", str(demo_published),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("สถานการณ์สมมติ ไม่ใช่ข้อมูลจริง") and "p-median" in done.stdout
    assert len([line for line in done.stdout.splitlines() if line[:2] in {"1 ", "2 "}]) == 2


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--k", "0"], "choose from 1 to 2016"),
        (["--k", "70", "--candidates", "health-centres"], "choose from 1 to 69"),
        (["--k", "3", "--radius", "150"], "outside 200–20,000 m"),
        (["--k", "3", "--candidates", "schools"], "Unknown candidate set 'schools'"),
        (["--k", "3", "--model", "lscp"], "Unknown model 'lscp'"),
        (["--k", "3", "--model", "p-median", "--time-limit", "0"], "no proven best plan within 0 s"),
    ],
)
def test_bad_input_exits_1_with_what_to_fix(demo_published, args, words):
    done = etl("plan", "sites", *args, "--published", str(demo_published))
    assert done.returncode == 1 and words in done.stderr and "Traceback" not in done.stderr
