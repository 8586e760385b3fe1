"""The break rhythm inside the app.

One timer, re-armed after every tick for the next moment anything can change (a
heads-up, a due break, the figure Home shows), at least once a minute and once a second
only while a screen shows seconds. Reminders never take keystrokes: while the user types
in a text field a banner appears instead of the break screen. Desktop notifications are
sent from a worker thread. Rules live in companion.core.breaks; this module decides
only what to show, and when.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import suppress
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from textual.timer import Timer

from companion.core.activities import Activity, ideas_for
from companion.core.breaks import LOOKS_EVERY, Event, Kind, Phase
from companion.core.daytime import day_window
from companion.services.breaks import BreakKeeper, BreakView
from companion.system.i18n import Strings, format_length, format_span, format_time
from companion.system.notify import Delivery, send_desktop
from companion.ui.breaks import news
from companion.ui.breaks import text as break_text
from companion.ui.breaks.away_watch import AwayWatch
from companion.ui.breaks.contacts import ContactFlow
from companion.ui.breaks.micro import MicroPauses
from companion.ui.shell.attention import in_the_middle, on_break, typing
from companion.ui.shell.base import Translated
from companion.ui.shell.messages import RhythmTick, ShiftMoment
from companion.ui.shell.naming_keys import naming_key
from companion.ui.widgets.break_banner import BreakBanner

if TYPE_CHECKING:
    from companion.system.idle import IdleReading
    from companion.ui.app import CompanionApp

# The rhythm's own screens are imported where they open: none is needed to show Home,
# and leaving them out of start-up gets the first screen up sooner. Moments that matter
# to the shift routine are posted to the app as ShiftMoment; the routine owns them.

# The longest the timer sleeps: catches a suspend or a clock change soon enough, and a
# longer gap between looks is taken for time away (core.breaks._time_away).
SLOW = LOOKS_EVERY
AWAY_CAUSES = ("suspend", "idle", "locked")  # time away that is told ("welcome back")
BANNER_POLL = 5.0  # while a reminder waits for the user to leave a text field or a calm screen
MIN_DELAY = 0.05
AFTER = 0.02  # wake just after a boundary, never just before it
WATCHED = (  # settings after which the rhythm looks again at once
    "language",
    "break_every",
    "break_length",
    "break_heads_up",
    "break_postpone",
    "break_max_postpones",
    "break_after_chat",
    "shift_hours",
    "shift_start",
    "shift_end",
    "shift_days",
    "micro_pauses",
)


class BreakRhythm:
    def __init__(self, app: CompanionApp) -> None:
        self.app = app
        services = app.services

        def settings() -> Any:
            return services.config.settings

        self.keeper = BreakKeeper(services.stores, services.clock, settings)
        self.send: Callable[..., Delivery] = send_desktop  # tests put a fake here
        self.timer: Timer | None = None
        self._told_desktop = False
        self._held = False  # a due reminder waiting for breathing, SOS or a dialog to end
        self.away = AwayWatch(app)  # the desktop's idle time, read in a worker
        self.contacts = ContactFlow(self)  # the contact key, and what commands left
        self.micro = MicroPauses(self)
        app.glance_providers.append(self.glance)
        for attr in WATCHED:
            app.preferences.on_change(attr, lambda _value: self.tick())

    @property
    def t(self) -> Strings:
        return self.app.strings

    # -- life cycle ----------------------------------------------------------------------
    def start(self) -> None:
        self._handle(self.keeper.open())
        # Told after the first frame: what the shift routine offers at launch (its
        # service and the day's state, ~10 ms) can wait until Home is on the screen.
        launched = ShiftMoment("launched", in_shift=self._in_shift())
        self.app.call_after_refresh(self.app.post_message, launched)
        self._changed()
        self.away.start()
        self.contacts.start()
        self.contacts.look()  # contacts and do-not-disturb asked for while it was closed

    def _in_shift(self) -> bool:
        return self.keeper.view().phase != Phase.OFF

    def stop(self) -> None:
        if self.timer is not None:
            self.timer.stop()
        self.contacts.stop()
        self.away.close()
        self.keeper.close()

    def tick(self) -> None:
        if not self.app.screen_stack:
            return  # the app is closing (its screens are gone before it unmounts)
        self._handle(self.keeper.tick())
        self._changed()

    def screen_changed(self) -> None:
        """Another screen came to the front: time the next look for what it shows (once
        the rhythm runs; beside an open app it never does)."""
        if self.timer is not None:
            self.reschedule()

    def reschedule(self) -> None:
        if self.timer is not None:
            self.timer.stop()
        self.timer = self.app.set_timer(self.delay(), self.tick, name="break rhythm")

    def delay(self) -> float:
        """Seconds until anything on screen or in the rhythm can change."""
        waits = [SLOW]
        change = self.keeper.seconds_to_next_change()
        if change is not None:
            waits.append(change + AFTER)
        screen = self.app.screen
        screen_wait = screen.redraw_in() if isinstance(screen, Translated) else None
        if screen_wait is not None:
            waits.append(screen_wait + AFTER)
        if self.app.screen.query(BreakBanner) or self._held:
            waits.append(BANNER_POLL)
        return max(MIN_DELAY, min(waits))

    def _changed(self) -> None:
        self.micro.check()
        self._welcome_back()
        self._show_reminder()
        problem = self.keeper.take_problem()
        if problem is not None:
            self.app.tell_store_error(problem)
        self.app.screen.post_message(RhythmTick())
        self.reschedule()

    def _welcome_back(self) -> None:
        """Back on a new day with the app left open: the energy station, once a day."""
        away_since = self.keeper.take_back_from()
        if away_since is not None:
            moment = ShiftMoment("came_back", in_shift=self._in_shift(), away_since=away_since)
            self.app.post_message(moment)

    # -- what the rhythm says --------------------------------------------------------------
    def view(self) -> BreakView:
        return self.keeper.view()

    def status_line(self) -> str:
        now = self.app.services.clock.now()
        return break_text.status_line(self.view(), now, self.app.key_for("take_break"), self.t)

    def status_redraw_in(self) -> float | None:
        return break_text.next_redraw(self.view())

    def glance(self, _services: Any, t: Strings) -> list[tuple[str, str]]:
        rows = self.contacts.glance(t)
        today = self.keeper.today()
        if not today.any:
            return rows
        figures = t(
            "breaks.home.counts",
            taken=str(today.taken),
            postponed=str(today.postponed),
            skipped=str(today.skipped),
        )
        return [(t("breaks.home.counts_label"), figures), *rows]

    # -- what issue 19 added: the desktop, micro-pauses, contacts, the peak day ----------
    def desktop_read(self, reading: IdleReading | None) -> None:
        """The desktop's idle time and lock state, read in a worker (see away_watch)."""
        if reading is not None:
            self._handle(self.keeper.desktop(reading.idle_seconds, reading.locked))
            self._changed()

    def toggle_peak(self) -> None:
        on = not self.view().peak
        self._handle(self.keeper.set_peak(on))
        self._tell(self.t("breaks.peak.on" if on else "breaks.peak.off"), timeout=12)
        self._changed()

    def handle(self, events: Iterable[Event]) -> None:
        self._handle(events)

    def changed(self) -> None:
        self._changed()

    def tell(self, message: str) -> None:
        self._tell(message)

    def activities(self, seconds: float | None = None) -> list[Activity]:
        """Break ideas (the person's own after the built-in ones); with ``seconds``,
        only those that fit a pause that long."""
        ideas = self.app.services.library.break_ideas(self.t.lang)
        return ideas if seconds is None else ideas_for(ideas, seconds)

    def _handle(self, events: Iterable[Event]) -> None:
        t = self.t
        for event in events:
            if event.kind == Kind.HEADS_UP:
                seconds = self.view().seconds_left or 0
                left = format_span(seconds, t)
                # Gone by the time the break is due, so it never sits on the break screen.
                self._tell(t("breaks.toast.heads_up", time=left), timeout=max(3, min(30, seconds)))
                self._desktop(
                    t("breaks.notify.heads_up_title", time=left), t("breaks.notify.heads_up_body")
                )
            elif event.kind == Kind.DUE:
                length = format_length(self.keeper.rules().length, t)
                bell = self.app.services.config.settings.break_bell
                if bell:
                    self.app.bell()
                self._desktop(
                    t("breaks.notify.due_title"),
                    t("breaks.notify.due_body", length=length),
                    bell_if_undelivered=not bell,
                )
            elif event.kind == Kind.NATURAL and event.fields.get("cause") in AWAY_CAUSES:
                away = format_span(float(event.fields.get("seconds", 0)), t)
                self._tell(t("breaks.toast.natural", away=away))
            elif event.kind == Kind.ENDED and event.fields.get("counted") is False:
                # Cut short: said as it was, kindly, with when it comes back.
                again = format_span(self.view().seconds_left or 0, t)
                self._tell(t("breaks.toast.ended_short", time=again))
            elif event.kind == Kind.ENDED and not self._break_screen_shown():
                self._tell(t("breaks.toast.ended"))
            elif event.kind == Kind.DND_OFF and event.fields.get("ended") == "expired":
                self._tell(t("breaks.toast.dnd_off"))
            elif event.kind == Kind.SHIFT_START:
                self.app.post_message(ShiftMoment("started"))
            elif event.kind == Kind.SHIFT_END:
                self.app.post_message(ShiftMoment("ended"))
            else:
                news.tell(self, event)

    # -- reminders on screen ---------------------------------------------------------------
    def _break_screen_shown(self) -> bool:
        return on_break(self.app)

    def _show_reminder(self) -> None:
        """A due break: the break screen, a banner while the user is typing, or nothing
        yet while they breathe, reset or answer a dialog."""
        # Breathing, SOS or a dialog: the reminder waits until it is over, then shows (the
        # desktop notification has already said it is time).
        due = self.view().phase == Phase.DUE and not self._break_screen_shown()
        self._held = due and in_the_middle(self.app)
        wants_banner = due and not self._held and typing(self.app)
        for screen in self.app.screen_stack:
            for banner in screen.query(BreakBanner):
                if not wants_banner or screen is not self.app.screen:
                    banner.remove()
        if wants_banner:
            text = self.t("breaks.banner.due")
            shown = self.app.screen.query(BreakBanner)
            if shown:
                shown.first().update(text)  # (the language may have changed meanwhile)
            else:
                self.app.screen.mount(BreakBanner(text))
        elif due and not self._held:
            self._push_break_screen()

    def _push_break_screen(self) -> None:
        if not self._break_screen_shown():
            seed = int(self.app.services.clock.now().timestamp())
            from companion.ui.breaks.screen import BreakScreen

            self.app.push_screen(BreakScreen(seed))

    def _tell(self, message: str, severity: str = "information", timeout: float = 8) -> None:
        self.app.notify(message, severity=severity, timeout=timeout, markup=False)  # type: ignore[arg-type]

    # -- desktop notifications ---------------------------------------------------------------
    def _desktop(self, title: str, body: str, bell_if_undelivered: bool = False) -> None:
        """Send a desktop notification from a worker thread. A due break that could not
        reach the desktop rings the terminal bell once instead (``bell_if_undelivered``),
        so a reminder is never only a toast in a window the agent is not looking at."""
        if not self.app.services.config.settings.break_notify:
            return
        env, send, app = dict(self.app.services.env), self.send, self.app

        def deliver() -> None:
            delivery = send(title, body, env=env)
            with suppress(Exception):  # the app closed meanwhile: nobody to tell
                app.call_from_thread(self._delivered, delivery, bell_if_undelivered)

        app.run_worker(deliver, thread=True, group="desktop", exit_on_error=False)

    def _delivered(self, delivery: Delivery, bell_if_undelivered: bool = False) -> None:
        """The fallback for a notification that did not arrive: the bell for a due break,
        and once (not at every start) one calm line that the reminders stay in the app."""
        if delivery.ok:
            return
        if bell_if_undelivered:
            self.app.bell()
        if self._told_desktop or self.keeper.desktop_told():
            return  # said once, ever: why is `companion doctor`'s to explain
        self._told_desktop = True
        self.keeper.mark_desktop_told()
        self._tell(self.t("breaks.toast.desktop_unavailable"), timeout=8)

    # -- what the user chose -----------------------------------------------------------------
    def start_break(self) -> None:
        self._handle(self.keeper.start_break())
        if self.view().phase == Phase.ON_BREAK:
            self._push_break_screen()
        self._changed()

    def _did(self, events: list[Event], kind: Kind) -> bool:
        """Handle what an intent brought about; did it do what was asked?"""
        self._handle(events)
        return any(event.kind == kind for event in events)

    def end_break(self) -> None:
        self._did(self.keeper.end_break(), Kind.ENDED)
        self._changed()

    def rate_break(self, before: int | None, after: int | None) -> None:
        """Keep the optional 0-10 tension ratings of the break that just ended."""
        self.app.guard(lambda: self.keeper.rate(before, after))

    def postpone(self) -> None:
        if self._did(self.keeper.postpone(), Kind.POSTPONED):
            left = format_span(self.view().seconds_left or 0, self.t)
            self._tell(self.t("breaks.toast.postponed", time=left))
        self._changed()

    def after_chat(self) -> None:
        if self._did(self.keeper.after_chat(), Kind.AFTER_CHAT):
            left = format_span(self.view().seconds_left or 0, self.t)
            # The key that works where the person is now (k types into the journal's
            # search, for one), or the one to press on Home.
            line = naming_key(self.app, "take_break", "breaks.toast.after_chat", time=left)
            self._tell(line, timeout=12)
        self._changed()

    def skip(self) -> None:
        if self._did(self.keeper.skip(), Kind.SKIPPED):
            every = format_length(self.keeper.rules().every, self.t)
            self._tell(self.t("breaks.toast.skipped", every=every))
        self._changed()

    def open_dnd(self) -> None:
        from companion.ui.breaks.dnd import DndScreen

        if not isinstance(self.app.screen, DndScreen):
            view = self.view()
            self.app.push_screen(
                DndScreen(view.dnd_until, self.keeper.shift_end()), callback=self.set_dnd
            )

    def set_dnd(self, choice: str | None) -> None:
        if not choice:
            return
        now = self.app.services.clock.now()
        if choice == "off":
            self._handle(self.keeper.clear_dnd())
            self._tell(self.t("breaks.toast.dnd_off"))
            self._changed()
            return
        if choice == "end":
            until = self.keeper.shift_end() or day_window(now)[1]
        else:
            until = now + timedelta(minutes=int(choice))
        self._handle(self.keeper.set_dnd(until))
        shown = format_time(until.astimezone(now.tzinfo), self.t)
        self._tell(self.t("breaks.toast.dnd_on", time=shown))
        self._changed()
