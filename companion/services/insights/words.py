"""Insights in words: the sentences and table rows the screen, ``companion stats`` and
the weekly summary share, in the user's language (content/<lang>/ui/insights.toml).

Plain strings only (no Textual, no markup): every number shown is rounded here, once,
the same way the JSON report rounds it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import cache

from rich.cells import cell_len

from companion.core.contact_figures import MIN_RATINGS, TensionAfter
from companion.core.insights import (
    MIN_SESSIONS,
    OPEN,
    BreaksAndMood,
    Change,
    Insights,
    Patterns,
    Totals,
)
from companion.core.journal import shown
from companion.core.sparkline import sparkline
from companion.core.weeks import Span
from companion.system.i18n import Strings

NONE = "—"  # a figure that can't be known (the journal is locked)


def one(value: float) -> float:
    """The one rounding every shown average goes through (screen, text and JSON)."""
    return round(value, 1)


def number(value: float) -> str:
    return f"{one(value):.1f}"


def compact(value: float) -> str:
    """A day's figure under its bar: "2.5", "4", "10" (three cells at most)."""
    shown = one(value)
    return str(int(shown)) if shown == int(shown) else f"{shown:.1f}"


@cache
def trap_names(lang: str) -> Mapping[str, str]:
    """Trap id -> its name in the language (an unknown id is shown as itself)."""
    from companion.packs.practice import traps
    from companion.system.content import ContentError

    try:
        return {trap.id: trap.name for trap in traps(lang)}
    except ContentError:
        return {}


def period(ins: Insights, t: Strings) -> str:
    """ "this week" / "in the last 30 days", to go inside a sentence."""
    return t(f"insights.period.{ins.span}")


def short_day(day: date, t: Strings) -> str:
    return t("insights.short_date", day=str(day.day), month=t(f"calendar.month_{day.month}"))


def title(ins: Insights, t: Strings) -> str:
    first, last = ins.span_dates[0], ins.span_dates[-1]
    return t(
        f"insights.title_{ins.span}",
        start=short_day(first, t),
        end=short_day(last, t),
    )


def span_heading(ins: Insights, t: Strings) -> str:
    return t(f"insights.column.{ins.span}")


# -- what you did ----------------------------------------------------------------------
def _taken(totals: Totals, t: Strings) -> str:
    if totals.planned is None:
        return str(totals.taken)
    return t("insights.counts.of_planned", taken=str(totals.taken), planned=str(totals.planned))


def count_rows(ins: Insights, t: Strings) -> list[tuple[str, str, str]]:
    """(what, today, this week / last 30 days) rows."""
    today, span = ins.today_totals, ins.totals
    taken_label = "taken_planned" if span.planned is not None else "taken"
    moods = (str(today.moods), str(span.moods)) if ins.journal_open else (NONE, NONE)
    rows = [
        (t(f"insights.counts.{taken_label}"), _taken(today, t), _taken(span, t)),
        (t("insights.counts.postponed"), str(today.postponed), str(span.postponed)),
        (t("insights.counts.skipped"), str(today.skipped), str(span.skipped)),
        (t("insights.counts.breathing"), str(today.breathing), str(span.breathing)),
        (t("insights.counts.sos"), str(today.sos), str(span.sos)),
        (t("insights.counts.moods"), *moods),
    ]
    if span.contacts:  # only for those who mark their chats (companion contact, c)
        rows.append((t("insights.counts.contacts"), _marked(today, t), _marked(span, t)))
    if span.micro:
        rows.append((t("insights.counts.micro"), str(today.micro), str(span.micro)))
    return rows


def _marked(totals: Totals, t: Strings) -> str:
    return t("insights.counts.contacts_value", count=str(totals.contacts), rough=str(totals.rough))


# -- what helps ------------------------------------------------------------------------
def change_sentence(kind: str, change: Change, ins: Insights, t: Strings) -> str:
    """kind: breathing | sos | rest (breaks) | reframing."""
    if not change.enough or change.drop is None:
        return t(f"insights.helps.{kind}_few", count=str(change.sessions), needed=str(MIN_SESSIONS))
    drop = one(change.drop)
    way = "lower" if drop > 0 else "higher" if drop < 0 else "same"
    return t(
        f"insights.helps.{kind}_{way}",
        count=str(change.sessions),
        period=period(ins, t),
        points=f"{abs(drop):.1f}",
        before=number(change.before or 0.0),
        after=number(change.after or 0.0),
    )


def breaks_mood_sentence(found: BreaksAndMood, t: Strings) -> str:
    if not found.enough or found.mood_with is None or found.mood_without is None:
        return t(
            "insights.helps.breaks_few",
            with_breaks=str(found.days_with),
            without=str(found.days_without),
            needed=str(MIN_SESSIONS),
        )
    return t(
        "insights.helps.breaks",
        mood_with=number(found.mood_with),
        days_with=str(found.days_with),
        mood_without=number(found.mood_without),
        days_without=str(found.days_without),
    )


def helps(ins: Insights, t: Strings) -> list[str]:
    lines = [
        change_sentence("breathing", ins.breathing, ins, t),
        change_sentence("sos", ins.sos, ins, t),
        change_sentence("rest", ins.breaks, ins, t),
    ]
    if ins.reframing is not None:
        lines.append(change_sentence("reframing", ins.reframing, ins, t))
    if ins.breaks_and_mood is not None:
        lines.append(breaks_mood_sentence(ins.breaks_and_mood, t))
    if ins.totals.contacts:
        lines.append(after_contacts_sentence(ins.after_contacts, t))
    return lines


def after_contacts_sentence(found: TensionAfter, t: Strings) -> str:
    """Tension after a rough chat compared with after a calm one, with the counts."""
    counts = {"rough_count": str(found.rough_ratings), "calm_count": str(found.calm_ratings)}
    if not found.enough or found.rough is None or found.calm is None:
        return t("insights.helps.after_contacts_few", needed=str(MIN_RATINGS), **counts)
    return t(
        "insights.helps.after_contacts",
        rough=number(found.rough),
        calm=number(found.calm),
        **counts,
    )


def period_empty(ins: Insights, t: Strings) -> str:
    return t("insights.empty", period=period(ins, t))


def journal_note(ins: Insights, t: Strings, key: str = "") -> str | None:
    """What is missing because of the journal, and how to get it back."""
    if ins.journal_state == OPEN:
        return None
    if ins.journal_state == "locked":
        return t("insights.journal.locked_key" if key else "insights.journal.locked", key=key)
    return t("insights.journal.unavailable")


# -- trends ------------------------------------------------------------------------------
def trend_summary(values: list[float | None], t: Strings, what: str) -> str:
    rated = [v for v in values if v is not None]
    if not rated:
        return t(f"insights.trend.no_{what}")
    return t(
        "insights.trend.average",
        average=number(sum(rated) / len(rated)),
        days=str(len(rated)),
    )


# -- patterns ----------------------------------------------------------------------------
def _listed(items: list[tuple[str, int]], t: Strings) -> str:
    sep = t("insights.patterns.separator")
    return sep.join(t("insights.patterns.item", name=name, count=str(n)) for name, n in items)


def pattern_lines(ins: Insights, t: Strings) -> list[tuple[str, str]]:
    """(heading, line) for traps, feelings and tags on low-mood days. User-written words
    (feelings, tags) are in these lines: show them as text, never as markup."""
    found: Patterns | None = ins.patterns
    if found is None:
        return []
    names = trap_names(t.lang)
    where = period(ins, t)
    traps = [(names.get(n.name, n.name), n.count) for n in found.traps]
    feelings = [(shown(n.name), n.count) for n in found.emotions]
    rows = [
        (
            t("insights.patterns.traps"),
            _listed(traps, t) if traps else t("insights.patterns.no_traps", period=where),
        ),
        (
            t("insights.patterns.feelings"),
            _listed(feelings, t) if feelings else t("insights.patterns.no_feelings", period=where),
        ),
    ]
    if found.low_mood_tags:
        sep = t("insights.patterns.separator")
        line = sep.join(
            t(
                "insights.patterns.tag",
                tag=f"#{shown(tag.tag)}",
                low=str(tag.low_days),
                days=str(tag.days),
            )
            for tag in found.low_mood_tags
        )
    elif found.mood_days < MIN_SESSIONS:
        line = t(
            "insights.patterns.few_moods", count=str(found.mood_days), needed=str(MIN_SESSIONS)
        )
    elif not found.low_days:
        line = t("insights.patterns.no_low_days", period=where)
    else:
        line = t("insights.patterns.no_tags")
    rows.append((t("insights.patterns.tags"), line))
    return rows


# -- the weekly summary ------------------------------------------------------------------
def summary_lines(ins: Insights, t: Strings) -> list[str]:
    """A few short lines about the week, for the end of the last reflection."""
    totals = ins.totals
    if totals.planned is not None:
        breaks = t(
            "insights.summary.breaks_planned",
            taken=str(totals.taken),
            planned=str(totals.planned),
        )
    else:
        breaks = t("insights.summary.breaks", taken=str(totals.taken))
    lines = [breaks]
    if totals.breathing or totals.sos:
        lines.append(
            t("insights.summary.calm", breathing=str(totals.breathing), sos=str(totals.sos))
        )
    if ins.breathing.enough:
        lines.append(change_sentence("breathing", ins.breathing, ins, t))
    if totals.moods:
        scores = sum(d.mood * d.moods for d in ins.days if d.mood is not None)
        lines.append(
            t(
                "insights.summary.mood",
                average=number(scores / totals.moods),
                count=str(totals.moods),
            )
        )
    if ins.patterns is not None and ins.patterns.traps:
        trap = ins.patterns.traps[0].name
        lines.append(t("insights.summary.trap", trap=trap_names(t.lang).get(trap, trap)))
    return lines


# -- the trend chart -----------------------------------------------------------------------
WEEK_CELL = 3  # a week's day is three cells wide ("Mon", "一", "2.5"), one space between
MOOD_SCALE = (1.0, 5.0)
TENSION_SCALE = (0.0, 10.0)


def pad(text: str, width: int) -> str:
    """Left-aligned in ``width`` terminal cells (a Chinese character takes two)."""
    return text + " " * max(0, width - cell_len(text))


def trend_rows(ins: Insights, t: Strings) -> list[tuple[str, str, str]]:
    """(label, chart, summary) rows: mood and tension, one bar per day. A week also
    gets the day names above and each day's figure under its bar; 30 days get the
    first and last date under the chart."""
    by_day = {d.day: d for d in ins.days}
    dates = ins.span_dates
    week = ins.span == Span.WEEK
    cell, gap = (WEEK_CELL, 1) if week else (1, 0)
    rows: list[tuple[str, str, str]] = []
    if week:
        names = [pad(t(f"insights.weekday_{d.weekday()}"), cell) for d in dates]
        rows.append(("", " ".join(names).rstrip(), ""))
    for what, scale in (("mood", MOOD_SCALE), ("tension", TENSION_SCALE)):
        values = [getattr(by_day[d], what) if d in by_day else None for d in dates]
        chart = sparkline(values, *scale, cell=cell, gap=gap)
        if what == "mood" and not ins.journal_open:
            # Mood lives in the journal: locked, it is not "no check-ins", it is unseen.
            summary = t("insights.trend.mood_locked")
        else:
            summary = trend_summary(values, t, what)
        rows.append((t(f"insights.trend.{what}"), chart, summary))
        if week:
            figures = [pad("" if v is None else compact(v), cell) for v in values]
            rows.append(("", " ".join(figures).rstrip(), ""))
    if not week:
        first, last = short_day(dates[0], t), short_day(dates[-1], t)
        width = len(dates)
        room = width - cell_len(first) - cell_len(last)
        rows.append(("", first + " " * room + last if room > 0 else first, ""))
    return rows
