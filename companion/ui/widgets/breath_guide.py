"""What a person follows while breathing: the orb (or, with reduced motion, a still bar
of the round), the phase in words and the seconds left in it.

The screen that owns the session tells it the state; it draws. Shared by the Breathe
and SOS screens.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from companion.core.breathing import BreathState, Pattern, ease_in_out
from companion.ui.widgets.orb import BreathOrb
from companion.ui.widgets.phase_bar import PhaseBar


class BreathGuide(Vertical):
    DEFAULT_CSS = """
    BreathGuide {
        height: 1fr;
        align: center middle;
    }
    BreathGuide > #phase-bar {
        margin: 1 0;
    }
    BreathGuide > #phase-word {
        margin-top: 1;
        width: 1fr;
        text-align: center;
        text-style: bold;
        color: $primary;
    }
    BreathGuide > #seconds-left, BreathGuide > #phase-cue {
        width: 1fr;
        text-align: center;
    }
    BreathGuide > #phase-cue {
        color: $text-muted;
    }
    """

    def __init__(self, pattern: Pattern, *, animate: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.pattern = pattern
        self.animate = animate
        self._shown: tuple[str, str, str] | None = None

    def compose(self) -> ComposeResult:
        yield BreathOrb(id="orb")
        yield PhaseBar(self.pattern, id="phase-bar")
        yield Static(id="phase-word", markup=False)
        yield Static(id="phase-cue", markup=False)
        yield Static(id="seconds-left", markup=False)

    def on_mount(self) -> None:
        self.set_motion(self.animate)

    def set_motion(self, animate: bool) -> None:
        self.animate = animate
        self.query_one(BreathOrb).display = animate
        self.query_one(PhaseBar).display = not animate

    def show(self, state: BreathState, word: str, seconds: str) -> None:
        """Draw ``state``; the words are given in the user's language by the screen, the
        phase's cue ("through the nose") comes from the pattern."""
        orb = self.query_one(BreathOrb)
        if self.animate:
            orb.set_phase(state.phase.kind)
            orb.set_level(state.level(ease_in_out))
        self.query_one(PhaseBar).show(self.pattern, state.index)
        cue = self.pattern.cue(state.phase.kind)
        if self._shown != (word, cue, seconds):
            self._shown = (word, cue, seconds)
            self.query_one("#phase-word", Static).update(word)
            self.query_one("#phase-cue", Static).update(cue)
            self.query_one("#phase-cue").display = bool(cue)
            self.query_one("#seconds-left", Static).update(seconds)
