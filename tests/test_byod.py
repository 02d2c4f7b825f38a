"""Bring your own data (issue 14): kommuner, natural keys, location, column mapping, survey and network formats.

The end-to-end cases import the real-shaped files of ``tests/fixtures/byod/`` (made by
``tests/fixtures/make_byod_fixtures.py``) in the order a new editor would: the
municipality's centre list, the ministry's indicator sheets, the Kumu network, the
wide survey exports.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest

from lib.analysis import survey
from lib.data import imports, keys, locate, mapping, network_io, questionnaire, reference, store
from lib.data import survey_formats as sf
from lib.errors import AtlasError
from lib.schema import TABLES

BYOD = Path(__file__).parent / "fixtures" / "byod"
COLLAB = "Hvordan vurderer du samarbejdet?=rating_collaboration"


def _prepare(engine, table, name, **kw):
    return imports.prepare(engine, table, (BYOD / name).read_bytes(), source_file=name, **kw)


def _ok(prepared):
    assert prepared.ok, prepared.problems[["row", "column", "value", "message_en"]].head(10).to_dict("records")
    return prepared


# --- kommuner ------------------------------------------------------------------------------------


def test_reference_has_all_98_kommuner_with_regions():
    frame = reference.municipalities()
    assert len(frame) == 98 and frame["municipality_code"].is_unique
    assert frame.groupby("region").size().to_dict() == {
        "Hovedstaden": 29,
        "Midtjylland": 19,
        "Nordjylland": 11,
        "Sjælland": 17,
        "Syddanmark": 22,
    }


@pytest.mark.parametrize(
    ("given", "code"),
    [
        ("København", 101),
        ("Københavns Kommune", 101),
        ("Copenhagen", 101),
        ("0751", 751),
        ("751", 751),
        ("Århus", 751),
        ("hoeje-taastrup", 169),
        ("Høje Tåstrup", 169),
        ("Bornholms Regionskommune", 400),
        ("Atlantis", None),
        ("411", None),  # Christiansø is no kommune
    ],
)
def test_municipality_code_from_any_spelling(given, code):
    assert reference.municipality_code(given) == code


def test_fill_municipality_columns_both_ways():
    frame = pd.DataFrame({"municipality": ["Odense Kommune", ""], "municipality_code": ["", "851"]})
    out = reference.fill_municipality_columns(frame)
    assert out.values.tolist() == [["Odense", "461", "Syddanmark"], ["Aalborg", "851", "Nordjylland"]]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Gellerupparken/Toveshøj", "gellerupparken - toveshoej"),
        ("Sebbersundvej mv.", "Sebbersundvej"),
        ("Agervang m.fl.", "AGERVANG"),
        ("Tåstrupgård", "Taastrupgaard"),
    ],
)
def test_fold_matches_variants(a, b):
    assert reference.fold(a) == reference.fold(b)


# --- natural keys -----------------------------------------------------------------------------------


def test_stable_ids_are_deterministic_and_distinct():
    assert keys.stable_id("A", "Vollsmose", 461) == keys.stable_id("A", "VOLLSMOSE", "461")
    assert keys.stable_id("A", "Vollsmose", 461) != keys.stable_id("A", "Vollsmose", 751)


def test_name_index_suggests_and_refuses_to_guess(sample_tables):
    idx = keys.area_index(sample_tables["areas"])
    found, outcome, _ = idx.find("Gellerupparken - Toveshøj", "751")
    assert outcome == "found" and found == "A40"
    _, outcome, detail = idx.find("Gellerupparken", "751")
    assert outcome == "suggest" and detail == "Gellerupparken/Toveshøj (Aarhus)"
    twin = keys.NameIndex.build(["X1", "X2"], ["Nørreparken", "Nørreparken"], ["101", "461"])
    assert twin.find("Nørreparken")[1] == "ambiguous"
    assert twin.find("Nørreparken", "461")[0] == "X2"


def test_unknown_centre_name_gets_a_did_you_mean(seeded_engine):
    raw = "Centernavn;Kommune;Rolle;Årstal\nMedborgercenter Volsmose;Odense;Beboer;2026\n".encode()
    prepared = imports.prepare(seeded_engine, "survey_responses", raw, source_file="s.csv")
    assert not prepared.ok
    rec = prepared.problems.iloc[0]
    assert (rec["row"], rec["column"]) == (2, "centre_id")
    assert "mente du 'Medborgercenter Vollsmose (Odense)'?" in rec["message_da"]
    assert len(prepared.problems) == 1  # not reported again by the reference check


def test_unknown_kommune_is_a_row_problem(seeded_engine):
    raw = b"Navn;Type;Kommune;lat;lon\nHus;bibliotek;Aarhuus;56.15;10.14\n"
    prepared = imports.prepare(seeded_engine, "centres", raw, source_file="c.csv")
    first = prepared.problems[prepared.problems["column"] == "municipality"]
    assert first["row"].tolist() == [2] and "'Aarhus'?" in first["message_en"].iloc[0]


# --- location ----------------------------------------------------------------------------------------


def test_locate_nearest_within_distance_else_none(sample_tables):
    areas = sample_tables["areas"]
    centres = pd.DataFrame({"latitude": [56.1531, 56.1531, 55.951], "longitude": [10.1372, 10.1372, 8.498]})
    centres["area_id"] = [None, "A41", None]
    out = locate.assign_areas(centres, areas, max_km=1.5)
    assert out["area_id"].tolist() == ["A40", "A41", None]
    assert out["method"].tolist() == ["nearest", "given", "none"]
    assert 150 < out["distance_m"].iloc[0] < 250 and out["distance_m"].iloc[2] > 40_000
    assert locate.assign_areas(centres.iloc[[0]], areas, max_km=0.1)["area_id"].tolist() == [None]


def test_locate_inside_an_uploaded_boundary_first(sample_tables):
    import geopandas as gpd
    from shapely.geometry import box

    # a square around the Gellerup centre, named as the ministry names Bispehaven: inside wins over nearest
    polygons = gpd.GeoDataFrame(
        {"boundary_id": ["B1"], "boundary_name": ["Bispehaven mv."]},
        geometry=[box(10.13, 56.15, 10.145, 56.16)],
        crs="EPSG:4326",
    )
    centres = pd.DataFrame({"latitude": [56.1531], "longitude": [10.1372], "area_id": [None]})
    out = locate.assign_areas(centres, sample_tables["areas"], boundaries=polygons)
    assert out[["area_id", "method"]].iloc[0].tolist() == ["A41", "boundary"]


# --- answers as text ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "value"),
    [
        ("Meget godt", "5"),
        ("godt", "4"),
        ("Hverken godt eller dårligt", "3"),
        ("Dårligt", "2"),
        ("Meget dårligt", "1"),
        ("Helt enig", "5"),
        ("Helt uenig", "1"),
        ("Very good", "5"),
        ("Very poor", "1"),
        ("Ved ikke", ""),
        ("Don't know", ""),
        ("Ikke relevant", ""),
        ("4 - Godt", "4"),
        ("4", "4"),
    ],
)
def test_five_point_scales(answer, value):
    out, bad = sf.rating_values(pd.Series([answer]))
    assert out.tolist() == [value] and not bad.any()


def test_unknown_answer_is_a_row_problem_naming_the_allowed_ones(seeded_engine):
    raw = "Center;Rolle;År;Samarbejde\nMC001;Medarbejder;2026;Fantastisk\nMC001;Staff;2026;Godt\n".encode()
    prepared = imports.prepare(seeded_engine, "survey_responses", raw, source_file="s.csv")
    assert prepared.problems[["row", "column", "value"]].values.tolist() == [[2, "Samarbejde", "Fantastisk"]]
    assert "Meget godt" in prepared.problems["message_da"].iloc[0]


def test_option_columns_01_x_and_option_text():
    chosen, bad = sf.option_chosen(
        pd.Series(["1", "x", "", "0", "Valgt", "Ikke valgt", "Frivillige", "?"]), "Frivillige"
    )
    assert chosen.tolist() == [True, True, False, False, True, False, True, False]
    assert bad.tolist() == [False] * 7 + [True]


def test_multi_select_labels_in_one_column(seeded_engine):
    raw = 'Center;Rolle;År;Fordele\nMC001;Frivillig;2026;"Let at engagere frivillige; Easy to engage volunteers"\n'
    raw = raw.encode()
    prepared = _ok(imports.prepare(seeded_engine, "survey_responses", raw, source_file="s.csv"))
    assert prepared.upload["advantages"].tolist() == ["adv_volunteers;adv_volunteers"]


# --- the mapping --------------------------------------------------------------------------------------


def test_headers_recognised_by_label_alias_and_fuzzy_match(sample_tables):
    rows = [["Område", "Komune", "Antal beboere", "Ikke-vestlige indvandrere og efterkommere (pct)", "År"]]
    rows.append(["Vollsmose", "Odense", "4000", "60", "2026"])
    mapper = mapping.Mapper("areas", frames=sample_tables)
    mapper(rows, {"format": "csv"})
    got = {m.header: (m.target, m.how) for m in mapper.columns}
    assert got["Område"] == ("name", "alias")
    assert got["Antal beboere"] == ("population", "alias")
    assert got["Ikke-vestlige indvandrere og efterkommere (pct)"][0] == "pct_nonwestern"
    assert got["Komune"] == ("municipality", "fuzzy")


def test_editor_choices_override_and_ignore(seeded_engine):
    raw = "Sted;Rolle;År;Kommentar\nMC001;Frivillig;2026;hej\n".encode()
    prepared = imports.prepare(seeded_engine, "survey_responses", raw, source_file="s.csv")
    assert any("centre_id" in m for m in prepared.problems["message_en"])  # nothing says which column is the centre
    choices = mapping.Choices.from_pairs(["Sted=centre_id", "Kommentar="])
    prepared = _ok(imports.prepare(seeded_engine, "survey_responses", raw, source_file="s.csv", choices=choices))
    assert prepared.upload["centre_id"].tolist() == ["MC001"] and prepared.upload["comment"].isna().all()
    with pytest.raises(AtlasError) as info:
        imports.prepare(
            seeded_engine,
            "survey_responses",
            raw,
            source_file="s.csv",
            choices=mapping.Choices.from_pairs(["Sted=nope"]),
        )
    assert info.value.key == "byod.err.unknown_target"


def test_missing_required_columns_say_what_to_do(sample_tables):
    mapper = mapping.Mapper("survey_responses", frames=sample_tables)
    mapper([["Rolle", "Kommentar"], ["Leder", "x"]], {"format": "csv"})
    todo = dict(mapper.missing("da"))
    assert "tilføj en kolonne 'Center'" in todo["centre_id"]
    assert "dannes automatisk" in todo["response_id"]


def test_profiles_in_the_database_and_as_json(seeded_engine, tmp_path):
    choices = mapping.Choices.from_pairs([COLLAB], area_distance_km=2.5)
    mapping.save_profile(seeded_engine, "Bølge 2026", "survey_responses", choices, editor="t")
    assert mapping.list_profiles(seeded_engine, "survey_responses") == ["Bølge 2026"]
    assert mapping.load_profile(seeded_engine, "Bølge 2026", "survey_responses") == choices
    path = tmp_path / "profil.json"
    path.write_text(choices.to_json("survey_responses", "p"), encoding="utf-8")
    assert mapping.load_profile(seeded_engine, str(path)) == choices
    with pytest.raises(AtlasError) as info:
        mapping.load_profile(seeded_engine, "Bølge 2026", "centres")
    assert info.value.key == "byod.err.profile_table"
    with pytest.raises(AtlasError):
        mapping.load_profile(seeded_engine, "findes ikke")
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(AtlasError):
        mapping.load_profile(seeded_engine, str(bad))


# --- a new editor's files, end to end -----------------------------------------------------------------


def test_centre_list_with_names_types_kommune_and_utm(seeded_engine):
    prepared = _ok(_prepare(seeded_engine, "centres", "kommune_centres.csv"))
    up = prepared.upload
    assert up["municipality_code"].tolist() == [751, 751, 461, 760]
    assert up["region"].tolist() == ["Midtjylland", "Midtjylland", "Syddanmark", "Midtjylland"]
    assert up["centre_type"].tolist() == ["library", "housing_area", "health", "association"]
    assert up["area_id"].tolist()[:3] == ["A40", "A41", "A27"] and pd.isna(up["area_id"].iloc[3])
    assert up["centre_id"].str.startswith("MC-").all()
    assigned = prepared.extras["assignments"]
    assert assigned["method"].tolist() == ["nearest", "nearest", "nearest", "none"]
    warnings = prepared.extras["warnings"]
    assert warnings["row"].tolist() == [5] and "Kvaglund" in warnings["message_en"].iloc[0]
    imports.commit(seeded_engine, prepared, editor="t")
    again = _ok(_prepare(seeded_engine, "centres", "kommune_centres.csv"))
    assert again.diff == {"added": 0, "removed": 0, "changed": 0, "unchanged": len(again.result)}
    assert again.extras["assignments"]["method"].tolist()[:3] == ["current"] * 3


def test_distance_setting_changes_the_assignment(seeded_engine):
    prepared = _prepare(seeded_engine, "centres", "kommune_centres.csv", choices=mapping.Choices(area_distance_km=0.1))
    assert prepared.extras["assignments"]["method"].tolist() == ["none", "nearest", "none", "none"]


def test_ministry_sheets_update_areas_by_name(seeded_engine):
    before = store.read_current(seeded_engine, "areas")
    prepared = _ok(_prepare(seeded_engine, "areas", "ministry_indicators.xlsx"))
    up = prepared.upload
    assert sorted(set(up["area_id"])) == ["A27", "A40", "A41"] and sorted(set(up["year"])) == [2026, 2027]
    gellerup = before[before["area_id"] == "A40"].iloc[-1]
    row = up[(up["area_id"] == "A40") & (up["year"] == 2026)].iloc[0]
    assert (row["latitude"], row["longitude"], row["name"]) == (
        gellerup["latitude"],
        gellerup["longitude"],
        "Gellerupparken/Toveshøj",
    )
    assert row["population"] == 5000 and row["pct_nonwestern"] == 61.5
    assert prepared.diff["added"] == 6 and prepared.diff["removed"] == 0
    imports.commit(seeded_engine, prepared, editor="t")
    # a wide table of one indicator updates that indicator only
    wide = _ok(_prepare(seeded_engine, "areas", "ministry_wide.csv"))
    assert wide.diff["changed"] == 4 and wide.diff["added"] == 0
    assert wide.upload.sort_values(["area_id", "year"])["pct_nonwestern"].tolist() == [61.2, 60.8, 68.1, 67.5]
    assert wide.upload["population"].notna().all()


def test_kumu_workbook_becomes_actors_and_ties_linked_to_the_centre(seeded_engine):
    imports.commit(seeded_engine, _ok(_prepare(seeded_engine, "centres", "kommune_centres.csv")), editor="t")
    centre = store.read_current(seeded_engine, "centres").query("name == 'Medborgerhus Gellerup Syd'").iloc[0]
    prepared = network_io.prepare_network(
        seeded_engine, (BYOD / "kumu_network.xlsx").read_bytes(), source_file="k.xlsx"
    )
    assert prepared.ok, prepared.problems.to_dict("records")
    actors = prepared.actors.upload
    me = actors[actors["name"] == "Medborgerhus Gellerup Syd"].iloc[0]
    assert me["actor_id"] == centre["centre_id"] and me["centre_id"] == centre["centre_id"] and me["in_centre"]
    assert set(actors["area_id"]) == {"A40"}
    assert actors.set_index("name").loc["Jobcenter Aarhus Vest", "sector"] == "municipal"
    ties = prepared.ties.upload
    assert len(ties) == 5 and set(ties["tie_type"]) == {"co_location", "collaboration", "shared_activity", "referral"}
    assert set(ties["source_actor_id"]) | set(ties["target_actor_id"]) <= set(actors["actor_id"])
    before = store.current_version_ids(seeded_engine)
    versions = network_io.commit_network(seeded_engine, prepared, editor="t")
    after = store.current_version_ids(seeded_engine)
    assert after["actors"] == versions["actors"] > before["actors"] and after["ties"] == versions["ties"]
    # exporting the area's network as Kumu and importing it again changes nothing
    frames = store.read_all_current(seeded_engine)
    a, t = network_io.area_network(frames["actors"], frames["ties"], "A40")
    again = network_io.prepare_network(
        seeded_engine, network_io.kumu_workbook(a, t, frames["areas"]), source_file="x.xlsx"
    )
    assert again.ok and again.actors.diff["added"] == 0 and again.actors.diff["changed"] == 0
    assert again.ties.diff["added"] == 0


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graphml_and_gexf_round_trip(seeded_engine, fmt):
    frames = store.read_all_current(seeded_engine)
    a, t = network_io.area_network(frames["actors"], frames["ties"], "A01")
    data = network_io.to_graphml(a, t) if fmt == "graphml" else network_io.to_gexf(a, t)
    assert network_io.sniff(data) == fmt
    prepared = network_io.prepare_network(seeded_engine, data, source_file=f"n.{fmt}")
    assert prepared.ok, prepared.problems.head().to_dict("records")
    assert prepared.actors.diff["added"] == 0 and prepared.ties.diff["added"] == 0


@pytest.mark.parametrize("name", ["wide_survey.xlsx", "wide_survey.sav"])
def test_wide_survey_export_links_responses_by_centre_name(seeded_engine, name):
    imports.commit(seeded_engine, _ok(_prepare(seeded_engine, "centres", "kommune_centres.csv")), editor="t")
    centres = store.read_current(seeded_engine, "centres").set_index("name")["centre_id"]
    choices = mapping.Choices.from_pairs([COLLAB])
    prepared = _ok(_prepare(seeded_engine, "survey_responses", name, choices=choices))
    up = prepared.upload
    assert len(up) == 40 and up["response_id"].is_unique
    assert set(up["centre_id"]) == {centres["Medborgerhus Gellerup Syd"], centres["Sundhedshuset Vollsmose Øst"]}
    assert set(up["respondent_role"]) == {"staff", "manager", "partner", "volunteer", "resident"}
    assert up["survey_year"].eq(2026).all()
    assert up["rating_collaboration"].notna().sum() > 30 and up["rating_collaboration"].isna().any()  # "Ved ikke"
    assert up["rating_coordination"].isna().all()  # not asked
    codes = set(";".join(up["advantages"].fillna("")).split(";")) - {""}
    assert codes == {"adv_volunteers", "adv_one_door", "adv_local_trust"}
    assert set(";".join(up["drawbacks"].fillna("")).split(";")) - {""} == {"drw_short_hours", "drw_funding"}
    imports.commit(seeded_engine, prepared, editor="t")
    # the Compare page's numbers include the new centres' responses
    frames = store.read_all_current(seeded_engine)
    shares = survey.item_shares(frames["survey_responses"], frames["centres"], frames["codebook"], min_n=1)
    assert len(shares) and shares["n"].max() >= 1
    again = _prepare(seeded_engine, "survey_responses", name, choices=choices)
    assert not again.ok and (again.problems["column"] == "response_id").all()  # the same file twice: refused


def test_xlsx_and_sav_give_the_same_responses(seeded_engine):
    imports.commit(seeded_engine, _ok(_prepare(seeded_engine, "centres", "kommune_centres.csv")), editor="t")
    choices = mapping.Choices.from_pairs([COLLAB])
    a = _ok(_prepare(seeded_engine, "survey_responses", "wide_survey.xlsx", choices=choices)).upload
    b = _ok(_prepare(seeded_engine, "survey_responses", "wide_survey.sav", choices=choices)).upload
    cols = [c for c in TABLES["survey_responses"].names if c != "response_id"]
    pd.testing.assert_frame_equal(a[cols], b[cols])


def test_questionnaire_template_texts_are_recognised_headers(seeded_engine, sample_tables):
    data = questionnaire.questionnaire_xlsx(sample_tables["codebook"], "da")
    headers = pd.read_excel(io.BytesIO(data), sheet_name=0).columns.tolist()
    body = {h: "" for h in headers}
    body.update(
        {headers[0]: "Medborgercenter Vollsmose", headers[1]: "Odense", headers[2]: "Beboer", headers[3]: "2026"}
    )
    frame = pd.DataFrame([body], columns=headers)
    frame[headers[4]] = "Meget godt"
    frame[[h for h in headers if h.startswith("Fordele:")][0]] = "1"
    raw = frame.to_csv(sep=";", index=False).encode("utf-8")
    prepared = _ok(imports.prepare(seeded_engine, "survey_responses", raw, source_file="t.csv"))
    mapper = prepared.extras["mapper"]
    assert all(m.target for m in mapper.columns), mapper.mapping_frame("da").to_dict("records")
    assert prepared.upload["rating_collaboration"].tolist() == [5]
    assert prepared.upload["advantages"].tolist() == [
        sample_tables["codebook"].query("kind == 'advantage'")["code"].iloc[0]
    ]


def test_profile_json_is_plain_json():
    body = json.loads(mapping.Choices.from_pairs([COLLAB]).to_json("survey_responses", "x"))
    assert body["columns"] == {"Hvordan vurderer du samarbejdet?": "rating_collaboration"}
