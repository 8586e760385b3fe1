"""Insights over two years of data: how long the screen takes to open.

Generates a store of two years (about 5,000 journal entries and 15,000 break and
breathing records, plus SOS resets and reframes), then prints:

- the time from pressing ``i`` on Home to the Insights screen drawn with its figures,
  the first time (records read from the stores) and again (nothing changed), against
  a reference run in the same process: opening Help, a screen with no data
  (target: the first open ≤ 300 ms);
- the 30-day view (``v``), and the figures alone without the UI (cold and warm);
- ``companion stats --json`` as a command, start to finish.

Prints figures and never fails.

    python tests/benchmarks/bench_insights.py [--years 2] [--runs 5] [--encrypted]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from companion.store.stores import open_stores  # noqa: E402
from companion.system.clock import FakeClock  # noqa: E402
from companion.system.paths import resolve_paths  # noqa: E402
from tests.insights_seed import seed_years  # noqa: E402

NOW = datetime(2026, 11, 27, 20, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
PASS = "benchmark passphrase"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def build(home: Path, years: int, encrypted: bool) -> dict[str, int]:
    stores = open_stores(resolve_paths(home), FakeClock(NOW))
    counts = seed_years(stores, NOW, years)
    stores.state.set("welcome_done", True)
    if encrypted:
        from companion.store import encryption

        encryption.encrypt(stores.journal, PASS)
    stores.close()
    return counts


async def time_screens(home: Path, encrypted: bool) -> dict[str, float]:
    from companion.store import encryption
    from companion.ui.app import make_app
    from companion.ui.insights.screen import InsightsScreen
    from companion.ui.shell.help import HelpScreen
    from companion.ui.shell.home import HomeScreen

    app = make_app(home=home, clock=FakeClock(NOW), lang="en")
    if encrypted:
        encryption.unlock(app.services.stores.journal, PASS)
    out: dict[str, float] = {}
    async with app.run_test(size=(80, 24)) as pilot:

        async def until(check) -> None:  # type: ignore[no-untyped-def]
            deadline = time.perf_counter() + 30
            while not check():
                if time.perf_counter() > deadline:
                    raise SystemExit(f"stuck on {type(app.screen).__name__}")
                await pilot.pause(0.001)

        async def opened(key: str, screen: type, name: str) -> None:
            start = time.perf_counter()
            await pilot.press(key)
            await until(
                lambda: (
                    isinstance(app.screen, screen)
                    and (screen is not InsightsScreen or app.screen.insights is not None)
                )
            )
            out[name] = time.perf_counter() - start

        await opened("question_mark", HelpScreen, "help")
        await pilot.press("escape")
        await until(lambda: isinstance(app.screen, HomeScreen))
        await opened("i", InsightsScreen, "insights first")
        start = time.perf_counter()
        await pilot.press("v")
        await until(lambda: app.screen.insights.span == "month")
        out["30 days"] = time.perf_counter() - start
        await pilot.press("escape")
        await until(lambda: isinstance(app.screen, HomeScreen))
        await opened("i", InsightsScreen, "insights again")
    return out


def time_figures(home: Path, encrypted: bool) -> tuple[float, float]:
    from companion.services.config import Settings
    from companion.services.insights.service import InsightsService
    from companion.store import encryption

    stores = open_stores(resolve_paths(home), FakeClock(NOW))
    if encrypted:
        encryption.unlock(stores.journal, PASS)
    service = InsightsService(stores, FakeClock(NOW), Settings)
    start = time.perf_counter()
    service.compute()
    cold = time.perf_counter() - start
    start = time.perf_counter()
    service.compute()
    warm = time.perf_counter() - start
    stores.close()
    return cold, warm


def time_command(home: Path, encrypted: bool) -> float:
    script = Path(sys.executable).parent / "companion"
    env = {**os.environ, "TZ": "Asia/Shanghai", "COMPANION_PASSPHRASE": PASS}
    start = time.perf_counter()
    subprocess.run(
        [str(script), "--data-dir", str(home), "stats", "--json"],
        capture_output=True,
        check=False,
        env=env,
        start_new_session=True,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=2)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--encrypted", action="store_true", help="an encrypted journal")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        counts = build(home, args.years, args.encrypted)
        sizes = {p.name: p.stat().st_size for p in (home / "data").glob("*.db")}
        print(f"store: {counts}")
        print("files: " + ", ".join(f"{k} {v / 1e6:.1f} MB" for k, v in sizes.items()))
        runs = [asyncio.run(time_screens(home, args.encrypted)) for _ in range(args.runs)]
        print(f"\nUI, median of {args.runs} runs (each a fresh app):")
        for name in ("help", "insights first", "30 days", "insights again"):
            value = statistics.median(r[name] for r in runs)
            ratio = value / statistics.median(r["help"] for r in runs)
            print(f"  {name:<15}{ms(value)}   {ratio:5.1f}x Help")
        first = statistics.median(r["insights first"] for r in runs)
        print(f"  target: first open <= 300 ms: {'met' if first <= 0.3 else 'NOT met'}")
        figures = [time_figures(home, args.encrypted) for _ in range(args.runs)]
        print("\nfigures alone (InsightsService.compute, this week):")
        print(f"  read and computed {ms(statistics.median(c for c, _ in figures))}")
        print(f"  nothing changed   {ms(statistics.median(w for _, w in figures))}")
        command = statistics.median(time_command(home, args.encrypted) for _ in range(args.runs))
        print(f"\ncompanion stats --json: {ms(command)}")


if __name__ == "__main__":
    main()
