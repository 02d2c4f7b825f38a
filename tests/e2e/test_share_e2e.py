"""Browser: a copied share link reopens the same filters and selection in a new browser context.

The link is read from the visible code box the "copy link" action shows (headless clipboard access is
flaky); that box is exactly what the copy button puts on the clipboard.
"""

from __future__ import annotations

import re

import pytest

from lib.i18n import t
from tests.e2e.conftest import wait_for_app
from tests.support.browser import PATIENCE_MS

pytestmark = pytest.mark.e2e


def _read_share_link(page) -> str:
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_role("button", name=re.compile(t("present.share", "da"))).click()
    code = page.get_by_test_id("stPopoverBody").locator("code").first
    code.wait_for(state="visible", timeout=PATIENCE_MS)
    return code.inner_text().strip()


def test_copied_link_reopens_filters_and_selection(browser, seeded_server_url):
    first = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = first.new_page()
    page.goto(f"{seeded_server_url}/compare")
    wait_for_app(page)

    # a shared filter in the sidebar
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_test_id("stMultiSelect").first.click()
    page.get_by_role("option", name="Sjælland").click()
    page.keyboard.press("Escape")
    wait_for_app(page)
    # a page selection: the minimum number of answers per cell
    number = page.get_by_test_id("stNumberInput").locator("input").first
    number.fill("12")
    number.press("Enter")
    page.wait_for_function("() => new URL(location.href).searchParams.get('min_n') === '12'", timeout=PATIENCE_MS)
    wait_for_app(page)

    link = _read_share_link(page)
    assert "/compare?" in link
    assert "region=Sj%C3%A6lland" in link and "min_n=12" in link
    first.close()

    # a new browser context: no cookies, no session, nothing shared with the first one
    second = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = second.new_page()
    page.goto(link)
    wait_for_app(page)
    assert page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").first.get_by_text("Sjælland").count() == 1
    assert page.get_by_test_id("stNumberInput").locator("input").first.input_value() == "12"
    assert "min_n=12" in page.url and "region=Sj%C3%A6lland" in page.url
    second.close()
