"""A centre without an area gets one by location.

In this order: inside an uploaded area boundary (a polygon layer read by
``lib.data.boundaries``, joined to the areas by id or name); otherwise the
nearest listed area within a distance the editor sets (default 1.5 km,
measured in EPSG:25832 by ``lib.analysis.geo``); otherwise no area, with a
warning row in the preview.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lib.analysis import geo
from lib.data.reference import fold

METHODS = ("given", "current", "boundary", "nearest", "none")


def _boundary_area(boundaries, latest: pd.DataFrame) -> pd.Series:
    """Area id of each boundary polygon: by id, else by name (folded), else none."""
    ids = set(latest["area_id"].astype(str))
    by_name = {fold(n): a for a, n in zip(latest["area_id"], latest["name"], strict=True)}
    out = []
    for bid, bname in zip(boundaries["boundary_id"].astype(str), boundaries["boundary_name"].astype(str), strict=True):
        out.append(bid if bid in ids else by_name.get(fold(bname)))
    return pd.Series(out, index=boundaries.index, dtype=object)


def assign_areas(
    centres: pd.DataFrame,
    areas: pd.DataFrame,
    *,
    max_km: float = 1.5,
    boundaries=None,
) -> pd.DataFrame:
    """The area of each centre that has none, by boundary or distance.

    Parameters
    ----------
    centres : DataFrame
        ``latitude``, ``longitude`` (numbers or text with a point decimal);
        ``area_id`` where already known (kept as it is).
    areas : DataFrame
        The areas table (any years): ``area_id``, ``name``, ``latitude``, ``longitude``.
    max_km : float
        Largest distance to the nearest area's point.
    boundaries : GeoDataFrame, optional
        Polygons with ``boundary_id``, ``boundary_name`` (EPSG:4326).

    Returns
    -------
    DataFrame
        Aligned with ``centres``: ``area_id`` (None when none was found),
        ``area_name``, ``method`` (one of :data:`METHODS` but "current"),
        ``distance_m`` (to the nearest area, also when it was too far),
        ``nearest_name``.

    Examples
    --------
    >>> areas = pd.DataFrame({"area_id": ["A01"], "name": ["Mjølnerparken"], "year": [2025],
    ...                       "latitude": [55.6993], "longitude": [12.5427]})
    >>> c = pd.DataFrame({"latitude": [55.6981], "longitude": [12.5399], "area_id": [None]})
    >>> assign_areas(c, areas)[["area_id", "method"]].iloc[0].tolist()
    ['A01', 'nearest']
    """
    out = pd.DataFrame(
        {
            "area_id": pd.Series([None] * len(centres), dtype=object),
            "area_name": pd.Series([None] * len(centres), dtype=object),
            "method": "none",
            "distance_m": np.nan,
            "nearest_name": pd.Series([None] * len(centres), dtype=object),
        },
        index=centres.index,
    )
    given = centres["area_id"] if "area_id" in centres.columns else pd.Series(None, index=centres.index)
    has = given.notna() & given.astype(str).str.strip().ne("") & given.astype(str).ne("<NA>")
    out.loc[has, "area_id"] = given[has].astype(str)
    out.loc[has, "method"] = "given"
    latest = geo.latest_areas(areas) if not areas.empty else areas
    if latest.empty:
        return out
    names = dict(zip(latest["area_id"].astype(str), latest["name"], strict=True))
    out.loc[has, "area_name"] = out.loc[has, "area_id"].map(names)
    todo = centres.loc[~has].copy()
    todo["latitude"] = pd.to_numeric(todo.get("latitude"), errors="coerce")
    todo["longitude"] = pd.to_numeric(todo.get("longitude"), errors="coerce")
    todo = todo[todo["latitude"].notna() & todo["longitude"].notna()]
    if todo.empty:
        return out
    if boundaries is not None and len(boundaries):
        owner = _boundary_area(boundaries, latest)
        polys = boundaries.assign(_area=owner)[owner.notna().to_numpy()]
        if len(polys):
            points = geo.points_from_frame(todo)
            hit = points.sjoin(polys[["_area", "geometry"]], how="left", predicate="within")
            hit = hit[~hit.index.duplicated(keep="first")]["_area"]
            inside = hit.dropna()
            out.loc[inside.index, "area_id"] = inside.astype(str)
            out.loc[inside.index, "method"] = "boundary"
            out.loc[inside.index, "area_name"] = inside.map(names)
            todo = todo.drop(index=inside.index)
    if todo.empty:
        return out
    # geo measures from each "area" to its nearest "centre": here the centres ask for their nearest area
    asking = pd.DataFrame(
        {"area_id": todo.index, "latitude": todo["latitude"].to_numpy(), "longitude": todo["longitude"].to_numpy()},
        index=todo.index,
    )
    pool = pd.DataFrame(
        {
            "centre_id": latest["area_id"].astype(str).to_numpy(),
            "name": latest["name"].to_numpy(),
            "centre_type": "area",
            "latitude": pd.to_numeric(latest["latitude"], errors="coerce").to_numpy(),
            "longitude": pd.to_numeric(latest["longitude"], errors="coerce").to_numpy(),
        }
    )
    nearest = geo.nearest_centres(asking, pool)
    out.loc[todo.index, "distance_m"] = nearest["distance_m"].to_numpy()
    out.loc[todo.index, "nearest_name"] = nearest["nearest_centre_name"].to_numpy()
    close = nearest["distance_m"].notna() & (nearest["distance_m"] <= float(max_km) * 1000.0)
    idx = nearest.index[close.to_numpy()]
    out.loc[idx, "area_id"] = nearest.loc[idx, "nearest_centre_id"].to_numpy()
    out.loc[idx, "area_name"] = nearest.loc[idx, "nearest_centre_name"].to_numpy()
    out.loc[idx, "method"] = "nearest"
    return out
