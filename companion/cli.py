"""The ``companion`` command: the app by default, plus sub-commands.

Sub-commands that don't open the app never import Textual, so they start fast; the
import of the UI happens inside ``run_tui`` only. Only the sub-command asked for is
imported (``companion note`` never loads export, import, doctor...); all of them only
when the full list is shown (``--help``, or a command name that is not one). This
module imports nothing of its own until ``main`` runs, so that Python's cycle collector
can be off while the command's modules load (see ``main``).
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    import argparse
    from typing import Any

    from companion.services.intent import StartIntent
    from companion.system.i18n import Strings

SOFTWARE_ERROR = 70  # sysexits' EX_SOFTWARE: an error in companion itself


def main(argv: Sequence[str] | None = None) -> int:
    # The start makes many objects that live as long as the process (modules, classes,
    # words, the parser); collecting cycles among them meanwhile is wasted work, about a
    # twentieth of `companion note`. On again (those objects frozen) before a command
    # runs; the app turns it on after its first frame (ui/shell/collector.py).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _main(list(sys.argv[1:] if argv is None else argv), collecting)
    finally:
        if collecting:
            gc.unfreeze()  # (a caller in the same process, a test, gets its objects back)
            gc.enable()


def run() -> NoReturn:
    """The ``companion`` script (and ``python -m companion``): ``main``, then out.

    After a sub-command, the process leaves without tearing the interpreter down:
    freeing every module and object one by one took a tenth of `companion note`, and
    there is nothing to finish (every write is durable when the command returns, and
    a thread a command starts, an unlock's, is joined before it returns). What was
    printed is flushed first. After the app
    (Textual imported), or if a thread still runs, Python exits the usual way.
    """
    code = main()
    threading = sys.modules.get("threading")
    if "textual" in sys.modules or (threading is not None and threading.active_count() > 1):
        sys.exit(code)
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except BrokenPipeError:  # `companion export | head`: the reader has gone, that is all
        code = code or 1
    except OSError:  # a full disk under `> file`: Python says so on its way out, as before
        sys.exit(code)
    os._exit(code)


def _main(argv: list[str], collecting: bool) -> int:
    from companion.commands import COMMANDS
    from companion.commands.language import strings_for
    from companion.commands.parsing import (
        build_parser,
        command_module,
        first_look,
        only_command,
        strings_before_folders,
        strings_from_environment,
    )
    from companion.system.paths import FolderProblem
    from companion.system.terminal_text import safe_streams

    known = first_look(argv)
    if known.data_dir is not None and ("\0" in known.data_dir or not known.data_dir.strip()):
        # NUL: no folder can have this name. Empty: `--data-dir "$DIR"` with DIR unset,
        # where the current folder would be taken, unasked.
        why = "cli.bad_data_dir" if "\0" in known.data_dir else "cli.empty_data_dir"
        print(strings_before_folders()(why), file=sys.stderr)
        return 2
    try:
        t = strings_for(known.data_dir)
    except FolderProblem as problem:  # --data-dir or COMPANION_HOME is ~name of no user
        from companion.services.messages import folder_problem

        with safe_streams():
            print(folder_problem(problem, strings_from_environment()), file=sys.stderr)
        return 2
    try:
        with safe_streams():  # nothing printed may act on the terminal (see terminal_text)
            args = build_parser(t, only_command(known)).parse_args(argv)
            command = command_module(COMMANDS[args.command]) if args.command else None
            if command is not None and collecting:
                gc.freeze()  # what the start made: later collections skip it
                gc.enable()
            done = _run_command(command, args, t) if command is not None else None
        if done is None:
            return run_tui(args)
        if isinstance(done, int):
            return int(done)
        return run_tui(args, done)  # a StartIntent: a command that opens the app (breathe)
    except FolderProblem as problem:  # a file where data/ should be, a folder not ours
        from companion.services.messages import folder_problem

        with safe_streams():
            print(folder_problem(problem, t), file=sys.stderr)
        return 1
    except BrokenPipeError:  # `companion export | head`: the reader has gone, that is all
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


def _run_command(command: Any, args: argparse.Namespace, t: Strings) -> object:
    """A sub-command; an error nothing expected is logged (its type and place, never
    its message: it may quote the journal) and said in a line, not as a traceback on
    the terminal, as the app does."""
    from companion.system.paths import FolderProblem

    try:
        return command.run(args)
    except (BrokenPipeError, FolderProblem):
        raise  # (each said by _main)
    except Exception as error:
        from companion import __version__
        from companion.system.clock import SystemClock
        from companion.system.crashlog import write_crash
        from companion.system.paths import display_path, resolve_paths

        print(t("errors.command_crashed"), file=sys.stderr)
        try:
            log = resolve_paths(args.data_dir).log_file
            write_crash(log, error, SystemClock().now(), __version__)
        except Exception:  # (the command is failing already)
            return SOFTWARE_ERROR
        print(t("errors.log_hint", path=display_path(log)), file=sys.stderr)
        return SOFTWARE_ERROR


def run_tui(args: argparse.Namespace, intent: StartIntent | None = None) -> int:
    """Run the app; ``intent`` opens something first (``companion breathe``).

    One app per data folder: a second start says so and leaves the first one alone.
    """
    from companion.commands.language import strings_for
    from companion.system.instance import AlreadyRunning, hold_if_possible
    from companion.system.paths import resolve_paths

    paths = resolve_paths(args.data_dir)
    try:
        lock = hold_if_possible(paths.instance_lock)
    except AlreadyRunning as running:
        if intent is not None and intent.may_run_beside:
            # e.g. `companion breathe` while the app that opened at login is running.
            return _run_app(args, intent._replace(beside=True))
        # Said before the UI toolkit loads, so it is instant and the other window is safe.
        from companion.services.messages import already_open

        t = strings_for(args.data_dir)
        print(f"{already_open(running.pid, t)}\n{t('instance.hint')}", file=sys.stderr)
        return 1
    try:
        return _run_app(args, intent)
    finally:
        if lock is not None:
            lock.release()


def _run_app(args: argparse.Namespace, intent: StartIntent | None) -> int:
    # Off while the app's modules load (as in `main`; run_tui may be called alone), about
    # a tenth of the start. The app turns it back on after its first frame.
    gc.disable()
    from companion.services.container import build_services
    from companion.ui.app import CompanionApp

    # Beside the open app, a damaged file is that app's to set aside and offer back.
    beside = intent is not None and intent.beside
    services = build_services(home=args.data_dir, move_damaged=not beside)
    app = CompanionApp(services, intent=intent)
    app.run()
    if app.crash_log is not None:
        return 1
    return app.return_code or 0
