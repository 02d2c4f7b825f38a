"""Tables derived from the current versions, computed once per data version and stored beside them.

Some results depend only on the data, not on who looks or how it is filtered:
every area-year through the criteria engine, and every centre's reach and rank in
its area's network (the Network page's comparison, ~3 s at x100). They are computed
when a version is written (:func:`refresh`, called by ``lib.data.imports.commit`` and
``imports.rollback``, and by ``network_io.commit_network`` for a Kumu/GraphML/GEXF file)
and stored in ``atlas_derived`` keyed by the versions they were computed from
(``lib.data.store.derived_inputs``), so a new server, a replica or the first
visitor after an import reads a Parquet blob instead of recomputing.

:func:`load` is what the app's caches call: stored table if there is one, else
compute, store and return it (a database from before this module, or a write that
bypassed ``commit``).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa

from lib.analysis import criteria
from lib.data import store
from lib.schema import empty_frame

log = logging.getLogger("atlas")


@dataclass(frozen=True)
class Derived:
    """One derived table: the tables it reads and how it is computed from them."""

    name: str
    inputs: tuple[str, ...]
    compute: Callable[[dict[str, pd.DataFrame]], pd.DataFrame]
    #: The settings the result depends on, as text: part of the stored table's key.
    params: Callable[[], str] = lambda: ""


def _classification(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    return criteria.classify(frames["areas"])


def _streak_settings() -> str:
    # ATLAS_HAARDT_GHETTO_YEARS / ATLAS_OMDANNELSE_YEARS change the classification of the same data
    return "streaks=" + ",".join(f"{status}:{n}" for status, n in sorted(criteria.streak_lengths().items()))


def _network_comparison(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    # The Network page's first view: all tie types, the latest year of ties when there are several.
    from lib.analysis import network as nw  # networkx and igraph: not on the other pages' first view

    ties = frames["ties"]
    return nw.compare_centres(frames["actors"], ties, frames["centres"], year=nw.default_year(ties))


#: Every derived table, by name.
TABLES: dict[str, Derived] = {
    d.name: d
    for d in (
        Derived("area_classification", ("areas",), _classification, _streak_settings),
        Derived("network_comparison", ("actors", "centres", "ties"), _network_comparison),
    )
}


def inputs_key(name: str, ids: dict[str, int]) -> str:
    """The ``inputs`` of ``name`` computed from the versions ``ids``."""
    spec = TABLES[name]
    return store.derived_inputs(ids, spec.inputs, spec.params())


def _frames(engine: sa.Engine, spec: Derived, ids: dict[str, int], read: Callable[[int], pd.DataFrame] | None):
    reader = read or (lambda vid: store.read_version(engine, vid))
    return {table: reader(ids[table]) if table in ids else empty_frame(table) for table in spec.inputs}


def load(
    engine: sa.Engine, name: str, ids: dict[str, int], read: Callable[[int], pd.DataFrame] | None = None
) -> pd.DataFrame:
    """The derived table ``name`` for the versions ``ids``: read when stored, else computed and stored.

    Parameters
    ----------
    read : callable, optional
        ``read(version_id) -> frame``; the app passes its cached table reader so
        that a table already in memory is not read from the database again.
    """
    spec = TABLES[name]
    key = inputs_key(name, ids)
    stored = store.read_derived(engine, name, key)
    if stored is not None:
        return stored
    started = time.perf_counter()
    frame = spec.compute(_frames(engine, spec, ids, read))
    store.write_derived(engine, name, key, frame, seconds=time.perf_counter() - started)
    return frame


def refresh(engine: sa.Engine, names: tuple[str, ...] | None = None) -> dict[str, float]:
    """Compute and store every derived table missing for the current versions; seconds spent per table.

    Called after every write of a version (an import, a network file, a rollback), so the
    first page view after it reads the results. A failure is logged and left for
    :func:`load` to retry: the write itself has already succeeded and must not be
    reported as failed.
    """
    ids = store.current_version_ids(engine)
    done = {}
    for name in names or tuple(TABLES):
        if store.read_derived(engine, name, inputs_key(name, ids)) is not None:
            continue
        started = time.perf_counter()
        try:
            load(engine, name, ids)
        except Exception:  # noqa: BLE001 - see the docstring: the next page view computes it instead
            log.exception("derived table %s could not be computed", name)
            continue
        done[name] = round(time.perf_counter() - started, 3)
    return done
