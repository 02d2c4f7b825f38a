"""Colours, defined once for the whole app.

Centre types use four colours of the Okabe-Ito palette, which stays
distinguishable for the common forms of colour-blindness.
"""

from __future__ import annotations

import math

import altair as alt

from lib.schema import CENTRE_TYPES

TYPE_COLOURS: dict[str, str] = {
    "library": "#0072B2",  # blue
    "health": "#009E73",  # bluish green
    "association": "#E69F00",  # orange
    "housing_area": "#CC79A7",  # reddish purple
}

# Sectors of the network's actors. Chosen (from the Okabe-Ito and Paul Tol palettes) so that every
# pair stays at least 10 CIEDE2000 units apart for normal vision and for simulated protanopia,
# deuteranopia and tritanopia (tests/test_palette.py); library, health and association keep the
# colours of the centre types.
SECTOR_COLOURS: dict[str, str] = {
    "municipal": "#332288",  # indigo
    "housing_social": "#EE6677",  # rose
    "volunteer": "#B35806",  # brown orange
    "association": "#E69F00",  # orange
    "private": "#01665E",  # dark teal
    "school": "#33BBEE",  # cyan
    "health": "#009E73",  # bluish green
    "library": "#0072B2",  # blue
    "other": "#9D9D9D",  # grey
}

# Most to least severe, darkest to lightest, so the order reads without colour vision too. The lists
# of 2018-2020 (ghetto, hårdt ghettoområde) are purples, those of 2021- (parallelsamfund,
# omdannelsesområde) reds: a chart over the years tells the two regimes apart. Greys for "not listed"
# so the eye goes to the lists. Every pair >= 10 CIEDE2000 units apart, also under simulated
# colour-blindness (tests/test_palette.py).
STATUS_COLOURS: dict[str, str] = {
    "omdannelse": "#67001F",
    "haardt_ghetto": "#2D004B",
    "parallelsamfund": "#D6604D",
    "ghetto": "#8073AC",
    "udsat": "#F1A340",
    "forebyggelse": "#FEE090",
    "none": "#BFC5CC",
    "too_small": "#EEF0F2",
}

# Text in charts (axis, legend and header labels, titles). Streamlit's chart theme draws them in
# #808495, 3.7:1 on white; WCAG 2.1 AA asks 4.5:1 for text, in a chart as anywhere else.
CHART_TEXT = "#4A4A55"  # 8.6:1 on white


def chart_text_config() -> dict:
    """Vega-Lite ``config`` entries that draw every chart text in :data:`CHART_TEXT`."""
    label = {"labelColor": CHART_TEXT, "titleColor": CHART_TEXT}
    return {"axis": dict(label), "legend": dict(label), "header": dict(label), "title": {"color": CHART_TEXT}}


# Diverging scale for indicators centred on the official threshold.
BELOW_THRESHOLD = "#2C7BB6"
AT_THRESHOLD = "#F7F7F7"
ABOVE_THRESHOLD = "#D7191C"


def type_scale(labels: dict[str, str] | None = None) -> alt.Scale:
    """Altair colour scale for centre types; pass ``labels`` when the data holds translated labels."""
    domain = [labels.get(c, c) for c in CENTRE_TYPES] if labels else list(CENTRE_TYPES)
    return alt.Scale(domain=domain, range=[TYPE_COLOURS[c] for c in CENTRE_TYPES])


def hex_to_rgb(colour: str, alpha: int = 255) -> list[int]:
    """``"#0072B2"`` -> ``[0, 114, 178, alpha]`` for pydeck."""
    colour = colour.lstrip("#")
    return [int(colour[i : i + 2], 16) for i in (0, 2, 4)] + [alpha]


# --- checking colours for colour-blind readers ---------------------------------------------------------
# Machado, Oliveira & Fernandes (2009), "A physiologically-based model for simulation of color vision
# deficiency", severity 1.0 (full dichromacy); applied to linear sRGB.
CVD_MATRICES: dict[str, tuple[tuple[float, float, float], ...]] = {
    "protan": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deutan": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritan": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def _gamma(channel: float) -> float:
    channel = min(1.0, max(0.0, channel))
    return 12.92 * channel if channel <= 0.0031308 else 1.055 * channel ** (1 / 2.4) - 0.055


def _rgb01(colour: str) -> tuple[float, float, float]:
    r, g, b, _ = hex_to_rgb(colour)
    return r / 255, g / 255, b / 255


def simulate_cvd(colour: str, kind: str) -> str:
    """How ``colour`` looks to a reader with protanopia, deuteranopia or tritanopia (``kind``), as hex.

    Examples
    --------
    >>> simulate_cvd("#808080", "deutan")  # greys stay grey
    '#808080'
    """
    lin = [_linear(c) for c in _rgb01(colour)]
    out = [_gamma(sum(m * c for m, c in zip(row, lin, strict=True))) for row in CVD_MATRICES[kind]]
    return "#" + "".join(f"{round(255 * c):02X}" for c in out)


def _lab(colour: str) -> tuple[float, float, float]:
    r, g, b = (_linear(c) for c in _rgb01(colour))
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(v: float) -> float:
        return v ** (1 / 3) if v > (6 / 29) ** 3 else v / (3 * (6 / 29) ** 2) + 4 / 29

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def delta_e(colour_a: str, colour_b: str) -> float:
    """CIEDE2000 colour difference of two hex colours (about 1 = just noticeable; 10+ = clearly different).

    Examples
    --------
    >>> round(delta_e("#000000", "#FFFFFF"), 1), delta_e("#0072B2", "#0072B2")
    (100.0, 0.0)
    """
    return delta_e_lab(_lab(colour_a), _lab(colour_b))


def delta_e_lab(lab_a: tuple[float, float, float], lab_b: tuple[float, float, float]) -> float:
    """CIEDE2000 difference of two CIELAB colours (Sharma, Wu & Dalal 2005)."""
    l1, a1, b1 = lab_a
    l2, a2, b2 = lab_b
    c_bar = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_bar**7 / (c_bar**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0
    dl, dc = l2 - l1, c2p - c1p
    dh = 0.0
    if c1p * c2p:
        dh = h2p - h1p
        dh = dh - 360 if dh > 180 else (dh + 360 if dh < -180 else dh)
    dhh = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    l_bar, cp_bar = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_bar = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_bar = (h1p + h2p) / 2
    else:
        h_bar = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    tt = (
        1
        - 0.17 * math.cos(math.radians(h_bar - 30))
        + 0.24 * math.cos(math.radians(2 * h_bar))
        + 0.32 * math.cos(math.radians(3 * h_bar + 6))
        - 0.20 * math.cos(math.radians(4 * h_bar - 63))
    )
    sl = 1 + 0.015 * (l_bar - 50) ** 2 / math.sqrt(20 + (l_bar - 50) ** 2)
    sc, sh = 1 + 0.045 * cp_bar, 1 + 0.015 * cp_bar * tt
    rt = (
        -2
        * math.sqrt(cp_bar**7 / (cp_bar**7 + 25**7))
        * math.sin(math.radians(60 * math.exp(-(((h_bar - 275) / 25) ** 2))))
    )
    return math.sqrt((dl / sl) ** 2 + (dc / sc) ** 2 + (dhh / sh) ** 2 + rt * (dc / sc) * (dhh / sh))


def weakest_pair(colours: dict[str, str]) -> tuple[float, str, str, str]:
    """The least distinct pair of ``colours`` for any reader: ``(ΔE2000, vision, key_a, key_b)``.

    "vision" is ``"normal"`` or one of :data:`CVD_MATRICES`.
    """
    keys = list(colours)
    worst = (float("inf"), "", "", "")
    for vision in ("normal", *CVD_MATRICES):
        seen = {k: colours[k] if vision == "normal" else simulate_cvd(colours[k], vision) for k in keys}
        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                worst = min(worst, (delta_e(seen[a], seen[b]), vision, a, b))
    return worst
