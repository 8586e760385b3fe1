"""App-wide actions, declared once: each becomes a key binding (with an id, so keys can
be remapped in config.toml's [keys]), a command-palette entry, a line of the help page
and, for most, a key on Home. The handler is what the action does, found on the app's
feature flows (``app.journal.open``...), so the registry is the one place to read what
every app-wide key does. Which key that is by default, and which keys work while typing,
is in core/keys.py, where the settings can check a person's [keys] without Textual."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from textual.binding import Binding

from companion.core.keys import KEYS

if TYPE_CHECKING:
    from companion.ui.app import CompanionApp

Handler = Callable[["CompanionApp"], Callable[..., Any]]


class AppAction(NamedTuple):
    id: str  # binding id, palette id, strings under keys.<id> and commands.<id>
    handler: Handler  # the app's method or flow method that does it
    on_home: bool = True  # listed on Home's "where to go"
    show: bool = True  # shown in Home's footer (Home's own list names them all)
    # May run in a window opened beside a running companion (``companion breathe``):
    # the calming screens, help, privacy and quitting; nothing that moves the break
    # rhythm or the shift routine, which belong to the app that is already open.
    beside: bool = False

    @property
    def binding_action(self) -> str:
        return f"run('{self.id}')"


# The order is the order of Home's list, the footer and the palette: the things an
# agent comes for first, then the shell's own keys, quitting last.
ACTIONS: tuple[AppAction, ...] = (
    AppAction("sos", lambda app: app.calm.sos, beside=True),
    AppAction("helplines", lambda app: app.care.open, on_home=False, show=False, beside=True),
    AppAction("breathe", lambda app: app.calm.breathe, beside=True, show=False),
    AppAction("take_break", lambda app: app.rhythm.start_break, show=False),
    AppAction("contact", lambda app: app.rhythm.contacts.mark, show=False),
    AppAction(
        "contact_rough", lambda app: app.rhythm.contacts.mark_rough, on_home=False, show=False
    ),
    AppAction("journal", lambda app: app.journal.open, show=False),
    AppAction("mood", lambda app: app.journal.mood_checkin, show=False),
    AppAction("dnd", lambda app: app.rhythm.open_dnd, show=False),
    AppAction("peak_day", lambda app: app.rhythm.toggle_peak, on_home=False, show=False),
    AppAction("reframe", lambda app: app.practice.reframe, show=False),
    AppAction("practice", lambda app: app.practice.open_room, show=False),
    AppAction("insights", lambda app: app.insights.open, show=False),
    AppAction("poker", lambda app: app.practice.poker, on_home=False, show=False),
    AppAction("emotion_cards", lambda app: app.practice.emotion_cards, on_home=False, show=False),
    AppAction("drills", lambda app: app.practice.drills, on_home=False, show=False),
    AppAction("thought_pairs", lambda app: app.practice.thought_pairs, on_home=False, show=False),
    AppAction("replies", lambda app: app.practice.replies, on_home=False, show=False),
    AppAction("roleplay", lambda app: app.practice.roleplay, on_home=False, show=False),
    AppAction("review", lambda app: app.practice.review, on_home=False, show=False),
    AppAction("energy", lambda app: app.routine.energy_station, show=False),
    AppAction("release", lambda app: app.routine.release, show=False),
    AppAction("vent", lambda app: app.calm.vent, on_home=False, show=False),
    AppAction("export", lambda app: app.journal.export, on_home=False, show=False),
    AppAction("unlock", lambda app: app.privacy.unlock, on_home=False, show=False),
    AppAction("lock", lambda app: app.privacy.lock_key, on_home=False, show=False, beside=True),
    AppAction("blank", lambda app: app.privacy.blank, on_home=False, show=False, beside=True),
    AppAction("passphrase", lambda app: app.privacy.passphrase, on_home=False, show=False),
    AppAction("settings", lambda app: app.open_settings),
    AppAction("help", lambda app: app.open_help, beside=True),
    AppAction("theme", lambda app: app.toggle_theme, on_home=False, show=False),
    AppAction("welcome", lambda app: app.welcome, on_home=False, show=False),
    AppAction("quit", lambda app: app.quit_keeping, beside=True),
)
BY_ID = {action.id: action for action in ACTIONS}


def _binding(binding_id: str, action: str, description: str, show: bool = False) -> Binding:
    key = KEYS[binding_id]
    return Binding(
        key.keys, action, description, show=show, priority=key.while_typing, id=binding_id
    )


def app_bindings() -> list[Binding]:
    """Every app-wide binding, with its default key (the app applies the person's
    keymap on top)."""
    bindings = [
        _binding(a.id, a.binding_action, f"keys.{a.id}", a.show) for a in ACTIONS if a.id in KEYS
    ]
    # Two keys of the app that are not actions of their own: ctrl+q quits from anywhere,
    # and the command palette.
    quit_now = _binding("quit_now", "run('quit')", "keys.quit")
    palette = _binding("command_palette", "command_palette", "keys.palette")
    return [*bindings, quit_now, palette]


# Where each app-wide binding comes in the footer and on the help page. Textual puts a
# binding whose key the person changed at the end of its map; the screens put it back.
ORDER = {binding.id: place for place, binding in enumerate(app_bindings())}


def registry_place(binding_id: str | None) -> int:
    return ORDER.get(binding_id or "", len(ORDER))
