"""Preparing and committing an import: file -> checked new version, all or nothing.

``prepare`` reads a file (``lib.data.ingest``), validates it against the current
versions of the other tables (``lib.schema.validate``), builds the complete
new version of the table and counts what changes; nothing is written. Only a
``Prepared`` without problems can be committed.

Confirming is a compare-and-set: the preview records the version it was computed on
(``Prepared.based_on``), and ``commit`` writes only if that version is still the
current one, in the same transaction that moves the pointer
(``store.import_frame(based_on=...)``). If someone else changed the table in the
meantime (another editor in the app, the CLI), nothing is written and
``AtlasError("data.err.changed_meanwhile")`` says so; the caller prepares the file
again against the new version and shows that preview.

Import modes:

- ``append`` (survey responses, always): the file is a new wave added to the
  current responses; a response id that exists already is a problem.
- ``upsert`` (default for the other tables): rows with a new key are added,
  rows whose key exists replace that row, rows not in the file stay. This is
  what "replace by key" means for areas (a new year) and the codebook (new or
  reworded codes).
- ``replace``: the file becomes the whole table; rows still referenced by
  another table may not disappear.
"""

from __future__ import annotations

import gc
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import sqlalchemy as sa

from lib.data import derived, ingest, store
from lib.errors import PROBLEM_COLUMNS, AtlasError, problem
from lib.i18n import t
from lib.schema import TABLES, validate

MODES = ("append", "upsert", "replace")


_GC_LOCK = threading.Lock()
_GC_DEPTH = 0
_GC_WAS_ON = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while a large file is read and checked; restored afterwards.

    Reading a 200,000-row export makes millions of small lists and strings (no cycles); the
    collector would walk them again and again (a quarter of the import's time). Counted, so
    overlapping imports in two sessions turn it back on only when the last one ends, and only
    if it was on before.
    """
    global _GC_DEPTH, _GC_WAS_ON
    with _GC_LOCK:
        if _GC_DEPTH == 0:
            _GC_WAS_ON = gc.isenabled()
            gc.disable()
        _GC_DEPTH += 1
    try:
        yield
    finally:
        with _GC_LOCK:
            _GC_DEPTH -= 1
            if _GC_DEPTH == 0 and _GC_WAS_ON:
                gc.enable()


def modes_for(table: str) -> tuple[str, ...]:
    """Import modes offered for ``table`` (the first is the default)."""
    return ("append",) if table == "survey_responses" else ("upsert", "replace")


@dataclass
class Prepared:
    """A checked import waiting for confirmation."""

    table: str
    mode: str
    source_file: str
    report: ingest.ReadReport
    upload: pd.DataFrame  # the file's rows, validated (canonical columns and types)
    result: pd.DataFrame  # the complete new version, ready for store.import_frame
    problems: pd.DataFrame  # PROBLEM_COLUMNS; empty when the import may go ahead
    based_on: int | None  # current version id when checked
    diff: dict = field(default_factory=dict)  # added, removed, changed, unchanged (vs current)
    n_before: int = 0
    timings: dict = field(default_factory=dict)
    token: str = field(default_factory=lambda: secrets.token_hex(8))  # names this preview (the confirm button's)
    # the column mapping, each centre's area, warnings that do not block (lib.data.keys.read_mapped)
    extras: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Whether the import may go ahead (no problems)."""
        return self.problems.empty

    @property
    def n_rows(self) -> int:
        """Rows in the uploaded file."""
        return len(self.upload)


def current_state(engine: sa.Engine) -> tuple[dict[str, int], dict[str, pd.DataFrame]]:
    """Current version ids and frames of all tables."""
    ids = store.current_version_ids(engine)
    return ids, {name: store.read_version(engine, vid) for name, vid in ids.items()}


def _key_frame(frame: pd.DataFrame, key: list[str]) -> pd.Series:
    if len(key) == 1:
        return frame[key[0]].astype("string")
    return frame[key].astype("string").fillna("").agg("\x1f".join, axis=1)


def merge(table: str, mode: str, current: pd.DataFrame | None, upload: pd.DataFrame) -> pd.DataFrame:
    """The complete new version of ``table`` from the current one and the validated upload.

    Examples
    --------
    >>> old = pd.DataFrame({"code": ["a", "b"], "kind": ["advantage"] * 2, "label_da": ["x", "y"],
    ...                     "label_en": ["x", "y"], "description": [None, None]})
    >>> new = pd.DataFrame({"code": ["b", "c"], "kind": ["advantage"] * 2, "label_da": ["Y", "z"],
    ...                     "label_en": ["Y", "z"], "description": [None, None]})
    >>> merge("codebook", "upsert", old, new)["code"].tolist()
    ['a', 'b', 'c']
    """
    if mode not in MODES:
        raise AtlasError("data.err.bad_mode", mode=str(mode)[:20])
    cols = TABLES[table].names
    if current is None or current.empty or mode == "replace":
        return upload[cols].reset_index(drop=True)
    current = current[cols]
    if mode == "append":
        return _concat(current, upload[cols])
    key = list(TABLES[table].key)
    new_keys = pd.Index(_key_frame(upload, key))
    old_keys = _key_frame(current, key)
    replaced = old_keys.isin(new_keys)
    # Replaced rows take the place of the old ones, so a table keeps its order.
    kept = current.copy()
    position = pd.Series(np.arange(len(current), dtype=float), index=current.index)
    upload_pos = pd.Series(len(current) + np.arange(len(upload), dtype=float), index=upload.index)
    old_pos = dict(zip(old_keys[replaced], position[replaced], strict=False))
    upload_keys = _key_frame(upload, key)
    upload_pos = pd.Series(
        [old_pos.get(k, p) for k, p in zip(upload_keys, upload_pos, strict=True)], index=upload.index
    )
    kept = kept[~replaced.to_numpy()]
    frame = _concat(kept, upload[cols])
    order = np.concatenate([position[~replaced.to_numpy()].to_numpy(), upload_pos.to_numpy()])
    return frame.iloc[np.argsort(order, kind="stable")].reset_index(drop=True)


def _concat(a: pd.DataFrame, b: pd.DataFrame) -> pd.DataFrame:
    if a.empty:
        return b.reset_index(drop=True)
    if b.empty:
        return a.reset_index(drop=True)
    out = pd.concat([a, b], ignore_index=True)
    # keep the schema's dtypes where one side had all-missing object columns
    for col in a.columns:
        if a[col].dtype != out[col].dtype and str(a[col].dtype) in ("Int64", "boolean", "float64"):
            try:
                out[col] = out[col].astype(a[col].dtype)
            except (TypeError, ValueError):  # mixed values: keep the upload's own type
                continue
    return out


def _reverse_reference_problems(table: str, result: pd.DataFrame, others: dict[str, pd.DataFrame]) -> list[dict]:
    """Keys that the new version drops but another table still points to."""
    problems = []
    for other_name, other_spec in TABLES.items():
        other = others.get(other_name)
        if other is None or other_name == table:
            continue
        for ref in other_spec.references:
            if ref.table != table:
                continue
            used = other[ref.column].dropna().astype(str)
            missing = used[~used.isin(set(result[ref.target].dropna().astype(str)))]
            for value, n in missing.value_counts().head(50).items():
                problems.append(
                    problem(table, None, ref.target, value, "data.err.still_referenced", table=other_name, n=int(n))
                )
    if table == "codebook" and others.get("survey_responses") is not None:
        responses = others["survey_responses"]
        for column, kind in (("advantages", "advantage"), ("drawbacks", "drawback")):
            used = responses[column].fillna("").astype(str).str.split(";").explode()
            used = used[used != ""]
            valid = set(result.loc[result["kind"] == kind, "code"])
            for value, n in used[~used.isin(valid)].value_counts().head(50).items():
                problems.append(
                    problem(table, None, "code", value, "data.err.still_referenced", table="survey_responses", n=int(n))
                )
    return problems


def prepare_frame(
    engine: sa.Engine,
    table: str,
    read: ingest.ReadResult,
    *,
    source_file: str,
    mode: str | None = None,
    state: tuple[dict[str, int], dict[str, pd.DataFrame]] | None = None,
) -> Prepared:
    """Validate an already-read file and build the new version (no writing)."""
    started = time.perf_counter()
    allowed = modes_for(table)
    mode = mode or allowed[0]
    if mode not in allowed:
        raise AtlasError("data.err.bad_mode", mode=str(mode)[:20])
    ids, frames = state if state is not None else current_state(engine)
    others = {k: v for k, v in frames.items() if k != table}
    current = frames.get(table)
    # references (e.g. a response's centre and codes) are checked against the current other tables
    upload, problems = validate(table, read.frame, others=others, row_numbers=read.rows)
    extra: list[dict] = []
    rows = pd.Series(np.asarray(read.rows), index=upload.index)
    if mode == "append" and current is not None and not current.empty:
        key = TABLES[table].key[0]
        exists = upload[key].notna() & upload[key].isin(set(current[key].astype(str)))
        for i in np.flatnonzero(exists.to_numpy()):
            extra.append(
                problem(
                    table, int(rows.iloc[i]), key, upload[key].iloc[i], "data.err.response_exists", version=ids[table]
                )
            )
    all_problems = [p for p in (read.problems, problems, pd.DataFrame(extra, columns=PROBLEM_COLUMNS)) if not p.empty]
    result = merge(table, mode, current, upload) if not all_problems else upload
    if not all_problems and mode == "replace":
        extra = _reverse_reference_problems(table, result, others)
        if extra:
            all_problems.append(pd.DataFrame(extra, columns=PROBLEM_COLUMNS))
    combined = pd.concat(all_problems, ignore_index=True) if all_problems else pd.DataFrame(columns=PROBLEM_COLUMNS)
    if not combined.empty:
        combined["row"] = combined["row"].astype("Int64")
        # one problem per cell: a name the look-up could not match (with its suggestion) is not
        # reported a second time by the reference check
        combined = combined[~combined.duplicated(["row", "column", "value"], keep="first")]
        combined = combined.sort_values(["row", "column"], kind="stable", na_position="first").reset_index(drop=True)
    diff = store.diff_counts(current, result, table) if combined.empty else {}
    return Prepared(
        table=table,
        mode=mode,
        source_file=source_file,
        report=read.report,
        upload=upload,
        result=result,
        problems=combined,
        based_on=ids.get(table),
        diff=diff,
        n_before=0 if current is None else len(current),
        timings={"validate_s": time.perf_counter() - started},
    )


def prepare(
    engine: sa.Engine,
    table: str,
    source,
    *,
    source_file: str,
    mode: str | None = None,
    options: ingest.ReadOptions | None = None,
    progress: Callable[[str, dict], None] | None = None,
    choices=None,
    boundaries=None,
) -> Prepared:
    """Read ``source`` (bytes or path) for ``table`` and check it; nothing is written.

    Parameters
    ----------
    progress : callable, optional
        Called as ``progress(step, info)`` with step ``"read"`` and ``"validate"``
        so a page can show progress for large files.
    choices : lib.data.mapping.Choices, optional
        The editor's column mapping and area distance (default: recognise the headers).
    boundaries : GeoDataFrame, optional
        Area boundaries: a centre inside one gets its area.

    Raises
    ------
    AtlasError
        When the file cannot be read at all (see ``lib.data.ingest``).
    """
    if table not in TABLES:
        raise AtlasError("store.unknown_table", table=str(table)[:40])
    if progress:
        progress("read", {})
    started = time.perf_counter()
    from lib.data import keys  # natural keys and the mapping step need the current tables

    state = current_state(engine)
    with gc_paused():
        read, extras = keys.read_mapped(
            table, source, state[1], options=options, choices=choices, boundaries=boundaries
        )
        read_s = time.perf_counter() - started
        if progress:
            progress("validate", {"n": len(read.frame)})
        prepared = prepare_frame(engine, table, read, source_file=source_file, mode=mode, state=state)
        prepared.extras = extras
        if prepared.ok:  # what the new version would leave pointing at nothing in other tables
            from lib.data import integrity

            extras["integrity"] = integrity.after_change(state[1], table, prepared.result)
    prepared.timings["read_s"] = read_s
    return prepared


def is_stale(engine: sa.Engine, prepared: Prepared) -> bool:
    """Whether the table has a newer version than the one ``prepared`` was computed on."""
    return store.current_version_ids(engine).get(prepared.table) != prepared.based_on


def commit(engine: sa.Engine, prepared: Prepared, *, editor: str) -> int:
    """Write a checked import as the new current version, all or nothing, if its base is still current.

    Raises
    ------
    AtlasError
        ``data.err.has_problems`` if the import has problems;
        ``data.err.changed_meanwhile`` if the table changed since ``prepare`` (nothing written).

    Examples
    --------
    >>> prepared = prepare(engine, "codebook", path, source_file="c.csv")  # doctest: +SKIP
    >>> # ... another editor imports a codebook here ...
    >>> commit(engine, prepared, editor="Anna")  # doctest: +SKIP
    Traceback (most recent call last):
    AtlasError: data.err.changed_meanwhile ...
    """
    if not prepared.ok:
        raise AtlasError("data.err.has_problems", n=len(prepared.problems))
    try:
        version = store.import_frame(
            engine,
            prepared.table,
            prepared.result[TABLES[prepared.table].names],
            editor=editor,
            source_file=prepared.source_file,
            based_on=prepared.based_on,
            action="import",
        )
    except AtlasError as err:
        if err.key != "store.concurrent_import":
            raise
        current = store.current_version_ids(engine).get(prepared.table)
        raise AtlasError(
            "data.err.changed_meanwhile",
            table=prepared.table,
            base=prepared.based_on if prepared.based_on is not None else "-",
            current=current if current is not None else "-",
        ) from err
    derived.refresh(engine)  # per-version tables (area status, network comparison) computed once, here
    return version


def rollback(engine: sa.Engine, table: str, version_id: int, *, editor: str) -> int:
    """``store.rollback`` (``version_id`` current again, as a new version), then the derived tables.

    The new version's derived tables (area status, network comparison) are computed here, as
    :func:`commit` does for an import, not by the first page view after it.
    """
    version = store.rollback(engine, table, version_id, editor=editor)
    derived.refresh(engine)
    return version


def problems_for_display(problems: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The problem list with translated headers and messages in ``lang``: row, column, value, message."""
    message = problems["message_da" if lang == "da" else "message_en"]
    return pd.DataFrame(
        {
            t("data.col_row", lang): problems["row"].astype("Int64"),
            t("data.col_column", lang): problems["column"].astype(str),
            t("data.col_value", lang): problems["value"].astype(str),
            t("data.col_message", lang): message.astype(str),
        }
    )


def versions_with_diffs(engine: sa.Engine, table: str, *, limit: int = 50) -> pd.DataFrame:
    """``store.list_versions`` plus diff counts of each version against the one before it.

    Only the newest ``limit`` versions get counts (each needs two versions read).
    """
    frame = store.list_versions(engine, table)
    if frame.empty:
        return frame.assign(
            added=pd.Series(dtype="Int64"), removed=pd.Series(dtype="Int64"), changed=pd.Series(dtype="Int64")
        )
    ids = frame["version_id"].tolist()  # newest first
    cache: dict[int, pd.DataFrame] = {}

    def load(vid):
        if vid not in cache:
            cache[vid] = store.read_version(engine, vid)
        return cache[vid]

    counts = []
    for pos, vid in enumerate(ids):
        if pos >= limit:
            counts.append({})
            continue
        prev = ids[pos + 1] if pos + 1 < len(ids) else None
        counts.append(store.diff_counts(load(prev) if prev is not None else None, load(vid), table))
        if prev is not None and pos + 1 >= limit:
            cache.pop(prev, None)
    for name in ("added", "removed", "changed"):
        frame[name] = pd.array([c.get(name) for c in counts], dtype="Int64")
    return frame
