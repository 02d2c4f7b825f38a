"""Compare types: how do the four kinds of medborgercenter differ? (issue 3)."""

import streamlit as st

from lib import typology as ty
from lib import typology_charts as tc
from lib import ui
from lib.palette import TYPE_COLOURS
from lib.schema import CENTRE_TYPES

ctx = ui.page_frame("compare")
t, lang, tables = ctx.t, ctx.lang, ctx.tables
# Results and charts are computed once per view (ui.memo: data versions, filters, language and the
# settings named below), e.g. not again while someone types in the comment search.
types = tuple(c for c in CENTRE_TYPES if not ctx.filters.centre_types or c in ctx.filters.centre_types)
type_name = {c: t(f"type.{c}") for c in CENTRE_TYPES}

st.title(t("compare.title"))
st.markdown(t("compare.intro"))

focus_key = ui.bind("focus_type", default="all", options=["all", *types])
min_key = ui.bind("min_n", default=5, bounds=(1, 200))
left, right = st.columns([4, 1])
left.segmented_control(
    t("compare.focus_label"), ["all", *types], key=focus_key, help=t("compare.focus_help"),
    format_func=lambda c: t("compare.focus_all") if c == "all" else type_name[c],
)  # fmt: skip
right.number_input(t("compare.min_n_label"), min_value=1, max_value=200, step=1, key=min_key,
                   help=t("compare.min_n_help"))  # fmt: skip
focus, min_n = ui.value("focus_type") or "all", int(ui.value("min_n") or 5)
responses, centres = tables.survey_responses, tables.centres

# --- 1. advantages and drawbacks ------------------------------------------------------------
st.subheader(t("compare.items_heading"))
if responses.empty:
    ui.empty_state(ctx, "compare.no_responses")
else:
    shares = ui.memo(ctx, "compare:shares",
                     lambda: ty.item_shares(responses, centres, tables.codebook, min_n=min_n, types=types), min_n)  # fmt: skip
    chart, table, legend = ui.memo(
        ctx, "compare:items",
        lambda: tc.items_view(shares, focus=focus, types=types, t=t, lang=lang, min_n=min_n, large=ctx.present),
        min_n, focus, ctx.present,
    )  # fmt: skip
    if focus == "all":
        title, sort_note = t("compare.items_title"), t("compare.sorted_note")
    else:
        title = t("compare.items_title_focus", type=type_name[focus])
        sort_note = t("compare.sorted_note_focus", type=type_name[focus])
    if table["suppressed"].all():
        st.info(t("compare.all_suppressed", min_n=min_n), icon=":material/visibility_off:")
    ui.chart_block(ctx, chart, key="items", title=title, table=table)
    st.caption(t("compare.n_line", counts=", ".join(legend)))
    st.markdown(t("compare.suppression_rule", min_n=min_n))
    st.caption(sort_note)
    if focus == "all":
        tested = shares.drop_duplicates("code")
        st.caption(t("compare.test_note", n_differ=int(tested["differs"].sum()),
                     n_tested=int(tested["p_value"].notna().sum())))  # fmt: skip
    if ctx.is_sample:
        st.caption(f":material/science: {t('compare.sample_line')}")

# --- 2. ratings ------------------------------------------------------------------------------
st.subheader(t("compare.ratings_heading"))
if not responses.empty:
    ratings = ui.memo(ctx, "compare:ratings", lambda: tc.ratings_frame(
        ty.rating_summary(responses, centres, min_n=min_n, types=types), t, lang), min_n)  # fmt: skip
    ratings_chart = ui.memo(ctx, "compare:ratings_chart", lambda: tc.ratings_chart(ratings, t, types=types), min_n)
    ratings_table = ui.memo(
        ctx, "compare:ratings_table",
        lambda: ratings[["dimension_label", "group", "n", "mean", "ci_lo", "ci_hi", "suppressed"]].round(2), min_n,
    )  # fmt: skip
    ui.chart_block(
        ctx, ratings_chart, key="ratings", title=t("compare.ratings_title"), table=ratings_table,
        caption=t("compare.ratings_caption", min_n=min_n),
    )  # fmt: skip

# --- 3. type profiles (centres table) ----------------------------------------------------------
st.subheader(t("compare.profiles_heading"))
if centres.empty:
    ui.empty_state(ctx)
else:
    profiles = ui.memo(ctx, "compare:profiles", lambda: ty.type_profiles(centres, types=types))
    profile_chart, partner_chart = ui.memo(ctx, "compare:profile_charts", lambda: (
        tc.profile_chart(profiles, t, metrics=ty.PROFILE_METRICS, types=types),
        tc.partner_chart(profiles, t, types=types),
    ))  # fmt: skip
    ui.chart_block(
        ctx, profile_chart, key="profiles",
        title=t("compare.profiles_title"), table=profiles.round(2).reset_index(),
        caption=t("compare.profiles_caption", n=len(centres)),
    )  # fmt: skip
    partner_table = profiles[["n_centres", *(f"{f}_share" for f in ty.PARTNER_FLAGS)]].round(2).reset_index()
    ui.chart_block(ctx, partner_chart, key="partners", title=t("compare.partners_title"), table=partner_table,
                   caption=t("compare.partners_title"))  # fmt: skip

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
q_key = ui.bind("comment_query", default="")
code_key = ui.bind("comment_code", default="", options=codes)
type_key = ui.bind("comment_type", default="", options=["", *types])
c1, c2, c3 = st.columns([2, 2, 1])
c1.text_input(t("compare.comment_query"), key=q_key, help=t("compare.comment_query_help"))
c2.selectbox(t("compare.comment_code"), codes, key=code_key, format_func=lambda c: code_label.get(c, t("compare.any")))
c3.selectbox(t("compare.comment_type"), ["", *types], key=type_key,
             format_func=lambda c: type_name.get(c, t("compare.any")))  # fmt: skip
query, code, ctype = ui.value("comment_query") or "", ui.value("comment_code") or None, ui.value("comment_type") or None


def _search_comments() -> tuple:
    # Keep the count and the first 300 only: a broad search at x100 matches ~100,000 comments.
    matches = ty.search_comments(responses, centres, query, code=code, centre_type=ctype, min_n=min_n)
    return len(matches), matches.head(300)


n_found, found = ui.memo(ctx, "compare:comments", _search_comments, query, code, ctype, min_n)
if found.empty:
    st.info(t("compare.comments_none"))
else:
    st.caption(t("compare.comments_count", n=n_found, shown=len(found)))
    shown = found.assign(centre_type=lambda f: f["centre_type"].map(type_name))
    shown.columns = [t("compare.col_comment"), t("compare.col_type"), t("compare.col_year")]
    st.dataframe(shown, hide_index=True, width="stretch")
