"""The published lists (data/reference/official_lists.csv), their loader, and the sample that agrees with them."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from lib.analysis import criteria
from lib.data import official_lists as ol
from lib.data import sample

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "data" / "reference" / "official_lists.README.md"
FACTS = Path("/work/shared/reference/FACTS.md")

# Published counts in shared/reference/FACTS.md ("Published counts, useful as sanity checks"), written out by hand
# so that a wrong row in the file fails here. FACTS gives "22 listed areas" for Dec 2017 (the ghetto list).
FACTS_COUNTS = {
    (2017, "ghetto"): 22,
    (2019, "ghetto"): 28,
    (2019, "hard_ghetto"): 15,
    (2020, "ghetto"): 15,
    (2020, "hard_ghetto"): 13,
    (2022, "parallel_society"): 10,
    (2022, "transformation"): 9,
    (2023, "parallel_society"): 12,
    (2023, "transformation"): 8,
}
# Published counts not in FACTS.md, with the source the file's README names for each.
README_COUNTS = {
    (2012, "ghetto"): 33,  # ministry answer to Folketinget, UUI Alm.del 2011-12 spm. 550
    (2016, "ghetto"): 25,  # boligsocialnet.dk, Dec 2017: "tre færre end sidste år"
    (2018, "ghetto"): 29,  # Aarhus Lokalavisen, 1 Dec 2018 (22 -> 29)
    (2018, "hard_ghetto"): 15,  # Ekstra Bladet, Dec 2019: no change to the hard list in 2019
    (2021, "parallel_society"): 12,  # Altinget 2021
    (2021, "transformation"): 10,  # Altinget 2021
}
MISSING_YEARS = (2010, 2011, 2013, 2014, 2015, 2024, 2025)
# Real listed areas that data/reference/areas.csv does not hold (so the atlas cannot show them).
NOT_IN_ATLAS = {
    ("Dianavænget/Heliosvænget", "Odense"),
    ("Ellekonebakken", "Viborg"),
    ("Nøjsomhed/Sydvej", "Helsingør"),
    ("Resedavej/Nørrevang II", "Silkeborg"),
    ("Skovgårdsparken", "Aarhus"),
}


@pytest.fixture(scope="module")
def lists() -> pd.DataFrame:
    return ol.load()


@pytest.fixture(scope="module")
def places() -> pd.DataFrame:
    ref = sample.load_reference()
    return ref.assign(area_id=[f"A{i + 1:02d}" for i in range(len(ref))])


@pytest.fixture(scope="module")
def areas() -> pd.DataFrame:
    return pd.read_csv(ROOT / "data" / "sample" / "areas.csv")


# --- The file ------------------------------------------------------------------------------------------------


def test_counts_per_year_and_list_match_the_published_counts(lists):
    counts = lists.groupby(["year", "list"]).size().to_dict()
    assert counts == {**FACTS_COUNTS, **README_COUNTS}


def test_facts_counts_are_the_ones_in_facts_md():
    if not FACTS.exists():
        pytest.skip("shared/reference/FACTS.md not available")
    text = FACTS.read_text(encoding="utf-8")
    for phrase in (
        "Dec 2017: 22 listed areas",
        "Dec 2019: 28 ghetto areas, 15 hårde",
        "15 ghetto, 13 hårde",
        "10 parallelsamfund, 9 omdannelses",
        "12 parallelsamfund, 8 omdannelses",
    ):
        assert phrase in re.sub(r"\s+", " ", text), phrase


def test_missing_years_are_absent_and_stated_in_the_readme(lists):
    assert not set(lists["year"]) & set(MISSING_YEARS)
    text = README.read_text(encoding="utf-8")
    assert "ghetto 2010, 2011, 2013, 2014, 2015" in text
    assert "parallel_society and transformation 2024" in text
    assert "1 Dec 2025" in text
    # no udsatte or forebyggelse list could be verified for any year
    assert not lists["list"].isin(["vulnerable", "prevention"]).any()


def test_one_row_per_area_list_and_year_with_a_source(lists):
    assert not lists.duplicated(["year", "list", "area_name", "municipality"]).any()
    assert lists["source_title"].str.strip().ne("").all()
    assert lists["source_publisher"].str.strip().ne("").all()
    names = lists.drop_duplicates("list").set_index("list")["list_name_da"].to_dict()
    assert names == {
        "ghetto": "ghettoområde",
        "hard_ghetto": "hårdt ghettoområde",
        "parallel_society": "parallelsamfund",
        "transformation": "omdannelsesområde",
    }
    assert set(lists.groupby("list")["list_name_da"].nunique()) == {1}


def test_streak_lists_are_inside_their_main_list(lists):
    rows = set(zip(lists["year"], lists["list"], lists["area_name"], lists["municipality"], strict=True))
    for year, code, name, kommune in rows:
        if code == "hard_ghetto":
            assert (year, "ghetto", name, kommune) in rows, name
        if code == "transformation":
            assert (year, "parallel_society", name, kommune) in rows, name


def test_municipalities_are_official_names(lists):
    path = ROOT / "data" / "reference" / "municipalities.csv"
    if not path.exists():
        pytest.skip("data/reference/municipalities.csv not present")
    kommuner = set(pd.read_csv(path)["municipality"])
    assert set(lists["municipality"]) <= kommuner


# --- The loader ----------------------------------------------------------------------------------------------


def test_every_name_matches_an_atlas_area_except_the_areas_it_lacks(lists, places):
    matched, unmatched = ol.match(lists, places)
    assert set(zip(unmatched["area_name"], unmatched["municipality"], strict=True)) == NOT_IN_ATLAS
    assert len(matched) + lists.merge(unmatched[["area_name", "municipality"]]).shape[0] == len(lists)
    # the spelling table does the work where the names differ
    by_name = dict(zip(matched["area_name"], matched["atlas_name"], strict=True))
    assert by_name["Ringparken, Slagelse"] == "Ringparken"
    assert by_name["Rønnebærparken/Æblehaven"] == "Æblehaven/Rønnebærparken"
    assert by_name["Nørager/Søstjernevej m.fl."] == "Nørager/Søstjernevej"
    assert by_name["Skovparken/Skovvejen"] == "Skovvejen/Skovparken"


def test_matching_needs_the_kommune_too(lists, places):
    moved = places.assign(municipality=places["municipality"].where(places["name"] != "Vollsmose", "Aarhus"))
    matched, unmatched = ol.match(lists, moved)
    assert "Vollsmose" not in set(matched["atlas_name"])
    assert ("Vollsmose", "Odense") in set(zip(unmatched["area_name"], unmatched["municipality"], strict=True))


def test_published_status_per_area_year(lists, places):
    status = ol.published_status(lists, places).set_index(["area_id", "year"])["official_status"]
    ids = dict(zip(places["name"], places["area_id"], strict=True))
    assert status[(ids["Mjølnerparken"], 2019)] == "haardt_ghetto"
    assert status[(ids["Mjølnerparken"], 2022)] == "omdannelse"
    assert status[(ids["Askerød"], 2022)] == "parallelsamfund"
    assert status[(ids["Gadelandet/Husumgård"], 2017)] == "ghetto"
    # before 2018 the ghetto list was the only list: off it means on no list
    assert status[(ids["Vapnagaard"], 2016)] == "none"
    # from 2018 the udsatte lists are not in the file: off the ghetto list is not "on no list"
    assert pd.isna(status[(ids["Vapnagaard"], 2019)])
    assert ol.complete_years(lists) == (2012, 2016, 2017)
    assert not set(status.index.get_level_values("year")) & set(MISSING_YEARS)


def test_sources_name_each_year(lists):
    table = ol.sources(lists)
    assert set(table["year"]) == set(lists["year"])
    assert table["areas"].sum() == len(lists)


# --- The sample agrees with the lists ----------------------------------------------------------------------


def test_sample_carries_the_published_status(areas, lists, places):
    expected = ol.published_status(lists, places)
    merged = areas.merge(expected, on=["area_id", "year"], how="left", suffixes=("", "_expected"))
    got = merged["official_status"].astype("string")
    want = merged["official_status_expected"].astype("string")
    assert ((got == want) | (got.isna() & want.isna())).all()
    # the generated years carry no published status
    assert areas.loc[areas["year"].isin(MISSING_YEARS), "official_status"].isna().all()


def test_engine_on_the_sample_reproduces_every_published_status(areas):
    """With the "5 consecutive lists" reading, every published area-year of the sample comes out as published."""
    result = criteria.classify(areas, streaks={"haardt_ghetto": criteria.HAARDT_GHETTO_READINGS["lists"]})
    published = result[result["official_status"].notna()]
    assert len(published) == 235  # 46 areas x 3 complete years + the 97 listed rows of 2018-2023
    listed = published[published["official_status"] != "none"]
    assert (listed["status"] == listed["official_status"]).all()
    assert set(listed["official_status"]) == {"ghetto", "haardt_ghetto", "parallelsamfund", "omdannelse"}
    assert not result["published_mismatch"].any()


def test_off_the_published_lists_means_off_them_in_the_sample(areas, lists):
    """Area-years off a covered main list compute to a status that is not on that list (nor its streak list)."""
    result = criteria.classify(areas, streaks={"haardt_ghetto": criteria.HAARDT_GHETTO_READINGS["lists"]})
    main = ol.on_main_list(lists, areas.drop_duplicates("area_id"))
    off = main[~main["main"]].merge(result, on=["area_id", "year"])
    assert len(off) > 0
    assert not off["status"].isin(["ghetto", "haardt_ghetto", "parallelsamfund", "omdannelse"]).any()


def test_default_reading_differs_from_the_published_lists_in_three_places(areas):
    """Under the default 4-year reading, three 2019 ghetto areas with four listed years come out hårde.

    They were on the 2016-2019 ghetto lists and were not hårde in 2019: the published lists follow the
    "5 consecutive lists" reading (ATLAS_HAARDT_GHETTO_YEARS=5).
    """
    result = criteria.classify(areas, streaks={"haardt_ghetto": criteria.HAARDT_GHETTO_READINGS["sbst"]})
    names = areas.drop_duplicates("area_id").set_index("area_id")["name"]
    wrong = result[result["published_mismatch"]]
    assert sorted(wrong["area_id"].map(names)) == ["Bispeparken", "Nørager/Søstjernevej", "Solbakken"]
    assert set(wrong["year"]) == {2019}
    assert set(wrong["status"]) == {"haardt_ghetto"} and set(wrong["official_status"]) == {"ghetto"}


def test_generated_history_is_long_enough_for_every_streak(areas):
    result = criteria.classify(areas)
    assert not result["history_note"].astype(bool).any()
    assert result["year"].min() == 2010


def test_targets_refuse_an_impossible_history(monkeypatch, lists):
    """A published hårdt ghettoområde whose streak would need a year published off the list is an error."""
    places = pd.DataFrame({"name": ["X"], "municipality": ["Odense"]})
    rows = [(y, "ghetto") for y in (2012, 2016, 2018)] + [(2018, "hard_ghetto")]
    fake = pd.DataFrame(
        [
            {
                "year": y,
                "list": code,
                "list_name_da": code,
                "area_name": "X",
                "municipality": "Odense",
                "source_title": "t",
                "source_publisher": "p",
                "source_date": "",
            }
            for y, code in rows
        ]
    )
    fake = pd.concat([fake, lists[lists["year"] == 2017]], ignore_index=True)  # 2017 list without X
    monkeypatch.setattr(ol, "load", lambda *a, **k: fake)
    with pytest.raises(ValueError, match="needs 2017"):
        sample.main_list_targets(places)
