"""``companion stats --json`` says exactly what the Insights screen shows, for the same
data at the same moment: both read the real clock in the same time zone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from companion.services.insights.report import as_dict
from companion.store.stores import open_stores
from companion.system.clock import FakeClock, SystemClock
from companion.system.paths import resolve_paths
from companion.ui.app import WELCOME_KEY, make_app
from companion.ui.insights.screen import InsightsScreen
from tests.insights_seed import seed_fortnight
from tests.ui.helpers import screen_text, settled, wait_for
from tests.unit.test_stats_cli import stats


@pytest.mark.parametrize("span", ["week", "month"])
async def test_stats_json_equals_the_screen(home: Path, monkeypatch, span: str) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    clock = SystemClock()
    now = clock.now()
    stores = open_stores(resolve_paths(home), FakeClock(now))
    seed_fortnight(stores, now)
    stores.close()
    app = make_app(home=home, clock=clock, lang="en")
    app.services.stores.state.set(WELCOME_KEY, True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i")
        await wait_for(pilot, lambda: isinstance(app.screen, InsightsScreen))
        if span == "month":
            await pilot.press("v")
        await settled(pilot)
        shown = app.screen.insights
        text = " ".join(screen_text(app).split())
    cli = json.loads(stats(home, f"--{span}", "--json").stdout)
    assert shown is not None and cli == as_dict(shown, "en")
    # The words on the screen carry the JSON's numbers.
    period = cli["period"]
    assert f"Breaks taken {cli['today']['breaks_taken']} {period['breaks_taken']}" in text
    assert f"Breathing sessions {cli['today']['breathing']} {period['breathing']}" in text
    breathing = cli["before_after"]["breathing"]
    if breathing["enough"]:
        assert f"On {breathing['sessions']} sessions" in text
        assert f"({breathing['before']:.1f} → {breathing['after']:.1f}" in text
    else:
        assert f"({breathing['sessions']} of 3 sessions rated" in text
    rest = cli["before_after"]["breaks"]
    if rest["enough"]:
        assert f"On {rest['sessions']} breaks" in text
    else:
        assert f"({rest['sessions']} of 3 breaks rated" in text
    for trap in cli["patterns"]["traps"]:
        assert f"{trap['name']} ({trap['count']})" in text
    for feeling in cli["patterns"]["feelings"]:
        assert f"{feeling['name']} ({feeling['count']})" in text
