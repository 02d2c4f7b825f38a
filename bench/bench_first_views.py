"""First views in Chromium, as people meet them: a new session per page, a new filter combination, a new server.

For each scale (``bench.scale`` databases, default x1 and x100), in one run and side by side:

- ``first.cold_start``: what ``make run`` runs on an existing database (the bytecode check, then
  ``python -m lib.serve``) to the first page drawn in a new browser session (the clock starts before
  the first process is spawned), and the same for the empty page
  (``bench/empty_page.py``) on its own server; then the Network page as the second visit of the fresh server;
- ``first.new_session.<page>``: a new browser session (new context: no cookies, new websocket, new
  Streamlit session) per visit, from navigation to the page drawn (script finished, no skeleton or stale
  element, two animation frames), median of ``--visits`` after one unrecorded visit, on the warm server;
  ``first.new_session.empty_page`` is the same for the empty page, measured in between, in the same run;
- ``first.new_tab.<page>``: the same visits as new tabs of one browser whose HTTP cache holds Streamlit's
  scripts (a returning reader; still a new Streamlit session each), next to the empty page's new tabs;
- ``first.map_new_filters``: a new session on the Map with a filter combination (region x centre type)
  this server has not drawn before, to the deck.gl canvas drawn (a shared link opened);
- ``first.map_new_filters_in_session``: on a Map already open, a reader picks one more region in the
  sidebar, a combination this server has not drawn before: from the click on the option to the rerun
  finished and the deck drawn again (two animation frames);
- ``first.server_fresh_process.network``: AppTest in a new Python process, the entry page and then the
  Network page, each timed (a freshly started server's first Network view, browser excluded).

Every figure carries ``ratio_to_empty`` (its median over the empty page's new-session median of the same
scale) and the issue's target. Prints one JSON line each.

Run: ``.venv/bin/python -m bench.bench_first_views [--scales 1 100] [--visits 5] [--quick]``.
The machine is shared: wall times move with its load, which each scale's line records.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if __package__ in (None, ""):  # run as a script: make `bench` and `lib` importable
    sys.path.insert(0, str(ROOT))

from bench import browser
from bench import scale as scaledb
from lib.schema import CENTRE_TYPES, REGION_NAMES

TWO_FRAMES_JS = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))"
DECK_DRAWN_JS = """() => {
  const app = document.querySelector('[data-testid=stApp]');
  const canvas = document.querySelector('[data-testid=stDeckGlJsonChart] canvas');
  return !!(app && canvas && canvas.width > 0 && app.getAttribute('data-test-script-state') === 'notRunning');
}"""
# The targets: new session <= 1.5x the empty page at x1 and <= 2x at x100; the map of a new
# filter combination <= 2 s (x1) and <= 3 s (x100); server start to first drawn page <= 5 s.
NEW_SESSION_RATIO = {1: 1.5, 100: 2.0}
MAP_NEW_FILTER_MS = {1: 2000, 100: 3000}
COLD_START_MS = 5000
NETWORK_FIRST_VIEW_MS = 1000
TIMEOUT_MS = 300_000


def emit(record: dict) -> None:
    print(json.dumps(record, ensure_ascii=False), flush=True)


def _median(samples: list[float]) -> float:
    return round(statistics.median(samples), 1)


def _visit(chromium, url: str, *, deck: bool = False, context=None) -> float:
    """Milliseconds from navigation in a new browser session to the page drawn.

    Without ``context`` the session is a new browser profile (empty HTTP cache: a first-time
    visitor); with one, a new tab of that browser (a new Streamlit session, Streamlit's scripts
    from the browser's cache: a returning reader).
    """
    own = context is None
    if own:
        context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        start = time.perf_counter()
        page.goto(url)
        browser.wait_for_app_sync(page, timeout_ms=TIMEOUT_MS)
        if deck:
            page.wait_for_function(DECK_DRAWN_JS, timeout=TIMEOUT_MS, polling=100)
        page.evaluate(TWO_FRAMES_JS)
        elapsed = (time.perf_counter() - start) * 1000
        if page.locator("[data-testid=stException]").count():
            raise RuntimeError(f"{url}: the page shows an exception")
        return elapsed
    finally:
        page.close()
        if own:
            context.close()


def _map_filter_changes(chromium, app_url: str, regions) -> list[float]:
    """Milliseconds per region added to the Map's region filter in one open session.

    Each pick makes a combination the server has not drawn before: {A}, then {A, B}, then {A, B, C}.
    """
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    samples = []
    try:
        page.goto(app_url + browser.PAGE_PATHS["map"])
        browser.wait_for_app_sync(page, timeout_ms=TIMEOUT_MS)
        page.wait_for_function(DECK_DRAWN_JS, timeout=TIMEOUT_MS, polling=100)
        region_filter = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").first
        for picked, region in enumerate(regions, start=1):
            region_filter.click()
            option = page.get_by_role("option", name=region)
            option.wait_for(timeout=TIMEOUT_MS)
            start = time.perf_counter()
            option.click()
            # The app writes the filter into the address as it reruns: the rerun has begun.
            page.wait_for_function(
                "n => (new URL(location.href).searchParams.get('region') || '').split(',').length >= n",
                arg=picked,
                timeout=TIMEOUT_MS,
                polling=50,
            )
            browser.wait_for_app_sync(page, timeout_ms=TIMEOUT_MS)
            page.wait_for_function(DECK_DRAWN_JS, timeout=TIMEOUT_MS, polling=100)
            page.evaluate(TWO_FRAMES_JS)
            samples.append((time.perf_counter() - start) * 1000)
            page.keyboard.press("Escape")
            if page.locator("[data-testid=stException]").count():
                raise RuntimeError("the Map shows an exception after a filter change")
    finally:
        context.close()
    return samples


def _cold_start(chromium, db_url: str, script: str, path: str) -> tuple[dict, subprocess.Popen, str]:
    """Spawn a server, wait for health, draw ``path`` in a new session; the clock runs from the spawn."""
    start = time.perf_counter()
    if script == "dashboard.py":  # `make run` brings the app's bytecode up to date, then starts lib.serve
        subprocess.run(["make", "-s", "compile"], cwd=ROOT, check=True)
    proc, url = browser.start_server(db_url, script=script)
    healthy = (time.perf_counter() - start) * 1000
    drawn = _visit(chromium, url + path)
    return {"healthy_ms": round(healthy), "drawn_ms": round(healthy + drawn), "page_ms": round(drawn)}, proc, url


def _filter_combinations():
    for region, kind in itertools.product(REGION_NAMES, CENTRE_TYPES):
        yield {"region": region, "type": kind}


def _fresh_process_network(db_url: str) -> dict:
    """Entry page then Network page through AppTest in a new Python process (no browser)."""
    code = (
        "import json, os, sys, time, warnings; warnings.filterwarnings('ignore');"
        f"sys.path.insert(0, {str(ROOT)!r});"
        "from streamlit.testing.v1 import AppTest;"
        "t0 = time.perf_counter(); at = AppTest.from_file('dashboard.py', default_timeout=900); at.run();"
        "t1 = time.perf_counter(); at.switch_page('pages/4_network.py').run(); t2 = time.perf_counter();"
        "print(json.dumps({'entry_ms': round(1000 * (t1 - t0)), 'network_ms': round(1000 * (t2 - t1)),"
        " 'errors': len(at.exception)}))"
    )
    env = {**os.environ, "ATLAS_DATABASE_URL": db_url}
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800, check=False
    )
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    return json.loads(lines[-1]) if lines else {"error": (proc.stderr.strip().splitlines() or ["no output"])[-1]}


def _page_visits(chromium, app_url: str, empty_url: str, pages: list[str], visits: int, context=None):
    """``visits`` drawn visits per page, each followed by one of the empty page: (per page, empty page).

    One unrecorded visit first: the server's first view of the page (and, in ``context``, the cache).
    """
    results: dict[str, list[float]] = {}
    empty: list[float] = []
    _visit(chromium, empty_url + "/", context=context)
    for name in pages:
        url, deck = app_url + browser.PAGE_PATHS[name], name == "map"
        _visit(chromium, url, deck=deck, context=context)
        results[name] = []
        for _ in range(visits):
            results[name].append(_visit(chromium, url, deck=deck, context=context))
            empty.append(_visit(chromium, empty_url + "/", context=context))
    return results, empty


def _emit_ratios(prefix: str, k: int, results: dict[str, list[float]], empty_median: float, limit, **extra) -> None:
    for name, samples in results.items():
        ratio = round(_median(samples) / max(empty_median, 1), 2)
        record = {
            "name": f"{prefix}.{name}",
            "scale": k,
            "median_ms": _median(samples),
            "max_ms": round(max(samples), 1),
            "n": len(samples),
            "ratio_to_empty": ratio,
            **extra,
        }
        if limit:
            record.update(target_ratio=limit, meets_target=ratio <= limit)
        emit(record)


def bench_scale(chromium, k: int, visits: int, pages: list[str]) -> None:
    meta = scaledb.ensure_db(k)
    db_url = meta["url"]
    emit({"name": "first.machine", "scale": k, "load_avg_1m": round(os.getloadavg()[0], 2)})

    # Server cold start: the empty page's server first, then the app's; each a new process.
    empty_cold, empty_proc, empty_url = _cold_start(chromium, db_url, "bench/empty_page.py", "/")
    app_cold, app_proc, app_url = _cold_start(chromium, db_url, "dashboard.py", "/")
    try:
        network_second = _visit(chromium, app_url + browser.PAGE_PATHS["network"])
        emit(
            {
                "name": "first.cold_start",
                "scale": k,
                **app_cold,
                "empty_page": empty_cold,
                "ratio_to_empty": round(app_cold["drawn_ms"] / max(empty_cold["drawn_ms"], 1), 2),
                "target_ms": COLD_START_MS,
                "meets_target": app_cold["drawn_ms"] <= COLD_START_MS,
                "network_next_ms": round(network_second),
                "note": "what `make run` runs on the existing database (bytecode check, `python -m lib.serve`) to the overview drawn in a new session",
            }
        )

        # New session per page on the warm servers; the empty page is measured between the pages.
        results, empty_samples = _page_visits(chromium, app_url, empty_url, pages, visits)
        # The same as new tabs of one browser, its HTTP cache warm (Streamlit's scripts are immutable
        # files cached for a year): what a returning reader meets. Reported beside, not instead.
        reader = chromium.new_context(viewport={"width": 1400, "height": 1000})
        try:
            tabs, tab_empty = _page_visits(chromium, app_url, empty_url, pages, visits, context=reader)
        finally:
            reader.close()
        empty_median = _median(empty_samples)
        emit(
            {
                "name": "first.new_session.empty_page",
                "scale": k,
                "median_ms": empty_median,
                "p95_ms": round(sorted(empty_samples)[int(0.95 * (len(empty_samples) - 1))], 1),
                "n": len(empty_samples),
                "ratio_to_empty": 1.0,
            }
        )
        limit = NEW_SESSION_RATIO.get(k)
        _emit_ratios("first.new_session", k, results, empty_median, limit)
        tab_empty_median = _median(tab_empty)
        emit({"name": "first.new_tab.empty_page", "scale": k, "median_ms": tab_empty_median, "n": len(tab_empty)})
        _emit_ratios(
            "first.new_tab",
            k,
            tabs,
            tab_empty_median,
            limit,
            note="a new tab (new Streamlit session) of a browser that has the app's scripts cached",
        )

        # The Map with filter combinations this server has not drawn before.
        combos = list(itertools.islice(_filter_combinations(), max(3, visits)))
        map_samples = []
        for params in combos:
            query = urllib.parse.urlencode(params)
            map_samples.append(_visit(chromium, f"{app_url}{browser.PAGE_PATHS['map']}?{query}", deck=True))
        emit(
            {
                "name": "first.map_new_filters",
                "scale": k,
                "median_ms": _median(map_samples),
                "max_ms": round(max(map_samples), 1),
                "n": len(map_samples),
                "ratio_to_empty": round(_median(map_samples) / max(empty_median, 1), 2),
                **({"target_ms": MAP_NEW_FILTER_MS[k]} if k in MAP_NEW_FILTER_MS else {}),
                **({"meets_target": _median(map_samples) <= MAP_NEW_FILTER_MS[k]} if k in MAP_NEW_FILTER_MS else {}),
                "note": "new session, region x centre type not drawn before by this server, to the deck.gl canvas",
            }
        )
        in_session = _map_filter_changes(chromium, app_url, REGION_NAMES[1 : 1 + max(3, visits)])
        emit(
            {
                "name": "first.map_new_filters_in_session",
                "scale": k,
                "median_ms": _median(in_session),
                "max_ms": round(max(in_session), 1),
                "n": len(in_session),
                **({"target_ms": MAP_NEW_FILTER_MS[k]} if k in MAP_NEW_FILTER_MS else {}),
                **({"meets_target": _median(in_session) <= MAP_NEW_FILTER_MS[k]} if k in MAP_NEW_FILTER_MS else {}),
                "note": "the Map open; one more region picked in the sidebar, a combination not drawn before",
            }
        )
    finally:
        browser.stop_server(app_proc)
        browser.stop_server(empty_proc)

    fresh = _fresh_process_network(db_url)
    emit(
        {
            "name": "first.server_fresh_process.network",
            "scale": k,
            **fresh,
            "target_ms": NETWORK_FIRST_VIEW_MS,
            "meets_target": fresh.get("network_ms", 1e9) <= NETWORK_FIRST_VIEW_MS,
            "note": "AppTest in a new process: entry page, then the Network page (its first view on a fresh server)",
        }
    )


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    from lib.app.routes import PAGES

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", nargs="*", type=int, default=[1, 100])
    parser.add_argument("--visits", type=int, default=5)
    parser.add_argument("--pages", nargs="*", default=list(PAGES))
    parser.add_argument("--quick", action="store_true", help="x1 only, 2 visits")
    args = parser.parse_args(argv)
    if args.quick:
        args.scales, args.visits = [1], 2
    if browser.installed_chromium() is None:
        emit({"name": "first.skipped", "reason": "no Chromium installed"})
        return 0
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=browser.CHROMIUM, args=browser.CHROMIUM_ARGS)
        try:
            for k in args.scales:
                bench_scale(chromium, k, args.visits, args.pages)
        finally:
            chromium.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
