"""The break rhythm inside the app.

One timer, re-armed after every tick for the next moment anything can change (a
heads-up, a due break, the figure Home shows), at least once a minute and once a second
only while a screen shows seconds. Reminders never take keystrokes: while the user types
in a text field a banner appears instead of the break screen. Desktop notifications are
sent from a worker thread. Rules live in companion.core.breaks; this module decides
only what to show, and when.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from datetime import timedelta
from typing import TYPE_CHECKING, Any, TypeVar

from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, Select, TextArea

from companion.core.activities import Activity, activities_from
from companion.core.breaks import LOOKS_EVERY, Event, Kind, Phase
from companion.core.daytime import day_window
from companion.core.journal import EntryError
from companion.services.breaks import BreakKeeper, BreakView
from companion.services.journal.service import entry_problem
from companion.services.messages import store_error
from companion.services.routine import ENERGY_OFFERED, RELEASE_OFFERED
from companion.store.errors import StoreError
from companion.system.content import load_pack
from companion.system.i18n import Strings, format_time
from companion.system.notify import Delivery, send_desktop
from companion.ui.breaks import text as break_text
from companion.ui.privacy.guard import needs_journal
from companion.ui.shell.home import HomeScreen
from companion.ui.shell.messages import RhythmTick
from companion.ui.widgets.break_banner import BreakBanner

if TYPE_CHECKING:
    from companion.ui.app import CompanionApp
    from companion.ui.routine.energy import EnergyScreen
    from companion.ui.routine.release import ReleaseScreen

# The rhythm's own screens are imported where they open: none is needed to show Home,
# and leaving them out of start-up gets the first screen up sooner.

# The longest the timer sleeps: catches a suspend or a clock change soon enough, and a
# longer gap between looks is taken for time away (core.breaks._time_away).
SLOW = LOOKS_EVERY
BANNER_POLL = 5.0  # while a reminder waits for the user to leave a text field or a calm screen
MIN_DELAY = 0.05
AFTER = 0.02  # wake just after a boundary, never just before it
TEXT_FIELDS = (Input, TextArea, Select)  # where Enter or a letter means something else
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
)
T = TypeVar("T")


class BreakRhythm:
    def __init__(self, app: CompanionApp) -> None:
        self.app = app
        services = app.services

        def settings() -> Any:
            return services.config.settings

        self.keeper = BreakKeeper(services.stores, services.clock, settings)
        self.routine = services.routine
        self.send: Callable[..., Delivery] = send_desktop  # tests put a fake here
        self.timer: Timer | None = None
        self._told_desktop = False
        self._held = False  # a due reminder waiting for breathing, SOS or a dialog to end
        self._activities: tuple[str, list[Activity]] | None = None
        app.glance_providers.append(self.glance)
        for attr in WATCHED:
            app.setting_hooks.setdefault(attr, []).append(lambda _value: self.tick())

    @property
    def t(self) -> Strings:
        return self.app.strings

    # -- life cycle ----------------------------------------------------------------------
    def start(self) -> None:
        self._handle(self.keeper.open())
        in_shift = self.keeper.view().phase != Phase.OFF
        offer = self._guarded(lambda: self.routine.launched(in_shift), False)
        if offer and isinstance(self.app.screen, HomeScreen):
            self.offer_energy()
        self._changed()

    def stop(self) -> None:
        if self.timer is not None:
            self.timer.stop()
        self.keeper.close()

    def tick(self) -> None:
        self._handle(self.keeper.tick())
        self._changed()

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
        redraw_in = getattr(self.app.screen, "redraw_in", None)
        if callable(redraw_in):
            screen_wait = redraw_in()
            if screen_wait is not None:
                waits.append(screen_wait + AFTER)
        if self.app.screen.query(BreakBanner) or self._held:
            waits.append(BANNER_POLL)
        return max(MIN_DELAY, min(waits))

    def _changed(self) -> None:
        self._welcome_back()
        self._show_reminder()
        problem = self.keeper.take_problem()
        if problem is not None:
            self._tell(store_error(problem, self.t), severity="error")
        self.app.screen.post_message(RhythmTick())
        self.reschedule()

    def _welcome_back(self) -> None:
        """Back on a new day with the app left open: the energy station, once a day."""
        away_since = self.keeper.take_back_from()
        if away_since is None:
            return
        in_shift = self.keeper.view().phase != Phase.OFF
        if self._guarded(lambda: self.routine.came_back(away_since, in_shift), False):
            self.offer_energy()

    # -- what the rhythm says --------------------------------------------------------------
    def view(self) -> BreakView:
        return self.keeper.view()

    def status_line(self) -> str:
        now = self.app.services.clock.now()
        return break_text.status_line(self.view(), now, self.app.key_for("take_break"), self.t)

    def status_redraw_in(self) -> float | None:
        return break_text.next_redraw(self.view())

    def glance(self, _services: Any, t: Strings) -> list[tuple[str, str]]:
        today = self.keeper.today()
        if not today.any:
            return []
        figures = t(
            "breaks.home.counts",
            taken=str(today.taken),
            postponed=str(today.postponed),
            skipped=str(today.skipped),
        )
        return [(t("breaks.home.counts_label"), figures)]

    def activities(self) -> list[Activity]:
        lang = self.t.lang
        if self._activities is None or self._activities[0] != lang:
            self._activities = (lang, activities_from(load_pack(lang, "activities")))
        return self._activities[1]

    def _handle(self, events: list[Event]) -> None:
        t = self.t
        for event in events:
            if event.kind == Kind.HEADS_UP:
                seconds = self.view().seconds_left or 0
                left = break_text.span(seconds, t)
                # Gone by the time the break is due, so it never sits on the break screen.
                self._tell(t("breaks.toast.heads_up", time=left), timeout=max(3, min(30, seconds)))
                self._desktop(
                    t("breaks.notify.heads_up_title", time=left), t("breaks.notify.heads_up_body")
                )
            elif event.kind == Kind.DUE:
                length = break_text.length(self.keeper.rules().length, t)
                bell = self.app.services.config.settings.break_bell
                if bell:
                    self.app.bell()
                self._desktop(
                    t("breaks.notify.due_title"),
                    t("breaks.notify.due_body", length=length),
                    bell_if_undelivered=not bell,
                )
            elif event.kind == Kind.NATURAL and event.fields.get("cause") == "suspend":
                away = break_text.span(float(event.fields.get("seconds", 0)), t)
                self._tell(t("breaks.toast.natural", away=away))
            elif event.kind == Kind.ENDED and not self._break_screen_shown():
                self._tell(t("breaks.toast.ended"))
            elif event.kind == Kind.DND_OFF and event.fields.get("ended") == "expired":
                self._tell(t("breaks.toast.dnd_off"))
            elif event.kind == Kind.SHIFT_START:
                if self._guarded(self.routine.shift_started, False):
                    self.offer_energy()
            elif event.kind == Kind.SHIFT_END and self._guarded(self.routine.shift_ended, False):
                self.offer_release()

    # -- reminders on screen ---------------------------------------------------------------
    def _break_screen_shown(self) -> bool:
        from companion.ui.breaks.screen import BreakScreen

        return any(isinstance(screen, BreakScreen) for screen in self.app.screen_stack)

    def _in_the_middle(self) -> bool:
        """Breathing, SOS or a dialog: a break reminder waits until it is over, then
        shows (the desktop notification has already said it is time)."""
        screen = self.app.screen
        return getattr(screen, "calm", None) is not None or isinstance(screen, ModalScreen)

    def _typing(self) -> bool:
        """In a field of a form: the reminder is a banner, so no keystroke is lost."""
        return isinstance(self.app.focused, TEXT_FIELDS)

    def _show_reminder(self) -> None:
        """A due break: the break screen, a banner while the user is typing, or nothing
        yet while they breathe, reset or answer a dialog."""
        due = self.view().phase == Phase.DUE and not self._break_screen_shown()
        self._held = due and self._in_the_middle()
        wants_banner = due and not self._held and self._typing()
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

    def _guarded(self, action: Callable[[], T], default: T) -> T:
        try:
            return action()
        except StoreError as error:
            self._tell(store_error(error, self.t), severity="error", timeout=15)
            return default

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
        and once a run a word that the reminders stay in the app."""
        if delivery.ok:
            return
        if bell_if_undelivered:
            self.app.bell()
        if self._told_desktop:
            return
        self._told_desktop = True
        code = f"doctor.notify_{delivery.reason}"
        reason = self.t(code) if self.t.has(code) else delivery.reason
        self._tell(self.t("breaks.toast.desktop_unavailable", reason=reason), timeout=15)

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
        self._guarded(lambda: self.keeper.rate(before, after), None)

    def postpone(self) -> None:
        if self._did(self.keeper.postpone(), Kind.POSTPONED):
            left = break_text.span(self.view().seconds_left or 0, self.t)
            self._tell(self.t("breaks.toast.postponed", time=left))
        self._changed()

    def after_chat(self) -> None:
        if self._did(self.keeper.after_chat(), Kind.AFTER_CHAT):
            left = break_text.span(self.view().seconds_left or 0, self.t)
            key = self.app.key_for("take_break")
            self._tell(self.t("breaks.toast.after_chat", key=key, time=left), timeout=12)
        self._changed()

    def skip(self) -> None:
        if self._did(self.keeper.skip(), Kind.SKIPPED):
            every = break_text.length(self.keeper.rules().every, self.t)
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

    # -- the shift routine -------------------------------------------------------------------
    def offer_energy(self) -> None:
        self._guarded(lambda: self.routine.offered(ENERGY_OFFERED), None)
        from companion.ui.routine.energy import EnergyScreen

        self._offer(EnergyScreen, "routine.energy.offer", "energy")

    def offer_release(self) -> None:
        self._guarded(lambda: self.routine.offered(RELEASE_OFFERED), None)
        from companion.ui.routine.release import ReleaseScreen

        self._offer(ReleaseScreen, "routine.release.offer", "release")

    def _offer(self, screen: type[EnergyScreen | ReleaseScreen], message: str, key: str) -> None:
        # Never over typing, a break, breathing, SOS, the privacy blank or a dialog: a
        # toast says where to find it instead.
        if self._typing() or self._break_screen_shown() or self._in_the_middle():
            self._tell(self.t(message, key=self.app.key_for(key)), timeout=20)
        else:
            self.open(screen)

    @needs_journal  # their answers are kept in the journal
    def open(self, screen: type[EnergyScreen | ReleaseScreen]) -> None:
        if not isinstance(self.app.screen, screen):
            self.app.push_screen(screen())

    def save_intention(self, intention: str, feeling: str | None) -> bool:
        """Keep the energy station's answers; False (and said why) if they could not be."""
        try:
            self.routine.save_intention(intention, feeling)
        except StoreError as error:
            self._tell(store_error(error, self.t), severity="error", timeout=15)
            return False
        except EntryError as error:  # the journal's check refused it: what to fix
            self._tell(entry_problem(error, self.t), severity="warning", timeout=15)
            return False
        return True

    def save_release(self, went_well: str, let_go: str) -> bool:
        try:
            entry = self.routine.save_release(went_well, let_go)
        except StoreError as error:
            self._tell(store_error(error, self.t), severity="error", timeout=15)
            return False
        except EntryError as error:
            self._tell(entry_problem(error, self.t), severity="warning", timeout=15)
            return False
        self._tell(self.t("routine.release.saved" if entry else "routine.release.nothing"))
        return True
