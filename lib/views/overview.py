"""The Overview page's figures and charts: centres per type, areas per status, responses per wave."""

from __future__ import annotations

import altair as alt
import pandas as pd

from lib.analysis.filters import isin
from lib.i18n import Translator
from lib.schema import CENTRE_TYPES
from lib.views import compose
from lib.views.palette import STATUS_COLOURS, type_scale

UNLISTED = ("none", "too_small")


def status_of(areas: pd.DataFrame, area_status: pd.Series) -> pd.Series:
    """The latest-year status of each area that passes the filters."""
    return area_status[_index_in(area_status.index, areas["area_id"])]


def n_listed(status: pd.Series) -> int:
    """How many areas are on one of the lists."""
    return int((~status.isin(UNLISTED)).sum())


def published_list(all_areas: pd.DataFrame) -> tuple[int | None, pd.Series]:
    """The latest published list: its year (None when the data hold no published status) and each area's status on it.

    From all areas, so once per data version; :func:`published_of` narrows it to the filtered areas.
    """
    from lib.analysis import criteria

    year = criteria.latest_published_year(all_areas)
    if year is None:
        return None, pd.Series(dtype="string")
    return year, criteria.latest_published(all_areas)


def published_of(areas: pd.DataFrame, published: pd.Series) -> pd.Series:
    """The published status of each filtered area on the latest list (:func:`published_list`); areas without one drop out."""
    return published[_index_in(published.index, areas["area_id"].astype(str))]


def _index_in(index: pd.Index, values: pd.Series):
    """Which labels of ``index`` are among ``values`` (Arrow's is_in: pandas' builds a Python object per value)."""
    return isin(index.to_series(), values.unique()).to_numpy()


def _bars(frame: pd.DataFrame, label_col: str, count_col: str, colour: alt.Color) -> alt.Chart:
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y(f"{label_col}:N", sort=frame[label_col].tolist(), title=None, axis=alt.Axis(labelLimit=240)),
            # counts: whole-number ticks only, grouped in the reader's language (1.000 / 1,000)
            x=alt.X(f"{count_col}:Q", title=count_col, axis=alt.Axis(tickMinStep=1, format=",d")),
            color=colour,
            tooltip=[alt.Tooltip(f"{label_col}:N"), alt.Tooltip(f"{count_col}:Q", format=",d")],
        )
        .properties(height=200)
    )


@compose.quick_build
def centres_per_type(centres: pd.DataFrame, t: Translator) -> tuple[alt.Chart, pd.DataFrame]:
    """Bar chart and table of the number of centres of each type."""
    type_labels = {c: t.label("type", c) for c in CENTRE_TYPES}
    col_type, col_count = t("overview.col_type"), t("overview.col_count")
    per_type = centres["centre_type"].value_counts().reindex(list(CENTRE_TYPES), fill_value=0)
    frame = pd.DataFrame({col_type: [type_labels[c] for c in per_type.index], col_count: per_type.to_numpy()})
    colour = alt.Color(f"{col_type}:N", scale=type_scale(type_labels), legend=None)
    return _bars(frame, col_type, col_count, colour), frame


@compose.quick_build
def areas_per_status(status: pd.Series, t: Translator) -> tuple[alt.Chart, pd.DataFrame]:
    """Bar chart and table of the number of areas in each status."""
    col_status, col_count = t("overview.col_status"), t("overview.col_count")
    counts = status.value_counts()
    order = [s for s in STATUS_COLOURS if s in counts.index]
    frame = pd.DataFrame(
        {col_status: [t.label("status", s) for s in order], col_count: [int(counts[s]) for s in order]}
    )
    scale = alt.Scale(domain=frame[col_status].tolist(), range=[STATUS_COLOURS[s] for s in order])
    return _bars(frame, col_status, col_count, alt.Color(f"{col_status}:N", scale=scale, legend=None)), frame


@compose.quick_build
def responses_per_wave(responses: pd.DataFrame, centres: pd.DataFrame, t: Translator):
    """Stacked bars of survey responses per wave and centre type: ``(chart, table)``, or ``None`` without responses."""
    per_wave = (
        responses.merge(centres[["centre_id", "centre_type"]], on="centre_id")
        .groupby(["survey_year", "centre_type"])
        .size()
        .reset_index(name="n")
    )
    if per_wave.empty:
        return None
    type_labels = {c: t.label("type", c) for c in CENTRE_TYPES}
    col_year, col_type, col_count = t("overview.col_year"), t("overview.col_type"), t("overview.col_count")
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
            y=alt.Y(f"{col_count}:Q", title=col_count, stack=True, axis=alt.Axis(tickMinStep=1, format=",d")),
            color=alt.Color(f"{col_type}:N", scale=type_scale(type_labels), title=col_type),
            tooltip=[
                alt.Tooltip(f"{col_year}:N"),
                alt.Tooltip(f"{col_type}:N"),
                alt.Tooltip(f"{col_count}:Q", format=",d"),
            ],
        )
        .properties(height=240)
    )
    return chart, frame
