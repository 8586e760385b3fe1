"""App-wide actions, declared once: they become key bindings (with ids, so keys can be
remapped), command-palette entries, the help page and the keys on Home."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class AppAction:
    id: str  # binding id, palette id, strings under keys.<id> and commands.<id>
    keys: str  # Textual key list, e.g. "question_mark,f1"
    action: str  # app action name
    on_home: bool = True  # listed on Home's "where to go"
    show: bool = True  # shown in the footer
    priority: bool = False


# The order is the order of Home's list, the footer and the palette: the things an
# agent comes for first, then the shell's own keys, quitting last.
ACTIONS: tuple[AppAction, ...] = (
    # SOS must work while typing in any editor, so no printable key: F2 (beside F1
    # help, one key on a full keyboard) and ctrl+o (the O of SOS) for laptops whose
    # F-keys need Fn. Neither is bound by Input/TextArea or taken by common terminals.
    AppAction("sos", "f2,ctrl+o", "sos", priority=True),
    # h: "breathe" and 呼吸 (hūxī); b is left for breaks.
    AppAction("breathe", "h", "breathe"),
    AppAction("take_break", "k", "take_break"),
    AppAction("journal", "j", "open_journal"),
    AppAction("mood", "m", "mood_checkin"),
    AppAction("dnd", "d", "do_not_disturb", show=False),
    AppAction("reframe", "r", "reframe", show=False),
    AppAction("practice", "p", "practice", show=False),
    # i: insights (洞察); what helps, seen at a glance.
    AppAction("insights", "i", "insights", show=False),
    AppAction("poker", "", "poker", on_home=False, show=False),
    AppAction("emotion_cards", "", "emotion_cards", on_home=False, show=False),
    AppAction("drills", "", "drills", on_home=False, show=False),
    AppAction("thought_pairs", "", "thought_pairs", on_home=False, show=False),
    AppAction("replies", "", "replies", on_home=False, show=False),
    AppAction("roleplay", "", "roleplay", on_home=False, show=False),
    AppAction("review", "", "review", on_home=False, show=False),
    AppAction("energy", "e", "energy_station", show=False),
    AppAction("release", "w", "release", show=False),
    AppAction("lock", "ctrl+l", "lock_journal", on_home=False, show=False, priority=True),
    AppAction("blank", "ctrl+b,f12", "privacy_blank", on_home=False, show=False, priority=True),
    AppAction("settings", "s", "open_settings"),
    AppAction("help", "question_mark,f1", "help"),
    AppAction("theme", "t", "toggle_theme", on_home=False, show=False),
    AppAction("welcome", "", "welcome", on_home=False, show=False),
    AppAction("quit", "q", "quit"),
)


def app_bindings() -> list[Binding]:
    bindings = [
        Binding(a.keys, a.action, f"keys.{a.id}", show=a.show, priority=a.priority, id=a.id)
        for a in ACTIONS
        if a.keys
    ]
    bindings.append(
        Binding("ctrl+q", "quit", "keys.quit", show=False, priority=True, id="quit_now")
    )
    bindings.append(
        Binding(
            "ctrl+p",
            "command_palette",
            "keys.palette",
            show=False,
            priority=True,
            id="command_palette",
        )
    )
    return bindings
