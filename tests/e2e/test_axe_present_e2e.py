"""The same checks in presentation mode (every page, both languages), and every control reached by the Tab key.

Split from test_axe_e2e.py so the two halves run in parallel (``make test`` gives each file to one worker).
"""

from __future__ import annotations

import pytest

from tests.e2e.conftest import wait_for_app
from tests.e2e.pageviews import check_view, each_view, require_axe, view_url

require_axe()


@each_view(present=True)
def test_no_wcag_violations_and_no_third_party_request(page, seeded_server_url, page_id, lang, present):
    check_view(page, seeded_server_url, page_id, lang, present)


@pytest.mark.parametrize("page_id", ["overview", "compare", "areas", "network", "present"])
def test_every_control_is_reached_by_the_tab_key(page, seeded_server_url, page_id):
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(view_url(seeded_server_url, page_id, "da", False))
    wait_for_app(page)
    page.wait_for_timeout(700)
    # Mark every visible control, then walk the page with Tab and record which marks get focus. Controls
    # that are one stop of a composite widget count as reached when their widget is: the options of a
    # segmented control (one Tab stop, arrow keys between options, as ARIA radio groups work), the +/- of
    # a number field (arrow keys in the field) and the "open" arrow of a select (arrow down in its box).
    # Streamlit's hover toolbar of a table (search, fullscreen, its own CSV) is left out: every table's
    # CSV/XLSX is also offered under the table's own "Hent" (Download) button (README, "Accessibility").
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
    missed_js = """() => [...document.querySelectorAll('[data-kb]')]
        .filter(el => !window.__kbSeen.has(el.getAttribute('data-kb')))
        .filter(el => { const w = el.closest('[data-kb-widget]'); return !(w && window.__kbWidgets.has(w)); })
        .map(el => el.tagName + ' ' + (el.getAttribute('aria-label') || el.innerText || el.name || '').slice(0, 60))"""
    # Up to three laps of the page; the walk stops once every control has had focus (one lap and a bit).
    for presses in range(1, total * 3 + 41):
        page.keyboard.press("Tab")
        if presses % 20 == 0 and not page.evaluate(missed_js):
            break
    missed = page.evaluate(missed_js)
    assert not missed, f"{len(missed)} of {total} controls never got keyboard focus: {missed[:15]}"
