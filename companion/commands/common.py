"""What the journal commands share: opening the journal, and saying what went wrong.

Exit status: 0 done, 1 the data could not be used (a storage problem), 2 the input was
wrong (unknown kind, bad date, unreadable file). Messages go to stderr in the user's
language; nothing is written when a command fails.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from companion.commands.unlocking import CannotUnlock, unlock_journal
from companion.services.container import Services, build_services
from companion.services.messages import (
    backup_warning,
    config_problem,
    found_problem,
    open_problem,
    seen_by_others,
    store_error,
)
from companion.store.errors import StoreError
from companion.system.i18n import Strings

BAD_INPUT = 2
STORE_PROBLEM = 1


class CommandFailed(Exception):
    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def open_services(args: argparse.Namespace, then: Sequence[str] = ()) -> Services:
    """Services with a usable journal, or CommandFailed saying why not. An encrypted
    journal is unlocked first (COMPANION_PASSPHRASE, or asked for on the terminal).

    A damaged journal, plain or found at unlock, is left where it is and nothing is
    written: the app moves it aside and offers the backup. (Moving it here would let the
    next command write into a fresh, empty journal.)

    The activity log is read only if the command uses it: it grows with every chat
    marked, and `note` or `find` never look at it. ``then``: the modules the command
    uses next, imported while a passphrase is checked.
    """
    services = build_services(home=args.data_dir, move_damaged=False, activity_when_used=True)
    t = services.strings()
    warn_settings(services, t)
    journal = services.stores.journal
    try:
        unlock_journal(journal, os.environ, t, then=then)
    except CannotUnlock as error:
        raise CommandFailed(str(error), STORE_PROBLEM) from None
    # What opening found, or unlocking after it: the whole journal's problem, or one of
    # its files set aside with its backup not chosen yet (the app asks; until then no
    # command writes, as before the journal had several files).
    for problem in journal.problems():
        if problem.kind not in ("locked", "wrong_passphrase"):
            raise CommandFailed("\n".join(open_problem(problem, t)), STORE_PROBLEM)
    no_backup = backup_warning(services.stores.databases(), t)
    if no_backup:
        warn(no_backup)  # the command still runs; the next open tries the backup again
    open_folder = seen_by_others(services.paths, t)
    if open_folder:
        warn(open_folder)
    return services


def warn_settings(services: Services, t: Strings) -> None:
    """config.toml as far as a command reads it: the file, and its language. When either
    could not be used, it is said as the app and doctor say it, and the command goes on
    with the defaults. (The other settings are the app's, and it tells their problems.)
    The settings are read in full only then: a command that works needs only the
    language."""
    if not services.language_setting().doubtful:
        return
    config = services.config
    for problem in config.problems:
        if not config.readable or problem.key == "language":
            warn(config_problem(problem, t))


def counted(counts: dict[str, int], t: Strings) -> str:
    """ "3 entries, 2 reframes": every kind of record named, whether or not there are
    any, except poker rounds, packs and entries left out, named only when there are
    some."""
    parts = [
        t(f"export.counts.{name}_{'one' if count == 1 else 'other'}", count=count)
        for name, count in counts.items()
        if count or name not in ("poker_rounds", "packs", "left_out")
    ]
    return t("export.counts.joiner").join(parts)


def say(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def warn(text: str) -> None:
    sys.stderr.write(text + "\n")


def run_guarded(args: argparse.Namespace, body, then: Sequence[str] = ()) -> int:  # type: ignore[no-untyped-def]
    """Run ``body(services, t)``; turn failures into a message and an exit status.
    ``then``: the modules ``body`` imports (see open_services)."""
    t: Strings | None = None
    try:
        services = open_services(args, then)
        t = services.strings()
        return int(body(services, t) or 0)
    except CommandFailed as failure:
        warn(failure.message)
        return failure.status
    except StoreError as error:
        t = t or Strings("en")
        if _locked_meanwhile(error):  # another command or the app set a passphrase
            warn(t("lock.cli_no_terminal"))
        else:
            warn(store_error(error, t))
        return STORE_PROBLEM


def _locked_meanwhile(error: StoreError) -> bool:
    """The journal was encrypted after this command opened it: the app's sentence
    ("unlock it") would not say how a command does."""
    problem = found_problem(error)
    return problem is not None and problem.kind == "locked"
