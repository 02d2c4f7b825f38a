"""Benchmark of the upload path: read + validate + import of a large survey wave.

Builds a survey file of ``--rows`` responses (default 200,000) by replicating
the bundled sample's answers under new response ids, written as Danish Excel
writes CSV (``;``, Windows-1252), and measures, on a fresh seeded SQLite
database per run:

- ``read``: ``lib.data.ingest.read_file`` (decode, detect, shape);
- ``prepare``: read + validate against the current tables + build the new version;
- ``commit``: ``store.import_frame`` (one transaction);
- ``validate_import``: prepare + commit, the whole path an editor waits for.

Prints one JSON line per measurement: ``{"name", "scale", "median_ms", "p95_ms", "rows_per_s", "cpu_ms"}``
(``scale`` is the number of rows in the file; ``cpu_ms`` the process CPU time, steadier than wall time on
a shared machine).

Run: ``.venv/bin/python -m bench.bench_import`` (``--rows``, ``--repeat``,
``--xlsx`` to add an XLSX file of ``--xlsx-rows`` rows).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

if __package__ in (None, ""):  # run as a script: make `lib` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lib.data import (
    export,
    ingest,
    store,
)
from lib.data import imports as dataops


def survey_file(n_rows: int, fmt: str = "csv") -> bytes:
    """``n_rows`` survey responses as a Danish Excel CSV (or XLSX) file."""
    sample = store.read_sample("survey_responses")
    reps = int(np.ceil(n_rows / len(sample)))
    frame = pd.concat([sample] * reps, ignore_index=True).head(n_rows).copy()
    frame["response_id"] = [f"B{i:07d}" for i in range(n_rows)]
    frame["survey_year"] = "2026"
    if fmt == "xlsx":
        return export.to_xlsx_bytes(frame, "survey")
    return frame.to_csv(sep=";", index=False, lineterminator="\r\n").encode("cp1252", errors="replace")


def _stats(name: str, scale: int, times: list[float], cpu: list[float]) -> dict:
    ms = sorted(t * 1000 for t in times)
    p95 = ms[min(len(ms) - 1, int(np.ceil(0.95 * len(ms))) - 1)]
    median = statistics.median(ms)
    return {
        "name": name,
        "scale": scale,
        "median_ms": round(median, 1),
        "p95_ms": round(p95, 1),
        "rows_per_s": round(scale / (median / 1000)) if median else None,
        # CPU time of this process: on a shared machine a steadier figure than wall time
        "cpu_ms": round(statistics.median(cpu) * 1000, 1),
    }


def run(n_rows: int, repeat: int, fmt: str) -> list[dict]:
    data = survey_file(n_rows, fmt)
    limits = ingest.ReadOptions(max_bytes=len(data) + 1, max_rows=n_rows + 10)
    times: dict[str, list[float]] = {"read": [], "prepare": [], "commit": [], "validate_import": []}
    cpu: dict[str, list[float]] = {name: [] for name in times}
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            engine = store.get_engine(f"sqlite:///{tmp}/bench.db")
            store.ensure_seeded(engine)
            t0, c0 = time.perf_counter(), time.process_time()
            ingest.read_file(data, "survey_responses", options=limits)
            times["read"].append(time.perf_counter() - t0)
            cpu["read"].append(time.process_time() - c0)
            t0, c0 = time.perf_counter(), time.process_time()
            prepared = dataops.prepare(engine, "survey_responses", data, source_file=f"bench.{fmt}", options=limits)
            t1, c1 = time.perf_counter(), time.process_time()
            assert prepared.ok, prepared.problems.head()
            dataops.commit(engine, prepared, editor="bench")
            t2, c2 = time.perf_counter(), time.process_time()
            times["prepare"].append(t1 - t0)
            times["commit"].append(t2 - t1)
            times["validate_import"].append(t2 - t0)
            cpu["prepare"].append(c1 - c0)
            cpu["commit"].append(c2 - c1)
            cpu["validate_import"].append(c2 - c0)
            engine.dispose()
    suffix = "" if fmt == "csv" else f"_{fmt}"
    return [_stats(f"import.{name}{suffix}", n_rows, ts, cpu[name]) for name, ts in times.items()]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--xlsx", action="store_true", help="also measure an XLSX file")
    parser.add_argument("--xlsx-rows", type=int, default=20_000)
    args = parser.parse_args(argv)
    for line in run(args.rows, args.repeat, "csv"):
        print(json.dumps(line), flush=True)
    if args.xlsx:
        for line in run(args.xlsx_rows, args.repeat, "xlsx"):
            print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
