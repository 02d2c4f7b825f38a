"""Real reference data: the 98 kommuner with their DAGI codes and regions, and name folding.

``data/reference/municipalities.csv`` (sources in the README beside it) is read once.
A kommune may be named by its code (``101``, ``"0101"``), its official name, its English
name or any of the aliases editors write (``Københavns Kommune``, ``Aarhus Kommune``,
``Århus``, ``Hoeje-Taastrup``); all are compared after :func:`fold`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import pandas as pd

REFERENCE_DIR = Path(__file__).resolve().parents[2] / "data" / "reference"
MUNICIPALITIES_CSV = REFERENCE_DIR / "municipalities.csv"

# Danish letters and their usual ASCII spellings fold to one form, so "Toveshøj",
# "Toveshoej" and "Toveshoj" compare equal, and "Tåstrup" equals "Taastrup".
_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ß": "ss"})
_ASCII_PAIRS = (("oe", "o"), ("aa", "a"))
# Suffixes meaning "and the rest" in published area names ("Sebbersundvej mv.", "Agervang m.fl.").
_AND_MORE = re.compile(r"(?:^|\s)(?:m\s*v|m\s*fl|mfl|med\s+flere|og\s+omegn)\s*$")
_PUNCT = re.compile(r"[\s/\\\-\u2013\u2014_.,;:()\[\]'\"`´+&]+")


def fold(text) -> str:
    """A name in the form used for matching: case, accents, æ/ø/å spellings and punctuation ignored.

    ``/``, ``-`` and ``.`` separate words the same way as a space; a trailing
    ``mv.`` or ``m.fl.`` ("and more") is dropped.

    Examples
    --------
    >>> fold("Gellerupparken/Toveshøj") == fold("gellerupparken - toveshoej")
    True
    >>> fold("Sebbersundvej mv.") == fold("Sebbersundvej")
    True
    """
    if text is None or (isinstance(text, float) and text != text):
        return ""
    s = unicodedata.normalize("NFC", str(text)).lower().translate(_LETTERS)
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    s = _PUNCT.sub(" ", s).strip()
    s = _AND_MORE.sub("", s).strip()
    for pair, single in _ASCII_PAIRS:
        s = s.replace(pair, single)
    return re.sub(r"\s+", " ", s)


@lru_cache(maxsize=1)
def municipalities() -> pd.DataFrame:
    """The 98 kommuner: ``municipality_code`` (int), ``municipality``, ``region_code``, ``region``, ``name_en``, ``aliases``.

    Examples
    --------
    >>> len(municipalities())
    98
    """
    frame = pd.read_csv(MUNICIPALITIES_CSV, dtype=str, keep_default_na=False, encoding="utf-8")
    frame["municipality_code"] = frame["municipality_code"].astype(int)
    frame["region_code"] = frame["region_code"].astype(int)
    return frame


@lru_cache(maxsize=1)
def _name_index() -> dict[str, int]:
    index: dict[str, int] = {}
    for row in municipalities().itertuples(index=False):
        names = [row.municipality, row.name_en, *[a for a in row.aliases.split("|") if a]]
        names += [f"{row.municipality} kommune", f"{row.municipality}s kommune"]
        for name in names:
            index.setdefault(fold(name), row.municipality_code)
    return index


@lru_cache(maxsize=1)
def _by_code() -> dict[int, tuple[str, str]]:
    return {r.municipality_code: (r.municipality, r.region) for r in municipalities().itertuples(index=False)}


def municipality_code(value) -> int | None:
    """The kommunekode of a kommune given by code or by any known name; None when unknown.

    Examples
    --------
    >>> municipality_code("Københavns Kommune"), municipality_code("0751"), municipality_code("Atlantis")
    (101, 751, None)
    """
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = str(value).strip()
    if not text:
        return None
    digits = text[:-2] if text.endswith(".0") else text
    if digits.isdigit():
        code = int(digits)
        return code if code in _by_code() else None
    return _name_index().get(fold(text))


def municipality_name(code) -> str | None:
    """The official name of kommune ``code`` (e.g. 101 -> "København"); None when unknown."""
    found = _by_code().get(municipality_code(code)) if code is not None else None
    return found[0] if found else None


def region_of(code) -> str | None:
    """The region (short Danish name, as in ``lib.schema.REGIONS``) of kommune ``code``."""
    found = _by_code().get(municipality_code(code)) if code is not None else None
    return found[1] if found else None


def suggest_municipality(value) -> str | None:
    """The kommune name closest to an unknown spelling, for a "did you mean" hint."""
    from rapidfuzz import fuzz, process

    index = _name_index()
    hit = process.extractOne(fold(value), list(index), scorer=fuzz.WRatio, score_cutoff=80)
    return municipality_name(index[hit[0]]) if hit else None


def _text(value) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    text = str(value).strip()
    return "" if text in ("<NA>", "nan") else text


def fill_municipality_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Fill ``municipality_code``, ``municipality`` and ``region`` from whichever of them is given.

    Works on text (as read from a file) and leaves a cell alone when it has a
    value, so a wrong value still reaches validation; a kommune written by name
    in the code column (``"Aarhus"``) becomes its code. Returns a new frame with
    all three columns.

    Examples
    --------
    >>> out = fill_municipality_columns(pd.DataFrame({"municipality": ["Aarhus Kommune"]}))
    >>> out[["municipality_code", "municipality", "region"]].iloc[0].tolist()
    ['751', 'Aarhus', 'Midtjylland']
    """
    out = frame.copy()
    empty = [""] * len(out)
    code_in = [_text(v) for v in (out["municipality_code"] if "municipality_code" in out.columns else empty)]
    name_in = [_text(v) for v in (out["municipality"] if "municipality" in out.columns else empty)]
    region_in = [_text(v) for v in (out["region"] if "region" in out.columns else empty)]
    codes, names, regions = [], [], []
    for c, m, r in zip(code_in, name_in, region_in, strict=True):
        code = municipality_code(c) if c else municipality_code(m)
        codes.append(str(code) if code is not None else c)  # an unknown code stays for validation to report
        # a known kommune gets its official name, so "Københavns Kommune" and "København" filter as one
        names.append((municipality_name(code) if code is not None else None) or m)
        regions.append(r or (region_of(code) or "" if code is not None else ""))
    out["municipality_code"] = codes
    out["municipality"] = names
    out["region"] = regions
    return out
