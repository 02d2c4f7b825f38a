"""Tests of lib/analysis/geo.py: projections, distances, gap analysis, uploaded boundaries."""

from __future__ import annotations

import io
import json
import math
import zipfile

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from pyproj import Transformer
from shapely.geometry import LineString, Point, Polygon, box

from lib.analysis import geo
from lib.data import boundaries
from lib.data.boundaries import BoundaryError

TO_WGS84 = Transformer.from_crs("EPSG:25832", "EPSG:4326", always_xy=True)


def _meridian_arc_grs80(lat_deg: float) -> float:
    """Meridian arc length from the equator (Helmert's series, mm accuracy), in metres."""
    a, f = 6378137.0, 1 / 298.257222101
    n = f / (2 - f)
    big_a = a / (1 + n) * (1 + n**2 / 4 + n**4 / 64)
    phi = math.radians(lat_deg)
    return big_a * (
        phi
        - (3 * n / 2 - 9 * n**3 / 16) * math.sin(2 * phi)
        + (15 * n**2 / 16 - 15 * n**4 / 32) * math.sin(4 * phi)
        - (35 * n**3 / 48) * math.sin(6 * phi)
        + (315 * n**4 / 512) * math.sin(8 * phi)
    )


def _metres_between(lon1, lat1, lon2, lat2) -> float:
    """Local flat-earth distance, good to well under a millimetre at these scales."""
    dy = (lat2 - lat1) * 111_320.0
    dx = (lon2 - lon1) * 111_320.0 * math.cos(math.radians(lat1))
    return math.hypot(dx, dy)


def _from_metric(x: float, y: float) -> tuple[float, float]:
    lon, lat = TO_WGS84.transform(x, y)
    return lat, lon


# --- fixtures -----------------------------------------------------------------------


@pytest.fixture
def tiny():
    """Three areas and four centres placed on an EPSG:25832 grid, so distances are hand-computable.

    A01 at (700000, 6200000); centre MC001 3 km east + 4 km north of it (5 km),
    MC002 (association) 1.2 km west of it. A02 at (710000, 6200000): MC003
    (library) 600 m south. A03 at (730000, 6210000): nearest is MC004
    (library) 8 km north of it.
    """
    area_xy = {"A01": (700_000, 6_200_000), "A02": (710_000, 6_200_000), "A03": (730_000, 6_210_000)}
    centre_xy = {
        "MC001": (703_000, 6_204_000, "library"),
        "MC002": (698_800, 6_200_000, "association"),
        "MC003": (710_000, 6_199_400, "library"),
        "MC004": (730_000, 6_218_000, "library"),
    }
    areas = []
    for area_id, (x, y) in area_xy.items():
        lat, lon = _from_metric(x, y)
        areas.append({"area_id": area_id, "name": f"Area {area_id}", "latitude": lat, "longitude": lon})
    areas = pd.DataFrame(areas)
    areas["population"] = [2000, 1500, 3000]
    areas["year"] = 2022
    areas["municipality"] = ["X", "Y", "Z"]
    areas["region"] = "Hovedstaden"
    centres = []
    for centre_id, (x, y, kind) in centre_xy.items():
        lat, lon = _from_metric(x, y)
        centres.append(
            {"centre_id": centre_id, "name": f"C {centre_id}", "centre_type": kind, "latitude": lat, "longitude": lon}
        )
    return areas, pd.DataFrame(centres)


# --- projections and outline ---------------------------------------------------------


def test_reprojection_known_point_within_one_metre():
    # On UTM 32N's central meridian (9 E) the easting is exactly 500 000 and the
    # northing is 0.9996 x the meridian arc, computed here independently of PROJ.
    northing = 0.9996 * _meridian_arc_grs80(56.0)
    pts = gpd.GeoDataFrame(geometry=[Point(500_000.0, northing)], crs=geo.METRIC_CRS).to_crs(geo.WGS84)
    lon, lat = pts.geometry.x.iloc[0], pts.geometry.y.iloc[0]
    assert _metres_between(9.0, 56.0, lon, lat) < 1.0

    back = geo.to_metric(geo.points_from_frame(pd.DataFrame({"latitude": [56.0], "longitude": [9.0]})))
    assert abs(back.geometry.x.iloc[0] - 500_000.0) < 1.0
    assert abs(back.geometry.y.iloc[0] - northing) < 1.0


def test_to_metric_refuses_missing_crs_and_wrong_type():
    with pytest.raises(ValueError, match="no CRS"):
        geo.to_metric(gpd.GeoDataFrame(geometry=[Point(0, 0)]))
    with pytest.raises(TypeError, match="got DataFrame"):
        geo.to_metric(pd.DataFrame({"a": [1]}))


def test_points_from_frame_drops_rows_without_coordinates():
    df = pd.DataFrame({"latitude": [56.0, None], "longitude": [10.0, 11.0]}, index=[5, 6])
    pts = geo.points_from_frame(df)
    assert list(pts.index) == [5]
    assert pts.crs.to_epsg() == 4326


def test_outline_is_denmark_in_wgs84():
    outline = geo.load_outline()
    assert outline.crs.to_epsg() == 4326
    minx, miny, maxx, maxy = outline.total_bounds
    assert 8.0 < minx < 8.2 and 15.1 < maxx < 15.2 and 54.5 < miny < 54.6 and 57.7 < maxy < 57.8
    assert outline.geometry.iloc[0].geom_type == "MultiPolygon"
    assert geo.OUTLINE_PATH.stat().st_size < 150_000


# --- distances -------------------------------------------------------------------------


def test_nearest_distances_match_hand_computed(tiny):
    areas, centres = tiny
    near = geo.nearest_centres(areas, centres).set_index("area_id")
    assert near.loc["A01", "nearest_centre_id"] == "MC002"
    assert near.loc["A01", "distance_m"] == pytest.approx(1200, abs=0.01)
    assert near.loc["A02", "distance_m"] == pytest.approx(600, abs=0.01)
    assert near.loc["A03", "distance_m"] == pytest.approx(8000, abs=0.01)


def test_nearest_distances_restricted_to_type(tiny):
    areas, centres = tiny
    near = geo.nearest_centres(areas, centres, centre_types=["library"]).set_index("area_id")
    # Without the association centre, A01's nearest is MC001 at sqrt(3000^2 + 4000^2).
    assert near.loc["A01", "nearest_centre_id"] == "MC001"
    assert near.loc["A01", "distance_m"] == pytest.approx(5000, abs=0.01)
    none = geo.nearest_centres(areas, centres, centre_types="health")
    assert none["distance_m"].isna().all()


def test_nearest_handles_missing_coordinates(tiny):
    areas, centres = tiny
    areas = areas.copy()
    areas.loc[1, "latitude"] = np.nan
    near = geo.nearest_centres(areas, centres)
    assert np.isnan(near.loc[1, "distance_m"])
    assert near.loc[0, "distance_m"] == pytest.approx(1200, abs=0.01)


def test_centres_within(tiny):
    areas, centres = tiny
    pairs = geo.centres_within(areas, centres, 5.0)
    got = {(r.area_id, r.centre_id): r.distance_m for r in pairs.itertuples()}
    assert set(got) == {("A01", "MC002"), ("A01", "MC001"), ("A02", "MC003")}
    assert got[("A01", "MC001")] == pytest.approx(5000, abs=0.01)
    assert list(pairs.loc[pairs["area_id"] == "A01", "centre_id"]) == ["MC002", "MC001"]  # nearest first


def test_nearest_is_fast_at_scale():
    rng = np.random.default_rng(0)
    areas = pd.DataFrame(
        {
            "area_id": [f"A{i}" for i in range(4000)],
            "latitude": rng.uniform(54.8, 57.5, 4000),
            "longitude": rng.uniform(8.3, 12.6, 4000),
        }
    )
    centres = pd.DataFrame(
        {
            "centre_id": [f"C{i}" for i in range(15000)],
            "centre_type": "library",
            "latitude": rng.uniform(54.8, 57.5, 15000),
            "longitude": rng.uniform(8.3, 12.6, 15000),
        }
    )
    near = geo.nearest_centres(areas, centres)
    assert near["distance_m"].notna().all()
    # Spot-check one against brute force in the metric CRS.
    ax, ay = geo._metric_xy(areas.iloc[[17]])
    cx, cy = geo._metric_xy(centres)
    assert near["distance_m"].iloc[17] == pytest.approx(np.hypot(cx - ax[0], cy - ay[0]).min())


# --- gap analysis ----------------------------------------------------------------------


@pytest.fixture
def statuses():
    return pd.DataFrame(
        {"area_id": ["A01", "A02", "A03"], "status": ["udsat", "none", "parallelsamfund"], "n_met": [3, 1, 2]}
    )


def test_gap_analysis_min_criteria(tiny, statuses):
    areas, centres = tiny
    gaps = geo.gap_analysis(areas, statuses, centres, min_criteria=2, max_km=2.0)
    # A01 has a centre at 1.2 km; A02 is excluded by criteria; A03's nearest is 8 km away.
    assert gaps["area_id"].tolist() == ["A03"]
    assert gaps.loc[0, "distance_km"] == pytest.approx(8.0, abs=1e-4)
    assert gaps.loc[0, "nearest_centre_id"] == "MC004"


def test_gap_analysis_type_and_status(tiny, statuses):
    areas, centres = tiny
    gaps = geo.gap_analysis(
        areas, statuses, centres, statuses_wanted=["udsat", "parallelsamfund"], max_km=3.0, centre_types=["library"]
    )
    # No library within 3 km of A01 (5 km) nor A03 (8 km): farthest first.
    assert gaps["area_id"].tolist() == ["A03", "A01"]
    assert gaps["status"].tolist() == ["parallelsamfund", "udsat"]


def test_gap_analysis_no_filter_and_no_centres(tiny):
    areas, centres = tiny
    gaps = geo.gap_analysis(areas, None, centres.iloc[0:0], max_km=1.0)
    assert sorted(gaps["area_id"]) == ["A01", "A02", "A03"]
    assert gaps["distance_km"].isna().all()


def test_gap_analysis_accepts_latest_status_series(tiny):
    areas, centres = tiny
    series = pd.Series(["udsat", "none", "none"], index=pd.Index(["A01", "A02", "A03"], name="area_id"))
    gaps = geo.gap_analysis(areas, series, centres, statuses_wanted="udsat", max_km=1.0)
    assert gaps["area_id"].tolist() == ["A01"]


def test_gap_analysis_rejects_negative_reach(tiny, statuses):
    areas, centres = tiny
    with pytest.raises(ValueError):
        geo.gap_analysis(areas, statuses, centres, max_km=-1)


# --- point in polygon and weighting ----------------------------------------------------------


@pytest.fixture
def two_boxes():
    """West and east halves around the tiny fixture (A01, A02 in west; A03 in east), in EPSG:4326."""
    polys = gpd.GeoDataFrame(
        {"boundary_id": ["W", "E"], "boundary_name": ["West", "East"]},
        geometry=[box(690_000, 6_190_000, 720_000, 6_220_000), box(720_000, 6_190_000, 750_000, 6_220_000)],
        crs=geo.METRIC_CRS,
    )
    return polys.to_crs(geo.WGS84)


def test_join_areas_to_polygons(tiny, two_boxes):
    areas, _ = tiny
    far = pd.DataFrame([{"area_id": "A99", "name": "Far", "latitude": 57.5, "longitude": 10.0, "population": 10}])
    joined = geo.join_areas_to_polygons(pd.concat([areas, far], ignore_index=True), two_boxes)
    got = dict(zip(joined["area_id"], joined["boundary_id"], strict=True))
    assert got == {"A01": "W", "A02": "W", "A03": "E", "A99": None}


def test_weighted_indicator(tiny, two_boxes):
    areas, _ = tiny
    areas = areas.assign(pct_nonwestern=[40.0, 60.0, 10.0])
    joined = geo.join_areas_to_polygons(areas, two_boxes)
    out = geo.weighted_indicator(joined, "pct_nonwestern").set_index("boundary_id")
    # West: (2000*40 + 1500*60) / 3500
    assert out.loc["W", "value"] == pytest.approx((2000 * 40 + 1500 * 60) / 3500)
    assert out.loc["W", "n_areas"] == 2 and out.loc["W", "population"] == 3500
    assert out.loc["E", "value"] == pytest.approx(10.0)


def test_weighted_indicator_skips_missing_values(tiny, two_boxes):
    areas, _ = tiny
    areas = areas.assign(pct_nonwestern=[40.0, np.nan, 10.0])
    out = geo.weighted_indicator(geo.join_areas_to_polygons(areas, two_boxes), "pct_nonwestern")
    assert out.set_index("boundary_id").loc["W", "value"] == pytest.approx(40.0)


# --- uploaded boundaries: good files -------------------------------------------------------------


def _polygons_25832(invalid: bool = False) -> gpd.GeoDataFrame:
    shapes = [box(700_000, 6_190_000, 720_000, 6_210_000), box(720_000, 6_190_000, 740_000, 6_210_000)]
    if invalid:
        # A bow-tie: self-intersecting ring, the classic invalid polygon.
        shapes[1] = Polygon([(720_000, 6_190_000), (740_000, 6_210_000), (740_000, 6_190_000), (720_000, 6_210_000)])
    return gpd.GeoDataFrame({"KODE": ["101", "147"], "NAVN": ["Vest", "Øst & <Co>"]}, geometry=shapes, crs=25832)


def _gpkg_bytes(gdf: gpd.GeoDataFrame, tmp_path) -> bytes:
    path = tmp_path / "layer.gpkg"
    gdf.to_file(path, driver="GPKG")
    return path.read_bytes()


def _zipped_shapefile(gdf: gpd.GeoDataFrame, tmp_path, drop=()) -> bytes:
    folder = tmp_path / "shp"
    folder.mkdir()
    gdf.to_file(folder / "kommuner.shp")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for f in folder.iterdir():
            if f.suffix.lower() not in drop:
                zf.write(f, f"data/{f.name}")
    return buf.getvalue()


def test_read_geopackage_in_25832_is_reprojected(tmp_path):
    out = boundaries.read_boundaries(_gpkg_bytes(_polygons_25832(), tmp_path), "kommuner.gpkg")
    assert out.crs.to_epsg() == 4326
    assert out["boundary_id"].tolist() == ["101", "147"]
    assert out["boundary_name"].tolist() == ["Vest", "Øst & <Co>"]
    report = out.attrs["boundary_report"]
    assert report["source_crs"] == "EPSG:25832"
    assert report["id_column"] == "KODE" and report["name_column"] == "NAVN"
    assert report["repaired"] == []
    minx, miny, maxx, maxy = out.total_bounds
    assert 11 < minx < 13 and 55 < miny < 56.5


def test_read_zipped_shapefile(tmp_path):
    out = boundaries.read_boundaries(_zipped_shapefile(_polygons_25832(), tmp_path), "kommuner.zip")
    assert out.attrs["boundary_report"]["source_crs"] == "EPSG:25832"
    assert len(out) == 2 and out.crs.to_epsg() == 4326


def test_read_geojson_wgs84_without_id_column():
    gdf = gpd.GeoDataFrame({"label": ["a", "b"]}, geometry=[box(10, 55, 11, 56), box(11, 55, 12, 56)], crs=4326)
    out = boundaries.read_boundaries(gdf.to_json(drop_id=True).encode(), "areas.geojson")
    assert out["boundary_id"].tolist() == ["B001", "B002"]
    assert out["boundary_name"].tolist() == ["a", "b"]


def test_invalid_geometry_is_repaired_and_reported(tmp_path):
    out = boundaries.read_boundaries(_gpkg_bytes(_polygons_25832(invalid=True), tmp_path), "bow.gpkg")
    report = out.attrs["boundary_report"]
    assert report["repaired"] == ["147"]
    assert "Self-intersection" in report["repair_reasons"][0]
    assert out.geometry.is_valid.all()
    assert set(out.geom_type) <= {"Polygon", "MultiPolygon"}


# --- uploaded boundaries: bad files -----------------------------------------------------------------


def test_no_crs_shapefile_without_prj(tmp_path):
    data = _zipped_shapefile(_polygons_25832(), tmp_path, drop={".prj"})
    with pytest.raises(BoundaryError) as err:
        boundaries.read_boundaries(data, "kommuner.zip")
    assert err.value.key == "map.boundary.no_crs"


def test_no_crs_geopackage(tmp_path):
    data = _gpkg_bytes(_polygons_25832().set_crs(None, allow_override=True), tmp_path)
    with pytest.raises(BoundaryError) as err:
        boundaries.read_boundaries(data, "x.gpkg")
    assert err.value.key == "map.boundary.no_crs"


def test_geojson_with_metres_but_no_crs_member():
    doc = json.loads(_polygons_25832().to_json())
    doc.pop("crs", None)
    with pytest.raises(BoundaryError) as err:
        boundaries.read_boundaries(json.dumps(doc).encode(), "x.geojson")
    assert err.value.key == "map.boundary.not_lonlat"


@pytest.mark.parametrize(
    ("content", "filename"),
    [
        pytest.param(b'{"type": "FeatureCollection", "features": []}', "empty.geojson", id="empty-geojson"),
        pytest.param(b"", "blank.geojson", id="zero-bytes"),
    ],
)
def test_empty_layer(content, filename):
    with pytest.raises(BoundaryError) as err:
        boundaries.read_boundaries(content, filename)
    assert err.value.key == "map.boundary.empty"


def test_empty_geopackage_layer(tmp_path):
    empty = _polygons_25832().iloc[0:0]
    with pytest.raises(BoundaryError) as err:
        boundaries.read_boundaries(_gpkg_bytes(empty, tmp_path), "empty.gpkg")
    assert err.value.key == "map.boundary.empty"


@pytest.mark.parametrize(
    "geometry",
    [
        pytest.param([Point(10, 55), Point(11, 56)], id="points"),
        pytest.param([LineString([(10, 55), (11, 56)])], id="lines"),
    ],
)
def test_points_or_lines_are_refused(geometry):
    gdf = gpd.GeoDataFrame({"name": ["x"] * len(geometry)}, geometry=geometry, crs=4326)
    with pytest.raises(BoundaryError) as err:
        boundaries.read_boundaries(gdf.to_json().encode(), "pts.geojson")
    assert err.value.key == "map.boundary.not_polygons"
    assert err.value.fmt["types"] in ("Point", "LineString")


@pytest.mark.parametrize(
    ("content", "filename"),
    [
        pytest.param(b"kode;navn\n101;Kobenhavn\n", "boundaries.csv", id="csv"),
        pytest.param(b"kode;navn\n101;Kobenhavn\n", "boundaries.geojson", id="csv-named-geojson"),
        pytest.param(b"%PDF-1.7\n...", "boundaries.gpkg", id="pdf-named-gpkg"),
        pytest.param(b"\x89PNG\r\n", "map.png", id="png"),
    ],
)
def test_wrong_kind_of_file(content, filename):
    with pytest.raises(BoundaryError) as err:
        boundaries.read_boundaries(content, filename)
    assert err.value.key == "map.boundary.wrong_kind"


def test_garbage_zip():
    with pytest.raises(BoundaryError) as err:
        boundaries.read_boundaries(b"PK\x03\x04" + b"\x00garbage" * 20, "broken.zip")
    assert err.value.key == "map.boundary.unreadable"
    with pytest.raises(BoundaryError) as err:
        boundaries.read_boundaries(b"not a zip at all", "broken.zip")
    assert err.value.key == "map.boundary.unreadable"


def test_zip_without_shp():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("readme.txt", "hello")
    with pytest.raises(BoundaryError) as err:
        boundaries.read_boundaries(buf.getvalue(), "nothing.zip")
    assert err.value.key == "map.boundary.no_shp"


def test_zip_with_corrupt_shp():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("x.shp", b"\x00" * 50)
        zf.writestr("x.shx", b"\x00" * 50)
        zf.writestr("x.prj", "garbage")
    with pytest.raises(BoundaryError) as err:
        boundaries.read_boundaries(buf.getvalue(), "corrupt.zip")
    assert err.value.key == "map.boundary.unreadable"
    assert "/tmp" not in err.value.message("en") and "atlas_upload" not in err.value.message("da")


def test_zip_without_shx_names_the_missing_part(tmp_path):
    data = _zipped_shapefile(_polygons_25832(), tmp_path, drop={".shx"})
    with pytest.raises(BoundaryError) as err:
        boundaries.read_boundaries(data, "kommuner.zip")
    assert err.value.key == "map.boundary.shp_incomplete" and ".shx" in err.value.message("en")


def test_json_that_is_not_geojson():
    with pytest.raises(BoundaryError) as err:
        boundaries.read_boundaries(b'{"hello": "world"}', "x.json")
    assert err.value.key == "map.boundary.unreadable"


def test_boundary_messages_exist_in_both_languages():
    from lib.i18n import catalogue

    keys = ["wrong_kind", "unreadable", "no_shp", "no_crs", "not_lonlat", "empty", "not_polygons"]
    for key in keys:
        entry = catalogue()[f"map.boundary.{key}"]
        assert entry["da"] and entry["en"]
    err = BoundaryError("map.boundary.no_crs", filename="k.zip")
    assert "k.zip" in err.message("en") and "EPSG:25832" in err.message("da")


def test_latest_areas_keeps_last_year_and_attaches_status():
    areas = pd.DataFrame({"area_id": ["A", "A", "B"], "year": [2021, 2022, 2020], "population": [1, 2, 3]})
    status = pd.Series({"A": "udsat", "B": "none"})
    out = geo.latest_areas(areas, status).set_index("area_id")
    assert out.loc["A", "year"] == 2022 and out.loc["A", "population"] == 2
    assert out.loc["B", "status"] == "none"
    assert geo.latest_areas(areas.iloc[0:0]).empty


def test_gap_analysis_counts_criteria_with_the_engine_when_no_count_is_given(tiny):
    areas, centres = tiny
    # A03 meets 2 of the 2018+ criteria (outside labour market, income); the others none.
    areas = areas.assign(
        pct_outside_labour_market=[10.0, 10.0, 45.0],
        convicted_ratio_national=[1.0, 1.0, 1.0],
        pct_basic_education_only=[20.0, 20.0, 20.0],
        income_pct_of_region=[90.0, 90.0, 50.0],
        pct_nonwestern=[10.0, 10.0, 10.0],
    )
    gaps = geo.gap_analysis(areas, None, centres, min_criteria=2, max_km=2.0)
    assert gaps["area_id"].tolist() == ["A03"]
    assert gaps.loc[0, "criteria_met"] == 2
