"""Colours, defined once for the whole app.

Centre types use four colours of the Okabe-Ito palette, which stays
distinguishable for the common forms of colour-blindness.
"""

from __future__ import annotations

import altair as alt

from lib.schema import CENTRE_TYPES

TYPE_COLOURS: dict[str, str] = {
    "library": "#0072B2",  # blue
    "health": "#009E73",  # bluish green
    "association": "#E69F00",  # orange
    "housing_area": "#CC79A7",  # reddish purple
}

SECTOR_COLOURS: dict[str, str] = {
    "municipal": "#4E79A7",
    "housing_social": "#CC79A7",
    "volunteer": "#59A14F",
    "association": "#E69F00",
    "private": "#9C755F",
    "school": "#76B7B2",
    "health": "#009E73",
    "library": "#0072B2",
    "other": "#9D9D9D",
}

# Most to least severe; greys for "not listed" so the eye goes to the lists.
STATUS_COLOURS: dict[str, str] = {
    "omdannelse": "#7F0000",
    "haardt_ghetto": "#5B1A1A",
    "parallelsamfund": "#C0392B",
    "ghetto": "#A04030",
    "udsat": "#E67E22",
    "forebyggelse": "#F4D03F",
    "none": "#BFC5CC",
    "too_small": "#E5E8EB",
}

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
