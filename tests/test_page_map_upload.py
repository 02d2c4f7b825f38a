"""AppTest of the map page's boundary upload: a good EPSG:25832 layer gives a choropleth, bad files a message.

Files are built here with GeoPandas (GeoPackage, GeoJSON) and uploaded through
``st.file_uploader`` as a user would; the main map must stay in place either way.
"""

from __future__ import annotations

import json

import geopandas as gpd
import pytest
from shapely.geometry import Point, box

PAGE = "pages/2_map.py"
# Denmark in EPSG:25832 (UTM 32N, metres), split at x = 650 km into a west and an east polygon.
WEST = box(430_000, 6_030_000, 650_000, 6_420_000)
EAST = box(650_000, 6_030_000, 910_000, 6_420_000)


@pytest.fixture
def map_app(app):
    app.switch_page(PAGE).run()
    assert not app.exception, app.exception
    if not hasattr(app, "file_uploader"):
        pytest.skip("this Streamlit's AppTest cannot drive st.file_uploader")
    return app


def _gpkg(gdf: gpd.GeoDataFrame, tmp_path) -> bytes:
    path = tmp_path / "layer.gpkg"
    gdf.to_file(path, driver="GPKG")
    return path.read_bytes()


def _upload(at, name: str, data: bytes, mime: str = "application/octet-stream"):
    at.file_uploader(key="map_upload").set_value((name, data, mime)).run()
    assert not at.exception, at.exception
    return at


def _decks(at) -> list[dict]:
    return [json.loads(chart.proto.json) for chart in at.get("deck_gl_json_chart")]


def test_geopackage_in_25832_gives_a_choropleth(map_app, tmp_path):
    layer = gpd.GeoDataFrame({"KODE": ["V", "Ø"], "NAVN": ["Vest", "Øst <b>&</b>"]}, geometry=[WEST, EAST], crs=25832)
    at = _upload(map_app, "landsdele.gpkg", _gpkg(layer, tmp_path))
    ok = [s.value for s in at.success]
    assert any("2" in text and "EPSG:25832" in text for text in ok), ok
    decks = _decks(at)
    assert len(decks) == 2, "the main map and the choropleth"
    polygons = next(lyr for lyr in decks[1]["layers"] if lyr["id"] == "polygons")["data"]["features"]
    assert [f["properties"]["boundary_id"] for f in polygons] == ["V", "Ø"]
    west = polygons[0]
    lons = [lon for lon, _ in west["geometry"]["coordinates"][0]]
    assert 7.5 < min(lons) < 8.5 and 11 < max(lons) < 12  # reprojected from metres to degrees
    areas_joined = sum(int(f["properties"]["tip"].split("Områder: ")[1].split(" ")[0]) for f in polygons)
    assert areas_joined > 40, "every sample area lies in one of the two polygons"
    # attribute values reach the tooltip as plain text, shown with innerText (never as markup)
    tooltip = json.loads(at.get("deck_gl_json_chart")[1].proto.tooltip)
    assert tooltip["text"] == "{tip}" and "html" not in tooltip
    assert polygons[1]["properties"]["tip"].startswith("Øst <b>&</b>\n")
    assert not at.error


@pytest.mark.parametrize(
    "name, make, message",
    [
        (
            "punkter.geojson",
            lambda tmp: (
                gpd.GeoDataFrame({"id": [1]}, geometry=[Point(700_000, 6_200_000)], crs=25832).to_json().encode()
            ),
            "polygon",
        ),
        ("intet.zip", lambda tmp: b"PK\x03\x04 not really a zip", ""),
        ("tom.geojson", lambda tmp: b'{"type": "FeatureCollection", "features": []}', ""),
        ("billede.geojson", lambda tmp: b"\x89PNG\r\n\x1a\n" + bytes(200), ""),
    ],
)
def test_bad_boundary_files_get_a_message_and_keep_the_map(map_app, tmp_path, name, make, message):
    at = _upload(map_app, name, make(tmp_path))
    errors = [e.value for e in at.error]
    assert errors, f"no message for {name}"
    assert message.lower() in errors[0].lower()
    assert "Traceback" not in errors[0] and "/work" not in errors[0]
    assert len(_decks(at)) == 1, "the main map stays; no choropleth"
