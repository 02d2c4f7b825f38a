"""Uploaded boundary layers: GeoJSON, GeoPackage or zipped Shapefile in, EPSG:4326 polygons out.

Reading is kept apart from the analysis (:mod:`lib.analysis.geo` joins the polygons to the
areas): every upload path, also a viewer's session-only layer on the Map page, goes
through here.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import shapely

from lib.errors import AtlasError

WGS84 = "EPSG:4326"

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

    ``key`` is a catalogue key under ``map.boundary.*`` (lib/i18n/texts/map.py) with
    a Danish and an English message; ``fmt`` fills its placeholders.

    Examples
    --------
    >>> raise BoundaryError("map.boundary.no_crs", filename="x.zip")  # doctest: +SKIP
    """


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
