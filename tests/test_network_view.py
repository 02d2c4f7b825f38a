"""Tests of lib.views.network: the network page's display frames and charts."""

from __future__ import annotations

import pandas as pd
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


def test_many_centres_are_counted_per_band_not_drawn_one_by_one(area):
    """Above ``dots_up_to`` centres the comparison sends bands (a few dozen rows), not a row per centre."""
    frame = nv.compare_frame(area["comparison"], _t("en"))
    for measure, share in nv.COMPARE_MEASURES.items():
        dots = nv.compare_chart(frame, _t("en"), measure=measure, selected=area["centre"]).to_dict()
        banded = nv.compare_chart(frame, _t("en"), measure=measure, selected=area["centre"], dots_up_to=10)
        spec = banded.to_dict()
        assert dots["layer"][0]["mark"]["type"] == "circle" and spec["layer"][0]["mark"]["type"] == "rect"
        bands = nv.compare_bands(frame, measure, share=share)
        rows = spec["datasets"][spec["layer"][0]["data"]["name"]]
        assert len(rows) == len(bands) <= nv.COMPARE_BANDS * frame["centre_type"].nunique()
        # every centre with a value is counted once; the means are the centres' means, not the bands'
        assert bands["n"].sum() == frame[measure].notna().sum()
        means = spec["datasets"][spec["layer"][1]["data"]["name"]]
        expected = frame.groupby("type_label")[measure].mean()
        assert {m["type_label"]: pytest.approx(m["mean"]) for m in means} == expected.to_dict()
        assert len(spec["layer"]) == 3  # bands, means, the chosen centre's ring
    png = export.chart_png(nv.compare_chart(frame, _t("da"), measure="reach_2", selected=None, dots_up_to=10), "x", [])
    assert png[:4] == b"\x89PNG"


def test_bands_cut_shares_into_equal_steps_and_keep_the_top_value():
    frame = pd.DataFrame(
        {
            "type_label": ["a", "a", "a", "b", "b"],
            "reach_2": [0.0, 0.5, 1.0, None, 0.26],
            "betweenness": [0, 0, 4, 2, 1],
        }
    )
    shares = nv.compare_bands(frame, "reach_2", share=True, bands=4)
    assert shares.to_dict("records") == [
        {"type_label": "a", "low": 0.0, "high": 0.25, "n": 1},
        {"type_label": "a", "low": 0.5, "high": 0.75, "n": 1},
        {"type_label": "a", "low": 0.75, "high": 1.0, "n": 1},  # 1.0 lies in the last band, not past it
        {"type_label": "b", "low": 0.25, "high": 0.5, "n": 1},  # the centre without a value is not counted
    ]
    counts = nv.compare_bands(frame, "betweenness", share=False, bands=2)  # 0 to the largest value, 4
    assert counts[["type_label", "low", "n"]].to_dict("records") == [
        {"type_label": "a", "low": 0.0, "n": 2},
        {"type_label": "a", "low": 2.0, "n": 1},
        {"type_label": "b", "low": 0.0, "n": 1},
        {"type_label": "b", "low": 2.0, "n": 1},
    ]
    none = nv.compare_bands(frame.assign(betweenness=0), "betweenness", share=False, bands=2)
    assert none["n"].tolist() == [3, 2]  # all at 0: one band, no division by zero


def test_centres_by_municipality_keeps_the_order_within_each():
    centres = pd.DataFrame(
        {"centre_id": ["c1", "c2", "c3", "c4"], "municipality": ["Aarhus", "københavn", "Aarhus", None]}
    )
    grouped = nv.centres_by_municipality(centres, ["c3", "c2", "c1", "c4"])
    assert grouped == {"Aarhus": ["c3", "c1"], "københavn": ["c2"], "–": ["c4"]}
    assert list(grouped) == ["Aarhus", "københavn", "–"]  # as the sidebar sorts them (case-blind)


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
