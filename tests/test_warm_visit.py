"""The server opens every page once per language as it starts (lib.app.warm_visit), before any reader."""

from __future__ import annotations

from lib.app import warm_visit
from tests.support.browser import start_server, stop_server, wait_for_log


def test_a_fresh_server_runs_every_page_in_both_languages_without_an_error(seeded_db_url, tmp_path):
    log_path = tmp_path / "server.log"
    proc, _ = start_server(seeded_db_url, log_path=log_path)
    try:
        log = wait_for_log(log_path, "pages warmed", timeout_s=180)
    finally:
        stop_server(proc)
    assert "pages warmed: 14 page runs (da 7, en 7)" in log  # every page of the navigation, both languages
    assert "raised" not in log and "failed" not in log and "Traceback" not in log


def test_the_page_warm_up_is_on_unless_turned_off(monkeypatch):
    monkeypatch.delenv("ATLAS_WARM_PAGES", raising=False)
    assert warm_visit.enabled()
    for off in ("0", "false", "No", " off "):
        monkeypatch.setenv("ATLAS_WARM_PAGES", off)
        assert not warm_visit.enabled()

    # Turned off, it does not even look for the server.
    def _must_not_run():
        raise AssertionError("the warm-up looked for the server although it is turned off")

    monkeypatch.setattr(warm_visit, "server_address", _must_not_run)
    warm_visit.warm_pages()


def test_a_server_that_never_listens_is_skipped_with_one_line(monkeypatch, caplog):
    monkeypatch.setenv("ATLAS_WARM_PAGES", "1")
    monkeypatch.setattr(warm_visit, "server_address", lambda: ("127.0.0.1", 9, ""))
    monkeypatch.setattr(warm_visit, "wait_until_listening", lambda host, port: False)
    warm_visit.warm_pages()
    assert "page warming skipped: the server did not listen on 127.0.0.1:9" in caplog.text
    assert "Traceback" not in caplog.text
