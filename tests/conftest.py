"""Shared fixtures: a seeded temporary database and an AppTest on the entry page.

Variants are named by what differs:
- ``db_url``: a fresh SQLite file seeded with the bundled sample (session scope, read-only use);
- ``empty_db_url``: a fresh SQLite file with the schema but no data (function scope);
- ``app``: an AppTest of dashboard.py, already run once, against ``db_url``.
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
def db_url(tmp_path_factory) -> str:
    from lib.data import store

    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'atlas.db'}"
    store.ensure_seeded(store.get_engine(url))
    return url


@pytest.fixture
def empty_db_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'empty.db'}"


@pytest.fixture
def app(db_url, monkeypatch):
    """AppTest of the entry page against the seeded database, after its first run."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("ATLAS_DATABASE_URL", db_url)
    at = AppTest.from_file(ENTRY, default_timeout=90)
    at.run()
    assert not at.exception, at.exception
    return at


def new_app(db_url: str, monkeypatch, query: dict | None = None):
    """A fresh AppTest (optionally with URL query parameters), not yet run."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("ATLAS_DATABASE_URL", db_url)
    at = AppTest.from_file(ENTRY, default_timeout=90)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at
