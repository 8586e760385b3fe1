"""Unlocking an encrypted journal from the command line.

``COMPANION_PASSPHRASE`` is used when set (for scripts); otherwise the passphrase is
asked for without echo, at most three times (an empty answer counts as a try). Nothing
is written on a wrong one. A journal found damaged at unlock is reported by the
caller, from ``journal.problem``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence

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
    then: Sequence[str] = (),
) -> None:
    """Unlock ``journal`` if it is encrypted and locked; raise CannotUnlock if not.
    ``then``: modules the command uses next, imported while the key is made."""
    if not journal.locked:
        return  # a plain journal: encryption is never imported (a lean `companion note`)
    from functools import partial

    from companion.store import encryption

    unlock = partial(encryption.unlock, meanwhile=partial(_import_all, then) if then else None)

    given = env.get("COMPANION_PASSPHRASE")
    if given:
        # (bytes that are not UTF-8 reach os.environ as lone surrogates: no passphrase
        # set through companion is made of them)
        if not is_text(given) or not unlock(journal, given):
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
        if given and unlock(journal, given):
            return
        if attempt < TRIES - 1:
            print(t("lock.wrong" if given else "lock.empty"), file=sys.stderr)
    raise CannotUnlock(t("lock.cli_gave_up"))


def _import_all(modules: Sequence[str]) -> None:
    """What the command needs after the unlock (the journal's service, its records and
    TinyDB: ~10 ms), loaded while scrypt makes the key. One that fails to import fails
    again in the command's own thread, which says why."""
    import importlib

    for name in modules:
        importlib.import_module(name)


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
