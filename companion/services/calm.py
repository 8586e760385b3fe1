"""Calm, kept: what the Breathe and SOS screens record in activity.db.

A breathing session (finished or left part-way) with its optional 0-10 tension before
and after, an SOS minute the same way, and which self-talk line SOS showed last (so the
same one does not come twice in a row). Screens call this (``services.calm``) and never
touch a repository. No Textual.
"""

from __future__ import annotations

import random

from companion.core.breathing import Pattern, rounds_completed
from companion.packs.calm import pick_line
from companion.store.activity_records import BreathingSession, SosReset
from companion.store.errors import StoreError
from companion.store.stores import Stores

LAST_LINE_KEY = "sos.last_line"  # app state: the self-talk line SOS showed last


class Calm:
    def __init__(self, stores: Stores) -> None:
        self.stores = stores

    # -- breathing -----------------------------------------------------------------------
    def breathed(
        self,
        pattern: Pattern,
        rounds: int,
        seconds: float,
        completed: bool,
        tension_before: int | None = None,
        origin: str = "breathe",
    ) -> BreathingSession:
        """Keep a session: ``seconds`` breathed (pauses not counted) of ``rounds``."""
        return self.stores.breathing.add(
            pattern=pattern.id,
            rounds=rounds,
            rounds_done=rounds_completed(pattern, rounds, seconds),
            seconds=round(seconds, 3),
            completed=completed,
            tension_before=tension_before,
            origin=origin,
        )

    def breathing_rated(self, session: BreathingSession, after: int) -> BreathingSession:
        """The tension after a session, asked at its end."""
        return self.stores.breathing.update(session.id, tension_after=after)

    # -- SOS ---------------------------------------------------------------------------
    def sos_line(self, lines: tuple[str, ...], rng: random.Random) -> int:
        """Which self-talk line this SOS shows: any but the one shown last time (if that
        cannot be read, any line)."""
        try:
            last = self.stores.state.get(LAST_LINE_KEY)
        except StoreError:
            last = None
        return pick_line(lines, rng, last if isinstance(last, int) else None)

    def sos_line_shown(self, index: int) -> None:
        self.stores.state.set(LAST_LINE_KEY, index)

    def sos_done(
        self, seconds: float, completed: bool, tension_before: int | None = None
    ) -> SosReset:
        """Keep an SOS minute: how long it ran and whether it reached "back to work"."""
        return self.stores.sos.add(
            seconds=round(seconds, 3), completed=completed, tension_before=tension_before
        )

    def sos_rated(self, reset: SosReset, after: int) -> SosReset:
        return self.stores.sos.update(reset.id, tension_after=after)
