"""Benchmark of a wide survey export with text answers: validate + map + import (issue 14).

Builds an XLSX export the way SurveyXact writes one: one column per question headed by
its text, answers as text ("Meget godt" ... "Ved ikke"), the centre by name and kommune,
the role as a Danish label, multi-select options as ``"Fordele: <option>"`` columns with
1/blank, a comment (all generated from the bundled sample's centres and codebook). Then,
on a fresh seeded SQLite database per run, it times

- ``prepare``: read (python-calamine) + map the columns + turn the answers into codes +
  find the centres by name + validate + build the new version; split into
  ``read_map`` (read, map, codes, names: ``Prepared.timings["read_s"]``) and ``validate``
  (the schema check, the new version, its diff and the integrity counts: the rest);
- ``commit``: write the version (the import);
- ``validate_map_import``: both, what the editor waits for (target: <= 10 s at 200,000 rows).

at ``--rows`` (default 20,000 and 200,000: x1 and x10) and prints one JSON line per
measurement: ``{"name", "scale", "median_ms", "p95_ms", "rows_per_s", "cpu_ms"}``, plus
``wide_survey.linearity``: the x10 time over ten times the x1 time (1.0 = linear).

Run: ``.venv/bin/python -m bench.bench_wide_survey`` (``--rows 20000 200000``, ``--repeat``).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np

if __package__ in (None, ""):  # run as a script: make `lib` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lib.data import imports, ingest, store
from lib.i18n import t
from lib.schema import RATING_DIMENSIONS

SCALE = ["Meget dårligt", "Dårligt", "Hverken godt eller dårligt", "Godt", "Meget godt", "Ved ikke"]
ROLES = ["Medarbejder", "Leder", "Samarbejdspartner", "Frivillig", "Beboer"]
TARGET_S = 10.0


def _column_letter(j: int) -> str:
    out = ""
    j += 1
    while j:
        j, r = divmod(j - 1, 26)
        out = chr(65 + r) + out
    return out


def _sheet_xml(header: list[str], columns: list[np.ndarray], cell) -> str:
    letters = [_column_letter(j) for j in range(len(header))]
    parts = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    ]
    rows = [list(header)] + [list(r) for r in zip(*columns, strict=True)]
    for i, values in enumerate(rows, start=1):
        cells = "".join(cell(f"{letters[j]}{i}", v) for j, v in enumerate(values) if v)
        parts.append(f'<row r="{i}">{cells}</row>')
    parts.append("</sheetData></worksheet>")
    return "".join(parts)


def xlsx_bytes(header: list[str], columns: list[np.ndarray], *, inline_strings: bool = False) -> bytes:
    """A one-sheet XLSX written directly (openpyxl needs a minute for 5 million cells).

    Text goes in a shared-strings table, as Excel and most export libraries write it; with
    ``inline_strings`` every cell carries its own text instead (some streaming writers do
    that: a larger sheet, slower to parse).
    """
    shared: dict[str, int] = {}
    if inline_strings:
        sheet = _sheet_xml(
            header, columns, lambda ref, v: f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(v))}</t></is></c>'
        )
    else:
        sheet = _sheet_xml(
            header, columns, lambda ref, v: f'<c r="{ref}" t="s"><v>{shared.setdefault(str(v), len(shared))}</v></c>'
        )
    strings = "".join(f"<si><t>{escape(text)}</t></si>" for text in shared)
    sst = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="{len(shared)}">{strings}</sst>'
    )
    sst_type = '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    sst_rel = '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    files = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        + ("" if inline_strings else sst_type)
        + "</Types>",
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Besvarelser" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        + ("" if inline_strings else sst_rel)
        + "</Relationships>",
        "xl/worksheets/sheet1.xml": sheet,
    }
    if not inline_strings:
        files["xl/sharedStrings.xml"] = sst
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return buf.getvalue()


def wide_export(n_rows: int, seed: int = 14, *, inline_strings: bool = False) -> bytes:
    """``n_rows`` answers as a SurveyXact-style XLSX export with text answers."""
    rng = np.random.default_rng(seed)
    centres = store.read_sample("centres")
    codebook = store.read_sample("codebook")
    pick = rng.integers(0, len(centres), n_rows)
    header = [t("byod.q.centre", "da"), "Kommune", t("byod.q.role", "da"), "Årstal"]
    columns = [
        centres["name"].to_numpy()[pick],
        centres["municipality"].to_numpy()[pick],
        np.array(ROLES, dtype=object)[rng.integers(0, len(ROLES), n_rows)],
        np.full(n_rows, "2026", dtype=object),
    ]
    for d in RATING_DIMENSIONS:
        header.append(t(f"byod.q.rating_{d}", "da"))
        columns.append(np.array(SCALE, dtype=object)[rng.integers(0, len(SCALE), n_rows)])
    for rec in codebook.itertuples(index=False):
        prefix = "Fordele" if rec.kind == "advantage" else "Ulemper"
        header.append(f"{prefix}: {rec.label_da}")
        columns.append(np.where(rng.random(n_rows) < 0.3, "1", ""))
    header.append(t("byod.q.comment", "da"))
    columns.append(np.where(rng.random(n_rows) < 0.2, "Godt samarbejde på tværs", ""))
    return xlsx_bytes(header, columns, inline_strings=inline_strings)


def _stats(name: str, scale: int, times: list[float], cpu: list[float]) -> dict:
    ms = sorted(x * 1000 for x in times)
    median = statistics.median(ms)
    return {
        "name": name,
        "scale": scale,
        "median_ms": round(median, 1),
        "p95_ms": round(ms[min(len(ms) - 1, int(np.ceil(0.95 * len(ms))) - 1)], 1),
        "rows_per_s": round(scale / (median / 1000)) if median else None,
        "cpu_ms": round(statistics.median(cpu) * 1000, 1) if cpu else None,  # wall split only for read/validate
    }


def run(n_rows: int, repeat: int, *, inline_strings: bool = False) -> list[dict]:
    """Time prepare, commit and both for one size."""
    data = wide_export(n_rows, inline_strings=inline_strings)
    options = ingest.ReadOptions(max_rows=n_rows + 10)  # the size and expansion limits as the app has them
    times: dict[str, list[float]] = {
        "read_map": [],
        "validate": [],
        "prepare": [],
        "commit": [],
        "validate_map_import": [],
    }
    cpu: dict[str, list[float]] = {k: [] for k in times}
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            engine = store.get_engine(f"sqlite:///{tmp}/bench.db")
            store.ensure_seeded(engine)
            t0, c0 = time.perf_counter(), time.process_time()
            prepared = imports.prepare(engine, "survey_responses", data, source_file="export.xlsx", options=options)
            t1, c1 = time.perf_counter(), time.process_time()
            assert prepared.ok, prepared.problems.head().to_dict("records")
            imports.commit(engine, prepared, editor="bench")
            t2, c2 = time.perf_counter(), time.process_time()
            read_s = prepared.timings["read_s"]
            times["read_map"].append(read_s)
            times["validate"].append(t1 - t0 - read_s)
            for name, wall, proc in (("prepare", t1 - t0, c1 - c0), ("commit", t2 - t1, c2 - c1)):
                times[name].append(wall)
                cpu[name].append(proc)
            times["validate_map_import"].append(t2 - t0)
            cpu["validate_map_import"].append(c2 - c0)
            engine.dispose()
    return [_stats(f"wide_survey.{k}", n_rows, v, cpu[k]) for k, v in times.items()]


def main(argv: list[str] | None = None) -> None:
    """Run the sizes and print JSON lines."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[20_000, 200_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="one run per size (make bench --quick)")
    parser.add_argument(
        "--inline-strings", action="store_true", help="every cell carries its own text (no shared-strings table)"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.repeat = 1
    run(1_000, 1)  # warm-up, not reported: the app's process has its modules imported already
    totals = {}
    for n in args.rows:
        lines = {
            line["name"].split(".", 1)[1]: line for line in run(n, args.repeat, inline_strings=args.inline_strings)
        }
        for line in lines.values():
            print(json.dumps(line), flush=True)
        totals[n] = lines["validate_map_import"]["median_ms"]
        summary = {"name": "wide_survey.summary", "scale": n, "rows": n, "inline_strings": args.inline_strings}
        for part, key in (("read_map", "read_map_s"), ("validate", "validate_s"), ("commit", "import_s")):
            summary[key] = round(lines[part]["median_ms"] / 1000, 2)
        summary["total_s"] = round(lines["validate_map_import"]["median_ms"] / 1000, 2)
        summary["total_cpu_s"] = round(lines["validate_map_import"]["cpu_ms"] / 1000, 2)
        summary["load_avg_1m"] = round(os.getloadavg()[0], 2)
        print(json.dumps(summary), flush=True)
    if len(totals) >= 2:
        small, large = min(totals), max(totals)
        ratio = (totals[large] / totals[small]) / (large / small)
        line = {
            "name": "wide_survey.linearity",
            "scale": large,
            "ratio": round(ratio, 2),
            "target_s": TARGET_S,
            "ok": totals[large] / 1000 <= TARGET_S,
        }
        print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
