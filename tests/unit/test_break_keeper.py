"""The running break rhythm: kept in activity.db across restarts, every event recorded,
today's figures counted, and a full disk never stops a reminder."""

from __future__ import annotations

import dataclasses
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest

from companion.core.breaks import LOOKS_EVERY, Kind, Phase
from companion.core.shift import Shift
from companion.services.breaks import HEARTBEAT, STATE_KEY, BreakKeeper
from companion.services.config import Settings
from companion.store.errors import StoreWriteError
from companion.store.stores import Stores, open_stores
from companion.system.clock import FakeClock
from companion.system.paths import resolve_paths
from tests.conftest import SHANGHAI


@pytest.fixture
def stores(home: Path, clock: FakeClock) -> Stores:
    return open_stores(resolve_paths(home), clock)


def keeper_for(stores: Stores, clock: FakeClock, **settings: object) -> BreakKeeper:
    chosen = dataclasses.replace(Settings(), **settings)
    keeper = BreakKeeper(stores, clock, lambda: chosen)
    keeper.open()
    return keeper


def kinds(stores: Stores) -> list[str]:
    """Stored kinds, oldest first (events of one instant in the order they happened)."""
    return [e.kind for e in sorted(stores.break_events.all(), key=lambda e: e.created_at)]


def awake(keeper: BreakKeeper, clock: FakeClock, **delta: float) -> None:
    """Awake time passes while the app runs: it looks once a minute (the last look, at
    the end, is left to the test)."""
    left = timedelta(**delta).total_seconds()
    while left > LOOKS_EVERY:
        clock.advance(LOOKS_EVERY)
        left -= LOOKS_EVERY
        keeper.tick()
    clock.advance(left)


def test_settings_become_rules() -> None:
    rules = dataclasses.replace(
        Settings(), break_every=timedelta(minutes=50), shift_hours=True, shift_days=(5, 6)
    ).break_rules()
    assert rules.every == timedelta(minutes=50) and rules.length == timedelta(minutes=10)
    assert rules.shift == Shift(time(9, 0), time(18, 0), (5, 6))
    assert Settings().break_rules().shift is None


def test_every_event_is_stored_in_the_activity_log(stores: Stores, clock: FakeClock) -> None:
    keeper = keeper_for(stores, clock)
    awake(keeper, clock, hours=1, minutes=58)
    assert [e.kind for e in keeper.tick()] == [Kind.HEADS_UP]
    awake(keeper, clock, minutes=2)
    keeper.tick()
    keeper.postpone()
    awake(keeper, clock, minutes=5)
    keeper.tick()
    keeper.start_break()
    awake(keeper, clock, minutes=6)
    keeper.end_break()
    assert kinds(stores) == ["heads_up", "due", "postponed", "due", "started", "ended"]
    ended = max(stores.break_events.all(), key=lambda e: e.created_at)
    assert ended.fields == {"completed": False, "seconds": 360, "counted": True}
    assert ended.created_at == clock.now()  # in local time, like every other record
    assert stores.break_events.db.name == "activity"


def test_a_restart_carries_on_where_it_was(stores: Stores, home: Path, clock: FakeClock) -> None:
    keeper = keeper_for(stores, clock)
    awake(keeper, clock, hours=2)
    keeper.tick()
    keeper.postpone()
    keeper.close()
    clock.advance(minutes=1)
    again = keeper_for(open_stores(resolve_paths(home), clock), clock)
    assert again.view().phase == Phase.POSTPONED
    assert again.view().seconds_left == 240
    assert again.view().postpones_left == 2


def test_closing_the_app_for_longer_than_a_break_counts_as_one(
    stores: Stores, home: Path, clock: FakeClock
) -> None:
    keeper = keeper_for(stores, clock)
    awake(keeper, clock, minutes=40)
    keeper.close()
    clock.advance(minutes=25)
    fresh_stores = open_stores(resolve_paths(home), clock)
    again = keeper_for(fresh_stores, clock)
    assert kinds(fresh_stores)[-1] == "natural"
    assert again.view().seconds_left == 7200
    assert again.today().natural == 1 and again.today().taken == 1


def test_a_crash_is_not_mistaken_for_a_long_absence(
    stores: Stores, home: Path, clock: FakeClock
) -> None:
    keeper = keeper_for(stores, clock)
    for _ in range(10):  # the app ticks for 50 minutes, then is killed (no close())
        clock.advance(minutes=5)
        keeper.tick()
    clock.advance(minutes=2)
    again = keeper_for(open_stores(resolve_paths(home), clock), clock)
    assert "natural" not in kinds(again.stores)
    assert again.view().seconds_left == pytest.approx(7200 - 52 * 60, abs=HEARTBEAT)


def count_writes(stores: Stores, monkeypatch) -> list[dict]:  # type: ignore[no-untyped-def]
    """Every write of activity.db from now on, as the tables written."""
    writes: list[dict] = []
    storage = stores.activity.storage
    original = storage.write

    def write(data):  # type: ignore[no-untyped-def]
        writes.append(data)
        original(data)

    monkeypatch.setattr(storage, "write", write)
    return writes


def test_the_heartbeat_is_slow(stores: Stores, clock: FakeClock, monkeypatch) -> None:
    keeper = keeper_for(stores, clock)
    writes = count_writes(stores, monkeypatch)
    for _ in range(60):  # an hour of looks once a minute, nothing happening
        clock.advance(minutes=1)
        keeper.tick()
    assert len(writes) == 3600 // HEARTBEAT
    assert STATE_KEY in writes[-1]["state"]


def test_an_event_and_the_state_it_led_to_are_one_write(
    stores: Stores, home: Path, clock: FakeClock, monkeypatch
) -> None:
    """A kill between two writes could keep a break started without the state that
    says so (or the reverse): the next start would count or miss it."""
    keeper = keeper_for(stores, clock)
    writes = count_writes(stores, monkeypatch)
    keeper.start_break()
    assert len(writes) == 1
    (written,) = writes
    assert [e["kind"] for e in written["break_events"].values()] == ["started"]
    assert written["state"][STATE_KEY]["value"]["phase"] == Phase.ON_BREAK.value
    again = open_stores(resolve_paths(home), clock)  # what the next start finds
    assert kinds(again) == ["started"]
    assert again.state.get(STATE_KEY)["phase"] == Phase.ON_BREAK.value


def test_a_break_rating_is_kept_only_when_given(stores: Stores, clock: FakeClock) -> None:
    keeper = keeper_for(stores, clock)
    assert keeper.rate(None, None) is None
    assert stores.break_ratings.all() == []
    keeper.rate(7, None)
    (rating,) = stores.break_ratings.all()
    assert (rating.tension_before, rating.tension_after) == (7, None)


def test_today_counts_taken_postponed_skipped(stores: Stores, clock: FakeClock) -> None:
    keeper = keeper_for(stores, clock)
    assert not keeper.today().any
    awake(keeper, clock, hours=2)
    keeper.tick()
    keeper.postpone()
    awake(keeper, clock, minutes=5)
    keeper.tick()
    keeper.skip()
    awake(keeper, clock, minutes=30)
    keeper.start_break()  # early
    awake(keeper, clock, minutes=10)
    keeper.tick()
    today = keeper.today()
    assert (today.taken, today.postponed, today.skipped) == (1, 1, 1)


def test_todays_counts_start_again_at_midnight(home: Path) -> None:
    clock = FakeClock(datetime(2026, 11, 23, 23, 0, tzinfo=SHANGHAI))
    stores = open_stores(resolve_paths(home), clock)
    keeper = keeper_for(stores, clock)
    keeper.start_break()
    awake(keeper, clock, minutes=50)  # 23:50
    keeper.tick()
    clock.suspend(minutes=30)  # away from 23:50 to 00:20
    keeper.tick()
    assert keeper.today().started == 0
    assert keeper.today().natural == 0  # it began yesterday
    awake(keeper, clock, hours=2)
    keeper.tick()
    keeper.skip()
    assert keeper.today().skipped == 1


def test_a_full_disk_never_stops_the_reminders(
    stores: Stores, clock: FakeClock, monkeypatch
) -> None:
    keeper = keeper_for(stores, clock)

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("companion.store.storage.write_atomic", full)
    awake(keeper, clock, hours=2)
    assert [e.kind for e in keeper.tick()] == [Kind.DUE]
    assert keeper.view().phase == Phase.DUE
    problem = keeper.take_problem()
    assert isinstance(problem, StoreWriteError)
    keeper.postpone()
    assert keeper.take_problem() is None  # told once, not at every event
    monkeypatch.undo()
    awake(keeper, clock, minutes=5)
    keeper.tick()
    assert keeper.take_problem() is None
    assert kinds(stores) == ["due"]  # the write after the disk was freed


def test_an_unreadable_saved_state_starts_fresh(stores: Stores, clock: FakeClock) -> None:
    stores.state.set(STATE_KEY, {"phase": "??"})
    keeper = keeper_for(stores, clock)
    assert keeper.view().phase == Phase.WORKING and keeper.view().seconds_left == 7200


def test_view_in_local_time_and_shift_end(stores: Stores, clock: FakeClock) -> None:
    keeper = keeper_for(stores, clock, shift_hours=True)
    view = keeper.view()
    assert view.deadline == datetime(2026, 11, 23, 12, 30, tzinfo=SHANGHAI)
    assert view.deadline is not None and view.deadline.utcoffset() == timedelta(hours=8)
    assert keeper.shift_end() == datetime(2026, 11, 23, 18, 0, tzinfo=SHANGHAI)
    keeper.set_dnd(clock.now() + timedelta(minutes=30))
    assert keeper.view().dnd_until == datetime(2026, 11, 23, 11, 0, tzinfo=SHANGHAI)
    assert keeper.seconds_to_next_change() == 1800
