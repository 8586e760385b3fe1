"""A minute of paced breathing as words: "Breathe in… 3", "Breathe out… 5".

Deliberately small and self-contained: the energy station shows it as its breathing
step until the guided-breathing screen can take its place. It draws from the time
since it began (``companion.core.routine.pace``), so a late redraw skips nothing.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from companion.core.routine import ROUNDS, Pace, pace
from companion.i18n import Strings


class BreathPacer(Static):
    DEFAULT_CSS = """
    BreathPacer {
        height: 5;
        padding: 1 0;
        content-align: left middle;
    }
    """

    def show(self, elapsed: float, t: Strings) -> Pace:
        step = pace(elapsed)
        if step.phase == "done":
            self.update(Text(t("routine.energy.breathe_done"), style="bold"))
            return step
        word = t(f"routine.energy.breathe_{step.phase}")
        text = Text()
        text.append(f"{word}  {step.seconds_left}", style="bold")
        text.append("\n\n")
        count = t("routine.energy.breath_count", breath=str(step.breath), total=str(ROUNDS))
        text.append(count, style="dim")
        self.update(text)
        return step
