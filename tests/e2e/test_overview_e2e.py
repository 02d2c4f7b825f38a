"""End to end in headless Chromium: open the app, change a filter, reload the URL, see the same filters."""

from tests.e2e.conftest import wait_for_app
from tests.support.browser import PATIENCE_MS


def test_filter_survives_reload_of_the_url(page, seeded_server_url):
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(seeded_server_url)
    wait_for_app(page)
    assert page.get_by_text("Illustrative eksempeldata").first.is_visible()
    region = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").first
    region.click()
    page.get_by_role("option", name="Midtjylland").click()
    page.keyboard.press("Escape")
    page.wait_for_function("() => window.location.search.includes('region=Midtjylland')", timeout=PATIENCE_MS)
    url = page.url
    page.goto(url)
    wait_for_app(page)
    sidebar = page.get_by_test_id("stSidebar")
    assert sidebar.get_by_text("Midtjylland").first.is_visible()
    assert "region=Midtjylland" in page.url


def test_overview_draws_its_charts(page, seeded_server_url):
    page.goto(seeded_server_url + "/?lang=en")
    wait_for_app(page)
    page.wait_for_selector("[data-testid=stVegaLiteChart]", timeout=PATIENCE_MS)
    assert page.locator("[data-testid=stVegaLiteChart]").count() >= 3
    assert page.get_by_text("Community centres in vulnerable housing areas").is_visible()
