"""A one-line progress bar on stderr: counts, rate and time left, for slow builds only.

Silent unless stderr is a terminal and the work has already taken a moment, so short
builds, pipes, logs and ``--quiet`` see nothing.
"""

from __future__ import annotations

import shutil
import sys
import time
from typing import TextIO


class Progress:
    """Call :meth:`advance` as items finish and :meth:`close` at the end."""

    def __init__(
        self,
        total: int,
        label: str = "analysing",
        *,
        quiet: bool = False,
        stream: TextIO | None = None,
        delay: float = 1.0,
        force: bool = False,
    ) -> None:
        self.total = total
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        isatty = getattr(self.stream, "isatty", lambda: False)
        self.enabled = not quiet and (force or bool(isatty()))
        self.delay = delay
        self.done = 0
        self.cached = 0
        self.start = time.monotonic()
        self._last = 0.0
        self._shown = False

    def advance(self, n: int = 1, *, cached: int = 0) -> None:
        self.done += n
        self.cached += cached
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.start < self.delay or now - self._last < 0.1:
            return
        self._last = now
        self._draw(now)

    def _draw(self, now: float) -> None:
        elapsed = max(now - self.start, 1e-9)
        worked = self.done - self.cached
        rate = worked / elapsed
        width = max(10, min(30, shutil.get_terminal_size((80, 20)).columns - 60))
        frac = self.done / self.total if self.total else 1.0
        filled = int(frac * width)
        bar = "█" * filled + "░" * (width - filled)
        left = (self.total - self.done) / rate if rate > 0 else 0.0
        extra = f", {self.cached} cached" if self.cached else ""
        line = f"{self.label} {bar} {self.done}/{self.total} ({rate:.1f} docs/s{extra}, {left:.0f}s left)"
        self.stream.write("\r" + line + "\x1b[K")
        self.stream.flush()
        self._shown = True

    def close(self) -> None:
        if self.enabled and self._shown:
            self._draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
