"""What every open screen holds unsaved, kept as drafts when the app must close (ctrl+q,
an error): each screen says what it holds and under which name."""

from __future__ import annotations

from typing import TYPE_CHECKING

from companion.ui.shell.base import Translated

if TYPE_CHECKING:
    from companion.ui.app import CompanionApp


def keep_unsaved_input(app: CompanionApp) -> int:
    """Store what every open screen has not saved yet, as drafts. Returns how many (a
    screen's autosaved draft is updated, not kept twice)."""
    kept = 0
    for screen in app.screen_stack:
        if not isinstance(screen, Translated):
            continue
        try:
            fields = screen.unsaved_input()
            if fields:
                app.services.drafts.keep(screen.draft_origin, fields, screen.kept_draft())
                kept += 1
        except Exception:  # one screen's trouble must not lose the others' writing
            continue
    return kept
