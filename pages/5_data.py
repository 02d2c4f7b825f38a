"""Data (editors): upload with row-level checks, versions, rollback, export, templates."""

import streamlit as st

from lib import app
from lib.app import editing as ed
from lib.schema import TABLE_NAMES

ctx = app.page_frame("data")
t = ctx.t
editing = ed.Editing.current()

st.title(t("data.title"))
st.write(t("data.intro"))
ed.sign_in_out(ctx, editing)

table = st.selectbox(t("data.table"), TABLE_NAMES, format_func=lambda n: ctx.label("table", n), key="data_table")
# The same tabs for everyone: a tab set that changes on sign-in would leave the browser on another tab.
# The open tab is kept in the session (key), so a rollback's rerun stays on the Versions tab.
tab_names = [t("data.tab_upload"), t("data.tab_versions"), t("data.tab_templates")]
upload_tab, versions_tab, templates_tab = st.tabs(tab_names, key="data_tab", on_change="rerun")

with upload_tab:
    if editing.is_editor():
        ed.upload_section(ctx, table, editing)
    else:
        ed.viewer_block(ctx, editing)
# Versions and templates are drawn only while their tab is open (the tab change reruns the page): their
# tables and download buttons were a fifth of a new session's time in the browser (x1: 1.59 -> 1.24-1.34x
# the empty page). The upload tab is always drawn, so a chosen file and its mapping survive a look
# at the versions.
if versions_tab.open:
    with versions_tab:
        ed.versions_section(ctx, table, editing)
if templates_tab.open:
    with templates_tab:
        ed.templates_section(ctx, table)
