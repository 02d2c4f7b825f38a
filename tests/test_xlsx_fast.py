"""The two XLSX readers give the same rows: the column-wise one for text sheets, calamine's for the rest."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata

import openpyxl
import pytest

from lib.data import xlsx_fast
from lib.errors import AtlasError


def _workbook(cells: dict[str, object]) -> bytes:
    wb = openpyxl.Workbook()
    for ref, value in cells.items():
        wb.active[ref] = value
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _by_calamine(data: bytes, **kw) -> list[list[str]]:
    """What the cell-by-cell reader gives (the column-wise one switched off)."""
    original = xlsx_fast._read_text_sheet
    xlsx_fast._read_text_sheet = lambda *a, **k: None
    try:
        return xlsx_fast.read_sheet(data, **kw)
    finally:
        xlsx_fast._read_text_sheet = original


def test_a_text_sheet_reads_the_same_both_ways_from_a1():
    data = _workbook({"C3": "Navn", "D3": "Kommune", "C4": "Vollsmose", "D4": "Odense", "E6": " ", "C8": "Æblehaven"})
    fast = xlsx_fast._read_text_sheet(data, 0, None, None)
    assert fast is not None, "a sheet of text takes the column-wise path"
    assert fast == _by_calamine(data)
    assert fast[2][:4] == ["", "", "Navn", "Kommune"]  # blank leading rows and columns kept: row numbers stay right


def test_distinct_texts_are_shared_objects():
    data = _workbook({f"A{i}": "Meget godt" if i % 2 else "Godt" for i in range(1, 200)})
    rows = xlsx_fast.read_sheet(data)
    assert len({id(r[0]) for r in rows}) == 2


@pytest.mark.parametrize(
    "value", [4, 2.5, True, dt.date(2024, 1, 2), dt.datetime(2024, 1, 2, 3, 4), 1e20, 1e-7, dt.time(10, 30)]
)
def test_a_typed_cell_sends_the_sheet_to_the_cell_by_cell_reader(value):
    data = _workbook({"A1": "Årstal", "A2": value, "B1": "Navn", "B2": "x"})
    if xlsx_fast._read_text_sheet(data, 0, None, None) is not None:
        # numbers that read the same either way may stay on the fast path
        assert isinstance(value, int | float) and not isinstance(value, bool)
    assert xlsx_fast.read_sheet(data) == _by_calamine(data)


def test_clean_is_applied_to_distinct_texts_and_the_row_limit_holds():
    data = _workbook({"A1": "navn", "A2": "Ae\u0301r", "A3": "Ae\u0301r"})
    rows = xlsx_fast.read_sheet(data, clean=lambda v: unicodedata.normalize("NFC", v))
    assert rows == [["navn"], ["A\u00e9r"], ["A\u00e9r"]]
    big = _workbook({f"A{i}": "x" for i in range(1, 40)})
    with pytest.raises(AtlasError) as err:
        xlsx_fast.read_sheet(big, max_rows=10)
    assert err.value.key == "data.err.too_many_rows"
