"""Scaled databases for the benchmarks: the sample repeated x1, x10, x100.

``lib.data.sample.generate(scale=k)`` repeats the real places k times with the same
distributions; here each table is validated exactly as an upload would be and
stored with ``lib.data.store.import_frame``, so the app reads a database that looks
like a real deployment's. Building x100 takes a few minutes, so finished files
are reused: a small JSON file next to each database records seed, scale, a hash
of lib/data/sample.py and row counts; a database without it, or built by another
version of the generator, is rebuilt.

Run: ``.venv/bin/python -m bench.scale 1 10 100`` (prints one JSON line per database).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `lib` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lib import schema
from lib.data import (
    derived,
    sample,
    store,
)

# Outside the repo: the x100 file is tens of MB and must never be committed.
DEFAULT_DIR = Path(os.environ.get("ATLAS_BENCH_DIR", "/tmp/atlas_bench"))
SCALES = (1, 10, 100)


def db_path(scale: int, directory: Path = DEFAULT_DIR) -> Path:
    """Where the database of one scale lives."""
    return directory / f"atlas_x{scale}.db"


def db_url(scale: int, directory: Path = DEFAULT_DIR) -> str:
    """SQLAlchemy URL of the database of one scale."""
    return f"sqlite:///{db_path(scale, directory)}"


def _meta_path(path: Path) -> Path:
    return path.with_suffix(".json")


def generator_fingerprint() -> str:
    """Hash of lib/data/sample.py: a changed generator invalidates the stored databases."""
    return hashlib.sha256(Path(sample.__file__).read_bytes()).hexdigest()[:12]


def build_frames(scale: int, seed: int = sample.DEFAULT_SEED) -> dict:
    """Generate and validate all six tables at ``scale``; raise if the generator produced invalid rows."""
    raw = sample.generate(seed=seed, scale=scale)
    clean: dict = {}
    for table in store.SEED_ORDER:
        frame, problems = schema.validate(table, raw[table], others=clean)
        if not problems.empty:
            first = problems.iloc[0]
            raise RuntimeError(
                f"x{scale} {table}: {len(problems)} problems, first: row {first['row']} {first['message_en']}"
            )
        clean[table] = frame
    return clean


def write_db(frames: dict, url: str, *, source: str) -> None:
    """Store ``frames`` as the first version of each table (marked as sample data)."""
    engine = store.get_engine(url)
    try:
        for table in store.SEED_ORDER:
            store.import_frame(
                engine,
                table,
                frames[table],
                editor="bench",
                source_file=source,
                based_on=None,
                action="seed",
                is_sample=True,
            )
        derived.refresh(engine)  # as lib.data.imports.commit does after an import
    finally:
        engine.dispose()


def ensure_db(
    scale: int, directory: Path = DEFAULT_DIR, *, seed: int = sample.DEFAULT_SEED, rebuild: bool = False
) -> dict:
    """Build the database of ``scale`` unless an identical one exists; return its metadata.

    The metadata has ``scale``, ``seed``, ``url``, ``rows`` (per table), ``area_years``
    and ``build_s`` (seconds the build took; 0 when reused).
    """
    path = db_path(scale, directory)
    meta_file = _meta_path(path)
    if not rebuild and path.exists() and meta_file.exists():
        meta = json.loads(meta_file.read_text())
        if meta.get("seed") == seed and meta.get("scale") == scale and meta.get("generator") == generator_fingerprint():
            engine = store.get_engine(db_url(scale, directory))
            try:  # a database built before the derived tables existed gets them now, once
                derived.refresh(engine)
            finally:
                engine.dispose()
            return {**meta, "url": db_url(scale, directory), "build_s": 0.0}
    directory.mkdir(parents=True, exist_ok=True)
    for stale in (path, meta_file, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        stale.unlink(missing_ok=True)
    t0 = time.perf_counter()
    frames = build_frames(scale, seed)
    t_gen = time.perf_counter() - t0
    write_db(frames, db_url(scale, directory), source=f"bench x{scale} (lib.data.sample seed {seed})")
    meta = {
        "scale": scale,
        "seed": seed,
        "generator": generator_fingerprint(),
        "rows": {name: int(len(frame)) for name, frame in frames.items()},
        "area_years": int(len(frames["areas"])),
        "areas": int(frames["areas"]["area_id"].nunique()),
        "generate_validate_s": round(t_gen, 1),
        "build_s": round(time.perf_counter() - t0, 1),
        "db_mb": round(path.stat().st_size / 1e6, 1),
    }
    meta_file.write_text(json.dumps(meta, indent=1))
    return {**meta, "url": db_url(scale, directory)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scales", nargs="*", type=int, default=list(SCALES))
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args(argv)
    for k in args.scales:
        meta = ensure_db(k, args.dir, rebuild=args.rebuild)
        print(json.dumps({"name": "scale_db", **meta}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
