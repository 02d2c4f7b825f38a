"""Geography: the Denmark outline, metric distances, gap analysis and uploaded boundaries.

Coordinates in the tables are WGS84 (EPSG:4326). Every distance is computed
in ETRS89 / UTM zone 32N (EPSG:25832), the Danish norm, where one unit is one
metre across the whole country. Uploaded boundary layers may come in any CRS
they declare; they are reprojected to EPSG:4326 for drawing and joining.

No Streamlit here: the map page calls these functions and renders the results.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer

WGS84 = "EPSG:4326"
METRIC_CRS = "EPSG:25832"
OUTLINE_PATH = Path(__file__).resolve().parents[2] / "data" / "geo" / "denmark.geojson"

#: Columns used for the criteria count when a status frame does not carry one.
CRITERIA_COUNT_COLUMNS = ("n_met", "criteria_met", "n_criteria_met", "n_criteria")

# --- Outline and projections -------------------------------------------------


@lru_cache(maxsize=1)
def _outline_cached() -> gpd.GeoDataFrame:
    return gpd.read_file(OUTLINE_PATH)


def load_outline() -> gpd.GeoDataFrame:
    """Return the bundled Denmark land outline (Natural Earth, EPSG:4326).

    Returns
    -------
    geopandas.GeoDataFrame
        One row, a MultiPolygon; a copy, so callers may modify it.

    Examples
    --------
    >>> load_outline().crs.to_epsg()
    4326
    """
    return _outline_cached().copy()


def to_metric(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Reproject ``gdf`` to EPSG:25832 (metres).

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
        A frame with a CRS.

    Returns
    -------
    geopandas.GeoDataFrame

    Examples
    --------
    >>> pts = points_from_frame(pd.DataFrame({"latitude": [55.68], "longitude": [12.57]}))
    >>> round(to_metric(pts).geometry.x.iloc[0])  # doctest: +SKIP
    724000
    """
    if not isinstance(gdf, gpd.GeoDataFrame | gpd.GeoSeries):
        raise TypeError(f"'gdf' should be a GeoDataFrame or GeoSeries, got {type(gdf).__name__}")
    if gdf.crs is None:
        raise ValueError("'gdf' has no CRS; set it before reprojecting")
    return gdf.to_crs(METRIC_CRS)


def points_from_frame(
    df: pd.DataFrame, lat: str = "latitude", lon: str = "longitude", crs: str = WGS84
) -> gpd.GeoDataFrame:
    """Turn a frame with coordinate columns into a point GeoDataFrame.

    Rows without both coordinates are dropped (they cannot be placed on a map);
    the index is kept so results can be aligned with ``df``.

    Parameters
    ----------
    df : pandas.DataFrame
    lat, lon : str
        Column names of latitude and longitude (or northing and easting for a
        projected ``crs``).
    crs : str
        CRS of the coordinates, WGS84 by default.

    Returns
    -------
    geopandas.GeoDataFrame

    Examples
    --------
    >>> points_from_frame(pd.DataFrame({"latitude": [56.0], "longitude": [10.0]})).geom_type.iloc[0]
    'Point'
    """
    missing = [c for c in (lat, lon) if c not in df.columns]
    if missing:
        raise KeyError(f"coordinate columns missing: {missing}; got {list(df.columns)}")
    ok = df[lat].notna() & df[lon].notna()
    sub = df.loc[ok]
    geometry = gpd.points_from_xy(sub[lon].astype(float), sub[lat].astype(float))
    return gpd.GeoDataFrame(sub.copy(), geometry=geometry, crs=crs)


@lru_cache(maxsize=4)
def _transformer(src: str, dst: str) -> Transformer:
    return Transformer.from_crs(src, dst, always_xy=True)


def _metric_xy(df: pd.DataFrame, lat: str = "latitude", lon: str = "longitude") -> tuple[np.ndarray, np.ndarray]:
    """Project WGS84 columns to EPSG:25832 arrays; NaN where a coordinate is missing."""
    lons = pd.to_numeric(df[lon], errors="coerce").to_numpy(dtype=float)
    lats = pd.to_numeric(df[lat], errors="coerce").to_numpy(dtype=float)
    x, y = _transformer(WGS84, METRIC_CRS).transform(lons, lats)
    x = np.where(np.isfinite(lons) & np.isfinite(lats), x, np.nan)
    y = np.where(np.isfinite(lons) & np.isfinite(lats), y, np.nan)
    return np.asarray(x, dtype=float), np.asarray(y, dtype=float)


def _filter_types(centres: pd.DataFrame, centre_types) -> pd.DataFrame:
    if centre_types is None:
        return centres
    if isinstance(centre_types, str):
        centre_types = [centre_types]
    return centres.loc[centres["centre_type"].isin(list(centre_types))]


def latest_areas(areas: pd.DataFrame, area_status: pd.Series | None = None) -> pd.DataFrame:
    """One row per area: its latest year, with the computed ``status`` attached.

    Parameters
    ----------
    areas : pandas.DataFrame
        The areas table (one row per area and year).
    area_status : pandas.Series, optional
        Status per ``area_id`` (``lib.analysis.criteria.latest_status``).

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> latest_areas(pd.DataFrame({"area_id": ["A", "A"], "year": [2020, 2021]}))["year"].tolist()
    [2021]
    """
    if areas.empty:
        out = areas.copy()
        out["status"] = pd.Series(dtype=object)
        return out
    out = areas.sort_values(["area_id", "year"], kind="stable").groupby("area_id", sort=False).tail(1)
    out = out.reset_index(drop=True)
    if area_status is not None:
        out["status"] = out["area_id"].map(area_status).astype(object)
    elif "status" not in out.columns:
        out["status"] = None
    return out


# --- Distances ---------------------------------------------------------------


def nearest_centres(
    areas: pd.DataFrame,
    centres: pd.DataFrame,
    *,
    centre_types=None,
) -> pd.DataFrame:
    """Distance from each area to its nearest centre, in metres (EPSG:25832).

    Uses a shapely STRtree over the projected centre points, so 4,000 areas x
    15,000 centres take milliseconds.

    Parameters
    ----------
    areas : pandas.DataFrame
        Columns ``area_id``, ``latitude``, ``longitude`` (one row per area).
    centres : pandas.DataFrame
        Columns ``centre_id``, ``centre_type``, ``latitude``, ``longitude``;
        ``name`` is carried along when present.
    centre_types : str or list of str, optional
        Only consider centres of these types (e.g. ``["library"]``).

    Returns
    -------
    pandas.DataFrame
        Aligned with ``areas`` (same index): ``area_id``, ``nearest_centre_id``,
        ``nearest_centre_name``, ``nearest_centre_type``, ``distance_m``. The
        distance is NaN when the area has no coordinates or no centre qualifies.

    Examples
    --------
    >>> a = pd.DataFrame({"area_id": ["A01"], "latitude": [56.0], "longitude": [10.0]})
    >>> c = pd.DataFrame({"centre_id": ["MC001"], "centre_type": ["library"],
    ...                   "latitude": [56.0], "longitude": [10.01]})
    >>> round(nearest_centres(a, c)["distance_m"].iloc[0])  # doctest: +SKIP
    622
    """
    out = pd.DataFrame(
        {
            "area_id": areas["area_id"].to_numpy(),
            "nearest_centre_id": pd.Series([None] * len(areas), dtype=object).to_numpy(),
            "nearest_centre_name": pd.Series([None] * len(areas), dtype=object).to_numpy(),
            "nearest_centre_type": pd.Series([None] * len(areas), dtype=object).to_numpy(),
            "distance_m": np.full(len(areas), np.nan),
        },
        index=areas.index,
    )
    pool = _filter_types(centres, centre_types)
    if pool.empty or areas.empty:
        return out
    cx, cy = _metric_xy(pool)
    cok = np.isfinite(cx) & np.isfinite(cy)
    pool, cx, cy = pool.loc[cok], cx[cok], cy[cok]
    if pool.empty:
        return out
    ax, ay = _metric_xy(areas)
    aok = np.isfinite(ax) & np.isfinite(ay)
    if not aok.any():
        return out
    tree = shapely.STRtree(shapely.points(cx, cy))
    (a_idx, c_idx), dist = tree.query_nearest(shapely.points(ax[aok], ay[aok]), return_distance=True, all_matches=False)
    rows = np.flatnonzero(aok)[a_idx]
    names = pool["name"].to_numpy() if "name" in pool.columns else np.full(len(pool), None)
    out.iloc[rows, out.columns.get_loc("nearest_centre_id")] = pool["centre_id"].to_numpy()[c_idx]
    out.iloc[rows, out.columns.get_loc("nearest_centre_name")] = names[c_idx]
    out.iloc[rows, out.columns.get_loc("nearest_centre_type")] = pool["centre_type"].to_numpy()[c_idx]
    out.iloc[rows, out.columns.get_loc("distance_m")] = dist
    return out


def centres_within(
    areas: pd.DataFrame,
    centres: pd.DataFrame,
    max_km: float,
    *,
    centre_types=None,
) -> pd.DataFrame:
    """All (area, centre) pairs closer than ``max_km``, with the distance in metres.

    Parameters
    ----------
    areas, centres : pandas.DataFrame
        As for :func:`nearest_centres`.
    max_km : float
        Reach in kilometres (inclusive).
    centre_types : str or list of str, optional
        Only consider centres of these types.

    Returns
    -------
    pandas.DataFrame
        ``area_id``, ``centre_id``, ``name``, ``centre_type``, ``distance_m``,
        sorted by area and distance.

    Examples
    --------
    >>> a = pd.DataFrame({"area_id": ["A01"], "latitude": [56.0], "longitude": [10.0]})
    >>> c = pd.DataFrame({"centre_id": ["MC001"], "centre_type": ["library"],
    ...                   "latitude": [56.0], "longitude": [10.01]})
    >>> centres_within(a, c, 1.0)["centre_id"].tolist()
    ['MC001']
    """
    cols = ["area_id", "centre_id", "name", "centre_type", "distance_m"]
    pool = _filter_types(centres, centre_types)
    if pool.empty or areas.empty:
        return pd.DataFrame(columns=cols)
    cx, cy = _metric_xy(pool)
    ax, ay = _metric_xy(areas)
    cok = np.isfinite(cx) & np.isfinite(cy)
    aok = np.isfinite(ax) & np.isfinite(ay)
    tree = shapely.STRtree(shapely.points(np.where(cok, cx, 0), np.where(cok, cy, 0)))
    a_idx, c_idx = tree.query(
        shapely.points(np.where(aok, ax, 0), np.where(aok, ay, 0)),
        predicate="dwithin",
        distance=float(max_km) * 1000.0,
    )
    keep = aok[a_idx] & cok[c_idx]
    a_idx, c_idx = a_idx[keep], c_idx[keep]
    names = pool["name"].to_numpy() if "name" in pool.columns else np.full(len(pool), None)
    pairs = pd.DataFrame(
        {
            "area_id": areas["area_id"].to_numpy()[a_idx],
            "centre_id": pool["centre_id"].to_numpy()[c_idx],
            "name": names[c_idx],
            "centre_type": pool["centre_type"].to_numpy()[c_idx],
            "distance_m": np.hypot(ax[a_idx] - cx[c_idx], ay[a_idx] - cy[c_idx]),
        }
    )
    return pairs.sort_values(["area_id", "distance_m"], kind="stable").reset_index(drop=True)


# --- Gap analysis --------------------------------------------------------------


def _criteria_count(areas_latest: pd.DataFrame, statuses: pd.DataFrame | None) -> pd.Series:
    """Number of official criteria met per area, indexed by area_id.

    Taken from the status frame when it carries a count (``n_met`` from
    ``lib.analysis.criteria.classify``); otherwise the criteria engine is run on
    ``areas_latest`` so the count follows each area's own rule set.
    """
    if statuses is not None:
        for col in CRITERIA_COUNT_COLUMNS:
            if col in statuses.columns:
                return statuses.drop_duplicates("area_id", keep="last").set_index("area_id")[col]
    from lib.analysis import criteria  # lazy: geo is usable without the criteria engine

    classified = criteria.classify(areas_latest)
    return classified.groupby("area_id").tail(1).set_index("area_id")["n_met"]


def compare(values: pd.Series, threshold_value: float, operator: str) -> pd.Series:
    """Whether each value meets a threshold rule; NaN where the value is missing.

    Parameters
    ----------
    values : pandas.Series
    threshold_value : float
    operator : {">", ">=", "<", "<="}

    Returns
    -------
    pandas.Series of object (True/False/NaN)

    Examples
    --------
    >>> compare(pd.Series([39.0, 41.0]), 40.0, ">").tolist()
    [False, True]
    """
    ops = {
        ">": values.gt,
        ">=": values.ge,
        "<": values.lt,
        "<=": values.le,
    }
    if operator not in ops:
        raise ValueError(f"operator must be one of {sorted(ops)}, got {operator!r}")
    result = ops[operator](threshold_value).astype(object)
    result[values.isna()] = np.nan
    return result


#: Why an area is in the gap list (``gap_analysis``'s ``gap_reason``), in the order the list shows them.
GAP_REASONS = ("no_coordinates", "no_centre", "too_far")


def gap_analysis(
    areas_latest: pd.DataFrame,
    statuses: pd.DataFrame | None,
    centres: pd.DataFrame,
    *,
    min_criteria: int | None = None,
    statuses_wanted=None,
    max_km: float = 2.0,
    centre_types=None,
) -> pd.DataFrame:
    """Areas that qualify (criteria or status) and have no centre within ``max_km``.

    Parameters
    ----------
    areas_latest : pandas.DataFrame
        One row per area (its latest year): ``area_id``, ``name``,
        ``latitude``, ``longitude``, ``population`` and the indicators.
    statuses : pandas.DataFrame, pandas.Series or None
        ``area_id``, ``status`` and, if available, ``n_met`` (number of
        official criteria met), e.g. the latest rows of
        ``lib.analysis.criteria.classify``; or the Series of ``lib.analysis.criteria.latest_status``.
        Without a count, ``min_criteria`` runs the criteria engine itself.
    centres : pandas.DataFrame
        ``centre_id``, ``name``, ``centre_type``, ``latitude``, ``longitude``.
    min_criteria : int, optional
        Keep areas meeting at least this many official criteria.
    statuses_wanted : iterable of str, optional
        Keep areas whose status is one of these. When both filters are given,
        an area must pass both; when neither is, every area qualifies.
    max_km : float
        An area is a gap when its nearest qualifying centre is farther than
        this (or there is none).
    centre_types : str or list of str, optional
        Only centres of these types count ("no library-based centre within 3 km").

    Returns
    -------
    pandas.DataFrame
        One row per gap area, farthest first: ``area_id``, ``name``,
        ``municipality``, ``region``, ``population``, ``status``,
        ``criteria_met``, ``nearest_centre_id``, ``nearest_centre_name``,
        ``nearest_centre_type``, ``distance_km`` and ``gap_reason``: one of
        :data:`GAP_REASONS` -- ``"too_far"`` (the nearest centre is beyond
        ``max_km``), ``"no_centre"`` (no qualifying centre has coordinates) or
        ``"no_coordinates"`` (the area itself has no usable coordinates, so no
        distance can be measured; ``distance_km`` is NaN for the last two).

    Examples
    --------
    >>> gaps = gap_analysis(areas, statuses, centres, min_criteria=2, max_km=3,
    ...                     centre_types=["library"])  # doctest: +SKIP
    """
    if max_km is None or max_km < 0:
        raise ValueError(f"max_km must be a non-negative number, got {max_km!r}")
    base = areas_latest.drop_duplicates("area_id", keep="last").reset_index(drop=True)
    if isinstance(statuses, pd.Series):
        statuses = statuses.rename("status").rename_axis("area_id").reset_index()
    if statuses is not None and "status" in statuses.columns:
        status = statuses.drop_duplicates("area_id", keep="last").set_index("area_id")["status"]
        base["status"] = base["area_id"].map(status)
    elif "status" not in base.columns:
        base["status"] = None
    if min_criteria is not None:
        base["criteria_met"] = base["area_id"].map(_criteria_count(base, statuses)).fillna(0).astype(int)
    elif statuses is not None and any(c in statuses.columns for c in CRITERIA_COUNT_COLUMNS):
        base["criteria_met"] = base["area_id"].map(_criteria_count(base, statuses))
    else:
        base["criteria_met"] = np.nan

    keep = pd.Series(True, index=base.index)
    if min_criteria is not None:
        keep &= base["criteria_met"] >= int(min_criteria)
    if statuses_wanted is not None:
        wanted = [statuses_wanted] if isinstance(statuses_wanted, str) else list(statuses_wanted)
        keep &= base["status"].isin(wanted)
    candidates = base.loc[keep]

    near = nearest_centres(candidates, centres, centre_types=centre_types)
    candidates = candidates.join(near.drop(columns="area_id"))
    limit_m = float(max_km) * 1000.0
    is_gap = candidates["distance_m"].isna() | (candidates["distance_m"] > limit_m)
    gaps = candidates.loc[is_gap].copy()
    gaps["distance_km"] = gaps["distance_m"] / 1000.0
    # An area without a point is not "far from every centre": the distance was never measured.
    ax, ay = _metric_xy(gaps) if len(gaps) else (np.array([]), np.array([]))
    located = np.isfinite(ax) & np.isfinite(ay)
    gaps["gap_reason"] = np.where(
        ~located, "no_coordinates", np.where(gaps["distance_m"].isna(), "no_centre", "too_far")
    )
    cols = [
        "area_id",
        "name",
        "municipality",
        "region",
        "population",
        "status",
        "criteria_met",
        "nearest_centre_id",
        "nearest_centre_name",
        "nearest_centre_type",
        "distance_km",
        "gap_reason",
    ]
    for col in cols:
        if col not in gaps.columns:
            gaps[col] = None
    gaps = gaps.sort_values("distance_km", ascending=False, na_position="first", kind="stable")
    return gaps[cols].reset_index(drop=True)


def join_areas_to_polygons(areas_latest: pd.DataFrame, polygons: gpd.GeoDataFrame) -> pd.DataFrame:
    """Attach to each area the polygon its point lies in (point in polygon).

    Parameters
    ----------
    areas_latest : pandas.DataFrame
        One row per area with ``latitude``/``longitude``.
    polygons : geopandas.GeoDataFrame
        From :func:`read_boundaries` (``boundary_id``, ``boundary_name``).

    Returns
    -------
    pandas.DataFrame
        ``areas_latest`` plus ``boundary_id`` and ``boundary_name`` (NaN for
        areas outside every polygon). A point on a shared edge, or inside
        overlapping polygons, goes to the first polygon in file order.

    Examples
    --------
    >>> joined = join_areas_to_polygons(areas, polygons)  # doctest: +SKIP
    """
    out = areas_latest.copy()
    out["boundary_id"] = None
    out["boundary_name"] = None
    if out.empty or polygons.empty:
        return out
    polys = polygons[["boundary_id", "boundary_name", "geometry"]].reset_index(drop=True)
    if polys.crs is not None and polys.crs != WGS84:
        polys = polys.to_crs(WGS84)
    pts = points_from_frame(out)
    if pts.empty:
        return out
    tree = shapely.STRtree(polys.geometry.to_numpy())
    p_idx, g_idx = tree.query(pts.geometry.to_numpy(), predicate="intersects")
    hits = pd.DataFrame({"p": p_idx, "g": g_idx}).sort_values(["p", "g"]).drop_duplicates("p")
    labels = pts.index[hits["p"].to_numpy()]
    out.loc[labels, "boundary_id"] = polys["boundary_id"].to_numpy()[hits["g"].to_numpy()]
    out.loc[labels, "boundary_name"] = polys["boundary_name"].to_numpy()[hits["g"].to_numpy()]
    return out


def weighted_indicator(joined: pd.DataFrame, indicator: str) -> pd.DataFrame:
    """Population-weighted mean of ``indicator`` per polygon.

    Areas without a polygon, without a value or without population are left
    out of the mean; ``n_areas`` counts the areas that were used.

    Parameters
    ----------
    joined : pandas.DataFrame
        From :func:`join_areas_to_polygons`.
    indicator : str
        An indicator column, e.g. ``"pct_outside_labour_market"``.

    Returns
    -------
    pandas.DataFrame
        ``boundary_id``, ``boundary_name``, ``value``, ``population``, ``n_areas``.

    Examples
    --------
    >>> weighted_indicator(joined, "pct_nonwestern")  # doctest: +SKIP
    """
    cols = ["boundary_id", "boundary_name", "value", "population", "n_areas"]
    if indicator not in joined.columns:
        raise KeyError(f"indicator {indicator!r} not in columns {list(joined.columns)}")
    use = joined.loc[
        joined["boundary_id"].notna()
        & joined[indicator].notna()
        & joined["population"].notna()
        & (joined["population"] > 0)
    ]
    if use.empty:
        return pd.DataFrame(columns=cols)
    weighted = use.assign(_wx=use[indicator].astype(float) * use["population"].astype(float))
    grp = weighted.groupby(["boundary_id", "boundary_name"], sort=True)
    out = grp.agg(
        _wx=("_wx", "sum"),
        population=("population", "sum"),
        n_areas=("area_id", "count"),
    )
    out["value"] = out["_wx"] / out["population"]
    return out.reset_index()[cols]


def frame_to_geojson(gdf: gpd.GeoDataFrame, properties: list[str] | None = None) -> dict:
    """GeoJSON FeatureCollection of ``gdf`` with only the listed properties.

    Examples
    --------
    >>> frame_to_geojson(load_outline(), [])["type"]
    'FeatureCollection'
    """
    keep = list(properties or []) + ["geometry"]
    return json.loads(gdf[keep].to_json(drop_id=True))
