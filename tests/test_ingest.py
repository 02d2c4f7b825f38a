"""lib.data.ingest: reading files as Danish offices deliver them, and the fixture corpus of broken files."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from lib.data import export, imports, ingest
from lib.errors import AtlasError
from lib.i18n import t
from lib.schema import TABLES, validate
from tests.fixtures.make_fixtures import _xlsx

FIXTURES = Path(__file__).parent / "fixtures"
MANIFEST = json.loads((FIXTURES / "manifest.json").read_text(encoding="utf-8"))


# --- the corpus -------------------------------------------------------------------------------


def test_corpus_is_large_enough_and_complete():
    broken = [n for n, e in MANIFEST.items() if e["expect"] != "ok" or "payload" in n]
    assert len(broken) >= 25
    assert {p.name for p in (FIXTURES / "upload").iterdir()} == set(MANIFEST)


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_fixture_produces_its_problem(name, seeded_memory_engine):
    entry = MANIFEST[name]
    path = FIXTURES / "upload" / name
    if entry["expect"] == "error":
        with pytest.raises(AtlasError) as info:
            imports.prepare(seeded_memory_engine, entry["table"], path, source_file=name, mode=entry.get("mode"))
        assert info.value.key == entry["key"]
        for lang in ("da", "en"):  # every reason has a message in both languages, not the bare key
            assert info.value.message(lang) != entry["key"]
        return
    prepared = imports.prepare(seeded_memory_engine, entry["table"], path, source_file=name, mode=entry.get("mode"))
    if entry["expect"] == "problems":
        assert not prepared.ok
        got = prepared.problems
        for want in entry["problems"]:
            rows = got["row"].isna() if want["row"] is None else got["row"] == want["row"]
            match = got[rows & (got["column"] == want["column"])]
            assert match["message_en"].str.contains(want["contains"], regex=False).any(), (want, got.to_dict("records"))
            assert (match["message_da"] != "").all()
        return
    assert prepared.ok, prepared.problems.to_dict("records")
    assert prepared.n_rows == entry["rows"]
    first = prepared.upload.iloc[0]
    for key, value in entry.get("check", {}).items():
        if key == "row":
            assert int(prepared.problems.empty) and imports.ingest.read_file(path, entry["table"]).rows.iloc[0] == value
        elif key == "latitude_between":
            assert value[0] <= first["latitude"] <= value[1]
        elif key == "formula_column":
            safe = export.neutralise_formulas(prepared.upload)
            assert all(not str(v).startswith(("=", "+", "-", "@")) for v in safe[value])
            csv_text = export.to_csv_bytes(prepared.upload).decode("utf-8-sig")
            assert "\n=HYPERLINK" not in csv_text and ";=HYPERLINK" not in csv_text
            wb = openpyxl.load_workbook(io.BytesIO(export.to_xlsx_bytes(prepared.upload)))
            cells = [c.value for row in wb.active.iter_rows() for c in row]
            assert not any(isinstance(c, str) and c.startswith("=") for c in cells)
            assert all(c.data_type != "f" for row in wb.active.iter_rows() for c in row)
        elif key == "text_kept":
            assert value in prepared.upload["comment"].tolist()
        elif key == "advantages":
            assert prepared.upload["advantages"].tolist() == ["adv_broad_reach", "adv_one_door"]
            assert prepared.upload["drawbacks"].tolist() == ["drw_space", ""]
        else:
            assert first[key] == value, (key, first[key])


# --- detection --------------------------------------------------------------------------------


def test_cp1252_and_bom_keep_danish_letters():
    text = "kode;art;tekst_da;tekst_en;beskrivelse\nadv_x;fordel;Ærø Østerbro Århus;x;æøå\n"
    for raw, enc in ((text.encode("cp1252"), "cp1252"), (b"\xef\xbb\xbf" + text.encode(), "utf-8-sig")):
        res = ingest.read_file(raw, "codebook")
        assert res.report.encoding == enc
        assert res.frame.loc[0, "label_da"] == "Ærø Østerbro Århus"
        assert res.frame.loc[0, "description"] == "æøå"


@pytest.mark.parametrize("sep", [";", ",", "\t", "|"])
def test_separator_detected(sep):
    rows = [["code", "kind", "label_da", "label_en"], ["a", "advantage", "x", "y"]]
    raw = "\n".join(sep.join(r) for r in rows).encode()
    res = ingest.read_file(raw, "codebook")
    assert res.report.separator == sep
    assert res.frame.loc[0, "code"] == "a"


def test_decimal_comma_and_thousands_points():
    raw = "\n".join(
        [
            "area_id;name;municipality_code;municipality;region;latitude;longitude;year;population;"
            "pct_outside_labour_market;pct_basic_education_only;income_pct_of_region;pct_nonwestern",
            "A01;Mjølnerparken;101;København;Hovedstaden;55,6993;12,5427;2026;1.234;35,3;54,2;61,7;38,5",
        ]
    ).encode()
    res = ingest.read_file(raw, "areas")
    assert res.report.decimal == ","
    clean, problems = validate("areas", res.frame, row_numbers=res.rows)
    assert problems.empty, problems.to_dict("records")
    assert clean.loc[0, "population"] == 1234
    assert clean.loc[0, "latitude"] == pytest.approx(55.6993)


def test_decimal_point_with_thousands_commas():
    raw = (
        "area_id,name,municipality_code,municipality,region,latitude,longitude,year,population,"
        "pct_outside_labour_market,pct_basic_education_only,income_pct_of_region,pct_nonwestern\n"
        'A01,M,101,København,Hovedstaden,55.6993,12.5427,2026,"1,234",35.3,54.2,61.7,38.5\n'
    ).encode()
    res = ingest.read_file(raw, "areas")
    assert res.report.decimal == "."
    clean, problems = validate("areas", res.frame, row_numbers=res.rows)
    assert problems.empty
    assert clean.loc[0, "population"] == 1234 and clean.loc[0, "pct_outside_labour_market"] == pytest.approx(35.3)


def test_forced_settings_win():
    raw = b"code:kind:label_da:label_en\na:advantage:x:y\n"
    with pytest.raises(AtlasError) as info:
        ingest.read_file(raw, "codebook")
    assert "Separator" in info.value.message("en") or "separator" in info.value.message("en")
    res = ingest.read_file(raw, "codebook", options=ingest.ReadOptions(separator=":"))
    assert res.frame.loc[0, "label_en"] == "y"
    with pytest.raises(AtlasError) as info:
        ingest.read_file(b"a;b\n1;2\n", "codebook", options=ingest.ReadOptions(encoding="no-such-codec"))
    assert info.value.key == "data.err.bad_encoding_setting"


def test_header_aliases_are_normalised():
    raw = " Kommune-Kode ;CENTERID;Navn;TYPE;Kommune;Region;Område_ID;Lat;Lon\n101;MC1;x;Sundhedsbaseret;K;Hovedstaden;A01;55,7;12,5\n"
    res = ingest.read_file(raw.encode(), "centres")
    assert {"municipality_code", "centre_id", "name", "centre_type", "area_id", "latitude"} <= set(res.frame.columns)
    clean, problems = validate("centres", res.frame, row_numbers=res.rows)
    assert problems.empty, problems.to_dict("records")
    assert clean.loc[0, "centre_type"] == "health"


def test_optional_columns_may_be_left_out():
    raw = b"response_id;centre_id;survey_year;respondent_role\nR1;MC001;2026;leder\n"
    res = ingest.read_file(raw, "survey_responses")
    clean, problems = validate("survey_responses", res.frame, row_numbers=res.rows)
    assert problems.empty
    assert clean["rating_collaboration"].isna().all() and clean.loc[0, "advantages"] == ""


def test_row_numbers_follow_the_file_through_blank_rows():
    raw = b"code;kind;label_da;label_en\na;advantage;x;y\n;;;\n\nb;advantage;x;\n"
    res = ingest.read_file(raw, "codebook")
    assert res.rows.tolist() == [2, 5]
    _, problems = validate("codebook", res.frame, row_numbers=res.rows)
    assert problems["row"].tolist() == [5]


def test_xlsx_first_or_chosen_sheet_and_types():
    data = _xlsx(
        {
            "Forside": [["code", "kind", "label_da", "label_en"], ["a", "fordel", "x", "y"]],
            "Bølge 2": [["code", "kind", "label_da", "label_en"], ["b", "ulempe", "x", "y"], [None] * 4],
        }
    )
    assert ingest.read_file(data, "codebook").frame.loc[0, "code"] == "a"
    for sheet in ("Bølge 2", "2", 2):
        res = ingest.read_file(data, "codebook", options=ingest.ReadOptions(sheet=sheet))
        assert res.frame["code"].tolist() == ["b"] and res.report.sheet == "Bølge 2"
    assert res.report.sheets == ("Forside", "Bølge 2")
    with pytest.raises(AtlasError) as info:
        ingest.read_file(data, "codebook", options=ingest.ReadOptions(sheet="Nope"))
    assert info.value.key == "data.err.no_such_sheet" and "Forside" in info.value.message("en")


def test_xlsx_numbers_read_as_numbers():
    head = ["centre_id", "name", "centre_type", "municipality_code", "municipality", "region", "area_id"]
    data = _xlsx(
        {
            "s": [
                head + ["latitude", "longitude", "floor_area_m2", "has_library"],
                ["MC9", "x", "library", 101, "K", "Hovedstaden", "A01", 55.6995, 12.5433, 850.5, True],
            ]
        }
    )
    res = ingest.read_file(data, "centres")
    clean, problems = validate("centres", res.frame, row_numbers=res.rows)
    assert problems.empty, problems.to_dict("records")
    assert clean.loc[0, "municipality_code"] == 101 and clean.loc[0, "floor_area_m2"] == 850.5
    assert bool(clean.loc[0, "has_library"]) is True


def test_utm_coordinates_converted():
    raw = (
        b"centre_id;name;centre_type;municipality_code;municipality;region;area_id;easting;northing\n"
        b"MC9;x;library;101;K;Hovedstaden;A01;725000;6176000\n"
    )
    res = ingest.read_file(raw, "centres")
    assert res.report.coordinates == "epsg:25832"
    lat, lon = float(res.frame.loc[0, "latitude"]), float(res.frame.loc[0, "longitude"])
    assert 55.6 < lat < 55.8 and 12.4 < lon < 12.7  # central Copenhagen


def test_surveyxact_columns_merge_with_list_column():
    raw = (
        b"response_id;centre_id;survey_year;respondent_role;fordele;fordele_adv_one_door;Ulemper_drw_space\n"
        b"R1;MC001;2026;staff;adv_broad_reach;1;x\n"
    )
    res = ingest.read_file(raw, "survey_responses")
    assert res.frame.loc[0, "advantages"] == "adv_broad_reach;adv_one_door"
    assert res.frame.loc[0, "drawbacks"] == "drw_space"
    assert res.report.multi_select["advantages"] == ["fordele_adv_one_door"]


# --- limits are checked before parsing --------------------------------------------------------------


def test_oversize_refused_before_parsing(monkeypatch, tmp_path):
    def boom(*a, **k):
        raise AssertionError("parsed although too large")

    monkeypatch.setattr(ingest, "_split_rows", boom)
    monkeypatch.setattr(ingest, "_read_xlsx", boom)
    big = b"code;kind;label_da;label_en\n" + b"a;advantage;x;y\n" * 80_000  # generated here, not committed
    with pytest.raises(AtlasError) as info:
        ingest.read_file(big, "codebook", options=ingest.ReadOptions(max_bytes=1024 * 1024))
    assert info.value.key == "data.err.too_large" and "ATLAS_MAX_UPLOAD_MB" in info.value.message("en")
    path = tmp_path / "big.csv"
    path.write_bytes(big)
    with pytest.raises(AtlasError):
        ingest.read_file(path, "codebook", options=ingest.ReadOptions(max_bytes=1024 * 1024))
    # the default limit comes from the setting
    monkeypatch.setenv("ATLAS_MAX_UPLOAD_MB", "1")
    with pytest.raises(AtlasError) as info:
        ingest.read_file(big, "codebook")
    assert info.value.key == "data.err.too_large"


def test_row_cap_refused_before_parsing(monkeypatch):
    def boom(*a, **k):
        raise AssertionError("parsed although too many rows")

    monkeypatch.setattr(ingest, "_split_rows", boom)
    raw = b"code;kind;label_da;label_en\n" + b"a;advantage;x;y\n" * 1000
    with pytest.raises(AtlasError) as info:
        ingest.read_file(raw, "codebook", options=ingest.ReadOptions(max_rows=100))
    assert info.value.key == "data.err.too_many_rows" and "ATLAS_MAX_ROWS" in info.value.message("en")


def test_row_cap_for_workbooks():
    data = _xlsx({"s": [["code", "kind", "label_da", "label_en"]] + [["a", "advantage", "x", "y"]] * 300})
    with pytest.raises(AtlasError) as info:
        ingest.read_file(data, "codebook", options=ingest.ReadOptions(max_rows=100))
    assert info.value.key == "data.err.too_many_rows"


# --- round trip ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("table", list(TABLES))
@pytest.mark.parametrize("fmt", ["csv-da", "csv-en", "xlsx"])
def test_export_round_trip(table, fmt, sample_tables):
    """What the app exports, the app reads back unchanged (æ, ø, å included)."""
    frame = sample_tables[table].head(200)
    if fmt == "xlsx":
        raw = export.to_xlsx_bytes(frame, table)
    else:
        raw = export.to_csv_bytes(frame, fmt.split("-")[1])
    res = ingest.read_file(raw, table)
    clean, problems = validate(table, res.frame, row_numbers=res.rows)
    assert problems.empty, problems.head().to_dict("records")
    pd.testing.assert_frame_equal(
        clean.astype("string").fillna(""), frame.reset_index(drop=True).astype("string").fillna(""), check_dtype=False
    )


def test_messages_exist_in_both_languages():
    from lib.i18n import catalogue

    keys = [k for k in catalogue() if k.startswith("data.err.")]
    assert len(keys) > 20
    for key in keys:
        assert catalogue()[key]["da"] and catalogue()[key]["en"]
        assert t(key, "da") != t(key, "en")
