"""Render benchmark JSON lines (``bench/results/*.jsonl``) as the Markdown tables of docs/benchmarks.md.

Run: ``.venv/bin/python -m bench.report bench/results/latest.jsonl [bench/results/load.jsonl]``
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def _read(paths: list[Path]) -> list[dict]:
    rows = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip().startswith("{"):
                rows.append(json.loads(line))
    return rows


def _fmt(value, digits: int = 0) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.{digits}f}".replace(",", " ")
    return str(value)


def render(rows: list[dict]) -> str:
    """Markdown: machine line, page rerun table (pages x scales), other measurements."""
    out = []
    for m in (r for r in rows if r.get("name") == "machine" and "source" not in r):
        out.append(
            f"Measured {m['date']} on {m['cores']} cores, {m['memory_gb']} GB RAM, Python {m['python']} "
            f"(1-min load average at start {m['load_avg_1m']}); command: `{m['command'].strip()}`."
        )
    pages = [r for r in rows if "source" not in r and str(r.get("name", "")).startswith(("page.", "floor."))]
    scales = sorted({r["scale"] for r in pages})
    if pages:
        head = (
            "| page | "
            + " | ".join(f"x{k} median / p95 / p95 incl. first visits ms (CPU ms, x floor)" for k in scales)
            + " |"
        )
        out += ["", head, "|---|" + "---|" * len(scales)]
        names = list(dict.fromkeys(r["name"] for r in pages))
        for name in names:
            cells = []
            for k in scales:
                r = next((r for r in pages if r["name"] == name and r["scale"] == k), None)
                if r is None:
                    cells.append("–")
                elif "error" in r:
                    cells.append(f"error: {r['error'][:60]}")
                else:
                    cells.append(
                        f"{_fmt(r['median_ms'])} / {_fmt(r['p95_ms'])} / {_fmt(r.get('p95_all_ms'))} "
                        f"({_fmt(r.get('cpu_median_ms'))}, {_fmt(r.get('ratio_to_floor'), 1)}x)"
                    )
            out.append(f"| {name.split('.', 1)[1]} | " + " | ".join(cells) + " |")
    for r in rows:
        if r.get("name") == "server.peak_rss":
            out.append(
                f"\nServer memory at x{r['scale']}: idle {_fmt(r['idle_rss_mb'])} MB, peak (VmHWM) after visiting "
                f"every page {_fmt(r['peak_rss_mb'])} MB (target <= 1536 MB)."
            )
        if r.get("name") == "load":
            out.append(
                f"\nLoad {r['date']}: {r['sessions']} sessions x {_fmt(r['seconds'])} s at x{r.get('scale')}: "
                f"{r['actions']} actions, {r['errors']} errors ({r['error_kinds']}), rerun p50/p95 "
                f"{_fmt(r['rerun_median_ms'])}/{_fmt(r['rerun_p95_ms'])} ms, page switch p50/p95 "
                f"{_fmt(r['page_switch_median_ms'])}/{_fmt(r['page_switch_p95_ms'])} ms, server peak RSS "
                f"{_fmt(r['server_peak_rss_mb'])} MB."
            )
    out += _first_views([r for r in rows if str(r.get("name", "")).startswith("first.")])
    others = [r for r in rows if "source" in r and not str(r.get("name", "")).startswith("first.")]
    if others:
        out += ["", "| benchmark | measurement | scale | median ms | p95 ms | other |", "|---|---|---|---|---|---|"]
        for r in others:
            extra = {k: v for k, v in r.items() if k not in ("source", "name", "scale", "median_ms", "p95_ms")}
            out.append(
                f"| {r['source']} | {r.get('name', '')} | {_fmt(r.get('scale'))} | {_fmt(r.get('median_ms'))} | "
                f"{_fmt(r.get('p95_ms'))} | {json.dumps(extra, ensure_ascii=False)[:120]} |"
            )
    return "\n".join(out)


def _first_views(rows: list[dict]) -> list[str]:
    """Chromium first views (bench/bench_first_views.py): ms and ratio to the empty page, per scale."""
    measured = [r for r in rows if "scale" in r and r["name"] not in ("first.machine",)]
    if not measured:
        return []
    scales = sorted({r["scale"] for r in measured})
    out = ["", "| first view (Chromium) | " + " | ".join(f"x{k} ms (x empty page)" for k in scales) + " | target |"]
    out.append("|---|" + "---|" * len(scales) + "---|")
    for name in dict.fromkeys(r["name"] for r in measured):
        cells, target = [], ""
        for k in scales:
            r = next((r for r in measured if r["name"] == name and r["scale"] == k), None)
            if r is None:
                cells.append("–")
                continue
            if "error" in r:
                cells.append(f"error: {str(r['error'])[:40]}")
                continue
            value = r.get("median_ms", r.get("drawn_ms", r.get("network_ms")))
            ratio = r.get("ratio_to_empty")
            mark = "" if "meets_target" not in r else (" ✓" if r["meets_target"] else " ✗")
            cells.append(f"{_fmt(value)}" + (f" ({_fmt(ratio, 2)}x)" if ratio is not None else "") + mark)
            if "target_ratio" in r:
                target = "<= " + "/".join(
                    f"{x.get('target_ratio')}x" for x in measured if x["name"] == name and "target_ratio" in x
                )
            elif "target_ms" in r:
                target = "<= " + "/".join(
                    f"{x.get('target_ms')} ms" for x in measured if x["name"] == name and "target_ms" in x
                )
        out.append(f"| {name.removeprefix('first.')} | " + " | ".join(cells) + f" | {target} |")
    return out


if __name__ == "__main__":
    print(render(_read([Path(p) for p in sys.argv[1:]])))
