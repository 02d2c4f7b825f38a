"""What the page-view browser tests share: opening one view of a page, axe-core, and the request recorder.

Each view (page, language, presentation mode) is opened once and checked for both WCAG 2.1 A/AA
(axe-core) and that no request left the server's own origin: a page load is the expensive part.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from lib.app.routes import PAGES
from tests.e2e.conftest import wait_for_app
from tests.support.browser import PATIENCE_MS

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' -> ' + (n.failureSummary || '').replace(/\\s+/g, ' '))
  }));
}"""
LOCAL_HOSTS = {"127.0.0.1", "localhost", ""}
LOCAL_SCHEMES = {"data", "blob", "about", "chrome-extension"}


def require_axe() -> None:
    """Skip the calling test module, saying what to do, where axe-core is not installed."""
    if not AXE.exists():
        pytest.skip(
            f"axe-core is not installed ({AXE} missing): run `npm ci` in the project folder", allow_module_level=True
        )


def each_view(present: bool):
    """Parametrize a test over ``(page_id, lang, present)``: every page in both languages."""
    views = [(page_id, lang, present) for lang in ("da", "en") for page_id in PAGES]
    ids = [f"{page_id}-{lang}{'-present' if present else ''}" for page_id, lang, _ in views]
    return pytest.mark.parametrize(("page_id", "lang", "present"), views, ids=ids)


def view_url(server_url: str, page_id: str, lang: str, present: bool) -> str:
    query = [f"lang={lang}"] + (["present=1"] if present else [])
    return f"{server_url}/{PAGES[page_id].path}?{'&'.join(query)}"


def record_requests(page) -> list[str]:
    """Every URL the page requests from now on (documents, scripts, fonts, images, websockets)."""
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    page.on("websocket", lambda ws: urls.append(ws.url))
    return urls


def is_third_party(url: str) -> bool:
    """Whether ``url`` goes anywhere but the app server itself."""
    parts = urlsplit(url)
    return parts.scheme not in LOCAL_SCHEMES and parts.hostname not in LOCAL_HOSTS


def third_party(urls: list[str]) -> list[str]:
    """The URLs that go anywhere but the app server itself."""
    return [url for url in urls if is_third_party(url)]


# The expanders a reader sees closed (a hidden tab's are not clicked, nor counted as left closed).
_CLOSED_SUMMARIES_JS = """() => [...document.querySelectorAll('[data-testid=stExpander] details:not([open]) > summary')]
  .filter(summary => summary.offsetParent !== null)"""

# Clicks every closed, visible expander in one go and notes when the script run that opening starts has
# begun: a "show as table" expander (lib/app/blocks.py, key "table_...", on_change="rerun") draws its
# table in that run; the function returns how many of those it opened, as only they start a run.
# Clicking them one by one through Playwright waited for each to settle and took 4-5 s per view;
# Streamlit folds clicks that come during a run into one rerun.
_OPEN_EXPANDERS_JS = """() => {
  const app = document.querySelector('[data-testid=stApp]');
  window.__atlasReran = false;
  const seen = new MutationObserver(() => {
    if (app.getAttribute('data-test-script-state') === 'running') { window.__atlasReran = true; seen.disconnect(); }
  });
  seen.observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
  let rerunning = 0;
  for (const summary of (CLOSED_SUMMARIES)()) {
    if (summary.closest('[class*="st-key-table_"]')) rerunning++;
    summary.click();
  }
  if (!rerunning) seen.disconnect();
  return rerunning;
}""".replace("CLOSED_SUMMARIES", _CLOSED_SUMMARIES_JS)


def open_expanders(page) -> None:
    """Open every visible expander ("show as table", "about the data" ...) so what is inside is checked too."""
    if page.evaluate(_OPEN_EXPANDERS_JS):
        try:
            page.wait_for_function("() => window.__atlasReran", timeout=5000, polling="raf")
        except PlaywrightTimeoutError:
            pass  # a run that never began: the check below and axe still see what is drawn
    wait_for_app(page)
    closed = page.evaluate(f"() => ({_CLOSED_SUMMARIES_JS})().map(summary => summary.innerText)")
    assert not closed, f"expanders that did not open: {closed}"


# Every finite animation (a tooltip's or menu's fade) has finished; endless ones (a spinner) do not count.
_ANIMATIONS_DONE_JS = """() => document.getAnimations().every(a => a.playState !== 'running'
  || !a.effect || a.effect.getComputedTiming().endTime === Infinity)"""


def open_download_menu(page) -> None:
    """Open the page's first "Hent" (Download) menu: the browser draws a menu's buttons only while it is open.

    The mouse then rests on the open menu, as a reader's would, not on the menu's button: the button's
    help tooltip appears half a second after the click and fades in, and axe-core caught it half
    transparent once (a contrast of 2.2 under a loaded machine, 2026-12-03).
    """
    menus = page.locator("[data-testid=stMain] [data-testid=stPopover] button")
    if menus.count():
        menus.first.click()
        body = page.locator("[data-testid=stPopoverBody]").first
        body.locator("[data-testid=stDownloadButton]").first.wait_for(timeout=PATIENCE_MS)
        box = body.bounding_box()
        if box:
            page.mouse.move(box["x"] + 3, box["y"] + 3)
    page.wait_for_function(_ANIMATIONS_DONE_JS, timeout=5000, polling="raf")


def report(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        lines += [f"    {node}" for node in v["nodes"]]
    return "\n".join(lines)


def axe_violations(page) -> list[dict]:
    """axe-core's WCAG 2.1 A and AA violations on the page as it is drawn now."""
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    return page.evaluate(RUN_AXE, WCAG_TAGS)


def check_view(page, server_url: str, page_id: str, lang: str, present: bool) -> None:
    """Open one view with its expanders open: the document language, 0 axe violations, no third-party request."""
    urls = record_requests(page)
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(view_url(server_url, page_id, lang, present))
    wait_for_app(page)
    assert page.evaluate("document.documentElement.lang") == lang  # WCAG 3.1.1: the page's language
    open_expanders(page)
    open_download_menu(page)
    violations = axe_violations(page)
    assert not violations, report(violations)
    # fonts, icons and the map's style load after the first paint
    page.wait_for_load_state("networkidle", timeout=PATIENCE_MS)
    assert urls, "the recorder saw no request at all"
    assert not third_party(urls), third_party(urls)
