"""Browser test: the "Compare types" page draws its charts in Chromium."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import wait_for_app
from tests.support.browser import PATIENCE_MS

pytestmark = pytest.mark.e2e

CHART = "[data-testid=stVegaLiteChart]"


def test_compare_page_draws_charts(page, seeded_server_url):
    page.goto(f"{seeded_server_url}/compare?lang=en")
    wait_for_app(page)
    page.get_by_role("heading", name="Compare centre types").wait_for()
    charts = page.locator(CHART)
    charts.first.wait_for(timeout=PATIENCE_MS)
    assert charts.count() == 4
    # Vega renders SVG (or canvas): the butterfly chart has drawn its bars and item labels
    first = charts.first
    first.locator("svg, canvas").first.wait_for(timeout=PATIENCE_MS)
    first.scroll_into_view_if_needed()
    svg_text = first.locator("svg").first.inner_html() if first.locator("svg").count() else ""
    if svg_text:
        assert "Drawbacks" in svg_text and "Advantages" in svg_text
        assert first.locator("svg path, svg rect").count() > 50
    # every chart is drawn, not just its placeholder
    for i in range(charts.count()):
        chart = charts.nth(i)
        chart.scroll_into_view_if_needed()
        chart.locator("svg, canvas").first.wait_for(timeout=PATIENCE_MS)
        box = chart.bounding_box()
        assert box is not None and box["height"] > 100


def test_focus_type_from_the_link(page, seeded_server_url):
    page.goto(f"{seeded_server_url}/compare?lang=en&focus_type=health&min_n=5")
    wait_for_app(page)
    chart = page.locator(CHART).first
    chart.locator("svg, canvas").first.wait_for(timeout=PATIENCE_MS)
    assert "All other types" in chart.locator("svg").first.inner_html()
