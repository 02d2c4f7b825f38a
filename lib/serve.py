"""The app server: ``streamlit run dashboard.py``, with the app warmed while the server starts.

Streamlit runs the app's code only when the first browser session arrives. On a new server
that visitor waited for the app's imports (pandas, Altair, SQLAlchemy, GeoPandas, pydeck:
~2.5 s on 2 cores) and the first read of every table, while the server had sat idle during
its own start and while the browser fetched Streamlit's JavaScript. Here a background thread
does that work from the moment the process starts: it imports the app's modules, then, once
Streamlit's runtime exists, opens the database (seeding an empty one with the bundled sample,
which ``make run`` used to do in a process of its own before the server, ~1.4 s) and fills
the process-wide data caches (``lib.app.cache``). A session
that asks for an entry still being filled waits for it (the caches' per-key locks); it never
computes it twice. Warming is only an optimisation: if it fails, the pages compute what is
missing and the log says why. Once the tables are loaded and the server listens, the same
thread opens every page once per language (``lib.app.warm_visit``), so the pages' own first views
are computed before a reader's.

Run: ``python -m lib.serve [streamlit run options]``, e.g. ``--server.port 8501`` (``make run``).
"""

from __future__ import annotations

import importlib
import logging
import sys
import threading
import time
from pathlib import Path

ENTRY = Path(__file__).resolve().parents[1] / "dashboard.py"
RUNTIME_WAIT_S = 60.0

log = logging.getLogger("atlas")


def _wait_for_runtime(timeout_s: float) -> bool:
    from streamlit.runtime import Runtime

    deadline = time.monotonic() + timeout_s
    while not Runtime.exists():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def warm_process(runtime_wait_s: float = RUNTIME_WAIT_S) -> bool:
    """Import the app's modules, then load the current tables into the shared caches; True if it did."""
    try:
        from lib.app import cache  # the app's package: pandas, Altair, SQLAlchemy, Streamlit's elements

        for module in cache.PAGE_MODULES:  # the pages' view modules, as cache.warm imports them
            importlib.import_module(module)
        # st.cache_resource entries live in the process, but Streamlit warns about (and some
        # versions refuse) calls before its runtime exists: wait for it.
        if not _wait_for_runtime(runtime_wait_s):
            log.warning("warming skipped: the Streamlit runtime did not start within %.0f s", runtime_wait_s)
            return False
        try:
            cache.engine()  # opens the database and seeds it when empty
        except Exception as err:  # noqa: BLE001 - unreachable, a bad URL, no permission: the pages say so too
            first_line = (str(err).splitlines() or [""])[0]
            log.error("cannot open the database (ATLAS_DATABASE_URL): %s: %s", type(err).__name__, first_line)
            return False
        cache.load_tables()  # also starts cache.warm for these versions (area status, options, network)
        return True
    except Exception:  # noqa: BLE001 - an optimisation only; the first session computes what is missing
        log.exception("warming the app at server start failed")
        return False


def _log_to_stderr() -> None:
    # The app's own lines (warm-up done, pages warmed, what failed) in the server's log, info included;
    # without a handler Python prints warnings and errors only.
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s atlas: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)


def _warm_then_visit() -> None:
    if warm_process():
        from lib.app import warm_visit  # the pages' own first views, once the server listens

        warm_visit.warm_pages()


def main(argv: list[str] | None = None) -> None:
    """Start the warming thread, then ``streamlit run dashboard.py`` with ``argv`` as its options."""
    args = list(sys.argv[1:] if argv is None else argv)
    # Streamlit's own modules first, in this thread: the warming thread then imports only what the
    # server does not, so the two threads never wait on each other's half-imported modules.
    import streamlit  # noqa: F401
    from streamlit.web import bootstrap, cli  # noqa: F401

    _log_to_stderr()
    threading.Thread(target=_warm_then_visit, name="atlas-start-warm", daemon=True).start()

    sys.argv = ["streamlit", "run", str(ENTRY), *args]
    cli.main()


if __name__ == "__main__":
    main()
