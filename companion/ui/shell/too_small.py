"""Shown instead of a squeezed, broken layout when the terminal is too small."""

from __future__ import annotations

from typing import Any

from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from companion.core.terminal import MIN_HEIGHT, MIN_WIDTH
from companion.ui.shell.base import CompanionScreen
from companion.ui.widgets.prose import Paragraph

__all__ = ["MIN_HEIGHT", "MIN_WIDTH", "TooSmallScreen", "fit_window"]


class TooSmallScreen(CompanionScreen):
    def compose(self) -> ComposeResult:
        with Vertical(id="too-small"):
            yield Paragraph(self.t("too_small.message"), id="too-small-message", markup=False)
            yield Paragraph(id="too-small-detail", classes="muted", markup=False)

    def on_mount(self) -> None:
        self.show_size(self.app.size.width, self.app.size.height)

    def show_size(self, width: int, height: int) -> None:
        self.query_one("#too-small-detail", Static).update(
            self.t(
                "too_small.detail",
                width=str(MIN_WIDTH),
                height=str(MIN_HEIGHT),
                current_width=str(width),
                current_height=str(height),
            )
        )


def fit_window(app: App[Any], width: int, height: int) -> None:
    """The notice over everything while the window is too small; gone when it fits."""
    too_small = width < MIN_WIDTH or height < MIN_HEIGHT
    if too_small and not isinstance(app.screen, TooSmallScreen):
        app.push_screen(TooSmallScreen())
    elif not too_small and isinstance(app.screen, TooSmallScreen):
        app.pop_screen()
    elif too_small and isinstance(app.screen, TooSmallScreen):
        app.screen.show_size(width, height)
