"""Start-up time, idle CPU and memory: companion against a bare Textual app.

Both run in tmux at 80x24 in the same run, so the machine's speed cancels out.
Prints figures and ratios (companion ÷ bare); never fails.

    python tests/benchmarks/bench_startup.py [--runs 5] [--idle 30] [--home DIR]

--home times companion on an existing data folder (use a copy: it is written to);
without it, on a fresh one past the welcome.

Targets (issue 3): start ≤ 1.3×, idle CPU ≤ 0.3 % of a core, RSS ≤ 1.5×.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from harness import (
    BARE_APP,
    BARE_MARK,
    HOME_MARK,
    Pane,
    as_installed,
    cpu_seconds,
    memory_mb,
    skip_welcome,
)


def measure(
    name: str,
    argv: list[str],
    env: dict[str, str],
    ready: str,
    runs: int,
    idle: float,
    workdir: Path,
) -> dict[str, float]:
    starts = []
    for _ in range(runs):
        pane = Pane(workdir)
        began = pane.start(argv, env)
        starts.append(pane.wait_for(ready) - began)
        pane.stop()
    pane = Pane(workdir)
    pane.start(argv, env)
    pane.wait_for(ready)
    time.sleep(2)  # let start-up work settle before measuring idle
    pid = pane.pid()
    rss, _ = memory_mb(pid)
    before = cpu_seconds(pid)
    time.sleep(idle)
    cpu = (cpu_seconds(pid) - before) / idle * 100
    pane.stop()
    result = {"start_s": statistics.median(starts), "idle_cpu_pct": cpu, "rss_mb": rss}
    print(
        f"{name:10} start {result['start_s'] * 1000:7.0f} ms (median of {runs})   "
        f"idle CPU {cpu:5.2f} % over {idle:.0f} s   RSS {rss:6.1f} MB"
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--idle", type=float, default=30.0)
    parser.add_argument("--home", type=Path, help="an existing data folder (a copy)")
    args = parser.parse_args()
    if not shutil.which("tmux") or not Path("/proc/self/stat").exists():
        raise SystemExit("needs tmux and /proc (Linux)")
    as_installed()
    companion = Path(sys.executable).parent / "companion"
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        (workdir / "bare.py").write_text(BARE_APP)
        home = args.home.resolve() if args.home else workdir / "home"
        base_env = {
            "TERM": "xterm-256color",
            "HOME": str(workdir),
            "LANG": "en_US.UTF-8",
            "PATH": os.environ.get("PATH", ""),
        }
        skip_welcome(str(companion), home, base_env, workdir)
        bare = measure(
            "bare",
            [sys.executable, str(workdir / "bare.py")],
            base_env,
            BARE_MARK,
            args.runs,
            args.idle,
            workdir,
        )
        ours = measure(
            "companion",
            [str(companion)],
            {**base_env, "COMPANION_HOME": str(home)},
            HOME_MARK,
            args.runs,
            args.idle,
            workdir,
        )
    print()
    ratio = ours["start_s"] / bare["start_s"]
    print(f"start-up   companion ÷ bare = {ratio:.2f}×   (target ≤ 1.3×)")
    print(f"idle CPU   companion = {ours['idle_cpu_pct']:.2f} % of a core   (target ≤ 0.3 %)")
    print(f"memory     companion ÷ bare = {ours['rss_mb'] / bare['rss_mb']:.2f}×   (target ≤ 1.5×)")


if __name__ == "__main__":
    main()
