"""Websocket clients for ``make load``: Streamlit sessions without a browser.

Each client speaks Streamlit's own protocol (protobuf ``BackMsg``/``ForwardMsg`` on
``/_stcore/stream``, as the browser does): it asks for a script run, reads every
message of that run and notes when ``script_finished`` arrives. Actions are the
browser sessions' ones: pick a region in the sidebar filter, reset the filters, or
open another page. Latency runs from sending the request to the end of the run
arriving (server work + transfer, no drawing), so 30 clients measure what the
server can serve, not what 30 Chromium tabs on the same cores can draw.

Errors: an exception element in a run, a run that does not finish successfully,
a lost connection, a run not done within ``--action-timeout``, a session that could
not open the app.
"""

from __future__ import annotations

import asyncio
import random
import time

from bench.sessions import BaseSession

REGIONS = ["Hovedstaden", "Midtjylland", "Syddanmark", "Sjælland", "Nordjylland"]
REGION_WIDGET = "-w_filter_regions"
RESET_WIDGET = "-w_filters_reset"


class WsSession(BaseSession):
    """One Streamlit session over a raw websocket, doing the same rounds as a browser session."""

    def __init__(self, index: int, base_url: str, deadline: float, args, rng: random.Random):
        super().__init__(index, base_url, deadline, args, rng)
        self.pages: dict[str, str] = {}  # url path -> page script hash
        self.page_hash = ""
        self.widgets: dict[str, str] = {}  # key suffix -> widget id of the latest run

    async def _run_script(self, ws, *, widget=None, page_hash: str | None = None) -> float | None:
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        msg = BackMsg()
        msg.rerun_script.query_string = ""
        msg.rerun_script.page_script_hash = self.page_hash if page_hash is None else page_hash
        if widget is not None:
            state = msg.rerun_script.widget_states.widgets.add()
            state.id = widget[0]
            if widget[1] is True:
                state.trigger_value = True
            else:
                state.string_array_value.data.extend(widget[1])
        start = time.perf_counter()
        await ws.send(msg.SerializeToString())
        deadline = start + self.args.action_timeout
        while True:
            raw = await asyncio.wait_for(ws.recv(), timeout=max(0.1, deadline - time.perf_counter()))
            fwd = ForwardMsg()
            fwd.ParseFromString(raw)
            kind = fwd.WhichOneof("type")
            if kind == "navigation":
                self.pages = {p.url_pathname: p.page_script_hash for p in fwd.navigation.app_pages}
                self.page_hash = fwd.navigation.page_script_hash or self.page_hash
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                element = fwd.delta.new_element
                which = element.WhichOneof("type")
                if which == "exception":
                    self.error("exception_on_page", element.exception.message[:200])
                elif which in ("multiselect", "button"):
                    wid = getattr(element, which).id
                    for suffix in (REGION_WIDGET, RESET_WIDGET):
                        if wid.endswith(suffix):
                            self.widgets[suffix] = wid
            elif kind == "script_finished":
                status = fwd.script_finished
                if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue
                if status != ForwardMsg.FINISHED_SUCCESSFULLY:
                    self.error("script_failed", f"status {status}")
                return (time.perf_counter() - start) * 1000

    async def run(self) -> None:
        import websockets

        await self.ramp_up()
        host = self.base.split("://", 1)[1]
        try:
            async with websockets.connect(
                f"ws://{host}/_stcore/stream", subprotocols=["streamlit"], max_size=None, origin=self.base
            ) as ws:
                start = time.perf_counter()
                try:
                    await self._run_script(ws, page_hash="")
                except (TimeoutError, websockets.ConnectionClosed) as err:
                    self.error("open_failed", type(err).__name__)
                    return
                self.opened(start)
                while (kind := await self.next_action()) is not None:
                    try:
                        latency = await self.act(ws, kind)
                    except TimeoutError:
                        self.error("rerun_timeout", kind)
                        return
                    except websockets.ConnectionClosed as err:
                        self.error("connection_lost", str(err)[:100])
                        return
                    if latency is not None:
                        self.latencies[kind].append(latency)
                    self.actions += 1
        except OSError as err:
            self.error("open_failed", f"{type(err).__name__}: {err}")

    async def act(self, ws, kind: str) -> float | None:
        if kind == "filter" and REGION_WIDGET in self.widgets:
            choice = [self.rng.choice(REGIONS)]
            return await self._run_script(ws, widget=(self.widgets[REGION_WIDGET], choice))
        if kind == "reset" and RESET_WIDGET in self.widgets:
            return await self._run_script(ws, widget=(self.widgets[RESET_WIDGET], True))
        others = [h for h in self.pages.values() if h != self.page_hash]
        if not others:
            return None
        target = self.rng.choice(others)
        latency = await self._run_script(ws, page_hash=target)
        self.page_hash = target
        return latency


async def run_sessions(bases: str | list[str], args, deadline: float) -> list[WsSession]:
    """Run ``args.sessions`` clients; session ``i`` stays on ``bases[i % len(bases)]`` (one URL per replica)."""
    bases = [bases] if isinstance(bases, str) else bases
    sessions = [
        WsSession(i, bases[i % len(bases)], deadline, args, random.Random(args.seed + i)) for i in range(args.sessions)
    ]
    await asyncio.gather(*(s.run() for s in sessions))
    return sessions
