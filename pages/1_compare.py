"""Placeholder until the page lands."""

import streamlit as st

from lib import ui

ctx = ui.page_frame("compare")
st.info(ctx.t("notice.coming_soon"))
