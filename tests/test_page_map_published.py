"""AppTest of the map's area panel: the published status beside the computed one; the gap list's reasons."""

from __future__ import annotations

import pytest

from lib.i18n import t
from lib.views import maps

PAGE = "pages/2_map.py"


@pytest.fixture
def map_app(app):
    app.switch_page(PAGE).run()
    assert not app.exception, app.exception
    return app


def _select_area(at, area_id: str) -> None:
    at.session_state["map_deck"] = {
        "selection": {"indices": {maps.AREAS_LAYER: [0]}, "objects": {maps.AREAS_LAYER: [{"area_id": area_id}]}}
    }
    at.run()
    assert not at.exception, at.exception


def test_area_panel_shows_the_published_status_beside_the_computed(map_app, sample_tables):
    areas = sample_tables["areas"]
    area_id = areas.loc[areas["name"] == "Vollsmose", "area_id"].iloc[0]
    _select_area(map_app, area_id)
    line = next(m.value for m in map_app.markdown if m.value.startswith("**Offentliggjort (2023-listen):**"))
    assert "Omdannelsesområde" in line and "**beregnet:**" in line
    assert "afviger" not in line  # the sample agrees with the published list


def test_area_panel_says_when_the_area_is_off_the_published_lists(map_app, sample_tables):
    areas = sample_tables["areas"]
    area_id = areas.loc[areas["name"] == "Mjølnerparken", "area_id"].iloc[0]
    _select_area(map_app, area_id)
    line = next(m.value for m in map_app.markdown if m.value.startswith("**Offentliggjort (2023-listen):**"))
    assert t("areas.published.off_lists") in line and t("status.too_small") in line


def test_gap_list_has_a_reason_column(map_app):
    column = t("map.gapcol.gap_reason")
    tables = [d.value for d in map_app.dataframe if column in getattr(d.value, "columns", [])]
    assert tables, "the gap list names why each area is on it"
    reasons = {t(f"map.gap.reason.{r}") for r in ("too_far", "no_centre", "no_coordinates")}
    assert set(tables[0][column]) <= reasons
