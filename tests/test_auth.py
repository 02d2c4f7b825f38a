"""lib.data.auth: editor rights are pure functions of the configuration and a token."""

from __future__ import annotations

import hmac

from lib.data import auth

OIDC = {
    "auth": {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "s",
        "client_id": "c",
        "client_secret": "x",
        "server_metadata_url": "https://idp.example/.well-known/openid-configuration",
    }
}


class User(dict):
    def __init__(self, logged_in: bool, **kw):
        super().__init__(**kw)
        self.is_logged_in = logged_in


def test_no_configuration_means_no_editor():
    assert auth.methods(env={}, secrets={}) == ()
    assert auth.editor_password(env={}, secrets={}) is None
    for token in (None, "", "x", auth.session_token("anything"), True, 1, ["x"]):
        assert not auth.is_editor(token, None, env={}, secrets={})


def test_password_from_env_or_secrets():
    assert auth.editor_password(env={"ATLAS_EDITOR_PASSWORD": "pw"}) == "pw"
    assert auth.editor_password(env={}, secrets={"ATLAS_EDITOR_PASSWORD": "sec"}) == "sec"
    assert auth.editor_password(env={"ATLAS_EDITOR_PASSWORD": "  "}, secrets={}) is None
    assert auth.methods(env={"ATLAS_EDITOR_PASSWORD": "pw"}, secrets={}) == ("password",)


def test_check_password_uses_constant_time_compare(monkeypatch):
    calls = []
    real = hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(auth.hmac, "compare_digest", spy)
    assert auth.check_password("pæssword", "pæssword")
    assert not auth.check_password("wrong", "pæssword")
    assert not auth.check_password("", "")
    assert not auth.check_password(None, "pw")
    assert len(calls) == 2


def test_token_is_bound_to_the_current_password():
    env = {"ATLAS_EDITOR_PASSWORD": "pw"}
    token = auth.session_token("pw")
    assert auth.is_editor(token, None, env=env, secrets={})
    assert not auth.is_editor(token, None, env={"ATLAS_EDITOR_PASSWORD": "changed"}, secrets={})
    assert not auth.is_editor(token, None, env={}, secrets={})
    assert not auth.is_editor("pw", None, env=env, secrets={})  # the password itself is not a token
    assert not auth.is_editor(True, None, env=env, secrets={})
    assert auth.session_token(None) is None and auth.session_token("") is None


def test_oidc_only_where_configured():
    assert not auth.oidc_configured({})
    assert not auth.oidc_configured({"auth": {"client_id": "c"}})
    assert auth.oidc_configured(OIDC)
    assert auth.oidc_configured({"auth": {"redirect_uri": "r", "cookie_secret": "s", "google": {"client_id": "c"}}})
    assert auth.methods(env={}, secrets=OIDC) == ("oidc",)
    user = User(True, email="Anna@Kommune.dk")
    assert not auth.oidc_editor(user, env={}, secrets={})  # st.user without [auth] grants nothing
    assert auth.oidc_editor(user, env={}, secrets=OIDC)
    assert not auth.oidc_editor(User(False), env={}, secrets=OIDC)


def test_oidc_editor_list():
    env = {"ATLAS_EDITOR_EMAILS": "anna@kommune.dk, bo@x.dk"}
    assert auth.oidc_editor(User(True, email="ANNA@kommune.dk"), env=env, secrets=OIDC)
    assert not auth.oidc_editor(User(True, email="eve@x.dk"), env=env, secrets=OIDC)
    assert auth.editor_name(None, User(True, email="anna@kommune.dk"), env=env, secrets=OIDC) == "anna@kommune.dk"
    assert auth.editor_name(auth.session_token("pw"), None, env={"ATLAS_EDITOR_PASSWORD": "pw"}) == "editor (password)"


def test_broken_secrets_grant_nothing():
    class Broken(dict):
        def get(self, *a, **k):
            raise RuntimeError("bad secrets file")

    assert not auth.oidc_configured(Broken())
    assert auth.editor_password(env={}, secrets=Broken()) is None
