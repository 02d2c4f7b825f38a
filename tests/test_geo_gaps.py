"""Gap analysis: an area without coordinates is reported as such, not as "no centre at all"."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lib.analysis import geo


@pytest.fixture
def areas():
    # A01 next to a centre, A02 ~11 km from it, A03 without a point.
    return pd.DataFrame(
        {
            "area_id": ["A01", "A02", "A03"],
            "name": ["Near", "Far", "Nowhere"],
            "municipality": ["Odense"] * 3,
            "region": ["Syddanmark"] * 3,
            "population": [2000, 2000, 2000],
            "latitude": [55.40, 55.50, np.nan],
            "longitude": [10.40, 10.40, np.nan],
        }
    )


@pytest.fixture
def centres():
    return pd.DataFrame(
        {
            "centre_id": ["MC001"],
            "name": ["Centre"],
            "centre_type": ["library"],
            "latitude": [55.401],
            "longitude": [10.401],
        }
    )


def test_area_without_coordinates_has_its_own_reason(areas, centres):
    gaps = geo.gap_analysis(areas, None, centres, max_km=2.0).set_index("area_id")
    assert sorted(gaps.index) == ["A02", "A03"]
    assert gaps.loc["A03", "gap_reason"] == "no_coordinates"
    assert np.isnan(gaps.loc["A03", "distance_km"])
    assert gaps.loc["A02", "gap_reason"] == "too_far"
    assert gaps.loc["A02", "distance_km"] > 10


def test_no_centre_is_a_different_reason_from_no_coordinates(areas, centres):
    gaps = geo.gap_analysis(areas, None, centres.iloc[0:0], max_km=2.0).set_index("area_id")
    assert gaps["gap_reason"].to_dict() == {"A01": "no_centre", "A02": "no_centre", "A03": "no_coordinates"}


def test_only_listed_reasons_and_an_empty_result_keeps_the_column(areas, centres):
    gaps = geo.gap_analysis(areas, None, centres, max_km=2.0)
    assert set(gaps["gap_reason"]) <= set(geo.GAP_REASONS)
    none = geo.gap_analysis(areas.iloc[:1], None, centres, max_km=2.0)
    assert none.empty and "gap_reason" in none.columns


def test_gap_table_translates_the_reason(areas, centres):
    from lib.i18n import translator
    from lib.views import maps

    gaps = geo.gap_analysis(areas, None, centres, max_km=2.0)
    table = maps.gap_table(gaps, translator("en"))
    assert "Why listed" in table.columns
    assert "The area has no coordinates (distance unknown)" in set(table["Why listed"])
