"""AppTest of the Data page's mapping step (lib/app/mapping_step.py) with real-shaped files.

A municipality's centre list gets its areas by location (the preview shows each
assignment), a wide survey export is mapped by changing one column's target, a
Kumu workbook becomes actors and ties in one step, and a mapping saved as a
profile is offered again.
"""

from __future__ import annotations

from pathlib import Path

from lib.data import mapping, store
from tests.conftest import open_data_tab
from tests.test_page_data import _open, _sign_in, _texts

BYOD = Path(__file__).parent / "fixtures" / "byod"
PASSWORD = "hemmelig"


def _editor(url, monkeypatch, table):
    at = _sign_in(_open(url, monkeypatch, password=PASSWORD), PASSWORD)
    at.selectbox(key="data_table").set_value(table).run()
    assert not at.exception, at.exception
    return at


def _upload(at, name, mime="application/octet-stream"):
    at.file_uploader[0].set_value((name, (BYOD / name).read_bytes(), mime)).run()
    assert not at.exception, at.exception
    return at


def _table_text(at) -> str:
    return "\n".join(t.value.to_string() for t in at.table)


def test_centre_list_shows_mapping_and_areas_then_imports(writable_db_url, monkeypatch):
    at = _upload(_editor(writable_db_url, monkeypatch, "centres"), "kommune_centres.csv", "text/csv")
    mapping_text = _table_text(at)
    assert "Øst (UTM 32N, meter)" in mapping_text and "centre_type" in mapping_text
    text = _texts(at)
    assert "dannes automatisk ud fra navn + kommune" in text
    assert "Klar til import: 4 rækker, 4 nye" in text
    assert any("Intet område inden for 1,5 km" in w.value for w in at.warning)
    areas = [d.value for d in at.dataframe if "Hvordan" in d.value.columns]
    assert areas and areas[0]["Område"].tolist()[:3] == ["Gellerupparken/Toveshøj", "Bispehaven", "Vollsmose"]
    assert areas[0]["Hvordan"].tolist() == ["nærmeste område"] * 3 + ["intet område"]
    at.button(key="data_confirm").click().run()
    assert not at.exception, at.exception
    centres = store.read_current(store.get_engine(writable_db_url), "centres")
    new = centres[centres["name"] == "Medborgerhus Gellerup Syd"].iloc[0]
    assert new["area_id"] == "A40" and new["municipality_code"] == 751 and new["region"] == "Midtjylland"


def test_distance_setting_reruns_the_check(writable_db_url, monkeypatch):
    at = _upload(_editor(writable_db_url, monkeypatch, "centres"), "kommune_centres.csv", "text/csv")
    at.number_input(key="byod_distance").set_value(0.1).run()
    assert not at.exception, at.exception
    areas = [d.value for d in at.dataframe if "Hvordan" in d.value.columns][0]
    assert areas["Hvordan"].tolist() == ["intet område", "nærmeste område", "intet område", "intet område"]


def test_survey_column_mapped_by_the_editor_and_saved_as_profile(writable_db_url, monkeypatch):
    eng = store.get_engine(writable_db_url)
    from lib.data import imports

    raw = (BYOD / "kommune_centres.csv").read_bytes()
    imports.commit(eng, imports.prepare(eng, "centres", raw, source_file="c.csv"), editor="t")
    at = _upload(_editor(writable_db_url, monkeypatch, "survey_responses"), "wide_survey.xlsx")
    assert "Klar til import: 40 rækker, 40 nye" in _texts(at)
    headers = [s for s in at.selectbox if s.key and s.key.startswith("byod_map_")]
    unknown = next(s for s in headers if s.label == "Hvordan vurderer du samarbejdet?")
    assert unknown.value == mapping.IGNORE
    unknown.set_value("rating_collaboration").run()
    assert not at.exception, at.exception
    preview = at.dataframe[0].value
    assert preview["rating_collaboration"].notna().any()
    at.text_input(key="byod_profile_name_survey_responses").set_value("Bølge 2026").run()
    at.button(key="byod_profile_save_survey_responses").click().run()
    assert "Profilen 'Bølge 2026' er gemt" in _texts(at)
    assert mapping.list_profiles(eng, "survey_responses") == ["Bølge 2026"]
    at.button(key="data_confirm").click().run()
    assert not at.exception, at.exception
    responses = store.read_current(eng, "survey_responses")
    assert responses["rating_collaboration"].tail(40).notna().sum() > 30
    # next year's wave: the profile maps the column without a choice
    at2 = _upload(_editor(writable_db_url, monkeypatch, "survey_responses"), "wide_survey.sav")
    at2.selectbox(key="byod_profile_survey_responses").set_value("Bølge 2026").run()
    assert not at2.exception, at2.exception
    mapped = next(s for s in at2.selectbox if s.label == "Hvordan vurderer du samarbejdet?")
    assert mapped.value == "rating_collaboration"
    eng.dispose()


def test_kumu_workbook_imports_actors_and_ties_together(writable_db_url, monkeypatch):
    eng = store.get_engine(writable_db_url)
    from lib.data import imports

    raw = (BYOD / "kommune_centres.csv").read_bytes()
    imports.commit(eng, imports.prepare(eng, "centres", raw, source_file="c.csv"), editor="t")
    before = store.current_version_ids(eng)
    at = _upload(_editor(writable_db_url, monkeypatch, "actors"), "kumu_network.xlsx")
    assert any("6 aktører og 5 forbindelser" in i.value for i in at.info)
    at.button(key="byod_network_confirm").click().run()
    assert not at.exception, at.exception
    after = store.current_version_ids(eng)
    assert after["actors"] > before["actors"] and after["ties"] > before["ties"]
    assert any("Aktører version" in s.value for s in at.success)
    eng.dispose()


def test_questionnaire_template_is_offered(writable_db_url, monkeypatch):
    at = _open(writable_db_url, monkeypatch)
    at.selectbox(key="data_table").set_value("survey_responses").run()
    open_data_tab(at, "Skabeloner")
    assert "byod_questionnaire" in [b.key for b in at.get("download_button")]
