"""AppTest of the network page (pages/4_network.py), run through the entry file."""

from __future__ import annotations

from lib.i18n import t
from tests.conftest import new_app

PAGE = "pages/4_network.py"


def _network(at):
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def _summary(at) -> str:
    return next(c.value for c in at.caption if c.value.startswith(("Område ", "Area ")))


def _metrics_table(at):
    """The per-actor measures (the first table with the "Partnere"/"Partners" column)."""
    return next(d.value for d in at.dataframe if {"Partnere", "Partners"} & set(d.value.columns))


def _metric_values(at) -> dict:
    return {m.label: m.value for m in at.metric}


def test_page_runs_and_draws(app):
    at = _network(app)
    assert at.title[0].value == t("network.title")
    assert len(at.get("vega_lite_chart")) == 2  # the network drawing and the comparison across types
    metrics = _metric_values(at)
    assert set(metrics) == {t(f"network.{k}") for k in ("reach_1", "reach_2", "rank_betweenness", "rank_degree")}
    assert metrics[t("network.reach_1")].endswith("%")
    assert " af " in metrics[t("network.rank_betweenness")]
    table = _metrics_table(at)
    assert len(table) > 5 and (table["Partnere"] >= 0).all()
    # explanations of every measure are on the page
    assert any(t("network.explain.betweenness") in m.value for m in at.markdown)
    # suggestions are labelled as suggestions
    assert any(t("network.suggest_caption") in i.value for i in at.info)
    assert "net_centre" not in at.query_params  # the default centre is left out of share links


def test_picking_a_centre_changes_the_output(app, sample_tables):
    at = _network(app)
    first_summary, first_table, first_metrics = _summary(at), _metrics_table(at), _metric_values(at)
    first_area = first_summary.split(":")[0]
    centres = sample_tables["centres"]
    current = at.selectbox(key="w_net_centre").value
    current_area = centres.loc[centres["centre_id"] == current, "area_id"].iloc[0]
    other = centres.loc[centres["area_id"] != current_area, "centre_id"].iloc[0]
    at.selectbox(key="w_net_centre").set_value(other).run()
    assert not at.exception, at.exception
    assert _summary(at).split(":")[0] != first_area
    assert at.query_params["net_centre"] == other
    assert not _metrics_table(at).equals(first_table)
    # another centre in the same area: same network, but the centre's own figures change
    same_area = centres.loc[(centres["area_id"] == current_area) & (centres["centre_id"] != current), "centre_id"]
    at.selectbox(key="w_net_centre").set_value(current).run()
    assert _metric_values(at) == first_metrics
    at.selectbox(key="w_net_centre").set_value(same_area.iloc[0]).run()
    assert not at.exception, at.exception
    assert _summary(at) == first_summary
    assert _metric_values(at) != first_metrics


def test_sector_filter_keeps_only_those_sectors_and_the_centre(app):
    at = _network(app)
    before = _metrics_table(at)
    at.multiselect(key="w_net_sectors").select("volunteer").run()
    assert not at.exception, at.exception
    after = _metrics_table(at)
    assert len(after) < len(before)
    assert set(after["Sektor"]) <= {"Frivillig", "Andet"}  # volunteers plus the centre(s), sector "other"
    assert "Frivillig" in set(after["Sektor"])
    assert at.query_params["net_sectors"] == "volunteer"


def test_tie_type_filter_reduces_ties(app):
    at = _network(app)
    n_ties_before = int(_summary(at).split(" og ")[1].split()[0])
    at.multiselect(key="w_net_tie_types").select("referral").run()
    assert not at.exception, at.exception
    n_ties_after = int(_summary(at).split(" og ")[1].split()[0])
    assert 0 < n_ties_after < n_ties_before


def test_centre_chosen_on_the_map_is_honoured(app):

    app.session_state["s_net_centre"] = "MC010"
    at = _network(app)
    assert at.selectbox(key="w_net_centre").value == "MC010"
    assert at.query_params["net_centre"] == "MC010"


def test_share_link_reopens_the_same_view_in_english(seeded_db_url, monkeypatch):
    at = new_app(seeded_db_url, monkeypatch, {"lang": "en"})
    at.run()
    at.query_params["net_centre"] = "MC005"
    at.query_params["net_sectors"] = "municipal,volunteer"
    at = _network(at)
    assert at.title[0].value == "The network around the centre"
    assert at.selectbox(key="w_net_centre").value == "MC005"
    assert at.multiselect(key="w_net_sectors").value == ["municipal", "volunteer"]
    assert set(_metrics_table(at)["Sector"]) <= {"Municipal", "Volunteer", "Other"}
