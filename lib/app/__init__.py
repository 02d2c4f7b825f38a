"""The only Streamlit code below the pages: state and URL codec, caches, the page frame, page blocks.

Pages use the names exported here::

    from lib import app

    ctx = app.page_frame("compare")
    focus = app.bound(st.segmented_control, "Fokus", key="focus_type", default="all", options=[...])
    shares = ctx.memo(survey.item_shares, ctx.tables.survey_responses, ...)
    app.chart_block(ctx, chart, key="items", title=...)
"""

from lib.app.blocks import (
    ChartRecord,
    chart_block,
    controls,
    empty_state,
    network_downloads,
    record_chart,
    safe_text,
    show_error,
    table_downloads,
)
from lib.app.cache import network_comparison
from lib.app.context import PageContext
from lib.app.frame import page_frame
from lib.app.routes import PAGES
from lib.app.state import bound, bound_value, peek_value, reset_values, set_value, url_param

__all__ = [
    "PAGES",
    "ChartRecord",
    "PageContext",
    "bound",
    "bound_value",
    "chart_block",
    "controls",
    "empty_state",
    "network_comparison",
    "page_frame",
    "peek_value",
    "record_chart",
    "reset_values",
    "safe_text",
    "set_value",
    "show_error",
    "network_downloads",
    "table_downloads",
    "url_param",
]
