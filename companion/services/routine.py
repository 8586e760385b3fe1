"""The shift routine: an energy station before the shift, a release moment after it.

When to offer them (at most once a day each; never on the very first run, which has
its own welcome), and keeping what the user wrote. The intention, the feeling and the
release are private writing, so they go to the journal (through its one check, handed
in as ``journal``); the dates they were offered are app state in activity.db. No Textual.
"""

from __future__ import annotations

import contextlib
import random
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from companion.packs.calm import pick_line
from companion.services.config import Settings
from companion.store.errors import StoreError
from companion.store.schema import Entry
from companion.store.stores import Stores
from companion.system.clock import Clock

if TYPE_CHECKING:  # handed in by Services: feature services never import each other
    from companion.services.journal.service import Journal

LAST_LAUNCH = "routine.last_launch"
ENERGY_OFFERED = "routine.energy_offered"
RELEASE_OFFERED = "routine.release_offered"
LAST_PEP = "routine.last_pep"  # which pep line the station showed last

FEELINGS = ("energetic", "calm", "okay", "tired", "tense", "low")
INTENTION = "intention"  # Entry kinds
RELEASE = "release"
# Time away that counts as a night: a lid closed from 23:57 to 00:08 is not a new day.
NIGHT_AWAY = timedelta(hours=4)


class ShiftRoutine:
    def __init__(
        self, stores: Stores, clock: Clock, settings: Callable[[], Settings], journal: Journal
    ) -> None:
        self.stores = stores
        self.clock = clock
        self.settings = settings
        self.journal = journal

    def _today(self) -> date:
        return self.clock.now().date()

    def _offered_today(self, key: str) -> bool:
        return self.stores.state.get(key) == self._today().isoformat()

    # -- when to offer -----------------------------------------------------------------
    def launched(self, in_shift: bool) -> bool:
        """The app started: offer the energy station if this is the day's first launch.

        A first launch ever is not offered it (the welcome comes first), and neither is
        a launch outside shift hours (it is offered when the shift starts).
        """
        today = self._today().isoformat()
        last = self.stores.state.get(LAST_LAUNCH)
        if last != today:
            self.stores.state.set(LAST_LAUNCH, today)
        first_of_day = last is not None and last < today
        return first_of_day and in_shift and self._may_offer(ENERGY_OFFERED)

    def came_back(self, away_since: datetime, in_shift: bool) -> bool:
        """Back after a night's time away that began on an earlier day (the computer slept
        through the night with the app open): offered like the day's first launch. Outside shift
        hours it waits for the shift to start, as a launch does."""
        now = self.clock.now()
        first_of_day = away_since.date() < now.date() and now - away_since >= NIGHT_AWAY
        return first_of_day and in_shift and self._may_offer(ENERGY_OFFERED)

    def shift_started(self) -> bool:
        return self._may_offer(ENERGY_OFFERED)

    def shift_ended(self) -> bool:
        return self._may_offer(RELEASE_OFFERED)

    def _may_offer(self, key: str) -> bool:
        return self.settings().shift_routine and not self._offered_today(key)

    def offered(self, key: str) -> None:
        self.stores.state.set(key, self._today().isoformat())

    def pep_line(self, count: int, rng: random.Random) -> int:
        """Which of ``count`` pep lines the station shows: any but the last one shown."""
        try:
            last = self.stores.state.get(LAST_PEP)
        except StoreError:
            last = None
        index = pick_line(tuple(range(count)), rng, last if isinstance(last, int) else None)
        with contextlib.suppress(StoreError):  # only the memory of it would be lost
            self.stores.state.set(LAST_PEP, index)
        return index

    # -- keeping what was written ---------------------------------------------------------
    def save_intention(self, intention: str, feeling: str | None) -> Entry | None:
        """The energy station's answers; nothing is stored when both were left empty.
        Raises EntryError for what the journal refuses (as it would in its editor)."""
        intention = intention.strip()
        if not intention and feeling is None:
            return None
        answers = {"text": intention, "feeling": feeling or ""}
        return self.journal.add(INTENTION, answers, kept={"routine": "energy_station"})

    def save_release(self, went_well: str, let_go: str) -> Entry | None:
        went_well, let_go = went_well.strip(), let_go.strip()
        if not went_well and not let_go:
            return None
        answers = {"went_well": went_well, "let_go": let_go}
        return self.journal.add(RELEASE, answers, kept={"routine": "release"})
