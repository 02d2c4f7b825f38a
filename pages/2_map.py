"""Map: centres against the official area indicators, gap analysis, uploaded boundaries."""

import functools

import pandas as pd
import streamlit as st

from lib import app
from lib.analysis import criteria, geo
from lib.app import editing as ed
from lib.data import boundaries
from lib.i18n import fmt
from lib.schema import CENTRE_TYPES, INDICATORS, PARTNER_FLAGS, statuses_in_order
from lib.views import areas as av
from lib.views import maps

ctx = app.page_frame("map")
t, lang = ctx.t, ctx.lang

st.html(maps.TOOLTIP_CSS)
st.title(t("map.title"))
st.markdown(t("map.lead"))
# Derived frames and the deck are computed once per view (ctx.memo) and shared: never mutate them.
areas = ctx.memo(geo.latest_areas, ctx.tables.areas, ctx.area_status)
centres, all_centres = ctx.tables.centres, ctx.all_tables.centres
year = int(areas["year"].max()) if len(areas) else None
if areas.empty and centres.empty:
    app.empty_state(ctx)
    st.stop()
statuses = ctx.memo(criteria.latest_statuses, ctx.classified_areas())
status_options = statuses_in_order(statuses["status"])

# --- controls: the indicator and the gap analysis (one "settings" expander in presentation mode) ----------
with app.controls(ctx):
    top = st.columns([3, 1])
    indicator = app.bound(
        top[0].selectbox,
        t("map.indicator"),
        key="map_indicator",
        default="pct_outside_labour_market",
        options=list(maps.MAP_INDICATORS),
        format_func=lambda i: t(f"map.ind.{i}"),
    )
    basemap = bool(
        app.bound(top[1].toggle, t("map.basemap"), key="map_basemap", default=False, help=t("map.basemap_help"))
    )
    threshold = criteria.threshold(indicator, year) if indicator != maps.STATUS and year else None
    legend = maps.legend_text(indicator, threshold, lang) + " " + t("map.legend.centres")
    if not ctx.present:
        st.caption(legend)
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
                select_all=False,
            )
        )
        km = float(
            app.bound(
                g[2].select_slider,  # a select_slider: its labels can have a decimal comma, a slider's cannot
                t("map.gap.km"),
                key="gap_km",
                default=2.0,
                options=fmt.steps(0.5, 20.0, 0.5),
                format_func=lambda v: fmt.km(v, lang),
            )
        )
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
# The map opens on what the filters select; "whole country" holds until the filters change.
whole = bool(app.bound_value("map_whole", default=False))
if whole and st.session_state.get("_map_whole_for", ctx.filters) != ctx.filters:
    whole = False
    app.set_value("map_whole", False)
st.session_state["_map_whole_for"] = ctx.filters
size = maps.PRESENT_MAP_SIZE if ctx.present else maps.PAGE_MAP_SIZE
view = maps.DENMARK_VIEW if whole else ctx.memo(maps.extent_view, centres, areas, width=size[0], height=size[1])
left, right = st.columns([5, 3])
with left:
    deck = ctx.memo(
        maps.gap_deck, centres, areas, indicator, threshold, basemap=basemap, gaps=gaps, lang=lang, view=view, big=True
    )
    event = st.pydeck_chart(deck, on_select="rerun", selection_mode="single-object", key="map_deck", height=size[1])
    under = st.columns([1, 3], vertical_alignment="center")
    # In presentation mode the button and the legend stand beside the map, where the room sees them.
    (right.container() if ctx.present else under[0]).button(
        t("map.view.fit" if whole else "map.view.country"),
        icon=":material/zoom_in_map:" if whole else ":material/zoom_out_map:",
        key="map_view_button",
        on_click=app.set_value,
        args=("map_whole", not whole),
        width="stretch",
    )
    under[1].caption(t("map.outline_credit") + (" " + t("map.basemap_credit") if basemap else ""))
    if ctx.present:
        right.caption(legend)
# Pinned or exported, the view gets a static map with legends (made then, not on every rerun).
app.record_chart(
    ctx,
    functools.partial(maps.static_map, centres, areas, indicator, threshold, highlight_ids=gaps["area_id"], lang=lang),
    key="map_static",
    title=t("map.static.title", indicator=t(f"map.ind.{indicator}")),
    caption=maps.legend_text(indicator, threshold, lang),
)
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
        st.markdown(f"##### {app.safe_text(c['name'])}")
        st.markdown(f"{ctx.label('type', c['centre_type'])} · {app.safe_text(c.get('municipality', ''))}")
        partners = [t(f"map.flag.{f}") for f in PARTNER_FLAGS if pd.notna(c.get(f)) and bool(c.get(f))]
        st.markdown(f"**{t('map.details.partners')}:** {', '.join(partners) or '–'}")
        n, ratings = maps.centre_survey_summary(ctx.tables.survey_responses, sel_centre)
        st.markdown(f"**{t('map.details.survey', n=n)}**")
        if n:
            st.markdown(maps.rating_lines(ratings, t, lang))
        if st.button(t("map.details.network"), icon=":material/hub:", key="map_to_network"):
            app.set_value("net_centre", sel_centre)
            st.switch_page(app.PAGES["network"].file)
    elif not area_row.empty:
        a = geo.latest_areas(area_row, ctx.area_status).iloc[0]
        st.markdown(f"##### {app.safe_text(a['name'])}")
        st.markdown(f"{app.safe_text(a.get('municipality', ''))} · {a['year']} · {ctx.label('status', a['status'])}")
        published_line = ctx.memo(av.published_summary, ctx.classified_areas(), sel_area, lang)
        if published_line:  # the published status beside the computed one, disagreement marked
            st.markdown(published_line)
        rules = {i: criteria.threshold(i, int(a["year"])) for i in criteria.indicators_in_force(int(a["year"]))}
        st.markdown(maps.indicator_lines(maps.area_indicator_rows(a, rules, lang), t))
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
shown_gaps = ctx.memo(maps.gap_table_shown, gap_table, t)
st.dataframe(fmt.for_display(shown_gaps, lang), hide_index=True, height=min(400, 38 + 35 * max(1, len(gap_table))))
app.table_downloads(ctx, gap_table, key="map_gaps", name="gap-analysis")

# --- uploaded boundaries --------------------------------------------------------------------------------------
with st.expander(t("map.upload.heading"), icon=":material/upload_file:"):
    st.caption(t("map.upload.help"))
    limit_mb = ed.upload_limit_mb()  # the same limits as the Data page: viewers upload here too
    upload = st.file_uploader(
        t("map.upload.label", mb=limit_mb),
        type=["geojson", "json", "gpkg", "zip"],
        key="map_upload",
        max_upload_size=limit_mb,
    )
    if upload is not None:
        cached = st.session_state.get("map_boundaries")
        if not cached or cached[0] != upload.file_id:
            try:
                read = boundaries.read_boundaries(upload.getvalue(), upload.name, max_bytes=limit_mb * 1024 * 1024)
                cached = (upload.file_id, read, None)
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
                    crs=app.safe_text(rep["source_crs"]),
                    id=app.safe_text(rep["id_column"] or "–"),
                    name=app.safe_text(rep["name_column"] or "–"),
                )
            )
            if rep["repaired"] or rep["dropped"]:
                st.warning(
                    t(
                        "map.upload.repaired",
                        n=len(rep["repaired"]),
                        ids=", ".join(app.safe_text(i) for i in rep["repaired"][:20]),
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
