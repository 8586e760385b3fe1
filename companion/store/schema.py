"""Record types kept in the stores. Later features add theirs here."""

from __future__ import annotations

import dataclasses
from typing import Any

from companion.store.records import Record


@dataclasses.dataclass(frozen=True, kw_only=True)
class Draft(Record):
    """Unsaved input kept so nothing typed is lost (autosave, or an unexpected error).

    ``origin`` names the screen it belongs to; ``fields`` is what that screen needs to
    put the text back.
    """

    origin: str
    fields: dict[str, Any] = dataclasses.field(default_factory=dict)
