"""Slide decks of pinned views: PPTX (python-pptx) and PDF, rendered offline.

Pure module (no Streamlit). Charts are drawn with vl-convert through
``lib.data.export.chart_png``; the PDF is built from the same layout with Pillow
(pages as 1920x1080 images), so neither LibreOffice nor a browser is needed.

One slide per view: a title, the view's charts (one large, or two to four in a
grid), a caption with the filters, the data versions and the provenance, the
illustrative-data notice when the sample is in use, and speaker notes with the
key numbers of each chart's table.
"""

from __future__ import annotations

import copy
import io
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from lib.data import export
from lib.i18n import t

log = logging.getLogger("atlas.slides")

SLIDE_W_IN, SLIDE_H_IN = 13.333, 7.5  # 16:9
PDF_W, PDF_H = 1920, 1080
MARGIN = 0.5
CHART_TOP, CHART_BOTTOM = 1.55, 6.35  # inches: the band the charts are fitted into
MAX_CHARTS = 4
MAX_NOTE_ROWS = 8
WIDE_ASPECT = 2.2  # width/height from which two charts are stacked rather than put side by side

INK = (0x1F, 0x2A, 0x37)
MUTED = (0x55, 0x5F, 0x6B)
WARN = (0x9A, 0x4A, 0x00)  # dark orange: readable on white, not alarming red


@dataclass
class SlideChart:
    """One chart on a slide.

    ``chart`` is an Altair chart (anything with ``to_dict()``) or a Vega-Lite spec dict.
    """

    title: str
    chart: Any
    table: pd.DataFrame | None = None
    caption: str = ""


@dataclass
class SlideView:
    """A pinned view: becomes one slide."""

    title: str
    charts: list[SlideChart] = field(default_factory=list)
    filters_text: str = ""
    version_text: str = ""
    link: str = ""
    page_label: str = ""


@dataclass
class DeckInfo:
    """Deck-wide facts for the title slide and every caption."""

    lang: str = "da"
    is_sample: bool = True
    provenance: str = ""
    title: str = ""
    date_text: str = ""


class _Spec:
    """A Vega-Lite dict with the ``to_dict`` that ``export.chart_png`` expects."""

    def __init__(self, spec: dict):
        self._spec = spec

    def to_dict(self) -> dict:
        return copy.deepcopy(self._spec)


def _slide_spec(chart: Any, width_px: int) -> dict:
    """The chart's spec with projector-friendly fonts and a fixed width (``container`` has no size offline)."""
    spec = copy.deepcopy(chart) if isinstance(chart, dict) else chart.to_dict()
    if spec.get("width") == "container" or ("width" not in spec and _is_single_view(spec)):
        spec["width"] = width_px
    config = spec.setdefault("config", {})
    for part, sizes in {
        "axis": {"labelFontSize": 13, "titleFontSize": 14},
        "legend": {"labelFontSize": 13, "titleFontSize": 14},
        "header": {"labelFontSize": 13, "titleFontSize": 14},
    }.items():
        block = config.setdefault(part, {})
        for key, size in sizes.items():
            block.setdefault(key, size)
    return spec


def _is_single_view(spec: dict) -> bool:
    return not any(k in spec for k in ("hconcat", "vconcat", "concat", "facet", "repeat"))


def chart_image(chart: Any, title: str, subtitle: Sequence[str] = (), width_px: int = 900) -> bytes | None:
    """The chart as PNG for a slide, or None when it cannot be rendered (the slide then says so).

    Parameters
    ----------
    chart : Altair chart or dict
    title : str
        Drawn above the chart ("" for none: the slide title already names it).
    subtitle : sequence of str
    width_px : int
        Width given to charts sized to their container.
    """
    try:
        spec = _slide_spec(chart, width_px)
        return export.chart_png(_Spec(spec), title, list(subtitle), scale=2.0)
    except Exception:  # noqa: BLE001 - one broken chart must not break the deck
        log.exception("slide chart could not be rendered: %s", title)
        return None


# --- numbers for the speaker notes -------------------------------------------------------------


def format_number(value: Any, lang: str) -> str:
    """A number as a Dane or an English reader expects it (1.234,5 / 1,234.5).

    Examples
    --------
    >>> format_number(1234.56, "da"), format_number(1234.56, "en"), format_number(7, "da")
    ('1.234,6', '1,234.6', '7')
    """
    if isinstance(value, bool) or value is None or (isinstance(value, float) and value != value):
        return str(value) if value is not None and value == value else "-"
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer() and abs(value) < 1e15):
        text = f"{int(value):,}"
    elif isinstance(value, int | float):
        text = f"{value:,.1f}"
    else:
        try:
            return format_number(value.item(), lang)  # numpy scalars
        except AttributeError:
            return str(value)
    if lang == "da":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def key_numbers(table: pd.DataFrame | None, lang: str, max_rows: int = MAX_NOTE_ROWS) -> list[str]:
    """Lines such as "Bibliotek: Antal 12" from a chart's table, for the speaker notes.

    Text columns name the row, numeric columns give the numbers. At most ``max_rows``
    rows; a last line says how many rows were left out.
    """
    if table is None or not isinstance(table, pd.DataFrame) or table.empty:
        return []
    numeric = [c for c in table.columns if pd.api.types.is_numeric_dtype(table[c]) and table[c].dtype != bool]
    # flags (True/False) say little read aloud: rows are named by their text columns only
    labels = [c for c in table.columns if c not in numeric and not pd.api.types.is_bool_dtype(table[c])][:3]
    lines = []
    for _, row in table.head(max_rows).iterrows():
        name = " / ".join(str(row[c]) for c in labels) if labels else ""
        nums = "; ".join(f"{c} {format_number(row[c], lang)}" for c in numeric[:4])
        lines.append(f"{name}: {nums}" if name and nums else name or nums)
    if len(table) > max_rows:
        lines.append(t("present.slide.rows_more", lang, shown=max_rows, total=len(table)))
    return lines


def speaker_notes(view: SlideView, info: DeckInfo) -> str:
    """Speaker notes of a view's slide: context, then the key numbers of each chart."""
    lang = info.lang
    parts = [view.title]
    if view.page_label and view.page_label != view.title:
        parts.append(t("present.slide.page", lang, page=view.page_label))
    parts.append(t("present.slide.filters", lang, filters=view.filters_text))
    if info.is_sample:
        parts.append(t("notice.sample_short", lang) + ": " + t("present.slide.sample_note", lang))
    for chart in view.charts[:MAX_CHARTS]:
        parts.append("")
        parts.append(plain(chart.title))
        if chart.caption:
            parts.append(plain(chart.caption))
        numbers = key_numbers(chart.table, lang)
        if numbers:
            parts.append(t("present.slide.key_numbers", lang))
            parts.extend(f"- {line}" for line in numbers)
    if view.link:
        parts.extend(["", t("present.slide.link", lang, url=view.link)])
    return "\n".join(parts)


def caption_lines(view: SlideView, info: DeckInfo) -> list[tuple[str, bool]]:
    """The caption under the charts as (text, is_warning) lines."""
    lang = info.lang
    # the filters already stand under the title; the footer carries data version and provenance
    lines = [(t("present.slide.data", lang, versions=view.version_text, provenance=info.provenance), False)]
    if info.is_sample:
        lines.append((t("present.slide.sample_notice", lang), True))
    return lines


def _deck_subtitle(views: Sequence[SlideView], info: DeckInfo) -> str:
    key = "present.slide.deck_subtitle_one" if len(views) == 1 else "present.slide.deck_subtitle"
    return t(key, info.lang, n=len(views), date=info.date_text)


# --- layout shared by PPTX and PDF ------------------------------------------------------------


def chart_boxes(n: int, stacked: bool = False) -> list[tuple[float, float, float, float]]:
    """Boxes (left, top, width, height in inches) for ``n`` charts on a slide.

    ``stacked`` puts two charts one above the other (for wide, low charts).
    """
    n = max(1, min(n, MAX_CHARTS))
    left, top = MARGIN, CHART_TOP
    width, height = SLIDE_W_IN - 2 * MARGIN, CHART_BOTTOM - CHART_TOP
    gap = 0.3
    if n == 1:
        return [(left, top, width, height)]
    if n == 2 and stacked:
        h = (height - gap) / 2
        return [(left, top, width, h), (left, top + h + gap, width, h)]
    if n == 2:
        w = (width - gap) / 2
        return [(left, top, w, height), (left + w + gap, top, w, height)]
    w, h = (width - gap) / 2, (height - gap) / 2
    return [(left + (i % 2) * (w + gap), top + (i // 2) * (h + gap), w, h) for i in range(n)]


def _boxes(images: list[bytes | None]) -> list[tuple[float, float, float, float]]:
    """Side by side, unless both charts are wide and low: then one above the other, both larger."""
    wide = len(images) == 2 and all(d is not None and _aspect(d) >= WIDE_ASPECT for d in images)
    return chart_boxes(len(images), stacked=wide)


def _aspect(data: bytes) -> float:
    w, h = _image_size(data)
    return w / h if h else 1.0


def _fit(box: tuple[float, float, float, float], img_w: int, img_h: int) -> tuple[float, float, float, float]:
    """The largest image rectangle with the image's aspect ratio, centred in ``box``."""
    left, top, width, height = box
    ratio = img_w / img_h if img_h else 1.0
    w, h = width, width / ratio
    if h > height:
        h, w = height, height * ratio
    return left + (width - w) / 2, top + (height - h) / 2, w, h


@dataclass
class _Rendered:
    view: SlideView
    images: list[bytes | None]
    heading: str


def split_views(views: Sequence[SlideView]) -> list[SlideView]:
    """Views cut into slides that stay legible.

    Up to four simple charts, or two when one is a concatenated or faceted chart (those
    need the room). Parts are titled "Title (1/2)".
    """
    out = []
    for view in views:
        per_slide = MAX_CHARTS if all(_is_simple(c.chart) for c in view.charts) else 2
        groups = [view.charts[i : i + per_slide] for i in range(0, len(view.charts), per_slide)] or [[]]
        for i, group in enumerate(groups, start=1):
            title = f"{view.title} ({i}/{len(groups)})" if len(groups) > 1 else view.title
            out.append(replace(view, title=title, charts=list(group)))
    return out


def _is_simple(chart: Any) -> bool:
    try:
        spec = chart if isinstance(chart, dict) else chart.to_dict()
    except Exception:  # noqa: BLE001 - a broken chart takes little room: it becomes a line of text
        return True
    return _is_single_view(spec)


_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~$])")


def plain(text: str) -> str:
    r"""Markdown emphasis and escapes removed: slides show text, not Markdown.

    Examples
    --------
    >>> plain(r"**Andel** af svar\\. `n`")
    'Andel af svar. n'
    """
    return _MD_ESCAPE.sub(r"\1", re.sub(r"\*\*|__|`", "", text or ""))


def title_size(text: str) -> int:
    """Font size (pt) that keeps a slide title within two lines of the 12.3 in title box."""
    return 28 if len(text) <= 48 else 22 if len(text) <= 62 else 18


def _render(views: Sequence[SlideView]) -> list[_Rendered]:
    out = []
    for view in views:
        charts = view.charts[:MAX_CHARTS]
        single = len(charts) == 1
        width_px = 1000 if len(charts) <= 1 else 560
        # The slide title names a single chart; in a grid each image carries its own title.
        images = [chart_image(c.chart, "" if single else plain(c.title), (), width_px) for c in charts]
        heading = plain(charts[0].title) if single and charts[0].title else view.title
        out.append(_Rendered(view, images, heading))
    return out


def _image_size(data: bytes) -> tuple[int, int]:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as img:
        return img.size


# --- PPTX ----------------------------------------------------------------------------------------


def build_pptx(views: Sequence[SlideView], info: DeckInfo) -> bytes:
    """A 16:9 PPTX deck: a title slide, then one slide per view.

    Parameters
    ----------
    views : sequence of SlideView
    info : DeckInfo

    Returns
    -------
    bytes
        The .pptx file.
    """
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.util import Inches, Pt

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(SLIDE_W_IN), Inches(SLIDE_H_IN)
    blank = prs.slide_layouts[6]
    lang = info.lang

    def text(slide, left, top, width, height, lines, size, *, bold=False, colour=INK, name=None):
        box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
        if name:
            box.name = name
        frame = box.text_frame
        frame.word_wrap = True
        for i, item in enumerate(lines):
            line, warn = item if isinstance(item, tuple) else (item, False)
            para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            run = para.add_run()
            run.text = line
            run.font.size = Pt(size)
            run.font.bold = bold or warn
            run.font.color.rgb = RGBColor(*(WARN if warn else colour))
        return box

    # title slide
    slide = prs.slides.add_slide(blank)
    text(slide, 0.8, 2.2, 11.7, 1.2, [info.title or t("app.title", lang)], 40, bold=True, name="Title")
    sub = [_deck_subtitle(views, info)]
    text(slide, 0.8, 3.4, 11.7, 0.8, sub, 20, colour=MUTED)
    foot = [(info.provenance, False)]
    if info.is_sample:
        foot.insert(0, (t("present.slide.sample_notice", lang), True))
    text(slide, 0.8, 5.6, 11.7, 1.2, foot, 14, colour=MUTED)
    slide.notes_slide.notes_text_frame.text = t("present.slide.title_notes", lang)

    for number, item in enumerate(_render(split_views(views)), start=1):
        view = item.view
        slide = prs.slides.add_slide(blank)
        kicker = view.page_label if view.page_label and not item.heading.startswith(view.page_label) else ""
        if kicker:
            text(slide, MARGIN, 0.25, 12.3, 0.35, [kicker.upper()], 12, colour=MUTED)
        size = title_size(item.heading)
        text(slide, MARGIN, 0.5 if size == 28 else 0.45, 12.3, 0.7, [item.heading], size, bold=True, name="Title")
        text(
            slide,
            MARGIN,
            1.12,
            12.3,
            0.4,
            [t("present.slide.filters", lang, filters=view.filters_text)],
            13,
            colour=MUTED,
        )
        charts = view.charts[:MAX_CHARTS]
        if not charts:
            text(slide, MARGIN, 3.0, 12.3, 1.0, [t("present.slide.no_chart", lang)], 18, colour=MUTED)
        for chart, data, box in zip(charts, item.images, _boxes(item.images), strict=False):
            if data is None:
                text(slide, box[0], box[1], box[2], 0.8, [plain(chart.title), t("present.slide.no_chart", lang)], 14)
                continue
            left, top, width, height = _fit(box, *_image_size(data))
            pic = slide.shapes.add_picture(io.BytesIO(data), Inches(left), Inches(top), Inches(width), Inches(height))
            pic.name = f"Chart: {chart.title}"[:250]
        caption = caption_lines(view, info)
        if len(charts) == 1 and charts[0].caption:
            caption.insert(0, (plain(charts[0].caption), False))
        text(slide, MARGIN, 6.42, 11.6, 1.0, caption, 10, colour=MUTED, name="Caption")
        text(slide, 12.2, 7.0, 0.8, 0.35, [str(number)], 10, colour=MUTED)
        slide.notes_slide.notes_text_frame.text = speaker_notes(view, info)

    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


# --- PDF --------------------------------------------------------------------------------------------


def _font(size: int, bold: bool = False):
    from PIL import ImageFont

    names = (
        ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf") if bold else ("DejaVuSans.ttf", "LiberationSans-Regular.ttf")
    )
    for name in names:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)  # Pillow's bundled font (covers æøå)


def _wrap(draw, line: str, font, width_px: int) -> list[str]:
    words, out, current = line.split(), [], ""
    for word in words:
        trial = f"{current} {word}".strip()
        if draw.textlength(trial, font=font) <= width_px or not current:
            current = trial
        else:
            out.append(current)
            current = word
    if current:
        out.append(current)
    return out or [""]


def _draw_lines(draw, x, y, lines, size, width_px, *, bold=False, colour=INK, max_lines=6) -> int:
    drawn = 0
    for item in lines:
        line, warn = item if isinstance(item, tuple) else (item, False)
        font = _font(size, bold or warn)
        for part in _wrap(draw, line, font, width_px):
            if drawn >= max_lines:
                return y
            draw.text((x, y), part, font=font, fill=WARN if warn else colour)
            y += int(size * 1.3)
            drawn += 1
    return y


def build_pdf(views: Sequence[SlideView], info: DeckInfo) -> bytes:
    """The same deck as a PDF (one 16:9 page per slide, 1920x1080 images; no LibreOffice needed).

    Returns
    -------
    bytes
        The .pdf file.
    """
    from PIL import Image, ImageDraw

    px = PDF_W / SLIDE_W_IN  # pixels per inch of the slide layout
    lang = info.lang
    pages = []

    def blank():
        page = Image.new("RGB", (PDF_W, PDF_H), "white")
        return page, ImageDraw.Draw(page)

    page, draw = blank()
    _draw_lines(draw, int(0.8 * px), int(2.2 * px), [info.title or t("app.title", lang)], 76, int(11.7 * px), bold=True)
    _draw_lines(draw, int(0.8 * px), int(3.4 * px), [_deck_subtitle(views, info)], 38, int(11.7 * px), colour=MUTED)
    foot = [(info.provenance, False)]
    if info.is_sample:
        foot.insert(0, (t("present.slide.sample_notice", lang), True))
    _draw_lines(draw, int(0.8 * px), int(5.6 * px), foot, 27, int(11.7 * px), colour=MUTED)
    pages.append(page)

    for number, item in enumerate(_render(split_views(views)), start=1):
        view = item.view
        page, draw = blank()
        left = int(MARGIN * px)
        kicker = view.page_label if view.page_label and not item.heading.startswith(view.page_label) else ""
        if kicker:
            _draw_lines(draw, left, int(0.25 * px), [kicker.upper()], 23, int(12.3 * px), colour=MUTED)
        size = title_size(item.heading)
        top = 0.52 if size == 28 else 0.47
        _draw_lines(
            draw, left, int(top * px), [item.heading], round(size * 1.86), int(12.3 * px), bold=True, max_lines=2
        )
        _draw_lines(
            draw,
            left,
            int(1.14 * px),
            [t("present.slide.filters", lang, filters=view.filters_text)],
            25,
            int(12.3 * px),
            colour=MUTED,
            max_lines=1,
        )
        charts = view.charts[:MAX_CHARTS]
        if not charts:
            _draw_lines(draw, left, int(3.0 * px), [t("present.slide.no_chart", lang)], 34, int(12.3 * px))
        for chart, data, box in zip(charts, item.images, _boxes(item.images), strict=False):
            if data is None:
                _draw_lines(
                    draw,
                    int(box[0] * px),
                    int(box[1] * px),
                    [chart.title, t("present.slide.no_chart", lang)],
                    27,
                    int(box[2] * px),
                )
                continue
            with Image.open(io.BytesIO(data)) as img:
                x, y, w, h = _fit(box, *img.size)
                chart_img = img.convert("RGB").resize((int(w * px), int(h * px)), Image.Resampling.LANCZOS)
            page.paste(chart_img, (int(x * px), int(y * px)))
        caption = caption_lines(view, info)
        if len(charts) == 1 and charts[0].caption:
            caption.insert(0, (plain(charts[0].caption), False))
        _draw_lines(draw, left, int(6.42 * px), caption, 19, int(11.6 * px), colour=MUTED, max_lines=5)
        _draw_lines(draw, int(12.6 * px), int(7.05 * px), [str(number)], 19, 80, colour=MUTED)
        pages.append(page)

    buf = io.BytesIO()
    pages[0].save(
        buf,
        format="PDF",
        save_all=True,
        append_images=pages[1:],
        resolution=144.0,
        quality=92,
        title=info.title or t("app.title", lang),
    )
    return buf.getvalue()
