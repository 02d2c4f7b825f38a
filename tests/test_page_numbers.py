"""AppTest of every page in Danish: numbers as a Danish reader writes them, in words the reader reads.

What a reader sees of a number, per element:
- metrics: their value text;
- tables: a pandas Styler's display text (``lib.i18n.fmt.styled``), which Streamlit sends beside the
  values; a table without one would show Streamlit's own English numbers, so numeric columns must be styled;
- charts: the Vega-Lite spec must carry the Danish number locale (axes and tooltips).
"""

from __future__ import annotations

import json
import re

import pandas as pd
import pyarrow as pa
import pytest

from lib.app.routes import PAGES
from lib.i18n import fmt, t
from tests.conftest import new_app, open_chart_tables

# In a figure: "1,234" (English thousands) or "45.8" (English decimal point). Danish has "1.234" only as
# thousands (a dot followed by exactly three digits and no further digit).
ENGLISH_THOUSANDS = re.compile(r"(?<![\d,.])[1-9]\d{0,2},\d{3}(?!\d)")
ENGLISH_DECIMAL = re.compile(r"\d\.(?!\d{3}(?!\d))\d")


def _shown(element) -> pd.DataFrame | None:
    """The Styler's display text of a table, or None when the table is not styled."""
    styler = element.proto.arrow_data.styler
    if not styler.display_values:
        return None
    return pa.ipc.open_stream(styler.display_values).read_all().to_pandas()


def _display_frames(at) -> list[pd.DataFrame]:
    """What each table on the page shows: the Styler's display text, or the raw values when unstyled."""
    return [element.value if _shown(element) is None else _shown(element) for element in at.dataframe]


def _misformatted_cells(at, lang: str) -> list[tuple]:
    """Numbers in styled tables that are not written as ``fmt.number`` writes them in ``lang``."""
    bad = []
    for element in at.dataframe:
        shown = _shown(element)
        if shown is None:
            continue
        values = element.value
        for i, col in enumerate(values.columns):
            series = values[col]
            if pd.api.types.is_bool_dtype(series) or not pd.api.types.is_numeric_dtype(series):
                continue
            for value, text in zip(series.tolist(), shown.iloc[:, i].tolist(), strict=True):
                if pd.isna(value):
                    continue
                ok = {fmt.number(value, lang, d) for d in range(4)} | {str(int(value))}
                if text not in ok:
                    bad.append((col, value, text))
    return bad


def _numeric_unstyled(at) -> list[str]:
    """Columns of unstyled tables that hold non-integer numbers or numbers of 1,000 and more."""
    bad = []
    for element in at.dataframe:
        if element.proto.arrow_data.styler.display_values:
            continue
        frame = element.value
        for col in frame.columns:
            series = frame[col]
            if pd.api.types.is_bool_dtype(series) or not pd.api.types.is_numeric_dtype(series):
                continue
            values = series.dropna().astype(float)
            if pd.api.types.is_integer_dtype(series) and values.between(1900, 2100).all():
                continue  # years: written without separators in both languages
            if ((values % 1) != 0).any() or (values.abs() >= 1000).any():
                bad.append(str(col))
    return bad


def _english_numbers(texts) -> list[str]:
    return [s for s in texts if ENGLISH_THOUSANDS.search(s) or ENGLISH_DECIMAL.search(s)]


def _open(db_url, monkeypatch, page_id: str, lang: str = "da"):
    at = new_app(db_url, monkeypatch, {"lang": lang} if lang != "da" else None)
    at.run()
    if page_id != "overview":
        at.switch_page(PAGES[page_id].file).run()
    assert not at.exception, at.exception
    open_chart_tables(at)  # every "show as table" view as well
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("page_id", list(PAGES))
def test_danish_page_writes_numbers_the_danish_way(seeded_db_url, monkeypatch, page_id):
    at = _open(seeded_db_url, monkeypatch, page_id)
    metrics = [str(m.value) for m in at.metric]
    assert not _english_numbers(metrics), metrics
    assert not _misformatted_cells(at, "da"), _misformatted_cells(at, "da")[:10]
    assert not _numeric_unstyled(at), f"tables whose numbers Streamlit would write in English: {_numeric_unstyled(at)}"
    for chart in at.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        assert spec.get("config", {}).get("locale", {}).get("number", {}).get("decimal") == ",", spec.get("config")
        assert spec.get("description"), "every chart has a text description (its aria-label)"


def test_overview_in_both_languages(seeded_db_url, monkeypatch):
    da = _open(seeded_db_url, monkeypatch, "overview")
    en = _open(seeded_db_url, monkeypatch, "overview", "en")
    responses_da, responses_en = da.metric[-1].value, en.metric[-1].value
    n = int(re.sub(r"\D", "", responses_da))
    assert n >= 1000  # the sample has thousands of responses: the separator is visible
    assert responses_da == f"{n:,}".replace(",", ".") and responses_en == f"{n:,}"


def test_chart_tables_have_headers_in_the_readers_language(seeded_db_url, monkeypatch):
    at = _open(seeded_db_url, monkeypatch, "compare")
    internal = {"item", "kind", "group", "n", "k", "share_pct", "lo_pct", "hi_pct", "suppressed", "advantage"}
    for frame in _display_frames(at):
        assert not internal & {str(c) for c in frame.columns}, list(frame.columns)
        for col in frame.columns:
            assert not {"True", "False", "advantage", "drawback"} & {str(v) for v in frame[col].dropna()}, col


def test_one_type_selected_says_no_test_is_possible(seeded_db_url, monkeypatch):
    at = new_app(seeded_db_url, monkeypatch, {"type": "library"})
    at.run()
    at.switch_page(PAGES["compare"].file).run()
    assert not at.exception, at.exception
    captions = [c.value for c in at.caption]
    assert not any("0 af 0" in c for c in captions)
    assert any(t("compare.test_note_none") in c for c in captions)


@pytest.mark.parametrize(("lang", "one"), [("da", "(1 center i udvalget)"), ("en", "(1 centre in the selection)")])
def test_one_is_singular(seeded_db_url, monkeypatch, lang, one):
    query = {"region": "Nordjylland", "type": "association"}  # one association-based centre in the sample
    at = new_app(seeded_db_url, monkeypatch, {**query, **({"lang": lang} if lang != "da" else {})})
    at.run()
    at.switch_page(PAGES["compare"].file).run()
    assert not at.exception, at.exception
    assert any(one in c.value for c in at.caption), [c.value for c in at.caption]


def test_no_internal_paths_or_ids_on_reader_pages(seeded_db_url, monkeypatch):
    for page_id in ("overview", "map", "network", "data"):
        at = _open(seeded_db_url, monkeypatch, page_id)
        texts = [str(e.value) for e in (*at.markdown, *at.caption, *at.info, *at.sidebar.caption)]
        for frame in _display_frames(at):
            texts += [str(v) for col in frame.columns for v in frame[col].dropna().tolist()]
        joined = "\n".join(texts)
        for needle in ("generate_sample", "README", ".py", "npm", "ATLAS_", "python -m"):
            assert needle not in joined, (page_id, needle)
        assert not re.search(r"\(ACT\d+\)", joined), page_id


def test_overview_with_an_empty_filter_combination_shows_an_empty_state(seeded_db_url, monkeypatch):
    at = new_app(seeded_db_url, monkeypatch, {"region": "Nordjylland", "status": "omdannelse"})
    at.run()
    assert not at.exception, at.exception
    assert any(t("notice.empty") in i.value for i in at.info)
    for chart in at.get("vega_lite_chart"):  # no chart of nothing (the "0.000000" axis)
        spec = json.loads(chart.proto.spec)
        assert spec.get("datasets") or spec.get("data"), spec
