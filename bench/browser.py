"""Shared by the browser benchmarks: the test suite's app server and Chromium helpers, and memory readings.

The server and browser helpers live in ``tests/support/browser.py`` (the browser tests own them;
benchmarks reuse them). Servers listen on 127.0.0.1 only.
"""

from __future__ import annotations

from pathlib import Path

from tests.support.browser import (  # noqa: F401 - re-exported for the benchmarks and scripts/screenshot.py
    CHROMIUM,
    CHROMIUM_ARGS,
    PAGE_PATHS,
    free_port,
    installed_chromium,
    start_server,
    stop_server,
    wait_for_app_async,
    wait_for_app_sync,
    wait_for_log,
)


def memory_mb(pid: int) -> dict[str, float]:
    """Current (VmRSS) and peak (VmHWM) resident memory of a process in MB."""
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = round(int(rest.split()[0]) / 1024, 1)
    return out
