"""Geography: the Denmark outline, metric distances, gap analysis and uploaded boundaries.

Coordinates in the tables are WGS84 (EPSG:4326). Every distance is computed
in ETRS89 / UTM zone 32N (EPSG:25832), the Danish norm, where one unit is one
metre across the whole country. Uploaded boundary layers may come in any CRS
they declare; they are reprojected to EPSG:4326 for drawing and joining.

No Streamlit here: the map page calls these functions and renders the results.
"""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
from pyproj import Transformer

from lib.errors import AtlasError

WGS84 = "EPSG:4326"
METRIC_CRS = "EPSG:25832"
OUTLINE_PATH = Path(__file__).resolve().parent.parent / "data" / "geo" / "denmark.geojson"

#: Columns used for the criteria count when a status frame does not carry one.
CRITERIA_COUNT_COLUMNS = ("n_met", "criteria_met", "n_criteria_met", "n_criteria")

#: Column names (lower case) tried first when guessing a boundary layer's id and name.
ID_CANDIDATES = (
    "boundary_id",
    "area_id",
    "id",
    "kode",
    "code",
    "komkode",
    "kommunekode",
    "regionskode",
    "sognekode",
    "postnr",
    "objectid",
    "fid",
    "gid",
)
NAME_CANDIDATES = (
    "boundary_name",
    "name",
    "navn",
    "område",
    "omraade",
    "kommune",
    "kommunenavn",
    "komnavn",
    "region",
    "regionsnavn",
    "sognenavn",
    "label",
    "title",
)

_POLYGONAL = {"Polygon", "MultiPolygon"}
_SQLITE_MAGIC = b"SQLite format 3\x00"
_ZIP_MAGIC = b"PK\x03\x04"


class BoundaryError(AtlasError):
    """An uploaded boundary file the app cannot use.

    ``key`` is a catalogue key under ``map.boundary.*`` (lib/texts/map.py) with
    a Danish and an English message; ``fmt`` fills its placeholders.

    Examples
    --------
    >>> raise BoundaryError("map.boundary.no_crs", filename="x.zip")  # doctest: +SKIP
    """


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
        Status per ``area_id`` (``lib.criteria.latest_status``).

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
    ``lib.criteria.classify``); otherwise the criteria engine is run on
    ``areas_latest`` so the count follows each area's own rule set.
    """
    if statuses is not None:
        for col in CRITERIA_COUNT_COLUMNS:
            if col in statuses.columns:
                return statuses.drop_duplicates("area_id", keep="last").set_index("area_id")[col]
    from lib import criteria  # lazy: geo is usable without the criteria engine

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
        ``lib.criteria.classify``; or the Series of ``lib.criteria.latest_status``.
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
        ``nearest_centre_type``, ``distance_km`` (NaN: no centre at all).

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
    ]
    for col in cols:
        if col not in gaps.columns:
            gaps[col] = None
    gaps = gaps.sort_values("distance_km", ascending=False, na_position="first", kind="stable")
    return gaps[cols].reset_index(drop=True)


# --- Uploaded boundaries -------------------------------------------------------


def _sniff_kind(data: bytes, filename: str) -> str:
    """Say what a file is from its content, checked against its extension."""
    suffix = Path(filename or "").suffix.lower()
    head = data[:16]
    if suffix in (".geojson", ".json"):
        if data.lstrip()[:1] not in (b"{", b"["):
            raise BoundaryError("map.boundary.wrong_kind", filename=filename)
        return "geojson"
    if suffix == ".gpkg":
        if not head.startswith(_SQLITE_MAGIC):
            raise BoundaryError("map.boundary.wrong_kind", filename=filename)
        return "gpkg"
    if suffix == ".zip":
        if not head.startswith(_ZIP_MAGIC):
            raise BoundaryError("map.boundary.unreadable", filename=filename, detail="not a zip archive")
        return "zip"
    raise BoundaryError("map.boundary.wrong_kind", filename=filename)


def _polygonal_parts(geom):
    """Keep only the polygonal parts of a geometry (make_valid may add lines)."""
    if geom is None or geom.is_empty:
        return None
    if geom.geom_type in _POLYGONAL:
        return geom
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in _POLYGONAL]
    if not parts:
        return None
    merged = shapely.union_all(parts)
    return merged if merged.geom_type in _POLYGONAL else None


def _guess_column(frame: pd.DataFrame, candidates: tuple[str, ...], *, unique: bool, exclude=()) -> str | None:
    lower = {c.lower(): c for c in frame.columns if c != "geometry" and c not in exclude}
    for cand in candidates:
        col = lower.get(cand)
        if col is None:
            continue
        values = frame[col]
        if values.notna().all() and (not unique or values.is_unique):
            return col
    for low, col in lower.items():
        values = frame[col]
        if not values.notna().all():
            continue
        if unique and values.is_unique and any(s in low for s in ("id", "kode", "code", "nr")):
            return col
        if not unique and (values.dtype == object or pd.api.types.is_string_dtype(values)):
            return col
    return None


def _read_layer(path: str, filename: str) -> tuple[gpd.GeoDataFrame, str | None]:
    """Read the first polygon layer of ``path`` (or the first layer)."""
    try:
        layers = pyogrio.list_layers(path)
    except Exception as exc:  # GDAL raises many error types for a bad file
        raise BoundaryError("map.boundary.unreadable", filename=filename, detail=str(exc)[:200]) from exc
    if len(layers) == 0:
        raise BoundaryError("map.boundary.empty", filename=filename)
    layer = None
    for name, geom_type in layers:
        if geom_type and "polygon" in str(geom_type).lower():
            layer = name
            break
    if layer is None:
        layer = layers[0][0]
    try:
        gdf = pyogrio.read_dataframe(path, layer=layer)
    except Exception as exc:
        raise BoundaryError("map.boundary.unreadable", filename=filename, detail=str(exc)[:200]) from exc
    return gdf, (str(layer) if len(layers) > 1 else None)


def read_boundaries(file_bytes: bytes, filename: str) -> gpd.GeoDataFrame:
    """Read an uploaded polygon layer and return it in EPSG:4326.

    Accepts GeoJSON (``.geojson``/``.json``), GeoPackage (``.gpkg``) and a
    zipped Shapefile (``.zip`` holding a ``.shp`` with its ``.prj``), in any
    CRS the file declares. Invalid geometries are repaired with ``make_valid``;
    features without a usable polygon are dropped. What was done is reported in
    ``result.attrs["boundary_report"]``.

    Parameters
    ----------
    file_bytes : bytes
        The uploaded file's content.
    filename : str
        Its name; the extension says which format is expected.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``boundary_id`` (str), ``boundary_name`` (str), ``geometry``
        (Polygon/MultiPolygon, EPSG:4326) plus the file's own columns.
        ``attrs["boundary_report"]`` is a dict: ``source_crs``, ``layer``,
        ``n_features``, ``repaired`` (list of boundary ids), ``dropped`` (number
        of features without a polygon), ``id_column``, ``name_column``.

    Raises
    ------
    BoundaryError
        Keys ``map.boundary.wrong_kind``, ``unreadable``, ``no_shp``,
        ``no_crs``, ``not_lonlat``, ``empty``, ``not_polygons``.

    Examples
    --------
    >>> gdf = read_boundaries(Path("kommuner.gpkg").read_bytes(), "kommuner.gpkg")  # doctest: +SKIP
    >>> gdf.attrs["boundary_report"]["source_crs"]  # doctest: +SKIP
    'EPSG:25832'
    """
    if not isinstance(file_bytes, bytes | bytearray):
        raise TypeError(f"'file_bytes' should be bytes, got {type(file_bytes).__name__}")
    data = bytes(file_bytes)
    if not data.strip():
        raise BoundaryError("map.boundary.empty", filename=filename)
    kind = _sniff_kind(data, filename)
    with tempfile.TemporaryDirectory(prefix="atlas_boundary_") as tmp:
        if kind == "zip":
            try:
                with zipfile.ZipFile(io.BytesIO(data)) as zf:
                    members = [m for m in zf.namelist() if not m.startswith("__MACOSX/")]
                    shps = sorted(m for m in members if m.lower().endswith(".shp"))
                    if not shps:
                        raise BoundaryError("map.boundary.no_shp", filename=filename)
                    # Extract only the shapefile's sidecar files, flattened: no path traversal.
                    stem = shps[0][: -len(".shp")]
                    for member in members:
                        if member[: len(stem)] == stem and "." in member[len(stem) :]:
                            ext = member[len(stem) :]
                            if "/" in ext:
                                continue
                            (Path(tmp) / f"layer{ext.lower()}").write_bytes(zf.read(member))
            except zipfile.BadZipFile as exc:
                raise BoundaryError("map.boundary.unreadable", filename=filename, detail=str(exc)) from exc
            path = str(Path(tmp) / "layer.shp")
        else:
            path = str(Path(tmp) / f"upload.{kind}")
            Path(path).write_bytes(data)
        gdf, layer = _read_layer(path, filename)

    if len(gdf) == 0 or gdf.geometry.isna().all() or gdf.geometry.is_empty.all():
        raise BoundaryError("map.boundary.empty", filename=filename)
    if gdf.crs is None:
        raise BoundaryError("map.boundary.no_crs", filename=filename)
    source_crs = gdf.crs.to_string()
    epsg = gdf.crs.to_epsg()
    if epsg:
        source_crs = f"EPSG:{epsg}"
    if gdf.crs.is_geographic:
        # GeoJSON without a "crs" member is read as WGS84; metre coordinates in
        # such a file mean the producer forgot to declare its CRS.
        minx, miny, maxx, maxy = gdf.total_bounds
        if minx < -180 or maxx > 180 or miny < -90 or maxy > 90:
            raise BoundaryError("map.boundary.not_lonlat", filename=filename)

    present = gdf.geometry.dropna()
    types = set(present[~present.is_empty].geom_type)

    id_col = _guess_column(gdf, ID_CANDIDATES, unique=True)
    name_col = _guess_column(gdf, NAME_CANDIDATES, unique=False, exclude=(id_col,) if id_col else ())
    gdf = gdf.reset_index(drop=True)
    if id_col is None:
        gdf["boundary_id"] = [f"B{i + 1:03d}" for i in range(len(gdf))]
    else:
        gdf["boundary_id"] = gdf[id_col].astype(str)
    gdf["boundary_name"] = gdf[name_col].astype(str) if name_col else gdf["boundary_id"]

    invalid = gdf.geometry.notna() & ~gdf.geometry.is_empty & ~gdf.geometry.is_valid
    repaired = gdf.loc[invalid, "boundary_id"].tolist()
    reasons = [shapely.is_valid_reason(g) for g in gdf.loc[invalid].geometry]
    if invalid.any():
        gdf.loc[invalid, "geometry"] = shapely.make_valid(gdf.loc[invalid].geometry.to_numpy())
    gdf["geometry"] = [_polygonal_parts(g) for g in gdf.geometry]
    usable = gdf.geometry.notna()
    dropped = int((~usable).sum())
    gdf = gdf.loc[usable].reset_index(drop=True)
    if gdf.empty:
        raise BoundaryError(
            "map.boundary.not_polygons",
            filename=filename,
            types=", ".join(sorted(types)),
        )
    gdf = gdf.set_geometry("geometry").to_crs(WGS84)
    front = ["boundary_id", "boundary_name"]
    gdf = gdf[front + [c for c in gdf.columns if c not in front]]
    gdf.attrs["boundary_report"] = {
        "source_crs": source_crs,
        "layer": layer,
        "n_features": len(gdf),
        "repaired": repaired,
        "repair_reasons": reasons,
        "dropped": dropped,
        "id_column": id_col,
        "name_column": name_col,
    }
    return gdf


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
