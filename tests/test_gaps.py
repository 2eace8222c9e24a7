"""Referral gaps, terciles and the need x coverage classes on small hand examples."""

from __future__ import annotations

import mapclassify
import numpy as np
import pandas as pd

from geo.gaps import bivariate_class, need_classes, referral_gap, terciles


def test_referral_gap_by_hand():
    reported = pd.Series([10, 0, 4, 5], index=["1001", "1002", "1003", "1004"])
    referred = pd.Series([7, 0, np.nan, 5], index=reported.index)
    gap = referral_gap(reported, referred)
    assert gap.index.tolist() == ["1001", "1002", "1003", "1004"]
    assert gap["unreferred"].tolist()[:2] == [3.0, 0.0]
    assert gap["referral_rate"]["1001"] == 0.7
    assert gap["referral_rate"]["1004"] == 1.0
    assert gap["referral_rate"][["1002", "1003"]].isna().all()  # nothing reported; referrals unknown


def test_terciles_of_distinct_values():
    assert terciles([1, 2, 3, 4, 5, 6, 7, 8, 9]).tolist() == [1, 1, 1, 2, 2, 2, 3, 3, 3]


def test_terciles_match_mapclassify_quantiles():
    values = np.random.default_rng(2).gamma(2.0, 10.0, 50)
    expected = mapclassify.Quantiles(values, k=3).yb + 1
    assert terciles(values).tolist() == expected.tolist()


def test_terciles_keep_ties_together_and_skip_nan():
    classes = terciles(pd.Series([0, 0, 0, 0, 0, 0, 1, 2, 3, np.nan], index=list("abcdefghij")))
    assert classes.dtype == "Int64"
    assert classes.index.tolist() == list("abcdefghij")
    assert classes.iloc[:9].tolist() == [1, 1, 1, 1, 1, 1, 3, 3, 3]  # no mid class: the zeros fill it
    assert classes.isna().tolist() == [False] * 9 + [True]


def test_terciles_of_nothing_or_all_equal():
    assert terciles([np.nan, np.nan]).isna().all()
    assert terciles([]).empty
    assert terciles([4.0, 4.0, 4.0]).tolist() == [1, 1, 1]


def test_need_classes_read_the_probability_in_tenths_as_published():
    probability = pd.Series([0.999, 0.9, 0.86, 0.84, 0.5, 0.16, 0.14, 0.0, np.nan], index=list("abcdefghi"))
    classes = need_classes(probability)
    assert classes.index.tolist() == list("abcdefghi") and classes.dtype == "Int64"
    # 0.86 shows as 0.9 (high), 0.84 as 0.8 (unclear); 0.16 as 0.2, 0.14 as 0.1 (low).
    assert classes.iloc[:8].tolist() == [3, 3, 3, 2, 2, 2, 1, 1]
    assert pd.isna(classes["i"])
    assert (classes.iloc[:8] == 3).tolist() == [round(p, 1) >= 0.9 for p in probability.iloc[:8]]


def test_need_classes_flag_no_district_when_none_stands_out():
    assert need_classes([0.5, 0.6, 0.4, 0.7]).tolist() == [2, 2, 2, 2]  # terciles would flag a third as high


def test_bivariate_class_joins_need_probability_and_coverage_terciles():
    need = pd.Series([0.99, 0.95, 0.9, 0.5, 0.4, 0.3, 0.1, 0.05, 0.0, np.nan], index=[f"d{i}" for i in range(10)])
    # Coverage given in a different order: aligned by label.
    coverage = pd.Series([0.1, 0.9, 0.5, 0.2, 0.3, 0.6, 0.7, 0.8, 0.4, 0.5], index=need.index)[::-1]
    table = bivariate_class(need, coverage)
    assert table.columns.tolist() == ["need_class", "coverage_class", "gap_class"]
    assert table.index.tolist() == need.index.tolist()
    assert table["need_class"].tolist()[:9] == [3, 3, 3, 2, 2, 2, 1, 1, 1]
    # Sorted coverage 0.1 ... 0.9 (0.5 twice): breaks at 0.4 and 0.6, a value on a break goes low.
    assert table["coverage_class"].tolist() == [1, 3, 2, 1, 1, 2, 3, 3, 1, 2]
    assert table["gap_class"].tolist()[:3] == ["3-1", "3-3", "3-2"]
    assert pd.isna(table.loc["d9", "gap_class"])  # need unknown
