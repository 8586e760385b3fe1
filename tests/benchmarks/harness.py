"""What the benchmark scripts share: commands timed side by side, a terminal in tmux,
memory from /proc, and the table of figures against their goals.

Two tools are timed in turn (A B A B …) after a warm-up of each, so a machine that
speeds up or slows down during the run moves both alike; figures are medians with
their min and max, and a ratio is the median of the pairs' ratios.
"""

from __future__ import annotations

import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


# -- timing commands -------------------------------------------------------------------
@dataclass(frozen=True)
class Command:
    argv: Sequence[str]
    env: Mapping[str, str]


@dataclass
class Runs:
    """Wall seconds and peak memory (KiB) of each counted run, and the last output."""

    wall: list[float] = field(default_factory=list)
    peak_kib: list[int] = field(default_factory=list)
    failures: int = 0
    output: bytes = b""

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    def spread(self) -> str:
        """ "412 ms (398–460)": the median and the range, in milliseconds, and how many
        runs failed if any did (their times are not to be trusted)."""
        text = f"{ms(self.median)} ({min(self.wall) * 1000:.0f}–{max(self.wall) * 1000:.0f})"
        return text + (f", {self.failures} FAILED" if self.failures else "")


def as_installed() -> None:
    """Run every program as an installed one runs: from compiled bytecode. A package
    installed by pip or pipx has its .pyc files; an editable checkout gets them on first
    use, unless PYTHONDONTWRITEBYTECODE is set (some sandboxes set it), and then every
    start compiles companion from source (~150 ms) while jrnl and Textual, installed by
    pip, start from bytecode. That would be a figure of the sandbox, not of companion."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    package = Path(__file__).resolve().parents[2] / "companion"
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)


def run_once(command: Command) -> tuple[float, int, int, bytes]:
    """Wall time, peak RSS (KiB), exit status and standard output of one run."""
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        proc = subprocess.Popen(
            list(command.argv),
            env=dict(command.env),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=errors,
        )
        assert proc.stdout is not None
        output = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            errors.seek(0)
            said = errors.read().decode("utf-8", "replace").strip()[-300:]
            print(f"    ! {Path(command.argv[0]).name} exited {proc.returncode}: {said}")
    return wall, usage.ru_maxrss, proc.returncode, output


def interleave(commands: Mapping[str, Command], runs: int, warmup: int = 1) -> dict[str, Runs]:
    """Each command in turn, ``warmup`` rounds not counted, then ``runs`` counted."""
    results = {name: Runs() for name in commands}
    for round_ in range(warmup + runs):
        for name, command in commands.items():
            wall, peak, status, output = run_once(command)
            if round_ < warmup:
                continue
            result = results[name]
            result.wall.append(wall)
            result.peak_kib.append(peak)
            result.failures += status != 0
            result.output = output
    return results


def pair_ratio(ours: Sequence[float], theirs: Sequence[float]) -> float:
    """The median of the ratios of runs made side by side."""
    return statistics.median(a / b for a, b in zip(ours, theirs, strict=True))


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


# -- a terminal in tmux ---------------------------------------------------------------
class Pane:
    """One 80x24 tmux session running one program; its screen read as text."""

    def __init__(self, workdir: Path, name: str = "bench") -> None:
        self.socket = str(workdir / f"{name}.sock")

    def tmux(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-S", self.socket, *args], capture_output=True, text=True
        ).stdout

    def start(self, argv: Sequence[str], env: Mapping[str, str]) -> float:
        """Start the program; return the moment just before tmux is asked to."""
        # PYTHONDONTWRITEBYTECODE may reach through the tmux server's environment; a
        # real install has .pyc files, so the program must be free to use them.
        command = "exec env -u COLUMNS -u LINES -u PYTHONDONTWRITEBYTECODE " + " ".join(
            [f"{k}={shlex.quote(v)}" for k, v in env.items()] + [shlex.quote(a) for a in argv]
        )
        started = time.perf_counter()
        self.tmux("new-session", "-d", "-s", "b", "-x", "80", "-y", "24", command)
        return started

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "b")

    def wait_for(self, *texts: str, timeout: float = 60) -> float:
        """The moment one of ``texts`` is first seen on the screen."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            screen = self.screen()
            if any(text in screen for text in texts):
                return time.perf_counter()
            time.sleep(0.005)
        raise TimeoutError(f"{texts!r} never appeared; the screen:\n{self.screen()}")

    def send(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "b", *keys)

    def pid(self) -> int:
        return int(self.tmux("display-message", "-p", "-t", "b", "#{pane_pid}").strip())

    def stop(self) -> None:
        """End the program and wait until its process is gone (companion holds a
        one-instance lock until then, and the next run would find it taken)."""
        try:
            pid: int | None = self.pid()
        except ValueError:
            pid = None
        self.tmux("kill-server")
        deadline = time.perf_counter() + 10
        while pid and Path(f"/proc/{pid}").exists() and time.perf_counter() < deadline:
            time.sleep(0.01)


# -- a process seen from /proc -----------------------------------------------------------
def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def memory_mb(pid: int) -> tuple[float, float]:
    """Resident (VmRSS) and proportional (Pss) memory in MB."""
    rss = pss = float("nan")
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            rss = int(line.split()[1]) / 1024
    rollup = Path(f"/proc/{pid}/smaps_rollup")
    if rollup.exists():
        for line in rollup.read_text().splitlines():
            if line.startswith("Pss:"):
                pss = int(line.split()[1]) / 1024
    return rss, pss


def settle(pid: int, quiet: float = 0.5, timeout: float = 60) -> None:
    """Wait until the process has used (almost) no CPU for ``quiet`` seconds."""
    deadline = time.perf_counter() + timeout
    before = cpu_seconds(pid)
    while time.perf_counter() < deadline:
        time.sleep(quiet)
        now = cpu_seconds(pid)
        if now - before < 0.02:
            return
        before = now


# -- a TUI's start -----------------------------------------------------------------------
BARE_MARK = "bare textual ready"
BARE_APP = f"""
from textual.app import App
from textual.widgets import Footer, Header, Static

class Bare(App):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self):
        yield Header()
        yield Static("{BARE_MARK}")
        yield Footer()

Bare().run()
"""


@dataclass(frozen=True)
class Program:
    argv: Sequence[str]
    env: Mapping[str, str]
    ready: str  # text on its first screen


@dataclass
class TuiRuns:
    start: list[float] = field(default_factory=list)  # seconds to the first paint
    rss: list[float] = field(default_factory=list)  # MB once settled
    pss: list[float] = field(default_factory=list)


def paint_in_turn(programs: Mapping[str, Program], runs: int, workdir: Path) -> dict[str, TuiRuns]:
    """Each program in turn in tmux: the time from asking tmux to start it until its
    ``ready`` text is on the screen, then its memory once it has stopped using CPU.
    The first round is not counted (it warms the disk cache)."""
    out = {name: TuiRuns() for name in programs}
    for round_ in range(runs + 1):
        for name, program in programs.items():
            pane = Pane(workdir, name)
            try:
                began = pane.start(program.argv, program.env)
                painted = pane.wait_for(program.ready, timeout=120) - began
                pid = pane.pid()
                settle(pid)
                rss, pss = memory_mb(pid)
            except TimeoutError as error:
                print(f"    ! {name}: {error}")
                continue
            finally:
                pane.stop()
            if round_:
                out[name].start.append(painted)
                out[name].rss.append(rss)
                out[name].pss.append(pss)
    return out


# -- companion in tmux --------------------------------------------------------------------
HOME_MARK, WELCOME_MARK = "Today at a glance", "Welcome"


def skip_welcome(companion: str, home: Path, env: Mapping[str, str], workdir: Path) -> None:
    """A data folder past the first-run welcome (Esc skips it, typed in tmux) and
    without the morning energy station, so companion opens on Home, as it does on
    every other day. Only the installed command and its config file are used."""
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text("[shift]\nroutine = false\n", "utf-8")
    pane = Pane(workdir, "prepare")
    pane.start([companion], {**env, "COMPANION_HOME": str(home)})
    try:
        pane.wait_for(WELCOME_MARK, HOME_MARK)
        if HOME_MARK not in pane.screen():
            pane.send("Escape")
            pane.wait_for(HOME_MARK)
    finally:
        pane.stop()


# -- the table ------------------------------------------------------------------------------
@dataclass
class Row:
    figure: str
    ours: str
    reference: str = ""
    ratio: str = ""
    goal: str = ""
    met: bool | None = None  # None: a figure without a goal, or not measured


def verdict(met: bool | None) -> str:
    return {True: "met", False: "NOT MET", None: ""}[met]


def print_table(rows: Sequence[Row], title: str) -> None:
    heads = ("figure", "companion", "reference", "ratio", "goal", "met?")
    cells = [(r.figure, r.ours, r.reference, r.ratio, r.goal, verdict(r.met)) for r in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(heads)]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    print(f"\n{title}\n")
    print(line.format(*heads))
    print(line.format(*("-" * w for w in widths)))
    for cell in cells:
        print(line.format(*cell))
    missed = sum(r.met is False for r in rows)
    goals = sum(r.met is not None for r in rows)
    print(f"\n{goals - missed} of {goals} goals met.")
