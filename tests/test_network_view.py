"""Tests of lib.views.network: the network page's display frames and charts."""

from __future__ import annotations

import pytest

from lib.analysis import network as nw
from lib.data import export
from lib.i18n import t as translate
from lib.views import network as nv


def _t(lang):
    return lambda key, **fmt: translate(key, lang, **fmt)


@pytest.fixture(scope="module")
def area(sample_tables):
    actors, ties, centres = sample_tables["actors"], sample_tables["ties"], sample_tables["centres"]
    centre = "MC001"
    G = nw.build_graph(actors, ties, centre_id=centre)
    metrics = nw.actor_metrics(G)
    positions = nw.layout(G)
    return {
        "centre": centre,
        "G": G,
        "metrics": metrics,
        "nodes": nw.node_frame(positions, metrics, centre_id=centre),
        "edges": nw.edge_frame(G, positions),
        "comparison": nw.compare_centres(actors, ties, centres),
    }


@pytest.mark.parametrize("lang", ["da", "en"])
def test_network_chart_builds_and_exports(area, lang):
    chart = nv.network_chart(area["nodes"], area["edges"], _t(lang), centre_id=area["centre"])
    spec = chart.to_dict()
    assert len(spec["layer"]) == 5  # ties, actors, ring, label halo, labels
    png = export.chart_png(chart, "Netværk", ["test"])
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_compare_chart_has_n_per_type_and_exports(area):
    frame = nv.compare_frame(area["comparison"], _t("en"))
    assert frame["type_label"].str.contains(r"\(n=\d+\)").all()
    for measure in nv.COMPARE_MEASURES:
        chart = nv.compare_chart(frame, _t("en"), measure=measure, selected=area["centre"])
        assert chart.to_dict()["layer"]
    png = export.chart_png(nv.compare_chart(frame, _t("da"), measure="reach_2", selected=None), "x", [])
    assert png[:4] == b"\x89PNG"


def test_reason_text():
    t = _t("en")
    assert nv.reason_text("A", t) == "Both work with A"
    assert nv.reason_text("A; B", t) == "Both work with A and B"
    assert nv.reason_text("A; B; C; D", t) == "Both work with A, B, C and D"  # never "and 1 others"
    assert nv.reason_text("A; B; C; D; E", t) == "Both work with A, B, C and 2 others"
    assert nv.reason_text("A; B", _t("da")) == "Begge arbejder med A og B"


def test_tables_are_translated(area):
    table = nv.metrics_table(area["metrics"], _t("da"))
    assert {"Aktør", "Sektor", "Partnere", "Bindeled", "Nærhed", "Egenvektor"} <= set(table.columns)
    blind = nv.blind_table(nw.blind_spots(area["G"], area["centre"]), _t("en"))
    assert list(blind.columns) == ["Sector", "Actor", "Why", "Steps to the centre", "Under the centre's roof"]
    assert "None" not in set(blind["Steps to the centre"])
    lines = nv.suggestion_lines(nw.suggest_partnerships(area["G"], top=3), _t("en"), str)
    assert len(lines) == 3 and all("Both work with" in line for line in lines)


def test_all_network_texts_have_both_languages():
    from lib.i18n.texts.network import TEXTS

    assert all(key.startswith("network.") for key in TEXTS)
    assert all(value.get("da") and value.get("en") for value in TEXTS.values())
    for column in nw.METRIC_COLUMNS:
        assert f"network.explain.{column}" in TEXTS
    for note in nw.EIG_NOTES:
        assert f"network.eig_note.{note}" in TEXTS
