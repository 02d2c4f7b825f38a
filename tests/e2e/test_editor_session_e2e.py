"""The editor's side in Chromium: a reload keeps the editor signed in, a rollback stays on its tab,
an unreadable file's explanation is shown open, and sign-out really ends the session.
"""

from __future__ import annotations

import re

import pytest

from lib.data import auth, imports, store
from tests.e2e.conftest import wait_for_app
from tests.e2e.editor import choose_table, editor_server, sign_in
from tests.support.browser import PATIENCE_MS

pytestmark = pytest.mark.e2e

PASSWORD = "e2e-session-hemmelig"


def _one_more_codebook_version(engine) -> None:
    raw = b"code;kind;label_da;label_en\nadv_e2e;fordel;Ny;New\n"
    imports.commit(engine, imports.prepare(engine, "codebook", raw, source_file="c.csv"), editor="setup")


@pytest.fixture(scope="module")
def session_server(tmp_path_factory):
    yield from editor_server(tmp_path_factory, "e2e_session", PASSWORD, setup=_one_more_codebook_version)


def _sign_in(page, base: str) -> None:
    sign_in(page, base, PASSWORD, name="Anna E2E")


def _cookie(page):
    return next((c for c in page.context.cookies() if c["name"] == auth.COOKIE_NAME), None)


def test_a_reload_keeps_the_editor_signed_in_and_sign_out_ends_it(session_server, page):
    base, _ = session_server
    _sign_in(page, base)
    page.wait_for_timeout(1000)
    cookie = _cookie(page)
    assert cookie is not None and cookie["sameSite"] == "Strict"
    assert 0 < cookie["expires"] - page.evaluate("Date.now() / 1000") <= auth.COOKIE_TTL_S + 5
    page.reload()
    wait_for_app(page)
    page.get_by_text("Logget ind som redaktør: Anna E2E").wait_for(timeout=PATIENCE_MS)

    page.get_by_role("button", name=re.compile("Log ud")).click()
    page.get_by_label("Redaktøradgangskode").wait_for(timeout=PATIENCE_MS)
    page.wait_for_timeout(1000)
    assert _cookie(page) is None
    # a copy of the cookie kept by someone grants nothing after sign-out
    page.context.add_cookies([{**cookie, "expires": cookie["expires"]}])
    page.reload()
    wait_for_app(page)
    page.get_by_label("Redaktøradgangskode").wait_for(timeout=PATIENCE_MS)
    assert page.get_by_text("Logget ind som redaktør").count() == 0


def test_a_rollback_stays_on_the_versions_tab(session_server, page):
    base, url = session_server
    _sign_in(page, base)
    choose_table(page, "Kodebog")
    page.get_by_role("tab", name="Versioner").click()
    page.get_by_text(re.compile("Versioner af Kodebog")).wait_for(timeout=PATIENCE_MS)
    page.get_by_text("Jeg forstår at dette laver en ny version").click()
    page.get_by_role("button", name=re.compile("Rul tilbage")).click()
    page.get_by_text(re.compile(r"Kodebog: version \d+ er gældende igen")).wait_for(timeout=PATIENCE_MS)
    wait_for_app(page)
    selected = page.locator("[role=tab][aria-selected=true]").inner_text()
    assert "Versioner" in selected
    assert store.list_versions(store.get_engine(url), "codebook").iloc[0]["action"] == "rollback"


def test_an_unreadable_file_shows_its_explanation_open(session_server, page, tmp_path):
    base, _ = session_server
    _sign_in(page, base)
    path = tmp_path / "billede.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    page.locator("input[type=file]").set_input_files(str(path))
    message = page.get_by_text(re.compile("hverken en CSV-fil eller et Excel-regneark"))
    message.wait_for(timeout=PATIENCE_MS)
    assert message.is_visible()
