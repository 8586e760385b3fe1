"""App-wide actions, declared once: each becomes a key binding (with an id, so keys can
be remapped in config.toml's [keys]), a command-palette entry, a line of the help page
and, for most, a key on Home. The handler is what the action does, found on the app's
feature flows (``app.journal.open``...), so the registry is the one place to read what
every app-wide key does."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.binding import Binding

if TYPE_CHECKING:
    from companion.ui.app import CompanionApp

Handler = Callable[["CompanionApp"], Callable[..., Any]]


@dataclass(frozen=True)
class AppAction:
    id: str  # binding id, palette id, strings under keys.<id> and commands.<id>
    keys: str  # Textual key list, e.g. "question_mark,f1"; "" for palette-only actions
    handler: Handler  # the app's method or flow method that does it
    on_home: bool = True  # listed on Home's "where to go"
    show: bool = True  # shown in the footer
    priority: bool = False
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
    # SOS must work while typing in any editor, so no printable key: F2 (beside F1
    # help, one key on a full keyboard) and ctrl+o (the O of SOS) for laptops whose
    # F-keys need Fn. Neither is bound by Input/TextArea or taken by common terminals.
    AppAction("sos", "f2,ctrl+o", lambda app: app.calm.sos, priority=True, beside=True),
    # h: "breathe" and 呼吸 (hūxī); b is left for breaks.
    AppAction("breathe", "h", lambda app: app.calm.breathe, beside=True),
    AppAction("take_break", "k", lambda app: app.rhythm.start_break),
    AppAction("journal", "j", lambda app: app.journal.open),
    AppAction("mood", "m", lambda app: app.journal.mood_checkin),
    AppAction("dnd", "d", lambda app: app.rhythm.open_dnd, show=False),
    AppAction("reframe", "r", lambda app: app.practice.reframe, show=False),
    AppAction("practice", "p", lambda app: app.practice.open_room, show=False),
    # i: insights (洞察); what helps, seen at a glance.
    AppAction("insights", "i", lambda app: app.insights.open, show=False),
    AppAction("poker", "", lambda app: app.practice.poker, on_home=False, show=False),
    AppAction(
        "emotion_cards", "", lambda app: app.practice.emotion_cards, on_home=False, show=False
    ),
    AppAction("drills", "", lambda app: app.practice.drills, on_home=False, show=False),
    AppAction(
        "thought_pairs", "", lambda app: app.practice.thought_pairs, on_home=False, show=False
    ),
    AppAction("replies", "", lambda app: app.practice.replies, on_home=False, show=False),
    AppAction("roleplay", "", lambda app: app.practice.roleplay, on_home=False, show=False),
    AppAction("review", "", lambda app: app.practice.review, on_home=False, show=False),
    AppAction("energy", "e", lambda app: app.routine.energy_station, show=False),
    AppAction("release", "w", lambda app: app.routine.release, show=False),
    AppAction(
        "lock",
        "ctrl+l",
        lambda app: app.privacy.lock,
        on_home=False,
        show=False,
        priority=True,
        beside=True,
    ),
    AppAction(
        "blank",
        "ctrl+b,f12",
        lambda app: app.privacy.blank,
        on_home=False,
        show=False,
        priority=True,
        beside=True,
    ),
    AppAction("passphrase", "", lambda app: app.privacy.passphrase, on_home=False, show=False),
    AppAction("settings", "s", lambda app: app.open_settings),
    AppAction("help", "question_mark,f1", lambda app: app.open_help, beside=True),
    AppAction("theme", "t", lambda app: app.toggle_theme, on_home=False, show=False),
    AppAction("welcome", "", lambda app: app.welcome, on_home=False, show=False),
    AppAction("quit", "q", lambda app: app.exit, beside=True),
)
BY_ID = {action.id: action for action in ACTIONS}

# Actions of the app that are not in the palette or on Home: (binding id, keys, action).
QUIT_NOW = Binding("ctrl+q", "run('quit')", "keys.quit", show=False, priority=True, id="quit_now")
PALETTE = Binding(
    "ctrl+p",
    "command_palette",
    "keys.palette",
    show=False,
    priority=True,
    id="command_palette",
)


def app_bindings() -> list[Binding]:
    bindings = [
        Binding(
            a.keys,
            a.binding_action,
            f"keys.{a.id}",
            show=a.show,
            priority=a.priority,
            id=a.id,
        )
        for a in ACTIONS
        if a.keys
    ]
    return [*bindings, QUIT_NOW, PALETTE]
