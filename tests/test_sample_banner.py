"""The illustrative-sample banner is shown while a sample version of a table it speaks of is current.

The red team replaced the sample with real data and the banner stayed: the codebook (the
project's own wording, which the banner does not speak of) was still the bundled version.
"""

from __future__ import annotations

from lib.data import export, imports, store
from tests.conftest import new_app

DATA_TABLES = ("areas", "centres", "actors", "ties")  # with survey_responses: what the banner speaks of


def _banner(url, monkeypatch) -> bool:
    at = new_app(url, monkeypatch)
    at.run()
    assert not at.exception, at.exception
    return any("Illustrative eksempeldata" in str(i.value) for i in at.info)


def _upload(engine, table: str, frame, mode: str | None = None) -> None:
    prepared = imports.prepare(engine, table, export.to_csv_bytes(frame, "da"), source_file=f"{table}.csv", mode=mode)
    assert prepared.ok, prepared.problems.head().to_dict("records")
    imports.commit(engine, prepared, editor="test")


def test_banner_goes_when_the_data_tables_are_uploads_though_the_codebook_is_the_bundled_one(
    writable_db_url, monkeypatch
):
    assert _banner(writable_db_url, monkeypatch)
    engine = store.get_engine(writable_db_url)
    try:
        for table in DATA_TABLES[:-1]:
            _upload(engine, table, store.read_current(engine, table), mode="replace")
        responses = store.read_current(engine, "survey_responses")
        _upload(engine, "survey_responses", responses.head(2).assign(response_id=["R990001", "R990002"]))
        assert _banner(writable_db_url, monkeypatch), "the ties are still the sample version"
        _upload(engine, "ties", store.read_current(engine, "ties"), mode="replace")
        infos = store.current_versions(engine)
        assert infos["codebook"].is_sample
        assert not any(infos[t].is_sample for t in (*DATA_TABLES, "survey_responses"))
    finally:
        engine.dispose()
    assert not _banner(writable_db_url, monkeypatch)


def test_a_rollback_to_the_sample_brings_the_banner_back(writable_db_url, monkeypatch):
    engine = store.get_engine(writable_db_url)
    try:
        seeds = {t: store.current_version_ids(engine)[t] for t in DATA_TABLES}
        for table in DATA_TABLES:
            _upload(engine, table, store.read_current(engine, table), mode="replace")
        responses = store.read_current(engine, "survey_responses")
        _upload(engine, "survey_responses", responses.head(1).assign(response_id=["R990001"]))
        assert not _banner(writable_db_url, monkeypatch)
        store.rollback(engine, "areas", seeds["areas"], editor="test")
    finally:
        engine.dispose()
    assert _banner(writable_db_url, monkeypatch)
