"""Home's line when the roster or the peak day shapes what comes next: a fixed break
under way, the next break waiting for one, or a peak day's short pauses. Pure, like
text.py: tested without an app."""

from __future__ import annotations

from companion.core.breaks import Phase
from companion.services.breaks import BreakView
from companion.system.i18n import Strings, format_span, format_time


def plan_line(view: BreakView, t: Strings) -> str | None:
    """The line, or None when the ordinary "next break in" says it all."""
    if view.phase == Phase.FIXED:
        until = format_time(view.fixed_until, t) if view.fixed_until else ""
        return t("breaks.roster.home_fixed", name=view.fixed, time=until)
    if view.phase not in (Phase.WORKING, Phase.HEADS_UP):
        return None
    if view.waits_for is not None:
        name, start = view.waits_for  # within half an hour or so: today
        when = t("breaks.time.at_time", time=format_time(start, t))
        return t("breaks.roster.home_waits", name=name, when=when)
    if view.peak:
        left = format_span(view.seconds_left or 0, t)
        return t(
            "breaks.peak.home_micro" if view.peak_micro else "breaks.peak.home_real", time=left
        )
    return None
