"""What helps, in figures: the dashboard's aggregates, computed from plain records.

Pure: no Textual, no files, no clock of its own (``now`` is handed in). The same
``Insights`` feeds the screen, ``companion stats`` and the weekly summary, so they can
never disagree.

Honesty rules, kept here so every view follows them:
- An average is given with the count it rests on, and "not enough data yet" below
  ``MIN_SESSIONS`` (sessions, or days for the breaks-and-mood comparison).
- A day without records is missing, not zero: no streaks, nothing marked as failed.
- Breaks "planned" are only said when the settings define a working day (shift hours);
  see ``companion.core.weeks.BreakPlan``. Otherwise it is taken / postponed / skipped.
  Only today and the days the break rhythm ran (it left events) count towards the plan:
  a day companion was not open is missing, not a day of breaks missed.
- The journal may be locked: activity figures still come, and whatever needs the
  journal (mood, traps, feelings, tags) is None rather than a misleading zero.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from statistics import fmean
from typing import TypeVar

from companion.core.break_counts import DayCounts, EventLike, count_day
from companion.core.contact_figures import Marked, TensionAfter, micro_pauses, tension_after
from companion.core.daytime import day_window
from companion.core.weeks import BreakPlan, Span, local_day, span_days

Timed = TypeVar("Timed", "Rated", Marked)  # anything with an ``at``, counted by day
MIN_SESSIONS = 3  # rated sessions (or days) an average needs before it is shown
LOW_MOOD = 3.0  # a day whose average mood (1-5) is below this is a low-mood day
MIN_TAG_DAYS = 2  # a tag must come up on this many low-mood days to be named
TOP = 3  # how many traps, feelings and tags are named

# Whether the journal's figures could be read.
OPEN, LOCKED, UNAVAILABLE = "open", "locked", "unavailable"


# -- what comes in ---------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Rated:
    """A breathing session or an SOS reset, with its optional 0-10 tension ratings."""

    at: datetime
    before: int | None = None
    after: int | None = None


@dataclass(frozen=True, slots=True)
class Written:
    """A journal entry as insights need it: its day, tags, mood score, feelings named."""

    at: datetime
    kind: str = ""
    tags: tuple[str, ...] = ()
    score: int | None = None  # a mood check-in's 1-5
    emotions: tuple[str, ...] = ()  # feelings named in a thought log


@dataclass(frozen=True, slots=True)
class Reframed:
    """A reframe: the traps marked, the feeling rated 0-100 before and (when finished)
    after. ``feeling`` is left empty when the reframe started from a journal entry,
    whose own feelings are already counted."""

    at: datetime
    traps: tuple[str, ...] = ()
    feeling: str = ""
    before: int | None = None
    after: int | None = None


@dataclass(frozen=True)
class JournalRecords:
    entries: Sequence[Written] = ()
    reframes: Sequence[Reframed] = ()


@dataclass(frozen=True)
class Records:
    break_events: Sequence[EventLike] = ()
    breathing: Sequence[Rated] = ()
    sos: Sequence[Rated] = ()
    journal: JournalRecords | None = None  # None: locked or unreadable (see journal_state)
    journal_state: str = OPEN
    breaks: Sequence[Rated] = ()  # tension rated before and after a break, as it ended
    contacts: Sequence[Marked] = ()  # chats marked as ended


# -- what goes out ---------------------------------------------------------------------
@dataclass(frozen=True)
class DayFigures:
    day: date
    breaks: DayCounts = field(default_factory=DayCounts)
    planned: int | None = None  # None: no plan known, or the rhythm did not run that day
    breathing: int = 0
    sos: int = 0
    moods: int = 0  # mood check-ins with a score
    mood: float | None = None  # their average, 1-5
    tension: float | None = None  # average rating (0-10) before breathing or SOS
    contacts: int = 0  # chats marked as ended
    rough: int = 0  # of which rough
    micro: int = 0  # micro-pauses shown (not breaks)


@dataclass(frozen=True)
class Totals:
    taken: int = 0
    postponed: int = 0
    skipped: int = 0
    planned: int | None = None  # on the days it ran so far; None without shift hours
    breathing: int = 0
    sos: int = 0
    moods: int = 0
    contacts: int = 0
    rough: int = 0
    micro: int = 0


@dataclass(frozen=True)
class Change:
    """Average ratings before and after, over the sessions that have both."""

    sessions: int = 0
    before: float | None = None
    after: float | None = None

    @property
    def enough(self) -> bool:
        return self.sessions >= MIN_SESSIONS

    @property
    def drop(self) -> float | None:
        """How much lower "after" was (negative: higher)."""
        if self.before is None or self.after is None:
            return None
        return self.before - self.after


@dataclass(frozen=True)
class BreaksAndMood:
    """Mood on days with at least one break taken vs days without, counting only days
    when the break rhythm was running (there are break events) and mood was rated."""

    days_with: int = 0
    mood_with: float | None = None
    days_without: int = 0
    mood_without: float | None = None

    @property
    def enough(self) -> bool:
        return min(self.days_with, self.days_without) >= MIN_SESSIONS


@dataclass(frozen=True)
class Named:
    name: str  # a trap's id, or a feeling as the person wrote it
    count: int


@dataclass(frozen=True)
class LowDayTag:
    tag: str
    low_days: int  # low-mood days it came up on
    days: int  # days with a mood rating it came up on


@dataclass(frozen=True)
class Patterns:
    traps: tuple[Named, ...] = ()
    emotions: tuple[Named, ...] = ()
    low_mood_tags: tuple[LowDayTag, ...] = ()
    mood_days: int = 0
    low_days: int = 0


@dataclass(frozen=True)
class Insights:
    span: Span
    today: date
    span_dates: tuple[date, ...]  # every date of the span (this week's later days too)
    days: tuple[DayFigures, ...]  # figures for the span's days up to today
    totals: Totals
    breathing: Change
    sos: Change
    journal_state: str = OPEN
    breaks: Change = field(default_factory=Change)
    planned_known: bool = False
    reframing: Change | None = None
    breaks_and_mood: BreaksAndMood | None = None
    patterns: Patterns | None = None
    after_contacts: TensionAfter = field(default_factory=TensionAfter)

    @property
    def today_figures(self) -> DayFigures:
        return self.days[-1]

    @property
    def today_totals(self) -> Totals:
        return totals_of([self.today_figures], self.planned_known)

    @property
    def journal_open(self) -> bool:
        return self.journal_state == OPEN

    @property
    def empty(self) -> bool:
        """Nothing at all in the span: the screen says so instead of showing zeros."""
        t = self.totals
        counted = t.taken + t.postponed + t.skipped + t.breathing + t.sos + t.moods
        counted += t.contacts + t.micro
        patterns = self.patterns
        written = patterns is not None and (patterns.traps or patterns.emotions)
        return not counted and not written and not (self.reframing and self.reframing.sessions)


# -- computing -------------------------------------------------------------------------
def compute(
    records: Records, plan: BreakPlan, now: datetime, span: Span, first_weekday: int
) -> Insights:
    tz = now.tzinfo
    if tz is None:
        raise ValueError("insights need an aware now")
    today = now.date()
    dates = span_days(span, today, first_weekday)
    shown = tuple(d for d in dates if d <= today)
    wanted = set(shown)

    def in_span(moment: datetime) -> date | None:
        day = local_day(moment, tz)
        return day if day in wanted else None

    events: dict[date, list[EventLike]] = defaultdict(list)
    for event in records.break_events:
        day = in_span(event.created_at)
        if day is not None:
            events[day].append(event)
    breathing = _by_day(records.breathing, in_span)
    sos = _by_day(records.sos, in_span)
    marked = _by_day(records.contacts, in_span)
    entries: dict[date, list[Written]] = defaultdict(list)
    reframes: list[Reframed] = []
    if records.journal is not None:
        for entry in records.journal.entries:
            day = in_span(entry.at)
            if day is not None:
                entries[day].append(entry)
        reframes = [r for r in records.journal.reframes if in_span(r.at) is not None]

    days = []
    for day in shown:
        start, end = day_window(datetime.combine(day, time(12), tzinfo=tz))
        scores = [e.score for e in entries.get(day, ()) if e.score is not None]
        rated = [s.before for s in (*breathing[day], *sos[day]) if s.before is not None]
        days.append(
            DayFigures(
                day=day,
                breaks=count_day(events.get(day, ()), start, end),
                planned=plan.planned_on(day, tz) if day in events or day == today else None,
                breathing=len(breathing[day]),
                sos=len(sos[day]),
                moods=len(scores),
                mood=fmean(scores) if scores else None,
                tension=fmean(rated) if rated else None,
                contacts=len(marked[day]),
                rough=sum(1 for c in marked[day] if c.rough),
                micro=micro_pauses(events.get(day, ())),
            )
        )
    journal_open = records.journal is not None
    return Insights(
        span=span,
        today=today,
        span_dates=dates,
        days=tuple(days),
        totals=totals_of(days, plan.shift is not None),
        planned_known=plan.shift is not None,
        breathing=change_of(_flat(breathing)),
        sos=change_of(_flat(sos)),
        breaks=change_of(r for r in records.breaks if in_span(r.at) is not None),
        journal_state=records.journal_state if not journal_open else OPEN,
        reframing=change_of(r for r in reframes if r.after is not None) if journal_open else None,
        breaks_and_mood=_breaks_and_mood(days, set(events)) if journal_open else None,
        patterns=_patterns(days, entries, reframes) if journal_open else None,
        after_contacts=tension_after(
            [c for c in records.contacts if in_span(c.at) is not None],
            (r for r in (*records.breathing, *records.sos, *records.breaks) if in_span(r.at)),
        ),
    )


def totals_of(days: Iterable[DayFigures], planned_known: bool) -> Totals:
    days = list(days)
    plans = [d.planned for d in days if d.planned is not None]
    return Totals(
        taken=sum(d.breaks.taken for d in days),
        postponed=sum(d.breaks.postponed for d in days),
        skipped=sum(d.breaks.skipped for d in days),
        planned=sum(plans) if planned_known else None,
        breathing=sum(d.breathing for d in days),
        sos=sum(d.sos for d in days),
        moods=sum(d.moods for d in days),
        contacts=sum(d.contacts for d in days),
        rough=sum(d.rough for d in days),
        micro=sum(d.micro for d in days),
    )


def change_of(sessions: Iterable[Rated | Reframed]) -> Change:
    pairs = [(s.before, s.after) for s in sessions if s.before is not None and s.after is not None]
    if not pairs:
        return Change()
    return Change(len(pairs), fmean(b for b, _ in pairs), fmean(a for _, a in pairs))


def _by_day(
    sessions: Iterable[Timed], in_span: Callable[[datetime], date | None]
) -> dict[date, list[Timed]]:
    out: dict[date, list[Timed]] = defaultdict(list)
    for session in sessions:
        day = in_span(session.at)
        if day is not None:
            out[day].append(session)
    return out


def _flat(by_day: dict[date, list[Rated]]) -> list[Rated]:
    return [s for sessions in by_day.values() for s in sessions]


def _breaks_and_mood(days: Sequence[DayFigures], rhythm_days: set[date]) -> BreaksAndMood:
    rated = [(d.mood, d.breaks.taken) for d in days if d.day in rhythm_days and d.mood is not None]
    with_breaks = [mood for mood, taken in rated if taken]
    without = [mood for mood, taken in rated if not taken]
    return BreaksAndMood(
        days_with=len(with_breaks),
        mood_with=fmean(with_breaks) if with_breaks else None,
        days_without=len(without),
        mood_without=fmean(without) if without else None,
    )


def _top(counts: Counter[str], display: dict[str, str]) -> tuple[Named, ...]:
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return tuple(Named(display.get(key, key), count) for key, count in ranked[:TOP])


def _patterns(
    days: Sequence[DayFigures], entries: dict[date, list[Written]], reframes: Sequence[Reframed]
) -> Patterns:
    traps: Counter[str] = Counter()
    for reframe in reframes:
        traps.update(set(reframe.traps))
    feelings: Counter[str] = Counter()
    spelling: dict[str, tuple[datetime, str]] = {}

    def name(word: str, at: datetime) -> None:
        key = word.strip().casefold()
        if not key:
            return
        feelings[key] += 1
        if key not in spelling or at >= spelling[key][0]:
            spelling[key] = (at, word.strip())  # the latest way it was written

    for written in (e for day in entries.values() for e in day):
        for word in written.emotions:
            name(word, written.at)
    for reframe in reframes:
        name(reframe.feeling, reframe.at)

    mood_days = [d for d in days if d.mood is not None]
    low = {d.day for d in mood_days if d.mood is not None and d.mood < LOW_MOOD}
    tag_days: Counter[str] = Counter()
    tag_low: Counter[str] = Counter()
    tag_spelling: dict[str, str] = {}
    for day in mood_days:
        tags = {}
        for written in sorted(entries.get(day.day, ()), key=lambda e: e.at):
            for tag in written.tags:
                tags[tag.casefold()] = tag
        tag_spelling.update(tags)
        tag_days.update(tags.keys())
        if day.day in low:
            tag_low.update(tags.keys())
    share = len(low) / len(mood_days) if mood_days else 0.0
    found = [
        LowDayTag(tag_spelling[key], tag_low[key], tag_days[key])
        for key in tag_low
        if tag_low[key] >= MIN_TAG_DAYS and tag_low[key] / tag_days[key] > share
    ]
    found.sort(key=lambda t: (-t.low_days, -t.low_days / t.days, t.tag.casefold()))
    return Patterns(
        traps=_top(traps, {}),
        emotions=_top(feelings, {k: v for k, (_, v) in spelling.items()}),
        low_mood_tags=tuple(found[:TOP]),
        mood_days=len(mood_days),
        low_days=len(low),
    )
