"""SOS: one minute to reset after a rough customer, with nothing to type.

A kind word, a few cyclic sighs with the orb, name the feeling, notice five things,
one self-talk line, then back to work. Steps move on by themselves (``core.sos``);
Enter moves on sooner. Optional 0-10 ratings at the start and the end are stored with
the reset; the vent pad (v) keeps nothing unless asked to. One key each opens the help
lines (l) and the private incident note (n); the minute waits while they are open.
"""

from __future__ import annotations

import random

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Static

from companion.core.breathing import Pattern, breath_at
from companion.core.sos import (
    NOTICE_THINGS,
    SIGHS,
    SosState,
    Step,
    sos_at,
    sos_steps,
    step_start,
)
from companion.packs.calm import SOS_PATTERN, breathing_catalog
from companion.store.activity_records import SosReset
from companion.ui.calm.vent import VentScreen
from companion.ui.shell.calm_base import DIGITS, CalmScreen
from companion.ui.widgets.breath_guide import BreathGuide
from companion.ui.widgets.keys_footer import KeysFooter
from companion.ui.widgets.pacer import Pacer
from companion.ui.widgets.prose import Paragraph
from companion.ui.widgets.tension import TensionScale

RATED_STEPS = {"arrive": "before", "back": "after"}


class SosScreen(CalmScreen, Screen[SosReset | None]):
    calm = "sos"
    BINDINGS = [
        Binding("enter,space", "next", "sos.keys.next", id="sos_next"),
        Binding("enter,space", "back_to_work", "sos.keys.back_to_work", id="sos_back_to_work"),
        Binding("v", "vent", "sos.keys.vent", id="sos_vent"),
        Binding("n", "incident", "incident.keys.open", id="sos_incident"),
        Binding("l", "app.run('helplines')", "care.keys.open", id="sos_helplines"),
        Binding("escape", "leave", "sos.keys.leave", id="sos_leave"),
        *DIGITS,
    ]

    def __init__(self, rng: random.Random | None = None) -> None:
        super().__init__()
        self.rng = rng or random.Random()
        self.pacer: Pacer | None = None
        self.shown_step: int | None = None
        self.record: SosReset | None = None
        self.opened_at = 0.0
        self.line_index = 0  # which self-talk line this reset shows

    @property
    def sigh(self) -> Pattern:
        return breathing_catalog(self.t.lang).get(SOS_PATTERN)

    @property
    def self_talk(self) -> tuple[str, ...]:
        """The lines SOS may end with: the built-in ones, then the person's own."""
        return self.companion.services.library.self_talk(self.t.lang)

    @property
    def steps(self) -> tuple[Step, ...]:
        return sos_steps(self.sigh)

    def state(self) -> SosState:
        assert self.pacer is not None
        return sos_at(self.steps, self.pacer.elapsed())

    # -- drawing -----------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Vertical(id="sos", classes="page"):
            with Horizontal(classes="session-head"):
                yield Paragraph(self.t("sos.title"), id="sos-title", classes="muted", markup=False)
                yield Paragraph(id="sos-progress", classes="muted head-right", markup=False)
            with Vertical(id="sos-step"):
                yield Paragraph(id="sos-heading", classes="page-title", markup=False)
                yield Paragraph(id="sos-body", markup=False)
                yield BreathGuide(self.sigh, animate=not self.still(), id="sos-guide")
                yield Paragraph(id="sos-detail", classes="muted", markup=False)
                with Vertical(id="sos-rating", classes="rating"):
                    yield Paragraph(id="sos-rating-prompt", markup=False)
                    with Center():
                        yield TensionScale(id="before")
                        yield TensionScale(id="after")
        yield KeysFooter()

    def on_mount(self) -> None:
        services = self.companion.services
        index = services.calm.sos_line(self.self_talk, self.rng)
        self.line_index = index
        self.companion.guard(lambda: services.calm.sos_line_shown(index))
        self.opened_at = services.clock.monotonic()
        self.pacer = Pacer(self, services.clock, self.tick, animate=False)
        self.pacer.start()

    def tick(self) -> float:
        state = self.state()
        if state.index != self.shown_step:
            self.shown_step = state.index
            self.show_step(state)
        if state.step.name == "sigh":
            self._show_sigh(state)
        elif state.step.name == "notice":
            seen = "● " * state.noticed + "○ " * (NOTICE_THINGS - state.noticed)
            thing = self.t("sos.notice.thing", n=str(state.noticed), total=str(NOTICE_THINGS))
            detail = f"{seen.strip()}\n{thing}"
            self.query_one("#sos-detail", Static).update(detail)
        return state.until_change()

    def show_step(self, state: SosState) -> None:
        t, name = self.t, state.step.name
        self.refresh_bindings()
        total = len(self.steps)
        dots = "●" * (state.index + 1) + "○" * (total - state.index - 1)
        self.query_one("#sos-progress", Static).update(dots)
        if name == "self_talk":
            self.query_one("#sos-heading", Static).update(self.self_talk[self.line_index])
            self.query_one("#sos-body", Static).update(t("sos.self_talk.body"))
        else:
            self.query_one("#sos-heading", Static).update(t(f"sos.{name}.title"))
            self.query_one("#sos-body", Static).update(t(f"sos.{name}.body"))
        self.query_one("#sos-detail", Static).update("")
        self.query_one("#sos-guide").display = name == "sigh"
        rating = RATED_STEPS.get(name) if self.rating_on else None
        self.query_one("#sos-rating").display = rating is not None
        for which in ("before", "after"):
            self.query_one(f"#{which}").display = which == rating
        if rating is not None:
            self.query_one("#sos-rating-prompt", Static).update(t(f"sos.rating.{rating}"))
        assert self.pacer is not None
        self.pacer.set_animate(name == "sigh" and not self.still())
        if name == "back":
            self._store(completed=True)

    def _show_sigh(self, state: SosState) -> None:
        breath = breath_at(self.sigh, SIGHS, state.into)
        t = self.t
        word = t(f"breathing.phase.{breath.phase.kind}")
        seconds = t("breathing.seconds_left", seconds=str(breath.seconds_left))
        self.query_one(BreathGuide).show(breath, word, seconds)
        count = t("sos.sigh_count", n=str(breath.round), total=str(SIGHS))
        self.query_one("#sos-detail", Static).update(count)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.pacer is None or not self.pacer.running:
            return True
        name = self.state().step.name
        if action == "next":
            return name != "back"
        if action == "back_to_work":
            return name == "back"
        if action == "digit":
            return self.rating_on and name in RATED_STEPS
        return True

    # -- intents -----------------------------------------------------------------------
    def action_next(self) -> None:
        if self.pacer is None:
            return
        state = self.state()
        if state.step.seconds is not None:
            self.pacer.skip_to(step_start(self.steps, state.index + 1))

    def action_digit(self, digit: int) -> None:
        rating = RATED_STEPS.get(self.state().step.name)
        if rating is None:
            return
        value = self.query_one(f"#{rating}", TensionScale).type_digit(
            digit, self.companion.services.clock.monotonic()
        )
        if rating == "after":
            before = self.query_one("#before", TensionScale).value
            if before is not None:
                change = self.t("sos.rating.change", before=str(before), after=str(value))
                self.query_one("#sos-detail", Static).update(change)

    def action_vent(self) -> None:
        self.app.push_screen(VentScreen())

    def action_incident(self) -> None:
        self.companion.calm.incident()

    def action_back_to_work(self) -> None:
        after = self.query_one("#after", TensionScale).value
        record = self.record
        if record is not None and after is not None:
            calm = self.companion.services.calm

            def write() -> None:
                self.record = calm.sos_rated(record, after)

            self.companion.guard(write)
        self._close()

    def action_leave(self) -> None:
        if self.record is None:
            self._store(completed=False)
        self.action_back_to_work()

    def _store(self, completed: bool) -> None:
        if self.record is not None:
            return
        seconds = self.companion.services.clock.monotonic() - self.opened_at
        before = self.query_one("#before", TensionScale).value
        calm = self.companion.services.calm

        def write() -> None:
            self.record = calm.sos_done(seconds, completed, before)

        self.companion.guard(write)

    def _close(self) -> None:
        if self.pacer is not None:
            self.pacer.stop()
        self.dismiss(self.record)

    def motion_changed(self, still: bool) -> None:
        self.query_one(BreathGuide).set_motion(not still)
        if self.pacer is not None:
            self.pacer.set_animate(self.state().step.name == "sigh" and not still)

    async def retranslate(self) -> None:
        self.query_one("#sos-title", Static).update(self.t("sos.title"))
        if self.pacer is not None and self.pacer.running:
            self.show_step(self.state())
            self.tick()
