"""The installed companion in a real terminal: Insights over a seeded fortnight, in
Chinese, with the same numbers as ``companion stats`` (both on the system clock, TZ)."""

from __future__ import annotations

import json
import subprocess
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from companion.store.stores import open_stores
from companion.system.clock import FakeClock
from companion.system.paths import resolve_paths
from tests.e2e.test_app_in_tmux import env_for
from tests.e2e.tmux import Tmux, installed_companion
from tests.insights_seed import seed_fortnight

pytestmark = pytest.mark.e2e


def test_insights_in_a_real_terminal(term: Tmux, home: Path) -> None:
    now = datetime.now(ZoneInfo("Asia/Shanghai"))
    stores = open_stores(resolve_paths(home), FakeClock(now))
    seed_fortnight(stores, now)
    stores.state.set("welcome_done", True)
    stores.close()
    env = {**env_for(home, "zh_CN.UTF-8"), "TZ": "Asia/Shanghai"}
    stats = subprocess.run(
        [str(installed_companion()), "stats", "--month", "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        start_new_session=True,
    )
    figures = json.loads(stats.stdout)
    term.start([str(installed_companion())], env)
    term.wait_for("去哪儿")
    term.send("i")
    term.wait_for("回顾 · 本周")
    term.send("v")
    screen = term.wait_for("回顾 · 最近 30 天")
    period = figures["period"]
    row = f"呼吸练习 {figures['today']['breathing']} {period['breathing']}"
    assert row in " ".join(screen.split())
    term.send("Escape")
    term.wait_for("去哪儿")
    term.send("q")
    assert term.exit_status() == 0
