"""Unlocking an encrypted journal from the command line.

``COMPANION_PASSPHRASE`` is used when set (for scripts); otherwise the passphrase is
asked for without echo, at most three times (an empty answer counts as a try). Nothing
is written on a wrong one. A journal found damaged at unlock is reported by the
caller, from ``journal.problem``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping

from companion.store.journal import JournalStore
from companion.system.i18n import Strings

TRIES = 3


class CannotUnlock(Exception):
    """The journal stays locked; the message says why."""


def unlock_journal(
    journal: JournalStore,
    env: Mapping[str, str],
    t: Strings,
    ask: Callable[[str], str] | None = None,  # getpass.getpass
    interactive: bool | None = None,
) -> None:
    """Unlock ``journal`` if it is encrypted and locked; raise CannotUnlock if not."""
    if not journal.locked:
        return  # a plain journal: encryption is never imported (a lean `companion note`)
    from companion.store import encryption

    given = env.get("COMPANION_PASSPHRASE")
    if given:
        # (bytes that are not UTF-8 reach os.environ as lone surrogates: no passphrase
        # set through companion is made of them)
        if not is_text(given) or not encryption.unlock(journal, given):
            raise CannotUnlock(t("lock.cli_env_wrong"))
        return
    if interactive is None:
        interactive = _can_ask()
    if not interactive:
        raise CannotUnlock(t("lock.cli_no_terminal"))
    if ask is None:
        import getpass  # (only here: a plain journal's command never loads it)

        ask = getpass.getpass
    for attempt in range(TRIES):
        given = ask(t("lock.cli_prompt"))
        if given and encryption.unlock(journal, given):
            return
        if attempt < TRIES - 1:
            print(t("lock.wrong" if given else "lock.empty"), file=sys.stderr)
    raise CannotUnlock(t("lock.cli_gave_up"))


def is_text(value: str) -> bool:
    """Can ``value`` be written as UTF-8 (no lone surrogates from undecodable bytes)?"""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _can_ask() -> bool:
    """getpass asks on the terminal itself, so piped input (a note from stdin) is fine."""
    if sys.stdin.isatty():
        return True
    try:
        with open("/dev/tty"):
            return True
    except OSError:
        return False
