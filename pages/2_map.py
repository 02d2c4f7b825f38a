"""Map: centres against the official area indicators, gap analysis, uploaded boundaries."""

import pandas as pd
import streamlit as st

from lib import app
from lib.analysis import criteria, geo
from lib.data import boundaries
from lib.schema import CENTRE_TYPES, INDICATORS, PARTNER_FLAGS
from lib.views import areas as av
from lib.views import maps

ctx = app.page_frame("map")
t, lang = ctx.t, ctx.lang

st.title(t("map.title"))
st.markdown(t("map.lead"))
# Derived frames and the deck are computed once per view (ctx.memo) and shared: never mutate them.
areas = ctx.memo(geo.latest_areas, ctx.tables.areas, ctx.area_status)
centres, all_centres = ctx.tables.centres, ctx.all_tables.centres
year = int(areas["year"].max()) if len(areas) else None
if areas.empty and centres.empty:
    app.empty_state(ctx)
    st.stop()

top = st.columns([3, 1])
indicator = app.bound(
    top[0].selectbox,
    t("map.indicator"),
    key="map_indicator",
    default="pct_outside_labour_market",
    options=list(maps.MAP_INDICATORS),
    format_func=lambda i: t(f"map.ind.{i}"),
)
basemap = bool(app.bound(top[1].toggle, t("map.basemap"), key="map_basemap", default=False, help=t("map.basemap_help")))
threshold = criteria.threshold(indicator, year) if indicator != maps.STATUS and year else None
st.caption(maps.legend_text(indicator, threshold, lang) + " " + t("map.legend.centres"))

# --- gap analysis controls ------------------------------------------------------------------
statuses = ctx.memo(criteria.latest_statuses, ctx.classified_areas())
present_statuses = set(statuses["status"])
status_options = [s for s in criteria.STATUS_ORDER if s in present_statuses]
with st.container(border=True):
    st.markdown(f"**{t('map.gap.heading')}**", help=t("map.gap.help"))
    g = st.columns(4)
    min_crit = int(
        app.bound(
            g[0].slider,
            t("map.gap.min_criteria"),
            key="gap_min_criteria",
            default=2,
            bounds=(0, 5),
            help=t("map.gap.min_criteria_help"),
        )
    )
    gap_status = list(
        app.bound(
            g[1].multiselect,
            t("map.gap.status"),
            key="gap_status",
            default=[],
            options=status_options,
            format_func=lambda s: ctx.label("status", s),
            placeholder=t("filters.all"),
        )
    )
    km = float(app.bound(g[2].slider, t("map.gap.km"), key="gap_km", default=2.0, bounds=(0.5, 20.0), step=0.5))
    gap_type = (
        app.bound(
            g[3].selectbox,
            t("map.gap.type"),
            key="gap_type",
            default="",
            options=["", *CENTRE_TYPES],
            format_func=lambda c: ctx.label("type", c) if c else t("map.gap.any_type"),
        )
        or None
    )
gaps = ctx.memo(
    geo.gap_analysis,
    areas,
    statuses,
    all_centres,
    min_criteria=min_crit or None,
    statuses_wanted=tuple(gap_status) or None,
    max_km=km,
    centre_types=gap_type,
)

# --- map and details panel ------------------------------------------------------------------------
sel_centre, sel_area = app.bound_value("map_centre", default=""), app.bound_value("map_area", default="")
left, right = st.columns([5, 2])
with left:
    deck = ctx.memo(
        maps.gap_deck, centres, areas, indicator, threshold, basemap=basemap, gaps=gaps, lang=lang, big=True
    )
    event = st.pydeck_chart(deck, on_select="rerun", selection_mode="single-object", key="map_deck", height=560)
    st.caption(t("map.outline_credit") + (" " + t("map.basemap_credit") if basemap else ""))
picked = ((event.get("selection") if hasattr(event, "get") else None) or {}).get("objects") or {}
if picked.get(maps.CENTRES_LAYER):
    sel_centre, sel_area = picked[maps.CENTRES_LAYER][0]["centre_id"], ""
elif picked.get(maps.AREAS_LAYER):
    sel_centre, sel_area = "", picked[maps.AREAS_LAYER][0]["area_id"]
app.set_value("map_centre", sel_centre)
app.set_value("map_area", sel_area)

with right:
    centre_row = all_centres.loc[all_centres["centre_id"] == sel_centre]
    area_row = ctx.all_tables.areas.loc[ctx.all_tables.areas["area_id"] == sel_area]
    if not centre_row.empty:
        c = centre_row.iloc[0]
        st.markdown(f"#### {app.safe_text(c['name'])}")
        st.markdown(f"{ctx.label('type', c['centre_type'])} · {app.safe_text(c.get('municipality', ''))}")
        partners = [t(f"map.flag.{f}") for f in PARTNER_FLAGS if pd.notna(c.get(f)) and bool(c.get(f))]
        st.markdown(f"**{t('map.details.partners')}:** {', '.join(partners) or '–'}")
        n, ratings = maps.centre_survey_summary(ctx.tables.survey_responses, sel_centre)
        st.markdown(f"**{t('map.details.survey', n=n)}**")
        if n:
            ratings = ratings.assign(dimension=[t(f"rating.{d}") for d in ratings["dimension"]])
            st.dataframe(
                ratings.rename(columns={"dimension": t("map.details.dimension"), "mean": t("map.details.mean")}),
                hide_index=True,
                column_config={t("map.details.mean"): st.column_config.NumberColumn(format="%.1f")},
            )
        if st.button(t("map.details.network"), icon=":material/hub:", key="map_to_network"):
            app.set_value("net_centre", sel_centre)
            st.switch_page(app.PAGES["network"].file)
    elif not area_row.empty:
        a = geo.latest_areas(area_row, ctx.area_status).iloc[0]
        st.markdown(f"#### {app.safe_text(a['name'])}")
        st.markdown(f"{app.safe_text(a.get('municipality', ''))} · {a['year']} · {ctx.label('status', a['status'])}")
        published_line = ctx.memo(av.published_summary, ctx.classified_areas(), sel_area, lang)
        if published_line:  # the published status beside the computed one, disagreement marked
            st.markdown(published_line)
        rules = {i: criteria.threshold(i, int(a["year"])) for i in criteria.indicators_in_force(int(a["year"]))}
        rows = maps.area_indicator_rows(a, rules, lang)
        rows["met"] = rows["met"].map({True: t("map.details.met"), False: t("map.details.not_met")}).fillna("–")
        st.dataframe(rows.rename(columns=lambda col: t(f"map.details.col_{col}")), hide_index=True)
        near = geo.centres_within(area_row.tail(1), all_centres, km)
        st.markdown(f"**{t('map.details.within', km=maps.fmt_number(km, lang), n=len(near))}**")
        for r in near.head(10).itertuples():
            st.markdown(
                f"- {app.safe_text(r.name)} ({ctx.label('type', r.centre_type)}, "
                f"{maps.fmt_number(r.distance_m / 1000, lang)} km)"
            )
    else:
        st.info(t("map.details.hint"), icon=":material/touch_app:")
    if sel_centre or sel_area:
        if st.button(t("map.details.clear"), key="map_clear"):
            app.set_value("map_centre", "")
            app.set_value("map_area", "")
            st.rerun()

# --- gap list -------------------------------------------------------------------------------------------
st.subheader(t("map.gap.list", n=len(gaps), km=maps.fmt_number(km, lang)))
gap_table = ctx.memo(maps.gap_table, gaps, t)
st.dataframe(gap_table, hide_index=True, height=min(400, 38 + 35 * max(1, len(gap_table))))
app.table_downloads(ctx, gap_table, key="map_gaps", name="gap-analysis")

# --- static map for slides ------------------------------------------------------------------------------
if st.toggle(t("map.static.toggle"), key="map_static_on", help=t("map.static.help")):
    chart = maps.static_map(centres, areas, indicator, threshold, highlight_ids=gaps["area_id"], lang=lang)
    app.chart_block(
        ctx,
        chart,
        key="map_static",
        title=t("map.static.title", indicator=t(f"map.ind.{indicator}")),
        caption=maps.legend_text(indicator, threshold, lang),
    )

# --- uploaded boundaries --------------------------------------------------------------------------------------
with st.expander(t("map.upload.heading"), icon=":material/upload_file:"):
    st.caption(t("map.upload.help"))
    upload = st.file_uploader(t("map.upload.label"), type=["geojson", "json", "gpkg", "zip"], key="map_upload")
    if upload is not None:
        cached = st.session_state.get("map_boundaries")
        if not cached or cached[0] != upload.file_id:
            try:
                cached = (upload.file_id, boundaries.read_boundaries(upload.getvalue(), upload.name), None)
            except boundaries.BoundaryError as err:
                cached = (upload.file_id, None, err)
            st.session_state["map_boundaries"] = cached
        _, polygons, error = cached
        if error is not None:
            app.show_error(error, lang)
        else:
            rep = polygons.attrs["boundary_report"]
            st.success(
                t(
                    "map.upload.ok",
                    n=rep["n_features"],
                    crs=rep["source_crs"],
                    id=rep["id_column"] or "–",
                    name=rep["name_column"] or "–",
                )
            )
            if rep["repaired"] or rep["dropped"]:
                st.warning(
                    t(
                        "map.upload.repaired",
                        n=len(rep["repaired"]),
                        ids=", ".join(rep["repaired"][:20]),
                        dropped=rep["dropped"],
                    )
                )
            shown = indicator if indicator != maps.STATUS else INDICATORS[0]
            if indicator == maps.STATUS:
                st.caption(t("map.upload.status_note", indicator=t(f"map.ind.{shown}")))
            values = geo.weighted_indicator(geo.join_areas_to_polygons(areas, polygons), shown)
            thr = criteria.threshold(shown, year) if year else None
            st.pydeck_chart(
                maps.choropleth_deck(polygons, values, indicator=shown, threshold=thr, lang=lang, basemap=basemap),
                key="map_choropleth",
            )
            st.caption(maps.legend_text(shown, thr, lang, with_size=False) + " " + t("map.upload.legend"))
            app.table_downloads(ctx, values, key="map_choro", name="boundaries-weighted")
