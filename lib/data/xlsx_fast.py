"""Reading XLSX sheets with python-calamine (Rust), about ten times faster than openpyxl.

A 200,000-row survey export takes openpyxl's read-only mode some 30 s on this
machine; calamine reads it in a few. Callers check the archive's size limits
first (``lib.data.ingest`` / ``lib.data.uploads``): calamine inflates whatever
it is given. Cell values come back as text the way ``ingest`` writes them
(``4`` not ``4.0``, ISO dates, ``1``/``0`` for booleans).

A sheet of text only (a survey export) is read by fastexcel instead, on the same Rust
reader, column by column through Arrow (see ``_read_text_sheet``).
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from itertools import chain

from lib.errors import AtlasError


def cell_text(value) -> str:
    """One cell as text, the way the atlas reads numbers (no ``.0`` on whole numbers).

    Examples
    --------
    >>> cell_text(4.0), cell_text(2.5), cell_text(None), cell_text(True)
    ('4', '2.5', '', '1')
    """
    if value is None or value == "":
        return ""
    if value.__class__ is str:
        return value
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return ""
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return str(value)


def check_archive(data: bytes) -> None:
    """Refuse a workbook that would expand far beyond its size (a zip bomb) before anything inflates it.

    The one bounded reader's check (:func:`lib.data.uploads.verify_zip`): size limit, member count
    and paths, nested archives, and every member's declared size proven while it is streamed.
    """
    from lib.data import uploads

    uploads.verify_zip(data, uploads.Limits.for_upload())


def _workbook(data: bytes):
    from python_calamine import CalamineWorkbook

    try:
        return CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as err:  # noqa: BLE001 - calamine raises its own error types for damaged archives
        raise AtlasError("data.err.xlsx_broken") from err


def sheet_names(data: bytes) -> list[str]:
    """The workbook's sheet names, in order."""
    return list(_workbook(data).sheet_names)


# Text that fastexcel may have written for a typed cell (a truth value, a date, a number in full
# digits): such a sheet is read cell by cell instead, where ``cell_text`` decides.
_TYPED_LOOKALIKE = re.compile(
    r"(?i)true|false|nan|-?inf|-?\d{16,}(?:\.\d*)?|-?0\.0{4,}\d*|\d{4}-\d\d-\d\d[ T]\d\d:\d\d(?::\d\d(?:\.\d+)?)?|.*\d+:\d\d:\d\d.*"
)


def _read_text_sheet(data: bytes, sheet: str | int, max_rows: int | None, clean) -> list[list[str]] | None:
    """A sheet of text cells as rows, column by column through Arrow (fastexcel); None for any other sheet.

    Each column's distinct texts become Python strings once and are shared by every row that has
    them: a 200,000-row export with 27 columns makes a few hundred string objects instead of
    5 million, and every later look-up of a column's distinct answers is cheaper for it. A sheet
    with a cell that may have been typed (see ``_TYPED_LOOKALIKE``) returns None.
    """
    try:
        import fastexcel
        import numpy as np
    except ImportError:
        return None
    positions: list[int] = []  # the sheet's columns as letters count them (A = 0): the first used may be later

    def every_column(column) -> bool:
        positions.append(column.absolute_index)
        return True

    try:
        batch = fastexcel.read_excel(data).load_sheet(
            sheet, header_row=None, skip_rows=0, dtypes="string", eager=True, use_columns=every_column
        )
    except Exception:  # noqa: BLE001 - calamine's reading below gives the file's own error
        return None
    n = batch.num_rows
    if max_rows is not None and n > max_rows + 16:
        raise AtlasError("data.err.too_many_rows", rows=n - 1, limit=max_rows)
    first = min(positions, default=0)
    grid = np.full((n, first + batch.num_columns), "", dtype=object)  # calamine's grid starts at A1 too
    for j, column in enumerate(batch.columns):
        encoded = column.dictionary_encode()
        texts = encoded.dictionary.to_pylist()
        if any(_TYPED_LOOKALIKE.fullmatch(v.strip()) for v in texts):
            return None
        if clean is not None:
            texts = [clean(v) for v in texts]
        codes = encoded.indices.fill_null(len(texts)).to_numpy(zero_copy_only=False)
        grid[:, first + j] = np.array([*texts, ""], dtype=object)[codes]  # a blank cell arrives as null
    return grid.tolist()


def read_sheet(
    data: bytes, sheet: str | int = 0, max_rows: int | None = None, clean: Callable[[str], str] | None = None
) -> list[list[str]]:
    """The rows of one sheet (by name or 0-based index) as lists of text, all of one length (from A1).

    ``clean`` (e.g. :func:`lib.data.ingest.clean_text`) is applied to every cell whose text needs it:
    it must leave clean text as it is.

    Raises
    ------
    AtlasError
        ``data.err.xlsx_broken`` for an archive calamine cannot read,
        ``data.err.too_many_rows`` beyond ``max_rows`` (plus a title block).
    """
    rows = _read_text_sheet(data, sheet, max_rows, clean)
    if rows is not None:
        return rows
    wb = _workbook(data)
    try:
        ws = wb.get_sheet_by_index(sheet) if isinstance(sheet, int) else wb.get_sheet_by_name(sheet)
        if max_rows is not None and ws.height > max_rows + 16:
            raise AtlasError("data.err.too_many_rows", rows=ws.height - 1, limit=max_rows)
        values = ws.to_python(skip_empty_area=False)
    except AtlasError:
        raise
    except Exception as err:  # noqa: BLE001
        raise AtlasError("data.err.xlsx_broken") from err
    try:
        everything = "".join(chain.from_iterable(values))  # every cell text already (the usual case): one check in C
    except TypeError:
        values = [row if _all_text(row) else [c if c.__class__ is str else cell_text(c) for c in row] for row in values]
        everything = "".join(chain.from_iterable(values))
    if clean is not None and not _is_clean(everything):
        # only a row with a control character (a newline too) or non-NFC text is cleaned
        values = [row if _is_clean("".join(row)) else [clean(v) for v in row] for row in values]
    return values


def _all_text(row: list) -> bool:
    try:
        "".join(row)
    except TypeError:
        return False
    return True


def _is_clean(text: str) -> bool:
    return text.isprintable() and unicodedata.is_normalized("NFC", text)


def read_sheets(data: bytes) -> dict[str, list[list[str]]]:
    """Every sheet of the workbook: ``{name: rows}``."""
    return {name: read_sheet(data, name) for name in sheet_names(data)}
