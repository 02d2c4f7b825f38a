"""Unit tests of the pure frames and charts behind the Areas page (lib/views/areas.py)."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from lib.analysis import criteria
from lib.views import areas as av


def _areas() -> pd.DataFrame:
    """Two areas over 2016-2022: A01 always heavy, A02 light; A02 has a published status that disagrees."""
    rows = []
    for year in range(2016, 2023):
        rows.append(
            {
                "area_id": "A01",
                "name": "Nordparken",
                "municipality": "Aarhus",
                "year": year,
                "population": 2500,
                "pct_outside_labour_market": 45.0,
                "convicted_ratio_national": 3.2,
                "pct_convicted": 3.0,
                "pct_basic_education_only": 65.0,
                "income_pct_of_region": 50.0,
                "pct_nonwestern": 60.0,
                "official_status": None,
            }
        )
        rows.append(
            {
                "area_id": "A02",
                "name": "Sydparken",
                "municipality": "Odense",
                "year": year,
                "population": 1800,
                "pct_outside_labour_market": 38.0,
                "convicted_ratio_national": 1.0,
                "pct_convicted": 1.0,
                "pct_basic_education_only": 62.0,
                "income_pct_of_region": 70.0,
                "pct_nonwestern": 35.0,
                "official_status": "udsat" if year == 2022 else None,
            }
        )
    return pd.DataFrame(rows)


@pytest.fixture
def areas():
    return _areas()


@pytest.fixture
def classified(areas):
    return criteria.classify(areas)


def test_year_table_has_threshold_headers_met_flags_and_published_mismatch(areas, classified):
    table = av.year_table(areas, classified, 2022, "da")
    assert table["Område"].tolist() == ["Nordparken", "Sydparken"]  # most severe first
    assert table["Status (beregnet)"].tolist() == ["Omdannelsesområde", "Forebyggelsesområde"]
    assert "Grundskole >60%" in table.columns and "Dømte ≥3x" in table.columns
    assert table["✓ Grundskole"].tolist() == [True, True]
    assert table["✓ Uden job/udd."].tolist() == [True, False]
    assert table["Afviger"].tolist() == [False, True]
    assert table["Kriterier (af 4)"].tolist() == [4, 1]


def test_year_table_uses_the_rule_set_of_the_year(areas, classified):
    table = av.year_table(areas, classified, 2016, "en")
    assert "Basic educ. >50%" in table.columns and "Convictions >2.7%" in table.columns
    assert "Criteria (of 5)" in table.columns
    assert "Published status" not in table.columns  # no published status that year


def test_styled_table_colours_met_cells_only(areas, classified):
    table = av.year_table(areas, classified, 2022, "da")
    html = av.styled_year_table(table, 2022, "da").to_html()
    assert av.MET_CELL_STYLE.split(";")[0] in html
    assert "✓" not in html  # the flag columns are folded into the colours


def test_column_help_names_rule_and_leaves_numbers_to_the_styler(areas):
    help_ = av.column_help(2022, "da")
    text, fmt, width = help_["Dømte ≥3x"]
    # a printf format would override the Styler's Danish numbers in Streamlit's table
    assert "mindst" in text and fmt is None and width >= 80
    table = av.year_table(areas, criteria.classify(areas), 2022, "da")
    html = av.styled_year_table(table, 2022, "da").to_html()
    shown = table["Dømte ≥3x"].dropna().iloc[0]
    assert f"{shown:.2f}".replace(".", ",") in html and f">{shown:.2f}<" not in html


@pytest.mark.parametrize(
    "indicator, year, lang, expected",
    [
        ("pct_outside_labour_market", 2022, "da", "> 40"),
        ("convicted_ratio_national", 2022, "da", "≥ 3"),
        ("pct_convicted", 2016, "da", "> 2,7"),
        ("pct_convicted", 2016, "en", "> 2.7"),
        ("income_pct_of_region", 2019, "en", "< 55"),
        ("pct_convicted", 2022, "en", ""),
    ],
)
def test_threshold_text(indicator, year, lang, expected):
    assert av.threshold_text(indicator, year, lang) == expected


def test_trend_frame_steps_when_rules_change(areas, classified):
    frame = av.trend_frame(areas, classified, "A01", "da")
    edu = frame[frame["indicator_code"] == "pct_basic_education_only"].set_index("year")
    assert edu.loc[2017, "threshold"] == 50.0 and edu.loc[2018, "threshold"] == 60.0
    assert pd.isna(edu.loc[2020, "threshold_prevention"]) and edu.loc[2021, "threshold_prevention"] == 60.0
    assert set(frame["status_code"]) == {"ghetto", "haardt_ghetto", "omdannelse"}
    chart = av.trend_chart(frame, "da")
    assert isinstance(chart, alt.FacetChart)
    chart.to_dict()  # valid Vega-Lite


def test_status_counts_cover_every_area_every_year(classified):
    counts = av.status_counts(classified, "en")
    per_year = counts.groupby("year")["areas"].sum()
    assert (per_year == 2).all()
    table = av.status_counts_table(counts, "en")
    assert table.columns[0] == "Year" and len(table) == 7
    av.status_counts_chart(counts, "en").to_dict()


def test_what_if_tables(areas):
    result = criteria.what_if(areas, {"pct_outside_labour_market": 3.0})  # 38 -> 41: Sydparken becomes udsat
    table = av.what_if_table(result, areas, "da")
    assert table["Område"].tolist() == ["Sydparken"]
    assert table[["Status nu", "Status i scenariet"]].iloc[0].tolist() == ["Forebyggelsesområde", "Udsat boligområde"]
    assert len(av.what_if_table(result, areas, "da", changed_only=False)) == 2
    moves = av.transition_counts(result, "en")
    assert moves.iloc[0].tolist() == ["Prevention area", "Vulnerable area", 1]


def test_centres_of_area():
    centres = pd.DataFrame(
        {
            "centre_id": ["MC001", "MC002"],
            "name": ["Huset", "Biblioteket"],
            "centre_type": ["housing_area", "library"],
            "area_id": ["A01", "A02"],
            "opened_year": [2001, 2010],
            "n_organisations": [4, 7],
        }
    )
    table = av.centres_of_area(centres, "A02", "en")
    assert table.to_dict("records") == [
        {"Centre": "Biblioteket", "Type": "Library-based", "Opened": 2010, "Organisations under the roof": 7}
    ]


def test_helpers():
    assert av.shift_key("income_pct_of_region") == "areas_wi_income"
    assert av.n_listed(pd.Series(["udsat", "none", "too_small", "forebyggelse"])) == 2
    assert av.n_main_criteria(2015) == 5 and av.n_main_criteria(2019) == 4
    assert av.rule_set_period("2021", "en") == "2021 onwards"
    assert av.rule_set_period("2018", "da") == "2018-2020"
    assert set(av.SHIFT_SLIDERS) <= set(criteria.INDICATORS)


@pytest.mark.parametrize(
    "status, expected",
    [
        ("udsat", "Udsat boligområde på 2022-listen"),
        ("forebyggelse", "3 af 4 sænkede kriterier opfyldt"),
        ("none", "ikke på nogen liste"),
        ("too_small", "under 1.000"),
    ],
)
def test_area_summary_wording(status, expected):
    row = pd.Series({"status": status, "year": 2022, "n_met": 2, "n_required": 2, "n_met_prevention": 3})
    assert expected in av.area_summary(row, "Nordparken", "da")


def test_history_text_names_the_undecided_status():
    row = pd.Series({"history_note": "history_too_short", "rule_set": "2018", "year": 2019})
    assert "Hårdt ghettoområde kræver 4 år i træk" in av.history_text(row, 2018, "da")
    assert av.history_text(pd.Series({"history_note": "", "rule_set": "2018"}), 2018, "da") == ""


# --- missing population ------------------------------------------------------------------------------------


def test_missing_population_reads_population_unknown(areas):
    areas = areas.copy()
    areas.loc[(areas["area_id"] == "A01") & (areas["year"] == 2022), "population"] = None
    classified = criteria.classify(areas)
    table = av.year_table(areas, classified, 2022, "en")
    row = table[table["Area"] == "Nordparken"].iloc[0]
    assert row["Status (computed)"] == "Population unknown"
    assert pd.isna(row["Residents"])
    summary = av.area_summary(classified[classified["year"] == 2022].iloc[0], "Nordparken", "en")
    assert "has no population" in summary and "fewer than 1,000" not in summary
    # a known small population still reads "under 1,000"
    small = pd.Series({"status": "too_small", "population_unknown": False, "year": 2022, "n_met": 1, "n_required": 2})
    assert "fewer than 1,000" in av.area_summary(small, "X", "en")


# --- published status beside the computed one --------------------------------------------------------------


def test_published_column_sits_beside_the_computed_status(areas, classified):
    table = av.year_table(areas, classified, 2022, "en")
    cols = list(table.columns)
    assert cols[cols.index("Status (computed)") + 1 : cols.index("Status (computed)") + 3] == [
        "Published status",
        "Differs",
    ]
    assert table["Published status"].tolist() == ["", "Vulnerable area"]


def test_disagreements_are_coloured_in_the_styled_table(areas, classified):
    table = av.year_table(areas, classified, 2022, "da")
    html = av.styled_year_table(table, 2022, "da").to_html()
    assert av.MISMATCH_CELL_STYLE.split(";")[0] in html
    agreeing = areas.assign(official_status=lambda f: f["official_status"].where(f["area_id"] != "A02", "forebyggelse"))
    plain = av.year_table(agreeing, criteria.classify(agreeing), 2022, "da")
    assert av.MISMATCH_CELL_STYLE.split(";")[0] not in av.styled_year_table(plain, 2022, "da").to_html()


def test_published_timeline_frame_and_chart(areas, classified):
    frame = av.published_timeline_frame(classified, classified, "A02", "en")
    assert set(frame["track_code"]) == {"published", "computed"}
    assert len(frame) == 2 * 7
    pub = frame[frame["track_code"] == "published"].set_index("year")
    assert pub.loc[2022, "status"] == "Vulnerable area" and bool(pub.loc[2022, "differs"])
    assert pub.loc[2016, "status"] == "No list in the atlas"
    spec = av.published_timeline_chart(frame, "en").to_dict()
    assert "≠" in str(spec)
    table = av.published_timeline_table(frame, "en")
    assert table.columns.tolist() == ["Year", "Published", "Computed", "Differs"]
    assert table.loc[table["Year"] == 2022, "Differs"].item()


def test_timeline_tells_off_the_lists_from_no_list(areas, classified):
    """A year with a published list but no status for this area is not the same as a year without any list."""
    frame = av.published_timeline_frame(classified, classified, "A01", "en")
    pub = frame[frame["track_code"] == "published"].set_index("year")["status"]
    assert pub[2022] == "Not on the lists the atlas holds"
    assert pub[2021] == "No list in the atlas"


def test_published_view_is_none_without_published_data(areas):
    bare = criteria.classify(areas.assign(official_status=None))
    assert av.published_timeline_view(bare, bare, "A01", "en") is None
    assert av.published_summary(bare, "A01", "en") == ""
    assert av.year_published_note(bare, 2022, "en") == ""


def test_published_summary_for_the_map(areas, classified):
    assert av.published_summary(classified, "A02", "en") == (
        "**Published (2022 list):** Vulnerable area · **computed:** Prevention area — **differs (≠)**"
    )
    assert "Not on the lists the atlas holds" in av.published_summary(classified, "A01", "en")


def test_year_note_names_the_years_with_lists(classified):
    assert "2022" in av.year_published_note(classified, 2016, "en")
    assert "Published status" in av.year_published_note(classified, 2022, "en")


def test_streak_reading_follows_the_setting(monkeypatch):
    monkeypatch.setenv("ATLAS_HAARDT_GHETTO_YEARS", "4")
    text = av.streak_reading_text("en")
    # the other reading is named in years; the setting's name is for whoever runs the atlas, not for readers
    assert "**4 years in a row**" in text and "other reading (5 years)" in text and "ATLAS_" not in text
    monkeypatch.setenv("ATLAS_HAARDT_GHETTO_YEARS", "5")
    text = av.streak_reading_text("en")
    assert "**5 years in a row**" in text and "other reading (4 years)" in text
    assert "consecutive lists" in text
