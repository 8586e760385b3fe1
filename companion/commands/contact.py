"""``companion contact [--rough]``: a chat just ended. For a helpdesk macro or a global
hotkey, beside the open app: the mark is written to activity.db, and the app (open
now or the next time) takes it in within seconds. "After this chat" ends on it; a rough
one offers the SOS minute, and several within the hour bring the next break forward.
"""

from __future__ import annotations

import argparse
from typing import Any

from companion.system.i18n import Strings


def add_parser(commands: Any, t: Strings) -> None:
    parser = commands.add_parser(
        "contact", help=t("breaks.cli.contact"), description=t("breaks.cli.contact_description")
    )
    parser.add_argument("--rough", action="store_true", help=t("breaks.cli.rough"))


def run(args: argparse.Namespace) -> int:
    from companion.commands.rhythm import activity_services, run_on_activity
    from companion.store.inbox import mark_contact

    def body(services: Any, t: Strings) -> str:
        mark_contact(services.stores, args.rough, "command")
        return t("breaks.cli.marked_rough" if args.rough else "breaks.cli.marked")

    return run_on_activity(activity_services(args), body)
