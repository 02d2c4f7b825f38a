"""Cached data access and :func:`memo`, the per-view cache of a page's derived tables and charts.

Every cache here is a process-wide ``st.cache_resource``: one result serves every
session that asks for the same data, so a result is shared and must never be mutated.
The tables are keyed on the database URL and their version ids, so an import (a new
version) is seen at once and two databases in one process (the benchmarks) never mix.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import importlib
import logging
import sys
import threading
import weakref
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from lib.analysis import criteria
from lib.analysis import filters as flt
from lib.data import derived, store
from lib.i18n import Translator
from lib.schema import empty_frame

log = logging.getLogger("atlas")


@st.cache_resource(show_spinner=False)
def _engine(url: str):
    engine = store.get_engine(url)
    store.ensure_seeded(engine)
    return engine


@st.cache_resource(show_spinner=False, max_entries=64)
def _table(url: str, version_id: int) -> pd.DataFrame:
    # cache_resource, not cache_data: no copy per rerun. Frames are shared; never mutate them.
    return store.read_version(_engine(url), version_id)


@st.cache_resource(show_spinner=False, max_entries=8)
def _classified(url: str, version_id: int | None) -> pd.DataFrame:
    # Every area-year through the criteria engine, once per data version; shared by the status
    # filter, the Areas page and the map, so all three show the same (history-aware) status.
    # Stored with the version at import (lib.data.derived), so a new server reads it.
    if version_id is None:
        return criteria.classify(empty_frame("areas"))
    return derived.load(_engine(url), "area_classification", {"areas": version_id}, read=lambda v: _table(url, v))


@st.cache_resource(show_spinner=False, max_entries=8)
def _comparison(url: str, key: tuple, tie_types: tuple[str, ...] | None, year: int | None) -> pd.DataFrame:
    from lib.analysis import network as nw  # networkx and igraph: imported by the warming, after the first view

    ids = dict(key)
    tables = {name: _table(url, ids[name]) if name in ids else empty_frame(name) for name in ("actors", "ties")}
    if tie_types is None and year == nw.default_year(tables["ties"]):
        # The page's first view: stored with the versions at import (lib.data.derived), ~3 s to compute at x100.
        return derived.load(_engine(url), "network_comparison", ids, read=lambda v: _table(url, v))
    centres = _table(url, ids["centres"]) if "centres" in ids else empty_frame("centres")
    return nw.compare_centres(tables["actors"], tables["ties"], centres, tie_types=tie_types, year=year)


@st.cache_resource(show_spinner=False, max_entries=16)
def _area_status(url: str, version_id: int | None) -> pd.Series:
    return criteria.latest_of(_classified(url, version_id))["status"].rename("status")


@st.cache_resource(show_spinner=False, max_entries=32)
def _filtered(url: str, version_key: tuple, filters: flt.Filters) -> flt.Tables:
    # Keyed on the data versions and the filters: every page and session with the same view shares one result.
    ids = dict(version_key)
    frames = {name: _table(url, vid) for name, vid in ids.items()}
    return flt.apply(flt.Tables.from_dict(frames), filters, _area_status(url, ids.get("areas")))


@st.cache_resource(show_spinner=False, max_entries=8)
def _versions(url: str, key: tuple) -> dict[str, store.VersionInfo]:
    return store.current_versions(_engine(url))


@st.cache_resource(show_spinner=False, max_entries=8)
def _options(url: str, key: tuple, _tables: flt.Tables, _area_status: pd.Series) -> dict[str, tuple]:
    # Depends only on the database and its data versions; scanning every table costs ~80 ms per run at x100.
    return flt.options(_tables, _area_status)


@st.cache_resource(show_spinner=False, max_entries=64)
def _municipalities(url: str, key: tuple, regions: tuple[str, ...], _tables: flt.Tables) -> tuple[str, ...]:
    return flt.municipalities_in(_tables, regions)


def engine():
    """The app's database engine (created and seeded once per process)."""
    return _engine(store.database_url())


def version_key(ids: dict[str, int]) -> tuple:
    """The data versions as a hashable, ordered key."""
    return tuple(sorted(ids.items()))


def _network_key(ids: dict[str, int]) -> tuple:
    # The versions the network comparison reads: an import of areas or survey answers keeps its entry.
    return version_key({name: ids[name] for name in ("actors", "centres", "ties") if name in ids})


def load_tables() -> tuple[flt.Tables, dict[str, int]]:
    """All current tables, unfiltered, and their version ids.

    The first time a process sees a set of versions (a new server, or after an import)
    the rest of the shared caches are warmed in the background (:func:`warm_in_background`).
    """
    url = store.database_url()
    ids = store.current_version_ids(_engine(url))
    frames = {name: _table(url, vid) for name, vid in ids.items()}
    warm_in_background(url, ids)
    return flt.Tables.from_dict(frames), ids


# --- warming ---------------------------------------------------------------------------------------

_WARMED: set[tuple] = set()
_WARM_LOCK = threading.Lock()


def warm(url: str, ids: dict[str, int]) -> None:
    """Fill the data-level caches every page's first view needs, for these versions.

    What a page then still computes is its own view (charts, tables). The per-key locks of
    ``st.cache_resource`` make a page that asks for the same entry meanwhile wait for this
    computation instead of repeating it.
    """
    for vid in ids.values():
        _table(url, vid)
    status = _area_status(url, ids.get("areas"))
    key = version_key(ids)
    _versions(url, key)
    frames = flt.Tables.from_dict({name: _table(url, vid) for name, vid in ids.items()})
    _options(url, key, frames, status)
    _filtered(url, key, flt.Filters())
    if "ties" in ids:
        from lib.analysis import network as nw

        _comparison(url, _network_key(ids), None, nw.default_year(_table(url, ids["ties"])))
    # A page's first visit on a new server also imports its modules (pydeck, vl-convert, python-pptx...).
    for module in PAGE_MODULES:
        importlib.import_module(module)
    settle_long_lived()


def settle_long_lived() -> None:
    """Leave what the process holds now (modules, tables, caches) out of the cyclic collector's full passes.

    A full pass walks every tracked object, object-dtype columns element by element: at x100 ~120-180 ms
    with the interpreter lock held, landing on whichever session happens to allocate next (seen as one
    region's first visit of the Areas page taking 614 ms instead of ~300; after this, ~10 ms). Collected
    first, so only live objects are set aside. One set aside is still freed by reference counting when its
    last reference goes; only a reference cycle among such objects stays, so this runs once per set of
    versions, not per session.
    """
    gc.collect()
    gc.freeze()


PAGE_MODULES = (
    "lib.views.overview",
    "lib.views.compare",
    "lib.views.maps",
    "lib.views.areas",
    "lib.views.network",
    "lib.views.slides",
    "lib.analysis.geo",
    "lib.data.export",
)


def warm_in_background(url: str, ids: dict[str, int]) -> threading.Thread | None:
    """Run :func:`warm` in a daemon thread, once per process and set of versions; the thread, or None."""
    key = (url, version_key(ids))
    with _WARM_LOCK:
        if key in _WARMED:
            return None
        _WARMED.add(key)

    def _run():
        try:
            warm(url, ids)
        except Exception:  # noqa: BLE001 - warming is an optimisation; the page computes what is missing
            log.exception("warming the caches failed")

    thread = threading.Thread(target=_run, name="atlas-warm", daemon=True)
    thread.start()
    return thread


def area_status(ids: dict[str, int]) -> pd.Series:
    """Each area's status in its latest year (index: area_id), once per data version."""
    return _area_status(store.database_url(), ids.get("areas"))


def classified_areas(ids: dict[str, int]) -> pd.DataFrame:
    """``lib.analysis.criteria.classify`` of every area-year of the current data (shared: never mutate)."""
    return _classified(store.database_url(), ids.get("areas"))


def filtered_tables(ids: dict[str, int], filters: flt.Filters) -> flt.Tables:
    """The current tables with the shared filters applied, once per data version and filter state."""
    return _filtered(store.database_url(), version_key(ids), filters)


def network_comparison(ids: dict[str, int], tie_types: tuple[str, ...] | None, year: int | None) -> pd.DataFrame:
    """Every centre's reach and rank in its area's network (``network.compare_centres``), unfiltered and shared.

    The default view (all tie types, the latest year) is read from the derived table stored
    at import; other tie types or years are computed once per process and data version.
    """
    url, types = store.database_url(), tuple(tie_types) if tie_types else None
    key = _network_key(ids)
    result = _comparison(url, key, types, year)
    if _known(result) is None:  # so that a page may hand it to ctx.memo
        _remember(result, ("network_comparison", url, key, types, year))
    return result


def versions(ids: dict[str, int]) -> dict[str, store.VersionInfo]:
    """Version facts (who, when, sample or not) of the current versions."""
    return _versions(store.database_url(), version_key(ids))


def filter_options(ids: dict[str, int], tables: flt.Tables, status: pd.Series) -> dict[str, tuple]:
    """The values each shared filter offers, once per data version."""
    return _options(store.database_url(), version_key(ids), tables, status)


def municipalities(ids: dict[str, int], regions: tuple[str, ...], tables: flt.Tables) -> tuple[str, ...]:
    """Municipalities offered for the chosen regions."""
    return _municipalities(store.database_url(), version_key(ids), regions, tables)


# --- memo ------------------------------------------------------------------------------------------


class MemoInputError(TypeError):
    """An input :func:`memo` cannot key: a lambda or closure, or a frame of unknown origin."""


# Bounded by count: most entries are aggregates of a few kB to ~2 MB at x100; the few big
# results (the map's deck, ~15 MB at 15,000 centres) go to their own, smaller cache.
@st.cache_resource(show_spinner=False, max_entries=256)
def _memo(key, _fn, _args, _kwargs):
    return _fn(*_args, **_kwargs)


@st.cache_resource(show_spinner=False, max_entries=16)
def _memo_big(key, _fn, _args, _kwargs):
    return _fn(*_args, **_kwargs)


# id(result) -> (weak reference, key that produced it): lets one memo's result be the input of the next.
_PROVENANCE: dict[int, tuple[weakref.ref, tuple]] = {}


def _remember(result, key: tuple) -> None:
    items = result if isinstance(result, tuple) else (result,)
    for i, item in enumerate(items):
        try:
            ref = weakref.ref(item)
        except TypeError:  # ints, strings...: hashable, keyed by value anyway
            continue
        part = key if item is result else (*key, i)
        _PROVENANCE[id(item)] = (ref, part)
    if len(_PROVENANCE) > 4096:  # drop entries whose object is gone
        for oid, (ref, _part) in list(_PROVENANCE.items()):
            if ref() is None:
                del _PROVENANCE[oid]


def _known(value) -> tuple | None:
    entry = _PROVENANCE.get(id(value))
    if entry is not None and entry[0]() is value:
        return ("memo", entry[1])
    return None


_LONG = 64
_PLAIN = (str, int, float, bool, type(None))


def _key_of(value, sources: dict[int, tuple]) -> Any:
    """The cache-key part of one input: its value when hashable, else where it came from."""
    if isinstance(value, pd.DataFrame | pd.Series | pd.Index | flt.Tables):
        origin = sources.get(id(value)) or _known(value)
        if origin is None:
            raise MemoInputError(
                "memo: a frame that is neither one of ctx's tables nor a memo result; "
                "compute it inside the memoised function instead"
            )
        return origin
    if isinstance(value, list | tuple) and len(value) > _LONG and all(type(v) in _PLAIN for v in value):
        # e.g. 12,000 centre ids: Streamlit hashes a key item by item in Python on every rerun
        return (
            type(value).__name__ + "#",
            len(value),
            hashlib.blake2b(repr(value).encode(), digest_size=16).hexdigest(),
        )
    if isinstance(value, list):
        return ("list", tuple(_key_of(v, sources) for v in value))
    if isinstance(value, dict):
        return ("dict", tuple(sorted((k, _key_of(v, sources)) for k, v in value.items())))
    if isinstance(value, Translator):
        return ("t", value.lang)
    try:
        hash(value)
    except TypeError as err:
        raise MemoInputError(f"memo: cannot key an input of type {type(value).__name__}") from err
    if isinstance(value, tuple):
        return ("tuple", tuple(_key_of(v, sources) for v in value))
    return value


def _spelled_out(value) -> bool:
    """Whether ``repr(value)`` names all of it: plain values, containers of them, dataclasses of them."""
    if type(value) in _PLAIN:
        return True
    if isinstance(value, tuple | list | frozenset):
        return all(_spelled_out(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return all(f.repr and _spelled_out(getattr(value, f.name)) for f in dataclasses.fields(value))
    return False


def _digest(key: tuple):
    """The cache key Streamlit hashes: a digest of ``key`` where its repr is the whole of it, else ``key``.

    Streamlit hashes a nested tuple in Python, part by part (~5 ms a call at x100, several calls a
    run); frames are already replaced by their origin, so the key is nearly always plain values.
    """
    if _spelled_out(key):
        return hashlib.blake2b(repr(key).encode(), digest_size=20).hexdigest()
    return key


def _check_function(fn: Callable) -> str:
    code = getattr(fn, "__code__", None)
    name = f"{getattr(fn, '__module__', '?')}.{getattr(fn, '__qualname__', '?')}"
    # a decorated module-level function is a closure over the function it wraps, and its name still names it
    decorated = hasattr(fn, "__wrapped__") and getattr(sys.modules.get(fn.__module__), fn.__qualname__, None) is fn
    closure = code is not None and code.co_freevars and not decorated
    if fn.__name__ == "<lambda>" or "<locals>" in name or closure:
        raise MemoInputError(f"memo: {name} must be a module-level function (its inputs are its arguments)")
    return name


def memo(sources: dict[int, tuple], data_key: tuple, fn: Callable, *args, big: bool = False, **kwargs):
    """``fn(*args, **kwargs)`` once per distinct input, shared by every session: never mutate the result.

    The key is ``fn``'s name, the data versions and every argument, so no input can be
    forgotten: ``fn`` must be a module-level function (no lambda or closure), and each
    argument is either hashable (a year, a slider value, a :class:`~lib.i18n.Translator`)
    or a frame whose origin is known: one of the page's tables (``sources``, made by the
    frame) or the result of an earlier ``memo``. Use it through ``PageContext.memo``.

    Parameters
    ----------
    sources : dict
        ``id(frame) -> key part`` of the page's tables (filtered ones include the filters).
    data_key : tuple
        Database URL and version ids.
    fn : callable
        The computation.
    *args, **kwargs
        Its inputs.
    big : bool
        ``True`` for results of many MB (kept 16 at a time).
    """
    name = _check_function(fn)
    key = (
        name,
        data_key,
        tuple(_key_of(a, sources) for a in args),
        tuple(sorted((k, _key_of(v, sources)) for k, v in kwargs.items())),
    )
    result = (_memo_big if big else _memo)(_digest(key), fn, args, kwargs)
    if _known(result) is None:
        _remember(result, key)
    return result
