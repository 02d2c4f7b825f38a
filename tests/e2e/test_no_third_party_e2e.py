"""No request leaves the server's own origin, and the basemap is the one way out.

A Danish public-sector deployment may not send visitors' addresses to third parties without
consent, and intranet deployments are offline. So with the basemap off (the default) every
request a page makes (documents, scripts, styles, fonts, the favicon, images, websockets,
map styles and tiles) must go to the app server itself. Every page, in both languages and in
presentation mode, is checked during its accessibility visit (test_axe_e2e.py,
test_axe_present_e2e.py: one page load, both checks). Here: the map once its canvas is drawn,
and the basemap, which a user turns on, the one allowed exception: it fetches Carto's style.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.e2e.conftest import wait_for_app
from tests.e2e.pageviews import is_third_party, record_requests, third_party
from tests.support.browser import PAGE_PATHS, PATIENCE_MS

pytestmark = pytest.mark.e2e


def _visit(page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)
    # fonts, icons and the map's style load after the first paint
    page.wait_for_load_state("networkidle", timeout=PATIENCE_MS)
    page.wait_for_timeout(1500)


def test_presentation_mode_and_map_without_basemap_stay_local(page, seeded_server_url):
    urls = record_requests(page)
    _visit(page, f"{seeded_server_url}{PAGE_PATHS['map']}?present=1")
    page.wait_for_selector("[data-testid=stDeckGlJsonChart] canvas", timeout=PATIENCE_MS)
    page.wait_for_timeout(2000)
    assert urls, "the recorder saw no request at all"
    assert not third_party(urls), third_party(urls)


def test_the_basemap_is_the_only_way_out(page, seeded_server_url):
    """Turning the basemap on is the user's choice and does fetch the tile style (from Carto)."""
    urls = record_requests(page)
    # Requests that leave the server are answered "blocked" at once: the test sees that they were
    # made and does not depend on whether this machine can reach the internet (or how long it
    # takes to find out that it cannot).
    page.route(is_third_party, lambda route: route.abort("blockedbyclient"))
    page.goto(f"{seeded_server_url}{PAGE_PATHS['map']}?map_basemap=1")
    wait_for_app(page)
    page.wait_for_selector("[data-testid=stDeckGlJsonChart] canvas", timeout=PATIENCE_MS)
    for _ in range(60):
        if third_party(urls):
            break
        page.wait_for_timeout(500)
    outside = third_party(urls)
    assert outside, "turning the basemap on fetched nothing from the basemap's host"
    assert all("carto" in urlsplit(u).hostname for u in outside), outside
