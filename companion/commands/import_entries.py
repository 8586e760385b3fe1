"""``companion import FILE``: bring in our JSON export (entries, reframes, poker rounds)
or jrnl's, all or nothing."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from companion.commands.common import BAD_INPUT, CommandFailed, counted, run_guarded, say
from companion.system.i18n import Strings


def add_parser(commands: Any, t: Strings) -> None:
    parser = commands.add_parser(
        "import", help=t("journal.cli.import"), description=t("journal.cli.import_description")
    )
    parser.add_argument("file", metavar="FILE", help=t("journal.cli.import_file"))


def problem_text(problem: Any, t: Strings) -> str:
    """Why a file can't be imported, as a sentence: "entry 3 has a bad “kind”", or for
    a reframe or poker round "reframe 2: “before” should be a whole number…"."""
    detail = problem.detail
    if "record" in detail:
        reason = t(f"export.reasons.{detail['why']}", field=detail["field"])
        return t(f"export.import.bad_{detail['record']}", number=detail["number"], reason=reason)
    return t(f"journal.import.{problem.code}", **detail)


def install_packs(incoming: Any, folder: Path, t: Strings) -> dict[str, int]:
    """The person's own packs from the file, each in its language folder; one already
    there with other text is kept as it is, and said so."""
    from companion.packs.own import install
    from companion.system.paths import display_path

    counts = {"added": 0, "same": 0, "kept": 0}
    for source in incoming.packs:
        path = display_path(folder / source.lang / f"{source.name}.toml")
        try:
            outcome = install(folder, source)
        except OSError as error:  # the journal's part is in; say which pack is not
            reason = error.strerror or str(error)
            say(t("export.import.pack_failed", file=path, reason=reason))
            continue
        counts[outcome] += 1
        if outcome == "kept":
            say(t("export.import.pack_kept", file=path))
    return counts


def run(args: argparse.Namespace) -> int:
    def body(services, t: Strings) -> int:  # type: ignore[no-untyped-def]
        from companion.services.journal.importing import ImportProblem, Incoming, read_file
        from companion.services.journal.merge import plan_import
        from companion.store.journal_writes import add_together

        path = Path(args.file).expanduser()
        try:
            raw = path.read_bytes()
        except OSError as error:
            reason = error.strerror or str(error)
            raise CommandFailed(
                t("journal.import.unreadable", path=str(path), reason=reason), BAD_INPUT
            ) from None
        now = services.clock.now()
        try:
            incoming = read_file(raw, now.tzinfo)
        except ImportProblem as problem:
            reason = problem_text(problem, t)
            raise CommandFailed(t("journal.import.nothing", reason=reason), BAD_INPUT) from None
        stores = services.stores
        with stores.journal.transaction():  # nobody else writes in between
            there = Incoming(
                services.journal.entries(), stores.reframes.all(), stores.poker_rounds.all()
            )
            plan = plan_import(incoming, there)
            new = plan.added
            batches = {
                "entries": new.entries,
                "reframes": new.reframes,
                "poker_rounds": new.poker_rounds,
            }
            add_together(stores.journal, batches)  # one commit: all of it or none
        packs = install_packs(incoming, services.paths.packs_dir, t)
        added = {
            "entries": len(new.entries),
            "reframes": len(new.reframes),
            "poker_rounds": len(new.poker_rounds),
            "packs": packs["added"],
        }
        skipped = {**plan.skipped, "packs": packs["same"]}
        say(t("export.import.done", added=counted(added, t), skipped=counted(skipped, t)))
        if plan.unlinked:
            form = "one" if plan.unlinked == 1 else "other"
            say(t(f"export.import.unlinked_{form}", count=plan.unlinked))
        return 0

    return run_guarded(args, body)
