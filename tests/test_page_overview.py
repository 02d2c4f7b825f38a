"""AppTest of the overview page and the shared frame (filters, URL, language, sample notice)."""

import pandas as pd

from lib.i18n import t
from tests.conftest import ROOT, new_app

N_CENTRES = len(pd.read_csv(ROOT / "data" / "sample" / "centres.csv"))


def metric(at, index):
    return at.metric[index].value


def test_overview_runs_with_figures_charts_and_sample_notice(app):
    assert not app.exception
    assert app.title[0].value == t("overview.title")
    assert metric(app, 0) == str(N_CENTRES)
    assert len(app.get("vega_lite_chart")) >= 3
    assert any(t("notice.sample") in i.value for i in app.info)


def test_filter_change_changes_the_figures_and_the_url(app):
    before = [m.value for m in app.metric]
    app.sidebar.multiselect(key="w_filter_regions").select("Nordjylland").run()
    after = [m.value for m in app.metric]
    assert after != before
    assert int(after[0]) < int(before[0])
    assert app.query_params["region"] == ["Nordjylland"] or app.query_params["region"] == "Nordjylland"


def test_query_params_reopen_the_same_filters(seeded_db_url, monkeypatch):
    at = new_app(seeded_db_url, monkeypatch, {"region": "Syddanmark", "type": "health", "lang": "en"})
    at.run()
    assert not at.exception
    assert at.sidebar.multiselect(key="w_filter_regions").value == ["Syddanmark"]
    assert at.sidebar.multiselect(key="w_filter_centre_types").value == ["health"]
    assert at.title[0].value == "Community centres in vulnerable housing areas"


def test_malformed_query_params_give_the_default_view(seeded_db_url, monkeypatch):
    at = new_app(seeded_db_url, monkeypatch, {"region": "<script>alert(1)</script>", "year": "x" * 5000, "lang": "xx"})
    at.run()
    assert not at.exception
    assert at.sidebar.multiselect(key="w_filter_regions").value == []
    assert metric(at, 0) == str(N_CENTRES)


def test_language_switch_changes_the_text(app):
    assert app.title[0].value.startswith("Medborgercentre")
    app.sidebar.segmented_control(key="w_lang").set_value("en").run()
    assert app.title[0].value == "Community centres in vulnerable housing areas"
    assert any("Illustrative sample data" in i.value for i in app.info)


def test_filters_survive_a_page_switch(app):
    app.sidebar.multiselect(key="w_filter_centre_types").select("library").run()
    app.switch_page("pages/1_compare.py").run()
    assert not app.exception
    assert app.sidebar.multiselect(key="w_filter_centre_types").value == ["library"]
    app.switch_page("dashboard.py").run()
    assert app.sidebar.multiselect(key="w_filter_centre_types").value == ["library"]


def test_filters_that_match_nothing_show_an_empty_state(app):
    app.sidebar.multiselect(key="w_filter_regions").select("Nordjylland").run()
    app.sidebar.multiselect(key="w_filter_centre_types").select(["library", "health", "association"]).run()
    app.sidebar.multiselect(key="w_filter_years").select(2021).run()
    assert not app.exception


def test_reset_clears_the_filters(app):
    app.sidebar.multiselect(key="w_filter_regions").select("Nordjylland").run()
    app.sidebar.button(key="w_filters_reset").click().run()
    assert app.sidebar.multiselect(key="w_filter_regions").value == []
    assert metric(app, 0) == str(N_CENTRES)


def test_headline_counts_say_computed_or_published(app):
    labels = {m.label: m.value for m in app.metric}
    assert t("overview.metric_listed", year=2025) in labels  # the latest year of the sample, computed
    assert "beregnet" in t("overview.metric_listed", year=2025)
    # the 1 Dec 2023 parallelsamfund list: 12 areas, of which the atlas holds 11 (not Skovgårdsparken)
    assert labels[t("overview.metric_published", year=2023)] == "11"
    # short enough not to be cut in a fifth of the page at 1440 px (about 24 characters fit)
    assert all(len(label) <= 24 for label in labels), labels
    assert metric(app, 0) == str(N_CENTRES) and labels["Spørgeskemasvar"] == metric(app, len(app.metric) - 1)
