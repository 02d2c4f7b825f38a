"""The bundled sample: deterministic, the sizes the brief asks for, real places on land."""

import hashlib
from pathlib import Path

import pandas as pd

from lib.data.sample import DEFAULT_SEED, generate, write

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"


def test_same_seed_same_bytes(tmp_path):
    write(tmp_path, seed=DEFAULT_SEED)
    for path in sorted(SAMPLE.glob("*.csv")):
        generated = (tmp_path / path.name).read_bytes()
        assert hashlib.sha256(generated).digest() == hashlib.sha256(path.read_bytes()).digest(), path.name


def test_sizes_match_the_brief():
    data = generate()
    assert 40 <= data["areas"]["area_id"].nunique() <= 50
    assert set(data["areas"]["year"]) == set(range(2010, 2026))  # from the first ghetto list
    assert 100 <= len(data["centres"]) <= 140
    assert set(data["centres"]["centre_type"]) == {"library", "health", "association", "housing_area"}
    assert 2500 <= len(data["survey_responses"]) <= 3500
    assert data["survey_responses"]["survey_year"].nunique() == 3
    assert (data["codebook"]["kind"].value_counts() >= 8).all()
    assert 1300 <= len(data["actors"]) <= 1700
    assert 3500 <= len(data["ties"]) <= 4500


def test_type_frequencies_differ_by_type():
    data = generate()
    merged = data["survey_responses"].merge(data["centres"][["centre_id", "centre_type"]], on="centre_id")
    share = merged.assign(hit=merged["advantages"].str.contains("adv_facilities")).groupby("centre_type")["hit"].mean()
    assert share["health"] > share["housing_area"] + 0.2


def test_every_centre_lies_on_land():
    import geopandas as gpd

    outline_path = SAMPLE.parent / "geo" / "denmark.geojson"
    if not outline_path.exists():
        import pytest

        pytest.skip("Denmark outline not generated yet")
    land = gpd.read_file(outline_path).to_crs(25832).union_all()
    centres = generate()["centres"]
    points = gpd.GeoSeries(gpd.points_from_xy(centres["longitude"], centres["latitude"]), crs=4326).to_crs(25832)
    # Natural Earth 1:10m coasts are coarse (~0.5-1 km); allow 1.5 km of slack near the shore.
    distance = points.distance(land)
    assert (distance <= 1500).all(), centres.loc[distance > 1500, ["name", "latitude", "longitude"]]


def test_real_places_kept_apart_from_generated_values():
    ref = pd.read_csv(SAMPLE.parent / "reference" / "areas.csv")
    areas = generate()["areas"]
    assert set(ref["name"]) == set(areas["name"])
    assert set(ref.columns) == {"name", "municipality", "municipality_code", "region", "latitude", "longitude"}


def test_only_the_areas_table_changed_when_it_went_back_to_2010():
    """The other tables keep the bytes they had before the areas table grew (checksums of that version)."""
    expected = {
        "actors.csv": "753d092f38d4c335",
        "centres.csv": "a3e54d7755419bae",
        "codebook.csv": "e81626408261c800",
        "survey_responses.csv": "8848fa547275377b",
        "ties.csv": "ec9277f9575bc8cf",
    }
    got = {name: hashlib.sha256((SAMPLE / name).read_bytes()).hexdigest()[:16] for name in expected}
    assert got == expected


def test_copies_carry_no_published_status():
    areas = generate(scale=2)["areas"]
    copies = areas[areas["name"].str.endswith(" (2)")]
    assert len(copies) and copies["official_status"].isna().all()
    assert areas.loc[~areas["name"].str.endswith(" (2)"), "official_status"].notna().any()
