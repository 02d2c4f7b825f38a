"""Browser test of the Data page: sign in, upload a survey wave, import it, see the new version."""

from __future__ import annotations

import re
import subprocess

import pytest

from lib.data import store
from tests.e2e.conftest import start_server, wait_for_app

PASSWORD = "e2e-hemmelig"
WAVE = (
    "response_id;centre_id;aar;rolle;vurdering_collaboration;fordele;kommentar\r\n"
    "R910001;MC001;2026;medarbejder;4;adv_broad_reach;Godt samarbejde på tværs\r\n"
    "R910002;MC002;2026;beboer;5;;\r\n"
).encode("cp1252")


@pytest.fixture(scope="module")
def editor_server(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('e2e_data') / 'atlas.db'}"
    store.ensure_seeded(store.get_engine(url))
    proc, base = start_server(url, env_extra={"ATLAS_EDITOR_PASSWORD": PASSWORD})
    yield base, url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def test_upload_and_see_new_version(editor_server, page, tmp_path):
    base, url = editor_server
    before = store.current_version_ids(store.get_engine(url))["survey_responses"]
    page.goto(f"{base}/data")
    wait_for_app(page)
    page.get_by_role("textbox", name="Dit navn").fill("E2E Redaktør")
    page.get_by_label("Redaktøradgangskode").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Log ind som redaktør")).click()
    page.get_by_text("Logget ind som redaktør").wait_for(timeout=30000)

    page.locator("[data-testid=stSelectbox]").filter(has_text="Tabel").first.click()
    page.get_by_role("option", name="Spørgeskemasvar").click()
    page.get_by_text("Tilføj ny bølge").first.wait_for(timeout=30000)

    path = tmp_path / "bølge-2026.csv"
    path.write_bytes(WAVE)
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_text(re.compile(r"Klar til import: 2 rækker, 2 nye")).wait_for(timeout=60000)
    page.get_by_text(re.compile("tegnsæt cp1252")).wait_for(timeout=5000)
    page.get_by_role("button", name=re.compile("Importér som ny version")).click()
    page.get_by_text(re.compile(r"Importeret: Spørgeskemasvar version \d+")).wait_for(timeout=60000)

    after = store.current_version_ids(store.get_engine(url))["survey_responses"]
    assert after > before
    page.get_by_role("tab", name="Versioner").click()
    page.get_by_text(re.compile("Versioner af Spørgeskemasvar")).wait_for(timeout=30000)
    # the sidebar version caption follows the new current version
    page.get_by_text(re.compile(rf"Spørgeskemasvar v{after}")).first.wait_for(timeout=30000)


def test_viewer_sees_no_upload(editor_server, page):
    base, _ = editor_server
    page.goto(f"{base}/data")
    wait_for_app(page)
    assert page.locator("input[type=file]").count() == 0
    page.get_by_text("Du ser siden som læser").wait_for(timeout=30000)
    assert page.get_by_role("button", name=re.compile("Importér|Rul tilbage")).count() == 0
