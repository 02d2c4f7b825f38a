"""The one number formatter (lib/i18n/fmt.py) and the number and plural placeholders of the catalogue."""

from __future__ import annotations

import re
import sys

import altair as alt
import numpy as np
import pandas as pd
import pytest

from lib.i18n import catalogue, fmt, t

NBSP = fmt.NBSP


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "expected"),
    [
        (6266, "da", 0, "6.266"),
        (6266, "en", 0, "6,266"),
        (1234567.891, "da", 1, "1.234.567,9"),
        (1234567.891, "en", 1, "1,234,567.9"),
        (45.83, "da", 1, "45,8"),
        (2.0, "da", 2, "2,00"),
        (-1234.5, "da", 1, "-1.234,5"),
        (0, "en", 0, "0"),
        (np.int64(4915), "da", 0, "4.915"),
        (np.float64(0.125), "da", 3, "0,125"),
        (None, "da", 0, "–"),
        (float("nan"), "en", 1, "–"),
        (pd.NA, "da", 0, "–"),
    ],
)
def test_number(value, lang, decimals, expected):
    assert fmt.number(value, lang, decimals) == expected


def test_trimmed_and_signed_numbers():
    assert fmt.number(2.70, "da", 2, trim=True) == "2,7" and fmt.number(40.0, "en", 2, trim=True) == "40"
    assert [fmt.signed(v, "da", 1) for v in (1.5, -2.25, 0.0, -0.01)] == ["+1,5", "-2,3", "0,0", "0,0"]
    assert fmt.signed(1234, "en") == "+1,234"


def test_percentages_and_distances():
    assert fmt.percent(45.8, "da") == f"45,8{NBSP}%"
    assert fmt.percent(45.8, "en") == "45.8%"
    assert fmt.percent(0.5, "da", 0, fraction=True) == f"50{NBSP}%"
    assert fmt.percent_range(0.12, 0.345, "da", 0, fraction=True) == f"12–35{NBSP}%"  # half rounds up
    assert fmt.percent(12.5, "en", 0) == "13%" and fmt.number(-2.5, "da") == "-3"
    assert fmt.percent_range(12, 34.5, "en", 1) == "12.0–34.5%"
    assert fmt.number_range(3.125, 3.5, "da", 2) == "3,13–3,50"
    assert fmt.km(2, "da") == f"2,0{NBSP}km" and fmt.km(12.25, "en") == f"12.3{NBSP}km"


def test_bulk_numbers_equal_the_single_ones():
    rng = np.random.default_rng(5)
    values = [*rng.normal(0, 50_000, 300).round(3).tolist(), 0.0, -0.5, 1e6, float("nan")]
    for lang in ("da", "en"):
        for decimals in (0, 1, 2):
            assert fmt.numbers(values, lang, decimals) == [fmt.number(v, lang, decimals) for v in values]


@pytest.mark.parametrize(
    ("n", "lang", "one", "other", "expected"),
    [
        (0, "da", "område", "områder", "0 områder"),
        (1, "da", "område", "områder", "1 område"),
        (2, "da", "område", "områder", "2 områder"),
        (1, "da", "problem", "problemer", "1 problem"),
        (1, "da", "polygon", "polygoner", "1 polygon"),
        (1000, "da", "svar", "svar", "1.000 svar"),
        (1, "en", "area", "areas", "1 area"),
        (1.0, "en", "area", "areas", "1 area"),
        (21, "en", "area", "areas", "21 areas"),
        (-1, "da", "grad", "grader", "-1 grad"),
    ],
)
def test_plural(n, lang, one, other, expected):
    assert fmt.plural(n, one, other, lang) == expected


def test_catalogue_placeholders_format_numbers_and_word_forms(monkeypatch):
    entries = dict(catalogue())
    entries["test.count"] = {
        "da": "{n:num} {n:område|områder} og {p:pct1}, {x:num2}, {d:+num}, {k:km}; år {year}",
        "en": "{n:num} {n:area|areas} and {p:pct1}, {x:num2}, {d:+num}, {k:km}; year {year}",
    }
    monkeypatch.setattr(sys.modules["lib.i18n.catalogue"], "catalogue", lambda: entries)
    args = {"p": 45.83, "x": 0.5, "d": 3, "k": 2.5, "year": 2024}
    assert t("test.count", "da", n=1, **args) == f"1 område og 45,8{NBSP}%, 0,50, +3, 2,5{NBSP}km; år 2024"
    assert t("test.count", "da", n=1234, **args).startswith("1.234 områder")
    assert t("test.count", "en", n=1, **args) == f"1 area and 45.8%, 0.50, +3, 2.5{NBSP}km; year 2024"
    # a value the caller already wrote out passes through unchanged; a wrong placeholder never crashes
    assert t("test.count", "en", n=2, **{**args, "p": "12 %"}).startswith("2 areas and 12 %")
    assert t("test.count", "en", n=2) == entries["test.count"]["en"]


def test_the_texts_that_count_say_one_in_the_singular():
    for key, n, lang, fragment in [
        ("compare.comments_count", 1, "da", "1 kommentar fundet"),
        ("compare.comments_count", 1, "en", "1 comment found"),
        ("map.upload.ok", 1, "da", "1 polygon læst"),
        ("store.invalid_frame", 1, "da", "(1 problem)"),
        ("data.problems", 1, "da", "1 problem fundet"),
        ("network.blind_count", 1, "en", "1 actor:"),
    ]:
        if key not in catalogue():
            pytest.skip(f"{key} not in the catalogue")
        text = t(key, lang, n=n, shown=300, no_path=0, far=1, crs="x", id="x", name="x", table="x")
        assert fragment in text, (key, text)


def test_no_text_hands_a_count_to_the_reader_without_a_number_format():
    # A count placeholder ({n}, {total}, ...) without ":num" would print 1234 instead of 1.234.
    counts = {"n", "total", "shown", "n_differ", "n_tested", "min_n", "changed", "n_actors", "n_ties", "dropped"}
    raw = []
    for key, entry in catalogue().items():
        for lang in ("da", "en"):
            raw += [(key, name) for name in re.findall(r"{(\w+)}", entry[lang]) if name in counts]
    allowed = {"areas.col.n_met", "areas.history.too_short", "areas.history.gap", "criteria.requires.streak"}
    offenders = sorted({k for k, _ in raw if k.split(".")[0] in {"compare", "network", "map", "present"}} - allowed)
    assert not offenders, offenders


def test_styled_tables_show_the_language_and_keep_the_numbers():
    frame = pd.DataFrame(
        {"Område": ["A", "B"], "Beboere": [4915, 1200], "Andel": [45.83, 7.5], "År": [2024, 2025], "Ok": [True, False]}
    )
    html = fmt.styled(frame, "da").to_html()
    for text in ("4.915", "45,83", "7,50", ">2024<", "Ja", "Nej"):
        assert text in html, text
    assert "4,915" not in html and "2.024" not in html
    assert fmt.styled(frame, "en", decimals={"Andel": 1}).to_html().count("45.8") == 1
    shown = fmt.table_text(frame, "en")
    assert shown["Beboere"].tolist() == ["4,915", "1,200"] and shown["Ok"].tolist() == ["Yes", "No"]
    words = fmt.words_for_booleans(frame, "da")
    assert words["Ok"].tolist() == ["Ja", "Nej"] and words["Beboere"].dtype == frame["Beboere"].dtype


def test_column_decimals_and_steps():
    assert fmt.column_decimals(pd.Series([1.0, 2.5, np.nan])) == 1
    assert fmt.column_decimals(pd.Series([0.1234567])) == 3
    assert fmt.steps(0.5, 2, 0.5) == [0.5, 1.0, 1.5, 2.0]
    assert 0.3 in fmt.steps(-2, 2, 0.1) and 0.0 in fmt.steps(-2, 2, 0.1)


def test_charts_get_the_danish_number_locale_in_exports():
    import vl_convert as vlc

    chart = alt.Chart(pd.DataFrame({"n": [1500, 2500]})).mark_bar().encode(x=alt.X("n:Q", axis=alt.Axis(format=",d")))
    spec = fmt.localize_spec(chart.to_dict(), "da", "Antal")
    assert spec["description"] == "Antal" and "locale" not in chart.to_dict().get("config", {})
    svg = vlc.vegalite_to_svg(spec)
    labels = re.findall(r">([\d.,]+)<", svg)
    assert "1.000" in labels and "2.500" in labels or "2.000" in labels
    assert not any("," in label for label in labels)
    share = alt.Chart(pd.DataFrame({"s": [0.25]})).mark_bar().encode(x=alt.X("s:Q", axis=alt.Axis(format=".0%")))
    assert f"25{NBSP}%" in vlc.vegalite_to_svg(fmt.localize_spec(share.to_dict(), "da"))


def test_for_display_styles_only_what_streamlit_would_write_differently():
    text_only = pd.DataFrame({"Navn": ["A"], "År": [2024], "Antal": [12], "Ok": [True]})
    assert fmt.for_display(text_only, "da") is text_only  # nothing to change: no Styler cost on the rerun
    small = pd.DataFrame({"Navn": ["A", "B"], "Beboere": [4915, 20]})
    assert "4.915" in fmt.for_display(small, "da").to_html()
    n = fmt.STYLE_MAX_CELLS  # a large table: its numbers as text, once per frame
    big = pd.DataFrame({"Navn": ["x"] * n, "Andel": np.linspace(0, 1, n)})
    shown = fmt.for_display(big, "da")
    assert isinstance(shown, pd.DataFrame) and shown["Andel"].iloc[-1] == "1,000" and shown["Navn"].iloc[0] == "x"
    assert fmt.for_display(big, "da") is shown and fmt.for_display(big, "en")["Andel"].iloc[-1] == "1.000"


def test_for_display_is_made_once_per_frame_and_language():
    small = pd.DataFrame({"Beboere": [4915, 120]})
    first = fmt.for_display(small, "da")
    assert fmt.for_display(small, "da") is first  # a page's memo result is drawn again on every rerun
    assert fmt.for_display(small, "en") is not first and "4,915" in fmt.for_display(small, "en").to_html()
    assert fmt.for_display(small.copy(), "da") is not first  # another frame, even an equal one, is its own


def _drawn(styler) -> bytes:
    """What Streamlit sends for ``styler``: its ArrowData proto (styles and display values)."""
    from streamlit.elements.lib.pandas_styler_utils import marshall_styler
    from streamlit.proto.ArrowData_pb2 import ArrowData

    proto = ArrowData()
    marshall_styler(proto, styler, "table")
    return proto.SerializeToString()


def test_a_finished_styler_works_out_its_cells_once_and_draws_the_same_every_time():
    from concurrent.futures import ThreadPoolExecutor

    frame = pd.DataFrame({"Navn": list("abcdef"), "Andel": [1.25, 40.5, 7.0, 1234.5, np.nan, 3.0]})
    calls = []

    def colours(column):
        calls.append(1)
        return ["background-color: #FAD7B5" if v > 5 else "" for v in column]

    def made():
        return (
            fmt.styled(frame, "da").apply(colours, subset=["Andel"], axis=0).set_uuid("t")
        )  # pandas picks one at random

    expected = _drawn(made())
    calls.clear()
    once = fmt.rendered_once(made())
    with ThreadPoolExecutor(8) as pool:  # sessions drawing the shared Styler at the same moment
        drawn = list(pool.map(lambda _: _drawn(once), range(16)))
    assert set(drawn) == {expected} and len(calls) == 1
    assert "1.234,5" in once.to_html()  # pandas' own rendering (of a copy) still works
    assert type(once) is type(frame.style)  # Streamlit recognises a Styler by its exact type


def test_cached_number_texts_keep_types_apart():
    assert fmt.number(1, "da", None) == "1" and fmt.number(True, "da", None) == fmt.number(1, "da", None)
    assert fmt.number(2.5, "da", 0) == "3" and fmt.number(2.5, "da", 1) == "2,5"
    assert fmt.signed(0.05, "da", 1) == "+0,1" and fmt.signed(-0.04, "en", 1) == "0.0"
