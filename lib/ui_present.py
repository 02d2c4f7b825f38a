"""Presentation mode, share links, pinning and slide downloads, drawn by the frame (Streamlit).

The frame (``lib.ui.page_frame``) calls ``sidebar_tools`` in the sidebar of every page and
``header`` at the top of the page when presentation mode is on. The Present page
(``pages/6_present.py``) uses the storyboard helpers at the end of this module.

Why the bookkeeping keys: ``sidebar_tools`` runs before the page body, so neither the
page's charts nor its bound values of *this* run exist yet. The charts of the previous
run are reachable because the frame gives each run a fresh dict (we keep a reference to
it), and a page's bound keys are those that first appeared in ``_bound`` during one of its
runs. Clicks always come from the page that is on screen, so "previous run" is the right one.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys

import streamlit as st

from lib import share
from lib.i18n import t

log = logging.getLogger("atlas.present")

K_PRESENT = "present"
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
MAX_PINS = 40


# --- where are we ------------------------------------------------------------------------------


def current_page_id() -> str:
    """Id of the page being run (from the frame's call, else from the running script's file)."""
    from lib import ui

    frame = sys._getframe(1)
    for _ in range(6):  # the frame function is at most a few calls up
        if frame is None:
            break
        if frame.f_code.co_name == "page_frame" and isinstance(frame.f_locals.get("page_id"), str):
            return frame.f_locals["page_id"]
        frame = frame.f_back
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        run = get_script_run_ctx()
        info = run.pages_manager.get_pages().get(run.pages_manager.current_page_script_hash) or {}
        path = str(info.get("script_path", "")).replace("\\", "/")
        for page, (file, _nav, _icon) in ui.PAGES.items():
            if path.endswith(file):
                return page
    except Exception:  # noqa: BLE001 - page detection is best effort
        log.debug("page id not found", exc_info=True)
    return "overview"


def _bound_defaults() -> dict:
    return dict(st.session_state.get("_bound", {}))


def _current_value(key: str):
    ss = st.session_state
    return ss[f"w_{key}"] if f"w_{key}" in ss else ss.get(f"s_{key}")


def current_state(page_id: str, lang: str) -> share.ViewState:
    """The view on screen: page, filters, language and the page's bound values that differ from their defaults.

    Defaults are left out, as the frame leaves them out of the address bar: links stay short and a page
    opened from the link falls back to the same defaults. On a page's very first run its keys are not
    known yet; the values the browser sent in the URL stand in for them.
    """
    from lib import ui

    ss = st.session_state
    defaults = ss.get("_bound", {})
    keys = ss.get(K_PAGE_KEYS, {}).get(page_id)
    values = {}
    if keys is None:
        incoming = ss.get("_incoming_query") or {}
        others = {k for keys_ in ss.get(K_PAGE_KEYS, {}).values() for k in keys_}  # owned by other pages
        values = {
            k: v for k, v in incoming.items() if isinstance(v, str) and k not in share.FRAME_PARAMS and k not in others
        }
    for key in keys or ():
        value = _current_value(key)
        value = list(value) if isinstance(value, tuple) else value
        default = defaults.get(key)
        if value is None or value == default or (isinstance(default, tuple) and value == list(default)):
            continue
        values[key] = value
    return share.ViewState(page=page_id, filters=ui.current_filters(), lang=lang, values=values)


def share_url(state: share.ViewState) -> str:
    """Full link to a view, on the host the viewer is using (root-relative when unknown, e.g. in tests)."""
    try:
        base = st.context.url or ""
    except Exception:  # noqa: BLE001 - no browser context (tests, bare mode)
        base = ""
    return share.build_url(base, state)


def _remember_page(page_id: str) -> None:
    """Bookkeeping at the start of each run: which page owns which bound keys (see the module docstring).

    A key enters ``_bound`` during the first run that binds it; the keys that are new since the last
    look therefore belong to the page of the previous run.
    """
    ss = st.session_state
    bound = set(ss.get("_bound", {}))
    new = bound - set(ss.get(K_SEEN, ()))
    last = ss.get(K_LAST_PAGE)
    if new and last:
        known = ss.setdefault(K_PAGE_KEYS, {}).setdefault(last, [])
        known.extend(k for k in sorted(new) if k not in known)
    ss[K_SEEN] = sorted(bound)
    ss[K_LAST_PAGE] = page_id
    # A page that binds nothing is known to have no keys once it has run.
    if last == page_id:
        ss.setdefault(K_PAGE_KEYS, {}).setdefault(page_id, [])


def _previous_charts(page_id: str) -> dict:
    ref = st.session_state.get(K_RUN_CHARTS)
    return dict(ref[1] or {}) if ref and ref[0] == page_id and isinstance(ref[1], dict) else {}


# --- data facts for captions ---------------------------------------------------------------------


def version_text(version_ids: dict, lang: str) -> str:
    """Data versions in words, as the frame shows them."""
    return ", ".join(f"{t('table.' + k, lang)} v{v}" for k, v in sorted(version_ids.items()))


def _data_facts() -> tuple[dict, bool]:
    """Current version ids and whether the bundled sample is in use."""
    from lib import store, ui

    _tables, ids = ui.load_tables()
    try:
        is_sample = any(v.is_sample for v in store.current_versions(ui.engine()).values())
    except Exception:  # noqa: BLE001 - when unsure, keep the notice
        is_sample = True
    return ids, is_sample


# --- pinning -----------------------------------------------------------------------------------------


def pins() -> list[dict]:
    """The storyboard: pinned views in order (each a dict, see ``_pin``)."""
    board = st.session_state.setdefault(K_PINS, [])
    _settle(board)
    return board


def _settle(board: list[dict]) -> None:
    """Take the charts of the run that followed each pin click (that run has finished by now)."""
    for pin in board:
        ref = pin.pop("_ref", None)
        if ref:
            pin["charts"] = _records(ref)
            pin["selected"] = list(ref)


def _records(records: dict) -> list[dict]:
    return [
        {"key": k, "title": r.title, "chart": r.chart, "table": r.table, "caption": r.caption}
        for k, r in records.items()
    ]


def _pin(page_id: str, lang: str) -> None:
    ss = st.session_state
    _remember_page(page_id)  # learn the keys the last run of this page bound
    state = current_state(page_id, lang)
    records = _previous_charts(page_id)
    ids, is_sample = _data_facts()
    seq = ss.get(K_PIN_SEQ, 0) + 1
    ss[K_PIN_SEQ] = seq
    # The charts of the last run are kept for now, but that run may have been cut short by this very
    # click; the run that follows has the same state and replaces them (see ``sidebar_tools``).
    pin = {
        "id": seq,
        "page": page_id,
        "state": state,
        "charts": _records(records),
        "selected": list(records),
        "version_ids": dict(ids),
        "is_sample": is_sample,
        "time": dt.datetime.now().strftime("%H:%M"),
    }
    board = pins()
    board.append(pin)
    del board[:-MAX_PINS]
    ss[K_PENDING] = seq
    ss[K_TOAST] = t("present.pinned", lang, title=page_title(page_id, lang), n=len(board))


def page_title(page_id: str, lang: str) -> str:
    """The page's name in the navigation."""
    from lib import ui

    return t(ui.PAGES.get(page_id, ui.PAGES["overview"])[1], lang)


# --- slides ------------------------------------------------------------------------------------------


def slide_view(pin: dict, lang: str, link: str = ""):
    """A pinned view as a ``lib.slides.SlideView`` in ``lang`` (no Streamlit calls: safe in deferred downloads)."""
    from lib import slides
    from lib.ui import describe_filters

    state: share.ViewState = pin["state"]
    chosen = [c for c in pin["charts"] if c["key"] in pin.get("selected", [])]
    return slides.SlideView(
        title=page_title(pin["page"], lang),
        charts=[slides.SlideChart(c["title"], c["chart"], c["table"], c["caption"]) for c in chosen],
        filters_text=describe_filters(state.filters, lang),
        version_text=version_text(pin.get("version_ids", {}), lang),
        link=link,
        page_label=page_title(pin["page"], lang),
    )


def pin_link(pin: dict, lang: str) -> str:
    """Share link of a pinned view (in ``lang``)."""
    state: share.ViewState = pin["state"]
    return share_url(share.ViewState(state.page, state.filters, lang, dict(state.values)))


def deck_info(lang: str, is_sample: bool):
    """Deck-wide facts (title, date, provenance)."""
    from lib import slides

    provenance = t("version.provenance_sample" if is_sample else "version.provenance_upload", lang)
    return slides.DeckInfo(
        lang=lang,
        is_sample=is_sample,
        provenance=provenance,
        title=t("app.title", lang),
        date_text=dt.date.today().strftime("%d.%m.%Y" if lang == "da" else "%d %b %Y"),
    )


def deck_downloads(pin_list: list[dict], lang: str, *, key: str, name: str) -> None:
    """PPTX and PDF download buttons for pinned views; the deck is built only when a button is clicked."""
    from lib import slides

    # The callables run after this script run: capture everything now (links need st.context).
    frozen = [(dict(p), pin_link(p, lang)) for p in pin_list]
    is_sample = any(p.get("is_sample", True) for p, _ in frozen) if frozen else True

    def _deck(build) -> bytes:
        return build([slide_view(p, lang, link) for p, link in frozen], deck_info(lang, is_sample))

    cols = st.columns(2)
    cols[0].download_button(
        t("present.download_pptx", lang),
        data=lambda: _deck(slides.build_pptx),
        file_name=f"{name}.pptx",
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
        key=f"dl_pptx_{key}",
        on_click="ignore",
        icon=":material/slideshow:",
        disabled=not frozen,
        width="stretch",
    )
    cols[1].download_button(
        t("present.download_pdf", lang),
        data=lambda: _deck(slides.build_pdf),
        file_name=f"{name}.pdf",
        mime="application/pdf",
        key=f"dl_pdf_{key}",
        on_click="ignore",
        icon=":material/picture_as_pdf:",
        disabled=not frozen,
        width="stretch",
    )


# --- drawn by the frame ----------------------------------------------------------------------------


def sidebar_tools(lang: str, page_id: str | None = None) -> None:
    """Sidebar: presentation toggle, copy link, pin this view, this page as slides."""
    ss = st.session_state
    page_id = page_id or current_page_id()
    _remember_page(page_id)
    run_charts = ss.get("_charts", {}).get(page_id)
    ss[K_RUN_CHARTS] = (page_id, run_charts)
    _settle(ss.get(K_PINS, []))
    pending = ss.pop(K_PENDING, None)
    for pin in ss.get(K_PINS, []):
        if pin["id"] == pending and pin["page"] == page_id and isinstance(run_charts, dict):
            pin["_ref"] = run_charts  # filled by this run's chart_block calls

    ss.setdefault(K_PRESENT, False)
    ss["w_present"] = ss[K_PRESENT]

    def _changed():
        ss[K_PRESENT] = bool(ss["w_present"])

    st.divider()
    st.markdown(f"**{t('present.tools', lang)}**")
    st.toggle(t("present.toggle", lang), key="w_present", on_change=_changed, help=t("present.toggle_help", lang))

    with st.popover(t("present.share", lang), icon=":material/link:", help=t("present.share_help", lang),
                    width="stretch"):  # fmt: skip
        url = share_url(current_state(page_id, lang))
        st.caption(t("present.share_label", lang))
        st.code(url, language=None, wrap_lines=True)
        st.caption(t("present.share_caption", lang))

    if page_id != "present":
        st.button(
            t("present.pin", lang),
            on_click=_pin,
            args=(page_id, lang),
            key="w_present_pin",
            icon=":material/push_pin:",
            help=t("present.pin_help", lang),
            width="stretch",
        )
        with st.popover(t("present.export_page", lang), icon=":material/slideshow:", width="stretch"):
            _page_downloads(page_id, lang, run_charts)
    board = ss.get(K_PINS, [])
    if board:
        st.page_link("pages/6_present.py", label=t("present.pinned_count", lang, n=len(board)),
                     icon=":material/view_carousel:")  # fmt: skip
    toast = ss.pop(K_TOAST, None)
    if toast:
        st.toast(toast, icon=":material/push_pin:")


def page_deck(kind: str, page_id: str, lang: str, records: dict, *, filters_text: str, version_ids: dict,
              link: str, engine) -> bytes:  # fmt: skip
    """The slides of one page (PPTX or PDF) from its chart records. No Streamlit calls: runs in a download."""
    from lib import slides, store

    charts = [slides.SlideChart(r.title, r.chart, r.table, r.caption) for r in dict(records or {}).values()]
    title = page_title(page_id, lang)
    # more than four charts: one slide each, so none is dropped or shrunk to a thumbnail
    groups = [charts] if len(charts) <= slides.MAX_CHARTS else [[c] for c in charts]
    views = [
        slides.SlideView(title, group, filters_text, version_text(version_ids, lang), link, title) for group in groups
    ]
    try:
        is_sample = any(v.is_sample for v in store.current_versions(engine).values())
    except Exception:  # noqa: BLE001 - when unsure, keep the notice
        is_sample = True
    build = slides.build_pptx if kind == "pptx" else slides.build_pdf
    return build(views, deck_info(lang, is_sample))


def _page_downloads(page_id: str, lang: str, run_charts: dict | None) -> None:
    """Slides of the page on screen: its charts as they are when the button is clicked."""
    from lib import ui

    state = current_state(page_id, lang)
    _tables, ids = ui.load_tables()
    args = {
        "filters_text": ui.describe_filters(state.filters, lang),
        "version_ids": dict(ids),
        "link": share_url(state),
        "engine": ui.engine(),
    }
    records = run_charts if run_charts is not None else {}  # filled later in this run; read at click time
    name = f"atlas-{share.page_path(page_id) or 'overblik'}"
    cols = st.columns(2)
    cols[0].download_button(t("present.pptx", lang), data=lambda: page_deck("pptx", page_id, lang, records, **args),
                            file_name=f"{name}.pptx",
                            mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
                            key="dl_page_pptx", on_click="ignore", icon=":material/slideshow:")  # fmt: skip
    cols[1].download_button(t("present.pdf", lang), data=lambda: page_deck("pdf", page_id, lang, records, **args),
                            file_name=f"{name}.pdf", mime="application/pdf", key="dl_page_pdf", on_click="ignore",
                            icon=":material/picture_as_pdf:")  # fmt: skip


PRESENT_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"], footer
  {display: none !important;}
.block-container, [data-testid="stMainBlockContainer"]
  {padding: 0.6rem 2rem 1rem 2rem !important; max-width: 100% !important;}
html, body, [data-testid="stAppViewContainer"] {font-size: 19px;}
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li {font-size: 1.15rem; line-height: 1.45;}
[data-testid="stMarkdownContainer"] h1, h1 {font-size: 2.1rem !important; padding-top: 0.2rem !important;}
[data-testid="stMarkdownContainer"] h2, h2 {font-size: 1.6rem !important;}
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * {font-size: 2.4rem !important; line-height: 1.2;}
[data-testid="stMetricLabel"] p {font-size: 1.05rem !important;}
[data-testid="stCaptionContainer"] {font-size: 0.95rem !important;}
.st-key-present_header {border-bottom: 1px solid #d0d5dc; padding-bottom: 0.25rem; margin-bottom: 0.3rem;}
.st-key-present_header [data-testid="stCaptionContainer"] {font-size: 0.9rem !important; color: #3d4651 !important;}
</style>"""


def header(ctx) -> None:
    """Presentation mode: hide Streamlit's chrome and the sidebar, enlarge text, show a slim header."""
    st.html(PRESENT_CSS)
    lang = ctx.lang
    with st.container(key="present_header"):
        cols = st.columns([8, 1.2, 1.2], vertical_alignment="center")
        from lib import ui

        # filters_text holds municipality names from uploaded data: escape before Markdown
        parts = [t("app.title", lang), ui.safe_text(ctx.filters_text),
                 t("present.header_version", lang, versions=ctx.version_text)]  # fmt: skip
        if ctx.is_sample:
            parts.append(t("notice.sample_short", lang))
        cols[0].caption(" · ".join(parts))
        if ctx.page_id != "present":
            cols[1].button(t("present.pin_short", lang), on_click=_pin, args=(ctx.page_id, lang),
                           key="w_present_pin_header", icon=":material/push_pin:", width="stretch",
                           help=t("present.pin_help", lang))  # fmt: skip

        def _leave():
            st.session_state[K_PRESENT] = False

        cols[2].button(t("present.exit", lang), on_click=_leave, key="w_present_exit", icon=":material/close:",
                       width="stretch")  # fmt: skip


def is_simple_chart(chart) -> bool:
    """True for a single-view chart (fits half a row); False for concatenated/faceted ones."""
    try:
        spec = chart if isinstance(chart, dict) else chart.to_dict()
    except Exception:  # noqa: BLE001
        return False
    return not any(k in spec for k in ("hconcat", "vconcat", "concat", "facet", "repeat"))


# --- storyboard helpers (Present page) -----------------------------------------------------------------


def _index(pin_id: int) -> int:
    """Position of a pin by its id (callbacks carry ids: positions change between render and click)."""
    return next((i for i, p in enumerate(pins()) if p["id"] == pin_id), -1)


def move_pin(pin_id: int, delta: int) -> None:
    """Move a pin up (-1) or down (+1)."""
    board = pins()
    index = _index(pin_id)
    target = index + delta
    if 0 <= index < len(board) and 0 <= target < len(board):
        board[index], board[target] = board[target], board[index]


def remove_pin(pin_id: int) -> None:
    board = pins()
    index = _index(pin_id)
    if 0 <= index < len(board):
        del board[index]
    st.session_state[K_STEP] = min(st.session_state.get(K_STEP, 0), max(len(board) - 1, 0))


def clear_pins() -> None:
    st.session_state[K_PINS] = []
    st.session_state[K_STEP] = 0


def step(delta: int) -> None:
    """Next (+1) or previous (-1) view in the slideshow."""
    n = len(pins())
    st.session_state[K_STEP] = max(0, min(st.session_state.get(K_STEP, 0) + delta, n - 1)) if n else 0


def start_show() -> None:
    st.session_state[K_STEP] = 0
    st.session_state[K_PRESENT] = True


def open_live(pin_id: int) -> None:
    """Restore a pinned view's filters, language and page values, then go to its page (callback)."""
    from lib import ui

    board = pins()
    index = _index(pin_id)
    if not 0 <= index < len(board):
        return
    pin = board[index]
    state: share.ViewState = pin["state"]
    ss = st.session_state
    for name, skey in ui.FILTER_KEYS.items():
        ss[skey] = list(getattr(state.filters, name))
    ss[ui.K_LANG] = state.lang
    ss["w_lang"] = state.lang
    # keys left out of the pinned state were at their defaults: put those back too
    defaults = ss.get("_bound", {})
    for key in ss.get(K_PAGE_KEYS, {}).get(pin["page"], []):
        if key not in state.values and key in defaults:
            default = defaults[key]
            ui.set_value(key, list(default) if isinstance(default, list | tuple) else default)
    for key, value in state.values.items():
        ui.set_value(key, value)
    ss[K_PRESENT] = False
    ss[K_GOTO] = ui.PAGES.get(pin["page"], ui.PAGES["overview"])[0]


def pending_page() -> str | None:
    """The page file ``open_live`` asked for (once)."""
    return st.session_state.pop(K_GOTO, None)
