"""lib.cli: subcommands, exit codes, problem lines; and the README documents every setting and subcommand."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from lib import cli, settings
from lib.data import store

ROOT = Path(__file__).resolve().parent.parent
HEAD = "response_id;centre_id;survey_year;respondent_role;rating_collaboration;comment"


def _file(tmp_path, text: str, name="wave.csv", encoding="utf-8") -> str:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


def test_validate_clean_file_exits_0(cli_seeded_db_url, tmp_path, capsys):
    path = _file(tmp_path, f"{HEAD}\nR900001;MC001;2026;medarbejder;4;Fint\n", encoding="cp1252")
    assert cli.run(["validate", "survey_responses", path, "--database", cli_seeded_db_url]) == 0
    assert capsys.readouterr().out == ""


def test_validate_problems_exit_1_one_line_each(cli_seeded_db_url, tmp_path, capsys):
    path = _file(tmp_path, f'{HEAD}\nR000001;MC999;2026;staff;9;"a\ttab"\n')
    assert cli.run(["validate", "survey_responses", path, "--database", cli_seeded_db_url, "--lang", "en"]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 3
    parsed = [line.split("\t") for line in lines]
    assert all(len(p) == 4 for p in parsed)
    assert {(p[0], p[1], p[2]) for p in parsed} == {
        ("2", "centre_id", "MC999"),
        ("2", "rating_collaboration", "9"),
        ("2", "response_id", "R000001"),
    }
    assert any("does not exist" in p[3] for p in parsed)


def test_validate_danish_messages_by_default(cli_seeded_db_url, tmp_path, capsys):
    path = _file(tmp_path, f"{HEAD}\nR900001;MC999;2026;staff;4;\n")
    assert cli.run(["validate", "survey_responses", path, "--database", cli_seeded_db_url]) == 1
    assert "findes ikke" in capsys.readouterr().out


def test_import_prints_version_then_versions_rollback_export(cli_seeded_db_url, tmp_path, capsys):
    path = _file(tmp_path, f"{HEAD}\nR900001;MC001;2026;staff;4;=1+1\n")
    assert cli.run(["import", "survey_responses", path, "--database", cli_seeded_db_url, "--editor", "steward"]) == 0
    version = int(capsys.readouterr().out.strip())
    eng = store.get_engine(cli_seeded_db_url)
    assert store.current_version_ids(eng)["survey_responses"] == version
    assert store.list_versions(eng, "survey_responses").iloc[0]["editor"] == "steward"

    assert cli.run(["versions", "survey_responses", "--database", cli_seeded_db_url]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("version\t") and out[1].split("\t")[0] == str(version) and "*" in out[1].split("\t")

    seed_version = int(out[2].split("\t")[0])
    assert cli.run(["rollback", "survey_responses", str(seed_version), "--database", cli_seeded_db_url]) == 0
    new = int(capsys.readouterr().out.strip())
    assert store.current_version_ids(eng)["survey_responses"] == new
    assert store.audit_log(eng, "survey_responses").iloc[0]["action"] == "rollback"

    csv_out = tmp_path / "out.csv"
    assert (
        cli.run(
            ["export", "survey_responses", str(csv_out), "--version", str(version), "--database", cli_seeded_db_url]
        )
        == 0
    )
    text = csv_out.read_bytes().decode("utf-8-sig")
    assert "R900001" in text and "'=1+1" in text and ";=1+1" not in text  # formula neutralised
    xlsx_out = tmp_path / "out.xlsx"
    assert cli.run(["export", "survey_responses", str(xlsx_out), "--database", cli_seeded_db_url]) == 0
    ws = openpyxl.load_workbook(xlsx_out).active
    assert ws.max_row == len(store.read_current(eng, "survey_responses")) + 1  # header + the rolled-back version
    eng.dispose()


def test_import_with_problems_exits_1_and_writes_nothing(cli_seeded_db_url, tmp_path, capsys):
    eng = store.get_engine(cli_seeded_db_url)
    before = store.current_version_ids(eng)
    path = _file(tmp_path, f"{HEAD}\nR900001;MC999;2026;staff;4;\n")
    assert cli.run(["import", "survey_responses", path, "--database", cli_seeded_db_url]) == 1
    assert store.current_version_ids(eng) == before
    eng.dispose()


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["bogus"],
        ["validate", "no_such_table", "x.csv"],
        ["validate", "survey_responses", "/no/such/file.csv"],
        ["rollback", "survey_responses", "not-a-number"],
        ["rollback", "survey_responses", "9999"],
        ["export", "survey_responses", "out.csv", "--version", "9999"],
    ],
)
def test_usage_and_io_errors_exit_2(cli_seeded_db_url, argv, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli.run([*argv, "--database", cli_seeded_db_url] if argv else argv) == 2


def test_unreadable_file_exit_2_with_reason(cli_seeded_db_url, tmp_path, capsys):
    path = tmp_path / "garbage.csv"
    path.write_bytes(bytes(range(256)) * 10)
    assert cli.run(["validate", "centres", str(path), "--database", cli_seeded_db_url, "--lang", "en"]) == 2
    assert "neither a CSV file nor an Excel workbook" in capsys.readouterr().err


def test_reading_options(cli_seeded_db_url, tmp_path):
    path = _file(tmp_path, "code:kind:label_da:label_en\nadv_z:fordel:x:y\n")
    assert cli.run(["validate", "codebook", path, "--database", cli_seeded_db_url]) == 2
    assert cli.run(["validate", "codebook", path, "--database", cli_seeded_db_url, "--sep", ":"]) == 0


def test_database_option_before_or_after_the_subcommand(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    monkeypatch.setenv("ATLAS_DATABASE_URL", f"sqlite:///{tmp_path / 'env.db'}")
    assert cli.run(["--database", url, "seed"]) == 0
    assert (tmp_path / "x.db").exists() and not (tmp_path / "env.db").exists()
    assert cli.run(["versions", "codebook"]) == 0  # from ATLAS_DATABASE_URL
    assert (tmp_path / "env.db").exists()


def test_runs_as_module(cli_seeded_db_url, tmp_path):
    path = _file(tmp_path, f"{HEAD}\nR900001;MC999;2026;staff;4;\n")
    proc = subprocess.run(
        [sys.executable, "-m", "lib.cli", "validate", "survey_responses", path, "--database", cli_seeded_db_url],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1 and proc.stdout.count("\n") == 1
    assert subprocess.run([sys.executable, "-m", "lib.cli", "--help"], cwd=ROOT, capture_output=True).returncode == 0


# --- settings -----------------------------------------------------------------------------------


def test_settings_defaults_and_overrides():
    assert settings.get("ATLAS_MAX_UPLOAD_MB", env={}) == 50
    assert settings.get("ATLAS_MAX_UPLOAD_MB", env={"ATLAS_MAX_UPLOAD_MB": "oops"}) == 50
    assert settings.get("ATLAS_MAX_UPLOAD_MB", env={}, secrets={"ATLAS_MAX_UPLOAD_MB": 7}) == 7
    assert settings.get("ATLAS_MAX_ROWS", env={"ATLAS_MAX_ROWS": "10"}, secrets={"ATLAS_MAX_ROWS": 7}) == 10
    assert settings.get("ATLAS_DEFAULT_LANGUAGE", env={}) == "da"
    names = {s.name for s in settings.SETTINGS}
    assert {
        "ATLAS_DATABASE_URL",
        "ATLAS_EDITOR_PASSWORD",
        "ATLAS_MAX_UPLOAD_MB",
        "ATLAS_MAX_ROWS",
        "ATLAS_DEFAULT_LANGUAGE",
    } <= names


def test_readme_documents_every_setting_and_subcommand():
    readme = ROOT / "README.md"
    if not readme.exists():
        pytest.skip("README.md not written yet (the lead adds the settings and CLI sections)")
    text = readme.read_text(encoding="utf-8")
    missing = [s.name for s in settings.SETTINGS if s.name not in text]
    assert not missing, f"README.md does not document: {missing}"
    for command in ("validate", "import", "versions", "rollback", "export", "seed"):
        assert f"lib.cli {command}" in text or f"`{command}" in text, command
