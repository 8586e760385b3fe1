"""The break rhythm's rules as the settings set them.

Shared by the breaks service (which runs the rhythm) and insights (which plans the
week's breaks with the same rules), so neither feature service imports the other.
"""

from __future__ import annotations

from companion.core.breaks import Rules
from companion.core.shift import Shift
from companion.services.config import Settings


def rules_from(settings: Settings) -> Rules:
    shift = None
    if settings.shift_hours:
        shift = Shift(settings.shift_start, settings.shift_end, settings.shift_days)
    return Rules(
        every=settings.break_every,
        length=settings.break_length,
        heads_up=settings.break_heads_up,
        postpone=settings.break_postpone,
        max_postpones=settings.break_max_postpones,
        after_chat=settings.break_after_chat,
        shift=shift,
    )
