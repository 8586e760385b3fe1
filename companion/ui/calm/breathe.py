"""Breathe: choose a pattern, breathe with the orb, and (if you like) rate your tension
before and after. The timing is ``companion.core.breathing``; this screen draws it.

Other features open it directly: ``BreatheScreen("4-7-8", 4, return_when_done=True)``
dismisses with the stored ``BreathingSession`` (or None if no session was breathed).
"""

from __future__ import annotations

import math

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import ContentSwitcher, OptionList, Static
from textual.widgets.option_list import Option

from companion.core.breathing import (
    MAX_ROUNDS,
    BreathState,
    Pattern,
    breath_at,
)
from companion.packs.calm import Catalog, breathing_catalog
from companion.store.activity_records import BreathingSession
from companion.system.i18n import Strings
from companion.ui.shell.calm_base import DIGITS, CalmScreen
from companion.ui.widgets.breath_guide import BreathGuide
from companion.ui.widgets.keys_footer import KeysFooter
from companion.ui.widgets.pacer import Pacer
from companion.ui.widgets.phase_bar import PhaseBar
from companion.ui.widgets.prose import Paragraph
from companion.ui.widgets.tension import TensionScale


def duration_text(seconds: float, t: Strings) -> str:
    whole = round(seconds)
    if whole < 60:
        return t("breathing.only_seconds", seconds=str(whole))
    return t("breathing.minutes_seconds", minutes=str(whole // 60), seconds=str(whole % 60))


class BreatheScreen(CalmScreen, Screen[BreathingSession | None]):
    calm = "breathe"  # what the app checks without importing this module
    BINDINGS = [
        Binding("enter", "start", "breathing.keys.start", id="breathe_start"),
        Binding("enter", "finish", "breathing.keys.done", id="breathe_done"),
        Binding("space", "pause", "breathing.keys.pause", id="breathe_pause"),
        Binding("space", "resume", "breathing.keys.resume", id="breathe_resume"),
        Binding("up", "move(-1)", show=False, id="breathe_up"),
        Binding("down", "move(1)", show=False, id="breathe_down"),
        Binding(
            "plus,right", "rounds(1)", "breathing.keys.rounds", key_display="+/-", id="breathe_more"
        ),
        Binding(
            "minus,left", "rounds(-1)", "breathing.keys.rounds", show=False, id="breathe_fewer"
        ),
        Binding("a", "again", "breathing.keys.again", id="breathe_again"),
        Binding("escape", "leave", "keys.back", id="breathe_back"),
        Binding("escape", "stop", "breathing.keys.stop", id="breathe_stop"),
        Binding("escape", "finish", "breathing.keys.done", show=False, id="breathe_end"),
        *DIGITS,
    ]
    # Which actions each stage offers; the footer shows exactly these.
    STAGE_ACTIONS = {
        "ready": {"start", "move", "rounds", "leave", "digit"},
        "session": {"pause", "resume", "stop"},
        "end": {"finish", "again", "digit"},
    }

    def __init__(
        self,
        pattern_id: str | None = None,
        rounds: int | None = None,
        *,
        start_now: bool = False,
        return_when_done: bool = False,
        origin: str = "breathe",
    ) -> None:
        super().__init__()
        self.pattern_id = pattern_id
        self.rounds = rounds
        self.start_now = start_now
        self.return_when_done = return_when_done
        self.origin = origin
        self.stage = "ready"
        self.record: BreathingSession | None = None
        self.shown_phase: tuple[int, int] | None = None
        self.pacer: Pacer | None = None

    # -- what it works with ----------------------------------------------------------
    @property
    def catalog(self) -> Catalog:
        settings = self.companion.services.config.settings
        return breathing_catalog(self.t.lang, settings.breathing_patterns)

    @property
    def pattern(self) -> Pattern:
        return self.catalog.get(self.pattern_id)

    def state(self) -> BreathState:
        assert self.pacer is not None
        return breath_at(self.pattern, self.rounds or 1, self.pacer.elapsed())

    # -- drawing -----------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        t = self.t
        pattern = self.pattern
        with ContentSwitcher(initial="ready", id="breathe-stages"):
            with Vertical(id="ready", classes="page"):
                yield Paragraph(t("breathing.title"), classes="page-title", markup=False)
                patterns = OptionList(*self._options(), id="patterns")
                patterns.can_focus = False
                yield patterns
                yield Paragraph(id="pattern-when", classes="muted", markup=False)
                yield Paragraph(id="pattern-caution", classes="muted")
                yield PhaseBar(pattern, id="preview")
                yield Paragraph(id="pattern-rounds", markup=False)
                with Vertical(classes="rating", id="before-rating"):
                    yield Paragraph(t("breathing.tension.before"), markup=False)
                    yield TensionScale(id="before")
            with Vertical(id="session", classes="page"):
                with Horizontal(classes="session-head"):
                    yield Paragraph(id="session-name", classes="page-title", markup=False)
                    yield Paragraph(id="session-round", classes="muted head-right", markup=False)
                yield BreathGuide(pattern, animate=not self.still(), id="guide")
            with Vertical(id="end", classes="page"):
                yield Paragraph(t("breathing.end.title"), classes="page-title", markup=False)
                yield Paragraph(id="end-summary", markup=False)
                with Vertical(classes="rating", id="after-rating"):
                    yield Paragraph(t("breathing.tension.after"), markup=False)
                    yield TensionScale(id="after")
                yield Paragraph(id="tension-change", classes="muted", markup=False)
        yield KeysFooter()

    def _options(self) -> list[Option]:
        names = {}
        for pattern in self.catalog.patterns:
            names[pattern.id] = pattern.name
            if pattern.custom:
                names[pattern.id] += f" ({self.t('breathing.yours')})"
        width = max(cell_len(name) for name in names.values())
        options = []
        for pattern in self.catalog.patterns:
            name = names[pattern.id]
            label = Text(name + " " * (width - cell_len(name) + 3), no_wrap=True)
            label.append(pattern.timing(), style="dim")
            options.append(Option(label, id=pattern.id))
        return options

    def on_mount(self) -> None:
        self.pacer = Pacer(self, self.companion.services.clock, self.tick, animate=not self.still())
        patterns = self.query_one("#patterns", OptionList)
        ids = self.catalog.ids()
        pattern = self.pattern
        patterns.highlighted = ids.index(pattern.id)
        self.pattern_id = pattern.id
        self.rounds = max(1, min(MAX_ROUNDS, self.rounds or pattern.rounds))
        self.query_one("#before-rating").display = self.rating_on
        self.show_ready()
        if self.start_now:
            self.action_start()

    def show_ready(self) -> None:
        t, pattern = self.t, self.pattern
        when = pattern.when if not pattern.custom else t("breathing.custom_when")
        if pattern.beginner_rounds:
            when += "\n" + t("breathing.beginner", rounds=str(pattern.beginner_rounds))
        self.query_one("#pattern-when", Static).update(when)
        # Shown on the page, not in a toast: a held breath can make a person dizzy, and
        # they should read it before they start, in full (and in Chinese, wrapped well).
        caution = self.query_one("#pattern-caution", Paragraph)
        caution.show(t("breathing.hold_caution") if pattern.holds else "")
        caution.display = pattern.holds
        self.query_one("#preview", PhaseBar).show(pattern)
        rounds = self.rounds or pattern.rounds
        about = duration_text(pattern.duration(rounds), t)
        self.query_one("#pattern-rounds", Static).update(
            t("breathing.about", rounds=str(rounds), duration=about)
        )

    def set_stage(self, stage: str) -> None:
        self.stage = stage
        self.query_one("#breathe-stages", ContentSwitcher).current = stage
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        offered = self.STAGE_ACTIONS.get(self.stage)
        if offered is None or action not in {a for s in self.STAGE_ACTIONS.values() for a in s}:
            return True
        if action not in offered:
            return False
        paused = self.pacer is not None and self.pacer.user_paused
        if action == "pause":
            return not paused
        if action == "resume":
            return paused
        if action == "again":
            return not self.return_when_done
        if action == "digit":
            return self.rating_on and (self.stage == "ready" or self._asks_after())
        return True

    # -- the session -------------------------------------------------------------------
    def tick(self) -> float:
        """Draw the session as it is now; returns seconds until the text changes."""
        state = self.state()
        if state.finished:
            self.finish_session(completed=True)
            return math.inf
        assert self.pacer is not None
        t = self.t
        if self.pacer.user_paused:
            word = t("breathing.paused")
        else:
            word = t(f"breathing.phase.{state.phase.kind}")
        seconds = t("breathing.seconds_left", seconds=str(state.seconds_left))
        self.query_one(BreathGuide).show(state, word, seconds)
        self.query_one("#session-round", Static).update(
            t("breathing.round", n=str(state.round), total=str(state.rounds))
        )
        where = (state.round, state.index)
        if where != self.shown_phase:
            first = self.shown_phase is None
            self.shown_phase = where
            if not first:
                self.phase_changed(state)
        return state.until_change()

    def phase_changed(self, state: BreathState) -> None:
        """A new phase is on screen (not called for the first one)."""
        if self.companion.services.config.settings.breathing_bell:
            self.app.bell()

    def action_start(self) -> None:
        if self.stage != "ready" or self.pacer is None:
            return
        pattern = self.pattern
        guide = self.query_one(BreathGuide)
        guide.pattern = pattern
        self.query_one("#session-name", Static).update(pattern.name)
        self.shown_phase = None
        self.set_stage("session")
        self.pacer.start()

    def action_pause(self) -> None:
        if self.pacer is not None and self.stage == "session":
            self.pacer.set_user_paused(True)
            self.refresh_bindings()

    def action_resume(self) -> None:
        if self.pacer is not None and self.stage == "session":
            self.pacer.set_user_paused(False)
            self.refresh_bindings()

    def action_stop(self) -> None:
        """Leave part-way: keep a record of what was breathed, then go back."""
        if self.stage == "session":
            self.finish_session(completed=False)

    def finish_session(self, completed: bool) -> None:
        assert self.pacer is not None
        pattern, rounds = self.pattern, self.rounds or 1
        elapsed = min(self.pacer.elapsed(), pattern.duration(rounds))
        self.pacer.stop()
        self._store(pattern, rounds, elapsed, completed)
        if not completed or (self.return_when_done and not self._asks_after()):
            self.dismiss(self.record)
        else:
            self.show_end(pattern, elapsed)

    def _store(self, pattern: Pattern, rounds: int, elapsed: float, completed: bool) -> None:
        before = self.query_one("#before", TensionScale).value
        calm = self.companion.services.calm

        def write() -> None:
            self.record = calm.breathed(pattern, rounds, elapsed, completed, before, self.origin)

        self.companion.guard(write)

    def _asks_after(self) -> bool:
        return self.rating_on and self.query_one("#before", TensionScale).value is not None

    # -- the end -----------------------------------------------------------------------
    def show_end(self, pattern: Pattern, elapsed: float) -> None:
        t = self.t
        self.query_one("#end-summary", Static).update(
            t("breathing.end.summary", name=pattern.name, duration=duration_text(elapsed, t))
        )
        self.query_one("#after-rating").display = self._asks_after()
        self.query_one("#after", TensionScale).choose(None)
        self.show_change()
        self.set_stage("end")

    def show_change(self) -> None:
        before = self.query_one("#before", TensionScale).value
        after = self.query_one("#after", TensionScale).value
        line = self.query_one("#tension-change", Static)
        if before is None:
            line.update("")
        elif after is None:
            line.update(self.t("breathing.tension.before_only", before=str(before)))
        else:
            line.update(self.t("breathing.tension.change", before=str(before), after=str(after)))

    def action_finish(self) -> None:
        after = self.query_one("#after", TensionScale).value
        record = self.record
        if after is not None and record is not None:
            calm = self.companion.services.calm

            def write() -> None:
                self.record = calm.breathing_rated(record, after)

            self.companion.guard(write)
        self.dismiss(self.record)

    def action_again(self) -> None:
        self.record = None
        self.query_one("#before", TensionScale).choose(None)
        self.set_stage("ready")

    # -- the ready page ---------------------------------------------------------------
    @on(OptionList.OptionSelected, "#patterns")
    def pattern_clicked(self, event: OptionList.OptionSelected) -> None:
        # A click picks a pattern; Enter starts. The list never takes focus, so the
        # footer can show Enter as "Start" and the keys below stay the screen's.
        self.choose_pattern(event.option_index)

    def action_move(self, step: int) -> None:
        patterns = self.query_one("#patterns", OptionList)
        self.choose_pattern(((patterns.highlighted or 0) + step) % patterns.option_count)

    def choose_pattern(self, index: int) -> None:
        pattern = self.catalog.patterns[index]
        self.query_one("#patterns", OptionList).highlighted = index
        if pattern.id != self.pattern_id:
            self.pattern_id = pattern.id
            self.rounds = pattern.rounds
            self.show_ready()

    def action_rounds(self, step: int) -> None:
        self.rounds = max(1, min(MAX_ROUNDS, (self.rounds or 1) + step))
        self.show_ready()

    def action_digit(self, digit: int) -> None:
        scale_id = "#before" if self.stage == "ready" else "#after"
        self.query_one(scale_id, TensionScale).type_digit(
            digit, self.companion.services.clock.monotonic()
        )
        if self.stage == "end":
            self.show_change()

    def action_leave(self) -> None:
        self.dismiss(None)

    def motion_changed(self, still: bool) -> None:
        self.query_one(BreathGuide).set_motion(not still)
        assert self.pacer is not None
        self.pacer.set_animate(not still)

    async def retranslate(self) -> None:
        """A new language: the same session goes on, in new words."""
        patterns = self.query_one("#patterns", OptionList)
        patterns.clear_options()
        patterns.add_options(self._options())
        patterns.highlighted = self.catalog.ids().index(self.pattern.id)
        for selector, key in (
            ("#ready .page-title", "breathing.title"),
            ("#before-rating Static", "breathing.tension.before"),
            ("#end .page-title", "breathing.end.title"),
            ("#after-rating Static", "breathing.tension.after"),
        ):
            self.query_one(selector, Static).update(self.t(key))
        self.query_one("#session-name", Static).update(self.pattern.name)
        self.show_ready()
        if self.stage == "end":
            self.show_change()
