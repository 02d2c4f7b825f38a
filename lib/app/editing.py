"""The Data page's editor side: sign-in, upload with row-level checks, versions and rollback, templates.

Everything that writes sits behind :meth:`Editing.is_editor`, checked when drawing and
again right before the write; viewers get versions, exports and templates.

- Sign-in by password asks for the editor's name (it goes into the audit trail), is
  throttled per session and per client address (:class:`lib.data.auth.Throttle`) and
  records failed attempts in the audit table. A signed, expiring cookie keeps the editor
  signed in across a reload (:func:`lib.data.auth.issue_cookie`); a script set by ``st.html``
  writes it in the browser, and ``st.context.cookies`` reads it back in the next session.
- Confirming an import is a compare-and-set: the confirm button names the preview it was
  drawn with, and the commit succeeds only while the table is still at the version that
  preview was computed on. Otherwise nothing is written, the editor is told, and a fresh
  preview against the new version is shown.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from secrets import token_hex

import sqlalchemy as sa
import streamlit as st

from lib import settings
from lib.app import blocks, mapping_step
from lib.data import auth, export, ingest, integrity, store, templates
from lib.data import imports as dataops
from lib.errors import AtlasError

log = logging.getLogger("atlas")

K_TOKEN, K_PREP, K_MSG, K_UP = "_data_editor_token", "_data_prepared", "_data_message", "_data_upload_n"
K_NAME = "_data_editor_name"  # the name given at sign-in (bound into the token)
K_SESSION = "_data_session_id"  # this session's throttle key
K_COOKIE = "_data_cookie"  # the sign-in cookie issued to this session, set in the browser while signed in
K_COOKIE_CLEAR = "_data_cookie_clear"  # signed out: delete the cookie in the browser
K_CONFIRM = "_data_confirm_for"  # the preview whose confirm button was clicked (its token)


def _secrets() -> dict:
    try:
        return st.secrets.to_dict()
    except Exception:  # noqa: BLE001 - no or unreadable secrets file: no secrets
        return {}


def upload_limit_mb() -> int:
    """``ATLAS_MAX_UPLOAD_MB`` from the environment or the secrets: the limit of every uploader."""
    return int(settings.get("ATLAS_MAX_UPLOAD_MB", secrets=_secrets()))


def _cookie_value() -> str | None:
    try:
        return st.context.cookies.get(auth.COOKIE_NAME)
    except Exception:  # noqa: BLE001 - no browser behind this session (AppTest, a bare websocket)
        return None


def _client_address() -> str | None:
    try:
        return st.context.ip_address
    except Exception:  # noqa: BLE001
        return None


def _session_id() -> str:
    ss = st.session_state
    if K_SESSION not in ss:
        ss[K_SESSION] = token_hex(8)
    return ss[K_SESSION]


@dataclass
class Editing:
    """Who is at the Data page and what they may do."""

    secrets: dict
    user: object
    methods: tuple

    @classmethod
    def current(cls) -> Editing:
        """The session's editing rights, from the secrets, the signed-in user and a sign-in cookie."""
        secrets = _secrets()
        user = st.user if auth.oidc_configured(secrets) else None
        editing = cls(secrets=secrets, user=user, methods=auth.methods(secrets=secrets))
        if "password" in editing.methods and not editing.is_editor():
            editing._restore_from_cookie()
        return editing

    def _restore_from_cookie(self) -> None:
        # A reload opens a new session: the cookie set at sign-in signs the editor in again, as long
        # as it is unexpired, not revoked and was issued under the password configured now.
        value = _cookie_value()
        password = auth.editor_password(secrets=self.secrets)
        name = auth.read_cookie(value, password, secret=auth.cookie_secret(self.secrets)) if value else None
        if name:
            ss = st.session_state
            ss[K_TOKEN], ss[K_NAME], ss[K_COOKIE] = auth.session_token(password, name), name, value

    def is_editor(self) -> bool:
        """Whether this session may write (checked again right before every write)."""
        ss = st.session_state
        return auth.is_editor(ss.get(K_TOKEN), self.user, name=ss.get(K_NAME, ""), secrets=self.secrets)

    def name(self) -> str:
        """The editor's name for the audit trail."""
        ss = st.session_state
        return auth.editor_name(ss.get(K_TOKEN), self.user, name=ss.get(K_NAME, ""), secrets=self.secrets)


@st.cache_data(show_spinner=False, max_entries=32)
def _versions(url: str, table: str, current: int | None, _engine):
    # keyed on the current version: a new import or rollback changes it (diffs need whole versions read)
    return dataops.versions_with_diffs(_engine, table)


def _esc(values) -> str:
    return ", ".join(blocks.safe_text(v) for v in values)


def _cookie_script(value: str | None) -> str:
    # The value is ours (base64url, digits, hex and dots): nothing in it needs quoting.
    if value is None:
        assignment = f"{auth.COOKIE_NAME}=; Path=/; Max-Age=0; SameSite=Strict"
    else:
        assignment = f"{auth.COOKIE_NAME}={value}; Path=/; Max-Age={auth.COOKIE_TTL_S}; SameSite=Strict"
    return (
        "<script>(() => {const secure = window.location.protocol === 'https:' ? '; Secure' : '';"
        f"document.cookie = '{assignment}' + secure;}})();</script>"
    )


def _sync_cookie() -> None:
    """Set (signed in) or delete (signed out) the sign-in cookie in the browser (a script, nothing shown)."""
    ss = st.session_state
    if ss.get(K_COOKIE):
        st.html(_cookie_script(ss[K_COOKIE]), unsafe_allow_javascript=True)
    elif ss.get(K_COOKIE_CLEAR):
        st.html(_cookie_script(None), unsafe_allow_javascript=True)


def sign_in_out(ctx, editing: Editing) -> None:
    """The signed-in notice with a sign-out button, and the message of the last import or rollback."""
    t, ss = ctx.t, st.session_state
    if editing.is_editor():
        name = ss.get(K_NAME) if ss.get(K_TOKEN) else None
        text = t("data.signed_in_as", name=blocks.safe_text(name)) if name else t("data.signed_in")
        st.success(text, icon=":material/edit:")
        if st.button(t("data.sign_out"), icon=":material/logout:", key="data_sign_out"):
            auth.revoke_cookie(ss.pop(K_COOKIE, None))
            for key in (K_TOKEN, K_NAME, K_PREP):
                ss.pop(key, None)
            ss[K_COOKIE_CLEAR] = True
            if editing.user is not None and getattr(editing.user, "is_logged_in", False):
                st.logout()
            st.rerun()
    _sync_cookie()
    if ss.get(K_MSG):
        st.success(ss.pop(K_MSG), icon=":material/check_circle:")


def _attempt_sign_in(ctx, editing: Editing, who: str, given: str) -> None:
    t, ss = ctx.t, st.session_state
    address = _client_address()
    keys = auth.throttle_keys(_session_id(), address)
    wait = auth.THROTTLE.wait(keys)
    if wait > 0:  # not even the right password is checked while the wait lasts
        st.error(t("data.sign_in_locked", seconds=math.ceil(wait)), icon=":material/timer:")
        return
    name = auth.clean_name(who)
    if not name:
        st.error(t("data.name_required"))
        return
    password = auth.editor_password(secrets=editing.secrets)
    if auth.check_password(given, password):
        auth.THROTTLE.succeeded(keys)
        ss[K_TOKEN], ss[K_NAME] = auth.session_token(password, name), name
        ss[K_COOKIE] = auth.issue_cookie(password, name, secret=auth.cookie_secret(editing.secrets))
        ss.pop(K_COOKIE_CLEAR, None)
        st.rerun()
    failures = auth.THROTTLE.failed(keys)
    try:
        auth.record_failed_sign_in(ctx.engine, name=name, address=address, failures=failures)
    except sa.exc.SQLAlchemyError:
        log.exception("could not record a failed sign-in")
    st.error(t("data.wrong_password"))
    if failures >= auth.FREE_ATTEMPTS:
        seconds = math.ceil(auth.delay_after(failures))
        st.warning(t("data.sign_in_delayed", free=auth.FREE_ATTEMPTS, seconds=seconds), icon=":material/timer:")


def viewer_block(ctx, editing: Editing) -> None:
    """What a viewer sees where the upload would be: how to get editing rights, or the sign-in."""
    t, methods = ctx.t, editing.methods
    st.info(t("data.viewer_info"), icon=":material/visibility:")
    if not methods:
        st.markdown(t("data.how_to_enable"))
    if "password" in methods:
        with st.form("data_sign_in_form", clear_on_submit=True):
            who = st.text_input(
                t("data.your_name"),
                key="data_editor_name",
                max_chars=auth.MAX_NAME_CHARS,
                help=t("data.your_name_help"),
            )
            given = st.text_input(t("data.password"), type="password", key="data_password")
            if st.form_submit_button(t("data.sign_in"), icon=":material/login:", key="data_sign_in"):
                _attempt_sign_in(ctx, editing, who, given)
    if "oidc" in methods:
        if getattr(st.user, "is_logged_in", False):
            st.warning(t("data.not_allowed_user", email=blocks.safe_text(st.user.get("email", ""))))
        else:
            st.button(t("data.sign_in_oidc"), on_click=st.login, icon=":material/login:")


def _prepare(ctx, table: str, upload, mode: str, options: ingest.ReadOptions):
    """Read and check the upload against the current version; ``(prepared, error)``, one of them None."""
    t = ctx.t
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
        except AtlasError as err:
            status.update(label=t("data.step_failed"), state="error")
            return None, err
        status.update(label=t("data.step_done"), state="complete")
    return prepared, None


def _cancel() -> None:
    # Nothing was written; the preview and the chosen file go, and the uploader starts afresh.
    ss = st.session_state
    ss.pop(K_PREP, None)
    ss[K_UP] = ss.get(K_UP, 0) + 1


def _confirm(token: str) -> None:
    # Runs before the script: the click names the preview the editor saw, not whatever is prepared next.
    st.session_state[K_CONFIRM] = token


def _changed_meanwhile(ctx, table: str, base, current) -> None:
    st.warning(
        ctx.t("data.err.changed_meanwhile", table=ctx.label("table", table), base=base or "-", current=current or "-"),
        icon=":material/sync_problem:",
    )


def upload_section(ctx, table: str, editing: Editing) -> None:
    """Upload: read and check a file, show the problems or a preview, import on confirm (compare-and-set)."""
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
        type=["csv", "txt", "tsv", "xlsx", "sav", "graphml", "gexf"],
        key=f"data_file_{ss.get(K_UP, 0)}",
        help=t("data.file_help", mb=mb, rows=f"{max_rows:,}".replace(",", ".")),
        max_upload_size=int(mb),
    )
    if upload is None:
        ss.pop(K_CONFIRM, None)
        return
    options = mapping_step.options(ctx, table, upload, options, editing)  # column mapping (issue 14)
    if options is None:  # a network workbook: checked and imported as actors and ties by the mapping step
        return
    # The preview is kept for this file and these settings; the version it was computed on is in it.
    key = (upload.file_id, table, mode, options)
    held = ss.get(K_PREP)
    prepared, error = (held[1], held[2]) if held and len(held) == 3 and held[0] == key else (None, None)
    confirm_for = ss.pop(K_CONFIRM, None)
    current = ctx.version_ids.get(table)
    meanwhile = prepared is not None and prepared.based_on != current
    if meanwhile:
        # Someone else imported meanwhile: never reuse (or commit) the old preview; make a fresh one.
        _changed_meanwhile(ctx, table, prepared.based_on, current)
        prepared = None
    if prepared is None and error is None:
        prepared, error = _prepare(ctx, table, upload, mode, options)
        ss[K_PREP] = (key, prepared, error)
    if error is not None:
        blocks.show_error(error, lang)  # open, under the status line: the explanation is the message
        return
    if confirm_for is not None and confirm_for == prepared.token and prepared.ok:
        prepared = _commit(ctx, table, prepared, editing, upload, key)
        if prepared is None:
            return
    elif confirm_for is not None and confirm_for != prepared.token and not meanwhile:
        # The click came while the file was checked again (a mapping or setting changed): it confirmed
        # the preview before that change, which is never written. Say so instead of doing nothing.
        st.info(t("data.confirm_stale"), icon=":material/refresh:")
    _preview(ctx, table, prepared)
    mapping_step.review(ctx, table, prepared, upload)


def _commit(ctx, table: str, prepared, editing: Editing, upload, key):
    """Write the confirmed preview and rerun; if the table changed meanwhile, return a fresh preview instead."""
    t, lang, ss = ctx.t, ctx.lang, st.session_state
    if not editing.is_editor():  # checked again at the moment of writing
        st.error(t("data.err.not_editor"))
        st.stop()
    try:
        with st.spinner(t("data.writing")):
            version = dataops.commit(ctx.engine, prepared, editor=editing.name())
    except AtlasError as err:
        if err.key != "data.err.changed_meanwhile":
            ss.pop(K_PREP, None)
            blocks.show_error(err, lang)
            return None
        # The compare-and-set refused: nothing written. Show the file checked against the new version.
        _changed_meanwhile(ctx, table, err.fmt.get("base"), err.fmt.get("current"))
        fresh, error = _prepare(ctx, table, upload, key[2], key[3])
        ss[K_PREP] = (key, fresh, error)
        if error is not None:
            blocks.show_error(error, lang)
        return fresh
    except sa.exc.SQLAlchemyError:
        log.exception("import commit failed")
        st.error(t("data.err.write_failed"), icon=":material/error:")
        return None
    ss[K_MSG] = t("data.imported", table=ctx.label("table", table), version=version, n=len(prepared.result))
    ss.pop(K_PREP, None)
    ss[K_UP] = ss.get(K_UP, 0) + 1  # a fresh uploader: the file was used
    st.rerun()


def _preview(ctx, table: str, prepared) -> None:
    """How the file was read, its first rows, and either its problems or the counts and the confirm button."""
    t, lang = ctx.t, ctx.lang
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
        return
    st.success(t("data.ready", n=prepared.n_rows, **prepared.diff), icon=":material/task_alt:")
    st.caption(
        t("data.ready_result", table=ctx.label("table", table), total=len(prepared.result), before=prepared.n_before)
    )
    with st.container(horizontal=True, gap="small"):
        st.button(
            t("data.confirm"),
            type="primary",
            icon=":material/upload:",
            key="data_confirm",
            on_click=_confirm,
            args=(prepared.token,),
        )
        st.button(t("data.cancel"), icon=":material/close:", key="data_cancel", on_click=_cancel)


def _rollback_effect(ctx, table: str, target: int):
    """References the rollback would break, against the tables the page already holds."""
    try:
        return _rollback_effect_of(store.database_url(), tuple(sorted(ctx.version_ids.items())), table, target, ctx)
    except (AtlasError, sa.exc.SQLAlchemyError):
        log.exception("rollback preview failed")
        return integrity.broken_references({})


@st.cache_data(show_spinner=False, max_entries=32)
def _rollback_effect_of(url: str, versions: tuple, table: str, target: int, _ctx):
    # once per data version and target: the tab reruns with every click, the answer only changes with the data
    current = {name: getattr(_ctx.all_tables, name) for name in _ctx.all_tables.NAMES}
    return integrity.after_change(current, table, store.read_version(_ctx.engine, target))


def _rollback(ctx, table: str, target: int, editing: Editing) -> None:
    t, ss = ctx.t, st.session_state
    try:
        with st.spinner(t("data.writing")):
            version = dataops.rollback(ctx.engine, table, int(target), editor=editing.name())
    except AtlasError as err:
        blocks.show_error(err, ctx.lang)
        return
    except sa.exc.SQLAlchemyError:
        log.exception("rollback failed")
        st.error(t("data.err.write_failed"), icon=":material/error:")
        return
    ss[K_MSG] = t("data.rolled_back", table=ctx.label("table", table), old=target, version=version)
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
            name = f"{table}-v{vid}"
            c = st.columns(2)  # the version is read only when a download is clicked
            csv = lambda: export.to_csv_bytes(store.read_version(ctx.engine, vid), lang)  # noqa: E731
            xlsx = lambda: export.to_xlsx_bytes(store.read_version(ctx.engine, vid), table)  # noqa: E731
            blocks.download("CSV", csv, name, "csv", key="data_export_csv", where=c[0])
            blocks.download("XLSX", xlsx, name, "xlsx", key="data_export_xlsx", where=c[1])
        if editing.is_editor():
            with right:
                st.markdown(f"**{t('data.rollback_heading')}**")
                older = [v for v, cur in zip(ids, versions["is_current"], strict=True) if not cur]
                if ss.get("data_rollback_version") not in older:
                    ss.pop("data_rollback_version", None)
                target = st.selectbox(
                    t("data.rollback_version"), older, key="data_rollback_version", placeholder=t("data.no_older")
                )
                if target is not None:  # what the rollback would leave pointing at nothing, before the confirm
                    for message in integrity.messages(_rollback_effect(ctx, table, int(target)), lang):
                        st.warning(blocks.safe_text(message), icon=":material/link_off:")
                sure = st.checkbox(t("data.rollback_confirm"), key="data_rollback_sure")
                clicked = st.button(t("data.rollback_button"), disabled=not (sure and older), key="data_rollback")
                if clicked and target is not None and editing.is_editor():
                    _rollback(ctx, table, int(target), editing)
        with st.expander(t("data.audit_heading")):
            st.dataframe(store.audit_log(ctx.engine, table), hide_index=True, width="stretch")
    if editing.is_editor():
        with st.expander(t("data.sign_in_audit_heading")):
            st.dataframe(store.audit_log(ctx.engine, "editor").head(200), hide_index=True, width="stretch")


def templates_section(ctx, table: str) -> None:
    """Empty templates and what each column means."""
    t, lang = ctx.t, ctx.lang
    st.write(t("data.templates_intro"))
    c = st.columns([1, 1, 3])
    csv, xlsx = (lambda: templates.template_csv(table, lang)), (lambda: templates.template_xlsx(table, lang))
    blocks.download(t("data.template_csv"), csv, f"template-{table}", "csv", key="data_tpl_csv", where=c[0])
    blocks.download(t("data.template_xlsx"), xlsx, f"template-{table}", "xlsx", key="data_tpl_xlsx", where=c[1])
    st.dataframe(export.neutralise_formulas(templates.explanation_frame(table, lang)), hide_index=True)
    for note in templates.notes(table, lang):
        st.caption(note)
    mapping_step.templates(ctx, table)
