"""End to end in headless Chromium: a shared link to the Areas page reopens the same scenario and area,
and the area leads on to the map."""

import re

from tests.e2e.conftest import wait_for_app
from tests.support.browser import PATIENCE_MS


def test_shared_link_reopens_scenario_and_area(page, seeded_server_url):
    page.set_viewport_size({"width": 1400, "height": 1200})
    page.goto(seeded_server_url + "/areas?lang=en&areas_area=A04&areas_wi_labour=-5&areas_wi_income=5")
    wait_for_app(page)
    assert page.get_by_role("heading", name="Areas and the official criteria").is_visible()
    # both charts drawn (Altair renders SVG)
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=stVegaLiteChart] svg').length >= 2", timeout=PATIENCE_MS
    )
    # the chosen area from the link
    assert page.get_by_text(re.compile(r"Gadelandet/Husumgård.*on the 2025 list")).first.is_visible()
    # the scenario from the link: areas change status, labelled as a scenario
    scenario = page.get_by_text("Scenario, not a forecast.")
    scenario.scroll_into_view_if_needed()
    assert scenario.is_visible()
    changed = page.get_by_test_id("stMetric").filter(has_text="Areas changing status")
    value = changed.get_by_test_id("stMetricValue").inner_text()
    assert int(value.split("/")[0]) > 0
    assert page.get_by_text(re.compile(r"In the scenario \d+ of \d+ areas change status")).is_visible()
    # the URL keeps the scenario after the app rewrites it
    page.wait_for_function("() => window.location.search.includes('areas_wi_labour=-5')", timeout=PATIENCE_MS)
    # from the area to the map, which opens on the same area
    page.get_by_role("button", name="Show on the map").click()
    page.wait_for_function(
        "() => window.location.pathname.endsWith('/map') && window.location.search.includes('map_area=A04')",
        timeout=PATIENCE_MS,
    )
