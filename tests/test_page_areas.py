"""AppTest of the "Areas and criteria" page (pages/3_areas.py), run through the entry file."""

from __future__ import annotations

import pandas as pd
import pytest

from lib.i18n import t
from tests.conftest import open_chart_tables

PAGE = "pages/3_areas.py"


def _areas(app):
    app.switch_page(PAGE).run()
    assert not app.exception, app.exception
    return app


def _table(at) -> pd.DataFrame:
    """The table of areas (the first dataframe after the rules table)."""
    frame = at.dataframe[1].value
    return frame.data if hasattr(frame, "data") else frame  # a Styler carries its frame in .data


def _metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_page_runs_with_every_section(app):
    at = _areas(app)
    assert at.title[0].value == t("areas.title")
    subheaders = [s.value for s in at.subheader]
    assert subheaders[0].startswith("Områderne på listen for 2025")
    assert {t("areas.area.heading"), t("areas.national.heading"), t("areas.whatif.heading")} <= set(subheaders)
    assert len(at.get("vega_lite_chart")) == 3  # published timeline, area trend, national picture
    # the rules table sits in an expander and lists every rule
    assert len(at.dataframe[0].value) > 20
    table = _table(at)
    assert len(table) == 46
    assert "Status (beregnet)" in table.columns
    assert any(c.startswith("Grundskole >60") for c in table.columns)
    assert any(t("notice.sample") in i.value for i in at.info)


def test_table_shows_statuses_sorted_most_severe_first(app):
    at = _areas(app)
    statuses = _table(at)["Status (beregnet)"].tolist()
    order = ["Omdannelsesområde", "Parallelsamfund", "Udsat boligområde", "Forebyggelsesområde", "Ikke på en liste"]
    ranks = [order.index(s) if s in order else len(order) for s in statuses]
    assert ranks == sorted(ranks)


def test_year_switch_changes_rule_set(app):
    at = _areas(app)
    at.selectbox(key="w_areas_year").select(2019).run()
    assert not at.exception, at.exception
    assert at.subheader[0].value == "Områderne på listen for 2019"
    statuses = set(_table(at)["Status (beregnet)"])
    assert "Ghettoområde" in statuses and "Parallelsamfund" not in statuses


def test_filter_narrows_table_and_national_picture(app):
    at = _areas(app)
    before = len(_table(at))
    at.sidebar.multiselect(key="w_filter_regions").select("Nordjylland").run()
    assert not at.exception, at.exception
    after = _table(at)
    assert 0 < len(after) < before
    assert "Nordjylland" in next(c.value for c in at.caption if c.value.startswith("Følger filtrene"))


def test_what_if_sliders_change_the_outcome(app):
    at = _areas(app)
    assert _metric(at, "Områder der skifter status").startswith("0 / ")
    at.select_slider(key="w_areas_wi_labour").set_value(-5.0).run()
    at.select_slider(key="w_areas_wi_income").set_value(5.0).run()
    assert not at.exception, at.exception
    changed = _metric(at, "Områder der skifter status")
    assert int(changed.split(" / ")[0]) > 0
    assert any("I scenariet skifter" in m.value for m in at.markdown)
    scenario = at.dataframe[-1].value
    assert {"Status nu", "Status i scenariet"} <= set(scenario.columns)
    assert (scenario["Status nu"] != scenario["Status i scenariet"]).all()
    # the sliders are bound: their values go into the share URL
    assert at.query_params["areas_wi_labour"] == "-5.0"
    # and the scenario can be reset
    at.button(key="areas_whatif_reset").click().run()
    assert _metric(at, "Områder der skifter status").startswith("0 / ")


SEVERITY_DA = [
    "Omdannelsesområde",
    "Parallelsamfund",
    "Udsat boligområde",
    "Forebyggelsesområde",
    "Ikke på en liste",
    "Under 1.000 beboere",
]


def test_worse_scenario_only_moves_areas_to_heavier_lists(app):
    at = _areas(app)
    at.select_slider(key="w_areas_wi_labour").set_value(10.0).run()
    assert not at.exception, at.exception
    scenario = at.dataframe[-1].value
    assert len(scenario) > 0
    before = scenario["Status nu"].map(SEVERITY_DA.index)
    after = scenario["Status i scenariet"].map(SEVERITY_DA.index)
    assert (after < before).all()


def test_area_choice_shows_its_centres_and_trend(app):
    at = _areas(app)
    at.selectbox(key="w_areas_area").select("A01").run()
    assert not at.exception, at.exception
    assert any(m.value.startswith("**Mjølnerparken") and "2025" in m.value for m in at.markdown)
    centres = next(d.value for d in at.dataframe if "Center" in getattr(d.value, "columns", []))
    assert len(centres) >= 1
    assert at.query_params["areas_area"] == "A01"


def test_show_on_map_switches_page_with_the_area(app):
    at = _areas(app)
    at.selectbox(key="w_areas_area").select("A04").run()
    at.button(key="areas_to_map").click().run()
    assert not at.exception, at.exception
    assert at.session_state["s_map_area"] == "A04"
    assert at.query_params.get("map_area") == "A04"


@pytest.mark.parametrize("lang", ["en"])
def test_english(app, lang):
    app.session_state["lang"] = lang
    at = _areas(app)
    assert at.title[0].value == "Areas and the official criteria"
    assert "Status (computed)" in _table(at).columns
    assert "Transformation area" in set(_table(at)["Status (computed)"])


def test_presentation_mode_hides_downloads(app):
    app.session_state["present"] = True
    at = _areas(app)
    assert not at.exception, at.exception
    assert len(at.get("vega_lite_chart")) == 3
    assert not [b for b in at.get("download_button") if not b.key.startswith("dl_page_")]  # frame keeps slides


def test_empty_filter_result_shows_a_message(app):
    at = _areas(app)
    at.sidebar.multiselect(key="w_filter_regions").select("Nordjylland").run()
    at.sidebar.multiselect(key="w_filter_municipalities").select("Aalborg").run()
    at.sidebar.multiselect(key="w_filter_area_statuses").select("too_small").run()
    assert not at.exception, at.exception
    assert any(t("areas.empty") in i.value for i in at.info)


def test_large_tables_are_plain_and_the_caption_says_so(app, monkeypatch):
    from lib.views import areas as areas_view

    at = _areas(app)
    assert any("farvet felt" in c.value for c in at.caption)
    monkeypatch.setattr(areas_view, "STYLE_MAX_ROWS", 10)
    at.run()
    captions = [c.value for c in at.caption]
    assert not any("farvet felt" in c for c in captions)
    assert any("Over 10 rækker farves felterne ikke" in c for c in captions), captions


# --- published lists beside the computed status -------------------------------------------------------------


def test_published_status_stands_beside_the_computed_one(app):
    at = _areas(app)
    # 2025 has no published list in the atlas: the page says so, and which years it has
    assert any("ingen offentliggjort liste for 2025" in c.value and "2012, 2016-2023" in c.value for c in at.caption)
    assert "Offentliggjort status" not in _table(at).columns
    at.selectbox(key="w_areas_year").select(2022).run()
    assert not at.exception, at.exception
    table = _table(at)
    columns = list(table.columns)
    assert columns[columns.index("Status (beregnet)") + 1] == "Offentliggjort status"
    assert (table["Offentliggjort status"] == "Omdannelsesområde").sum() == 9  # the nine of 1 Dec 2022
    assert not table["Afviger"].any()  # the sample agrees with the lists
    assert not [w for w in at.warning if "afviger" in w.value]


def test_every_disagreement_is_marked(app, monkeypatch):
    """Under the default 4-year reading three 2019 ghetto areas compute as hårde: the page names all three."""
    monkeypatch.setenv("ATLAS_HAARDT_GHETTO_YEARS", "4")
    at = _areas(app)
    at.selectbox(key="w_areas_year").select(2019).run()
    assert not at.exception, at.exception
    table = _table(at)
    differs = table[table["Afviger"]]
    assert sorted(differs["Område"]) == ["Bispeparken", "Nørager/Søstjernevej", "Solbakken"]
    assert set(differs["Offentliggjort status"]) == {"Ghettoområde"}
    warning = next(w.value for w in at.warning if "afviger" in w.value)
    assert warning.startswith("3 områder") and "Bispeparken" in warning
    # the reading in use is stated, and the other one named
    assert any("**4 år i træk**" in c.value and "5 lister i træk" in c.value for c in at.caption)


def test_timeline_of_published_statuses(app):
    at = _areas(app)
    at.selectbox(key="w_areas_area").select("A01").run()  # Mjølnerparken
    open_chart_tables(at)  # the timeline's table is its chart's "show as table" view
    assert not at.exception, at.exception
    timeline = next(
        d.value for d in at.dataframe if {"Offentliggjort", "Beregnet"} <= set(getattr(d.value, "columns", []))
    )
    by_year = timeline.set_index("År")
    assert by_year.loc[2019, "Offentliggjort"] == "Hårdt ghettoområde"
    assert by_year.loc[2022, "Offentliggjort"] == "Omdannelsesområde"
    assert by_year.loc[2014, "Offentliggjort"] == "Ingen liste i atlasset"
    assert by_year.loc[2023, "Beregnet"] == "Under 1.000 beboere"  # fell under 1,000 residents in 2023


def test_published_list_filter(app):
    at = _areas(app)
    published = at.sidebar.multiselect(key="w_filter_published_statuses")
    assert published.label == "Status på den offentliggjorte liste (2023)"
    published.select("omdannelse").run()
    assert not at.exception, at.exception
    assert len(_table(at)) == 8
    assert at.query_params["published"] == "omdannelse"
