"""Slide decks of pinned views: PPTX (python-pptx) and a vector PDF, rendered offline.

Pure module (no Streamlit). Every chart is drawn once by vl-convert as SVG, sized for
its slide so that all chart text is at least :data:`MIN_PT` points on a 16:9 slide
(960 x 540 pt); the same SVG becomes the PPTX picture (rasterised by resvg) and the PDF's
vector drawing (the whole slide is one SVG page, converted by vl-convert, so titles and
chart labels stay selectable, searchable text). Charts are converted in parallel and
kept (:func:`prerender` at pin time), so a deck is assembled, not redrawn.

One chart per slide, so nothing is shrunk to a thumbnail: a kicker with the page, the
chart's title, a line with the filters, the page's own choices and the what-if scenario,
the chart, its caption, and a short footer (source, data date, "illustrative sample"
while the sample is in use). Speaker notes hold the method and the key numbers.
"""

from __future__ import annotations

import copy
import hashlib
import io
import json
import logging
import math
import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape as xml_escape

import pandas as pd

from lib.i18n import fmt, t

log = logging.getLogger("atlas.slides")

# --- geometry (points; a 16:9 slide of 13.333 x 7.5 in) ------------------------------------------
SLIDE_W, SLIDE_H = 960.0, 540.0
SLIDE_W_IN, SLIDE_H_IN = SLIDE_W / 72, SLIDE_H / 72
MARGIN = 36.0
CHART_BOTTOM = 476.0  # the chart band ends here; the caption and the footer are below
FOOTER_Y = 516.0
#: Smallest chart text on a slide, in points (axis and legend labels, titles, mark text).
MIN_PT = 18
#: A chart is drawn at most this much larger than its natural size (bigger only blurs the design).
MAX_UPSCALE = 1.35
MAX_NOTE_ROWS = 8
PNG_SCALE = 2.0  # pixels per point of the PPTX pictures: sharp on a 1920 px projector

INK = (0x1F, 0x2A, 0x37)
MUTED = (0x4B, 0x55, 0x63)
WARN = (0x9A, 0x4A, 0x00)  # dark orange: readable on white, not alarming red
FONT_FAMILY = "Liberation Sans, Arial, Helvetica, sans-serif"  # vl-convert ships Liberation Sans
PPTX_FONT = "Arial"  # metric-compatible with Liberation Sans, present wherever PowerPoint is


@dataclass
class SlideChart:
    """One chart of a view.

    ``chart`` is an Altair chart (anything with ``to_dict()``) or a Vega-Lite spec dict.
    """

    title: str
    chart: Any
    table: pd.DataFrame | None = None
    caption: str = ""


@dataclass
class SlideView:
    """A pinned view: one slide per chart (one slide saying so when it has none)."""

    title: str
    charts: list[SlideChart] = field(default_factory=list)
    filters_text: str = ""
    version_text: str = ""
    link: str = ""
    page_label: str = ""
    #: The page's own choices that differ from their defaults, as "Label: value" (focus type, indicator...).
    choices: list[str] = field(default_factory=list)
    #: The what-if scenario, as "Label: +5,0" lines; empty when no scenario is set.
    scenario: list[str] = field(default_factory=list)
    #: How the page computes what it shows, for the speaker notes.
    method: str = ""
    #: Date of the data (the newest current version), as the reader writes dates.
    data_date: str = ""


@dataclass
class DeckInfo:
    """Deck-wide facts for the title slide and every footer."""

    lang: str = "da"
    is_sample: bool = True
    provenance: str = ""
    title: str = ""
    date_text: str = ""


# --- text ------------------------------------------------------------------------------------------

_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~$])")


def plain(text: str) -> str:
    r"""Markdown emphasis and escapes removed: slides show text, not Markdown.

    Examples
    --------
    >>> plain(r"**Andel** af svar\\. `n`")
    'Andel af svar. n'
    """
    text = re.sub(r":material/[a-z_]+:\s*", "", text or "")
    return _MD_ESCAPE.sub(r"\1", re.sub(r"\*\*|__|`", "", text))


def format_number(value: Any, lang: str) -> str:
    """A number as a Dane or an English reader expects it (1.234,5 / 1,234.5), through ``lib.i18n.fmt``.

    Examples
    --------
    >>> format_number(1234.56, "da"), format_number(1234.56, "en"), format_number(7, "da")
    ('1.234,6', '1,234.6', '7')
    """
    if isinstance(value, bool):
        return fmt.yes_no(value, lang)
    if value is None or (isinstance(value, float) and value != value):
        return "-"
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if math.isnan(number):
        return "-"
    return fmt.number(number, lang, 0 if number.is_integer() else 1)


@lru_cache(maxsize=4)
def _font(bold: bool):
    from PIL import ImageFont

    names = (
        ("LiberationSans-Bold.ttf", "DejaVuSans-Bold.ttf") if bold else ("LiberationSans-Regular.ttf", "DejaVuSans.ttf")
    )
    for name in names:
        for path in (name, f"/usr/share/fonts/truetype/liberation/{name}", f"/usr/share/fonts/truetype/dejavu/{name}"):
            try:
                return ImageFont.truetype(path, 100)
            except OSError:
                continue
    return None


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in points of ``text`` at ``size`` pt (Liberation Sans metrics, which Arial shares)."""
    font = _font(bold)
    if font is None:  # no font file: a conservative average glyph width
        return len(text) * size * 0.56
    return font.getlength(text) * size / 100


def wrap(text: str, size: float, width: float, *, bold: bool = False, max_lines: int = 3) -> list[str]:
    """``text`` broken into lines no wider than ``width`` points; the last line ends in "…" when cut.

    Examples
    --------
    >>> wrap("en to tre fire fem seks", 18, 80)
    ['en to tre', 'fire fem', 'seks']
    """
    # a number and its unit stay on one line ("95 %-interval", "2,0 km")
    joined = re.sub(r"(\d) (%|km\b)", "\\1\u00a0\\2", text)
    words, lines, current = [w for w in re.split(r"[ \t\n]+", joined) if w], [], ""
    for word in words:
        trial = f"{current} {word}".strip()
        if text_width(trial, size, bold) <= width or not current:
            current = trial
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and text_width(last + " …", size, bold) > width:
            last = last[:-1]
        lines = [*lines[: max_lines - 1], last.rstrip() + " …"]
    return lines or [""]


# --- numbers for the speaker notes -------------------------------------------------------------


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


# --- what goes on each slide --------------------------------------------------------------------


@dataclass
class _Text:
    x: float
    y: float  # top of the first line
    width: float
    size: float
    lines: list[str]
    bold: bool = False
    colour: tuple = INK
    align: str = "left"
    name: str = ""

    @property
    def bottom(self) -> float:
        return self.y + len(self.lines) * self.size * 1.22


@dataclass
class _Slide:
    view: SlideView | None
    chart: SlideChart | None
    texts: list[_Text]
    box: tuple[float, float, float, float]  # where the chart may go (x, y, w, h), points
    notes: str
    number: int = 0
    lang: str = "da"


def _filters(view: SlideView, lang: str) -> str:
    """The filter line of a slide, e.g. "Filtre: Region: Sjælland" or "Ingen filtre: hele landet"."""
    if not view.filters_text or view.filters_text == t("filters.summary_none", lang):
        return view.filters_text
    return t("present.slide.filters", lang, filters=view.filters_text)


def _choices_line(view: SlideView, lang: str) -> str:
    parts = [_filters(view, lang)] if view.filters_text else []
    parts += view.choices
    if view.scenario:
        parts.append(t("present.slide.scenario", lang, scenario="; ".join(view.scenario)))
    return " · ".join(parts)


def footer_text(view: SlideView | None, info: DeckInfo) -> str:
    """The short footer: source, data date and, while the sample is in use, "illustrative sample"."""
    lang = info.lang
    parts = [t("present.slide.source", lang)]
    if view is not None and view.data_date:
        parts.append(t("present.slide.data_date", lang, date=view.data_date))
    if info.is_sample:
        parts.append(t("notice.sample_short", lang))
    return " · ".join(parts)


def speaker_notes(view: SlideView, chart: SlideChart | None, info: DeckInfo) -> str:
    """Speaker notes of a chart's slide: what is shown, the method, the key numbers, the live link."""
    lang = info.lang
    parts = [plain(chart.title) if chart is not None else view.title]
    if view.page_label:
        parts.append(t("present.slide.page", lang, page=view.page_label))
    parts.append(_filters(view, lang))
    if view.choices:
        parts.append(t("present.slide.choices", lang, choices="; ".join(view.choices)))
    if view.scenario:
        parts.append(t("present.slide.scenario", lang, scenario="; ".join(view.scenario)))
    if info.is_sample:
        parts.append(t("notice.sample_short", lang) + ": " + t("present.slide.sample_note", lang))
    if view.method:
        parts.extend(["", t("present.slide.method", lang), plain(view.method)])
    if chart is not None:
        if chart.caption:
            parts.extend(["", plain(chart.caption)])
        numbers = key_numbers(chart.table, lang)
        if numbers:
            parts.extend(["", t("present.slide.key_numbers", lang)])
            parts.extend(f"- {line}" for line in numbers)
    if view.version_text:
        parts.extend(["", t("present.slide.versions", lang, versions=view.version_text)])
    if view.link:
        parts.extend(["", t("present.slide.link", lang, url=view.link)])
    return "\n".join(parts)


_SPECS: OrderedDict[int, tuple[Any, dict]] = OrderedDict()
_SPECS_LOCK = threading.Lock()


def _spec_of(chart: Any) -> dict:
    """The chart's Vega-Lite dict, converted once per chart object (shared: copy before changing it)."""
    if isinstance(chart, dict):
        return chart
    with _SPECS_LOCK:
        hit = _SPECS.get(id(chart))
        if hit is not None and hit[0] is chart:
            return hit[1]
    spec = _base_spec(chart)
    with _SPECS_LOCK:
        _SPECS[id(chart)] = (chart, spec)  # the chart is kept with its spec, so its id stays its own
        while len(_SPECS) > 64:
            _SPECS.popitem(last=False)
    return spec


def _labelled(view: dict) -> bool:
    """Whether a view shows its own row labels (a y axis with labels)."""
    found = []

    def visit(node: dict) -> None:
        enc = node.get("encoding")
        y = enc.get("y") if isinstance(enc, dict) else None
        if isinstance(y, dict) and y.get("type") in ("nominal", "ordinal"):
            axis = y.get("axis", {})
            if axis is not None and (not isinstance(axis, dict) or axis.get("labels", True) is not False):
                found.append(True)

    _walk(view, visit)
    return bool(found)


def split_chart(chart: SlideChart) -> list[SlideChart]:
    """Two charts drawn side by side (each with its own row labels) as two slides; any other chart as it is.

    Side by side, two sets of long labels at 18 pt leave the bars no room; small multiples that share
    one set of labels (the centre profiles) stay together.
    """
    try:
        spec = _spec_of(chart.chart)
    except Exception:  # noqa: BLE001 - drawn (or reported) later
        return [chart]
    parts = spec.get("hconcat") if isinstance(spec, dict) else None
    if not isinstance(parts, list) or len(parts) < 2 or sum(_labelled(p) for p in parts) < 2:
        return [chart]
    shared = {k: v for k, v in spec.items() if k not in ("hconcat", "spacing", "resolve", "title", "center", "bounds")}
    return [SlideChart(chart.title, {**shared, **part}, chart.table, chart.caption) for part in parts]


def _plan(views: Sequence[SlideView], info: DeckInfo) -> list[_Slide]:
    """Every slide after the title slide, with its texts laid out and its chart box."""
    lang, width = info.lang, SLIDE_W - 2 * MARGIN
    out = []
    for view in views:
        charts = [part for chart in view.charts for part in split_chart(chart)] or [None]
        for i, chart in enumerate(charts, start=1):
            heading = plain(chart.title) if chart is not None and chart.title else view.title
            kicker = view.page_label or view.title
            if len(charts) > 1:
                kicker = f"{kicker} · {i}/{len(charts)}"
            texts = [_Text(MARGIN, 20, width, 13, [kicker.upper()], colour=MUTED, name="Kicker")]
            size = 28 if text_width(heading, 28, True) <= width else 24
            title = _Text(MARGIN, 40, width, size, wrap(heading, size, width, bold=True, max_lines=2), bold=True)
            title.name = "Title"
            texts.append(title)
            sub = _choices_line(view, lang)
            y = title.bottom + 4
            if sub:
                subtitle = _Text(MARGIN, y, width, 15, wrap(sub, 15, width, max_lines=2), colour=MUTED, name="Choices")
                texts.append(subtitle)
                y = subtitle.bottom
            box = (MARGIN, y + 10, width, CHART_BOTTOM - (y + 10))
            caption = plain(chart.caption) if chart is not None else t("present.slide.no_chart", lang)
            if caption and caption != heading:
                texts.append(
                    _Text(MARGIN, CHART_BOTTOM + 6, width, 13, wrap(caption, 13, width, max_lines=2), colour=MUTED)
                )
            texts.append(
                _Text(MARGIN, FOOTER_Y, width - 60, 11, [footer_text(view, info)], colour=MUTED, name="Footer")
            )
            notes = speaker_notes(view, chart, info)
            out.append(_Slide(view, chart, texts, box, notes, lang=lang))
    for number, slide in enumerate(out, start=1):
        slide.number = number
        slide.texts.append(
            _Text(SLIDE_W - MARGIN - 50, FOOTER_Y, 50, 11, [str(number)], colour=MUTED, align="right", name="Number")
        )
    return out


def _title_slide(views: Sequence[SlideView], info: DeckInfo) -> _Slide:
    lang, width = info.lang, SLIDE_W - 2 * 58
    n = len(views)
    key = "present.slide.deck_subtitle_one" if n == 1 else "present.slide.deck_subtitle"
    texts = [
        _Text(58, 170, width, 40, wrap(info.title or t("app.title", lang), 40, width, bold=True), bold=True),
        _Text(58, 240, width, 20, [t(key, lang, n=n, date=info.date_text)], colour=MUTED),
    ]
    y = 390
    if info.is_sample:
        notice = _Text(
            58, y, width, 16, wrap(t("present.slide.sample_notice", lang), 16, width), bold=True, colour=WARN
        )
        texts.append(notice)
        y = notice.bottom + 8
    dates = sorted({v.data_date for v in views if v.data_date})
    # the notice stands above in full: the footer line leaves it out
    foot = footer_text(SlideView("", data_date=dates[-1] if dates else ""), DeckInfo(lang, False))
    texts.append(_Text(58, y, width, 14, wrap(foot, 14, width), colour=MUTED))
    return _Slide(None, None, texts, (0, 0, 0, 0), t("present.slide.title_notes", lang), lang=lang)


# --- charts: sized for the slide, drawn once ---------------------------------------------------------

_FONT_KEYS = ("labelFontSize", "titleFontSize", "subtitleFontSize")
_DEFAULT_LABEL_PX = 11  # Vega's own label size: explicit label limits were chosen for it


def _is_single_view(spec: dict) -> bool:
    return not any(k in spec for k in ("hconcat", "vconcat", "concat", "facet", "repeat"))


def _walk(node: Any, fn) -> None:
    """``fn`` on every dict of a spec, data values left out (they are data, not spec)."""
    if isinstance(node, dict):
        fn(node)
        for key, value in node.items():
            if key not in ("values", "datasets"):
                _walk(value, fn)
    elif isinstance(node, list):
        for value in node:
            _walk(value, fn)


def _raise_text(spec: dict, font: float) -> None:
    """Every text size in the spec at least ``font`` px; label limits grow with the text."""
    ratio = font / _DEFAULT_LABEL_PX

    def visit(node: dict) -> None:
        for key in _FONT_KEYS:
            if isinstance(node.get(key), int | float) and node[key] < font:
                node[key] = font
        mark = node.get("mark")
        if isinstance(mark, dict) and mark.get("type") == "text":
            mark["fontSize"] = max(font, mark.get("fontSize") or 0)
        if isinstance(node.get("labelLimit"), int | float) and node["labelLimit"] > 0:
            node["labelLimit"] = round(node["labelLimit"] * ratio)
        title = node.get("title")
        if isinstance(title, dict) and isinstance(title.get("fontSize"), int | float):
            title["fontSize"] = max(font + 2, title["fontSize"])

    _walk({k: v for k, v in spec.items() if k != "config"}, visit)
    config = spec.setdefault("config", {})
    for part, sizes in {
        "axis": {"labelFontSize": font, "titleFontSize": font},
        "legend": {"labelFontSize": font, "titleFontSize": font},
        "header": {"labelFontSize": font, "titleFontSize": font},
        "title": {"fontSize": font + 4, "subtitleFontSize": font},
        "text": {"fontSize": font},
    }.items():
        block = config.setdefault(part, {})
        for key, size in sizes.items():
            current = block.get(key)
            block[key] = max(size, current) if isinstance(current, int | float) else size
    config["axis"].setdefault("labelSeparation", 6)  # touching labels (years) thin out instead of running together
    for part, limit in (("axis", 180), ("legend", 160)):
        block = config[part]
        block["labelLimit"] = round((block.get("labelLimit") or limit) * ratio)
    config["legend"].setdefault("titleLimit", round(200 * ratio))
    # Row labels all stay at projector size (the row steps leave room for them); labels along a
    # discrete x axis (years) may still thin out when they would touch.
    config.setdefault("axisYDiscrete", {}).setdefault("labelOverlap", False)
    config.setdefault("axisXDiscrete", {}).setdefault("labelOverlap", "parity")


#: Point labels on a slide (text placed at data points, e.g. actor names in the network): at most this many
#: per layer, the most prominent first, and none that would touch another at slide size.
MAX_POINT_LABELS = 6
_LABEL_PRIORITY = ("size", "betweenness", "degree", "population")


def _thin_point_labels(spec: dict, font: float) -> None:
    """Keep the point labels that fit at ``font`` px: the most prominent first, none touching another.

    The drawing a page made for the screen places its labels for 11 px text; at slide size some
    would pile up. Prominence is the first of :data:`_LABEL_PRIORITY` the layer's data has (largest
    first; the network's centre has the largest point). Positions are mapped from the data range
    onto the view's size, as the chart's linear scales do (over their fixed domain when they have one).
    """
    datasets = spec.get("datasets") or {}
    width, height = spec.get("width"), spec.get("height")
    if not isinstance(width, int | float) or not isinstance(height, int | float):
        return

    def rows_of(node: dict, data) -> list | None:
        data = node.get("data") or data
        if isinstance(data, dict):
            return data.get("values") if "values" in data else datasets.get(data.get("name"))
        return None

    def visit(node: dict, data=None) -> None:
        mark = node.get("mark")
        kind = mark.get("type") if isinstance(mark, dict) else mark
        enc = node.get("encoding") or {}
        fx, fy, ft = (enc.get(c, {}).get("field") if isinstance(enc.get(c), dict) else None for c in ("x", "y", "text"))
        rows = rows_of(node, data)
        quantitative = all(isinstance(enc.get(c), dict) and enc[c].get("type") == "quantitative" for c in ("x", "y"))
        if kind == "text" and quantitative and fx and fy and ft and isinstance(rows, list) and rows:
            domains = (domain_of(enc["x"]) or extent(fx), domain_of(enc["y"]) or extent(fy))
            kept = _fitting_labels(
                rows, fx, fy, ft, domains, (width, height), font, mark if isinstance(mark, dict) else {}
            )
            if len(kept) < len(rows):
                node["transform"] = [*(node.get("transform") or []), {"filter": {"field": ft, "oneOf": kept}}]
        for key in ("layer", "hconcat", "vconcat", "concat"):
            for child in node.get(key) or []:
                if isinstance(child, dict):
                    visit(child, node.get("data") or data)

    def extent(field: str) -> tuple[float, float] | None:
        values = [r.get(field) for rows in datasets.values() if isinstance(rows, list) for r in rows[:20000]]
        nums = [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
        return (min(nums), max(nums)) if nums else None

    def domain_of(channel: dict) -> tuple[float, float] | None:
        # A fixed domain wider than the data (the network's margin) draws the points closer together.
        domain = (channel.get("scale") or {}).get("domain")
        if isinstance(domain, list) and len(domain) == 2 and all(isinstance(v, int | float) for v in domain):
            return float(domain[0]), float(domain[1])
        return None

    def _fitting_labels(rows, fx, fy, ft, domains, size, font, mark) -> list:
        ex, ey = domains
        if ex is None or ey is None:
            return [r.get(ft) for r in rows][:MAX_POINT_LABELS]
        fields = [f for f in _LABEL_PRIORITY if isinstance(rows[0], dict) and f in rows[0]]
        ordered = sorted(rows, key=lambda r: tuple(-(r.get(f) or 0) for f in fields))
        dy = float(mark.get("dy") or 0)
        placed, kept = [], []
        for r in ordered:
            x, y, text = r.get(fx), r.get(fy), str(r.get(ft) or "")
            if not isinstance(x, int | float) or not isinstance(y, int | float) or not text:
                continue
            px = (x - ex[0]) / ((ex[1] - ex[0]) or 1) * size[0]
            py = (1 - (y - ey[0]) / ((ey[1] - ey[0]) or 1)) * size[1] + dy
            half = text_width(text, font, True) / 2 + 3
            box = (px - half, py - font * 0.65, px + half, py + font * 0.65)
            if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
                continue
            placed.append(box)
            kept.append(r.get(ft))
            if len(kept) >= MAX_POINT_LABELS:
                break
        return kept

    visit(spec)


_LEGEND_CHANNELS = ("color", "fill", "stroke", "shape", "strokeDash", "opacity", "size")


def _compact_legends(spec: dict) -> None:
    """Legends in columns, so 18 pt entries do not run off the slide.

    A legend above or below a chart with more than two entries wraps into two columns; one beside
    the chart with more than seven entries too (the network's sectors).
    """

    def visit(node: dict) -> None:
        enc = node.get("encoding")
        if not isinstance(enc, dict):
            return
        for channel in _LEGEND_CHANNELS:
            e = enc.get(channel)
            if not isinstance(e, dict) or e.get("legend", {}) is None or e.get("type") not in ("nominal", "ordinal"):
                continue
            domain = (e.get("scale") or {}).get("domain")
            n = len(domain) if isinstance(domain, list) else 0
            legend = dict(e.get("legend") or {})
            side = legend.get("orient", "right") in ("top", "bottom")
            if "columns" not in legend and ((side and n > 2) or (not side and n > 7)):
                legend["columns"] = 2
                legend.pop("direction", None)
                e["legend"] = legend

    _walk({k: v for k, v in spec.items() if k not in ("datasets", "data", "config")}, visit)


def _scale_dims(spec: dict, factor_x: float, factor_y: float, min_step: float) -> None:
    """Widths (times ``factor_x``), heights and row steps (times ``factor_y``) of every view; text is not touched."""

    def size(value, factor: float, keep_min: float = 0):
        if isinstance(value, int | float) and not isinstance(value, bool):
            return max(round(value * factor), 40)
        if isinstance(value, dict) and isinstance(value.get("step"), int | float):
            return {**value, "step": max(round(value["step"] * factor, 1), keep_min)}
        return value

    def visit(node: dict) -> None:
        if "mark" in node or "layer" in node or "hconcat" in node or "vconcat" in node:
            if "width" in node:
                node["width"] = size(node["width"], factor_x)
            if "height" in node:
                # a row with one label needs room for it; with x/yOffset the step is one bar of several
                node["height"] = size(node["height"], factor_y, 0 if _has_offset(node) else min_step)

    visit(spec)  # the top level itself (a shallow copy would lose its new size), then everything below
    for key, value in spec.items():
        if key not in ("datasets", "data", "config"):
            _walk(value, visit)


def _has_offset(node: dict) -> bool:
    """Whether a view draws several marks per band (``xOffset``/``yOffset``): its step is per mark, not per label."""
    found = []

    def visit(n: dict) -> None:
        enc = n.get("encoding")
        if isinstance(enc, dict) and ("yOffset" in enc or "xOffset" in enc):
            found.append(True)

    _walk(node, visit)
    return bool(found)


def _integer_ticks(spec: dict) -> None:
    """Counts on a quantitative axis get whole-number ticks (no 0,5 centres)."""
    datasets = spec.get("datasets") or {}

    def values_of(node: dict, name_hint) -> list | None:
        data = node.get("data") or name_hint
        if isinstance(data, dict):
            if "values" in data:
                return data["values"]
            if "name" in data:
                return datasets.get(data["name"])
        return None

    def visit(node: dict, inherited=None) -> None:
        data = node.get("data") or inherited
        enc = node.get("encoding")
        if isinstance(enc, dict):
            rows = values_of(node, data)
            for channel in ("x", "y"):
                e = enc.get(channel)
                if not isinstance(e, dict) or e.get("type") != "quantitative" or e.get("axis") is None and "axis" in e:
                    continue
                whole = e.get("aggregate") == "count"
                if not whole and rows and e.get("field") and not e.get("aggregate") and not e.get("bin"):
                    vals = [r.get(e["field"]) for r in rows if isinstance(r, dict)]
                    nums = [v for v in vals if isinstance(v, int | float) and not isinstance(v, bool)]
                    whole = (
                        bool(nums)
                        and len(nums) == len([v for v in vals if v is not None])
                        and all(float(v).is_integer() for v in nums)
                    )
                    whole = whole and e.get("stack") != "normalize"
                if whole:
                    axis = e.get("axis") or {}
                    e["axis"] = {**axis, "tickMinStep": axis.get("tickMinStep", 1)}
        for key in ("layer", "hconcat", "vconcat", "concat"):
            for child in node.get(key) or []:
                if isinstance(child, dict):
                    visit(child, data)
        if isinstance(node.get("spec"), dict):
            visit(node["spec"], data)

    visit(spec)


# Altair's default theme, written into every slide spec: the theme is process-wide state.
_THEME_VIEW = {"continuousWidth": 300, "continuousHeight": 300}
_SUBCHARTS = ("layer", "hconcat", "vconcat", "concat", "spec")


def _inline_data(chart: Any) -> Any:
    """A copy of ``chart`` (and its sub-charts) with every data frame as inline values.

    Altair passes data frames through its data transformer, which is process-wide: while a page
    converts a chart for the browser, Streamlit switches it (under a lock of its own) to one that
    keeps the rows outside the spec. A slide drawn in another thread at that moment lost its data
    (an empty chart, or a chart without its mean ticks). Inline values never meet the transformer.
    """
    import altair as alt
    from altair.utils.data import to_values

    if not isinstance(chart, alt.SchemaBase):
        return chart
    out = chart.copy(deep=False)
    data = out._get("data")
    if isinstance(data, pd.DataFrame):
        out.data = alt.InlineData(values=to_values(data)["values"])
    for key in _SUBCHARTS:
        part = out._get(key)
        if isinstance(part, list):
            setattr(out, key, [_inline_data(p) for p in part])
        elif isinstance(part, alt.SchemaBase):
            setattr(out, key, _inline_data(part))
    return out


def _base_spec(chart: Any) -> dict:
    """The chart as a Vega-Lite dict (Altair's schema check skipped: tests/test_page_charts.py runs it once)."""
    if isinstance(chart, dict):
        spec = copy.deepcopy(chart)
    else:
        try:
            spec = _inline_data(chart).to_dict(validate=False)
        except TypeError:  # not an Altair chart: anything with a plain to_dict()
            spec = chart.to_dict()
        # Streamlit also switches the theme off while it converts; the slide keeps the default's view size.
        view = spec.setdefault("config", {}).setdefault("view", {})
        for key, value in _THEME_VIEW.items():
            view.setdefault(key, value)
    spec.pop("$schema", None)
    spec.pop("autosize", None)
    return spec


def slide_spec(
    chart: Any,
    lang: str,
    *,
    font: float = MIN_PT,
    scale: tuple[float, float] = (1.0, 1.0),
    width: float = 760,
    height: float | None = None,
) -> dict:
    """The chart's Vega-Lite spec for a slide.

    Text at ``font`` px or more, whole-number ticks for counts, views ``scale`` (across, down) times their size,
    ``width`` px for a view sized to its container, and a single view lower than half of ``height``
    made taller (a slide has room a page column has not).

    Examples
    --------
    >>> spec = slide_spec({"mark": "bar", "width": "container", "encoding": {}}, "da")
    >>> spec["width"], spec["config"]["axis"]["labelFontSize"]
    (760, 18)
    """
    spec = _base_spec(chart)
    if spec.get("width") == "container" or ("width" not in spec and _is_single_view(spec)):
        spec["width"] = round(width)
    if spec.get("height") == "container":
        spec["height"] = 300
    if height and _is_single_view(spec) and isinstance(spec.get("height"), int | float) and spec["height"] < height / 2:
        spec["height"] = round(height / 2)
    _raise_text(spec, font)
    _compact_legends(spec)
    _integer_ticks(spec)
    if tuple(scale) != (1.0, 1.0):
        _scale_dims(spec, scale[0], scale[1], min_step=font * 1.25)
    _thin_point_labels(spec, font)
    spec.setdefault("config", {}).setdefault("locale", {"number": fmt.D3_LOCALES.get(lang, fmt.D3_LOCALES["da"])})
    spec["config"].setdefault("font", "Liberation Sans")
    spec["background"] = "white"
    return spec


@dataclass
class ChartArt:
    """A chart drawn for a slide: its SVG, natural size (px = pt at scale 1) and smallest text (px)."""

    svg: str
    width: float
    height: float
    font: float
    _png: bytes | None = None

    def scale_in(self, box: tuple[float, float, float, float]) -> float:
        """How much the drawing is scaled to fit ``box`` (points per pixel)."""
        return min(box[2] / self.width, box[3] / self.height, MAX_UPSCALE)

    def png(self) -> bytes:
        """The drawing as PNG (for PPTX), rasterised once."""
        if self._png is None:
            import vl_convert as vlc

            self._png = vlc.svg_to_png(self.svg, scale=PNG_SCALE)
        return self._png


_SVG_SIZE = re.compile(r'<svg[^>]*?\swidth="([\d.]+)"[^>]*?\sheight="([\d.]+)"')


def _svg(spec: dict) -> tuple[str, float, float]:
    import vl_convert as vlc

    svg = vlc.vegalite_to_svg(spec)
    m = _SVG_SIZE.match(svg)
    if not m:
        raise ValueError("vl-convert returned an SVG without a size")
    return svg, float(m.group(1)), float(m.group(2))


def draw_chart(chart: Any, lang: str, box: tuple[float, float, float, float]) -> ChartArt:
    """Draw ``chart`` so that it fills ``box`` (points) with all text at least :data:`MIN_PT` pt.

    Text is set to :data:`MIN_PT` px and the chart drawn at 1 px = 1 pt. When a side is larger than
    the box (or much smaller), only the plot areas change along it (widths; heights and row steps),
    the text keeps its size: a second drawing tells how much of each side is text and how much plot
    (side = text + factor x plot), and a third uses the factors at which both sides fit. A chart
    that is mostly text is drawn with larger text and scaled down as a whole. :attr:`ChartArt.font`
    times :meth:`ChartArt.scale_in` is its smallest text on the slide.
    """
    width, height = box[2] * 0.8, box[3] - 90
    base = _spec_of(chart)  # converted once; each drawing works on a copy
    room = (box[2] * 0.99, box[3] * 0.99)

    def attempt(fx: float, fy: float, font: float = MIN_PT) -> ChartArt:
        spec = slide_spec(base, lang, font=font, scale=(fx, fy), width=width, height=height)
        svg, w, h = _svg(spec)
        return ChartArt(svg, w, h, font)

    first = attempt(1.0, 1.0)
    over = first.width > room[0] or first.height > room[1]
    if not over:
        # Room to spare: grow the plot along the short side. Text does not grow with it, so the
        # drawing grows less than the factor and still fits: one more drawing, no correction.
        grow = [
            min(space * 0.97 / got, 1.6) if got < 0.7 * space else 1.0
            for got, space in zip((first.width, first.height), room, strict=True)
        ]
        if grow == [1.0, 1.0]:
            return first
        grown = attempt(*grow)
        return grown if grown.scale_in(box) >= 1.0 else first
    fx, fy = (
        max((space / got) ** 1.5, 0.25) if got > space else 1.0
        for got, space in zip((first.width, first.height), room, strict=True)
    )
    tries = {(1.0, 1.0): first, (fx, fy): attempt(fx, fy)}
    second = tries[(fx, fy)]
    solved = []
    for got1, got2, factor, space in (
        (first.width, second.width, fx, room[0]),
        (first.height, second.height, fy, room[1]),
    ):
        plot = (got1 - got2) / (1.0 - factor) if factor != 1.0 else 0.0
        text = got1 - plot
        solved.append(min(max((space - text) / plot, 0.15), 2.0) if plot > 1 and space > text else factor)
    if max(abs(solved[0] - fx), abs(solved[1] - fy)) > 0.04:
        tries[tuple(solved)] = attempt(*solved)
    fitting = [k for k, art in tries.items() if art.scale_in(box) >= 1.0]
    if fitting:
        return tries[max(fitting, key=lambda k: k[0] * k[1])]  # the largest plot whose text stays at MIN_PT
    # Mostly text (labels, legends): larger text, drawn once more and scaled down to the box.
    key = max(tries, key=lambda k: tries[k].scale_in(box))
    return attempt(*key, math.ceil(MIN_PT / tries[key].scale_in(box) * 1.04))


# Drawings of recent charts (pinned views are drawn in the background when pinned, see ``prerender``).
_ART: OrderedDict[tuple, tuple[Any, ChartArt]] = OrderedDict()
_ART_LOCK = threading.Lock()
_ART_MAX = 96


def _art_key(chart: Any, lang: str, box: tuple) -> tuple:
    if isinstance(chart, dict):  # plain specs (tests) are keyed by content
        ident = hashlib.sha1(json.dumps(chart, sort_keys=True, default=str).encode()).hexdigest()
    else:
        ident = id(chart)  # the chart object is kept with its drawing, so the id stays its own
    return (ident, lang, tuple(round(v, 1) for v in box))


def chart_art(chart: Any, lang: str, box: tuple[float, float, float, float]) -> ChartArt | None:
    """:func:`draw_chart`, once per chart, language and box; None when the chart cannot be drawn."""
    key = _art_key(chart, lang, box)
    with _ART_LOCK:
        hit = _ART.get(key)
        if hit is not None:
            _ART.move_to_end(key)
            return hit[1]
    try:
        art = draw_chart(chart, lang, box)
    except Exception:  # noqa: BLE001 - one broken chart must not break the deck; the slide says so
        log.exception("slide chart could not be drawn")
        return None
    with _ART_LOCK:
        _ART[key] = (chart, art)
        while len(_ART) > _ART_MAX:
            _ART.popitem(last=False)
    return art


def _draw_all(slides: list[_Slide], lang: str, *, png: bool) -> list[ChartArt | None]:
    """Every slide's chart drawn, in parallel (vl-convert's engines run outside the GIL)."""

    def one(slide: _Slide) -> ChartArt | None:
        if slide.chart is None:
            return None
        art = chart_art(slide.chart.chart, lang, slide.box)
        if art is not None and png:
            art.png()
        return art

    if len(slides) <= 1:
        return [one(s) for s in slides]
    with ThreadPoolExecutor(max_workers=min(4, len(slides))) as pool:
        return list(pool.map(one, slides))


def prerender(views: Sequence[SlideView], info: DeckInfo) -> None:
    """Draw the charts of ``views`` now (e.g. in a background thread when a view is pinned).

    The deck download then finds them drawn and only lays out its pages.
    """
    _draw_all(_plan(views, info), info.lang, png=True)


def warm_up() -> None:
    """Start vl-convert's engine (its first drawing takes seconds; later ones a tenth of that)."""
    try:
        _svg(
            {"data": {"values": [{"a": 1}]}, "mark": "point", "encoding": {"x": {"field": "a", "type": "quantitative"}}}
        )
    except Exception:  # noqa: BLE001 - only a warm-up
        log.exception("vl-convert warm-up failed")


def _fit(box: tuple[float, float, float, float], art: ChartArt) -> tuple[float, float, float, float]:
    """The drawing's rectangle in ``box``: as large as allowed, centred horizontally, at the top."""
    s = art.scale_in(box)
    w, h = art.width * s, art.height * s
    return box[0] + (box[2] - w) / 2, box[1] + max(0.0, (box[3] - h) / 2) * 0.4, w, h


def smallest_text_pt(art: ChartArt, box: tuple[float, float, float, float]) -> float:
    """The smallest chart text on the slide, in points."""
    return art.font * art.scale_in(box)


def chart_text_sizes(views: Sequence[SlideView], info: DeckInfo) -> list[tuple[str, float | None]]:
    """``(slide heading, smallest chart text in pt)`` of every chart slide (None: not drawn), as the decks lay them out."""
    plans = [p for p in _plan(views, info) if p.chart is not None]
    arts = _draw_all(plans, info.lang, png=False)
    return [
        (p.texts[1].lines[0], None if a is None else round(smallest_text_pt(a, p.box), 2))
        for p, a in zip(plans, arts, strict=True)
    ]


# --- PPTX --------------------------------------------------------------------------------------------


def build_pptx(views: Sequence[SlideView], info: DeckInfo) -> bytes:
    """A 16:9 PPTX deck: a title slide, then one slide per chart of each view.

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
    from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
    from pptx.util import Pt

    prs = Presentation()
    prs.slide_width, prs.slide_height = Pt(SLIDE_W), Pt(SLIDE_H)
    blank = prs.slide_layouts[6]

    def place(slide, item: _Text) -> None:
        box = slide.shapes.add_textbox(Pt(item.x), Pt(item.y), Pt(item.width + 6), Pt(item.bottom - item.y + 4))
        if item.name:
            box.name = item.name
        frame = box.text_frame
        # lines are already wrapped with the PDF's metrics; a wrapping box keeps its left edge in every viewer
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
        frame.vertical_anchor = MSO_ANCHOR.TOP
        for i, line in enumerate(item.lines):
            para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            para.alignment = PP_ALIGN.RIGHT if item.align == "right" else PP_ALIGN.LEFT
            para.line_spacing = 1.0
            run = para.add_run()
            run.text = line
            run.font.size = Pt(item.size)
            run.font.bold = item.bold
            run.font.name = PPTX_FONT
            run.font.color.rgb = RGBColor(*item.colour)

    slides = _plan(views, info)
    arts = _draw_all(slides, info.lang, png=True)
    for item in [(_title_slide(views, info), None), *zip(slides, arts, strict=True)]:
        plan, art = item
        slide = prs.slides.add_slide(blank)
        for text in plan.texts:
            place(slide, text)
        if art is not None:
            x, y, w, h = _fit(plan.box, art)
            pic = slide.shapes.add_picture(io.BytesIO(art.png()), Pt(x), Pt(y), Pt(w), Pt(h))
            pic.name = f"Chart: {plain(plan.chart.title)}"[:250]
        elif plan.chart is not None:
            place(
                slide, _Text(plan.box[0], plan.box[1] + 40, plan.box[2], 18, [t("present.slide.no_chart", info.lang)])
            )
        slide.notes_slide.notes_text_frame.text = plan.notes

    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


# --- PDF ---------------------------------------------------------------------------------------------


def _hex(colour: tuple) -> str:
    return "#{:02x}{:02x}{:02x}".format(*colour)


_SVG_ROOT = re.compile(r"<svg[^>]*>")


def slide_svg(plan: _Slide, art: ChartArt | None) -> str:
    """One slide as an SVG page of 960 x 540 pt: text as text, the chart as its own vector drawing."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="{SLIDE_W:g}" height="{SLIDE_H:g}" viewBox="0 0 {SLIDE_W:g} {SLIDE_H:g}">',
        f'<rect width="{SLIDE_W:g}" height="{SLIDE_H:g}" fill="white"/>',
    ]
    for item in plan.texts:
        anchor = "end" if item.align == "right" else "start"
        x = item.x + item.width if item.align == "right" else item.x
        for i, line in enumerate(item.lines):
            baseline = item.y + item.size * (0.9 + 1.22 * i)
            parts.append(
                f'<text x="{x:.1f}" y="{baseline:.1f}" font-family="{FONT_FAMILY}" font-size="{item.size:g}" '
                f'font-weight="{"bold" if item.bold else "normal"}" fill="{_hex(item.colour)}" '
                f'text-anchor="{anchor}">{xml_escape(line)}</text>'
            )
    if art is not None:
        x, y, w, h = _fit(plan.box, art)
        root = _SVG_ROOT.match(art.svg)
        inner = art.svg[root.end() :] if root else ""
        parts.append(
            f'<svg x="{x:.2f}" y="{y:.2f}" width="{w:.2f}" height="{h:.2f}" '
            f'viewBox="0 0 {art.width:g} {art.height:g}">{inner}'
        )
    elif plan.chart is not None:
        parts.append(
            f'<text x="{plan.box[0]:.1f}" y="{plan.box[1] + 60:.1f}" font-family="{FONT_FAMILY}" font-size="18" '
            f'fill="{_hex(INK)}">{xml_escape(t("present.slide.no_chart", plan.lang))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def build_pdf(views: Sequence[SlideView], info: DeckInfo) -> bytes:
    """The same deck as a vector PDF: one 16:9 page per slide, every text selectable.

    Returns
    -------
    bytes
        The .pdf file.
    """
    import vl_convert as vlc
    from pypdf import PdfReader, PdfWriter

    slides = _plan(views, info)
    arts = _draw_all(slides, info.lang, png=False)
    pages = [(_title_slide(views, info), None), *zip(slides, arts, strict=True)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        pdfs = list(pool.map(lambda item: vlc.svg_to_pdf(slide_svg(*item)), pages))
    writer = PdfWriter()
    for data in pdfs:
        writer.append(PdfReader(io.BytesIO(data)))
    writer.add_metadata({"/Title": info.title or t("app.title", info.lang), "/Producer": "Medborgercenter-atlas"})
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()
