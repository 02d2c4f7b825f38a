"""Browser test of bring-your-own-data on the Data page: a new editor's real-shaped files, end to end.

A municipality's centre list (names, types, kommune, UTM coordinates; no ids) imports with
each centre's area found by location and shown before the import; a wide SurveyXact-style
export is mapped (one question chosen by hand in the mapping step) and imported linked to
those centres by name; the Compare page then counts the new responses.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lib.data import store
from tests.e2e.conftest import wait_for_app
from tests.e2e.editor import choose_option, choose_table, editor_server, open_expander, sign_in
from tests.support.browser import PATIENCE_MS

PASSWORD = "e2e-byod"
BYOD = Path(__file__).resolve().parents[1] / "fixtures" / "byod"


@pytest.fixture(scope="module")
def byod_server(tmp_path_factory):
    yield from editor_server(tmp_path_factory, "e2e_byod", PASSWORD)


def test_centre_list_then_wide_survey_then_compare(byod_server, page):
    base, url = byod_server
    sign_in(page, base, PASSWORD)

    choose_table(page, "Centre")
    page.locator("input[type=file]").first.set_input_files(str(BYOD / "kommune_centres.csv"))
    page.get_by_text(re.compile(r"Klar til import: 4 rækker, 4 nye")).wait_for(timeout=PATIENCE_MS)
    page.get_by_text("Kolonner i filen").wait_for(timeout=PATIENCE_MS)
    page.get_by_text("Områder fundet for centrene").wait_for(timeout=PATIENCE_MS)
    page.get_by_text(re.compile("Intet område inden for 1,5 km")).first.wait_for(timeout=PATIENCE_MS)
    page.get_by_role("button", name=re.compile("Importér som ny version")).click()
    page.get_by_text(re.compile(r"Importeret: Centre version \d+")).wait_for(timeout=PATIENCE_MS)
    centres = store.read_current(store.get_engine(url), "centres")
    placed = centres.set_index("name").loc["Medborgerhus Gellerup Syd"]
    assert placed["area_id"] == "A40" and placed["region"] == "Midtjylland"

    choose_table(page, "Spørgeskemasvar")
    page.get_by_text("Tilføj ny bølge").first.wait_for(timeout=PATIENCE_MS)
    page.locator("input[type=file]").first.set_input_files(str(BYOD / "wide_survey.xlsx"))
    page.get_by_text(re.compile(r"Klar til import: 40 rækker, 40 nye")).wait_for(timeout=PATIENCE_MS)
    # the question the atlas does not know: mapped by hand in the mapping step
    box = page.locator("[data-testid=stSelectbox]").filter(has_text="Hvordan vurderer du samarbejdet?").first
    open_expander(page, "Atlaskolonne", box)
    choose_option(page, box, page.get_by_role("option", name=re.compile(r"^rating_collaboration")))
    # the file checked again with the choice: a click before that would confirm the old preview
    question = page.locator("[data-testid=stTable] tr").filter(has_text="Hvordan vurderer du samarbejdet?")
    question.filter(has_text="rating_collaboration").wait_for(timeout=PATIENCE_MS)
    wait_for_app(page)
    page.get_by_text(re.compile(r"Klar til import: 40 rækker, 40 nye")).wait_for(timeout=PATIENCE_MS)
    page.get_by_role("button", name=re.compile("Importér som ny version")).click()
    page.get_by_text(re.compile(r"Importeret: Spørgeskemasvar version \d+")).wait_for(timeout=PATIENCE_MS)
    responses = store.read_current(store.get_engine(url), "survey_responses")
    wave = responses[responses["survey_year"] == 2026]
    assert len(wave) == 40 and wave["rating_collaboration"].notna().sum() > 30
    gellerup, vollsmose = placed["centre_id"], centres.set_index("name").loc["Sundhedshuset Vollsmose Øst", "centre_id"]
    assert set(wave["centre_id"]) == {gellerup, vollsmose}

    # the Compare page counts the new centres' responses (2026 is a year of the filter now)
    page.goto(f"{base}/compare?year=2026")
    wait_for_app(page)
    page.locator("[data-testid=stVegaLiteChart] svg").first.wait_for(timeout=PATIENCE_MS)
    line = page.get_by_text(re.compile("Antal svar bag hver søjle")).first
    line.wait_for(timeout=PATIENCE_MS)
    assert "n=20" in line.inner_text().replace("\u00a0", "").replace(" ", "")  # 20 answers per new centre
