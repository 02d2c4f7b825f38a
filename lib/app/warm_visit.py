"""The server's own first visit of every page, in both languages, right after it starts.

A server's warm-up (``lib.serve``) fills the per-version data caches, but each page's own
view (the Compare page's item shares and charts, the Overview's waves, the first Altair
chart and the first pandas Styler of the process, Streamlit's own once-per-process checks)
was still computed by the first reader who opened it: at x100 a page's first view in a new
process took 400-850 ms against ~50-250 ms for the same view afterwards. Here the server opens
every page of its own navigation once per language over Streamlit's websocket, as a browser
does, so the views a reader meets first (no filters, default settings) are in the shared
caches before anyone asks. The pages run as they are; nothing of them is repeated here.

Only an optimisation: a visit that fails is logged and the server serves as before. Turned off
with ``ATLAS_WARM_PAGES=0`` (e.g. on a replica behind a load balancer whose health checks
should not wait on it).
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import time

from lib.i18n import LANGUAGES

log = logging.getLogger("atlas")

LISTEN_WAIT_S = 60.0
RUN_TIMEOUT_S = 180.0


def enabled() -> bool:
    """Whether the server visits its pages at start (``ATLAS_WARM_PAGES``, on unless ``0``/``false``/``no``)."""
    return os.environ.get("ATLAS_WARM_PAGES", "1").strip().lower() not in {"0", "false", "no", "off"}


def server_address() -> tuple[str, int, str]:
    """Host, port and base path this Streamlit server listens on (its own config, after the CLI parsed it)."""
    from streamlit import config

    address = config.get_option("server.address") or "127.0.0.1"
    host = "127.0.0.1" if address in {"0.0.0.0", "::", ""} else address  # noqa: S104 - a listen-all address
    base = (config.get_option("server.baseUrlPath") or "").strip("/")
    return host, int(config.get_option("server.port")), f"/{base}" if base else ""


def wait_until_listening(host: str, port: int, timeout_s: float = LISTEN_WAIT_S) -> bool:
    """True once a TCP connection to the server succeeds, False after ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((host, port), timeout=1):
                return True
        except OSError:
            time.sleep(0.1)
    return False


def visit_all(host: str, port: int, base_path: str = "", languages=LANGUAGES) -> dict[str, int]:
    """Open every page once per language; the number of page runs per language.

    Raises what the connection raises (the caller logs it); a page that ends in an exception
    is counted, and its message logged: the reader would see the same.
    """

    async def _all() -> dict[str, int]:
        return {lang: await _visit_language(host, port, base_path, f"lang={lang}") for lang in languages}

    return asyncio.run(_all())


def connect(host: str, port: int, base_path: str = ""):
    """A websocket session on the server, as a browser opens one (``async with connect(...) as ws``)."""
    import websockets

    return websockets.connect(
        f"ws://{host}:{port}{base_path}/_stcore/stream",
        subprotocols=["streamlit"],
        origin=f"http://{host}:{port}",
        max_size=None,
        open_timeout=RUN_TIMEOUT_S,
    )


async def _visit_language(host: str, port: int, base_path: str, query: str) -> int:
    async with connect(host, port, base_path) as ws:
        pages, entry = await run_page(ws, "", query)  # the entry page, as a browser's first request
        for page_hash in pages:
            if page_hash != entry:
                await run_page(ws, page_hash, query)
        return len(pages)


async def run_page(ws, page_hash: str, query: str) -> tuple[dict[str, str], str]:
    """Ask for one script run and read it to its end; the navigation ({page hash: URL path}) and the page run."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    msg = BackMsg()
    msg.rerun_script.query_string = query
    msg.rerun_script.page_script_hash = page_hash
    await ws.send(msg.SerializeToString())
    pages: dict[str, str] = {}
    current = page_hash
    deadline = time.monotonic() + RUN_TIMEOUT_S
    while True:
        raw = await asyncio.wait_for(ws.recv(), timeout=max(0.1, deadline - time.monotonic()))
        fwd = ForwardMsg()
        fwd.ParseFromString(raw)
        kind = fwd.WhichOneof("type")
        if kind == "navigation":
            pages = {p.page_script_hash: p.url_pathname for p in fwd.navigation.app_pages}
            current = fwd.navigation.page_script_hash or current
        elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
            element = fwd.delta.new_element
            if element.WhichOneof("type") == "exception":
                log.warning("warming visit (%s): the page raised %s", query, element.exception.message[:200])
        elif kind == "script_finished" and fwd.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            return pages, current


def warm_pages() -> None:
    """Wait for the server to listen, then visit its pages; logs how long that took, never raises."""
    if not enabled():
        return
    try:
        host, port, base_path = server_address()
        if not wait_until_listening(host, port):
            log.warning(
                "page warming skipped: the server did not listen on %s:%s within %.0f s", host, port, LISTEN_WAIT_S
            )
            return
        start = time.perf_counter()
        runs = visit_all(host, port, base_path)
        log.info(
            "pages warmed: %s page runs (%s) in %.1f s",
            sum(runs.values()),
            ", ".join(f"{lang} {n}" for lang, n in runs.items()),
            time.perf_counter() - start,
        )
    except Exception:  # noqa: BLE001 - an optimisation only; the first reader computes what is missing
        log.exception("warming the pages at server start failed")
