"""The two stores and what each holds.

The journal (``data/journal/``, see store/journal.py) is private writing (entries by
month, drafts, practice) and may be encrypted; ``activity.db`` is small, frequent
events (breaks, breathing, contacts marked) and app state, readable without a
passphrase so reminders keep working while the journal is locked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from companion.store import segments
from companion.store.database import Database, OpenProblem, Schema
from companion.store.entry_repo import EntryRepo
from companion.store.journal import JournalStore
from companion.store.repos import KeyValue, Repo
from companion.store.schema import (
    BreakEvent,
    BreakRating,
    BreathingSession,
    Contact,
    Draft,
    DrillAttempt,
    PokerRound,
    Reframe,
    RoleplayRun,
    SosReset,
)
from companion.system.clock import Clock
from companion.system.paths import Paths, ensure_dirs

JOURNAL_SCHEMA = Schema(version=1)
ACTIVITY_SCHEMA = Schema(version=1)


@dataclass
class Stores:
    journal: JournalStore
    activity: Database
    state: KeyValue
    entries: EntryRepo
    drafts: Repo[Draft]
    break_events: Repo[BreakEvent]
    break_ratings: Repo[BreakRating]
    breathing: Repo[BreathingSession]
    sos: Repo[SosReset]
    reframes: Repo[Reframe]
    drill_attempts: Repo[DrillAttempt]
    poker_rounds: Repo[PokerRound]
    roleplay_runs: Repo[RoleplayRun]
    contacts: Repo[Contact]  # chats marked as ended (companion contact, the app's key)
    problems: list[OpenProblem] = field(default_factory=list)

    def databases(self) -> tuple[JournalStore, Database]:
        return (self.journal, self.activity)

    def database(self, name: str) -> JournalStore | Database:
        return {db.name: db for db in self.databases()}[name]

    def close(self) -> None:
        for db in self.databases():
            db.close()


def open_stores(
    paths: Paths, clock: Clock, passphrase: str | None = None, move_damaged: bool = True
) -> Stores:
    """Open (and if needed create, migrate, back up) both stores.

    An encrypted journal stays locked (``stores.journal.locked``) unless the passphrase
    is given here or to ``companion.store.encryption.unlock`` later; activity.db never
    needs it, so reminders keep working while the journal is locked. The command line
    passes ``move_damaged=False`` (see ``Database``).
    """
    ensure_dirs(paths)
    journal = JournalStore(paths, clock, JOURNAL_SCHEMA, move_damaged=move_damaged)
    activity = Database(
        "activity",
        paths.activity_db,
        paths.backup_dir,
        clock,
        ACTIVITY_SCHEMA,
        move_damaged=move_damaged,
    )
    journal.open()
    problems = [*journal.problems(), *[p for p in (activity.open(),) if p is not None]]
    if passphrase is not None and journal.locked:
        from companion.store.encryption import unlock

        unlock(journal, passphrase)
        problems = [*journal.problems(), *[p for p in problems if p.store != "journal"]]
    return Stores(
        journal=journal,
        activity=activity,
        state=KeyValue(activity, "state"),
        entries=EntryRepo(journal, clock),
        drafts=Repo(part(journal, segments.DRAFTS), "drafts", Draft, clock),
        break_events=Repo(activity, "break_events", BreakEvent, clock),
        break_ratings=Repo(activity, "break_ratings", BreakRating, clock),
        breathing=Repo(activity, "breathing", BreathingSession, clock),
        sos=Repo(activity, "sos", SosReset, clock),
        reframes=Repo(part(journal, segments.PRACTICE), "reframes", Reframe, clock),
        drill_attempts=Repo(
            part(journal, segments.PRACTICE), "drill_attempts", DrillAttempt, clock
        ),
        poker_rounds=Repo(part(journal, segments.PRACTICE), "poker_rounds", PokerRound, clock),
        roleplay_runs=Repo(part(journal, segments.PRACTICE), "roleplay_runs", RoleplayRun, clock),
        contacts=Repo(activity, "contacts", Contact, clock),
        problems=problems,
    )


def part(journal: JournalStore, name: str) -> Callable[[], Database]:
    """One of the journal's files, opened when a repository first uses it."""
    return lambda: journal.part(name)
