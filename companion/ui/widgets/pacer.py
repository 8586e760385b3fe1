"""Keeps a screen in step with a Stopwatch, and quiet when nothing needs drawing.

Two timers: animation frames (25 a second) only while the screen animates and is
shown, and a single wake-up at the exact moment the text changes next (the next whole
second, the next phase). The frames make the orb smooth; the wake-up makes phase
changes punctual, so they never wait for a frame. Hidden (another screen on top) or
paused by the user, both timers stop and the stopwatch holds still.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from textual.message_pump import MessagePump
from textual.timer import Timer

from companion.core.stopwatch import Stopwatch
from companion.system.clock import Clock

FPS = 25
LATE = 0.002  # wake a hair after the change, never a hair before it


class Pacer:
    def __init__(
        self,
        owner: MessagePump,
        clock: Clock,
        on_tick: Callable[[], float],
        *,
        animate: bool = True,
    ) -> None:
        """``on_tick`` draws the current state and returns the seconds until what it
        shows changes next (math.inf: nothing scheduled)."""
        self.owner = owner
        self.clock = clock
        self.on_tick = on_tick
        self.animate = animate
        self.watch: Stopwatch | None = None
        self.hidden = False
        self.user_paused = False
        self._frames: Timer | None = None
        self._wake: Timer | None = None

    # -- state ---------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.watch is not None

    @property
    def paused(self) -> bool:
        return self.watch is not None and self.watch.paused

    def elapsed(self) -> float:
        return self.watch.elapsed(self.clock.monotonic()) if self.watch else 0.0

    # -- control -------------------------------------------------------------------
    def start(self, elapsed: float = 0.0) -> None:
        now = self.clock.monotonic()
        self.watch = Stopwatch.start(now).jump_to(elapsed, now)
        self.user_paused = False
        self._apply()

    def stop(self) -> None:
        self._stop_timers()
        self.watch = None

    def skip_to(self, elapsed: float) -> None:
        if self.watch is not None:
            self.watch = self.watch.jump_to(elapsed, self.clock.monotonic())
            self.tick()

    def set_hidden(self, hidden: bool) -> None:
        self.hidden = hidden
        self._apply()

    def set_user_paused(self, paused: bool) -> None:
        self.user_paused = paused
        self._apply()

    def set_animate(self, animate: bool) -> None:
        self.animate = animate
        self._apply()

    # -- timers --------------------------------------------------------------------
    def tick(self) -> None:
        """Draw now and book the next exact wake-up."""
        if self.watch is None:
            return
        delay = self.on_tick()
        if self._wake is not None:
            self._wake.stop()
            self._wake = None
        if self.watch is not None and not self.watch.paused and math.isfinite(delay):
            self._wake = self.owner.set_timer(delay + LATE, self.tick)

    def _apply(self) -> None:
        if self.watch is None:
            return
        now = self.clock.monotonic()
        hold = self.hidden or self.user_paused
        self.watch = self.watch.pause(now) if hold else self.watch.resume(now)
        if hold:
            self._stop_timers()
        else:
            if self.animate:
                if self._frames is None:
                    self._frames = self.owner.set_interval(1 / FPS, self.tick)
                else:
                    self._frames.resume()
            elif self._frames is not None:
                self._frames.pause()
        if not self.hidden:
            self.tick()

    def _stop_timers(self) -> None:
        if self._frames is not None:
            self._frames.pause()
        if self._wake is not None:
            self._wake.stop()
            self._wake = None
