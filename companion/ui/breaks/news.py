"""What the rhythm says about the moments issue 19 added: rough chats bringing the next
break forward, and the roster's fixed breaks starting and ending. (The older moments
are told in rhythm.py.) Toasts only: nothing here takes a key."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from companion.core.breaks import Event, Kind
from companion.system.i18n import format_length, format_span, format_time

if TYPE_CHECKING:
    from companion.ui.breaks.rhythm import BreakRhythm


def tell(rhythm: BreakRhythm, event: Event) -> None:
    t = rhythm.t
    if event.kind == Kind.FORWARD:
        left = format_span(rhythm.view().seconds_left or 0, t)
        rhythm.tell(t("breaks.contact.forward", count=str(event.fields["rough"]), time=left))
    elif event.kind == Kind.FIXED_START:
        until = datetime.fromisoformat(str(event.fields["until"]))
        shown = format_time(until.astimezone(rhythm.app.services.clock.now().tzinfo), t)
        key = "fixed_start" if event.fields.get("rest") else "fixed_start_work"
        rhythm.tell(t(f"breaks.roster.{key}", name=event.fields["name"], time=shown))
    elif event.kind == Kind.FIXED_END and event.fields.get("rest"):
        every = format_length(rhythm.keeper.rules().every, t)
        rhythm.tell(t("breaks.roster.fixed_end", name=event.fields["name"], every=every))
