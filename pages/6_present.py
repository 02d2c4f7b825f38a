"""Present: the storyboard of pinned views, a full-screen slideshow, and PPTX/PDF export."""

import html

import streamlit as st

from lib import app
from lib.analysis import filters as flt
from lib.app import present as up
from lib.app import state

ctx = app.page_frame("present")
t, lang = ctx.t, ctx.lang
goto = up.pending_page()
if goto:
    st.switch_page(goto)
board = up.pins()


if ctx.present and board:
    # --- slideshow: one pinned view at a time -------------------------------------------------------
    i = max(0, min(st.session_state.get(state.K_STEP, 0), len(board) - 1))
    pin = board[i]
    nav = st.columns([1.2, 6, 1.2], vertical_alignment="center")
    nav[0].button(
        t("present.prev"),
        on_click=up.step,
        args=(-1,),
        key="w_present_prev",
        disabled=i == 0,
        icon=":material/chevron_left:",
        shortcut="left",
        width="stretch",
    )
    where = t("present.position", i=i + 1, n=len(board))
    filters = t("present.view_filters", filters=flt.describe(pin["state"].filters, lang))
    nav[1].markdown(
        "<div style='text-align:center;line-height:1.3'>"
        f"<div style='font-size:1.8rem;font-weight:700'>{html.escape(up.page_title(pin['page'], lang))}</div>"
        f"<div style='color:#555;font-size:0.95rem'>{html.escape(where)} · {html.escape(filters)}</div></div>",
        unsafe_allow_html=True,
    )
    nav[2].button(
        t("present.next"),
        on_click=up.step,
        args=(1,),
        key="w_present_next",
        disabled=i == len(board) - 1,
        icon=":material/chevron_right:",
        icon_position="right",
        shortcut="right",
        width="stretch",
    )
    up.draw_pinned_charts(pin, lang, tall=True)
    st.stop()

st.title(t("present.title"))
st.markdown(t("present.lead"))
if not board:
    st.info(t("present.empty"), icon=":material/push_pin:")
    st.stop()

top = st.columns([1, 1, 2], vertical_alignment="center")
top[0].button(
    t("present.start"),
    on_click=up.start_show,
    key="w_present_start",
    type="primary",
    icon=":material/slideshow:",
    help=t("present.start_help"),
    width="stretch",
)
top[1].button(
    t("present.clear"), on_click=up.clear_pins, key="w_present_clear", icon=":material/delete_sweep:", width="stretch"
)

st.subheader(t("present.storyboard"))
for i, pin in enumerate(board):
    with st.container(border=True, key=f"pin_card_{pin['id']}"):
        when = t("present.pinned_at", time=pin["time"])
        st.markdown(f"**{i + 1}. {up.page_title(pin['page'], lang)}** · {when}")
        st.caption(t("present.view_filters", filters=flt.describe(pin["state"].filters, lang)))
        with st.container(horizontal=True, gap="small"):
            st.button(
                t("present.up"),
                key=f"w_pin_up_{pin['id']}",
                on_click=up.move_pin,
                args=(pin["id"], -1),
                disabled=i == 0,
                icon=":material/arrow_upward:",
            )
            st.button(
                t("present.down"),
                key=f"w_pin_down_{pin['id']}",
                on_click=up.move_pin,
                args=(pin["id"], 1),
                disabled=i == len(board) - 1,
                icon=":material/arrow_downward:",
            )
            st.button(
                t("present.remove"),
                key=f"w_pin_rm_{pin['id']}",
                on_click=up.remove_pin,
                args=(pin["id"],),
                icon=":material/close:",
            )
            st.button(
                t("present.open_live"),
                key=f"w_pin_open_{pin['id']}",
                on_click=up.open_live,
                args=(pin["id"],),
                icon=":material/open_in_new:",
                help=t("present.open_live_help"),
            )
        if pin["charts"]:
            titles = {c["key"]: c["title"] for c in pin["charts"]}
            sel_key = f"w_pin_sel_{pin['id']}"
            st.session_state.setdefault(sel_key, list(pin["selected"]))

            def _chosen(pin=pin, sel_key=sel_key):
                pin["selected"] = list(st.session_state[sel_key])

            st.multiselect(
                t("present.charts"),
                list(titles),
                key=sel_key,
                format_func=titles.get,
                on_change=_chosen,
                select_all=False,  # Streamlit's "Select all" is English only
            )
            with st.expander(t("present.preview", n=len(pin["selected"]))):
                up.draw_pinned_charts(pin, lang, tall=False)
        else:
            st.caption(t("present.no_charts"))

st.subheader(t("present.export"), help=t("present.export_help"))
up.deck_downloads(board, lang, key="storyboard", name="atlas-praesentation" if lang == "da" else "atlas-presentation")
