"""Uploaded boundary layers: GeoJSON, GeoPackage or zipped Shapefile in, EPSG:4326 polygons out.

Reading is kept apart from the analysis (:mod:`lib.analysis.geo` joins the polygons to the
areas): every upload path, also a viewer's session-only layer on the Map page, goes
through here, and here through the bounded reader (:mod:`lib.data.uploads`): the upload
limit before anything is read, a zip's members checked and streamed into a per-upload
folder with a quota that is removed afterwards. GDAL's own messages (which name server
paths) go to the server log only; the viewer gets one of the ``map.boundary.*`` texts.
A file that declares a coordinate reference system nobody knows is refused, not read
as WGS84.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import shapely
from pyproj import CRS
from pyproj.exceptions import CRSError

from lib.data import uploads
from lib.data.ingest import clean_text
from lib.errors import AtlasError

log = logging.getLogger("atlas")

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
            raise BoundaryError("map.boundary.unreadable", filename=filename)
        return "zip"
    raise BoundaryError("map.boundary.wrong_kind", filename=filename)


def _finite(x) -> bool:
    return x == x and abs(x) != float("inf")


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


def _gdal_failed(filename: str, exc: Exception) -> BoundaryError:
    # GDAL's text names the server's temp path: the log gets it, the viewer our own message.
    log.warning("boundary upload %r unreadable: %s: %s", filename[:100], type(exc).__name__, str(exc)[:300])
    return BoundaryError("map.boundary.unreadable", filename=filename)


def _read_layer(path: str, filename: str) -> tuple[gpd.GeoDataFrame, str | None]:
    """Read the first polygon layer of ``path`` (or the first layer)."""
    try:
        layers = pyogrio.list_layers(path)
    except Exception as exc:  # noqa: BLE001 - GDAL raises many error types for a bad file
        raise _gdal_failed(filename, exc) from exc
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
    except Exception as exc:  # noqa: BLE001
        raise _gdal_failed(filename, exc) from exc
    return gdf, (str(layer) if len(layers) > 1 else None)


_CRS_MEMBER = re.compile(rb'"crs"\s*:\s*\{')


def _declared_geojson_crs(data: bytes) -> list[str]:
    """The CRS names a GeoJSON file declares in a ``"crs"`` member (the 2008 spec; GDAL honours it).

    Only the small objects after the first ``"crs":`` keys are decoded, never the whole file.
    """
    names = []
    for _, match in zip(range(20), _CRS_MEMBER.finditer(data), strict=False):  # a few: a hostile file may hold millions
        text = data[match.end() - 1 : match.end() + 2000].decode("utf-8", "replace")
        try:
            member, _ = json.JSONDecoder().raw_decode(text)
        except ValueError:
            continue
        props = member.get("properties") if isinstance(member, dict) else None
        if isinstance(props, dict) and isinstance(props.get("name") or props.get("code"), str | int):
            names.append(str(props.get("name") or f"EPSG:{props.get('code')}"))
    return names


def _check_declared_crs(data: bytes, kind: str, filename: str) -> None:
    """Refuse a GeoJSON whose declared CRS is unknown: GDAL would quietly read it as WGS84."""
    if kind != "geojson":
        return
    for name in _declared_geojson_crs(data):
        try:
            CRS.from_user_input(name)
        except CRSError as exc:
            raise BoundaryError("map.boundary.unknown_crs", filename=filename, crs=clean_text(name)[:60]) from exc


def _shapefile_member(stem: str):
    """The name a zip member gets in the upload folder when it belongs to the Shapefile ``stem``; else None."""

    def target(info) -> str | None:
        name = info.filename
        if name[: len(stem)] != stem:
            return None
        ext = name[len(stem) :]
        if not ext.startswith(".") or "/" in ext or "\\" in ext or len(ext) > 8:
            return None
        return f"layer{ext.lower()}"

    return target


def _read_upload(data: bytes, kind: str, filename: str, limits: uploads.Limits) -> tuple[gpd.GeoDataFrame, str | None]:
    """Put the upload in its own folder (a zip: only the Shapefile's parts, streamed) and read it with GDAL."""
    quota = limits.expansion_for(len(data)) if kind == "zip" else len(data)
    try:
        with uploads.UploadFolder(quota) as folder:
            if kind == "zip":
                with uploads.open_zip(data, limits, archive_error="map.boundary.unreadable") as zf:
                    members = [m for m in zf.namelist() if not m.startswith("__MACOSX/")]
                    shps = sorted(m for m in members if m.lower().endswith(".shp"))
                    if not shps:
                        raise BoundaryError("map.boundary.no_shp", filename=filename)
                    stem = shps[0][: -len(".shp")]
                    budget = uploads.Budget(limits.expansion_for(len(data)))
                    written = uploads.extract(zf, budget, folder, _shapefile_member(stem))
                if "layer.shx" not in written:
                    raise BoundaryError("map.boundary.shp_incomplete", filename=filename, missing=".shx")
                path = str(folder.path / "layer.shp")
            else:
                path = str(folder.write(f"upload.{kind}", [data]))
            return _read_layer(path, filename)
    except BoundaryError:
        raise
    except AtlasError as err:  # the bounded reader's refusals, in the map page's own error type
        fmt = {"filename": filename, **err.fmt}
        raise BoundaryError(err.key, **fmt) from err


def _clean_columns(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The text cleaning rule of every upload (:func:`lib.data.ingest.clean_text`) on names and values."""
    names, seen = {}, {gdf.geometry.name}
    for col in gdf.columns:
        if col == gdf.geometry.name:
            continue
        name = base = clean_text(str(col))[:100] or "column"
        n = 1
        while name in seen:
            n += 1
            name = f"{base}_{n}"
        seen.add(name)
        names[col] = name
    gdf = gdf.rename(columns=names)
    for col in gdf.columns:
        if col != gdf.geometry.name and (gdf[col].dtype == object or pd.api.types.is_string_dtype(gdf[col])):
            gdf[col] = gdf[col].map(lambda v: clean_text(v) if isinstance(v, str) else v)
    return gdf


def read_boundaries(file_bytes: bytes, filename: str, *, max_bytes: int | None = None) -> gpd.GeoDataFrame:
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
    max_bytes : int, optional
        The upload limit (default: the ``ATLAS_MAX_UPLOAD_MB`` setting); a zip may unpack to
        :meth:`lib.data.uploads.Limits.expansion_for` its size.

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
        Keys ``map.boundary.wrong_kind``, ``unreadable``, ``no_shp``, ``shp_incomplete``,
        ``no_crs``, ``unknown_crs``, ``not_lonlat``, ``empty``, ``not_polygons``, or a
        ``data.err.*`` key of the bounded reader (too large, zip bomb, nested archive ...).

    Examples
    --------
    >>> gdf = read_boundaries(Path("kommuner.gpkg").read_bytes(), "kommuner.gpkg")  # doctest: +SKIP
    >>> gdf.attrs["boundary_report"]["source_crs"]  # doctest: +SKIP
    'EPSG:25832'
    """
    if not isinstance(file_bytes, bytes | bytearray):
        raise TypeError(f"'file_bytes' should be bytes, got {type(file_bytes).__name__}")
    filename = clean_text(str(filename or ""))[:200]
    limits = uploads.Limits.for_upload(max_bytes)
    try:
        uploads.check_size(len(file_bytes), limits)
    except AtlasError as err:
        raise BoundaryError(err.key, filename=filename, **err.fmt) from err
    data = bytes(file_bytes)
    if not data.strip():
        raise BoundaryError("map.boundary.empty", filename=filename)
    kind = _sniff_kind(data, filename)
    _check_declared_crs(data, kind, filename)
    gdf, layer = _read_upload(data, kind, filename, limits)
    gdf = _clean_columns(gdf)

    if len(gdf) == 0 or gdf.geometry.isna().all() or gdf.geometry.is_empty.all():
        raise BoundaryError("map.boundary.empty", filename=filename)
    if gdf.crs is None:
        raise BoundaryError("map.boundary.no_crs", filename=filename)
    source_crs = clean_text(gdf.crs.to_string())[:60]
    epsg = gdf.crs.to_epsg()
    if epsg:
        source_crs = f"EPSG:{epsg}"
    if not (gdf.crs.is_geographic or gdf.crs.is_projected):  # e.g. a local engineering CRS: no way to WGS84
        raise BoundaryError("map.boundary.unknown_crs", filename=filename, crs=source_crs)
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
    try:
        gdf = gdf.set_geometry("geometry").to_crs(WGS84)
    except Exception as exc:  # noqa: BLE001 - pyproj raises CRSError/ProjError for a CRS it cannot transform
        log.warning("boundary upload %r: CRS %s not transformable: %s", filename[:100], source_crs, exc)
        raise BoundaryError("map.boundary.unknown_crs", filename=filename, crs=source_crs) from exc
    if not gdf.geometry.is_empty.all() and not all(map(_finite, gdf.total_bounds)):
        raise BoundaryError("map.boundary.unknown_crs", filename=filename, crs=source_crs)
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
