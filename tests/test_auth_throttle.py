"""Editor sign-in: throttled guessing, failed attempts in the audit, the editor's name, a session that survives a reload.

The red team sent 200 wrong passwords in 15 s over one websocket with no delay. Now the
first five are free; from the sixth on each attempt waits twice as long as the one before
(2 s, 4 s, 8 s ...), per session and per client address, and during the wait not even the
right password is checked.
"""

from __future__ import annotations

import pytest

from lib.data import auth, store
from lib.i18n import t
from tests.conftest import new_app

PAGE = "pages/5_data.py"


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def _fresh_throttle():
    auth.THROTTLE.reset()
    yield
    auth.THROTTLE.reset()


# --- the throttle --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("failures", "wait"), [(0, 0), (4, 0), (5, 2), (6, 4), (7, 8), (20, 900), (99, 900)])
def test_delay_doubles_after_five_failures_up_to_fifteen_minutes(failures, wait):
    assert auth.delay_after(failures) == wait


def test_sixth_attempt_has_to_wait_and_the_wait_runs_out():
    clock = Clock()
    th = auth.Throttle(clock=clock)
    keys = auth.throttle_keys("s1", "10.0.0.1")
    for _ in range(5):
        assert th.wait(keys) == 0
        th.failed(keys)
    assert th.wait(keys) == 2.0  # the sixth attempt is delayed
    clock.now += 1.5
    assert th.wait(keys) == pytest.approx(0.5)
    clock.now += 0.5
    assert th.wait(keys) == 0
    th.failed(keys)
    assert th.wait(keys) == 4.0


def test_a_new_session_from_the_same_address_is_still_delayed():
    th = auth.Throttle(clock=Clock())
    for _ in range(5):
        th.failed(auth.throttle_keys("first-session", "10.0.0.9"))
    assert th.wait(auth.throttle_keys("reconnected", "10.0.0.9")) == 2.0
    assert th.wait(auth.throttle_keys("reconnected", "10.0.0.10")) == 0  # another address is not punished


def test_success_clears_and_memory_stays_bounded():
    clock = Clock()
    th = auth.Throttle(clock=clock, max_keys=100)
    keys = auth.throttle_keys("s", "a")
    for _ in range(6):
        th.failed(keys)
    th.succeeded(keys)
    assert th.wait(keys) == 0 and th.failures("session:s") == 0
    for i in range(500):
        th.failed([f"session:{i}"])
        clock.now += 1000
    assert len(th._failures) <= 102


# --- names, tokens, cookies -------------------------------------------------------------------------------


def test_the_name_is_bound_into_the_token():
    env = {"ATLAS_EDITOR_PASSWORD": "pw"}
    token = auth.session_token("pw", "Anna")
    assert auth.is_editor(token, None, name="Anna", env=env, secrets={})
    assert not auth.is_editor(token, None, name="Mallory", env=env, secrets={})  # a planted name grants nothing
    assert auth.editor_name(token, None, name="Anna", env=env) == "Anna (password)"
    assert auth.editor_name(token, None, name="Mallory", env=env) == "editor (password)"
    assert auth.clean_name("  Anna\x1b[31m\n Jensen ") == "Anna [31m Jensen"


def test_cookie_grants_only_while_valid():
    value = auth.issue_cookie("pw", "Anna", now=1000.0)
    assert auth.read_cookie(value, "pw", now=1001.0) == "Anna"
    assert auth.read_cookie(value, "changed", now=1001.0) is None  # the password changed
    assert auth.read_cookie(value, "pw", now=1000.0 + auth.COOKIE_TTL_S + 1) is None  # expired
    tampered = value.replace(value.split(".")[1], "TWFsbG9yeQ")  # "Mallory"
    assert auth.read_cookie(tampered, "pw", now=1001.0) is None
    later = value.split(".")
    later[2] = str(int(later[2]) + 10**6)  # a longer life, same signature
    assert auth.read_cookie(".".join(later), "pw", now=1001.0) is None
    for junk in (None, "", "v1", "a.b.c.d.e", "v1.x.y.z.w", 42, "v1." + "x" * 500):
        assert auth.read_cookie(junk, "pw", now=1001.0) is None
    auth.revoke_cookie(value)
    assert auth.read_cookie(value, "pw", now=1001.0) is None  # signed out


def test_cookie_secret_of_the_auth_section_is_used_when_there_is_one():
    secrets = {"auth": {"cookie_secret": "shared-by-replicas"}}
    value = auth.issue_cookie("pw", "Anna", secret=auth.cookie_secret(secrets), now=1.0)
    assert auth.read_cookie(value, "pw", secret="shared-by-replicas", now=2.0) == "Anna"
    assert auth.read_cookie(value, "pw", now=2.0) is None  # not under the per-process key
    assert auth.cookie_secret({}) is None and auth.cookie_secret({"auth": "odd"}) is None


# --- the Data page ----------------------------------------------------------------------------------------


def _page(url, monkeypatch):
    monkeypatch.setenv("ATLAS_EDITOR_PASSWORD", "hemmelig")
    at = new_app(url, monkeypatch)
    at.run()
    at.switch_page(PAGE).run()
    return at


def _try(at, password, name="Eve"):
    at.text_input(key="data_editor_name").set_value(name)
    at.text_input(key="data_password").set_value(password)
    at.button(key="data_sign_in").click().run()
    assert not at.exception, at.exception
    return "\n".join(str(e.value) for e in (*at.error, *at.warning, *at.success))


def _signed_in(at) -> bool:
    return any(b.key == "data_sign_out" for b in at.button)


def test_sixth_wrong_password_is_delayed_and_attempts_are_audited(writable_db_url, monkeypatch):
    clock = Clock()  # the page's runs take longer than the first 2-second wait: time stands still here
    monkeypatch.setattr(auth.THROTTLE, "_clock", clock)
    at = _page(writable_db_url, monkeypatch)
    for i in range(5):
        text = _try(at, f"guess{i}")
        assert t("data.wrong_password") in text
    assert "vente længere" in text  # after the fifth: the delay is announced
    text = _try(at, "guess5")
    assert "For mange forkerte adgangskoder" in text and t("data.wrong_password") not in text
    text = _try(at, "hemmelig")  # even the right password waits
    assert "For mange forkerte adgangskoder" in text and not _signed_in(at)
    eng = store.get_engine(writable_db_url)
    try:
        log = store.audit_log(eng, "editor")
    finally:
        eng.dispose()
    assert len(log) == 5  # checked attempts only: the delayed ones were not even compared
    assert set(log["action"]) == {"sign_in_failed"} and set(log["editor"]) == {"Eve (failed sign-in)"}
    assert log.iloc[0]["detail"].endswith("5 in a row")
    clock.now += 2.5  # the wait is over: the right password signs in
    _try(at, "hemmelig")
    assert _signed_in(at)


def test_a_name_is_required_and_goes_into_the_audit_trail(writable_db_url, monkeypatch):
    at = _page(writable_db_url, monkeypatch)
    text = _try(at, "hemmelig", name="   ")
    assert t("data.name_required") in text and not _signed_in(at)
    _try(at, "hemmelig", name="Anna Jensen")
    assert _signed_in(at)
    assert any("Anna Jensen" in str(s.value) for s in at.success)
    assert auth.THROTTLE.failures(f"session:{at.session_state['_data_session_id']}") == 0


def test_sign_in_issues_a_cookie_and_a_new_session_with_it_is_signed_in(writable_db_url, monkeypatch):
    at = _page(writable_db_url, monkeypatch)
    _try(at, "hemmelig", name="Anna Jensen")
    cookie = at.session_state["_data_cookie"]
    scripts = [h.proto.body for h in at.get("html") if auth.COOKIE_NAME in h.proto.body]
    assert scripts and cookie in scripts[0] and "SameSite=Strict" in scripts[0]

    # a reload: a new session whose browser sends the cookie back
    from lib.app import editing

    monkeypatch.setattr(editing, "_cookie_value", lambda: cookie)
    again = _page(writable_db_url, monkeypatch)
    assert _signed_in(again) and again.session_state["_data_editor_name"] == "Anna Jensen"

    again.button(key="data_sign_out").click().run()
    assert not _signed_in(again)
    third = _page(writable_db_url, monkeypatch)  # the same cookie after sign-out: revoked
    assert not _signed_in(third)
    monkeypatch.setattr(editing, "_cookie_value", lambda: cookie.replace("v1.", "v1.x", 1))
    assert not _signed_in(_page(writable_db_url, monkeypatch))
