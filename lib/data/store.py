"""Versioned storage of the six tables (SQLAlchemy; SQLite by default, PostgreSQL for deployments).

Every import writes a complete, immutable snapshot of one table as a new
version row; nothing is ever updated in place except the small pointer table
``atlas_current`` that names each table's current version. Rolling back writes
a new version (a copy of the chosen one) and an audit entry, so the history
only grows.

A snapshot is stored as one Parquet blob. The app always reads whole tables
into pandas, and one blob per version makes an import a single-row insert:
atomic, fast for 300,000 rows, and the same SQL on SQLite and PostgreSQL.

Concurrency: an import names the version it was based on; the pointer moves
only if it still points there (compare-and-set in the same transaction).
Two concurrent imports therefore end as one new version and one clear refusal,
never as a mix.
"""

from __future__ import annotations

import hashlib
import io
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from lib.errors import AtlasError
from lib.schema import TABLE_NAMES, TABLES

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DB_PATH = REPO_ROOT / ".atlas" / "atlas.db"
SAMPLE_DIR = REPO_ROOT / "data" / "sample"
# Tables in an order where references point backwards, for seeding.
SEED_ORDER = ("codebook", "areas", "centres", "survey_responses", "actors", "ties")

metadata = sa.MetaData()

versions = sa.Table(
    "atlas_versions",
    metadata,
    sa.Column("version_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("table_name", sa.String(40), nullable=False, index=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("editor", sa.String(200), nullable=False),
    sa.Column("source_file", sa.String(300), nullable=False),
    sa.Column("action", sa.String(20), nullable=False),  # seed | import | rollback
    sa.Column("n_rows", sa.Integer, nullable=False),
    sa.Column("checksum", sa.String(64), nullable=False),
    sa.Column("is_sample", sa.Boolean, nullable=False, default=False),
    sa.Column("based_on", sa.Integer, nullable=True),
    sa.Column("payload", sa.LargeBinary, nullable=False),
)

current = sa.Table(
    "atlas_current",
    metadata,
    sa.Column("table_name", sa.String(40), primary_key=True),
    sa.Column("version_id", sa.Integer, sa.ForeignKey("atlas_versions.version_id"), nullable=False),
)

# Tables computed from versions (area status, the all-centre network comparison, ...), stored once per
# combination of input versions so that a new server or replica reads them instead of recomputing.
# ``inputs`` names the versions, e.g. "actors=4,centres=2,ties=7"; a new version means a new row.
derived = sa.Table(
    "atlas_derived",
    metadata,
    sa.Column("name", sa.String(80), primary_key=True),
    sa.Column("inputs", sa.String(300), primary_key=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("seconds", sa.Float, nullable=False),
    sa.Column("payload", sa.LargeBinary, nullable=False),
)

audit = sa.Table(
    "atlas_audit",
    metadata,
    sa.Column("event_id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("editor", sa.String(200), nullable=False),
    sa.Column("action", sa.String(20), nullable=False),
    sa.Column("table_name", sa.String(40), nullable=False),
    sa.Column("version_id", sa.Integer, nullable=True),
    sa.Column("detail", sa.String(500), nullable=False, default=""),
)

# Saved column mappings ("import profiles", lib.data.mapping): a name, its table and the mapping as JSON.
profiles = sa.Table(
    "atlas_profiles",
    metadata,
    sa.Column("name", sa.String(100), primary_key=True),
    sa.Column("table_name", sa.String(40), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("editor", sa.String(200), nullable=False),
    sa.Column("body", sa.Text, nullable=False),
)


@dataclass(frozen=True)
class VersionInfo:
    """What the app shows about a version (everything but the data)."""

    version_id: int
    table_name: str
    created_at: datetime
    editor: str
    source_file: str
    action: str
    n_rows: int
    checksum: str
    is_sample: bool
    based_on: int | None


_INFO_COLUMNS = [c for c in versions.columns if c.name != "payload"]


def database_url(url: str | None = None) -> str:
    """The database URL in force: argument, then ``ATLAS_DATABASE_URL``, then the local SQLite file."""
    if url:
        return url
    env = os.environ.get("ATLAS_DATABASE_URL", "").strip()
    if env:
        return env
    return f"sqlite:///{DEFAULT_DB_PATH}"


def get_engine(url: str | None = None) -> sa.Engine:
    """Create an engine and the tables if they are missing.

    SQLite gets WAL mode and a busy timeout so that readers never block the
    one writer and two writers wait for each other instead of failing.
    """
    url = database_url(url)
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":

        @sa.event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):
            cur = dbapi_connection.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

    if engine.dialect.name == "postgresql":
        # Replicas starting together would race on CREATE TABLE (duplicate pg_type rows); an
        # advisory lock held for this transaction lets one create and the others find the tables.
        with engine.begin() as conn:
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(726201)"))
            metadata.create_all(conn, checkfirst=True)
    else:
        metadata.create_all(engine, checkfirst=True)
    return engine


def frame_checksum(frame: pd.DataFrame) -> str:
    """SHA-256 of the column names and pandas' hash of every row's values: equal data, equal checksum.

    The same whether text is held as Python objects or Arrow strings (a version read back from
    Parquet). Writing the frame as CSV first took 1.8 s at 200,000 responses; versions stored
    before 2026-12 carry that older checksum.
    """
    digest = hashlib.sha256("\x1f".join(map(str, frame.columns)).encode("utf-8"))
    digest.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    return digest.hexdigest()


def _to_blob(frame: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    frame.to_parquet(buf, index=False, compression="zstd")
    return buf.getvalue()


def _from_blob(blob: bytes) -> pd.DataFrame:
    return pd.read_parquet(io.BytesIO(blob))


def _check_table(table: str) -> None:
    if table not in TABLES:
        raise AtlasError("store.unknown_table", table=table)


_UNSET = object()


def import_frame(
    engine: sa.Engine,
    table: str,
    frame: pd.DataFrame,
    *,
    editor: str,
    source_file: str,
    based_on=_UNSET,
    action: str = "import",
    is_sample: bool = False,
) -> int:
    """Store ``frame`` as a new version of ``table`` and make it current, in one transaction.

    Parameters
    ----------
    frame : DataFrame
        A frame validated by ``lib.schema.validate`` (canonical columns, in order).
    based_on : int or None, optional
        The current version the caller saw. If the pointer has moved since,
        nothing is written and ``AtlasError("store.concurrent_import")`` is
        raised. Default: whatever is current when the transaction starts.

    Returns
    -------
    int
        The new version id.
    """
    _check_frame(table, frame)
    now = datetime.now(UTC)
    with engine.begin() as conn:
        return _write_version(
            conn,
            table,
            frame,
            based_on,
            now=now,
            editor=editor,
            source_file=source_file,
            action=action,
            is_sample=is_sample,
        )


def _check_frame(table: str, frame: pd.DataFrame) -> None:
    _check_table(table)
    if list(frame.columns) != TABLES[table].names:
        raise AtlasError("store.invalid_frame", table=table, n=1)


def _write_version(
    conn,
    table: str,
    frame: pd.DataFrame,
    based_on,
    *,
    now,
    editor: str,
    source_file: str,
    action: str,
    is_sample: bool = False,
) -> int:
    """Insert the version, move the table's pointer from ``based_on`` to it, audit it (inside ``conn``'s transaction).

    The pointer moves only if it is still at ``based_on`` (``_UNSET``: wherever it is now);
    otherwise ``store.concurrent_import`` and the caller's transaction is rolled back.
    """
    seen = conn.execute(sa.select(current.c.version_id).where(current.c.table_name == table)).scalar()
    if based_on is _UNSET:
        based_on = seen
    if seen != based_on:
        raise AtlasError("store.concurrent_import", table=table)
    with ThreadPoolExecutor(max_workers=1) as pool:  # Arrow writes Parquet without the GIL: hash meanwhile
        blob = pool.submit(_to_blob, frame)
        checksum = frame_checksum(frame)
        payload = blob.result()
    new_id = conn.execute(
        versions.insert().values(
            table_name=table,
            created_at=now,
            editor=editor[:200],
            source_file=source_file[:300],
            action=action,
            n_rows=len(frame),
            checksum=checksum,
            is_sample=is_sample,
            based_on=based_on,
            payload=payload,
        )
    ).inserted_primary_key[0]
    if based_on is None:
        try:
            with conn.begin_nested():
                conn.execute(current.insert().values(table_name=table, version_id=new_id))
        except sa.exc.IntegrityError as err:
            raise AtlasError("store.concurrent_import", table=table) from err
    else:
        moved = conn.execute(
            current.update()
            .where(current.c.table_name == table, current.c.version_id == based_on)
            .values(version_id=new_id)
        ).rowcount
        if moved != 1:
            raise AtlasError("store.concurrent_import", table=table)
    conn.execute(
        audit.insert().values(
            at=now,
            editor=editor[:200],
            action=action,
            table_name=table,
            version_id=new_id,
            detail=f"{source_file[:300]}; {len(frame)} rows; based on {based_on}",
        )
    )
    return int(new_id)


def current_versions(engine: sa.Engine) -> dict[str, VersionInfo]:
    """Info on the current version of every table that has one."""
    query = sa.select(*_INFO_COLUMNS).join(current, current.c.version_id == versions.c.version_id)
    with engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    return {r["table_name"]: VersionInfo(**r) for r in rows}


def current_version_ids(engine: sa.Engine) -> dict[str, int]:
    """``{table: version_id}``: cheap, read on every page run to key the caches."""
    with engine.connect() as conn:
        rows = conn.execute(sa.select(current.c.table_name, current.c.version_id)).all()
    return {name: int(vid) for name, vid in rows}


def read_version(engine: sa.Engine, version_id: int) -> pd.DataFrame:
    """The data of one version."""
    with engine.connect() as conn:
        row = conn.execute(
            sa.select(versions.c.payload, versions.c.table_name).where(versions.c.version_id == int(version_id))
        ).first()
    if row is None:
        raise AtlasError("store.unknown_version", version=version_id, table="?")
    return _from_blob(row.payload)


def read_current(engine: sa.Engine, table: str) -> pd.DataFrame | None:
    """The current version of ``table``, or None when it has none yet."""
    _check_table(table)
    ids = current_version_ids(engine)
    return read_version(engine, ids[table]) if table in ids else None


def list_versions(engine: sa.Engine, table: str) -> pd.DataFrame:
    """All versions of ``table``, newest first, with an ``is_current`` column."""
    _check_table(table)
    query = sa.select(*_INFO_COLUMNS).where(versions.c.table_name == table).order_by(versions.c.version_id.desc())
    with engine.connect() as conn:
        frame = pd.DataFrame(conn.execute(query).mappings().all(), columns=[c.name for c in _INFO_COLUMNS])
    frame["is_current"] = frame["version_id"] == current_version_ids(engine).get(table)
    return frame


def rollback(engine: sa.Engine, table: str, version_id: int, *, editor: str) -> int:
    """Make an earlier version current again by writing a copy of it as a new version.

    Returns the id of the new version. The rolled-back-from version stays in the history.
    """
    _check_table(table)
    with engine.connect() as conn:
        row = (
            conn.execute(
                sa.select(versions).where(versions.c.version_id == int(version_id), versions.c.table_name == table)
            )
            .mappings()
            .first()
        )
    if row is None:
        raise AtlasError("store.unknown_version", version=version_id, table=table)
    frame = _from_blob(row["payload"])
    return import_frame(
        engine,
        table,
        frame,
        editor=editor,
        source_file=f"rollback to v{version_id} ({row['source_file']})",
        action="rollback",
        is_sample=bool(row["is_sample"]),
    )


def audit_log(engine: sa.Engine, table: str | None = None) -> pd.DataFrame:
    """Audit events, newest first."""
    query = sa.select(audit).order_by(audit.c.event_id.desc())
    if table:
        query = query.where(audit.c.table_name == table)
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(query).mappings().all(), columns=[c.name for c in audit.columns])


def diff_counts(old: pd.DataFrame | None, new: pd.DataFrame, table: str) -> dict[str, int]:
    """Rows added, removed, changed and unchanged between two versions, matched on the table's key."""
    key = list(TABLES[table].key)
    if old is None or old.empty:
        return {"added": len(new), "removed": 0, "changed": 0, "unchanged": 0}
    cols = TABLES[table].names
    a = old[cols].astype("string").fillna("\x00").set_index(key)
    a = a[~a.index.duplicated()]
    # only rows whose key the old version has can be changed: the others (200,000 new survey
    # answers) are counted by key alone instead of being turned into text column by column
    b_keys = pd.MultiIndex.from_frame(new[key].astype("string").fillna("\x00"))
    b_keys = b_keys.get_level_values(0) if len(key) == 1 else b_keys
    known = b_keys.isin(a.index)
    b = new.loc[known, cols].astype("string").fillna("\x00").set_index(key)
    b = b[~b.index.duplicated()]
    both = a.index.intersection(b.index)
    changed = int((a.loc[both] != b.loc[both]).any(axis=1).sum()) if len(both) else 0
    distinct_new = b_keys.unique()
    return {
        "added": int(len(distinct_new) - len(both)),
        "removed": int(len(a.index.difference(distinct_new))),
        "changed": changed,
        "unchanged": int(len(both) - changed),
    }


def read_sample(table: str, directory: Path = SAMPLE_DIR) -> pd.DataFrame:
    """Read one bundled sample CSV as written by ``lib.data.sample.write``."""
    return pd.read_csv(directory / f"{table}.csv", encoding="utf-8", dtype=str, keep_default_na=False)


def ensure_seeded(engine: sa.Engine, directory: Path = SAMPLE_DIR) -> list[str]:
    """Load the bundled sample into every table that has no version yet.

    Returns the tables seeded. Safe to call from several processes at once: a
    table seeded meanwhile by another process is skipped.
    """
    from lib.schema import validate

    have = current_version_ids(engine)
    seeded = []
    loaded: dict[str, pd.DataFrame] = {}
    for table in SEED_ORDER:
        if table in have:
            continue
        raw = read_sample(table, directory)
        others = {name: loaded.get(name) if name in loaded else None for name in TABLE_NAMES}
        clean, problems = validate(table, raw, others={k: v for k, v in others.items() if v is not None})
        if not problems.empty:
            first = problems.iloc[0]
            raise RuntimeError(f"bundled sample {table} is invalid: row {first['row']} {first['message_en']}")
        loaded[table] = clean
        try:
            import_frame(
                engine,
                table,
                clean,
                editor="system",
                source_file=f"data/sample/{table}.csv",
                based_on=None,
                action="seed",
                is_sample=True,
            )
            seeded.append(table)
        except AtlasError:
            continue  # another process seeded it first
    return seeded


def read_all_current(engine: sa.Engine) -> dict[str, pd.DataFrame]:
    """Every table's current version (tables without one are left out)."""
    return {table: read_version(engine, vid) for table, vid in current_version_ids(engine).items()}


def import_frames(
    engine: sa.Engine,
    frames: dict[str, tuple[pd.DataFrame, int | None]],
    *,
    editor: str,
    source_file: str,
    action: str = "import",
) -> dict[str, int]:
    """Store several tables' new versions in one transaction (a network workbook: actors and ties).

    ``frames`` maps each table to ``(frame, based_on)``; if any table's pointer moved since
    ``based_on``, nothing at all is written (``store.concurrent_import``). Returns the new
    version ids.
    """
    for table, (frame, _) in frames.items():
        _check_frame(table, frame)
    now = datetime.now(UTC)
    with engine.begin() as conn:
        return {
            table: _write_version(
                conn, table, frame, based_on, now=now, editor=editor, source_file=source_file, action=action
            )
            for table, (frame, based_on) in frames.items()
        }


# --- derived tables ----------------------------------------------------------------------------------


def derived_inputs(ids: dict[str, int], tables, params: str = "") -> str:
    """The ``inputs`` key of a derived table: the versions of the ``tables`` it reads (and its parameters).

    Examples
    --------
    >>> derived_inputs({"ties": 7, "actors": 4, "areas": 1}, ("actors", "ties"), "year=2025")
    'actors=4,ties=7;year=2025'
    """
    key = ",".join(f"{name}={ids.get(name, 0)}" for name in sorted(tables))
    return f"{key};{params}" if params else key


def read_derived(engine: sa.Engine, name: str, inputs: str) -> pd.DataFrame | None:
    """A stored derived table, or None when it has not been computed for these inputs."""
    with engine.connect() as conn:
        blob = conn.execute(
            sa.select(derived.c.payload).where(derived.c.name == name, derived.c.inputs == inputs)
        ).scalar()
    return None if blob is None else _from_blob(blob)


def write_derived(engine: sa.Engine, name: str, inputs: str, frame: pd.DataFrame, *, seconds: float = 0.0) -> bool:
    """Store a derived table; False when another process stored it first (same inputs give the same table).

    Rows of the same ``name`` for other inputs are removed: a version once replaced never
    becomes current again (a rollback writes a new version), so they would only take space.
    """
    blob = _to_blob(frame)
    try:
        with engine.begin() as conn:
            conn.execute(derived.delete().where(derived.c.name == name, derived.c.inputs != inputs))
            conn.execute(
                derived.insert().values(
                    name=name[:80], inputs=inputs[:300], created_at=datetime.now(UTC), seconds=seconds, payload=blob
                )
            )
    except sa.exc.IntegrityError:
        return False
    return True


def list_derived(engine: sa.Engine) -> pd.DataFrame:
    """What is stored: ``name, inputs, created_at, seconds, bytes`` (for the CLI and the benchmarks)."""
    query = sa.select(
        derived.c.name,
        derived.c.inputs,
        derived.c.created_at,
        derived.c.seconds,
        sa.func.length(derived.c.payload).label("bytes"),
    ).order_by(derived.c.name)
    with engine.connect() as conn:
        return pd.DataFrame(
            conn.execute(query).mappings().all(), columns=["name", "inputs", "created_at", "seconds", "bytes"]
        )
