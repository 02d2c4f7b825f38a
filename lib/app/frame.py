"""The shared page frame: every page starts with ``ctx = app.page_frame("<page id>")``.

The frame sets the page config, opens the database (seeding the bundled sample on
first start), loads the current tables (cached on their version ids), draws the
translated navigation, the language switch and the shared filters, mirrors all of
it to the URL, and shows the illustrative-data notice while the sample is in use.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import streamlit as st

from lib.analysis import filters as flt
from lib.app import cache, present, routes, state
from lib.app.context import PageContext
from lib.data import integrity
from lib.errors import AtlasError
from lib.i18n import LANGUAGES, label, t
from lib.schema import CENTRE_TYPES

log = logging.getLogger("atlas")
# A file, served by the app itself: a ":material/...:" page icon makes the browser fetch it from fonts.gstatic.com.
FAVICON = str(Path(__file__).with_name("favicon.png"))


# Less empty space above the page title than Streamlit's default. Captions: Streamlit fades them
# with opacity 0.6, which leaves 3.8:1 contrast (WCAG 2.1 AA asks 4.5:1); a solid grey of
# 6.5:1 on the sidebar's background instead. The file uploader's built-in English lines
# ("Drag and drop file here", "Limit 50MB per file") are hidden: the label and help text
# above it say the same in the reader's language.
_BASE_CSS = """<style>
[data-testid="stMainBlockContainer"] {padding-top: 2.5rem;}
div[data-testid="stCaptionContainer"] {opacity: 1; color: #5c5a57;}
[data-testid="stFileUploaderDropzoneInstructions"] {display: none;}
[data-testid="InputInstructions"] {display: none;}
</style>"""


# Runs in the page. Sets <html lang>, and writes the reader's word on the file uploader's button,
# which Streamlit labels "Upload" in every language: the visible text is the button's name, so the
# two stay the same (WCAG 2.5.3). An observer, installed once per browser tab, relabels uploaders
# that appear later (expanders, reruns); the words come from the latest run's script.
_LANGUAGE_JS = """<script>
(() => {
  const words = %s;
  document.documentElement.lang = words.lang;
  window.__atlasWords = words;
  const relabel = () => {
    const label = window.__atlasWords.upload;
    for (const p of document.querySelectorAll(
        '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p')) {
      if (p.textContent !== label) p.textContent = label;
    }
  };
  relabel();
  if (!window.__atlasRelabel) {
    window.__atlasRelabel = new MutationObserver(relabel);
    window.__atlasRelabel.observe(document.body, {childList: true, subtree: true});
  }
})();
</script>"""


def _document_language(lang: str) -> None:
    """Set ``<html lang>`` to the reader's language (WCAG 3.1.1): Streamlit always serves ``lang="en"``.

    A script in ``st.html`` runs in the page itself (not in an iframe); Streamlit runs it again
    only when its text changes, i.e. when the language does. See :data:`_LANGUAGE_JS`.
    """
    with st.sidebar:
        st.html(language_script(lang), unsafe_allow_javascript=True, width="content")


def language_script(lang: str) -> str:
    """The page script of :func:`_document_language`: only the atlas's own words, never user text."""
    code = lang if lang in LANGUAGES else "da"
    # "<" escaped: the words sit inside a <script> element
    words = json.dumps({"lang": code, "upload": t("frame.upload_button", code)}).replace("<", "\\u003c")
    return _LANGUAGE_JS % words


def page_frame(page_id: str) -> PageContext:
    """Draw the shared frame and return what the page needs. Call first on every page."""
    page = routes.PAGES.get(page_id, routes.PAGES["overview"])
    lang = state.current_language()
    st.set_page_config(
        page_title=f"{t(page.nav_key, lang)} · {t('app.title', lang)}",
        page_icon=FAVICON,
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

    # The banner speaks of generated centres, indicator values, answers and networks: it stays while any of
    # those tables is at a version that holds sample rows (the codebook's wording is the project's own).
    is_sample = any(v.is_sample for name, v in versions.items() if name != "codebook")
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
    _document_language(lang)
    if presenting:
        present.header(ctx)
    elif is_sample:
        st.info(t("notice.sample", lang), icon=":material/science:")
    _broken_references_notice(ctx)
    with st.sidebar:
        st.divider()
        st.caption(t("version.caption", lang, versions=ctx.version_text))
        st.caption(t("version.provenance_sample" if is_sample else "version.provenance_upload", lang))
    return ctx


def _broken_references_notice(ctx: PageContext) -> None:
    """How many survey responses point at centres that do not exist: left out of every figure, so said."""
    n = ctx.memo(integrity.responses_without_centre, ctx.all_tables.survey_responses, ctx.all_tables.centres)
    if n:
        st.warning(t("byod.integrity.page_notice", ctx.lang, n=n), icon=":material/link_off:")


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
            select_all=False,  # Streamlit's own "Select all" is English, and no choice already means all
        )

    def _reset():
        for skey in state.FILTER_KEYS.values():
            ss[skey] = []
            ss["w_" + skey] = []

    st.button(t("filters.reset", lang), on_click=_reset, icon=":material/filter_alt_off:", key="w_filters_reset")
