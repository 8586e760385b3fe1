"""The break rhythm of a running companion.

It holds the state of ``companion.core.breaks``, keeps it in activity.db so a restart
carries on where it was (and sees how long the app was closed), and records every event
there for Home and insights. No Textual: the UI asks what to show and passes on what
the user chose. A storage problem never stops the reminders; it is kept in ``problem``
for the UI to mention once.

It also takes in what the desktop says (idle time, a locked screen), the contacts
marked (the app's key, or ``companion contact`` beside it) and the do-not-disturb that
``companion dnd`` asked for (``store.inbox``): each is taken in once, and what was
taken in is kept with the state in the same write.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Any, NamedTuple

from companion.core import away, break_saved, breaks, contacts, micro, roster
from companion.core.break_counts import DayCounts, count_day
from companion.core.breaks import Event, Moment, Outcome, Phase, Rules, State
from companion.core.daytime import day_window
from companion.core.shift import Shift
from companion.services.config import Settings
from companion.store import inbox
from companion.store.activity_records import BreakRating, Contact
from companion.store.errors import StoreError
from companion.store.inbox import DndRequest
from companion.store.records import Record
from companion.store.repos import Repo, add_together
from companion.store.storage import file_identity
from companion.store.stores import Stores
from companion.system.clock import Clock

STATE_KEY = "breaks.state"
DESKTOP_TOLD = "breaks.desktop_told"  # the "no desktop pop-ups here" line was said
SEEN_KEY = "breaks.inbox_seen"  # what the rhythm took in: contact ids, the last dnd request
HORIZON = timedelta(hours=2)  # a contact older than this when first seen is only history
HEARTBEAT = 300.0  # seconds between saves while nothing happens, so a crash is not
# mistaken for a long absence: the gap found at the next start is at most this wrong.


class News(NamedTuple):  # (NamedTuples: a dataclass costs a millisecond to define)
    """What the rhythm took in from commands: its events, the contacts marked, and the
    do-not-disturb request it acted on."""

    events: tuple[Event, ...] = ()
    contacts: tuple[Contact, ...] = ()
    dnd: DndRequest | None = None


class BreakView(NamedTuple):
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
    fixed: str = ""  # the fixed break under way (phase FIXED)
    fixed_until: datetime | None = None
    waits_for: tuple[str, datetime] | None = None  # the next break waits for a fixed rest
    peak: bool = False  # the peak-day switch is on today
    peak_micro: bool = False  # ...and the next break will be a micro-pause
    away: bool = False  # the desktop says nobody is there

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
        self._seen: dict[str, str] = {}  # contact id -> when marked (ISO), within HORIZON
        self._dnd_done = ""  # the id of the last dnd request acted on
        self._inbox: object = None  # activity.db's identity when the inbox was last read
        self._contacts: tuple[object, tuple[int, int]] | None = None

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
            self._read_seen(self.stores.state.get(SEEN_KEY))
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

    def desktop(self, idle_seconds: float | None, locked: bool | None) -> list[Event]:
        """The desktop's idle time and lock state, just read."""
        moment = self._moment()
        return self._apply(away.desktop(self.state, self.rules(), moment, idle_seconds, locked))

    def micro_due(self) -> str | None:
        """micro.PAUSE or micro.PEAK when a micro-pause's time has come."""
        return micro.micro_due(self.state, self.rules(), self._moment())

    def micro_pause(self, shown: bool) -> list[Event]:
        return self._apply(micro.micro_pause(self.state, self.rules(), self._moment(), shown))

    def set_peak(self, on: bool) -> list[Event]:
        return self._apply(micro.set_peak(self.state, self.rules(), self._moment(), on))

    def contact(self, rough: bool) -> list[Event]:
        """A chat just ended (the app's key): kept with what it brings about, in one write."""
        record = self.stores.contacts.new(rough=rough, source="app")
        self._seen[record.id] = record.created_at.isoformat()
        at = record.created_at.astimezone(UTC)
        outcome = contacts.contact(self.state, self.rules(), self._moment(), at, rough)
        return self._apply(outcome, extra=[(self.stores.contacts, [record])])

    # -- what commands left ------------------------------------------------------------
    def inbox_changed(self) -> bool:
        """Did activity.db change since the inbox was last read? (one stat)"""
        return file_identity(self.stores.activity.path) != self._inbox

    def take_inbox(self) -> News:
        """Contacts marked and the do-not-disturb asked for by commands, not yet taken in."""
        self._inbox = file_identity(self.stores.activity.path)  # before reading: none missed
        rules, moment = self.rules(), self._moment()
        now = moment.utc
        try:
            start = now - max(HORIZON, rules.rough_window, rules.after_chat)
            new = [c for c in inbox.contacts_since(self.stores, start) if c.id not in self._seen]
            request = inbox.dnd_request(self.stores)
        except StoreError as error:
            self._failed(error)
            return News()
        acted = request if request is not None and request.id != self._dnd_done else None
        if not new and acted is None:
            return News()  # only the app's own writes, or others': the timer does the rest
        outcome = breaks.step(self.state, rules, moment)
        for found in new:
            at = found.created_at.astimezone(UTC)
            after = contacts.contact(outcome.state, rules, moment, at, found.rough)
            outcome = outcome.then(after.state, *after.events)
            self._seen[found.id] = found.created_at.isoformat()
        if acted is not None:
            self._dnd_done = acted.id
            if acted.until is None:
                after = breaks.clear_dnd(outcome.state, rules, moment)
            else:
                after = breaks.set_dnd(outcome.state, rules, moment, acted.until)
            outcome = outcome.then(after.state, *after.events)
        events = self._apply(outcome, force=True)
        return News(tuple(events), tuple(new), acted)

    def _read_seen(self, value: Any) -> None:
        if isinstance(value, dict):
            seen = value.get("contacts")
            self._seen = {str(k): str(v) for k, v in seen.items()} if isinstance(seen, dict) else {}
            self._dnd_done = str(value.get("dnd") or "")

    def _seen_value(self) -> dict[str, Any]:
        """What was taken in, without contacts too old to be looked at again."""
        oldest = self.clock.now() - HORIZON - HORIZON
        self._seen = {k: v for k, v in self._seen.items() if _after(v, oldest)}
        return {"contacts": dict(self._seen), "dnd": self._dnd_done}

    # -- what to show --------------------------------------------------------------------
    def view(self) -> BreakView:
        rules = self.rules()
        moment = self._moment()
        tz = moment.wall.tzinfo
        deadline = breaks.deadline(self.state, rules)
        left = (deadline - moment.utc).total_seconds() if deadline is not None else None
        dnd = self.state.dnd_until if breaks.dnd_active(self.state, moment.utc) else None
        slot = roster.slot_at(rules.fixed, moment.wall) if self.state.phase == Phase.FIXED else None
        due = breaks.due_at(self.state, rules)
        waits = roster.folded_into(rules.fixed, due, rules.every, moment.wall)
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
            fixed=self.state.fixed_name if self.state.phase == Phase.FIXED else "",
            fixed_until=slot.end.astimezone(tz) if slot is not None else None,
            waits_for=(waits.name, waits.start.astimezone(tz)) if waits is not None else None,
            peak=roster.peak_today(self.state, rules, moment.wall),
            peak_micro=roster.peak_micro(self.state, rules, due, moment.wall),
            away=self.state.away_since is not None,
        )

    def seconds_to_next_change(self) -> float | None:
        moment = self._moment()
        rules = self.rules()
        now = moment.utc
        times = [breaks.next_change(self.state, rules, moment)]
        times.append(micro.micro_next(self.state, rules, moment))
        future = [when for when in times if when is not None and when > now]
        return (min(future) - now).total_seconds() if future else None

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

    def contacts_today(self) -> tuple[int, int]:
        """Chats marked today, and how many of them were rough (read again only when
        activity.db changed or the day did)."""
        now = self.clock.now()
        key = (now.date(), file_identity(self.stores.activity.path))
        if self._contacts is None or self._contacts[0] != key:
            found = inbox.contacts_since(self.stores, day_window(now)[0])
            self._contacts = (key, (len(found), sum(c.rough for c in found)))
        return self._contacts[1]

    def rate(self, before: int | None, after: int | None) -> BreakRating | None:
        """Keep the optional 0-10 tension ratings of the break that just ended (nothing
        is kept when both were left out)."""
        if before is None and after is None:
            return None
        return self.stores.break_ratings.add(tension_before=before, tension_after=after)

    # -- keeping -----------------------------------------------------------------------
    def _apply(self, outcome: Outcome, force: bool = False, extra: Extra = ()) -> list[Event]:
        before = self.state
        self.state = outcome.state
        moment_mono = self.clock.monotonic()
        changed = outcome.events or _differs(before, outcome.state)
        if force or extra or changed or moment_mono - self._saved_mono >= HEARTBEAT:
            self._save(outcome.events, moment_mono, extra)
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

    def _save(self, events: tuple[Event, ...], mono: float, extra: Extra = ()) -> None:
        tz = self.clock.now().tzinfo
        repo = self.stores.break_events
        records = [
            repo.new(kind=str(e.kind), fields=e.fields, created_at=e.at.astimezone(tz))
            for e in events
        ]
        state = self.stores.state
        try:
            # One write: a kill can never keep an event without the state it led to (the
            # next start would count it again) or the state without its event; nor a
            # contact without the state it changed, or what was taken in without both.
            add_together(
                [(repo, records), *extra],
                values=[
                    (state, STATE_KEY, break_saved.to_dict(self.state)),
                    (state, SEEN_KEY, self._seen_value()),
                ],
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


Extra = Iterable[tuple[Repo[Any], Iterable[Record]]]  # more records for the same write


def _differs(a: State, b: State) -> bool:
    """A change worth saving at once (not just a later look at the clock)."""
    return (a.phase, a.since, a.rested, a.remind_at, a.postpones, a.dnd_until) != (
        b.phase,
        b.since,
        b.rested,
        b.remind_at,
        b.postpones,
        b.dnd_until,
    ) or _later_fields(a) != _later_fields(b)


def _later_fields(state: State) -> tuple[object, ...]:
    """The state's fields since issue 19 (away, micro-pauses, contacts, the roster)."""
    return (
        state.away_since,
        state.micro_at,
        state.forward_to,
        state.rough,
        state.peak_on,
        state.last_break,
        state.fixed_name,
    )


def _after(stamp: str, moment: datetime) -> bool:
    try:
        return datetime.fromisoformat(stamp) >= moment
    except (TypeError, ValueError):
        return False


def dnd_until(stores: Stores, now: datetime) -> datetime | None:
    """Until when do-not-disturb holds (for ``companion dnd``): a request the app has
    not taken in yet, else what the rhythm's saved state says; None when it is off."""
    seen = stores.state.get(SEEN_KEY)
    done = seen.get("dnd") if isinstance(seen, dict) else None
    request = inbox.dnd_request(stores)
    if request is not None and request.id != done:
        until = request.until
    else:
        state = break_saved.from_dict(stores.state.get(STATE_KEY))
        until = state.dnd_until if state is not None else None
    return until if until is not None and until > now else None
