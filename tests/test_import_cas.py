"""Confirming an import is a compare-and-set: no editor silently undoes another.

The red team's lost update: editor A prepares an import (preview "1 changed"); meanwhile
another import makes a new version; A clicks confirm. Before, the confirm rerun prepared
the file again against the new version and committed it in the same run, so the other
editor's change vanished from the current version. Now the click names the preview A saw,
the write happens only while the table is at that preview's version, and otherwise
nothing is written, A is told, and a fresh preview against the new version is shown.

Tested with two AppTest sessions, and with the command line importing in between.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from lib.data import auth, export, imports, store
from tests.conftest import ROOT, new_app

PAGE = "pages/5_data.py"


@pytest.fixture(autouse=True)
def _fresh_throttle():
    auth.THROTTLE.reset()
    yield
    auth.THROTTLE.reset()


def _area_file(url: str, area_id: str, population: int) -> bytes:
    """An upsert of one area-year of the current areas table with a new population (as the app exports it)."""
    eng = store.get_engine(url)
    try:
        areas = store.read_current(eng, "areas")
    finally:
        eng.dispose()
    row = areas.loc[areas["area_id"] == area_id].sort_values("year").tail(1).copy()
    row["population"] = population
    return export.to_csv_bytes(row, "da")


def _first_area(url: str) -> str:
    eng = store.get_engine(url)
    try:
        return str(store.read_current(eng, "areas")["area_id"].iloc[0])
    finally:
        eng.dispose()


def _population(url: str, area_id: str) -> int:
    eng = store.get_engine(url)
    try:
        areas = store.read_current(eng, "areas")
    finally:
        eng.dispose()
    return int(areas.loc[areas["area_id"] == area_id].sort_values("year").iloc[-1]["population"])


def _editor_at_preview(url: str, monkeypatch, name: str, data: bytes):
    monkeypatch.setenv("ATLAS_EDITOR_PASSWORD", "hemmelig")
    at = new_app(url, monkeypatch)
    at.run()
    at.switch_page(PAGE).run()
    at.text_input(key="data_editor_name").set_value(name)
    at.text_input(key="data_password").set_value("hemmelig")
    at.button(key="data_sign_in").click().run()
    at.selectbox(key="data_table").set_value("areas").run()
    at.file_uploader[0].set_value((f"{name}.csv", data, "text/csv")).run()
    assert not at.exception, at.exception
    return at


def _texts(at) -> str:
    return "\n".join(str(e.value) for e in (*at.success, *at.warning, *at.error, *at.caption, *at.markdown))


def _versions(url: str) -> list[int]:
    eng = store.get_engine(url)
    try:
        return store.list_versions(eng, "areas")["version_id"].tolist()
    finally:
        eng.dispose()


def test_two_editors_the_second_confirm_is_refused_and_shown_a_fresh_preview(writable_db_url, monkeypatch):
    area = _first_area(writable_db_url)
    a = _editor_at_preview(writable_db_url, monkeypatch, "Anna", _area_file(writable_db_url, area, 1111))
    assert "1 ændrede" in _texts(a)
    b = _editor_at_preview(writable_db_url, monkeypatch, "Bo", _area_file(writable_db_url, area, 2222))
    b.button(key="data_confirm").click().run()
    assert not b.exception, b.exception
    after_b = _versions(writable_db_url)
    assert _population(writable_db_url, area) == 2222

    a.button(key="data_confirm").click().run()  # A confirms the preview made before B's import
    assert not a.exception, a.exception
    assert _versions(writable_db_url) == after_b, "nothing may be written from a stale preview"
    assert _population(writable_db_url, area) == 2222, "B's change must still be current"
    shown = _texts(a)
    assert "Nogen har ændret tabellen" in shown and "Intet er importeret" in shown
    assert f"version {after_b[0]}" in shown  # names the version that is current now
    assert "1 ændrede" in shown  # the fresh preview: 2222 -> 1111 is still one changed row
    assert [btn for btn in a.button if btn.key == "data_confirm"], "a confirm button for the fresh preview"

    a.button(key="data_confirm").click().run()  # now A confirms knowingly, against B's version
    assert not a.exception, a.exception
    assert len(_versions(writable_db_url)) == len(after_b) + 1
    assert _population(writable_db_url, area) == 1111
    eng = store.get_engine(writable_db_url)
    try:
        editors = store.list_versions(eng, "areas")["editor"].tolist()[:2]
    finally:
        eng.dispose()
    assert editors == ["Anna (password)", "Bo (password)"]


def test_a_rerun_after_someone_else_imported_never_reuses_the_old_preview(writable_db_url, monkeypatch):
    """Even without a click: the preview on screen is made again when the table has moved on."""
    area = _first_area(writable_db_url)
    a = _editor_at_preview(writable_db_url, monkeypatch, "Anna", _area_file(writable_db_url, area, 1111))
    eng = store.get_engine(writable_db_url)
    try:
        other = _area_file(writable_db_url, area, 1111)  # the same change, made by someone else
        imports.commit(eng, imports.prepare(eng, "areas", other, source_file="o.csv"), editor="other")
    finally:
        eng.dispose()
    a.run()
    shown = _texts(a)
    assert "Nogen har ændret tabellen" in shown
    assert "0 ændrede" in shown  # against the new version the file changes nothing any more


def test_the_cli_importing_in_between_is_seen(writable_db_url, monkeypatch, tmp_path):
    area = _first_area(writable_db_url)
    a = _editor_at_preview(writable_db_url, monkeypatch, "Anna", _area_file(writable_db_url, area, 1111))
    path = tmp_path / "cli.csv"
    path.write_bytes(_area_file(writable_db_url, area, 3333))
    cli = subprocess.run(
        [
            sys.executable,
            "-m",
            "lib.cli",
            "import",
            "areas",
            str(path),
            "--database",
            writable_db_url,
            "--editor",
            "cli-test",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert cli.returncode == 0, cli.stderr
    after_cli = _versions(writable_db_url)

    a.button(key="data_confirm").click().run()
    assert not a.exception, a.exception
    assert _versions(writable_db_url) == after_cli and _population(writable_db_url, area) == 3333
    assert "Nogen har ændret tabellen" in _texts(a)


def test_the_store_refuses_a_race_the_page_could_not_see(writable_db_url):
    """Between the page's check and the write another process commits: the transaction's compare-and-set holds."""
    area = _first_area(writable_db_url)
    eng = store.get_engine(writable_db_url)
    try:
        mine = imports.prepare(eng, "areas", _area_file(writable_db_url, area, 1111), source_file="a.csv")
        theirs = imports.prepare(eng, "areas", _area_file(writable_db_url, area, 2222), source_file="b.csv")
        imports.commit(eng, theirs, editor="b")
        assert imports.is_stale(eng, mine)
        before = store.list_versions(eng, "areas")["version_id"].tolist()
        with pytest.raises(Exception) as err:
            imports.commit(eng, mine, editor="a")
        assert getattr(err.value, "key", "") == "data.err.changed_meanwhile"
        assert store.list_versions(eng, "areas")["version_id"].tolist() == before
    finally:
        eng.dispose()


def test_a_confirm_clicked_while_a_setting_changes_writes_nothing_and_says_so(writable_db_url, monkeypatch):
    """The click and a changed reading setting in one run (a fast editor): the preview clicked is gone."""
    area = _first_area(writable_db_url)
    at = _editor_at_preview(writable_db_url, monkeypatch, "Anna", _area_file(writable_db_url, area, 1111))
    before = _versions(writable_db_url)
    at.button(key="data_confirm").click()
    at.selectbox(key="data_dec").set_value(",").run()  # the file is checked again: a new preview
    assert not at.exception, at.exception
    assert _versions(writable_db_url) == before, "the preview that was clicked no longer exists: nothing written"
    assert any("intet er importeret endnu" in str(i.value) for i in at.info)
    assert [btn for btn in at.button if btn.key == "data_confirm"], "the new preview's own confirm button"

    at.button(key="data_confirm").click().run()
    assert not at.exception, at.exception
    assert len(_versions(writable_db_url)) == len(before) + 1
    assert not any("intet er importeret endnu" in str(i.value) for i in at.info)
