"""Keys reach the screen they were typed for, in order, however fast they come.

A key that opens a screen (``j``, F2 then ``n``, ctrl+n then a kind) and the keys typed
straight after it often arrive together: a quick hand, a password manager's auto-type,
a text expander. Two things lost them:

- Textual hands a key to the focused widget and runs its binding when the key comes
  back up, after the keys typed next were handed to that widget too: they stayed on
  the screen below (``j`` and a search: the letters were gone). A bound key (the
  screen's, the app's, the focused widget's: Enter on a button; in a field, only the
  screen's and the app's: ctrl+s, Escape) now runs once the keys before it are
  handled (↓ ↓ then delete: the third entry's), and the keys after it wait until it
  has run, then go to what it left in front (``after_typed_keys``, ``pause``).
  Letters typed in a field that such a key closed (ctrl+l while writing) never act
  on Home.
- Textual puts a new screen in front at once but composes it and gives its first field
  the focus a moment later; a key handed to it meanwhile found no field ("Nothing was
  typed" after ``j`` and a passphrase). Until a screen is ready (drawn once after it
  came in front, the focus its ``on_mount`` asked for given) the keys and pastes sent
  to it are held, then go on first, in order. Keys after one that closed a screen wait
  for the screen that comes in front next (a kind picked: the editor), not the one
  below it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

from textual import events
from textual.app import App

from companion.ui.shell.base import Translated, app_letter, types_text
from companion.ui.shell.typed_keys import after_typed_keys, takes_text

Typed = events.Key | events.Paste  # (a paste keeps its place among the keys)
LATE = 2.0  # seconds: a screen not ready by then (never expected) gets its keys anyway
HELD_LATE = 30.0  # the same for one holding them itself (a passphrase being checked)


def typed_text(event: Typed) -> bool:
    return isinstance(event, events.Paste) or types_text(event.key, event.character)


class KeyRoute:
    """Every key the app gets for a companion screen goes this way (see the module's
    docstring); ``forward`` is Textual's own way on (``App.on_event``)."""

    def __init__(self, app: App[Any], forward: Callable[[Typed], Awaitable[None]]) -> None:
        self.app, self.forward = app, forward
        self._carried: list[Typed] = []  # after a key that closed a screen
        self._paused = 0  # actions waiting for the keys typed before them
        self._from_field = False  # the keys carried were typed in a field

    def pause(self) -> Callable[[], None]:
        """Keys from now on wait, in order, until the returned ``resume`` is called: an
        action queued behind the keys typed before it (``after_typed_keys``) runs
        first, then they go to what it left in front. Never for long: should the
        action not run, they go on after LATE seconds."""
        if not self._paused and not self._carried:
            self._from_field = takes_text(self.app.focused)
        self._paused += 1
        done = False

        def resume() -> None:
            nonlocal done
            if not done:
                done = True
                self._paused -= 1
                if not self._paused:
                    self.app.call_after_refresh(self._carry_on)

        self.app.set_timer(LATE, resume)
        return resume

    async def take(self, event: Typed) -> None:
        screen = self.app.screen
        if self._carried or self._paused:
            self._carried.append(event)  # behind the keys waiting for the next screen
        elif not isinstance(screen, Translated):
            await self.forward(event)  # (the command palette)
        elif screen.app_letters or not screen.early_keys.hold(event):
            # (Home takes keys whatever it shows: the app's, which need no field)
            await self._deliver(screen, [*screen.early_keys.take(), event])
        elif len(screen.early_keys) == 1:
            # (a screen is ready a frame after it came in front, or once its answer
            # comes: should that never come, its keys are not kept from it for long)
            held = screen.early_keys
            late = HELD_LATE if held.on_purpose else LATE
            self.app.set_timer(late, partial(self._late, screen, held.period))

    async def _late(self, screen: Translated, period: int) -> None:
        if screen.early_keys.period == period and not screen.early_keys.ready:
            await self.ready(screen)

    async def ready(self, screen: Translated) -> None:
        """``screen`` is ready for keys: the ones it held go on now, first. Closed or
        covered meanwhile (a break's reminder came up), it drops them: keys typed for
        one screen never act on another."""
        screen.early_keys.ready, screen.early_keys.on_purpose = True, False
        if screen is not self.app.screen:
            screen.early_keys.take()
        elif screen.early_keys.waiting and not self._carried:
            await self._deliver(screen, screen.early_keys.take())

    def hand_on(self, screen: Translated) -> None:
        """``screen`` closes on keys typed to it (a passphrase that opened the journal):
        the keys it held go to the screen in front next, first."""
        held = screen.early_keys.take()
        if held:
            self._carried[:0] = held
            self._from_field = True
            self.app.call_after_refresh(self._carry_on)

    async def _deliver(self, screen: Translated, keys: list[Typed]) -> None:
        for n, key in enumerate(keys):
            if self._paused:  # the last key's action waits for the keys before it
                self._carried.extend(keys[n:])
                return
            if screen is not self.app.screen:  # the last key opened or closed a screen
                self._carried.extend(keys[n:])
                self.app.call_after_refresh(self._carry_on)
                return
            if isinstance(key, events.Paste) or not (
                screen.before_key(key) or await self._binding_now(screen, key)
            ):
                await self.forward(key)

    async def _carry_on(self) -> None:
        if self._paused:
            return  # (its resume carries on)
        keys, self._carried = self._carried, []
        front = self.app.screen
        if self._from_field and isinstance(front, Translated) and front.app_letters:
            # Typed in a field the action closed (ctrl+l while writing): on Home those
            # letters would open rooms, quit, switch the theme. They go nowhere.
            keys = [k for k in keys if not typed_text(k)]
        self._from_field = False
        for key in keys:
            await self.take(key)

    async def _binding_now(self, screen: Translated, event: events.Key) -> bool:
        in_field = not screen.app_letters and takes_text(screen.focused)
        if in_field and types_text(event.key, event.character):
            return False  # the field types it
        active = screen.active_bindings.get(event.key)
        if active is None or not active.enabled:
            return False
        if in_field and active.node not in (screen, self.app):
            return False  # the field's own key (Enter, ←, ctrl+z): it comes in its turn
        if not screen.app_letters and app_letter(screen, event.key, event.character):  # type: ignore[arg-type]
            return False  # (an app letter acts on Home only: see Translated.on_key)
        # The screen's, the app's or the focused widget's own (Enter on a button, on a
        # list's row): each waits for the keys before it, and the keys after it wait
        # for it (Enter on "Keep it" then → : kept).
        action, node = active.binding.action, active.node

        async def run() -> None:
            if not await self.app.run_action(action, node):
                await self.forward(event)  # (not allowed now: Textual's own way, as before)

        after_typed_keys(screen, run)  # (↓ ↓ then delete: the third entry's)
        return True
