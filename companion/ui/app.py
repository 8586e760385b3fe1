"""CompanionApp: the shell. Global keys, the command palette, screens, language and
theme, and the unexpected.

Each feature's flow is an object of its own (``app.journal``, ``app.calm``,
``app.rhythm``...), built here; every app-wide key runs a handler from the action
registry (ui/actions.py); and the messages features post to each other
(BreathingWanted, ReframeWanted, DayClosed, ShiftMoment, JournalLocked) or their workers
post (WeekComputed) are handed here to the feature that owns what follows. Rules live
in companion.core and the services.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from textual import events, on
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType, Keymap
from textual.command import Provider
from textual.events import Resize
from textual.reactive import Initialize, Reactive
from textual.screen import Screen

from companion.core.keys import default_keys
from companion.services.container import Services
from companion.services.intent import StartIntent
from companion.services.messages import store_error
from companion.store.errors import StoreError
from companion.system.i18n import Strings
from companion.ui.actions import BY_ID, app_bindings
from companion.ui.breaks.away_watch import DesktopRead
from companion.ui.breaks.rhythm import BreakRhythm
from companion.ui.calm.flow import CalmFlow
from companion.ui.care.flow import CareFlow
from companion.ui.insights.flow import InsightsFlow, WeekComputed
from companion.ui.journal.flow import JournalFlow
from companion.ui.practice.flow import PracticeFlow
from companion.ui.privacy.guard import CHECK_SECONDS as IDLE_CHECK_SECONDS
from companion.ui.privacy.guard import JournalGuard
from companion.ui.routine.flow import RoutineFlow
from companion.ui.shell.base import quit_keeping_input
from companion.ui.shell.collector import collector_back
from companion.ui.shell.crash import crash_message, note_crash
from companion.ui.shell.glance import journal_glance, practice_glance
from companion.ui.shell.home import HomeScreen
from companion.ui.shell.key_route import KeyRoute
from companion.ui.shell.messages import (
    BreathingWanted,
    DayClosed,
    JournalLocked,
    ReframeWanted,
    ReportWanted,
    ShiftMoment,
    StoreProblemFound,
)
from companion.ui.shell.palette import Commands, palette_commands
from companion.ui.shell.preferences import Preferences
from companion.ui.shell.rooms_css import style_rooms
from companion.ui.shell.start_notes import tell_late_problems, tell_start_problems
from companion.ui.shell.themes import first_theme
from companion.ui.shell.too_small import fit_window
from companion.ui.shell.typed_keys import after_typed_keys
from companion.ui.shell.unsaved import keep_unsaved_input
from companion.ui.widgets.prose import toast_text
from companion.ui.widgets.tension import TensionScale

# Screens other than Home are imported where they open, so the first screen comes up
# sooner.

WELCOME_KEY = "welcome_done"

GlanceProvider = Callable[[Services, Strings], Iterable[tuple[str, str]]]
T = TypeVar("T")


class CompanionApp(App[None]):
    CSS_PATH = "app.tcss"
    BINDINGS: ClassVar[list[BindingType]] = app_bindings()
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {Commands}
    # The person's theme is the first one Textual reads (see themes.first_theme).
    theme: Reactive[str] = Reactive(Initialize(lambda app: first_theme(app, app.theme_setting)))

    def __init__(
        self,
        services: Services,
        *,
        quiet_errors: bool = True,
        intent: StartIntent | None = None,
    ) -> None:
        self.theme_setting = services.config.settings.theme  # read by first_theme
        super().__init__()
        self.services = services
        self.intent = intent  # what to open at start instead of only Home
        self.strings = services.strings()
        self.quiet_errors = quiet_errors
        self.crash_log: Path | None = None
        self.backups_told: set[str] = set()  # stores whose failed backup was told
        # A quit that could not keep what was typed stays open once (see
        # quit_keeping_input); the next one closes.
        self.quit_refused = False
        self.mounted = False  # until on_mount (see on_resize)
        # Home's "today at a glance": (label, value) rows from each feature, in the order
        # they register: the journal, breaks (the rhythm adds its own), practice.
        self.glance_providers: list[GlanceProvider] = [journal_glance]
        self.preferences = Preferences(self)
        self.keys = KeyRoute(self, lambda key: App.on_event(self, key))  # (Textual's way on)
        # The features, each a small object that knows this app (ui/actions.py says
        # which key runs what).
        self.privacy = JournalGuard(self)  # the journal's lock, blank screen, passphrase
        self.journal = JournalFlow(self)
        self.calm = CalmFlow(self)  # breathing and SOS
        self.rhythm = BreakRhythm(self)  # breaks: one timer, reminders, notifications
        self.routine = RoutineFlow(self)  # energy station and letting the day go
        self.practice = PracticeFlow(self)  # reframing and the practice room
        self.insights = InsightsFlow(self)
        self.care = CareFlow(self)  # help lines, and offering them after heavy moments
        self.glance_providers.append(practice_glance)
        # The person's own keys ([keys] in config.toml, already checked), before the
        # first screen is drawn so its footer shows them. Read once at start: Settings
        # has no key editor, so they change only when the file does.
        self.keymap: dict[str, str] = {}
        self.set_keymap(services.config.settings.keymap())
        # A file of the journal found damaged later (read in a worker, say) is told
        # like the problems found at start.
        services.stores.journal.on_problem = lambda p: self.post_message(StoreProblemFound(p))

    # -- start -------------------------------------------------------------------
    @property
    def beside(self) -> bool:
        """Opened beside a running companion, for one thing only (see StartIntent)."""
        return self.intent is not None and self.intent.beside

    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        style_rooms(self)  # every screen but Home has its rules there
        return super().push_screen(screen, *args, **kwargs)

    def get_default_screen(self) -> Screen[Any]:
        # Home is the bottom of the stack, made with the app's first batch of work:
        # pushed from on_mount instead, it was laid out and rendered inside that batch,
        # where Textual draws nothing, and then again for the first frame. Beside an
        # open app there is no Home, only what was asked for (see on_mount).
        return super().get_default_screen() if self.beside else HomeScreen()

    def on_mount(self) -> None:
        self.mounted = True
        self.title = self.strings("app.title")
        if self.intent is not None and self.intent.beside:
            self.run_intent(self.intent)
            self.check_size(self.size.width, self.size.height)
            self.call_after_refresh(collector_back)
            return
        if self.intent is not None:
            # Asked for something specific (e.g. `companion breathe`): do that; the
            # welcome tour can wait for a plain start.
            self.run_intent(self.intent)
        elif self._first_run():
            self.welcome()
        tell_start_problems(self)  # what could not be read or was skipped
        self.check_size(self.size.width, self.size.height)
        # The rhythm's saved state is loaded before any key can act on it (a `k` typed
        # while the app starts must not save over a do-not-disturb); what can wait a
        # frame waits, so the first screen appears as soon as it can.
        self.rhythm.start()
        self.call_after_refresh(self._settle)

    def _settle(self) -> None:
        collector_back()
        stack = self.screen_stack  # (empty if the app is closing already)
        if stack and isinstance(home := stack[0], HomeScreen):
            # Before the start's notices: reading today's journal may take that part's
            # daily backup, and one that fails is told with the others.
            home.show_figures()
        from companion.ui.shell.autostart_setting import install as install_autostart_switch

        tell_late_problems(self)  # packs skipped, a backup not written
        install_autostart_switch(self)
        self.set_interval(IDLE_CHECK_SECONDS, self.privacy.check_idle)
        if self.intent is None and not self._first_run():
            self.practice.ask_follow_up()  # yesterday's reframe: how did it turn out? (once)
            self.journal.offer_draft()  # writing left unsaved last time

    def on_unmount(self) -> None:
        if not self.beside:  # the rhythm's state belongs to the app that runs it
            self.rhythm.stop()

    async def on_event(self, event: events.Event) -> None:
        self.privacy.seen(event)  # idle time, for the journal's auto-lock
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            await self.keys.take(event)  # in order, to the screen typed for (key_route.py)
            return
        await super().on_event(event)

    def _first_run(self) -> bool:
        if self.services.stores.activity.problem is not None:
            return False  # it was set aside or can't be read: it is not a first run
        try:
            return not self.services.stores.state.get(WELCOME_KEY, False)
        except StoreError:
            return False

    def may(self, action_id: str) -> bool:
        """Beside a running companion, only the registry's ``beside`` actions run."""
        action = BY_ID.get(action_id)
        return not self.beside or (action is not None and action.beside)

    def run_intent(self, intent: StartIntent) -> None:
        handler = BY_ID[intent.action].handler(self)
        handler(**intent.arguments, exit_when_done=intent.exit_when_done)

    def _welcome_done(self, _result: object = None) -> None:
        self.guard(lambda: self.services.stores.state.set(WELCOME_KEY, True))

    # -- storage problems, told one way -----------------------------------------------
    def tell_store_error(self, error: StoreError) -> None:
        self.notify(store_error(error, self.strings), severity="error", timeout=15, markup=False)

    def attempt(self, call: Callable[[], T], default: T) -> T:
        """Run a store call; on a storage problem say so kindly, keep running, and give
        ``default``."""
        try:
            return call()
        except StoreError as error:
            self.tell_store_error(error)
            return default

    def guard(self, write: Callable[[], object]) -> bool:
        """Run a store write; False (and said why) if it could not be done."""

        def wrote() -> bool:
            write()
            return True

        return self.attempt(wrote, False)

    # -- messages from the features --------------------------------------------------
    @on(BreathingWanted)
    def _breathing_wanted(self, message: BreathingWanted) -> None:
        self.calm.breathe_for(message)

    @on(ReframeWanted)
    def _reframe_wanted(self, message: ReframeWanted) -> None:
        self.practice.reframe_entry(message.entry_id)

    @on(ReportWanted)
    def _report_wanted(self, message: ReportWanted) -> None:
        self.calm.show_report(message.text)

    @on(DayClosed)
    def _day_closed(self) -> None:
        self.insights.offer_week_summary()

    @on(WeekComputed)
    def _week_computed(self, message: WeekComputed) -> None:
        self.insights.show_summary(message.week, message.found)

    @on(ShiftMoment)
    def _shift_moment(self, message: ShiftMoment) -> None:
        self.routine.moment(message)

    @on(StoreProblemFound)
    def _store_problem_found(self, message: StoreProblemFound) -> None:
        from companion.ui.shell.store_problem import tell_found

        tell_found(self, message.problem)  # type: ignore[arg-type]

    @on(JournalLocked)
    def _journal_locked(self) -> None:
        self.services.journal.forget()  # no journal text stays in memory behind the lock
        self.insights.journal_locked()

    @on(TensionScale.Rated)
    def _tension_rated(self, message: TensionScale.Rated) -> None:
        self.care.rated(message)

    @on(DesktopRead)
    def _desktop_read(self, message: DesktopRead) -> None:
        self.rhythm.desktop_read(message.reading)

    # -- what screens show ----------------------------------------------------------
    def today_glance(self) -> list[tuple[str, str]]:
        """Today's real figures as (label, value) rows; features add their providers."""
        rows: list[tuple[str, str]] = []
        for provider in self.glance_providers:
            try:
                rows.extend(provider(self.services, self.strings))
            except StoreError:
                continue
        return rows

    def break_line(self) -> str:
        """Home's line about the next break."""
        return self.rhythm.status_line()

    def break_redraw_in(self) -> float | None:
        """When Home's break line shows another figure."""
        return self.rhythm.status_redraw_in()

    def set_keymap(self, keymap: Keymap) -> None:
        """Textual's keymap, remembered so the app can name the keys it gives."""
        super().set_keymap(keymap)
        self.keymap = dict(keymap)

    def key_for(self, binding_id: str) -> str:
        """The key shown for an app action (its first), after the person's keymap."""
        keys = self.keymap.get(binding_id) or ",".join(default_keys(binding_id))
        first = keys.split(",")[0].strip()
        return self.get_key_display(Binding(first, "")) if first else ""

    def keys_for(self, binding_ids: list[str]) -> dict[str, str]:
        """The keys shown for several app actions."""
        return {binding_id: self.key_for(binding_id) for binding_id in binding_ids}

    # -- actions -----------------------------------------------------------------
    def action_run(self, action_id: str) -> None:
        """What every app-wide key runs: the registry's handler for ``action_id``."""
        if self.may(action_id):
            BY_ID[action_id].handler(self)()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action != "run" or not parameters:
            return True
        action_id = str(parameters[0])
        return self.may(action_id) and self.calm.allows(action_id)

    def notify(self, message: str, *, markup: bool = True, **options: Any) -> None:
        """Plain toasts fold as Chinese should (Textual breaks them only at spaces)."""
        text = message if markup else toast_text(message, self.size.width)
        super().notify(text, markup=markup, **options)

    def open_settings(self) -> None:
        from companion.ui.shell.settings import SettingsScreen

        if not isinstance(self.screen, SettingsScreen):
            self.push_screen(SettingsScreen())

    def open_help(self) -> None:
        from companion.ui.shell.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def toggle_theme(self) -> None:
        self.preferences.toggle_theme()

    def welcome(self) -> None:
        from companion.ui.shell.welcome import WelcomeScreen

        if not isinstance(self.screen, WelcomeScreen):
            self.push_screen(WelcomeScreen(), callback=self._welcome_done)

    def go_home(self) -> None:
        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()

    def action_help_quit(self) -> None:
        """ctrl+c copies in text fields; say which key quits (ctrl+q, on any screen)."""
        key = self.key_for("quit_now")
        if key:
            self.notify(self.strings("keys.quit_hint", key=key), markup=False)

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(
                CommandPalette(placeholder=self.strings("commands.search"), id="--command-palette")
            )

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        for command in palette_commands(self):
            yield SystemCommand(command.title, command.help, command.callback)

    # -- size --------------------------------------------------------------------
    def on_resize(self, event: Resize) -> None:
        # The start's own Resize comes before the app's stylesheet is applied: a screen
        # pushed then is drawn without its colours. on_mount looks at the size instead.
        if self.mounted:
            self.check_size(event.size.width, event.size.height)

    def check_size(self, width: int, height: int) -> None:
        fit_window(self, width, height)  # a notice over everything while it is too small

    def quit_keeping(self) -> None:
        """Quit (q on Home, ctrl+q, the palette) once the keys typed before it are in,
        keeping what every open screen holds unsaved as a draft, and saying so."""
        after_typed_keys(self.screen, lambda: quit_keeping_input(self))

    # -- the unexpected --------------------------------------------------------------
    def keep_unsaved_input(self) -> int:  # what every open screen holds, as drafts
        return keep_unsaved_input(self)

    def _handle_exception(self, error: Exception) -> None:
        # Textual offers no public hook for errors raised in handlers (see
        # Textualize/textual#2818), so this one private method is overridden on purpose
        # (see ui/shell/crash.py). A test pins it so a Textual upgrade cannot break it.
        self.crash_log = note_crash(self, error)
        if not self.quiet_errors:
            super()._handle_exception(error)
            return
        self.panic(crash_message(self.strings, self.crash_log))


def make_app(
    home: str | Path | None = None,
    clock: Any = None,
    lang: str | None = None,
    env: dict[str, str] | None = None,
    quiet_errors: bool = False,
    intent: StartIntent | None = None,
) -> CompanionApp:
    """The one factory used by tests, snapshots and (through cli) the real command."""
    from companion.services.container import build_services

    services = build_services(home=home, clock=clock, env=env if env is not None else {}, lang=lang)
    return CompanionApp(services, quiet_errors=quiet_errors, intent=intent)


__all__ = ["CompanionApp", "Strings", "make_app"]
