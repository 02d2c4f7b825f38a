"""Frames and Altair charts for the "Areas and criteria" page: pure functions, no Streamlit.

Everything here takes the areas table and/or the output of :func:`lib.analysis.criteria.classify` and returns a
frame or a chart with translated labels, so the page stays a short script and the same views can be
rebuilt in a notebook. Chart data are always embedded (never a URL) so that vl-convert can export them.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from lib.analysis import criteria
from lib.analysis.filters import isin
from lib.i18n import fmt, t
from lib.schema import statuses_in_order
from lib.views import compose
from lib.views.palette import STATUS_COLOURS

__all__ = [
    "SHIFT_SLIDERS",
    "area_label",
    "area_summary",
    "centres_of_area",
    "column_help",
    "history_text",
    "met_columns",
    "styled_year_table",
    "indicators_for_year",
    "n_listed",
    "n_main_criteria",
    "computed_label",
    "published_summary",
    "published_timeline_view",
    "year_published_note",
    "published_timeline_chart",
    "published_timeline_frame",
    "published_timeline_table",
    "published_years",
    "rule_set_period",
    "shift_key",
    "status_counts",
    "status_counts_chart",
    "status_counts_table",
    "status_label",
    "streak_reading_text",
    "threshold_text",
    "transition_counts",
    "trend_chart",
    "trend_frame",
    "trend_table",
    "what_if_table",
    "year_table",
]


def rule_set_period(rule_set: str, lang: str) -> str:
    """Years of a rule set in words: "2018-2020", "2021 og frem" / "2021 onwards"."""
    period = criteria.rule_set_period(rule_set)
    return t("areas.period.open", lang, start=period[:-1]) if period.endswith("-") else period


#: What-if sliders: indicator -> (min, max, step). Units are the indicator's own (percentage points, percent of
#: the regional mean, multiples of the national average); the range covers what a few years of change can do.
SHIFT_SLIDERS: dict[str, tuple[float, float, float]] = {
    "pct_outside_labour_market": (-15.0, 15.0, 0.5),
    "convicted_ratio_national": (-2.0, 2.0, 0.1),
    "pct_basic_education_only": (-15.0, 15.0, 0.5),
    "income_pct_of_region": (-15.0, 15.0, 0.5),
    "pct_nonwestern": (-20.0, 20.0, 0.5),
}

#: Short URL names of the what-if sliders (they go into the share link).
_SHIFT_KEYS = {
    "pct_outside_labour_market": "labour",
    "convicted_ratio_national": "convicted",
    "pct_basic_education_only": "education",
    "income_pct_of_region": "income",
    "pct_nonwestern": "nonwestern",
}
#: Statuses that are not on any list.
_NOT_LISTED = ("none", "too_small")

_THRESHOLD_COLOUR = "#333333"
_PREVENTION_COLOUR = "#8A6D00"
_LINE_COLOUR = "#1F4E79"


def status_label(code: str, lang: str) -> str:
    """Translated status label (falls back to the code)."""
    return t(f"criteria.status.{code}", lang) if isinstance(code, str) else ""


def computed_label(row, lang: str) -> str:
    """The computed status of a classified row in words; "population unknown" when that is why it is too small."""
    if row.get("status") == "too_small" and bool(row.get("population_unknown", False)):
        return t("areas.status.population_unknown", lang)
    return status_label(row.get("status"), lang)


def streak_reading_text(lang: str) -> str:
    """The streak lengths in use and the reading behind them, for the page to state (read from the settings now).

    Examples
    --------
    >>> "years in a row" in streak_reading_text("en")
    True
    """
    lengths = criteria.streak_lengths()
    readings = criteria.HAARDT_GHETTO_READINGS
    hard = lengths["haardt_ghetto"]
    key = {readings["sbst"]: "sbst", readings["lists"]: "lists"}.get(hard, "other")
    return t(
        "areas.streak.reading",
        lang,
        hard=hard,
        reading=t(f"areas.streak.reading_{key}", lang),
        other=readings["lists"] if key != "lists" else readings["sbst"],
        omdannelse=lengths["omdannelse"],
    )


def _number(value: float, lang: str, decimals: int = 1) -> str:
    return fmt.number(value, lang, decimals, trim=True)


def threshold_text(indicator: str, year: int, lang: str) -> str:
    """The main threshold of ``indicator`` in ``year`` as text, e.g. ``"> 40"``, ``"≥ 3"``; "" if none.

    Examples
    --------
    >>> threshold_text("convicted_ratio_national", 2022, "da")
    '≥ 3'
    """
    found = criteria.threshold(indicator, year)
    if found is None:
        return ""
    value, op = found
    return f"{ {'>': '>', '>=': '≥', '<': '<'}[op] } {_number(value, lang, 2)}".strip()


def area_summary(row: pd.Series, name: str, lang: str) -> str:
    """One sentence (Markdown) on a classified area-year: status, criteria met and needed.

    ``name`` is inserted as given: escape user text before passing it.
    """
    key = {
        "none": "areas.area.summary_none",
        "too_small": "areas.area.summary_small",
        "forebyggelse": "areas.area.summary_forebyggelse",
    }.get(row["status"], "areas.area.summary")
    if row["status"] == "too_small" and bool(row.get("population_unknown", False)):
        key = "areas.area.summary_population_unknown"
    year = int(row["year"])
    return t(
        key,
        lang,
        name=name,
        status=status_label(row["status"], lang),
        year=year,
        n_met=int(row["n_met"]),
        n_total=n_main_criteria(year),
        k=int(row["n_required"]),
        n_prevention=int(row.get("n_met_prevention", 0)),
    )


def history_text(row: pd.Series, first_year: int, lang: str) -> str:
    """Explain a ``history_note`` of one classified area-year in words (which status could not be decided, why).

    Examples
    --------
    >>> row = pd.Series({"history_note": "history_too_short", "rule_set": "2021", "year": 2022})
    >>> history_text(row, 2019, "en")
    'History too short to decide a multi-year status: the data for this area start in 2019, and Transformation area requires 5 years in a row.'
    """
    note = row.get("history_note")
    if not isinstance(note, str) or not note:
        return ""
    streak = next((lst for lst in criteria.LISTINGS if lst.rule_set == row["rule_set"] and lst.streak_years), None)
    if streak is None:
        return t(f"criteria.history.{note}", lang)
    return t(
        f"areas.history.{note}",
        lang,
        first=first_year,
        status=status_label(streak.status, lang),
        n=streak.streak_years,
    )


def shift_key(indicator: str) -> str:
    """Bound-state / URL key of the what-if slider of ``indicator``, e.g. ``"areas_wi_labour"``."""
    return f"areas_wi_{_SHIFT_KEYS[indicator]}"


def n_listed(statuses: pd.Series) -> int:
    """Number of areas on any list (status other than "none" and "too_small")."""
    return int((~statuses.isin(_NOT_LISTED)).sum())


def n_main_criteria(year: int) -> int:
    """How many criteria the main count of ``year`` is out of (5 under the 2013 rules, 4 from 2018)."""
    return len(criteria.criteria_for(criteria.rule_set_for_year(year), ("listed", "udsat")))


def indicators_for_year(year: int) -> list[str]:
    """Indicators that carry a main threshold in ``year``, in display order."""
    return criteria.indicators_in_force(year)


def area_label(areas: pd.DataFrame) -> dict[str, str]:
    """``area_id`` -> "Name (Municipality)" for selectors, from the latest row of each area."""
    latest = areas.sort_values("year").groupby("area_id").tail(1)
    out = {}
    for row in latest.itertuples(index=False):
        muni = getattr(row, "municipality", None)
        out[row.area_id] = f"{row.name} ({muni})" if isinstance(muni, str) and muni else str(row.name)
    return dict(sorted(out.items(), key=lambda kv: kv[1].casefold()))


# --- 1. The table of areas ------------------------------------------------------------------------------------


def _value_column(indicator: str, year: int, lang: str) -> str:
    unit = "x" if indicator == "convicted_ratio_national" else "%"
    return f"{t(f'areas.short.{indicator}', lang)} {threshold_text(indicator, year, lang).replace(' ', '')}{unit}"


def met_columns(year: int, lang: str) -> list[tuple[str, str]]:
    """(value column, met column) header pairs of :func:`year_table` for ``year``, in display order."""
    return [
        (_value_column(ind, year, lang), t("areas.col.met", lang, indicator=t(f"areas.short.{ind}", lang)))
        for ind in indicators_for_year(year)
    ]


def column_help(year: int, lang: str) -> dict[str, tuple[str, str, int]]:
    """Tooltip, printf number format and width in pixels of the numeric columns of :func:`year_table`.

    Indicator columns get the full indicator name and the rule as tooltip, e.g. "Kun grundskoleuddannelse
    (30-59 år): > 60 (overstiger (strengt over))", and a width that shows the whole header with its threshold.
    """
    rule_set = criteria.rule_set_for_year(year)
    n_met_col = t("areas.col.n_met", lang, n=n_main_criteria(year), k=_n_required(year))
    # no printf formats: they would override the Styler's Danish/English numbers (styled_year_table)
    out = {
        t("areas.col.population", lang): ("", None, 75),
        n_met_col: (t("areas.col.n_met_help", lang), None, 95),
        t("areas.col.streak", lang): (t("areas.col.streak_help", lang), None, 150),
    }
    for ind, (value_col, _met) in zip(indicators_for_year(year), met_columns(year, lang), strict=True):
        crit = next(c for c in criteria.criteria_for(rule_set, criteria.MAIN_GROUPS) if c.indicator == ind)
        label = crit.label_da if lang == "da" else crit.label_en
        rule = f"{label}: {threshold_text(ind, year, lang)} ({t(f'criteria.opnote.{crit.op}', lang)})"
        width = 14 + 8 * len(value_col)  # roughly the header's width at the table's font size
        out[value_col] = (rule, None, width)
    return out


def _n_required(year: int) -> int:
    rule_set = criteria.rule_set_for_year(year)
    group = "listed" if any(c.group == "listed" for c in criteria.criteria_for(rule_set)) else "udsat"
    return next(k for lst in criteria.LISTINGS if lst.rule_set == rule_set for g, k in lst.requires if g == group)


def year_table(areas: pd.DataFrame, classified: pd.DataFrame, year: int, lang: str) -> pd.DataFrame:
    """One row per area for the list of ``year``: indicators, whether each criterion is met, count, status.

    Column headers are translated and carry the threshold (e.g. "Uddannelse (> 60 %)"), with one "✓" column per
    criterion, so the frame can be downloaded as it is. Rows are ordered by severity, then by criteria met (most
    first), then name.
    """
    rows = classified[classified["year"] == year]
    base = areas[areas["year"] == year].set_index("area_id")
    merged = rows.set_index("area_id").join(base, rsuffix="_input", how="left")
    rank = {s: i for i, s in enumerate(criteria.STATUS_ORDER)}
    merged = merged.assign(_rank=merged["status"].map(rank)).sort_values(
        ["_rank", "n_met", "name"], ascending=[True, False, True], kind="stable"
    )
    n_required = _n_required(year)
    rule_set = criteria.rule_set_for_year(year)
    out = pd.DataFrame(index=merged.index)
    out[t("areas.col.area", lang)] = merged["name"].astype("string")
    out[t("areas.col.municipality", lang)] = merged.get("municipality", pd.Series(index=merged.index, dtype="string"))
    out[t("areas.col.population", lang)] = merged["population"].astype("Int64")
    # two columns, not merged.to_dict("records") of all ~40: that was half of this table at x100
    unknown = merged["population_unknown"].tolist() if "population_unknown" in merged.columns else [False] * len(merged)
    out[t("areas.col.status", lang)] = [
        computed_label({"status": s, "population_unknown": u}, lang)
        for s, u in zip(merged["status"].tolist(), unknown, strict=True)
    ]
    out[t("areas.col.n_met", lang, n=n_main_criteria(year), k=n_required)] = merged["n_met"].astype(int)
    for ind, (value_col, met_col) in zip(indicators_for_year(year), met_columns(year, lang), strict=True):
        crit = next(c for c in criteria.criteria_for(rule_set, criteria.MAIN_GROUPS) if c.indicator == ind)
        out[value_col] = merged[ind].astype("float64")
        out[met_col] = merged[f"met_{crit.criterion}"].astype(bool)
    out[t("areas.col.streak", lang)] = merged["streak_years"].astype(int)
    out[t("areas.col.note", lang)] = [
        t(f"criteria.history.{n}", lang) if isinstance(n, str) and n else "" for n in merged["history_note"]
    ]
    if merged["official_status"].notna().any():
        # Beside the computed status, so the two read together; a blank is "not known" (see published_years).
        out.insert(
            out.columns.get_loc(t("areas.col.status", lang)) + 1,
            t("areas.col.official", lang),
            [status_label(s, lang) if isinstance(s, str) else "" for s in merged["official_status"]],
        )
        out.insert(
            out.columns.get_loc(t("areas.col.official", lang)) + 1,
            t("areas.col.mismatch", lang),
            merged["published_mismatch"].astype(bool).to_numpy(),
        )
    out.index.name = "area_id"
    return out.reset_index().rename(columns={"area_id": t("areas.col.area_id", lang)})


#: Background of a value cell whose criterion is met (light tint of the "udsat" orange, dark text for contrast).
MET_CELL_STYLE = "background-color: #FAD7B5; color: #5A2600; font-weight: 600"
#: A published status that disagrees with the computed one (dark red text on light red, bold: not colour alone).
MISMATCH_CELL_STYLE = "background-color: #F8D0D0; color: #7A0000; font-weight: 700"
#: Above this many rows the table is shown without cell colours (styling every cell gets slow).
STYLE_MAX_ROWS = 1500


def styled_year_table(table: pd.DataFrame, year: int, lang: str):
    """The table of :func:`year_table` for display: "✓" columns folded into coloured value cells.

    Returns a pandas ``Styler`` (or the plain frame when it is too large to style) that also writes the numbers
    in the reader's language (:func:`lib.i18n.fmt.styled`) and works out its cells once: memoise it.
    """
    pairs = met_columns(year, lang)
    shown = table.drop(columns=[met for _, met in pairs])
    if len(shown) > STYLE_MAX_ROWS:
        return shown
    decimals = {
        value_col: 2 if ind == "convicted_ratio_national" else 1
        for ind, (value_col, _met) in zip(indicators_for_year(year), pairs, strict=True)
    }
    styler = fmt.styled(shown, lang, decimals=decimals)
    for value_col, met_col in pairs:
        flags = table[met_col].to_numpy()
        styler = styler.apply(
            lambda col, flags=flags: [MET_CELL_STYLE if f else "" for f in flags], subset=[value_col], axis=0
        )
    official, mismatch = t("areas.col.official", lang), t("areas.col.mismatch", lang)
    if official in shown.columns:
        flags = table[mismatch].to_numpy()
        styler = styler.apply(
            lambda col, flags=flags: [MISMATCH_CELL_STYLE if f else "" for f in flags],
            subset=[official, t("areas.col.status", lang)],
            axis=0,
        )
    return fmt.rendered_once(styler)


# --- 2. One area over the years -------------------------------------------------------------------------------


def trend_frame(areas: pd.DataFrame, classified: pd.DataFrame, area_id: str, lang: str) -> pd.DataFrame:
    """Long frame of one area: year, indicator, value, the main threshold and the prevention threshold, status.

    Only indicators that have a threshold in at least one of the area's years are kept.
    """
    own = areas[areas["area_id"] == area_id].sort_values("year")
    status = classified[classified["area_id"] == area_id].set_index("year")["status"]
    prevention = {c.indicator: c for c in criteria.RULES if c.group == "prevention"}
    rows = []
    for rec in own.to_dict("records"):  # itertuples made a namedtuple class of ~40 fields per call
        year = int(rec["year"])
        for ind in criteria.INDICATORS:
            found = criteria.threshold(ind, year)
            prev = prevention.get(ind)
            if prev is not None and criteria.rule_set_for_year(year) != prev.rule_set:
                prev = None
            rows.append(
                {
                    "year": year,
                    "indicator_code": ind,
                    "indicator": t(f"criteria.indicator.{ind}", lang),
                    "value": rec.get(ind, np.nan),
                    "threshold": found[0] if found else np.nan,
                    "threshold_prevention": prev.value if prev is not None else np.nan,
                    "status": status_label(status.get(year), lang),
                    "status_code": status.get(year),
                }
            )
    frame = pd.DataFrame(rows)
    if frame.empty:
        return frame
    keep = frame.groupby("indicator_code")["threshold"].transform(lambda s: s.notna().any())
    frame = frame[keep & frame.groupby("indicator_code")["value"].transform(lambda s: s.notna().any())]
    return frame.reset_index(drop=True)


def trend_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The trend frame as a readable table (for "show as table" and the CSV download)."""
    out = frame[["year", "indicator", "value", "threshold", "threshold_prevention", "status"]]
    return out.rename(
        columns={
            "year": t("areas.col.year", lang),
            "indicator": t("areas.trend.indicator", lang),
            "value": t("areas.trend.value", lang),
            "threshold": t("areas.trend.threshold", lang),
            "threshold_prevention": t("areas.trend.threshold_prevention", lang),
            "status": t("areas.col.status", lang),
        }
    )


def _status_scale(lang: str, present: list[str] | None = None) -> alt.Scale:
    codes = [c for c in criteria.STATUS_ORDER if present is None or c in present]
    return alt.Scale(domain=[status_label(c, lang) for c in codes], range=[STATUS_COLOURS[c] for c in codes])


@compose.quick_build
def trend_chart(frame: pd.DataFrame, lang: str) -> alt.FacetChart:
    """Small multiples of each indicator over the years, with the threshold(s) drawn in.

    A thin strip at the top of every panel shows the computed status of each year, so the eye can relate a
    crossing of a threshold to a change of list. Threshold lines are steps: they jump where the rule set changes.
    """
    years = sorted(int(y) for y in frame["year"].unique())
    data = frame.assign(x0=frame["year"] - 0.45, x1=frame["year"] + 0.45)
    x_scale = alt.Scale(domain=[years[0] - 0.5, years[-1] + 0.5], nice=False, zero=False)
    x = alt.X("year:Q", title=None, scale=x_scale, axis=alt.Axis(format="d", values=years, labelAngle=0, grid=False))
    tooltip = [
        alt.Tooltip("year:Q", title=t("areas.col.year", lang), format="d"),
        alt.Tooltip("value:Q", title=t("areas.trend.value", lang), format=".2f"),
        alt.Tooltip("threshold:Q", title=t("areas.trend.threshold", lang), format=".2f"),
        alt.Tooltip("status:N", title="Status"),
    ]
    present = statuses_in_order(frame["status_code"].dropna())
    strip = (
        alt.Chart()
        .mark_rect(height=7)
        .encode(
            x=alt.X("x0:Q", scale=x_scale, title=None),
            x2=alt.X2("x1"),
            y=alt.YValue(0),
            color=alt.Color(
                "status:N",
                scale=_status_scale(lang, present),
                legend=alt.Legend(title=t("areas.trend.band_title", lang), orient="top", direction="horizontal"),
            ),
            tooltip=[alt.Tooltip("year:Q", format="d", title=t("areas.col.year", lang)), alt.Tooltip("status:N")],
        )
    )
    line = (
        alt.Chart()
        .mark_line(point=True, color=_LINE_COLOUR)
        .encode(x=x, y=alt.Y("value:Q", title=None, scale=alt.Scale(zero=False, padding=14)), tooltip=tooltip)
    )
    rule = (
        alt.Chart()
        .mark_line(color=_THRESHOLD_COLOUR, strokeDash=[5, 3], interpolate="step")
        .encode(x=x, y=alt.Y("threshold:Q"))
    )
    layers = [rule]
    if frame["threshold_prevention"].notna().any():
        layers.append(
            alt.Chart()
            .mark_line(color=_PREVENTION_COLOUR, strokeDash=[2, 2], strokeWidth=2, interpolate="step")
            .encode(x=x, y=alt.Y("threshold_prevention:Q"))
        )
    order = list(dict.fromkeys(frame["indicator"]))
    return (
        compose.layer(*layers, line, strip, data=data)
        .properties(width=250, height=150)
        .facet(
            facet=alt.Facet("indicator:N", title=None, sort=order, header=alt.Header(labelFontWeight="bold")),
            columns=3,
        )
        .resolve_scale(y="independent")
    )


# --- 3. The national picture ----------------------------------------------------------------------------------


def status_counts(classified: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Number of areas per status per year (all statuses, zeros included), with translated labels."""
    if classified.empty:
        return pd.DataFrame(columns=["year", "status_code", "status", "areas", "order"])
    counts = classified.groupby(["year", "status"]).size().rename("areas").reset_index()
    years = sorted(classified["year"].unique())
    full = pd.MultiIndex.from_product([years, list(criteria.STATUS_ORDER)], names=["year", "status"])
    counts = counts.set_index(["year", "status"]).reindex(full, fill_value=0).reset_index()
    counts = counts.rename(columns={"status": "status_code"})
    counts["status"] = [status_label(s, lang) for s in counts["status_code"]]
    counts["order"] = counts["status_code"].map({s: i for i, s in enumerate(criteria.STATUS_ORDER)})
    return counts[["year", "status_code", "status", "areas", "order"]]


@compose.quick_build
def status_counts_chart(counts: pd.DataFrame, lang: str) -> alt.Chart:
    """Stacked bars: areas per status per year, most severe on top (the legend's order)."""
    present = counts.loc[counts["areas"] > 0, "status_code"].unique().tolist()
    data = counts[counts["status_code"].isin(present)]
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("areas:Q", title=t("areas.national.y", lang), stack="zero"),
            color=alt.Color("status:N", scale=_status_scale(lang, present), legend=alt.Legend(title=None)),
            order=alt.Order("order:Q", sort="descending"),
            tooltip=[
                alt.Tooltip("year:O", title=t("areas.col.year", lang)),
                alt.Tooltip("status:N", title="Status"),
                alt.Tooltip("areas:Q", title=t("areas.national.y", lang), format=",d"),
            ],
        )
        .properties(height=320)
    )


def status_counts_table(counts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Counts as a wide table: one row per year, one column per status present (most severe first)."""
    present = counts.loc[counts["areas"] > 0].sort_values("order")["status"].unique().tolist()
    wide = counts.pivot_table(index="year", columns="status", values="areas", aggfunc="sum", fill_value=0)
    wide = wide.reindex(columns=present, fill_value=0).astype(int)
    wide.columns.name = None
    return wide.reset_index().rename(columns={"year": t("areas.col.year", lang)})


# --- 4. What-if -----------------------------------------------------------------------------------------------


def what_if_table(result: pd.DataFrame, areas: pd.DataFrame, lang: str, changed_only: bool = True) -> pd.DataFrame:
    """Before/after table of :func:`lib.analysis.criteria.what_if` with names and translated labels."""
    names = areas.sort_values("year").groupby("area_id").tail(1).set_index("area_id")
    frame = result[result["changed"]] if changed_only else result
    out = pd.DataFrame(
        {
            t("areas.col.area", lang): frame["area_id"].map(names["name"]).astype("string"),
            t("areas.col.municipality", lang): frame["area_id"].map(names.get("municipality", pd.Series(dtype=str))),
            t("areas.whatif.before", lang): [status_label(s, lang) for s in frame["status_before"]],
            t("areas.whatif.after", lang): [status_label(s, lang) for s in frame["status_after"]],
            t("areas.whatif.n_main", lang): _arrows(frame["n_met_before"], frame["n_met_after"]),
            t("areas.whatif.n_prevention", lang): _arrows(
                frame["n_met_prevention_before"], frame["n_met_prevention_after"]
            ),
        }
    )
    return out.reset_index(drop=True)


def _arrows(before: pd.Series, after: pd.Series) -> list[str]:
    return [f"{int(b)} → {int(a)}" if b != a else f"{int(b)}" for b, a in zip(before, after, strict=True)]


def transition_counts(result: pd.DataFrame, lang: str) -> pd.DataFrame:
    """How many areas move from each status to each other status under the scenario (changes only)."""
    moved = result[result["changed"]]
    if moved.empty:
        return pd.DataFrame(columns=[t("areas.whatif.before", lang), t("areas.whatif.after", lang), "n"])
    counts = moved.groupby(["status_before", "status_after"]).size().rename("n").reset_index()
    rank = {s: i for i, s in enumerate(criteria.STATUS_ORDER)}
    counts = counts.sort_values(["status_before", "status_after"], key=lambda s: s.map(rank))
    return pd.DataFrame(
        {
            t("areas.whatif.before", lang): [status_label(s, lang) for s in counts["status_before"]],
            t("areas.whatif.after", lang): [status_label(s, lang) for s in counts["status_after"]],
            t("areas.whatif.count", lang): counts["n"].astype(int).to_numpy(),
        }
    )


# --- 5. Centres serving an area -------------------------------------------------------------------------------


def centres_of_area(centres: pd.DataFrame, area_id: str, lang: str) -> pd.DataFrame:
    """The centres that serve ``area_id``: name, type, opening year, organisations under the roof."""
    own = centres[centres["area_id"] == area_id].sort_values("name")
    cols = {
        "name": t("areas.centres.name", lang),
        "centre_type": t("areas.centres.type", lang),
        "opened_year": t("areas.centres.opened", lang),
        "n_organisations": t("areas.centres.organisations", lang),
    }
    out = own[[c for c in cols if c in own.columns]].copy()
    if "centre_type" in out:
        out["centre_type"] = [t(f"type.{c}", lang) for c in out["centre_type"]]
    for col in ("opened_year", "n_organisations"):
        if col in out:
            out[col] = pd.to_numeric(out[col], errors="coerce").astype("Int64")
    return out.rename(columns=cols).reset_index(drop=True)


# --- 6. The published lists beside the computed status ---------------------------------------------------------

#: Timeline codes for a year without a published status: the area is off the published lists the atlas holds
#: (from 2018 the udsatte lists are not among them), or the atlas holds no list for that year at all.
_OFF_PUBLISHED = "_off_published"
_NO_LIST = "_no_list"
_GAP_COLOURS = {_OFF_PUBLISHED: "#FFFFFF", _NO_LIST: "#F2F2F2"}


def published_years(everyone: pd.DataFrame) -> tuple[int, ...]:
    """Years in which any area has a published status (from all areas, not only the filtered ones)."""
    if "official_status" not in everyone or everyone.empty:
        return ()
    return tuple(sorted(int(y) for y in everyone.loc[everyone["official_status"].notna(), "year"].unique()))


def _published_label(code, lang: str) -> str:
    if code == _OFF_PUBLISHED:
        return t("areas.published.off_lists", lang)
    if code == _NO_LIST:
        return t("areas.published.no_list", lang)
    return status_label(code, lang)


def published_timeline_frame(classified: pd.DataFrame, everyone: pd.DataFrame, area_id: str, lang: str) -> pd.DataFrame:
    """One area's published and computed status per year: two rows per year (``track`` published / computed).

    Parameters
    ----------
    classified : pandas.DataFrame
        ``classify`` output holding the area.
    everyone : pandas.DataFrame
        ``classify`` output of all areas: which years have a published list at all.
    area_id : str
    lang : str

    Returns
    -------
    pandas.DataFrame
        ``year``, ``track_code`` ("published" / "computed"), ``track``, ``status_code``, ``status``,
        ``differs`` (the published status disagrees with the computed one).
    """
    own = classified[classified["area_id"] == area_id].sort_values("year")
    listed_years = set(published_years(everyone))
    rows = []
    for rec in own.to_dict("records"):
        year = int(rec["year"])
        official = rec.get("official_status")
        if not isinstance(official, str):
            official = _OFF_PUBLISHED if year in listed_years else _NO_LIST
        differs = bool(rec.get("published_mismatch", False))
        for track, code, text in (
            ("published", official, _published_label(official, lang)),
            ("computed", rec["status"], computed_label(rec, lang)),
        ):
            rows.append(
                {
                    "year": year,
                    "track_code": track,
                    "track": t(f"areas.published.track_{track}", lang),
                    "status_code": code,
                    "status": text,
                    "differs": differs,
                }
            )
    return pd.DataFrame(rows, columns=["year", "track_code", "track", "status_code", "status", "differs"])


@compose.quick_build
def published_timeline_chart(frame: pd.DataFrame, lang: str) -> alt.LayerChart:
    """The timeline: one row of coloured cells for the published status and one for the computed, per year.

    A year whose published status disagrees with the computed one gets a "≠" above it (marked by a symbol, not by
    colour alone). Years without a published status show as white (off the lists the atlas holds) or light grey
    (no list in the atlas).
    """
    years = sorted(int(y) for y in frame["year"].unique())
    colours = {**STATUS_COLOURS, **_GAP_COLOURS}
    order = {c: i for i, c in enumerate((*criteria.STATUS_ORDER, _OFF_PUBLISHED, _NO_LIST))}
    legend = frame.drop_duplicates("status").assign(_order=lambda f: f["status_code"].map(order))
    legend = legend.sort_values("_order", kind="stable")
    scale = alt.Scale(domain=legend["status"].tolist(), range=[colours[c] for c in legend["status_code"]])
    differs_track = t("areas.col.mismatch", lang)
    tracks = [t("areas.published.track_published", lang), t("areas.published.track_computed", lang), differs_track]
    x = alt.X("year:O", title=None, sort=years, axis=alt.Axis(labelAngle=0))
    cells = (
        alt.Chart(frame)
        .mark_rect(stroke="#666666", strokeWidth=0.5)
        .encode(
            x=x,
            y=alt.Y("track:N", title=None, sort=tracks),
            color=alt.Color(
                "status:N",
                scale=scale,
                legend=alt.Legend(title=None, orient="bottom", direction="horizontal", columns=3),
            ),
            tooltip=[
                alt.Tooltip("year:O", title=t("areas.col.year", lang)),
                alt.Tooltip("track:N", title=" "),
                alt.Tooltip("status:N", title="Status"),
            ],
        )
    )
    # Disagreements get their own row of "≠" marks: a symbol on white, readable whatever the cell colours.
    differs = frame[(frame["track_code"] == "published") & frame["differs"]].assign(track=differs_track)
    marks = (
        alt.Chart(differs)
        .mark_text(text="≠", fontSize=18, fontWeight="bold", color="#7A0000")
        .encode(
            x=x,
            y=alt.Y("track:N", sort=tracks),
            tooltip=[alt.Tooltip("year:O", title=t("areas.col.year", lang)), alt.Tooltip("status:N", title=" ")],
        )
    )
    # Rows by step, not a total height: the page draws charts with autosize "fit", where a height of 100
    # had to hold the legend and the year axis too, and the rows shrank to nothing.
    return compose.layer(cells, marks).resolve_scale(y="shared").properties(height=alt.Step(34))


def published_timeline_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The timeline as a table: one row per year, published and computed status side by side."""
    wide = frame.pivot_table(index="year", columns="track_code", values="status", aggfunc="first")
    differs = frame.groupby("year")["differs"].any()
    return pd.DataFrame(
        {
            t("areas.col.year", lang): wide.index.astype(int),
            t("areas.published.track_published", lang): wide.get("published", pd.Series(dtype=str)).to_numpy(),
            t("areas.published.track_computed", lang): wide.get("computed", pd.Series(dtype=str)).to_numpy(),
            t("areas.col.mismatch", lang): differs.reindex(wide.index).fillna(False).astype(bool).to_numpy(),
        }
    )


def published_timeline_view(classified: pd.DataFrame, everyone: pd.DataFrame, area_id: str, lang: str):
    """One area's published statuses against the computed ones: ``(chart, table)``, or ``None`` if none published."""
    frame = published_timeline_frame(classified, everyone, area_id, lang)
    if frame.empty or not published_years(everyone):
        return None
    return published_timeline_chart(frame, lang), published_timeline_table(frame, lang)


def published_summary(everyone: pd.DataFrame, area_id: str, lang: str) -> str:
    """One line (Markdown) for the map's area panel: latest published status beside the computed one that year.

    "" when the data hold no published status at all.
    """
    years = published_years(everyone)
    if not years:
        return ""
    own = everyone[(everyone["area_id"] == area_id) & (everyone["year"] == years[-1])]
    if own.empty:
        return ""
    row = own.iloc[0]
    official = row["official_status"] if isinstance(row["official_status"], str) else _OFF_PUBLISHED
    key = "areas.published.summary_differs" if bool(row["published_mismatch"]) else "areas.published.summary"
    return t(
        key,
        lang,
        year=years[-1],
        published=_published_label(official, lang),
        computed=computed_label(row.to_dict(), lang),
    )


def year_published_note(everyone: pd.DataFrame, year: int, lang: str) -> str:
    """Caption for the table of ``year``: which published list stands beside it, or that there is none."""
    years = published_years(everyone)
    if not years:
        return ""
    if year in years:
        return t("areas.published.year_note", lang)
    return t("areas.published.year_none", lang, year=year, years=_year_ranges(years))


def _year_ranges(years: tuple[int, ...]) -> str:
    """``(2012, 2016, 2017, 2018)`` -> ``"2012, 2016-2018"``."""
    parts, start, prev = [], None, None
    for y in years:
        if start is None:
            start = prev = y
        elif y == prev + 1:
            prev = y
        else:
            parts.append(f"{start}-{prev}" if prev != start else str(start))
            start = prev = y
    if start is not None:
        parts.append(f"{start}-{prev}" if prev != start else str(start))
    return ", ".join(parts)


# --- one function per step of the Areas page (each memoised whole by the page) --------------------------


def classified_of(everyone: pd.DataFrame, areas: pd.DataFrame) -> pd.DataFrame:
    """The classified area-years of the areas that pass the filters."""
    return everyone[isin(everyone["area_id"], areas["area_id"].unique())].reset_index(drop=True)


def trend_view(areas: pd.DataFrame, classified: pd.DataFrame, area_id: str, lang: str):
    """One area's indicators over the years: ``(chart, table)``, or ``None`` without history."""
    trend = trend_frame(areas, classified, area_id, lang)
    if trend.empty:
        return None
    return trend_chart(trend, lang), trend_table(trend, lang)


def national_view(classified: pd.DataFrame, lang: str):
    """Areas per status and year: ``(chart, table)``."""
    counts = status_counts(classified, lang)
    return status_counts_chart(counts, lang), status_counts_table(counts, lang)
