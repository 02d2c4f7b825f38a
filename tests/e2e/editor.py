"""What the editors' browser tests share: a server on its own database, signing in, choosing a table."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from lib.data import store
from tests.e2e.conftest import start_server, stop_server, wait_for_app
from tests.support.browser import PATIENCE_MS


def editor_server(tmp_path_factory, label: str, password: str, setup: Callable | None = None) -> Iterator:
    """Yield ``(base_url, database_url)`` of an app on a fresh sample database with an editor password.

    ``setup(engine)`` runs on the seeded database before the server starts. Use from a
    module-scoped fixture: ``yield from editor_server(tmp_path_factory, "e2e_x", PASSWORD)``.
    """
    url = f"sqlite:///{tmp_path_factory.mktemp(label) / 'atlas.db'}"
    engine = store.get_engine(url)
    store.ensure_seeded(engine)
    if setup is not None:
        setup(engine)
    engine.dispose()
    proc, base = start_server(url, env_extra={"ATLAS_EDITOR_PASSWORD": password})
    try:
        yield base, url
    finally:
        stop_server(proc)


def sign_in(page, base: str, password: str, name: str = "Ny Redaktør") -> None:
    """Open the Data page and sign in as the editor ``name`` (Danish interface)."""
    page.goto(f"{base}/data")
    wait_for_app(page)
    page.get_by_role("textbox", name="Dit navn").fill(name)
    page.get_by_label("Redaktøradgangskode").fill(password)
    page.get_by_role("button", name=re.compile("Log ind som redaktør")).click()
    page.get_by_text(f"Logget ind som redaktør: {name}").wait_for(timeout=PATIENCE_MS)


def open_expander(page, label: str, inside, attempts: int = 3) -> None:
    """Open the expander headed ``label`` until ``inside`` (a locator in it) shows.

    A click that lands while the page is still running can open an expander that the run then
    draws again, closed: in one CI run the mapping step's "Atlaskolonne" boxes stayed hidden
    for the whole 180 s. So the page is let finish first, and the click is repeated.
    """
    summary = page.locator("[data-testid=stExpander] summary").filter(has_text=label).last
    for attempt in range(attempts):
        wait_for_app(page)
        if inside.is_visible():
            return
        summary.click()
        try:
            inside.wait_for(state="visible", timeout=PATIENCE_MS // attempts)
            return
        except PlaywrightTimeoutError:
            if attempt == attempts - 1:
                raise


#: How long one opening of a select's list is given to show the option. The browser draws the list by
#: itself as soon as the box is clicked; an option still missing after this means the list closed again
#: (seen every time on the Data page's table box right after an import: the box is focused, its list
#: shut), and waiting longer does not bring it back. CI's clean-clone run of 9f80650 spent 199 s in one
#: Data-page test, 180 s of it one such wait.
OPTION_WAIT_MS = 10_000


def choose_option(page, box, option, attempts: int = 5) -> None:
    """Open the select ``box`` and click ``option`` in its list, once the page has finished its run.

    A rerun that ends while the list is open (after an import or a mapping change the page
    reruns once more) closes the list, so the box is opened again.
    """
    for attempt in range(attempts):
        wait_for_app(page)
        box.click()
        try:
            option.click(timeout=OPTION_WAIT_MS)
            break
        except PlaywrightTimeoutError:
            if attempt == attempts - 1:
                raise
            page.keyboard.press("Escape")
    wait_for_app(page)


def choose_table(page, label: str, attempts: int = 5) -> None:
    """Choose the table the Data page works on, by its Danish name."""
    box = page.locator("[data-testid=stSelectbox]").filter(has=page.get_by_text("Tabel", exact=True)).first
    choose_option(page, box, page.get_by_role("option", name=label, exact=True), attempts)
