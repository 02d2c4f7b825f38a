"""What every ``make load`` session records, browser or websocket, and the rhythm of its rounds.

Shared by ``bench/load.py`` (browser sessions, the run and its report) and ``bench/load_ws.py``
(websocket sessions). ``load.py`` starts ``load_ws.py``'s sessions, so this part lives apart from
both: ``load_ws.py`` importing it from ``load.py`` made the two import each other.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import Counter

ACTIONS = {"filter": 4, "reset": 2, "page": 3}  # kind -> weight of the random pick


class BaseSession:
    """What every kind of session records, and the rhythm of its rounds."""

    def __init__(self, index: int, base_url: str, deadline: float, args, rng: random.Random):
        self.index, self.base, self.deadline, self.args, self.rng = index, base_url, deadline, args, rng
        self.latencies: dict[str, list[float]] = {kind: [] for kind in ACTIONS}
        self.errors: Counter = Counter()
        self.error_samples: list[str] = []
        self.load_ms: float | None = None
        self.actions = 0

    def error(self, kind: str, detail: str = "") -> None:
        self.errors[kind] += 1
        if len(self.error_samples) < 3:
            self.error_samples.append(f"{kind}: {detail}"[:300])

    async def ramp_up(self) -> None:
        await asyncio.sleep(self.index * self.args.ramp / max(1, self.args.sessions))

    def opened(self, start: float) -> None:
        """The app is open: note how long that took; the session now works for ``--seconds``."""
        self.load_ms = (time.perf_counter() - start) * 1000
        self.deadline = min(self.deadline, time.time() + self.args.seconds)  # within the hard deadline

    async def next_action(self) -> str | None:
        """After a think time, the kind of the next action; None once the session's time is up."""
        if time.time() >= self.deadline:
            return None
        await asyncio.sleep(self.rng.uniform(*self.args.think))
        if time.time() >= self.deadline:
            return None
        return self.rng.choices(list(ACTIONS), weights=list(ACTIONS.values()))[0]
