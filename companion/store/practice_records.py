"""Record types of the practice room, kept in the journal's practice file: reframes,
drill answers, poker rounds and role plays."""

from __future__ import annotations

import dataclasses

from companion.store.records import Record


@dataclasses.dataclass(frozen=True, kw_only=True)
class Reframe(Record):
    """A four-step reframe (companion.core.reframe) in journal.db, kept as it is written.

    ``entry_id`` links it to the thought-log Entry it started from (find the reframes of
    an entry with ``Practice.reframes_for_entry``). ``page`` is where an unfinished one
    was left. ``follow_up`` is the next-day question: pending -> asked -> answered.
    """

    facts: str = ""
    thought: str = ""
    feeling: str = ""
    before: int = 50
    traps: tuple[str, ...] = ()
    sides: dict[str, str] = dataclasses.field(default_factory=dict)
    meaning: str = ""
    action: str = ""
    after: int | None = None
    entry_id: str | None = None
    page: str = "facts"
    finished: bool = False
    follow_up: str = "pending"
    outcome: str = ""  # better | as_expected | harder, or "" when not said
    outcome_note: str = ""


@dataclasses.dataclass(frozen=True, kw_only=True)
class DrillAttempt(Record):
    """One answer to a scenario drill: which option, and whether it was the best one."""

    drill_id: str
    topic: str = ""
    choice: int = 0
    best: bool = False


@dataclasses.dataclass(frozen=True, kw_only=True)
class PokerRound(Record):
    """One round of cognitive poker: the hand (its situation card, and the trap and side
    dealt with it, "" in rounds from before hands), the reframe written, a rating 1-3."""

    card_id: str
    trap: str = ""
    side: str = ""
    reframe: str = ""
    seconds: int = 0
    in_time: bool = True
    rating: int = 0  # 0: not rated


@dataclasses.dataclass(frozen=True, kw_only=True)
class RoleplayRun(Record):
    """One finished role play: the replies picked and how the customer's heat moved."""

    play_id: str
    choices: tuple[int, ...] = ()
    heat_start: int = 0
    heat_end: int = 0
    ending: str = ""
