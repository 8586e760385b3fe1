"""Insights as data: the JSON and CSV that ``companion stats`` prints.

The same figures the screen draws, rounded the same way (``insights_words.one``), so a
test can hold the two side by side.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from companion.core.insights import Change, DayFigures, Insights, Totals
from companion.insights_words import one, trap_names


def _avg(value: float | None) -> float | None:
    return None if value is None else one(value)


def _totals(totals: Totals, journal_open: bool) -> dict[str, Any]:
    return {
        "breaks_taken": totals.taken,
        "breaks_planned": totals.planned,
        "postponed": totals.postponed,
        "skipped": totals.skipped,
        "breathing": totals.breathing,
        "sos": totals.sos,
        "mood_checkins": totals.moods if journal_open else None,
    }


def _change(change: Change | None) -> dict[str, Any] | None:
    if change is None:
        return None
    return {
        "sessions": change.sessions,
        "before": _avg(change.before),
        "after": _avg(change.after),
        "lower_by": _avg(change.drop),
        "enough": change.enough,
    }


def _day(day: DayFigures, journal_open: bool) -> dict[str, Any]:
    return {
        "date": day.day.isoformat(),
        "breaks_taken": day.breaks.taken,
        "breaks_planned": day.planned,
        "postponed": day.breaks.postponed,
        "skipped": day.breaks.skipped,
        "breathing": day.breathing,
        "sos": day.sos,
        "mood_checkins": day.moods if journal_open else None,
        "mood": _avg(day.mood),
        "tension": _avg(day.tension),
    }


def as_dict(ins: Insights, lang: str) -> dict[str, Any]:
    opened = ins.journal_open
    both = ins.breaks_and_mood
    patterns = ins.patterns
    names = trap_names(lang)
    return {
        "span": str(ins.span),
        "journal": ins.journal_state,
        "today": {"date": ins.today.isoformat(), **_totals(ins.today_totals, opened)},
        "period": {
            "from": ins.span_dates[0].isoformat(),
            "to": ins.span_dates[-1].isoformat(),
            **_totals(ins.totals, opened),
        },
        "before_after": {
            "breathing": _change(ins.breathing),
            "sos": _change(ins.sos),
            "breaks": _change(ins.breaks),
            "reframing": _change(ins.reframing),
        },
        "breaks_and_mood": None
        if both is None
        else {
            "days_with_breaks": both.days_with,
            "mood_with_breaks": _avg(both.mood_with),
            "days_without": both.days_without,
            "mood_without": _avg(both.mood_without),
            "enough": both.enough,
        },
        "days": [_day(day, opened) for day in ins.days],
        "patterns": None
        if patterns is None
        else {
            "traps": [
                {"id": n.name, "name": names.get(n.name, n.name), "count": n.count}
                for n in patterns.traps
            ],
            "feelings": [{"name": n.name, "count": n.count} for n in patterns.emotions],
            "low_mood_tags": [
                {"tag": t.tag, "low_days": t.low_days, "days": t.days}
                for t in patterns.low_mood_tags
            ],
            "mood_days": patterns.mood_days,
            "low_mood_days": patterns.low_days,
        },
    }


CSV_COLUMNS = (
    "date",
    "breaks_taken",
    "breaks_planned",
    "postponed",
    "skipped",
    "breathing",
    "sos",
    "mood_checkins",
    "mood",
    "tension",
)


def as_csv(ins: Insights) -> str:
    """One row per day of the span up to today; an unknown figure is an empty cell."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for day in ins.days:
        row = _day(day, ins.journal_open)
        writer.writerow(["" if row[c] is None else row[c] for c in CSV_COLUMNS])
    return out.getvalue()
