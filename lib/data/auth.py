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

Password sign-in asks for the editor's name, which goes into the audit trail
("Anna Jensen (password)") and into the token, so a name planted in the session does
not pass the check either.

Guessing is throttled (:class:`Throttle`): per session and per client address, the
first :data:`FREE_ATTEMPTS` wrong passwords are free, then each further attempt has to
wait twice as long as the one before (2 s, 4 s, 8 s ... up to 15 minutes); during the
wait even the right password is not checked. Every failed attempt is recorded in the
audit table (:func:`record_failed_sign_in`).

A reload keeps an editor signed in through a signed, expiring cookie
(:func:`issue_cookie`, :func:`read_cookie`): it names the editor and an expiry time and
carries an HMAC under a key derived from the configured password, so it grants nothing
after the password changes, after it expires (:data:`COOKIE_TTL_S`) or after sign-out
(its nonce is revoked in this process). The key's secret is ``[auth] cookie_secret``
where the secrets have one, else a per-process key (then a restart signs editors out).

Everything here is pure (no Streamlit import): the page passes in the
environment, the secrets mapping and ``st.user``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets as _secrets
import threading
import time
from collections.abc import Callable, Iterable, Mapping

from lib import settings

# Per-process key: tokens do not survive a restart and cannot be computed offline.
_PROCESS_KEY = _secrets.token_bytes(32)

#: Wrong passwords allowed before attempts are delayed.
FREE_ATTEMPTS = 5
#: The wait after the first delayed attempt (doubling with each further failure), and its cap.
BASE_DELAY_S = 2.0
MAX_DELAY_S = 900.0
#: How long the sign-in cookie keeps an editor signed in across reloads.
COOKIE_TTL_S = 8 * 3600
COOKIE_NAME = "atlas_editor"
MAX_NAME_CHARS = 80


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


def clean_name(name) -> str:
    r"""An editor's name as typed, made fit for the audit trail: one line, no control characters, short.

    Examples
    --------
    >>> clean_name("  Anna\tJensen\n ")
    'Anna Jensen'
    """
    text = "".join(ch if ch.isprintable() else " " for ch in str(name or ""))
    return " ".join(text.split())[:MAX_NAME_CHARS]


def session_token(password: str | None, name: str = "") -> str | None:
    """The token a session holds after signing in with ``password`` as ``name`` (None without a password)."""
    if not password:
        return None
    message = b"atlas-editor\x00" + password.encode("utf-8") + b"\x00" + str(name).encode("utf-8")
    return hmac.new(_PROCESS_KEY, message, hashlib.sha256).hexdigest()


def token_valid(token, password: str | None, name: str = "") -> bool:
    """True when ``token`` was issued for the currently configured ``password`` and this ``name``."""
    expected = session_token(password, name if isinstance(name, str) else "")
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


def is_editor(
    token, user=None, *, name: str = "", env: Mapping[str, str] | None = None, secrets: Mapping | None = None
) -> bool:
    """The one check before showing or doing anything that writes."""
    if token_valid(token, editor_password(env=env, secrets=secrets), name):
        return True
    return user is not None and oidc_editor(user, env=env, secrets=secrets)


def editor_name(token, user=None, *, name: str = "", env=None, secrets=None) -> str:
    """Who to record in the audit trail for this session: the OIDC e-mail, or the name given at sign-in."""
    if user is not None and oidc_editor(user, env=env, secrets=secrets):
        try:
            return str(user.get("email") or user.get("name") or "oidc-user")[:200]
        except Exception:  # noqa: BLE001
            return "oidc-user"
    if name and token_valid(token, editor_password(env=env, secrets=secrets), name):
        return f"{clean_name(name)} (password)"
    return "editor (password)"


# --- throttling wrong passwords -----------------------------------------------------------------


def delay_after(failures: int) -> float:
    """Seconds the next attempt has to wait after ``failures`` wrong passwords in a row.

    Examples
    --------
    >>> [delay_after(n) for n in (4, 5, 6, 7)]
    [0.0, 2.0, 4.0, 8.0]
    """
    if failures < FREE_ATTEMPTS:
        return 0.0
    return min(MAX_DELAY_S, BASE_DELAY_S * 2 ** (failures - FREE_ATTEMPTS))


class Throttle:
    """Wrong passwords per key (``"session:..."``, ``"address:..."``), shared by all sessions of a process.

    Examples
    --------
    >>> th = Throttle(clock=lambda: 0.0)
    >>> for _ in range(5):
    ...     _ = th.failed(["session:a"])
    >>> th.wait(["session:a"]), th.wait(["session:b"])
    (2.0, 0.0)
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic, max_keys: int = 10_000):
        self._clock = clock
        self._max_keys = max_keys
        self._lock = threading.Lock()
        self._failures: dict[str, tuple[int, float]] = {}  # key -> (failures in a row, time of the last)

    def wait(self, keys: Iterable[str]) -> float:
        """Seconds until any of ``keys`` may try again (0: now)."""
        now = self._clock()
        with self._lock:
            waits = [delay_after(n) - (now - last) for n, last in (self._failures.get(k, (0, now)) for k in keys)]
        return max([0.0, *waits])

    def failed(self, keys: Iterable[str]) -> int:
        """Count a wrong password for every key; returns the highest count in a row."""
        now = self._clock()
        with self._lock:
            if len(self._failures) > self._max_keys:
                self._forget(now)
            counts = []
            for key in keys:
                n = self._failures.get(key, (0, now))[0] + 1
                self._failures[key] = (n, now)
                counts.append(n)
        return max(counts, default=0)

    def succeeded(self, keys: Iterable[str]) -> None:
        """A right password: the keys start from zero again."""
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)

    def failures(self, key: str) -> int:
        """Wrong passwords in a row for ``key``."""
        with self._lock:
            return self._failures.get(key, (0, 0.0))[0]

    def reset(self) -> None:
        """Forget everything (tests)."""
        with self._lock:
            self._failures.clear()

    def _forget(self, now: float) -> None:
        # Keys whose wait is long over carry no information worth the memory.
        stale = [k for k, (n, last) in self._failures.items() if now - last > 2 * max(delay_after(n), 60.0)]
        for key in stale:
            del self._failures[key]


#: The process's throttle (sticky sessions keep a client on one process).
THROTTLE = Throttle()


def throttle_keys(session_id: str, address: str | None) -> list[str]:
    """The keys a sign-in attempt counts against: its session, and its client address when known."""
    keys = [f"session:{session_id}"]
    if address:
        keys.append(f"address:{address}")
    return keys


def record_failed_sign_in(engine, *, name: str, address: str | None, failures: int) -> None:
    """Write a failed sign-in to the audit table (the name typed, the address, failures in a row)."""
    from datetime import UTC, datetime

    from lib.data import store

    who = clean_name(name) or "?"
    detail = f"wrong password; address {clean_name(address) or 'unknown'}; {failures} in a row"
    with engine.begin() as conn:
        conn.execute(
            store.audit.insert().values(
                at=datetime.now(UTC),
                editor=f"{who} (failed sign-in)"[:200],
                action="sign_in_failed",
                table_name="editor",
                version_id=None,
                detail=detail[:500],
            )
        )


# --- the sign-in cookie --------------------------------------------------------------------------

_REVOKED: set[str] = set()
_REVOKED_LOCK = threading.Lock()


def _cookie_key(password: str, secret: str | bytes | None) -> bytes:
    base = secret.encode("utf-8") if isinstance(secret, str) else (secret or _PROCESS_KEY)
    return hmac.new(base, b"atlas-cookie\x00" + password.encode("utf-8"), hashlib.sha256).digest()


def cookie_secret(secrets: Mapping | None) -> str | None:
    """The ``[auth] cookie_secret`` of the secrets (shared by replicas and restarts), if there is one."""
    try:
        value = (secrets or {}).get("auth", {}).get("cookie_secret")
    except Exception:  # noqa: BLE001 - unusual secrets: fall back to the process key
        return None
    return str(value) if value else None


def issue_cookie(
    password: str | None, name: str, *, secret=None, now: float | None = None, ttl: float = COOKIE_TTL_S
) -> str | None:
    """A cookie value that signs ``name`` in again until ``now + ttl`` (None without a password).

    Examples
    --------
    >>> value = issue_cookie("pw", "Anna", now=1000.0)
    >>> read_cookie(value, "pw", now=2000.0), read_cookie(value, "other", now=2000.0)
    ('Anna', None)
    >>> read_cookie(value, "pw", now=1000.0 + COOKIE_TTL_S + 1) is None
    True
    """
    if not password:
        return None
    now = time.time() if now is None else now
    who = base64.urlsafe_b64encode(clean_name(name).encode("utf-8")).decode("ascii").rstrip("=")
    payload = f"v1.{who}.{int(now + ttl)}.{_secrets.token_hex(8)}"
    sig = hmac.new(_cookie_key(password, secret), payload.encode("ascii"), hashlib.sha256).hexdigest()
    return f"{payload}.{sig}"


def read_cookie(value, password: str | None, *, secret=None, now: float | None = None) -> str | None:
    """The editor's name when ``value`` is a valid, unexpired, unrevoked cookie for ``password``; else None."""
    if not password or not isinstance(value, str) or len(value) > 400:
        return None
    parts = value.split(".")
    if len(parts) != 5 or parts[0] != "v1":
        return None
    payload, sig = ".".join(parts[:4]), parts[4]
    try:
        expected = hmac.new(_cookie_key(password, secret), payload.encode("ascii"), hashlib.sha256).hexdigest()
    except UnicodeEncodeError:
        return None
    if not hmac.compare_digest(sig.encode("ascii", "replace"), expected.encode("ascii")):
        return None
    now = time.time() if now is None else now
    if not parts[2].isdigit() or int(parts[2]) < now:
        return None
    with _REVOKED_LOCK:
        if parts[3] in _REVOKED:
            return None
    try:
        name = base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return None
    return clean_name(name) or None


def revoke_cookie(value) -> None:
    """Sign-out: this cookie value grants nothing any more in this process (even if a copy survives)."""
    if isinstance(value, str) and value.count(".") == 4:
        with _REVOKED_LOCK:
            _REVOKED.add(value.split(".")[3])
