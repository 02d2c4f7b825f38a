"""Building blocks every page uses: charts with their table and downloads, tables, messages.

Each chart a page draws goes through :func:`chart_block`, which also records it for the
storyboard and slide export (:mod:`lib.app.present`).
"""

from __future__ import annotations

import copy
import functools
import html
import json
from collections.abc import Callable
from typing import TYPE_CHECKING

import altair as alt
import pandas as pd
import streamlit as st

from lib.app import state
from lib.data import export
from lib.data.ingest import clean_text
from lib.errors import AtlasError
from lib.i18n import fmt, t
from lib.views import palette

if TYPE_CHECKING:
    from lib.app.context import PageContext


class ChartRecord:
    """A chart of the latest run, kept for pinning and slide export.

    Either drawn (``chart``) or only offered for slides (``build``: a function without arguments
    that makes the chart the first time it is needed, i.e. when the view is pinned or exported;
    the map's static rendering costs nothing on the page's own reruns).
    """

    def __init__(
        self,
        title: str,
        chart: alt.TopLevelMixin | None = None,
        table: pd.DataFrame | None = None,
        caption: str = "",
        *,
        build: Callable[[], alt.TopLevelMixin] | None = None,
    ):
        self.title, self.table, self.caption = title, table, caption
        self._chart, self._build = chart, build

    @property
    def chart(self) -> alt.TopLevelMixin | None:
        """The chart, made now if it was only offered (see the class docstring)."""
        if self._chart is None and self._build is not None:
            self._chart, self._build = self._build(), None
        return self._chart

    def __repr__(self) -> str:
        return f"ChartRecord({self.title!r}, built={self._chart is not None})"


def empty_state(ctx: PageContext, message_key: str = "notice.empty") -> None:
    """A helpful message when the filters leave nothing to show."""
    st.info(ctx.t(message_key), icon=":material/filter_alt:")


def show_error(err: AtlasError, lang: str) -> None:
    """The one place a domain error is rendered."""
    # values may quote the user's file (headers, sheet names): shown as text, never as Markdown/HTML
    values = {k: safe_text(v) if isinstance(v, str) else v for k, v in err.fmt.items()}
    st.error(t(err.key, lang, **values), icon=":material/error:")


def chart_block(
    ctx: PageContext,
    chart: alt.TopLevelMixin,
    *,
    key: str,
    title: str,
    table: pd.DataFrame | None = None,
    caption: str | None = None,
    on_select: str | None = None,
):
    """Draw an Altair chart with its table view, CSV download and PNG/SVG export.

    The chart is also recorded for slide export (``state.K_CHARTS``). Returns the
    selection event when ``on_select`` is given.
    """
    options = {"width": "stretch", "key": f"chart_{key}", **({"on_select": on_select} if on_select else {})}
    chart = localized(chart, ctx.lang, title)
    spec = _vega_spec(chart, present=ctx.present)
    event = st.vega_lite_chart(spec=spec, **options) if spec is not None else st.altair_chart(chart, **options)
    if caption:
        st.caption(caption)
    record = ChartRecord(title=title, chart=chart, table=table, caption=caption or "")
    st.session_state.setdefault(state.K_CHARTS, {}).setdefault(ctx.page_id, {})[key] = record
    if not ctx.present:
        _chart_downloads(ctx, record, key)
    return event


def record_chart(
    ctx: PageContext,
    build: Callable[[], alt.TopLevelMixin],
    *,
    key: str,
    title: str,
    table: pd.DataFrame | None = None,
    caption: str = "",
) -> None:
    """Offer a chart for pinning and slides without drawing it (e.g. the map's static rendering).

    ``build`` runs once, when the view is pinned or its slides are downloaded.
    """
    record = ChartRecord(title=title, table=table, caption=caption, build=build)
    st.session_state.setdefault(state.K_CHARTS, {}).setdefault(ctx.page_id, {})[key] = record


def controls(ctx: PageContext, container=None):
    """Where a page draws its control row: one collapsed "settings" expander in presentation mode.

    Outside presentation mode the controls stay where they are (``container``, or a plain
    container at this point of the page). Use as ``with app.controls(ctx): ...``.
    """
    place = container if container is not None else st
    if ctx.present:
        return place.expander(ctx.t("present.settings"), icon=":material/tune:", expanded=False)
    return container if container is not None else st.container()


_LOCALIZED_ATTR = "_atlas_localized_"


def localized(chart: alt.TopLevelMixin, lang: str, description: str = "") -> alt.TopLevelMixin:
    """``chart`` with the reader's number locale and a text description, made once per chart and language.

    The locale (``config.locale``, see :func:`lib.i18n.fmt.vega_locale`) gives axes and
    tooltips Danish or English separators in the browser, in PNG/SVG exports and on slides;
    the description becomes the chart's ``aria-label``; chart text gets a colour with enough
    contrast (:func:`lib.views.palette.chart_text_config`) where the chart sets none. The copy
    rides on the (memoised) chart, so its converted spec is cached as before.
    """
    attr = _LOCALIZED_ATTR + lang
    done = chart.__dict__.get(attr)
    if done is None:
        done = chart.copy(deep=False)
        own = chart.config.to_dict(validate=False) if isinstance(chart.config, alt.Config) else {}
        done.config = _chart_config(lang, json.dumps(own, sort_keys=True))
        if description and not isinstance(chart.description, str):
            done.description = description
        object.__setattr__(chart, attr, done)
    return done


@functools.lru_cache(maxsize=64)
def _chart_config(lang: str, own_json: str) -> alt.Config:
    """The chart's own config with the text colours and ``lang``'s locale, built once per config and language.

    ``alt.Config.from_dict`` walks Altair's JSON schema: 25-250 ms per chart, paid by every new filter
    combination's charts before. Charts share the object; nothing changes a config after it is made.
    """
    config = json.loads(own_json)
    for section, values in palette.chart_text_config().items():
        config[section] = {**values, **(config.get(section) or {})}
    config["locale"] = fmt.vega_locale(lang)
    return alt.Config.from_dict(config)


def _unvalidated(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """A shallow copy of ``chart`` that skips Altair's JSON-schema check when Streamlit converts it.

    The check costs 30-40 ms per chart on every rerun; every chart the pages record is
    validated once by tests/test_page_charts.py instead, and exports still validate.
    """
    fast = chart.copy(deep=False)
    object.__setattr__(fast, "to_dict", functools.partial(type(fast).to_dict, fast, validate=False))
    return fast


_SPEC_ATTR = "_atlas_vega_spec"
_PRESENT_SPEC_ATTR = "_atlas_vega_spec_present"
# Text sizes for a projector (presentation mode); a chart's own larger sizes are kept.
PRESENT_FONT_SIZES = {
    "axis": {"labelFontSize": 15, "titleFontSize": 16},
    "legend": {"labelFontSize": 15, "titleFontSize": 16},
    "header": {"labelFontSize": 15, "titleFontSize": 16},
    "title": {"fontSize": 20, "subtitleFontSize": 15},
}


def _raise_sizes(node, sizes: dict) -> None:
    """Explicit text sizes in a spec (axes, legends, headers) raised to ``sizes``; short label limits grow too."""
    if isinstance(node, dict):
        for key, size in sizes.items():
            if isinstance(node.get(key), int | float) and node[key] < size:
                node[key] = size
        limit = node.get("labelLimit")
        if isinstance(limit, int | float) and 0 < limit < 240:
            node["labelLimit"] = round(min(limit * 1.35, 240))  # the label text is a third larger
        for key, value in node.items():
            if key not in ("data", "datasets", "values", "config"):
                _raise_sizes(value, sizes)
    elif isinstance(node, list):
        for value in node:
            _raise_sizes(value, sizes)


def presentation_spec(spec: dict) -> dict:
    """``spec`` with axis, legend, facet-header and title text at least :data:`PRESENT_FONT_SIZES`.

    Sizes set on the chart's own axes and legends are raised too, and row labels (discrete y axes)
    all stay (Vega would drop every other one when the larger text touches).
    """
    config = dict(spec.get("config") or {})
    for section, sizes in PRESENT_FONT_SIZES.items():
        own = dict(config.get(section) or {})
        for name, size in sizes.items():
            current = own.get(name)
            own[name] = max(size, current) if isinstance(current, int | float) else size
        config[section] = own
    config["axisYDiscrete"] = {"labelOverlap": False, **dict(config.get("axisYDiscrete") or {})}
    body = copy.deepcopy({k: v for k, v in spec.items() if k not in ("config", "datasets", "data")})
    _raise_sizes(body, {"labelFontSize": 15, "titleFontSize": 16})
    return {**spec, **body, "config": config}


def _vega_spec(chart: alt.TopLevelMixin, *, present: bool = False) -> dict | None:
    """The chart as Streamlit sends it (Vega-Lite spec, data as Arrow), converted once per chart object.

    Pages keep their charts in ``memo``; converting the same chart again on every rerun (Altair's
    deep copies + Arrow encoding) was ~15 % of the server's CPU under load. The spec rides on the
    chart object, so it lives exactly as long as the cached chart. None when this Streamlit has
    no such converter (then ``st.altair_chart`` does the work, as before).
    """
    spec = chart.__dict__.get(_SPEC_ATTR)
    if spec is None:
        try:
            from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec
        except ImportError:  # a future Streamlit: fall back to the public path
            return None
        spec = _convert_altair_to_vega_lite_spec(_unvalidated(chart))
        object.__setattr__(chart, _SPEC_ATTR, spec)
    if present:
        big = chart.__dict__.get(_PRESENT_SPEC_ATTR)
        if big is None:
            big = presentation_spec(spec)
            object.__setattr__(chart, _PRESENT_SPEC_ATTR, big)
        return big
    return spec


_FILE_KINDS = {
    "csv": ("text/csv", ":material/download:"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ":material/download:"),
    "json": ("application/json", ":material/download:"),
    "png": ("image/png", ":material/image:"),
    "svg": ("image/svg+xml", ":material/image:"),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", ":material/slideshow:"),
    "pdf": ("application/pdf", ":material/picture_as_pdf:"),
    "graphml": ("application/xml", ":material/hub:"),
    "gexf": ("application/xml", ":material/hub:"),
}


def download(label: str, data, name: str, kind: str, *, key: str, where=None, **kwargs) -> None:
    """A download button for ``name.kind``; a callable ``data`` is made only when it is clicked.

    ``on_click="ignore"``: a download never reruns the page. ``where`` is a column or
    container (default: the current one); ``kwargs`` go to ``st.download_button`` (``icon``,
    ``disabled``, ``width``).
    """
    mime, icon = _FILE_KINDS[kind]
    kwargs.setdefault("icon", icon)
    (where or st).download_button(
        label, data=data, file_name=f"{name}.{kind}", mime=mime, key=key, on_click="ignore", **kwargs
    )


def download_menu(ctx: PageContext, help_key: str):
    """One "Download" button that opens the file choices: ``with download_menu(ctx, ...): download(...)``.

    The browser draws a closed menu's buttons only when it is opened: a row of buttons under
    every chart and table (9-13 per page) was part of every first view's drawing.
    """
    return st.popover(ctx.t("chart.download"), icon=":material/download:", help=ctx.t(help_key))


def _chart_downloads(ctx: PageContext, record: ChartRecord, key: str) -> None:
    subtitle = [ctx.t("chart.filters_subtitle", filters=ctx.filters_text)]
    if ctx.is_sample:
        subtitle.append(ctx.t("chart.sample_subtitle"))
    slug = export.slug(record.title)
    with download_menu(ctx, "chart.download_help"):
        if record.table is not None:
            csv = lambda: export.to_csv_bytes(fmt.words_for_booleans(record.table, ctx.lang), ctx.lang)  # noqa: E731
            download(ctx.t("chart.download_csv"), csv, slug, "csv", key=f"dl_csv_{key}", width="stretch")
        png = lambda: export.chart_png(record.chart, record.title, subtitle)  # noqa: E731
        download(ctx.t("chart.download_png"), png, slug, "png", key=f"dl_png_{key}", width="stretch")
        svg = lambda: export.chart_svg(record.chart, record.title, subtitle)  # noqa: E731
        download(ctx.t("chart.download_svg"), svg, slug, "svg", key=f"dl_svg_{key}", width="stretch")
    if record.table is not None:
        # Drawn only while open: a table in the reader's number format costs more than its chart on
        # every rerun (Streamlit renders a Styler cell by cell), and most readers never open it.
        box = st.expander(ctx.t("chart.show_table"), key=f"table_{key}", on_change="rerun")
        if box.open:
            with box:
                st.dataframe(fmt.for_display(record.table, ctx.lang), hide_index=True, width="stretch")


def table_downloads(ctx: PageContext, frame: pd.DataFrame, *, key: str, name: str) -> None:
    """CSV and XLSX downloads of a table (formula-safe), behind one "Download" button."""
    with download_menu(ctx, "table.download_help"):
        csv = lambda: export.to_csv_bytes(fmt.words_for_booleans(frame, ctx.lang), ctx.lang)  # noqa: E731
        download("CSV", csv, name, "csv", key=f"dl_tcsv_{key}", width="stretch")
        xlsx = lambda: export.to_xlsx_bytes(frame, name)  # noqa: E731
        download("XLSX", xlsx, name, "xlsx", key=f"dl_txlsx_{key}", width="stretch")


def safe_text(text) -> str:
    """The one escaping helper: user text shown literally wherever Streamlit reads Markdown.

    Every user-controlled value in ``st.markdown``, ``st.success``/``warning``/``error``/``info``,
    captions, labels and ``help`` tooltips goes through here: control characters removed
    (:func:`lib.data.ingest.clean_text`), HTML escaped, Markdown syntax, directives
    (``:red[...]``), pictures (``![...](...)``), links, icon and emoji shortcodes and bare URLs
    neutralised (:func:`lib.data.export.escape_markdown`).
    """
    return export.escape_markdown(html.escape(clean_text(str(text)), quote=False))


def network_downloads(ctx: PageContext, actors: pd.DataFrame, ties: pd.DataFrame, area_id: str, *, name: str) -> None:
    """An area's network as a Kumu workbook, GraphML and GEXF (Gephi), each made only when clicked."""
    from lib.data import network_io  # networkx, only when a network is drawn

    def part():
        return network_io.area_network(actors, ties, area_id)

    with st.container(horizontal=True, gap="small"):
        kumu = lambda: network_io.kumu_workbook(*part(), ctx.all_tables.areas, ctx.lang)  # noqa: E731
        download(ctx.t("network.download_kumu"), kumu, f"{name}-kumu", "xlsx", key="net_dl_kumu")
        download("GraphML", lambda: network_io.to_graphml(*part()), name, "graphml", key="net_dl_graphml")
        download("GEXF", lambda: network_io.to_gexf(*part()), name, "gexf", key="net_dl_gexf")
