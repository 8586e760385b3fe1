"""Every setting, declared once: where it sits in config.toml, which attribute of
Settings it fills, and how it is read and written back."""

from __future__ import annotations

from typing import Any

from companion.core.shift import format_clock_time, format_days
from companion.services.config.keys import user_keys
from companion.services.config.parse import (
    FieldSpec,
    Partial,
    boolean,
    bounded_duration,
    clock_time,
    duration_field,
    one_of,
    support_line,
    terminal_command,
    weekdays,
    whole_number,
)
from companion.services.config.roster import dump_fixed, fixed_breaks
from companion.services.config.settings import THEMES


def custom_patterns(value: Any) -> Partial:
    """[[breathing.pattern]], read by its own module: it and the breathing rules it
    checks against load only when config.toml has patterns of its own."""
    from companion.services.config.patterns import custom_patterns as read

    return read(value)


def _languages() -> tuple[str, ...]:
    from companion.system.content import available_languages

    return ("auto", *available_languages())


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("language", "language", one_of(_languages)),
    FieldSpec("theme", "theme", one_of(lambda: THEMES)),
    duration_field("lock_after", "lock_after"),
    FieldSpec("autostart", "autostart", boolean),
    FieldSpec("terminal", "terminal", terminal_command),
    duration_field("breaks.every", "break_every"),
    duration_field("breaks.length", "break_length"),
    duration_field("breaks.heads_up", "break_heads_up"),
    duration_field("breaks.postpone", "break_postpone"),
    FieldSpec("breaks.max_postpones", "break_max_postpones", whole_number(0, 10)),
    duration_field("breaks.after_chat", "break_after_chat"),
    FieldSpec("breaks.desktop_notifications", "break_notify", boolean),
    FieldSpec("breaks.bell", "break_bell", boolean),
    FieldSpec("shift.enabled", "shift_hours", boolean),
    FieldSpec("shift.start", "shift_start", clock_time, format_clock_time),
    FieldSpec("shift.end", "shift_end", clock_time, format_clock_time),
    FieldSpec("shift.days", "shift_days", weekdays, format_days),
    FieldSpec("shift.routine", "shift_routine", boolean),
    FieldSpec("breaks.fixed", "fixed_breaks", fixed_breaks, dump_fixed),
    FieldSpec("away.enabled", "away_detect", boolean),
    bounded_duration("away.after", "away_after", "1s", "1h"),
    bounded_duration("away.natural_break", "away_natural", "1s", "4h"),
    bounded_duration("away.check_every", "away_check_every", "1s", "10m"),
    FieldSpec("micro.enabled", "micro_pauses", boolean),
    bounded_duration("micro.every", "micro_every", "1s", "4h"),
    bounded_duration("micro.length", "micro_length", "1s", "2m"),
    FieldSpec("contacts.rough_limit", "rough_limit", whole_number(0, 20)),
    bounded_duration("contacts.rough_window", "rough_window", "5m", "8h"),
    FieldSpec("contacts.offer_sos", "sos_offer", boolean),
    FieldSpec("reduce_motion", "reduce_motion", boolean),
    FieldSpec("breathing.bell", "breathing_bell", boolean),
    FieldSpec("breathing.tension_rating", "tension_rating", boolean),
    FieldSpec("breathing.pattern", "breathing_patterns", custom_patterns),
    FieldSpec("keys", "keys", user_keys, dict),
    FieldSpec("care.eap", "eap", support_line),
)
