"""AppTest of the "Compare types" page (pages/1_compare.py), run through the entry file."""

from __future__ import annotations

import pytest

from lib.i18n import t
from tests.conftest import open_chart_tables, walk

PAGE = "pages/1_compare.py"


def _compare(app):
    app.switch_page(PAGE).run()
    open_chart_tables(app)  # the tests read the tables behind the charts
    assert not app.exception, app.exception
    return app


# The Compare table's headers in Danish (the reader's language; internal names never reach the reader).
KIND, GROUP, N, SHARE = "Fordel eller ulempe", "Type", "Svar i alt (n)", "Andel (%)"
SUPPRESSED, DIFFERENCE = "Skjult (for få svar)", "Forskel (95 %-interval)"
OTHERS = t("compare.others")  # the pooled group when one type is in focus


def _items_table(at):
    """The table behind the advantages/drawbacks chart (first "show as table" view)."""
    return at.dataframe[0].value


def _n_caption(at) -> str:
    return next(c.value for c in at.caption if c.value.startswith(("Antal svar bag", "Responses behind")))


def test_page_runs_and_draws_every_chart(app):
    at = _compare(app)
    assert at.title[0].value == t("compare.title")
    assert len(at.get("vega_lite_chart")) == 4  # items, ratings, profiles, partners
    table = _items_table(at)
    assert set(table[KIND]) == {"Fordel", "Ulempe"}
    assert not table[SUPPRESSED].any()  # the whole sample: every type has hundreds of answers
    # every share travels with its n, and the rule is spelled out under the chart
    assert (table[N] > 0).all()
    assert any("Regel for små tal" in m.value for m in at.markdown)
    assert any(t("compare.sample_line") in c.value for c in at.caption)
    # type cards are marked as a summary of published studies
    assert sum(t("compare.cards_badge") in c.value for c in at.caption) >= 4


def _download_menus(at) -> list[list[str]]:
    """The download buttons' keys, one list per "Hent" menu (popover) on the page."""
    return [
        [b.key for b in node.get("download_button")]
        for node in walk(at._tree)
        if getattr(node, "type", None) == "popover"
    ]


def test_each_chart_offers_its_files_behind_one_menu(app):
    at = _compare(app)
    menus = [menu for menu in _download_menus(at) if any(k.startswith("dl_png_") for k in menu)]
    charts = ("items", "ratings", "profiles", "partners")
    assert sorted(menus) == sorted([f"dl_csv_{c}", f"dl_png_{c}", f"dl_svg_{c}"] for c in charts)


def test_english(app):
    app.session_state["lang"] = "en"
    at = _compare(app)
    assert at.title[0].value == "Compare centre types"
    table = _items_table(at)
    assert "Library-based" in set(table["Type"]) and set(table["Advantage or drawback"]) == {"Advantage", "Drawback"}


def test_filter_change_changes_the_numbers(app):
    at = _compare(app)
    before_table, before_caption = _items_table(at), _n_caption(at)
    at.sidebar.multiselect(key="w_filter_regions").select("Nordjylland").run()
    assert not at.exception, at.exception
    after_table, after_caption = _items_table(at), _n_caption(at)
    assert after_caption != before_caption
    assert after_table[N].sum() < before_table[N].sum()
    assert not after_table[SHARE].equals(before_table[SHARE])


def test_suppression_when_filters_leave_few_responses(app):
    at = _compare(app)
    # Horsens 2025 in the sample: three health-based responses, six or more for the other types
    at.sidebar.multiselect(key="w_filter_municipalities").select("Horsens").run()
    at.sidebar.multiselect(key="w_filter_years").select(2025).run()
    assert not at.exception, at.exception
    table = _items_table(at)
    health = table[table[GROUP] == "Sundhedsbaseret"]
    assert (health[N] < 5).all() and health[SUPPRESSED].all()
    assert health[SHARE].isna().all()
    others = table[(table[GROUP] != "Sundhedsbaseret") & (table[N] >= 5)]
    assert not others.empty
    assert not others[SUPPRESSED].any() and others[SHARE].notna().all()
    # the comments of a type with so few answers are withheld too
    assert "Sundhedsbaseret" not in set(at.dataframe[-1].value.iloc[:, 1])


@pytest.mark.parametrize(("min_n", "expect_suppressed"), [(1, False), (200, True)])
def test_min_n_setting(app, min_n, expect_suppressed):
    at = _compare(app)
    at.sidebar.multiselect(key="w_filter_regions").select("Nordjylland").run()
    at.number_input(key="w_min_n").set_value(min_n).run()
    assert not at.exception, at.exception
    table = _items_table(at)
    # Nordjylland: 0 answers for two types, 36 and 33 for the others (all far below 200)
    assert (table[SUPPRESSED] == (table[N] < min_n)).all()
    assert table.loc[table[N] > 0, SUPPRESSED].all() == expect_suppressed
    assert any(f"mindst {min_n} svar" in m.value for m in at.markdown)
    assert any(t("compare.all_suppressed", min_n=min_n) in i.value for i in at.info) == expect_suppressed
    assert at.query_params["min_n"] == str(min_n)


def test_focus_type_shows_focus_against_pooled_others(app):
    at = _compare(app)
    all_types = _items_table(at)
    total = int(all_types.drop_duplicates(GROUP)[N].sum())
    at.button_group(key="w_focus_type").set_value("health").run()
    assert not at.exception, at.exception
    table = _items_table(at)
    assert set(table[GROUP]) == {"Sundhedsbaseret", OTHERS}
    assert DIFFERENCE in table.columns
    n = table.drop_duplicates(GROUP).set_index(GROUP)[N]
    # the others are pooled from their counts: all responses are accounted for
    assert n["Sundhedsbaseret"] + n[OTHERS] == total
    assert at.query_params["focus_type"] == "health"


def test_comment_search(app):
    at = _compare(app)
    total = len(at.dataframe[-1].value)
    at.text_input(key="w_comment_query").input("lokaler").run()
    assert not at.exception, at.exception
    found = at.dataframe[-1].value
    assert 0 < len(found) < total
    assert found.iloc[:, 0].str.lower().str.contains("lokaler").all()
    # only comment, type and year: nothing that points to a centre or a person
    assert list(found.columns) == ["Kommentar", "Type", "År"]


def test_filters_that_leave_no_responses(app):
    at = _compare(app)
    # the sample has no library-based centre in Kolding
    at.sidebar.multiselect(key="w_filter_municipalities").select("Kolding").run()
    at.sidebar.multiselect(key="w_filter_centre_types").select("library").run()
    assert not at.exception, at.exception
    assert any(t("compare.no_responses") in i.value for i in at.info)
    assert not at.get("vega_lite_chart")  # no empty charts pretending to show something


def test_presentation_mode(app):
    app.session_state["present"] = True
    at = _compare(app)
    assert len(at.get("vega_lite_chart")) == 4
    # the frame hides the per-chart exports while presenting
    assert not [b for b in at.get("download_button") if b.key.startswith(("dl_csv_", "dl_png_", "dl_svg_"))]
