"""The Data page's column-mapping step (issue 14): which file column feeds which atlas column.

Called from :func:`lib.app.editing.upload_section` at two points:

- :func:`options`, before the file is checked: a saved import profile, the distance
  from a centre to its area and an optional boundary layer, and the editor's
  choices so far go into the reading options (so the check reruns when they
  change). A network workbook (Kumu, GraphML, GEXF) uploaded as actors or ties is
  handled here entirely: checked and imported as both tables in one step.
- :func:`review`, after the check: every file column with the atlas column it was
  matched to and how, a selectbox per column to change or ignore it, the atlas
  columns no file column feeds with what happens to them, each centre's area and
  the warnings, and saving the mapping as a profile (also as JSON for the CLI).

The Templates tab gets the questionnaire template (:func:`templates`).
"""

from __future__ import annotations

import dataclasses

import pandas as pd
import streamlit as st

from lib.app import blocks
from lib.data import integrity, mapping, network_io, questionnaire
from lib.errors import AtlasError

K_OVERRIDES = "_byod_overrides"  # {(table, file id): {file column: target}}
K_PROFILE = "_byod_profile"  # {table: profile name}
K_SLOT = "_byod_slot"  # the container drawn above the preview, filled by review()
K_NET = "_byod_network"  # (key, NetworkPrepared or AtlasError)
K_NET_MSG = "_byod_network_message"
NETWORK_TABLES = ("actors", "ties")


def _file_key(table: str, upload) -> tuple:
    return (table, getattr(upload, "file_id", None) or upload.name)


def options(ctx, table: str, upload, read_options, editing):
    """Draw the settings of the mapping and return the reading options with the editor's choices.

    Returns None when the upload was a network workbook, which this step checks and imports itself.
    """
    t, ss = ctx.t, st.session_state
    data = upload.getvalue()
    if table in NETWORK_TABLES and network_io.sniff(data) is not None:
        _network(ctx, upload, data, editing)
        return None
    names = mapping.list_profiles(ctx.engine, table)
    none = t("byod.profile_none")
    cols = st.columns([2, 1, 2] if table == "centres" else [2, 3])
    profile = cols[0].selectbox(t("byod.profile_use"), [none, *names], key=f"byod_profile_{table}")
    base = mapping.Choices()
    if profile != none:
        try:
            base = mapping.load_profile(ctx.engine, profile, table)
        except AtlasError as err:
            blocks.show_error(err, ctx.lang)
    ss.setdefault(K_PROFILE, {})[table] = None if profile == none else profile
    distance = base.area_distance_km
    boundaries = None
    if table == "centres":
        distance = float(
            cols[1].number_input(
                t("byod.distance"),
                min_value=0.1,
                max_value=50.0,
                value=float(base.area_distance_km),
                step=0.5,
                help=t("byod.distance_help"),
                key="byod_distance",
            )
        )
        layer = cols[2].file_uploader(
            t("byod.boundaries"), type=["geojson", "json", "gpkg", "zip"], key="byod_boundaries"
        )
        if layer is not None:
            boundaries = (layer.name, layer.getvalue())
    overrides = ss.setdefault(K_OVERRIDES, {}).get(_file_key(table, upload), {})
    choices = base.merged(mapping.Choices(tuple(overrides.items()), distance, boundaries))
    ss[K_SLOT] = st.container()
    return dataclasses.replace(read_options, mapping=choices)


def _override(key: tuple, header: str, widget: str) -> None:
    st.session_state.setdefault(K_OVERRIDES, {}).setdefault(key, {})[header] = st.session_state[widget]


def review(ctx, table: str, prepared, upload=None) -> None:
    """The mapping of a checked file: matches, choices, missing columns, each centre's area, warnings, profiles."""
    t, lang, ss = ctx.t, ctx.lang, st.session_state
    slot = ss.pop(K_SLOT, None)
    extras = getattr(prepared, "extras", None) or {}
    mapper = extras.get("mapper")
    if mapper is None or not mapper.columns:
        return
    box = slot if slot is not None else st.container()
    with box:
        st.markdown(f"**{t('byod.mapping_heading')}**")
        st.caption(t("byod.mapping_help"))
        frame = mapper.mapping_frame(lang)
        shown = pd.DataFrame(
            {
                t("byod.col_file"): frame["file_column"],
                t("byod.col_target"): [
                    mapping.target_label(table, v, lang) if v is not None else "–" for v in frame["target"]
                ],
                t("byod.col_how"): frame["how"],
                t("byod.col_example"): frame["example"],
            }
        )
        st.table(shown.set_index(t("byod.col_file")))  # a static table: the file's columns, not its data
        key = _file_key(table, upload) if upload is not None else (table, prepared.source_file)
        options = _target_options(table, frame)
        with st.expander(t("byod.col_target")):
            grid = st.columns(3)
            for i, rec in enumerate(frame.to_dict("records")):
                current = rec["target"] if rec["target"] is not None else mapping.IGNORE
                # the key carries the current target: a profile changing it from outside draws a fresh widget
                widget = f"byod_map_{table}_{i}_{current}"
                grid[i % 3].selectbox(
                    blocks.safe_text(rec["file_column"][:80]),  # widget labels read Markdown too
                    options,
                    index=options.index(current) if current in options else 0,
                    format_func=lambda v: mapping.target_label(table, v, lang),
                    key=widget,
                    on_change=_override,
                    args=(key, rec["file_column"], widget),
                )
        missing = mapper.missing(lang)
        if missing:
            st.markdown(f"**{t('byod.missing_heading')}**")
            for column, todo in missing:
                st.caption(f"`{column}`: {todo}")  # the atlas's own words, no file content
        _assignments(ctx, extras)
        _integrity(ctx, extras)
        _profile_save(ctx, table, mapper)


def _target_options(table: str, frame: pd.DataFrame) -> list[str]:
    options = [mapping.IGNORE, *mapping.targets(table)]
    for target in frame["target"]:
        if target and target not in options:
            options.append(target)
    return options


def _assignments(ctx, extras: dict) -> None:
    t, lang = ctx.t, ctx.lang
    assigned = extras.get("assignments")
    if assigned is not None and not assigned.empty:
        from lib.i18n import fmt

        st.markdown(f"**{t('byod.assign_heading')}**")
        shown = pd.DataFrame(
            {
                t("data.col_row"): assigned["row"],
                t("byod.assign.centre"): assigned["centre"],
                t("byod.assign.area"): assigned["area_name"].where(assigned["area_name"].ne(""), assigned["area_id"]),
                t("byod.assign.method"): [t(f"byod.method.{m}") for m in assigned["method"]],
                t("byod.assign.distance"): [
                    "" if pd.isna(d) else fmt.km(d / 1000, lang) for d in assigned["distance_m"]
                ],
            }
        )
        st.dataframe(shown, hide_index=True, width="stretch")
    warnings = extras.get("warnings")
    if warnings is not None and not warnings.empty:
        from lib.data import imports

        for message in warnings["message_da" if lang == "da" else "message_en"]:
            st.warning(blocks.safe_text(message), icon=":material/warning:")
        blocks.table_downloads(ctx, imports.problems_for_display(warnings, lang), key="byod_warnings", name="warnings")


def _integrity(ctx, extras: dict) -> None:
    """What the new version would leave pointing at nothing: said before the confirm, which is the proceed."""
    broken = extras.get("integrity")
    if broken is None or broken.empty:
        return
    for message in integrity.messages(broken, ctx.lang):
        st.warning(blocks.safe_text(message), icon=":material/link_off:")


def _profile_save(ctx, table: str, mapper) -> None:
    t = ctx.t
    st.markdown(f"**{t('byod.profile_heading')}**")
    cols = st.columns([3, 1, 2])
    name = cols[0].text_input(t("byod.profile_name"), key=f"byod_profile_name_{table}").strip()
    used = mapper.used_choices()
    if cols[1].button(t("byod.profile_save"), key=f"byod_profile_save_{table}", disabled=not name):
        mapping.save_profile(ctx.engine, name, table, used, editor="app")
        st.success(t("byod.profile_saved", name=blocks.safe_text(name)), icon=":material/bookmark:")
    profile_json = used.to_json(table, name).encode("utf-8")
    blocks.download(
        t("byod.profile_download"),
        profile_json,
        f"profile-{table}",
        "json",
        key=f"byod_profile_json_{table}",
        where=cols[2],
    )


# --- network workbooks -----------------------------------------------------------------------------


def _network(ctx, upload, data: bytes, editing) -> None:
    """A Kumu workbook (or GraphML/GEXF): check it as actors and ties, import both on confirm."""
    t, lang, ss = ctx.t, ctx.lang, st.session_state
    if ss.get(K_NET_MSG):
        st.success(ss.pop(K_NET_MSG), icon=":material/check_circle:")
    key = (upload.file_id, ctx.version_ids.get("actors"), ctx.version_ids.get("ties"))
    held = ss.get(K_NET)
    if held is None or held[0] != key:
        try:
            held = (key, network_io.prepare_network(ctx.engine, data, source_file=upload.name))
        except AtlasError as err:
            held = (key, err)
        ss[K_NET] = held
    prepared = held[1]
    if isinstance(prepared, AtlasError):
        blocks.show_error(prepared, lang)
        return
    st.info(t("byod.kumu_found", actors=prepared.actors.n_rows, ties=prepared.ties.n_rows), icon=":material/hub:")
    for part in (prepared.actors, prepared.ties):
        st.markdown(f"**{ctx.label('table', part.table)}**")
        st.dataframe(part.upload.head(20), hide_index=True)
    if not prepared.ok:
        from lib.data import imports

        st.error(t("data.problems", n=len(prepared.problems)), icon=":material/error:")
        st.dataframe(imports.problems_for_display(prepared.problems, lang), hide_index=True, width="stretch")
        return
    for part in (prepared.actors, prepared.ties):
        st.caption(f"{ctx.label('table', part.table)}: " + t("data.ready", n=part.n_rows, **part.diff))
    if st.button(t("data.confirm"), type="primary", icon=":material/upload:", key="byod_network_confirm"):
        if not editing.is_editor():  # checked again at the moment of writing
            st.error(t("data.err.not_editor"))
            st.stop()
        try:
            with st.spinner(t("data.writing")):
                versions = network_io.commit_network(ctx.engine, prepared, editor=editing.name())
        except AtlasError as err:
            ss.pop(K_NET, None)
            blocks.show_error(err, lang)
            return
        ss.pop(K_NET, None)
        ss[K_NET_MSG] = t("byod.network_imported", **versions)
        st.rerun()


# --- templates -------------------------------------------------------------------------------------


def templates(ctx, table: str) -> None:
    """The questionnaire template (survey responses): question texts the import recognises as they are."""
    if table != "survey_responses":
        return
    t, lang = ctx.t, ctx.lang
    sheet = lambda: questionnaire.questionnaire_xlsx(ctx.all_tables.codebook, lang)  # noqa: E731
    blocks.download(
        t("byod.questionnaire"),
        sheet,
        f"questionnaire-{lang}",
        "xlsx",
        key="byod_questionnaire",
        icon=":material/quiz:",
    )
    st.caption(t("byod.questionnaire_help"))
