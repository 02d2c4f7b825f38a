"""Layered and side-by-side Altair charts, built without Altair's defensive copies.

``alt.layer`` and ``alt.hconcat`` deep-copy every sub-chart (a layer twice) so that they can lift
selection parameters to the top. The atlas's charts carry none, and on the Compare page at x100
those copies were ~40 % of a region's first visit (1.0 -> 0.6 s). :func:`layer` and :func:`hconcat`
draw the same chart without them, and hand over to Altair wherever a sub-chart has parameters or a
layer sets its own size or view (what Altair would move or merge). :func:`quick_build` skips
Altair's check of every object as it is made.
"""

from __future__ import annotations

import functools

import altair as alt
from altair.utils.schemapi import Undefined, debug_mode


def quick_build(builder):
    """Build the chart without Altair's per-object validation.

    Altair checks every schema object against the JSON schema as it is made (``alt.X``,
    ``mark_line``...) and the whole spec again when it is serialised; the first pass was
    20-40 % of building the Compare and Areas charts. The spec is still checked whole: by
    exports, and for every chart a page draws by tests/test_page_charts.py.
    """

    @functools.wraps(builder)
    def wrapper(*args, **kwargs):
        with debug_mode(False):
            return builder(*args, **kwargs)

    return wrapper


# What alt.layer lifts from the layers to the chart, besides parameters.
_LAYER_PROPS = ("height", "width", "view")


def layer(*charts: alt.TopLevelMixin, **kwargs) -> alt.LayerChart:
    """``alt.layer(*charts, **kwargs)``, without copying the layers."""
    if not all(_plain(c, layer_props=True) for c in charts):
        return alt.layer(*charts, **kwargs)
    return _Layer(layer=charts, **kwargs)


def hconcat(*charts: alt.TopLevelMixin, **kwargs) -> alt.HConcatChart:
    """``alt.hconcat(*charts, **kwargs)``, without copying the panels."""
    if not all(_plain(c) for c in charts):
        return alt.hconcat(*charts, **kwargs)
    return _HConcat(hconcat=charts, **kwargs)


# Altair's constructors copy the sub-charts, and every .properties(), .resolve_scale() or .facet()
# runs the constructor again on a shallow copy. These skip only that step, so those copies are cheap
# too; everything else (validation in debug mode, to_dict) is Altair's.
class _Layer(alt.LayerChart):
    def __init__(self, data=Undefined, layer=(), **kwargs):
        super(alt.LayerChart, self).__init__(data=data, layer=list(layer), **kwargs)


class _HConcat(alt.HConcatChart):
    def __init__(self, data=Undefined, hconcat=(), **kwargs):
        super(alt.HConcatChart, self).__init__(data=data, hconcat=list(hconcat), **kwargs)


def _plain(chart, *, layer_props: bool = False) -> bool:
    """A single or layered chart without parameters (and, for a layer, without its own size or view)."""
    if not isinstance(chart, alt.Chart | alt.LayerChart):
        return False
    if chart._get("params", Undefined) is not Undefined:
        return False
    if layer_props and any(chart._get(p, Undefined) is not Undefined for p in _LAYER_PROPS):
        return False
    if isinstance(chart, alt.LayerChart):
        return all(_plain(c) for c in chart.layer)
    return True
