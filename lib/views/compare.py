"""Altair builders for the "Compare types" page: frame in, chart out.

Pure functions (no Streamlit): the page passes translated labels in, so the
same builders serve Danish and English and can be used from a notebook.
Data are always embedded (never a URL) so vl-convert can export them offline.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import altair as alt
import pandas as pd

from lib.analysis import survey
from lib.i18n import fmt
from lib.schema import CENTRE_TYPES, PARTNER_FLAGS
from lib.views import compose
from lib.views.palette import TYPE_COLOURS

__all__ = [
    "OTHERS_COLOUR",
    "focus_frame",
    "items_chart",
    "items_frame",
    "items_view",
    "legend_labels",
    "partner_chart",
    "profile_chart",
    "ratings_chart",
    "ratings_frame",
]

Translate = Callable[..., str]
OTHERS_COLOUR = "#6E6E6E"  # neutral grey: "all other types pooled" must not look like a type (tests/test_palette.py)
_INTERVAL_COLOUR = "#222222"
_MUTED = "#6B6B6B"
_BAR_PX = 11


def _note(n: int, hidden: bool, t: Translate) -> str:
    """What a hidden cell says instead of a bar: no answers at all, or too few."""
    if not hidden:
        return ""
    return t("compare.no_answers_short") if int(n) == 0 else t("compare.too_few_short", n=int(n))


def _lang(t: Translate) -> str:
    """The language of a translator (a plain function counts as English)."""
    return getattr(t, "lang", "en")


def _pct(value: float, lang: str) -> str:
    return "" if pd.isna(value) else fmt.percent(value, lang, 0, fraction=True)


def _interval_text(lo: float, hi: float, lang: str) -> str:
    return "" if pd.isna(lo) else fmt.percent_range(lo, hi, lang, 0, fraction=True)


# --------------------------------------------------------------------------
# Advantages and drawbacks
# --------------------------------------------------------------------------
def items_frame(shares: pd.DataFrame, t: Translate, lang: str) -> pd.DataFrame:
    """Chart/table frame from :func:`lib.analysis.survey.item_shares` (all-types view).

    Adds translated ``item`` and ``group`` (type) labels, percentages, the
    interval as text and a ``note`` for suppressed cells.
    """
    out = shares.copy()
    out["item"] = out[f"label_{lang}"].fillna(out["code"])
    out["group"] = out["centre_type"].map(lambda c: t(f"type.{c}"))
    out["group_key"] = out["centre_type"]
    out = _add_display_columns(out, t, lang, n_col="n", share_col="share")
    out["lo_pct"], out["hi_pct"] = 100 * out["lo"], 100 * out["hi"]
    out["interval"] = [_interval_text(lo, hi, lang) for lo, hi in zip(out["lo"], out["hi"], strict=True)]
    out["test"] = [
        t("compare.test_differs")
        if differs
        else (t("compare.test_not_tested") if pd.isna(p) else t("compare.test_no_difference"))
        for differs, p in zip(out["differs"], out["p_value"], strict=True)
    ]
    return out


def focus_frame(contrast: pd.DataFrame, focus_type: str, t: Translate, lang: str) -> pd.DataFrame:
    """Long chart frame from :func:`lib.analysis.survey.focus_contrast`: two rows per item."""
    rows = []
    for side, label in (("focus", t(f"type.{focus_type}")), ("others", t("compare.others"))):
        part = contrast[["code", "kind", f"label_{lang}", "suppressed"]].copy()
        part["item"] = part[f"label_{lang}"].fillna(part["code"])
        part["group"] = label
        part["group_key"] = focus_type if side == "focus" else "others"
        for col in ("n", "k"):
            part[col] = contrast[f"{col}_{side}"]
        part["share"] = contrast[f"share_{side}"]
        part["lo_pct"] = 100 * contrast[f"lo_{side}"]
        part["hi_pct"] = 100 * contrast[f"hi_{side}"]
        part["interval"] = [
            _interval_text(lo, hi, lang) for lo, hi in zip(contrast[f"lo_{side}"], contrast[f"hi_{side}"], strict=True)
        ]
        part["difference"] = [
            ""
            if pd.isna(d)
            else t(
                "compare.difference_fmt",
                d=fmt.signed(100 * d, lang),
                lo=fmt.signed(100 * lo, lang),
                hi=fmt.signed(100 * hi, lang),
            )
            for d, lo, hi in zip(
                contrast["difference"],
                contrast["difference_lo"],
                contrast["difference_hi"],
                strict=True,
            )
        ]
        rows.append(part)
    out = pd.concat(rows, ignore_index=True)
    # a focus/others pair is shown or hidden together
    out.loc[out["suppressed"], ["share", "lo_pct", "hi_pct"]] = float("nan")
    return _add_display_columns(out, t, lang, n_col="n", share_col="share")


def _add_display_columns(out: pd.DataFrame, t: Translate, lang: str, *, n_col: str, share_col: str) -> pd.DataFrame:
    # legend labels carry the n behind each group, so an exported figure shows it too
    out["legend"] = [f"{g} (n={fmt.number(n, lang)})" for g, n in zip(out["group"], out[n_col], strict=True)]
    out["share_pct"] = 100 * out[share_col]
    out["share_text"] = out[share_col].map(lambda v: _pct(v, lang))
    out["note"] = [_note(n, pd.isna(s), t) for n, s in zip(out[n_col], out[share_col], strict=True)]
    return out


@compose.quick_build
def items_chart(
    frame: pd.DataFrame,
    t: Translate,
    *,
    groups: Sequence[str],
    colours: Sequence[str],
    extra_tooltip: Sequence[alt.Tooltip] = (),
    large: bool = False,
) -> alt.HConcatChart:
    """Butterfly chart: drawbacks grow to the left, advantages to the right.

    Each item is one row; inside the row one bar per group (type, or focus vs
    others) in the type colours, with the 95 % interval as a black line.
    Items keep the order of ``frame`` (most different first). Suppressed
    cells show "too few" text instead of a bar.

    Parameters
    ----------
    frame : DataFrame
        From :func:`items_frame` or :func:`focus_frame`.
    t : callable
        Translator ``t(key, **fmt)``.
    groups, colours : sequence of str
        Legend labels (column ``legend``, see :func:`legend_labels`) in drawing
        order, and their colours.
    extra_tooltip : sequence of alt.Tooltip
        Added to the standard tooltip (e.g. the test result).
    large : bool, default False
        Wider panels and bigger labels, for presentation mode.
    """
    font = 16 if large else 12
    top = frame["hi_pct"].max()
    x_max = 100.0 if pd.isna(top) else min(100.0, max(20.0, 10 * (int(top) // 10 + 1)))
    colour = alt.Color(
        "legend:N",
        scale=alt.Scale(domain=list(groups), range=list(colours)),
        sort=list(groups),
        legend=alt.Legend(
            title=None,
            orient="top",
            direction="horizontal",
            symbolType="square",
            labelLimit=320,
            labelFontSize=font,
            labelColor="#262730",
        ),
    )
    tooltip = [
        alt.Tooltip("item:N", title=t("compare.tt_item")),
        alt.Tooltip("group:N", title=t("compare.tt_group")),
        alt.Tooltip("share_text:N", title=t("compare.tt_share")),
        alt.Tooltip("interval:N", title=t("compare.tt_interval")),
        alt.Tooltip("k:Q", title=t("compare.tt_k"), format=",d"),
        alt.Tooltip("n:Q", title=t("compare.tt_n"), format=",d"),
        *extra_tooltip,
    ]

    # only the columns the chart uses: Altair hashes each layer's data through its repr,
    # which costs hundreds of ms on a wide frame
    needed = ["item", "legend", "group", "share_pct", "lo_pct", "hi_pct", "share_text", "interval", "k", "n", "note"]
    needed += [tip.to_dict()["field"] for tip in extra_tooltip]

    def panel(kind: str, title: str, reverse: bool) -> alt.LayerChart:
        data = frame.loc[frame["kind"] == kind, needed]
        order = list(dict.fromkeys(data["item"]))
        y = alt.Y(
            "item:N",
            sort=order,
            title=None,
            axis=alt.Axis(
                orient="right" if reverse else "left",
                # room for the labels at projector size too: a pinned chart is shown in the slideshow with larger text
                labelLimit=300,
                labelFontSize=font,
                labelColor="#262730",
                domain=False,
                ticks=False,
                labelPadding=6,
            ),
        )
        x = alt.X(
            "share_pct:Q",
            title=t("compare.axis_share"),
            scale=alt.Scale(domain=[0, x_max], reverse=reverse, nice=False),
            axis=alt.Axis(values=list(range(0, int(x_max) + 1, 20 if x_max > 50 else 10))),
        )
        offset = alt.YOffset("legend:N", sort=list(groups), scale=alt.Scale(paddingOuter=0.6))
        base = alt.Chart().encode(y=y, yOffset=offset)
        bars = base.mark_bar(height={"band": 1}).encode(x=x, color=colour, tooltip=tooltip)
        ci = base.mark_rule(color=_INTERVAL_COLOUR, strokeWidth=1.3).encode(
            x=alt.X("lo_pct:Q"), x2=alt.X2("hi_pct"), tooltip=tooltip
        )
        notes = (
            base.transform_filter("datum.note != ''")
            .mark_text(
                align="right" if reverse else "left",
                dx=-3 if reverse else 3,
                fontSize=10,
                fontStyle="italic",
                color=_MUTED,
            )
            .encode(x=alt.XDatum(0), text=alt.Text("note:N"), tooltip=tooltip)
        )
        # with a yOffset channel the step is the height of one bar, not of one item
        bar = _BAR_PX + 4 if large else _BAR_PX
        step = bar if len(groups) > 2 else bar + 4
        return compose.layer(bars, ci, notes, data=data).properties(
            title=alt.TitleParams(title, anchor="end" if reverse else "start", fontSize=font + 2),
            # two panels + labels fit a 1280 px projector, and a 1280 px laptop beside the sidebar
            width=300 if large else 200,
            height=alt.Step(step),
        )

    left = panel("drawback", t("compare.drawbacks"), reverse=True)
    right = panel("advantage", t("compare.advantages"), reverse=False)
    return compose.hconcat(left, right, spacing=8).resolve_scale(color="shared", y="independent")


# --------------------------------------------------------------------------
# Ratings
# --------------------------------------------------------------------------
def ratings_frame(ratings: pd.DataFrame, t: Translate, lang: str = "en") -> pd.DataFrame:
    """Chart/table frame from :func:`lib.analysis.survey.rating_summary` (``lang`` sets the decimal mark)."""
    out = ratings.copy()
    out["dimension_label"] = out["dimension"].map(lambda d: t(f"rating.{d.removeprefix('rating_')}"))
    out["group"] = out["centre_type"].map(lambda c: t(f"type.{c}"))

    out["mean_text"] = out["mean"].map(lambda m: "" if pd.isna(m) else fmt.number(m, lang, 2))
    out["interval"] = [
        "" if pd.isna(lo) else fmt.number_range(lo, hi, lang, 2)
        for lo, hi in zip(out["ci_lo"], out["ci_hi"], strict=True)
    ]
    out["note"] = [_note(n, s, t) for n, s in zip(out["n"], out["suppressed"], strict=True)]
    return out


@compose.quick_build
def ratings_chart(frame: pd.DataFrame, t: Translate, *, types: Sequence[str]) -> alt.LayerChart:
    """Dot-and-interval chart of mean ratings (1-5) per dimension and type."""
    groups = [t(f"type.{c}") for c in types]
    colours = [TYPE_COLOURS.get(c, OTHERS_COLOUR) for c in types]
    order = list(dict.fromkeys(frame["dimension_label"]))
    colour = alt.Color(
        "group:N",
        scale=alt.Scale(domain=groups, range=colours),
        legend=alt.Legend(title=None, orient="top", direction="horizontal"),
    )
    tooltip = [
        alt.Tooltip("dimension_label:N", title=t("compare.tt_dimension")),
        alt.Tooltip("group:N", title=t("compare.tt_group")),
        alt.Tooltip("mean_text:N", title=t("compare.tt_mean")),
        alt.Tooltip("interval:N", title=t("compare.tt_interval")),
        alt.Tooltip("n:Q", title=t("compare.tt_n"), format=",d"),
    ]
    data = frame[["dimension_label", "group", "mean", "ci_lo", "ci_hi", "mean_text", "interval", "n", "note"]]
    base = alt.Chart().encode(
        y=alt.Y(
            "dimension_label:N",
            sort=order,
            title=None,
            axis=alt.Axis(labelLimit=200, labelFontSize=12, labelColor="#262730"),
        ),
        yOffset=alt.YOffset("group:N", sort=groups, scale=alt.Scale(paddingOuter=0.4)),
    )
    x = alt.X(
        "mean:Q",
        title=t("compare.axis_rating"),
        scale=alt.Scale(domain=[1, 5]),
        axis=alt.Axis(values=[1, 2, 3, 4, 5], format="d"),
    )
    ci = base.mark_rule(strokeWidth=2).encode(
        x=alt.X("ci_lo:Q", scale=alt.Scale(domain=[1, 5])), x2=alt.X2("ci_hi"), color=colour, tooltip=tooltip
    )
    dots = base.mark_point(filled=True, size=55, opacity=1).encode(x=x, color=colour, tooltip=tooltip)
    notes = (
        base.transform_filter("datum.note != ''")
        .mark_text(align="left", dx=3, fontSize=10, fontStyle="italic", color=_MUTED)
        .encode(x=alt.XDatum(1), text=alt.Text("note:N"))
    )
    return compose.layer(ci, dots, notes, data=data).properties(width=520, height=alt.Step(8))


# --------------------------------------------------------------------------
# Type profiles (centres table)
# --------------------------------------------------------------------------
def _centre_labels(profiles: pd.DataFrame, t: Translate) -> dict[str, str]:
    """Type labels with the number of centres behind them, e.g. "Library-based (n=44)"."""
    return {c: f"{t(f'type.{c}')} (n={fmt.number(n, _lang(t))})" for c, n in profiles["n_centres"].items()}


@compose.quick_build
def profile_chart(
    profiles: pd.DataFrame, t: Translate, *, metrics: Sequence[str], types: Sequence[str]
) -> alt.HConcatChart:
    """Median (dot) and interquartile range (line) per type, one small panel per metric."""
    name = _centre_labels(profiles, t)
    groups = [name[c] for c in types if c in name]
    colour = alt.Color(
        "group:N",
        scale=alt.Scale(domain=groups, range=[TYPE_COLOURS.get(c, OTHERS_COLOUR) for c in types]),
        legend=None,
    )
    panels = []
    for i, metric in enumerate(metrics):
        data = pd.DataFrame(
            {
                "group": [name[c] for c in profiles.index],
                "n_centres": profiles["n_centres"].to_numpy(),
                "median": profiles[f"{metric}_median"].to_numpy(),
                "q1": profiles[f"{metric}_q1"].to_numpy(),
                "q3": profiles[f"{metric}_q3"].to_numpy(),
            }
        )
        tooltip = [
            alt.Tooltip("group:N", title=t("compare.tt_group")),
            alt.Tooltip("median:Q", title=t("compare.tt_median"), format=",.0f"),
            alt.Tooltip("q1:Q", title=t("compare.tt_q1"), format=",.0f"),
            alt.Tooltip("q3:Q", title=t("compare.tt_q3"), format=",.0f"),
            alt.Tooltip("n_centres:Q", title=t("compare.tt_centres"), format=",d"),
        ]
        y = alt.Y(
            "group:N",
            sort=groups,
            title=None,
            axis=alt.Axis(labels=i == 0, ticks=False, domain=False, labelLimit=160),
        )
        base = alt.Chart().encode(y=y, tooltip=tooltip)
        iqr = base.mark_rule(strokeWidth=3, opacity=0.6).encode(
            x=alt.X("q1:Q", title=t(f"compare.metric.{metric}")), x2=alt.X2("q3"), color=colour
        )
        dot = base.mark_point(filled=True, size=80, opacity=1).encode(x=alt.X("median:Q"), color=colour)
        panels.append(compose.layer(iqr, dot, data=data).properties(width=210, height=alt.Step(24)))
    # Room between panels: at 12 px one panel's last tick label ran into the next one's 0 ("60 0" read as 600).
    return compose.hconcat(*panels, spacing=36)


@compose.quick_build
def partner_chart(profiles: pd.DataFrame, t: Translate, *, types: Sequence[str]) -> alt.LayerChart:
    """Heat map: share of the centres of each type that host each kind of partner."""
    name = _centre_labels(profiles, t)
    rows = []
    for ctype in profiles.index:
        for flag in PARTNER_FLAGS:
            share = profiles.loc[ctype, f"{flag}_share"]
            rows.append(
                {
                    "group": name[ctype],
                    "partner": t(f"compare.flag.{flag}"),
                    "share_pct": None if pd.isna(share) else round(100 * float(share)),
                    "label": _pct(share, _lang(t)),
                    "n_centres": int(profiles.loc[ctype, "n_centres"]),
                }
            )
    data = pd.DataFrame(rows)
    groups = [name[c] for c in types if c in name]
    tooltip = [
        alt.Tooltip("group:N", title=t("compare.tt_group")),
        alt.Tooltip("partner:N", title=t("compare.tt_partner")),
        alt.Tooltip("label:N", title=t("compare.tt_share_centres")),
        alt.Tooltip("n_centres:Q", title=t("compare.tt_centres"), format=",d"),
    ]
    base = alt.Chart().encode(
        y=alt.Y("group:N", sort=groups, title=None, axis=alt.Axis(ticks=False, domain=False, labelLimit=200)),
        x=alt.X(
            "partner:N",
            sort=[t(f"compare.flag.{f}") for f in PARTNER_FLAGS],
            title=None,
            # Two-word kinds on two lines, and none dropped: a slide's larger text would otherwise
            # make Vega hide every other column heading. Below the cells, where the extra line has room.
            axis=alt.Axis(
                orient="bottom",
                labelAngle=0,
                labelLimit=130,
                labelOverlap=False,
                labelExpr="split(datum.label, ' ')",
                ticks=False,
                domain=False,
            ),
        ),
        tooltip=tooltip,
    )
    cells = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color(
            "share_pct:Q",
            scale=alt.Scale(domain=[0, 100], scheme="greys"),
            legend=None,
        )
    )
    text = base.mark_text(fontSize=12).encode(
        text=alt.Text("label:N"),
        color=alt.ColorValue(condition={"test": "datum.share_pct > 60", "value": "white"}, value="black"),
    )
    return compose.layer(cells, text, data=data).properties(width=alt.Step(130), height=alt.Step(30))


def items_view(
    shares: pd.DataFrame,
    *,
    focus: str,
    types: Sequence[str],
    t: Translate,
    lang: str,
    min_n: int,
    large: bool = False,
) -> tuple[alt.HConcatChart, pd.DataFrame, list[str]]:
    """The advantages/drawbacks chart for all types, or for ``focus`` against the others.

    Parameters
    ----------
    shares : DataFrame
        From :func:`lib.analysis.survey.item_shares`.
    focus : str
        ``"all"`` or a centre type code.
    types : sequence of str
        The types shown (all-types view), in order.
    t, lang : translator and language code.
    min_n : int
        Small-numbers threshold (focus view: applied to the focus type and the pool).
    large : bool, default False
        Presentation size (see :func:`items_chart`).

    Returns
    -------
    (chart, table, legend)
        The chart, the table behind it for the "show as table" view and the CSV,
        and the legend labels ("Type (n=...)") in drawing order.
    """
    if focus == "all":
        frame = items_frame(shares, t, lang)
        keys, colours = list(types), [TYPE_COLOURS.get(c, OTHERS_COLOUR) for c in types]
        extra = [alt.Tooltip("test:N", title=t("compare.tt_test"))]
        cols = ["spread", "test"]
    else:
        frame = focus_frame(survey.focus_contrast(shares, focus, min_n=min_n), focus, t, lang)
        keys, colours = [focus, "others"], [TYPE_COLOURS.get(focus, OTHERS_COLOUR), OTHERS_COLOUR]
        extra = [alt.Tooltip("difference:N", title=t("compare.tt_difference"))]
        cols = ["difference"]
    legend = legend_labels(frame, keys)
    chart = items_chart(frame, t, groups=legend, colours=colours, extra_tooltip=extra, large=large)
    base = ["item", "kind", "group", "n", "k", "share_pct", "lo_pct", "hi_pct", "suppressed"]
    return chart, reader_table(frame[base + cols].round(1), t), legend


#: Columns of the Compare tables -> their header key; a reader (and the CSV) sees only the headers.
TABLE_COLUMNS = {
    "item": "compare.col.item",
    "kind": "compare.col.kind",
    "group": "compare.col.group",
    "dimension_label": "compare.col.dimension",
    "n": "compare.col.n",
    "k": "compare.col.k",
    "share_pct": "compare.col.share_pct",
    "lo_pct": "compare.col.lo_pct",
    "hi_pct": "compare.col.hi_pct",
    "spread": "compare.col.spread",
    "test": "compare.col.test",
    "difference": "compare.col.difference",
    "mean": "compare.col.mean",
    "ci_lo": "compare.col.ci_lo",
    "ci_hi": "compare.col.ci_hi",
    "suppressed": "compare.col.suppressed",
}


def reader_table(frame: pd.DataFrame, t: Translate) -> pd.DataFrame:
    """``frame`` with headers in the reader's language and coded values as words ("advantage" -> "Fordel")."""
    out = frame.copy()
    if "kind" in out.columns:
        out["kind"] = out["kind"].map(lambda k: t(f"compare.kind.{k}"))
    if "suppressed" in out.columns:
        out["suppressed"] = out["suppressed"].astype(bool)
    return out.rename(columns={c: t(key) for c, key in TABLE_COLUMNS.items() if c in out.columns})


def legend_labels(frame: pd.DataFrame, keys: Sequence[str]) -> list[str]:
    """Legend labels ("Type (n=...)") of ``frame`` for the group keys in ``keys``, in that order."""
    mapping = frame.drop_duplicates("group_key").set_index("group_key")["legend"]
    return [mapping[k] for k in keys if k in mapping.index]


def type_groups(types: Sequence[str], t: Translate) -> tuple[list[str], list[str]]:
    """Translated type labels and their palette colours, in canonical order."""
    ordered = [c for c in CENTRE_TYPES if c in types] + [c for c in types if c not in CENTRE_TYPES]
    return [t(f"type.{c}") for c in ordered], [TYPE_COLOURS.get(c, OTHERS_COLOUR) for c in ordered]


# --- one function per step of the Compare page (each memoised whole by the page) --------------------


def ratings_view(
    responses: pd.DataFrame, centres: pd.DataFrame, *, min_n: int, types: Sequence[str], t: Translate
) -> tuple[alt.LayerChart, pd.DataFrame]:
    """The ratings chart and its table (mean, 95 % interval and n per dimension and type)."""
    frame = ratings_frame(survey.rating_summary(responses, centres, min_n=min_n, types=types), t, t.lang)
    table = frame[["dimension_label", "group", "n", "mean", "ci_lo", "ci_hi", "suppressed"]].round(2)
    return ratings_chart(frame, t, types=types), reader_table(table, t)


def profile_table(profiles: pd.DataFrame, t: Translate) -> pd.DataFrame:
    """Median, quartiles and n of each profile metric per type, headed in the reader's language."""
    out = pd.DataFrame({t("compare.col.group"): [t(f"type.{c}") for c in profiles.index]})
    out[t("compare.col.n_centres")] = profiles["n_centres"].to_numpy()
    for metric in survey.PROFILE_METRICS:
        name = t(f"compare.metric.{metric}")
        for stat in ("median", "q1", "q3", "n"):
            out[t(f"compare.col.stat_{stat}", metric=name)] = profiles[f"{metric}_{stat}"].round(1).to_numpy()
    return out


def partner_table(profiles: pd.DataFrame, t: Translate) -> pd.DataFrame:
    """The share of centres (in %) of each type with each kind of partner, headed in the reader's language."""
    out = pd.DataFrame({t("compare.col.group"): [t(f"type.{c}") for c in profiles.index]})
    out[t("compare.col.n_centres")] = profiles["n_centres"].to_numpy()
    for flag in survey.PARTNER_FLAGS:
        share = pd.to_numeric(profiles[f"{flag}_share"], errors="coerce")
        out[t("compare.col.partner_pct", partner=t(f"compare.flag.{flag}"))] = (100 * share).round(0).to_numpy()
    return out


def profiles_view(centres: pd.DataFrame, *, types: Sequence[str], t: Translate) -> dict:
    """How the centres of each type look: the profile and partner charts with their tables."""
    profiles = survey.type_profiles(centres, types=types)
    return {
        "profile_chart": profile_chart(profiles, t, metrics=survey.PROFILE_METRICS, types=types),
        "profile_table": profile_table(profiles, t),
        "partner_chart": partner_chart(profiles, t, types=types),
        "partner_table": partner_table(profiles, t),
    }


def comments_view(
    responses: pd.DataFrame,
    centres: pd.DataFrame,
    query: str,
    *,
    code: str | None,
    centre_type: str | None,
    min_n: int,
    t: Translate,
    limit: int = 300,
) -> tuple[int, pd.DataFrame]:
    """Matching comments: their count and the first ``limit`` (a broad search at x100 matches ~100,000)."""
    matches = survey.search_comments(responses, centres, query, code=code, centre_type=centre_type, min_n=min_n)
    shown = matches.head(limit).assign(centre_type=lambda f: f["centre_type"].map(lambda c: t(f"type.{c}")))
    shown.columns = [t("compare.col_comment"), t("compare.col_type"), t("compare.col_year")]
    return len(matches), shown
