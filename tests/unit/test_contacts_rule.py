"""The contact hook's rules, moved by a fake clock: "after this chat" ends on the next
mark, and several rough contacts within the hour bring the next break forward."""

from __future__ import annotations

from datetime import timedelta

from companion.core import breaks, contacts
from companion.core.breaks import Kind, Phase, Rules
from tests.unit.test_breaks import Run, due_now


def mark(run: Run, rough: bool = False, ago: float = 0.0) -> list[Kind]:
    at = run.moment().utc - timedelta(seconds=ago)
    return run.do(contacts.contact, at, rough)


def test_after_this_chat_ends_on_the_next_mark() -> None:
    run = due_now()
    run.do(breaks.after_chat)
    run.advance(minutes=4)
    assert mark(run) == [Kind.DUE]
    assert run.last(Kind.DUE).fields == {"again": True, "postpones": 0, "cause": "contact"}
    assert run.phase == Phase.DUE  # the break is asked for again, now


def test_a_mark_from_before_after_this_chat_does_not_end_it() -> None:
    """`companion contact` written a minute before the agent chose "after this chat",
    read by the app only now, is the chat before: this one is still going."""
    run = due_now()
    run.advance(minutes=1)
    run.do(breaks.after_chat)
    assert mark(run, ago=60) == []
    assert run.phase == Phase.AFTER_CHAT


def test_a_mark_at_any_other_time_changes_nothing_for_a_calm_chat() -> None:
    run = Run()
    run.advance(minutes=30)
    before = run.state
    assert mark(run) == []
    assert run.state == before


def test_three_rough_contacts_in_an_hour_bring_the_break_forward() -> None:
    run = Run()
    run.advance(minutes=10)
    assert mark(run, rough=True) == []
    run.advance(minutes=20)
    assert mark(run, rough=True) == []
    run.advance(minutes=20)
    assert run.left() == 7200 - 50 * 60
    assert mark(run, rough=True) == [Kind.FORWARD, Kind.HEADS_UP]
    assert run.last(Kind.FORWARD).fields == {"rough": 3}
    assert run.left() == 120  # a heads-up now, the break after it
    assert run.advance(minutes=2) == [Kind.DUE]


def test_rough_contacts_older_than_the_window_do_not_count() -> None:
    run = Run()
    mark(run, rough=True)
    run.advance(minutes=40)
    mark(run, rough=True)
    run.advance(minutes=25)  # the first is 65 minutes old now
    assert mark(run, rough=True) == []
    assert len(run.state.rough) == 2


def test_a_rest_starts_the_count_again() -> None:
    run = Run()
    mark(run, rough=True)
    mark(run, rough=True)
    run.do(breaks.start_break)
    run.advance(minutes=10)
    assert mark(run, rough=True) == []


def test_the_limit_is_a_setting_and_zero_turns_it_off() -> None:
    run = Run(Rules(rough_limit=0))
    for _ in range(5):
        assert mark(run, rough=True) == []
    two = Run(Rules(rough_limit=2, rough_window=timedelta(minutes=30)))
    mark(two, rough=True)
    two.advance(minutes=29)
    assert Kind.FORWARD in mark(two, rough=True)


def test_a_break_coming_sooner_anyway_is_left_alone() -> None:
    run = Run()
    run.advance(hours=1, minutes=59)
    for _ in range(3):
        assert Kind.FORWARD not in mark(run, rough=True)
    assert run.left() == 60
