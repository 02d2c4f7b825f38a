"""Benchmark of lib.analysis.network on one area's network of 2,000 actors and 10,000 ties.

Prints one JSON line per measurement: ``{"name", "scale", "median_ms", "p95_ms", "cpu_median_ms"}``
(wall-clock median and 95th percentile; CPU time of this process, which stays meaningful
when other jobs share the machine).
The issue's target: ``network.actor_metrics`` under 1,000 ms at this size.

Run: ``.venv/bin/python -m bench.bench_network`` (or ``.venv/bin/python bench/bench_network.py``);
``--actors``/``--ties``/``--repeat`` change the size and the number of runs; ``--quick`` does 3 runs.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

if __package__ in (None, ""):  # run as a script: make `lib` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lib.analysis import network

SECTORS = ("municipal", "housing_social", "volunteer", "association", "private", "school", "health", "library")
TIE_TYPES = ("collaboration", "co_location", "referral", "shared_activity")


def make_network(n_actors: int = 2000, n_ties: int = 10000, seed: int = 42) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A random area network: one centre, actors in random sectors, distinct random ties.

    Endpoints are drawn with weights from a heavy-tailed distribution, so a few
    actors are hubs as in real local networks; the centre gets extra ties.
    """
    rng = np.random.default_rng(seed)
    ids = ["MC001"] + [f"ACT{i:05d}" for i in range(1, n_actors)]
    actors = pd.DataFrame(
        {
            "actor_id": ids,
            "name": ["Centret"] + [f"Aktør {i}" for i in range(1, n_actors)],
            "sector": ["other"] + list(rng.choice(SECTORS, n_actors - 1)),
            "area_id": "A01",
            "centre_id": ["MC001"] + [None] * (n_actors - 1),
            "in_centre": [True] + list(rng.random(n_actors - 1) < 0.05),
        }
    )
    weights = rng.pareto(2.0, n_actors) + 1.0
    weights[0] = weights.max() * 2
    weights /= weights.sum()
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < n_ties:
        need = n_ties - len(pairs)
        a = rng.choice(n_actors, need * 2, p=weights)
        b = rng.integers(0, n_actors, need * 2)
        for u, v in zip(a.tolist(), b.tolist(), strict=True):
            if u != v:
                pairs.add((min(u, v), max(u, v)))
            if len(pairs) == n_ties:
                break
    pair_list = sorted(pairs)
    ties = pd.DataFrame(
        {
            "source_actor_id": [ids[u] for u, _ in pair_list],
            "target_actor_id": [ids[v] for _, v in pair_list],
            "tie_type": rng.choice(TIE_TYPES, len(pair_list)),
            "strength": rng.integers(1, 4, len(pair_list)),
            "year": 2025,
        }
    )
    return actors, ties


def _time(fn, repeat: int) -> tuple[list[float], list[float]]:
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return wall, cpu


def _line(name: str, scale: str, times: tuple[list[float], list[float]]) -> str:
    wall, cpu = times
    return json.dumps(
        {
            "name": name,
            "scale": scale,
            "median_ms": round(float(np.median(wall)), 1),
            "p95_ms": round(float(np.percentile(wall, 95)), 1),
            # CPU time of this process: tells a slow machine from slow code when other jobs share the cores.
            "cpu_median_ms": round(float(np.median(cpu)), 1),
        }
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=2000)
    parser.add_argument("--ties", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--quick", action="store_true", help="3 runs each (used by `make bench --quick`)")
    args = parser.parse_args(argv)
    if args.quick:
        args.repeat = 3
    actors, ties = make_network(args.actors, args.ties)
    scale = f"{args.actors} actors, {args.ties} ties"
    G = network.build_graph(actors, ties, area_id="A01")
    metrics = network.actor_metrics(G)
    slow = (
        1 if args.quick else max(3, args.repeat // 3)
    )  # the drawing and link prediction are cached per view; fewer runs
    measurements = [
        ("network.build_graph", lambda: network.build_graph(actors, ties, area_id="A01"), args.repeat),
        ("network.actor_metrics", lambda: network.actor_metrics(G), args.repeat),
        ("network.centre_reach", lambda: network.centre_reach(G, "MC001", metrics=metrics), args.repeat),
        ("network.blind_spots", lambda: network.blind_spots(G, "MC001"), args.repeat),
        ("network.suggest_partnerships", lambda: network.suggest_partnerships(G, top=20), slow),
        ("network.layout", lambda: network.layout(G), slow),
    ]
    for name, fn, repeat in measurements:
        print(_line(name, scale, _time(fn, repeat)), flush=True)


if __name__ == "__main__":
    main()
