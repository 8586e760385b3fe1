"""Pinned pictures of Insights at 80x24 in English and Chinese: a seeded week ending on
Friday 27 November 2026 (top, and the chart at the end), 30 days, the empty state, a
locked journal, and the weekly summary.

Regenerate with ``pytest tests/ui/test_insights_snapshots.py --snapshot-update`` and
look at every changed SVG before committing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.system.clock import FakeClock
from tests.ui.helpers import settled
from tests.ui.test_insights_screen import seeded
from tests.ui.test_privacy import encrypted_journal

LANGS = ["en", "zh"]


def pressing(*keys: str):  # type: ignore[no-untyped-def]
    """Press ``keys`` one by one, letting the figures be computed (in a worker) after
    each, so the picture never races them."""

    async def run(pilot) -> None:  # type: ignore[no-untyped-def]
        await settled(pilot)
        for key in keys:
            await pilot.press(key)
            await settled(pilot)

    return run


@pytest.mark.parametrize("lang", LANGS)
def test_week(snap_compare, app_factory, home: Path, clock: FakeClock, lang: str) -> None:
    seeded(home, clock)
    assert snap_compare(app_factory(lang), terminal_size=(80, 24), run_before=pressing("i"))


@pytest.mark.parametrize("lang", LANGS)
def test_week_chart(snap_compare, app_factory, home: Path, clock: FakeClock, lang: str) -> None:
    seeded(home, clock)
    assert snap_compare(app_factory(lang), terminal_size=(80, 24), run_before=pressing("i", "end"))


@pytest.mark.parametrize("lang", LANGS)
def test_month_chart(snap_compare, app_factory, home: Path, clock: FakeClock, lang: str) -> None:
    seeded(home, clock)
    run_before = pressing("i", "v", "end")
    assert snap_compare(app_factory(lang), terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("lang", LANGS)
def test_empty(snap_compare, app_factory, lang: str) -> None:
    assert snap_compare(app_factory(lang), terminal_size=(80, 24), run_before=pressing("i"))


@pytest.mark.parametrize("lang", LANGS)
def test_locked_journal(snap_compare, app_factory, home: Path, clock: FakeClock, lang: str) -> None:
    seeded(home, clock)
    encrypted_journal(home, clock)
    assert snap_compare(app_factory(lang), terminal_size=(80, 24), run_before=pressing("i"))


@pytest.mark.parametrize("lang", LANGS)
def test_week_summary(snap_compare, app_factory, home: Path, clock: FakeClock, lang: str) -> None:
    seeded(home, clock)

    async def offer(pilot) -> None:  # type: ignore[no-untyped-def]
        pilot.app.insights.offer_week_summary()  # what saving Friday's reflection does
        await settled(pilot)

    assert snap_compare(app_factory(lang), terminal_size=(80, 24), run_before=offer)
