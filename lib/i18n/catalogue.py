"""One translation catalogue for every user-facing text (Danish default, English).

The catalogue is assembled from the ``TEXTS`` dicts of every module in
``lib/i18n/texts/``, so each page keeps its strings in its own file without
merge conflicts. A key defined twice is an error at import time.
"""

from __future__ import annotations

import importlib
import pkgutil
import string
from dataclasses import dataclass
from functools import cache, lru_cache

from lib.i18n import fmt as _fmt

LANGUAGES = ("da", "en")
DEFAULT_LANGUAGE = "da"


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    """Return the merged catalogue ``{key: {"da": ..., "en": ...}}``."""
    import lib.i18n.texts as texts_pkg

    merged: dict[str, dict[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(texts_pkg.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"lib.i18n.texts.{info.name}")
        for key, value in getattr(module, "TEXTS", {}).items():
            if key in merged:
                raise ValueError(f"text key {key!r} defined twice (lib/i18n/texts/{info.name}.py)")
            merged[key] = value
    return merged


class _Formatter(string.Formatter):
    """``str.format`` with the number and word-form specs of :func:`lib.i18n.fmt.format_field`."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value, format_spec: str) -> str:
        return _fmt.format_field(value, format_spec, self.lang) if format_spec else format(value)


_FORMATTERS = {}


def t(key: str, lang: str = DEFAULT_LANGUAGE, **fmt) -> str:
    """Translate ``key`` into ``lang`` and fill its placeholders.

    Placeholders may format numbers and choose word forms in the language:
    ``{n:num}`` -> ``1.234``, ``{n:område|områder}`` -> ``område`` for 1 (see
    :func:`lib.i18n.fmt.format_field`). A missing key returns the key itself, so a
    gap is visible but never crashes a page.

    Examples
    --------
    >>> t("app.title", "en")
    'Medborgercenter atlas'
    """
    entry = catalogue().get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry.get(DEFAULT_LANGUAGE) or key
    if fmt:
        formatter = _FORMATTERS.get(lang) or _FORMATTERS.setdefault(lang, _Formatter(lang))
        try:
            return formatter.vformat(text, (), fmt)
        except (KeyError, IndexError, ValueError, TypeError, AttributeError):
            return text
    return text


def label(kind: str, code, lang: str) -> str:
    """Label of a category code, e.g. ``label("type", "library", "da")``; falls back to the code."""
    key = f"{kind}.{code}"
    return t(key, lang) if key in catalogue() else str(code)


@dataclass(frozen=True)
class Translator:
    """``t`` bound to one language: callable like ``t(key, **fmt)``, hashable, one instance per language.

    Views take a translator rather than a language so their texts stay in the catalogue;
    being hashable, it can be part of a cache key.

    Examples
    --------
    >>> translator("en")("app.title")
    'Medborgercenter atlas'
    """

    lang: str

    def __call__(self, key: str, **fmt) -> str:
        """Translate ``key`` and fill its placeholders (see :func:`t`)."""
        return t(key, self.lang, **fmt)

    def label(self, kind: str, code) -> str:
        """Label of a category code in this language (see :func:`label`)."""
        return label(kind, code, self.lang)


@cache
def translator(lang: str) -> Translator:
    """The :class:`Translator` of ``lang`` (the same object every time)."""
    return Translator(lang if lang in LANGUAGES else DEFAULT_LANGUAGE)
