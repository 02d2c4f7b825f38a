"""The Data page's editor side: sign-in, upload with row-level checks, versions and rollback, templates.

Everything that writes sits behind :meth:`Editing.is_editor`, checked when drawing and
again right before the write; viewers get versions, exports and templates.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from lib import settings
from lib.app import blocks
from lib.data import auth, export, ingest, store, templates
from lib.data import imports as dataops
from lib.errors import AtlasError

K_TOKEN, K_PREP, K_MSG, K_UP = "_data_editor_token", "_data_prepared", "_data_message", "_data_upload_n"


def _secrets() -> dict:
    try:
        return st.secrets.to_dict()
    except Exception:  # noqa: BLE001 - no or unreadable secrets file: no secrets
        return {}


@dataclass
class Editing:
    """Who is at the Data page and what they may do."""

    secrets: dict
    user: object
    methods: tuple

    @classmethod
    def current(cls) -> Editing:
        """The session's editing rights, from the secrets and the signed-in user."""
        secrets = _secrets()
        user = st.user if auth.oidc_configured(secrets) else None
        return cls(secrets=secrets, user=user, methods=auth.methods(secrets=secrets))

    def is_editor(self) -> bool:
        """Whether this session may write (checked again right before every write)."""
        return auth.is_editor(st.session_state.get(K_TOKEN), self.user, secrets=self.secrets)

    def name(self) -> str:
        """The editor's name for the audit trail."""
        return auth.editor_name(st.session_state.get(K_TOKEN), self.user, secrets=self.secrets)


@st.cache_data(show_spinner=False, max_entries=32)
def _versions(url: str, table: str, current: int | None, _engine):
    # keyed on the current version: a new import or rollback changes it (diffs need whole versions read)
    return dataops.versions_with_diffs(_engine, table)


def _esc(values) -> str:
    return ", ".join(blocks.safe_text(v) for v in values)


def sign_in_out(ctx, editing: Editing) -> None:
    """The signed-in notice with a sign-out button, and the message of the last import or rollback."""
    t, ss = ctx.t, st.session_state
    if editing.is_editor():
        st.success(t("data.signed_in"), icon=":material/edit:")
        if st.button(t("data.sign_out"), icon=":material/logout:", key="data_sign_out"):
            ss.pop(K_TOKEN, None)
            ss.pop(K_PREP, None)
            if editing.user is not None and getattr(editing.user, "is_logged_in", False):
                st.logout()
            st.rerun()
    if ss.get(K_MSG):
        st.success(ss.pop(K_MSG), icon=":material/check_circle:")


def viewer_block(ctx, editing: Editing) -> None:
    """What a viewer sees where the upload would be: how to get editing rights, or the sign-in."""
    t, ss, secrets, methods = ctx.t, st.session_state, editing.secrets, editing.methods
    st.info(t("data.viewer_info"), icon=":material/visibility:")
    if not methods:
        st.markdown(t("data.how_to_enable"))
    if "password" in methods:
        with st.form("data_sign_in_form", clear_on_submit=True):
            given = st.text_input(t("data.password"), type="password", key="data_password")
            if st.form_submit_button(t("data.sign_in"), icon=":material/login:", key="data_sign_in"):
                password = auth.editor_password(secrets=secrets)
                if auth.check_password(given, password):
                    ss[K_TOKEN] = auth.session_token(password)
                    st.rerun()
                st.error(t("data.wrong_password"))
    if "oidc" in methods:
        if getattr(st.user, "is_logged_in", False):
            st.warning(t("data.not_allowed_user", email=blocks.safe_text(st.user.get("email", ""))))
        else:
            st.button(t("data.sign_in_oidc"), on_click=st.login, icon=":material/login:")


def upload_section(ctx, table: str, editing: Editing) -> None:
    """Upload: read and check a file, show the problems or a preview, import on confirm."""
    t, lang, ss, secrets = ctx.t, ctx.lang, st.session_state, editing.secrets
    modes = dataops.modes_for(table)
    mode = st.radio(t("data.mode"), modes, format_func=lambda m: t(f"data.mode.{m}"), key=f"data_mode_{table}")
    mb, max_rows = settings.get("ATLAS_MAX_UPLOAD_MB", secrets=secrets), settings.max_rows(secrets=secrets)
    with st.expander(t("data.settings")):
        st.caption(t("data.settings_help"))
        c = st.columns(4)
        auto = t("data.auto")
        sep = c[0].selectbox(t("data.separator"), [auto, ";", ",", "tab", "|"], key="data_sep")
        enc = c[1].selectbox(t("data.encoding"), [auto, "utf-8", "cp1252", "utf-16", "latin-1"], key="data_enc")
        dec = c[2].selectbox(t("data.decimal"), [auto, ",", "."], key="data_dec")
        sheet = c[3].text_input(t("data.sheet"), key="data_sheet").strip()
    options = ingest.ReadOptions(
        separator=None if sep == auto else sep,
        encoding=None if enc == auto else enc,
        decimal=None if dec == auto else dec,
        sheet=sheet or None,
        max_bytes=int(mb) * 1024 * 1024,
        max_rows=max_rows,
    )
    upload = st.file_uploader(
        t("data.file"),
        type=["csv", "txt", "tsv", "xlsx"],
        key=f"data_file_{ss.get(K_UP, 0)}",
        help=t("data.file_help", mb=mb, rows=f"{max_rows:,}".replace(",", ".")),
        max_upload_size=int(mb),
    )
    if upload is not None:
        key = (upload.file_id, table, mode, options, ctx.version_ids.get(table))
        prepared = ss.get(K_PREP, (None, None))[1] if ss.get(K_PREP, (None,))[0] == key else None
        if prepared is None:
            with st.status(t("data.step_read"), expanded=False) as status:

                def _progress(step, info, status=status):
                    status.update(label=t("data.step_read") if step == "read" else t("data.step_validate", **info))

                try:
                    prepared = dataops.prepare(
                        ctx.engine,
                        table,
                        upload.getvalue(),
                        source_file=upload.name,
                        mode=mode,
                        options=options,
                        progress=_progress,
                    )
                    status.update(label=t("data.step_done"), state="complete")
                except AtlasError as err:
                    status.update(label=t("data.step_failed"), state="error")
                    blocks.show_error(err, lang)
            ss[K_PREP] = (key, prepared)
        if prepared is not None:
            r = prepared.report
            seps = {";": "';'", ",": "','", "\t": "tab", "|": "'|'", None: "-"}
            st.caption(
                t(
                    "data.detected",
                    format=r.format.upper(),
                    separator=seps.get(r.separator, r.separator),
                    encoding=r.encoding or "-",
                    decimal=r.decimal,
                    sheet=blocks.safe_text(r.sheet or "-"),
                    header_row=r.header_row,
                )
            )
            if r.renamed:
                st.caption(t("data.renamed", pairs=_esc(f"{a} → {b}" for a, b in r.renamed.items())))
            if r.ignored_columns:
                st.caption(t("data.ignored", cols=_esc(r.ignored_columns)))
            for col, cols in r.multi_select.items():
                st.caption(t("data.multi_select", column=col, cols=_esc(cols)))
            if r.coordinates == "epsg:25832":
                st.caption(t("data.coords_converted"))
            st.markdown(f"**{t('data.preview')}**")
            st.dataframe(prepared.upload.head(20), hide_index=True)
            if not prepared.ok:
                st.error(t("data.problems", n=len(prepared.problems)), icon=":material/error:")
                shown = dataops.problems_for_display(prepared.problems, lang)
                st.dataframe(shown, hide_index=True, width="stretch")
                blocks.table_downloads(ctx, shown, key="data_problems", name=f"problems-{table}")
            else:
                d = prepared.diff
                st.success(t("data.ready", n=prepared.n_rows, **d), icon=":material/task_alt:")
                st.caption(
                    t(
                        "data.ready_result",
                        table=ctx.label("table", table),
                        total=len(prepared.result),
                        before=prepared.n_before,
                    )
                )
                if st.button(t("data.confirm"), type="primary", icon=":material/upload:", key="data_confirm"):
                    if not editing.is_editor():  # checked again at the moment of writing
                        st.error(t("data.err.not_editor"))
                        st.stop()
                    try:
                        editor_name = editing.name()
                        version = dataops.commit(ctx.engine, prepared, editor=editor_name)
                    except AtlasError as err:
                        ss.pop(K_PREP, None)
                        blocks.show_error(err, lang)
                        st.stop()
                    ss[K_MSG] = t(
                        "data.imported", table=ctx.label("table", table), version=version, n=len(prepared.result)
                    )
                    ss.pop(K_PREP, None)
                    ss[K_UP] = ss.get(K_UP, 0) + 1  # a fresh uploader: the file was used
                    st.rerun()


def versions_section(ctx, table: str, editing: Editing) -> None:
    """Versions of a table with their differences, export of any version, rollback for editors, the audit trail."""
    t, lang, ss = ctx.t, ctx.lang, st.session_state
    st.subheader(t("data.versions_heading", table=ctx.label("table", table)))
    versions = _versions(store.database_url(), table, ctx.version_ids.get(table), _engine=ctx.engine)
    if versions.empty:
        st.info(t("data.no_versions"))
    else:
        shown = versions.assign(
            action=versions["action"].map(lambda a: t(f"data.action.{a}")),
            diff=[
                t("data.diff_text", added=a, removed=r, changed=c) if a is not None else ""
                for a, r, c in zip(versions["added"], versions["removed"], versions["changed"], strict=True)
            ],
            checksum=versions["checksum"].str[:12],
        )
        names = {
            "version_id": "data.col_version",
            "created_at": "data.col_time",
            "editor": "data.col_editor",
            "source_file": "data.col_file",
            "action": "data.col_action",
            "n_rows": "data.col_rows",
            "diff": "data.col_diff",
            "checksum": "data.col_checksum",
            "is_current": "data.col_current",
        }
        shown = shown[list(names)].rename(columns={k: t(v) for k, v in names.items()})
        st.dataframe(shown, hide_index=True, width="stretch")
        st.caption(t("data.diff_legend"))
        ids = versions["version_id"].tolist()
        left, right = st.columns(2)
        with left:
            st.markdown(f"**{t('data.export_heading')}**")
            if ss.get("data_export_version") not in ids:  # another table or a new version: start at the newest
                ss.pop("data_export_version", None)
            vid = st.selectbox(t("data.export_version"), ids, key="data_export_version")
            name, xlsx = f"{table}-v{vid}", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            c = st.columns(2)  # the version is read only when a download is clicked
            c[0].download_button(
                "CSV",
                data=lambda: export.to_csv_bytes(store.read_version(ctx.engine, vid), lang),
                file_name=f"{name}.csv",
                mime="text/csv",
                on_click="ignore",
                icon=":material/download:",
                key="data_export_csv",
            )
            c[1].download_button(
                "XLSX",
                data=lambda: export.to_xlsx_bytes(store.read_version(ctx.engine, vid), table),
                file_name=f"{name}.xlsx",
                mime=xlsx,
                on_click="ignore",
                icon=":material/download:",
                key="data_export_xlsx",
            )
        if editing.is_editor():
            with right:
                st.markdown(f"**{t('data.rollback_heading')}**")
                older = [v for v, cur in zip(ids, versions["is_current"], strict=True) if not cur]
                if ss.get("data_rollback_version") not in older:
                    ss.pop("data_rollback_version", None)
                target = st.selectbox(
                    t("data.rollback_version"), older, key="data_rollback_version", placeholder=t("data.no_older")
                )
                sure = st.checkbox(t("data.rollback_confirm"), key="data_rollback_sure")
                clicked = st.button(t("data.rollback_button"), disabled=not (sure and older), key="data_rollback")
                if clicked and target is not None and editing.is_editor():
                    editor_name = editing.name()
                    version = store.rollback(ctx.engine, table, int(target), editor=editor_name)
                    ss[K_MSG] = t("data.rolled_back", table=ctx.label("table", table), old=target, version=version)
                    st.rerun()
        with st.expander(t("data.audit_heading")):
            st.dataframe(store.audit_log(ctx.engine, table), hide_index=True, width="stretch")


def templates_section(ctx, table: str) -> None:
    """Empty templates and what each column means."""
    t, lang = ctx.t, ctx.lang
    st.write(t("data.templates_intro"))
    c = st.columns([1, 1, 3])
    c[0].download_button(
        t("data.template_csv"),
        data=lambda: templates.template_csv(table, lang),
        file_name=f"template-{table}.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
        key="data_tpl_csv",
    )
    c[1].download_button(
        t("data.template_xlsx"),
        data=lambda: templates.template_xlsx(table, lang),
        file_name=f"template-{table}.xlsx",
        on_click="ignore",
        icon=":material/download:",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="data_tpl_xlsx",
    )
    st.dataframe(export.neutralise_formulas(templates.explanation_frame(table, lang)), hide_index=True)
    for note in templates.notes(table, lang):
        st.caption(note)
