"""The journal's lock in the app: unlocking before journal work, locking on a key or
after idle time, and the one-key blank screen. Breaks and breathing never ask for it.

The rule lives here, not in screens: screens mark themselves ``private`` and the
guard decides when they must close.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import events

from companion.store.database import Database

if TYPE_CHECKING:
    from companion.ui.app import CompanionApp

CHECK_SECONDS = 30  # how often idle time is looked at; auto-lock is in minutes


class JournalGuard:
    def __init__(self, app: CompanionApp) -> None:
        self.app = app
        self.last_input = app.services.clock.monotonic()

    @property
    def journal(self) -> Database:
        return self.app.services.stores.journal

    @property
    def encrypted(self) -> bool:
        return self.journal.locked or self.journal.storage.codec.encrypted

    # -- intents -------------------------------------------------------------------
    def when_unlocked(self, then: Callable[[], object]) -> None:
        """Run ``then`` now, or after the person unlocks the journal (never if not)."""
        if not self.journal.locked:
            then()
            return
        from companion.ui.privacy.unlock import UnlockScreen

        def unlocked(ok: bool | None) -> None:
            if ok:
                self.after_unlock(then)

        self.app.push_screen(UnlockScreen(), callback=unlocked)

    def after_unlock(self, then: Callable[[], object]) -> None:
        """Unlocking may find the file damaged (moved aside by then) or too new: say so
        the way start-up does, offering the newest backup; go on once it is usable."""
        self.app.tell_backup_failed()  # the journal's backup is taken at unlock
        problem = self.journal.problem
        if problem is None:
            then()
            return
        from companion.ui.shell.store_problem import StoreProblemScreen

        def closed(_result: object) -> None:
            if self.journal.available:
                then()

        self.app.push_screen(StoreProblemScreen(problem), callback=closed)

    def lock(self, automatic: bool = False) -> None:
        t = self.app.strings
        if not self.encrypted:
            if not automatic:
                self.app.notify(t("lock.not_encrypted"), timeout=6, markup=False)
            return
        if self.journal.locked:
            return
        for screen in self.app.screen_stack:
            before_lock = getattr(screen, "before_lock", None)
            if before_lock is not None and getattr(screen, "private", False):
                before_lock()
        self.journal.lock()
        for holder in (self.app, *self.app.screen_stack):
            # What stays open without the journal (Insights, and the figures the app
            # keeps for it) drops what came from the journal at once.
            journal_locked = getattr(holder, "journal_locked", None)
            if journal_locked is not None:
                journal_locked()
        if getattr(self.app.screen, "private", False):
            self.app.pop_screen()  # private screens below close themselves in turn
        self.app.notify(
            t("lock.auto_locked" if automatic else "lock.locked_now"), timeout=5, markup=False
        )

    # -- idle ---------------------------------------------------------------------
    def seen(self, event: events.Event) -> None:
        if isinstance(
            event,
            (
                events.Key,
                events.MouseDown,
                events.MouseScrollDown,
                events.MouseScrollUp,
                events.Paste,
            ),
        ):
            self.last_input = self.app.services.clock.monotonic()

    def check_idle(self) -> None:
        if not self.encrypted or self.journal.locked:
            return
        idle = self.app.services.clock.monotonic() - self.last_input
        if idle >= self.app.services.config.settings.lock_after.total_seconds():
            self.lock(automatic=True)


def needs_journal(method: Callable[..., object]) -> Callable[..., None]:
    """For an app (or app helper) method that reads or writes the journal: run it now,
    or once the person has unlocked the journal; never while it is locked."""

    @functools.wraps(method)
    def wrapper(self: object, *args: object, **kwargs: object) -> None:
        app = self if hasattr(self, "guard_journal") else self.app  # type: ignore[attr-defined]
        app.guard_journal.when_unlocked(lambda: method(self, *args, **kwargs))

    return wrapper
