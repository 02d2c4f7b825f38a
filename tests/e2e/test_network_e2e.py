"""Browser test: the network page draws the actor network in Chromium."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import wait_for_app
from tests.support.browser import PATIENCE_MS

pytestmark = pytest.mark.e2e

CHART = "[data-testid=stVegaLiteChart]"


def test_network_drawing_is_visible(page, seeded_server_url):
    page.goto(f"{seeded_server_url}/network?lang=en&net_centre=MC001")
    wait_for_app(page)
    page.get_by_role("heading", name="The network around the centre").wait_for()
    drawing = page.locator(CHART).first
    drawing.scroll_into_view_if_needed()
    drawing.locator("svg, canvas").first.wait_for(timeout=PATIENCE_MS)
    box = drawing.bounding_box()
    assert box is not None and box["width"] > 400 and box["height"] > 400
    svg = drawing.locator("svg")
    if svg.count():
        markup = svg.first.inner_html()
        # the chosen centre is labelled, and the legends name sectors and tie types
        assert "Foreningshus Mjølnerparken" in markup
        assert "Volunteer" in markup and "Collaboration" in markup
        # ties are line paths and actors point symbols: dozens of each in a sample area
        assert svg.first.locator("path").count() > 60
    assert page.locator(CHART).count() == 2  # the drawing and the comparison across types


def test_sector_filter_from_the_link_redraws(page, seeded_server_url):
    page.goto(f"{seeded_server_url}/network?lang=en&net_centre=MC001&net_sectors=volunteer")
    wait_for_app(page)
    page.get_by_text("Area Mjølnerparken:").first.wait_for()
    drawing = page.locator(CHART).first
    drawing.locator("svg, canvas").first.wait_for(timeout=PATIENCE_MS)
    summary = page.get_by_text("Area Mjølnerparken:").first.inner_text()
    n_actors = int(summary.split(":")[1].split()[0])
    assert 1 < n_actors < 20  # volunteers plus the area's centres, not all 33 actors
