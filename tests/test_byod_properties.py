"""Property-based tests: the bring-your-own-data readers raise nothing but AtlasError (issue 14).

Whatever arrives (random bytes, delimited text headed by question texts and option
columns with answers drawn from the scales, SPSS-looking bytes, workbooks with random
Elements/Connections sheets), the column mapping, the natural-key resolution and the
network reader either return a well-formed result or raise the project's error type.
"""

from __future__ import annotations

import io

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib.data import ingest, keys, mapping, network_io, store
from lib.data import survey_formats as sf
from lib.errors import AtlasError
from lib.i18n import catalogue
from lib.schema import TABLES

TABLE = st.sampled_from(sorted(TABLES))
LIMITS = ingest.ReadOptions(max_bytes=1_000_000, max_rows=2_000)
HEADERS = sorted(
    {h for table in mapping.NATURAL_HEADERS.values() for labels in table.values() for h in labels}
    | {v for k, e in catalogue().items() if k.startswith("byod.q.") for v in e.values()}
    | {"Fordele: Let at engagere frivillige", "Ulemper: For lidt plads", "Fordele: ukendt", "2019", "2020 pct."}
)
CELLS = st.sampled_from(
    sorted({*sf.SCALE, *sf.NO_ANSWER, "1", "x", "", "Aarhus", "MC001", "A01", "5,5", "Valgt"})
) | st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), max_size=12)


@pytest.fixture(scope="module")
def frames(seeded_memory_engine):
    return store.read_all_current(seeded_memory_engine)


def _read(table, data, frames):
    try:
        read, extras = keys.read_mapped(table, data, frames, options=LIMITS)
    except AtlasError as err:
        assert err.message("da") and err.message("en")
        return
    assert set(read.frame.columns) <= set(TABLES[table].names)
    assert len(read.rows) == len(read.frame)
    assert set(read.problems.columns) >= {"row", "column", "message_da", "message_en"}


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=2000), table=TABLE)
def test_any_bytes_through_the_mapping(frames, data, table):
    _read(table, data, frames)


@st.composite
def wide_files(draw):
    header = draw(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=10))
    body = draw(st.lists(st.lists(CELLS, min_size=0, max_size=12), max_size=8))
    sep = draw(st.sampled_from([";", ",", "\t"]))
    lines = [sep.join(c.replace(sep, " ").replace("\n", " ").replace('"', "") for c in row) for row in [header, *body]]
    return "\r\n".join(lines).encode(draw(st.sampled_from(["utf-8", "cp1252"])), errors="replace")


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(data=wide_files(), table=TABLE)
def test_wide_files_with_question_texts(frames, data, table):
    _read(table, data, frames)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=1500))
def test_sav_reader_only_atlas_errors(data):
    try:
        rows, meta = sf.read_sav_rows(b"$FL2" + data)
    except AtlasError:
        return
    assert rows and meta["format"] == "sav"


def _workbook(elements, connections) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in (("Elements", elements), ("Connections", connections)):
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


NET_HEADERS = st.sampled_from(["Label", "Type", "Område", "From", "To", "Strength", "År", "ID", "Kommune", "x"])
NET_CELLS = st.sampled_from(["Samarbejde", "Frivillig", "Kommunal", "3", "2026", "Mjølnerparken", "A01", ""]) | st.text(
    st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), max_size=8
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(
    eh=st.lists(NET_HEADERS, min_size=1, max_size=5),
    ch=st.lists(NET_HEADERS, min_size=1, max_size=5),
    cells=st.lists(st.lists(NET_CELLS, max_size=5), max_size=6),
)
def test_network_workbooks_only_atlas_errors(seeded_memory_engine, eh, ch, cells):
    data = _workbook([eh, *cells], [ch, *cells])
    try:
        prepared = network_io.prepare_network(seeded_memory_engine, data, source_file="n.xlsx")
    except AtlasError as err:
        assert err.message("en")
        return
    assert set(prepared.problems.columns) >= {"row", "column", "message_en"}


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=1500) | st.builds(lambda b: b"<graphml>" + b, st.binary(max_size=500)))
def test_network_reader_any_bytes(seeded_memory_engine, data):
    try:
        network_io.prepare_network(seeded_memory_engine, data, source_file="n.bin")
    except AtlasError as err:
        assert err.message("da")
