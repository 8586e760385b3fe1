"""What the person is doing right now, as far as reminders and offers care: typing in
a field, in the middle of breathing, SOS or a dialog, or on a break. A reminder never
takes a keystroke and never covers a calming screen; it waits or becomes a banner."""

from __future__ import annotations

from textual.app import App
from textual.screen import ModalScreen

from companion.ui.shell.base import Translated


def typing(app: App[object]) -> bool:
    """In a field of a form (where Enter or a letter means something else): a reminder
    shows as a banner, so no keystroke is lost."""
    # Imported here: TextArea (and its document model) costs ~15 ms, and Home, the first
    # screen, has no field; this runs when a reminder or an offer is due.
    from textual.widgets import Input, Select, TextArea

    return isinstance(app.focused, (Input, TextArea, Select))


def in_the_middle(app: App[object]) -> bool:
    """Breathing, SOS or a dialog in front: a reminder waits until it is over."""
    screen = app.screen
    return isinstance(screen, ModalScreen) or (
        isinstance(screen, Translated) and screen.calm is not None
    )


def calm_open(app: App[object], calm: str) -> bool:
    """Is a calming screen of this kind ("sos", "breathe") anywhere in the stack?"""
    return any(isinstance(s, Translated) and s.calm == calm for s in app.screen_stack)


def on_break(app: App[object]) -> bool:
    """Is the break screen open (in front or under something)?"""
    return any(isinstance(s, Translated) and s.break_screen for s in app.screen_stack)
