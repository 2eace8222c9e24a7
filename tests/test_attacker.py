"""Play the attacker against the published snapshot: nothing in it gives back a hidden or rounded count.

The core argument is structural: every published figure depends on the true
counts only through the protected cells. It is tested the way an attacker
would lose: two warehouses whose true counts differ, but whose protected
cells are the same, publish identical snapshots, so every attack (inverting
the smoothed rate, differencing windows and quarters, subtracting parts from
totals, reading class bounds) gives the same answer for two different
truths, and recovers neither. The attacks are then run for real on the
snapshot, with the true counts at hand to score them.
"""

from __future__ import annotations

import shutil

import duckdb
import numpy as np
import pandas as pd
import pytest

from core import quarters
from db import read
from db.snapshot import published_path
from etl.load import load_file
from etl.publish import publish
from tests.helpers import published

SMALL = {1, 2, 3, 4}
QUARTERS = quarters.window("2025Q2", 6)
DISTRICTS = [str(code) for code in range(1001, 1051)]
COMMUNITIES = (
    "community_id,name_th,name_en,lat,lon,dist_code,population,pilot,pilot_start\n"
    "P-1,ชุมชนนำร่อง 1,Pilot 1,13.7777,100.5151,1002,4000,true,2024Q4\n"
    "P-2,ชุมชนนำร่อง 2,Pilot 2,13.7377,100.5340,1007,3500,true,2024Q4\n"
    "C-1,ชุมชนเปรียบเทียบ 1,Comparison 1,13.7780,100.5155,1002,4200,false,\n"
    "C-2,ชุมชนเปรียบเทียบ 2,Comparison 2,13.7380,100.5345,1007,3900,false,\n"
)


def protected(value: int) -> float | None:
    """The published form of a cell, by hand: 0, hidden (None) or rounded half up to a multiple of 5."""
    if value == 0:
        return 0.0
    return None if value < 5 else float(np.floor(value / 5 + 0.5) * 5)


def truth(seed: int) -> pd.DataFrame:
    """One row per quarter, district (and four communities): true counts, many of them small."""
    rng = np.random.default_rng(seed)
    rows = [(q, d, "") for q in QUARTERS for d in DISTRICTS]
    rows += [
        (q, d, c) for q in QUARTERS for c, d in (("P-1", "1002"), ("P-2", "1007"), ("C-1", "1002"), ("C-2", "1007"))
    ]
    frame = pd.DataFrame(rows, columns=["quarter", "dist_code", "community_id"])
    frame["cases_reported"] = rng.poisson(np.where(frame["community_id"] == "", 9.0, 3.0))
    frame["cases_referred"] = rng.binomial(frame["cases_reported"], 0.6)
    return frame


def same_cells_other_truth(frame: pd.DataFrame, seed: int) -> pd.DataFrame:
    """Other true counts with the same protected cells: +1 here and -1 there within each quarter, only where
    neither cell's published form changes (so Bangkok's totals, and its category cells, stay equal too)."""
    rng = np.random.default_rng(seed)
    other = frame.copy()
    for _, rows in other.groupby("quarter"):
        index = rng.permutation(rows.index.to_numpy())
        for up, down in zip(index[0::2], index[1::2], strict=False):
            a, b = other.at[up, "cases_reported"], other.at[down, "cases_reported"]
            same = protected(a + 1) == protected(a) and b >= 1 and protected(b - 1) == protected(b)
            if same and other.at[down, "cases_referred"] <= b - 1:
                other.at[up, "cases_reported"], other.at[down, "cases_reported"] = a + 1, b - 1
    return other


def csv(frame: pd.DataFrame) -> bytes:
    out = frame.assign(violence_type="physical", victim_group="woman")
    return out.to_csv(index=False).encode()


@pytest.fixture(scope="module")
def twins(reference_template, tmp_path_factory):
    """Two published warehouses: true counts A and B differ in many cells, their protected cells do not."""
    a = truth(7)
    b = same_cells_other_truth(a, 8)
    assert (a["cases_reported"] != b["cases_reported"]).sum() > 100  # many true counts differ
    folder = tmp_path_factory.mktemp("twins")
    paths = []
    for name, frame in (("a", a), ("b", b)):
        path = folder / f"{name}.duckdb"
        shutil.copy(reference_template, path)
        load_file("communities", COMMUNITIES.encode(), "communities.csv", db=path)
        load_file("cases", csv(frame), "cases.csv", db=path)
        publish(path)
        paths.append(published_path(path))
    return (a, paths[0]), (b, paths[1])


def tables(snapshot) -> dict[str, pd.DataFrame]:
    """Every table of a snapshot but its time stamps and load history, in a stable order."""
    with duckdb.connect(str(snapshot), read_only=True) as con:
        names = [n for (n,) in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()]
        return {n: con.execute(f'SELECT * FROM "{n}" ORDER BY ALL').df() for n in names if n not in ("meta", "loads")}


@pytest.mark.slow
def test_other_true_counts_with_the_same_protected_cells_publish_the_same_snapshot(twins):
    (_, first), (_, second) = twins
    one, two = tables(first), tables(second)
    assert one.keys() == two.keys() and {"district_summary", "kpis", "pilot_evaluation"} <= one.keys()
    for name in one:
        pd.testing.assert_frame_equal(one[name], two[name], obj=name)


COUNT_COLUMNS = ("cases_reported", "cases_referred", "cases_before", "cases_after", "unreferred")


@pytest.mark.parametrize("which", [0, 1])
def test_no_table_holds_a_count_from_one_to_four(twins, which):
    _, snapshot = twins[which]
    for name, frame in tables(snapshot).items():
        for column in [c for c in frame.columns if c.startswith(COUNT_COLUMNS)]:
            if frame[column].dtype == bool:
                continue
            values = frame[column].dropna()
            assert not values.isin(SMALL).any(), (name, column)
            assert (values % 5 == 0).all(), (name, column)  # every published count is a multiple of 5


def test_the_gap_share_is_published_in_hundredths_and_pins_no_hidden_count(twins):
    """gap_share comes from the protected sums through Poisson draws from a fixed seed: districts whose true
    counts differ between the twins, hidden ones included, publish the same share, at the stated precision."""
    (a, first), (b, second) = twins
    for span, end in (("1q", QUARTERS[-1]), ("4q", QUARTERS[-1])):
        one = read.district_summary(first, span, end).set_index("dist_code")
        two = read.district_summary(second, span, end).set_index("dist_code")
        pd.testing.assert_series_equal(one["gap_share"], two["gap_share"])
        shares = one["gap_share"].dropna()
        assert len(shares) == 50 and shares.between(0, 1).all()
        assert np.allclose(shares * 100, np.round(shares * 100))  # hundredths, no finer
        assert (one["gap"] == (one["gap_share"] > 0.5)).all()
    latest_a, latest_b = (frame[frame["quarter"] == QUARTERS[-1]] for frame in (a, b))
    true_a, true_b = (frame.groupby("dist_code")["cases_reported"].sum() for frame in (latest_a, latest_b))
    assert (true_a != true_b).sum() > 5  # the same shares for many districts whose true counts differ ...
    hidden = latest_a["cases_reported"].map(protected).isna()
    assert (hidden & (latest_a["cases_reported"] != latest_b["cases_reported"])).any()  # ... hidden cells among them
    table = read.district_summary(first, "1q", QUARTERS[-1])
    assert table["gap_share"].nunique() > 1  # and the shares do vary: the check is not vacuous


def hidden_cells(frame: pd.DataFrame) -> pd.DataFrame:
    sums = frame.groupby(["quarter", "dist_code"])["cases_reported"].sum().reset_index()
    return sums[sums["cases_reported"].isin(SMALL)]


@pytest.mark.slow
def test_differencing_windows_and_quarters_gives_the_same_answer_for_two_truths(twins):
    """4 quarters ending at Q minus 4 quarters ending at Q-1 is Q minus Q-4: an attacker's route to a quarter."""
    (a, first), (b, second) = twins
    answers = []
    for snapshot in (first, second):
        guesses = {}
        for q in QUARTERS[4:]:
            now = read.district_summary(snapshot, "4q", q).set_index("dist_code")["cases_reported"]
            before = read.district_summary(snapshot, "4q", quarters.shift(q, -1)).set_index("dist_code")
            old = read.district_summary(snapshot, "1q", quarters.shift(q, -4)).set_index("dist_code")
            guesses[q] = now - before["cases_reported"] + old["cases_reported"]
        answers.append(pd.DataFrame(guesses))
    pd.testing.assert_frame_equal(answers[0], answers[1])
    district_a = a[a["community_id"] == ""].set_index(["quarter", "dist_code"])["cases_reported"]
    district_b = b[b["community_id"] == ""].set_index(["quarter", "dist_code"])["cases_reported"]
    differs = (district_a != district_b).groupby(level="quarter").sum()
    assert differs[QUARTERS[4:]].sum() > 10  # the same guesses for many differing truths: neither is recovered


def marshall_inverse(smoothed: pd.Series, population: pd.Series, cases_seen: pd.Series) -> pd.Series:
    """Solve Marshall's empirical Bayes rate back for each count, with the Bangkok mean and variance
    estimated from published figures (the attack the publish step must defeat)."""
    r = cases_seen / population
    m = cases_seen.sum() / population.sum()
    s2 = max((population * (r - m) ** 2).sum() / population.sum() - m / population.mean(), 0.0)
    weight = s2 / (s2 + m / population)
    return (smoothed / 100_000 - (1 - weight) * m) / weight * population


def test_inverting_the_smoothed_rate_gives_back_the_protected_estimate_not_the_truth(twins):
    (a, snapshot), _ = twins
    table = read.district_summary(snapshot, "1q", QUARTERS[-1]).set_index("dist_code")
    estimate = table["cases_reported"].where(~table["suppressed"], 2.5)  # what the publish step smoothed
    recovered = marshall_inverse(table["eb_rate_per_100k"], table["population"], estimate)
    true = a[a["quarter"] == QUARTERS[-1]].groupby("dist_code")["cases_reported"].sum().reindex(table.index)
    close_to_estimate = (recovered - estimate).abs() < 1.5
    assert close_to_estimate.mean() > 0.9  # the attack works: it returns what was smoothed ...
    hidden = table["suppressed"]
    assert hidden.any()
    # ... which, for a hidden district, is 2.5: never a whole number, so it pins no true count from 1 to 4.
    assert ((recovered[hidden] - true[hidden]).abs() >= 0.4).all()


def published_sum(cells: pd.DataFrame) -> float | None:
    """A sum of protected cells as the Methods page defines it, by hand (:func:`tests.helpers.published`);
    None where it is hidden."""
    return published(cells["cases_reported"].tolist(), cells["cases_reported_hidden"].astype(bool).tolist()).value


def test_parts_and_totals_are_sums_of_the_same_protected_cells(twins):
    """Bangkok, each district and each pilot are sums of protected cells: subtracting one from another
    gives back sums of protected cells, never a true count."""
    (_, snapshot), _ = twins
    latest = QUARTERS[-1]
    with duckdb.connect(str(snapshot), read_only=True) as con:
        cells = con.execute("SELECT * FROM area_cells").df()
    now = cells[cells["quarter"] == latest]
    assert read.kpis(snapshot, "1q", latest).cases == published_sum(now)
    table = read.district_summary(snapshot, "1q", latest).set_index("dist_code")
    for code, mine in now.groupby("dist_code"):
        expected = published_sum(mine)
        assert table.loc[code, "suppressed"] if expected is None else table.loc[code, "cases_reported"] == expected
    pilots = read.pilot_table(snapshot, latest).set_index("community_id")
    after = cells[(cells["community_id"] == "P-1") & (cells["quarter"] >= "2024Q4")]
    expected = published_sum(after)
    assert pilots.loc["P-1", "suppressed_after"] if expected is None else pilots.loc["P-1", "cases_after"] == expected


def test_category_cells_cannot_be_narrowed_through_the_area_cells(demo_template):
    """Bangkok's type-by-group cells and its area cells sum to the same true total: check by interval
    arithmetic that no hidden category cell is pinned below its full range 1-4."""
    with duckdb.connect(str(published_path(demo_template)), read_only=True) as con:
        area = con.execute("SELECT a.* FROM area_cells a JOIN districts USING (dist_code)").df()
        category = con.execute("SELECT * FROM category_cells").df()

    def bounds(frame: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
        shown = frame["cases_reported"]
        low = np.where(frame["cases_reported_hidden"], 1, np.where(shown == 0, 0, np.maximum(shown - 2, 5)))
        high = np.where(frame["cases_reported_hidden"], 4, np.where(shown == 0, 0, shown + 2))
        return pd.Series(low, index=frame.index), pd.Series(high, index=frame.index)

    area_low, area_high = bounds(area)
    total_low = area_low.groupby(area["quarter"]).sum()
    total_high = area_high.groupby(area["quarter"]).sum()
    cat_low, cat_high = bounds(category)
    for index in category.index[category["cases_reported_hidden"]]:
        q = category.at[index, "quarter"]
        same = category["quarter"] == q
        others_low = cat_low[same].sum() - cat_low[index]
        others_high = cat_high[same].sum() - cat_high[index]
        low = max(1, total_low[q] - others_high)
        high = min(4, total_high[q] - others_low)
        assert (low, high) == (1, 4), (q, category.loc[index].to_dict())
