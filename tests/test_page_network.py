"""AppTest of the network page (pages/4_network.py), run through the entry file."""

from __future__ import annotations

import json

from lib.app import state
from lib.i18n import t
from lib.views import network as nv
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


def _comparison_spec(at) -> dict:
    """The comparison across types as drawn (with its data; Streamlit sends the rows apart from the spec)."""
    return at.session_state[state.K_CHARTS]["network"]["net_compare"].chart.to_dict()


def _compared_centres(at) -> int:
    """How many centres the comparison across types draws (one dot each)."""
    spec = _comparison_spec(at)
    return len(spec["datasets"][spec["layer"][0]["data"]["name"]])


def _with_network(sample_tables):
    centres, actors = sample_tables["centres"], sample_tables["actors"]
    return centres[centres["centre_id"].isin(actors["actor_id"])].set_index("centre_id")["municipality"]


def test_many_centres_ask_for_the_municipality_first(app, monkeypatch, sample_tables):
    """Above PICK_MUNICIPALITY_ABOVE centres the page lists one municipality's centres, not all of them."""
    monkeypatch.setattr(nv, "PICK_MUNICIPALITY_ABOVE", 10)  # the sample has ~100 centres; x100 ~12,000
    municipality_of = _with_network(sample_tables)
    at = _network(app)
    municipality = at.selectbox(key="w_net_municipality")
    assert municipality.label == t("network.pick_municipality")
    assert municipality.help == t("network.pick_municipality_help", n=len(municipality_of))
    first = municipality.value
    assert first == sorted(municipality_of.unique(), key=str.casefold)[0]
    listed = at.selectbox(key="w_net_centre").options
    assert len(listed) == (municipality_of == first).sum() < len(municipality_of)
    assert all(label.endswith(f", {first})") for label in listed)
    assert "net_municipality" not in at.query_params  # the default is left out of share links
    summary, compared = _summary(at), _compared_centres(at)
    assert compared > len(listed)

    # another municipality: the centre moves to one of its centres, and the link says so
    other = next(m for m in municipality.options if m != first)
    at.selectbox(key="w_net_municipality").set_value(other).run()
    assert not at.exception, at.exception
    centre = at.selectbox(key="w_net_centre").value
    assert municipality_of[centre] == other
    assert at.query_params["net_municipality"] == other
    assert _summary(at) != summary
    # the comparison across types still covers every centre in the filters, not one municipality's
    assert _compared_centres(at) == compared


def test_a_centre_from_the_map_opens_in_its_municipality(seeded_db_url, monkeypatch, sample_tables):
    monkeypatch.setattr(nv, "PICK_MUNICIPALITY_ABOVE", 10)
    municipality_of = _with_network(sample_tables)
    first = sorted(municipality_of.unique(), key=str.casefold)[0]
    centre = municipality_of[municipality_of != first].index[-1]
    at = new_app(seeded_db_url, monkeypatch)
    at.run()
    at.query_params["net_centre"] = centre  # a shared link, or the map's "open its network"
    at = _network(at)
    assert at.selectbox(key="w_net_municipality").value == municipality_of[centre]
    assert at.selectbox(key="w_net_centre").value == centre


def test_many_centres_are_compared_in_bands(app, monkeypatch):
    monkeypatch.setattr(nv, "DOTS_UP_TO", 10)
    at = _network(app)
    assert any(c.value == t("network.compare_caption_bands") for c in at.caption)
    assert not any(c.value == t("network.compare_caption") for c in at.caption)
    assert json.loads(at.get("vega_lite_chart")[1].proto.spec)["layer"][0]["mark"]["type"] == "rect"
    spec = _comparison_spec(at)
    assert (
        len(spec["datasets"][spec["layer"][0]["data"]["name"]])
        < len(spec["datasets"][spec["layer"][1]["data"]["name"]]) * nv.COMPARE_BANDS
    )
