"""Areas and the official criteria: which areas are on which list, how close the others are, what would move them."""

import streamlit as st

from lib import app
from lib.analysis import criteria
from lib.i18n import fmt
from lib.views import areas as av

ctx = app.page_frame("areas")
t, lang = ctx.t, ctx.lang
areas = ctx.tables.areas

st.title(t("areas.title"))
st.markdown(t("areas.lead"))
with st.expander(t("areas.rules_expander"), icon=":material/gavel:"):
    st.caption(t("areas.rules_caption"))
    rules = ctx.memo(criteria.rules_table, lang)
    # the indicator's column name in the data is for editors (Data page templates), not for readers
    st.dataframe(
        fmt.for_display(rules, lang),
        hide_index=True,
        width="stretch",
        height=460,
        column_config={t("criteria.col.indicator"): None},
    )

if areas.empty:
    app.empty_state(ctx, "areas.empty")
    st.stop()

everyone = ctx.classified_areas()
classified = ctx.memo(av.classified_of, everyone, areas)
years = sorted(int(y) for y in classified["year"].unique())
labels = ctx.memo(av.area_label, areas)

# --- 1. The filtered table of areas for one list year ---------------------------------------------------------
head, pick = st.columns([4, 1], vertical_alignment="bottom")
with app.controls(ctx, pick):  # one "settings" expander in presentation mode
    year = int(app.bound(st.selectbox, t("areas.table.year"), key="areas_year", default=years[-1], options=years))
head.subheader(t("areas.table.heading", year=year))
table = ctx.memo(av.year_table, areas, classified, year, lang)
id_col = t("areas.col.area_id")
columns = {
    col: st.column_config.NumberColumn(help=h or None, format=f, width=w)
    for col, (h, f, w) in av.column_help(year, lang).items()
}
event = st.dataframe(
    ctx.memo(av.styled_year_table, table, year, lang),
    hide_index=True,
    width="stretch",
    on_select="rerun",
    selection_mode="single-row",
    key="areas_table",
    column_config={id_col: None, **columns},
)
rule_set = av.rule_set_period(criteria.rule_set_for_year(year), lang)
if len(table) > av.STYLE_MAX_ROWS:  # styled_year_table leaves large tables plain
    st.caption(t("areas.table.caption_plain", n=len(table), rule_set=rule_set, max=fmt.number(av.STYLE_MAX_ROWS, lang)))
else:
    st.caption(t("areas.table.caption", n=len(table), rule_set=rule_set))
published_note = av.year_published_note(everyone, year, lang)
if published_note:
    st.caption(published_note)
st.caption(av.streak_reading_text(lang))
mismatched = classified[(classified["year"] == year) & classified["published_mismatch"]]["area_id"]
if len(mismatched):
    names = ", ".join(app.safe_text(labels.get(a, a)) for a in mismatched)
    st.warning(t("areas.table.mismatch", n=len(mismatched), names=names), icon=":material/difference:")
if not ctx.present:
    app.table_downloads(ctx, table, key="areas_table", name=t("areas.table.file", year=year))

# --- 2. One area over the years, its centres and the way to the map -------------------------------------------
st.subheader(t("areas.area.heading"))
picked_rows = event.selection.rows if event is not None else []
if picked_rows:
    picked = str(table.iloc[picked_rows[0]][id_col])
    if st.session_state.get("_areas_picked") != picked:  # act once per click, so the selectbox stays usable
        st.session_state["_areas_picked"] = picked
        app.set_value("areas_area", picked)
area_ids = list(labels)
sel, go = st.columns([4, 1], vertical_alignment="bottom")
area_id = app.bound(
    sel.selectbox,
    t("areas.area.select"),
    key="areas_area",
    default=str(table[id_col].iloc[0]),
    options=area_ids,
    format_func=labels.get,
)
if go.button(t("areas.area.to_map"), icon=":material/map:", key="areas_to_map", width="stretch"):
    app.set_value("map_area", area_id)
    st.switch_page(app.PAGES["map"].file)

own = classified[(classified["area_id"] == area_id)].sort_values("year")
row = own[own["year"] == year].iloc[0] if (own["year"] == year).any() else own.iloc[-1]
st.markdown(av.area_summary(row, app.safe_text(labels[area_id]), lang))
if row["history_note"]:
    st.caption(av.history_text(row, int(own["year"].min()), lang), help=t("areas.col.streak_help"))
published = ctx.memo(av.published_timeline_view, classified, everyone, area_id, lang)
if published is not None:
    app.chart_block(
        ctx,
        published[0],
        key="areas_published",
        title=t("areas.published.title", name=labels[area_id]),
        table=published[1],
        caption=t("areas.published.caption"),
    )
trend = ctx.memo(av.trend_view, areas, classified, area_id, lang)
if trend is not None:
    app.chart_block(
        ctx,
        trend[0],
        key="areas_trend",
        title=t("areas.trend.title", name=labels[area_id]),
        table=trend[1],
        caption=t("areas.trend.caption"),
    )
st.markdown(f"**{t('areas.area.centres')}**")
centres = ctx.memo(av.centres_of_area, ctx.tables.centres, area_id, lang)
if centres.empty:
    st.caption(t("areas.area.no_centres"))
else:
    st.dataframe(fmt.for_display(centres, lang), hide_index=True, width="stretch")

# --- 3. The national picture, following the filters -----------------------------------------------------------
st.subheader(t("areas.national.heading"))
national_chart, national_table = ctx.memo(av.national_view, classified, lang)
app.chart_block(
    ctx,
    national_chart,
    key="areas_national",
    title=t("areas.national.title"),
    table=national_table,
    caption=t("areas.national.caption", filters=app.safe_text(ctx.filters_text)),
)

# --- 4. What-if: shift the indicators of the filtered areas in their latest year ------------------------------
st.subheader(t("areas.whatif.heading"))
st.info(t("areas.whatif.disclaimer"), icon=":material/science:")


controls, outcome = st.columns([2, 3], gap="large")
with controls:
    shifts = {
        indicator: float(
            app.bound(
                st.select_slider,
                t(f"areas.whatif.slider.{indicator}"),
                key=av.shift_key(indicator),
                default=0.0,
                options=fmt.steps(low, high, step),
                format_func=lambda v: fmt.signed(v, lang, 1),
            )
        )
        for indicator, (low, high, step) in av.SHIFT_SLIDERS.items()
    }
    st.button(
        t("areas.whatif.reset"),
        on_click=app.reset_values,
        args=([av.shift_key(i) for i in av.SHIFT_SLIDERS], 0.0),
        icon=":material/restart_alt:",
        key="areas_whatif_reset",
    )
result = ctx.memo(criteria.what_if, areas, shifts, before=classified)  # the areas are classified already
n_changed = int(result["changed"].sum())
before, after = av.n_listed(result["status_before"]), av.n_listed(result["status_after"])
with outcome:
    m = st.columns(3)
    m[0].metric(t("areas.whatif.metric_changed"), f"{fmt.number(n_changed, lang)} / {fmt.number(len(result), lang)}")
    m[1].metric(t("areas.whatif.metric_listed_before"), fmt.number(before, lang))
    m[2].metric(
        t("areas.whatif.metric_listed_after"),
        fmt.number(after, lang),
        delta=fmt.signed(after - before, lang) if after != before else None,
        delta_color="off",
    )
    if not any(shifts.values()):
        st.caption(t("areas.whatif.no_shift"))
    elif not n_changed:
        st.caption(t("areas.whatif.none_changed"))
    else:
        st.markdown(t("areas.whatif.result", changed=n_changed, total=len(result), year=int(result["year"].max())))
        st.markdown(f"**{t('areas.whatif.transitions')}**")
        st.dataframe(fmt.for_display(av.transition_counts(result, lang), lang), hide_index=True, width="stretch")
if n_changed:
    st.markdown(f"**{t('areas.whatif.changed_areas')}**")
    show_all = st.toggle(t("areas.whatif.show_all"), key="areas_whatif_all")
    scenario = av.what_if_table(result, areas, lang, changed_only=not show_all)
    st.dataframe(fmt.for_display(scenario, lang), hide_index=True, width="stretch")
    if not ctx.present:
        app.table_downloads(ctx, scenario, key="areas_whatif", name=t("areas.whatif.file"))
