"""Reframes and practice results kept in the journal; the next-day question asked once,
driven by the clock; decks that remember across sessions."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from companion.core.journal import EntryError
from companion.core.poker import Hand
from companion.core.reframe import Page, Reframing
from companion.core.roleplay import Conversation
from companion.packs import practice as practice_packs
from companion.services import practice_today
from companion.services.journal.service import Journal
from companion.services.practice import REVIEW_KIND, Practice
from companion.store.stores import Stores, open_stores
from companion.system.clock import FakeClock
from companion.system.paths import ensure_dirs, resolve_paths


@pytest.fixture
def stores(home: Path, clock: FakeClock) -> Stores:
    return open_stores(ensure_dirs(resolve_paths(home)), clock)


@pytest.fixture
def practice(stores: Stores, clock: FakeClock) -> Practice:
    return Practice(stores, clock, random.Random(4), journal=Journal(stores, clock))


def finished_reframe(practice: Practice, **changes: object) -> str:
    wizard = Reframing(facts="f", thought="t", meaning="m", before=80, after=40, **changes)
    wizard.page = Page.SUMMARY
    return practice.save_reframe(wizard).id


def test_a_reframe_is_added_once_then_updated_in_the_journal(
    practice: Practice, stores: Stores
) -> None:
    wizard = Reframing(facts="The parcel is late.")
    first = practice.save_reframe(wizard)
    assert wizard.record_id == first.id and not first.finished
    wizard.thought = "They blame me."
    wizard.page = Page.TRAPS
    second = practice.save_reframe(wizard)
    assert second.id == first.id and second.thought == "They blame me." and second.page == "traps"
    assert stores.reframes.count() == 1
    assert "reframes" in (stores.journal.folder / "practice.db").read_text("utf-8")


def test_an_unfinished_reframe_is_offered_back_for_a_week(
    practice: Practice, clock: FakeClock
) -> None:
    wizard = Reframing(facts="half done")
    practice.save_reframe(wizard)
    finished_reframe(practice)
    assert practice.unfinished_reframe().id == wizard.record_id
    clock.advance(days=8)
    assert practice.unfinished_reframe() is None


def test_a_reframe_from_a_thought_log_entry_keeps_the_link_both_ways(
    practice: Practice, stores: Stores
) -> None:
    entry = stores.entries.add(
        kind="thought", text="A customer called me a scammer.", fields={"thought": "I'm bad."}
    )
    wizard = practice.reframe_from_entry(entry.id)
    assert wizard.facts == "A customer called me a scammer." and wizard.thought == "I'm bad."
    record = practice.save_reframe(wizard)
    assert record.entry_id == entry.id
    assert [r.id for r in practice.reframes_for_entry(entry.id)] == [record.id]
    assert practice.reframes_for_entry("another") == []
    assert practice.reframe_from_entry("missing") is None


def test_the_next_day_it_asks_once_how_it_turned_out(practice: Practice, clock: FakeClock) -> None:
    reframe_id = finished_reframe(practice)
    assert practice.follow_up_due() is None  # same day
    clock.advance(hours=20)  # next morning
    asked = practice.follow_up_due()
    assert asked is not None and asked.id == reframe_id and asked.follow_up == "asked"
    assert practice.follow_up_due() is None  # a second open the same day
    clock.advance(days=1)
    assert practice.follow_up_due() is None  # asked once, never again
    answered = practice.answer_follow_up(reframe_id, "better", "She thanked me in the end.")
    assert (answered.follow_up, answered.outcome) == ("answered", "better")


def test_one_question_a_day_even_with_several_waiting(practice: Practice, clock: FakeClock) -> None:
    older = finished_reframe(practice)
    clock.advance(hours=1)
    newer = finished_reframe(practice)
    clock.advance(days=1)
    assert practice.follow_up_due().id == newer
    assert practice.follow_up_due() is None
    clock.advance(days=1)
    assert practice.follow_up_due().id == older


def test_a_wall_clock_jump_over_midnight_while_asleep_counts_as_a_new_day(
    practice: Practice, clock: FakeClock
) -> None:
    reframe_id = finished_reframe(practice)
    practice.follow_up_due()
    clock.suspend(hours=16)
    assert practice.follow_up_due().id == reframe_id


def test_a_deck_remembers_its_cards_across_sessions(stores: Stores, clock: FakeClock) -> None:
    ids = [s.id for s in practice_packs.situations("en")]
    first = Practice(stores, clock, random.Random(1), journal=Journal(stores, clock))
    drawn = [first.draw("situations", ids) for _ in range(10)]
    later = Practice(stores, clock, random.Random(2), journal=Journal(stores, clock))
    drawn += [later.draw("situations", ids) for _ in range(len(ids) - 10)]
    assert sorted(drawn) == sorted(ids)


def test_drill_answers_are_kept_and_counted(practice: Practice, stores: Stores) -> None:
    drills = practice_packs.drills("en")
    first = drills[0]
    wrong = next(i for i, o in enumerate(first.options) if not o.best)
    assert not practice.answer_drill(first, wrong).best
    assert practice.answer_drill(first, first.best_index).best
    seen = practice.drill_progress(drills)
    assert (seen.tried, seen.first_try, seen.latest_best) == (1, 0, 1)
    assert stores.drill_attempts.count() == 2
    assert practice.next_drill(drills, skip=first.id).id != first.id


def test_poker_roleplay_and_a_growth_review_are_kept(practice: Practice, stores: Stores) -> None:
    hand = Hand("late_parcel", "mind_reading", "customer", 1)
    round_id = practice.record_poker(hand, " They're worried. ", 42.4, True)
    practice.rate_poker(round_id, 3)
    kept = stores.poker_rounds.get(round_id)
    assert (kept.reframe, kept.seconds, kept.rating) == ("They're worried.", 42, 3)
    assert (kept.card_id, kept.trap, kept.side) == ("late_parcel", "mind_reading", "customer")
    play = practice_packs.roleplays("en")[0]
    talk = Conversation(play)
    while not talk.finished:
        talk.choose(0)
    practice.record_roleplay(talk)
    run = stores.roleplay_runs.all()[0]
    assert run.play_id == play.id and run.ending == talk.step_id and run.heat_end == talk.heat
    entry = practice.save_review("A refund fight.", "I stayed calm.", "Offer choices sooner.")
    assert entry.kind == REVIEW_KIND and entry.text == "A refund fight."
    assert entry.fields == {"did_well": "I stayed calm.", "next_time": "Offer choices sooner."}
    assert practice.journal.entries() == [entry]  # written through the journal: it sees it
    with pytest.raises(EntryError, match="too_many_tags"):  # and checked by it
        practice.save_review(" ".join(f"#t{n}" for n in range(21)), "", "")
    assert practice.journal.total() == 1


def test_todays_reframes_and_rounds_for_home(practice: Practice, clock: FakeClock) -> None:
    def done_today() -> tuple[int, int]:
        return practice_today.done_today(practice.stores, practice.clock)

    assert done_today() == (0, 0)
    finished_reframe(practice)
    practice.save_reframe(Reframing(facts="not finished"))
    practice.record_poker(Hand("card", "trap", "side"), "a reframe", 40, in_time=True)
    practice.record_poker(Hand("card", "trap", "side"), "another", 50, in_time=False)
    assert done_today() == (1, 2)
    clock.advance(hours=14)  # past midnight in Shanghai
    assert done_today() == (0, 0)
