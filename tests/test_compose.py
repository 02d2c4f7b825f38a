"""lib.views.compose: layered and side-by-side charts without Altair's copies, drawn exactly as Altair draws them."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from lib.analysis import network as nw
from lib.analysis import survey
from lib.data import export
from lib.i18n import t as translate
from lib.schema import CENTRE_TYPES
from lib.views import compare, compose
from lib.views import network as nv


def _t(key, **fmt):
    return translate(key, "da", **fmt)


_t.lang = "da"
_t.label = lambda kind, code: translate(f"{kind}.{code}", "da")

DATA = pd.DataFrame({"x": [1, 2, 3], "y": [3, 1, 2], "lo": [0, 1, 1], "hi": [2, 3, 3], "g": ["a", "b", "a"]})


def _svg(chart) -> bytes:
    return export.chart_svg(chart, "titel", ["undertitel"])


def _as_altair(monkeypatch):
    monkeypatch.setattr(compose, "layer", alt.layer)
    monkeypatch.setattr(compose, "hconcat", alt.hconcat)


def test_layer_and_hconcat_draw_what_altair_draws():
    base = alt.Chart().encode(x="x:Q", y="y:Q")
    dots, rules = base.mark_point(), base.mark_rule().encode(x="lo:Q", x2="hi:Q")
    ours = compose.layer(dots, rules, data=DATA).properties(width=200)
    theirs = alt.layer(dots, rules, data=DATA).properties(width=200)
    assert ours.to_dict() == theirs.to_dict()
    side = compose.hconcat(ours, alt.Chart(DATA).mark_bar().encode(x="g:N", y="sum(y):Q"), spacing=8)
    assert _svg(side) == _svg(alt.hconcat(theirs, alt.Chart(DATA).mark_bar().encode(x="g:N", y="sum(y):Q"), spacing=8))
    # the sub-charts are used as they are, not copied
    assert ours.layer[0] is dots and side.hconcat[0] is ours


def test_parameters_and_layer_sizes_are_left_to_altair():
    pick = alt.selection_point(fields=["g"])
    chosen = alt.Chart(DATA).mark_point().encode(x="x:Q", y="y:Q").add_params(pick)
    plain = alt.Chart(DATA).mark_line().encode(x="x:Q", y="y:Q")
    assert compose.layer(chosen, plain).to_dict() == alt.layer(chosen, plain).to_dict()
    assert "params" in compose.hconcat(chosen, plain).to_dict()  # lifted to the top, as Altair does
    sized = plain.properties(height=120)
    assert compose.layer(sized, plain).to_dict()["height"] == 120  # moved up from the layer, as Altair does


@pytest.fixture(scope="module")
def built(sample_tables):
    """The Compare page's and the Network page's charts from the sample, as the pages build them."""
    responses, centres, codebook = (sample_tables[k] for k in ("survey_responses", "centres", "codebook"))
    shares = survey.item_shares(responses, centres, codebook)
    actors, ties = sample_tables["actors"], sample_tables["ties"]
    G = nw.build_graph(actors, ties, centre_id="MC001")
    metrics, positions = nw.actor_metrics(G), nw.layout(G)
    nodes = nw.node_frame(positions, metrics, centre_id="MC001")
    everyone = nw.compare_centres(actors, ties, centres)
    return {
        "items": lambda: compare.items_view(shares, focus="all", types=CENTRE_TYPES, t=_t, lang="da", min_n=5)[0],
        "items_focus": lambda: compare.items_view(
            shares, focus="library", types=CENTRE_TYPES, t=_t, lang="da", min_n=5, large=True
        )[0],
        "ratings": lambda: compare.ratings_view(responses, centres, min_n=5, types=CENTRE_TYPES, t=_t)[0],
        "profile": lambda: compare.profiles_view(centres, types=CENTRE_TYPES, t=_t)["profile_chart"],
        "partner": lambda: compare.profiles_view(centres, types=CENTRE_TYPES, t=_t)["partner_chart"],
        "network": lambda: nv.network_chart(nodes, nw.edge_frame(G, positions), _t, centre_id="MC001"),
        "network_compare": lambda: nv.compare_chart(
            nv.compare_frame(everyone, _t), _t, measure="reach_2", selected="MC001"
        ),
    }


@pytest.mark.parametrize(
    "name", ["items", "items_focus", "ratings", "profile", "partner", "network", "network_compare"]
)
def test_the_pages_charts_draw_exactly_as_through_altair(built, name, monkeypatch):
    ours = built[name]()
    ours.to_dict(validate=True)
    with monkeypatch.context() as patch:
        _as_altair(patch)
        theirs = built[name]()
    assert _svg(ours) == _svg(theirs)


def _encode_shorthands(source: str) -> list[str]:
    """Channels given to ``.encode()`` as a string, a dict or ``alt.value/datum/condition`` (a dict underneath)."""
    import ast

    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "encode"):
            continue
        for value in [*node.args, *(k.value for k in node.keywords)]:
            for item in value.elts if isinstance(value, (ast.List, ast.Tuple)) else [value]:
                plain = isinstance(item, ast.Dict) or (isinstance(item, ast.Constant) and isinstance(item.value, str))
                helper = (
                    isinstance(item, ast.Call)
                    and isinstance(item.func, ast.Attribute)
                    and item.func.attr in ("value", "datum", "condition")
                    and getattr(item.func.value, "id", "") == "alt"
                )
                if plain or helper:
                    found.append(f"line {item.lineno}: {ast.unparse(item)}")
    return found


def test_the_chart_builders_name_their_channel_classes():
    # Altair turns a shorthand string or dict into a channel with from_dict, which first hashes the JSON schema
    # of every Vega-Lite class: ~5 ms per channel, 17 channels on one Compare view (84 ms of a first visit at x100).
    from pathlib import Path

    views = Path(compose.__file__).parent
    found = {p.name: _encode_shorthands(p.read_text(encoding="utf-8")) for p in sorted(views.glob("*.py"))}
    assert {name: lines for name, lines in found.items() if lines} == {}
    assert _encode_shorthands('alt.Chart().encode(x="a:Q", color=alt.value("red"))') == [
        "line 1: 'a:Q'",
        "line 1: alt.value('red')",
    ]
