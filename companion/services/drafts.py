"""Drafts: unsaved input kept so nothing typed is lost (the editor's autosave, or what
every open screen holds when the app must close).

Each draft is kept under the stable name of what it belongs to, never a screen's class
name (a refactor would lose it). Screens declare theirs (``draft_origin``); drafts
kept under the old class names are still found. In journal.db, with the private
writing. No Textual.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from companion.store.schema import Draft
from companion.store.stores import Stores
from companion.system.clock import Clock

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
    def __init__(self, stores: Stores, clock: Clock) -> None:
        self.stores = stores
        self.clock = clock

    def of(self, origin: str) -> list[Draft]:
        """Every draft of ``origin``, newest first."""
        return [d for d in self.stores.drafts.all() if origin_of(d) == origin]

    def keep(self, origin: str, fields: Mapping[str, Any], draft: Draft | None = None) -> Draft:
        """Keep ``fields`` as a new draft of ``origin``, or in place of ``draft``."""
        if draft is None:
            return self.stores.drafts.add(origin=origin, fields=dict(fields))
        return self.stores.drafts.put(
            dataclasses.replace(
                draft, origin=origin, fields=dict(fields), updated_at=self.clock.now()
            )
        )

    def drop(self, origin: str) -> None:
        """Forget every draft of ``origin`` (saved, or discarded by the person)."""
        for draft in self.of(origin):
            self.stores.drafts.delete(draft.id)
