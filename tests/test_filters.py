"""The shared filters: applied consistently to every table, and their URL form."""

import pandas as pd
import pytest

from lib.analysis.filters import Filters, Tables, apply, municipalities_in, options


@pytest.fixture(scope="module")
def tables(sample_tables):
    return Tables.from_dict(sample_tables)


@pytest.fixture(scope="module")
def status(tables):
    from lib.analysis.criteria import latest_status

    return latest_status(tables.areas)


def test_no_filters_keeps_everything(tables, status):
    out = apply(tables, Filters(), status)
    assert len(out.centres) == len(tables.centres)
    assert len(out.survey_responses) == len(tables.survey_responses)
    assert len(out.ties) == len(tables.ties)


def test_region_narrows_every_table_consistently(tables, status):
    out = apply(tables, Filters(regions=("Syddanmark",)), status)
    assert set(out.areas["region"]) == {"Syddanmark"}
    assert set(out.centres["region"]) == {"Syddanmark"}
    assert set(out.survey_responses["centre_id"]) <= set(out.centres["centre_id"])
    assert set(out.actors["area_id"]) <= set(out.areas["area_id"])
    kept = set(out.actors["actor_id"])
    assert out.ties["source_actor_id"].isin(kept).all() and out.ties["target_actor_id"].isin(kept).all()


def _eager_network(tables, out):
    """The network tables as apply made them before they were narrowed on first read."""
    actors = tables.actors[tables.actors["area_id"].isin(set(out.areas["area_id"]))].reset_index(drop=True)
    kept = set(actors["actor_id"])
    ties = tables.ties[tables.ties["source_actor_id"].isin(kept) & tables.ties["target_actor_id"].isin(kept)]
    return actors, ties.reset_index(drop=True)


def test_each_table_is_narrowed_only_when_read(tables, status):
    out = apply(tables, Filters(regions=("Syddanmark",)), status)
    assert out.loaded() == ("codebook",)
    actors, ties = _eager_network(tables, out)  # reads the areas
    pd.testing.assert_frame_equal(out.actors, actors)
    pd.testing.assert_frame_equal(out.ties, ties)
    assert "survey_responses" not in out.loaded() and "centres" not in out.loaded()
    assert out.actors is out.actors  # made once
    assert len(out.survey_responses) < len(tables.survey_responses)
    assert out.loaded() == Tables.NAMES
    assert Tables.from_dict({}).loaded() == Tables.NAMES


def test_threads_reading_the_tables_at_once_get_the_same_frames(tables, status):
    from concurrent.futures import ThreadPoolExecutor

    out = apply(tables, Filters(regions=("Hovedstaden",)), status)
    with ThreadPoolExecutor(8) as pool:  # the answers need the centres, the ties the areas: all made once
        seen = list(pool.map(lambda i: tuple(id(getattr(out, n)) for n in Tables.NAMES[:: 1 - 2 * (i % 2)]), range(32)))
    assert len({frozenset(ids) for ids in seen}) == 1


def test_type_and_year_narrow_responses(tables, status):
    out = apply(tables, Filters(centre_types=("health",), years=(2025,)), status)
    assert set(out.centres["centre_type"]) == {"health"}
    assert set(out.survey_responses["survey_year"]) == {2025}
    merged = out.survey_responses.merge(tables.centres, on="centre_id")
    assert set(merged["centre_type"]) == {"health"}


def test_status_filter_uses_computed_status(tables, status):
    wanted = status.value_counts().index[0]
    out = apply(tables, Filters(area_statuses=(wanted,)), status)
    assert set(out.areas["area_id"]) == set(status[status == wanted].index)


def test_query_round_trip_and_untrusted_values(tables, status):
    f = Filters(regions=("Hovedstaden", "Sjælland"), centre_types=("library",), years=(2021, 2025))
    assert Filters.from_query(f.to_query(), options(tables, status)) == f
    hostile = {"region": "<script>,Hovedstaden", "year": "20x1,2025,99999", "type": ["library", "x"]}
    parsed = Filters.from_query(hostile, options(tables, status))
    assert parsed == Filters(regions=("Hovedstaden",), centre_types=("library",), years=(2025,))


def test_municipalities_follow_regions(tables):
    assert "Aalborg" in municipalities_in(tables, ("Nordjylland",))
    assert "Odense" not in municipalities_in(tables, ("Nordjylland",))


def test_empty_tables_are_handled():
    empty = Tables.from_dict({})
    out = apply(empty, Filters(regions=("Hovedstaden",)), pd.Series(dtype=object))
    assert out.centres.empty and out.areas.empty


@pytest.mark.parametrize(
    "make_values",
    [
        lambda: ("b", "d"),
        lambda: ["b", "zz"],
        lambda: {"a", "c"},
        lambda: pd.Series(["c", "b"], dtype="str").unique(),
        lambda: pd.Index(["a", "d"], dtype="str"),
        lambda: pd.Series(["d"], dtype="str"),
        lambda: (),
        lambda: (1, 2),
    ],
)
def test_fast_isin_matches_pandas(make_values):
    from lib.analysis.filters import isin as _isin

    series = pd.Series(["a", "b", None, "c", "d", "b", ""], dtype="str", index=[3, 1, 4, 1, 5, 9, 2])
    values = make_values()
    expected = series.astype(object).isin(list(values))
    got = _isin(series, values)
    assert got.dtype == bool and got.index.equals(series.index)
    assert got.tolist() == expected.tolist()


# --- the published list ---------------------------------------------------------------------------------


def test_published_filter_uses_the_latest_published_list(tables, status):
    from lib.analysis.criteria import latest_published

    published = latest_published(tables.areas)
    assert set(published) == {"omdannelse", "parallelsamfund"}  # the 2023 lists in the sample
    out = apply(tables, Filters(published_statuses=("omdannelse",)), status)
    assert set(out.areas["area_id"]) == set(published[published == "omdannelse"].index)
    assert len(out.areas["area_id"].unique()) == 8  # the eight omdannelsesområder of 1 Dec 2023
    assert set(out.centres["area_id"]) <= set(out.areas["area_id"])
    assert set(out.actors["area_id"]) <= set(out.areas["area_id"])


def test_published_and_computed_filters_combine(tables, status):
    both = apply(tables, Filters(published_statuses=("parallelsamfund",), area_statuses=("parallelsamfund",)), status)
    published_only = apply(tables, Filters(published_statuses=("parallelsamfund",)), status)
    assert set(both.areas["area_id"]) <= set(published_only.areas["area_id"])


def test_published_filter_options_and_url(tables, status):
    opts = options(tables, status)
    assert opts["published_statuses"] == ("omdannelse", "parallelsamfund")  # severity order
    assert opts["published_year"] == (2023,)
    f = Filters(published_statuses=("omdannelse",), regions=("Hovedstaden",))
    assert f.to_query()["published"] == "omdannelse"
    assert Filters.from_query(f.to_query(), opts) == f
    assert Filters.from_query({"published": "omdannelse,ghetto,<b>"}, opts) == Filters(
        published_statuses=("omdannelse",)
    )


def test_published_filter_without_published_data():
    from lib.analysis.criteria import latest_published

    areas = pd.DataFrame({"area_id": ["A01"], "year": [2025], "region": ["Sjælland"], "municipality": ["Køge"]})
    assert latest_published(areas).empty
    tables = Tables.from_dict({"areas": areas})
    assert options(tables, pd.Series(dtype=object))["published_statuses"] == ()
    out = apply(tables, Filters(published_statuses=("ghetto",)), pd.Series(dtype=object))
    assert out.areas.empty


def test_describe_names_the_published_filter():
    from lib.analysis.filters import describe

    assert describe(Filters(published_statuses=("omdannelse",)), "en") == "Published list: Transformation area"
