"""Versioned storage: round trip, history, rollback, concurrency, seeding."""

import pandas as pd
import pytest

from lib.data import store
from lib.errors import AtlasError
from lib.schema import validate


def codebook_frame(*codes):
    raw = pd.DataFrame(
        {
            "code": list(codes),
            "kind": ["advantage"] * len(codes),
            "label_da": ["x"] * len(codes),
            "label_en": ["y"] * len(codes),
        }
    )
    clean, problems = validate("codebook", raw)
    assert problems.empty
    return clean


def test_round_trip_keeps_values_and_types(empty_engine, sample_tables):
    frame = sample_tables["centres"]
    vid = store.import_frame(empty_engine, "centres", frame, editor="ed", source_file="c.csv")
    back = store.read_current(empty_engine, "centres")
    pd.testing.assert_frame_equal(back, frame)
    info = store.current_versions(empty_engine)["centres"]
    assert (info.version_id, info.n_rows, info.editor, info.source_file) == (vid, len(frame), "ed", "c.csv")
    assert info.checksum == store.frame_checksum(frame)


def test_versions_append_and_rollback_is_a_new_version(empty_engine):
    v1 = store.import_frame(empty_engine, "codebook", codebook_frame("a"), editor="e1", source_file="1.csv")
    v2 = store.import_frame(empty_engine, "codebook", codebook_frame("a", "b"), editor="e2", source_file="2.csv")
    assert store.read_current(empty_engine, "codebook")["code"].tolist() == ["a", "b"]
    v3 = store.rollback(empty_engine, "codebook", v1, editor="e3")
    assert v3 not in (v1, v2)
    assert store.read_current(empty_engine, "codebook")["code"].tolist() == ["a"]
    history = store.list_versions(empty_engine, "codebook")
    assert history["version_id"].tolist() == [v3, v2, v1]
    assert history["action"].tolist() == ["rollback", "import", "import"]
    assert history["is_current"].tolist() == [True, False, False]
    # nothing deleted: the rolled-back-from version is still readable
    assert store.read_version(empty_engine, v2)["code"].tolist() == ["a", "b"]
    assert store.audit_log(empty_engine, "codebook")["action"].tolist() == ["rollback", "import", "import"]


def test_stale_import_is_refused_and_changes_nothing(empty_engine):
    v1 = store.import_frame(empty_engine, "codebook", codebook_frame("a"), editor="e", source_file="1.csv")
    store.import_frame(empty_engine, "codebook", codebook_frame("b"), editor="e", source_file="2.csv", based_on=v1)
    with pytest.raises(AtlasError) as err:
        store.import_frame(empty_engine, "codebook", codebook_frame("c"), editor="e", source_file="3.csv", based_on=v1)
    assert err.value.key == "store.concurrent_import"
    assert "reload" in err.value.message("en")
    assert store.read_current(empty_engine, "codebook")["code"].tolist() == ["b"]
    assert len(store.list_versions(empty_engine, "codebook")) == 2


def test_rollback_to_unknown_version_is_a_clear_error(empty_engine):
    with pytest.raises(AtlasError) as err:
        store.rollback(empty_engine, "codebook", 999, editor="e")
    assert err.value.key == "store.unknown_version"


def test_frame_with_wrong_columns_is_refused(empty_engine):
    with pytest.raises(AtlasError):
        store.import_frame(empty_engine, "codebook", pd.DataFrame({"x": [1]}), editor="e", source_file="x")
    assert store.current_version_ids(empty_engine) == {}


def test_seeding_is_idempotent_and_marks_sample(empty_engine):
    assert len(store.ensure_seeded(empty_engine)) == 6
    assert store.ensure_seeded(empty_engine) == []
    infos = store.current_versions(empty_engine)
    assert all(v.is_sample and v.action == "seed" for v in infos.values())


def test_diff_counts():
    old = codebook_frame("a", "b", "c")
    new = codebook_frame("a", "b", "d")
    new.loc[1, "label_en"] = "changed"
    assert store.diff_counts(old, new, "codebook") == {"added": 1, "removed": 1, "changed": 1, "unchanged": 1}
    assert store.diff_counts(None, new, "codebook")["added"] == 3


def test_database_url_from_environment(monkeypatch):
    monkeypatch.setenv("ATLAS_DATABASE_URL", "postgresql+psycopg://u@h/db")
    assert store.database_url() == "postgresql+psycopg://u@h/db"
    monkeypatch.delenv("ATLAS_DATABASE_URL")
    assert store.database_url().startswith("sqlite:///")
