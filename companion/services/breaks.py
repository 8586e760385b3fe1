"""The break rhythm of a running companion.

It holds the state of ``companion.core.breaks``, keeps it in activity.db so a restart
carries on where it was (and sees how long the app was closed), and records every event
there for Home and insights. No Textual: the UI asks what to show and passes on what
the user chose. A storage problem never stops the reminders; it is kept in ``problem``
for the UI to mention once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from companion.core import break_saved, breaks
from companion.core.break_counts import DayCounts, count_day
from companion.core.breaks import Event, Moment, Outcome, Phase, Rules, State
from companion.core.daytime import day_window
from companion.core.shift import Shift
from companion.services.config import Settings
from companion.store.errors import StoreError
from companion.store.repos import add_together
from companion.store.schema import BreakRating
from companion.store.stores import Stores
from companion.system.clock import Clock

STATE_KEY = "breaks.state"
DESKTOP_TOLD = "breaks.desktop_told"  # the "no desktop pop-ups here" line was said
HEARTBEAT = 300.0  # seconds between saves while nothing happens, so a crash is not
# mistaken for a long absence: the gap found at the next start is at most this wrong.


@dataclass(frozen=True)
class BreakView:
    """What screens show, in local time."""

    phase: Phase
    since: datetime  # start of this work period, or of the break
    seconds_left: float | None  # until this phase's deadline (due, reminder, break end)
    deadline: datetime | None
    postpones: int
    postpones_left: int
    dnd_until: datetime | None
    shift: Shift | None
    break_length: float  # seconds
    rested: datetime  # back from the last break, time away or time off shift (not a skip)

    @property
    def can_postpone(self) -> bool:
        return self.phase == Phase.DUE and self.postpones_left > 0


class BreakKeeper:
    def __init__(self, stores: Stores, clock: Clock, settings: Callable[[], Settings]) -> None:
        self.stores = stores
        self.clock = clock
        self.settings = settings
        self.problem: StoreError | None = None  # the first failure since the last success
        self._failing = False
        self.state: State = breaks.fresh(self.rules(), self._moment())
        self._saved_mono = float("-inf")
        self._counts: tuple[date, DayCounts] | None = None
        self._back_from: datetime | None = None

    def rules(self) -> Rules:
        return self.settings().break_rules()

    def _moment(self) -> Moment:
        return Moment.of(self.clock)

    # -- life cycle ----------------------------------------------------------------------
    def open(self) -> list[Event]:
        """Carry on from the saved state; a long absence since then is a natural break."""
        saved = None
        try:
            saved = break_saved.from_dict(self.stores.state.get(STATE_KEY))
        except StoreError as error:
            self._failed(error)
        if saved is not None:
            self.state = saved
        return self._apply(breaks.step(self.state, self.rules(), self._moment()), force=True)

    def tick(self) -> list[Event]:
        return self._apply(breaks.step(self.state, self.rules(), self._moment()))

    def close(self) -> None:
        """Save the last look, so the next start measures the time away exactly."""
        self._apply(breaks.step(self.state, self.rules(), self._moment()), force=True)

    # -- intents -----------------------------------------------------------------------
    def start_break(self) -> list[Event]:
        return self._apply(breaks.start_break(self.state, self.rules(), self._moment()))

    def end_break(self) -> list[Event]:
        return self._apply(breaks.end_break(self.state, self.rules(), self._moment()))

    def postpone(self) -> list[Event]:
        return self._apply(breaks.postpone(self.state, self.rules(), self._moment()))

    def after_chat(self) -> list[Event]:
        return self._apply(breaks.after_chat(self.state, self.rules(), self._moment()))

    def skip(self) -> list[Event]:
        return self._apply(breaks.skip(self.state, self.rules(), self._moment()))

    def set_dnd(self, until: datetime) -> list[Event]:
        return self._apply(breaks.set_dnd(self.state, self.rules(), self._moment(), until))

    def clear_dnd(self) -> list[Event]:
        return self._apply(breaks.clear_dnd(self.state, self.rules(), self._moment()))

    # -- what to show --------------------------------------------------------------------
    def view(self) -> BreakView:
        rules = self.rules()
        moment = self._moment()
        tz = moment.wall.tzinfo
        deadline = breaks.deadline(self.state, rules)
        left = (deadline - moment.utc).total_seconds() if deadline is not None else None
        dnd = self.state.dnd_until if breaks.dnd_active(self.state, moment.utc) else None
        return BreakView(
            phase=self.state.phase,
            since=self.state.since.astimezone(tz),
            seconds_left=left,
            deadline=deadline.astimezone(tz) if deadline is not None else None,
            postpones=self.state.postpones,
            postpones_left=breaks.postpones_left(self.state, rules),
            dnd_until=dnd.astimezone(tz) if dnd is not None else None,
            shift=rules.shift,
            break_length=rules.length.total_seconds(),
            rested=self.state.rested.astimezone(tz),
        )

    def seconds_to_next_change(self) -> float | None:
        moment = self._moment()
        when = breaks.next_change(self.state, self.rules(), moment)
        return (when - moment.utc).total_seconds() if when is not None else None

    def shift_end(self) -> datetime | None:
        """When the current shift ends (local time), if shift hours are on and it runs."""
        rules = self.rules()
        now = self.clock.now()
        window = rules.shift.window(now) if rules.shift is not None else None
        return window[1].astimezone(now.tzinfo) if window is not None else None

    def today(self) -> DayCounts:
        """Today's taken / postponed / skipped, read once a day and after each change."""
        now = self.clock.now()
        if self._counts is None or self._counts[0] != now.date():
            start, end = day_window(now)
            events = self.stores.break_events.created_between(start, end)
            self._counts = (now.date(), count_day(events, start, end))
        return self._counts[1]

    def rate(self, before: int | None, after: int | None) -> BreakRating | None:
        """Keep the optional 0-10 tension ratings of the break that just ended (nothing
        is kept when both were left out)."""
        if before is None and after is None:
            return None
        return self.stores.break_ratings.add(tension_before=before, tension_after=after)

    # -- keeping -----------------------------------------------------------------------
    def _apply(self, outcome: Outcome, force: bool = False) -> list[Event]:
        before = self.state
        self.state = outcome.state
        moment_mono = self.clock.monotonic()
        changed = outcome.events or _differs(before, outcome.state)
        if force or changed or moment_mono - self._saved_mono >= HEARTBEAT:
            self._save(outcome.events, moment_mono)
        if outcome.events:
            self._counts = None
        if outcome.back_from is not None:
            self._back_from = outcome.back_from
        return list(outcome.events)

    def take_back_from(self) -> datetime | None:
        """When the time away the rhythm last found began (local time), if not yet asked:
        the machine slept with the app open, or the app could not look for a while."""
        back_from, self._back_from = self._back_from, None
        return back_from.astimezone(self.clock.now().tzinfo) if back_from else None

    def _save(self, events: tuple[Event, ...], mono: float) -> None:
        tz = self.clock.now().tzinfo
        repo = self.stores.break_events
        records = [
            repo.new(kind=str(e.kind), fields=e.fields, created_at=e.at.astimezone(tz))
            for e in events
        ]
        try:
            # One write: a kill can never keep an event without the state it led to (the
            # next start would count it again) or the state without its event.
            add_together(
                [(repo, records)],
                values=[(self.stores.state, STATE_KEY, break_saved.to_dict(self.state))],
            )
        except StoreError as error:
            self._failed(error)
            return
        self._saved_mono = mono
        self._failing = False

    def _failed(self, error: StoreError) -> None:
        if not self._failing:
            self.problem = error
        self._failing = True

    def desktop_told(self) -> bool:
        """Was the person told that desktop pop-ups can't reach them here? (Once is enough:
        ``companion doctor`` has the details.)"""
        try:
            return bool(self.stores.state.get(DESKTOP_TOLD, False))
        except StoreError:
            return False

    def mark_desktop_told(self) -> None:
        try:
            self.stores.state.set(DESKTOP_TOLD, True)
        except StoreError as error:
            self._failed(error)

    def take_problem(self) -> StoreError | None:
        """A storage problem not yet told to the user (once per run of failures)."""
        problem, self.problem = self.problem, None
        return problem


def _differs(a: State, b: State) -> bool:
    """A change worth saving at once (not just a later look at the clock)."""
    return (a.phase, a.since, a.rested, a.remind_at, a.postpones, a.dnd_until) != (
        b.phase,
        b.since,
        b.rested,
        b.remind_at,
        b.postpones,
        b.dnd_until,
    )
