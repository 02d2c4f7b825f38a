"""The store and import tests against a real PostgreSQL (deployment at scale: several replicas, one database).

Runs when ``ATLAS_TEST_POSTGRES_URL`` is set (``scripts/start_postgres.sh`` prints one), and is
skipped otherwise. Every test gets its own schema (``search_path`` in the URL), so tests never
see each other's tables and nothing has to be cleaned by hand.

Two parts:
- every test of tests/test_store.py and tests/test_imports.py that takes the ``empty_engine`` or
  ``seeded_engine`` fixture, re-run here with a PostgreSQL engine of the same kind (so the SQLite and
  PostgreSQL suites cannot drift apart);
- what only matters with several app processes on one database: truly concurrent imports,
  replicas seeding and creating the tables at the same moment, large payloads, time zones.
"""

from __future__ import annotations

import inspect
import os
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pandas as pd
import pytest

from lib.data import store
from lib.errors import AtlasError
from tests import test_imports, test_store

PG_URL = os.environ.get("ATLAS_TEST_POSTGRES_URL", "").strip()
pytestmark = pytest.mark.skipif(not PG_URL, reason="ATLAS_TEST_POSTGRES_URL not set (scripts/start_postgres.sh)")


def _admin():
    import sqlalchemy as sa

    return sa.create_engine(PG_URL, poolclass=sa.pool.NullPool)


@pytest.fixture
def pg_url():
    """URL of a fresh, empty schema in the test database; dropped afterwards."""
    import sqlalchemy as sa

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = _admin()
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in PG_URL else "?"
    yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    with admin.begin() as conn:
        conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture
def empty_engine(pg_url):
    eng = store.get_engine(pg_url)
    assert eng.dialect.name == "postgresql"
    yield eng
    eng.dispose()


@pytest.fixture
def seeded_engine(empty_engine):
    store.ensure_seeded(empty_engine)
    return empty_engine


# --- the SQLite suites, re-run on PostgreSQL ----------------------------------------------------------------


def _takes_engine(fn) -> bool:
    return callable(fn) and bool({"empty_engine", "seeded_engine"} & set(inspect.signature(fn).parameters))


for _module in (test_store, test_imports):
    for _name, _fn in list(vars(_module).items()):
        if _name.startswith("test_") and inspect.isfunction(_fn) and _takes_engine(_fn):
            # Same test function, collected here, where its engine fixture is the PostgreSQL one above.
            globals()[f"{_name}__{_module.__name__.rsplit('.', 1)[-1]}"] = _fn
del _module, _name, _fn


# --- what several replicas on one database need ----------------------------------------------------------


def _codebook(*codes: str) -> pd.DataFrame:
    return test_store.codebook_frame(*codes)


def test_full_sample_round_trip_and_metadata(empty_engine, sample_tables):
    for table in store.SEED_ORDER:
        store.import_frame(empty_engine, table, sample_tables[table], editor="ed", source_file=f"{table}.csv")
    back = store.read_all_current(empty_engine)
    for table in store.SEED_ORDER:
        pd.testing.assert_frame_equal(back[table], sample_tables[table])
    info = store.current_versions(empty_engine)["survey_responses"]
    assert info.created_at.tzinfo is not None, "timestamps must keep their time zone"
    assert info.n_rows == len(sample_tables["survey_responses"])


def test_large_version_round_trip(empty_engine):
    from bench.scale import build_frames

    frames = build_frames(10)
    vid = store.import_frame(
        empty_engine, "survey_responses", frames["survey_responses"], editor="e", source_file="big"
    )
    back = store.read_version(empty_engine, vid)
    assert len(back) == len(frames["survey_responses"]) > 20_000
    assert store.frame_checksum(back) == store.frame_checksum(frames["survey_responses"])


def test_truly_concurrent_imports_end_as_one_version_and_clear_refusals(empty_engine):
    base = store.import_frame(empty_engine, "codebook", _codebook("a"), editor="e", source_file="0.csv")
    n = 8
    barrier = threading.Barrier(n)

    def attempt(i: int):
        barrier.wait()
        try:
            return store.import_frame(
                empty_engine, "codebook", _codebook("a", f"x{i}"), editor=f"e{i}", source_file=f"{i}.csv", based_on=base
            )
        except AtlasError as err:
            return err.key

    with ThreadPoolExecutor(n) as pool:
        results = list(pool.map(attempt, range(n)))
    winners = [r for r in results if isinstance(r, int)]
    assert len(winners) == 1, results
    assert sorted(r for r in results if not isinstance(r, int)) == ["store.concurrent_import"] * (n - 1)
    assert store.current_version_ids(empty_engine)["codebook"] == winners[0]
    # the losers left nothing behind: two versions, two audit entries
    assert len(store.list_versions(empty_engine, "codebook")) == 2
    assert len(store.audit_log(empty_engine, "codebook")) == 2


def test_replicas_starting_together_create_and_seed_once(pg_url):
    """Several app processes start at once on an empty database: one seed per table, no error."""
    n = 4
    barrier = threading.Barrier(n)

    def replica(_i):
        barrier.wait()
        eng = store.get_engine(pg_url)
        try:
            return store.ensure_seeded(eng)
        finally:
            eng.dispose()

    with ThreadPoolExecutor(n) as pool:
        seeded = list(pool.map(replica, range(n)))
    eng = store.get_engine(pg_url)
    try:
        assert sorted(t for s in seeded for t in s) == sorted(store.SEED_ORDER)
        for table in store.SEED_ORDER:
            assert len(store.list_versions(eng, table)) == 1, table
    finally:
        eng.dispose()


def test_readers_see_whole_versions_while_an_import_runs(empty_engine):
    """A reader during an import sees the old or the new version, never a mix or an error."""
    from bench.scale import build_frames

    big = build_frames(10)["survey_responses"]
    small = big.head(100).reset_index(drop=True)
    store.import_frame(empty_engine, "survey_responses", small, editor="e", source_file="small")
    stop = threading.Event()
    seen: set[int] = set()
    errors: list[str] = []

    def reader():
        while not stop.is_set():
            try:
                seen.add(len(store.read_current(empty_engine, "survey_responses")))
            except Exception as err:  # noqa: BLE001 - recorded and asserted below
                errors.append(repr(err))

    threads = [threading.Thread(target=reader) for _ in range(3)]
    for th in threads:
        th.start()
    try:
        store.import_frame(empty_engine, "survey_responses", big, editor="e", source_file="big")
    finally:
        stop.set()
        for th in threads:
            th.join()
    assert not errors, errors[:3]
    assert seen <= {len(small), len(big)}
