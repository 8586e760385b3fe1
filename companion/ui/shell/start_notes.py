"""What the app tells beside its first screen: a data file it could not read (asked
about on a screen of its own), settings or packs it skipped, and a daily backup that
could not be written (once per store and session; also after an unlock)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from companion.services.messages import backup_warning, config_problem

if TYPE_CHECKING:
    from companion.ui.app import CompanionApp


def tell_start_problems(app: CompanionApp) -> None:
    problems = [p for p in app.services.stores.problems if p.kind != "locked"]
    if problems:  # a locked journal asks for its passphrase when used, not now
        from companion.ui.shell.store_problem import tell_in_turn

        for problem in problems:
            tell_in_turn(app, problem)
    for line in [config_problem(p, app.strings) for p in app.services.config.problems]:
        app.notify(line, severity="warning", timeout=12, markup=False)


def tell_late_problems(app: CompanionApp) -> None:
    """Told just after the first frame: the person's packs are read (and the pack
    library loaded) only then, so the first screen does not wait for them."""
    from companion.packs.library import skipped_packs

    for line in skipped_packs(app.services.library.problems(app.strings.lang), app.strings):
        app.notify(line, severity="warning", timeout=12, markup=False)
    tell_backup_failed(app)


def tell_backup_failed(app: CompanionApp) -> None:
    """A daily backup that could not be written (disk full…): one warning per store and
    session; everything else carries on."""
    untold = [db for db in app.services.stores.databases() if db.name not in app.backups_told]
    line = backup_warning(untold, app.strings)
    if line:
        app.backups_told.update(db.name for db in untold if db.backup_failed)
        app.notify(line, severity="warning", timeout=15, markup=False)
