"""Presentation mode on a projector (1280x720 and 1920x1080) in Chromium: nothing is cut.

For every page with charts, in presentation mode:

- the page's main chart (or map, or the Areas table) starts on the first screen, under the
  collapsed "settings" expander that holds the page's controls;
- scrolled to, the main element fits the screen (the Compare chart lists every advantage and
  drawback and is taller than a screen by design: it is only checked across);
- no drawn chart, map or table reaches past the left or right edge of the screen.
"""

from __future__ import annotations

import pytest

from lib.i18n import t
from tests.e2e.conftest import wait_for_app
from tests.support.browser import PATIENCE_MS

pytestmark = pytest.mark.e2e

VIEWPORTS = [(1280, 720), (1920, 1080)]
# page path -> (selector of the main element, whether it must fit one screen when scrolled to)
MAIN = {
    "": ("[data-testid=stVegaLiteChart] svg", True),
    "compare": ("[data-testid=stVegaLiteChart] svg", False),
    "map": ("[data-testid=stDeckGlJsonChart] canvas", True),
    "areas": ("[data-testid=stDataFrame]", True),
    "network": ("[data-testid=stVegaLiteChart] svg", True),
}
DRAWN = "[data-testid=stVegaLiteChart] svg, [data-testid=stDeckGlJsonChart] canvas, [data-testid=stDataFrame]"
PAGES_WITH_SETTINGS = ("compare", "map", "areas", "network")


def _boxes(page, selector: str) -> list[dict]:
    return page.eval_on_selector_all(
        selector,
        """els => els.map(e => { const r = e.getBoundingClientRect();
            return {x: r.x, y: r.y, width: r.width, height: r.height}; })
            .filter(b => b.width > 0 && b.height > 0)""",
    )


@pytest.mark.parametrize(("width", "height"), VIEWPORTS, ids=lambda v: str(v))
@pytest.mark.parametrize("path", list(MAIN), ids=lambda p: p or "overview")
def test_main_chart_is_on_the_first_screen_and_nothing_is_cut(page, seeded_server_url, path, width, height):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{seeded_server_url}/{path}?present=1")
    wait_for_app(page)
    selector, fits = MAIN[path]
    main_el = page.locator(f"{selector} >> visible=true").first  # e.g. not the table in the closed rules expander
    main_el.wait_for(state="visible", timeout=PATIENCE_MS)
    page.wait_for_timeout(1000)  # vega-embed and deck.gl size themselves after the first paint

    main = _boxes(page, selector)[0]
    assert 0 <= main["y"] < height - 100, f"{path}: the main element starts below the first screen: {main}"
    if path in PAGES_WITH_SETTINGS:
        summary = page.locator("[data-testid=stExpander] details summary", has_text=t("present.settings", "da"))
        assert summary.first.is_visible(), "the page's controls are not collapsed into the settings expander"
        assert summary.first.evaluate("s => !s.parentElement.open"), "the settings expander opens expanded"
    if fits:
        main_el.evaluate("e => e.scrollIntoView({block: 'center'})")  # centred: a partly visible one moves too
        page.wait_for_timeout(300)
        box = _boxes(page, selector)[0]
        assert box["y"] >= -1 and box["y"] + box["height"] <= height + 1, f"{path}: {box} does not fit {height} px"

    drawn = _boxes(page, DRAWN)
    assert drawn, f"{path}: nothing drawn"
    cut = [b for b in drawn if b["x"] < -1 or b["x"] + b["width"] > width + 1]
    assert not cut, f"{path} at {width}x{height}: cut at the edge: {cut}"
