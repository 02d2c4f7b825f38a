"""Bare page for bench_map: the same points drawn with folium through streamlit-folium (SVG or canvas markers)."""

import base64
import os
import sys
from pathlib import Path

import folium
import pandas as pd
from streamlit_folium import st_folium

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from lib.views import maps

points = pd.read_parquet(os.environ["ATLAS_BENCH_POINTS"])
# folium loads Leaflet (and jQuery/Bootstrap it does not need for circles) from CDNs; offline those fail and
# nothing is drawn. bench_map unpacks Leaflet from the npm registry and points here; inline it as data: URLs.
leaflet_dir = Path(os.environ.get("ATLAS_BENCH_LEAFLET_DIR", "/nonexistent"))
if (leaflet_dir / "leaflet.js").exists():

    def _data_url(path: Path, mime: str) -> str:
        return f"data:{mime};base64," + base64.b64encode(path.read_bytes()).decode()

    folium.Map.default_js = [("leaflet", _data_url(leaflet_dir / "leaflet.js", "text/javascript"))]
    folium.Map.default_css = [("leaflet_css", _data_url(leaflet_dir / "leaflet.css", "text/css"))]
colours = maps.type_colours() | {"area": "#787878"}
# tiles=None: offline like the pydeck page; the same Denmark outline as base layer.
# ATLAS_BENCH_FOLIUM_CANVAS=1: Leaflet's canvas renderer instead of one SVG element per marker.
fmap = folium.Map(
    location=[56.2, 11.4], zoom_start=7, tiles=None, prefer_canvas=os.environ.get("ATLAS_BENCH_FOLIUM_CANVAS") == "1"
)
folium.GeoJson(maps.geo.frame_to_geojson(maps.geo.load_outline(), [])).add_to(fmap)
for lon, lat, kind in zip(points["lon"], points["lat"], points["kind"], strict=True):
    folium.CircleMarker([lat, lon], radius=4, color=colours[kind], fill=True, weight=1).add_to(fmap)
st_folium(fmap, height=560, width=900, returned_objects=[])
