"""Property-based tests: whatever bytes arrive, lib.data.ingest raises nothing but AtlasError.

And what it returns is well-formed: canonical columns only, one row number per
row, row numbers increasing and beyond the header.
"""

from __future__ import annotations

import io

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib.data import ingest
from lib.errors import AtlasError
from lib.schema import TABLES, validate

TABLE = st.sampled_from(sorted(TABLES))
LIMITS = {"max_bytes": 1_000_000, "max_rows": 5_000}
CELL_ALPHABET = st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs", "Cc")) | st.sampled_from(
    list(';,\t|"\r\n æøåÆØÅ=+-@<>')
)
HEADERS = sorted({h for t in TABLES.values() for h in t.aliases()}) + ["advantages_adv_x", "easting", "northing", ""]


def _check(result: ingest.ReadResult, table: str) -> None:
    assert set(result.frame.columns) <= set(TABLES[table].names)
    assert len(result.rows) == len(result.frame)
    rows = result.rows.tolist()
    assert rows == sorted(rows) and all(r > result.report.header_row for r in rows)
    clean, problems = validate(table, result.frame, row_numbers=result.rows)  # validate copes as well
    assert len(clean) == len(result.frame)


def _read(data: bytes, table: str, options: ingest.ReadOptions | None = None) -> None:
    options = options or ingest.ReadOptions(**LIMITS)
    try:
        result = ingest.read_file(data, table, options=options)
    except AtlasError as err:
        assert err.key.startswith(("data.err.", "byod.err.", "store.")), err.key
        assert err.message("da") and err.message("en")
        return
    _check(result, table)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=3000), table=TABLE)
def test_any_bytes(data, table):
    _read(data, table)


@st.composite
def delimited(draw):
    sep = draw(st.sampled_from([";", ",", "\t", "|", ":"]))
    header = draw(st.lists(st.sampled_from(HEADERS) | st.text(CELL_ALPHABET, max_size=12), min_size=0, max_size=12))
    body = draw(st.lists(st.lists(st.text(CELL_ALPHABET, max_size=15), max_size=14), max_size=12))
    quote = draw(st.booleans())

    def line(cells):
        if quote:
            return sep.join('"' + c.replace('"', '""') + '"' for c in cells)
        return sep.join(cells)

    text = "\r\n".join(line(r) for r in [header, *body])
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "latin-1"]))
    return text.encode(encoding, errors="replace")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=delimited(), table=TABLE)
def test_any_delimited_text(data, table):
    _read(data, table)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=delimited(),
    table=TABLE,
    sep=st.none() | st.text(max_size=3),
    encoding=st.none() | st.sampled_from(["utf-8", "cp1252", "utf-16", "ascii", "nonsense", "rot13", ""]),
    decimal=st.none() | st.text(max_size=2),
    sheet=st.none() | st.text(max_size=4) | st.integers(-3, 5),
)
def test_any_forced_settings(data, table, sep, encoding, decimal, sheet):
    options = ingest.ReadOptions(separator=sep, encoding=encoding, decimal=decimal, sheet=sheet, **LIMITS)
    _read(data, table, options)


def _workbook(rows) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


XLSX_CELL = (
    st.none()
    | st.integers(-(10**12), 10**12)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.booleans()
    | st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), max_size=10)
    | st.sampled_from(HEADERS)
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.lists(XLSX_CELL, max_size=8), max_size=8), table=TABLE)
def test_any_workbook(rows, table):
    _read(_workbook(rows), table)


BASE_XLSX = _workbook([["code", "kind", "label_da", "label_en"], ["a", "advantage", "x", "y"]])


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    flips=st.lists(st.tuples(st.integers(0, len(BASE_XLSX) - 1), st.integers(0, 255)), min_size=1, max_size=20),
    cut=st.none() | st.integers(10, len(BASE_XLSX)),
)
def test_damaged_workbook(flips, cut):
    data = bytearray(BASE_XLSX)
    for pos, value in flips:
        data[pos] = value
    if cut is not None:
        data = data[:cut]
    _read(bytes(data), "codebook")
