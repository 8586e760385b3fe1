"""A save key never outruns the keys typed before it.

A terminal without bracketed paste, or a text expander, sends hundreds of keys at once.
The app hands each one to the focused field's own queue and goes on; a field works
through its queue in its own time. A key bound with ``priority=True`` (the journal's
ctrl+s, lock, quit) runs as soon as the app sees it, while earlier keys still wait in
that queue, so a save run then would keep only part of what was typed. Every action
that keeps typed text therefore runs through ``after_typed_keys``: it is queued behind
the keys the focused field has not handled yet (and the app's handling of those it
passed up, ↓ in a list), and runs once they are in, in the app's turn; the keys typed
after it wait meanwhile (``KeyRoute.pause``, ui/shell/key_route.py).

The callback may dismiss its screen; work that awaits (``recompose``) it schedules on
the screen (``screen.call_later``), and a screen drawing a new page holds the keys
typed next until it is drawn (``hold_keys``, ``ready_for_keys``).

Enter that moves from one field to the next has the same race the other way round: the
field handles its Enter in its own turn, after the app has already handed it the keys
typed next, so they landed in the field just left. A form whose Enter moves on does
it in ``before_key`` (see ui/shell/base.py), which the app calls in its own turn.
Tab and shift+tab, Textual's own keys for the next and previous field, have that race
in every form (a passphrase, Tab, the same again: both copies in the first field), so
every screen moves the focus for them in the app's turn too (``focus_key_now``).
"""

from __future__ import annotations

from collections.abc import Callable
from inspect import isawaitable
from typing import TYPE_CHECKING, Any

from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget

if TYPE_CHECKING:
    from companion.ui.app import CompanionApp

FOCUS_KEYS = {"tab": Screen.focus_next, "shift+tab": Screen.focus_previous}


def after_typed_keys(node: DOMNode, callback: Callable[[], object]) -> None:
    """Run ``callback`` once the keys sent before this moment have been handled, and
    before any sent after it: those wait meanwhile (they go to whatever ``callback``
    leaves in front: the list after a save, the next step's field). The focused widget
    handles a typed character itself, but a key bound to it (↓ in a list, Enter in a
    field) goes up to the app, which runs the binding: ``callback`` follows the same
    way up, queued on the widget, then on each of its parents, then on the app."""
    app: CompanionApp = node.app  # type: ignore[assignment]
    resume = app.keys.pause()

    async def run() -> None:
        try:
            result = callback()
            if isawaitable(result):
                await result
        finally:
            resume()

    _up_from(app.focused or node, run)


def _up_from(node: DOMNode, run: Callable[[], object]) -> None:
    """``run`` behind what ``node`` and then each node above it has been sent so far."""

    def step() -> object:
        parent = node.parent  # (a screen's is the app)
        if parent is None:
            return run()  # the app's turn
        _up_from(parent, run)
        return None

    if not node.call_later(step):  # closing: nothing it was sent will come up
        node.app.call_later(run)


def still_open(screen: Screen[Any]) -> bool:
    """Is ``screen`` still in the app's stack? A save that waited for the typed keys may
    find it closed meanwhile (locked, or left): then its draft is what was kept."""
    return screen in screen.app.screen_stack


def takes_text(widget: Widget | None) -> bool:
    """Does ``widget`` take typed keys itself (a field, a text area, a drop-down or its
    open list, which searches what is typed)?"""
    if widget is None:
        return False
    from textual.widgets import Input, Select, TextArea  # (the start imports none of them)

    return any(isinstance(node, (Input, TextArea, Select)) for node in widget.ancestors_with_self)


def focus_key_now(screen: Screen[Any], key: str) -> bool:
    """Tab or shift+tab: move the focus now, before the keys typed after it are handed
    to the field it leaves (True). A text area that indents with Tab keeps it."""
    move = FOCUS_KEYS.get(key)
    if move is None:
        return False
    from textual.widgets import TextArea  # (here: the start does not import it)

    focused = screen.focused
    if isinstance(focused, TextArea) and focused.tab_behavior == "indent":
        return False
    move(screen)
    return True
