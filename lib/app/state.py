"""Session state: every key in one place, widgets bound to the URL, and the address bar.

Why the shadow keys: Streamlit forgets a widget's value when a page without
that widget runs. Each stateful widget therefore has a widget key (``w_*``)
and a stored key (``s_*``) that survives page switches and seeds the widget
again on the next page. Pages never touch these keys: they call :func:`bound`,
which draws the widget and returns its value.

The URL text of every value comes from :mod:`lib.app.routes` (the one codec), so a
link made by the share button decodes exactly as the frame reads the address bar.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from lib import settings
from lib.analysis import filters as flt
from lib.app import routes
from lib.i18n import DEFAULT_LANGUAGE, LANGUAGES

# --- keys ---------------------------------------------------------------------------------------
K_LANG = "lang"
K_PRESENT = "present"
K_URL_LOADED = "_url_loaded"
K_CHARTS = "_charts"  # {page_id: {chart_key: ChartRecord}} of the latest run, for slide export
K_BOUND = "_bound"  # {key: default} of state bound with ``bound``
K_INCOMING = "_incoming_query"  # the URL parameters the browser sent for the current run
W_LANG = "w_lang"
W_PRESENT = "w_present"
FILTER_KEYS = {
    "regions": "filter_regions",
    "municipalities": "filter_municipalities",
    "centre_types": "filter_centre_types",
    "area_statuses": "filter_area_statuses",
    "years": "filter_years",
    "published_statuses": "filter_published_statuses",
}
# Presentation and storyboard bookkeeping (lib.app.present)
K_PINS = "_pins"  # list[dict]: the storyboard, in order
K_PIN_SEQ = "_pin_seq"
K_PAGE_KEYS = "_present_page_keys"  # {page_id: [bound keys the page binds]}
K_LAST_PAGE = "_present_last_page"
K_SEEN = "_present_seen_keys"  # bound keys already attributed to a page
K_RUN_CHARTS = "_present_run_charts"  # (page_id, the charts dict the frame made for the latest run)
K_TOAST = "_present_toast"
K_STEP = "present_step"
K_GOTO = "_present_goto"
K_PENDING = "_present_pending"  # id of the pin whose charts come from the current run
K_CHOICES = "_present_choices"  # {key: (label, value as shown, printf format)} of bound widgets, for slides


def _widget_key(key: str) -> str:
    return f"w_{key}"


def _stored_key(key: str) -> str:
    return f"s_{key}"


# --- language -----------------------------------------------------------------------------------


def site_language() -> str:
    """Language of a new session: ATLAS_DEFAULT_LANGUAGE when it is one we have, else Danish."""
    lang = str(settings.get("ATLAS_DEFAULT_LANGUAGE")).lower()
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def current_language() -> str:
    """The session's language (the site default until the reader picks one)."""
    lang = st.session_state.get(K_LANG) or site_language()
    return lang if lang in LANGUAGES else site_language()


# --- the URL ------------------------------------------------------------------------------------


def remember_incoming_query() -> None:
    """Keep the URL parameters the browser sent; the frame rewrites the address bar later in the run."""
    try:
        st.session_state[K_INCOMING] = {k: st.query_params.get(k) for k in st.query_params}
    except Exception:  # noqa: BLE001 - a malformed URL gives the default view
        st.session_state[K_INCOMING] = {}


def url_param(name: str) -> str | None:
    """A URL parameter as the browser sent it at the start of this run (untrusted: validate before use)."""
    incoming = st.session_state.get(K_INCOMING)
    try:
        value = incoming.get(name) if incoming is not None else st.query_params.get(name)
    except Exception:  # noqa: BLE001 - malformed URLs must never break a page
        return None
    return value if isinstance(value, str) else None


def _mirror(key: str, current, default) -> None:
    """Put a bound value into the URL, leaving defaults out so shared links stay short."""
    if current == default or (isinstance(default, list | tuple) and list(current) == list(default)):
        if key in st.query_params:
            del st.query_params[key]
    else:
        st.query_params[key] = routes.encode_value(current)


def load_url_once(options: dict[str, tuple]) -> None:
    """Seed the filters, language and presentation mode from the URL on a session's first run."""
    ss = st.session_state
    if ss.get(K_URL_LOADED):
        return
    params = {k: url_param(k) for k in routes.FILTER_PARAMS}
    parsed = flt.Filters.from_query({k: v for k, v in params.items() if v}, options)
    for name, skey in FILTER_KEYS.items():
        ss[skey] = list(getattr(parsed, name))
    lang = url_param("lang")
    if lang in LANGUAGES:
        ss[K_LANG] = lang
    ss[K_PRESENT] = url_param("present") == "1"
    ss[K_URL_LOADED] = True


def current_filters() -> flt.Filters:
    """The shared filters as stored in the session."""
    ss = st.session_state
    return flt.Filters(**{name: tuple(ss.get(skey, [])) for name, skey in FILTER_KEYS.items()})


def write_url(filters: flt.Filters, lang: str, present: bool) -> None:
    """Rewrite the address bar's frame parameters (page values are mirrored by :func:`bound`)."""
    params = filters.to_query()
    if lang != site_language():
        params["lang"] = lang
    if present:
        params["present"] = "1"
    st.query_params.from_dict(params)


def is_presenting() -> bool:
    """Whether presentation mode is on for this session."""
    return bool(st.session_state.get(K_PRESENT))


# --- bound widgets ------------------------------------------------------------------------------


def _seed(key: str, default, options: Sequence | None, bounds: tuple | None):
    """The stored value of ``key``: from the URL on the first run, kept valid against options and bounds."""
    wkey, skey = _widget_key(key), _stored_key(key)
    ss = st.session_state
    if skey not in ss:
        raw = url_param(key)
        parsed = routes.decode_value(raw, default, options) if raw is not None else None
        if parsed is not None and bounds is not None and not (bounds[0] <= parsed <= bounds[1]):
            parsed = None
        ss[skey] = parsed if parsed is not None else default
    if options is not None:
        if isinstance(default, list | tuple):
            ss[skey] = [v for v in ss[skey] if v in options]
        elif ss[skey] not in options:
            ss[skey] = default if default in options else (list(options)[0] if len(options) else default)
    if wkey in ss:
        ss[skey] = ss[wkey]  # a change the user just made on this page
    # Re-assert every run: after a page switch the widget has a new id and would start from its default.
    ss[wkey] = ss[skey]
    ss.setdefault(K_BOUND, {})[key] = default
    _mirror(key, ss[skey], default)
    return ss[skey]


def bound(
    widget: Callable,
    label: str,
    *,
    key: str,
    default: Any,
    options: Sequence | None = None,
    bounds: tuple | None = None,
    **widget_args,
):
    """Draw ``widget`` with its value kept across pages and in the share URL; return the value.

    Parameters
    ----------
    widget : callable
        A Streamlit input such as ``st.selectbox`` or ``column.slider``.
    label : str
        The widget's label.
    key : str
        The name of the value in the URL (``?key=...``) and in the storyboard.
    default : object
        The value of a new session; its type is how a URL value is parsed.
    options : sequence, optional
        Allowed values, passed to the widget as its options (selects, segmented controls).
    bounds : tuple, optional
        ``(low, high)`` for numbers, passed as ``min_value``/``max_value``.
    **widget_args
        Anything else the widget takes (``help``, ``format_func``, ``step``...).

    Returns
    -------
    object
        The current value (from the reader's last change, the URL, or ``default``).

    Examples
    --------
    >>> focus = bound(st.segmented_control, "Fokus", key="focus_type", default="all",
    ...               options=["all", "library"])  # doctest: +SKIP
    """
    value = _seed(key, default, options, bounds)
    if options is not None:
        widget_args["options"] = list(options)
    if bounds is not None:
        widget_args.setdefault("min_value", bounds[0])
        widget_args.setdefault("max_value", bounds[1])
    widget(label, key=_widget_key(key), **widget_args)
    value = current_value(key, default=value)
    _remember_choice(key, label, value, widget_args)
    return value


def _remember_choice(key: str, label: str, value, widget_args: dict) -> None:
    """The widget's label and its value as the reader saw it, so a slide can name the page's choices."""
    shown = widget_args.get("format_func")
    try:
        if shown is not None:
            text = ", ".join(str(shown(v)) for v in value) if isinstance(value, list | tuple) else str(shown(value))
        else:
            text = None  # numbers are formatted by the slide, in the deck's language
    except Exception:  # noqa: BLE001 - a label is a nicety; never break the page for it
        text = None
    st.session_state.setdefault(K_CHOICES, {})[key] = (label, text, widget_args.get("format"))


def current_value(key: str, default=None):
    """The value of a bound widget now (also stored for the next page and mirrored to the URL)."""
    ss = st.session_state
    wkey, skey = _widget_key(key), _stored_key(key)
    if wkey in ss:
        ss[skey] = ss[wkey]
        _mirror(key, ss[skey], ss.get(K_BOUND, {}).get(key))
    value = ss.get(skey)
    return default if value is None else value


def peek_value(key: str):
    """A bound value without storing it (for the storyboard, which reads other pages' values)."""
    ss = st.session_state
    wkey, skey = _widget_key(key), _stored_key(key)
    return ss[wkey] if wkey in ss else ss.get(skey)


def bound_value(key: str, default, *, options: Sequence | None = None, bounds: tuple | None = None):
    """A value kept across pages and in the share URL that no widget shows (e.g. the map's selection).

    Change it with :func:`set_value`.
    """
    return _seed(key, default, options, bounds)


def set_value(key: str, new_value) -> None:
    """Set a bound value from code (e.g. a map click, or before ``st.switch_page``)."""
    ss = st.session_state
    ss[_stored_key(key)] = new_value
    ss.pop(_widget_key(key), None)
    if key in ss.get(K_BOUND, {}):
        _mirror(key, new_value, ss[K_BOUND][key])


def bound_defaults() -> dict:
    """``{key: default}`` of every value bound so far in this session."""
    return dict(st.session_state.get(K_BOUND, {}))


def reset_values(keys, value) -> None:
    """Set several bound values back to ``value`` (a button callback, e.g. "reset the scenario")."""
    for key in keys:
        set_value(key, value)
