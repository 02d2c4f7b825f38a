"""Keys of ``lib.app.cache.memo``: every input counts, and a long list of ids stays cheap to hash."""

from __future__ import annotations

import pytest

from lib.app import cache
from lib.i18n import translator


def test_a_long_list_of_ids_is_keyed_by_a_digest_of_its_values_in_order():
    ids = [f"MC{i:05d}" for i in range(12_000)]
    key = cache._key_of(ids, {})
    assert key == cache._key_of(list(ids), {})  # equal values, equal key
    assert key != cache._key_of(ids[::-1], {})  # order matters (the chart's order)
    assert key != cache._key_of(ids[:-1], {})
    assert key != cache._key_of(tuple(ids), {})
    assert len(repr(key)) < 100


def test_short_and_mixed_inputs_are_keyed_by_value():
    assert cache._key_of([1, 2, 3], {}) == ("list", (1, 2, 3))
    assert cache._key_of(translator("en"), {}) == ("t", "en")
    assert cache._key_of([True] * 100, {}) != cache._key_of([1] * 100, {})


def test_lambdas_and_frames_of_unknown_origin_are_refused():
    import pandas as pd

    with pytest.raises(cache.MemoInputError):
        cache._check_function(lambda x: x)
    with pytest.raises(cache.MemoInputError):
        cache._key_of(pd.DataFrame({"a": [1]}), {})


def test_a_key_of_plain_values_is_handed_to_streamlit_as_one_digest():
    from lib.analysis.filters import Filters

    key = (
        "lib.views.maps.gap_table",
        ("sqlite://", (("areas", 3),)),
        (("tables.areas", Filters(regions=("Sjælland",))),),
        (),
    )
    digest = cache._digest(key)
    assert isinstance(digest, str) and len(digest) == 40
    assert digest == cache._digest(tuple(key))  # equal keys, equal digest
    other = (key[0], key[1], (("tables.areas", Filters(regions=("Nordjylland",))),), ())
    assert cache._digest(other) != digest
    assert cache._digest((1,)) != cache._digest((True,)) != cache._digest((1.0,))


def test_a_key_whose_repr_could_hide_a_difference_is_left_to_streamlit():
    class Opaque:
        def __hash__(self):
            return 1

        def __repr__(self):
            return "Opaque()"

    key = ("f", (Opaque(),))
    assert cache._digest(key) is key


def _row_count(frame) -> int:
    return len(frame)


def test_a_page_may_memoise_on_the_filtered_network_tables_once_it_reads_them(sample_tables):
    import pandas as pd

    from lib.analysis import filters as flt
    from lib.app.context import PageContext

    everything = flt.Tables.from_dict(sample_tables)
    filters = flt.Filters(regions=("Syddanmark",))
    ctx = PageContext(
        page_id="test",
        lang="da",
        filters=filters,
        tables=flt.apply(everything, filters, pd.Series(dtype=object)),
        all_tables=everything,
        area_status=pd.Series(dtype=object),
        versions={},
        version_ids={"actors": 1},
        is_sample=True,
        present=False,
    )
    assert ctx.memo(_row_count, ctx.tables.centres) == len(ctx.tables.centres)
    assert "actors" not in ctx.tables.loaded()  # keying the first memo did not make them
    assert ctx.memo(_row_count, ctx.tables.actors) == len(ctx.tables.actors) < len(everything.actors)


def test_a_decorated_module_level_function_may_be_memoised_and_a_local_one_may_not():
    from lib.views import compose, overview

    assert cache._check_function(overview.centres_per_type) == "lib.views.overview.centres_per_type"

    @compose.quick_build
    def local(frame):
        return frame

    with pytest.raises(cache.MemoInputError):
        cache._check_function(local)
