"""Home: a greeting, today at a glance, and where to go from here.

The glance counts today's journal entries and practice: it reads the journal's segment
of today only (kept until it changes), just after the first frame; the services it needs
are imported then, not with the app.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from companion.core.daytime import part_of_day
from companion.system.i18n import format_day, format_time
from companion.ui.actions import ACTIONS
from companion.ui.shell.base import CompanionScreen
from companion.ui.shell.messages import JournalLocked, RhythmTick
from companion.ui.widgets.columns import key_grid, two_columns
from companion.ui.widgets.keys_footer import KeysFooter
from companion.ui.widgets.prose import Paragraph


class HomeScreen(CompanionScreen):
    footer_app_keys = True
    figures_drawn = False  # today's figures (the glance, the care line), once drawn
    app_letters = True  # nothing is typed or chosen here: the letters open the rooms

    def compose(self) -> ComposeResult:
        t = self.t
        with VerticalScroll(id="home", classes="page"):  # scrolls in a small window
            yield Paragraph(id="greeting", markup=False)
            yield Paragraph(id="today", classes="muted", markup=False)
            yield Paragraph(id="break-status", markup=False)
            yield Paragraph(id="care-line", markup=False)
            yield Paragraph(t("home.glance_title"), classes="section-title", markup=False)
            yield Paragraph(id="glance", markup=False)
            yield Paragraph(t("home.keys_title"), classes="section-title", markup=False)
            yield Static(id="home-keys")
        yield KeysFooter()

    # Home has no timer of its own: the app's one timer (the break rhythm's) comes back
    # when Home shows another figure (redraw_in) and redraws it with a RhythmTick.
    def on_mount(self) -> None:
        # The first frame has the greeting, the next break and the keys; today's figures
        # read the journal (its part of this month: hundreds of entries for some)
        # and come a moment later (see show_figures).
        self.refresh_view(figures=False)

    def show_figures(self) -> None:
        """Today's figures, if nothing has drawn them since Home was made. The app calls
        it once its first frame is on the screen."""
        if not self.figures_drawn:
            self._draw_glance()  # (the rest was drawn with the first frame)

    def on_screen_resume(self) -> None:
        # A frame later, and only if Home is still in front: when a dialog gives way to
        # another screen (the passphrase to the journal), nobody would see the glance,
        # which reads today's writing.
        self.call_after_refresh(self._resumed)

    def _resumed(self) -> None:
        if self.is_active:  # at the top of the stack
            self.refresh_view()

    def on_rhythm_tick(self, _message: RhythmTick) -> None:
        self.refresh_view()

    def on_journal_locked(self, _message: JournalLocked) -> None:
        self.refresh_view()  # the journal's figures (entries, mood) go at once

    def redraw_in(self) -> float | None:
        """When Home shows another figure: the next-break line (every second in its last
        minute), or the clock's next minute."""
        now = self.companion.services.clock.now()
        next_minute = 60 - (now.second + now.microsecond / 1_000_000)
        countdown = self.companion.break_redraw_in()
        return next_minute if countdown is None else min(countdown, next_minute)

    def refresh_view(self, figures: bool = True) -> None:
        t = self.t
        now = self.companion.services.clock.now()
        self.query_one("#greeting", Static).update(t(f"home.greeting_{part_of_day(now)}"))
        self.query_one("#today", Static).update(
            f"{format_day(now.date(), t)} · {format_time(now, t)}"
        )
        self.query_one("#break-status", Static).update(self.companion.break_line())
        if figures:
            self._draw_glance()
        ids = [a.id for a in ACTIONS if a.on_home]
        shown = self.companion.keys_for(ids)
        keys = [(shown[action_id], t(f"keys.{action_id}")) for action_id in ids]
        self.query_one("#home-keys", Static).update(key_grid(keys))

    def _draw_glance(self) -> None:
        # after the journal was read: the week's line looks at its mood check-ins
        care = self.companion.care.home_line()
        care_line = self.query_one("#care-line", Static)
        care_line.update(care)
        care_line.display = bool(care)
        figures = self.companion.today_glance()
        glance = self.query_one("#glance", Static)
        if figures:
            glance.update(two_columns(figures))
        else:
            glance.update(self.t("home.glance_empty"))
        self.figures_drawn = True
