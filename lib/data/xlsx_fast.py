"""Reading XLSX sheets with python-calamine (Rust), about ten times faster than openpyxl.

A 200,000-row survey export takes openpyxl's read-only mode some 30 s on this
machine; calamine reads it in a few. Callers check the archive's size limits
first (``lib.data.ingest`` / ``lib.data.uploads``): calamine inflates whatever
it is given. Cell values come back as text the way ``ingest`` writes them
(``4`` not ``4.0``, ISO dates, ``1``/``0`` for booleans).
"""

from __future__ import annotations

import io
from datetime import date, datetime, time, timedelta

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


def read_sheet(data: bytes, sheet: str | int = 0, max_rows: int | None = None) -> list[list[str]]:
    """The rows of one sheet (by name or 0-based index) as lists of text.

    Raises
    ------
    AtlasError
        ``data.err.xlsx_broken`` for an archive calamine cannot read,
        ``data.err.too_many_rows`` beyond ``max_rows`` (plus a title block).
    """
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
    out = []
    for row in values:
        try:
            "".join(row)  # every cell text already (the usual case): one check in C instead of one per cell
        except TypeError:
            row = [c if c.__class__ is str else cell_text(c) for c in row]
        out.append(row)
    return out


def read_sheets(data: bytes) -> dict[str, list[list[str]]]:
    """Every sheet of the workbook: ``{name: rows}``."""
    return {name: read_sheet(data, name) for name in sheet_names(data)}
