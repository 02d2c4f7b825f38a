"""The map page in headless Chromium: the WebGL canvas is drawn and a click on a centre opens its details.

The click goes to a pixel computed from the deck's initial view (Web Mercator, deck.gl's 512-px world) for
the most isolated centre of the sample, so no other point can be picked instead. The initial view is the
extent of what the filters select (none here: every centre and area), as the page computes it.
"""

from __future__ import annotations

import io
import math

import numpy as np
import pytest

from lib.analysis import geo
from lib.data import store
from lib.i18n import t
from lib.views import maps
from tests.e2e.conftest import wait_for_app
from tests.support.browser import PATIENCE_MS

pytestmark = pytest.mark.e2e


def _project(lon: float, lat: float, view: dict, width: float, height: float) -> tuple[float, float]:
    """Screen position of (lon, lat) in a deck.gl MapView of ``width`` x ``height`` pixels."""
    scale = 512 * 2 ** view["zoom"]

    def merc(lo, la):
        x = (lo + 180) / 360 * scale
        y = (1 - math.log(math.tan(math.pi / 4 + math.radians(la) / 2)) / math.pi) / 2 * scale
        return x, y

    x, y = merc(lon, lat)
    cx, cy = merc(view["longitude"], view["latitude"])
    return width / 2 + (x - cx), height / 2 + (y - cy)


@pytest.fixture(scope="module")
def isolated_centre(seeded_db_url):
    centres = store.read_current(store.get_engine(seeded_db_url), "centres")
    areas = store.read_current(store.get_engine(seeded_db_url), "areas")
    xy = np.c_[centres["longitude"] * math.cos(math.radians(56)), centres["latitude"]]
    axy = np.c_[areas["longitude"] * math.cos(math.radians(56)), areas["latitude"]]
    d = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
    np.fill_diagonal(d, np.inf)
    # Far from other centres; areas lie underneath (centres are drawn on top) so they do not matter.
    best = int(np.argmax(d.min(axis=1)))
    assert axy.size  # the sample has areas
    return centres.iloc[best]


def _map_canvas(page):
    page.wait_for_selector("[data-testid=stDeckGlJsonChart] canvas", timeout=PATIENCE_MS)
    return page.locator("[data-testid=stDeckGlJsonChart]").first


def test_map_canvas_is_drawn(page, seeded_server_url):
    page.goto(f"{seeded_server_url}/map")
    wait_for_app(page)
    chart = _map_canvas(page)
    page.wait_for_timeout(1500)
    box = chart.bounding_box()
    assert box["width"] > 300 and box["height"] > 300
    from PIL import Image

    img = np.asarray(Image.open(io.BytesIO(chart.screenshot())).convert("RGB")).astype(int)
    # The outline's land fill and at least one centre colour are on screen: WebGL really drew.
    land = np.all(np.abs(img - np.array([236, 236, 232])) <= 3, axis=2).mean()
    assert land > 0.05
    library = np.array(maps.hex_to_rgb(maps.type_colours()["library"]))
    assert (np.abs(img - library).sum(axis=2) <= 30).sum() > 3


def test_click_on_a_centre_opens_its_details(page, seeded_server_url, isolated_centre, seeded_db_url):
    page.set_viewport_size({"width": 1400, "height": 1200})
    page.goto(f"{seeded_server_url}/map")
    wait_for_app(page)
    chart = _map_canvas(page)
    page.wait_for_timeout(1500)
    canvas = chart.locator("canvas").first
    canvas.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    box = canvas.bounding_box()
    engine = store.get_engine(seeded_db_url)
    centres, areas = store.read_current(engine, "centres"), geo.latest_areas(store.read_current(engine, "areas"))
    view = maps.extent_view(centres, areas, width=maps.PAGE_MAP_SIZE[0], height=maps.PAGE_MAP_SIZE[1])
    x, y = _project(
        float(isolated_centre["longitude"]), float(isolated_centre["latitude"]), view, box["width"], box["height"]
    )
    assert 0 < x < box["width"] and 0 < y < box["height"], "centre outside the initial view"
    page.mouse.move(box["x"] + x, box["y"] + y)
    page.wait_for_timeout(400)
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.get_by_text("Spørgeskema:").wait_for(timeout=PATIENCE_MS)
    assert page.get_by_role("heading", name=str(isolated_centre["name"])).first.is_visible()
    assert page.get_by_role("button", name=t("map.details.network")).is_visible()
