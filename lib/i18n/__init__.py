"""Everything a reader sees in words: the translation catalogue and the formatter of numbers.

``t(key, lang)`` and ``label(kind, code, lang)`` come from :mod:`lib.i18n.catalogue`;
the texts themselves live in :mod:`lib.i18n.texts`, one module per page.
"""

from lib.i18n.catalogue import DEFAULT_LANGUAGE, LANGUAGES, Translator, catalogue, label, t, translator

__all__ = ["DEFAULT_LANGUAGE", "LANGUAGES", "Translator", "catalogue", "label", "t", "translator"]
