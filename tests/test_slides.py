"""Slide decks: the PPTX opens with python-pptx and holds the expected slides, images, captions and notes."""

from __future__ import annotations

import io
import re

import altair as alt
import pandas as pd
import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu

from lib.i18n import t
from lib.views import slides


@pytest.fixture(scope="module")
def views(sample_tables):
    """Three views from the bundled sample: one chart, two charts, and none."""
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
            [slides.SlideChart("Centre pr. type", bar, per_type, "Tal fra eksempeldata")],
            "Ingen filtre: hele landet",
            "Centre v1",
            "http://localhost:8616/?lang=da",
            "Overblik",
        ),
        slides.SlideView(
            "Sammenlign typer",
            [slides.SlideChart("Centre pr. region", region_bar, per_region), slides.SlideChart("Punkter", spec)],
            "Region: Sjælland",
            "Centre v1",
            "",
            "Sammenlign typer",
        ),
        slides.SlideView("Kort", [], "Region: Sjælland", "Centre v1", "", "Kort"),
    ]


@pytest.fixture(scope="module")
def deck(views):
    info = slides.DeckInfo(lang="da", is_sample=True, provenance="Kilde: eksempeldata", date_text="26.11.2026")
    return Presentation(io.BytesIO(slides.build_pptx(views, info)))


def _texts(slide) -> str:
    return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


def _pictures(slide) -> list:
    return [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]


def test_deck_is_16_9_with_a_title_slide_and_one_slide_per_view(deck, views):
    assert abs(deck.slide_width / deck.slide_height - 16 / 9) < 0.01
    assert len(deck.slides) == 1 + len(views)
    assert "Medborgercenter-atlas" in _texts(deck.slides[0])
    assert t("present.slide.sample_notice", "da") in _texts(deck.slides[0])


def test_each_view_slide_has_its_charts_as_images_inside_the_slide(deck, views):
    for slide, view in zip(list(deck.slides)[1:], views, strict=True):
        pictures = _pictures(slide)
        assert len(pictures) == len(view.charts)
        for pic in pictures:
            assert pic.image.content_type == "image/png"
            assert pic.image.size[0] > 300  # rendered at scale 2, not a placeholder
            assert 0 <= pic.left and pic.left + pic.width <= deck.slide_width
            assert 0 <= pic.top and pic.top + pic.height <= deck.slide_height + Emu(1)
    assert t("present.slide.no_chart", "da") in _texts(deck.slides[3])


def test_titles_captions_and_provenance(deck):
    first = _texts(deck.slides[1])
    assert "Centre pr. type" in first  # a single chart names the slide
    assert "Filtre: Ingen filtre: hele landet" in first
    assert "Centre v1" in first and "Kilde: eksempeldata" in first
    assert "Tal fra eksempeldata" in first  # the chart's own caption
    assert t("present.slide.sample_notice", "da") in first
    assert "Sammenlign typer" in _texts(deck.slides[2])


def test_speaker_notes_hold_key_numbers(deck, views):
    notes = deck.slides[1].notes_slide.notes_text_frame.text
    table = views[0].charts[0].table
    top = table.iloc[0]
    assert f"{top['Type']}: Antal {top['Antal']}" in notes
    assert "http://localhost:8616/?lang=da" in notes
    assert t("present.slide.key_numbers", "da") in notes


def test_no_sample_notice_for_uploaded_data(views):
    info = slides.DeckInfo(lang="en", is_sample=False, provenance="Source: uploaded files")
    deck = Presentation(io.BytesIO(slides.build_pptx(views[:1], info)))
    text = _texts(deck.slides[1]) + deck.slides[1].notes_slide.notes_text_frame.text
    assert t("present.slide.sample_notice", "en") not in text
    assert "Filters:" in text


def test_a_broken_chart_does_not_break_the_deck():
    bad = {"mark": "bar", "encoding": {"x": {"field": "a", "type": "nonsense"}}, "data": {"values": [{"a": 1}]}}

    class Broken:
        def to_dict(self):
            raise ValueError("boom")

    view = slides.SlideView("X", [slides.SlideChart("Bad", bad), slides.SlideChart("Broken", Broken())], "f", "v")
    deck = Presentation(io.BytesIO(slides.build_pptx([view], slides.DeckInfo())))
    assert len(deck.slides) == 2
    assert len(_pictures(deck.slides[1])) <= 1
    assert t("present.slide.no_chart", "da") in _texts(deck.slides[1])


def test_pdf_has_one_page_per_slide(views):
    data = slides.build_pdf(views, slides.DeckInfo(lang="en", is_sample=True, provenance="p"))
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", data)) == 1 + len(views)


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


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_chart_boxes_stay_on_the_slide_and_do_not_overlap(n):
    boxes = slides.chart_boxes(n)
    assert len(boxes) == n
    for left, top, width, height in boxes:
        assert left >= 0 and top >= 1 and left + width <= slides.SLIDE_W_IN and top + height <= slides.CHART_BOTTOM
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            overlap_x = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
            overlap_y = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
            assert overlap_x <= 0 or overlap_y <= 0


def test_crowded_views_are_split_into_legible_slides():
    simple = {"data": {"values": [{"a": 1}]}, "mark": "bar", "encoding": {"x": {"field": "a", "type": "quantitative"}}}
    wide = {"hconcat": [simple, simple]}
    view = slides.SlideView("Sammenlign", [slides.SlideChart(str(i), c) for i, c in enumerate([wide, simple, simple])])
    parts = slides.split_views([view])
    assert [p.title for p in parts] == ["Sammenlign (1/2)", "Sammenlign (2/2)"]
    assert [len(p.charts) for p in parts] == [2, 1]
    four = slides.SlideView("Overblik", [slides.SlideChart(str(i), simple) for i in range(4)])
    assert slides.split_views([four]) == [four]
    five = slides.SlideView("X", [slides.SlideChart(str(i), simple) for i in range(5)])
    assert [len(p.charts) for p in slides.split_views([five])] == [4, 1]
    deck = Presentation(io.BytesIO(slides.build_pptx([view], slides.DeckInfo())))
    assert len(deck.slides) == 1 + 2


def test_slide_text_is_plain_and_long_titles_shrink():
    assert slides.plain(r"**Uden for arbejdsmarked**: rød = over grænsen \(> 40 %\)") == (
        "Uden for arbejdsmarked: rød = over grænsen (> 40 %)"
    )
    assert slides.title_size("Kort") == 28
    assert slides.title_size("x" * 60) < 28 and slides.title_size("x" * 100) < slides.title_size("x" * 60)


def test_two_wide_charts_are_stacked():
    boxes = slides.chart_boxes(2, stacked=True)
    assert boxes[0][0] == boxes[1][0] and boxes[1][1] > boxes[0][1]
    assert boxes[1][1] + boxes[1][3] <= slides.CHART_BOTTOM + 1e-9
