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


ACTIONS: tuple[AppAction, ...] = (
    AppAction("settings", "s", "open_settings"),
    AppAction("help", "question_mark,f1", "help"),
    AppAction("theme", "t", "toggle_theme", on_home=False, show=False),
    AppAction("welcome", "", "welcome", on_home=False, show=False),
    AppAction("quit", "q", "quit"),
    AppAction("reframe", "r", "reframe", show=False),
    AppAction("practice", "p", "practice", show=False),
    AppAction("poker", "", "poker", on_home=False, show=False),
    AppAction("emotion_cards", "", "emotion_cards", on_home=False, show=False),
    AppAction("drills", "", "drills", on_home=False, show=False),
    AppAction("thought_pairs", "", "thought_pairs", on_home=False, show=False),
    AppAction("replies", "", "replies", on_home=False, show=False),
    AppAction("roleplay", "", "roleplay", on_home=False, show=False),
    AppAction("review", "", "review", on_home=False, show=False),
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
