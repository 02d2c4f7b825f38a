"""lib.data.imports: prepare/commit, import modes, rollback, and safety under kills and concurrent imports."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from lib.data import imports, ingest, store
from lib.errors import AtlasError

ROOT = Path(__file__).resolve().parent.parent
N_SAMPLE = len(pd.read_csv(ROOT / "data" / "sample" / "survey_responses.csv"))
HEAD = "response_id;centre_id;survey_year;respondent_role;rating_collaboration;advantages;drawbacks;comment"


def wave(start: int, n: int, year: int = 2026) -> bytes:
    lines = [HEAD] + [f"R{start + i:06d};MC001;{year};staff;4;adv_broad_reach;;Række {i}" for i in range(n)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def test_append_wave(seeded_engine):
    before = store.read_current(seeded_engine, "survey_responses")
    prepared = imports.prepare(seeded_engine, "survey_responses", wave(900000, 5), source_file="w.csv")
    assert prepared.ok and prepared.mode == "append"
    assert prepared.diff == {"added": 5, "removed": 0, "changed": 0, "unchanged": len(before)}
    version = imports.commit(seeded_engine, prepared, editor="tester")
    after = store.read_current(seeded_engine, "survey_responses")
    assert len(after) == len(before) + 5
    pd.testing.assert_frame_equal(after.head(len(before)), before)
    info = store.list_versions(seeded_engine, "survey_responses").iloc[0]
    assert info["version_id"] == version and info["editor"] == "tester" and info["source_file"] == "w.csv"
    log = store.audit_log(seeded_engine, "survey_responses")
    assert log.iloc[0]["version_id"] == version and log.iloc[0]["action"] == "import"


def test_existing_response_id_is_a_problem_not_an_overwrite(seeded_engine):
    prepared = imports.prepare(seeded_engine, "survey_responses", wave(1, 2), source_file="w.csv")
    assert not prepared.ok
    assert prepared.problems["value"].tolist() == ["R000001", "R000002"] and prepared.problems["row"].tolist() == [2, 3]
    with pytest.raises(AtlasError) as info:
        imports.commit(seeded_engine, prepared, editor="x")
    assert info.value.key == "data.err.has_problems"


def test_existing_ids_flagged(seeded_engine):
    raw = (HEAD + "\nR000001;MC001;2026;staff;4;;;\nR999999;MC001;2026;staff;4;;;\n").encode()
    prepared = imports.prepare(seeded_engine, "survey_responses", raw, source_file="w.csv")
    assert prepared.problems[["row", "column", "value"]].values.tolist() == [[2, "response_id", "R000001"]]


def test_codebook_upsert_shows_changes(seeded_engine):
    current = store.read_current(seeded_engine, "codebook")
    first = current.iloc[0]
    raw = (
        "code;kind;label_da;label_en;description\n"
        f"{first['code']};{first['kind']};Ny tekst;New text;\n"
        "adv_new_code;fordel;Ny;New;\n"
    ).encode()
    prepared = imports.prepare(seeded_engine, "codebook", raw, source_file="c.csv")
    assert prepared.ok and prepared.mode == "upsert"
    assert prepared.diff == {"added": 1, "removed": 0, "changed": 1, "unchanged": len(current) - 1}
    assert prepared.result["code"].tolist() == current["code"].tolist() + ["adv_new_code"]
    imports.commit(seeded_engine, prepared, editor="x")
    now = store.read_current(seeded_engine, "codebook")
    assert now.loc[now["code"] == first["code"], "label_da"].item() == "Ny tekst"


def test_areas_new_year_keeps_other_years(seeded_engine):
    areas = store.read_current(seeded_engine, "areas")
    latest = areas[areas["year"] == areas["year"].max()].copy()
    latest["year"] = 2026
    raw = latest.to_csv(sep=";", index=False, decimal=",").encode()
    prepared = imports.prepare(seeded_engine, "areas", raw, source_file="a.csv")
    assert prepared.ok, prepared.problems.head().to_dict("records")
    assert prepared.diff["added"] == len(latest) and prepared.diff["removed"] == 0
    assert len(prepared.result) == len(areas) + len(latest)


def test_replace_refuses_to_orphan_references(seeded_engine):
    raw = b"code;kind;label_da;label_en\nadv_only;advantage;x;y\n"
    prepared = imports.prepare(seeded_engine, "codebook", raw, source_file="c.csv", mode="replace")
    assert not prepared.ok and prepared.problems["message_en"].str.contains("still used").all()
    with pytest.raises(AtlasError):
        imports.prepare(seeded_engine, "survey_responses", wave(900000, 1), source_file="w.csv", mode="replace")


def test_replace_shows_removed_rows(seeded_engine):
    centres = store.read_current(seeded_engine, "centres")
    raw = centres.to_csv(sep=";", index=False).encode()
    prepared = imports.prepare(seeded_engine, "centres", raw, source_file="c.csv", mode="replace")
    assert prepared.ok and prepared.diff["unchanged"] == len(centres) and prepared.diff["removed"] == 0


def test_references_checked_against_current_tables(seeded_engine):
    raw = (HEAD + "\nR900001;MC999;2026;staff;4;adv_nope;;\n").encode()
    prepared = imports.prepare(seeded_engine, "survey_responses", raw, source_file="w.csv")
    assert set(prepared.problems["column"]) == {"centre_id", "advantages"}


def test_stale_prepare_is_refused(seeded_engine):
    a = imports.prepare(seeded_engine, "survey_responses", wave(900000, 2), source_file="a.csv")
    b = imports.prepare(seeded_engine, "survey_responses", wave(910000, 2), source_file="b.csv")
    imports.commit(seeded_engine, a, editor="a")
    with pytest.raises(AtlasError) as info:
        imports.commit(seeded_engine, b, editor="b")
    assert info.value.key == "data.err.changed_meanwhile"
    assert "Nothing was imported" in info.value.message("en") and "Intet er importeret" in info.value.message("da")
    assert len(store.read_current(seeded_engine, "survey_responses")) == a.n_before + 2


def test_rollback_is_a_new_version_with_audit_entry(seeded_engine):
    seed = store.current_version_ids(seeded_engine)["survey_responses"]
    imports.commit(
        seeded_engine, imports.prepare(seeded_engine, "survey_responses", wave(900000, 3), source_file="w"), editor="e"
    )
    new = store.rollback(seeded_engine, "survey_responses", seed, editor="boss")
    versions = imports.versions_with_diffs(seeded_engine, "survey_responses")
    assert versions["version_id"].tolist()[0] == new and len(versions) == 3
    top = versions.iloc[0]
    assert top["action"] == "rollback" and top["removed"] == 3 and top["added"] == 0
    assert store.audit_log(seeded_engine, "survey_responses").iloc[0]["editor"] == "boss"
    assert store.read_current(seeded_engine, "survey_responses").equals(store.read_version(seeded_engine, seed))


def test_problems_for_display_is_translated(seeded_engine):
    prepared = imports.prepare(seeded_engine, "survey_responses", wave(1, 1), source_file="w")
    da = imports.problems_for_display(prepared.problems, "da")
    en = imports.problems_for_display(prepared.problems, "en")
    assert list(da.columns) == ["Række", "Kolonne", "Værdi", "Besked"]
    assert list(en.columns) == ["Row", "Column", "Value", "Message"]
    assert "findes allerede" in da.iloc[0, 3] and "exists already" in en.iloc[0, 3]


def test_progress_callback(seeded_engine):
    steps = []
    imports.prepare(
        seeded_engine,
        "codebook",
        b"code;kind;label_da;label_en\nx;advantage;a;b\n",
        source_file="c",
        progress=lambda step, info: steps.append(step),
    )
    assert steps == ["read", "validate"]


def test_merge_upsert_keeps_order_and_replaces():
    cols = ["code", "kind", "label_da", "label_en", "description"]
    old = pd.DataFrame([["a", "advantage", "1", "1", None], ["b", "advantage", "2", "2", None]], columns=cols)
    new = pd.DataFrame([["b", "advantage", "B", "B", None], ["c", "drawback", "3", "3", None]], columns=cols)
    out = imports.merge("codebook", "upsert", old, new)
    assert out["code"].tolist() == ["a", "b", "c"] and out["label_da"].tolist() == ["1", "B", "3"]
    assert imports.merge("codebook", "replace", old, new)["code"].tolist() == ["b", "c"]


# --- a kill during an import ---------------------------------------------------------------------------

CHILD_IMPORT = textwrap.dedent(
    """
    import sys, time
    import sqlalchemy as sa
    sys.path.insert(0, {root!r})
    from lib.data import store
    from lib.data import imports
    url, marker, data_path, hang = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1"
    engine = store.get_engine(url)
    if hang:
        @sa.event.listens_for(engine, "before_cursor_execute")
        def _hang(conn, cursor, statement, params, context, executemany):
            # the version row is written and the pointer moved; the audit row and the commit are not
            if statement.lstrip().upper().startswith("INSERT INTO ATLAS_AUDIT"):
                open(marker, "w").write("inside the transaction")
                time.sleep(120)
    prepared = imports.prepare(engine, "survey_responses", data_path, source_file="wave.csv")
    assert prepared.ok
    open(marker + ".prepared", "w").write("1")
    print(imports.commit(engine, prepared, editor="child"))
    """
)


def _spawn(script: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", script, *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _wait_for(path: Path, proc: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.time() + timeout
    while not path.exists():
        if proc.poll() is not None:
            raise AssertionError(f"child ended early: {proc.stderr.read()}")
        if time.time() > deadline:
            proc.kill()
            raise AssertionError("child did not reach the point to kill it")
        time.sleep(0.05)


def _assert_intact(url: str, expected_version: int, expected: pd.DataFrame) -> None:
    eng = store.get_engine(url)
    try:
        with eng.connect() as conn:
            assert conn.execute(sa.text("PRAGMA integrity_check")).scalar() == "ok"
        ids = store.current_version_ids(eng)
        assert ids["survey_responses"] == expected_version
        frame = store.read_current(eng, "survey_responses")
        pd.testing.assert_frame_equal(frame, expected)
        info = store.list_versions(eng, "survey_responses")
        assert info["version_id"].max() == expected_version  # the half-written version left no trace
        assert store.frame_checksum(frame) == info.loc[info["is_current"], "checksum"].item()
        # and the database takes the next import
        follow = imports.prepare(eng, "survey_responses", wave(990000, 2), source_file="next.csv")
        assert imports.commit(eng, follow, editor="after") > expected_version
    finally:
        eng.dispose()


def test_kill_inside_the_import_transaction_leaves_previous_version(tmp_path):
    url = f"sqlite:///{tmp_path / 'atlas.db'}"
    eng = store.get_engine(url)
    store.ensure_seeded(eng)
    before_id = store.current_version_ids(eng)["survey_responses"]
    before = store.read_current(eng, "survey_responses")
    eng.dispose()
    data = tmp_path / "wave.csv"
    data.write_bytes(wave(900000, 20000))
    marker = tmp_path / "marker"
    proc = _spawn(CHILD_IMPORT.format(root=str(ROOT)), url, str(marker), str(data), "1")
    _wait_for(marker, proc)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    _assert_intact(url, before_id, before)


def test_kill_at_a_random_moment_leaves_a_whole_version(tmp_path):
    url = f"sqlite:///{tmp_path / 'atlas.db'}"
    eng = store.get_engine(url)
    store.ensure_seeded(eng)
    before_id = store.current_version_ids(eng)["survey_responses"]
    eng.dispose()
    data = tmp_path / "wave.csv"
    data.write_bytes(wave(900000, 50000))
    marker = tmp_path / "marker"
    proc = _spawn(CHILD_IMPORT.format(root=str(ROOT)), url, str(marker), str(data), "0")
    _wait_for(Path(str(marker) + ".prepared"), proc)
    time.sleep(0.05)
    proc.kill()
    proc.wait(timeout=30)
    eng = store.get_engine(url)
    try:
        current = store.current_version_ids(eng)["survey_responses"]
        frame = store.read_current(eng, "survey_responses")
        assert current in (before_id, max(store.list_versions(eng, "survey_responses")["version_id"]))
        assert len(frame) in (N_SAMPLE, N_SAMPLE + 50000)  # the old version or the whole new one, never a part
        info = store.list_versions(eng, "survey_responses")
        assert store.frame_checksum(frame) == info.loc[info["is_current"], "checksum"].item()
    finally:
        eng.dispose()


# --- two imports at the same time -----------------------------------------------------------------------

CHILD_RACE = textwrap.dedent(
    """
    import json, sys, time, os
    sys.path.insert(0, {root!r})
    from lib.data import store
    from lib.data import imports
    from lib.errors import AtlasError
    url, data_path, me, other = sys.argv[1:5]
    engine = store.get_engine(url)
    prepared = imports.prepare(engine, "survey_responses", data_path, source_file=os.path.basename(data_path))
    open(me, "w").write("ready")
    deadline = time.time() + 60
    while not os.path.exists(other) and time.time() < deadline:
        time.sleep(0.01)
    try:
        print(json.dumps({{"version": imports.commit(engine, prepared, editor=me)}}))
    except AtlasError as err:
        print(json.dumps({{"refused": err.key, "message": err.message("en")}}))
    """
)


def test_two_concurrent_imports_one_refused_no_rows_lost(tmp_path):
    url = f"sqlite:///{tmp_path / 'atlas.db'}"
    eng = store.get_engine(url)
    store.ensure_seeded(eng)
    before = store.read_current(eng, "survey_responses")
    eng.dispose()
    files = [tmp_path / "a.csv", tmp_path / "b.csv"]
    files[0].write_bytes(wave(900000, 3000))
    files[1].write_bytes(wave(950000, 2000, year=2027))
    flags = [tmp_path / "a.ready", tmp_path / "b.ready"]
    script = CHILD_RACE.format(root=str(ROOT))
    procs = [_spawn(script, url, str(files[i]), str(flags[i]), str(flags[1 - i])) for i in (0, 1)]
    results = []
    for p in procs:
        out, err = p.communicate(timeout=180)
        assert p.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    won = [i for i, r in enumerate(results) if "version" in r]
    lost = [i for i, r in enumerate(results) if "refused" in r]
    eng = store.get_engine(url)
    try:
        frame = store.read_current(eng, "survey_responses")
        ids = set(frame["response_id"])
        if len(won) == 2:  # serialised after all: both are separate versions, nothing lost
            assert len(frame) == len(before) + 5000
        else:
            assert len(won) == 1 and len(lost) == 1
            assert results[lost[0]]["refused"] == "data.err.changed_meanwhile"
            assert "Nothing was imported" in results[lost[0]]["message"]
            n_new = 3000 if won[0] == 0 else 2000
            assert len(frame) == len(before) + n_new
            other_prefix = "R95" if won[0] == 0 else "R90"
            assert not any(i.startswith(other_prefix) for i in ids)  # no mix
        assert frame["response_id"].is_unique
        assert set(before["response_id"]) <= ids
    finally:
        eng.dispose()


def test_concurrent_cli_imports_keep_every_row(tmp_path):
    """Two `python -m lib.cli import` at once: both succeed in turn or one is refused with a message."""
    url = f"sqlite:///{tmp_path / 'atlas.db'}"
    eng = store.get_engine(url)
    store.ensure_seeded(eng)
    n0 = len(store.read_current(eng, "survey_responses"))
    eng.dispose()
    files = [tmp_path / "a.csv", tmp_path / "b.csv"]
    files[0].write_bytes(wave(900000, 1000))
    files[1].write_bytes(wave(950000, 1000))
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "lib.cli", "import", "survey_responses", str(f), "--database", url, "--lang", "en"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for f in files
    ]
    outcomes = [(p.wait(timeout=180), p.stdout.read(), p.stderr.read()) for p in procs]
    codes = sorted(c for c, _, _ in outcomes)
    eng = store.get_engine(url)
    try:
        n = len(store.read_current(eng, "survey_responses"))
    finally:
        eng.dispose()
    if codes == [0, 0]:
        assert n == n0 + 2000
    else:
        assert codes == [0, 1] and n == n0 + 1000
        assert any("Someone else changed the table" in err for _, _, err in outcomes)


def test_read_options_reach_the_reader(seeded_engine):
    raw = b"code:kind:label_da:label_en\nx:advantage:a:b\n"
    prepared = imports.prepare(
        seeded_engine, "codebook", raw, source_file="c", options=ingest.ReadOptions(separator=":")
    )
    assert prepared.ok and prepared.report.separator == ":"
