"""AppTest of the map page: it draws, the indicator and gap controls change the output, selection opens details."""

from __future__ import annotations

import json

import pytest

from lib.views import maps

PAGE = "pages/2_map.py"


@pytest.fixture
def map_app(app):
    app.switch_page(PAGE).run()
    assert not app.exception, app.exception
    return app


def _deck_spec(at) -> dict:
    charts = at.get("deck_gl_json_chart")
    assert charts, "no pydeck chart on the page"
    return json.loads(charts[0].proto.json)


def _layer(spec: dict, layer_id: str) -> dict | None:
    return next((layer for layer in spec["layers"] if layer["id"] == layer_id), None)


def _gap_heading(at) -> str:
    return next(h.value for h in at.subheader if "km" in h.value)


def test_map_page_draws_offline_map_with_all_layers(map_app):
    spec = _deck_spec(map_app)
    assert spec.get("mapProvider") is None  # no basemap by default: works offline
    ids = [layer["id"] for layer in spec["layers"]]
    assert ids[0] == maps.OUTLINE_LAYER and maps.AREAS_LAYER in ids and maps.CENTRES_LAYER in ids
    assert len(_layer(spec, maps.CENTRES_LAYER)["data"]) > 50
    assert len(_layer(spec, maps.AREAS_LAYER)["data"]) > 20
    assert map_app.selectbox(key="w_map_indicator").value == "pct_outside_labour_market"


def test_indicator_switch_changes_colours_and_legend(map_app):
    before = _deck_spec(map_app)
    legend_before = [c.value for c in map_app.caption]
    map_app.selectbox(key="w_map_indicator").set_value("income_pct_of_region").run()
    assert not map_app.exception
    after = _deck_spec(map_app)
    fills = lambda spec: [row["fill"] for row in _layer(spec, maps.AREAS_LAYER)["data"]]  # noqa: E731
    assert fills(before) != fills(after)
    legend_after = [c.value for c in map_app.caption]
    assert legend_before != legend_after
    assert any("under" in c and "55,0" in c for c in legend_after)  # income: below 55 % meets the criterion
    map_app.selectbox(key="w_map_indicator").set_value(maps.STATUS).run()
    assert not map_app.exception
    assert fills(_deck_spec(map_app)) != fills(after)


def test_gap_controls_change_the_list_and_the_rings(map_app):
    map_app.slider(key="w_gap_min_criteria").set_value(0).run()
    map_app.select_slider(key="w_gap_km").set_value(20.0).run()
    wide = _gap_heading(map_app)
    map_app.selectbox(key="w_gap_type").set_value("library").run()
    map_app.select_slider(key="w_gap_km").set_value(0.5).run()
    assert not map_app.exception
    narrow = _gap_heading(map_app)
    assert wide != narrow
    n_narrow = int(narrow.rsplit(":", 1)[1])
    assert n_narrow > int(wide.rsplit(":", 1)[1])
    ring = _layer(_deck_spec(map_app), maps.GAPS_LAYER)
    assert len(ring["data"]) == n_narrow
    assert map_app.session_state["s_gap_km"] == 0.5


def test_selecting_a_centre_opens_its_details(map_app, sample_tables):
    centre = sample_tables["centres"].iloc[0]
    map_app.session_state["map_deck"] = {
        "selection": {
            "indices": {maps.CENTRES_LAYER: [0]},
            "objects": {maps.CENTRES_LAYER: [{"centre_id": centre["centre_id"], "name": centre["name"]}]},
        }
    }
    map_app.run()
    assert not map_app.exception
    assert any(centre["name"] in m.value for m in map_app.markdown)
    assert any("svar" in m.value for m in map_app.markdown)  # survey summary with n
    assert map_app.button(key="map_to_network")
    assert map_app.session_state["s_map_centre"] == centre["centre_id"]


def test_selecting_an_area_shows_indicators_against_thresholds(map_app, sample_tables):
    area = sample_tables["areas"].iloc[0]
    map_app.session_state["map_deck"] = {
        "selection": {
            "indices": {maps.AREAS_LAYER: [0]},
            "objects": {maps.AREAS_LAYER: [{"area_id": area["area_id"]}]},
        }
    }
    map_app.run()
    assert not map_app.exception
    assert any(area["name"] in m.value for m in map_app.markdown)
    # the indicators as short lines (a four-column table did not fit the panel at 1280 px)
    assert any(
        "grænse" in m.value and ("**opfyldt**" in m.value or "**ikke opfyldt**" in m.value) for m in map_app.markdown
    )
    assert any("Centre inden for" in m.value for m in map_app.markdown)


def test_network_link_sets_the_network_page_state(map_app, sample_tables):
    centre_id = sample_tables["centres"].iloc[0]["centre_id"]
    map_app.session_state["map_deck"] = {
        "selection": {"indices": {maps.CENTRES_LAYER: [0]}, "objects": {maps.CENTRES_LAYER: [{"centre_id": centre_id}]}}
    }
    map_app.run()
    map_app.button(key="map_to_network").click().run()
    assert map_app.session_state["s_net_centre"] == centre_id


def test_english_and_the_static_map_is_offered_for_slides_without_a_toggle(map_app):
    from lib.app import state

    map_app.session_state["lang"] = "en"
    map_app.session_state["w_lang"] = "en"
    map_app.run()
    assert not map_app.exception
    assert any("Gaps in coverage" in m.value for m in map_app.markdown)
    assert not map_app.get("vega_lite_chart")  # not drawn on the page ...
    record = map_app.session_state[state.K_CHARTS]["map"]["map_static"]
    assert "Outside labour market" in record.title
    spec = record.chart.to_dict()  # ... but made when asked for (pin, slides)
    assert spec["resolve"]["scale"]["color"] == "independent"


def _view(at) -> dict:
    return _deck_spec(at)["initialViewState"]


def test_map_opens_on_the_extent_of_the_filters_and_offers_the_whole_country(map_app):
    everything = _view(map_app)
    map_app.sidebar.multiselect(key="w_filter_regions").set_value(["Hovedstaden"]).run()
    assert not map_app.exception
    region = _view(map_app)
    assert region["zoom"] > everything["zoom"] + 1
    assert 12.0 < region["longitude"] < 12.8 and 55.5 < region["latitude"] < 56.1
    map_app.sidebar.multiselect(key="w_filter_municipalities").set_value(["København"]).run()
    city = _view(map_app)
    assert city["zoom"] > region["zoom"]
    # "whole country" until the filters change
    map_app.button(key="map_view_button").click().run()
    assert _view(map_app)["zoom"] == maps.DENMARK_VIEW["zoom"]
    assert map_app.query_params["map_whole"] == "1"
    map_app.button(key="map_view_button").click().run()
    assert _view(map_app)["zoom"] == city["zoom"]
    map_app.button(key="map_view_button").click().run()
    map_app.sidebar.multiselect(key="w_filter_municipalities").set_value([]).run()
    assert _view(map_app)["zoom"] == region["zoom"]
