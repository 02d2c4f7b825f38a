"""Entry point and overview page: headline figures that follow the filters, and a guide for first-time visitors."""

import streamlit as st

from lib import app
from lib.i18n import fmt
from lib.views import overview

ctx = app.page_frame("overview")
t, tables = ctx.t, ctx.tables

st.title(t("overview.title"))
st.write(t("overview.lead"))

if not ctx.present:
    st.subheader(t("overview.guide_heading"))
    guide = st.columns(3)
    for i, page_id in enumerate(("compare", "map", "areas", "network", "data", "present")):
        page = app.PAGES[page_id]
        with guide[i % 3].container(border=True):
            st.page_link(page.file, label=f"**{t(page.nav_key)}**", icon=page.icon)
            st.caption(t(f"overview.guide.{page_id}"))

latest_year = int(ctx.all_tables.areas["year"].max()) if len(ctx.all_tables.areas) else None
status = ctx.memo(overview.status_of, tables.areas, ctx.area_status)

published_year, published_list = ctx.memo(overview.published_list, ctx.all_tables.areas)
published = ctx.memo(overview.published_of, tables.areas, published_list)

st.subheader(t("overview.headline"))
m = st.columns(5 if published_year else 4)
m[0].metric(t("overview.metric_centres"), fmt.number(len(tables.centres), ctx.lang))
m[1].metric(t("overview.metric_areas"), fmt.number(len(status), ctx.lang))
m[2].metric(
    t("overview.metric_listed", year=latest_year or "-"),
    fmt.number(overview.n_listed(status), ctx.lang),
    help=t("overview.metric_listed_help", year=latest_year or "-"),
)
if published_year:  # the published count beside the computed one, each saying which it is
    m[3].metric(
        t("overview.metric_published", year=published_year),
        fmt.number(overview.n_listed(published), ctx.lang),
        help=t("overview.metric_published_help", year=published_year),
    )
m[-1].metric(t("overview.metric_responses"), fmt.number(len(tables.survey_responses), ctx.lang))

if tables.centres.empty and tables.areas.empty:
    app.empty_state(ctx)
    st.stop()

left, right = st.columns(2)
with left:
    st.markdown(f"**{t('overview.centres_per_type')}**")
    if tables.centres.empty:
        app.empty_state(ctx)
    else:
        chart, frame = ctx.memo(overview.centres_per_type, tables.centres, t)
        app.chart_block(ctx, chart, key="centres_per_type", title=t("overview.centres_per_type"), table=frame)

with right:
    title = t("overview.areas_per_status", year=latest_year or "-")
    st.markdown(f"**{title}**")
    if status.empty:
        app.empty_state(ctx)
    else:
        chart, frame = ctx.memo(overview.areas_per_status, status, t)
        caption = t("overview.status_caption")
        app.chart_block(ctx, chart, key="areas_per_status", title=title, table=frame, caption=caption)

# a merge of every response (~300,000 at x100): once per view, not on every rerun
per_wave = ctx.memo(overview.responses_per_wave, tables.survey_responses, tables.centres, t)
if per_wave is not None:
    st.markdown(f"**{t('overview.responses_per_wave')}**")
    chart, frame = per_wave
    app.chart_block(ctx, chart, key="responses_per_wave", title=t("overview.responses_per_wave"), table=frame)

with st.expander(t("overview.about_heading")):
    st.write(t("overview.about"))
