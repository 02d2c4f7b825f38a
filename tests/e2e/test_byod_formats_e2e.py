"""Browser test of the other files a new editor has, through the Data page (issue 14).

A ministry-style indicator sheet (area name + kommune, Danish headers, a year column)
updates the areas by name; a Kumu workbook becomes actors and ties in one step, linked to
a centre by its name; an SPSS ``.sav`` export with value labels becomes survey responses
linked to centres by name. The municipality's centre list those files refer to is imported
first through the library, as the centre-list browser test already covers that step.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lib.data import imports, store
from tests.e2e.editor import choose_table, editor_server, sign_in
from tests.support.browser import PATIENCE_MS

PASSWORD = "e2e-formats"
BYOD = Path(__file__).resolve().parents[1] / "fixtures" / "byod"


def _centre_list(engine) -> None:
    raw = (BYOD / "kommune_centres.csv").read_bytes()
    imports.commit(engine, imports.prepare(engine, "centres", raw, source_file="centres.csv"), editor="setup")


@pytest.fixture(scope="module")
def formats_server(tmp_path_factory):
    yield from editor_server(tmp_path_factory, "e2e_formats", PASSWORD, setup=_centre_list)


def _current(url, table):
    engine = store.get_engine(url)
    try:
        return store.read_current(engine, table)
    finally:
        engine.dispose()


def test_ministry_sheet_kumu_workbook_and_sav_through_the_data_page(formats_server, page):
    base, url = formats_server
    sign_in(page, base, PASSWORD)

    choose_table(page, "Områder")
    page.locator("input[type=file]").first.set_input_files(str(BYOD / "ministry_indicators.xlsx"))
    page.get_by_text(re.compile(r"Klar til import: 6 rækker, 6 nye")).wait_for(timeout=PATIENCE_MS)
    page.get_by_role("button", name=re.compile("Importér som ny version")).click()
    page.get_by_text(re.compile(r"Importeret: Områder version \d+")).wait_for(timeout=PATIENCE_MS)
    areas = _current(url, "areas")
    gellerup = areas[(areas["area_id"] == "A40") & (areas["year"] == 2026)].iloc[0]
    assert gellerup["population"] == 5000 and gellerup["pct_nonwestern"] == 61.5

    choose_table(page, "Aktører")
    page.locator("input[type=file]").first.set_input_files(str(BYOD / "kumu_network.xlsx"))
    page.get_by_text(re.compile(r"6 aktører og 5 forbindelser")).wait_for(timeout=PATIENCE_MS)
    page.get_by_role("button", name=re.compile("Importér som ny version")).click()
    page.get_by_text(re.compile(r"Importeret: Aktører version \d+ og Relationer version \d+")).wait_for(
        timeout=PATIENCE_MS
    )
    actors = _current(url, "actors")
    centres = _current(url, "centres").set_index("name")
    assert actors["centre_id"].eq(centres.loc["Medborgerhus Gellerup Syd", "centre_id"]).any()

    choose_table(page, "Spørgeskemasvar")
    page.get_by_text("Tilføj ny bølge").first.wait_for(timeout=PATIENCE_MS)
    page.locator("input[type=file]").first.set_input_files(str(BYOD / "wide_survey.sav"))
    page.get_by_text(re.compile(r"Klar til import: 40 rækker, 40 nye")).wait_for(timeout=PATIENCE_MS)
    page.get_by_role("button", name=re.compile("Importér som ny version")).click()
    page.get_by_text(re.compile(r"Importeret: Spørgeskemasvar version \d+")).wait_for(timeout=PATIENCE_MS)
    responses = _current(url, "survey_responses")
    wave = responses[responses["survey_year"] == 2026]
    assert len(wave) == 40
    assert set(wave["centre_id"]) == {
        centres.loc["Medborgerhus Gellerup Syd", "centre_id"],
        centres.loc["Sundhedshuset Vollsmose Øst", "centre_id"],
    }
