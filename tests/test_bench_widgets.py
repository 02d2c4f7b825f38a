"""The widgets the benchmarks drive exist on the app's pages, with the kind the benchmark asks for.

The benchmarks are not part of the suite (they take half an hour). A page that renamed a widget's
key or changed its kind (a slider became a select_slider for its decimal comma) left ``bench_map``
failing with ``KeyError: 'w_gap_km'`` at the end of a full ``make bench``; this catches it here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lib.app.routes import PAGES
from tests.conftest import new_app

BENCH = Path(__file__).resolve().parents[1] / "bench"
# `at.<kind>(key="w_...")` and `at.<kind>(key=NAME)` where NAME = "w_..." in the same file
CALL = re.compile(r"\bat\.(\w+)\(key=(?:\"(w_\w+)\"|([A-Z_]+))\)")


def _driven_widgets() -> set[tuple[str, str]]:
    found = set()
    for path in sorted(BENCH.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        for kind, key, constant in CALL.findall(text):
            if constant:
                key = re.search(rf"^{constant}\s*=\s*\"(w_\w+)\"", text, re.M).group(1)
            found.add((kind, key))
    return found


DRIVEN = sorted(_driven_widgets())


def test_the_benchmarks_name_widgets_at_all():
    assert ("multiselect", "w_filter_regions") in DRIVEN and len(DRIVEN) >= 5


@pytest.fixture(scope="module")
def page_apps(seeded_db_url):
    monkeypatch = pytest.MonkeyPatch()
    apps = []
    for page in PAGES.values():
        at = new_app(seeded_db_url, monkeypatch)
        at.run()
        if page.file != "dashboard.py":
            at.switch_page(page.file).run()
        assert not at.exception, (page.file, at.exception)
        apps.append(at)
    yield apps
    monkeypatch.undo()


@pytest.mark.parametrize(("kind", "key"), DRIVEN, ids=[f"{k}:{w}" for k, w in DRIVEN])
def test_a_widget_the_benchmarks_drive_is_on_a_page(page_apps, kind, key):
    def present(at) -> bool:
        try:
            getattr(at, kind)(key=key)
        except KeyError:
            return False
        return True

    assert any(present(at) for at in page_apps), f"no page has a {kind} with key {key!r} (bench/ drives it)"
