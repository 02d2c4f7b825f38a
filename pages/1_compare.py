"""Compare types: how do the four kinds of medborgercenter differ?"""

import streamlit as st

from lib import app
from lib.analysis import survey
from lib.i18n import fmt
from lib.schema import CENTRE_TYPES
from lib.views import compare as cv
from lib.views.palette import TYPE_COLOURS

ctx = app.page_frame("compare")
t, lang, tables = ctx.t, ctx.lang, ctx.tables
responses, centres = tables.survey_responses, tables.centres
types = tuple(c for c in CENTRE_TYPES if not ctx.filters.centre_types or c in ctx.filters.centre_types)
type_name = {c: t(f"type.{c}") for c in CENTRE_TYPES}

st.title(t("compare.title"))
st.markdown(t("compare.intro"))

with app.controls(ctx):  # one "settings" expander in presentation mode
    left, right = st.columns([4, 1])
    focus = app.bound(
        left.segmented_control,
        t("compare.focus_label"),
        key="focus_type",
        default="all",
        options=["all", *types],
        help=t("compare.focus_help"),
        format_func=lambda c: t("compare.focus_all") if c == "all" else type_name[c],
    )
    min_n = int(
        app.bound(
            right.number_input,
            t("compare.min_n_label"),
            key="min_n",
            default=5,
            bounds=(1, 200),
            step=1,
            help=t("compare.min_n_help"),
        )
    )
focus = focus or "all"

# --- 1. advantages and drawbacks ------------------------------------------------------------
st.subheader(t("compare.items_heading"))
if responses.empty:
    app.empty_state(ctx, "compare.no_responses")
else:
    shares = ctx.memo(survey.item_shares, responses, centres, tables.codebook, min_n=min_n, types=types)
    chart, table, legend = ctx.memo(
        cv.items_view, shares, focus=focus, types=types, t=t, lang=lang, min_n=min_n, large=ctx.present
    )
    if focus == "all":
        title, sort_note = t("compare.items_title"), t("compare.sorted_note")
    else:
        title = t("compare.items_title_focus", type=type_name[focus])
        sort_note = t("compare.sorted_note_focus", type=type_name[focus])
    if table[t("compare.col.suppressed")].all():
        st.info(t("compare.all_suppressed", min_n=min_n), icon=":material/visibility_off:")
    app.chart_block(ctx, chart, key="items", title=title, table=table)
    st.caption(t("compare.n_line", counts=", ".join(legend)))
    st.markdown(t("compare.suppression_rule", min_n=min_n))
    st.caption(sort_note)
    if focus == "all":
        tested = shares.drop_duplicates("code")
        n_differ, n_tested = int(tested["differs"].sum()), int(tested["p_value"].notna().sum())
        st.caption(
            t("compare.test_note", n_differ=n_differ, n_tested=n_tested) if n_tested else t("compare.test_note_none")
        )
    if ctx.is_sample:
        st.caption(f":material/science: {t('compare.sample_line')}")

# --- 2. ratings ------------------------------------------------------------------------------
st.subheader(t("compare.ratings_heading"))
if not responses.empty:
    ratings_chart, ratings_table = ctx.memo(cv.ratings_view, responses, centres, min_n=min_n, types=types, t=t)
    app.chart_block(
        ctx,
        ratings_chart,
        key="ratings",
        title=t("compare.ratings_title"),
        table=ratings_table,
        caption=t("compare.ratings_caption", min_n=min_n),
    )

# --- 3. type profiles (centres table) ----------------------------------------------------------
st.subheader(t("compare.profiles_heading"))
if centres.empty:
    app.empty_state(ctx)
else:
    profiles = ctx.memo(cv.profiles_view, centres, types=types, t=t)
    app.chart_block(
        ctx,
        profiles["profile_chart"],
        key="profiles",
        title=t("compare.profiles_title"),
        table=profiles["profile_table"],
        caption=t("compare.profiles_caption", n=len(centres)),
    )
    app.chart_block(
        ctx,
        profiles["partner_chart"],
        key="partners",
        title=t("compare.partners_title"),
        table=profiles["partner_table"],
        caption=t("compare.partners_title"),
    )

# --- 4. type cards: published studies, not survey data ----------------------------------------
st.subheader(t("compare.cards_heading"))
st.caption(f":material/menu_book: **{t('compare.cards_badge')}**")
for col, ctype in zip(st.columns(len(CENTRE_TYPES)), CENTRE_TYPES, strict=True):
    with col.container(border=True):
        st.markdown(
            f'<div style="border-left:6px solid {TYPE_COLOURS[ctype]};padding-left:8px;font-weight:600">'
            f"{type_name[ctype]}</div>",
            unsafe_allow_html=True,
        )
        st.write(t(f"compare.card.{ctype}"))
        st.caption(t("compare.cards_badge"))
st.markdown(t("compare.cards_common"))
st.caption(t("compare.cards_source"))

# --- 5. comments ----------------------------------------------------------------------------
st.subheader(t("compare.comments_heading"))
st.caption(t("compare.comments_intro", min_n=min_n))
codebook = tables.codebook
codes = ["", *codebook["code"].tolist()]
code_label = dict(zip(codebook["code"], codebook[f"label_{lang}"], strict=True))
c1, c2, c3 = st.columns([2, 2, 1])
query = app.bound(
    c1.text_input, t("compare.comment_query"), key="comment_query", default="", help=t("compare.comment_query_help")
)
code = app.bound(
    c2.selectbox,
    t("compare.comment_code"),
    key="comment_code",
    default="",
    options=codes,
    format_func=lambda c: code_label.get(c, t("compare.any")),
)
ctype = app.bound(
    c3.selectbox,
    t("compare.comment_type"),
    key="comment_type",
    default="",
    options=["", *types],
    format_func=lambda c: type_name.get(c, t("compare.any")),
)
n_found, found = ctx.memo(
    cv.comments_view, responses, centres, query or "", code=code or None, centre_type=ctype or None, min_n=min_n, t=t
)
if found.empty:
    st.info(t("compare.comments_none"))
else:
    st.caption(t("compare.comments_count", n=n_found, shown=len(found)))
    st.dataframe(fmt.for_display(found, lang), hide_index=True, width="stretch")
