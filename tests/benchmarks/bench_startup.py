"""Start-up time, idle CPU and memory: companion against a bare Textual app.

Both run in tmux at 80x24 in the same run, so the machine's speed cancels out.
Prints figures and ratios (companion ÷ bare); never fails.

    python tests/benchmarks/bench_startup.py [--runs 5] [--idle 30]

Targets (issue 3): start ≤ 1.3×, idle CPU ≤ 0.3 % of a core, RSS ≤ 1.5×.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

BARE_APP = textwrap.dedent("""
    from textual.app import App
    from textual.widgets import Footer, Header, Static

    class Bare(App):
        BINDINGS = [("q", "quit", "Quit")]

        def compose(self):
            yield Header()
            yield Static("bare textual ready")
            yield Footer()

    Bare().run()
""")

TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


class Pane:
    def __init__(self, workdir: Path) -> None:
        self.socket = str(workdir / "bench.sock")

    def tmux(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-S", self.socket, *args], capture_output=True, text=True
        ).stdout

    def start(self, argv: list[str], env: dict[str, str]) -> float:
        command = "exec env -u COLUMNS -u LINES " + " ".join(
            [f"{k}={shlex.quote(v)}" for k, v in env.items()] + [shlex.quote(a) for a in argv]
        )
        started = time.perf_counter()
        self.tmux("new-session", "-d", "-s", "b", "-x", "80", "-y", "24", command)
        return started

    def wait_for(self, text: str, timeout: float = 30) -> float:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if text in self.tmux("capture-pane", "-p", "-t", "b"):
                return time.perf_counter()
            time.sleep(0.005)
        raise SystemExit(f"{text!r} never appeared")

    def pid(self) -> int:
        return int(self.tmux("display-message", "-p", "-t", "b", "#{pane_pid}").strip())

    def stop(self) -> None:
        """End the app and wait until its process is gone (companion holds a
        one-instance lock until then, and the next run would find it taken)."""
        try:
            pid = self.pid()
        except ValueError:
            pid = None
        self.tmux("kill-server")
        deadline = time.perf_counter() + 10
        while pid and Path(f"/proc/{pid}").exists() and time.perf_counter() < deadline:
            time.sleep(0.01)


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


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
    rss = rss_mb(pid)
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


def prepare_home(home: Path) -> None:
    """A companion home past the first-run welcome (and without the shift routine's
    morning offer), so Home is what appears."""
    from companion.store.stores import open_stores
    from companion.system.clock import SystemClock
    from companion.system.paths import resolve_paths

    open_stores(resolve_paths(home), SystemClock()).state.set("welcome_done", True)
    (home / "config.toml").write_text("[shift]\nroutine = false\n", "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--idle", type=float, default=30.0)
    args = parser.parse_args()
    if not shutil.which("tmux") or not Path("/proc/self/stat").exists():
        raise SystemExit("needs tmux and /proc (Linux)")
    companion = Path(sys.executable).parent / "companion"
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        (workdir / "bare.py").write_text(BARE_APP)
        home = workdir / "home"
        prepare_home(home)
        base_env = {
            "TERM": "xterm-256color",
            "HOME": str(workdir),
            "LANG": "en_US.UTF-8",
            "PATH": os.environ.get("PATH", ""),
        }
        bare = measure(
            "bare",
            [sys.executable, str(workdir / "bare.py")],
            base_env,
            "bare textual ready",
            args.runs,
            args.idle,
            workdir,
        )
        ours = measure(
            "companion",
            [str(companion)],
            {**base_env, "COMPANION_HOME": str(home)},
            "Today at a glance",
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
