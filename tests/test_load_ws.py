"""The websocket load clients (bench/load_ws.py) drive a real server without errors.

A smoke test of the harness behind ``make load``: two sessions for a few seconds.
"""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

from bench import load_ws
from tests.support.browser import start_server, stop_server


def test_websocket_sessions_open_filter_reset_and_switch_pages(seeded_db_url):
    proc, url = start_server(seeded_db_url)
    try:
        args = SimpleNamespace(sessions=2, ramp=0.0, seconds=8.0, think=(0.1, 0.3), action_timeout=60.0, seed=3)
        # Its own thread: the browser tests' Playwright keeps an event loop running in this one.
        with ThreadPoolExecutor(1) as pool:
            sessions = pool.submit(asyncio.run, load_ws.run_sessions(url, args, time.time() + 120)).result()
    finally:
        stop_server(proc)
    for session in sessions:
        assert not session.errors, session.error_samples
        assert session.load_ms is not None
        assert len(session.pages) == 7, session.pages  # the navigation message lists every page
        assert session.widgets.keys() == {load_ws.REGION_WIDGET, load_ws.RESET_WIDGET}
    done = {kind for s in sessions for kind, values in s.latencies.items() if values}
    assert done == {"filter", "reset", "page"}
