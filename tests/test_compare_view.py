"""Chart builders of the "Compare types" page, and its text catalogue."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd
import pytest

from lib.analysis import survey
from lib.i18n import catalogue
from lib.i18n import t as translate
from lib.i18n.texts.compare import TEXTS
from lib.views import compare

ROOT = Path(__file__).resolve().parents[1]


def t_en(key, **fmt):
    return translate(key, "en", **fmt)


@pytest.fixture()
def shares():
    centres = pd.DataFrame({"centre_id": ["L", "H"], "centre_type": ["library", "health"]})
    responses = pd.DataFrame(
        {
            "centre_id": ["L"] * 10 + ["H"] * 3,
            "advantages": ["a1"] * 4 + [""] * 6 + ["a1"] * 3,
            "drawbacks": ["d1"] * 2 + [""] * 11,
        }
    )
    codebook = pd.DataFrame(
        {"code": ["a1", "d1"], "kind": ["advantage", "drawback"], "label_da": ["F", "U"], "label_en": ["Adv", "Drw"]}
    )
    return survey.item_shares(responses, centres, codebook)


def _spec_text(chart) -> str:
    return chart.to_json()


def test_items_frame_marks_suppressed_cells(shares):
    frame = compare.items_frame(shares, t_en, "en")
    health = frame[(frame.centre_type == "health") & (frame.code == "a1")].iloc[0]
    assert health.note == "too few answers (n=3)" and math.isnan(health.share_pct)
    library = frame[(frame.centre_type == "library") & (frame.code == "a1")].iloc[0]
    assert library.note == "" and library.share_pct == pytest.approx(40.0) and library.share_text == "40%"
    assert library.interval.endswith("%")


def test_items_chart_puts_drawbacks_left_and_advantages_right(shares):
    frame = compare.items_frame(shares, t_en, "en")
    groups = compare.legend_labels(frame, survey.CENTRE_TYPES)
    assert groups == [
        "Library-based (n=10)",
        "Health-based (n=3)",
        "Association-based (n=0)",
        "Housing-area-based (n=0)",
    ]
    _, colours = compare.type_groups(survey.CENTRE_TYPES, t_en)
    chart = compare.items_chart(frame, t_en, groups=groups, colours=colours)
    spec = chart.to_dict()
    left, right = spec["hconcat"]
    assert left["title"]["text"] == "← Drawbacks" and right["title"]["text"] == "Advantages →"
    assert left["layer"][0]["encoding"]["x"]["scale"]["reverse"] is True
    assert right["layer"][0]["encoding"]["x"]["scale"]["reverse"] is False
    # the type colours come from the palette, in the canonical order
    assert spec["hconcat"][0]["layer"][0]["encoding"]["color"]["scale"]["range"] == colours
    assert "datasets" in spec  # data embedded, so offline export works


def test_focus_frame_pairs_focus_and_others(shares):
    contrast = survey.focus_contrast(shares, "library")
    frame = compare.focus_frame(contrast, "library", t_en, "en")
    assert set(frame["group"]) == {"Library-based", "All other types"}
    a1 = frame[frame.code == "a1"].set_index("group")
    # others = health only, 3 answers < 5: the pair is hidden together
    assert a1.loc["All other types", "n"] == 3
    assert a1["share_pct"].isna().all() and (a1["note"] != "").all()


def test_ratings_and_profile_charts_build():
    centres = pd.DataFrame(
        {
            "centre_id": ["L", "H"],
            "centre_type": ["library", "health"],
            "floor_area_m2": [500, 2000],
            "has_library": [True, False],
        }
    )
    responses = pd.DataFrame({"centre_id": ["L"] * 6, "rating_visibility": [3, 4, 5, 4, 4, 3]})
    ratings = compare.ratings_frame(survey.rating_summary(responses, centres), t_en)
    assert "Visibility" in set(ratings["dimension_label"])
    assert compare.ratings_chart(ratings, t_en, types=survey.CENTRE_TYPES).to_dict()
    profiles = survey.type_profiles(centres)
    assert (
        len(compare.profile_chart(profiles, t_en, metrics=survey.PROFILE_METRICS, types=survey.CENTRE_TYPES).hconcat)
        == 3
    )
    assert "100%" in _spec_text(compare.partner_chart(profiles, t_en, types=survey.CENTRE_TYPES))


def test_compare_texts_have_both_languages():
    for key, entry in TEXTS.items():
        assert key.startswith("compare."), key
        assert entry.get("da") and entry.get("en"), key
        assert set(re.findall(r"{(\w+)[:}]", entry["da"])) == set(re.findall(r"{(\w+)[:}]", entry["en"])), key


def test_every_key_used_by_the_page_exists():
    used = set()
    for path in (ROOT / "pages" / "1_compare.py", ROOT / "lib" / "views" / "compare.py"):
        used |= set(re.findall(r'"((?:compare|type|rating|notice|filters)\.[a-z_.]+)"', path.read_text()))
    dynamic = {f"compare.card.{c}" for c in survey.CENTRE_TYPES} | {
        f"compare.metric.{m}" for m in survey.PROFILE_METRICS
    }
    dynamic |= {f"compare.flag.{f}" for f in survey.PARTNER_FLAGS}
    missing = sorted(k for k in used | dynamic if k not in catalogue())
    assert not missing, missing


@pytest.mark.parametrize(
    ("focus", "legend", "extra"),
    [
        ("all", ["Library-based (n=10)", "Health-based (n=3)"], "Test"),
        ("library", ["Library-based (n=10)", "All other types (n=3)"], "Difference (95 % interval)"),
    ],
)
def test_items_view(shares, focus, legend, extra):
    chart, table, labels = compare.items_view(
        shares, focus=focus, types=("library", "health"), t=t_en, lang="en", min_n=5
    )
    assert labels == legend
    assert extra in table.columns and "Responses (n)" in table.columns
    # the reader's headers and words only: no internal column names or codes
    internal = {"item", "kind", "group", "n", "k", "share_pct", "lo_pct", "hi_pct", "suppressed", "difference"}
    assert not internal & set(table.columns)
    assert set(table["Advantage or drawback"]) == {"Advantage", "Drawback"}
    assert chart.to_dict()["hconcat"]
