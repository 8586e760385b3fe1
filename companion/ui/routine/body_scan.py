"""The energy station's five-minute body scan: one step at a time, each for its
seconds, timed from one start instant (``core.body_scan``) by a Pacer that wakes once a
second for the count-down and holds still while the screen is hidden."""

from __future__ import annotations

import math

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static

from companion.core.body_scan import ScanState, scan_at
from companion.packs.routine import Energy
from companion.system.clock import Clock
from companion.system.i18n import Strings
from companion.ui.widgets.pacer import Pacer
from companion.ui.widgets.prose import Paragraph
from companion.ui.widgets.scale import meter


class BodyScan(Vertical):
    DEFAULT_CSS = """
    BodyScan {
        height: auto;
    }
    BodyScan > #scan-text {
        margin: 1 0;
    }
    """

    class Finished(Message):
        """The last step's time is up."""

    def __init__(self, energy: Energy, t: Strings, clock: Clock) -> None:
        super().__init__(id="body-scan")
        self.energy = energy
        self.t = t
        self.clock = clock
        self.pacer: Pacer | None = None
        self.shown: int | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="scan-step", classes="muted", markup=False)
        yield Paragraph(id="scan-text", classes="body")
        yield Static(id="scan-left", markup=False)

    def on_mount(self) -> None:
        self.pacer = Pacer(self, self.clock, self.tick, animate=False)
        self.pacer.start()

    def state(self) -> ScanState:
        assert self.pacer is not None
        return scan_at(self.energy.seconds, self.pacer.elapsed())

    def tick(self) -> float:
        state = self.state()
        steps = self.energy.steps
        if state.index != self.shown:
            self.shown = state.index
            step = self.t("routine.energy.scan_step", n=str(state.index + 1), total=str(len(steps)))
            self.query_one("#scan-step", Static).update(step)
            self.query_one("#scan-text", Paragraph).show(steps[state.index].text)
        total = sum(self.energy.seconds)
        bar = meter(round(100 * (total - state.total_left) / total), 30)
        bar.append("  " + self.t("routine.energy.scan_left", seconds=str(state.seconds_shown)))
        self.query_one("#scan-left", Static).update(bar)
        if state.done:
            self.stop()
            self.post_message(self.Finished())
            return math.inf
        return state.until_change()

    def set_hidden(self, hidden: bool) -> None:
        if self.pacer is not None:
            self.pacer.set_hidden(hidden)

    def stop(self) -> None:
        if self.pacer is not None:
            self.pacer.stop()
