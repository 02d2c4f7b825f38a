"""Benchmark of the "Compare types" page at the bundled sample size.

Prints one JSON line per measurement: ``{"name", "scale", "median_ms", "p95_ms"}``:

- ``lib.*``: the lib.analysis.survey calls the page makes, on the whole sample;
- ``page.rerun``: an AppTest rerun of the page with nothing changed (cached shares);
- ``page.filter_change``: a rerun after a filter change (shares recomputed);
- ``page.min_n_change``: a rerun after changing the small-numbers threshold;
- ``page.comment_search``: a rerun after typing in the comment search (charts reused);
- ``overview.rerun``: the entry page's rerun, as the framework's own cost for comparison.

Run: ``.venv/bin/python -m bench.bench_compare [--repeat 10]``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if __package__ in (None, ""):  # run as a script: make `lib` importable
    sys.path.insert(0, str(ROOT))

from lib.analysis import survey as ty
from lib.data import store


def _report(name: str, scale: str, times: list[float]) -> None:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    print(
        json.dumps(
            {
                "name": name,
                "scale": scale,
                "median_ms": round(1000 * statistics.median(times), 1),
                "p95_ms": round(1000 * p95, 1),
            }
        )
    )


def _timed(fn, repeat: int) -> list[float]:
    fn()  # warm-up
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def bench_lib(tables: dict, repeat: int) -> None:
    responses, centres, codebook = tables["survey_responses"], tables["centres"], tables["codebook"]
    scale = f"{len(responses)} responses, {len(centres)} centres"
    shares = ty.item_shares(responses, centres, codebook)
    for name, fn in {
        "lib.item_shares": lambda: ty.item_shares(responses, centres, codebook),
        "lib.focus_contrast": lambda: ty.focus_contrast(shares, "health"),
        "lib.rating_summary": lambda: ty.rating_summary(responses, centres),
        "lib.type_profiles": lambda: ty.type_profiles(centres),
        "lib.search_comments": lambda: ty.search_comments(responses, centres, "lokaler", min_n=5),
    }.items():
        _report(name, scale, _timed(fn, repeat))


def bench_page(db_url: str, repeat: int) -> None:
    from streamlit.testing.v1 import AppTest

    os.environ["ATLAS_DATABASE_URL"] = db_url
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    _report("overview.rerun", "bundled sample", _timed(at.run, repeat))
    at.switch_page("pages/1_compare.py").run()
    assert not at.exception, at.exception
    _report("page.rerun", "bundled sample", _timed(at.run, repeat))

    regions = ["Hovedstaden", "Midtjylland"]
    state = {"i": 0}

    def filter_change():
        state["i"] += 1
        at.sidebar.multiselect(key="w_filter_regions").set_value([regions[state["i"] % 2]]).run()

    _report("page.filter_change", "bundled sample", _timed(filter_change, repeat))

    def min_n_change():
        state["i"] += 1
        at.number_input(key="w_min_n").set_value(5 + state["i"] % 7).run()

    _report("page.min_n_change", "bundled sample", _timed(min_n_change, repeat))

    words = ["lokaler", "beboerne", "byen"]

    def comment_search():
        state["i"] += 1
        at.text_input(key="w_comment_query").input(words[state["i"] % 3]).run()

    _report("page.comment_search", "bundled sample", _timed(comment_search, repeat))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db_url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        engine = store.get_engine(db_url)
        store.ensure_seeded(engine)
        bench_lib(store.read_all_current(engine), args.repeat)
        engine.dispose()
        bench_page(db_url, args.repeat)


if __name__ == "__main__":
    main()
