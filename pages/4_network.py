"""Network: the centre's position among local actors, blind spots, suggested partnerships."""

import streamlit as st

from lib import app
from lib.analysis import network as nw
from lib.i18n import fmt
from lib.schema import SECTORS, TIE_TYPES
from lib.views import network as nv

N_LABELS = 10
ctx = app.page_frame("network")
t, lang = ctx.t, ctx.lang


# Everything below is computed once per data version and selection (ctx.memo) and shared between
# sessions. Only the comparison's chosen centres follow the sidebar filters; the rest does not.
actors, ties, all_centres = ctx.all_tables.actors, ctx.all_tables.ties, ctx.all_tables.centres
st.title(t("network.title"))
st.markdown(t("network.intro"))

with_actor_row, labels = ctx.memo(nv.centre_choices, all_centres, actors, t)
centres = ctx.tables.centres.sort_values("name")
options = [c for c in centres["centre_id"].tolist() if c in with_actor_row]
wanted = app.peek_value("net_centre") or app.url_param("net_centre")  # e.g. chosen on the map page
if wanted and wanted not in options and wanted in with_actor_row:
    options.insert(0, wanted)
if not options:
    app.empty_state(ctx, "network.no_centres")
    st.stop()
years = sorted(int(y) for y in ties["year"].dropna().unique())

# Many centres: the municipality first, then its centres. The municipality follows the centre
# (one chosen on the map, or in a shared link); a new municipality moves the centre to its first one.
by_municipality = (
    ctx.memo(nv.centres_by_municipality, all_centres, options) if len(options) > nv.PICK_MUNICIPALITY_ABOVE else {}
)
pickable = options
with app.controls(ctx):  # one "settings" expander in presentation mode
    cols = list(st.columns(([2, 3] if by_municipality else [4]) + [2, 2] + ([1] if len(years) > 1 else [])))
    if by_municipality:
        home = next((m for m, ids in by_municipality.items() if wanted in ids), None)
        if home is not None and home != app.peek_value("net_municipality"):
            app.set_value("net_municipality", home)
        municipality = app.bound(
            cols.pop(0).selectbox,
            t("network.pick_municipality"),
            key="net_municipality",
            default=next(iter(by_municipality)),
            options=list(by_municipality),
            help=t("network.pick_municipality_help", n=len(options)),
            on_change=lambda: app.set_value("net_centre", by_municipality[app.peek_value("net_municipality")][0]),
        )
        pickable = by_municipality[municipality]
    centre = app.bound(
        cols[0].selectbox,
        t("network.pick_centre"),
        key="net_centre",
        default=pickable[0],
        options=pickable,
        help=t("network.pick_centre_help"),
        format_func=labels.get,
    )
    sectors = tuple(
        app.bound(
            cols[1].multiselect,
            t("network.sectors"),
            key="net_sectors",
            default=[],
            options=list(SECTORS),
            help=t("network.sectors_help"),
            format_func=lambda s: ctx.label("sector", s),
            placeholder=t("filters.all"),
            select_all=False,
        )
    )
    tie_types = tuple(
        app.bound(
            cols[2].multiselect,
            t("network.tie_types"),
            key="net_tie_types",
            default=[],
            options=list(TIE_TYPES),
            help=t("network.tie_types_help"),
            format_func=lambda s: ctx.label("tie", s),
            placeholder=t("filters.all"),
            select_all=False,
        )
    )
    year = None
    if len(years) > 1:
        year = int(app.bound(cols[3].selectbox, t("network.year"), key="net_year", default=years[-1], options=years))

net = ctx.memo(nv.centre_network, actors, ties, centre, sectors, tie_types, year, t, N_LABELS)
reach, summary = net["reach"], net["summary"]
areas = ctx.all_tables.areas.drop_duplicates("area_id", keep="last").set_index("area_id")["name"]
area_name = areas.get(reach["area_id"], reach["area_id"] or "")
sample_note = f" :material/science: {t('network.sample_note')}" if ctx.is_sample else ""
st.caption(t("network.summary", area=app.safe_text(area_name), **summary) + sample_note)

# --- the centre's position -------------------------------------------------------------------------
st.subheader(t("network.position_title"))
pct = lambda v: fmt.percent(v, lang, 0, fraction=True)  # noqa: E731 - "–" when the area has no other actors
m = st.columns(4)
m[0].metric(
    t("network.reach_1"),
    pct(reach["reach_1"]),
    help=t("network.reach_1_help", n=reach["n_within_1"], total=reach["n_actors"]),
)
m[1].metric(
    t("network.reach_2"),
    pct(reach["reach_2"]),
    help=t("network.reach_2_help", n=reach["n_within_2"], total=reach["n_actors"]),
)
for col, kind in zip(m[2:], ("betweenness", "degree"), strict=True):
    col.metric(
        t(f"network.rank_{kind}"),
        t("network.rank_value", rank=reach[f"rank_{kind}"], total=reach["n_ranked"]),
        help=t("network.rank_help", total=reach["n_ranked"]),
    )
if sectors or tie_types:
    st.caption(f":material/filter_alt: {t('network.filtered_note')}")

chart, table = net["chart"], net["table"]
app.chart_block(
    ctx,
    chart,
    key="network",
    title=f"{t('network.drawing_title')}: {area_name}",
    table=table,
    caption=t("network.drawing_caption", n=N_LABELS),
)

# --- measures per actor ------------------------------------------------------------------------------
st.subheader(t("network.metrics_title"))
st.caption(t("network.metrics_caption"))
helps = {t(f"network.col.{c}"): st.column_config.Column(help=t(f"network.explain.{c}")) for c in nw.METRIC_COLUMNS}
st.dataframe(fmt.for_display(table, lang), hide_index=True, column_config=helps, height=320)
st.markdown("\n".join(f"- {t(f'network.explain.{c}')}" for c in nw.METRIC_COLUMNS))
if not ctx.present and reach["area_id"]:
    st.caption(t("network.download_caption"))
    app.network_downloads(ctx, actors, ties, reach["area_id"], name=f"network-{reach['area_id']}")

# --- blind spots -------------------------------------------------------------------------------------
st.subheader(t("network.blind_title"))
st.caption(t("network.blind_caption", steps=3))
blind = net["blind"]
if blind.empty:
    st.success(t("network.blind_none", steps=3), icon=":material/check_circle:")
else:
    no_path = int((blind["reason"] == "no_path").sum())
    st.markdown(t("network.blind_count", n=len(blind), no_path=no_path, far=len(blind) - no_path))
    blind_view = nv.blind_table(blind, t)
    st.dataframe(fmt.for_display(blind_view, lang), hide_index=True)
    if not ctx.present:
        app.table_downloads(ctx, blind_view, key="net_blind", name=f"blind-spots-{centre}")

# --- suggested partnerships --------------------------------------------------------------------------
st.subheader(t("network.suggest_title"))
st.info(t("network.suggest_caption"), icon=":material/lightbulb:")
if net["suggestions"].empty:
    st.caption(t("network.suggest_none"))
else:
    lines = nv.suggestion_lines(net["suggestions"].head(10), t, app.safe_text)
    st.markdown("\n".join(f"{i}. {line}" for i, line in enumerate(lines, 1)))
    if not ctx.present:
        app.table_downloads(
            ctx, nv.suggestions_table(net["suggestions"], t), key="net_sugg", name=f"suggestions-{centre}"
        )

# --- centres compared across types -------------------------------------------------------------------
st.subheader(t("network.compare_title"))
with st.spinner(t("network.compare_computing")):  # stored at import for the first view; ~3 s at x100 otherwise
    everyone = app.network_comparison(ctx.version_ids, tie_types or None, year)
measure = (
    app.bound(
        st.segmented_control,
        t("network.compare_measure"),
        key="net_measure",
        default="reach_2",
        options=list(nv.COMPARE_MEASURES),
        format_func=lambda c: t(f"network.col.{c}"),
    )
    or "reach_2"
)
# ``options`` are the filtered centres plus the chosen one: the filters and ``centre`` determine them.
view = ctx.memo(nv.comparison_view, everyone, options, measure, centre, t, nv.DOTS_UP_TO)
if view is None:
    app.empty_state(ctx, "network.compare_empty")
else:
    chart, table, caption = view
    app.chart_block(ctx, chart, key="net_compare", title=t("network.compare_chart_title"), table=table, caption=caption)
