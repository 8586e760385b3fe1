"""Told once at start: a data file could not be read. Offers the newest good backup,
or (a damaged file no passphrase can be checked against) a fresh start. Leaving
without choosing decides nothing: the question comes back at the next start."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Button

from companion.services.messages import open_problem, passphrase_setting, store_name
from companion.store.database import Database, OpenProblem
from companion.store.journal import JournalStore
from companion.ui.shell.base import CompanionModal
from companion.ui.widgets.choices import ChoiceButton, ChoiceRow
from companion.ui.widgets.keys_footer import KeysFooter
from companion.ui.widgets.prose import Paragraph

if TYPE_CHECKING:
    from companion.ui.app import CompanionApp

# A problem waiting for the screen on show to close, and what to run after its own.
Waiting = tuple[OpenProblem, Callable[[object], None] | None]


class StoreProblemScreen(CompanionModal):
    BINDINGS = [Binding("escape", "dismiss", "keys.close", id="close_problem")]

    def __init__(self, problem: OpenProblem) -> None:
        super().__init__()
        self.problem = problem
        self.waiting: list[Waiting] = []  # to show once this closes (tell_in_turn)

    @property
    def store(self) -> str:
        return store_name(self.problem.store, self.t)

    def lines(self) -> list[str]:
        if self.problem.kind == "damaged":  # left in place: only the person may set it aside
            setting = passphrase_setting(self.t)
            return [
                self.t("store_problem.damaged.unverifiable", store=self.store),
                self.t("store_problem.damaged.fresh_offer", store=self.store, setting=setting),
            ]
        return open_problem(self.problem, self.t)

    def compose(self) -> ComposeResult:
        t = self.t
        kind = self.problem.kind
        with Vertical(classes="dialog"):
            for line in self.lines():
                yield Paragraph(line, classes="dialog-line", markup=False)
            with ChoiceRow(classes="buttons"):
                if kind == "quarantined" and self.problem.backup is not None:
                    yield ChoiceButton(t("store.restore"), id="restore", variant="primary")
                    yield ChoiceButton(t("store.start_fresh"), id="fresh")
                elif kind == "damaged":
                    yield ChoiceButton(t("store.start_fresh"), id="fresh", variant="primary")
                    yield ChoiceButton(t("store_problem.damaged.not_now"), id="close")
                else:
                    yield ChoiceButton(t("keys.close"), id="close", variant="primary")
        yield KeysFooter()

    @property
    def database(self) -> JournalStore | Database:
        return self.companion.services.stores.database(self.problem.store)

    @on(Button.Pressed, "#restore")
    def restore(self) -> None:
        backup = self.problem.backup
        assert backup is not None
        if self.companion.guard(lambda: self.database.restore(backup, self.problem)):
            self.notify(
                self.t("store.restored", store=self.store, date=backup.day.isoformat()),
                markup=False,
            )
        self.dismiss(None)

    @on(Button.Pressed, "#fresh")
    def fresh(self) -> None:
        """Settled: the fresh file is written, so the backup is not offered again."""
        database = self.database
        if (
            self.companion.guard(lambda: database.start_fresh(self.problem))
            and self.problem.kind == "damaged"
        ):
            setting = passphrase_setting(self.t)
            self.notify(
                self.t("store_problem.damaged.started", store=self.store, setting=setting),
                timeout=10,
                markup=False,
            )
        self.dismiss(None)

    @on(Button.Pressed, "#close")
    def close(self) -> None:
        self.dismiss(None)


def tell_found(app: CompanionApp, problem: OpenProblem) -> None:
    """A store found a problem while the app runs (a file read for the first time): say
    so, unless the passphrase dialog is checking a key (unlocking tells what it found
    once the dialog has closed: privacy/guard.py) or it is on the screen already. (A
    screen pushed over the dialog would be the one its closing takes away.)"""
    if app.privacy.unlocking:
        return
    tell_in_turn(app, problem)


def tell_in_turn(
    app: CompanionApp,
    problem: OpenProblem,
    after: Callable[[object], None] | None = None,
    waiting: Sequence[Waiting] = (),
) -> None:
    """Show ``problem``'s screen, or, while another is open, once it has closed: one
    at a time, each closing brings the next (dozens of months set aside at once
    stacked a screen each, and drawing them made Textual recurse). The screen on show
    keeps those waiting. ``after`` runs when this one closes."""
    showing = [s for s in app.screen_stack if isinstance(s, StoreProblemScreen)]
    if showing:
        known = [s.problem for s in showing] + [p for s in showing for p, _ in s.waiting]
        if problem not in known:
            showing[-1].waiting.append((problem, after))
        return
    screen = StoreProblemScreen(problem)
    screen.waiting = list(waiting)

    def closed(result: object) -> None:
        if after is not None:
            after(result)
        if screen.waiting:
            (problem, then), *rest = screen.waiting
            tell_in_turn(app, problem, then, rest)

    app.push_screen(screen, callback=closed)
