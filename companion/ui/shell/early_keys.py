"""The keys a screen holds until it is ready for them (see key_route.py)."""

from __future__ import annotations

from textual import events


class EarlyKeys:
    """The keys one screen holds until it is ready: drawn once after it came to the
    front, its first field focused by then (``Translated._ready_for_keys``). Having a
    focus is not enough: Textual focuses the first scroll container of a screen before
    its ``on_mount`` moves the focus to where typing goes."""

    def __init__(self) -> None:
        self.ready = False
        self._held: list[events.Key | events.Paste] = []

    def hold(self, event: events.Key | events.Paste) -> bool:
        """Keep ``event`` if the screen is not ready for it yet (True)."""
        if self.ready:
            return False
        self._held.append(event)
        return True

    def take(self) -> list[events.Key | events.Paste]:
        """The keys held so far (each handed out once)."""
        held, self._held = self._held, []
        return held

    @property
    def waiting(self) -> bool:
        return bool(self._held)

    def __len__(self) -> int:
        return len(self._held)
