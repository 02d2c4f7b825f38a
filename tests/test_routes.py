"""Share links: every page's state survives encode -> URL -> decode, and untrusted links give clean defaults."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib.analysis.filters import Filters
from lib.app import routes
from lib.app.routes import PAGES
from lib.schema import CENTRE_TYPES, REGION_NAMES

ROOT = Path(__file__).resolve().parent.parent
PAGE_FILES = {page_id: page.file for page_id, page in PAGES.items()}
# Defaults that are expressions in the page source (e.g. ``years[-1]``): their type, by key.
TYPE_HINTS = {"areas_year": 2025, "areas_area": "A01"}
# Keys built at run time (``av.shift_key(indicator)``) get a representative of each kind.
DYNAMIC_KEYS = {"areas": {"areas_wi_labour": 0.0}}


def _bound_defaults(path: Path) -> dict:
    """``app.bound(..., key="key", default=...)`` and ``app.bound_value("key", default=...)`` calls -> {key: default}."""
    if not path.exists():
        return {}
    out = {}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and getattr(node.func, "attr", None) in ("bound", "bound_value")):
            continue
        named = next((kw.value for kw in node.keywords if kw.arg == "key"), None)
        key = named if named is not None else (node.args[0] if node.func.attr == "bound_value" and node.args else None)
        if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
            continue
        default = next((kw.value for kw in node.keywords if kw.arg == "default"), None)
        try:
            value = ast.literal_eval(default) if default is not None else ""
        except ValueError:
            value = TYPE_HINTS.get(key.value, "")
        out[key.value] = value
    return out


PAGE_DEFAULTS = {
    page: {**_bound_defaults(ROOT / file), **DYNAMIC_KEYS.get(page, {})} for page, file in PAGE_FILES.items()
}

MUNICIPALITIES = ["København", "Lyngby-Taarbæk", "Aarhus", "Høje-Taastrup", "Sønderborg"]
STATUSES = ["udsat", "parallel", "transformation", "prevention", "none"]
item_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters=","), min_size=1, max_size=20
)
any_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)
filters_strategy = st.builds(
    Filters,
    regions=st.lists(st.sampled_from(list(REGION_NAMES)), unique=True, max_size=3).map(tuple),
    municipalities=st.lists(st.sampled_from(MUNICIPALITIES), unique=True, max_size=3).map(tuple),
    centre_types=st.lists(st.sampled_from(list(CENTRE_TYPES)), unique=True, max_size=4).map(tuple),
    area_statuses=st.lists(st.sampled_from(STATUSES), unique=True, max_size=3).map(tuple),
    years=st.lists(st.integers(2000, 2099), unique=True, max_size=3).map(tuple),
)


def _value_strategy(default):
    if isinstance(default, bool):
        return st.booleans()
    if isinstance(default, int):
        return st.integers(-(10**9), 10**9)
    if isinstance(default, float):
        return st.floats(allow_nan=False, allow_infinity=False, width=64)
    if isinstance(default, list | tuple):
        return st.lists(item_text, max_size=5)
    return any_text


@st.composite
def page_states(draw):
    page = draw(st.sampled_from(list(PAGE_DEFAULTS)))
    defaults = PAGE_DEFAULTS[page]
    keys = draw(st.lists(st.sampled_from(sorted(defaults)), unique=True)) if defaults else []
    values = {k: draw(_value_strategy(defaults[k])) for k in keys}
    state = routes.ViewState(
        page=page,
        filters=draw(filters_strategy),
        lang=draw(st.sampled_from(["da", "en"])),
        values=values,
        present=draw(st.booleans()),
    )
    return state, defaults


def test_pages_with_state_are_discovered():
    # guards the round trip below against silently testing nothing
    assert PAGE_DEFAULTS["overview"] == {}
    for page in ("compare", "map", "areas"):
        if (ROOT / PAGE_FILES[page]).exists() and "app.bound(" in (ROOT / PAGE_FILES[page]).read_text():
            assert PAGE_DEFAULTS[page], page


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page_states(), st.sampled_from(["http://localhost:8501/", "https://atlas.example.dk/sub/map", ""]))
def test_round_trip_every_page(case, base):
    state, defaults = case
    url = routes.build_url(base, state)
    assert routes.parse_url(url, defaults=defaults) == state


@settings(max_examples=200, deadline=None)
@given(page_states())
def test_query_round_trip_as_streamlit_sees_it(case):
    # st.query_params hands the app a {name: last value} mapping: decode that form too
    state, defaults = case
    from urllib.parse import parse_qsl

    params = dict(parse_qsl(routes.encode_query(state), keep_blank_values=True))
    assert routes.decode_query(params, page=state.page, defaults=defaults) == state


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), st.binary(max_size=100).map(lambda b: b.decode("latin-1"))))
def test_untrusted_links_never_raise(text):
    defaults = PAGE_DEFAULTS["map"] or {"gap_km": 2.0}
    for candidate in (text, f"http://h/map?{text}", f"/compare?{text}", f"?{text}"):
        state = routes.parse_url(candidate, defaults=defaults)
        assert state.page in routes.PAGE_PATHS
        assert state.lang in ("da", "en")
        for key, value in state.values.items():
            assert key in defaults
            assert isinstance(value, type(defaults[key])) or (
                isinstance(defaults[key], list) and isinstance(value, list)
            )


def test_garbage_gives_the_default_view():
    assert routes.parse_url("not a url at all") == routes.ViewState()
    assert routes.parse_url(None) == routes.ViewState()  # type: ignore[arg-type]
    assert routes.decode_query(12345) == routes.ViewState()  # type: ignore[arg-type]
    state = routes.parse_url("http://h/nosuchpage?lang=xx&present=yes&region=,,,&year=19x9")
    assert state == routes.ViewState()


def test_bad_values_fall_back_to_the_page_default():
    defaults = {"min_n": 5, "gap_km": 2.0, "map_basemap": False, "gap_status": []}
    state = routes.parse_url(
        "http://h/map?min_n=abc&gap_km=nan&map_basemap=maybe&gap_status=udsat,,bogus&other=1",
        defaults=defaults,
        options={"gap_status": ["udsat", "parallel"]},
    )
    assert state.page == "map"
    assert state.values == {"gap_status": ["udsat"]}


def test_filter_options_drop_unknown_values():
    options = {
        "regions": ("Sjælland",),
        "municipalities": (),
        "centre_types": CENTRE_TYPES,
        "area_statuses": (),
        "years": (2025,),
    }
    state = routes.decode_query("region=Sjælland,Atlantis&type=library,<script>&year=2025,2031", filter_options=options)
    assert state.filters == Filters(regions=("Sjælland",), centre_types=("library",), years=(2025,))


def test_huge_and_repeated_params_are_capped():
    query = "&".join(f"k{i}=v" for i in range(10_000))
    assert routes.decode_query(query) == routes.ViewState()  # too many fields: ignored, not an error
    state = routes.decode_query("lang=en&lang=da&lang=en")
    assert state.lang == "en"  # the last value wins, as in st.query_params
    long = routes.decode_query("comment_query=" + "x" * 5000, defaults={"comment_query": ""})
    assert len(long.values["comment_query"]) == routes.MAX_STR


def test_url_shape():
    state = routes.ViewState("compare", Filters(regions=("Sjælland",)), "en", {"min_n": 7, "focus_type": "library"})
    url = routes.build_url("http://localhost:8616/map", state)
    assert url == "http://localhost:8616/compare?region=Sj%C3%A6lland&lang=en&focus_type=library&min_n=7"
    assert routes.build_url("http://h/atlas/", routes.ViewState("overview")) == "http://h/atlas"
    assert routes.build_url("http://h/atlas/areas", routes.ViewState("map")) == "http://h/atlas/map"
    assert routes.build_url("", routes.ViewState("data")) == "/data"


@pytest.mark.parametrize("page", list(routes.PAGE_PATHS))
def test_page_paths_round_trip(page):
    assert routes.page_from_path("/" + routes.page_path(page)) == page
