"""Insights as data: the JSON and CSV that ``companion stats`` prints.

The same figures the screen draws, rounded the same way (``insights_words.one``), so a
test can hold the two side by side.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from companion.core.contact_figures import TensionAfter
from companion.core.insights import Change, DayFigures, Insights, Totals
from companion.services.insights.words import one, trap_names


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
        "contacts": totals.contacts,
        "rough_contacts": totals.rough,
        "micro_pauses": totals.micro,
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
        "breaks_short": day.breaks.short,  # ended too soon to count as one
        "breaks_planned": day.planned,
        "postponed": day.breaks.postponed,
        "skipped": day.breaks.skipped,
        "breathing": day.breathing,
        "sos": day.sos,
        "mood_checkins": day.moods if journal_open else None,
        "mood": _avg(day.mood),
        "tension": _avg(day.tension),
        "contacts": day.contacts,
        "rough_contacts": day.rough,
        "micro_pauses": day.micro,
    }


def _after_contacts(found: TensionAfter) -> dict[str, Any]:
    """Tension (0-10, rated before breathing, SOS or a break) within 30 minutes after a
    rough chat and after a calm one, with how many ratings each average rests on."""
    return {
        "rough_ratings": found.rough_ratings,
        "tension_after_rough": _avg(found.rough),
        "calm_ratings": found.calm_ratings,
        "tension_after_calm": _avg(found.calm),
        "enough": found.enough,
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
        "after_contacts": _after_contacts(ins.after_contacts),
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


CSV_COLUMNS = ("section", "item", "measure", "value")

# JSON list -> (CSV section, the key that names each row's item)
LISTED = {
    "traps": ("trap", "id"),
    "feelings": ("feeling", "name"),
    "low_mood_tags": ("low_mood_tag", "tag"),
}


def _cell(value: Any) -> Any:
    if value is None:
        return ""  # unknown (journal locked, no data): an empty cell, never a made-up 0
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def csv_rows(report: dict[str, Any]) -> list[tuple[str, str, str, Any]]:
    """Every figure of the JSON report as one (section, item, measure, value) row.

    A long table rather than several: any spreadsheet filters or pivots it, and a
    column's sum never mixes days with totals. Sections: report, today (item: the
    date), period (item: from/to), before_after (item: breathing, sos, breaks,
    reframing), breaks_and_mood, after_contacts, patterns, trap, feeling, low_mood_tag,
    day (item: the date). A figure that is not there (a locked journal, too few sessions) has no row
    or an empty value, as in the JSON.
    """
    rows: list[tuple[str, str, str, Any]] = [
        ("report", "", "span", report["span"]),
        ("report", "", "journal", report["journal"]),
    ]

    def add(section: str, item: str, figures: dict[str, Any] | None, skip: str = "") -> None:
        for measure, value in (figures or {}).items():
            if measure != skip:
                rows.append((section, item, measure, value))

    add("today", report["today"]["date"], report["today"], skip="date")
    period = report["period"]
    period_item = f"{period['from']}/{period['to']}"
    add("period", period_item, {k: v for k, v in period.items() if k not in ("from", "to")})
    for kind, change in report["before_after"].items():
        add("before_after", kind, change)
    add("breaks_and_mood", "", report["breaks_and_mood"])
    add("after_contacts", "", report["after_contacts"])
    patterns = report["patterns"] or {}
    for key, value in patterns.items():
        if key in LISTED:
            section, name = LISTED[key]
            for found in value:
                add(section, str(found[name]), found, skip=name)
        else:
            rows.append(("patterns", "", key, value))
    for day in report["days"]:
        add("day", day["date"], day, skip="date")
    return rows


def as_csv(report: dict[str, Any]) -> str:
    """The JSON report's figures as CSV, one per row (see csv_rows)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for section, item, measure, value in csv_rows(report):
        writer.writerow([section, item, measure, _cell(value)])
    return out.getvalue()
