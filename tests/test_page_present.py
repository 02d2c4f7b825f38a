"""AppTest: presentation mode, the share link, pinning and the storyboard on the Present page."""

from __future__ import annotations

import io

from pptx import Presentation

from lib.app import routes
from lib.i18n import t
from lib.views import slides
from tests.conftest import new_app

PRESENT = "pages/6_present.py"


def _html(at) -> str:
    return "\n".join(str(e.proto.body) for e in at.get("html"))


def _share_link(at) -> str:
    codes = [c.value for c in at.sidebar.code]
    assert len(codes) == 1, codes
    return codes[0]


def _pin(at):
    at.sidebar.button(key="w_present_pin").click().run()
    assert not at.exception, at.exception
    return at


def test_presentation_mode_from_the_url(seeded_db_url, monkeypatch):
    at = new_app(seeded_db_url, monkeypatch, {"present": "1", "region": "Sjælland", "lang": "en"}).run()
    assert not at.exception, at.exception
    assert at.session_state["present"] is True
    css = _html(at)
    assert '[data-testid="stSidebar"]' in css and "display: none" in css
    header = next(c for c in at.caption if "Region: Sjælland" in c.value)
    assert "data as of " in header.value  # one line: the date of the data ...
    assert t("notice.sample_short", "en") in header.value
    assert "Data: " in header.help and " v" in header.help  # ... the version numbers behind its help icon
    assert at.query_params["present"] == "1"
    # leaving presentation mode
    at.button(key="w_present_exit").click().run()
    assert at.session_state["present"] is False
    assert '[data-testid="stSidebar"]' not in _html(at)
    assert "present" not in at.query_params


def test_toggle_turns_presentation_mode_on(app):
    assert '[data-testid="stSidebar"]' not in _html(app)
    app.sidebar.toggle(key="w_present").set_value(True).run()
    assert app.session_state["present"] is True
    assert '[data-testid="stSidebar"]' in _html(app)
    assert app.query_params["present"] == "1"


def test_share_link_holds_filters_language_and_page_values(seeded_db_url, monkeypatch):
    at = new_app(seeded_db_url, monkeypatch).run()
    at.sidebar.multiselect(key="w_filter_regions").select("Hovedstaden").run()
    assert "region=Hovedstaden" in _share_link(at)
    at.switch_page("pages/1_compare.py").run()
    assert not at.exception, at.exception
    at.run()
    at.number_input(key="w_min_n").set_value(12).run()
    link = _share_link(at)
    state = routes.parse_url(link, defaults={"min_n": 5})
    assert state.page == "compare"
    assert state.filters.regions == ("Hovedstaden",)
    assert state.values == {"min_n": 12}
    at.number_input(key="w_min_n").set_value(5).run()  # back to the default: left out, as in the address bar
    assert "min_n" not in _share_link(at)
    at.switch_page("dashboard.py").run()
    assert "min_n" not in _share_link(at)  # compare's values do not leak into other pages' links


def test_share_link_on_the_first_run_of_a_deep_link(seeded_db_url, monkeypatch):
    at = new_app(seeded_db_url, monkeypatch, {"region": "Sjælland", "lang": "en"}).run()
    link = _share_link(at)
    assert "region=Sj%C3%A6lland" in link and "lang=en" in link


def test_pin_storyboard_reorder_remove_and_slideshow(seeded_db_url, monkeypatch):
    at = new_app(seeded_db_url, monkeypatch).run()
    _pin(at)  # overview
    at.switch_page("pages/1_compare.py").run()
    at.run()
    _pin(at)
    board = at.session_state["_pins"]
    assert [p["page"] for p in board] == ["overview", "compare"]
    assert board[0]["charts"] and all(c["chart"] is not None for c in board[0]["charts"])
    assert board[1]["state"].page == "compare"

    at.switch_page(PRESENT).run()
    assert not at.exception, at.exception
    assert {"w_pin_up_1", "w_pin_down_1", "w_pin_rm_2", "w_present_start"} <= {b.key for b in at.button}
    at.button(key="w_pin_down_1").click().run()
    assert [p["page"] for p in at.session_state["_pins"]] == ["compare", "overview"]

    # slideshow: full screen, one view at a time, next/previous with keyboard shortcuts
    at.button(key="w_present_start").click().run()
    assert at.session_state["present"] is True
    assert t("present.position", "da", i=1, n=2) in " ".join(m.value for m in at.markdown)
    assert at.button(key="w_present_prev").disabled
    at.button(key="w_present_next").click().run()
    assert t("present.position", "da", i=2, n=2) in " ".join(m.value for m in at.markdown)
    assert len(at.get("vega_lite_chart")) == len(at.session_state["_pins"][1]["charts"])
    at.button(key="w_present_exit").click().run()

    at.button(key="w_pin_rm_1").click().run()  # the card ids stay with their pins
    assert [p["page"] for p in at.session_state["_pins"]] == ["compare"]
    at.button(key="w_present_clear").click().run()
    assert at.session_state["_pins"] == []
    assert t("present.empty", "da") in " ".join(i.value for i in at.info)


def test_open_live_restores_the_pinned_view(seeded_db_url, monkeypatch):
    at = new_app(seeded_db_url, monkeypatch).run()
    at.switch_page("pages/1_compare.py").run()
    at.sidebar.multiselect(key="w_filter_regions").select("Syddanmark").run()
    at.number_input(key="w_min_n").set_value(9).run()
    _pin(at)
    at.sidebar.multiselect(key="w_filter_regions").unselect("Syddanmark").run()
    at.number_input(key="w_min_n").set_value(5).run()
    at.switch_page(PRESENT).run()
    at.button(key="w_pin_open_1").click().run()
    assert not at.exception, at.exception
    assert at.session_state["filter_regions"] == ["Syddanmark"]
    assert at.session_state["s_min_n"] == 9
    assert at.query_params["region"] == "Syddanmark"


def test_deck_from_pinned_views_of_the_sample(seeded_db_url, monkeypatch):
    from lib.app import present as ui_present

    at = new_app(seeded_db_url, monkeypatch, {"lang": "en"}).run()
    _pin(at)
    pin = at.session_state["_pins"][0]
    pin["selected"] = pin["selected"][:1]
    view = ui_present.slide_view(pin, "en", "http://x/")
    deck = Presentation(io.BytesIO(slides.build_pptx([view], ui_present.deck_info("en", pin["is_sample"]))))
    assert len(deck.slides) == 2
    texts = " ".join(" ".join(s.text_frame.text.split()) for s in deck.slides[1].shapes if s.has_text_frame)
    assert pin["charts"][0]["title"] in texts
    assert t("notice.sample_short", "en") in texts  # in the footer; the full notice is on the title slide
    title = " ".join(" ".join(s.text_frame.text.split()) for s in deck.slides[0].shapes if s.has_text_frame)
    assert t("present.slide.sample_notice", "en") in title


def test_this_page_as_slides(seeded_db_url, monkeypatch):
    # what the sidebar's "this page as slides" download builds, from the charts of the latest run
    from lib.app import present as ui_present
    from lib.data import store

    at = new_app(seeded_db_url, monkeypatch).run()
    records = at.session_state["_charts"]["overview"]
    assert records
    engine = store.get_engine(seeded_db_url)
    ids = store.current_version_ids(engine)
    data = ui_present.page_deck(
        "pptx", "overview", "da", records, filters_text="f", version_ids=ids, link="/", engine=engine
    )
    deck = Presentation(io.BytesIO(data))
    assert len(deck.slides) == 1 + len(records)  # one chart a slide
    for slide in list(deck.slides)[1:]:
        assert len([s for s in slide.shapes if s.shape_type == 13]) == 1  # MSO_SHAPE_TYPE.PICTURE
    pdf = ui_present.page_deck(
        "pdf", "overview", "da", records, filters_text="f", version_ids=ids, link="/", engine=engine
    )
    assert pdf.startswith(b"%PDF")


def test_presentation_mode_collapses_the_controls_into_one_settings_expander(seeded_db_url, monkeypatch):
    for page, widget_key in (
        ("pages/1_compare.py", "w_focus_type"),
        ("pages/2_map.py", "w_map_indicator"),
        ("pages/3_areas.py", "w_areas_year"),
        ("pages/4_network.py", "w_net_centre"),
    ):
        at = new_app(seeded_db_url, monkeypatch, {"present": "1"}).run()
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
        settings = [e for e in at.expander if e.label == t("present.settings", "da")]
        assert len(settings) == 1, page
        assert widget_key in {w.key for w in settings[0]}, page  # the control row is inside it
        normal = new_app(seeded_db_url, monkeypatch).run()
        normal.switch_page(page).run()
        assert not [e for e in normal.expander if e.label == t("present.settings", "da")], page


def test_a_pinned_map_becomes_a_slide_with_its_static_map(seeded_db_url, monkeypatch):
    at = new_app(seeded_db_url, monkeypatch).run()
    at.switch_page("pages/2_map.py").run()
    at.sidebar.multiselect(key="w_filter_regions").set_value(["Hovedstaden"]).run()
    _pin(at)
    at.switch_page(PRESENT).run()
    assert not at.exception, at.exception
    [pin] = at.session_state["_pins"]
    [chart] = pin["charts"]  # no toggle needed: the static map is made at pin time
    assert chart["key"] == "map_static" and chart["chart"] is not None
    spec = chart["chart"].to_dict()
    assert spec["resolve"]["scale"]["color"] == "independent"  # legends for centre types and area colours
    from lib.app import present as ui_present

    view = ui_present.slide_view(pin, "da")
    deck = Presentation(io.BytesIO(slides.build_pptx([view], ui_present.deck_info("da", True))))
    assert len(deck.slides) == 2
    assert [s for s in deck.slides[1].shapes if s.shape_type == 13]


def test_page_choices_and_the_scenario_are_written_on_the_slide(seeded_db_url, monkeypatch):
    from lib.app import present as ui_present
    from lib.views import areas as av

    at = new_app(seeded_db_url, monkeypatch).run()
    at.switch_page("pages/1_compare.py").run()
    at.segmented_control(key="w_focus_type").set_value("library").run()
    _pin(at)
    at.switch_page("pages/3_areas.py").run()
    key = "w_" + av.shift_key("pct_outside_labour_market")
    slider = next(w for w in [*at.slider, *at.select_slider] if w.key == key)  # either kind of slider
    slider.set_value(5.0).run()
    _pin(at)
    at.switch_page(PRESENT).run()
    compare_pin, areas_pin = at.session_state["_pins"]
    assert t("compare.focus_label", "da") + ": Biblioteksbaseret" in compare_pin["choices"]
    assert compare_pin["scenario"] == []
    label = t("areas.whatif.slider.pct_outside_labour_market", "da")
    assert areas_pin["scenario"] == [f"{label}: +5,0"]
    views = [ui_present.slide_view(p, "da") for p in (compare_pin, areas_pin)]
    deck = Presentation(io.BytesIO(slides.build_pptx(views, ui_present.deck_info("da", True))))
    texts = [" ".join(" ".join(s.text_frame.text.split()) for s in sl.shapes if s.has_text_frame) for sl in deck.slides]
    assert any("Fokus" in x and "Biblioteksbaseret" in x for x in texts[1:])
    assert any(f"Scenarie: {label}: +5,0" in x for x in texts)
    notes = [sl.notes_slide.notes_text_frame.text for sl in list(deck.slides)[1:]]
    assert all("Metode:" in n for n in notes)


def test_slides_of_the_real_pages_have_18_pt_chart_text(seeded_db_url, monkeypatch):
    from lib.app import present as ui_present

    at = new_app(seeded_db_url, monkeypatch).run()
    _pin(at)
    for page in ("pages/1_compare.py", "pages/3_areas.py", "pages/4_network.py"):
        at.switch_page(page).run()
        _pin(at)
    at.switch_page(PRESENT).run()
    views = [ui_present.slide_view(p, "da") for p in at.session_state["_pins"]]
    sizes = slides.chart_text_sizes(views, ui_present.deck_info("da", True))
    assert len(sizes) >= 8
    small = [(title, size) for title, size in sizes if size is None or size < slides.MIN_PT]
    assert not small, small
