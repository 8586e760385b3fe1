"""Reframing and practice, kept: the rules of companion.core applied to the stores.

Screens call this (through ``app.services.practice``) and never touch a repository themselves.
Everything written here is private writing and goes to journal.db; only the position
of the card decks (which cards were drawn) and the day of the last follow-up check are
app state in activity.db. No Textual.
"""

from __future__ import annotations

import contextlib
import random
from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from companion.core import reframe as rules
from companion.core.cards import Deck
from companion.core.drills import Answer, Drill, Progress, answer, next_drill, progress
from companion.core.poker import Hand, deal
from companion.core.roleplay import Conversation
from companion.store.errors import StoreError
from companion.store.practice_records import Reframe
from companion.store.schema import Entry
from companion.store.stores import Stores
from companion.system.clock import Clock

if TYPE_CHECKING:  # handed in by Services: feature services never import each other
    from companion.services.journal.service import Journal

REVIEW_KIND = "review"  # a growth review (复盘) is a journal Entry of this kind
FOLLOW_UP_CHECKED = "reframe.follow_up_checked"
DECK_STATE = "practice.deck.{name}"
RESUME_DAYS = 7  # an unfinished reframe is offered back for a week


class Practice:
    def __init__(
        self, stores: Stores, clock: Clock, rng: random.Random | None = None, *, journal: Journal
    ) -> None:
        self.stores = stores
        self.clock = clock
        self.journal = journal
        self.rng = rng or random.Random()
        self._decks: dict[str, Deck] = {}
        # A growth review being written, kept while the app runs if its screen is left
        # before saving (the screen goes; the words stay).
        self.review_draft: dict[str, str] = {}

    # -- reframes ------------------------------------------------------------------
    def save_reframe(self, wizard: rules.Reframing) -> Reframe:
        """Keep the reframe as it stands now (every page change saves); first save adds."""
        fields = wizard.record_fields()
        if wizard.record_id and self.stores.reframes.get(wizard.record_id) is not None:
            record = self.stores.reframes.update(wizard.record_id, **fields)
        else:
            record = self.stores.reframes.add(**fields)
            wizard.record_id = record.id
        return record

    def discard_reframe(self, record_id: str) -> None:
        self.stores.reframes.delete(record_id)

    def unfinished_reframe(self) -> Reframe | None:
        """The newest unfinished reframe from the last week, to offer back."""
        since = self.clock.now() - timedelta(days=RESUME_DAYS)
        waiting = self.stores.reframes.where(lambda r: not r.finished and r.updated_at >= since)
        return max(waiting, key=lambda r: r.updated_at, default=None)

    def reframes_for_entry(self, entry_id: str) -> list[Reframe]:
        """Every reframe started from one journal entry, newest first (the link back)."""
        return self.stores.reframes.where(lambda r: r.entry_id == entry_id)

    def reframe_from_entry(self, entry_id: str) -> rules.Reframing | None:
        entry = self.journal.get(entry_id)
        return None if entry is None else rules.from_entry(entry)

    # -- the next-day question ---------------------------------------------------------
    def follow_up_due(self) -> Reframe | None:
        """At the first open of a day: the reframe to ask about, already marked as asked
        (so it is asked once, even if the app closes before an answer)."""
        now = self.clock.now()
        last = self.stores.state.get(FOLLOW_UP_CHECKED)
        try:
            last_day = date.fromisoformat(last) if isinstance(last, str) else None
        except ValueError:
            last_day = None
        due = rules.follow_up_due(self.stores.reframes.all(), now, last_day)
        self.stores.state.set(FOLLOW_UP_CHECKED, now.date().isoformat())
        if due is None:
            return None
        return self.stores.reframes.update(due.id, follow_up="asked")

    def answer_follow_up(self, reframe_id: str, outcome: str, note: str = "") -> Reframe:
        return self.stores.reframes.update(reframe_id, **rules.follow_up_answer(outcome, note))

    # -- decks ----------------------------------------------------------------------
    def draw(self, name: str, card_ids: Sequence[str]) -> str:
        """The next card of a deck; every card once before any comes again, across
        sessions when the app state can be kept (in memory otherwise)."""
        key = DECK_STATE.format(name=name)
        deck = self._decks.get(name)
        if deck is None or deck.card_ids != tuple(card_ids):
            try:
                state = self.stores.state.get(key)
            except StoreError:
                state = None
            deck = Deck(card_ids, self.rng, state if isinstance(state, dict) else None)
            self._decks[name] = deck
        card = deck.draw()
        # If the app state can't be written, the draw still works; only the memory
        # across sessions is lost.
        with contextlib.suppress(StoreError):
            self.stores.state.set(key, deck.state())
        return card

    # -- drills ---------------------------------------------------------------------
    def answer_drill(self, drill: Drill, choice: int) -> Answer:
        result = answer(drill, choice)
        self.stores.drill_attempts.add(
            drill_id=drill.id, topic=drill.topic, choice=choice, best=result.best
        )
        return result

    def drill_progress(self, drills: Sequence[Drill]) -> Progress:
        return progress(drills, self.stores.drill_attempts.all())

    def next_drill(self, drills: Sequence[Drill], skip: str | None = None) -> Drill:
        return next_drill(drills, self.stores.drill_attempts.all(), self.rng, skip)

    # -- poker, role play, growth review ------------------------------------------------
    def deal(
        self, situations: Sequence[str], traps: Sequence[str], sides: Sequence[tuple[str, int]]
    ) -> Hand:
        """A poker hand: a situation, a trap and a side (with its number of prompts),
        each from its own deck, so every card comes once before any comes again."""
        return deal(self.draw, situations, traps, sides, self.rng.randrange)

    def record_poker(self, hand: Hand, text: str, seconds: float, in_time: bool) -> str:
        record = self.stores.poker_rounds.add(
            card_id=hand.situation,
            trap=hand.trap,
            side=hand.side,
            reframe=text.strip(),
            seconds=round(seconds),
            in_time=in_time,
        )
        return record.id

    def rate_poker(self, round_id: str, rating: int) -> None:
        self.stores.poker_rounds.update(round_id, rating=max(1, min(3, rating)))

    def record_roleplay(self, talk: Conversation) -> None:
        self.stores.roleplay_runs.add(
            play_id=talk.play.id,
            choices=talk.choices,
            heat_start=talk.play.heat,
            heat_end=talk.heat,
            ending=talk.step_id,
        )

    def roleplay_counts(self) -> dict[str, int]:
        """How many times each role play was played to the end."""
        counts: dict[str, int] = {}
        for run in self.stores.roleplay_runs.all():
            counts[run.play_id] = counts.get(run.play_id, 0) + 1
        return counts

    def save_review(self, happened: str, did_well: str, next_time: str) -> Entry:
        """A growth review, through the journal's check (raises EntryError if refused)."""
        answers = {"text": happened, "did_well": did_well, "next_time": next_time}
        return self.journal.add(REVIEW_KIND, {k: v.strip() for k, v in answers.items()})
