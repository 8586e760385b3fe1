"""The two stores and what each holds.

The journal (``data/journal/``, see store/journal.py) is private writing (entries by
month, drafts, practice) and may be encrypted; ``activity.db`` is small, frequent
events (breaks, breathing, contacts marked) and app state, readable without a
passphrase so reminders keep working while the journal is locked.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING

from companion.store import segments
from companion.store.database import Database, OpenProblem, Schema
from companion.store.journal import JournalStore
from companion.store.key_value import KeyValue
from companion.system.clock import Clock
from companion.system.paths import Paths, ensure_dirs

if TYPE_CHECKING:
    from companion.store.activity_records import (
        BreakEvent,
        BreakRating,
        BreathingSession,
        Contact,
        SosReset,
    )
    from companion.store.entry_repo import EntryRepo
    from companion.store.practice_records import (
        DrillAttempt,
        PokerRound,
        Reframe,
        RoleplayRun,
    )
    from companion.store.records import R
    from companion.store.repos import Repo
    from companion.store.schema import Draft

JOURNAL_SCHEMA = Schema(version=1)
ACTIVITY_SCHEMA = Schema(version=1)


class Stores:
    """Both stores and a repository for each kind of record. Each repository is made
    when first used, with its record type: ``companion note`` never builds a breathing
    session's class, the app's first frame no journal record's. (A plain class:
    defining a dataclass costs a millisecond of every start.)"""

    def __init__(
        self,
        journal: JournalStore,
        activity: Database,
        clock: Clock,
        state: KeyValue,
        problems: list[OpenProblem] | None = None,
    ) -> None:
        self.journal, self.activity, self.clock, self.state = journal, activity, clock, state
        self.problems: list[OpenProblem] = [] if problems is None else problems

    def _repo(self, db: Database | Callable[[], Database], table: str, kind: type[R]) -> Repo[R]:
        from companion.store.repos import Repo  # (with the record types: ~10 ms)

        return Repo(db, table, kind, self.clock)

    # (The journal's record types and the entries' repository module: ~7 ms.)
    @cached_property
    def entries(self) -> EntryRepo:
        from companion.store.entry_repo import EntryRepo

        return EntryRepo(self.journal, self.clock)

    @cached_property
    def drafts(self) -> Repo[Draft]:
        from companion.store.schema import Draft

        return self._repo(part(self.journal, segments.DRAFTS), "drafts", Draft)

    @cached_property
    def break_events(self) -> Repo[BreakEvent]:
        from companion.store.activity_records import BreakEvent

        return self._repo(self.activity, "break_events", BreakEvent)

    @cached_property
    def break_ratings(self) -> Repo[BreakRating]:
        from companion.store.activity_records import BreakRating

        return self._repo(self.activity, "break_ratings", BreakRating)

    @cached_property
    def breathing(self) -> Repo[BreathingSession]:
        from companion.store.activity_records import BreathingSession

        return self._repo(self.activity, "breathing", BreathingSession)

    @cached_property
    def sos(self) -> Repo[SosReset]:
        from companion.store.activity_records import SosReset

        return self._repo(self.activity, "sos", SosReset)

    @cached_property
    def contacts(self) -> Repo[Contact]:
        """Chats marked as ended (``companion contact``, the app's key)."""
        from companion.store.activity_records import Contact

        return self._repo(self.activity, "contacts", Contact)

    @cached_property
    def reframes(self) -> Repo[Reframe]:
        from companion.store.practice_records import Reframe

        return self._repo(part(self.journal, segments.PRACTICE), "reframes", Reframe)

    @cached_property
    def drill_attempts(self) -> Repo[DrillAttempt]:
        from companion.store.practice_records import DrillAttempt

        practice = part(self.journal, segments.PRACTICE)
        return self._repo(practice, "drill_attempts", DrillAttempt)

    @cached_property
    def poker_rounds(self) -> Repo[PokerRound]:
        from companion.store.practice_records import PokerRound

        practice = part(self.journal, segments.PRACTICE)
        return self._repo(practice, "poker_rounds", PokerRound)

    @cached_property
    def roleplay_runs(self) -> Repo[RoleplayRun]:
        from companion.store.practice_records import RoleplayRun

        practice = part(self.journal, segments.PRACTICE)
        return self._repo(practice, "roleplay_runs", RoleplayRun)

    def databases(self) -> tuple[JournalStore, Database]:
        return (self.journal, self.activity)

    def database(self, name: str) -> JournalStore | Database:
        return {db.name: db for db in self.databases()}[name]

    def close(self) -> None:
        for db in self.databases():
            db.close()


def open_stores(
    paths: Paths,
    clock: Clock,
    passphrase: str | None = None,
    move_damaged: bool = True,
    activity_when_used: bool = False,
) -> Stores:
    """Open (and if needed create, migrate, back up) both stores.

    An encrypted journal stays locked (``stores.journal.locked``) unless the passphrase
    is given here or to ``companion.store.encryption.unlock`` later; activity.db never
    needs it, so reminders keep working while the journal is locked. The command line
    passes ``move_damaged=False`` (see ``Database``). ``activity_when_used``: activity.db
    is opened by its first use, not here (a command that writes a note never reads the
    activity log, which grows with every chat marked: ~80 ms at 10 MB).
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
    problems = list(journal.problems())
    if activity_when_used:
        activity.open_when_used = True
    elif (found := activity.open()) is not None:
        problems = [*problems, found]
    if passphrase is not None and journal.locked:
        from companion.store.encryption import unlock

        unlock(journal, passphrase)
        problems = [*journal.problems(), *[p for p in problems if p.store != "journal"]]
    return Stores(
        journal=journal,
        activity=activity,
        clock=clock,
        state=KeyValue(activity, "state"),
        problems=problems,
    )


def part(journal: JournalStore, name: str) -> Callable[[], Database]:
    """One of the journal's files, opened when a repository first uses it."""
    return lambda: journal.part(name)
