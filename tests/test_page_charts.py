"""Every chart a page draws is a valid Vega-Lite spec, and exports work past Altair's 5,000-row limit.

``app.chart_block`` skips Altair's schema check when Streamlit draws a chart (it costs
30-40 ms per chart on every rerun), so the check happens here, once per page.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from lib.app import blocks, state
from lib.app.routes import PAGES
from lib.data import export

PAGES_WITH_CHARTS = [page for page in PAGES if page not in ("data", "present")]


@pytest.mark.parametrize("page", PAGES_WITH_CHARTS)
def test_every_recorded_chart_validates(app, page):
    if page != "overview":
        app.switch_page(PAGES[page].file).run()
    assert not app.exception, app.exception
    records = app.session_state[state.K_CHARTS].get(page, {})
    assert records, f"{page} recorded no chart"
    for key, record in records.items():
        spec = record.chart.to_dict()  # validate=True: raises on a spec the browser could not draw
        assert "$schema" in spec, key


def test_displayed_copy_skips_validation_but_draws_the_same_spec():
    chart = alt.Chart(pd.DataFrame({"x": [1, 2]})).mark_bar().encode(x="x:Q")
    fast = blocks._unvalidated(chart)
    assert fast.to_dict() == chart.to_dict()
    broken = alt.Chart(pd.DataFrame({"x": [1]})).mark_bar().encode(x=alt.X("x:Q", bin="no such thing"))
    with pytest.raises(Exception):  # noqa: B017 - Altair raises its own SchemaValidationError
        broken.to_dict()
    blocks._unvalidated(broken).to_dict()  # the shortcut really skips the check
    with pytest.raises(Exception):  # noqa: B017
        broken.to_dict()  # and leaves the original untouched


def test_export_of_a_chart_with_more_than_5000_rows():
    frame = pd.DataFrame({"x": range(12_000), "y": [i % 7 for i in range(12_000)]})
    chart = alt.Chart(frame).mark_circle().encode(x="x:Q", y="y:Q")
    assert export.chart_svg(chart, "12 000 punkter", ["test"]).startswith(b"<svg")


def _axis_config(at) -> list[dict]:
    import json

    return [json.loads(chart.proto.spec).get("config", {}).get("axis", {}) for chart in at.get("vega_lite_chart")]


def test_presentation_mode_draws_chart_text_for_the_room(seeded_db_url, monkeypatch):
    from tests.conftest import new_app

    normal = new_app(seeded_db_url, monkeypatch).run()
    big = new_app(seeded_db_url, monkeypatch, {"present": "1"}).run()
    assert not normal.exception and not big.exception
    assert all(axis.get("labelFontSize", 0) < 15 for axis in _axis_config(normal))
    sizes = _axis_config(big)
    assert sizes and all(axis["labelFontSize"] >= 15 and axis["titleFontSize"] >= 16 for axis in sizes)


def test_presentation_spec_keeps_larger_sizes_and_is_valid_config():
    spec = {"mark": "bar", "config": {"axis": {"labelFontSize": 22, "labelLimit": 300}, "view": {"stroke": None}}}
    big = blocks.presentation_spec(spec)
    assert big["config"]["axis"] == {"labelFontSize": 22, "labelLimit": 300, "titleFontSize": 16}
    assert big["config"]["legend"]["labelFontSize"] == 15 and big["config"]["title"]["fontSize"] == 20
    assert spec["config"]["axis"] == {"labelFontSize": 22, "labelLimit": 300}  # the shared spec is not touched
    alt.Config.from_dict(big["config"])  # validates against the Vega-Lite schema
