"""Benchmark of the slide decks: a PPTX and a PDF of the 8 charts of 3 views pinned from the app.

Eight charts are pinned the way a consultant does it (AppTest, the sidebar's pin button):
the Overview (3 charts), Compare with one type in focus (4) and the Map of one region (its
static map, 1). They make 9 chart slides: Compare's advantages and drawbacks get one each. Their drawings are cleared, then timed, one JSON line each:

- ``deck.engine_start``: vl-convert's first drawing in a fresh process (the app starts it in
  the background at the first pin);
- ``deck.pptx`` / ``deck.pdf``: the download of a deck whose charts were not drawn yet
  (engine warm): every chart drawn (in parallel) and the deck laid out;
- ``deck.pptx_pinned`` / ``deck.pdf_pinned``: the download after the pins' charts were drawn at
  pin time (``slides.prerender``, as the app does in the background): layout only.

Each line has ``slides``, ``median_ms``, ``p95_ms``, ``n``, the target (3,000 ms for 8 slides)
and the smallest chart text on the slides (``min_text_pt``, target >= 18).

Run: ``.venv/bin/python -m bench.bench_deck [--repeat 3] [--db sqlite:///...] [--out DIR]``
(``--out`` also writes the two decks there, e.g. to render them to PNG).
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
if __package__ in (None, ""):  # run as a script: make `bench` and `lib` importable
    sys.path.insert(0, str(ROOT))

TARGET_MS = 3000
N_SLIDES = 8


def _stats(samples: list[float]) -> dict:
    ordered = sorted(samples)
    p95 = ordered[max(0, min(len(ordered) - 1, round(0.95 * (len(ordered) - 1))))]
    return {"median_ms": round(1000 * statistics.median(ordered), 1), "p95_ms": round(1000 * p95, 1), "n": len(ordered)}


def pin_views(db_url: str, lang: str = "da") -> list[dict]:
    """Pins of the Overview, Compare (one type in focus) and the Map (one region), made through the app."""
    from streamlit.testing.v1 import AppTest

    os.environ["ATLAS_DATABASE_URL"] = db_url
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180)
    if lang != "da":
        at.query_params["lang"] = lang
    at.run()

    def pin() -> None:
        at.run()  # the page's own run: its charts are recorded
        at.sidebar.button(key="w_present_pin").click().run()
        assert not at.exception, at.exception

    pin()
    at.switch_page("pages/1_compare.py").run()
    at.segmented_control(key="w_focus_type").set_value("library").run()
    pin()
    at.switch_page("pages/2_map.py").run()
    at.sidebar.multiselect(key="w_filter_regions").set_value(["Hovedstaden"]).run()
    pin()
    at.switch_page("pages/6_present.py").run()  # settles the last pin
    return list(at.session_state["_pins"])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--db", default=None, help="database URL (default: a fresh copy of the sample)")
    parser.add_argument("--lang", default="da")
    parser.add_argument("--out", default=None, help="directory to write deck.pptx and deck.pdf to")
    args = parser.parse_args(argv)

    from lib.data import store

    t0 = time.perf_counter()
    from lib.views import slides

    slides.warm_up()
    engine_start = time.perf_counter() - t0
    print(json.dumps({"name": "deck.engine_start", "scale": 1, **_stats([engine_start])}), flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        db_url = args.db or f"sqlite:///{Path(tmp) / 'atlas.db'}"
        if not args.db:
            store.ensure_seeded(store.get_engine(db_url))
        board = pin_views(db_url, args.lang)
    from lib.app import present

    views = [present.slide_view(pin, args.lang, "http://localhost:8501/") for pin in board]
    info = present.deck_info(args.lang, all(p.get("is_sample", True) for p in board))
    sizes = slides.chart_text_sizes(views, info)
    n_slides = len(sizes)  # chart slides (Compare's two panels of advantages and drawbacks are two slides)
    min_pt = min((s for _, s in sizes if s is not None), default=None)
    builds = {"pptx": slides.build_pptx, "pdf": slides.build_pdf}
    decks = {}
    for kind, build in builds.items():
        cold, pinned = [], []
        for _ in range(args.repeat):
            slides._ART.clear()
            start = time.perf_counter()
            decks[kind] = build(views, info)
            cold.append(time.perf_counter() - start)
            slides.prerender(views, info)  # what the app does in the background at pin time
            start = time.perf_counter()
            build(views, info)
            pinned.append(time.perf_counter() - start)
        for name, samples in ((f"deck.{kind}", cold), (f"deck.{kind}_pinned", pinned)):
            line = {
                "name": name,
                "scale": 1,
                "slides": n_slides,
                **_stats(samples),
                "target_ms": TARGET_MS,
                "min_text_pt": min_pt,
                "bytes": len(decks[kind]),
                "cpus": os.cpu_count(),
            }
            print(json.dumps(line), flush=True)
    if args.out:
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        (out / "deck.pptx").write_bytes(decks["pptx"])
        (out / "deck.pdf").write_bytes(decks["pdf"])
        print(json.dumps({"name": "deck.files", "sizes": sizes, "out": str(out)}, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
