"""Network: the centre's position among local actors, blind spots, suggested partnerships (issue 6)."""

import streamlit as st

from lib import filters as flt
from lib import network as nw
from lib import network_view as nv
from lib import ui
from lib.schema import SECTORS, TIE_TYPES

N_LABELS = 10
ctx = ui.page_frame("network")
t, lang = ctx.t, ctx.lang


# Everything below is computed once per data version and selection (ui.memo) and shared between
# sessions. Only the comparison's chosen centres follow the sidebar filters; the rest does not.


def _network(centre: str, sectors: tuple, tie_types: tuple, year) -> dict:
    # Narrow both tables to the centre's area first: build_graph would do it too, but cleaning every
    # row of the full tables costs about a second per new centre at x100.
    area_actors, area_ties = actors, ties
    own = actors.loc[actors["actor_id"] == centre, "area_id"]
    if not own.empty:
        area_actors = actors[actors["area_id"] == own.iloc[0]]
        ids = area_actors["actor_id"]
        area_ties = ties[flt.isin(ties["source_actor_id"], ids) & flt.isin(ties["target_actor_id"], ids)]
    G = nw.build_graph(
        area_actors, area_ties, centre_id=centre, sectors=sectors or None, tie_types=tie_types or None, year=year
    )
    metrics = nw.actor_metrics(G)
    positions = nw.layout(G)
    return {
        "metrics": metrics,
        "reach": nw.centre_reach(G, centre, metrics=metrics),
        "nodes": nw.node_frame(positions, metrics, n_labels=N_LABELS, centre_id=centre),
        "edges": nw.edge_frame(G, positions),
        "blind": nw.blind_spots(G, centre),
        "suggestions": nw.suggest_partnerships(G, top=15),
        "summary": nw.network_summary(G),
        "method": nw.metrics_method(G),
    }


def _centre_choices() -> tuple[frozenset, dict]:
    """Centres that have their own actor row, and each centre's label for the picker."""
    with_network = frozenset(all_centres.loc[flt.isin(all_centres["centre_id"], actors["actor_id"]), "centre_id"])
    types = all_centres["centre_type"].map(lambda c: ctx.label("type", c))
    name, municipality = all_centres["name"].fillna(all_centres["centre_id"]), all_centres["municipality"].fillna("–")
    text = name + " (" + types.fillna("–") + ", " + municipality + ")"
    return with_network, dict(zip(all_centres["centre_id"], text, strict=True))


def _comparison_view(everyone, options: list, measure: str, centre: str):
    compared = nv.compare_frame(everyone[flt.isin(everyone["centre_id"], options)], t)
    if compared.empty:
        return None
    return nv.compare_chart(compared, t, measure=measure, selected=centre), nv.compare_table(compared, t)


actors, ties, all_centres = ctx.all_tables.actors, ctx.all_tables.ties, ctx.all_tables.centres
st.title(t("network.title"))
st.markdown(t("network.intro"))

with_actor_row, labels = ui.memo(ctx, "network:choices", _centre_choices, follows_filters=False)
centres = ctx.tables.centres.sort_values("name")
options = [c for c in centres["centre_id"].tolist() if c in with_actor_row]
wanted = st.session_state.get("s_net_centre") or ui.url_param("net_centre")  # e.g. chosen on the map page
if wanted and wanted not in options and wanted in with_actor_row:
    options.insert(0, wanted)
if not options:
    ui.empty_state(ctx, "network.no_centres")
    st.stop()
years = sorted(int(y) for y in ties["year"].dropna().unique())

centre_key = ui.bind("net_centre", default=options[0], options=options)
sector_key = ui.bind("net_sectors", default=[], options=list(SECTORS))
tie_key = ui.bind("net_tie_types", default=[], options=list(TIE_TYPES))
cols = st.columns([4, 2, 2] + ([1] if len(years) > 1 else []))
cols[0].selectbox(
    t("network.pick_centre"), options, key=centre_key, help=t("network.pick_centre_help"),
    format_func=labels.get,
)  # fmt: skip
cols[1].multiselect(t("network.sectors"), list(SECTORS), key=sector_key, help=t("network.sectors_help"),
                    format_func=lambda s: ctx.label("sector", s), placeholder=t("filters.all"))  # fmt: skip
cols[2].multiselect(t("network.tie_types"), list(TIE_TYPES), key=tie_key, help=t("network.tie_types_help"),
                    format_func=lambda s: ctx.label("tie", s), placeholder=t("filters.all"))  # fmt: skip
year = None
if len(years) > 1:
    cols[3].selectbox(t("network.year"), years, key=ui.bind("net_year", default=years[-1], options=years))
    year = int(ui.value("net_year"))
centre = ui.value("net_centre")
sectors, tie_types = tuple(ui.value("net_sectors") or ()), tuple(ui.value("net_tie_types") or ())

selection = (centre, sectors, tie_types, year)
net = ui.memo(ctx, "network:graph", lambda: _network(*selection), *selection, follows_filters=False)
reach, summary, method = net["reach"], net["summary"], net["method"]
areas = ctx.all_tables.areas.drop_duplicates("area_id", keep="last").set_index("area_id")["name"]
area_name = areas.get(reach["area_id"], reach["area_id"] or "")
sample_note = f" :material/science: {t('network.sample_note')}" if ctx.is_sample else ""
st.caption(t("network.summary", area=ui.safe_text(area_name), **summary) + sample_note)

# --- the centre's position -------------------------------------------------------------------------
st.subheader(t("network.position_title"))
pct = lambda v: "–" if v != v else f"{v:.0%}"  # noqa: E731 - NaN when the area has no other actors
m = st.columns(4)
m[0].metric(t("network.reach_1"), pct(reach["reach_1"]),
            help=t("network.reach_1_help", n=reach["n_within_1"], total=reach["n_actors"]))  # fmt: skip
m[1].metric(t("network.reach_2"), pct(reach["reach_2"]),
            help=t("network.reach_2_help", n=reach["n_within_2"], total=reach["n_actors"]))  # fmt: skip
for col, kind in zip(m[2:], ("betweenness", "degree"), strict=True):
    col.metric(t(f"network.rank_{kind}"), t("network.rank_value", rank=reach[f"rank_{kind}"], total=reach["n_ranked"]),
               help=t("network.rank_help", total=reach["n_ranked"]))  # fmt: skip
if sectors or tie_types:
    st.caption(f":material/filter_alt: {t('network.filtered_note')}")
if method["betweenness_sampled"]:
    st.caption(t("network.sampled_note", n=method["n_actors"], k=method["betweenness_k"]))

chart, table = ui.memo(  # the layered Altair chart costs ~50 ms to build
    ctx, "network:drawing",
    lambda: (nv.network_chart(net["nodes"], net["edges"], t, centre_id=centre), nv.metrics_table(net["metrics"], t)),
    *selection, follows_filters=False,
)  # fmt: skip
ui.chart_block(ctx, chart, key="network", title=f"{t('network.drawing_title')}: {area_name}", table=table,
               caption=t("network.drawing_caption", n=N_LABELS))  # fmt: skip

# --- measures per actor ------------------------------------------------------------------------------
st.subheader(t("network.metrics_title"))
st.caption(t("network.metrics_caption"))
helps = {t(f"network.col.{c}"): st.column_config.Column(help=t(f"network.explain.{c}")) for c in nw.METRIC_COLUMNS}
st.dataframe(table, hide_index=True, column_config=helps, height=320)
st.markdown("\n".join(f"- {t(f'network.explain.{c}')}" for c in nw.METRIC_COLUMNS))

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
    st.dataframe(blind_view, hide_index=True)
    if not ctx.present:
        ui.table_downloads(ctx, blind_view, key="net_blind", name=f"blind-spots-{centre}")

# --- suggested partnerships --------------------------------------------------------------------------
st.subheader(t("network.suggest_title"))
st.info(t("network.suggest_caption"), icon=":material/lightbulb:")
if net["suggestions"].empty:
    st.caption(t("network.suggest_none"))
else:
    lines = nv.suggestion_lines(net["suggestions"].head(10), t, ui.safe_text)
    st.markdown("\n".join(f"{i}. {line}" for i, line in enumerate(lines, 1)))
    if not ctx.present:
        ui.table_downloads(
            ctx, nv.suggestions_table(net["suggestions"], t), key="net_sugg", name=f"suggestions-{centre}"
        )

# --- centres compared across types -------------------------------------------------------------------
st.subheader(t("network.compare_title"))
with st.spinner(t("network.compare_computing")):  # every centre, ~7 s at x100: once per data version
    everyone = ui.memo(
        ctx, "network:compare_all",
        lambda: nw.compare_centres(actors, ties, all_centres, tie_types=tie_types or None, year=year),
        tie_types, year, follows_filters=False,
    )  # fmt: skip
measure_key = ui.bind("net_measure", default="reach_2", options=list(nv.COMPARE_MEASURES))
measure = ui.value("net_measure") or "reach_2"
# ``options`` are the filtered centres plus the chosen one: the filters and ``centre`` determine them.
view = ui.memo(ctx, "network:compare", lambda: _comparison_view(everyone, options, measure, centre),
               tie_types, year, measure, centre)  # fmt: skip
if view is None:
    ui.empty_state(ctx, "network.compare_empty")
else:
    st.segmented_control(t("network.compare_measure"), list(nv.COMPARE_MEASURES), key=measure_key,
                         format_func=lambda c: t(f"network.col.{c}"))  # fmt: skip
    ui.chart_block(ctx, view[0], key="net_compare", title=t("network.compare_chart_title"), table=view[1],
                   caption=t("network.compare_caption"))  # fmt: skip
