"""Display frames and Altair charts for the network page (no Streamlit).

Everything here takes the results of :mod:`lib.analysis.network` plus a translation
function ``t(key, **fmt)`` and returns frames with translated headers or
Altair charts, so the page stays a short script and this code is testable.
"""

from __future__ import annotations

from collections.abc import Callable

import altair as alt
import numpy as np
import pandas as pd

from lib.analysis import filters as flt
from lib.analysis import network as nw
from lib.i18n import fmt
from lib.schema import CENTRE_TYPES, SECTORS, TIE_TYPES
from lib.views import compose
from lib.views.palette import SECTOR_COLOURS, TYPE_COLOURS

Translate = Callable[..., str]

#: Line dash per tie type: the colour channel is taken by the actors' sectors.
TIE_DASHES = {
    "collaboration": [1, 0],
    "co_location": [2, 2],
    "referral": [6, 3],
    "shared_activity": [6, 2, 1, 2],
    "several": [10, 2],
}
KINDS = ("centre", "in_centre", "other")
_KIND_SHAPES = {"centre": "diamond", "in_centre": "square", "other": "circle"}
_KIND_SIZES = {"centre": 420, "in_centre": 110, "other": 110}
#: Measures offered in the comparison across centre types: (column, is a share 0-1).
COMPARE_MEASURES = {"reach_1": True, "reach_2": True, "betweenness": False}
#: Above this many centres the comparison counts centres per band of the measure instead of drawing a
#: dot each: ~12,000 dots (x100) were a 1.4 MB chart the browser took ~4 s to draw, and dots that
#: cover each other show no density anyway.
DOTS_UP_TO = 1500
COMPARE_BANDS = 40
#: Above this many centres to choose from, the page asks for the municipality first: one list of
#: ~12,000 centres (x100) was 0.8 MB sent to every new session and no way to find a centre.
PICK_MUNICIPALITY_ABOVE = 200


def sector_label(t: Translate, code) -> str:
    """The sector's name in the reader's language (unknown codes as they are)."""
    return t(f"sector.{code}") if code in SECTORS else str(code)


def _axisless(domain=(-1.12, 1.12)) -> alt.Scale:
    return alt.Scale(domain=list(domain), nice=False, zero=False)


@compose.quick_build
def network_chart(nodes: pd.DataFrame, edges: pd.DataFrame, t: Translate, *, centre_id: str, height: int = 560):
    """The network drawing: ties as line segments, actors as points, the centre ringed, a few labels.

    Parameters
    ----------
    nodes : DataFrame
        :func:`lib.analysis.network.node_frame` output (``actor_id, x, y, name, sector,
        in_centre, is_centre, degree, betweenness, label``).
    edges : DataFrame
        :func:`lib.analysis.network.edge_frame` output (two rows per tie).
    t : callable
        Translation function of the current language.
    centre_id : str
        The selected centre, drawn larger with a ring.
    """
    sector_domain = [sector_label(t, s) for s in SECTORS]
    sector_scale = alt.Scale(domain=sector_domain, range=[SECTOR_COLOURS[s] for s in SECTORS])
    kind_domain = [t(f"network.shape.{k}") for k in KINDS]
    tie_domain = [t(f"tie.{k}") for k in TIE_TYPES] + [t("network.tie.several")]

    frame = nodes.assign(
        kind_code=[
            "centre" if aid == centre_id else ("in_centre" if inside else "other")
            for aid, inside in zip(nodes["actor_id"], nodes["in_centre"].fillna(False), strict=True)
        ]
    )
    frame["sector_label"] = [sector_label(t, s) for s in frame["sector"]]
    frame["kind"] = [t(f"network.shape.{k}") for k in frame["kind_code"]]
    frame["size"] = frame["kind_code"].map(_KIND_SIZES)
    # Draw the centre last so it sits on top.
    frame = frame.sort_values("kind_code", key=lambda s: s.map({"other": 0, "in_centre": 1, "centre": 2}))
    lines = edges.assign(
        tie_label=[t("network.tie.several") if k == "several" else t(f"tie.{k}") for k in edges["tie_type"].astype(str)]
    )
    x = alt.X("x:Q", scale=_axisless(), axis=None)
    y = alt.Y("y:Q", scale=_axisless(), axis=None)

    tie_layer = (
        alt.Chart(lines)
        .mark_line(color="#6B7280", opacity=0.45)
        .encode(
            x=x,
            y=y,
            detail=alt.Detail("edge:N"),
            order=alt.Order("order:O"),
            strokeWidth=alt.StrokeWidth("strength:Q", scale=alt.Scale(domain=[1, 3], range=[0.7, 3.2]), legend=None),
            strokeDash=alt.StrokeDash(
                "tie_label:N",
                scale=alt.Scale(domain=tie_domain, range=[TIE_DASHES[k] for k in (*TIE_TYPES, "several")]),
                legend=alt.Legend(
                    title=t("network.col.tie_type"),
                    orient="bottom",
                    direction="horizontal",
                    symbolStrokeWidth=2,
                    symbolStrokeColor="#4B5563",
                    columns=3,
                ),
            ),
        )
    )
    tooltip = [
        alt.Tooltip("name:N", title=t("network.col.name")),
        alt.Tooltip("sector_label:N", title=t("network.col.sector")),
        alt.Tooltip("kind:N", title=t("network.col.kind")),
        alt.Tooltip("degree:Q", title=t("network.col.degree"), format=",d"),
        alt.Tooltip("betweenness:Q", title=t("network.col.betweenness"), format=".2f"),
    ]
    node_layer = (
        alt.Chart(frame)
        .mark_point(filled=True, opacity=0.95, stroke="white", strokeWidth=0.8)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "sector_label:N", scale=sector_scale, legend=alt.Legend(title=t("network.col.sector"), orient="right")
            ),
            shape=alt.Shape(
                "kind:N",
                scale=alt.Scale(domain=kind_domain, range=[_KIND_SHAPES[k] for k in KINDS]),
                legend=alt.Legend(
                    title=t("network.col.kind"),
                    orient="right",
                    symbolSize=140,
                    symbolFillColor="#6B7280",
                    symbolStrokeColor="white",
                ),
            ),
            size=alt.Size("size:Q", scale=None, legend=None),
            tooltip=tooltip,
        )
    )
    centre = frame[frame["kind_code"] == "centre"]
    ring = (
        alt.Chart(centre)
        .mark_point(shape="circle", filled=False, size=1000, stroke="#111827", strokeWidth=2.5)
        .encode(x=x, y=y)
    )
    labelled = frame[frame["label"] != ""]
    halo = (
        alt.Chart(labelled)
        .mark_text(dy=-14, fontSize=11, stroke="white", strokeWidth=3.5, strokeOpacity=0.9, fontWeight="bold")
        .encode(x=x, y=y, text=alt.Text("label:N"))
    )
    text = (
        alt.Chart(labelled)
        .mark_text(dy=-14, fontSize=11, color="#111827", fontWeight="bold")
        .encode(x=x, y=y, text=alt.Text("label:N"))
    )
    return (
        compose.layer(tie_layer, node_layer, ring, halo, text)
        .resolve_legend(strokeDash="independent")
        .properties(height=height)
        .configure_view(stroke=None)
    )


def metrics_table(metrics: pd.DataFrame, t: Translate) -> pd.DataFrame:
    """Per-actor measures with translated headers and notes, rounded for reading."""
    frame = pd.DataFrame(
        {
            t("network.col.name"): metrics["name"],
            t("network.col.sector"): [sector_label(t, s) for s in metrics["sector"]],
            t("network.col.in_centre"): metrics["in_centre"].astype(bool),
            t("network.col.degree"): metrics["degree"].astype(int),
            t("network.col.degree_centrality"): metrics["degree_centrality"].round(2),
            t("network.col.betweenness"): metrics["betweenness"].round(3),
            t("network.col.closeness"): metrics["closeness"].round(2),
            t("network.col.eigenvector"): metrics["eigenvector"].round(2),
        }
    )
    if metrics["eigenvector_note"].astype(bool).any():
        frame[t("network.col.eigenvector_note")] = [
            t(f"network.eig_note.{n}") if n else "" for n in metrics["eigenvector_note"]
        ]
    return frame


def blind_table(spots: pd.DataFrame, t: Translate) -> pd.DataFrame:
    """Blind spots with translated headers; distance blank when there is no path."""
    return pd.DataFrame(
        {
            t("network.col.sector"): [sector_label(t, s) for s in spots["sector"]],
            t("network.col.name"): spots["name"].astype(str),
            t("network.col.reason"): [t(f"network.reason.{r}") for r in spots["reason"]],
            # Blank, not "None", where there is no path; the reason column says why.
            t("network.col.distance"): [("" if pd.isna(d) else str(int(d))) for d in spots["distance"]],
            t("network.col.in_centre"): spots["in_centre"].astype(bool),
        }
    )


def reason_text(common_names: str, t: Translate, *, max_names: int = 3) -> str:
    """Shared partners in words: "A; B; C" -> "Both work with A, B and C"; beyond ``max_names`` counted."""
    names = [n for n in str(common_names).split("; ") if n]
    if len(names) > max_names + 1:  # "and 1 others" would read badly: show a fourth name instead
        names = names[:max_names] + [t("network.n_more", n=len(names) - max_names)]
    if len(names) > 1:
        joined = f"{', '.join(names[:-1])} {t('network.and')} {names[-1]}"
    else:
        joined = names[0] if names else ""
    return t("network.reason_common", names=joined)


def suggestions_table(suggestions: pd.DataFrame, t: Translate) -> pd.DataFrame:
    """Suggested pairs as "A + B", their sectors, the reason, and the score."""
    return pd.DataFrame(
        {
            t("network.col.pair"): [
                f"{a} + {b}" for a, b in zip(suggestions["name_a"], suggestions["name_b"], strict=True)
            ],
            t("network.col.sectors"): [
                f"{sector_label(t, a)} + {sector_label(t, b)}"
                for a, b in zip(suggestions["sector_a"], suggestions["sector_b"], strict=True)
            ],
            t("network.col.reason_common"): [reason_text(n, t) for n in suggestions["common_names"]],
            t("network.col.score"): suggestions["score"].astype(float).round(2),
        }
    )


def suggestion_lines(suggestions: pd.DataFrame, t: Translate, escape: Callable[[str], str] = str) -> list[str]:
    """One Markdown sentence per suggested pair; ``escape`` makes user-supplied names safe for Markdown."""
    return [
        t(
            "network.suggest_item",
            a=escape(row.name_a),
            b=escape(row.name_b),
            sectors=f"{sector_label(t, row.sector_a)} + {sector_label(t, row.sector_b)}",
            reason=escape(reason_text(row.common_names, t)),
        )
        for row in suggestions.itertuples(index=False)
    ]


def compare_frame(comparison: pd.DataFrame, t: Translate) -> pd.DataFrame:
    """Centres with a network, with translated type labels that carry n per type."""
    frame = comparison[comparison["has_network"]].copy()
    counts = frame["centre_type"].value_counts()
    lang = getattr(t, "lang", "en")
    label = {c: f"{t(f'type.{c}')} (n={fmt.number(n, lang)})" for c, n in counts.items()}
    frame["type_label"] = frame["centre_type"].map(label).astype(object)
    # Fixed spread within each type's band (golden-ratio steps), so exports look the same every time.
    rank = frame.groupby("centre_type").cumcount()
    frame["jitter"] = 0.15 + 0.7 * ((rank * 0.618034) % 1.0)
    return frame


@compose.quick_build
def compare_chart(
    frame: pd.DataFrame,
    t: Translate,
    *,
    measure: str,
    selected: str | None,
    height: int = 230,
    dots_up_to: int = DOTS_UP_TO,
):
    """Centres by type with the type mean as a tick and the selected centre ringed.

    One dot per centre up to ``dots_up_to`` centres, above that the number of centres per band
    of the measure (:func:`compare_bands`). Descriptive only: no test, and the caption says so.
    """
    share = COMPARE_MEASURES.get(measure, True)
    present = set(frame["centre_type"].unique())
    types_present = [c for c in CENTRE_TYPES if c in present]
    label_of = dict(zip(frame["centre_type"], frame["type_label"], strict=False))
    domain = [label_of[c] for c in types_present]
    colour = alt.Scale(domain=domain, range=[TYPE_COLOURS[c] for c in types_present])
    fmt = ".0%" if share else ".2f"
    title = t(f"network.col.{measure}")
    y = alt.Y("type_label:N", sort=domain, title=None, axis=alt.Axis(labelLimit=260))
    scale = alt.Scale(domain=[0, 1]) if share else alt.Scale(zero=True, nice=True)
    axis = alt.Axis(format=fmt)
    # The x channel's look, shared by every layer; each layer names its own field.
    look = {"title": title, "axis": axis, "scale": scale}
    if len(frame) > dots_up_to:
        marks = _band_marks(frame, t, measure=measure, share=share, y=y, colour=colour, fmt=fmt, look=look)
    else:
        marks = _dot_marks(frame, t, measure=measure, y=y, colour=colour, fmt=fmt, look=look)
    # The means in pandas, so the band view need not send every centre to compute them.
    means = frame.groupby("type_label", observed=True, sort=False)[measure].mean().rename("mean").reset_index()
    layers = [
        marks,
        alt.Chart(means)
        .mark_tick(thickness=3, size=34, color="#111827")
        .encode(
            x=alt.X("mean:Q", **look),
            y=y,
            tooltip=[
                alt.Tooltip("type_label:N", title=t("network.col.centre_type")),
                alt.Tooltip("mean:Q", title=t("network.col.mean"), format=fmt),
            ],
        ),
    ]
    pick = frame.loc[frame["centre_id"] == selected, ["name", "type_label", measure]]
    if selected is not None and not pick.empty:
        layers.append(
            alt.Chart(pick)
            .mark_point(shape="circle", filled=False, size=260, stroke="#111827", strokeWidth=2.5)
            .encode(x=alt.X(f"{measure}:Q"), y=y, tooltip=[alt.Tooltip("name:N", title=t("network.col.centre"))])
        )
    return compose.layer(*layers).properties(height=height)


def _dot_marks(frame, t: Translate, *, measure, y, colour, fmt, look):
    # Only what the marks use: every row goes to the browser.
    dots = frame[["name", "type_label", "jitter", "n_actors", measure]]
    return (
        alt.Chart(dots)
        .mark_circle(size=70, opacity=0.55)
        .encode(
            x=alt.X(f"{measure}:Q", **look),
            y=y,
            yOffset=alt.YOffset("jitter:Q", scale=alt.Scale(domain=[0, 1])),
            color=alt.Color("type_label:N", scale=colour, legend=None),
            tooltip=[
                alt.Tooltip("name:N", title=t("network.col.centre")),
                alt.Tooltip(f"{measure}:Q", title=look["title"], format=fmt),
                alt.Tooltip("n_actors:Q", title=t("network.col.n_actors"), format=",d"),
            ],
        )
    )


def _band_marks(frame, t: Translate, *, measure, share, y, colour, fmt, look):
    bands = compare_bands(frame, measure, share=share)
    return (
        alt.Chart(bands)
        .mark_rect(height=26)
        .encode(
            x=alt.X("low:Q", **look),
            x2=alt.X2("high"),
            y=y,
            color=alt.Color("type_label:N", scale=colour, legend=None),
            # Lighter = fewer centres; the first step is visible on white (square root: a few centres show).
            opacity=alt.Opacity("n:Q", scale=alt.Scale(type="sqrt", range=[0.2, 1]), legend=None),
            tooltip=[
                alt.Tooltip("type_label:N", title=t("network.col.centre_type")),
                alt.Tooltip("low:Q", title=t("network.col.band_from"), format=fmt),
                alt.Tooltip("high:Q", title=t("network.col.band_to"), format=fmt),
                alt.Tooltip("n:Q", title=t("network.col.n_centres"), format=",d"),
            ],
        )
    )


def compare_bands(frame: pd.DataFrame, measure: str, *, share: bool, bands: int = COMPARE_BANDS) -> pd.DataFrame:
    """Centres per type and band of ``measure``: ``type_label, low, high, n`` (empty bands left out).

    Shares are cut into equal bands of 0-1, other measures of 0 to their largest value; a centre
    without a value is not counted. The last band includes its upper edge.
    """
    values = frame[measure].astype("float64")
    known = values.notna()
    top = 1.0 if share else float(values[known].max()) if known.any() else 0.0
    width = (top / bands) if top > 0 else 1.0
    band = np.minimum(np.floor(values[known].to_numpy() / width), bands - 1).astype(int)
    counted = (
        pd.DataFrame({"type_label": frame.loc[known, "type_label"].to_numpy(), "band": band})
        .value_counts(sort=False)
        .rename("n")
        .reset_index()
        .sort_values(["type_label", "band"], ignore_index=True)
    )
    counted["low"] = counted["band"] * width
    counted["high"] = (counted["band"] + 1) * width
    return counted[["type_label", "low", "high", "n"]]


def compare_table(frame: pd.DataFrame, t: Translate) -> pd.DataFrame:
    """The comparison's data, one row per centre, with translated headers."""
    return pd.DataFrame(
        {
            t("network.col.centre"): frame["name"],
            t("network.col.centre_type"): [t(f"type.{c}") for c in frame["centre_type"]],
            t("network.col.n_actors"): frame["n_actors"].astype("Int64"),
            t("network.col.reach_1"): frame["reach_1"].round(3),
            t("network.col.reach_2"): frame["reach_2"].round(3),
            t("network.col.betweenness"): frame["betweenness"].round(3),
            t("network.col.rank_betweenness"): frame["rank_betweenness"].astype("Int64"),
        }
    )


# --- one function per step of the Network page (each memoised whole by the page) --------------------


def centre_choices(all_centres: pd.DataFrame, actors: pd.DataFrame, t) -> tuple[frozenset, dict]:
    """Centres that have their own actor row, and each centre's label for the picker."""
    # .tolist() and one label per type: iterating Arrow-backed columns value by value cost ~0.1 s at x100
    ids = all_centres["centre_id"]
    with_network = frozenset(ids[flt.isin(ids, actors["actor_id"])].tolist())
    type_labels = {c: t.label("type", c) for c in all_centres["centre_type"].dropna().unique().tolist()}
    types = all_centres["centre_type"].map(type_labels)
    name, municipality = all_centres["name"].fillna(ids), all_centres["municipality"].fillna("–")
    text = name + " (" + types.fillna("–") + ", " + municipality + ")"
    return with_network, dict(zip(ids.tolist(), text.tolist(), strict=True))


def centres_by_municipality(all_centres: pd.DataFrame, options: list) -> dict[str, list]:
    """The centres of ``options`` per municipality, municipalities sorted as in the sidebar filter.

    A centre keeps its place in ``options`` within its municipality; one without a municipality is
    listed under "–".
    """
    municipality = all_centres.drop_duplicates("centre_id", keep="last").set_index("centre_id")["municipality"]
    found = municipality.reindex(options).fillna("–").tolist()
    grouped: dict[str, list] = {}
    for centre, name in zip(options, found, strict=True):
        grouped.setdefault(name, []).append(centre)
    return {name: grouped[name] for name in sorted(grouped, key=str.casefold)}


def centre_network(
    actors: pd.DataFrame, ties: pd.DataFrame, centre: str, sectors: tuple, tie_types: tuple, year, t, n_labels: int
) -> dict:
    """Everything the page shows about one centre's network: metrics, reach, drawing, blind spots, suggestions."""
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
    nodes = nw.node_frame(positions, metrics, n_labels=n_labels, centre_id=centre)
    return {
        "metrics": metrics,
        "reach": nw.centre_reach(G, centre, metrics=metrics),
        "chart": network_chart(nodes, nw.edge_frame(G, positions), t, centre_id=centre),
        "table": metrics_table(metrics, t),
        "blind": nw.blind_spots(G, centre),
        "suggestions": nw.suggest_partnerships(G, top=15),
        "summary": nw.network_summary(G),
    }


def comparison_view(everyone: pd.DataFrame, options: list, measure: str, centre: str, t, dots_up_to: int = DOTS_UP_TO):
    """The chosen centres against all others of their type: ``(chart, table, caption)``, or ``None``.

    ``None`` when no centre is left; the caption says whether a mark is one centre or a band of centres.
    """
    compared = compare_frame(everyone[flt.isin(everyone["centre_id"], options)], t)
    if compared.empty:
        return None
    chart = compare_chart(compared, t, measure=measure, selected=centre, dots_up_to=dots_up_to)
    caption = t("network.compare_caption_bands" if len(compared) > dots_up_to else "network.compare_caption")
    return chart, compare_table(compared, t), caption
