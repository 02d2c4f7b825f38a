"""AppTest of the Data page (pages/5_data.py) with and without editor rights.

A viewer must not be able to write by any route: the page offers no writing
widget, URL parameters trigger nothing, and values planted in session state
grant nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

from lib.data import auth, store
from lib.i18n import t
from tests.conftest import new_app, open_data_tab

PAGE = "pages/5_data.py"
FIXTURES = Path(__file__).parent / "fixtures" / "upload"
GOOD = (
    "response_id;centre_id;aar;rolle;vurdering_collaboration;fordele_adv_broad_reach;kommentar\n"
    "R900001;MC001;2026;medarbejder;4;1;Ærlig snak\n"
    "R900002;MC002;2026;beboer;3;0;<img src=x onerror=alert(1)>\n"
).encode("cp1252")


def _versions(url: str) -> dict[str, int]:
    eng = store.get_engine(url)
    try:
        return {t: len(store.list_versions(eng, t)) for t in store.SEED_ORDER}
    finally:
        eng.dispose()


def _open(url, monkeypatch, password=None, query=None):
    if password is None:
        monkeypatch.delenv("ATLAS_EDITOR_PASSWORD", raising=False)
    else:
        monkeypatch.setenv("ATLAS_EDITOR_PASSWORD", password)
    at = new_app(url, monkeypatch, query)
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def _sign_in(at, password, name="Anna Jensen"):
    at.text_input(key="data_editor_name").set_value(name)
    at.text_input(key="data_password").set_value(password)
    at.button(key="data_sign_in").click().run()
    assert not at.exception, at.exception
    return at


def _writing_widgets(at) -> list[str]:
    """Writing widgets on any of the page's tabs (each opened in turn, then the first again)."""
    keys = []
    for label in [tab.label for tab in at.tabs]:
        open_data_tab(at, label)
        for widget in (*at.button, *at.checkbox, *at.radio):
            key = getattr(widget, "key", None) or ""
            if key.startswith(("data_confirm", "data_rollback", "data_mode")):
                keys.append(key)
        keys += [f"uploader {u.key}" for u in at.file_uploader]
    if at.tabs:
        open_data_tab(at, at.tabs[0].label)
    return keys


def _texts(at) -> str:
    parts = [e.value for e in (*at.markdown, *at.info, *at.success, *at.error, *at.warning, *at.caption)]
    return "\n".join(str(p) for p in parts)


def test_viewer_without_configuration_sees_how_to_enable(writable_db_url, monkeypatch):
    at = _open(writable_db_url, monkeypatch)
    # a plain sentence for readers; the settings and the CLI are explained in the README, not on the page
    assert t("data.how_to_enable") in _texts(at)
    assert "ATLAS_" not in _texts(at) and "python -m" not in _texts(at)
    assert not _writing_widgets(at)
    assert len(at.text_input) == 0 or all(ti.key != "data_password" for ti in at.text_input)
    labels = [tab.label for tab in at.tabs]
    assert labels == ["Upload", "Versioner", "Skabeloner"]
    assert len(at.dataframe) == 0  # the versions are drawn when their tab is opened, not before
    open_data_tab(at, "Versioner")
    assert len(at.dataframe) >= 1  # the versions list is visible read-only


def test_viewer_with_password_configured_gets_a_sign_in_form(writable_db_url, monkeypatch):
    at = _open(writable_db_url, monkeypatch, password="hemmelig")
    assert not _writing_widgets(at)
    _sign_in(at, "forkert")
    assert t("data.wrong_password") in _texts(at)
    assert not _writing_widgets(at)


def test_planted_session_state_grants_nothing(writable_db_url, monkeypatch):
    at = _open(writable_db_url, monkeypatch, password="hemmelig")
    before = _versions(writable_db_url)
    for key, value in {
        "_data_editor_token": auth.session_token("another password"),
        "is_editor": True,
        "editor": True,
        "data_rollback_sure": True,
        "data_rollback_version": 1,
        "data_table": "survey_responses",
    }.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, at.exception
    assert not _writing_widgets(at)
    at.session_state["_data_editor_token"] = "hemmelig"  # the password itself is not a token either
    at.run()
    assert not _writing_widgets(at)
    assert _versions(writable_db_url) == before


def test_url_parameters_trigger_nothing(writable_db_url, monkeypatch):
    before = _versions(writable_db_url)
    query = {
        "table": "survey_responses",
        "action": "rollback",
        "version": "1",
        "rollback": "1",
        "editor": "1",
        "data_rollback_sure": "1",
        "data_confirm": "1",
        "import": "1",
    }
    at = _open(writable_db_url, monkeypatch, password="hemmelig", query=query)
    at.run()
    assert not _writing_widgets(at)
    assert _versions(writable_db_url) == before


def test_editor_uploads_and_imports_a_wave(writable_db_url, monkeypatch):
    at = _open(writable_db_url, monkeypatch, password="hemmelig")
    _sign_in(at, "hemmelig")
    assert "Upload" in [tab.label for tab in at.tabs]
    at.selectbox(key="data_table").set_value("survey_responses").run()
    at.file_uploader[0].set_value(("bølge.csv", GOOD, "text/csv")).run()
    assert not at.exception, at.exception
    text = _texts(at)
    assert "Klar til import: 2 rækker, 2 nye, 0 ændrede" in text
    assert "tegnsæt cp1252" in text and "skilletegn ';'" in text
    assert "<img" not in text  # user text only in data frames, never as Markdown/HTML
    before = store.current_version_ids(store.get_engine(writable_db_url))["survey_responses"]
    at.button(key="data_confirm").click().run()
    assert not at.exception, at.exception
    eng = store.get_engine(writable_db_url)
    now = store.current_version_ids(eng)["survey_responses"]
    assert now > before
    info = store.list_versions(eng, "survey_responses").iloc[0]
    assert info["source_file"] == "bølge.csv" and info["editor"] == "Anna Jensen (password)"
    frame = store.read_current(eng, "survey_responses")
    assert frame["comment"].tolist()[-2] == "Ærlig snak"
    assert f"version {now}" in _texts(at)
    assert len(at.file_uploader) == 1 and at.file_uploader[0].value is None  # a fresh uploader
    eng.dispose()


def test_editor_sees_the_full_problem_list(writable_db_url, monkeypatch):
    at = _open(writable_db_url, monkeypatch, password="hemmelig")
    _sign_in(at, "hemmelig")
    at.selectbox(key="data_table").set_value("survey_responses").run()
    before = _versions(writable_db_url)
    at.file_uploader[0].set_value(("out_of_range.csv", (FIXTURES / "out_of_range.csv").read_bytes(), "text/csv"))
    at.run()
    assert not at.exception, at.exception
    assert "3 problemer fundet" in _texts(at)
    problems = at.dataframe[1].value
    assert list(problems.columns) == ["Række", "Kolonne", "Værdi", "Besked"]
    assert problems["Række"].tolist() == [2, 2, 3]
    assert not [b for b in at.button if b.key == "data_confirm"]
    assert any(getattr(b, "proto", None) is not None for b in at.get("download_button"))
    assert _versions(writable_db_url) == before


def test_editor_gets_a_reason_for_an_unreadable_file(writable_db_url, monkeypatch):
    at = _open(writable_db_url, monkeypatch, password="hemmelig")
    _sign_in(at, "hemmelig")
    at.file_uploader[0].set_value(("x.csv", (FIXTURES / "binary_garbage.csv").read_bytes(), "text/csv")).run()
    assert not at.exception, at.exception
    assert any(t("data.err.not_spreadsheet") in e.value for e in at.error)


def test_editor_rolls_back(writable_db_url, monkeypatch):
    eng = store.get_engine(writable_db_url)
    seed = store.current_version_ids(eng)["codebook"]
    raw = b"code;kind;label_da;label_en\nadv_new;fordel;Ny;New\n"
    from lib.data import imports

    imports.commit(eng, imports.prepare(eng, "codebook", raw, source_file="c.csv"), editor="x")
    at = _open(writable_db_url, monkeypatch, password="hemmelig")
    _sign_in(at, "hemmelig")
    at.selectbox(key="data_table").set_value("codebook").run()
    open_data_tab(at, "Versioner")
    at.selectbox(key="data_rollback_version").set_value(seed).run()
    at.checkbox(key="data_rollback_sure").check().run()
    at.button(key="data_rollback").click().run()
    assert not at.exception, at.exception
    info = store.list_versions(eng, "codebook")
    assert info.iloc[0]["action"] == "rollback" and len(info) == 3
    assert store.read_current(eng, "codebook").equals(store.read_version(eng, seed))
    assert store.audit_log(eng, "codebook").iloc[0]["action"] == "rollback"
    eng.dispose()


def test_a_chosen_file_survives_a_look_at_the_versions(writable_db_url, monkeypatch):
    """Versions and templates are drawn only while open; the upload tab is always drawn, so nothing is lost."""
    at = _open(writable_db_url, monkeypatch, password="hemmelig")
    _sign_in(at, "hemmelig")
    at.selectbox(key="data_table").set_value("survey_responses").run()
    at.file_uploader[0].set_value(("bølge.csv", GOOD, "text/csv")).run()
    ready = "Klar til import: 2 rækker, 2 nye, 0 ændrede"
    assert ready in _texts(at)
    open_data_tab(at, "Versioner")
    assert len(at.dataframe) >= 1 and ready in _texts(at)
    open_data_tab(at, "Upload")
    assert ready in _texts(at) and not at.exception, at.exception


def test_changing_the_password_signs_editors_out(writable_db_url, monkeypatch):
    at = _open(writable_db_url, monkeypatch, password="hemmelig")
    _sign_in(at, "hemmelig")
    assert _writing_widgets(at)
    monkeypatch.setenv("ATLAS_EDITOR_PASSWORD", "ny")
    at.run()
    assert not _writing_widgets(at)


def test_templates_are_offered_to_everyone(writable_db_url, monkeypatch):
    at = _open(writable_db_url, monkeypatch)
    at.selectbox(key="data_table").set_value("survey_responses").run()
    open_data_tab(at, "Skabeloner")
    keys = [b.key for b in at.get("download_button")]
    assert "data_tpl_csv" in keys and "data_tpl_xlsx" in keys
    assert "advantages_adv_broad_reach" in _texts(at)


def test_english(writable_db_url, monkeypatch):
    at = _open(writable_db_url, monkeypatch, query={"lang": "en"})
    assert "Editing is not switched on" in _texts(at)
    assert json.dumps([tab.label for tab in at.tabs]) == '["Upload", "Versions", "Templates"]'
