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
    # no provider, and pydeck's sentinel style: Streamlit then fetches no Carto style (tests/e2e/test_no_third_party_e2e.py)
    assert spec.get("mapProvider") is None and spec.get("mapStyle") == "__MAP_STYLE__"
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


HOSTILE_NAMES = [
    NASTY,
    "Robert'); DROP TABLE centres;--",
    "&lt;already escaped&gt; &amp; &#x27;",
    "{tip} {name} {centre_id}",
    "<br/>Linje<br/>to",
    "**fed** _kursiv_ [link](javascript:alert(1))",
]


def _tooltip(deck, spec: dict, layer_id: str, i: int = 0) -> str:
    """The tooltip text Streamlit's deck.gl front end shows for object ``i``: the template with its field filled."""
    template = deck._tooltip["text"]
    row = _layer(spec, layer_id)["data"][i]
    return template.replace("{tip}", row["tip"])


def test_tooltips_are_plain_text_set_with_innertext(centres, areas):
    deck = maps.deck(centres, areas, "pct_outside_labour_market", (40.0, ">"), lang="en")
    # "text", not "html": Streamlit sets it with innerText, and would HTML-escape values of an html template
    assert set(deck._tooltip) == {"text", "style"} and deck._tooltip["text"] == "{tip}"
    spec = json.loads(deck.to_json())
    assert _tooltip(deck, spec, maps.CENTRES_LAYER) == f"{NASTY}\nLibrary-based · Aarhus <Ø>"
    area = _tooltip(deck, spec, maps.AREAS_LAYER)
    assert area.split("\n") == [
        "Gellerup & <Toveshøj>",
        "Outside labour market/education: 52.0% (threshold > 40.0%)",
        "Residents: 6,000",
        "Parallel society",
    ]
    assert "&lt;" not in area and "&gt;" not in area and "<br" not in area


@pytest.mark.parametrize("name", HOSTILE_NAMES)
@pytest.mark.parametrize("lang", ["da", "en"])
def test_hostile_names_reach_the_tooltip_exactly_once_and_unchanged(centres, areas, name, lang):
    centres = centres.assign(name=[name, "B", "C"])
    areas = areas.assign(name=[name, "B", "C"])
    deck = maps.deck(centres, areas, "pct_outside_labour_market", (40.0, ">"), lang=lang)
    spec = json.loads(deck.to_json())
    for layer_id in (maps.CENTRES_LAYER, maps.AREAS_LAYER):
        text = _tooltip(deck, spec, layer_id)
        assert text.split("\n")[0] == name  # not escaped (innerText shows entities literally), not swallowed
        assert text.count(name) == 1


def test_tooltip_numbers_have_thousands_separators(centres, areas):
    big = areas.assign(population=[14915, 8000, 1800])
    for lang, expected in (("da", "Beboere: 14.915"), ("en", "Residents: 14,915")):
        spec = json.loads(maps.deck(centres, big, maps.STATUS, None, lang=lang).to_json())
        assert expected in _layer(spec, maps.AREAS_LAYER)["data"][0]["tip"]


def test_vectorised_numbers_match_the_one_formatter():
    from lib.i18n import fmt

    values = [0, 7, 999.95, 1000, 4915, 1234567.891, -12.25, float("nan")]
    for lang in ("da", "en"):
        for digits in (0, 1, 2):
            assert maps._fmt_many(values, lang, digits) == [fmt.number(v, lang, digits) for v in values]


# --- the view the map opens on ---------------------------------------------------------------------------


def _visible(view: dict, lon: float, lat: float, width: int, height: int) -> bool:
    """Whether (lon, lat) lies inside a deck.gl MapView of ``width`` x ``height`` at ``view``."""
    import math

    scale = 512 * 2 ** view["zoom"]

    def merc(lo, la):
        return (lo + 180) / 360 * scale, (
            1 - math.log(math.tan(math.pi / 4 + math.radians(la) / 2)) / math.pi
        ) / 2 * scale

    x, y = merc(lon, lat)
    cx, cy = merc(view["longitude"], view["latitude"])
    return 0 <= width / 2 + x - cx <= width and 0 <= height / 2 + y - cy <= height


def test_fit_view_shows_every_point_and_zooms_in_on_a_small_extent(sample_tables):
    centres = sample_tables["centres"]
    whole = maps.fit_view(centres["longitude"], centres["latitude"], width=500, height=560)
    cph = centres.loc[centres["municipality"] == "København"]
    zoomed = maps.fit_view(cph["longitude"], cph["latitude"], width=500, height=560)
    assert zoomed["zoom"] > whole["zoom"] + 2
    for frame, view in ((centres, whole), (cph, zoomed)):
        assert all(_visible(view, lo, la, 500, 560) for lo, la in zip(frame["longitude"], frame["latitude"]))
    one = maps.fit_view([10.2], [56.15])
    assert one["zoom"] == maps.MAX_FIT_ZOOM and one["longitude"] == 10.2
    assert maps.fit_view([np.nan, None], [1, None]) == maps.DENMARK_VIEW


def test_extent_view_follows_the_filters(sample_tables):
    from lib.analysis import filters as flt

    tables = flt.Tables(**{name: sample_tables[name] for name in flt.Tables.NAMES})
    everything = maps.extent_view(tables.centres, tables.areas)
    status = pd.Series(dtype=object)  # the region filter does not read the status
    hovedstaden = flt.apply(tables, flt.Filters(regions=("Hovedstaden",)), status)
    view = maps.extent_view(hovedstaden.centres, hovedstaden.areas)
    assert view["zoom"] > everything["zoom"] + 1
    assert 12.0 < view["longitude"] < 12.8 and 55.5 < view["latitude"] < 56.1  # Copenhagen area, not Bornholm
    assert maps.extent_view(tables.centres.iloc[0:0], tables.areas.iloc[0:0]) == maps.DENMARK_VIEW


def test_uploaded_boundaries_open_on_their_own_extent():
    polygons = gpd.GeoDataFrame(
        {"boundary_id": ["1"], "boundary_name": ["Aarhus"]}, geometry=[box(10.0, 56.05, 10.3, 56.25)], crs=4326
    )
    spec = _spec(maps.choropleth_deck(polygons, pd.DataFrame({"boundary_id": ["1"], "value": [50.0]})))
    view = spec["initialViewState"]
    assert view["zoom"] > maps.DENMARK_VIEW["zoom"] + 2
    assert 10.0 < view["longitude"] < 10.3 and 56.05 < view["latitude"] < 56.25
    assert _visible(view, 10.0, 56.05, 620, 560) and _visible(view, 10.3, 56.25, 620, 560)


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


def test_choropleth_deck_plain_tooltips_and_colours():
    polygons = gpd.GeoDataFrame(
        {"boundary_id": ["1", "2"], "boundary_name": ["Vest & <Syd>", "Øst"]},
        geometry=[box(10, 55, 11, 56), box(11, 55, 12, 56)],
        crs=4326,
    )
    values = pd.DataFrame({"boundary_id": ["1"], "value": [55.0], "population": [3000], "n_areas": [2]})
    deck = maps.choropleth_deck(polygons, values, indicator="pct_nonwestern", threshold=(50.0, ">"), lang="en")
    assert deck._tooltip["text"] == "{tip}"
    layer = _layer(_spec(deck), maps.CHOROPLETH_LAYER)
    props = [f["properties"] for f in layer["data"]["features"]]
    assert props[0]["tip"] == "Vest & <Syd>\n55.0% · Areas: 2 · Residents: 3,000"
    assert props[0]["fill"][0] > props[0]["fill"][2]  # above the 50 % line: red side
    assert props[1]["fill"][:3] == maps.hex_to_rgb(maps.MISSING_HEX)  # no areas inside: grey


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


def _legends(svg: str) -> list[str]:
    import re

    return re.findall(r'aria-label="([^"]*legend[^"]*)"', svg, flags=re.IGNORECASE)


@pytest.mark.parametrize(("indicator", "threshold"), [("pct_outside_labour_market", (40.0, ">")), (maps.STATUS, None)])
def test_static_map_has_a_legend_for_centre_types_and_area_colours(centres, areas, indicator, threshold):
    import vl_convert as vlc

    chart = maps.static_map(centres, areas.assign(pct_outside_labour_market=[52.0, np.nan, 30.0]), indicator, threshold)
    spec = chart.to_dict()
    assert spec["resolve"]["scale"]["color"] == "independent"
    svg = vlc.vegalite_to_svg(spec)
    legends = _legends(svg)
    assert len(legends) == 2, legends
    assert any("Centertype" in legend for legend in legends)
    expected = "Beregnet liste-status" if indicator == maps.STATUS else "Uden for arbejdsmarked"
    assert any(expected in legend for legend in legends)


def test_static_map_follows_the_extent_of_its_points(centres, areas):
    import vl_convert as vlc

    wide = maps.static_map(centres, areas, maps.STATUS, None)
    aarhus = maps.static_map(centres.iloc[:1], areas.iloc[:1], maps.STATUS, None)
    outline = lambda chart: chart.to_dict()["layer"][0]["data"]["values"]  # noqa: E731
    lons = lambda feats: [c for f in feats for c in json.dumps(f["geometry"]["coordinates"]).split(",")]  # noqa: E731
    assert len(lons(outline(aarhus))) < len(lons(outline(wide)))  # the outline is cut to the area around Aarhus
    assert vlc.vegalite_to_svg(aarhus.to_dict()).startswith("<svg")


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


def test_details_panel_lines_fit_a_narrow_panel():
    rows = maps.area_indicator_rows(
        pd.Series({"pct_nonwestern": 62.0, "income_pct_of_region": np.nan}),
        {"pct_nonwestern": (50.0, ">"), "income_pct_of_region": (55.0, "<")},
        "da",
    )
    from lib.i18n import translator

    text = maps.indicator_lines(rows, translator("da"))
    assert "**Ikke-vestlig baggrund**  \n62,0 % · grænse > 50,0 % · **opfyldt**" in text
    assert "–" in text  # the missing income value is said, not left blank
