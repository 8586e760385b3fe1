"""Keys reach the screen they were typed for, in order, however fast they come.

A key that opens a screen (``j``, F2 then ``n``, ctrl+n then a kind) and the keys typed
straight after it often arrive together: a quick hand, a password manager's auto-type,
a text expander. Two things lost them:

- Textual hands a key to the focused widget and runs its binding when the key comes
  back up, after the keys typed next were handed to that widget too: they stayed on
  the screen below (``j`` and a search: the letters were gone). A key of the screen's
  or the app's now runs in the app's turn, unless a field has the focus (it types, and
  a save waits for its keys: see typed_keys.py).
- Textual puts a new screen in front at once but composes it and gives its first field
  the focus a moment later; a key handed to it meanwhile found no field ("Nothing was
  typed" after ``j`` and a passphrase). Until a screen is ready (its first field has
  the focus, or it has been drawn once) the keys sent to it are held, then go on
  first, in order. Keys after one that closed a screen wait for the screen that comes
  in front next (a kind picked: the editor), not the one below it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

from textual import events
from textual.app import App

from companion.ui.shell.base import Translated, app_letter
from companion.ui.shell.typed_keys import takes_text

LATE = 2.0  # seconds: a screen not ready by then (never expected) gets its keys anyway


class KeyRoute:
    """Every key the app gets for a companion screen goes this way (see the module's
    docstring); ``forward`` is Textual's own way on (``App.on_event``)."""

    def __init__(self, app: App[Any], forward: Callable[[events.Key], Awaitable[None]]) -> None:
        self.app, self.forward = app, forward
        self._carried: list[events.Key] = []  # after a key that closed a screen

    async def take(self, event: events.Key) -> None:
        screen = self.app.screen
        if self._carried:
            self._carried.append(event)  # behind the keys waiting for the next screen
        elif not isinstance(screen, Translated):
            await self.forward(event)  # (the command palette)
        elif screen.app_letters or not screen.early_keys.hold(event):
            # (Home takes keys whatever it shows: the app's, which need no field)
            await self._deliver(screen, [*screen.early_keys.take(), event])
        elif len(screen.early_keys) == 1:
            # (a screen is ready a frame after it came in front; should that never
            # come, its keys are not kept from it for long)
            self.app.set_timer(LATE, partial(self.ready, screen))

    async def ready(self, screen: Translated) -> None:
        """``screen`` is ready for keys: the ones it held go on now, first. Closed or
        covered meanwhile (a break's reminder came up), it drops them: keys typed for
        one screen never act on another."""
        screen.early_keys.ready = True
        if screen is not self.app.screen:
            screen.early_keys.take()
        elif screen.early_keys.waiting and not self._carried:
            await self._deliver(screen, screen.early_keys.take())

    async def _deliver(self, screen: Translated, keys: list[events.Key]) -> None:
        for n, key in enumerate(keys):
            if screen is not self.app.screen:  # the last key opened or closed a screen
                self._carried.extend(keys[n:])
                self.app.call_after_refresh(self._carry_on)
                return
            if not screen.before_key(key) and not await self._binding_now(screen, key):
                await self.forward(key)

    async def _carry_on(self) -> None:
        keys, self._carried = self._carried, []
        for key in keys:
            await self.take(key)

    async def _binding_now(self, screen: Translated, event: events.Key) -> bool:
        if not screen.app_letters and takes_text(screen.focused):
            return False  # the field types it; a save waits for its keys (typed_keys.py)
        active = screen.active_bindings.get(event.key)
        if active is None or not active.enabled or active.node not in (screen, self.app):
            return False  # (a widget's own key: it comes first)
        if not screen.app_letters and app_letter(screen, event.key, event.character):  # type: ignore[arg-type]
            return False  # (an app letter acts on Home only: see Translated.on_key)
        return await self.app.run_action(active.binding.action, active.node)
