"""A real app server and Debian's Chromium for the browser tests (and the benchmarks that reuse them).

Kept free of pytest so the benchmarks (``bench.run``, ``bench.load``) can import it without the
test suite. Servers listen on 127.0.0.1 only.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from lib.app.routes import PAGES

ROOT = Path(__file__).resolve().parents[2]

#: How long a browser test waits for the app to draw a page or answer a click. The tests check behaviour;
#: speed is bench/'s job. On a loaded 2-core CI host running four test workers, the Map in presentation
#: mode once took over 60 s to draw (Chromium renders WebGL on the CPU there), against 6 s on a quiet one.
PATIENCE_MS = 180_000


def installed_chromium() -> str | None:
    """Path of Debian's Chromium, or None when it is not installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


CHROMIUM = installed_chromium() or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# URL path of each page (the entry page is "/").
PAGE_PATHS = {page_id: "/" + page.path for page_id, page in PAGES.items()}


def free_port(preferred: int | None = None) -> int:
    """``preferred`` when it is free, else any free port on 127.0.0.1."""
    if preferred:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", preferred))
                return preferred
            except OSError:
                pass
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(
    db_url: str,
    port: int | None = None,
    log_path: Path | None = None,
    env_extra: dict | None = None,
    script: str = "dashboard.py",
) -> tuple[subprocess.Popen, str]:
    """Start ``script`` (the app through ``lib.serve``) against ``db_url`` and wait until it is healthy.

    A free port can be taken by another process (a parallel test worker) between the check
    and the server's bind; a server that exits before it is healthy is retried on another port.
    """
    for attempt in range(3):
        try:
            return _start_server_once(db_url, port if attempt == 0 else None, log_path, env_extra, script)
        except _ExitedEarly:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


class _ExitedEarly(RuntimeError):
    pass


def _start_server_once(db_url, port, log_path, env_extra, script) -> tuple[subprocess.Popen, str]:
    port = free_port(port)
    env = {**os.environ, "ATLAS_DATABASE_URL": db_url, **(env_extra or {})}
    out = open(log_path, "wb") if log_path else subprocess.DEVNULL  # noqa: SIM115 - closed with the process
    # The app starts as `make run` starts it (lib.serve: warmed while the server starts); other scripts plainly.
    launcher = ["-m", "lib.serve"] if script == "dashboard.py" else ["-m", "streamlit", "run", script]
    proc = subprocess.Popen(
        [
            sys.executable,
            *launcher,
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ],
        cwd=ROOT,
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 90
    while time.time() < deadline:
        if proc.poll() is not None:
            raise _ExitedEarly(f"app server exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.3)
    stop_server(proc)
    raise RuntimeError("the app server did not become healthy within 90 s")


def wait_for_log(path: Path, text: str, timeout_s: float) -> str:
    """The server log at ``path`` once it holds ``text``; AssertionError with its tail after ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    log = ""
    while time.monotonic() < deadline:
        log = path.read_text(errors="replace") if path.exists() else ""
        if text in log:
            return log
        time.sleep(0.2)
    raise AssertionError(f"{text!r} not in the server log within {timeout_s:.0f} s:\n{log[-2000:]}")


def stop_server(proc: subprocess.Popen) -> None:
    """Terminate the server this module started (and only it)."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


# The run has finished ("notRunning" on the app root) and nothing on the page is a placeholder
# or a stale element of the previous run.
WAIT_APP_JS = """() => {
    const app = document.querySelector('[data-testid=stApp]');
    return app && app.getAttribute('data-test-script-state') === 'notRunning'
        && !document.querySelector('[data-testid=stSkeleton]')
        && !document.querySelector('[data-stale=true]')
        && document.querySelectorAll('[data-testid=stMainBlockContainer] [data-testid=stElementContainer]').length > 0;
}"""


def wait_for_app_sync(page, timeout_ms: int = PATIENCE_MS) -> None:
    """Wait until the script run has finished and the page has content (sync Playwright)."""
    page.wait_for_selector("[data-testid=stApp]", timeout=timeout_ms)
    page.wait_for_function(WAIT_APP_JS, timeout=timeout_ms, polling=200)


async def wait_for_app_async(page, timeout_ms: int = PATIENCE_MS) -> None:
    """Same as ``wait_for_app_sync`` for the async API."""
    await page.wait_for_selector("[data-testid=stApp]", timeout=timeout_ms)
    await page.wait_for_function(WAIT_APP_JS, timeout=timeout_ms, polling=200)
