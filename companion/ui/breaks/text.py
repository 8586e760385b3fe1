"""The break rhythm in words: the count-down's clock face and the one-line status
Home shows.

Pure functions of a BreakView, the strings and the time, so they are tested without
an app. Spans of time are worded by companion.system.i18n.format_span.
"""

from __future__ import annotations

import math
from datetime import datetime

from companion.core.breaks import Phase
from companion.services.breaks import BreakView
from companion.system.i18n import Strings, format_span, format_time
from companion.ui.breaks.plan_text import plan_line


def clock_face(seconds: float) -> str:
    """ "09:59" for a countdown, rounded up so it reads 10:00 at the very start."""
    whole = max(0, math.ceil(seconds - 1e-9))
    minutes, secs = divmod(whole, 60)
    return f"{minutes:02d}:{secs:02d}"


def needs_seconds(view: BreakView) -> bool:
    """Does the status line show seconds (the last minute of a countdown)?"""
    counting = view.phase in (Phase.WORKING, Phase.HEADS_UP, Phase.POSTPONED, Phase.ON_BREAK)
    if view.dnd_until is not None and view.phase != Phase.ON_BREAK:
        return False
    return counting and view.seconds_left is not None and view.seconds_left < 60


def next_redraw(view: BreakView) -> float | None:
    """Seconds until the status line's figure changes, for a timer that wakes only then."""
    left = view.seconds_left
    if left is None or (view.dnd_until is not None and view.phase != Phase.ON_BREAK):
        return None
    step = 1.0 if left <= 60 else 60.0
    until = left % step
    return until if until > 0 else step


def when_text(moment: datetime, now: datetime, t: Strings) -> str:
    """ "at 09:00" today, "on Monday at 09:00" another day."""
    shown = format_time(moment, t)
    if moment.date() == now.date():
        return t("breaks.time.at_time", time=shown)
    weekday = t(f"calendar.weekday_{moment.weekday()}")
    return t("breaks.time.on_day_at", weekday=weekday, time=shown)


def status_line(view: BreakView, now: datetime, key: str, t: Strings) -> str:
    """Home's line about the next break."""
    left = view.seconds_left or 0.0
    if view.phase == Phase.ON_BREAK:
        return t("breaks.home.on_break", time=format_span(left, t))
    if view.phase == Phase.FIXED:  # the roster's lunch or huddle
        return plan_line(view, t) or ""
    if view.phase == Phase.OFF:
        upcoming = view.shift.next_change(now) if view.shift is not None else None
        if upcoming is None:
            return t("breaks.home.off_shift_later")
        return t("breaks.home.off_shift", when=when_text(upcoming.astimezone(now.tzinfo), now, t))
    if view.dnd_until is not None:
        return t("breaks.home.dnd", time=format_time(view.dnd_until, t))
    if view.phase == Phase.DUE:
        return t("breaks.home.due", key=key)
    if view.phase == Phase.AFTER_CHAT:
        return t("breaks.home.after_chat", key=key)
    if view.phase == Phase.POSTPONED:
        return t("breaks.home.postponed", time=format_span(left, t))
    return plan_line(view, t) or t("breaks.home.next_in", time=format_span(left, t))
