"""Entry point and overview page: headline figures that follow the filters, and a guide for first-time visitors."""

import altair as alt
import pandas as pd
import streamlit as st

from lib import ui
from lib.palette import STATUS_COLOURS, type_scale
from lib.schema import CENTRE_TYPES

ctx = ui.page_frame("overview")
t = ctx.t
tables = ctx.tables

st.title(t("overview.title"))
st.write(t("overview.lead"))

if not ctx.present:
    st.subheader(t("overview.guide_heading"))
    guide = st.columns(3)
    for i, page in enumerate(("compare", "map", "areas", "network", "data", "present")):
        file, nav_key, icon = ui.PAGES[page]
        with guide[i % 3].container(border=True):
            st.page_link(file, label=f"**{t(nav_key)}**", icon=icon)
            st.caption(t(f"overview.guide.{page}"))

latest_year = int(ctx.all_tables.areas["year"].max()) if len(ctx.all_tables.areas) else None
area_ids = ui.memo(ctx, "overview:area_ids", lambda: tables.areas["area_id"].unique())
status = ui.memo(ctx, "overview:status", lambda: ctx.area_status[ctx.area_status.index.isin(area_ids)])
listed = int((~status.isin(["none", "too_small"])).sum())

st.subheader(t("overview.headline"))
m = st.columns(4)
m[0].metric(t("overview.metric_centres"), ui.fmt_int(len(tables.centres), ctx.lang))
m[1].metric(t("overview.metric_areas"), len(area_ids))
m[2].metric(t("overview.metric_listed", year=latest_year or "-"), listed)
m[3].metric(t("overview.metric_responses"), ui.fmt_int(len(tables.survey_responses), ctx.lang))

if tables.centres.empty and tables.areas.empty:
    ui.empty_state(ctx)
    st.stop()

type_labels = {c: ctx.label("type", c) for c in CENTRE_TYPES}
col_type, col_count, col_status, col_year = (
    t("overview.col_type"),
    t("overview.col_count"),
    t("overview.col_status"),
    t("overview.col_year"),
)

left, right = st.columns(2)
with left:
    per_type = (
        tables.centres["centre_type"].value_counts().reindex(list(CENTRE_TYPES), fill_value=0).rename_axis("code")
    )
    frame = pd.DataFrame({col_type: [type_labels[c] for c in per_type.index], col_count: per_type.to_numpy()})
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y(f"{col_type}:N", sort=list(type_labels.values()), title=None, axis=alt.Axis(labelLimit=240)),
            x=alt.X(f"{col_count}:Q", title=col_count),
            color=alt.Color(f"{col_type}:N", scale=type_scale(type_labels), legend=None),
            tooltip=[col_type, col_count],
        )
        .properties(height=200)
    )
    st.markdown(f"**{t('overview.centres_per_type')}**")
    ui.chart_block(ctx, chart, key="centres_per_type", title=t("overview.centres_per_type"), table=frame)

with right:
    counts = status.value_counts()
    order = [s for s in STATUS_COLOURS if s in counts.index]
    frame = pd.DataFrame(
        {col_status: [ctx.label("status", s) for s in order], col_count: [int(counts[s]) for s in order]}
    )
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y(f"{col_status}:N", sort=frame[col_status].tolist(), title=None, axis=alt.Axis(labelLimit=240)),
            x=alt.X(f"{col_count}:Q", title=col_count),
            color=alt.Color(
                f"{col_status}:N",
                scale=alt.Scale(domain=frame[col_status].tolist(), range=[STATUS_COLOURS[s] for s in order]),
                legend=None,
            ),
            tooltip=[col_status, col_count],
        )
        .properties(height=200)
    )
    title = t("overview.areas_per_status", year=latest_year or "-")
    st.markdown(f"**{title}**")
    ui.chart_block(ctx, chart, key="areas_per_status", title=title, table=frame, caption=t("overview.status_caption"))

per_wave = ui.memo(  # a merge of every response (~300,000 at x100): once per view, not on every rerun
    ctx,
    "overview:per_wave",
    lambda: (
        tables.survey_responses.merge(tables.centres[["centre_id", "centre_type"]], on="centre_id")
        .groupby(["survey_year", "centre_type"])
        .size()
        .reset_index(name="n")
    ),
)
if not per_wave.empty:
    frame = pd.DataFrame(
        {
            col_year: per_wave["survey_year"].astype(str),
            col_type: per_wave["centre_type"].map(type_labels),
            col_count: per_wave["n"],
        }
    )
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X(f"{col_year}:N", title=col_year, axis=alt.Axis(labelAngle=0)),
            y=alt.Y(f"{col_count}:Q", title=col_count, stack=True),
            color=alt.Color(f"{col_type}:N", scale=type_scale(type_labels), title=col_type),
            tooltip=[col_year, col_type, col_count],
        )
        .properties(height=240)
    )
    st.markdown(f"**{t('overview.responses_per_wave')}**")
    ui.chart_block(ctx, chart, key="responses_per_wave", title=t("overview.responses_per_wave"), table=frame)

with st.expander(t("overview.about_heading")):
    st.write(t("overview.about"))
