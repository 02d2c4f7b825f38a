"""Unit tests of lib.analysis.survey against hand-computed values.

The small survey below is built so each number can be checked on paper:

========== ======= ===== ===== ===== ===================================
type       centres n     ADV_A ADV_B DRW_X
========== ======= ===== ===== ===== ===================================
library    L1, L2  10    5     0     2
health     H1      3     3     0     0    (below the default min_n of 5)
association A1     20    2     10    0
housing    (none)  0     -     -     -    (no answers at all)
========== ======= ===== ===== ===== ===================================

plus one response of a centre that is not in the centres table (filtered
out), which must not count anywhere.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from lib.analysis import survey

WILSON_5_10 = (0.236590, 0.763410)
WILSON_2_20 = (0.027866, 0.301038)


def _responses_for(centre_ids, advantages, drawbacks, **extra):
    return pd.DataFrame(
        {
            "centre_id": centre_ids,
            "advantages": advantages,
            "drawbacks": drawbacks,
            **extra,
        }
    )


@pytest.fixture()
def centres():
    return pd.DataFrame(
        {
            "centre_id": ["L1", "L2", "H1", "A1"],
            "centre_type": ["library", "library", "health", "association"],
            "floor_area_m2": [400, 800, 1500, None],
            "weekly_opening_hours": [40, 50, 60, 20],
            "n_organisations": [3, 5, 12, 8],
            "has_library": [True, True, False, "nej"],
            "has_health_services": [False, False, True, None],
        }
    )


@pytest.fixture()
def codebook():
    return pd.DataFrame(
        {
            "code": ["ADV_A", "ADV_B", "DRW_X"],
            "kind": ["advantage", "advantage", "drawback"],
            "label_da": ["Fordel A", "Fordel B", "Ulempe X"],
            "label_en": ["Advantage A", "Advantage B", "Drawback X"],
        }
    )


@pytest.fixture()
def responses():
    library = _responses_for(
        ["L1"] * 6 + ["L2"] * 4,
        # 5 cite ADV_A; a duplicate code in one cell counts once; NaN = none
        [
            "ADV_A",
            "ADV_A;ADV_A",
            " ADV_A ",
            "ADV_A;UNKNOWN",
            "ADV_A",
            "",
            None,
            "",
            "",
            "",
        ],
        ["DRW_X", "DRW_X", "", "", "", "", "", "", "", ""],
        rating_collaboration=[5, 4, 4, 3, 5, None, None, 4, "", 0],
        survey_year=[2024] * 5 + [2025] * 5,
        comment=["Great cafe", "", "cafe too small", None, "", "", "", "", "", ""],
    )
    health = _responses_for(
        ["H1"] * 3,
        ["ADV_A"] * 3,
        [""] * 3,
        rating_collaboration=[5, 5, 5],
        survey_year=[2025] * 3,
        comment=["Cafe with doctors", "", ""],
    )
    association = _responses_for(
        ["A1"] * 20,
        ["ADV_A;ADV_B"] * 2 + ["ADV_B"] * 8 + [""] * 10,
        [""] * 20,
        rating_collaboration=[3] * 20,
        survey_year=[2024] * 20,
        comment=["Many clubs"] + [""] * 19,
    )
    orphan = _responses_for(
        ["GONE"],
        ["ADV_A;ADV_B"],
        ["DRW_X"],
        rating_collaboration=[1],
        survey_year=[2024],
        comment=["cafe at a filtered-out centre"],
    )
    frame = pd.concat([library, health, association, orphan], ignore_index=True)
    frame.insert(0, "response_id", [f"R{i:06d}" for i in range(1, len(frame) + 1)])
    return frame


def _cell(shares, code, ctype):
    rows = shares[(shares["code"] == code) & (shares["centre_type"] == ctype)]
    assert len(rows) == 1, f"expected one row for {code}/{ctype}, got {len(rows)}"
    return rows.iloc[0]


# ---------------------------------------------------------------- Wilson
@pytest.mark.parametrize(
    ("k", "n", "expected"),
    [
        pytest.param(5, 10, WILSON_5_10, id="half"),
        pytest.param(2, 20, WILSON_2_20, id="small-share"),
        pytest.param(0, 10, (0.0, 0.277540), id="none-cited-lo-exactly-0"),
        pytest.param(10, 10, (0.722460, 1.0), id="all-cited-hi-exactly-1"),
        pytest.param(1, 1, (0.206543, 1.0), id="n-1"),
        pytest.param(3, 3, (0.438494, 1.0), id="n-3"),
    ],
)
def test_wilson_interval_matches_hand_computation(k, n, expected):
    lo, hi = survey.wilson_interval(k, n)
    assert lo == pytest.approx(expected[0], abs=1e-6)
    assert hi == pytest.approx(expected[1], abs=1e-6)


def test_wilson_interval_n_zero_is_nan():
    lo, hi = survey.wilson_interval(0, 0)
    assert math.isnan(lo) and math.isnan(hi)


def test_wilson_interval_other_z_is_narrower():
    lo90, hi90 = survey.wilson_interval(5, 10, z=1.645)
    assert WILSON_5_10[0] < lo90 < 0.5 < hi90 < WILSON_5_10[1]


@pytest.mark.parametrize(("k", "n"), [(-1, 5), (6, 5), (0, -1)], ids=["k<0", "k>n", "n<0"])
def test_wilson_interval_rejects_impossible_counts(k, n):
    with pytest.raises(ValueError, match="0 <= k <= n"):
        survey.wilson_interval(k, n)


# ------------------------------------------------------- small statistics
@pytest.mark.parametrize(
    ("df", "expected"),
    [(1, 12.7062), (2, 4.3027), (4, 2.7764), (5, 2.5706), (10, 2.2281), (30, 2.0423), (100, 1.9840), (1000, 1.9623)],
)
def test_student_t_quantile_matches_tables(df, expected):
    assert survey.student_t_quantile(0.975, df) == pytest.approx(expected, abs=1e-4)


@pytest.mark.parametrize(
    ("x", "df", "expected"),
    [
        (3.841, 1, 0.05),
        (5.991, 2, 0.05),
        (7.815, 3, 0.05),
        (11.345, 3, 0.01),
        (9.488, 4, 0.05),
        (0.0, 3, 1.0),
        (36.0, 1, math.erfc(math.sqrt(18))),
    ],
)
def test_chi_square_sf_matches_tables(x, df, expected):
    assert survey.chi_square_sf(x, df) == pytest.approx(expected, rel=2e-3)


def test_holm_adjustment():
    adjusted = survey._holm(pd.Series({"a": 0.01, "b": 0.04, "c": np.nan, "d": 0.03}))
    # sorted 0.01, 0.03, 0.04 with m=3: 0.03, max(0.03, 0.06), max(0.06, 0.04)
    assert adjusted["a"] == pytest.approx(0.03)
    assert adjusted["d"] == pytest.approx(0.06)
    assert adjusted["b"] == pytest.approx(0.06)
    assert math.isnan(adjusted["c"])


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("A;B", {"A", "B"}), (" A ; ;A", {"A"}), ("", set()), (None, set()), (float("nan"), set()), (pd.NA, set())],
)
def test_split_codes(cell, expected):
    assert survey.split_codes(cell) == expected


# ------------------------------------------------------------ item_shares
@pytest.mark.parametrize(
    ("code", "ctype", "n", "k", "share", "interval", "suppressed"),
    [
        pytest.param("ADV_A", "library", 10, 5, 0.5, WILSON_5_10, False, id="library-A"),
        pytest.param("ADV_A", "association", 20, 2, 0.1, WILSON_2_20, False, id="assoc-A"),
        pytest.param("ADV_A", "health", 3, 3, None, None, True, id="health-below-min-n"),
        pytest.param("ADV_A", "housing_area", 0, 0, None, None, True, id="housing-n-0"),
        pytest.param("ADV_B", "library", 10, 0, 0.0, (0.0, 0.277540), False, id="library-B"),
        pytest.param("ADV_B", "association", 20, 10, 0.5, (0.299295, 0.700705), False, id="as-B"),
        pytest.param("DRW_X", "library", 10, 2, 0.2, (0.056681, 0.509843), False, id="drawback"),
    ],
)
def test_item_shares_cells(responses, centres, codebook, code, ctype, n, k, share, interval, suppressed):
    row = _cell(survey.item_shares(responses, centres, codebook), code, ctype)
    assert (row.n, row.k, bool(row.suppressed)) == (n, k, suppressed)
    if suppressed:
        assert math.isnan(row.share) and math.isnan(row.lo) and math.isnan(row.hi)
    else:
        assert row.share == pytest.approx(share)
        assert (row.lo, row.hi) == pytest.approx(interval, abs=1e-6)


def test_item_shares_every_item_and_type_present(responses, centres, codebook):
    shares = survey.item_shares(responses, centres, codebook)
    assert len(shares) == 3 * 4
    assert set(shares["centre_type"]) == {
        "library",
        "health",
        "association",
        "housing_area",
    }
    assert set(shares.loc[shares.code == "DRW_X", "kind"]) == {"drawback"}
    assert _cell(shares, "ADV_A", "library").label_en == "Advantage A"


def test_item_shares_orphan_response_is_not_counted(responses, centres, codebook):
    shares = survey.item_shares(responses, centres, codebook)
    assert shares.groupby("centre_type")["n"].first().sum() == 33


@pytest.mark.parametrize(
    ("code", "spread"),
    [("ADV_A", 0.4), ("ADV_B", 0.5), ("DRW_X", 0.2)],
)
def test_item_shares_spread_ignores_suppressed_types(responses, centres, codebook, code, spread):
    # health (3/3 = 100 % for ADV_A) is suppressed, so ADV_A's spread is 0.5 - 0.1
    shares = survey.item_shares(responses, centres, codebook)
    assert shares.loc[shares.code == code, "spread"].tolist() == [pytest.approx(spread)] * 4


def test_item_shares_sorted_by_kind_then_spread(responses, centres, codebook):
    shares = survey.item_shares(responses, centres, codebook)
    assert list(shares["code"].drop_duplicates()) == ["ADV_B", "ADV_A", "DRW_X"]
    assert list(shares["centre_type"][:4]) == [
        "library",
        "health",
        "association",
        "housing_area",
    ]


def test_item_shares_min_n_setting_unsuppresses(responses, centres, codebook):
    row = _cell(survey.item_shares(responses, centres, codebook, min_n=3), "ADV_A", "health")
    assert not row.suppressed
    assert row.share == 1.0
    assert (row.lo, row.hi) == pytest.approx((0.438494, 1.0), abs=1e-6)
    # with health shown at 100 %, ADV_A's spread becomes 1.0 - 0.1
    assert row.spread == pytest.approx(0.9)


def test_item_shares_high_min_n_suppresses_everything(responses, centres, codebook):
    shares = survey.item_shares(responses, centres, codebook, min_n=50)
    assert shares["suppressed"].all()
    assert shares["share"].isna().all() and shares["spread"].isna().all()
    assert (shares["n"] > 0).any()  # n stays visible


def test_item_shares_single_type_has_no_spread(responses, centres, codebook):
    shares = survey.item_shares(responses[responses.centre_id.isin(["L1", "L2"])], centres, codebook)
    assert shares["spread"].isna().all()
    assert shares["p_value"].isna().all()
    assert not shares["differs"].any()


def test_item_shares_empty_responses(centres, codebook):
    empty = _responses_for([], [], [])
    shares = survey.item_shares(empty, centres, codebook)
    assert len(shares) == 12
    assert (shares["n"] == 0).all() and shares["suppressed"].all()


def test_item_shares_no_test_when_expected_count_below_5(responses, centres, codebook):
    # ADV_A: library 5/10 vs association 2/20 -> expected cited in library = 10*7/30 < 5
    shares = survey.item_shares(responses, centres, codebook)
    assert math.isnan(_cell(shares, "ADV_A", "library").p_value)


def test_item_shares_chi_square_marker_on_clear_difference(codebook):
    centres = pd.DataFrame({"centre_id": ["L", "H"], "centre_type": ["library", "health"]})
    responses = _responses_for(
        ["L"] * 50 + ["H"] * 50,
        ["ADV_A"] * 40 + [""] * 10 + ["ADV_A"] * 10 + [""] * 40,
        [""] * 100,
    )
    shares = survey.item_shares(responses, centres, codebook)
    row = _cell(shares, "ADV_A", "library")
    # observed 40/10 and 10/40, all expected 25 -> chi2 = 4 * 15**2 / 25 = 36, df 1
    assert row.chi2 == pytest.approx(36.0)
    assert row.p_value == pytest.approx(math.erfc(math.sqrt(18)), rel=1e-6)
    assert row.differs
    # ADV_B is cited by nobody: expected counts of 0 -> not tested, never "differs"
    assert not _cell(shares, "ADV_B", "library").differs


def test_item_shares_rejects_bad_input(responses, centres, codebook):
    with pytest.raises(ValueError, match="min_n"):
        survey.item_shares(responses, centres, codebook, min_n=0)
    with pytest.raises(ValueError, match="drawbacks"):
        survey.item_shares(responses.drop(columns="drawbacks"), centres, codebook)


# ---------------------------------------------------------- focus_contrast
def test_focus_contrast_pools_counts_not_shares(responses, centres, codebook):
    contrast = survey.focus_contrast(survey.item_shares(responses, centres, codebook), "library")
    row = contrast.set_index("code").loc["ADV_A"]
    # others = health 3/3 + association 2/20 + housing 0/0 = 5/23 (an average would be 0.55)
    assert (row.n_focus, row.k_focus, row.n_others, row.k_others) == (10, 5, 23, 5)
    assert row.share_focus == pytest.approx(0.5)
    assert row.share_others == pytest.approx(5 / 23)
    assert row.difference == pytest.approx(0.5 - 5 / 23)
    lo_o, hi_o = survey.wilson_interval(5, 23)
    assert (row.lo_others, row.hi_others) == pytest.approx((lo_o, hi_o))
    # Newcombe: diff -/+ sqrt of the squared distances to the Wilson bounds
    expected_lo = row.difference - math.sqrt((0.5 - WILSON_5_10[0]) ** 2 + (hi_o - 5 / 23) ** 2)
    expected_hi = row.difference + math.sqrt((WILSON_5_10[1] - 0.5) ** 2 + (5 / 23 - lo_o) ** 2)
    assert (row.difference_lo, row.difference_hi) == pytest.approx((expected_lo, expected_hi), abs=1e-5)
    assert not row.suppressed


def test_focus_contrast_suppresses_small_focus(responses, centres, codebook):
    contrast = survey.focus_contrast(survey.item_shares(responses, centres, codebook), "health")
    assert contrast["suppressed"].all()
    assert contrast["share_focus"].isna().all() and contrast["difference"].isna().all()
    assert (contrast["n_focus"] == 3).all()


def test_focus_contrast_empty_type(responses, centres, codebook):
    contrast = survey.focus_contrast(survey.item_shares(responses, centres, codebook), "housing_area")
    assert (contrast["n_focus"] == 0).all() and contrast["suppressed"].all()
    assert (contrast["n_others"] == 33).all()


def test_focus_contrast_sorted_by_absolute_difference(responses, centres, codebook):
    contrast = survey.focus_contrast(survey.item_shares(responses, centres, codebook), "association")
    # association vs library+health (13): ADV_B 0.5 vs 0 -> 0.5; ADV_A 0.1 vs 8/13 -> -0.515
    assert list(contrast["code"]) == ["ADV_A", "ADV_B", "DRW_X"]


def test_focus_contrast_unknown_type(responses, centres, codebook):
    with pytest.raises(ValueError, match="focus_type"):
        survey.focus_contrast(survey.item_shares(responses, centres, codebook), "castle")


# ----------------------------------------------------------- rating_summary
def test_rating_summary_library_by_hand(responses, centres):
    ratings = survey.rating_summary(responses, centres)
    row = ratings[(ratings.centre_type == "library") & (ratings.dimension == "rating_collaboration")]
    row = row.iloc[0]
    # valid: 5 4 4 3 5 4 (blank, None and the out-of-scale 0 ignored)
    assert row.n == 6
    assert row["mean"] == pytest.approx(25 / 6)
    assert row.sd == pytest.approx(math.sqrt(2.833333 / 5), abs=1e-6)
    half = 2.570582 * row.sd / math.sqrt(6)
    assert (row.ci_lo, row.ci_hi) == pytest.approx((25 / 6 - half, 25 / 6 + half), abs=1e-5)


@pytest.mark.parametrize(
    ("ctype", "min_n", "n", "mean", "ci"),
    [
        pytest.param("health", 5, 3, None, None, id="below-threshold"),
        pytest.param("health", 3, 3, 5.0, (5.0, 5.0), id="threshold-lowered-sd-0"),
        pytest.param("association", 5, 20, 3.0, (3.0, 3.0), id="constant-ratings"),
        pytest.param("housing_area", 5, 0, None, None, id="n-0"),
        pytest.param("housing_area", 1, 0, None, None, id="n-0-min-n-1"),
    ],
)
def test_rating_summary_cells(responses, centres, ctype, min_n, n, mean, ci):
    ratings = survey.rating_summary(responses, centres, min_n=min_n)
    row = ratings[(ratings.centre_type == ctype) & (ratings.dimension == "rating_collaboration")]
    row = row.iloc[0]
    assert row.n == n
    if mean is None:
        assert math.isnan(row["mean"]) and math.isnan(row.ci_lo)
    else:
        assert row["mean"] == pytest.approx(mean)
        assert (row.ci_lo, row.ci_hi) == pytest.approx(ci)


def test_rating_summary_shape_and_missing_dimensions(responses, centres):
    ratings = survey.rating_summary(responses, centres)
    assert len(ratings) == 4 * 6
    missing = ratings[ratings.dimension == "rating_visibility"]
    assert (missing["n"] == 0).all() and missing["suppressed"].all()


def test_rating_summary_ci_clipped_to_scale(centres):
    responses = pd.DataFrame({"centre_id": ["H1"] * 5, "rating_visibility": [5, 5, 5, 5, 4]})
    ratings = survey.rating_summary(responses, centres, dimensions=["rating_visibility"])
    row = ratings[ratings.centre_type == "health"].iloc[0]
    assert row.ci_hi == 5.0 and row.ci_lo < row["mean"] == pytest.approx(4.8)


# ------------------------------------------------------------ type_profiles
def test_type_profiles(centres):
    profiles = survey.type_profiles(centres)
    assert list(profiles.index) == ["library", "health", "association", "housing_area"]
    lib = profiles.loc["library"]
    assert lib.n_centres == 2
    assert (lib.floor_area_m2_median, lib.floor_area_m2_q1, lib.floor_area_m2_q3) == (
        600,
        500,
        700,
    )
    assert lib.has_library_share == 1.0 and lib.has_health_services_share == 0.0
    assert profiles.loc["health", "has_health_services_share"] == 1.0
    # association: floor area blank, "nej" read as False, None flag unknown
    assoc = profiles.loc["association"]
    assert assoc.floor_area_m2_n == 0 and math.isnan(assoc.floor_area_m2_median)
    assert assoc.has_library_share == 0.0 and math.isnan(assoc.has_health_services_share)
    # housing_area: no centres, still a row; absent flag columns are NaN
    assert profiles.loc["housing_area", "n_centres"] == 0
    assert profiles["has_associations_share"].isna().all()


# ---------------------------------------------------------- search_comments
@pytest.mark.parametrize(
    ("query", "kwargs", "expected"),
    [
        pytest.param("", {}, ["cafe too small", "Cafe with doctors", "Great cafe", "Many clubs"], id="all-non-blank"),
        pytest.param("CAFE", {}, ["cafe too small", "Cafe with doctors", "Great cafe"], id="case-insensitive"),
        pytest.param("cafe small", {}, ["cafe too small"], id="all-words-must-match"),
        pytest.param("caf.", {}, [], id="no-regex"),
        pytest.param("", {"centre_type": "health"}, ["Cafe with doctors"], id="by-type"),
        pytest.param("", {"code": "DRW_X"}, ["Great cafe"], id="by-code"),
        pytest.param("", {"code": "ADV_B"}, ["Many clubs"], id="by-advantage-code"),
    ],
)
def test_search_comments(responses, centres, query, kwargs, expected):
    found = survey.search_comments(responses, centres, query, **kwargs)
    assert sorted(found["comment"], key=str.lower) == sorted(expected, key=str.lower)


def test_search_comments_returns_no_identifiers(responses, centres):
    found = survey.search_comments(responses, centres, "")
    assert list(found.columns) == ["comment", "centre_type", "survey_year"]
    assert "filtered-out" not in " ".join(found["comment"])
    # newest year first, then type
    assert list(found["survey_year"]) == [2025, 2024, 2024, 2024]


@pytest.mark.parametrize(
    ("min_n", "types"),
    [
        (None, {"library", "health", "association"}),
        (5, {"library", "association"}),
        (3, {"library", "health", "association"}),
        (11, {"association"}),
    ],
)
def test_search_comments_withholds_small_groups(responses, centres, min_n, types):
    # health has 3 responses, library 10, association 20
    found = survey.search_comments(responses, centres, "", min_n=min_n)
    assert set(found["centre_type"]) == types


@pytest.mark.parametrize("dtype", ["str", object, "string[python]"])
def test_cited_codes_reads_cells_as_split_codes_does(dtype):
    from lib.analysis.survey import cited_codes, split_codes

    cells = pd.Series(
        ["A1;A2", " A2 ; A1 ", "", None, "A1;A1", ";;A3;", "X9", "a1", "A2;X9;A3", float("nan")], dtype=dtype
    )
    codes = ["A1", "A2", "A3"]
    rows, which = cited_codes(cells, codes)
    got = sorted({(int(r), codes[int(w)]) for r, w in zip(rows, which, strict=True)})
    expected = sorted((i, c) for i, v in enumerate(cells) for c in split_codes(v) if c in codes)
    assert got == expected
    assert rows.tolist().count(4) == 2  # "A1;A1": the repeat is there for the caller to drop


@pytest.mark.parametrize("dtype", ["str", object], ids=["arrow-strings", "python-objects"])
def test_answers_join_their_centres_type_and_answers_of_unknown_centres_drop_out(dtype):
    centres = pd.DataFrame(
        {"centre_id": ["C1", "C2", "C2", "C3"], "centre_type": ["library", "health", "association", None]}
    ).astype({"centre_id": dtype})
    responses = pd.DataFrame(
        {"centre_id": ["C1", "C9", None, "C2", "C3", "C1"], "n": range(6)}, index=[10, 11, 12, 13, 14, 15]
    ).astype({"centre_id": dtype})
    joined = survey._with_type(responses, centres)
    # C9 is unknown, a missing id names nothing, C3 has no type; a repeated centre id keeps its first row
    assert joined.index.tolist() == [10, 13, 15]
    assert joined["centre_type"].tolist() == ["library", "health", "library"]
    assert joined["n"].tolist() == [0, 3, 5]


def test_a_code_repeated_in_one_answer_counts_once_per_type():
    centres = pd.DataFrame({"centre_id": ["C1", "C2"], "centre_type": ["library", "health"]})
    responses = pd.DataFrame(
        {"centre_id": ["C1", "C1", "C2"], "advantages": ["A1;A1; A1", "A2", "A1;A2"], "drawbacks": ["", "D1", None]}
    )
    codebook = pd.DataFrame(
        {"code": ["A1", "A2", "D1"], "kind": ["advantage", "advantage", "drawback"], "label_da": "x", "label_en": "x"}
    )
    k = survey.item_shares(responses, centres, codebook, min_n=1).set_index(["code", "centre_type"])["k"]
    assert k[("A1", "library")] == 1 and k[("A2", "library")] == 1 and k[("D1", "library")] == 1
    assert k[("A1", "health")] == 1 and k[("A2", "health")] == 1 and k[("D1", "health")] == 0
