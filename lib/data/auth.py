"""Editor rights: who may upload, import and roll back.

Viewing is open. Editing needs either the password in ``ATLAS_EDITOR_PASSWORD``
(environment or secrets), compared in constant time, or a login through
Streamlit's ``st.login`` (OIDC) where an ``[auth]`` section is configured in
the secrets, optionally restricted to the addresses in ``ATLAS_EDITOR_EMAILS``.

The page never keeps a plain "is editor" flag in the session: it keeps a
token derived from the configured password (HMAC with a per-process key) and
checks it on every run and again right before every write. A session-state
value set by any other route therefore grants nothing, and changing the
password signs every editor out.

Everything here is pure (no Streamlit import): the page passes in the
environment, the secrets mapping and ``st.user``.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets as _secrets
from collections.abc import Mapping

from lib import settings

# Per-process key: tokens do not survive a restart and cannot be computed offline.
_PROCESS_KEY = _secrets.token_bytes(32)


def editor_password(*, env: Mapping[str, str] | None = None, secrets: Mapping | None = None) -> str | None:
    """The configured editor password, or None when editing by password is off."""
    value = settings.get("ATLAS_EDITOR_PASSWORD", env=env, secrets=secrets)
    return value or None


def check_password(given: str | None, expected: str | None) -> bool:
    """True when ``given`` equals ``expected``, compared in constant time; never true without a password.

    Examples
    --------
    >>> check_password("s3cret", "s3cret"), check_password("", None), check_password("x", "y")
    (True, False, False)
    """
    if not expected or given is None:
        return False
    return hmac.compare_digest(str(given).encode("utf-8"), str(expected).encode("utf-8"))


def oidc_configured(secrets: Mapping | None) -> bool:
    """True when the secrets hold an ``[auth]`` section that ``st.login`` can use."""
    if not secrets:
        return False
    try:
        auth = secrets.get("auth")
    except Exception:  # noqa: BLE001
        return False
    if not isinstance(auth, Mapping):
        return False
    has_provider = bool(auth.get("client_id")) or any(
        isinstance(v, Mapping) and v.get("client_id") for v in auth.values()
    )
    return bool(auth.get("redirect_uri")) and bool(auth.get("cookie_secret")) and has_provider


def methods(*, env: Mapping[str, str] | None = None, secrets: Mapping | None = None) -> tuple[str, ...]:
    """The sign-in methods available: ``("password",)``, ``("oidc",)``, both or none."""
    out = []
    if editor_password(env=env, secrets=secrets):
        out.append("password")
    if oidc_configured(secrets):
        out.append("oidc")
    return tuple(out)


def session_token(password: str | None) -> str | None:
    """The token a session holds after signing in with ``password`` (None without a password)."""
    if not password:
        return None
    return hmac.new(_PROCESS_KEY, b"atlas-editor\x00" + password.encode("utf-8"), hashlib.sha256).hexdigest()


def token_valid(token, password: str | None) -> bool:
    """True when ``token`` was issued for the currently configured ``password``."""
    expected = session_token(password)
    if expected is None or not isinstance(token, str):
        return False
    return hmac.compare_digest(token.encode("utf-8"), expected.encode("utf-8"))


def allowed_emails(*, env: Mapping[str, str] | None = None, secrets: Mapping | None = None) -> frozenset[str]:
    """Editors' e-mail addresses for OIDC (empty: any signed-in user may edit)."""
    raw = settings.get("ATLAS_EDITOR_EMAILS", env=env, secrets=secrets) or ""
    return frozenset(e.strip().lower() for e in str(raw).split(",") if e.strip())


def oidc_editor(user, *, env: Mapping[str, str] | None = None, secrets: Mapping | None = None) -> bool:
    """True when ``user`` (``st.user``) is signed in through OIDC and may edit."""
    if not oidc_configured(secrets):
        return False
    try:
        logged_in = bool(getattr(user, "is_logged_in", False))
        email = str(user.get("email") or "").lower() if logged_in else ""
    except Exception:  # noqa: BLE001 - an unusual user object grants nothing
        return False
    if not logged_in:
        return False
    allowed = allowed_emails(env=env, secrets=secrets)
    return not allowed or email in allowed


def is_editor(token, user=None, *, env: Mapping[str, str] | None = None, secrets: Mapping | None = None) -> bool:
    """The one check before showing or doing anything that writes."""
    if token_valid(token, editor_password(env=env, secrets=secrets)):
        return True
    return user is not None and oidc_editor(user, env=env, secrets=secrets)


def editor_name(token, user=None, *, env=None, secrets=None) -> str:
    """Who to record in the audit trail for this session."""
    if user is not None and oidc_editor(user, env=env, secrets=secrets):
        try:
            return str(user.get("email") or user.get("name") or "oidc-user")[:200]
        except Exception:  # noqa: BLE001
            return "oidc-user"
    return "editor (password)"
