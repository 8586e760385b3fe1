"""``companion doctor``: the read-only health check."""

from __future__ import annotations

import argparse
import os
from typing import Any

from companion.i18n import Strings
from companion.paths import resolve_paths


def add_parser(commands: Any, t: Strings) -> None:
    commands.add_parser("doctor", help=t("cli.doctor"), description=t("cli.doctor"))


def run(args: argparse.Namespace) -> int:
    from companion.doctor import run_doctor

    report = run_doctor(resolve_paths(args.data_dir), os.environ)
    print("\n".join(report.lines))
    return 1 if report.problems else 0
