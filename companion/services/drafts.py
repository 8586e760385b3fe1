"""Drafts: unsaved input kept so nothing typed is lost (the editor's autosave, or what
every open screen holds when the app must close).

Each draft is kept under the stable name of what it belongs to, never a screen's class
name (a refactor would lose it). Screens declare theirs (``draft_origin``); drafts
kept under the old class names are still found. In the journal's own small file
(``drafts.db``, encrypted with the journal), so an autosave never rewrites entries.
No Textual.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from companion.store.stores import Stores
from companion.system.clock import Clock

if TYPE_CHECKING:  # (the record types load with the first draft: not on `find`'s path)
    from companion.store.schema import Draft

ENTRY_EDITOR = "entry-editor"
ENERGY_STATION = "energy-station"
RELEASE = "release"
REFRAME = "reframe"
GROWTH_REVIEW = "growth-review"
INCIDENT = "incident-note"

# What drafts were kept under before they had names of their own: their screens' names.
FORMER_ORIGINS = {
    "EntryEditorScreen": ENTRY_EDITOR,
    "EnergyScreen": ENERGY_STATION,
    "ReleaseScreen": RELEASE,
    "ReframeScreen": REFRAME,
    "ReviewScreen": GROWTH_REVIEW,
}


def origin_of(draft: Draft) -> str:
    """The name a draft belongs to, whenever it was kept."""
    return FORMER_ORIGINS.get(draft.origin, draft.origin)


class Drafts:
    """Safe to call from a worker thread (the editor's autosave writes in one): keeping
    and dropping take turns, and a draft asked for before its origin's drafts were
    dropped (the entry was saved meanwhile) is not kept."""

    def __init__(self, stores: Stores, clock: Clock) -> None:
        self.stores = stores
        self.clock = clock
        self._turns = threading.Lock()
        self._dropped: dict[str, int] = {}  # how often each origin's drafts were dropped

    def of(self, origin: str) -> list[Draft]:
        """Every draft of ``origin``, newest first."""
        return [d for d in self.stores.drafts.all() if origin_of(d) == origin]

    def generation(self, origin: str) -> int:
        """Changes whenever ``origin``'s drafts are dropped (see ``keep``'s ``since``)."""
        return self._dropped.get(origin, 0)

    def keep(
        self,
        origin: str,
        fields: Mapping[str, Any],
        draft: Draft | None = None,
        since: int | None = None,
    ) -> Draft | None:
        """Keep ``fields`` as a new draft of ``origin``, or in place of ``draft``. With
        ``since`` (a ``generation``), None and nothing kept if the drafts were dropped
        after it."""
        with self._turns:
            if since is not None and since != self.generation(origin):
                return None
            if draft is None:
                return self.stores.drafts.add(origin=origin, fields=dict(fields))
            import dataclasses

            return self.stores.drafts.put(
                dataclasses.replace(
                    draft, origin=origin, fields=dict(fields), updated_at=self.clock.now()
                )
            )

    def drop(self, origin: str) -> None:
        """Forget every draft of ``origin`` (saved, or discarded by the person)."""
        with self._turns:
            self._dropped[origin] = self.generation(origin) + 1
            for draft in self.of(origin):
                self.stores.drafts.delete(draft.id)
