"""The journal's lock in the app: unlocking before journal work, locking on a key or
after idle time, the one-key blank screen and the passphrase dialog. Breaks and
breathing never ask for it.

The rule lives here, not in screens: screens mark themselves ``private`` and the
guard decides when they must close. Locking sends JournalLocked to the app and to every
open screen, so whatever was read from the journal is dropped at once.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Concatenate, ParamSpec, Protocol, TypeVar

from textual import events

from companion.store.journal import JournalStore
from companion.ui.shell.base import Translated
from companion.ui.shell.messages import JournalLocked
from companion.ui.shell.start_notes import tell_backup_failed
from companion.ui.shell.typed_keys import after_typed_keys

if TYPE_CHECKING:
    from companion.ui.app import CompanionApp

P = ParamSpec("P")
CHECK_SECONDS = 30  # how often idle time is looked at; auto-lock is in minutes


class JournalGuard:
    def __init__(self, app: CompanionApp) -> None:
        self.app = app
        self.last_input = app.services.clock.monotonic()
        self.unlocking = False  # the passphrase dialog is open (it tells what it finds)

    @property
    def journal(self) -> JournalStore:
        return self.app.services.stores.journal

    @property
    def encrypted(self) -> bool:
        return self.journal.locked or self.journal.encrypted

    # -- intents -------------------------------------------------------------------
    def when_unlocked(self, then: Callable[[], object]) -> None:
        """Run ``then`` now, or after the person unlocks the journal (never if not)."""
        if not self.journal.locked:
            then()
            return
        from companion.ui.privacy.unlock import UnlockScreen

        def unlocked(ok: bool | None) -> None:
            self.unlocking = False
            if ok:
                self.after_unlock(then)

        self.unlocking = True
        self.app.push_screen(UnlockScreen(), callback=unlocked)

    def after_unlock(self, then: Callable[[], object]) -> None:
        """Unlocking may find the file damaged (moved aside by then) or too new: say so
        the way start-up does, offering the newest backup; go on once it is usable. (The
        whole journal's problem, or one of its files set aside, its backup not chosen.)"""
        tell_backup_failed(self.app)  # the journal's backup is taken at unlock
        problems = self.journal.problems()
        problem = problems[0] if problems else None
        if problem is None:
            then()
            return
        from companion.ui.shell.store_problem import tell_in_turn

        def closed(_result: object) -> None:
            if self.journal.available:
                then()

        tell_in_turn(self.app, problem, after=closed)

    def lock_key(self) -> None:
        """ctrl+l works while typing: the keys typed before it reach their field first,
        so the draft kept before locking holds all of them."""
        after_typed_keys(self.app.screen, self.lock)

    def lock(self, automatic: bool = False, quiet: bool = False) -> None:
        """Lock the journal now (``quiet``: without a word, under the blank screen)."""
        t = self.app.strings
        if not self.encrypted:
            if not automatic and not quiet:
                self.app.notify(t("lock.not_encrypted"), timeout=6, markup=False)
            return
        if self.journal.locked:
            return
        stack = [s for s in self.app.screen_stack if isinstance(s, Translated)]
        for screen in stack:
            if screen.private:
                screen.before_lock()
        self.journal.lock()
        # What stays open without the journal (Insights, and the figures the app keeps
        # for it) drops what came from the journal at once.
        self.app.post_message(JournalLocked())
        for screen in stack:
            screen.post_message(JournalLocked())
        front = self.app.screen
        if isinstance(front, Translated) and front.private:
            self.app.pop_screen()  # private screens below close themselves in turn
        if not quiet:
            self.app.notify(
                t("lock.auto_locked" if automatic else "lock.locked_now"), timeout=5, markup=False
            )

    def unlock(self) -> None:
        """The palette's "Unlock the journal": ask for the passphrase now."""
        t = self.app.strings
        if not self.encrypted:
            self.app.notify(t("lock.not_encrypted"), timeout=6, markup=False)
        elif not self.journal.locked:
            self.app.notify(t("lock.already_open"), timeout=4, markup=False)
        else:
            self.when_unlocked(lambda: self.app.notify(t("lock.unlocked"), markup=False))

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

    # -- the keys ----------------------------------------------------------------------
    def blank(self) -> None:
        """ctrl+b / F12: the screen shows nothing private, and a journal with a passphrase
        locks, so whoever walked up cannot read it after a key; any key brings the app
        back (the journal asks for the passphrase next time it is used)."""
        from companion.ui.privacy.blank import BlankScreen

        if isinstance(self.app.screen, BlankScreen):
            self.app.screen.dismiss(None)
        else:
            self.lock(quiet=True)
            self.app.push_screen(BlankScreen())

    def passphrase(self) -> None:
        """Settings' "Passphrase…": set, change or remove it (after unlocking)."""
        from companion.ui.privacy.passphrase import PassphraseScreen

        self.when_unlocked(lambda: self.app.push_screen(PassphraseScreen()))


class Flow(Protocol):
    """A feature's flow: it knows the app it runs in."""

    @property
    def app(self) -> CompanionApp: ...


F = TypeVar("F", bound=Flow)


def needs_journal(method: Callable[Concatenate[F, P], object]) -> Callable[Concatenate[F, P], None]:
    """For a flow's method that reads or writes the journal: run it now, or once the
    person has unlocked the journal; never while it is locked."""

    @functools.wraps(method)
    def wrapper(self: F, *args: P.args, **kwargs: P.kwargs) -> None:
        self.app.privacy.when_unlocked(lambda: method(self, *args, **kwargs))

    return wrapper
