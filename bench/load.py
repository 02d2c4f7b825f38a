"""``make load``: a bounded load test on 127.0.0.1: N sessions switching pages and filters.

One app server (started here on a scaled database, or ``--url`` of one already
running) and N sessions. For ``--seconds`` every session repeats, after a think
time (``--think``, default 5-10 s: a person reading a chart before the next click):
pick a region in the sidebar filter, reset the filters, or open another page.

Two kinds of session (``--clients``):

* ``websocket`` (default): Streamlit's own protocol without a browser
  (``bench/load_ws.py``); latency from the request to the end of the run arriving.
  This measures the server: 30 Chromium tabs on a 2-core machine would measure
  the browsers' drawing instead.
* ``browser``: one Debian Chromium with N isolated contexts; each action is a real
  click and its latency runs to the end of the script run it caused (the app
  root's ``data-test-script-state`` back to ``notRunning``), so it includes the
  browser drawing the new elements.

Errors (target 0): an exception box on the page, a script error in the browser,
a lost websocket connection, an action whose rerun did not finish within
``--action-timeout``, or a session that could not open the app. Output is one
JSON line (also appended to ``bench/results/load.jsonl``)::

    {"name": "load", "sessions": 30, "seconds": 120, "actions": ..., "errors": 0,
     "rerun_p95_ms": ..., "meets_target": true, ...}

Run: ``.venv/bin/python -m bench.load`` (``--sessions 5 --seconds 20`` while developing;
``--think 0.5 2`` for a stress run; ``--clients browser`` for drawn pages).
Only 127.0.0.1 is ever contacted; the browser runs with networking extras disabled.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse

if __package__ in (None, ""):  # run as a script: make `bench` and `lib` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import browser
from bench import scale as scaledb
from bench.sessions import BaseSession

RESULTS = Path(__file__).resolve().parent / "results"
TARGET_P95_MS = 1000

# Records every script-state change of the app root: a [time, state] pair per
# mutation (its old value) and the state after the batch, so a quick
# running -> notRunning flip within one batch is still seen.
OBSERVER_JS = """
() => {
  const app = document.querySelector('[data-testid=stApp]');
  if (!app || app.__atlasObserved) return;
  app.__atlasObserved = true;
  window.__atlasRuns = window.__atlasRuns || [];
  new MutationObserver((records) => {
    const now = performance.now();
    for (const r of records) window.__atlasRuns.push([now, r.oldValue, false]);
    window.__atlasRuns.push([now, app.getAttribute('data-test-script-state'), true]);
  }).observe(app, {attributes: true, attributeOldValue: true, attributeFilter: ['data-test-script-state']});
}
"""
# Milliseconds from t0 to the end of the first script run that started after t0, or null.
DONE_JS = """
(t0) => {
  let ran = false;
  for (const [ts, state, current] of (window.__atlasRuns || [])) {
    if (ts < t0) continue;
    if (state === 'running' || state === 'rerunRequested') ran = true;
    if (ran && current && state === 'notRunning') return ts - t0;
  }
  return null;
}
"""


def _pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))], 1)


class Session(BaseSession):
    """One browser context: one Streamlit session doing the rounds."""

    def __init__(self, index: int, context, base_url: str, deadline: float, args, rng: random.Random):
        super().__init__(index, base_url, deadline, args, rng)
        self.context = context

    async def run(self) -> None:
        page = await self.context.new_page()
        page.on("pageerror", lambda exc: self.error("browser_script_error", str(exc)))
        await self.ramp_up()
        path = self.rng.choice(list(browser.PAGE_PATHS.values()))
        start = time.perf_counter()
        try:
            await page.goto(self.base + path, timeout=120000)
            await browser.wait_for_app_async(page, timeout_ms=180000)
        except Exception as err:  # noqa: BLE001 - counted as an error of this session
            self.error("open_failed", f"{path}: {type(err).__name__}")
            return
        self.opened(start)
        await page.evaluate(OBSERVER_JS)
        while (kind := await self.next_action()) is not None:
            try:
                await self.act(page, kind)
            except Exception as err:  # noqa: BLE001 - a harness problem, kept apart from app errors
                self.error(
                    "action_failed", f"{kind}: {type(err).__name__}: {' | '.join(str(err).splitlines()[-4:])[:250]}"
                )
                await self.recover(page)
            self.actions += 1
        await self.context.close()

    async def recover(self, page) -> None:
        try:
            await page.keyboard.press("Escape")
            await browser.wait_for_app_async(page, timeout_ms=60000)
            await page.evaluate(OBSERVER_JS)
        except Exception:  # noqa: BLE001
            self.error("unrecoverable", page.url)

    async def act(self, page, kind: str) -> None:
        sidebar = page.get_by_test_id("stSidebar")
        t0 = await page.evaluate("() => performance.now()")
        if kind == "filter":
            await sidebar.get_by_test_id("stMultiSelect").first.click()
            options = page.get_by_role("option")
            n = await options.count()
            if n == 0:
                await page.keyboard.press("Escape")
                return
            t0 = await page.evaluate("() => performance.now()")
            await options.nth(self.rng.randrange(n)).click()
            await page.keyboard.press("Escape")
        elif kind == "reset":
            await page.locator(".st-key-w_filters_reset button").click()
        else:
            links = sidebar.get_by_test_id("stPageLink").locator("a")
            n = await links.count()
            current = urlparse(page.url).path
            choices = [i for i in range(n) if urlparse(await links.nth(i).get_attribute("href") or "").path != current]
            await links.nth(self.rng.choice(choices or [0])).click()
        try:
            handle = await page.wait_for_function(DONE_JS, arg=t0, timeout=self.args.action_timeout * 1000)
            latency = await handle.json_value()
        except Exception:  # noqa: BLE001
            # A click that changes nothing (same option twice, reset with no filter) starts no run: not an error.
            state = await page.evaluate(
                "() => document.querySelector('[data-testid=stApp]')?.getAttribute('data-test-script-state')"
            )
            if state != "notRunning":
                self.error("rerun_timeout", f"{kind} on {page.url} ({state})")
            await page.evaluate(OBSERVER_JS)  # a full reload would have dropped the observer
            return
        self.latencies[kind].append(latency)
        if await page.locator("[data-testid=stException]").count():
            text = await page.locator("[data-testid=stException]").first.inner_text()
            self.error("exception_on_page", f"{page.url}: {text[:200]}")
        conn = await page.evaluate(
            "() => document.querySelector('[data-testid=stApp]')?.getAttribute('data-test-connection-state')"
        )
        if conn and conn.upper() not in ("CONNECTED",):
            self.error("connection_lost", f"{conn} on {page.url}")


async def _browser_sessions(bases: list[str], args, deadline: float) -> list[Session]:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        chromium = await pw.chromium.launch(executable_path=browser.CHROMIUM, args=browser.CHROMIUM_ARGS)
        sessions = []
        for i in range(args.sessions):
            context = await chromium.new_context(viewport={"width": 1280, "height": 900})
            base = bases[i % len(bases)]  # sticky: a session stays on its replica, as behind the load balancer
            sessions.append(Session(i, context, base, deadline, args, random.Random(args.seed + i)))
        await asyncio.gather(*(s.run() for s in sessions))
        await chromium.close()
    return sessions


async def run_load(bases: list[str], args) -> dict:
    # Hard bound: ramp-up, at most three minutes to open the first page, then the working time.
    deadline = time.time() + args.ramp + 180 + args.seconds
    if args.clients == "websocket":
        from bench import load_ws

        sessions = await load_ws.run_sessions(bases, args, deadline)
    else:
        sessions = await _browser_sessions(bases, args, deadline)
    lat = {k: [v for s in sessions for v in s.latencies[k]] for k in ("filter", "reset", "page")}
    reruns = lat["filter"] + lat["reset"]
    everything = reruns + lat["page"]
    errors = Counter()
    for s in sessions:
        errors.update(s.errors)
    app_errors = sum(n for k, n in errors.items() if k != "action_failed")
    loads = [s.load_ms for s in sessions if s.load_ms is not None]
    return {
        "actions": sum(s.actions for s in sessions),
        "measured": len(everything),
        "errors": app_errors,
        "harness_errors": errors.get("action_failed", 0),
        "error_kinds": dict(errors),
        "error_samples": [e for s in sessions for e in s.error_samples][:8],
        "rerun_median_ms": round(statistics.median(reruns), 1) if reruns else None,
        "rerun_p95_ms": _pct(reruns, 0.95),
        "page_switch_median_ms": round(statistics.median(lat["page"]), 1) if lat["page"] else None,
        "page_switch_p95_ms": _pct(lat["page"], 0.95),
        "all_actions_p95_ms": _pct(everything, 0.95),
        "first_load_p95_ms": _pct(loads, 0.95),
        "meets_target": app_errors == 0 and (_pct(reruns, 0.95) or 1e9) <= TARGET_P95_MS,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--scale", type=int, default=1, help="database scale (1, 10, 100) when starting a server")
    parser.add_argument("--url", help="an app already running on 127.0.0.1 (default: start one)")
    parser.add_argument("--port", type=int, default=8617, help="first replica's port (the next ones count up)")
    parser.add_argument("--replicas", type=int, default=1, help="app processes on one database; sessions spread evenly")
    parser.add_argument("--ramp", type=float, default=10.0, help="seconds over which sessions start")
    parser.add_argument("--think", type=float, nargs=2, default=(5.0, 10.0), metavar=("MIN", "MAX"))
    parser.add_argument("--action-timeout", type=float, default=30.0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--clients",
        choices=["websocket", "browser"],
        default="websocket",
        help="Chromium contexts (click, wait for the page drawn) or raw websocket clients (server capacity)",
    )
    args = parser.parse_args(argv)
    if args.url and urlparse(args.url).hostname not in ("127.0.0.1", "localhost"):
        parser.error("the load test only runs against 127.0.0.1")
    procs, bases = [], [args.url.rstrip("/")] if args.url else []
    if not bases:
        meta = scaledb.ensure_db(args.scale)
        for i in range(args.replicas):
            proc, base = browser.start_server(
                meta["url"], port=args.port + i, log_path=Path(f"/tmp/atlas_load_server{i}.log")
            )
            procs.append(proc)
            bases.append(base)
    started = time.time()
    try:
        result = asyncio.run(run_load(bases, args))
        memory = browser.memory_mb(procs[0].pid) if procs else {}
    finally:
        for proc in procs:
            browser.stop_server(proc)
    record = {
        "name": "load",
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(started)),
        "sessions": args.sessions,
        "clients": args.clients,
        "replicas": len(bases),
        "think_s": list(args.think),
        "seconds": args.seconds,
        "scale": None if args.url else args.scale,
        **result,
        "server_peak_rss_mb": memory.get("VmHWM"),
        "wall_s": round(time.time() - started, 1),
    }
    line = json.dumps(record, ensure_ascii=False)
    print(line, flush=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    with open(RESULTS / "load.jsonl", "a", encoding="utf-8") as out:
        out.write(line + "\n")
    return 0 if record["errors"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
