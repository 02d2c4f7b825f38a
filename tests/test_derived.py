"""Derived tables (lib.data.derived): computed once per data version, stored beside it, read by a new server."""

from __future__ import annotations

import pandas as pd

from lib.analysis import criteria
from lib.analysis import network as nw
from lib.data import derived, imports, store
from tests.conftest import ROOT


def _count_computations(monkeypatch) -> dict:
    calls: dict[str, int] = {}
    for name, spec in list(derived.TABLES.items()):

        def counted(frames, spec=spec):
            calls[spec.name] = calls.get(spec.name, 0) + 1
            return spec.compute(frames)

        monkeypatch.setitem(derived.TABLES, name, derived.Derived(spec.name, spec.inputs, counted, spec.params))
    return calls


def test_stored_tables_equal_what_the_pages_would_compute(seeded_engine):
    assert derived.refresh(seeded_engine).keys() == set(derived.TABLES)
    ids = store.current_version_ids(seeded_engine)
    frames = store.read_all_current(seeded_engine)
    pd.testing.assert_frame_equal(
        derived.load(seeded_engine, "area_classification", ids), criteria.classify(frames["areas"])
    )
    expected = nw.compare_centres(
        frames["actors"], frames["ties"], frames["centres"], year=nw.default_year(frames["ties"])
    )
    pd.testing.assert_frame_equal(derived.load(seeded_engine, "network_comparison", ids), expected)


def test_computed_once_then_read(seeded_engine, monkeypatch):
    calls = _count_computations(monkeypatch)
    ids = store.current_version_ids(seeded_engine)
    first = derived.load(seeded_engine, "network_comparison", ids)
    again = derived.load(seeded_engine, "network_comparison", ids)  # as a new server or replica would
    assert calls == {"network_comparison": 1}
    pd.testing.assert_frame_equal(first, again)
    assert derived.refresh(seeded_engine).keys() == {"area_classification"}  # the one still missing
    assert calls == {"network_comparison": 1, "area_classification": 1}
    assert derived.refresh(seeded_engine) == {}  # nothing missing: nothing computed


def test_commit_stores_the_tables_of_the_new_versions(seeded_engine, monkeypatch):
    derived.refresh(seeded_engine)
    centres = store.read_current(seeded_engine, "centres")
    changed = centres.assign(name=centres["name"].where(centres.index != 0, "Nyt navn"))
    raw = changed.to_csv(index=False, sep=";").encode()
    prepared = imports.prepare(seeded_engine, "centres", raw, source_file="centres.csv", mode="replace")
    assert prepared.ok, prepared.problems
    calls = _count_computations(monkeypatch)
    imports.commit(seeded_engine, prepared, editor="tester")
    # Only the comparison reads centres; the area classification of unchanged areas is kept.
    assert calls == {"network_comparison": 1}
    ids = store.current_version_ids(seeded_engine)
    stored = store.list_derived(seeded_engine).set_index("name")
    assert stored.loc["network_comparison", "inputs"] == derived.inputs_key("network_comparison", ids)
    assert len(stored) == len(derived.TABLES)  # the previous version's comparison was removed
    comparison = derived.load(seeded_engine, "network_comparison", ids)
    assert comparison.set_index("centre_id").loc[changed.loc[0, "centre_id"], "name"] == "Nyt navn"
    assert calls == {"network_comparison": 1}


def test_a_kumu_workbook_and_a_rollback_store_the_tables_of_their_versions(seeded_engine, monkeypatch):
    """Every way a version is written (not only imports.commit) computes the derived tables at once."""
    from lib.data import network_io

    byod = ROOT / "tests" / "fixtures" / "byod"
    centres = (byod / "kommune_centres.csv").read_bytes()  # the municipality's list the workbook names
    imports.commit(seeded_engine, imports.prepare(seeded_engine, "centres", centres, source_file="c.csv"), editor="t")
    workbook = (byod / "kumu_network.xlsx").read_bytes()
    prepared = network_io.prepare_network(seeded_engine, workbook, source_file="kumu.xlsx")
    assert prepared.ok, prepared.problems.to_dict("records")
    calls = _count_computations(monkeypatch)
    network_io.commit_network(seeded_engine, prepared, editor="tester")
    assert calls == {"network_comparison": 1}
    stored = store.list_derived(seeded_engine).set_index("name")
    ids = store.current_version_ids(seeded_engine)
    assert stored.loc["network_comparison", "inputs"] == derived.inputs_key("network_comparison", ids)

    first_ties = int(store.list_versions(seeded_engine, "ties")["version_id"].min())
    imports.rollback(seeded_engine, "ties", first_ties, editor="tester")
    assert calls == {"network_comparison": 2}
    stored = store.list_derived(seeded_engine).set_index("name")
    ids = store.current_version_ids(seeded_engine)
    assert stored.loc["network_comparison", "inputs"] == derived.inputs_key("network_comparison", ids)


def test_a_second_writer_of_the_same_inputs_is_refused_quietly(seeded_engine):
    frame = pd.DataFrame({"a": [1, 2]})
    assert store.write_derived(seeded_engine, "x", "areas=1", frame)
    assert not store.write_derived(seeded_engine, "x", "areas=1", frame)
    pd.testing.assert_frame_equal(store.read_derived(seeded_engine, "x", "areas=1"), frame)
    assert store.read_derived(seeded_engine, "x", "areas=2") is None


def test_a_failing_computation_does_not_fail_the_import(seeded_engine, monkeypatch, caplog):
    def broken(frames):
        raise ValueError("boom")

    monkeypatch.setitem(derived.TABLES, "network_comparison", derived.Derived("network_comparison", ("ties",), broken))
    done = derived.refresh(seeded_engine)
    assert "network_comparison" not in done and "area_classification" in done
    assert "network_comparison could not be computed" in caplog.text


def test_default_year_is_the_pages_first_year():
    assert nw.default_year(pd.DataFrame({"year": [2024, 2025, 2025]})) == 2025
    assert nw.default_year(pd.DataFrame({"year": [2025, 2025]})) is None
    assert nw.default_year(pd.DataFrame({"source_actor_id": []})) is None


def test_a_new_server_warms_its_caches_once_per_set_of_versions(tmp_path):
    from lib.app import cache

    url = f"sqlite:///{tmp_path / 'warm.db'}"
    engine = store.get_engine(url)
    store.ensure_seeded(engine)  # a database seeded without the derived tables, as before they existed
    assert store.list_derived(engine).empty
    ids = store.current_version_ids(engine)
    thread = cache.warm_in_background(url, ids)
    assert thread is not None and cache.warm_in_background(url, ids) is None
    thread.join(timeout=300)
    assert not thread.is_alive()
    # The warm-up computed what a first view needs and stored it for the next server or replica.
    assert set(store.list_derived(engine)["name"]) == set(derived.TABLES)
    engine.dispose()


def test_after_warming_the_tables_are_left_out_of_the_collectors_full_passes(tmp_path):
    import gc

    from lib.app import cache

    url = f"sqlite:///{tmp_path / 'settle.db'}"
    engine = store.get_engine(url)
    store.ensure_seeded(engine)
    ids = store.current_version_ids(engine)
    thread = cache.warm_in_background(url, ids)
    thread.join(timeout=300)
    table = cache._table(url, ids["areas"])
    assert gc.get_freeze_count() > 0
    assert not any(obj is table for obj in gc.get_objects())  # set aside: not walked by a full pass
    # What comes after the warm-up is collected as before.
    cycle = [table.shape]
    cycle.append(cycle)
    assert any(obj is cycle for obj in gc.get_objects())
    engine.dispose()


def test_the_server_launcher_warms_the_app_before_any_session(tmp_path, monkeypatch, caplog):
    """lib.serve (what `make run` starts): modules imported and tables cached before a browser comes."""
    import sys
    import threading

    from lib import serve
    from lib.app import cache

    url = f"sqlite:///{tmp_path / 'serve.db'}"
    monkeypatch.setenv("ATLAS_DATABASE_URL", url)
    monkeypatch.setattr(serve, "_wait_for_runtime", lambda timeout_s: True)
    serve.warm_process()
    assert all(module in sys.modules for module in ("lib.app", *cache.PAGE_MODULES))
    ids = store.current_version_ids(store.get_engine(url))
    assert ids  # the launcher seeded the empty database, as the first session would have
    assert cache.warm_in_background(url, ids) is None  # the version's warm-up is already under way or done
    for thread in threading.enumerate():
        if thread.name == "atlas-warm":
            thread.join(timeout=300)

    # Without a Streamlit runtime (the server failed to start) it gives up quietly and says so.
    monkeypatch.setattr(serve, "_wait_for_runtime", lambda timeout_s: False)
    serve.warm_process(runtime_wait_s=0)
    assert "warming skipped" in caplog.text


def test_the_streak_settings_are_part_of_the_stored_classifications_key(seeded_engine, monkeypatch):
    """ATLAS_HAARDT_GHETTO_YEARS changes what the same data classifies as: another stored table."""
    calls = _count_computations(monkeypatch)
    ids = store.current_version_ids(seeded_engine)
    monkeypatch.setenv("ATLAS_HAARDT_GHETTO_YEARS", "4")
    four = derived.load(seeded_engine, "area_classification", ids)
    monkeypatch.setenv("ATLAS_HAARDT_GHETTO_YEARS", "5")
    five = derived.load(seeded_engine, "area_classification", ids)
    assert calls == {"area_classification": 2}
    assert derived.inputs_key("area_classification", ids).endswith("haardt_ghetto:5,omdannelse:5")
    pd.testing.assert_frame_equal(five, criteria.classify(store.read_current(seeded_engine, "areas")))
    assert not four.equals(five)  # the sample has areas whose hårdt-ghetto year depends on the reading


def test_the_server_launcher_says_in_one_line_when_the_database_cannot_be_opened(monkeypatch, caplog):
    """`make run` has no seed step before the server any more: the server's log says what is wrong."""
    from lib import serve

    monkeypatch.setenv("ATLAS_DATABASE_URL", "postgresql+psycopg://atlas:s3cret@127.0.0.1:1/atlas_missing")
    monkeypatch.setattr(serve, "_wait_for_runtime", lambda timeout_s: True)
    serve.warm_process()
    assert "cannot open the database (ATLAS_DATABASE_URL): OperationalError" in caplog.text
    assert "Traceback" not in caplog.text and "s3cret" not in caplog.text


def test_the_entry_page_does_not_import_the_network_libraries():
    """networkx and igraph (~0.3 s of imports) wait for the Network page or the warming, not the first view."""
    import subprocess
    import sys

    code = "import sys, lib.app, lib.views.overview; print(sorted({'networkx', 'igraph'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
