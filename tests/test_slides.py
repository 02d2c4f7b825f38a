"""Slide decks: one legible chart per 16:9 slide (text >= 18 pt), a short footer, notes with the method,
the page's choices on the slide, and a vector PDF with selectable text."""

from __future__ import annotations

import io
import re

import altair as alt
import pandas as pd
import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu
from pypdf import PdfReader

from lib.i18n import t
from lib.views import slides

HOSTILE = "<script>alert('x')</script> & Søn"


@pytest.fixture(scope="module")
def views(sample_tables):
    """Three views from the bundled sample: one chart, two charts (one a plain spec), and none."""
    centres = sample_tables["centres"]
    per_type = centres["centre_type"].value_counts().rename_axis("Type").reset_index(name="Antal")
    bar = alt.Chart(per_type).mark_bar().encode(y="Type:N", x="Antal:Q").properties(width="container", height=220)
    per_region = centres["region"].value_counts().rename_axis("Region").reset_index(name="Centre")
    region_bar = alt.Chart(per_region).mark_bar().encode(x="Region:N", y="Centre:Q").properties(height=220)
    spec = {  # a plain Vega-Lite dict also works
        "data": {"values": [{"a": "x", "b": 1}, {"a": "y", "b": 3}]},
        "mark": "point",
        "encoding": {"x": {"field": "a", "type": "nominal"}, "y": {"field": "b", "type": "quantitative"}},
    }
    return [
        slides.SlideView(
            "Overblik",
            [slides.SlideChart("Centre pr. type", bar, per_type, "Tal fra **eksempeldata**")],
            "Ingen filtre: hele landet",
            "Centre v1",
            "http://localhost:8616/?lang=da",
            "Overblik",
            method="Antal centre pr. type efter filtrene.",
            data_date="1.12.2026",
        ),
        slides.SlideView(
            "Sammenlign typer",
            [slides.SlideChart("Centre pr. region", region_bar, per_region), slides.SlideChart("Punkter", spec)],
            f"Kommune: {HOSTILE}",
            "Centre v1",
            "",
            "Sammenlign typer",
            choices=["Fokus på én type: Biblioteksbaseret"],
            scenario=["Uden for arbejdsmarked/uddannelse (procentpoint): +5,0"],
        ),
        slides.SlideView("Kort", [], "Region: Sjælland", "Centre v1", "", "Kort"),
    ]


INFO = slides.DeckInfo(lang="da", is_sample=True, provenance="Kilde: eksempeldata", date_text="26.11.2026")


@pytest.fixture(scope="module")
def deck(views):
    return Presentation(io.BytesIO(slides.build_pptx(views, INFO)))


@pytest.fixture(scope="module")
def pdf(views):
    return slides.build_pdf(views, INFO)


def _texts(slide) -> str:
    """The slide's text, lines joined (text boxes hold lines wrapped for the slide)."""
    return " ".join(" ".join(s.text_frame.text.split()) for s in slide.shapes if s.has_text_frame)


def _pictures(slide) -> list:
    return [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]


def test_deck_is_16_9_with_a_title_slide_and_one_slide_per_chart(deck, views):
    assert abs(deck.slide_width / deck.slide_height - 16 / 9) < 0.01
    assert len(deck.slides) == 1 + 1 + 2 + 1  # title, 1 chart, 2 charts, a view without charts
    assert "Medborgercenter-atlas" in _texts(deck.slides[0])
    assert t("present.slide.sample_notice", "da") in _texts(deck.slides[0])


def test_each_chart_is_a_picture_inside_its_slide(deck):
    for slide in list(deck.slides)[1:4]:
        pictures = _pictures(slide)
        assert len(pictures) == 1
        pic = pictures[0]
        assert pic.image.content_type == "image/png"
        assert pic.image.size[0] > 800  # drawn at 2 px per point, not a thumbnail
        assert 0 <= pic.left and pic.left + pic.width <= deck.slide_width
        assert 0 <= pic.top and pic.top + pic.height <= deck.slide_height + Emu(1)
    assert not _pictures(deck.slides[4])
    assert t("present.slide.no_chart", "da") in _texts(deck.slides[4])


def test_chart_text_is_at_least_18_pt_on_the_slide(views):
    sizes = slides.chart_text_sizes(views, INFO)
    assert len(sizes) == 3
    assert all(size is not None and size >= slides.MIN_PT for _, size in sizes), sizes


def test_a_crowded_concatenated_chart_keeps_18_pt_text():
    rows = [
        {"item": f"Punkt nummer {i} med en lang tekst", "share": 3.0 * i, "kind": k} for i in range(12) for k in "ab"
    ]
    panel = alt.Chart(pd.DataFrame(rows)).mark_bar().encode(y="item:N", x="share:Q").properties(width=420)
    chart = alt.hconcat(panel.transform_filter("datum.kind == 'a'"), panel.transform_filter("datum.kind == 'b'"))
    view = slides.SlideView("Sammenlign", [slides.SlideChart("Fordele og ulemper", chart)], "Ingen filtre")
    sizes = slides.chart_text_sizes([view], INFO)
    assert len(sizes) == 2  # two panels with their own long labels: one slide each
    assert all(size >= slides.MIN_PT for _, size in sizes), sizes
    small_multiples = alt.hconcat(panel, panel.encode(y=alt.Y("item:N", axis=alt.Axis(labels=False))))
    assert len(slides.split_chart(slides.SlideChart("x", small_multiples))) == 1


def test_titles_choices_scenario_and_a_short_footer(deck):
    first = _texts(deck.slides[1])
    assert "Centre pr. type" in first  # the chart's title names the slide
    assert "Ingen filtre: hele landet" in first and "Filtre: Ingen" not in first  # it says so itself
    assert "Tal fra eksempeldata" in first  # the chart's own caption, without Markdown
    footer = next(s.text_frame.text for s in deck.slides[1].shapes if s.name == "Footer")
    assert footer == "Kilde: Medborgercenter-atlas · data pr. 1.12.2026 · Illustrative eksempeldata"
    second = _texts(deck.slides[2])
    assert "SAMMENLIGN TYPER · 1/2" in second
    assert "Fokus på én type: Biblioteksbaseret" in second
    assert "Scenarie: Uden for arbejdsmarked/uddannelse (procentpoint): +5,0" in second
    for slide in list(deck.slides)[1:]:
        text = _texts(slide)
        assert " v1" not in text and "data/" not in text and ".py" not in text  # no versions or file paths


def test_speaker_notes_hold_method_key_numbers_and_link(deck, views):
    notes = deck.slides[1].notes_slide.notes_text_frame.text
    top = views[0].charts[0].table.iloc[0]
    assert f"{top['Type']}: Antal {top['Antal']}" in notes
    assert "http://localhost:8616/?lang=da" in notes
    assert t("present.slide.key_numbers", "da") in notes
    assert "Metode:" in notes and "Antal centre pr. type efter filtrene." in notes
    assert "Dataversioner: Centre v1" in notes  # the versions live in the notes, not on the slide


def test_no_sample_notice_for_uploaded_data(views):
    info = slides.DeckInfo(lang="en", is_sample=False, provenance="Source: uploaded files")
    deck = Presentation(io.BytesIO(slides.build_pptx(views[:1], info)))
    text = _texts(deck.slides[1]) + deck.slides[1].notes_slide.notes_text_frame.text + _texts(deck.slides[0])
    assert t("present.slide.sample_notice", "en") not in text and t("notice.sample_short", "en") not in text
    assert "Filters:" in text


def test_a_broken_chart_does_not_break_the_deck():
    bad = {"mark": "bar", "encoding": {"x": {"field": "a", "type": "nonsense"}}, "data": {"values": [{"a": 1}]}}

    class Broken:
        def to_dict(self):
            raise ValueError("boom")

    view = slides.SlideView("X", [slides.SlideChart("Bad", bad), slides.SlideChart("Broken", Broken())], "f", "v")
    deck = Presentation(io.BytesIO(slides.build_pptx([view], slides.DeckInfo())))
    assert len(deck.slides) == 3
    assert t("present.slide.no_chart", "da") in _texts(deck.slides[2])
    assert slides.build_pdf([view], slides.DeckInfo()).startswith(b"%PDF")


def test_pdf_is_vector_with_selectable_text(pdf, views):
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 5
    for page in reader.pages:
        assert float(page.mediabox.width) == slides.SLIDE_W and float(page.mediabox.height) == slides.SLIDE_H
        assert not page.images  # no bitmaps: charts are vector drawings
    chart_page = reader.pages[1].extract_text()
    assert "Centre pr. type" in chart_page  # the slide title ...
    assert "Antal" in chart_page and "Biblioteksbaseret" in chart_page.replace("\n", " ") or "library" in chart_page
    assert "Illustrative eksempeldata" in chart_page
    second = reader.pages[2].extract_text()
    assert "<script>alert('x')</script> & Søn" in second  # user text is text, escaped into the SVG page


def test_counts_get_whole_number_ticks():
    frame = pd.DataFrame({"Type": list("abcd"), "Antal": [1, 3, 2, 4]})
    chart = alt.Chart(frame).mark_bar().encode(y="Type:N", x="Antal:Q")
    spec = slides.slide_spec(chart, "da")
    assert spec["encoding"]["x"]["axis"]["tickMinStep"] == 1
    svg = slides.chart_art(chart, "da", (36, 120, 888, 350)).svg
    ticks = re.findall(r">(\d+(?:,\d+)?)</text>", svg)
    assert ticks and all("," not in tick for tick in ticks)  # no 0,5 centres
    shares = alt.Chart(frame.assign(Andel=[0.5, 1.5, 2.0, 2.5])).mark_bar().encode(y="Type:N", x="Andel:Q")
    assert "tickMinStep" not in (slides.slide_spec(shares, "da")["encoding"]["x"].get("axis") or {})


def test_key_numbers_and_number_format():
    frame = pd.DataFrame({"Type": ["a", "b", "c"], "Andel": [12.345, 1500.0, 3.0], "n": [1, 2, 3]})
    assert slides.key_numbers(frame, "da", max_rows=2) == [
        "a: Andel 12,3; n 1",
        "b: Andel 1.500; n 2",
        t("present.slide.rows_more", "da", shown=2, total=3),
    ]
    assert slides.key_numbers(None, "da") == []
    assert slides.format_number(1234567.891, "en") == "1,234,567.9"
    assert slides.format_number(float("nan"), "da") == "-"


def test_slide_text_is_plain_and_long_titles_wrap():
    assert slides.plain(r"**Uden for arbejdsmarked**: rød = over grænsen \(> 40 %\)") == (
        "Uden for arbejdsmarked: rød = over grænsen (> 40 %)"
    )
    assert slides.plain(":material/science: Bemærk") == "Bemærk"
    lines = slides.wrap(
        "Fordele og ulemper pr. type, fokus på boligområdebaserede centre " * 3, 28, 888, bold=True, max_lines=2
    )
    assert len(lines) == 2 and lines[-1].endswith("…")
    assert all(slides.text_width(line, 28, True) <= 888 for line in lines)


def test_drawings_are_reused_and_prerendered(views):
    slides.prerender(views[:1], INFO)
    chart = views[0].charts[0].chart
    key_before = len(slides._ART)
    slides.build_pptx(views[:1], INFO)
    assert len(slides._ART) == key_before  # the deck found the drawing made at pin time
    assert any(entry[0] is chart for entry in slides._ART.values())


def test_slide_spec_keeps_its_data_whatever_data_transformer_another_thread_enabled():
    """Streamlit switches Altair's process-wide data transformer while a page converts a chart;
    a slide rendered meanwhile lost its rows (an empty network slide). Slides carry their data inline."""
    frame = pd.DataFrame({"a": ["x", "y"], "b": [1, 3]})
    bars = alt.Chart(frame).mark_bar().encode(x="b:Q", y="a:N")
    ticks = alt.Chart(frame.head(1)).mark_tick().encode(x="mean(b):Q", y="a:N")
    layered = alt.layer(bars, ticks).properties(height=100)
    combined = alt.hconcat(layered, alt.Chart(frame).mark_point().encode(x="b:Q"))
    alt.data_transformers.register("rows_kept_elsewhere", lambda data: {"name": "kept-outside"})
    with alt.data_transformers.enable("rows_kept_elsewhere"), alt.theme.enable("none"):
        for chart in (layered, combined):
            spec = slides._base_spec(chart)
            assert "kept-outside" not in str(spec)
            assert spec.get("datasets") or "values" in str(spec)
            assert spec["config"]["view"]["continuousWidth"] == 300  # the default theme's size, written in
    assert isinstance(bars.data, pd.DataFrame)  # the page's own chart is left as it was
