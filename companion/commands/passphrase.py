"""``companion passphrase set|remove``: encrypt the journal, change or remove its
passphrase. There is no recovery, and the command says so before it starts."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import Any

from companion.commands.common import run_guarded, say
from companion.commands.unlocking import is_text
from companion.store.encryption import MAX_PASSPHRASE as MAX_LENGTH
from companion.store.encryption import MIN_PASSPHRASE as MIN_LENGTH
from companion.system.i18n import Strings


def add_parser(commands: Any, t: Strings) -> None:
    parser = commands.add_parser(
        "passphrase", help=t("lock.cli_help"), description=t("lock.cli_help")
    )
    parser.add_argument("action", choices=("set", "remove"), help=t("lock.cli_action_help"))


def run(args: argparse.Namespace) -> int:
    """Only while the app is closed: converting the journal under a running app would
    leave it unable to read the journal until it restarts. The app's own lock is held
    meanwhile, so the app cannot start halfway through either."""
    from companion.commands.language import strings_for
    from companion.system.instance import AlreadyRunning, hold_if_possible
    from companion.system.paths import resolve_paths

    try:
        lock = hold_if_possible(resolve_paths(args.data_dir).instance_lock)
    except AlreadyRunning as running:
        t = strings_for(args.data_dir)
        pid = str(running.pid) if running.pid else ""
        print(t("lock.app_open", pid=pid) if pid else t("lock.app_open_no_pid"), file=sys.stderr)
        return 1
    try:
        return convert(args)
    finally:
        if lock is not None:
            lock.release()


def convert(args: argparse.Namespace) -> int:
    from companion.services.messages import plain_left
    from companion.store import encryption

    def body(services, t: Strings) -> int:  # type: ignore[no-untyped-def]
        journal = services.stores.journal
        if args.action == "remove":
            if not journal.encrypted:
                say(t("lock.cli_not_encrypted"))
                return 0
            encryption.decrypt(journal)
            say(t("lock.cli_removed"))
            return 0
        say(t("lock.no_recovery"))
        new = ask_new_passphrase(t)
        if new is None:
            return 1
        result = encryption.encrypt(journal, new)
        if result.plain_left:  # never "Done" while a plain copy is left
            say(t("lock.cli_set_partly", backups=str(result.backups_converted)))
            say("\n".join(plain_left(result.plain_left, t)))
            return 1
        say(t("lock.cli_set", backups=str(result.backups_converted)))
        return 0

    # Opening, unlocking and any storage problem go the way of every journal command.
    return run_guarded(args, body)


def ask_new_passphrase(t: Strings, ask: Any = getpass.getpass) -> str | None:
    """Twice, to catch a typo that would lock the journal for good."""
    if not sys.stdin.isatty() and ask is getpass.getpass:
        given = os.environ.get("COMPANION_NEW_PASSPHRASE", "")
        if not is_text(given):
            print(t("lock.new_not_text"), file=sys.stderr)
            return None
        if len(given) > MAX_LENGTH:  # (the app's field could never take it)
            print(t("lock.new_too_long", length=str(MAX_LENGTH)), file=sys.stderr)
            return None
        if len(given) >= MIN_LENGTH:
            return given
        key = "lock.new_too_short" if given else "lock.cli_no_new_terminal"
        print(t(key, length=str(MIN_LENGTH)), file=sys.stderr)
        return None
    first = ask(t("lock.new_prompt"))
    if len(first) < MIN_LENGTH:
        print(t("lock.too_short", length=str(MIN_LENGTH)), file=sys.stderr)
        return None
    if len(first) > MAX_LENGTH:
        print(t("lock.too_long", length=str(MAX_LENGTH)), file=sys.stderr)
        return None
    if ask(t("lock.repeat_prompt")) != first:
        print(t("lock.mismatch"), file=sys.stderr)
        return None
    return first
