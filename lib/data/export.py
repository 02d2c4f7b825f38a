"""Exports: formula-safe CSV/XLSX that never fail on stored text, and offline PNG/SVG of Altair charts.

Text is cleaned again on the way out (:func:`neutralise_formulas`): what was imported before the
cleaning rule of :func:`lib.data.ingest.clean_text` existed may hold control characters
(ESC, form feed ...) that XML, and so XLSX, refuses. Lone surrogates and the XML
non-characters U+FFFE/U+FFFF become U+FFFD; values that are not scalars (lists, dicts)
are written as their text.
"""

from __future__ import annotations

import io
import re
import unicodedata

import altair as alt
import pandas as pd

from lib.data.ingest import clean_text

# OWASP CSV-injection advice: a cell starting with one of these may be run as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Lone surrogates cannot be encoded; U+FFFE and U+FFFF are not allowed in XML.
_UNWRITABLE = re.compile("[\ud800-\udfff\ufffe\uffff]")


def _safe_value(value):
    if isinstance(value, str):
        text = clean_text(value)
        return _UNWRITABLE.sub("\ufffd", text) if not text.isascii() else text
    if isinstance(value, list | tuple | set | dict | bytes):
        return _safe_value(str(value))
    return value


def _export_cell(value):
    value = _safe_value(value)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    r"""``frame`` fit for any writer: text cleaned (see the module docstring), formulas made text.

    Text cells that a spreadsheet would read as a formula get a leading quote; numbers are
    left alone (a negative number is data, not a formula). Column names are cleaned too.

    Examples
    --------
    >>> neutralise_formulas(pd.DataFrame({"a": ["=1+1", "ok", -3]}))["a"].tolist()
    ["'=1+1", 'ok', -3]
    >>> neutralise_formulas(pd.DataFrame({"b\x1b": ["x\x1b[1my"]})).to_dict("list")
    {'b': ['x[1my']}
    """
    out = frame.rename(columns=lambda c: c if isinstance(c, str) and c.isprintable() else _safe_value(str(c)))
    for col in out.columns:
        if isinstance(out[col].dtype, pd.CategoricalDtype):
            out[col] = out[col].astype(object)  # categories are written as their text: check them too
        if out[col].dtype == object or isinstance(out[col].dtype, pd.StringDtype):
            out[col] = out[col].map(_export_cell).astype(object)
    return out


def to_csv_bytes(frame: pd.DataFrame, lang: str = "da") -> bytes:
    """CSV that opens correctly in Excel: UTF-8 with BOM; Danish gets ';' and decimal comma."""
    safe = neutralise_formulas(frame)
    if lang == "da":
        text = safe.to_csv(index=False, sep=";", decimal=",", lineterminator="\r\n")
    else:
        text = safe.to_csv(index=False, lineterminator="\r\n")
    return text.encode("utf-8-sig")


def to_xlsx_bytes(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    """An XLSX workbook with one sheet; text that looks like a formula stays text."""
    buf = io.BytesIO()
    safe = neutralise_formulas(frame)
    for col in safe.columns:
        if isinstance(safe[col].dtype, pd.DatetimeTZDtype):
            safe[col] = safe[col].dt.tz_localize(None)
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        safe.to_excel(writer, index=False, sheet_name=_sheet_name(sheet))
    return buf.getvalue()


def _sheet_name(name: str) -> str:
    cleaned = re.sub(r"[\[\]\*\?/\\:']", "_", _safe_value(str(name))).strip()[:31]
    return cleaned or "data"


def slug(text: str) -> str:
    """A file-name-safe version of a title."""
    norm = unicodedata.normalize("NFKD", text.replace("æ", "ae").replace("ø", "oe").replace("å", "aa"))
    ascii_text = norm.encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()[:60] or "chart"


# Charts carry their rows inline when exported; Altair's default refuses more than 5,000
# (the network comparison has one row per centre: ~12,000 at x100). Set once, at import,
# by name: Streamlit switches the active transformer only inside its own lock.
alt.data_transformers.enable("default", max_rows=None)


def _titled(chart: alt.TopLevelMixin, title: str, subtitle: list[str]) -> dict:
    spec = chart.to_dict()
    spec["title"] = {
        "text": title,
        "subtitle": subtitle,
        "anchor": "start",
        "fontSize": 16,
        "subtitleFontSize": 11,
        "subtitleColor": "#555",
    }
    spec.setdefault("background", "white")
    if spec.get("width") == "container":
        spec["width"] = 800
    return spec


def chart_png(chart: alt.TopLevelMixin, title: str, subtitle: list[str], scale: float = 2.0) -> bytes:
    """The chart as PNG, rendered offline, with ``title`` and ``subtitle`` lines (e.g. the active filters)."""
    import vl_convert as vlc

    return vlc.vegalite_to_png(_titled(chart, title, subtitle), scale=scale)


def chart_svg(chart: alt.TopLevelMixin, title: str, subtitle: list[str]) -> bytes:
    """The chart as SVG, rendered offline."""
    import vl_convert as vlc

    return vlc.vegalite_to_svg(_titled(chart, title, subtitle)).encode("utf-8")


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~$=])")
# The colon of a shortcode or a link: Streamlit reads ":smile:", ":material/home:" and ":streamlit:" as
# pictures and "https://..." as a link *after* the Markdown escapes, so only a character between breaks them.
_WORD_COLON = re.compile(r":(?=[\w+\-/]+:|//)")
_NEWLINES = re.compile(r"\s*[\r\n]+\s*")


def escape_markdown(text: str) -> str:
    r"""User text that ``st.markdown`` (and every Markdown field: captions, help, labels) shows literally.

    Markdown syntax is backslash-escaped; line breaks become spaces (a line of ``===`` under a
    name would make it a heading); a word joiner (U+2060, invisible) follows the first colon of
    a shortcode (``:smile:``, ``:material/home:``) and of ``://``; other colons (``EPSG:25832``,
    ``10:30``) stay as they are. HTML is the caller's part (``lib.app.blocks.safe_text`` escapes
    it first).

    Examples
    --------
    >>> escape_markdown(":red[x] ![i](http://h/a.png)")
    ':red\\[x\\] \\!\\[i\\]\\(http:\u2060//h/a\\.png\\)'
    """
    return _WORD_COLON.sub(":\u2060", _MD_SPECIAL.sub(r"\\\1", _NEWLINES.sub(" ", text)))
