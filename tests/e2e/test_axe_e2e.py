"""Accessibility in headless Chromium: axe-core's WCAG 2.1 A and AA rules on every page, both languages,
also in presentation mode; ``<html lang>`` follows the language; every control can be reached by keyboard.

axe-core comes from npm (package.json; ``.ci/run`` and ``make test`` run ``npm ci``). Each page is checked
with its expanders ("show as table", "about the data" ...) opened, so the tables behind the charts are
checked too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lib.app.routes import PAGES
from tests.e2e.conftest import wait_for_app

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
if not AXE.exists():
    pytest.skip(
        f"axe-core is not installed ({AXE} missing): run `npm ci` in the project folder", allow_module_level=True
    )

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' -> ' + (n.failureSummary || '').replace(/\\s+/g, ' '))
  }));
}"""
VIEWS = [(page_id, lang, present) for present in (False, True) for lang in ("da", "en") for page_id in PAGES]


def _url(server_url: str, page_id: str, lang: str, present: bool) -> str:
    query = [f"lang={lang}"] + (["present=1"] if present else [])
    return f"{server_url}/{PAGES[page_id].path}?{'&'.join(query)}"


def _open_expanders(page) -> None:
    for summary in page.locator("[data-testid=stExpander] summary").all():
        try:
            if summary.is_visible():
                summary.click()
                page.wait_for_timeout(150)
        except Exception:  # noqa: BLE001 - an expander that moved while others opened: skip it
            continue
    wait_for_app(page)  # "show as table" draws its table in the rerun that opening it starts
    page.wait_for_timeout(800)


def _report(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        lines += [f"    {node}" for node in v["nodes"]]
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("page_id", "lang", "present"), VIEWS, ids=[f"{p}-{lang}{'-present' if pr else ''}" for p, lang, pr in VIEWS]
)
def test_no_wcag_violations(page, seeded_server_url, page_id, lang, present):
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(_url(seeded_server_url, page_id, lang, present))
    wait_for_app(page)
    page.wait_for_timeout(700)
    assert page.evaluate("document.documentElement.lang") == lang  # WCAG 3.1.1: the page's language
    _open_expanders(page)
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    violations = page.evaluate(RUN_AXE, WCAG_TAGS)
    assert not violations, _report(violations)


def test_language_switch_changes_the_document_language(page, seeded_server_url):
    page.goto(seeded_server_url + "/?lang=da")
    wait_for_app(page)
    assert page.evaluate("document.documentElement.lang") == "da"
    page.get_by_test_id("stSidebar").get_by_role("radio", name="English").click()
    page.wait_for_function("() => document.documentElement.lang === 'en'", timeout=20000)


def test_charts_have_a_text_alternative(page, seeded_server_url):
    page.goto(seeded_server_url + "/compare?lang=da")
    wait_for_app(page)
    page.wait_for_selector("[data-testid=stVegaLiteChart]", timeout=30000)
    labels = page.eval_on_selector_all(
        "[data-testid=stVegaLiteChart]", "els => els.map(e => e.getAttribute('aria-label') || '')"
    )
    assert labels and all(labels), labels
    # and each chart's table behind a "show as table" expander
    assert page.get_by_text("Vis som tabel").count() >= len(labels)


@pytest.mark.parametrize("page_id", ["overview", "compare", "areas", "network", "present"])
def test_every_control_is_reached_by_the_tab_key(page, seeded_server_url, page_id):
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(_url(seeded_server_url, page_id, "da", False))
    wait_for_app(page)
    page.wait_for_timeout(700)
    # Mark every visible control, then walk the page with Tab and record which marks get focus. Controls
    # that are one stop of a composite widget count as reached when their widget is: the options of a
    # segmented control (one Tab stop, arrow keys between options, as ARIA radio groups work), the +/- of
    # a number field (arrow keys in the field) and the "open" arrow of a select (arrow down in its box).
    # Streamlit's hover toolbar of a table (search, fullscreen, its own CSV) is left out: every table's
    # CSV/XLSX is also offered as an ordinary button (README, "Accessibility").
    total = page.evaluate(
        """() => {
      const sel = 'button, a[href], summary, input, select, textarea, [role=tab], [role=combobox], [role=slider]';
      let i = 0;
      for (const el of document.querySelectorAll(sel)) {
        const r = el.getBoundingClientRect(), cs = getComputedStyle(el);
        if (r.width === 0 || r.height === 0 || cs.visibility === 'hidden' || el.disabled) continue;
        if (el.closest('[aria-hidden=true], [data-testid=stElementToolbar]')) continue;
        const widget = el.getAttribute('tabindex') === '-1' || el.getAttribute('role') === 'radio'
          ? el.closest('[role=radiogroup], [data-testid=stNumberInput], [data-testid=stMultiSelect], '
                       + '[data-testid=stSelectbox], [data-baseweb=select]') : null;
        el.setAttribute('data-kb', String(i++));
        if (widget) widget.setAttribute('data-kb-widget', '1');
      }
      window.__kbSeen = new Set();
      window.__kbWidgets = new Set();
      document.addEventListener('focusin', e => {
        const m = e.target.closest('[data-kb]');
        if (m) window.__kbSeen.add(m.getAttribute('data-kb'));
        const w = e.target.closest('[data-kb-widget]');
        if (w) window.__kbWidgets.add(w);
      }, true);
      return i;
    }"""
    )
    assert total > 5
    page.evaluate("() => { if (document.activeElement) document.activeElement.blur(); window.focus(); }")
    for _ in range(total * 3 + 40):
        page.keyboard.press("Tab")
    missed = page.evaluate(
        """() => [...document.querySelectorAll('[data-kb]')]
        .filter(el => !window.__kbSeen.has(el.getAttribute('data-kb')))
        .filter(el => { const w = el.closest('[data-kb-widget]'); return !(w && window.__kbWidgets.has(w)); })
        .map(el => el.tagName + ' ' + (el.getAttribute('aria-label') || el.innerText || el.name || '').slice(0, 60))"""
    )
    assert not missed, f"{len(missed)} of {total} controls never got keyboard focus: {missed[:15]}"


@pytest.mark.parametrize(("lang", "label"), [("da", "Vælg fil"), ("en", "Choose file")])
def test_the_uploader_speaks_the_readers_language(page, seeded_server_url, lang, label):
    page.goto(f"{seeded_server_url}/map?lang={lang}")
    wait_for_app(page)
    _open_expanders(page)
    zone = page.get_by_test_id("stFileUploaderDropzone").first
    zone.wait_for(timeout=20000)
    page.wait_for_function(
        "label => [...document.querySelectorAll('[data-testid=stFileUploaderDropzone] button p')]"
        ".every(p => p.textContent === label)",
        arg=label,
        timeout=20000,
    )
    assert zone.get_by_role("button", name=label).is_visible()
    assert not page.get_by_text("Drag and drop").is_visible() and not page.get_by_text("per file").is_visible()
    # Streamlit's "Select all" is switched off in the filters
    page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").first.click()
    page.wait_for_selector("[role=listbox]", timeout=10000)
    assert page.get_by_role("option", name="Select all").count() == 0
