"""The shared page frame: the only lib module that draws with Streamlit.

Every page starts with ``ctx = ui.page_frame("<page id>")``. The frame sets the
page config, opens the database (seeding the bundled sample on first start),
loads the current tables (cached on their version ids), draws the translated
navigation, the language switch and the shared filters, mirrors all of it to
the URL, and shows the illustrative-data notice while the sample is in use.

Why the shadow keys: Streamlit forgets a widget's value when a page without
that widget runs. Each stateful widget therefore has a widget key (``w_*``)
and a stored key (``s_*``) that survives page switches and seeds the widget
again on the next page.
"""

from __future__ import annotations

import functools
import html
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

import altair as alt
import pandas as pd
import streamlit as st

from lib import export, store, ui_present
from lib import filters as flt
from lib.errors import AtlasError
from lib.i18n import DEFAULT_LANGUAGE, LANGUAGES, label, t
from lib.schema import CENTRE_TYPES

log = logging.getLogger("atlas")

# --- session-state keys (one place) -------------------------------------------------
K_LANG = "lang"
K_PRESENT = "present"
K_URL_LOADED = "_url_loaded"
K_CHARTS = "_charts"  # {page_id: {chart_key: ChartRecord}} of the latest run, for slide export
K_BOUND = "_bound"  # {key: default} of state bound with ``bind``
K_INCOMING = "_incoming_query"  # the URL parameters the browser sent for the current run
FILTER_KEYS = {
    "regions": "filter_regions",
    "municipalities": "filter_municipalities",
    "centre_types": "filter_centre_types",
    "area_statuses": "filter_area_statuses",
    "years": "filter_years",
}

PAGES = {
    # page id: (file, nav text key, icon)
    "overview": ("dashboard.py", "nav.overview", ":material/home:"),
    "compare": ("pages/1_compare.py", "nav.compare", ":material/compare_arrows:"),
    "map": ("pages/2_map.py", "nav.map", ":material/map:"),
    "areas": ("pages/3_areas.py", "nav.areas", ":material/apartment:"),
    "network": ("pages/4_network.py", "nav.network", ":material/hub:"),
    "data": ("pages/5_data.py", "nav.data", ":material/database:"),
    "present": ("pages/6_present.py", "nav.present", ":material/slideshow:"),
}


@dataclass
class ChartRecord:
    """A chart drawn in the latest run, kept for pinning and slide export."""

    title: str
    chart: alt.TopLevelMixin
    table: pd.DataFrame | None
    caption: str = ""


@dataclass
class PageContext:
    """What a page gets from the frame."""

    page_id: str
    lang: str
    filters: flt.Filters
    tables: flt.Tables
    all_tables: flt.Tables  # unfiltered, shared between sessions: treat as read-only
    area_status: pd.Series
    versions: dict[str, store.VersionInfo]
    version_ids: dict[str, int]
    is_sample: bool
    present: bool
    engine: object = field(repr=False, default=None)

    def t(self, key: str, **fmt) -> str:
        return t(key, self.lang, **fmt)

    def label(self, kind: str, code) -> str:
        return label(kind, code, self.lang)

    @property
    def filters_text(self) -> str:
        return describe_filters(self.filters, self.lang)

    @property
    def data_key(self) -> tuple:
        """Which data this is (database URL + version ids): the key of caches that ignore the filters.

        The URL matters whenever one process serves more than one database (the benchmarks do:
        two seeded databases both start at version 1).
        """
        return (store.database_url(), tuple(sorted(self.version_ids.items())))

    @property
    def version_text(self) -> str:
        return ", ".join(f"{t('table.' + k, self.lang)} v{v}" for k, v in sorted(self.version_ids.items()))


# Less empty space above the page title than Streamlit's default; readable table text.
_BASE_CSS = """<style>
[data-testid="stMainBlockContainer"] {padding-top: 2.5rem;}
</style>"""


# --- cached data access ----------------------------------------------------------------


@st.cache_resource(show_spinner=False)
def _engine(url: str):
    engine = store.get_engine(url)
    store.ensure_seeded(engine)
    return engine


@st.cache_resource(show_spinner=False, max_entries=64)
def _table(url: str, version_id: int) -> pd.DataFrame:
    # cache_resource, not cache_data: no copy per rerun. Frames are shared; never mutate them.
    return store.read_version(_engine(url), version_id)


@st.cache_resource(show_spinner=False, max_entries=8)
def _classified(url: str, version_id: int | None) -> pd.DataFrame:
    # Every area-year through the criteria engine, once per data version; shared by the status
    # filter, the Areas page and the map, so all three show the same (history-aware) status.
    from lib.criteria import classify
    from lib.schema import empty_frame

    return classify(empty_frame("areas") if version_id is None else _table(url, version_id))


@st.cache_resource(show_spinner=False, max_entries=16)
def _area_status(url: str, version_id: int | None) -> pd.Series:
    from lib.criteria import latest_of

    return latest_of(_classified(url, version_id))["status"].rename("status")


def classified_areas(ctx: PageContext) -> pd.DataFrame:
    """``lib.criteria.classify`` of every area-year of the current data (shared: never mutate)."""
    return _classified(store.database_url(), ctx.version_ids.get("areas"))


@st.cache_resource(show_spinner=False, max_entries=32)
def _filtered(url: str, version_key: tuple, filters: flt.Filters) -> flt.Tables:
    # Keyed on the data versions and the filters: every page and session with the same view shares one result.
    ids = dict(version_key)
    frames = {name: _table(url, vid) for name, vid in ids.items()}
    return flt.apply(flt.Tables.from_dict(frames), filters, _area_status(url, ids.get("areas")))


# Bounded by count: most entries are aggregates of a few kB to ~2 MB at x100; the few big
# results (the map's deck, ~15 MB at 15,000 centres) go to their own, smaller cache.
@st.cache_resource(show_spinner=False, max_entries=256)
def _memo(name: str, data_key: tuple, filters: flt.Filters | None, lang: str, key: tuple, _compute):
    return _compute()


@st.cache_resource(show_spinner=False, max_entries=16)
def _memo_big(name: str, data_key: tuple, filters: flt.Filters | None, lang: str, key: tuple, _compute):
    return _compute()


def memo(ctx: PageContext, name: str, compute, *key, big: bool = False, follows_filters: bool = True):
    """``compute()`` once per view: ``name`` + ``key`` + data versions + filters + language.

    For a page's derived tables and charts, which otherwise cost tens of milliseconds
    on every rerun at x100. The result is shared by all sessions: never mutate it.
    ``name`` ("page:what", not a text key) must identify ``compute`` (it is not hashed)
    and ``key`` must hold every other value it depends on (small, hashable values such
    as a year or a slider). ``big=True`` for results of many MB (kept 16 at a time).
    ``follows_filters=False`` for results computed from the unfiltered tables
    (``ctx.all_tables``): one entry serves every filter state.
    """
    filters = ctx.filters if follows_filters else None
    return (_memo_big if big else _memo)(name, ctx.data_key, filters, ctx.lang, key, compute)


@st.cache_resource(show_spinner=False, max_entries=8)
def _versions(url: str, key: tuple) -> dict[str, store.VersionInfo]:
    return store.current_versions(_engine(url))


@st.cache_resource(show_spinner=False, max_entries=8)
def _options(url: str, key: tuple, _tables: flt.Tables, _area_status: pd.Series) -> dict[str, tuple]:
    # Depends only on the database and its data versions; scanning every table costs ~80 ms per run at x100.
    return flt.options(_tables, _area_status)


@st.cache_resource(show_spinner=False, max_entries=64)
def _municipalities(url: str, key: tuple, regions: tuple[str, ...], _tables: flt.Tables) -> tuple[str, ...]:
    return flt.municipalities_in(_tables, regions)


def engine():
    """The app's database engine (created and seeded once per process)."""
    return _engine(store.database_url())


def load_tables() -> tuple[flt.Tables, dict[str, int]]:
    """All current tables, unfiltered, and their version ids."""
    url = store.database_url()
    ids = store.current_version_ids(_engine(url))
    frames = {name: _table(url, vid) for name, vid in ids.items()}
    return flt.Tables.from_dict(frames), ids


# --- language, URL and bound state ------------------------------------------------------


def _site_language() -> str:
    """Language of a new session: ATLAS_DEFAULT_LANGUAGE when it is one we have, else Danish."""
    from lib import settings

    lang = str(settings.get("ATLAS_DEFAULT_LANGUAGE")).lower()
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def _lang() -> str:
    lang = st.session_state.get(K_LANG) or _site_language()
    return lang if lang in LANGUAGES else _site_language()


def _query_get(name: str) -> str | None:
    """A URL parameter as the browser sent it at the start of this run (the frame rewrites the URL)."""
    incoming = st.session_state.get(K_INCOMING)
    try:
        value = incoming.get(name) if incoming is not None else st.query_params.get(name)
    except Exception:  # noqa: BLE001 - malformed URLs must never break a page
        return None
    return value if isinstance(value, str) else None


def url_param(name: str) -> str | None:
    """A URL parameter as the browser sent it (untrusted: validate before use)."""
    return _query_get(name)


def _mirror(key: str, current, default) -> None:
    """Put a bound value into the URL, leaving defaults out so shared links stay short."""
    if current == default or (isinstance(default, list | tuple) and list(current) == list(default)):
        if key in st.query_params:
            del st.query_params[key]
    else:
        st.query_params[key] = _encode(current)


def _encode(value) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, list | tuple):
        return ",".join(str(v) for v in value)
    return str(value)


def _decode(raw: str, default, options: Sequence | None):
    """Parse a URL value as the type of ``default``; None when it does not fit."""
    try:
        if isinstance(default, bool):
            return {"1": True, "0": False, "true": True, "false": False}.get(raw.lower())
        if isinstance(default, int):
            value = int(raw)
        elif isinstance(default, float):
            value = float(raw)
            if value != value or value in (float("inf"), float("-inf")):
                return None
        elif isinstance(default, list | tuple):
            value = [p for p in raw[:2000].split(",") if p]
            if options is not None:
                value = [v for v in value if v in options]
            return value
        else:
            value = raw[:500]
    except (TypeError, ValueError):
        return None
    if options is not None and value not in options:
        return None
    return value


def bind(key: str, default, *, options: Sequence | None = None, bounds: tuple | None = None) -> str:
    """Make a page widget's value survive page switches and appear in the share URL.

    Returns the widget key to pass to the widget; read the value with ``value(key)``.
    A value from the URL is used on the first run of the session (validated against
    ``options`` or ``bounds``; anything that does not fit falls back to ``default``).
    """
    wkey, skey = f"w_{key}", f"s_{key}"
    ss = st.session_state
    if skey not in ss:
        raw = _query_get(key)
        parsed = _decode(raw, default, options) if raw is not None else None
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
    return wkey


def value(key: str):
    """Current value of a bound widget (see ``bind``); also stores it for the next page."""
    ss = st.session_state
    wkey, skey = f"w_{key}", f"s_{key}"
    if wkey in ss:
        ss[skey] = ss[wkey]
        _mirror(key, ss[skey], ss.get(K_BOUND, {}).get(key))
    return ss.get(skey)


def set_value(key: str, new_value) -> None:
    """Set a bound value from code (e.g. before ``st.switch_page``)."""
    ss = st.session_state
    ss[f"s_{key}"] = new_value
    ss.pop(f"w_{key}", None)


def _load_url_once(options: dict[str, tuple]) -> None:
    ss = st.session_state
    if ss.get(K_URL_LOADED):
        return
    params = {k: _query_get(k) for k in ("region", "kommune", "type", "status", "year")}
    parsed = flt.Filters.from_query({k: v for k, v in params.items() if v}, options)
    for name, skey in FILTER_KEYS.items():
        ss[skey] = list(getattr(parsed, name))
    lang = _query_get("lang")
    if lang in LANGUAGES:
        ss[K_LANG] = lang
    ss[K_PRESENT] = _query_get("present") == "1"
    ss[K_URL_LOADED] = True


def current_filters() -> flt.Filters:
    ss = st.session_state
    return flt.Filters(**{name: tuple(ss.get(skey, [])) for name, skey in FILTER_KEYS.items()})


def _write_url(filters: flt.Filters, lang: str, present: bool) -> None:
    params = filters.to_query()
    if lang != _site_language():
        params["lang"] = lang
    if present:
        params["present"] = "1"
    st.query_params.from_dict(params)


def describe_filters(filters: flt.Filters, lang: str) -> str:
    """The filters in words, for captions, exports and the presentation header."""
    parts = []
    if filters.regions:
        parts.append(f"{t('filters.region', lang)}: {', '.join(filters.regions)}")
    if filters.municipalities:
        parts.append(f"{t('filters.municipality', lang)}: {', '.join(filters.municipalities)}")
    if filters.centre_types:
        parts.append(
            f"{t('filters.centre_type', lang)}: {', '.join(label('type', c, lang) for c in filters.centre_types)}"
        )
    if filters.area_statuses:
        names = ", ".join(label("status", s, lang) for s in filters.area_statuses)
        parts.append(f"{t('filters.area_status_short', lang)}: {names}")
    if filters.years:
        parts.append(f"{t('filters.year', lang)}: {', '.join(str(y) for y in filters.years)}")
    return "; ".join(parts) if parts else t("filters.summary_none", lang)


# --- the frame -------------------------------------------------------------------------------


def page_frame(page_id: str) -> PageContext:
    """Draw the shared frame and return what the page needs. Call first on every page."""
    file, nav_key, icon = PAGES.get(page_id, PAGES["overview"])
    st.set_page_config(
        page_title=f"{t(nav_key, _lang())} · {t('app.title', _lang())}",
        page_icon=":material/diversity_3:",
        layout="wide",
        initial_sidebar_state="expanded",
    )
    ss = st.session_state
    try:
        ss[K_INCOMING] = {k: st.query_params.get(k) for k in st.query_params}
    except Exception:  # noqa: BLE001 - a malformed URL gives the default view
        ss[K_INCOMING] = {}
    try:
        with st.spinner(t("notice.loading", _lang())):
            eng = engine()
            all_tables, ids = load_tables()
            url = store.database_url()
            area_status = _area_status(url, ids.get("areas"))
            versions = _versions(url, tuple(sorted(ids.items())))
    except AtlasError as err:
        st.error(err.message(_lang()))
        st.stop()
    except Exception:  # noqa: BLE001 - the viewer gets a plain message, the log the details
        log.exception("database unavailable")
        st.error(t("notice.db_unavailable", _lang()))
        st.stop()

    data_key = (store.database_url(), tuple(sorted(ids.items())))
    opts = _options(*data_key, all_tables, area_status)
    _load_url_once(opts)
    lang = _lang()
    present = bool(ss.get(K_PRESENT))
    ss.setdefault(K_CHARTS, {})[page_id] = {}

    latest_year = int(all_tables.areas["year"].max()) if len(all_tables.areas) else None
    with st.sidebar:
        st.markdown(f"### {t('app.title', lang)}")
        _language_switch()
        lang = _lang()
        _navigation(lang)
        _filter_widgets(all_tables, opts, lang, latest_year, data_key)
        ui_present.sidebar_tools(lang, page_id=page_id)
    filters = current_filters()
    present = bool(ss.get(K_PRESENT))
    _write_url(filters, lang, present)

    is_sample = any(v.is_sample for v in versions.values())
    tables = _filtered(url, tuple(sorted(ids.items())), filters)
    ctx = PageContext(
        page_id=page_id,
        lang=lang,
        filters=filters,
        tables=tables,
        all_tables=all_tables,
        area_status=area_status,
        versions=versions,
        version_ids=ids,
        is_sample=is_sample,
        present=present,
        engine=eng,
    )
    st.html(_BASE_CSS)
    if present:
        ui_present.header(ctx)
    elif is_sample:
        st.info(t("notice.sample", lang), icon=":material/science:")
    with st.sidebar:
        st.divider()
        st.caption(t("version.caption", lang, versions=ctx.version_text))
        st.caption(t("version.provenance_sample" if is_sample else "version.provenance_upload", lang))
    return ctx


def _language_switch() -> None:
    ss = st.session_state
    ss.setdefault(K_LANG, _site_language())
    ss["w_lang"] = ss[K_LANG]

    def _changed():
        if ss.get("w_lang") in LANGUAGES:
            ss[K_LANG] = ss["w_lang"]
        else:
            ss["w_lang"] = ss[K_LANG]

    st.segmented_control(
        t("lang.label", _lang()),
        options=list(LANGUAGES),
        format_func=lambda code: {"da": "Dansk", "en": "English"}[code],
        key="w_lang",
        on_change=_changed,
        label_visibility="collapsed",
    )


def _navigation(lang: str) -> None:
    st.caption(t("nav.heading", lang))
    for _page, (file, nav_key, icon) in PAGES.items():
        st.page_link(file, label=t(nav_key, lang), icon=icon)


def _filter_widgets(
    tables: flt.Tables, opts: dict[str, tuple], lang: str, latest_year: int | None, data_key: tuple
) -> None:
    ss = st.session_state
    st.markdown(f"**{t('filters.heading', lang)}**", help=t("filters.help", lang))
    ss["filter_municipalities"] = [
        m
        for m in ss.get("filter_municipalities", [])
        if m in _municipalities(*data_key, tuple(ss.get("filter_regions", [])), tables)
    ]
    specs = [
        ("regions", t("filters.region", lang), opts["regions"], None),
        (
            "municipalities",
            t("filters.municipality", lang),
            _municipalities(*data_key, tuple(ss.get("filter_regions", [])), tables),
            None,
        ),
        ("centre_types", t("filters.centre_type", lang), CENTRE_TYPES, lambda c: label("type", c, lang)),
        (
            "area_statuses",
            t("filters.area_status", lang, year=latest_year or ""),
            opts["area_statuses"],
            lambda s: label("status", s, lang),
        ),
        ("years", t("filters.year", lang), opts["years"], str),
    ]
    for name, text, options, fmt in specs:
        skey = FILTER_KEYS[name]
        wkey = "w_" + skey
        stored = [v for v in ss.get(skey, []) if v in options]
        ss[skey] = stored
        ss[wkey] = stored  # re-assert: after a page switch the widget has a new id

        def _changed(skey=skey, wkey=wkey):
            ss[skey] = list(ss[wkey])

        st.multiselect(
            text,
            options=list(options),
            key=wkey,
            format_func=fmt or str,
            on_change=_changed,
            placeholder=t("filters.all", lang),
        )

    def _reset():
        for skey in FILTER_KEYS.values():
            ss[skey] = []
            ss["w_" + skey] = []

    st.button(t("filters.reset", lang), on_click=_reset, icon=":material/filter_alt_off:", key="w_filters_reset")


# --- building blocks for pages -------------------------------------------------------------------


def empty_state(ctx: PageContext, message_key: str = "notice.empty") -> None:
    """A helpful message when the filters leave nothing to show."""
    st.info(ctx.t(message_key), icon=":material/filter_alt:")


def show_error(err: AtlasError, lang: str) -> None:
    """The one place a domain error is rendered."""
    # values may quote the user's file (headers, sheet names): shown as text, never as Markdown/HTML
    fmt = {k: safe_text(v) if isinstance(v, str) else v for k, v in err.fmt.items()}
    st.error(t(err.key, lang, **fmt), icon=":material/error:")


def chart_block(
    ctx: PageContext,
    chart: alt.TopLevelMixin,
    *,
    key: str,
    title: str,
    table: pd.DataFrame | None = None,
    caption: str | None = None,
    on_select: str | None = None,
):
    """Draw an Altair chart with its table view, CSV download and PNG/SVG export.

    The chart is also recorded for slide export (``K_CHARTS``). Returns the
    selection event when ``on_select`` is given.
    """
    options = {"width": "stretch", "key": f"chart_{key}", **({"on_select": on_select} if on_select else {})}
    spec = _vega_spec(chart, present=ctx.present)
    event = st.vega_lite_chart(spec=spec, **options) if spec is not None else st.altair_chart(chart, **options)
    if caption:
        st.caption(caption)
    record = ChartRecord(title=title, chart=chart, table=table, caption=caption or "")
    st.session_state.setdefault(K_CHARTS, {}).setdefault(ctx.page_id, {})[key] = record
    if not ctx.present:
        _chart_downloads(ctx, record, key)
    return event


def _unvalidated(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """A shallow copy of ``chart`` that skips Altair's JSON-schema check when Streamlit converts it.

    The check costs 30-40 ms per chart on every rerun; every chart the pages record is
    validated once by tests/test_page_charts.py instead, and exports still validate.
    """
    fast = chart.copy(deep=False)
    object.__setattr__(fast, "to_dict", functools.partial(type(fast).to_dict, fast, validate=False))
    return fast


_SPEC_ATTR = "_atlas_vega_spec"
_PRESENT_SPEC_ATTR = "_atlas_vega_spec_present"
# Text sizes for a projector (presentation mode); a chart's own larger sizes are kept.
PRESENT_FONT_SIZES = {
    "axis": {"labelFontSize": 15, "titleFontSize": 16},
    "legend": {"labelFontSize": 15, "titleFontSize": 16},
    "header": {"labelFontSize": 15, "titleFontSize": 16},
    "title": {"fontSize": 20, "subtitleFontSize": 15},
}


def presentation_spec(spec: dict) -> dict:
    """``spec`` with axis, legend, facet-header and title text at least :data:`PRESENT_FONT_SIZES`."""
    config = dict(spec.get("config") or {})
    for section, sizes in PRESENT_FONT_SIZES.items():
        own = dict(config.get(section) or {})
        for name, size in sizes.items():
            current = own.get(name)
            own[name] = max(size, current) if isinstance(current, int | float) else size
        config[section] = own
    return {**spec, "config": config}


def _vega_spec(chart: alt.TopLevelMixin, *, present: bool = False) -> dict | None:
    """The chart as Streamlit sends it (Vega-Lite spec, data as Arrow), converted once per chart object.

    Pages keep their charts in ``memo``; converting the same chart again on every rerun (Altair's
    deep copies + Arrow encoding) was ~15 % of the server's CPU under load. The spec rides on the
    chart object, so it lives exactly as long as the cached chart. None when this Streamlit has
    no such converter (then ``st.altair_chart`` does the work, as before).
    """
    spec = chart.__dict__.get(_SPEC_ATTR)
    if spec is None:
        try:
            from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec
        except ImportError:  # a future Streamlit: fall back to the public path
            return None
        spec = _convert_altair_to_vega_lite_spec(_unvalidated(chart))
        object.__setattr__(chart, _SPEC_ATTR, spec)
    if present:
        big = chart.__dict__.get(_PRESENT_SPEC_ATTR)
        if big is None:
            big = presentation_spec(spec)
            object.__setattr__(chart, _PRESENT_SPEC_ATTR, big)
        return big
    return spec


def _chart_downloads(ctx: PageContext, record: ChartRecord, key: str) -> None:
    subtitle = [ctx.t("chart.filters_subtitle", filters=ctx.filters_text)]
    if ctx.is_sample:
        subtitle.append(ctx.t("chart.sample_subtitle"))
    slug = export.slug(record.title)
    with st.container(horizontal=True, gap="small"):
        if record.table is not None:
            st.download_button(
                ctx.t("chart.download_csv"),
                data=lambda: export.to_csv_bytes(record.table, ctx.lang),
                file_name=f"{slug}.csv",
                mime="text/csv",
                key=f"dl_csv_{key}",
                on_click="ignore",
                icon=":material/download:",
            )
        st.download_button(
            ctx.t("chart.download_png"),
            data=lambda: export.chart_png(record.chart, record.title, subtitle),
            file_name=f"{slug}.png",
            mime="image/png",
            key=f"dl_png_{key}",
            on_click="ignore",
            icon=":material/image:",
        )
        st.download_button(
            ctx.t("chart.download_svg"),
            data=lambda: export.chart_svg(record.chart, record.title, subtitle),
            file_name=f"{slug}.svg",
            mime="image/svg+xml",
            key=f"dl_svg_{key}",
            on_click="ignore",
            icon=":material/image:",
        )
    if record.table is not None:
        with st.expander(ctx.t("chart.show_table")):
            st.dataframe(record.table, hide_index=True, width="stretch")


def table_downloads(ctx: PageContext, frame: pd.DataFrame, *, key: str, name: str) -> None:
    """CSV and XLSX downloads of a table (formula-safe)."""
    with st.container(horizontal=True, gap="small"):
        st.download_button(
            "CSV",
            data=lambda: export.to_csv_bytes(frame, ctx.lang),
            file_name=f"{name}.csv",
            mime="text/csv",
            key=f"dl_tcsv_{key}",
            on_click="ignore",
            icon=":material/download:",
        )
        st.download_button(
            "XLSX",
            data=lambda: export.to_xlsx_bytes(frame, name),
            file_name=f"{name}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=f"dl_txlsx_{key}",
            on_click="ignore",
            icon=":material/download:",
        )


def fmt_int(n: int, lang: str) -> str:
    """A whole number with the language's thousands separator (3.070 in Danish, 3,070 in English)."""
    text = f"{int(n):,}"
    return text.replace(",", ".") if lang == "da" else text


def safe_text(text) -> str:
    """User text made safe for ``st.markdown``: HTML escaped and Markdown neutralised."""
    return export.escape_markdown(html.escape(str(text), quote=False))
