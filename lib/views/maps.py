"""Map builders: frames in, ``pydeck.Deck`` or ``altair.Chart`` out.

Pure functions (no Streamlit). The interactive map is deck.gl through pydeck;
without a basemap it uses ``map_provider=None`` so nothing is fetched from the
internet and the bundled Denmark outline is the base layer. Only the columns a
layer needs are sent to the browser, and every text shown in a tooltip is
HTML-escaped here, on the server, because deck.gl's tooltip template inserts
values into ``innerHTML`` as they are.
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

from lib.analysis import geo
from lib.i18n import label, t
from lib.schema import INDICATORS

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

# Columns that reach the browser, per layer. Nothing else is serialised.
CENTRE_COLUMNS = ["centre_id", "lon", "lat", "fill", "name", "tip"]
AREA_COLUMNS = ["area_id", "lon", "lat", "r", "fill", "name", "tip"]


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
    text = f"{float(value):,.{digits}f}"
    if lang == "da":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


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


_HTML_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&#x27;"))
_DA_DECIMALS = str.maketrans(",.", ".,")


def _esc(series) -> list[str]:
    """HTML-escape every value like ``html.escape`` (missing -> ""), vectorised.

    Vectorised string replaces on the whole column: ~30x faster than calling
    ``html.escape`` per row for 15,000 names. ``&`` goes first so escapes are not escaped twice.
    """
    values = pd.Series(series, copy=False)
    text = values.astype(object).where(values.notna(), "").astype(str)
    for raw, escaped in _HTML_ESCAPES:
        text = text.str.replace(raw, escaped, regex=False)
    return text.tolist()


def _fmt_many(values, lang: str, digits: int = 1) -> list[str]:
    """:func:`fmt_number` for a whole column at once."""
    arr = pd.to_numeric(pd.Series(values, copy=False), errors="coerce").to_numpy(dtype=float)
    out = [f"{v:,.{digits}f}" if v == v else "–" for v in arr.tolist()]
    if lang == "da":
        out = [x.translate(_DA_DECIMALS) for x in out]
    return out


def _coords(frame: pd.DataFrame) -> tuple[list, list, np.ndarray]:
    lon = pd.to_numeric(frame["longitude"], errors="coerce").to_numpy(dtype=float)
    lat = pd.to_numeric(frame["latitude"], errors="coerce").to_numpy(dtype=float)
    ok = np.isfinite(lon) & np.isfinite(lat)
    return np.round(lon, 5).tolist(), np.round(lat, 5).tolist(), ok


def centre_records(centres: pd.DataFrame, lang: str = "da") -> list[dict]:
    """Records sent to the browser for the centres layer (keys: :data:`CENTRE_COLUMNS`).

    Names and tooltip text are HTML-escaped; rows without coordinates are left out.
    """
    colours = {k: hex_to_rgb(v) for k, v in type_colours().items()}
    missing = hex_to_rgb(MISSING_HEX)
    lon, lat, ok = _coords(centres)
    types = centres["centre_type"].astype(str).tolist()
    type_labels = {c: html.escape(label("type", c, lang)) for c in set(types)}
    names = _esc(centres["name"])
    type_text = [type_labels[c] for c in types]
    if "municipality" in centres.columns:
        munis = _esc(centres["municipality"])
        tips = [f"{tl} · {m}" if m else tl for tl, m in zip(type_text, munis, strict=True)]
    else:
        tips = type_text
    ids = centres["centre_id"].astype(str).tolist()
    return [
        {
            "centre_id": i,
            "lon": x,
            "lat": y,
            "fill": colours.get(c, missing),
            "name": n,
            "tip": tp,
        }
        for i, x, y, c, n, tp, good in zip(ids, lon, lat, types, names, tips, ok.tolist(), strict=True)
        if good
    ]


def area_records(areas: pd.DataFrame, indicator: str, threshold, lang: str = "da") -> list[dict]:
    """Records sent to the browser for the areas layer (keys: :data:`AREA_COLUMNS`).

    The fill colour encodes ``indicator`` (diverging around ``threshold``) or
    the status; the radius in pixels grows with the square root of population,
    so a circle's area is proportional to the number of residents.
    """
    lon, lat, ok = _coords(areas)
    pop = pd.to_numeric(areas["population"], errors="coerce").to_numpy(dtype=float)
    radius = np.round(3 + np.sqrt(np.nan_to_num(pop)) / 8, 1).tolist()
    statuses = areas["status"].tolist() if "status" in areas.columns else [None] * len(areas)
    none_text = t("map.status.none", lang)
    status_text = {
        s: html.escape(label("status", s, lang) if isinstance(s, str) and s else none_text) for s in set(statuses)
    }
    if indicator == STATUS:
        colours = status_colours()
        fills = [hex_to_rgb(colours.get(s if isinstance(s, str) else None, MISSING_HEX)) + [220] for s in statuses]
        value_text = [""] * len(areas)
    else:
        fills = indicator_colours(areas[indicator], threshold)
        ind_label = html.escape(t(f"map.ind.{indicator}", lang))
        thr = html.escape(threshold_text(indicator, threshold, lang))
        thr_part = f" ({html.escape(t('map.tip.threshold', lang))} {thr})" if thr else ""
        unit = t(f"map.unit.{indicator}", lang, value="\x00")
        value_text = [
            f"{ind_label}: {html.escape(unit.replace(chr(0), v) if v != '–' else v)}{thr_part}<br/>"
            for v in _fmt_many(areas[indicator], lang)
        ]
    pop_label = html.escape(t("map.tip.population", lang))
    tips = [
        f"{vt}{pop_label}: {p}<br/>{status_text[s]}"
        for vt, p, s in zip(value_text, _fmt_many(pop, lang, 0), statuses, strict=True)
    ]
    ids = areas["area_id"].astype(str).tolist()
    names = _esc(areas["name"])
    return [
        {"area_id": i, "lon": x, "lat": y, "r": r, "fill": f, "name": n, "tip": tp}
        for i, x, y, r, f, n, tp, good in zip(ids, lon, lat, radius, fills, names, tips, ok.tolist(), strict=True)
        if good
    ]


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
    tooltip = {
        "html": "<b>{name}</b><br/>{tip}",
        "style": {
            "backgroundColor": "#222",
            "color": "white",
            "fontSize": "12px",
            "maxWidth": "320px",
        },
    }
    if basemap:
        return CompactDeck(
            layers=layers,
            initial_view_state=_view(view),
            map_provider="carto",
            map_style=pdk.map_styles.LIGHT,
            tooltip=tooltip,
            height=height,
        )
    return CompactDeck(
        layers=layers,
        initial_view_state=_view(view),
        map_provider=None,
        map_style=None,
        tooltip=tooltip,
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
    merged["name"] = _esc(merged["boundary_name"])
    unit = (lambda v: fmt_indicator(v, indicator, lang)) if indicator else (lambda v: fmt_number(v, lang))
    n_label = t("map.tip.n_areas", lang)
    pop_label = t("map.tip.population", lang)
    merged["tip"] = [
        html.escape(f"{unit(v)} · {n_label}: {fmt_number(n, lang, 0)} · {pop_label}: {fmt_number(p, lang, 0)}")
        for v, n, p in zip(
            merged["value"],
            merged.get("n_areas", pd.Series(np.nan, index=merged.index)),
            merged.get("population", pd.Series(np.nan, index=merged.index)),
            strict=True,
        )
    ]
    data = geo.frame_to_geojson(merged, ["boundary_id", "name", "tip", "fill"])
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
    return _deck(layers, basemap=basemap, view=None, height=height)


# --- Static map for slides ----------------------------------------------------------------


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
) -> alt.Chart:
    """Static Altair version of :func:`deck` (outline + areas + centres) for PNG/SVG export.

    Data is embedded in the spec (never a URL) so vl-convert exports it offline.

    Returns
    -------
    altair.LayerChart

    Examples
    --------
    >>> chart = static_map(centres, areas, "pct_nonwestern", (50.0, ">"))  # doctest: +SKIP
    """
    gdf = geo.load_outline() if outline is None else outline
    projection = {"type": "mercator"}
    base = (
        alt.Chart(alt.Data(values=geo.frame_to_geojson(gdf, [])["features"]))
        .mark_geoshape(fill="#ECECE8", stroke="#969696", strokeWidth=0.6)
        .project(**projection)
    )
    a = areas.dropna(subset=["latitude", "longitude"])
    area_vals = pd.DataFrame(
        {
            "lon": a["longitude"].astype(float).round(4),
            "lat": a["latitude"].astype(float).round(4),
            "population": pd.to_numeric(a.get("population"), errors="coerce").fillna(0),
            "name": a["name"].astype(str),
        }
    )
    if indicator == STATUS:
        colours = status_colours()
        area_vals["colour"] = [
            colours.get(s if pd.notna(s) else None, MISSING_HEX) for s in a.get("status", [None] * len(a))
        ]
    else:
        rgba = indicator_colours(a[indicator], threshold)
        area_vals["colour"] = ["#{:02x}{:02x}{:02x}".format(*c[:3]) for c in rgba]
    area_vals["gap"] = (
        a["area_id"].astype(str).isin(set(map(str, [] if highlight_ids is None else highlight_ids))).to_numpy()
    )
    areas_chart = (
        alt.Chart(alt.InlineData(values=area_vals.to_dict("records")))
        .mark_circle(stroke="#3c3c3c", strokeWidth=0.5, opacity=0.9)
        .encode(
            longitude="lon:Q",
            latitude="lat:Q",
            size=alt.Size("population:Q", legend=None, scale=alt.Scale(range=[15, 250])),
            color=alt.Color("colour:N", scale=None),
            tooltip=["name:N"],
        )
        .project(**projection)
    )
    layers = [base, areas_chart]
    if area_vals["gap"].any():
        layers.append(
            alt.Chart(alt.InlineData(values=area_vals.loc[area_vals["gap"]].to_dict("records")))
            .mark_circle(filled=False, stroke=GAP_HEX, strokeWidth=1.5, size=320)
            .encode(longitude="lon:Q", latitude="lat:Q")
            .project(**projection)
        )
    c = centres.dropna(subset=["latitude", "longitude"])
    colours = type_colours()
    centre_vals = pd.DataFrame(
        {
            "lon": c["longitude"].astype(float).round(4),
            "lat": c["latitude"].astype(float).round(4),
            "type": [label("type", x, lang) for x in c["centre_type"]],
            "code": c["centre_type"].astype(str),
        }
    )
    codes = [k for k in colours if k in set(centre_vals["code"])]
    layers.append(
        alt.Chart(alt.InlineData(values=centre_vals.to_dict("records")))
        .mark_circle(size=18, stroke="white", strokeWidth=0.4, opacity=1)
        .encode(
            longitude="lon:Q",
            latitude="lat:Q",
            color=alt.Color(
                "type:N",
                title=t("map.legend.centre_type", lang),
                scale=alt.Scale(
                    domain=[label("type", k, lang) for k in codes],
                    range=[colours[k] for k in codes],
                ),
            ),
        )
        .project(**projection)
    )
    return alt.layer(*layers).properties(width=width, height=height)


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


def gap_deck(centres, areas, indicator, threshold, *, basemap: bool, gaps: pd.DataFrame, lang: str) -> pdk.Deck:
    """The Map page's deck: :func:`deck` with the areas of the gap analysis ``gaps`` highlighted."""
    return deck(centres, areas, indicator, threshold, basemap=basemap, highlight_ids=gaps["area_id"], lang=lang)


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
