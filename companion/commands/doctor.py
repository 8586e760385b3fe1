"""``companion doctor``: the read-only health check."""

from __future__ import annotations

import argparse
import os
from typing import Any

from companion.system.i18n import Strings
from companion.system.paths import resolve_paths


def add_parser(commands: Any, t: Strings) -> None:
    parser = commands.add_parser("doctor", help=t("cli.doctor"), description=t("cli.doctor"))
    parser.add_argument("--notify-test", action="store_true", help=t("cli.notify_test"))


def run(args: argparse.Namespace) -> int:
    from companion.services.doctor.report import run_doctor

    report = run_doctor(resolve_paths(args.data_dir), os.environ, notify_test=args.notify_test)
    print("\n".join(report.lines))
    return 1 if report.problems else 0
