"""The bounded reader (lib.data.uploads) and the two readers that go through it (data files, boundaries).

The attacks of the red-team pass, re-run: a 1 MB zip whose Shapefile unpacks to 1 GiB (memory
and disk measured in a child process), a zip that lies about its sizes, a million-entry
directory, nested archives, zip-slip paths, a 40 MB GeoJSON with the limit at 5 MB, a header
with 200,000 trailing separators, and GDAL's messages with server paths.
"""

from __future__ import annotations

import io
import json
import os
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import box

from lib.data import boundaries, ingest, uploads
from lib.data.boundaries import BoundaryError
from lib.errors import AtlasError

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024


# --- building hostile archives --------------------------------------------------------------------


def zip_of(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip written by hand: (name, raw deflate data, crc32, declared uncompressed size) per member.

    By hand, so a test can declare any size and CRC, true or not.
    """
    out, central = bytearray(), bytearray()
    for name, data, crc, size in members:
        raw = name.encode()
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), size, len(raw), 0) + raw + data
        central += (
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                8,
                0,
                0,
                crc,
                len(data),
                size,
                len(raw),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + raw
        )
    cd_offset = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), cd_offset, 0)
    return bytes(out)


def deflated_zeros(size: int, chunk: int = MB) -> tuple[bytes, int, int]:
    """``size`` zero bytes as raw deflate (about 1000:1), with their CRC: built in a second, not by inflating."""
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = b"\0" * chunk
    first = comp.compress(block) + comp.flush(zlib.Z_FULL_FLUSH)
    again = comp.compress(block) + comp.flush(zlib.Z_FULL_FLUSH)  # identical after a full flush
    n = size // chunk
    crc = 0
    for _ in range(n):
        crc = zlib.crc32(block, crc)
    return first + again * (n - 1) + comp.flush(), crc, n * chunk


def deflated(data: bytes) -> tuple[bytes, int, int]:
    comp = zlib.compressobj(6, zlib.DEFLATED, -15)
    return comp.compress(data) + comp.flush(), zlib.crc32(data), len(data)


@pytest.fixture(scope="module")
def shapefile_bomb() -> bytes:
    """About 1 MB: a Shapefile whose .shp unpacks to 1 GiB (the red team's file)."""
    shp = deflated_zeros(1 << 30)
    prj = deflated(b'PROJCS["ETRS89 / UTM zone 32N"]')
    return zip_of([("kommuner.shp", *shp), ("kommuner.shx", *deflated(b"\0" * 100)), ("kommuner.prj", *prj)])


# --- limits -----------------------------------------------------------------------------------------------------


def test_limits_follow_the_upload_setting(monkeypatch):
    monkeypatch.setenv("ATLAS_MAX_UPLOAD_MB", "5")
    limits = uploads.Limits.for_upload()
    assert limits.max_bytes == 5 * MB and limits.max_expanded == 50 * MB
    assert limits.expansion_for(1 * MB) == 50 * MB  # min(10 x limit, max(50 x size, 20 MB))
    assert limits.expansion_for(10_000) == 20 * MB
    with pytest.raises(AtlasError) as err:
        uploads.check_size(6 * MB, limits)
    assert err.value.key == "data.err.too_large"


def test_bomb_is_refused_from_its_directory(shapefile_bomb):
    assert len(shapefile_bomb) < 1.2 * MB
    with pytest.raises(AtlasError) as err:
        uploads.open_zip(shapefile_bomb, uploads.Limits.for_upload(50 * MB))
    assert err.value.key == "data.err.zip_too_big_inside"
    assert "1.024,0 MB" in err.value.message("da") and "1,024.0 MB" in err.value.message("en")
    assert "50.7 MB is allowed" in err.value.message("en")


def test_lying_sizes_are_caught_while_streaming():
    """A member that declares 1 KB but inflates further: cut at the declared size, then the checksum fails."""
    data, crc, _ = deflated_zeros(64 * MB)
    archive = zip_of([("a.txt", data, crc, 1024)])
    with uploads.open_zip(archive, uploads.Limits.for_upload(50 * MB)) as zf:
        info = zf.infolist()[0]
        seen = 0
        with pytest.raises(AtlasError) as err:
            for chunk in uploads.stream_member(zf, info, uploads.Budget(10 * MB)):
                seen += len(chunk)
    assert err.value.key in ("data.err.zip_damaged", "data.err.zip_size_mismatch")
    assert seen <= 1024


def test_the_budget_stops_a_member_mid_stream():
    data, crc, size = deflated_zeros(8 * MB)
    archive = zip_of([("a.txt", data, crc, size)])
    with uploads.open_zip(archive, uploads.Limits(max_bytes=MB, max_expanded=64 * MB)) as zf:
        seen = 0
        with pytest.raises(AtlasError) as err:
            for chunk in uploads.stream_member(zf, zf.infolist()[0], uploads.Budget(3 * MB)):
                seen += len(chunk)
    assert err.value.key == "data.err.zip_too_big_inside" and seen <= 3 * MB


def test_member_count_is_read_before_zipfile_parses_the_directory(monkeypatch):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for i in range(1200):
            zf.writestr(f"f{i}.txt", b"")

    def boom(*a, **k):
        raise AssertionError("zipfile parsed a directory that is too long")

    monkeypatch.setattr(uploads.zipfile, "ZipFile", boom)
    with pytest.raises(AtlasError) as err:
        uploads.open_zip(buf.getvalue(), uploads.Limits.for_upload(50 * MB))
    assert err.value.key == "data.err.zip_members"


@pytest.mark.parametrize(
    ("name", "key"),
    [
        pytest.param("../../etc/cron.d/x.shp", "data.err.zip_path", id="dot-dot"),
        pytest.param("/etc/passwd", "data.err.zip_path", id="absolute"),
        pytest.param("C:/Windows/x.shp", "data.err.zip_path", id="drive"),
        pytest.param("..\\..\\x.shp", "data.err.zip_path", id="backslashes"),
        pytest.param("inner.zip", "data.err.zip_nested", id="nested-zip"),
        pytest.param("data/layer.tar.gz", "data.err.zip_nested", id="nested-tgz"),
    ],
)
def test_member_names_are_checked(name, key):
    archive = zip_of([(name, *deflated(b"hello"))])
    with pytest.raises(AtlasError) as err:
        uploads.open_zip(archive, uploads.Limits.for_upload(50 * MB))
    assert err.value.key == key


def test_nested_archive_found_by_its_first_bytes():
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as zf:
        zf.writestr("x.txt", "x")
    archive = zip_of([("kommuner.shp", *deflated(inner.getvalue()))])
    with uploads.open_zip(archive, uploads.Limits.for_upload(50 * MB)) as zf:
        with pytest.raises(AtlasError) as err:
            list(uploads.stream_member(zf, zf.infolist()[0], uploads.Budget(MB)))
    assert err.value.key == "data.err.zip_nested"


def test_encrypted_members_are_refused():
    archive = bytearray(zip_of([("a.txt", *deflated(b"secret"))]))
    # set the "encrypted" flag bit in the central directory entry
    cd = archive.rfind(b"PK\x01\x02")
    archive[cd + 8] |= 0x1
    with pytest.raises(AtlasError) as err:
        uploads.open_zip(bytes(archive), uploads.Limits.for_upload(50 * MB))
    assert err.value.key == "data.err.zip_encrypted"


def test_upload_folder_has_a_quota_and_is_always_removed(tmp_path):
    with pytest.raises(AtlasError):
        with uploads.UploadFolder(quota=10, root=tmp_path) as folder:
            folder.write("a.bin", [b"12345", b"67890"])
            assert folder.size_on_disk() == 10
            folder.write("b.bin", [b"1"])  # one byte over the quota: refused before it is written
    assert list(tmp_path.iterdir()) == []
    with uploads.UploadFolder(quota=100, root=tmp_path) as folder:
        path = folder.write("../../escape.txt", [b"x"])  # reduced to its name: stays inside
        assert path.parent == folder.path
    assert list(tmp_path.iterdir()) == []


def test_stale_folders_of_killed_processes_are_swept(tmp_path):
    old = tmp_path / (uploads.FOLDER_PREFIX + "old")
    old.mkdir()
    (old / "layer.shp").write_bytes(b"x" * 100)
    past = time.time() - 2 * uploads.STALE_SECONDS
    os.utime(old, (past, past))
    fresh = tmp_path / (uploads.FOLDER_PREFIX + "fresh")
    fresh.mkdir()
    assert uploads.sweep_stale(tmp_path) == 1
    assert not old.exists() and fresh.exists()


# --- the readers go through it ---------------------------------------------------------------------------


def test_boundary_bomb_writes_nothing(shapefile_bomb, tmp_path, monkeypatch):
    monkeypatch.setattr(uploads.tempfile, "tempdir", str(tmp_path))
    with pytest.raises(BoundaryError) as err:
        boundaries.read_boundaries(shapefile_bomb, "kommuner.zip", max_bytes=50 * MB)
    assert err.value.key == "data.err.zip_too_big_inside"
    assert sum(p.stat().st_size for p in tmp_path.rglob("*") if p.is_file()) == 0
    assert not list(tmp_path.glob(uploads.FOLDER_PREFIX + "*"))


def test_boundary_upload_limit_applies_to_geojson(monkeypatch):
    """The red team read a 40.6 MB GeoJSON with ATLAS_MAX_UPLOAD_MB=5: now refused before GDAL sees it."""
    monkeypatch.setenv("ATLAS_MAX_UPLOAD_MB", "5")
    big = b'{"type": "FeatureCollection", "features": [' + b" " * (6 * MB) + b"]}"
    with pytest.raises(BoundaryError) as err:
        boundaries.read_boundaries(big, "big.geojson")
    assert err.value.key == "data.err.too_large" and "ATLAS_MAX_UPLOAD_MB" in err.value.message("en")


def test_xlsx_bomb_is_refused_before_openpyxl(monkeypatch):
    sheet = deflated_zeros(256 * MB)
    parts = [("[Content_Types].xml", *deflated(b"<Types/>")), ("xl/workbook.xml", *deflated(b"<w/>"))]
    archive = zip_of([*parts, ("xl/worksheets/sheet1.xml", *sheet)])

    def boom(*a, **k):
        raise AssertionError("openpyxl opened a zip bomb")

    import openpyxl

    monkeypatch.setattr(openpyxl, "load_workbook", boom)
    with pytest.raises(AtlasError) as err:
        ingest.read_file(archive, "codebook", options=ingest.ReadOptions(max_bytes=50 * MB))
    assert err.value.key == "data.err.zip_too_big_inside"


def test_xlsx_with_embedded_archive_is_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/embeddings/other.zip", b"PK\x03\x04rest")
    with pytest.raises(AtlasError) as err:
        ingest.read_file(buf.getvalue(), "codebook")
    assert err.value.key == "data.err.zip_nested"


def test_header_with_200000_trailing_separators_is_read_in_a_second():
    head = "code;kind;label_da;label_en" + ";" * 200_000
    raw = (head + "\nadv_x;advantage;a;b\n").encode()
    started = time.perf_counter()
    res = ingest.read_file(raw, "codebook")
    assert time.perf_counter() - started < 5  # the red team measured > 180 s
    assert list(res.frame.columns) == ["code", "kind", "label_da", "label_en"] and res.problems.empty


def test_header_wider_than_the_limit_is_refused_before_the_body():
    head = ";".join(["code", "kind", "label_da", "label_en"] + [f"x{i}" for i in range(600)])
    with pytest.raises(AtlasError) as err:
        ingest.read_file((head + "\na;advantage;x;y\n").encode(), "codebook")
    assert err.value.key == "data.err.too_many_columns" and err.value.fmt["n"] == 604
    assert "500" in err.value.message("da")


def test_wide_body_rows_keep_their_real_width_in_the_problem():
    raw = ("code;kind;label_da;label_en\nadv_x;advantage;a;b" + ";" * 2000 + "zz\n").encode()
    res = ingest.read_file(raw, "codebook")
    assert len(res.problems) == 1
    row = res.problems.iloc[0]
    assert row["value"] == "zz" and "2,004" in row["message_en"] and "2.004" in row["message_da"]


def test_xlsx_header_past_the_column_limit_is_refused():
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["code", "kind", "label_da", "label_en"] + [f"x{i}" for i in range(600)])
    ws.append(["a", "advantage", "x", "y"])
    buf = io.BytesIO()
    wb.save(buf)
    with pytest.raises(AtlasError) as err:
        ingest.read_file(buf.getvalue(), "codebook")
    assert err.value.key == "data.err.too_many_columns"


# --- GDAL's messages stay on the server; unknown CRS is an error -------------------------------------------


def test_gdal_message_is_logged_not_shown(caplog, tmp_path, monkeypatch):
    monkeypatch.setattr(uploads.tempfile, "tempdir", str(tmp_path))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("x.shp", b"\x00" * 50)
        zf.writestr("x.shx", b"\x00" * 50)
    with caplog.at_level("WARNING", logger="atlas"), pytest.raises(BoundaryError) as err:
        boundaries.read_boundaries(buf.getvalue(), "x.zip")
    shown = err.value.message("da") + err.value.message("en")
    for leak in (str(tmp_path), "atlas_upload", "layer.shp", "GDAL", "Error", "pyogrio"):
        assert leak not in shown, leak
    assert str(tmp_path) in caplog.text  # the path is in the server log, for whoever runs it
    assert not list(tmp_path.iterdir())  # and the folder is gone


def _geojson(crs_name: str | None) -> bytes:
    gdf = gpd.GeoDataFrame({"navn": ["a"]}, geometry=[box(10, 55, 11, 56)], crs=4326)
    doc = json.loads(gdf.to_json())
    doc.pop("crs", None)
    if crs_name is not None:
        doc["crs"] = {"type": "name", "properties": {"name": crs_name}}
    return json.dumps(doc).encode()


def test_unknown_crs_is_an_error_not_wgs84():
    with pytest.raises(BoundaryError) as err:
        boundaries.read_boundaries(_geojson("urn:ogc:def:crs:EPSG::99999"), "x.geojson")
    assert err.value.key == "map.boundary.unknown_crs" and "99999" in err.value.message("en")
    ok = boundaries.read_boundaries(_geojson("urn:ogc:def:crs:OGC:1.3:CRS84"), "x.geojson")
    assert ok.attrs["boundary_report"]["source_crs"] == "EPSG:4326"
    assert len(boundaries.read_boundaries(_geojson(None), "x.geojson")) == 1


def test_boundary_attributes_are_cleaned():
    gdf = gpd.GeoDataFrame(
        {"navn\x1b[31m": ["Vest\x1b[1m\u0301", "Øst\x00"], "kode": ["1", "2"]},
        geometry=[box(10, 55, 11, 56), box(11, 55, 12, 56)],
        crs=4326,
    )
    out = boundaries.read_boundaries(gdf.to_json().encode(), "x.geojson")
    assert "navn[31m" in out.columns
    assert out["boundary_name"].tolist() == [ingest.clean_text("Vest[1m\u0301"), "Øst"]
    assert out["boundary_name"][0] == "Vest[1\u1e3f"  # NFC: m + combining acute is one letter
    assert all(s.isprintable() for s in out["boundary_name"])


# --- the zip bomb, measured: memory and disk in a child process -------------------------------------------

_MEASURE = r"""
import json, os, sys, tempfile
sys.path.insert(0, {root!r})
tempfile.tempdir = {tmp!r}
from lib.data import boundaries, ingest  # imports first: their memory is not the upload's

def hwm():
    for line in open("/proc/self/status"):
        if line.startswith(("VmHWM", "VmRSS")):
            yield line.split(":")[0], int(line.split()[1]) // 1024

data = open({bomb!r}, "rb").read()
before = dict(hwm())
outcome = {{}}
for name, call in (("boundaries", lambda: boundaries.read_boundaries(data, "kommuner.zip", max_bytes=50 * 1024 * 1024)),
                   ("xlsx", lambda: ingest.read_file(data, "codebook"))):
    try:
        call()
        outcome[name] = "read"
    except Exception as err:
        outcome[name] = getattr(err, "key", type(err).__name__)
after = dict(hwm())
written = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk({tmp!r}) for f in fs)
print(json.dumps({{"before": before, "after": after, "outcome": outcome, "written": written}}))
"""


def test_zip_bomb_costs_under_100_mb_and_writes_nothing(shapefile_bomb, tmp_path):
    bomb = tmp_path / "bomb.zip"
    bomb.write_bytes(shapefile_bomb)
    work = tmp_path / "tmp"
    work.mkdir()
    script = _MEASURE.format(root=str(ROOT), tmp=str(work), bomb=str(bomb))
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    growth = result["after"]["VmHWM"] - result["before"]["VmRSS"]
    print(f"zip bomb ({len(shapefile_bomb) / MB:.1f} MB, declares 1024 MB): peak RSS +{growth} MB, {result}")
    assert result["outcome"] == {"boundaries": "data.err.zip_too_big_inside", "xlsx": "data.err.zip_too_big_inside"}
    assert growth < 100
    assert result["written"] == 0


# --- what a viewer sees on the map page ----------------------------------------------------------------

LEAKS = ("/tmp", "atlas_upload", "layer.shp", "GDAL", "pyogrio", "Traceback", "Error:", "sqlite", "BadZipFile")


def test_map_page_never_shows_server_paths_or_library_messages(app, shapefile_bomb):
    app.switch_page("pages/2_map.py").run()
    corrupt = io.BytesIO()
    with zipfile.ZipFile(corrupt, "w") as zf:
        zf.writestr("x.shp", b"\x00" * 50)
        zf.writestr("x.shx", b"\x00" * 50)
    for name, data in [
        ("corrupt.zip", corrupt.getvalue()),
        ("bomb.zip", shapefile_bomb),
        ("x.gpkg", b"SQLite format 3\x00" + b"\x01" * 500),
    ]:
        app.file_uploader(key="map_upload").set_value((name, data, "application/octet-stream")).run()
        assert not app.exception, app.exception
        shown = "\n".join(str(e.value) for e in (*app.error, *app.warning, *app.success, *app.caption, *app.markdown))
        assert app.error, f"{name}: no message"
        for leak in LEAKS:
            assert leak not in shown, (name, leak)
