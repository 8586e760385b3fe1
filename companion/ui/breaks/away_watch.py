"""Watching the desktop for time away: the idle time and lock state are read in a
worker thread (a reading can take up to a second), about every 30 s
(``away.check_every``), and come back to the app as a ``DesktopRead`` message, which
the app hands to the rhythm. Never on the UI thread; the source is closed at exit.

Where the desktop cannot tell (an SSH session, a text console) there is no source and
nothing runs: the rhythm keeps its own rules (suspend, time closed).
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING

from textual.message import Message
from textual.timer import Timer

if TYPE_CHECKING:
    from companion.system.idle import IdleReading, IdleSource
    from companion.ui.app import CompanionApp


def find_source(env: Mapping[str, str], platform: str) -> IdleSource | None:
    """The desktop's idle source (system.idle loads on this first call, after the
    first frame)."""
    from companion.system import idle

    return idle.find_source(env, platform)


class DesktopRead(Message):
    """The desktop's idle time and lock state, just read (None: nothing answered)."""

    def __init__(self, reading: IdleReading | None) -> None:
        super().__init__()
        self.reading = reading


class AwayWatch:
    def __init__(self, app: CompanionApp, platform: str = sys.platform) -> None:
        self.app = app
        self.platform = platform
        self.source: IdleSource | None = None
        self.timer: Timer | None = None
        self._reading = False  # a worker is reading: the next look waits for it
        self._closed = False

    def start(self) -> None:
        """Starts just after the first frame (the idle readers load then)."""
        self.app.call_after_refresh(self._begin)

    def _begin(self) -> None:
        settings = self.app.services.config.settings
        if self._closed or not settings.away_detect:
            return
        self.source = find_source(self.app.services.env, self.platform)  # loads nothing yet
        if self.source is None:
            return
        every = settings.away_check_every.total_seconds()
        self.timer = self.app.set_interval(every, self.look, name="desktop idle")

    def look(self) -> None:
        source = self.source
        if source is None or self._reading:
            return
        self._reading = True
        app = self.app

        def read() -> None:
            try:
                reading = source.read()  # never raises; at most about a second
            finally:
                self._reading = False
            app.post_message(DesktopRead(reading))  # thread-safe

        app.run_worker(read, thread=True, group="desktop-idle", exit_on_error=False)

    def close(self) -> None:
        self._closed = True
        if self.timer is not None:
            self.timer.stop()
        source, self.source = self.source, None
        if source is not None:
            source.close()  # final: a reading under way gives None
