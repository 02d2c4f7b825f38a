"""Accessibility and privacy of every page in headless Chromium, in both languages (presentation mode: the
other file): axe-core's WCAG 2.1 A and AA rules, ``<html lang>`` following the language, no request to
anyone but the app server, the uploader in the reader's language.

axe-core comes from npm (package.json; ``.ci/run`` and ``make test`` run ``npm ci``). Each page is checked
with its expanders ("show as table", "about the data" ...) opened, so the tables behind the charts are
checked too (tests/e2e/pageviews.py).
"""

from __future__ import annotations

import pytest

from tests.e2e.conftest import wait_for_app
from tests.e2e.pageviews import axe_violations, check_view, each_view, open_expanders, report, require_axe, view_url
from tests.support.browser import PATIENCE_MS

require_axe()


@each_view(present=False)
def test_no_wcag_violations_and_no_third_party_request(page, seeded_server_url, page_id, lang, present):
    check_view(page, seeded_server_url, page_id, lang, present)


# The Data page draws its Versions and Templates tabs only once they are opened (pages/5_data.py), so
# the page views above see the Upload tab alone.
@pytest.mark.parametrize(
    ("lang", "tab", "content"),
    [
        ("da", "Versioner", "Versioner af Centre"),
        ("da", "Skabeloner", ".st-key-data_tpl_csv"),
        ("en", "Versions", "Versions of Centres"),
        ("en", "Templates", ".st-key-data_tpl_csv"),
    ],
)
def test_the_data_pages_versions_and_templates_tabs_have_no_wcag_violations(
    page, seeded_server_url, lang, tab, content
):
    page.goto(view_url(seeded_server_url, "data", lang, present=False))
    wait_for_app(page)
    page.get_by_role("tab", name=tab).click()
    drawn = page.locator(content) if content.startswith(".") else page.get_by_text(content)
    drawn.first.wait_for(timeout=PATIENCE_MS)
    wait_for_app(page)
    open_expanders(page)
    violations = axe_violations(page)
    assert not violations, report(violations)


def test_language_switch_changes_the_document_language(page, seeded_server_url):
    page.goto(seeded_server_url + "/?lang=da")
    wait_for_app(page)
    assert page.evaluate("document.documentElement.lang") == "da"
    page.get_by_test_id("stSidebar").get_by_role("radio", name="English").click()
    page.wait_for_function("() => document.documentElement.lang === 'en'", timeout=PATIENCE_MS)


def test_charts_have_a_text_alternative(page, seeded_server_url):
    page.goto(seeded_server_url + "/compare?lang=da")
    wait_for_app(page)
    page.wait_for_selector("[data-testid=stVegaLiteChart]", timeout=PATIENCE_MS)
    labels = page.eval_on_selector_all(
        "[data-testid=stVegaLiteChart]", "els => els.map(e => e.getAttribute('aria-label') || '')"
    )
    assert labels and all(labels), labels
    # and each chart's table behind a "show as table" expander
    assert page.get_by_text("Vis som tabel").count() >= len(labels)


@pytest.mark.parametrize(("lang", "label"), [("da", "Vælg fil"), ("en", "Choose file")])
def test_the_uploader_speaks_the_readers_language(page, seeded_server_url, lang, label):
    page.goto(f"{seeded_server_url}/map?lang={lang}")
    wait_for_app(page)
    open_expanders(page)
    zone = page.get_by_test_id("stFileUploaderDropzone").first
    zone.wait_for(timeout=PATIENCE_MS)
    page.wait_for_function(
        "label => [...document.querySelectorAll('[data-testid=stFileUploaderDropzone] button p')]"
        ".every(p => p.textContent === label)",
        arg=label,
        timeout=PATIENCE_MS,
    )
    assert zone.get_by_role("button", name=label).is_visible()
    assert not page.get_by_text("Drag and drop").is_visible() and not page.get_by_text("per file").is_visible()
    # Streamlit's "Select all" is switched off in the filters
    page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").first.click()
    page.wait_for_selector("[role=listbox]", timeout=PATIENCE_MS)
    assert page.get_by_role("option", name="Select all").count() == 0
