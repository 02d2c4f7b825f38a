"""Bring your own data from the command line, and integrity across tables (issue 14).

``validate|import TABLE FILE`` recognise the real-shaped files without options, print the
mapping (and each centre's area) on stderr before the problems, and take ``--profile``,
``--map`` and ``--area-distance-km``; ``import network`` writes actors and ties together.
A rollback that would leave responses pointing at missing centres says so, with the
count, and needs ``--force``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from lib import cli
from lib.data import imports, integrity, mapping, store

BYOD = Path(__file__).parent / "fixtures" / "byod"
COLLAB = "Hvordan vurderer du samarbejdet?=rating_collaboration"


def _lines(text: str, kind: str) -> list[list[str]]:
    return [line.split("\t")[1:] for line in text.splitlines() if line.split("\t")[0] == kind]


def test_centre_list_prints_mapping_and_areas_then_imports(cli_seeded_db_url, capsys):
    capsys.readouterr()
    code = cli.run(
        ["import", "centres", str(BYOD / "kommune_centres.csv"), "--database", cli_seeded_db_url, "--lang", "en"]
    )
    out = capsys.readouterr()
    assert code == 0 and int(out.out.strip()) > 0
    mapped = {row[0]: row[1] for row in _lines(out.err, "mapping")}
    assert mapped == {
        "Navn": "name",
        "Type": "centre_type",
        "Kommune": "municipality",
        "Øst": "easting",
        "Nord": "northing",
    }
    areas = _lines(out.err, "area")
    assert [a[2] for a in areas] == ["Gellerupparken/Toveshøj", "Bispehaven", "Vollsmose", "-"]
    assert [a[3] for a in areas] == ["nearest", "nearest", "nearest", "none"]
    assert any("No area within 1,5 km" in line for line in out.err.splitlines() if line.startswith("warning"))
    assert out.err.index("mapping\t") < out.err.index("area\t")


def test_area_distance_option(cli_seeded_db_url, capsys):
    cli.run(
        [
            "validate",
            "centres",
            str(BYOD / "kommune_centres.csv"),
            "--database",
            cli_seeded_db_url,
            "--area-distance-km",
            "0.1",
        ]
    )
    assert [a[3] for a in _lines(capsys.readouterr().err, "area")] == ["none", "nearest", "none", "none"]


def test_network_then_survey_with_map_then_profile(cli_seeded_db_url, capsys, tmp_path):
    assert cli.run(["import", "centres", str(BYOD / "kommune_centres.csv"), "--database", cli_seeded_db_url]) == 0
    assert cli.run(["import", "network", str(BYOD / "kumu_network.xlsx"), "--database", cli_seeded_db_url]) == 0
    actors_v, ties_v = (int(x) for x in capsys.readouterr().out.strip().splitlines()[-1].split("\t"))
    eng = store.get_engine(cli_seeded_db_url)
    assert store.current_version_ids(eng)["actors"] == actors_v and store.current_version_ids(eng)["ties"] == ties_v
    sav = str(BYOD / "wide_survey.sav")
    args = [
        "validate",
        "survey_responses",
        sav,
        "--database",
        cli_seeded_db_url,
        "--map",
        COLLAB,
        "--save-profile",
        "bølge",
    ]
    assert cli.run(args) == 0
    assert mapping.list_profiles(eng, "survey_responses") == ["bølge"]
    capsys.readouterr()
    xlsx = str(BYOD / "wide_survey.xlsx")
    assert cli.run(["import", "survey_responses", xlsx, "--database", cli_seeded_db_url, "--profile", "bølge"]) == 0
    frame = store.read_current(eng, "survey_responses")
    assert (frame["survey_year"] == 2026).sum() == 40 and frame["rating_collaboration"].tail(40).notna().sum() > 30
    # a profile file works the same way, and the same file twice is refused row by row
    path = tmp_path / "profil.json"
    path.write_text(mapping.load_profile(eng, "bølge").to_json("survey_responses", "bølge"), encoding="utf-8")
    capsys.readouterr()
    assert cli.run(["validate", "survey_responses", xlsx, "--database", cli_seeded_db_url, "--profile", str(path)]) == 1
    assert all(line.split("\t")[1] == "response_id" for line in capsys.readouterr().out.strip().splitlines())
    eng.dispose()


def test_bad_map_and_unknown_profile_are_usage_errors(cli_seeded_db_url, capsys):
    sav = str(BYOD / "wide_survey.sav")
    assert (
        cli.run(["validate", "survey_responses", sav, "--database", cli_seeded_db_url, "--map", "no equals sign"]) == 2
    )
    assert (
        cli.run(["validate", "survey_responses", sav, "--database", cli_seeded_db_url, "--profile", "findes-ikke"]) == 2
    )
    assert cli.run(["validate", "survey_responses", sav, "--database", cli_seeded_db_url, "--map", "Kommune=nope"]) == 2
    assert "nope" in capsys.readouterr().err


def test_integrity_counts_broken_references(sample_tables):
    frames = dict(sample_tables)
    assert integrity.broken_references(frames).empty
    fewer = frames["centres"][frames["centres"]["centre_id"] != "MC001"]
    broken = integrity.after_change(frames, "centres", fewer)
    by_table = broken.set_index("table")["n"].to_dict()
    n_responses = int((frames["survey_responses"]["centre_id"] == "MC001").sum())
    assert by_table["survey_responses"] == n_responses and "actors" in by_table
    text = integrity.messages(broken, "da")[0]
    assert str(n_responses) in text and "MC001" in text
    assert integrity.responses_without_centre(frames["survey_responses"], fewer) == n_responses


def test_rollback_that_breaks_references_needs_force(cli_seeded_db_url, capsys):
    eng = store.get_engine(cli_seeded_db_url)
    seed = store.current_version_ids(eng)["centres"]
    assert cli.run(["import", "centres", str(BYOD / "kommune_centres.csv"), "--database", cli_seeded_db_url]) == 0
    centres = store.read_current(eng, "centres")
    gellerup = centres.set_index("name").loc["Medborgerhus Gellerup Syd", "centre_id"]
    raw = f"Center;Rolle;År\n{gellerup};Leder;2026\n{gellerup};Beboer;2026\n".encode()
    imports.commit(eng, imports.prepare(eng, "survey_responses", raw, source_file="w.csv"), editor="t")
    capsys.readouterr()
    assert cli.run(["rollback", "centres", str(seed), "--database", cli_seeded_db_url, "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "2 rows of Survey responses point to centres that do not exist" in err and gellerup in err
    assert store.current_version_ids(eng)["centres"] > seed  # nothing rolled back
    before = store.current_version_ids(eng)["centres"]
    assert cli.run(["rollback", "centres", str(seed), "--database", cli_seeded_db_url, "--force"]) == 0
    assert store.current_version_ids(eng)["centres"] > before
    frames = store.read_all_current(eng)
    assert integrity.responses_without_centre(frames["survey_responses"], frames["centres"]) == 2
    eng.dispose()


def test_replace_preview_says_what_it_would_break(cli_seeded_db_url):
    eng = store.get_engine(cli_seeded_db_url)
    centres = store.read_current(eng, "centres")
    raw = centres[centres["centre_id"] != "MC001"].to_csv(sep=";", index=False).encode()
    prepared = imports.prepare(eng, "centres", raw, source_file="c.csv", mode="upsert")
    assert prepared.extras["integrity"].empty  # an update by key removes nothing
    eng.dispose()
    assert isinstance(prepared.extras["integrity"], pd.DataFrame)
