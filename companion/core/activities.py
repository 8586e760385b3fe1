"""Break activities: the content pack's groups, and the order they are suggested in.

One break suggests one activity; "another" moves on to the next in an order that
visits every group before any group comes round again, so a second idea is always a
different kind of rest. The order is seeded (by the break's start), so the same break
shows the same ideas after a redraw and a test sees a fixed picture.

An activity is a table with its text and how long it takes ("20s", "2m", "10m"), so a
break can offer what fits; a plain string is still read, as an idea of no stated length.
The pack's ``after_work`` table (ideas for the end of a shift) is not a break group.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from operator import attrgetter
from typing import Any, NamedTuple, TypeVar

T = TypeVar("T")

GROUPS = (
    "eyes",
    "stretch",
    "hands",
    "posture",
    "voice",
    "move",
    "hydrate",
    "breathe",
    "social",
    "mind",
)
LENGTHS = ("20s", "2m", "10m")
LENGTH_SECONDS = {"20s": 20, "2m": 120, "10m": 600}
AFTER_WORK_KINDS = ("sleep", "food", "move", "people", "unwind")


class Activity(NamedTuple):
    group: str
    id: str
    text: str
    length: str = ""  # one of LENGTHS; "" when the pack does not say


def activities_from(pack: Mapping[str, Any]) -> list[Activity]:
    """Every activity of a pack, group by group in GROUPS order."""
    found = []
    for group in GROUPS:
        for key, value in (pack.get(group) or {}).items():
            if isinstance(value, str):
                found.append(Activity(group, key, value))
            elif isinstance(value, Mapping) and isinstance(value.get("text"), str):
                length = value.get("length")
                found.append(
                    Activity(group, key, value["text"], length if length in LENGTHS else "")
                )
    return found


class AfterWork(NamedTuple):
    """An idea for the evening, offered when the shift ends (never during work)."""

    id: str
    text: str
    kind: str  # one of AFTER_WORK_KINDS


def fits(length: str, seconds: float) -> bool:
    """Whether an idea of ``length`` fits in a pause of ``seconds`` (an idea that does
    not say how long it takes fits anywhere)."""
    return length not in LENGTH_SECONDS or LENGTH_SECONDS[length] <= seconds


def ideas_for(activities: list[Activity], seconds: float) -> list[Activity]:
    """The ideas that fit a pause of ``seconds``: a 10-minute break, all of them; a
    20-second micro-pause, the 20-second ones. A pause shorter than any idea still gets
    the shortest ones (a 15-second break is no reason to suggest nothing)."""
    fitting = [a for a in activities if fits(a.length, seconds)]
    if fitting or not activities:
        return fitting
    shortest = min(LENGTH_SECONDS.get(a.length, 0) for a in activities)
    return [a for a in activities if LENGTH_SECONDS.get(a.length, 0) == shortest]


def after_work_from(pack: Mapping[str, Any]) -> list[AfterWork]:
    """The pack's ``[after_work]`` ideas, in its order (one of an unknown kind is left
    out: it would have no label)."""
    found = []
    for key, value in (pack.get("after_work") or {}).items():
        usable = isinstance(value, Mapping) and isinstance(value.get("text"), str)
        if usable and value.get("kind") in AFTER_WORK_KINDS:
            found.append(AfterWork(key, value["text"], value["kind"]))
    return found


def suggestion_order(
    activities: Sequence[T], seed: int, by: Callable[[T], str] = attrgetter("group")
) -> list[T]:
    """All activities, shuffled, taking one group at a time in turn (the evening's
    ideas: one kind at a time, ``by=attrgetter("kind")``)."""
    rng = random.Random(seed)
    by_group: dict[str, list[T]] = {}
    for activity in activities:
        by_group.setdefault(by(activity), []).append(activity)
    for members in by_group.values():
        rng.shuffle(members)
    groups = list(by_group)
    rng.shuffle(groups)
    order: list[T] = []
    while any(by_group.values()):
        for group in groups:
            if by_group[group]:
                order.append(by_group[group].pop())
    return order
