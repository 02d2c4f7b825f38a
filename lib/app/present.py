"""Presentation mode, share links, pinning and slide downloads, drawn by the frame (Streamlit).

The frame (``lib.app.frame.page_frame``) calls ``sidebar_tools`` in the sidebar of every page and
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
import threading

import streamlit as st

from lib.analysis import filters as flt
from lib.app import blocks, cache, routes, state
from lib.app.context import version_text
from lib.data import store
from lib.i18n import fmt, t
from lib.views import slides

log = logging.getLogger("atlas.present")

MAX_PINS = 40
#: Bound keys of the what-if sliders: on a slide they are the scenario, not just a choice.
SCENARIO_PREFIXES = ("areas_wi_",)


def current_state(page_id: str, lang: str) -> routes.ViewState:
    """The view on screen: page, filters, language and the page's bound values that differ from their defaults.

    Defaults are left out, as the frame leaves them out of the address bar: links stay short and a page
    opened from the link falls back to the same defaults. On a page's very first run its keys are not
    known yet; the values the browser sent in the URL stand in for them.
    """
    ss = st.session_state
    defaults = state.bound_defaults()
    keys = ss.get(state.K_PAGE_KEYS, {}).get(page_id)
    values = {}
    if keys is None:
        incoming = ss.get(state.K_INCOMING) or {}
        others = {k for keys_ in ss.get(state.K_PAGE_KEYS, {}).values() for k in keys_}  # owned by other pages
        values = {
            k: v for k, v in incoming.items() if isinstance(v, str) and k not in routes.FRAME_PARAMS and k not in others
        }
    for key in keys or ():
        value = state.peek_value(key)
        value = list(value) if isinstance(value, tuple) else value
        default = defaults.get(key)
        if value is None or value == default or (isinstance(default, tuple) and value == list(default)):
            continue
        values[key] = value
    return routes.ViewState(page=page_id, filters=state.current_filters(), lang=lang, values=values)


def share_url(view: routes.ViewState) -> str:
    """Full link to a view, on the host the viewer is using (root-relative when unknown, e.g. in tests)."""
    try:
        base = st.context.url or ""
    except Exception:  # noqa: BLE001 - no browser context (tests, bare mode)
        base = ""
    return routes.build_url(base, view)


def _remember_page(page_id: str) -> None:
    """Bookkeeping at the start of each run: which page owns which bound keys (see the module docstring).

    A key enters ``_bound`` during the first run that binds it; the keys that are new since the last
    look therefore belong to the page of the previous run.
    """
    ss = st.session_state
    bound = set(state.bound_defaults())
    new = bound - set(ss.get(state.K_SEEN, ()))
    last = ss.get(state.K_LAST_PAGE)
    if new and last:
        known = ss.setdefault(state.K_PAGE_KEYS, {}).setdefault(last, [])
        known.extend(k for k in sorted(new) if k not in known)
    ss[state.K_SEEN] = sorted(bound)
    ss[state.K_LAST_PAGE] = page_id
    # A page that binds nothing is known to have no keys once it has run.
    if last == page_id:
        ss.setdefault(state.K_PAGE_KEYS, {}).setdefault(page_id, [])


def _previous_charts(page_id: str) -> dict:
    ref = st.session_state.get(state.K_RUN_CHARTS)
    return dict(ref[1] or {}) if ref and ref[0] == page_id and isinstance(ref[1], dict) else {}


# --- data facts for captions ---------------------------------------------------------------------


def _data_facts() -> tuple[dict, bool, str]:
    """Current version ids, whether the bundled sample is in use, and the data's date (ISO, newest version)."""
    _tables, ids = cache.load_tables()
    try:
        versions = store.current_versions(cache.engine())
        is_sample = any(v.is_sample for v in versions.values())
        stamps = [v.created_at for v in versions.values() if v.created_at is not None]
        data_date = max(stamps).date().isoformat() if stamps else ""
    except Exception:  # noqa: BLE001 - when unsure, keep the notice
        is_sample, data_date = True, ""
    return ids, is_sample, data_date


def date_text(iso: str, lang: str) -> str:
    """``"2026-12-01"`` as a reader writes it (``1.12.2026`` / ``1 Dec 2026``); "" for none."""
    try:
        day = dt.date.fromisoformat(iso)
    except (TypeError, ValueError):
        return ""
    return f"{day.day}.{day.month}.{day.year}" if lang == "da" else day.strftime("%-d %b %Y")


def _value_text(value, printf: str | None, lang: str) -> str:
    """A bound value the widget showed without a format function (numbers, toggles, free text)."""
    if isinstance(value, bool):
        return t("present.slide.on" if value else "present.slide.off", lang)
    if isinstance(value, int | float):
        decimals = 0 if isinstance(value, int) else None
        if printf and "." in printf:
            digits = printf.split(".", 1)[1][:1]
            decimals = int(digits) if digits.isdigit() else decimals
        text = fmt.number(value, lang, decimals)
        return f"+{text}" if printf and "+" in printf and value > 0 else text
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def choice_lines(values: dict, lang: str) -> tuple[list[str], list[str]]:
    """``(choices, scenario)``: the page's values that differ from their defaults, as "Label: value".

    Only values a widget showed count (the map's clicked centre is no choice); labels and option
    texts are as the widget drew them, in the language of that run.
    """
    shown = st.session_state.get(state.K_CHOICES, {})
    choices, scenario = [], []
    for key, value in values.items():
        if key not in shown:
            continue
        label, text, printf = shown[key]
        line = f"{label}: {text if text is not None else _value_text(value, printf, lang)}"
        (scenario if key.startswith(SCENARIO_PREFIXES) else choices).append(line)
    return choices, scenario


def method_text(page_id: str, lang: str) -> str:
    """How the page computes what it shows (for the speaker notes); "" for a page without one."""
    key = f"present.method.{page_id}"
    text = t(key, lang)
    return "" if text == key else text


# --- pinning -----------------------------------------------------------------------------------------


def pins() -> list[dict]:
    """The storyboard: pinned views in order (each a dict, see ``_pin``)."""
    board = st.session_state.setdefault(state.K_PINS, [])
    _settle(board)
    return board


def _settle(board: list[dict]) -> None:
    """Take the charts of the run that followed each pin click (that run has finished by now)."""
    for pin in board:
        ref = pin.pop("_ref", None)
        if ref:
            pin["charts"] = _records(ref)  # charts only offered for slides (the map's) are made now
            pin["selected"] = list(ref)
            _prerender(pin)


def _records(records: dict) -> list[dict]:
    return [
        {"key": k, "title": r.title, "chart": r.chart, "table": r.table, "caption": r.caption}
        for k, r in records.items()
    ]


def _pin(page_id: str, lang: str) -> None:
    ss = st.session_state
    _remember_page(page_id)  # learn the keys the last run of this page bound
    view = current_state(page_id, lang)
    records = _previous_charts(page_id)
    ids, is_sample, data_date = _data_facts()
    choices, scenario = choice_lines(view.values, lang)
    seq = ss.get(state.K_PIN_SEQ, 0) + 1
    ss[state.K_PIN_SEQ] = seq
    # The charts of the last run are kept for now, but that run may have been cut short by this very
    # click; the run that follows has the same view and replaces them (see ``sidebar_tools``).
    pin = {
        "id": seq,
        "page": page_id,
        "state": view,
        "charts": _records(records),
        "selected": list(records),
        "version_ids": dict(ids),
        "is_sample": is_sample,
        "data_date": data_date,
        "choices": choices,
        "scenario": scenario,
        "time": dt.datetime.now().strftime("%H:%M"),
    }
    board = pins()
    board.append(pin)
    del board[:-MAX_PINS]
    ss[state.K_PENDING] = seq
    ss[state.K_TOAST] = t("present.pinned", lang, title=page_title(page_id, lang), n=len(board))
    _warm_up()


_WARM = threading.Event()


def _warm_up() -> None:
    """Start vl-convert in the background once per process, when slides are first asked for."""
    if not _WARM.is_set():
        _WARM.set()
        threading.Thread(target=slides.warm_up, name="atlas-slides-warm-up", daemon=True).start()


def _prerender(pin: dict) -> None:
    """Draw a freshly pinned view's slides in the background: the deck download then reuses the drawings."""
    view = slide_view(pin, pin["state"].lang)
    info = deck_info(pin["state"].lang, pin.get("is_sample", True))
    threading.Thread(target=slides.prerender, args=([view], info), name="atlas-slides-pin", daemon=True).start()


def page_title(page_id: str, lang: str) -> str:
    """The page's name in the navigation."""
    return t(routes.PAGES.get(page_id, routes.PAGES["overview"]).nav_key, lang)


# --- slides ------------------------------------------------------------------------------------------


def slide_view(pin: dict, lang: str, link: str = ""):
    """A pinned view as a ``lib.views.slides.SlideView`` in ``lang`` (no Streamlit calls: safe in deferred downloads)."""
    view: routes.ViewState = pin["state"]
    chosen = [c for c in pin["charts"] if c["key"] in pin.get("selected", [])]
    return slides.SlideView(
        title=page_title(pin["page"], lang),
        charts=[slides.SlideChart(c["title"], c["chart"], c["table"], c["caption"]) for c in chosen],
        filters_text=flt.describe(view.filters, lang),
        version_text=version_text(pin.get("version_ids", {}), lang),
        link=link,
        page_label=page_title(pin["page"], lang),
        choices=list(pin.get("choices", [])),
        scenario=list(pin.get("scenario", [])),
        method=method_text(pin["page"], lang),
        data_date=date_text(pin.get("data_date", ""), lang),
    )


def pin_link(pin: dict, lang: str) -> str:
    """Share link of a pinned view (in ``lang``)."""
    view: routes.ViewState = pin["state"]
    return share_url(routes.ViewState(view.page, view.filters, lang, dict(view.values)))


def deck_info(lang: str, is_sample: bool):
    """Deck-wide facts (title, date, provenance)."""
    provenance = t("version.provenance_sample" if is_sample else "version.provenance_upload", lang)
    return slides.DeckInfo(
        lang=lang,
        is_sample=is_sample,
        provenance=provenance,
        title=t("app.title", lang),
        date_text=date_text(dt.date.today().isoformat(), lang),
    )


def deck_downloads(pin_list: list[dict], lang: str, *, key: str, name: str) -> None:
    """PPTX and PDF download buttons for pinned views; the deck is built only when a button is clicked."""
    # The callables run after this script run: capture everything now (links need st.context).
    frozen = [(dict(p), pin_link(p, lang)) for p in pin_list]
    is_sample = any(p.get("is_sample", True) for p, _ in frozen) if frozen else True

    def _deck(build) -> bytes:
        return build([slide_view(p, lang, link) for p, link in frozen], deck_info(lang, is_sample))

    cols = st.columns(2)
    for where, kind, build in ((cols[0], "pptx", slides.build_pptx), (cols[1], "pdf", slides.build_pdf)):
        blocks.download(
            t(f"present.download_{kind}", lang),
            lambda build=build: _deck(build),
            name,
            kind,
            key=f"dl_{kind}_{key}",
            where=where,
            disabled=not frozen,
            width="stretch",
        )


# --- drawn by the frame ----------------------------------------------------------------------------


def sidebar_tools(lang: str, page_id: str) -> None:
    """Sidebar: presentation toggle, copy link, pin this view, this page as slides."""
    ss = st.session_state
    _remember_page(page_id)
    run_charts = ss.get(state.K_CHARTS, {}).get(page_id)
    ss[state.K_RUN_CHARTS] = (page_id, run_charts)
    _settle(ss.get(state.K_PINS, []))
    pending = ss.pop(state.K_PENDING, None)
    for pin in ss.get(state.K_PINS, []):
        if pin["id"] == pending and pin["page"] == page_id and isinstance(run_charts, dict):
            pin["_ref"] = run_charts  # filled by this run's chart_block calls

    ss.setdefault(state.K_PRESENT, False)
    ss[state.W_PRESENT] = ss[state.K_PRESENT]

    def _changed():
        ss[state.K_PRESENT] = bool(ss[state.W_PRESENT])

    st.divider()
    st.markdown(f"**{t('present.tools', lang)}**")
    st.toggle(t("present.toggle", lang), key=state.W_PRESENT, on_change=_changed, help=t("present.toggle_help", lang))

    with st.popover(
        t("present.share", lang), icon=":material/link:", help=t("present.share_help", lang), width="stretch"
    ):
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
    board = ss.get(state.K_PINS, [])
    if board:
        st.page_link(
            "pages/6_present.py", label=t("present.pinned_count", lang, n=len(board)), icon=":material/view_carousel:"
        )
    toast = ss.pop(state.K_TOAST, None)
    if toast:
        st.toast(toast, icon=":material/push_pin:")


def page_deck(
    kind: str,
    page_id: str,
    lang: str,
    records: dict,
    *,
    filters_text: str,
    version_ids: dict,
    link: str,
    engine,
    choices: tuple[list[str], list[str]] = ([], []),
) -> bytes:
    """The slides of one page (PPTX or PDF) from its chart records. No Streamlit calls: runs in a download."""
    charts = [slides.SlideChart(r.title, r.chart, r.table, r.caption) for r in dict(records or {}).values()]
    title = page_title(page_id, lang)
    try:
        versions = store.current_versions(engine)
        is_sample = any(v.is_sample for v in versions.values())
        stamps = [v.created_at for v in versions.values() if v.created_at is not None]
        data_date = date_text(max(stamps).date().isoformat(), lang) if stamps else ""
    except Exception:  # noqa: BLE001 - when unsure, keep the notice
        is_sample, data_date = True, ""
    view = slides.SlideView(
        title,
        charts,
        filters_text,
        version_text(version_ids, lang),
        link,
        title,
        choices=list(choices[0]),
        scenario=list(choices[1]),
        method=method_text(page_id, lang),
        data_date=data_date,
    )
    build = slides.build_pptx if kind == "pptx" else slides.build_pdf
    return build([view], deck_info(lang, is_sample))


def _page_downloads(page_id: str, lang: str, run_charts: dict | None) -> None:
    """Slides of the page on screen: its charts as they are when the button is clicked."""
    view = current_state(page_id, lang)
    _tables, ids = cache.load_tables()
    args = {
        "filters_text": flt.describe(view.filters, lang),
        "version_ids": dict(ids),
        "link": share_url(view),
        "engine": cache.engine(),
        "choices": choice_lines(view.values, lang),
    }
    records = run_charts if run_charts is not None else {}  # filled later in this run; read at click time
    name = f"atlas-{routes.page_path(page_id) or 'overblik'}"
    cols = st.columns(2)
    for where, kind in ((cols[0], "pptx"), (cols[1], "pdf")):
        deck = lambda kind=kind: page_deck(kind, page_id, lang, records, **args)  # noqa: E731
        blocks.download(t(f"present.{kind}", lang), deck, name, kind, key=f"dl_page_{kind}", where=where)


PRESENT_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"], footer
  {display: none !important;}
.block-container, [data-testid="stMainBlockContainer"]
  {padding: 0.5rem 2rem 1rem 2rem !important; max-width: 100% !important;}
html, body, [data-testid="stAppViewContainer"] {font-size: 19px;}
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li {font-size: 1.15rem; line-height: 1.45;}
[data-testid="stMarkdownContainer"] h1, h1 {font-size: 1.9rem !important; padding: 0.1rem 0 0.2rem 0 !important;}
[data-testid="stMarkdownContainer"] h2, h2 {font-size: 1.6rem !important;}
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * {font-size: 2.4rem !important; line-height: 1.2;}
[data-testid="stMetricLabel"] p {font-size: 1.05rem !important;}
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {white-space: normal !important; overflow: visible !important;}
[data-testid="stCaptionContainer"] {font-size: 0.95rem !important;}
.st-key-present_header {border-bottom: 1px solid #d0d5dc; padding-bottom: 0.2rem; margin-bottom: 0.2rem;}
.st-key-present_header [data-testid="stCaptionContainer"] {font-size: 0.9rem !important; color: #3d4651 !important;}
/* The room sees the chart, the presenter speaks the introduction: the paragraph under the page title goes. */
[data-testid="stElementContainer"]:has(> [data-testid="stHeading"] h1)
  + [data-testid="stElementContainer"]:has(> [data-testid="stMarkdown"]) {display: none;}
/* The map fills the screen under the title and the settings (any projector height). */
[data-testid="stDeckGlJsonChart"] {height: max(360px, calc(100vh - 215px)) !important;}
</style>"""


def _data_date(ctx) -> str:
    stamps = [v.created_at for v in ctx.versions.values() if getattr(v, "created_at", None) is not None]
    return date_text(max(stamps).date().isoformat(), ctx.lang) if stamps else ""


def header(ctx) -> None:
    """Presentation mode: hide Streamlit's chrome and the sidebar, enlarge text, show a slim header."""
    st.html(PRESENT_CSS)
    lang = ctx.lang
    with st.container(key="present_header"):
        cols = st.columns([8, 1.2, 1.2], vertical_alignment="center")

        # filters_text holds municipality names from uploaded data: escape before Markdown
        # one line: the data versions are in the slide notes and on the Data page, not on the wall
        parts = [t("app.title", lang), blocks.safe_text(ctx.filters_text)]
        when = _data_date(ctx)
        if when:
            parts.append(t("present.header_date", lang, date=when))
        if ctx.is_sample:
            parts.append(t("notice.sample_short", lang))
        cols[0].caption(" · ".join(parts), help=t("present.header_version", lang, versions=ctx.version_text))
        if ctx.page_id != "present":
            cols[1].button(
                t("present.pin_short", lang),
                on_click=_pin,
                args=(ctx.page_id, lang),
                key="w_present_pin_header",
                icon=":material/push_pin:",
                width="stretch",
                help=t("present.pin_help", lang),
            )

        def _leave():
            st.session_state[state.K_PRESENT] = False

        cols[2].button(
            t("present.exit", lang), on_click=_leave, key="w_present_exit", icon=":material/close:", width="stretch"
        )


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
    """Take a view off the storyboard (button callback)."""
    board = pins()
    index = _index(pin_id)
    if 0 <= index < len(board):
        del board[index]
    st.session_state[state.K_STEP] = min(st.session_state.get(state.K_STEP, 0), max(len(board) - 1, 0))


def clear_pins() -> None:
    """Empty the storyboard (button callback)."""
    st.session_state[state.K_PINS] = []
    st.session_state[state.K_STEP] = 0


def step(delta: int) -> None:
    """Next (+1) or previous (-1) view in the slideshow."""
    n = len(pins())
    st.session_state[state.K_STEP] = max(0, min(st.session_state.get(state.K_STEP, 0) + delta, n - 1)) if n else 0


def start_show() -> None:
    """Start the slideshow at the first pinned view, in presentation mode (button callback)."""
    st.session_state[state.K_STEP] = 0
    st.session_state[state.K_PRESENT] = True


def open_live(pin_id: int) -> None:
    """Restore a pinned view's filters, language and page values, then go to its page (callback)."""
    board = pins()
    index = _index(pin_id)
    if not 0 <= index < len(board):
        return
    pin = board[index]
    view: routes.ViewState = pin["state"]
    ss = st.session_state
    for name, skey in state.FILTER_KEYS.items():
        ss[skey] = list(getattr(view.filters, name))
    ss[state.K_LANG] = view.lang
    ss[state.W_LANG] = view.lang
    # keys left out of the pinned view were at their defaults: put those back too
    defaults = state.bound_defaults()
    for key in ss.get(state.K_PAGE_KEYS, {}).get(pin["page"], []):
        if key not in view.values and key in defaults:
            default = defaults[key]
            state.set_value(key, list(default) if isinstance(default, list | tuple) else default)
    for key, value in view.values.items():
        state.set_value(key, value)
    ss[state.K_PRESENT] = False
    ss[state.K_GOTO] = routes.PAGES.get(pin["page"], routes.PAGES["overview"]).file


def pending_page() -> str | None:
    """The page file ``open_live`` asked for (once)."""
    return st.session_state.pop(state.K_GOTO, None)


def draw_pinned_charts(pin: dict, lang: str, *, tall: bool) -> None:
    """The charts chosen for a pinned view (two per row when they are simple)."""
    chosen = [c for c in pin["charts"] if c["key"] in pin.get("selected", [])]
    if not chosen:
        st.info(t("present.no_charts", lang), icon=":material/bar_chart:")
        return
    if tall and (pin.get("choices") or pin.get("scenario")):  # the slideshow says what was chosen, as the slide does
        lines = list(pin.get("choices", []))
        if pin.get("scenario"):
            lines.append(t("present.slide.scenario", lang, scenario="; ".join(pin["scenario"])))
        st.caption(blocks.safe_text(" · ".join(lines)))
    # concatenated or faceted charts need the full width; simple ones share a row two by two
    cols = st.columns(1 if len(chosen) == 1 or not all(is_simple_chart(c["chart"]) for c in chosen) else 2)
    for i, chart in enumerate(chosen):
        with cols[i % len(cols)]:
            st.markdown(f"**{blocks.safe_text(chart['title'])}**")
            key = f"pin_{pin['id']}_{chart['key']}_{int(tall)}"
            # the slideshow draws at projector size, like presentation mode on the pages
            spec = blocks._vega_spec(chart["chart"], present=True) if tall else None
            if spec is not None:
                st.vega_lite_chart(spec=spec, width="stretch", key=key)
            else:
                st.altair_chart(chart["chart"], width="stretch", key=key)
            if chart["caption"]:
                st.caption(chart["caption"])
