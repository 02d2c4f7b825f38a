"""One formatter for every number a reader sees: tables, charts, sliders, tooltips, slides and exports.

Danish text uses ``.`` for thousands and ``,`` for decimals (``1.000``, ``45,8 %``);
English uses ``1,000`` and ``45.8%``. Numbers go through babel's CLDR data; charts get
the same rules as a d3 locale (:data:`D3_LOCALES`, passed to Vega-Lite's ``config``).
"""

from __future__ import annotations

import math
from numbers import Real

from babel.numbers import format_decimal, format_percent

LOCALES = {"da": "da_DK", "en": "en_GB"}

#: d3-format locales for Vega-Lite (``{"config": {"locale": {"number": ...}}}``).
D3_LOCALES = {
    "da": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " kr."]},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["£", ""]},
}


def _locale(lang: str) -> str:
    return LOCALES.get(lang, LOCALES["da"])


def _missing(value) -> bool:
    return value is None or (isinstance(value, Real) and math.isnan(float(value)))


def number(value, lang: str, decimals: int | None = 0) -> str:
    """A number with the language's separators; ``decimals=None`` keeps up to three significant decimals.

    Examples
    --------
    >>> number(6266, "da"), number(6266, "en"), number(45.83, "da", 1)
    ('6.266', '6,266', '45,8')
    """
    if _missing(value):
        return "–"
    pattern = "#,##0" if decimals == 0 else ("#,##0.###" if decimals is None else "#,##0." + "0" * decimals)
    return format_decimal(value, format=pattern, locale=_locale(lang))


def percent(value, lang: str, decimals: int = 1, *, fraction: bool = False) -> str:
    """A percentage: ``value`` in percent points (45.8) or, with ``fraction=True``, as a fraction (0.458).

    Examples
    --------
    >>> percent(45.8, "da"), percent(45.8, "en"), percent(0.5, "da", 0, fraction=True)
    ('45,8 %', '45.8%', '50 %')
    """
    if _missing(value):
        return "–"
    share = float(value) if fraction else float(value) / 100
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    pattern += " %" if lang == "da" else "%"
    return format_percent(share, format=pattern, locale=_locale(lang))


def km(value, lang: str, decimals: int = 1) -> str:
    """A distance in kilometres (``2,0 km`` / ``2.0 km``)."""
    return f"{number(value, lang, decimals)} km"


def plural(n: int, one: str, other: str, lang: str) -> str:
    """``n`` with the right word form: ``plural(1, "område", "områder", "da")`` -> ``'1 område'``."""
    return f"{number(n, lang)} {one if n == 1 else other}"
