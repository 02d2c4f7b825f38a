"""What a page gets from the frame: :class:`PageContext`, its data, filters and language.

Kept apart from the frame so the blocks and presentation mode can name it without
importing the frame that draws them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from lib.analysis import filters as flt
from lib.app import cache
from lib.data import store
from lib.i18n import Translator, label, t, translator


def version_text(version_ids: dict, lang: str) -> str:
    """Data versions in words, as the frame shows them."""
    return ", ".join(f"{t('table.' + k, lang)} v{v}" for k, v in sorted(version_ids.items()))


@dataclass
class PageContext:
    """What a page gets from the frame."""

    page_id: str
    lang: str
    filters: flt.Filters
    tables: flt.Tables
    all_tables: flt.Tables  # unfiltered, shared between sessions: treat as read-only
    area_status: pd.Series
    versions: dict[str, store.VersionInfo]
    version_ids: dict[str, int]
    is_sample: bool
    present: bool
    engine: object = field(repr=False, default=None)
    t: Translator = field(init=False, repr=False)
    _memo_sources: tuple | None = field(init=False, repr=False, default=None)

    def __post_init__(self) -> None:
        self.t = translator(self.lang)

    def label(self, kind: str, code) -> str:
        """Label of a category code in the page's language."""
        return label(kind, code, self.lang)

    @property
    def filters_text(self) -> str:
        """The filters in words."""
        return flt.describe(self.filters, self.lang)

    @property
    def data_key(self) -> tuple:
        """Which data this is (database URL + version ids): the key of caches that ignore the filters.

        The URL matters whenever one process serves more than one database (the benchmarks do:
        two seeded databases both start at version 1).
        """
        return (store.database_url(), cache.version_key(self.version_ids))

    @property
    def version_text(self) -> str:
        """Data versions in words."""
        return version_text(self.version_ids, self.lang)

    def classified_areas(self) -> pd.DataFrame:
        """Every area-year through the criteria engine (unfiltered, shared: never mutate)."""
        return cache.classified_areas(self.version_ids)

    def memo(self, fn, *args, big: bool = False, **kwargs):
        """``fn(*args, **kwargs)`` once per view, shared by all sessions (see :func:`lib.app.cache.memo`).

        Frames passed in must be this context's tables (or memo results); the key then
        includes the filters only where a filtered table is an input.
        """
        return cache.memo(self._sources(), self.data_key, fn, *args, big=big, **kwargs)

    def _sources(self) -> dict[int, tuple]:
        # the same for every memo call of one run (a page run makes several), until the page reads
        # a filtered table it had not read yet: those are made only then (flt.NarrowedTables)
        loaded = self.tables.loaded()
        if self._memo_sources is None or self._memo_sources[0] != loaded:
            self._memo_sources = (loaded, self._make_sources(loaded))
        return self._memo_sources[1]

    def _make_sources(self, loaded: tuple[str, ...]) -> dict[int, tuple]:
        sources = {id(self.tables): ("tables", self.filters), id(self.all_tables): ("all_tables",)}
        for name in flt.Tables.NAMES:
            if name in loaded:  # reading the others here would make them
                sources[id(getattr(self.tables, name))] = ("tables." + name, self.filters)
            sources[id(getattr(self.all_tables, name))] = ("all_tables." + name,)
        sources[id(self.area_status)] = ("area_status",)
        sources[id(self.classified_areas())] = ("classified_areas",)
        return sources
