"""The shared page frame: every page starts with ``ctx = app.page_frame("<page id>")``.

The frame sets the page config, opens the database (seeding the bundled sample on
first start), loads the current tables (cached on their version ids), draws the
translated navigation, the language switch and the shared filters, mirrors all of
it to the URL, and shows the illustrative-data notice while the sample is in use.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from lib.analysis import filters as flt
from lib.app import cache, present, routes, state
from lib.data import store
from lib.errors import AtlasError
from lib.i18n import LANGUAGES, Translator, label, t, translator
from lib.schema import CENTRE_TYPES

log = logging.getLogger("atlas")


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
    t: Translator = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.t = translator(self.lang)

    def label(self, kind: str, code) -> str:
        """Label of a category code in the page's language."""
        return label(kind, code, self.lang)

    @property
    def filters_text(self) -> str:
        """The filters in words."""
        return flt.describe(self.filters, self.lang)

    @property
    def data_key(self) -> tuple:
        """Which data this is (database URL + version ids): the key of caches that ignore the filters.

        The URL matters whenever one process serves more than one database (the benchmarks do:
        two seeded databases both start at version 1).
        """
        return (store.database_url(), cache.version_key(self.version_ids))

    @property
    def version_text(self) -> str:
        """Data versions in words."""
        return present.version_text(self.version_ids, self.lang)

    def classified_areas(self) -> pd.DataFrame:
        """Every area-year through the criteria engine (unfiltered, shared: never mutate)."""
        return cache.classified_areas(self.version_ids)

    def memo(self, fn, *args, big: bool = False, **kwargs):
        """``fn(*args, **kwargs)`` once per view, shared by all sessions (see :func:`lib.app.cache.memo`).

        Frames passed in must be this context's tables (or memo results); the key then
        includes the filters only where a filtered table is an input.
        """
        return cache.memo(self._sources(), self.data_key, fn, *args, big=big, **kwargs)

    def _sources(self) -> dict[int, tuple]:
        sources = {id(self.tables): ("tables", self.filters), id(self.all_tables): ("all_tables",)}
        for name in flt.Tables.NAMES:
            sources[id(getattr(self.tables, name))] = ("tables." + name, self.filters)
            sources[id(getattr(self.all_tables, name))] = ("all_tables." + name,)
        sources[id(self.area_status)] = ("area_status",)
        sources[id(self.classified_areas())] = ("classified_areas",)
        return sources


# Less empty space above the page title than Streamlit's default.
_BASE_CSS = """<style>
[data-testid="stMainBlockContainer"] {padding-top: 2.5rem;}
</style>"""


def page_frame(page_id: str) -> PageContext:
    """Draw the shared frame and return what the page needs. Call first on every page."""
    page = routes.PAGES.get(page_id, routes.PAGES["overview"])
    lang = state.current_language()
    st.set_page_config(
        page_title=f"{t(page.nav_key, lang)} · {t('app.title', lang)}",
        page_icon=":material/diversity_3:",
        layout="wide",
        initial_sidebar_state="expanded",
    )
    state.remember_incoming_query()
    try:
        with st.spinner(t("notice.loading", lang)):
            eng = cache.engine()
            all_tables, ids = cache.load_tables()
            area_status = cache.area_status(ids)
            versions = cache.versions(ids)
    except AtlasError as err:
        st.error(err.message(lang))
        st.stop()
    except Exception:  # noqa: BLE001 - the viewer gets a plain message, the log the details
        log.exception("database unavailable")
        st.error(t("notice.db_unavailable", lang))
        st.stop()

    opts = cache.filter_options(ids, all_tables, area_status)
    state.load_url_once(opts)
    st.session_state.setdefault(state.K_CHARTS, {})[page_id] = {}

    latest_year = int(all_tables.areas["year"].max()) if len(all_tables.areas) else None
    with st.sidebar:
        st.markdown(f"### {t('app.title', state.current_language())}")
        _language_switch()
        lang = state.current_language()
        _navigation(lang)
        _filter_widgets(all_tables, ids, opts, lang, latest_year)
        present.sidebar_tools(lang, page_id=page_id)
    filters = state.current_filters()
    presenting = state.is_presenting()
    state.write_url(filters, lang, presenting)

    is_sample = any(v.is_sample for v in versions.values())
    ctx = PageContext(
        page_id=page_id,
        lang=lang,
        filters=filters,
        tables=cache.filtered_tables(ids, filters),
        all_tables=all_tables,
        area_status=area_status,
        versions=versions,
        version_ids=ids,
        is_sample=is_sample,
        present=presenting,
        engine=eng,
    )
    st.html(_BASE_CSS)
    if presenting:
        present.header(ctx)
    elif is_sample:
        st.info(t("notice.sample", lang), icon=":material/science:")
    with st.sidebar:
        st.divider()
        st.caption(t("version.caption", lang, versions=ctx.version_text))
        st.caption(t("version.provenance_sample" if is_sample else "version.provenance_upload", lang))
    return ctx


def _language_switch() -> None:
    ss = st.session_state
    ss.setdefault(state.K_LANG, state.site_language())
    ss[state.W_LANG] = ss[state.K_LANG]

    def _changed():
        if ss.get(state.W_LANG) in LANGUAGES:
            ss[state.K_LANG] = ss[state.W_LANG]
        else:
            ss[state.W_LANG] = ss[state.K_LANG]

    st.segmented_control(
        t("lang.label", state.current_language()),
        options=list(LANGUAGES),
        format_func=lambda code: {"da": "Dansk", "en": "English"}[code],
        key=state.W_LANG,
        on_change=_changed,
        label_visibility="collapsed",
    )


def _navigation(lang: str) -> None:
    st.caption(t("nav.heading", lang))
    for page in routes.PAGES.values():
        st.page_link(page.file, label=t(page.nav_key, lang), icon=page.icon)


def _filter_widgets(
    tables: flt.Tables, ids: dict[str, int], opts: dict[str, tuple], lang: str, latest_year: int | None
) -> None:
    ss = st.session_state
    st.markdown(f"**{t('filters.heading', lang)}**", help=t("filters.help", lang))
    kommuner = cache.municipalities(ids, tuple(ss.get(state.FILTER_KEYS["regions"], [])), tables)
    specs = [
        ("regions", t("filters.region", lang), opts["regions"], None),
        ("municipalities", t("filters.municipality", lang), kommuner, None),
        ("centre_types", t("filters.centre_type", lang), CENTRE_TYPES, lambda c: label("type", c, lang)),
        (
            "area_statuses",
            t("filters.area_status", lang, year=latest_year or ""),
            opts["area_statuses"],
            lambda s: label("status", s, lang),
        ),
        ("years", t("filters.year", lang), opts["years"], str),
    ]
    if opts.get("published_statuses"):  # only when the data carry a published status
        year = (opts.get("published_year") or ("",))[0]
        specs.insert(
            4,
            (
                "published_statuses",
                t("filters.published", lang, year=year),
                opts["published_statuses"],
                lambda s: label("status", s, lang),
            ),
        )
    else:
        ss[state.FILTER_KEYS["published_statuses"]] = []
    for name, text, options, fmt in specs:
        skey = state.FILTER_KEYS[name]
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
        for skey in state.FILTER_KEYS.values():
            ss[skey] = []
            ss["w_" + skey] = []

    st.button(t("filters.reset", lang), on_click=_reset, icon=":material/filter_alt_off:", key="w_filters_reset")
