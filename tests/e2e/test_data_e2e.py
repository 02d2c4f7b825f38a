"""Browser test of the Data page: sign in, upload a survey wave, import it, see the new version."""

from __future__ import annotations

import re

import pytest

from lib.data import store
from tests.e2e.conftest import wait_for_app
from tests.e2e.editor import choose_table, editor_server, sign_in
from tests.support.browser import PATIENCE_MS

PASSWORD = "e2e-hemmelig"
WAVE = (
    "response_id;centre_id;aar;rolle;vurdering_collaboration;fordele;kommentar\r\n"
    "R910001;MC001;2026;medarbejder;4;adv_broad_reach;Godt samarbejde på tværs\r\n"
    "R910002;MC002;2026;beboer;5;;\r\n"
).encode("cp1252")


@pytest.fixture(scope="module")
def data_server(tmp_path_factory):
    yield from editor_server(tmp_path_factory, "e2e_data", PASSWORD)


def test_upload_and_see_new_version(data_server, page, tmp_path):
    base, url = data_server
    before = store.current_version_ids(store.get_engine(url))["survey_responses"]
    sign_in(page, base, PASSWORD, name="E2E Redaktør")
    choose_table(page, "Spørgeskemasvar")
    page.get_by_text("Tilføj ny bølge").first.wait_for(timeout=PATIENCE_MS)

    path = tmp_path / "bølge-2026.csv"
    path.write_bytes(WAVE)
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_text(re.compile(r"Klar til import: 2 rækker, 2 nye")).wait_for(timeout=PATIENCE_MS)
    page.get_by_text(re.compile("tegnsæt cp1252")).wait_for(timeout=5000)
    page.get_by_role("button", name=re.compile("Importér som ny version")).click()
    page.get_by_text(re.compile(r"Importeret: Spørgeskemasvar version \d+")).wait_for(timeout=PATIENCE_MS)

    after = store.current_version_ids(store.get_engine(url))["survey_responses"]
    assert after > before
    page.get_by_role("tab", name="Versioner").click()
    page.get_by_text(re.compile("Versioner af Spørgeskemasvar")).wait_for(timeout=PATIENCE_MS)
    # the sidebar version caption follows the new current version
    page.get_by_text(re.compile(rf"Spørgeskemasvar v{after}")).first.wait_for(timeout=PATIENCE_MS)


def test_viewer_sees_no_upload(data_server, page):
    base, _ = data_server
    page.goto(f"{base}/data")
    wait_for_app(page)
    assert page.locator("input[type=file]").count() == 0
    page.get_by_text("Du ser siden som læser").wait_for(timeout=PATIENCE_MS)
    assert page.get_by_role("button", name=re.compile("Importér|Rul tilbage")).count() == 0
