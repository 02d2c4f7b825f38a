"""The pages and the one URL codec: a view (page, shared filters, language, page values) as a URL and back.

Pure module (no Streamlit). The frame writes the address bar with these same
functions (``lib.app.state``): filters as ``Filters.to_query``, ``lang`` only
when it is not the default, and each page-bound value as its text form (lists
joined with commas, booleans as 1/0). A link made here therefore reopens the
same view when pasted into a browser, also on a freshly started server.

Links are untrusted input: ``decode_query`` and ``parse_url`` never raise and
fall back to the default view for anything they do not understand.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from lib.analysis.filters import Filters
from lib.i18n import DEFAULT_LANGUAGE, LANGUAGES


class Page(NamedTuple):
    """One page of the app: its script, navigation text key, icon and URL path under the app root."""

    file: str
    nav_key: str
    icon: str
    path: str  # Streamlit strips the number prefix of pages/N_name.py


PAGES: dict[str, Page] = {
    "overview": Page("dashboard.py", "nav.overview", ":material/home:", ""),
    "compare": Page("pages/1_compare.py", "nav.compare", ":material/compare_arrows:", "compare"),
    "map": Page("pages/2_map.py", "nav.map", ":material/map:", "map"),
    "areas": Page("pages/3_areas.py", "nav.areas", ":material/apartment:", "areas"),
    "network": Page("pages/4_network.py", "nav.network", ":material/hub:", "network"),
    "data": Page("pages/5_data.py", "nav.data", ":material/database:", "data"),
    "present": Page("pages/6_present.py", "nav.present", ":material/slideshow:", "present"),
}
PAGE_PATHS: dict[str, str] = {page_id: page.path for page_id, page in PAGES.items()}
DEFAULT_PAGE = "overview"

# Query parameters owned by the frame, never page values.
FILTER_PARAMS = tuple(Filters._QUERY.values())
FRAME_PARAMS = frozenset({*FILTER_PARAMS, "lang", "present"})

MAX_QUERY_CHARS = 8000  # longer links are truncated before parsing (untrusted input)
MAX_PARAMS = 64
MAX_STR = 500
MAX_LIST_CHARS = 2000


@dataclass(frozen=True)
class ViewState:
    """What a share link carries.

    Attributes
    ----------
    page : str
        Page id, one of ``PAGE_PATHS``.
    filters : Filters
        The shared filters.
    lang : str
        "da" or "en".
    values : dict
        Page-bound values (``ui.bind`` keys) -> value (str, int, float, bool or list of str).
    present : bool
        Open in presentation mode.
    """

    page: str = DEFAULT_PAGE
    filters: Filters = field(default_factory=Filters)
    lang: str = DEFAULT_LANGUAGE
    values: dict[str, Any] = field(default_factory=dict)
    present: bool = False


def encode_value(value: Any) -> str:
    """The URL text of a page value.

    Examples
    --------
    >>> [encode_value(v) for v in (True, 3, 2.5, ["a", "b"], "x")]
    ['1', '3', '2.5', 'a,b', 'x']
    """
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, list | tuple):
        return ",".join(str(v) for v in value)
    return str(value)


def decode_value(raw: str, default: Any, options: Sequence | None = None) -> Any:
    """Parse the URL text of a page value as the type of ``default``; None when it does not fit.

    Examples
    --------
    >>> decode_value("4", 2), decode_value("x", 2), decode_value("a,b", [])
    (4, None, ['a', 'b'])
    """
    if not isinstance(raw, str):
        return None
    try:
        if isinstance(default, bool):
            return {"1": True, "0": False, "true": True, "false": False}.get(raw.lower())
        if isinstance(default, int):
            value: Any = int(raw)
        elif isinstance(default, float):
            value = float(raw)
            if not math.isfinite(value):
                return None
        elif isinstance(default, list | tuple):
            value = [p for p in raw[:MAX_LIST_CHARS].split(",") if p]
            if options is not None:
                value = [v for v in value if v in options]
            return value
        else:
            value = raw[:MAX_STR]
    except (TypeError, ValueError):
        return None
    if options is not None and value not in options:
        return None
    return value


def to_params(state: ViewState) -> dict[str, str]:
    """The query parameters of a view, in a stable order (filters, language, page values)."""
    params = dict(state.filters.to_query())
    if state.lang != DEFAULT_LANGUAGE and state.lang in LANGUAGES:
        params["lang"] = state.lang
    if state.present:
        params["present"] = "1"
    for key in sorted(state.values):
        if key in FRAME_PARAMS:
            continue
        params[key] = encode_value(state.values[key])
    return params


def encode_query(state: ViewState) -> str:
    """The query string (without "?") of a view.

    Examples
    --------
    >>> encode_query(ViewState("map", Filters(regions=("Sjælland",)), "en", {"gap_km": 2.5}))
    'region=Sj%C3%A6lland&lang=en&gap_km=2.5'
    """
    return urlencode(to_params(state))


def page_path(page: str) -> str:
    """URL path of a page relative to the app root ("" for the overview)."""
    return PAGE_PATHS.get(page, "")


def page_from_path(path: str) -> str:
    """Page id from a URL path (the last path segment); the overview when unknown."""
    segment = (path or "").rstrip("/").rsplit("/", 1)[-1].lower()
    for page, seg in PAGE_PATHS.items():
        if seg and seg == segment:
            return page
    return DEFAULT_PAGE


def build_url(base: str, state: ViewState) -> str:
    """A full share link.

    Parameters
    ----------
    base : str
        Any URL of the app (e.g. ``st.context.url`` of the current page); its page path,
        query and fragment are replaced. An empty base gives a root-relative link.
    state : ViewState

    Examples
    --------
    >>> build_url("http://host:8501/compare", ViewState("map", values={"gap_km": 2.0}))
    'http://host:8501/map?gap_km=2.0'
    """
    parts = urlsplit(base or "")
    path = parts.path or "/"
    segments = [s for s in path.split("/") if s]
    if segments and segments[-1].lower() in {p for p in PAGE_PATHS.values() if p}:
        segments = segments[:-1]  # drop the current page; keep any prefix the app is served under
    target = page_path(state.page)
    new_path = "/" + "/".join([*segments, *([target] if target else [])])
    return urlunsplit((parts.scheme, parts.netloc, new_path, encode_query(state), ""))


def _pairs(query: str | Mapping) -> dict[str, str]:
    """Untrusted query -> {name: last value} (as Streamlit's ``st.query_params.get``)."""
    out: dict[str, str] = {}
    if isinstance(query, Mapping):
        items = list(query.items())[:MAX_PARAMS]
        for key, value in items:
            if isinstance(value, list | tuple):
                value = value[-1] if value else ""
            if isinstance(key, str) and isinstance(value, str):
                out[key] = value
        return out
    if not isinstance(query, str):
        return out
    text = query[:MAX_QUERY_CHARS].lstrip("?")
    try:
        pairs = parse_qsl(text, keep_blank_values=True, max_num_fields=MAX_PARAMS)
    except ValueError:  # more fields than allowed, or malformed
        return out
    for key, value in pairs:
        out[key] = value
    return out


def decode_query(
    query: str | Mapping,
    *,
    page: str = DEFAULT_PAGE,
    defaults: Mapping[str, Any] | None = None,
    options: Mapping[str, Sequence] | None = None,
    filter_options: dict[str, tuple] | None = None,
) -> ViewState:
    """Parse a query string (or a mapping of parameters) into a view.

    Parameters
    ----------
    query : str or Mapping
        Untrusted: anything malformed is dropped.
    page : str
        The page the query belongs to (from the URL path); unknown ids give the overview.
    defaults : Mapping, optional
        Page value key -> default. When given, only these keys are kept and each value is
        parsed as the type of its default (a value that does not parse is left out, so the
        page uses its default). Without it every non-frame parameter is kept as text.
    options : Mapping, optional
        Page value key -> allowed values.
    filter_options : dict, optional
        Allowed filter values (``lib.analysis.filters.options``); others are dropped.

    Returns
    -------
    ViewState
    """
    params = _pairs(query)
    page = page if page in PAGE_PATHS else DEFAULT_PAGE
    try:
        filters = Filters.from_query({k: params[k] for k in FILTER_PARAMS if k in params}, filter_options)
    except Exception:  # noqa: BLE001 - untrusted input must never break a link
        filters = Filters()
    lang = params.get("lang")
    lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    present = params.get("present") == "1"
    values: dict[str, Any] = {}
    for key, raw in params.items():
        if key in FRAME_PARAMS or not key or len(key) > 100:
            continue
        if defaults is None:
            values[key] = raw[:MAX_LIST_CHARS]
            continue
        if key not in defaults:
            continue
        parsed = decode_value(raw, defaults[key], (options or {}).get(key))
        if parsed is not None:
            values[key] = parsed
    return ViewState(page=page, filters=filters, lang=lang, values=values, present=present)


def parse_url(url: str, **kwargs) -> ViewState:
    """Parse a full share link (page from its path); see ``decode_query`` for ``kwargs``.

    Examples
    --------
    >>> parse_url("http://h/areas?lang=en&areas_year=2024", defaults={"areas_year": 2025}).values
    {'areas_year': 2024}
    """
    try:
        parts = urlsplit(url if isinstance(url, str) else "")
        path, query = parts.path, parts.query
    except ValueError:
        path, query = "", ""
    return decode_query(query, page=page_from_path(path), **kwargs)
