"""Told once at start: a data file could not be read. Offers the newest good backup."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from companion.messages import open_problem, store_name
from companion.store.database import OpenProblem
from companion.ui.screens.base import CompanionModal


class StoreProblemScreen(CompanionModal):
    BINDINGS = [Binding("escape", "dismiss", "keys.close", id="close_problem")]

    def __init__(self, problem: OpenProblem) -> None:
        super().__init__()
        self.problem = problem

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(classes="dialog"):
            for line in open_problem(self.problem, t):
                yield Static(line, classes="dialog-line", markup=False)
            with Horizontal(classes="buttons"):
                if self.problem.kind == "quarantined" and self.problem.backup is not None:
                    yield Button(t("store.restore"), id="restore", variant="primary")
                    yield Button(t("store.start_fresh"), id="fresh")
                else:
                    yield Button(t("keys.close"), id="fresh", variant="primary")

    @on(Button.Pressed, "#restore")
    def restore(self) -> None:
        backup = self.problem.backup
        assert backup is not None
        database = self.companion.services.stores.database(self.problem.store)
        if self.companion.guard(lambda: database.restore(backup)):
            self.notify(
                self.t(
                    "store.restored",
                    store=store_name(self.problem.store, self.t),
                    date=backup.day.isoformat(),
                ),
                markup=False,
            )
        self.dismiss(None)

    @on(Button.Pressed, "#fresh")
    def fresh(self) -> None:
        self.dismiss(None)
