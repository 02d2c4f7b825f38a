"""Schema declarations and validation: every problem collected, with row numbers as in the file."""

import pandas as pd
import pytest

from lib.errors import PROBLEM_COLUMNS
from lib.i18n import catalogue
from lib.schema import TABLES, validate


def codebook(**overrides):
    row = {"code": "adv_x", "kind": "advantage", "label_da": "X", "label_en": "X"}
    row.update(overrides)
    return pd.DataFrame([row])


def test_clean_codebook_passes_and_maps_danish_labels():
    clean, problems = validate("codebook", codebook(kind="Fordel"))
    assert problems.empty
    assert clean.loc[0, "kind"] == "advantage"
    assert list(clean.columns) == TABLES["codebook"].names


@pytest.mark.parametrize(
    ("table", "column", "value", "message_fragment"),
    [
        pytest.param("centres", "centre_type", "kirke", "not an allowed value", id="unknown-category"),
        pytest.param("centres", "latitude", "abc", "not a number", id="not-a-number"),
        pytest.param("centres", "latitude", "12.0", "outside the allowed range", id="outside-denmark"),
        pytest.param("centres", "n_organisations", "2.5", "not a whole number", id="fraction-for-int"),
        pytest.param("centres", "has_library", "maybe", "not yes/no", id="bad-bool"),
        pytest.param("survey_responses", "rating_visibility", "6", "outside the allowed range", id="rating-6"),
        pytest.param("survey_responses", "rating_visibility", "0", "outside the allowed range", id="rating-0"),
        pytest.param("areas", "pct_nonwestern", "101", "outside the allowed range", id="percent-over-100"),
        pytest.param("ties", "strength", "4", "outside the allowed range", id="strength-4"),
    ],
)
def test_bad_value_reported_on_its_row_and_column(sample_tables, table, column, value, message_fragment):
    frame = sample_tables[table].head(3).astype(object).copy()
    frame.loc[1, column] = value
    _, problems = validate(table, frame)
    hit = problems[(problems["column"] == column) & (problems["row"] == 3)]
    assert not hit.empty, problems
    assert message_fragment in hit.iloc[0]["message_en"]
    assert hit.iloc[0]["message_da"] != hit.iloc[0]["message_en"]


def test_all_problems_collected_not_just_the_first(sample_tables):
    frame = sample_tables["centres"].head(5).astype(object).copy()
    frame.loc[0, "latitude"] = "x"
    frame.loc[2, "centre_type"] = "nope"
    frame.loc[4, "region"] = "Skåne"
    _, problems = validate("centres", frame)
    assert set(zip(problems["row"], problems["column"], strict=True)) >= {
        (2, "latitude"),
        (4, "centre_type"),
        (6, "region"),
    }
    assert list(problems.columns) == PROBLEM_COLUMNS


def test_missing_required_column_is_one_problem_on_the_header_row():
    frame = codebook().drop(columns=["label_en"])
    _, problems = validate("codebook", frame)
    assert problems[["row", "column"]].values.tolist() == [[1, "label_en"]]


def test_optional_column_may_be_absent(sample_tables):
    frame = sample_tables["survey_responses"].head(4).drop(columns=["rating_funding_stability", "comment"])
    clean, problems = validate("survey_responses", frame)
    assert problems.empty
    assert clean["rating_funding_stability"].isna().all()


def test_duplicate_keys_reported_after_first_occurrence():
    frame = pd.concat([codebook(), codebook(), codebook(code="b")], ignore_index=True)
    _, problems = validate("codebook", frame)
    assert problems[["row", "column"]].values.tolist() == [[3, "code"]]


def test_references_checked_against_other_tables(sample_tables):
    frame = sample_tables["centres"].head(2).astype(object).copy()
    frame.loc[0, "area_id"] = "A999"
    _, problems = validate("centres", frame, others={"areas": sample_tables["areas"]})
    assert problems[["row", "column", "value"]].values.tolist() == [[2, "area_id", "A999"]]


def test_unknown_codebook_code_is_a_problem(sample_tables):
    frame = sample_tables["survey_responses"].head(2).astype(object).copy()
    frame.loc[1, "advantages"] = "adv_broad_reach;adv_made_up"
    _, problems = validate("survey_responses", frame, others={"codebook": sample_tables["codebook"]})
    assert problems[["row", "column", "value"]].values.tolist() == [[3, "advantages", "adv_made_up"]]


def test_decimal_comma_accepted_for_numbers():
    frame = pd.DataFrame(
        [
            {
                "area_id": "A1",
                "name": "X",
                "municipality_code": "101",
                "region": "Hovedstaden",
                "latitude": "55,7",
                "longitude": "12,5",
                "year": "2024",
                "population": "1200",
                "pct_outside_labour_market": "41,5",
                "pct_basic_education_only": "50",
                "income_pct_of_region": "54,9",
                "pct_nonwestern": "60",
            }
        ]
    )
    clean, problems = validate("areas", frame)
    assert problems.empty, problems
    assert clean.loc[0, "latitude"] == pytest.approx(55.7)
    assert clean.loc[0, "population"] == 1200


def test_custom_row_numbers_are_used():
    frame = pd.concat([codebook(), codebook()], ignore_index=True)
    _, problems = validate("codebook", frame, row_numbers=[10, 12])
    assert problems["row"].tolist() == [12]


def test_every_message_key_used_by_the_schema_is_translated():
    keys = [k for k in catalogue() if k.startswith("schema.")]
    assert len(keys) >= 9
    for key in keys:
        assert catalogue()[key]["da"] and catalogue()[key]["en"]


def test_bundled_sample_is_valid(sample_tables):
    others = dict(sample_tables)
    for name, frame in sample_tables.items():
        _, problems = validate(name, frame, others=others)
        assert problems.empty, (name, problems.head())
