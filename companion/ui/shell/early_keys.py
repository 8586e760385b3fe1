"""The keys a screen holds until it is ready for them (see key_route.py)."""

from __future__ import annotations

from textual import events


class EarlyKeys:
    """The keys one screen holds until it is ready: drawn once after it came to the
    front, its first field focused by then (``Translated.ready_for_keys``). Having a
    focus is not enough: Textual focuses the first scroll container of a screen before
    its ``on_mount`` moves the focus to where typing goes."""

    def __init__(self) -> None:
        self.ready = False
        self.on_purpose = False  # held by the screen itself (hold_keys), not by starting
        self.period = 0  # each time it starts holding again (a timer knows its own)
        self._held: list[events.Key | events.Paste] = []

    def hold_again(self) -> None:
        """The screen holds what is typed next until it says it is ready again."""
        self.ready, self.on_purpose = False, True
        self.period += 1

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
