"""References that break across tables are said, not silently counted as nothing (issue 14, item 8).

A rollback of the centres to a version without a centre that survey responses point at:
the Versions tab says so, with the count, before the editor confirms; afterwards every
page says how many responses are left out. The network of an area can be downloaded for
Kumu and Gephi.
"""

from __future__ import annotations

import pytest

from lib.data import export, imports, store
from lib.i18n import t
from tests.conftest import new_app, open_data_tab

PAGE = "pages/5_data.py"
N_ORPHANS = 3


def _commit(engine, table: str, frame) -> None:
    prepared = imports.prepare(engine, table, export.to_csv_bytes(frame, "da"), source_file=f"{table}.csv")
    assert prepared.ok, prepared.problems.head().to_dict("records")
    imports.commit(engine, prepared, editor="test")


@pytest.fixture
def new_centre_db(writable_db_url):
    """The sample plus a centre MC999 (a new centres version) and three responses that name it."""
    engine = store.get_engine(writable_db_url)
    try:
        seed = store.current_version_ids(engine)["centres"]
        centre = store.read_current(engine, "centres").head(1).assign(centre_id="MC999", name="Nyt Medborgerhus")
        _commit(engine, "centres", centre)
        responses = store.read_current(engine, "survey_responses").head(N_ORPHANS)
        _commit(
            engine,
            "survey_responses",
            responses.assign(response_id=[f"R99{i:04d}" for i in range(N_ORPHANS)], centre_id="MC999"),
        )
    finally:
        engine.dispose()
    return writable_db_url, seed


def _centres_and_version(url):
    engine = store.get_engine(url)
    try:
        return store.read_current(engine, "centres"), store.current_version_ids(engine)["centres"]
    finally:
        engine.dispose()


def _warnings(at) -> list[str]:
    return [str(w.value) for w in at.warning]


def _editor_on_centres(url, monkeypatch):
    monkeypatch.setenv("ATLAS_EDITOR_PASSWORD", "hemmelig")
    at = new_app(url, monkeypatch)
    at.run()
    at.switch_page(PAGE).run()
    at.text_input(key="data_editor_name").set_value("Anna Jensen")
    at.text_input(key="data_password").set_value("hemmelig")
    at.button(key="data_sign_in").click().run()
    at.selectbox(key="data_table").set_value("centres").run()
    return at


def test_rollback_preview_counts_the_responses_it_would_orphan(new_centre_db, monkeypatch):
    url, seed = new_centre_db
    at = _editor_on_centres(url, monkeypatch)
    open_data_tab(at, "Versioner")
    at.selectbox(key="data_rollback_version").set_value(seed).run()
    assert not at.exception, at.exception
    said = [w for w in _warnings(at) if "MC999" in w]
    assert said and f"{N_ORPHANS} rækker" in said[0], _warnings(at)
    engine = store.get_engine(url)
    try:
        assert store.read_current(engine, "centres")["centre_id"].eq("MC999").any()  # nothing written yet
    finally:
        engine.dispose()


def test_after_the_rollback_every_page_says_how_many_responses_are_left_out(new_centre_db, monkeypatch):
    url, seed = new_centre_db
    notice = t("byod.integrity.page_notice", "da", n=N_ORPHANS)
    at = new_app(url, monkeypatch)
    at.run()
    assert notice not in _warnings(at)  # before: every reference holds
    engine = store.get_engine(url)
    try:
        store.rollback(engine, "centres", seed, editor="test")
    finally:
        engine.dispose()
    for page in ("dashboard.py", "pages/1_compare.py", "pages/3_areas.py"):
        at = new_app(url, monkeypatch)
        at.run()
        if page != "dashboard.py":
            at.switch_page(page).run()
        assert not at.exception, at.exception
        assert notice in _warnings(at), (page, _warnings(at))


def test_the_sample_has_no_broken_references(app):
    app.run()
    assert not [w for w in _warnings(app) if "peger på centre" in w]


def test_the_network_page_offers_the_area_for_kumu_and_gephi(app):
    app.switch_page("pages/4_network.py").run()
    assert not app.exception, app.exception
    keys = {b.key for b in app.get("download_button")}
    assert {"net_dl_kumu", "net_dl_graphml", "net_dl_gexf"} <= keys


def test_a_replace_that_would_orphan_responses_is_refused_with_the_count(new_centre_db, monkeypatch):
    """Stricter than a proceed button: the editor keeps the rows or updates by key; nothing is written."""
    url, _seed = new_centre_db
    centres, before = _centres_and_version(url)
    without = export.to_csv_bytes(centres[centres["centre_id"] != "MC999"], "da")
    at = _editor_on_centres(url, monkeypatch)
    at.radio(key="data_mode_centres").set_value("replace").run()
    at.file_uploader[0].set_value(("centres.csv", without, "text/csv")).run()
    assert not at.exception, at.exception
    cells = [d.value.to_csv() for d in at.dataframe]
    assert [c for c in cells if "MC999" in c and f"{N_ORPHANS} rækker" in c and "survey_responses" in c], cells
    assert not [b for b in at.button if b.key == "data_confirm"]
    engine = store.get_engine(url)
    try:
        assert store.current_version_ids(engine)["centres"] == before
    finally:
        engine.dispose()


def test_cancel_drops_the_preview_and_writes_nothing(new_centre_db, monkeypatch):
    url, _seed = new_centre_db
    centres, before = _centres_and_version(url)
    changed = centres.head(2).assign(name=["Omdøbt Hus A", "Omdøbt Hus B"])
    at = _editor_on_centres(url, monkeypatch)
    at.file_uploader[0].set_value(("centres.csv", export.to_csv_bytes(changed, "da"), "text/csv")).run()
    assert not at.exception, at.exception
    assert [b for b in at.button if b.key == "data_confirm"]
    at.button(key="data_cancel").click().run()
    assert not at.exception, at.exception
    assert not [b for b in at.button if b.key == "data_confirm"]
    engine = store.get_engine(url)
    try:
        assert store.current_version_ids(engine)["centres"] == before
    finally:
        engine.dispose()
