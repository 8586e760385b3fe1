"""Today's practice in figures for Home's glance: reframes finished and rounds played.

Apart from services.practice so that Home, drawn at start, needs only the stores, not
the practice room's rules (drills, poker, role-plays) that the room itself loads.
"""

from __future__ import annotations

from typing import Any

from companion.core.daytime import day_window
from companion.store.stores import Stores
from companion.system.clock import Clock
from companion.system.i18n import Strings


def done_today(stores: Stores, clock: Clock) -> tuple[int, int]:
    """Reframes finished and practice rounds played today."""
    start, end = day_window(clock.now())
    reframes = sum(1 for r in stores.reframes.created_between(start, end) if r.finished)
    rounds = sum(
        len(repo.created_between(start, end))
        for repo in (stores.drill_attempts, stores.poker_rounds, stores.roleplay_runs)
    )
    return reframes, rounds


def practice_glance(services: Any, t: Strings) -> list[tuple[str, str]]:
    """Home's "today at a glance": reframes and practice rounds finished today."""
    reframes, rounds = done_today(services.stores, services.clock)
    rows = []
    if reframes:
        rows.append((t("reframe.glance.label"), t("reframe.glance.value", count=str(reframes))))
    if rounds:
        rows.append((t("practice.glance.label"), t("practice.glance.value", count=str(rounds))))
    return rows
