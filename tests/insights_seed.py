"""Seeded stores for insights: a known fortnight (tests), and years of data (benchmark)."""

from __future__ import annotations

import random
import uuid
from datetime import datetime, time, timedelta
from typing import Any

from companion.store.activity_records import BreakEvent, BreathingSession, SosReset
from companion.store.practice_records import Reframe
from companion.store.schema import Entry
from companion.store.stores import Stores

# A break that was really taken counts as it ends (companion.core.break_counts).
TAKEN = {"completed": True, "seconds": 600, "counted": True}


def _at(day: datetime, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day.date(), time(hour, minute), tzinfo=day.tzinfo)


def seed_fortnight(stores: Stores, today: datetime) -> None:
    """Fourteen days up to ``today``: breaks most days, breathing and SOS with ratings,
    mood check-ins (low on the days tagged #refund), thought logs and reframes."""
    for back in range(13, -1, -1):
        day = today - timedelta(days=back)
        if day.weekday() >= 5:
            continue  # weekends off: missing days stay missing
        low = back % 3 == 0
        stores.break_events.add(kind="ended", fields=TAKEN, created_at=_at(day, 11))
        stores.break_ratings.add(
            tension_before=7 if low else 5, tension_after=4, created_at=_at(day, 11, 10)
        )
        if not low:
            stores.break_events.add(kind="ended", fields=TAKEN, created_at=_at(day, 15))
        stores.break_events.add(kind="postponed", fields={}, created_at=_at(day, 13))
        if low:
            stores.break_events.add(kind="skipped", fields={}, created_at=_at(day, 16))
        stores.breathing.add(
            pattern="4-7-8",
            rounds=4,
            rounds_done=4,
            seconds=76.0,
            completed=True,
            tension_before=8 if low else 6,
            tension_after=5 if low else 4,
            created_at=_at(day, 9, 30),
        )
        if low:
            stores.sos.add(
                seconds=60.0,
                completed=True,
                tension_before=9,
                tension_after=6,
                created_at=_at(day, 10),
            )
        tags = ("refund", "queue") if low else ("queue",)
        stores.entries.add(
            kind="mood",
            text="",
            fields={"score": 2 if low else 4},
            tags=tags,
            created_at=_at(day, 18),
        )
        stores.entries.add(
            kind="thought",
            text="A customer shouted about a refund",
            fields={
                "emotions": [{"name": "angry", "intensity": 70}, {"name": "委屈", "intensity": 40}]
            },
            created_at=_at(day, 12),
        )
        if low:
            stores.reframes.add(
                facts="refund",
                traps=("mind_reading", "personalising"),
                feeling="worried",
                before=80,
                after=40,
                finished=True,
                follow_up="answered",  # no next-day question in the way
                created_at=_at(day, 13),
            )


def years_of_records(today: datetime, years: int = 2, seed: int = 7) -> dict[str, list[Any]]:
    """About 5,000 journal entries and 15,000 break and breathing records over ``years``."""
    rng = random.Random(seed)
    out: dict[str, list[Any]] = {
        "entries": [],
        "events": [],
        "breathing": [],
        "sos": [],
        "reframes": [],
    }

    def rec(record_type: type, at: datetime, **fields: Any) -> Any:
        return record_type(id=str(uuid.uuid4()), created_at=at, updated_at=at, **fields)

    for back in range(365 * years):
        day = today - timedelta(days=back)
        if day.weekday() == 6:
            continue
        for hour in range(8, 20):  # 12 moments of the rhythm, 6 breaks due: 18 events a day
            kind = rng.choice(("ended", "ended", "postponed", "skipped", "heads_up"))
            fields = TAKEN if kind == "ended" else {}
            out["events"].append(rec(BreakEvent, _at(day, hour), kind=kind, fields=fields))
        for hour in (9, 11, 13, 15, 17, 19):
            out["events"].append(rec(BreakEvent, _at(day, hour, 5), kind="due", fields={}))
        for hour in (9, 10, 12, 14, 15, 17):
            before = rng.randint(3, 9)
            out["breathing"].append(
                rec(
                    BreathingSession,
                    _at(day, hour, 30),
                    pattern="4-7-8",
                    rounds=4,
                    rounds_done=4,
                    seconds=76.0,
                    completed=True,
                    tension_before=before,
                    tension_after=max(0, before - rng.randint(0, 4)),
                )
            )
        out["sos"].append(
            rec(
                SosReset,
                _at(day, 11, 40),
                seconds=60.0,
                completed=True,
                tension_before=8,
                tension_after=rng.randint(4, 8),
            )
        )
        for hour in (12, 18):
            out["entries"].append(
                rec(
                    Entry,
                    _at(day, hour),
                    kind="mood",
                    fields={"score": rng.randint(1, 5)},
                    tags=(rng.choice(("refund", "queue", "late", "calm")),),
                )
            )
        for hour in (9, 11, 13, 15, 17, 20):  # 8 journal entries a day in all
            out["entries"].append(
                rec(
                    Entry,
                    _at(day, hour),
                    kind="thought",
                    text="x" * rng.randint(40, 400),
                    fields={
                        "emotions": [
                            {
                                "name": rng.choice(("angry", "tired", "委屈", "worried")),
                                "intensity": rng.randint(10, 90),
                            }
                        ]
                    },
                    tags=("work",),
                )
            )
        if back % 3 == 0:
            out["reframes"].append(
                rec(
                    Reframe,
                    _at(day, 13),
                    traps=(rng.choice(("mind_reading", "labelling")),),
                    feeling="hurt",
                    before=70,
                    after=rng.randint(20, 70),
                    finished=True,
                    follow_up="answered",
                )
            )
    return out


def seed_years(stores: Stores, today: datetime, years: int = 2) -> dict[str, int]:
    data = years_of_records(today, years)
    stores.entries.add_many(data["entries"])
    stores.reframes.add_many(data["reframes"])
    stores.break_events.add_many(data["events"])
    stores.breathing.add_many(data["breathing"])
    stores.sos.add_many(data["sos"])
    return {name: len(records) for name, records in data.items()}
