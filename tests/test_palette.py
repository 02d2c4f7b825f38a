"""Colours readers can tell apart: colour-blind simulation, CIEDE2000 distances and WCAG contrast.

The colour pairs that must stay apart are every pair within a palette that is drawn together: the
centre types (with the grey of "all other types"), the area statuses (ghetto vs parallelsamfund,
hårdt ghettoområde vs omdannelsesområde ...) and the actors' sectors.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from lib.app import frame
from lib.views import compare, palette

ROOT = Path(__file__).resolve().parents[1]
MIN_DELTA_E = 10.0  # CIEDE2000: about 1 is just noticeable side by side; 10 is clearly another colour


def _luminance(colour: str) -> float:
    r, g, b = (palette._linear(c) for c in palette._rgb01(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio."""
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _mix(colour: str, background: str, alpha: float) -> str:
    fg, bg = palette.hex_to_rgb(colour)[:3], palette.hex_to_rgb(background)[:3]
    return "#" + "".join(f"{round(alpha * f + (1 - alpha) * b):02X}" for f, b in zip(fg, bg, strict=True))


# Sharma, Wu & Dalal (2005), "The CIEDE2000 color-difference formula", table 1: pairs and expected ΔE.
SHARMA = [
    ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
    ((50.0, 3.1571, -77.2803), (50.0, 0.0, -82.7485), 2.8615),
    ((50.0, 2.5, 0.0), (50.0, 0.0, -2.5), 4.3065),
    ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
    ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
    ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ((22.7233, 20.0904, -46.694), (23.0331, 14.973, -42.5619), 2.0373),
    ((2.0776, 0.0795, -1.135), (0.9033, -0.0636, -0.5514), 0.9082),
]


@pytest.mark.parametrize(("lab_a", "lab_b", "expected"), SHARMA)
def test_ciede2000_matches_the_published_test_data(lab_a, lab_b, expected):
    assert palette.delta_e_lab(lab_a, lab_b) == pytest.approx(expected, abs=1e-4)
    assert palette.delta_e_lab(lab_b, lab_a) == pytest.approx(expected, abs=1e-4)


def test_simulation_keeps_greys_and_confuses_red_and_green():
    for grey in ("#000000", "#777777", "#FFFFFF"):
        for kind in palette.CVD_MATRICES:
            assert palette.delta_e(palette.simulate_cvd(grey, kind), grey) < 1.5
    # the classic confusion: pure red and a green of similar lightness nearly merge for deuteranopes
    red, green = "#CC3333", "#668800"
    assert palette.delta_e(red, green) > 30
    assert palette.delta_e(palette.simulate_cvd(red, "deutan"), palette.simulate_cvd(green, "deutan")) < 12


@pytest.mark.parametrize(
    ("name", "colours"),
    [
        ("centre types", {**palette.TYPE_COLOURS, "others": compare.OTHERS_COLOUR}),
        ("area statuses", palette.STATUS_COLOURS),
        ("sectors", palette.SECTOR_COLOURS),
    ],
)
def test_every_pair_stays_apart_for_colour_blind_readers(name, colours):
    delta, vision, a, b = palette.weakest_pair(colours)
    assert delta >= MIN_DELTA_E, f"{name}: {a} and {b} are only {delta:.1f} apart for {vision} vision"


def test_the_old_and_new_list_names_are_told_apart():
    s = palette.STATUS_COLOURS
    for a, b in (("ghetto", "parallelsamfund"), ("haardt_ghetto", "omdannelse")):
        for kind in palette.CVD_MATRICES:
            seen = palette.simulate_cvd(s[a], kind), palette.simulate_cvd(s[b], kind)
            assert palette.delta_e(*seen) >= 15, (a, b, kind)


def test_statuses_run_from_dark_to_light_so_the_order_reads_without_colour():
    listed = ["omdannelse", "parallelsamfund", "udsat", "forebyggelse"]  # the 2021- lists, most severe first
    lightness = [palette._lab(palette.STATUS_COLOURS[s])[0] for s in listed]
    assert lightness == sorted(lightness)


def test_text_colours_meet_wcag_aa():
    theme = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["theme"]
    primary = theme["primaryColor"]
    # the selected option of a segmented control: primary text on Streamlit's pale primary tint (about 12 %)
    for background in ("#FFFFFF", "#F8F8F7"):
        assert contrast(primary, _mix(primary, background, 0.13)) >= 4.5, primary
    # captions: a solid colour instead of Streamlit's 60 % opacity
    caption = re.search(r'stCaptionContainer"\] \{opacity: 1; color: (#[0-9a-fA-F]{6})', frame._BASE_CSS).group(1)
    for background in ("#FFFFFF", "#F8F8F7", "#F0F2F6"):
        assert contrast(caption, background) >= 4.5
    assert contrast(palette.CHART_TEXT, "#FFFFFF") >= 4.5
    assert contrast(compare._MUTED, "#FFFFFF") >= 4.5  # "too few answers" notes in the charts
