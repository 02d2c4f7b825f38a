"""Map builders: frames in, ``pydeck.Deck`` or ``altair.Chart`` out.

Pure functions (no Streamlit). The interactive map is deck.gl through pydeck;
without a basemap it uses ``map_provider=None`` so nothing is fetched from the
internet and the bundled Denmark outline is the base layer. Only the columns a
layer needs are sent to the browser.

Tooltips are plain text: one field per object (``tip``: the name on the first line,
the details below) and the deck's tooltip is ``{"text": "{tip}"}``. Streamlit's
deck.gl front end sets a text tooltip with ``innerText``, so names arrive as they are
and cannot become markup; an ``html`` tooltip would be escaped once more by Streamlit
(it escapes every value it interpolates), which is how ``&lt;``, ``&#x27;`` and raw
``<br/>`` reached readers. One field only, because Streamlit substitutes the template's
placeholders one after another: a name containing ``{tip}`` could otherwise swallow the next.
"""

from __future__ import annotations

import html
import json
import math
from functools import lru_cache

import altair as alt
import geopandas as gpd
import numpy as np
import pandas as pd
import pydeck as pdk
from shapely.geometry import box as shapely_box

from lib.analysis import geo
from lib.i18n import fmt, label, t
from lib.schema import INDICATORS, statuses_in_order
from lib.views import compose

STATUS = "status"
#: What the map can colour areas by: the five indicators of today's rules and the computed status.
MAP_INDICATORS = (*(i for i in INDICATORS if i != "pct_convicted"), STATUS)

#: Layer ids; the page reads selections by these.
CENTRES_LAYER = "centres"
AREAS_LAYER = "areas"
GAPS_LAYER = "gaps"
OUTLINE_LAYER = "outline"
CHOROPLETH_LAYER = "polygons"

_OKABE_ITO_TYPES = {
    "library": "#0072B2",
    "health": "#009E73",
    "association": "#E69F00",
    "housing_area": "#CC79A7",
}
# Status fallback until lib/palette.STATUS_COLOURS exists: light to dark with severity.
_STATUS_FALLBACK = {
    None: "#BDBDBD",
    "": "#BDBDBD",
    "none": "#BDBDBD",
    "forebyggelse": "#FDB863",
    "forebyggelsesomraade": "#FDB863",
    "udsat": "#E08214",
    "ghetto": "#B35806",
    "parallelsamfund": "#B35806",
    "haardt_ghetto": "#7F3B08",
    "omdannelse": "#7F3B08",
    "omdannelsesomraade": "#7F3B08",
}
#: Diverging ends (ColorBrewer RdBu, colour-blind safe): criterion met / not met.
MET_HEX = "#B2182B"
NOT_MET_HEX = "#2166AC"
NEUTRAL_HEX = "#F7F7F7"
MISSING_HEX = "#BDBDBD"
GAP_HEX = "#000000"

DENMARK_VIEW = {"latitude": 56.2, "longitude": 11.4, "zoom": 5.75}
#: (width, height) in pixels the map is fitted for: its column at 1280 px with the sidebar open, and
#: presentation mode (no sidebar; the height fits a 1280x720 projector under the page title).
PAGE_MAP_SIZE = (500, 560)
PRESENT_MAP_SIZE = (720, 470)
#: Closest zoom the map opens on (a single centre: a few streets around it, not one building).
MAX_FIT_ZOOM = 11.0

# Columns that reach the browser, per layer. Nothing else is serialised.
CENTRE_COLUMNS = ["centre_id", "lon", "lat", "fill", "tip"]
AREA_COLUMNS = ["area_id", "lon", "lat", "r", "fill", "tip"]

#: The tooltip: one plain-text field (see the module docstring), never ``html``.
TOOLTIP = {
    "text": "{tip}",
    "style": {
        "backgroundColor": "#1F2A37",
        "color": "white",
        "fontSize": "14px",
        "lineHeight": "1.35",
        "maxWidth": "280px",
        "padding": "8px 10px",
        "borderRadius": "4px",
    },
}
#: Page CSS for the map: the tooltip's first line (the name) in bold, and the tooltip drawn over the
#: details panel instead of being clipped by the map's own frame at its right edge.
TOOLTIP_CSS = """<style>
.deck-tooltip::first-line {font-weight: 700;}
[data-testid="stDeckGlJsonChart"] > div, .deck-widgets-root, .deck-widgets-root > div
  {overflow: visible !important;}
.deck-tooltip {z-index: 10 !important; overflow-wrap: break-word;}
</style>"""


# --- Colours --------------------------------------------------------------------


def hex_to_rgb(colour: str) -> list[int]:
    """``"#0072B2"`` -> ``[0, 114, 178]``.

    Examples
    --------
    >>> hex_to_rgb("#0072B2")
    [0, 114, 178]
    """
    h = colour.lstrip("#")
    return [int(h[i : i + 2], 16) for i in (0, 2, 4)]


def type_colours() -> dict[str, str]:
    """Centre type -> hex colour, from lib.views.palette when it is there."""
    try:
        from lib.views.palette import TYPE_COLOURS

        return dict(TYPE_COLOURS)
    except ImportError:
        return dict(_OKABE_ITO_TYPES)


def status_colours() -> dict:
    """Area status -> hex colour, from lib.views.palette when it is there."""
    try:
        from lib.views.palette import STATUS_COLOURS

        return {**_STATUS_FALLBACK, **dict(STATUS_COLOURS)}
    except ImportError:
        return dict(_STATUS_FALLBACK)


def _mix(a: str, b: str, frac: np.ndarray) -> np.ndarray:
    """Linear mix of two hex colours; ``frac`` 0 gives ``a``, 1 gives ``b``."""
    ra, rb = np.array(hex_to_rgb(a), float), np.array(hex_to_rgb(b), float)
    return np.rint(ra + (rb - ra) * frac[:, None]).astype(int)


def met_direction(threshold) -> int:
    """+1 when a value above the threshold meets the criterion, -1 when below."""
    if threshold is None:
        return 1
    return -1 if str(threshold[1]).startswith("<") else 1


def diverging_position(values: pd.Series, threshold) -> tuple[np.ndarray, float]:
    """Position of each value on the diverging scale, in [-1, 1].

    0 is the official threshold, +1 the far "criterion met" side. The span is
    the 95th percentile of the distance from the threshold, so one outlier does
    not wash out all other colours.

    Returns
    -------
    (positions, span)
        NaN positions for missing values; ``span`` in the indicator's unit.
    """
    v = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float)
    if threshold is None:
        finite = v[np.isfinite(v)]
        centre = float(np.median(finite)) if finite.size else 0.0
    else:
        centre = float(threshold[0])
    dist = v - centre
    finite = np.abs(dist[np.isfinite(dist)])
    span = float(np.percentile(finite, 95)) if finite.size else 1.0
    span = span if span > 0 else 1.0
    pos = np.clip(dist / span, -1, 1) * met_direction(threshold)
    return pos, span


def indicator_colours(values: pd.Series, threshold) -> list[list[int]]:
    """RGBA per value on the diverging scale centred on the threshold."""
    pos, _ = diverging_position(values, threshold)
    safe = np.nan_to_num(pos)
    met = _mix(NEUTRAL_HEX, MET_HEX, np.clip(safe, 0, 1))
    not_met = _mix(NEUTRAL_HEX, NOT_MET_HEX, np.clip(-safe, 0, 1))
    rgb = np.where((safe >= 0)[:, None], met, not_met)
    rgb[~np.isfinite(pos)] = hex_to_rgb(MISSING_HEX)
    alpha = np.full((len(rgb), 1), 220)
    return np.hstack([rgb, alpha]).tolist()


# --- Formatting for tooltips ----------------------------------------------------------


def fmt_number(value, lang: str, digits: int = 1) -> str:
    """Number with the language's decimal mark; "–" for missing.

    Examples
    --------
    >>> fmt_number(41.25, "da")
    '41,2'
    >>> fmt_number(12345, "en", 0)
    '12,345'
    """
    if value is None or (isinstance(value, float) and math.isnan(value)) or pd.isna(value):
        return "–"
    return fmt.number(float(value), lang, digits)


def fmt_indicator(value, indicator: str, lang: str) -> str:
    """An indicator value with its unit, e.g. ``"41,2 %"`` or ``"3,1 ×"``; "–" when missing."""
    if value is None or pd.isna(value):
        return "–"
    return t(f"map.unit.{indicator}", lang, value=fmt_number(value, lang))


def threshold_text(indicator: str, threshold, lang: str) -> str:
    """``"> 40,0 %"``-style text of an official threshold, or "" when none applies."""
    if threshold is None:
        return ""
    op = html.unescape(str(threshold[1])).replace(">=", "≥").replace("<=", "≤")
    return f"{op} {fmt_indicator(threshold[0], indicator, lang)}"


def _text(series) -> list[str]:
    """Every value as plain text (missing -> ""): tooltips are set with ``innerText``, never parsed as HTML."""
    values = pd.Series(series, copy=False)
    return values.astype(object).where(values.notna(), "").astype(str).tolist()


def _fmt_many(values, lang: str, digits: int = 1) -> list[str]:
    """:func:`fmt_number` for a whole column at once.

    The same text as ``lib.i18n.fmt.number`` (tests hold them equal) without a babel call per
    row: 15,000 centres and 4,000 areas are formatted on every new map view.
    """
    return fmt.numbers(values, lang, digits)


def _coords(frame: pd.DataFrame) -> tuple[list, list, np.ndarray]:
    lon = pd.to_numeric(frame["longitude"], errors="coerce").to_numpy(dtype=float)
    lat = pd.to_numeric(frame["latitude"], errors="coerce").to_numpy(dtype=float)
    ok = np.isfinite(lon) & np.isfinite(lat)
    return np.round(lon, 5).tolist(), np.round(lat, 5).tolist(), ok


def centre_records(centres: pd.DataFrame, lang: str = "da") -> list[dict]:
    r"""Records sent to the browser for the centres layer (keys: :data:`CENTRE_COLUMNS`).

    ``tip`` is plain text: the name, then type and municipality. Rows without coordinates are left out.

    Examples
    --------
    >>> frame = pd.DataFrame({"centre_id": ["MC1"], "name": ["Huset <b>"], "centre_type": ["library"],
    ...                       "latitude": [56.1], "longitude": [10.2]})
    >>> centre_records(frame, "en")[0]["tip"]
    'Huset <b>\nLibrary-based'
    """
    colours = {k: hex_to_rgb(v) for k, v in type_colours().items()}
    missing = hex_to_rgb(MISSING_HEX)
    lon, lat, ok = _coords(centres)
    types = centres["centre_type"].astype(str).tolist()
    type_labels = {c: label("type", c, lang) for c in set(types)}
    names = _text(centres["name"])
    type_text = [type_labels[c] for c in types]
    if "municipality" in centres.columns:
        munis = _text(centres["municipality"])
        details = [f"{tl} · {m}" if m else tl for tl, m in zip(type_text, munis, strict=True)]
    else:
        details = type_text
    ids = centres["centre_id"].astype(str).tolist()
    return [
        {"centre_id": i, "lon": x, "lat": y, "fill": colours.get(c, missing), "tip": f"{n}\n{d}"}
        for i, x, y, c, n, d, good in zip(ids, lon, lat, types, names, details, ok.tolist(), strict=True)
        if good
    ]


def area_records(areas: pd.DataFrame, indicator: str, threshold, lang: str = "da") -> list[dict]:
    """Records sent to the browser for the areas layer (keys: :data:`AREA_COLUMNS`).

    The fill colour encodes ``indicator`` (diverging around ``threshold``) or
    the status; the radius in pixels grows with the square root of population,
    so a circle's area is proportional to the number of residents. ``tip`` is plain
    text, one fact a line: name, indicator value with the threshold, residents, status.
    """
    lon, lat, ok = _coords(areas)
    pop = pd.to_numeric(areas["population"], errors="coerce").to_numpy(dtype=float)
    radius = np.round(3 + np.sqrt(np.nan_to_num(pop)) / 8, 1).tolist()
    statuses = areas["status"].tolist() if "status" in areas.columns else [None] * len(areas)
    none_text = t("map.status.none", lang)
    status_text = {s: label("status", s, lang) if isinstance(s, str) and s else none_text for s in set(statuses)}
    if indicator == STATUS:
        colours = status_colours()
        fills = [hex_to_rgb(colours.get(s if isinstance(s, str) else None, MISSING_HEX)) + [220] for s in statuses]
        value_text = [""] * len(areas)
    else:
        fills = indicator_colours(areas[indicator], threshold)
        ind_label = t(f"map.ind.{indicator}", lang)
        thr = threshold_text(indicator, threshold, lang)
        thr_part = f" ({t('map.tip.threshold', lang)} {thr})" if thr else ""
        unit = t(f"map.unit.{indicator}", lang, value="\x00")
        value_text = [
            f"{ind_label}: {unit.replace(chr(0), v) if v != '–' else v}{thr_part}\n"
            for v in _fmt_many(areas[indicator], lang)
        ]
    pop_label = t("map.tip.population", lang)
    names = _text(areas["name"])
    tips = [
        f"{n}\n{vt}{pop_label}: {p}\n{status_text[s]}"
        for n, vt, p, s in zip(names, value_text, _fmt_many(pop, lang, 0), statuses, strict=True)
    ]
    ids = areas["area_id"].astype(str).tolist()
    return [
        {"area_id": i, "lon": x, "lat": y, "r": r, "fill": f, "tip": tp}
        for i, x, y, r, f, tp, good in zip(ids, lon, lat, radius, fills, tips, ok.tolist(), strict=True)
        if good
    ]


# --- The view the map opens on ----------------------------------------------------------------------


def _mercator(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Web Mercator in world units (0..1 across the world), as deck.gl's MapView projects."""
    lat = np.clip(lat, -85.05, 85.05)
    x = (lon + 180.0) / 360.0
    y = (1.0 - np.log(np.tan(np.pi / 4 + np.radians(lat) / 2)) / np.pi) / 2.0
    return x, y


def fit_view(
    lons,
    lats,
    *,
    width: int = 620,
    height: int = 560,
    padding: int = 36,
    max_zoom: float = MAX_FIT_ZOOM,
) -> dict:
    """The view (latitude, longitude, zoom) that shows every point in a ``width`` x ``height`` map.

    Like deck.gl's ``fitBounds``: the bounding box in Web Mercator, centred, at the largest zoom
    that keeps ``padding`` pixels free on each side, and never closer than ``max_zoom``. No finite
    point: :data:`DENMARK_VIEW`.

    Examples
    --------
    >>> view = fit_view([12.45, 12.65], [55.62, 55.73])  # Copenhagen
    >>> 10 < view["zoom"] <= MAX_FIT_ZOOM and round(view["longitude"], 2)
    12.55
    >>> fit_view([], []) == DENMARK_VIEW
    True
    """
    lon = np.asarray(pd.to_numeric(pd.Series(lons, dtype=object), errors="coerce"), dtype=float)
    lat = np.asarray(pd.to_numeric(pd.Series(lats, dtype=object), errors="coerce"), dtype=float)
    ok = np.isfinite(lon) & np.isfinite(lat) & (np.abs(lat) <= 90) & (np.abs(lon) <= 180)
    if not ok.any():
        return dict(DENMARK_VIEW)
    x, y = _mercator(lon[ok], lat[ok])
    x0, x1, y0, y1 = float(x.min()), float(x.max()), float(y.min()), float(y.max())
    span_x, span_y = max(x1 - x0, 1e-12) * 512, max(y1 - y0, 1e-12) * 512
    room_x, room_y = max(width - 2 * padding, 50), max(height - 2 * padding, 50)
    zoom = min(math.log2(min(room_x / span_x, room_y / span_y)), max_zoom)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    centre_lat = math.degrees(2 * math.atan(math.exp(math.pi * (1 - 2 * cy))) - math.pi / 2)
    return {"latitude": round(centre_lat, 4), "longitude": round(cx * 360 - 180, 4), "zoom": round(zoom, 2)}


def extent_view(centres: pd.DataFrame, areas: pd.DataFrame, *, width: int = 620, height: int = 560) -> dict:
    """The view that shows every centre and area the filters select (:func:`fit_view` of both).

    Examples
    --------
    >>> extent_view(centres, areas, width=900, height=520)  # doctest: +SKIP
    {'latitude': 55.68, 'longitude': 12.52, 'zoom': 10.4}
    """
    frames = [f for f in (centres, areas) if f is not None and len(f) and {"longitude", "latitude"} <= set(f.columns)]
    if not frames:
        return dict(DENMARK_VIEW)
    lons = pd.concat([f["longitude"] for f in frames], ignore_index=True)
    lats = pd.concat([f["latitude"] for f in frames], ignore_index=True)
    return fit_view(lons, lats, width=width, height=height)


def bounds_view(polygons: gpd.GeoDataFrame, *, width: int = 620, height: int = 560) -> dict:
    """The view that shows a whole polygon layer (an uploaded boundary file), from its bounds in EPSG:4326."""
    if polygons is None or polygons.empty:
        return dict(DENMARK_VIEW)
    frame = polygons.to_crs(geo.WGS84) if polygons.crs is not None else polygons
    x0, y0, x1, y1 = (float(v) for v in frame.total_bounds)
    return fit_view([x0, x1], [y0, y1], width=width, height=height, padding=24)


class CompactDeck(pdk.Deck):
    """A Deck whose JSON has no indentation.

    ``st.pydeck_chart`` sends ``deck.to_json()`` to the browser; pydeck indents
    it by two spaces and sorts keys, which doubles the payload of a map with
    tens of thousands of points. Same content, compact separators.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # None attributes are left out of pydeck's JSON, so the memo never leaks into it.
        self._atlas_json = None

    def to_json(self):
        """The deck as JSON, serialised once."""
        # Memoised: a deck is not changed after it is built, and a cached deck is
        # serialised again on every rerun by st.pydeck_chart.
        if self._atlas_json is None:
            from pydeck.bindings.json_tools import default_serialize

            self._atlas_json = json.dumps(self, default=default_serialize, separators=(",", ":"), sort_keys=True)
        return self._atlas_json


# --- Interactive map ------------------------------------------------------------------


@lru_cache(maxsize=1)
def _default_outline_geojson() -> dict:
    # The bundled outline never changes while the app runs; read and convert it once.
    return geo.frame_to_geojson(geo.load_outline(), [])


def outline_layer(outline: gpd.GeoDataFrame | None, *, filled: bool = True) -> pdk.Layer:
    """The Denmark outline as a non-pickable GeoJsonLayer (the offline base map)."""
    data = _default_outline_geojson() if outline is None else geo.frame_to_geojson(outline, [])
    return pdk.Layer(
        "GeoJsonLayer",
        id=OUTLINE_LAYER,
        data=data,
        stroked=True,
        filled=filled,
        get_fill_color=[236, 236, 232, 255],
        get_line_color=[150, 150, 150, 255],
        line_width_min_pixels=1,
        pickable=False,
    )


def _view(view: dict | None) -> pdk.ViewState:
    return pdk.ViewState(**{**DENMARK_VIEW, **(view or {})})


def _deck(layers: list, *, basemap: bool, view: dict | None, height: int) -> pdk.Deck:
    # Without a basemap Streamlit's frontend picks a Carto style (a CDN fetch) for a deck with no mapStyle;
    # pydeck's "__MAP_STYLE__" sentinel, left as it is with map_provider=None, tells it to draw none.
    provider = {"map_provider": "carto", "map_style": pdk.map_styles.LIGHT} if basemap else {"map_provider": None}
    return CompactDeck(
        layers=layers,
        initial_view_state=_view(view),
        **({"map_style": "__MAP_STYLE__"} | provider),
        tooltip=TOOLTIP,
        height=height,
    )


def deck(
    centres: pd.DataFrame,
    areas: pd.DataFrame,
    indicator: str,
    threshold,
    *,
    basemap: bool = False,
    outline: gpd.GeoDataFrame | None = None,
    highlight_ids=None,
    lang: str = "da",
    view: dict | None = None,
    height: int = 560,
) -> pdk.Deck:
    """Interactive map of centres over areas coloured by an indicator.

    Parameters
    ----------
    centres : pandas.DataFrame
        ``centre_id``, ``name``, ``centre_type``, ``latitude``, ``longitude``
        (``municipality`` optional). Drawn as points coloured by type.
    areas : pandas.DataFrame
        One row per area: ``area_id``, ``name``, ``latitude``, ``longitude``,
        ``population``, the indicator column and ``status`` (optional). Drawn
        as circles sized by population.
    indicator : str
        One of :data:`MAP_INDICATORS`.
    threshold : (float, str) or None
        The official threshold ``(value, operator)`` of ``indicator`` (from
        ``lib.analysis.criteria.threshold``); the colour scale is centred on it.
    basemap : bool
        Add a tile basemap (needs internet). Off: ``map_provider=None``.
    outline : geopandas.GeoDataFrame, optional
        Base polygon layer; the bundled Denmark outline by default.
    highlight_ids : iterable of str, optional
        Area ids to ring (the gap analysis result).
    lang : {"da", "en"}
        Language of tooltips.
    view : dict, optional
        Overrides of the initial view (latitude, longitude, zoom).
    height : int
        Height in pixels.

    Returns
    -------
    pydeck.Deck
        Pickable layers with ids :data:`AREAS_LAYER` and :data:`CENTRES_LAYER`.

    Examples
    --------
    >>> d = deck(centres, areas, "pct_outside_labour_market", (40.0, ">"))  # doctest: +SKIP
    >>> st.pydeck_chart(d, on_select="rerun", selection_mode="single-object", key="map_deck")  # doctest: +SKIP
    """
    if indicator not in MAP_INDICATORS:
        raise ValueError(f"indicator must be one of {MAP_INDICATORS}, got {indicator!r}")
    area_data = area_records(areas, indicator, threshold, lang)
    centre_data = centre_records(centres, lang)
    layers = [outline_layer(outline, filled=not basemap)]
    layers.append(
        pdk.Layer(
            "ScatterplotLayer",
            id=AREAS_LAYER,
            data=area_data,
            get_position=["lon", "lat"],
            get_radius="r",
            radius_units='"pixels"',  # quoted: pydeck turns bare strings into accessors
            get_fill_color="fill",
            stroked=True,
            get_line_color=[60, 60, 60, 200],
            line_width_min_pixels=1,
            pickable=True,
            auto_highlight=True,
        )
    )
    if highlight_ids is not None:
        wanted = set(map(str, highlight_ids))
        ring = [
            {"area_id": r["area_id"], "lon": r["lon"], "lat": r["lat"], "r": r["r"] + 4}
            for r in area_data
            if r["area_id"] in wanted
        ]
        layers.append(
            pdk.Layer(
                "ScatterplotLayer",
                id=GAPS_LAYER,
                data=ring,
                get_position=["lon", "lat"],
                get_radius="r",
                radius_units='"pixels"',  # quoted: pydeck turns bare strings into accessors
                filled=False,
                stroked=True,
                get_line_color=hex_to_rgb(GAP_HEX) + [255],
                line_width_min_pixels=2.5,
                pickable=False,
            )
        )
    layers.append(
        pdk.Layer(
            "ScatterplotLayer",
            id=CENTRES_LAYER,
            data=centre_data,
            get_position=["lon", "lat"],
            get_radius=4,
            radius_units='"pixels"',  # quoted: pydeck turns bare strings into accessors
            get_fill_color="fill",
            stroked=True,
            get_line_color=[255, 255, 255, 255],
            line_width_min_pixels=1,
            pickable=True,
            auto_highlight=True,
        )
    )
    return _deck(layers, basemap=basemap, view=view, height=height)


def _simplify(polygons: gpd.GeoDataFrame, max_vertices: int = 60_000) -> gpd.GeoSeries:
    """Simplify large boundary layers so the browser gets a sensible payload."""
    geoms = polygons.geometry
    n = int(geoms.count_coordinates().sum())
    if n <= max_vertices:
        return geoms
    # ~0.0005 degrees is ~50 m: invisible at country and municipality zoom.
    return geoms.simplify(0.0005 * math.sqrt(n / max_vertices), preserve_topology=True)


def choropleth_deck(
    polygons: gpd.GeoDataFrame,
    values: pd.DataFrame,
    *,
    indicator: str | None = None,
    threshold=None,
    basemap: bool = False,
    outline: gpd.GeoDataFrame | None = None,
    lang: str = "da",
    height: int = 560,
) -> pdk.Deck:
    """Choropleth of a per-polygon value (e.g. a population-weighted indicator).

    Parameters
    ----------
    polygons : geopandas.GeoDataFrame
        ``boundary_id``, ``boundary_name``, polygons in EPSG:4326 (from
        ``lib.data.boundaries.read_boundaries``).
    values : pandas.DataFrame
        ``boundary_id``, ``value`` and optionally ``population``, ``n_areas``
        (from ``lib.analysis.geo.weighted_indicator``). Polygons without a value are grey.
    indicator : str, optional
        For the unit in tooltips.
    threshold : (float, str) or None
        Centre of the diverging colour scale.

    Returns
    -------
    pydeck.Deck
        A pickable GeoJsonLayer with id :data:`CHOROPLETH_LAYER`.

    Examples
    --------
    >>> choropleth_deck(polygons, geo.weighted_indicator(joined, "pct_nonwestern"))  # doctest: +SKIP
    """
    merged = polygons[["boundary_id", "boundary_name", "geometry"]].merge(
        values.drop(columns=["boundary_name"], errors="ignore"),
        on="boundary_id",
        how="left",
    )
    merged = gpd.GeoDataFrame(merged, geometry="geometry", crs=polygons.crs).to_crs(geo.WGS84)
    merged["geometry"] = _simplify(merged)
    fill = indicator_colours(merged["value"], threshold)
    # Polygons without areas are nearly transparent so they do not read as "low value".
    merged["fill"] = [c[:3] + ([190] if pd.notna(v) else [40]) for c, v in zip(fill, merged["value"], strict=True)]
    unit = (lambda v: fmt_indicator(v, indicator, lang)) if indicator else (lambda v: fmt_number(v, lang))
    n_label = t("map.tip.n_areas", lang)
    pop_label = t("map.tip.population", lang)
    merged["tip"] = [
        f"{name}\n{unit(v)} · {n_label}: {fmt_number(n, lang, 0)} · {pop_label}: {fmt_number(p, lang, 0)}"
        for name, v, n, p in zip(
            _text(merged["boundary_name"]),
            merged["value"],
            merged.get("n_areas", pd.Series(np.nan, index=merged.index)),
            merged.get("population", pd.Series(np.nan, index=merged.index)),
            strict=True,
        )
    ]
    data = geo.frame_to_geojson(merged, ["boundary_id", "tip", "fill"])
    layers = [
        outline_layer(outline, filled=not basemap),
        pdk.Layer(
            "GeoJsonLayer",
            id=CHOROPLETH_LAYER,
            data=data,
            stroked=True,
            filled=True,
            get_fill_color="properties.fill",
            get_line_color=[80, 80, 80, 255],
            line_width_min_pixels=1,
            pickable=True,
            auto_highlight=True,
        ),
    ]
    # An uploaded layer opens on its own extent, whatever part of the country it covers.
    return _deck(layers, basemap=basemap, view=bounds_view(merged, height=height), height=height)


# --- Static map for slides ----------------------------------------------------------------


def _clipped_outline(gdf: gpd.GeoDataFrame, lons: pd.Series, lats: pd.Series) -> gpd.GeoDataFrame:
    """The outline cut to the points' bounding box (with a margin), so the static map follows the filters.

    Vega-Lite fits its projection to every layer; the whole outline would keep the map on all of Denmark.
    """
    lon = pd.to_numeric(lons, errors="coerce").dropna()
    lat = pd.to_numeric(lats, errors="coerce").dropna()
    if lon.empty or lat.empty:
        return gdf
    x0, x1, y0, y1 = float(lon.min()), float(lon.max()), float(lat.min()), float(lat.max())
    # at least ~25 km across, and a margin so edge points are not on the frame
    pad_x, pad_y = max((x1 - x0) * 0.12, 0.2), max((y1 - y0) * 0.12, 0.12)
    bx0, by0, bx1, by1 = (float(v) for v in gdf.total_bounds)
    box_ = (max(x0 - pad_x, bx0), max(y0 - pad_y, by0), min(x1 + pad_x, bx1), min(y1 + pad_y, by1))
    if box_ == (bx0, by0, bx1, by1) or box_[0] >= box_[2] or box_[1] >= box_[3]:
        return gdf
    clipped = gdf.clip_by_rect(*box_)
    clipped = gpd.GeoDataFrame(geometry=clipped[~clipped.is_empty], crs=gdf.crs)
    # a frame around the cut keeps the projection on the box even where the sea is empty
    frame = gpd.GeoDataFrame(geometry=[shapely_box(*box_).exterior], crs=gdf.crs)
    return pd.concat([clipped, frame], ignore_index=True) if len(clipped) else gdf


def _area_colour_layer(a: pd.DataFrame, indicator: str, threshold, lang: str, projection: dict) -> list:
    """The areas as circles with a colour legend: statuses by name, or the indicator on its diverging scale."""
    base = {
        "lon": a["longitude"].astype(float).round(4).to_numpy(),
        "lat": a["latitude"].astype(float).round(4).to_numpy(),
        "population": pd.to_numeric(a.get("population"), errors="coerce").fillna(0).to_numpy(),
        "name": a["name"].astype(str).to_numpy(),
    }
    size = alt.Size("population:Q", legend=None, scale=alt.Scale(range=[20, 320]))
    mark = {"stroke": "#3c3c3c", "strokeWidth": 0.5, "opacity": 0.92}
    if indicator == STATUS:
        colours = status_colours()
        codes = [s if isinstance(s, str) and s else "none" for s in a.get("status", pd.Series([None] * len(a)))]
        present = statuses_in_order(codes)
        vals = pd.DataFrame({**base, "status": [label("status", c, lang) for c in codes]})
        colour = alt.Color(
            "status:N",
            title=t("map.ind.status", lang),
            scale=alt.Scale(
                domain=[label("status", c, lang) for c in present], range=[colours.get(c, MISSING_HEX) for c in present]
            ),
            legend=alt.Legend(orient="right", symbolType="circle", symbolSize=260),
        )
        chart = alt.Chart(alt.InlineData(values=vals.to_dict("records"))).mark_circle(**mark)
        return [
            chart.encode(
                longitude=alt.Longitude("lon:Q"), latitude=alt.Latitude("lat:Q"), size=size, color=colour
            ).project(**projection)
        ]
    value = pd.to_numeric(a[indicator], errors="coerce").to_numpy(dtype=float)
    vals = pd.DataFrame({**base, "value": value})
    _, span = diverging_position(pd.Series(value), threshold)
    finite = value[np.isfinite(value)]
    centre = float(threshold[0]) if threshold is not None else float(np.median(finite)) if finite.size else 0.0
    ends = [NOT_MET_HEX, NEUTRAL_HEX, MET_HEX] if met_direction(threshold) > 0 else [MET_HEX, NEUTRAL_HEX, NOT_MET_HEX]
    domain = [round(centre - span, 1), round(centre, 1), round(centre + span, 1)]
    colour = alt.Color(
        "value:Q",
        title=t(f"map.ind.{indicator}", lang),
        scale=alt.Scale(domain=domain, range=ends, clamp=True, interpolate="lab"),
        legend=alt.Legend(orient="right", values=domain, format=",.1f", gradientLength=200, direction="vertical"),
    )
    known = vals.loc[np.isfinite(value)]
    layers = [
        alt.Chart(alt.InlineData(values=known.to_dict("records")))
        .mark_circle(**mark)
        .encode(longitude=alt.Longitude("lon:Q"), latitude=alt.Latitude("lat:Q"), size=size, color=colour)
        .project(**projection)
    ]
    missing = vals.loc[~np.isfinite(value)].drop(columns="value")
    if len(missing):
        layers.append(
            alt.Chart(alt.InlineData(values=missing.to_dict("records")))
            .mark_circle(**mark, fill=MISSING_HEX)
            .encode(longitude=alt.Longitude("lon:Q"), latitude=alt.Latitude("lat:Q"), size=size)
            .project(**projection)
        )
    return layers


@compose.quick_build
def static_map(
    centres: pd.DataFrame,
    areas: pd.DataFrame,
    indicator: str,
    threshold,
    *,
    outline: gpd.GeoDataFrame | None = None,
    highlight_ids=None,
    lang: str = "da",
    width: int = 560,
    height: int = 480,
) -> alt.LayerChart:
    """Static Altair version of :func:`deck` (outline + areas + centres) for slides and PNG/SVG export.

    The map shows the extent of the given centres and areas (the outline is cut to it), with a
    legend for the centre types and one for the area colours (statuses by name, or the indicator's
    diverging scale around its threshold). Data is embedded in the spec (never a URL) so vl-convert
    exports it offline.

    Returns
    -------
    altair.LayerChart

    Examples
    --------
    >>> chart = static_map(centres, areas, "pct_nonwestern", (50.0, ">"))  # doctest: +SKIP
    """
    gdf = geo.load_outline() if outline is None else outline
    a = areas.dropna(subset=["latitude", "longitude"])
    c = centres.dropna(subset=["latitude", "longitude"])
    gdf = _clipped_outline(
        gdf,
        pd.concat([a["longitude"], c["longitude"]], ignore_index=True),
        pd.concat([a["latitude"], c["latitude"]], ignore_index=True),
    )
    projection = {"type": "mercator"}
    layers = [
        alt.Chart(alt.Data(values=geo.frame_to_geojson(gdf, [])["features"]))
        .mark_geoshape(fill="#ECECE8", stroke="#969696", strokeWidth=0.6)
        .project(**projection)
    ]
    if len(a):
        layers.extend(_area_colour_layer(a, indicator, threshold, lang, projection))
        gap = a["area_id"].astype(str).isin(set(map(str, [] if highlight_ids is None else highlight_ids)))
        if gap.any():
            rings = pd.DataFrame(
                {
                    "lon": a.loc[gap, "longitude"].astype(float).round(4),
                    "lat": a.loc[gap, "latitude"].astype(float).round(4),
                }
            )
            layers.append(
                alt.Chart(alt.InlineData(values=rings.to_dict("records")))
                .mark_circle(filled=False, stroke=GAP_HEX, strokeWidth=1.5, size=380)
                .encode(longitude=alt.Longitude("lon:Q"), latitude=alt.Latitude("lat:Q"))
                .project(**projection)
            )
    colours = type_colours()
    centre_vals = pd.DataFrame(
        {
            "lon": c["longitude"].astype(float).round(4),
            "lat": c["latitude"].astype(float).round(4),
            "type": [label("type", x, lang) for x in c["centre_type"]],
        }
    )
    types = set(c["centre_type"].astype(str))
    codes = [k for k in colours if k in types]
    if len(c):
        layers.append(
            alt.Chart(alt.InlineData(values=centre_vals.to_dict("records")))
            .mark_circle(size=30, stroke="white", strokeWidth=0.6, opacity=1)
            .encode(
                longitude=alt.Longitude("lon:Q"),
                latitude=alt.Latitude("lat:Q"),
                color=alt.Color(
                    "type:N",
                    title=t("map.legend.centre_type", lang),
                    scale=alt.Scale(domain=[label("type", k, lang) for k in codes], range=[colours[k] for k in codes]),
                    legend=alt.Legend(orient="right", symbolType="circle", symbolSize=160),
                ),
            )
            .project(**projection)
        )
    # Two colour legends (centre types, area colours) need two scales; numbers in the reader's language.
    return (
        compose.layer(*layers)
        .resolve_scale(color="independent", size="independent")
        .properties(width=width, height=height)
        .configure(locale=alt.Locale(number=fmt.D3_LOCALES.get(lang, fmt.D3_LOCALES["da"])))
        .configure_view(stroke=None)
        .configure_legend(titleLimit=320, labelLimit=260)
    )


# --- Details panel ------------------------------------------------------------------------------


def area_indicator_rows(area: pd.Series, thresholds: dict, lang: str = "da") -> pd.DataFrame:
    """An area's five indicators against the official thresholds, for the details panel.

    Parameters
    ----------
    area : pandas.Series
        One row of the latest areas.
    thresholds : dict
        ``indicator -> (value, operator) or None`` for the area's year.
    lang : {"da", "en"}

    Returns
    -------
    pandas.DataFrame
        ``indicator`` (label), ``value``, ``threshold`` (text), ``met`` (True/False/None).

    Examples
    --------
    >>> rules = {"pct_nonwestern": (50.0, ">"), "pct_outside_labour_market": None}
    >>> area_indicator_rows(pd.Series({"pct_nonwestern": 62.0}), rules, "en")["met"].tolist()
    [True, None]
    """
    rows = []
    for indicator, rule in thresholds.items():
        value = area.get(indicator)
        met = None
        if rule is not None and value is not None and pd.notna(value):
            met = bool(geo.compare(pd.Series([float(value)]), *rule).iloc[0])
        rows.append(
            {
                "indicator": t(f"map.ind.{indicator}", lang),
                "value": fmt_indicator(value, indicator, lang),
                "threshold": threshold_text(indicator, rule, lang),
                "met": met,
            }
        )
    return pd.DataFrame(rows)


def indicator_lines(rows: pd.DataFrame, t) -> str:
    """:func:`area_indicator_rows` as short Markdown lines for the narrow details panel.

    One indicator a line pair: its name in bold, then value, threshold and whether the criterion is
    met. A table of four columns does not fit a panel a third of the page wide.
    """
    verdict = {True: t("map.details.met"), False: t("map.details.not_met")}
    lines = []
    for row in rows.itertuples():
        parts = [row.value]
        if row.threshold:
            parts.append(f"{t('map.details.col_threshold').lower()} {row.threshold}")
        if row.met is not None:
            parts.append(f"**{verdict[bool(row.met)]}**")
        lines.append(f"**{row.indicator}**  \n{' · '.join(parts)}")
    return "\n\n".join(lines)


def rating_lines(ratings: pd.DataFrame, t, lang: str) -> str:
    """A centre's mean ratings (from :func:`centre_survey_summary`) as a Markdown list with n."""
    lines = []
    for row in ratings.itertuples():
        mean = fmt_number(row.mean, lang, 1) if row.n else "–"
        lines.append(f"- {t(f'rating.{row.dimension}')}: **{mean}** (n = {fmt_number(row.n, lang, 0)})")
    return "\n".join(lines)


def centre_survey_summary(responses: pd.DataFrame, centre_id: str, dimensions=None) -> tuple[int, pd.DataFrame]:
    """Number of survey responses of a centre and its mean rating per dimension with n.

    Returns
    -------
    (n_responses, frame)
        ``frame`` has ``dimension`` (code without ``rating_``), ``mean``, ``n``;
        blank ratings lower ``n``, not the mean.

    Examples
    --------
    >>> n, frame = centre_survey_summary(pd.DataFrame({"centre_id": ["MC001"], "rating_visibility": [4]}), "MC001",
    ...                                   ["rating_visibility"])
    >>> n, frame["mean"].tolist()
    (1, [4.0])
    """
    from lib.schema import RATING_COLUMNS

    dims = list(dimensions or RATING_COLUMNS)
    mine = (
        responses.loc[responses["centre_id"] == centre_id] if "centre_id" in responses.columns else responses.iloc[0:0]
    )
    rows = []
    for col in dims:
        values = pd.to_numeric(mine[col], errors="coerce") if col in mine.columns else pd.Series(dtype=float)
        values = values[(values >= 1) & (values <= 5)]
        rows.append(
            {
                "dimension": col.removeprefix("rating_"),
                "mean": float(values.mean()) if len(values) else np.nan,
                "n": int(values.count()),
            }
        )
    return len(mine), pd.DataFrame(rows)


def legend_text(indicator: str, threshold, lang: str = "da", *, with_size: bool = True) -> str:
    """The map's colours in words (Markdown), for the caption under the indicator selector.

    Examples
    --------
    >>> "40" in legend_text("pct_outside_labour_market", (40.0, ">"), "en")
    True
    """
    size = t("map.legend.size", lang) if with_size else ""
    if indicator == STATUS:
        return f"{t('map.legend.status', lang)} {size}".strip()
    if threshold is None:
        return f"{t('map.legend.no_threshold', lang)} {size}".strip()
    side = t("map.legend.above" if met_direction(threshold) > 0 else "map.legend.below", lang)
    return (
        t(
            "map.legend.indicator",
            lang,
            indicator=t(f"map.ind.{indicator}", lang),
            threshold=threshold_text(indicator, threshold, lang),
            side=side,
        )
        + f" {size}"
    ).strip()


def gap_deck(
    centres, areas, indicator, threshold, *, basemap: bool, gaps: pd.DataFrame, lang: str, view: dict | None = None
) -> pdk.Deck:
    """The Map page's deck: :func:`deck` with the areas of the gap analysis ``gaps`` highlighted."""
    return deck(
        centres, areas, indicator, threshold, basemap=basemap, highlight_ids=gaps["area_id"], lang=lang, view=view
    )


def gap_table(gaps: pd.DataFrame, t) -> pd.DataFrame:
    """The gap list as the reader sees it: labels in the reader's language, distances to 0.1 km."""
    table = gaps.assign(
        distance_km=gaps["distance_km"].round(1),
        status=[t.label("status", s) for s in gaps["status"]],
        nearest_centre_type=[t.label("type", c) if isinstance(c, str) else "" for c in gaps["nearest_centre_type"]],
    )
    if "gap_reason" in table:
        table["gap_reason"] = [t(f"map.gap.reason.{r}") for r in table["gap_reason"]]
    return table.rename(columns=lambda col: t(f"map.gapcol.{col}"))


def gap_table_shown(table: pd.DataFrame, t) -> pd.DataFrame:
    """:func:`gap_table` without its id columns: the ids stay in the downloads, the reader sees names."""
    return table.drop(columns=[t("map.gapcol.area_id"), t("map.gapcol.nearest_centre_id")], errors="ignore")
