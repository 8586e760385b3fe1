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
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

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


@dataclass(frozen=True)
class Activity:
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


def suggestion_order(activities: list[Activity], seed: int) -> list[Activity]:
    """All activities, shuffled, taking one group at a time in turn."""
    rng = random.Random(seed)
    by_group: dict[str, list[Activity]] = {}
    for activity in activities:
        by_group.setdefault(activity.group, []).append(activity)
    for members in by_group.values():
        rng.shuffle(members)
    groups = list(by_group)
    rng.shuffle(groups)
    order: list[Activity] = []
    while any(by_group.values()):
        for group in groups:
            if by_group[group]:
                order.append(by_group[group].pop())
    return order
