"""Benchmark of the map page with 15,000 centres and 4,000 areas.

Prints one JSON line per measurement (``name``, ``scale``, ``median_ms``, ``p95_ms`` and extras):

- ``lib.map.*``: the server-side steps of one map build (latest areas, gap analysis, deck records,
  deck JSON as ``st.pydeck_chart`` serialises it) and the payload size sent to the browser;
- ``page.map.*``: AppTest reruns of the whole page after a region filter change, an indicator
  change and a gap-slider change (entry script + frame + page, as the server runs them);
- ``browser.map_page``: headless Chromium, from navigation to the map canvas drawn and the script
  finished, on a warm server with the same database;
- ``browser.pydeck`` / ``browser.folium``: the same points (centres + areas) drawn by a bare page with
  ``st.pydeck_chart`` and with folium through ``streamlit-folium``, and their ratio.

The database (``/tmp/atlas_bench/atlas_map15k.db``) is derived from ``bench.scale``'s x100 database:
its first 4,000 areas (all years) and centres topped up to 15,000 by copying existing ones a few
hundred metres away; it is reused when present.

Run: ``.venv/bin/python -m bench.bench_map [--quick] [--repeat 15] [--no-browser] [--no-folium]
[--only lib|page|browser|draw]``. Wall times depend on what else runs on the machine; the ``cpu_median_ms``
fields (process CPU time) and the ``machine`` lines (load average) say how much.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if __package__ in (None, ""):  # run as a script: make `bench` and `lib` importable
    sys.path.insert(0, str(ROOT))

import numpy as np
import pandas as pd

from bench import scale as scaledb
from lib.analysis import criteria, geo
from lib.data import store
from lib.views import maps

N_CENTRES, N_AREAS = 15_000, 4_000
DB_PATH = scaledb.DEFAULT_DIR / "atlas_map15k.db"
POINTS_PATH = scaledb.DEFAULT_DIR / "map15k_points.parquet"
SCALE = f"{N_CENTRES} centres, {N_AREAS} areas"


def _stats(samples_s: list[float]) -> dict:
    ordered = sorted(samples_s)
    p95 = ordered[max(0, min(len(ordered) - 1, round(0.95 * (len(ordered) - 1))))]
    return {
        "median_ms": round(1000 * statistics.median(ordered), 1),
        "p95_ms": round(1000 * p95, 1),
        "n": len(ordered),
    }


def emit(name: str, **fields) -> None:
    print(json.dumps({"name": name, "scale": SCALE, **fields}, ensure_ascii=False), flush=True)


def _timed(fn, repeat: int, warmup: int = 1) -> tuple[list[float], list[float]]:
    """Wall and process-CPU seconds per call (CPU stays meaningful when other jobs share the cores)."""
    for _ in range(warmup):
        fn()
    wall, cpu = [], []
    for _ in range(repeat):
        start, cpu_start = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - cpu_start)
    return wall, cpu


def _emit_timed(name: str, fn, repeat: int, **extra) -> None:
    wall, cpu = _timed(fn, repeat)
    emit(name, **_stats(wall), cpu_median_ms=round(1000 * statistics.median(cpu), 1), **extra)


# --- the database ------------------------------------------------------------------------------------


def _top_up_centres(centres: pd.DataFrame, n: int, rng) -> pd.DataFrame:
    extra = n - len(centres)
    if extra <= 0:
        return centres.head(n).reset_index(drop=True)
    copies = centres.sample(extra, replace=True, random_state=rng.integers(1 << 31)).reset_index(drop=True)
    copies["centre_id"] = [f"MCB{i:05d}" for i in range(extra)]
    # A few hundred metres away from the original, as a second centre in the same area would be.
    copies["latitude"] = (copies["latitude"] + rng.normal(0, 0.004, extra)).round(5)
    copies["longitude"] = (copies["longitude"] + rng.normal(0, 0.007, extra)).round(5)
    copies["name"] = copies["name"] + " (b)"
    return pd.concat([centres, copies], ignore_index=True)


def ensure_db() -> str:
    """Build (or reuse) the 15,000-centre database; return its URL."""
    url = f"sqlite:///{DB_PATH}"
    meta = DB_PATH.with_suffix(".json")
    if DB_PATH.exists() and meta.exists() and POINTS_PATH.exists():
        return url
    base = scaledb.ensure_db(100)
    tables = store.read_all_current(store.get_engine(base["url"]))
    keep = sorted(tables["areas"]["area_id"].unique())[:N_AREAS]
    areas = tables["areas"][tables["areas"]["area_id"].isin(keep)].reset_index(drop=True)
    rng = np.random.default_rng(4)
    centres = tables["centres"][tables["centres"]["area_id"].isin(keep)].reset_index(drop=True)
    centres = _top_up_centres(centres, N_CENTRES, rng)
    responses = tables["survey_responses"][tables["survey_responses"]["centre_id"].isin(set(centres["centre_id"]))]
    actors = tables["actors"][tables["actors"]["area_id"].isin(keep)]
    ids = set(actors["actor_id"])
    ties = tables["ties"][tables["ties"]["source_actor_id"].isin(ids) & tables["ties"]["target_actor_id"].isin(ids)]
    frames = {
        "codebook": tables["codebook"],
        "areas": areas,
        "centres": centres,
        "survey_responses": responses.reset_index(drop=True),
        "actors": actors.reset_index(drop=True),
        "ties": ties.reset_index(drop=True),
    }
    for stale in (DB_PATH, meta):
        stale.unlink(missing_ok=True)
    scaledb.write_db(frames, url, source="bench_map (x100 trimmed to 4,000 areas, 15,000 centres)")
    latest = geo.latest_areas(areas)
    points = pd.concat(
        [
            pd.DataFrame({"lat": centres["latitude"], "lon": centres["longitude"], "kind": centres["centre_type"]}),
            pd.DataFrame({"lat": latest["latitude"], "lon": latest["longitude"], "kind": "area"}),
        ],
        ignore_index=True,
    )
    points.to_parquet(POINTS_PATH)
    meta.write_text(json.dumps({name: len(frame) for name, frame in frames.items()}))
    return url


# --- server side ---------------------------------------------------------------------------------------


def bench_lib(url: str, repeat: int) -> None:
    tables = store.read_all_current(store.get_engine(url))
    areas_all, centres = tables["areas"], tables["centres"]
    status = criteria.latest_status(areas_all)
    latest = geo.latest_areas(areas_all, status)
    year = int(latest["year"].max())
    thr = criteria.threshold("pct_outside_labour_market", year)
    statuses = criteria.classify(latest)[["area_id", "status", "n_met"]]
    emit("lib.map.areas_centres", areas=len(latest), centres=len(centres))
    steps = {
        "lib.map.latest_areas": lambda: geo.latest_areas(areas_all, status),
        "lib.map.gap_analysis": lambda: geo.gap_analysis(latest, statuses, centres, min_criteria=2, max_km=2.0),
        "lib.map.gap_analysis_library_3km": lambda: geo.gap_analysis(
            latest, statuses, centres, min_criteria=2, max_km=3.0, centre_types=["library"]
        ),
        "lib.map.deck_build": lambda: maps.deck(centres, latest, "pct_outside_labour_market", thr),
    }
    for name, fn in steps.items():
        _emit_timed(name, fn, repeat)
    thr_args = (centres, latest, "pct_outside_labour_market", thr)
    decks = [maps.deck(*thr_args) for _ in range(repeat + 1)]  # to_json is memoised: a fresh deck per call
    payload = len(decks[0].to_json())
    _emit_timed("lib.map.deck_json", lambda: decks.pop().to_json(), repeat, payload_mb=round(payload / 1e6, 2))

    def whole():
        gaps = geo.gap_analysis(latest, statuses, centres, min_criteria=2, max_km=2.0)
        maps.deck(centres, latest, "pct_outside_labour_market", thr, highlight_ids=gaps["area_id"]).to_json()

    _emit_timed("lib.map.build_total", whole, repeat, target_ms=300)


def bench_page(url: str, repeat: int) -> None:
    """AppTest reruns of the map page (entry + frame + page) after real changes."""
    from streamlit.testing.v1 import AppTest

    from bench.run import _share_script_cache

    _share_script_cache()
    os.environ["ATLAS_DATABASE_URL"] = url
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
    start = time.perf_counter()
    at.run()
    at.switch_page("pages/2_map.py").run()
    emit("page.map.cold", cold_ms=round(1000 * (time.perf_counter() - start), 1))
    if at.exception:
        emit("page.map.error", error=str(at.exception[0].value)[:300])
        return
    regions = ["Hovedstaden", "Midtjylland", "Syddanmark", "Sjælland", "Nordjylland"]
    # The entry page at the same scale: what the shared frame (filters, sidebar) costs on its own.
    ref = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
    ref.run()
    wall, cpu = [], []
    for i in range(repeat + 2):
        ref.multiselect(key="w_filter_regions").set_value([] if i % 2 else [regions[(i // 2) % len(regions)]])
        start, cpu_start = time.perf_counter(), time.process_time()
        ref.run()
        if i >= 2:
            wall.append(time.perf_counter() - start)
            cpu.append(time.process_time() - cpu_start)
    emit(
        "page.overview.filter_change",
        **_stats(wall),
        cpu_median_ms=round(1000 * statistics.median(cpu), 1),
        note="framework reference: entry page, same database",
    )
    indicators = list(maps.MAP_INDICATORS)
    kms = [1.0, 2.0, 3.0, 5.0]
    changes = {
        "page.map.filter_change": lambda i: at.multiselect(key="w_filter_regions").set_value(
            [] if i % 2 else [regions[(i // 2) % len(regions)]]
        ),
        "page.map.indicator_change": lambda i: at.selectbox(key="w_map_indicator").set_value(
            indicators[i % len(indicators)]
        ),
        "page.map.gap_km_change": lambda i: at.select_slider(key="w_gap_km").set_value(kms[i % len(kms)]),
    }
    for name, change in changes.items():
        samples, cpu = [], []
        for i in range(repeat + 2):
            change(i)
            start, cpu_start = time.perf_counter(), time.process_time()
            at.run()
            if i >= 2:
                samples.append(time.perf_counter() - start)
                cpu.append(time.process_time() - cpu_start)
        if at.exception:
            emit(name, error=str(at.exception[0].value)[:300])
            continue
        emit(name, **_stats(samples), cpu_median_ms=round(1000 * statistics.median(cpu), 1), target_ms=300)
        at.multiselect(key="w_filter_regions").set_value([]).run()


# --- browser -------------------------------------------------------------------------------------------

DRAWN_PYDECK_JS = """
() => {
  const app = document.querySelector('[data-testid=stApp]');
  const canvas = document.querySelector('[data-testid=stDeckGlJsonChart] canvas');
  return !!(app && canvas && canvas.width > 0 && app.getAttribute('data-test-script-state') === 'notRunning');
}
"""
TWO_FRAMES_JS = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))"


def _serve(script: str, url: str, env_extra: dict | None = None):
    from bench import browser

    return browser.start_server(url, env_extra=env_extra, script=script)


def _time_visits(chromium, url: str, wait, visits: int, timeout_ms: int = 180_000) -> list[float]:
    out = []
    for i in range(visits + 1):  # first visit warms the server's caches
        page = chromium.new_page(viewport={"width": 1400, "height": 1000})
        start = time.perf_counter()
        page.goto(url)
        wait(page, timeout_ms)
        page.evaluate(TWO_FRAMES_JS)
        if i:
            out.append(time.perf_counter() - start)
        page.close()
    return out


def _wait_pydeck(page, timeout_ms):
    page.wait_for_function(DRAWN_PYDECK_JS, timeout=timeout_ms)


def _wait_folium(n_points: int, canvas: bool = False):
    # SVG renderer: one .leaflet-interactive element per marker. Canvas renderer: markers are painted
    # onto one canvas in the overlay pane when they are added, so its presence means drawn.
    probe = (
        "() => document.querySelectorAll('.leaflet-overlay-pane canvas').length"
        if canvas
        else "() => document.querySelectorAll('.leaflet-interactive').length"
    )
    needed = 1 if canvas else n_points

    def wait(page, timeout_ms):
        deadline = time.time() + timeout_ms / 1000
        while time.time() < deadline:
            for frame in page.frames:
                try:
                    count = frame.evaluate(probe)
                except Exception:  # noqa: BLE001 - frames come and go while the component loads
                    continue
                if count >= needed:
                    return
            time.sleep(0.1)
        raise TimeoutError(f"folium did not draw {n_points} markers in {timeout_ms} ms")

    return wait


def _leaflet_dir() -> Path | None:
    """Leaflet's dist folder from the npm registry (``npm pack leaflet@1.9``), unpacked once; None without npm."""
    target = scaledb.DEFAULT_DIR / "leaflet"
    dist = target / "package" / "dist"
    if (dist / "leaflet.js").exists():
        return dist
    target.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run(["npm", "pack", "leaflet@1.9"], cwd=target, check=True, capture_output=True, timeout=120)
        tarball = next(target.glob("leaflet-*.tgz"))
        import tarfile

        with tarfile.open(tarball) as tar:
            tar.extractall(target, filter="data")
    except (OSError, subprocess.SubprocessError, StopIteration):
        return None
    return dist if (dist / "leaflet.js").exists() else None


def _time_filter_changes(chromium, url: str, changes: int, timeout_ms: int = 120_000) -> list[float]:
    """Seconds from a sidebar filter click to the rerun finished and the map drawn again.

    Alternates between one region and all regions (the reset button), so every change
    redraws the map with different points; the page stays open, as a user's would.
    """
    from bench.load import DONE_JS, OBSERVER_JS

    page = chromium.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(url)
    _wait_pydeck(page, timeout_ms)
    page.evaluate(OBSERVER_JS)
    out = []
    for i in range(changes + 1):  # the first change warms the server's caches for that region
        t0 = page.evaluate("() => performance.now()")
        if i % 2 == 0:
            page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").first.click()
            options = page.get_by_role("option")
            try:
                options.first.wait_for(timeout=3_000)
            except Exception:  # noqa: BLE001 - the menu sometimes only takes focus: open it from the keyboard
                page.keyboard.press("ArrowDown")
                options.first.wait_for(timeout=10_000)
            t0 = page.evaluate("() => performance.now()")
            options.nth((i // 2) % max(1, options.count())).click()
            page.keyboard.press("Escape")
        else:
            page.locator(".st-key-w_filters_reset button").click()
        page.wait_for_function(DONE_JS, arg=t0, timeout=timeout_ms)
        _wait_pydeck(page, timeout_ms)
        page.evaluate(TWO_FRAMES_JS)
        if i:
            out.append((page.evaluate("() => performance.now()") - t0) / 1000)
    page.close()
    return out


def bench_browser(url: str, visits: int, folium: bool, map_page: bool = True) -> None:
    from playwright.sync_api import sync_playwright

    from bench import browser

    points = pd.read_parquet(POINTS_PATH)
    env = {"ATLAS_BENCH_POINTS": str(POINTS_PATH), "ATLAS_BENCH_LEAFLET_DIR": str(_leaflet_dir() or "")}
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=browser.CHROMIUM, args=browser.CHROMIUM_ARGS)
        if map_page:
            proc, base = _serve("dashboard.py", url)
            try:
                samples = _time_visits(chromium, f"{base}/map", _wait_pydeck, visits)
                emit(
                    "browser.map_page",
                    **_stats(samples),
                    target_ms=2000,
                    note="navigation to canvas drawn (new session: Streamlit + deck.gl load), warm server",
                )
                emit(
                    "browser.map_filter_change",
                    **_stats(_time_filter_changes(chromium, f"{base}/map", visits * 2)),
                    target_ms=2000,
                    note="region filter click to the map redrawn, all points or one region",
                )
            finally:
                browser.stop_server(proc)
        results = {}
        for kind, script, wait, extra_env in (
            # Streamlit's own floor: an app with one widget, time until its script run is drawn.
            ("empty_page", "bench/empty_page.py", lambda p, ms: browser.wait_for_app_sync(p, ms), {}),
            ("pydeck", "bench/map_draw_pydeck.py", _wait_pydeck, {}),
            (
                "folium_canvas",
                "bench/map_draw_folium.py",
                _wait_folium(len(points), canvas=True),
                {"ATLAS_BENCH_FOLIUM_CANVAS": "1"},
            ),
            ("folium", "bench/map_draw_folium.py", _wait_folium(len(points)), {}),
        ):
            if kind.startswith("folium") and not folium:
                continue
            proc, base = _serve(script, url, {**env, **extra_env})
            try:
                samples = _time_visits(
                    chromium, base, wait, max(1, visits // 3) if kind.startswith("folium") else visits
                )
                results[kind] = _stats(samples)
                emit(f"browser.{kind}", points=len(points) if kind != "empty_page" else 0, **results[kind])
            except Exception as err:  # noqa: BLE001 - report a timeout as a figure, not a crash
                emit(f"browser.{kind}", points=len(points), error=f"{type(err).__name__}: {str(err)[:200]}")
            finally:
                browser.stop_server(proc)
        chromium.close()
    for kind in ("folium", "folium_canvas"):
        if "pydeck" in results and kind in results:
            ratio = round(results[kind]["median_ms"] / results["pydeck"]["median_ms"], 1)
            floor = results.get("empty_page", {}).get("median_ms", 0.0)
            # Also net of Streamlit's own page load, which both pay.
            net = (results[kind]["median_ms"] - floor) / max(results["pydeck"]["median_ms"] - floor, 1.0)
            emit(f"browser.{kind}_to_pydeck_ratio", ratio=ratio, ratio_net_of_empty_page=round(net, 1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, no folium")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--no-folium", action="store_true")
    parser.add_argument("--only", choices=["lib", "page", "browser", "draw"], help="one part only (draw: bare pages)")
    args = parser.parse_args(argv)
    repeat = 5 if args.quick else args.repeat
    import warnings

    warnings.filterwarnings("ignore")
    url = ensure_db()
    emit("machine", cores=os.cpu_count(), load_avg_1m=round(os.getloadavg()[0], 2))
    parts = {args.only} if args.only else {"lib", "page", "browser"}
    if "lib" in parts:
        bench_lib(url, repeat)
    if "page" in parts:
        bench_page(url, repeat)
    if parts & {"browser", "draw"} and not args.no_browser:
        folium = not (args.quick or args.no_folium)
        bench_browser(url, visits=3 if args.quick else 5, folium=folium, map_page="draw" not in parts)
    emit("machine.end", load_avg_1m=round(os.getloadavg()[0], 2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
