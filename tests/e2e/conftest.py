"""Browser tests: a real app server on a free port and Debian's Chromium driven by Playwright.

Skipped with a clear message where no Chromium is installed (CI installs it, so they always run there).
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

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            if CHROMIUM is None:
                item.add_marker(
                    pytest.mark.skip(reason="no Chromium found: install Debian's 'chromium' to run browser tests")
                )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db_url: str, env_extra: dict | None = None) -> tuple[subprocess.Popen, str]:
    """Start ``streamlit run dashboard.py`` on a free port and wait until it is healthy."""
    port = _free_port()
    env = {**os.environ, "ATLAS_DATABASE_URL": db_url, **(env_extra or {})}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "dashboard.py",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--server.address",
            "127.0.0.1",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("the app server did not become healthy within 60 s")


@pytest.fixture(scope="session")
def server_url(db_url):
    """URL of a running app server on the seeded sample database."""
    proc, url = start_server(db_url)
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def wait_for_app(page, timeout_ms: int = 60000) -> None:
    """Wait until Streamlit has finished the script run and drawn the page."""
    page.wait_for_selector("[data-testid=stApp]", timeout=timeout_ms)
    # Streamlit marks the app root with the script state; "notRunning" means the run has finished.
    page.wait_for_function(
        """() => {
            const app = document.querySelector('[data-testid=stApp]');
            return app && app.getAttribute('data-test-script-state') === 'notRunning'
                && !document.querySelector('[data-testid=stSkeleton]')
                && !document.querySelector('[data-stale=true]')
                && document.querySelectorAll('[data-testid=stMainBlockContainer] [data-testid=stElementContainer]').length > 0;
        }""",
        timeout=timeout_ms,
        polling=200,
    )
    page.wait_for_timeout(800)
