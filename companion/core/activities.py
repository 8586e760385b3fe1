"""Break activities: the content pack's groups, and the order they are suggested in.

One break suggests one activity; "another" moves on to the next in an order that
visits every group before any group comes round again, so a second idea is always a
different kind of rest. The order is seeded (by the break's start), so the same break
shows the same ideas after a redraw and a test sees a fixed picture.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

GROUPS = ("eyes", "stretch", "move", "hydrate", "breathe", "social", "mind")


@dataclass(frozen=True)
class Activity:
    group: str
    id: str
    text: str


def activities_from(pack: Mapping[str, Any]) -> list[Activity]:
    """Every activity of a pack, group by group in GROUPS order."""
    found = []
    for group in GROUPS:
        for key, text in (pack.get(group) or {}).items():
            if isinstance(text, str):
                found.append(Activity(group, key, text))
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
