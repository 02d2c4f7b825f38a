"""Bare page for bench_map: the benchmark points drawn with pydeck (same style as the map page, no basemap)."""

import os
import sys
from pathlib import Path

import pandas as pd
import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from lib.views import maps

points = pd.read_parquet(os.environ["ATLAS_BENCH_POINTS"])
colours = {k: maps.hex_to_rgb(v) for k, v in maps.type_colours().items()} | {"area": [120, 120, 120]}
records = [
    {"lon": round(lon, 5), "lat": round(lat, 5), "fill": colours[kind]}
    for lon, lat, kind in zip(points["lon"], points["lat"], points["kind"], strict=True)
]
layer = maps.pdk.Layer(
    "ScatterplotLayer",
    id="points",
    data=records,
    get_position=["lon", "lat"],
    get_fill_color="fill",
    get_radius=4,
    radius_units='"pixels"',
    pickable=True,
)
st.pydeck_chart(
    maps.CompactDeck(
        layers=[maps.outline_layer(None), layer], initial_view_state=maps._view(None), map_provider=None, map_style=None
    ),
    height=560,
)
