"""Presentation mode and sharing tools drawn by the frame (Streamlit; owned by the presentation work)."""

from __future__ import annotations

import html

import streamlit as st

from lib.i18n import t

K_PRESENT = "present"


def sidebar_tools(lang: str) -> None:
    """Sidebar controls: the presentation-mode toggle."""
    ss = st.session_state
    ss.setdefault(K_PRESENT, False)
    ss["w_present"] = ss[K_PRESENT]

    def _changed():
        ss[K_PRESENT] = bool(ss["w_present"])

    st.toggle(t("present.toggle", lang), key="w_present", on_change=_changed, help=t("present.toggle_help", lang))


def header(ctx) -> None:
    """Presentation mode: hide Streamlit's chrome and the sidebar, enlarge text, show a slim header."""
    st.html(
        """<style>
        [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
        [data-testid="stToolbar"], footer {display: none !important;}
        .block-container {padding-top: 1rem !important; max-width: 100% !important;}
        html, body, [data-testid="stAppViewContainer"] {font-size: 20px;}
        [data-testid="stMetricValue"] {font-size: 2.6rem !important;}
        </style>"""
    )
    cols = st.columns([6, 1])
    sample = f" · {t('notice.sample_short', ctx.lang)}" if ctx.is_sample else ""
    cols[0].caption(html.escape(f"{t('app.title', ctx.lang)} · {ctx.filters_text} · {ctx.version_text}{sample}"))

    def _leave():
        st.session_state[K_PRESENT] = False

    cols[1].button(t("present.exit", ctx.lang), on_click=_leave, key="w_present_exit", icon=":material/close:")
