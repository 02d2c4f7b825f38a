"""Exports: formula-safe CSV/XLSX, and offline PNG/SVG of Altair charts (vl-convert)."""

from __future__ import annotations

import io
import re
import unicodedata

import altair as alt
import pandas as pd

# OWASP CSV-injection advice: a cell starting with one of these may be run as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells that a spreadsheet would read as a formula with a quote.

    Numbers are left alone (a negative number is data, not a formula).

    Examples
    --------
    >>> neutralise_formulas(pd.DataFrame({"a": ["=1+1", "ok", -3]}))["a"].tolist()
    ["'=1+1", 'ok', -3]
    """
    out = frame.copy()
    for col in out.columns:
        if isinstance(out[col].dtype, pd.CategoricalDtype):
            out[col] = out[col].astype(object)  # categories are written as their text: check them too
        if out[col].dtype == object or isinstance(out[col].dtype, pd.StringDtype):
            out[col] = (
                out[col]
                .map(lambda v: "'" + v if isinstance(v, str) and v.startswith(_FORMULA_START) else v)
                .astype(object)
            )
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
    cleaned = re.sub(r"[\[\]\*\?/\\:]", "_", name)[:31]
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


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~$])")


def escape_markdown(text: str) -> str:
    """Backslash-escape Markdown syntax so user text shows literally in ``st.markdown``."""
    return _MD_SPECIAL.sub(r"\\\1", text)
