"""The editor's side in Chromium: a reload keeps the editor signed in, a rollback stays on its tab,
an unreadable file's explanation is shown open, and sign-out really ends the session.
"""

from __future__ import annotations

import re

import pytest

from lib.data import auth, store
from tests.e2e.conftest import start_server, stop_server, wait_for_app

pytestmark = pytest.mark.e2e

PASSWORD = "e2e-session-hemmelig"


@pytest.fixture(scope="module")
def editor_server(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('e2e_session') / 'atlas.db'}"
    engine = store.get_engine(url)
    store.ensure_seeded(engine)
    from lib.data import imports as dataops

    raw = b"code;kind;label_da;label_en\nadv_e2e;fordel;Ny;New\n"
    dataops.commit(engine, dataops.prepare(engine, "codebook", raw, source_file="c.csv"), editor="setup")
    engine.dispose()
    proc, base = start_server(url, env_extra={"ATLAS_EDITOR_PASSWORD": PASSWORD})
    yield base, url
    stop_server(proc)


def _sign_in(page, base: str) -> None:
    page.goto(f"{base}/data")
    wait_for_app(page)
    page.get_by_role("textbox", name="Dit navn").fill("Anna E2E")
    page.get_by_label("Redaktøradgangskode").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Log ind som redaktør")).click()
    page.get_by_text("Logget ind som redaktør: Anna E2E").wait_for(timeout=30000)


def _cookie(page):
    return next((c for c in page.context.cookies() if c["name"] == auth.COOKIE_NAME), None)


def test_a_reload_keeps_the_editor_signed_in_and_sign_out_ends_it(editor_server, page):
    base, _ = editor_server
    _sign_in(page, base)
    page.wait_for_timeout(1000)
    cookie = _cookie(page)
    assert cookie is not None and cookie["sameSite"] == "Strict"
    assert 0 < cookie["expires"] - page.evaluate("Date.now() / 1000") <= auth.COOKIE_TTL_S + 5
    page.reload()
    wait_for_app(page)
    page.get_by_text("Logget ind som redaktør: Anna E2E").wait_for(timeout=30000)

    page.get_by_role("button", name=re.compile("Log ud")).click()
    page.get_by_label("Redaktøradgangskode").wait_for(timeout=30000)
    page.wait_for_timeout(1000)
    assert _cookie(page) is None
    # a copy of the cookie kept by someone grants nothing after sign-out
    page.context.add_cookies([{**cookie, "expires": cookie["expires"]}])
    page.reload()
    wait_for_app(page)
    page.get_by_label("Redaktøradgangskode").wait_for(timeout=30000)
    assert page.get_by_text("Logget ind som redaktør").count() == 0


def test_a_rollback_stays_on_the_versions_tab(editor_server, page):
    base, url = editor_server
    _sign_in(page, base)
    page.locator("[data-testid=stSelectbox]").filter(has_text="Tabel").first.click()
    page.get_by_role("option", name="Kodebog").click()
    page.get_by_role("tab", name="Versioner").click()
    page.get_by_text(re.compile("Versioner af Kodebog")).wait_for(timeout=30000)
    page.get_by_text("Jeg forstår at dette laver en ny version").click()
    page.get_by_role("button", name=re.compile("Rul tilbage")).click()
    page.get_by_text(re.compile(r"Kodebog: version \d+ er gældende igen")).wait_for(timeout=30000)
    wait_for_app(page)
    selected = page.locator("[role=tab][aria-selected=true]").inner_text()
    assert "Versioner" in selected
    assert store.list_versions(store.get_engine(url), "codebook").iloc[0]["action"] == "rollback"


def test_an_unreadable_file_shows_its_explanation_open(editor_server, page, tmp_path):
    base, _ = editor_server
    _sign_in(page, base)
    path = tmp_path / "billede.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    page.locator("input[type=file]").set_input_files(str(path))
    message = page.get_by_text(re.compile("hverken en CSV-fil eller et Excel-regneark"))
    message.wait_for(timeout=60000)
    assert message.is_visible()
