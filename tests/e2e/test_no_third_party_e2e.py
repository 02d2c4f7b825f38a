"""No request leaves the server's own origin: every page in Chromium, every request recorded.

A Danish public-sector deployment may not send visitors' addresses to third parties without
consent, and intranet deployments are offline. So with the basemap off (the default) every
request a page makes (documents, scripts, styles, fonts, the favicon, images, websockets,
map styles and tiles) must go to the app server itself. The basemap, when a user turns it
on, is the one allowed exception, checked here too: it is what fetches Carto's style.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.e2e.conftest import wait_for_app
from tests.support.browser import PAGE_PATHS

pytestmark = pytest.mark.e2e

LOCAL_HOSTS = {"127.0.0.1", "localhost", ""}
LOCAL_SCHEMES = {"data", "blob", "about", "chrome-extension"}


def _record(page) -> list[str]:
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    page.on("websocket", lambda ws: urls.append(ws.url))
    return urls


def _third_party(urls: list[str]) -> list[str]:
    out = []
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme in LOCAL_SCHEMES:
            continue
        if parts.hostname not in LOCAL_HOSTS:
            out.append(url)
    return out


def _visit(page, url: str) -> None:
    page.goto(url)
    wait_for_app(page)
    # fonts, icons and the map's style load after the first paint
    page.wait_for_load_state("networkidle", timeout=30000)
    page.wait_for_timeout(1500)


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("page_id", list(PAGE_PATHS))
def test_no_request_leaves_the_origin(page, seeded_server_url, page_id, lang):
    urls = _record(page)
    _visit(page, f"{seeded_server_url}{PAGE_PATHS[page_id]}?lang={lang}")
    assert urls, "the recorder saw no request at all"
    assert not _third_party(urls), _third_party(urls)


def test_presentation_mode_and_map_without_basemap_stay_local(page, seeded_server_url):
    urls = _record(page)
    _visit(page, f"{seeded_server_url}{PAGE_PATHS['map']}?present=1")
    page.wait_for_selector("[data-testid=stDeckGlJsonChart] canvas", timeout=60000)
    page.wait_for_timeout(2000)
    assert not _third_party(urls), _third_party(urls)


def test_the_basemap_is_the_only_way_out(page, seeded_server_url):
    """Turning the basemap on is the user's choice and does fetch the tile style (from Carto)."""
    urls = _record(page)
    _visit(page, f"{seeded_server_url}{PAGE_PATHS['map']}?map_basemap=1")
    page.wait_for_selector("[data-testid=stDeckGlJsonChart] canvas", timeout=60000)
    page.wait_for_timeout(3000)
    outside = _third_party(urls)
    assert all("carto" in urlsplit(u).hostname for u in outside), outside
