"""Shared fixtures: a seeded temporary database and an AppTest on the entry page.

Variants are named by what differs:
- ``seeded_db_url``: a SQLite file seeded with the bundled sample, shared by the whole session (read only);
- ``writable_db_url``: a fresh seeded SQLite file per test, for tests that import, edit or roll back;
- ``cli_seeded_db_url``: a fresh SQLite file per test, seeded through the command line (``seed``);
- ``seeded_engine``: an engine on a fresh seeded SQLite file per test (disposed afterwards);
- ``seeded_memory_engine``: an engine on a seeded in-memory database, shared by one module (read only);
- ``empty_engine``: an engine on a fresh SQLite file with no tables (function scope);
- ``app``: an AppTest of dashboard.py, already run once, against ``seeded_db_url``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ENTRY = str(ROOT / "dashboard.py")


@pytest.fixture(scope="session")
def sample_tables():
    """The bundled sample, validated, as a dict of frames (read-only)."""
    from lib.data import store

    engine = store.get_engine("sqlite://")
    store.ensure_seeded(engine)
    return store.read_all_current(engine)


@pytest.fixture(scope="session")
def seeded_db_url(tmp_path_factory) -> str:
    from lib.data import store

    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'atlas.db'}"
    store.ensure_seeded(store.get_engine(url))
    return url


@pytest.fixture
def writable_db_url(tmp_path) -> str:
    from lib.data import store

    url = f"sqlite:///{tmp_path / 'atlas.db'}"
    store.ensure_seeded(store.get_engine(url))
    return url


@pytest.fixture
def cli_seeded_db_url(tmp_path) -> str:
    from lib import cli

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert cli.run(["--database", url, "seed"]) == 0
    return url


@pytest.fixture
def seeded_engine(tmp_path):
    from lib.data import store

    eng = store.get_engine(f"sqlite:///{tmp_path / 'atlas.db'}")
    store.ensure_seeded(eng)
    yield eng
    eng.dispose()


@pytest.fixture(scope="module")
def seeded_memory_engine():
    from lib.data import store

    eng = store.get_engine("sqlite://")
    store.ensure_seeded(eng)
    return eng


@pytest.fixture
def empty_engine(tmp_path):
    from lib.data import store

    return store.get_engine(f"sqlite:///{tmp_path / 'a.db'}")


@pytest.fixture
def app(seeded_db_url, monkeypatch):
    """AppTest of the entry page against the seeded database, after its first run."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("ATLAS_DATABASE_URL", seeded_db_url)
    at = AppTest.from_file(ENTRY, default_timeout=90)
    at.run()
    assert not at.exception, at.exception
    return at


def new_app(database_url: str, monkeypatch, query: dict | None = None):
    """A fresh AppTest on ``database_url`` (optionally with URL query parameters), not yet run."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("ATLAS_DATABASE_URL", database_url)
    at = AppTest.from_file(ENTRY, default_timeout=90)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at


def open_data_tab(at, label: str):
    """Open the Data page's tab labelled ``label``, as a click on it does, and rerun.

    The Versions and Templates tabs are drawn only while open (pages/5_data.py).
    """
    at.session_state["data_tab"] = label
    return at.run()


def walk(node):
    """Every node of an AppTest element tree (``at._tree``), depth first, the node itself first."""
    yield node
    for child in getattr(node, "children", {}).values():
        yield from walk(child)


def open_chart_tables(at):
    """Open every chart's "show as table" view and rerun: those tables are drawn only while open."""
    keys = [e.key for e in at.expander if (e.key or "").startswith("table_")]
    for key in keys:
        at.session_state[key] = True
    if keys:
        at.run()
    return at
