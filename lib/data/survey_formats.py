"""Survey exports as survey tools give them (SurveyXact, Qualtrics, SurveyCTO style).

- Answers as choice text: the usual Danish and English five-point scales map to
  5..1 (:data:`SCALE`); "Ved ikke", "Don't know", "Ikke relevant" become blank
  (:data:`NO_ANSWER`); a leading number ("4 - Godt") is taken as it is.
- Multi-select questions as one column per option, headed ``"<question>: <option>"``
  (``:``, `` - `` or `` – `` between them), with 0/1, x/blank, "Valgt"/"Ikke valgt"
  or the option's own text as values (:func:`option_header`, :func:`option_chosen`).
- SPSS ``.sav`` files read with their value labels (:func:`read_sav_rows`), so a
  coded answer (``4``) arrives as its label ("Godt") and goes through the same
  mapping as a spreadsheet.

The questionnaire template whose question texts are exactly the headers the import
recognises is :mod:`lib.data.questionnaire`.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from lib.data.reference import fold
from lib.errors import AtlasError
from lib.schema import factorize_values

#: Five-point answer labels (Danish and English) and their value.
SCALE: dict[str, int] = {}
for _value, _labels in {
    5: (
        "Meget godt",
        "Meget god",
        "Helt enig",
        "Meget tilfreds",
        "Fremragende",
        "I meget høj grad",
        "Very good",
        "Strongly agree",
        "Very satisfied",
        "Excellent",
        "To a very high degree",
    ),
    4: (
        "Godt",
        "God",
        "Enig",
        "Delvis enig",
        "Tilfreds",
        "I høj grad",
        "Good",
        "Agree",
        "Satisfied",
        "To a high degree",
    ),
    3: (
        "Hverken godt eller dårligt",
        "Hverken god eller dårlig",
        "Hverken enig eller uenig",
        "Hverken tilfreds eller utilfreds",
        "Neutral",
        "Middel",
        "I nogen grad",
        "Neither good nor poor",
        "Neither good nor bad",
        "Neither agree nor disagree",
        "Neither satisfied nor dissatisfied",
        "Fair",
        "To some degree",
    ),
    2: (
        "Dårligt",
        "Dårlig",
        "Uenig",
        "Delvis uenig",
        "Utilfreds",
        "I mindre grad",
        "Poor",
        "Bad",
        "Disagree",
        "Dissatisfied",
        "To a small degree",
    ),
    1: (
        "Meget dårligt",
        "Meget dårlig",
        "Helt uenig",
        "Meget utilfreds",
        "Slet ikke",
        "Very poor",
        "Very bad",
        "Strongly disagree",
        "Very dissatisfied",
        "Not at all",
    ),
}.items():
    for _label in _labels:
        SCALE[fold(_label)] = _value

#: Answers that mean "no rating" and become blank.
NO_ANSWER = frozenset(
    fold(x)
    for x in (
        "Ved ikke",
        "Ved ikke/ikke relevant",
        "Ikke relevant",
        "Vil ikke svare",
        "Ønsker ikke at svare",
        "Don't know",
        "Dont know",
        "Do not know",
        "Not applicable",
        "N/A",
        "NA",
        "Prefer not to say",
        "Not relevant",
    )
)
#: Labels listed in a problem message as the allowed answers.
ALLOWED_TEXT = (
    "1-5, Meget godt, Godt, Hverken godt eller dårligt, Dårligt, Meget dårligt, Helt enig ... Helt uenig, "
    "Very good ... Very poor, Ved ikke / Don't know / Ikke relevant (tom)"
)
_LEADING_NUMBER = re.compile(r"^\s*([1-5])(?:[.,]0+)?(?:\s*(?:[-–:.)=]|$).*)?$")

_CHOSEN = frozenset(fold(x) for x in ("1", "x", "ja", "yes", "true", "sand", "valgt", "selected", "checked", "v"))
_NOT_CHOSEN = frozenset(
    fold(x) for x in ("", "0", "nej", "no", "false", "falsk", "ikke valgt", "not selected", "unchecked", "-")
)
_OPTION_SPLIT = re.compile(r"\s*(?::|\s-\s|\s–\s|\s—\s)\s*")


def rating_values(values: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Answers to a rating question as numbers 1-5 (text); return ``(values, mask of unknown labels)``.

    Numbers pass unchanged for the schema to range-check; known labels become
    their value; "don't know" answers become blank; anything else is unknown.

    Examples
    --------
    >>> out, bad = rating_values(pd.Series(["Meget godt", "4", "Ved ikke", "Super"]))
    >>> out.tolist(), bad.tolist()
    (['5', '4', '', 'Super'], [False, False, False, True])
    """
    text = pd.Series(values.to_numpy(dtype=object), index=values.index, dtype=object)
    codes, uniques = _distinct(text)
    lookup: list[str] = []
    unknown = np.zeros(len(uniques), dtype=bool)
    for k, raw in enumerate(uniques.tolist()):
        stripped = raw.strip()
        folded = fold(stripped)
        if folded in NO_ANSWER or stripped == "" or stripped.lower() in ("nan", "<na>", "none"):
            lookup.append("")
        elif folded in SCALE:
            lookup.append(str(SCALE[folded]))
        elif re.fullmatch(r"[-+]?\d+(?:[.,]\d+)?", stripped):
            lookup.append(stripped)  # a number: the schema checks its range
        elif (m := _LEADING_NUMBER.match(stripped)) is not None:
            lookup.append(m.group(1))
        else:
            lookup.append(raw)
            unknown[k] = True
    mapped = pd.Series(np.array(lookup, dtype=object)[codes], index=text.index, dtype=object)
    return mapped, unknown[codes]


def _distinct(text: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """``(codes, uniques)`` of a column as text: each distinct answer is looked at once, then spread back.

    A missing value (``None``, NaN) counts as ``""`` and any other non-text value as its ``str``,
    as the per-cell rule did.
    """
    codes, uniques = factorize_values(text)
    if (codes < 0).any() or not all(isinstance(v, str) for v in uniques):
        plain = text.map(lambda v: v if isinstance(v, str) else ("" if v is None or v != v else str(v)))
        codes, uniques = factorize_values(plain)
    return codes, uniques


def option_header(header: str, prefixes: dict[str, str]) -> tuple[str, str] | None:
    """``(target column, option label)`` of a multi-select header like ``"Fordele: Let at engagere frivillige"``.

    ``prefixes`` maps folded question texts (``"fordele"``, ``"advantages"``,
    the template's question) to the target column.

    Examples
    --------
    >>> option_header("Fordele: Let at engagere frivillige", {"fordele": "advantages"})
    ('advantages', 'Let at engagere frivillige')
    """
    parts = _OPTION_SPLIT.split(str(header).strip(), maxsplit=1)
    if len(parts) != 2 or not parts[1].strip():
        return None
    target = prefixes.get(fold(parts[0]))
    return (target, parts[1].strip()) if target else None


def option_chosen(values: pd.Series, option_label: str) -> tuple[np.ndarray, np.ndarray]:
    """Which rows chose an option: ``(chosen, unreadable)`` boolean arrays.

    A cell is chosen when it is 1/x/ja/yes/"Valgt" or the option's own text;
    blank, 0, nej/no and "Ikke valgt" are not chosen; anything else is unreadable.

    Examples
    --------
    >>> chosen, bad = option_chosen(pd.Series(["1", "", "Let at engagere frivillige", "måske"]),
    ...                             "Let at engagere frivillige")
    >>> chosen.tolist(), bad.tolist()
    ([True, False, True, False], [False, False, False, True])
    """
    text = pd.Series(values.to_numpy(dtype=object), index=values.index, dtype=object)
    codes, uniques = _distinct(text)
    own = fold(option_label)
    state = np.empty(len(uniques), dtype=np.int8)
    for k, raw in enumerate(uniques.tolist()):
        folded = fold(raw) if raw.lower() not in ("nan", "<na>", "none") else ""
        if folded in _CHOSEN or (folded and folded == own):
            state[k] = 1
        elif folded in _NOT_CHOSEN:
            state[k] = 0
        else:
            state[k] = -1
    picked = state[codes]
    return picked == 1, picked == -1


# --- SPSS ---------------------------------------------------------------------------------------


def read_sav_rows(data: bytes, max_rows: int | None = None) -> tuple[list[list[str]], dict]:
    """An SPSS ``.sav`` file as rows of text, with value labels applied and variable labels as headers.

    The header row holds each variable's label when it has one (the question
    text, as a survey tool writes it), else its name; a second mapping in
    ``meta["variables"]`` keeps name -> label. Values with a value label arrive
    as that label; other numbers as plain text (``4`` not ``4.0``).

    Raises
    ------
    AtlasError
        ``byod.err.sav`` when pyreadstat cannot read the file; ``data.err.too_many_rows``
        beyond ``max_rows``.
    """
    import tempfile
    from pathlib import Path

    import pyreadstat

    with tempfile.TemporaryDirectory(prefix="atlas_sav_") as tmp:
        path = Path(tmp) / "upload.sav"
        path.write_bytes(data)
        try:
            _, meta = pyreadstat.read_sav(str(path), metadataonly=True)
            if max_rows is not None and meta.number_rows is not None and meta.number_rows > max_rows:
                raise AtlasError("data.err.too_many_rows", rows=meta.number_rows, limit=max_rows)
            frame, meta = pyreadstat.read_sav(str(path), apply_value_formats=True, formats_as_category=False)
        except AtlasError:
            raise
        except Exception as err:  # noqa: BLE001 - pyreadstat raises its own and OS errors for damaged files
            raise AtlasError("byod.err.sav", detail=type(err).__name__) from err
    labels = dict(zip(meta.column_names, meta.column_labels or [None] * len(meta.column_names), strict=False))
    header = [str(labels.get(c) or c) for c in frame.columns]
    columns = []
    for name in frame.columns:
        series = frame[name]
        if pd.api.types.is_float_dtype(series):
            values = series.to_numpy()
            whole = np.isfinite(values) & (np.mod(values, 1) == 0)
            text = np.where(whole, np.char.mod("%d", np.nan_to_num(values).astype(np.int64)), np.char.mod("%r", values))
            text = np.where(np.isfinite(values), text, "")
            columns.append(text.tolist())
        else:
            columns.append(["" if v is None or (isinstance(v, float) and v != v) else str(v) for v in series])
    rows = [header] + [list(r) for r in zip(*columns, strict=True)] if columns else [header]
    return rows, {
        "format": "sav",
        "separator": None,
        "encoding": meta.file_encoding or None,
        "sheet": None,
        "sheets": (),
        "variables": dict(zip(meta.column_names, header, strict=True)),
    }
