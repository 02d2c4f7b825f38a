"""Tests of lib/views/maps.py: what reaches the browser, escaping, colours, static export."""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import box

from lib.analysis import geo
from lib.views import maps

NASTY = '<img src=x onerror="alert(1)"> & Søn'


@pytest.fixture
def centres():
    return pd.DataFrame(
        {
            "centre_id": ["MC001", "MC002", "MC003"],
            "name": [NASTY, "Biblioteket", "Huset"],
            "centre_type": ["library", "health", "housing_area"],
            "municipality": ["Aarhus <Ø>", "Odense", "København"],
            "latitude": [56.15, 55.40, np.nan],
            "longitude": [10.20, 10.39, 12.57],
            # Columns the map must not send:
            "floor_area_m2": [800.0, 900.0, 1000.0],
            "host_organisation": ["secret", "secret", "secret"],
        }
    )


@pytest.fixture
def areas():
    return pd.DataFrame(
        {
            "area_id": ["A01", "A02", "A03"],
            "name": ["Gellerup & <Toveshøj>", "Vollsmose", "Mjølnerparken"],
            "latitude": [56.15, 55.41, 55.70],
            "longitude": [10.13, 10.44, 12.55],
            "population": [6000, 8000, 1800],
            "pct_outside_labour_market": [52.0, 40.0, 30.0],
            "income_pct_of_region": [45.0, 55.0, 70.0],
            "status": ["parallelsamfund", "udsat", "none"],
            "year": [2022, 2022, 2022],
            "municipality_code": [751, 461, 101],
        }
    )


def _spec(deck) -> dict:
    return json.loads(deck.to_json())


def _layer(spec: dict, layer_id: str) -> dict:
    return next(layer for layer in spec["layers"] if layer["id"] == layer_id)


def test_offline_by_default_and_basemap_on_request(centres, areas):
    spec = _spec(maps.deck(centres, areas, "pct_outside_labour_market", (40.0, ">")))
    assert spec.get("mapProvider") is None and spec.get("mapStyle") is None
    assert [layer["id"] for layer in spec["layers"]] == [maps.OUTLINE_LAYER, maps.AREAS_LAYER, maps.CENTRES_LAYER]
    online = _spec(maps.deck(centres, areas, "pct_outside_labour_market", (40.0, ">"), basemap=True))
    assert online["mapProvider"] == "carto"


def test_only_needed_columns_are_sent(centres, areas):
    spec = _spec(maps.deck(centres, areas, "pct_outside_labour_market", (40.0, ">")))
    centre_rows = _layer(spec, maps.CENTRES_LAYER)["data"]
    area_rows = _layer(spec, maps.AREAS_LAYER)["data"]
    assert all(set(row) == set(maps.CENTRE_COLUMNS) for row in centre_rows)
    assert all(set(row) == set(maps.AREA_COLUMNS) for row in area_rows)
    assert "secret" not in json.dumps(spec)
    # The centre without coordinates is not drawn.
    assert [row["centre_id"] for row in centre_rows] == ["MC001", "MC002"]


def test_tooltip_text_is_escaped(centres, areas):
    deck = maps.deck(centres, areas, "pct_outside_labour_market", (40.0, ">"), lang="en")
    text = deck.to_json()
    assert "<img" not in text and "<Toveshøj>" not in text and "<Ø>" not in text
    spec = json.loads(text)
    first = _layer(spec, maps.CENTRES_LAYER)["data"][0]
    assert first["name"] == "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; Søn"
    assert first["tip"] == "Library-based · Aarhus &lt;Ø&gt;"
    area = _layer(spec, maps.AREAS_LAYER)["data"][0]
    assert area["name"] == "Gellerup &amp; &lt;Toveshøj&gt;"
    # Threshold operator is escaped too; markup we add ourselves is only <br/>.
    assert "(threshold &gt; 40.0%)" in area["tip"]
    assert area["tip"].replace("<br/>", "").count("<") == 0
    assert deck._tooltip["html"] == "<b>{name}</b><br/>{tip}"


def test_diverging_scale_centred_on_threshold(areas):
    fills = maps.indicator_colours(areas["pct_outside_labour_market"], (40.0, ">"))
    met, at, below = fills
    assert met[:3] != at[:3] and at[:3] == maps.hex_to_rgb(maps.NEUTRAL_HEX)
    assert met[0] > met[2]  # red side: criterion met (above 40 %)
    assert below[2] > below[0]  # blue side: not met


def test_income_scale_is_reversed_because_low_income_meets_the_criterion(areas):
    fills = maps.indicator_colours(areas["income_pct_of_region"], (55.0, "<"))
    low_income, at_line, high_income = fills
    assert low_income[0] > low_income[2]
    assert high_income[2] > high_income[0]
    assert at_line[:3] == maps.hex_to_rgb(maps.NEUTRAL_HEX)


def test_missing_values_are_grey():
    fills = maps.indicator_colours(pd.Series([np.nan, 50.0]), (40.0, ">"))
    assert fills[0][:3] == maps.hex_to_rgb(maps.MISSING_HEX)


def test_status_colouring_uses_palette(centres, areas):
    from lib.views.palette import STATUS_COLOURS

    spec = _spec(maps.deck(centres, areas, maps.STATUS, None))
    fills = [row["fill"][:3] for row in _layer(spec, maps.AREAS_LAYER)["data"]]
    assert fills[0] == maps.hex_to_rgb(STATUS_COLOURS["parallelsamfund"])


def test_gap_highlight_layer(centres, areas):
    spec = _spec(maps.deck(centres, areas, "pct_outside_labour_market", (40.0, ">"), highlight_ids=["A02"]))
    ring = _layer(spec, maps.GAPS_LAYER)
    assert [row["area_id"] for row in ring["data"]] == ["A02"]
    assert ring["pickable"] is False


def test_layers_are_pickable_with_ids(centres, areas):
    spec = _spec(maps.deck(centres, areas, "pct_outside_labour_market", (40.0, ">")))
    assert _layer(spec, maps.CENTRES_LAYER)["pickable"] is True
    assert _layer(spec, maps.AREAS_LAYER)["pickable"] is True
    assert _layer(spec, maps.OUTLINE_LAYER)["pickable"] is False


def test_unknown_indicator_is_refused(centres, areas):
    with pytest.raises(ValueError, match="indicator"):
        maps.deck(centres, areas, "population", None)


def test_compact_json(centres, areas):
    text = maps.deck(centres, areas, "pct_outside_labour_market", (40.0, ">")).to_json()
    assert "\n" not in text


def test_fmt_number_languages():
    assert maps.fmt_number(1234.56, "da") == "1.234,6"
    assert maps.fmt_number(1234.56, "en") == "1,234.6"
    assert maps.fmt_number(None, "da") == "–"


def test_choropleth_deck_escapes_and_colours():
    polygons = gpd.GeoDataFrame(
        {"boundary_id": ["1", "2"], "boundary_name": ["Vest & <Syd>", "Øst"]},
        geometry=[box(10, 55, 11, 56), box(11, 55, 12, 56)],
        crs=4326,
    )
    values = pd.DataFrame({"boundary_id": ["1"], "value": [55.0], "population": [3000], "n_areas": [2]})
    spec = _spec(maps.choropleth_deck(polygons, values, indicator="pct_nonwestern", threshold=(50.0, ">"), lang="en"))
    layer = _layer(spec, maps.CHOROPLETH_LAYER)
    props = [f["properties"] for f in layer["data"]["features"]]
    assert props[0]["name"] == "Vest &amp; &lt;Syd&gt;"
    assert props[0]["fill"][0] > props[0]["fill"][2]  # above the 50 % line: red side
    assert props[1]["fill"][:3] == maps.hex_to_rgb(maps.MISSING_HEX)  # no areas inside: grey
    assert "55.0%" in props[0]["tip"]


def test_static_map_embeds_data_and_exports(centres, areas):
    chart = maps.static_map(centres, areas, "pct_outside_labour_market", (40.0, ">"), highlight_ids=["A01"])
    spec = chart.to_dict()
    assert "url" not in json.dumps(spec)  # vl-convert exports URL data silently empty
    import vl_convert as vlc

    svg = vlc.vegalite_to_svg(chart.to_json())
    assert svg.startswith("<svg") and "<path" in svg


def test_outline_layer_uses_bundled_outline():
    layer = maps.outline_layer(None)
    assert layer.data["features"][0]["geometry"]["type"] == "MultiPolygon"
    assert geo.load_outline().crs.to_epsg() == 4326


def test_radius_units_are_a_literal_not_an_accessor(centres, areas):
    # pydeck turns bare strings into "@@=" expressions; a unit must stay a plain string.
    spec = _spec(maps.deck(centres, areas, "pct_outside_labour_market", (40.0, ">"), highlight_ids=["A01"]))
    for layer_id in (maps.CENTRES_LAYER, maps.AREAS_LAYER, maps.GAPS_LAYER):
        assert _layer(spec, layer_id)["radiusUnits"] == "pixels"


def test_static_map_accepts_a_series_of_highlight_ids(centres, areas):
    chart = maps.static_map(centres, areas, "pct_outside_labour_market", (40.0, ">"), highlight_ids=areas["area_id"])
    assert len(chart.layer) == 4  # outline, areas, gap rings, centres


def test_area_indicator_rows_against_thresholds():
    area = pd.Series(
        {
            "pct_outside_labour_market": 45.0,
            "convicted_ratio_national": 3.0,
            "pct_basic_education_only": 50.0,
            "income_pct_of_region": np.nan,
            "pct_nonwestern": 60.0,
        }
    )
    rules = {
        "pct_outside_labour_market": (40.0, ">"),
        "convicted_ratio_national": (3.0, ">="),
        "pct_basic_education_only": (60.0, ">"),
        "income_pct_of_region": (55.0, "<"),
        "pct_nonwestern": (50.0, ">"),
    }
    rows = maps.area_indicator_rows(area, rules, "en")
    assert rows["met"].tolist() == [True, True, False, None, True]
    assert rows.loc[1, "threshold"] == "≥ 3.0 × national avg."
    assert rows.loc[3, "value"] == "–"


def test_centre_survey_summary_counts_only_valid_ratings():
    responses = pd.DataFrame(
        {
            "centre_id": ["MC001", "MC001", "MC001", "MC002"],
            "rating_visibility": [4, np.nan, 2, 5],
            "rating_coordination": [9, 3, 3, 1],
        }
    )
    n, frame = maps.centre_survey_summary(responses, "MC001", ["rating_visibility", "rating_coordination"])
    assert n == 3
    assert frame.set_index("dimension").loc["visibility", "mean"] == 3.0
    assert frame.set_index("dimension").loc["visibility", "n"] == 2
    assert frame.set_index("dimension").loc["coordination", "n"] == 2  # 9 is outside 1-5


def test_legend_text_in_words():
    text = maps.legend_text("income_pct_of_region", (55.0, "<"), "en")
    assert "below" in text and "55.0% of region" in text and "Circle size" in text
    assert "Circle size" not in maps.legend_text("pct_nonwestern", (50.0, ">"), "en", with_size=False)
    assert "status" in maps.legend_text(maps.STATUS, None, "en").lower()


def test_escape_matches_html_escape():
    import html

    values = ["a & b", "<x y='1'>", None, 'q"q', "Ø"]
    assert maps._esc(pd.Series(values, dtype=object)) == [html.escape(v) if v is not None else "" for v in values]
