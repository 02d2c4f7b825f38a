"""The shared filters: one value, applied the same way to every table, and its URL form."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, fields

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from lib.analysis.criteria import latest_published, latest_published_year
from lib.i18n import label, t

TABLE_KEYS = ("centres", "survey_responses", "codebook", "areas", "actors", "ties")


@dataclass(frozen=True)
class Filters:
    """What the user has narrowed the data to. An empty tuple means "all".

    Examples
    --------
    >>> f = Filters(regions=("Hovedstaden",), years=(2025,))
    >>> Filters.from_query(f.to_query()) == f
    True
    """

    regions: tuple[str, ...] = ()
    municipalities: tuple[str, ...] = ()
    centre_types: tuple[str, ...] = ()
    area_statuses: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    published_statuses: tuple[str, ...] = ()  # status on the latest published list (official_status)

    # URL parameter name of each field
    _QUERY = {
        "regions": "region",
        "municipalities": "kommune",
        "centre_types": "type",
        "area_statuses": "status",
        "years": "year",
        "published_statuses": "published",
    }

    def is_empty(self) -> bool:
        """Whether nothing is narrowed (every filter is "all")."""
        return not any(getattr(self, f.name) for f in fields(self))

    def to_query(self) -> dict[str, str]:
        """Query parameters for the non-empty fields (lists joined with commas)."""
        out = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value:
                out[self._QUERY[f.name]] = ",".join(str(v) for v in value)
        return out

    @classmethod
    def from_query(cls, params: dict, options: dict[str, tuple] | None = None) -> Filters:
        """Parse query parameters; values not among ``options`` (when given) are dropped.

        Query parameters are untrusted input: anything malformed is ignored rather than raised.
        """
        kwargs = {}
        for f in fields(cls):
            raw = params.get(cls._QUERY[f.name])
            if isinstance(raw, list):
                raw = ",".join(str(r) for r in raw)
            if not raw or not isinstance(raw, str):
                continue
            parts = [p.strip() for p in raw[:2000].split(",") if p.strip()]
            if f.name == "years":
                parts = [int(p) for p in parts if p.isdigit() and len(p) == 4]
            allowed = (options or {}).get(f.name)
            if allowed is not None:
                parts = [p for p in parts if p in allowed]
            kwargs[f.name] = tuple(dict.fromkeys(parts))
        return cls(**kwargs)


@dataclass(frozen=True)
class Tables:
    """The six tables (any may be an empty frame)."""

    centres: pd.DataFrame
    survey_responses: pd.DataFrame
    codebook: pd.DataFrame
    areas: pd.DataFrame
    actors: pd.DataFrame
    ties: pd.DataFrame

    NAMES = TABLE_KEYS

    @classmethod
    def from_dict(cls, frames: dict[str, pd.DataFrame]) -> Tables:
        """The tables from ``{name: frame}``; a missing table is an empty frame with its columns."""
        from lib.schema import empty_frame

        return cls(**{k: frames[k] if frames.get(k) is not None else empty_frame(k) for k in TABLE_KEYS})

    def loaded(self) -> tuple[str, ...]:
        """The tables that exist as frames now (all of them, except in :class:`NarrowedTables`)."""
        return self.NAMES


class NarrowedTables(Tables):
    """What :func:`apply` returns: each table is narrowed when a page first reads it.

    A page reads three or four of the six: the Areas page no survey answers, no page the
    filtered actors and ties (the Network page reads every actor, and the filtered centres).
    Narrowing what nobody reads was most of a new filter combination's filtering at x100 (the
    network tables alone 180 of 295 ms for the largest region). Each table is made once, by
    whichever thread reads it first; the frames are those :func:`apply` always made.
    """

    def __init__(self, codebook: pd.DataFrame, makers: dict[str, Callable[[NarrowedTables], object]]):
        object.__setattr__(self, "codebook", codebook)
        object.__setattr__(self, "_makers", makers)
        object.__setattr__(self, "_made", {})
        # re-entrant: the centres are made from the areas, the answers from the centres
        object.__setattr__(self, "_lock", threading.RLock())

    def _part(self, part: str):
        with self._lock:
            if part not in self._made:
                self._made[part] = self._makers[part](self)
            return self._made[part]

    @property
    def areas(self) -> pd.DataFrame:
        """Area-years of the region, municipality and (computed or published) status chosen."""
        return self._part("areas")

    @property
    def centres(self) -> pd.DataFrame:
        """Centres of those places (through their area for a status) and of the type chosen."""
        return self._part("centres")

    @property
    def survey_responses(self) -> pd.DataFrame:
        """Answers about the centres kept, in the survey years chosen."""
        return self._part("survey_responses")

    @property
    def actors(self) -> pd.DataFrame:
        """Actors of the areas kept (and, with a type chosen, of areas with a centre of that type)."""
        return self._part("network")[0]

    @property
    def ties(self) -> pd.DataFrame:
        """Ties with both ends among the actors kept."""
        return self._part("network")[1]

    def loaded(self) -> tuple[str, ...]:
        """The tables read (and so made) so far, and the codebook."""
        made = set(self._made) | ({"actors", "ties"} if "network" in self._made else set())
        return tuple(n for n in self.NAMES if n == "codebook" or n in made)


def isin(series: pd.Series, values) -> pd.Series:
    """``series.isin(values)``, fast for pandas' Arrow-backed strings.

    With pandas 3, ``isin`` on a string column builds one Python object per
    value. Arrow's own ``is_in`` on the same buffers is ~10x faster at x100
    (148 -> 13 ms for 383,000 tie ends against 70,000 actor ids). Missing values
    never match, as with pandas when ``values`` holds no missing value.
    """
    found = _arrow_lookup(pc.is_in, series, values)
    if found is not None:
        return pd.Series(found.to_numpy(zero_copy_only=False), index=series.index, dtype=bool)
    values = list(values)
    if isinstance(series.dtype, pd.StringDtype):
        return series.astype(object).isin(values)
    return series.isin(values)


def positions(series: pd.Series, keys) -> np.ndarray:
    """Position of each value of ``series`` in ``keys`` (unique), -1 where it is missing or not there.

    ``pd.Index(keys).get_indexer(series)``, by Arrow's ``index_in`` for Arrow-backed strings: pandas'
    look-up on an Arrow string index made the join of ~300,000 survey answers to their centres ~0.15 s.
    """
    found = _arrow_lookup(pc.index_in, series, keys)
    if found is not None:
        return found.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
    return pd.Index(keys).get_indexer(series)


def _arrow_lookup(kernel, series: pd.Series, values):
    """``kernel(column, value_set=...)`` on the series' own Arrow buffers; None where Arrow cannot take them."""
    if getattr(series.dtype, "storage", None) != "pyarrow":
        return None
    try:
        column = pa.array(series.array)  # the column's own Arrow buffers, no copy
        wanted = values.array if isinstance(values, pd.Series | pd.Index) else values
        if isinstance(wanted, set | frozenset | tuple | list):
            wanted = list(wanted)
        return kernel(column, value_set=pa.array(wanted).cast(column.type))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError, TypeError):
        return None  # values of another type (e.g. numbers): pandas decides, as before


def apply(tables: Tables, filters: Filters, area_status: pd.Series) -> NarrowedTables:
    """Narrow every table to the filters.

    Parameters
    ----------
    tables : Tables
        Unfiltered tables.
    filters : Filters
    area_status : Series
        Computed status per ``area_id`` (latest list), used by the status filter.

    Returns
    -------
    NarrowedTables
        A table no filter touches is returned as the same frame object (treat
        all frames as read-only). Each table is narrowed when first read.

    Notes
    -----
    Areas follow region, municipality, computed status and published status (the
    latest published list, see ``lib.analysis.criteria.latest_published``). Centres follow those through
    their area and their own type. Responses follow their centres and the survey
    year. Actors follow their area (and, when a type is chosen, only areas that
    have a centre of that type). Ties keep both ends inside the actors kept.
    """
    place_filter = bool(
        filters.regions or filters.municipalities or filters.area_statuses or filters.published_statuses
    )

    def areas(_: NarrowedTables) -> pd.DataFrame:
        frame = tables.areas
        if not place_filter:
            return frame
        area_mask = pd.Series(True, index=frame.index)
        if filters.regions:
            area_mask &= isin(frame["region"], filters.regions)
        if filters.municipalities:
            area_mask &= isin(frame["municipality"], filters.municipalities)
        if filters.area_statuses:
            area_mask &= isin(frame["area_id"], area_status[area_status.isin(filters.area_statuses)].index)
        if filters.published_statuses:
            published = latest_published(tables.areas)
            area_mask &= isin(frame["area_id"], published[published.isin(filters.published_statuses)].index)
        return frame[area_mask].reset_index(drop=True)

    def centres(narrowed: NarrowedTables) -> pd.DataFrame:
        frame = tables.centres
        if not (place_filter or filters.centre_types):
            return frame
        c_mask = pd.Series(True, index=frame.index)
        if filters.regions:
            c_mask &= isin(frame["region"], filters.regions)
        if filters.municipalities:
            c_mask &= isin(frame["municipality"], filters.municipalities)
        if filters.area_statuses or filters.published_statuses:
            c_mask &= isin(frame["area_id"], narrowed.areas["area_id"].unique())
        if filters.centre_types:
            c_mask &= isin(frame["centre_type"], filters.centre_types)
        return frame[c_mask].reset_index(drop=True)

    def responses(narrowed: NarrowedTables) -> pd.DataFrame:
        frame = tables.survey_responses
        if not (place_filter or filters.centre_types or filters.years):
            return frame
        r_mask = pd.Series(True, index=frame.index)
        if place_filter or filters.centre_types:
            r_mask &= isin(frame["centre_id"], narrowed.centres["centre_id"].unique())
        if filters.years:
            r_mask &= frame["survey_year"].isin(filters.years)
        return frame[r_mask].reset_index(drop=True)

    def network(narrowed: NarrowedTables) -> tuple[pd.DataFrame, pd.DataFrame]:
        actors, ties = tables.actors, tables.ties
        if not (place_filter or filters.centre_types):
            return actors, ties
        a_mask = isin(actors["area_id"], narrowed.areas["area_id"].unique())
        if filters.centre_types:
            a_mask &= isin(actors["area_id"], narrowed.centres["area_id"].unique())
        actors = actors[a_mask].reset_index(drop=True)
        kept = actors["actor_id"].unique()
        ties = ties[isin(ties["source_actor_id"], kept) & isin(ties["target_actor_id"], kept)]
        return actors, ties.reset_index(drop=True)

    makers = {"areas": areas, "centres": centres, "survey_responses": responses, "network": network}
    return NarrowedTables(tables.codebook, makers)


def options(tables: Tables, area_status: pd.Series) -> dict[str, tuple]:
    """The values each filter can take, from the unfiltered data (sorted for display)."""
    from lib.schema import CENTRE_TYPES, REGION_NAMES, statuses_in_order

    # unique() first: a set() of an Arrow string column makes one Python object per row (~85,000 at x100)
    regions_present = _distinct(tables.areas["region"]) | _distinct(tables.centres["region"])
    munis = _distinct(tables.areas["municipality"]) | _distinct(tables.centres["municipality"])
    return {
        "regions": tuple(r for r in REGION_NAMES if r in regions_present),
        "municipalities": tuple(sorted(munis, key=str.casefold)),
        "centre_types": CENTRE_TYPES,
        "area_statuses": tuple(sorted(set(area_status.dropna()))),
        "years": tuple(sorted(int(y) for y in tables.survey_responses["survey_year"].dropna().unique())),
        "published_statuses": tuple(statuses_in_order(latest_published(tables.areas))),
        # not a filter: the year of the list the published filter reads, for its label
        "published_year": tuple(y for y in (latest_published_year(tables.areas),) if y is not None),
    }


def municipalities_in(tables: Tables, regions: tuple[str, ...]) -> tuple[str, ...]:
    """Municipalities of the chosen regions (all when none chosen), for a dependent selector."""
    frame = pd.concat([tables.areas[["region", "municipality"]], tables.centres[["region", "municipality"]]])
    if regions:
        frame = frame[frame["region"].isin(regions)]
    return tuple(sorted(_distinct(frame["municipality"]), key=str.casefold))


def _distinct(values: pd.Series) -> set:
    """The set of a column's non-missing values, built from its unique values (one Python object each)."""
    return set(values.dropna().unique())


def describe(filters: Filters, lang: str) -> str:
    """The filters in words, for captions, exports and the presentation header.

    Examples
    --------
    >>> describe(Filters(regions=("Sjælland",)), "en")
    'Region: Sjælland'
    """
    parts = []
    if filters.regions:
        parts.append(f"{t('filters.region', lang)}: {', '.join(filters.regions)}")
    if filters.municipalities:
        parts.append(f"{t('filters.municipality', lang)}: {', '.join(filters.municipalities)}")
    if filters.centre_types:
        names = ", ".join(label("type", c, lang) for c in filters.centre_types)
        parts.append(f"{t('filters.centre_type', lang)}: {names}")
    if filters.area_statuses:
        names = ", ".join(label("status", s, lang) for s in filters.area_statuses)
        parts.append(f"{t('filters.area_status_short', lang)}: {names}")
    if filters.years:
        parts.append(f"{t('filters.year', lang)}: {', '.join(str(y) for y in filters.years)}")
    if filters.published_statuses:
        names = ", ".join(label("status", s, lang) for s in filters.published_statuses)
        parts.append(f"{t('filters.published_short', lang)}: {names}")
    return "; ".join(parts) if parts else t("filters.summary_none", lang)
