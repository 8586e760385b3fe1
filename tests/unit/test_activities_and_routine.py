"""Break activities (content and the order they are suggested in), and the shift
routine's offers and what it keeps."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from companion.core.activities import GROUPS, activities_from, suggestion_order
from companion.core.journal import EntryError
from companion.services.config import Settings
from companion.services.journal.service import Journal
from companion.services.routine import ENERGY_OFFERED, ShiftRoutine
from companion.store.stores import open_stores
from companion.system.clock import FakeClock
from companion.system.content import load_pack
from companion.system.paths import resolve_paths
from tests.ui.helpers import record_calls


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_at_least_forty_activities_in_every_group(lang: str) -> None:
    activities = activities_from(load_pack(lang, "activities"))
    assert len(activities) >= 40
    assert {a.group for a in activities} == set(GROUPS)
    for group in GROUPS:
        assert sum(a.group == group for a in activities) >= 5, group
    assert len({a.text for a in activities}) == len(activities)  # no repeats


def test_another_idea_is_a_different_kind_of_rest() -> None:
    activities = activities_from(load_pack("en", "activities"))
    order = suggestion_order(activities, seed=7)
    assert sorted(a.id for a in order) == sorted(a.id for a in activities)
    first_round = [a.group for a in order[: len(GROUPS)]]
    assert sorted(first_round) == sorted(GROUPS)
    assert suggestion_order(activities, seed=7) == order  # the same break, the same ideas


def test_the_order_is_the_same_in_every_language() -> None:
    en = suggestion_order(activities_from(load_pack("en", "activities")), seed=3)
    zh = suggestion_order(activities_from(load_pack("zh", "activities")), seed=3)
    assert [a.id for a in en] == [a.id for a in zh]


def routine_for(home: Path, clock: FakeClock, **settings: object) -> ShiftRoutine:
    import dataclasses

    chosen = dataclasses.replace(Settings(), **settings)
    stores = open_stores(resolve_paths(home), clock)
    return ShiftRoutine(stores, clock, lambda: chosen, Journal(stores, clock))


def test_the_energy_station_is_offered_on_the_first_launch_of_a_day(
    home: Path, clock: FakeClock
) -> None:
    routine = routine_for(home, clock)
    assert not routine.launched(in_shift=True)  # the very first run has the welcome
    clock.advance(hours=20)
    assert routine.launched(in_shift=True)
    routine.offered(ENERGY_OFFERED)
    assert not routine.launched(in_shift=True)  # once a day
    clock.advance(days=1)
    assert not routine.launched(in_shift=False)  # outside the shift: at its start instead
    assert routine.shift_started()


def test_the_routine_can_be_turned_off(home: Path, clock: FakeClock) -> None:
    routine = routine_for(home, clock, shift_routine=False)
    assert not routine.shift_started() and not routine.shift_ended()


def test_answers_are_private_writing(home: Path, clock: FakeClock) -> None:
    routine = routine_for(home, clock)
    assert routine.save_intention("  ", None) is None
    assert routine.save_release("", " ") is None
    entry = routine.save_intention(" Breathe first ", "calm")
    assert entry is not None and entry.text == "Breathe first"
    assert entry.fields == {"routine": "energy_station", "feeling": "calm"}
    assert routine.stores.entries.db.name == "journal"
    only_feeling = routine.save_intention("", "tired")
    assert only_feeling is not None and only_feeling.text == ""
    clock.advance(timedelta(hours=8).total_seconds())
    release = routine.save_release("a kind customer", "")
    assert release is not None and release.fields["went_well"] == "a kind customer"
    assert release.text == "a kind customer"
    both = routine.save_release(" a kind customer ", " the refund queue ")
    assert both is not None and both.text == "a kind customer\nthe refund queue"
    assert both.fields == {
        "routine": "release",
        "went_well": "a kind customer",
        "let_go": "the refund queue",
    }


def test_answers_go_through_the_journals_one_check(home: Path, clock: FakeClock) -> None:
    routine = routine_for(home, clock)
    checked = record_calls(routine.journal, "check")
    routine.save_intention("one calm reply #focus", "calm")
    routine.save_release("a thank-you", "")
    assert checked == ["check", "check"]
    assert {e.kind: e.tags for e in routine.journal.entries()} == {
        "intention": ("focus",),  # its tags found as the editor finds them
        "release": (),
    }
    many = " ".join(f"#t{n}" for n in range(21))
    with pytest.raises(EntryError, match="too_many_tags"):
        routine.save_intention(many, None)
    assert routine.journal.total() == 2
