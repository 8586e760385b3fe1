"""Contacts and micro-pauses in figures: chats per day with the rough ones, micro-pauses
counted apart from breaks, and tension after a rough chat vs a calm one with the counts
it rests on (and "not enough" below three ratings a side)."""

from __future__ import annotations

from datetime import datetime, timedelta

from companion.core.contact_figures import Marked, TensionAfter, tension_after
from companion.core.insights import Rated, Records, compute
from companion.core.weeks import BreakPlan, Span
from tests.conftest import SHANGHAI

NOON = datetime(2026, 11, 23, 12, 0, tzinfo=SHANGHAI)  # a Monday


def at(minutes: float) -> datetime:
    return NOON + timedelta(minutes=minutes)


def test_a_rating_belongs_to_the_last_chat_within_half_an_hour() -> None:
    contacts = [Marked(at(0), rough=True), Marked(at(40), rough=False)]
    ratings = [
        Rated(at(10), before=8),  # after the rough one
        Rated(at(35), before=9),  # 35 min after it: no longer about it
        Rated(at(45), before=3),  # after the calm one
        Rated(at(-5), before=5),  # before any chat
        Rated(at(50), before=None),  # not rated
    ]
    found = tension_after(contacts, ratings)
    assert found == TensionAfter(1, 8.0, 1, 3.0)
    assert not found.enough


def test_enough_with_three_ratings_on_each_side() -> None:
    contacts = [Marked(at(60 * i), rough=i % 2 == 0) for i in range(6)]
    ratings = [Rated(at(60 * i + 5), before=7 if i % 2 == 0 else 3) for i in range(6)]
    found = tension_after(contacts, ratings)
    assert found.enough and (found.rough, found.calm) == (7.0, 3.0)
    assert (found.rough_ratings, found.calm_ratings) == (3, 3)


class Ev:
    def __init__(self, kind: str, created_at: datetime, **fields: object) -> None:
        self.kind, self.created_at, self.fields = kind, created_at, fields


def test_contacts_and_micro_pauses_by_day_apart_from_breaks() -> None:
    records = Records(
        break_events=[
            *(Ev("micro", at(1)), Ev("micro", at(2)), Ev("started", at(3))),
            Ev("ended", at(13), completed=True, seconds=600, counted=True),  # counted as it ends
        ],
        contacts=[Marked(at(0), True), Marked(at(5)), Marked(at(-60 * 24))],
        sos=[Rated(at(10), before=9, after=5)],
    )
    found = compute(
        records, BreakPlan(timedelta(hours=2), timedelta(minutes=10), None), at(30), Span.WEEK, 0
    )
    today = found.today_figures
    assert (today.contacts, today.rough, today.micro) == (2, 1, 2)
    assert today.breaks.taken == 1  # a micro-pause is not a break taken
    assert (found.totals.contacts, found.totals.rough, found.totals.micro) == (2, 1, 2)
    assert found.after_contacts.calm_ratings == 1  # the last chat before it was calm
    assert not found.empty


def test_micro_pauses_alone_are_not_an_empty_week() -> None:
    records = Records(break_events=[Ev("micro", at(1))])
    found = compute(
        records, BreakPlan(timedelta(hours=2), timedelta(minutes=10), None), at(30), Span.WEEK, 0
    )
    assert not found.empty
