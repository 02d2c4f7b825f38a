"""Issue 16: the first reader of each page on a freshly started server, with and without the page warm-up.

For each scale and for ``ATLAS_WARM_PAGES`` off and on: start the app as ``make run`` does
(``python -m lib.serve``), let it finish its warm-up (on: until its log says the pages are warmed;
off: the same idle time the data warm-up needs), then open one new websocket session (Streamlit's
protocol, as a browser) and time the first run of every page in the navigation, entry page first:
the server's work and the transfer, no drawing. That first run is what the first reader of a page
waits for on the server; ``bench.run``'s AppTest figures start from a process without any warm-up.

Run: ``.venv/bin/python -m bench.bench_fresh_server [--scales 1 100] [--rounds 2]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from pathlib import Path

from bench import browser
from bench import scale as scaledb
from lib.app import warm_visit

TARGET_MS = 300  # issue 16: every page's server rerun p95 at x100, first visits included
IDLE_WITHOUT_WARM_S = 20.0
LOG = Path("/tmp/atlas_bench_fresh_server.log")


def emit(record: dict) -> None:
    print(json.dumps(record, ensure_ascii=False), flush=True)


async def _first_runs(port: int) -> dict[str, float]:
    out = {}
    async with warm_visit.connect("127.0.0.1", port) as ws:
        start = time.perf_counter()
        pages, entry = await warm_visit.run_page(ws, "", "")
        out["overview"] = (time.perf_counter() - start) * 1000
        for page_hash, path in pages.items():
            if page_hash != entry:
                start = time.perf_counter()
                await warm_visit.run_page(ws, page_hash, "")
                out[path] = (time.perf_counter() - start) * 1000
    return out


def one_server(db_url: str, warm: bool) -> tuple[dict[str, float], float | None]:
    """First run of each page in a new session of a fresh server (ms), and the warm-up's own wall time (s)."""
    env = {"ATLAS_WARM_PAGES": "1" if warm else "0"}
    started = time.perf_counter()
    proc, url = browser.start_server(db_url, log_path=LOG, env_extra=env)
    try:
        port = int(url.rsplit(":", 1)[1])
        warmed_s = None
        if warm:
            browser.wait_for_log(LOG, "pages warmed", timeout_s=180)
            warmed_s = time.perf_counter() - started
        else:
            time.sleep(IDLE_WITHOUT_WARM_S)
        time.sleep(1.0)
        return asyncio.run(_first_runs(port)), warmed_s
    finally:
        browser.stop_server(proc)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", nargs="*", type=int, default=[1, 100])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--quick", action="store_true", help="x1 only, one round")
    args = parser.parse_args(argv)
    scales, rounds = ([1], 1) if args.quick else (args.scales, args.rounds)
    for k in scales:
        db_url = scaledb.ensure_db(k)["url"]
        samples: dict[tuple[str, str], list[float]] = {}
        warm_up_s = []
        for _ in range(rounds):
            for warm in (False, True):  # alternating, so a host that slows down hits both alike
                runs, warmed_s = one_server(db_url, warm)
                if warmed_s is not None:
                    warm_up_s.append(warmed_s)
                for page, ms in runs.items():
                    samples.setdefault(("on" if warm else "off", page), []).append(ms)
        for page in dict.fromkeys(p for _, p in samples):
            off = samples.get(("off", page), [])
            on = samples.get(("on", page), [])
            record = {
                "name": f"fresh_server.first_run.{page}",
                "scale": k,
                "warm_pages_off_ms": round(statistics.median(off), 1) if off else None,
                "warm_pages_on_ms": round(statistics.median(on), 1) if on else None,
                "n": len(on),
                "note": "a new session's first run of the page on a fresh server after its warm-up (websocket, no drawing)",
            }
            if on and k == 100:
                record.update(target_ms=TARGET_MS, meets_target=max(on) <= TARGET_MS)
            emit(record)
        if warm_up_s:
            emit(
                {
                    "name": "fresh_server.pages_warmed",
                    "scale": k,
                    "start_to_pages_warmed_s": round(statistics.median(warm_up_s), 1),
                    "n": len(warm_up_s),
                }
            )


if __name__ == "__main__":
    sys.exit(main())
