"""Micro-pauses in the app: when one is due, a line at the top of the screen with an
idea that takes about 20 seconds and a count-down, never a screen and never a stolen
key. Skipped silently (the next one a full interval later) while the person types, is
in the middle of breathing, SOS or a dialog, has do not disturb on, or a break is about
to come. On a peak day the breaks held back come this way too, and say so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from companion.core.activities import Activity, suggestion_order
from companion.core.breaks import Kind
from companion.core.micro import PEAK
from companion.system.i18n import format_span
from companion.ui.shell.attention import in_the_middle, on_break, typing
from companion.ui.widgets.notice_line import NoticeLine

if TYPE_CHECKING:
    from companion.ui.breaks.rhythm import BreakRhythm

SHORT = "20s"  # the activity pack's length for ideas between two chats


class MicroPauses:
    def __init__(self, rhythm: BreakRhythm) -> None:
        self.rhythm = rhythm
        self.app = rhythm.app
        self.shown = 0  # micro-pauses shown this run: the next idea is another one

    def check(self) -> None:
        """After every look at the clock: show the micro-pause that is due, or skip it."""
        keeper = self.rhythm.keeper
        kind = keeper.micro_due()
        if kind is None:
            return
        app = self.app
        free = not (typing(app) or in_the_middle(app) or on_break(app))
        events = keeper.micro_pause(shown=free)
        self.rhythm.handle(events)
        if any(event.kind == Kind.MICRO for event in events):
            self.show(peak=kind == PEAK)

    def ideas(self) -> list[Activity]:
        short = [a for a in self.rhythm.activities() if a.length == SHORT]
        return suggestion_order(short, seed=0)

    def show(self, peak: bool) -> None:
        app, t = self.app, self.rhythm.t
        ideas = self.ideas()
        idea = ideas[self.shown % len(ideas)].text if ideas else ""
        self.shown += 1
        key = "breaks.micro.peak_banner" if peak else "breaks.micro.banner"

        def words(left: int) -> str:
            return t(key, left=format_span(left, t), idea=idea)

        for line in app.screen.query(".micro-pause"):
            line.remove()
        seconds = self.rhythm.keeper.rules().micro_length.total_seconds()
        clock = app.services.clock
        app.screen.mount(NoticeLine(words, seconds, clock.monotonic, classes="micro-pause"))
