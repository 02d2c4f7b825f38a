"""One formatter for every number a reader sees: tables, charts, sliders, tooltips, slides and exports.

Danish text uses ``.`` for thousands and ``,`` for decimals (``1.000``, ``45,8 %``);
English uses ``1,000`` and ``45.8%``. Numbers go through babel's CLDR data; charts get
the same rules as a d3 locale (:data:`D3_LOCALES`, written into the Vega-Lite spec's
``config.locale`` by :func:`localize_spec`); tables get them as a pandas ``Styler``
(:func:`styled`), which keeps the numbers sortable. Word forms follow CLDR's plural
rules (:func:`plural`, :func:`word`).

Texts in the catalogue can ask for the same formatting in their placeholders
(see :func:`format_field`): ``{n:num}`` (a whole number), ``{x:num1}`` (one decimal),
``{p:pct}`` (percent points), ``{km:km}`` and ``{n:område|områder}`` (the word form for ``n``).
"""

from __future__ import annotations

import math
import threading
import weakref
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from numbers import Integral, Real

import numpy as np
import pandas as pd

# pandas imports its Styler (and compiles the Styler's jinja2 templates) on the first ``frame.style``:
# ~0.15 s that would otherwise land on the first visitor of a page with a styled table, not on the
# server's start (lib.serve imports the app's modules in the background).
import pandas.io.formats.style  # noqa: F401
from babel import Locale
from babel.numbers import format_decimal

# the words themselves live in the catalogue's texts (the catalogue imports this module, not back)
from lib.i18n.texts.words import TEXTS as _WORDS

LOCALES = {"da": "da_DK", "en": "en_GB"}
NBSP = "\u00a0"
MISSING = "–"

#: d3-format locales for Vega-Lite (``{"config": {"locale": {"number": ...}}}``).
D3_LOCALES = {
    "da": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " kr."], "percent": NBSP + "%"},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["£", ""]},
}


def _locale(lang: str) -> str:
    return LOCALES.get(lang, LOCALES["da"])


@lru_cache(maxsize=4)
def _plural_rule(lang: str):
    return Locale.parse(_locale(lang)).plural_form


def _missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return isinstance(value, Real) and math.isnan(float(value))
    except (TypeError, ValueError):
        return False


def _pattern(decimals: int | None, trim: bool = False) -> str:
    if decimals is None:
        return "#,##0.###"
    return "#,##0" + ("." + ("#" if trim else "0") * decimals if decimals > 0 else "")


def _rounded(value, decimals: int | None):
    """``value`` as a Decimal rounded half away from zero (12,5 -> 13, as a reader rounds), from its shortest repr.

    Python's and babel's own rounding (half to even, on the binary value) would write 34,5 as 34 and
    could make one value read differently in a table and in a tooltip.
    """
    if isinstance(value, Decimal):
        exact = value
    elif isinstance(value, Integral):
        exact = Decimal(int(value))
    else:
        exact = Decimal(repr(float(value)))
    if decimals is None:
        return exact
    try:
        return exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    except InvalidOperation:  # more digits than the context holds: leave it as it is
        return exact


def number(value, lang: str, decimals: int | None = 0, *, trim: bool = False) -> str:
    """A number with the language's separators; ``decimals=None`` keeps up to three decimals.

    ``trim=True`` drops trailing zeros (``2,7`` rather than ``2,70``: thresholds in prose).

    Examples
    --------
    >>> number(6266, "da"), number(6266, "en"), number(45.83, "da", 1), number(2.70, "da", 2, trim=True)
    ('6.266', '6,266', '45,8', '2,7')
    """
    if _missing(value):
        return MISSING
    return _cached(_number_text, value, lang, decimals, trim)


def _cached(fn, value, *args):
    """``fn(value, *args)`` from its cache, or computed when ``value`` cannot be a cache key.

    babel's formatting costs ~0.1 ms a number, and the same slider labels, thresholds and
    counts are written again on every rerun.
    """
    try:
        return fn(value, *args)
    except TypeError:  # an unhashable number type: written without the cache
        return fn.__wrapped__(value, *args)


@lru_cache(maxsize=65_536, typed=True)
def _number_text(value, lang: str, decimals: int | None, trim: bool) -> str:
    return format_decimal(_rounded(value, decimals), format=_pattern(decimals, trim), locale=_locale(lang))


_SWAP_MARKS = str.maketrans(",.", ".,")


def numbers(values, lang: str, decimals: int = 0) -> list[str]:
    """:func:`number` for a whole column at once (the same text, tests hold them equal).

    Python's own grouping with the marks swapped for Danish, without a babel call per value:
    the map formats 15,000 centres and 4,000 areas for every new view.
    """
    arr = pd.to_numeric(pd.Series(values, copy=False), errors="coerce").to_numpy(dtype=float)
    # Python's formatting rounds the binary value, which agrees with rounding the shortest decimal
    # repr everywhere except at a tie (x.5 at the last place shown): only those go through Decimal.
    with np.errstate(invalid="ignore"):
        scaled = np.abs(arr) * 10.0**decimals
        tie = np.abs(scaled - np.floor(scaled) - 0.5) < 1e-9 * np.maximum(1.0, scaled)
    out = [
        MISSING if not math.isfinite(v) else (f"{_rounded(v, decimals):,.{decimals}f}" if t else f"{v:,.{decimals}f}")
        for v, t in zip(arr.tolist(), tie.tolist(), strict=True)
    ]
    if lang == "da":
        out = [x.translate(_SWAP_MARKS) for x in out]
    return out


def signed(value, lang: str, decimals: int = 0) -> str:
    """A number with its sign always written (``+1,5`` / ``-2``): differences and shifts.

    Examples
    --------
    >>> signed(1.5, "da", 1), signed(-2, "en"), signed(0, "da")
    ('+1,5', '-2', '0')
    """
    if _missing(value):
        return MISSING
    return _cached(_signed_text, value, lang, decimals)


@lru_cache(maxsize=16_384, typed=True)
def _signed_text(value, lang: str, decimals: int) -> str:
    rounded = _rounded(value, decimals)
    if rounded == 0:
        return number(0, lang, decimals)
    pattern = _pattern(decimals)
    return format_decimal(rounded, format=f"+{pattern};-{pattern}", locale=_locale(lang))


def percent(value, lang: str, decimals: int = 1, *, fraction: bool = False) -> str:
    """A percentage: ``value`` in percent points (45.8) or, with ``fraction=True``, as a fraction (0.458).

    Danish puts a (non-breaking) space before the sign, English none.

    Examples
    --------
    >>> percent(45.8, "da").replace(NBSP, " "), percent(45.8, "en"), percent(0.5, "da", 0, fraction=True)[:2]
    ('45,8 %', '45.8%', '50')
    """
    if _missing(value):
        return MISSING
    points = _rounded(_rounded(value, None) * 100 if fraction else value, decimals)
    return number(points, lang, decimals) + (f"{NBSP}%" if lang == "da" else "%")


def percent_range(lo, hi, lang: str, decimals: int = 0, *, fraction: bool = False) -> str:
    """An interval of percentages, the sign written once: ``12-34 %`` / ``12-34%``."""
    if _missing(lo) or _missing(hi):
        return MISSING
    scale = 100 if fraction else 1
    sign = f"{NBSP}%" if lang == "da" else "%"
    return f"{number(float(lo) * scale, lang, decimals)}–{number(float(hi) * scale, lang, decimals)}{sign}"


def number_range(lo, hi, lang: str, decimals: int = 0) -> str:
    """An interval of numbers: ``3,12–3,48``."""
    if _missing(lo) or _missing(hi):
        return MISSING
    return f"{number(lo, lang, decimals)}–{number(hi, lang, decimals)}"


def km(value, lang: str, decimals: int = 1) -> str:
    """A distance in kilometres (``2,0 km`` / ``2.0 km``)."""
    return f"{number(value, lang, decimals)}{NBSP}km"


def word(n, one: str, other: str, lang: str) -> str:
    """The word form that goes with ``n`` under CLDR's plural rules (``one`` for 1, else ``other``).

    Examples
    --------
    >>> word(1, "område", "områder", "da"), word(0, "område", "områder", "da"), word(2, "area", "areas", "en")
    ('område', 'områder', 'areas')
    """
    try:
        value = float(n)
    except (TypeError, ValueError):
        return other
    if math.isnan(value):
        return other
    if value.is_integer():
        value = int(value)
    return one if _plural_rule(lang)(abs(value)) == "one" else other


def plural(n, one: str, other: str, lang: str) -> str:
    """``n`` with the right word form: ``plural(1, "område", "områder", "da")`` -> ``'1 område'``.

    Examples
    --------
    >>> plural(1, "område", "områder", "da"), plural(1000, "problem", "problemer", "da")
    ('1 område', '1.000 problemer')
    """
    return f"{number(n, lang)} {word(n, one, other, lang)}"


def steps(low: float, high: float, step: float) -> list[float]:
    """The values of a slider from ``low`` to ``high`` as a list (rounded, so ``0.3`` is ``0.3``).

    Streamlit's ``st.slider`` writes its value with a printf format, which knows no decimal comma;
    ``st.select_slider(options=steps(...), format_func=...)`` lets this module write the labels.

    Examples
    --------
    >>> steps(0.5, 2.0, 0.5), steps(-0.2, 0.2, 0.1)
    ([0.5, 1.0, 1.5, 2.0], [-0.2, -0.1, 0.0, 0.1, 0.2])
    """
    count = int(round((high - low) / step))
    return [round(low + i * step, 6) + 0.0 for i in range(count + 1)]


# --- placeholders in catalogue texts --------------------------------------------------------------


def format_field(value, spec: str, lang: str) -> str:
    """Format one placeholder of a catalogue text; ``spec`` is what follows the colon.

    ``num`` / ``num1`` / ``num2``
        the number with 0, 1 or 2 decimals (``1.234``, ``2,5``);
    ``pct`` / ``pct1``
        percent points (``45 %`` / ``45,8 %``); ``frac`` / ``frac1``: a fraction 0-1 as percent;
    ``km``
        kilometres with one decimal;
    ``+num`` / ``+num1``
        with the sign always written;
    ``one|other``
        the word form that goes with ``value`` (``{n:område|områder}``);

    anything else is Python's own format spec.

    Examples
    --------
    >>> format_field(1234, "num", "da"), format_field(1, "område|områder", "da"), format_field(2.5, "num1", "en")
    ('1.234', 'område', '2.5')
    """
    if "|" in spec:
        one, _, other = spec.partition("|")
        return word(value, one, other, lang)
    if isinstance(value, str):  # already written out by the caller
        return value
    try:
        return _format_number_field(value, spec, lang)
    except (TypeError, ValueError, ArithmeticError):  # not a number after all: write it as it is
        return str(value)


def _format_number_field(value, spec: str, lang: str) -> str:
    kind, digits = spec.rstrip("0123456789"), spec[len(spec.rstrip("0123456789")) :]
    decimals = int(digits) if digits else 0
    if kind == "num":
        return number(value, lang, decimals)
    if kind == "+num":
        return signed(value, lang, decimals)
    if kind == "pct":
        return percent(value, lang, decimals)
    if kind == "frac":
        return percent(value, lang, decimals, fraction=True)
    if kind == "km":
        return km(value, lang, decimals if digits else 1)
    return format(value, spec)


# --- charts ------------------------------------------------------------------------------------------


def vega_locale(lang: str) -> dict:
    """The Vega-Lite ``config.locale`` of ``lang``: d3's number rules (axes, tooltips with a ``format``)."""
    return {"number": dict(D3_LOCALES.get(lang, D3_LOCALES["da"]))}


def localize_spec(spec: dict, lang: str, description: str | None = None) -> dict:
    """``spec`` (a Vega-Lite dict) with the language's number locale and, if given, a text description.

    Vega writes ``description`` as the chart's ``aria-label``: the text alternative screen
    readers announce. A description the chart already has is kept. Returns a new dict;
    ``spec`` itself is not changed.
    """
    config = dict(spec.get("config") or {})
    config["locale"] = vega_locale(lang)
    out = {**spec, "config": config}
    if description and not spec.get("description"):
        out["description"] = description
    return out


# --- tables ------------------------------------------------------------------------------------------


def column_decimals(values: pd.Series, most: int = 3) -> int:
    """The fewest decimals (up to ``most``) that show every value of a numeric column as it is.

    Examples
    --------
    >>> column_decimals(pd.Series([1.0, 2.5])), column_decimals(pd.Series([0.125, 3])), column_decimals(pd.Series([]))
    (1, 3, 0)
    """
    clean = pd.to_numeric(values, errors="coerce").dropna().astype(float)
    clean = clean[clean.map(math.isfinite)]
    for decimals in range(most + 1):
        if ((clean.round(decimals) - clean).abs() < 1e-9).all():
            return decimals
    return most


def _is_number_column(series: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)


def table_text(frame: pd.DataFrame, lang: str, decimals: dict | None = None) -> pd.DataFrame:
    """``frame`` with every number as text in the language (and yes/no for booleans): for slides and tests.

    ``decimals`` fixes the decimals of named columns; other numeric columns get
    :func:`column_decimals`. Year-like integer columns are written without separators.
    """
    out = frame.copy()
    for col in out.columns:
        out[col] = _column_text(out[col], lang, (decimals or {}).get(col))
    return out


def _is_year_column(series: pd.Series) -> bool:
    if not pd.api.types.is_integer_dtype(series):
        return False
    clean = series.dropna()
    return len(clean) > 0 and bool(clean.between(1900, 2100).all())


def yes_no(value, lang: str) -> str:
    """``Ja``/``Nej`` or ``Yes``/``No`` (``–`` when missing): booleans as a reader sees them."""
    if _missing(value):
        return MISSING
    entry = _WORDS["word.yes" if bool(value) else "word.no"]
    return entry.get(lang) or entry["da"]


def _is_bool_column(series: pd.Series) -> bool:
    if pd.api.types.is_bool_dtype(series):
        return True
    clean = series.dropna()
    return series.dtype == object and len(clean) > 0 and bool(clean.map(lambda v: isinstance(v, bool)).all())


def _column_text(series: pd.Series, lang: str, decimals: int | None) -> pd.Series:
    if _is_bool_column(series):
        return series.map(lambda v: yes_no(v, lang)).astype(object)
    if not _is_number_column(series):
        return series
    if _is_year_column(series):
        return series.map(lambda v: MISSING if _missing(v) else str(int(v))).astype(object)
    places = column_decimals(series) if decimals is None else decimals
    return series.map(lambda v: number(v, lang, places)).astype(object)


def words_for_booleans(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``frame`` with boolean columns as ``Ja``/``Nej`` (``Yes``/``No``): a CSV for readers, not ``True``/``False``.

    Numbers stay numbers (the CSV writer gives them the language's decimal mark).
    """
    columns = [c for c in frame.columns if _is_bool_column(frame[c])]
    if not columns:
        return frame
    out = frame.copy()
    for col in columns:
        out[col] = out[col].map(lambda v: yes_no(v, lang)).astype(object)
    return out


def styled(frame: pd.DataFrame, lang: str, decimals: dict | None = None):
    """A pandas ``Styler`` that shows ``frame``'s numbers and booleans in the language; the values stay numbers.

    Streamlit's table shows a Styler's display text but sorts by the values underneath, so a
    Danish reader sees ``1.234,5`` and can still sort the column. Index and column names are
    left as they are.
    """
    styler = frame.style
    for col in frame.columns:
        series = frame[col]
        if _is_bool_column(series):
            styler = styler.format(lambda v: yes_no(v, lang), subset=[col])
        elif _is_number_column(series):
            if _is_year_column(series):
                styler = styler.format(lambda v: MISSING if _missing(v) else str(int(v)), subset=[col])
                continue
            places = (decimals or {}).get(col)
            places = column_decimals(series) if places is None else places
            # each distinct value written once (numbers() is vectorised); the Styler calls this per cell
            distinct = pd.unique(series.dropna().to_numpy())
            texts = dict(zip(distinct.tolist(), numbers(distinct, lang, places), strict=True))
            styler = styler.format(
                lambda v, texts=texts, places=places: (
                    MISSING if _missing(v) else texts.get(v) or number(v, lang, places)
                ),
                subset=[col],
            )
    return styler


def rendered_once(styler):
    """``styler``, finished: it works out its cells' text and colours the first time it is drawn, then reuses them.

    Streamlit draws a Styler by calling its ``_compute`` and ``_translate`` on every rerun: 100-200 ms
    for the Areas page's table of 700-1,200 areas at x100, on every click, in every session. A page's
    Styler is a shared memo result that nothing changes once made, so its cells can be worked out
    once. The object stays a plain ``Styler`` (Streamlit recognises one by its exact type). Call this
    last: style functions added afterwards would not be drawn.
    """
    compute, translate = styler._compute, styler._translate
    lock, done = threading.Lock(), {}

    def _compute_once():
        with lock:
            if "computed" not in done:
                compute()
                done["computed"] = True
        return styler

    def _translate_once(*args, **kwargs):
        key = (args, tuple(sorted(kwargs.items())))
        with lock:
            if key not in done:
                done[key] = translate(*args, **kwargs)
            return dict(done[key])  # pandas' HTML rendering adds its own keys to what it gets

    styler._compute, styler._translate = _compute_once, _translate_once
    return styler


#: Above this many cells a table is shown as text rather than styled: Streamlit renders a Styler
#: cell by cell (about 1 s per 20,000 cells), on every rerun.
STYLE_MAX_CELLS = 10_000
_DISPLAY_CACHE: dict[tuple, tuple] = {}


def _needs_language(series: pd.Series) -> bool:
    """Whether Streamlit's own display of the column differs from the reader's: decimals or thousands."""
    if _is_bool_column(series) or not _is_number_column(series) or _is_year_column(series):
        return False  # booleans are checkboxes; years and small whole numbers read the same in both
    if pd.api.types.is_float_dtype(series):
        return True
    return bool((series.dropna().abs() >= 1000).any())


def for_display(frame: pd.DataFrame, lang: str, decimals: dict | None = None):
    """What to give ``st.dataframe`` so a reader sees numbers in the language: the frame, a Styler or text.

    The frame itself when Streamlit would write it the same way anyway (text, years, whole numbers
    under 1,000, booleans); a :func:`styled` Styler (numbers stay sortable) up to
    :data:`STYLE_MAX_CELLS` cells; above that, the numeric columns as text (sorted as text).
    Made once per frame and language: a page's tables are shared memo results, drawn on every
    rerun. A Styler made here works out its cells once (:func:`rendered_once`), also when two
    sessions draw it at once.
    """
    key = (id(frame), lang, tuple(sorted((decimals or {}).items())))
    cached = _DISPLAY_CACHE.get(key)
    if cached is not None and cached[0]() is frame:
        return cached[1]
    out = _display(frame, lang, decimals)
    if len(_DISPLAY_CACHE) > 256:
        _DISPLAY_CACHE.clear()
    _DISPLAY_CACHE[key] = (weakref.ref(frame), out)
    return out


def _display(frame: pd.DataFrame, lang: str, decimals: dict | None):
    columns = [c for c in frame.columns if _needs_language(frame[c])]
    if not columns:
        return frame
    if frame.size <= STYLE_MAX_CELLS:
        return rendered_once(styled(frame, lang, decimals))
    out = frame.copy()
    for col in columns:
        out[col] = _column_text(frame[col], lang, (decimals or {}).get(col))
    return out
