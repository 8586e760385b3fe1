"""Home: a greeting, today at a glance, and where to go from here.

The glance counts today's journal entries and practice: it reads the journal's segment
of today only (kept until it changes), and is filled in after the first paint, so the
screen appears as soon as it can.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import Footer, Static

from companion.core.daytime import part_of_day
from companion.system.i18n import format_day, format_time
from companion.ui.actions import ACTIONS
from companion.ui.shell.base import CompanionScreen
from companion.ui.shell.messages import RhythmTick
from companion.ui.widgets.columns import key_grid, two_columns

REFRESH_SECONDS = 30  # the clock on Home shows minutes; nothing here needs seconds


class HomeScreen(CompanionScreen):
    footer_app_keys = True
    _timer: Timer | None = None
    _painted = False  # the glance waits for the first paint

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(id="home", classes="page"):
            yield Static(id="greeting", markup=False)
            yield Static(id="today", classes="muted", markup=False)
            yield Static(id="break-status", markup=False)
            yield Static(id="care-line", markup=False)
            yield Static(t("home.glance_title"), classes="section-title", markup=False)
            yield Static(id="glance", markup=False)
            yield Static(t("home.keys_title"), classes="section-title", markup=False)
            yield Static(id="home-keys")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_view()
        self._timer = self.set_interval(REFRESH_SECONDS, self.refresh_view)
        self.call_after_refresh(self._first_glance)

    def _first_glance(self) -> None:
        self._painted = True
        self._draw_glance()

    def on_screen_suspend(self) -> None:
        if self._timer is not None:
            self._timer.pause()

    def on_screen_resume(self) -> None:
        self.refresh_view()
        if self._timer is not None:
            self._timer.resume()

    def on_rhythm_tick(self, _message: RhythmTick) -> None:
        self.refresh_view()

    def redraw_in(self) -> float | None:
        """When the next-break line shows another figure (the app's timer asks)."""
        return self.companion.break_redraw_in()

    def refresh_view(self) -> None:
        t = self.t
        now = self.companion.services.clock.now()
        self.query_one("#greeting", Static).update(t(f"home.greeting_{part_of_day(now)}"))
        self.query_one("#today", Static).update(
            f"{format_day(now.date(), t)} · {format_time(now, t)}"
        )
        self.query_one("#break-status", Static).update(self.companion.break_line())
        if self._painted:
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
