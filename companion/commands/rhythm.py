"""What the break rhythm's commands share (``contact``, ``dnd``): they need activity.db
only, never the journal's passphrase, and a damaged activity log is left where it is
for the app to set aside (nothing is written then)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from companion.commands.common import STORE_PROBLEM, CommandFailed, say, warn, warn_settings
from companion.services.container import Services, build_services
from companion.services.messages import open_problem, store_error
from companion.store.errors import StoreError
from companion.system.i18n import Strings


def activity_services(args: argparse.Namespace) -> Services:
    return build_services(home=args.data_dir, move_damaged=False)


def run_on_activity(services: Services, body: Callable[[Any, Strings], str]) -> int:
    """Run ``body(services, t)`` and print what it returns; a problem with activity.db
    (damaged, from a newer companion, a full disk) is said, with exit status 1."""
    t = services.strings()
    warn_settings(services, t)
    problem = services.stores.activity.problem
    if problem is not None:
        warn("\n".join(open_problem(problem, t)))
        return STORE_PROBLEM
    try:
        say(body(services, t))
    except CommandFailed as failure:
        warn(failure.message)
        return failure.status
    except StoreError as error:
        warn(store_error(error, t))
        return STORE_PROBLEM
    return 0
