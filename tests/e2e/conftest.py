"""Browser tests: a real app server on a free port and Debian's Chromium driven by Playwright.

Skipped with a clear message where no Chromium is installed (CI installs it, so they always run there).
"""

from __future__ import annotations

import pytest

from tests.support.browser import CHROMIUM_ARGS, PATIENCE_MS, start_server, stop_server, wait_for_app_sync
from tests.support.browser import installed_chromium as _installed

CHROMIUM = _installed()

__all__ = ["start_server", "stop_server", "wait_for_app"]


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


@pytest.fixture
def page(page):
    """pytest-playwright's page, waiting as long as PATIENCE_MS for a click or a locator, not 30 s."""
    page.set_default_timeout(PATIENCE_MS)
    return page


@pytest.fixture(scope="session")
def seeded_server_url(seeded_db_url):
    """URL of a running app server on the seeded sample database."""
    proc, url = start_server(seeded_db_url)
    yield url
    stop_server(proc)


def wait_for_app(page, timeout_ms: int = PATIENCE_MS) -> None:
    """Wait until Streamlit has finished the script run and drawn the page, then let it settle."""
    wait_for_app_sync(page, timeout_ms)
    page.wait_for_timeout(800)
