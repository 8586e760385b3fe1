"""The journal at 1,000, 25,000 and 100,000 entries: companion against jrnl 4.x and a
bare Textual app, every figure printed next to its goal (issue 17).

For each size a realistic journal (corpus.py: English and Chinese, Zipf-distributed
words, lengths from a line to a page, six years of dates, ~5 % of entries tagged) is
imported into jrnl with ``jrnl --import`` and, from jrnl's own JSON export, into
companion with ``companion import``, so both hold the same text. jrnl 4.x is installed
into a temporary venv. Every backup is then renamed a day older (``age_backups``), so
the commands run as on any day after the journal was written, not on the day of its
import. Then, the two tools always in turn (A B A B …, medians):

- ``companion note`` against ``jrnl`` adding an entry, plain and with the journal
  encrypted after a week of daily backups (``companion passphrase set``; six older
  backups are copies of today's, renamed to the six days before, as the store names
  them, since the store has no clock to fake from outside);
- ``companion find flamingo`` against ``jrnl -contains flamingo``;
- the TUI in tmux: start to first paint against a bare Textual app (empty data folder
  and each size), and memory on Home once it has settled;
- inside the app (tui_probe.py, Pilot): keystroke to search results, how long an
  autosave blocks the UI, a ``companion note`` appearing in the open journal, and
  unlocking the encrypted journal.

Prints figures and never fails (a missing jrnl or tmux is reported and skipped).

    python tests/benchmarks/bench_journal.py [--quick] [--sizes 1000,25000] [--runs 5]
        [--start-runs 9] [--workdir DIR]   (keeps the journals, e.g. to time a command against them)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from corpus import RARE, build_jrnl_journal, install_jrnl, write_export, write_jrnl_text
from harness import (
    BARE_APP,
    BARE_MARK,
    HOME_MARK,
    Command,
    Program,
    Runs,
    TuiRuns,
    as_installed,
    interleave,
    paint_in_turn,
    print_table,
    skip_welcome,
)
from journal_goals import SizeFigures, rows

HERE = Path(__file__).resolve().parent
SIZES = (1_000, 25_000, 100_000)
PASSPHRASE = "benchmarkpassphrase17"


@dataclass
class Bench:
    work: Path
    companion: str
    runs: int
    jrnl: Path | None
    start_runs: int  # TUI starts of each: a start is short and moves by a third run to run

    def env(self, home: Path, **extra: str) -> dict[str, str]:
        return {**os.environ, "COMPANION_HOME": str(home), "LANG": "en_US.UTF-8", **extra}

    @property
    def jrnl_env(self) -> dict[str, str]:
        return {**os.environ, "HOME": str(self.work), "XDG_CONFIG_HOME": str(self.work / "cfg")}

    def tty_env(self, home: Path | None) -> dict[str, str]:
        env = {"TERM": "xterm-256color", "HOME": str(self.work), "LANG": "en_US.UTF-8"}
        env["PATH"] = os.environ.get("PATH", "")
        return {**env, "COMPANION_HOME": str(home)} if home else env


# -- making the journals ---------------------------------------------------------------
def prepare_home(bench: Bench, home: Path) -> None:
    skip_welcome(bench.companion, home, bench.tty_env(home), bench.work)


def dated_earlier(backup: Path, days: int) -> Path:
    """The name the store gives the same file's backup ``days`` earlier
    (<stem>-YYYY-MM-DD<suffix>)."""
    stem, day = backup.stem[:-11], date.fromisoformat(backup.stem[-10:])
    return backup.with_name(f"{stem}-{day - timedelta(days=days)}{backup.suffix}")


def age_backups(home: Path) -> None:
    """Every backup a day older, as on any day after the journal was written: the months
    not written today have no copy of today, so each command asks which of them changed
    since their last one. (Measured on the day of the import, every month had today's
    copy and that question was never asked: 18 ms of each command at 25k went unseen.)
    Renamed oldest first, so no name is taken twice; their times stay."""
    dated = [p for p in (home / "backups").rglob("*-????-??-??.*") if p.is_file()]
    for path in sorted(dated, key=lambda p: p.stem[-10:]):
        path.rename(dated_earlier(path, 1))


def build_size(bench: Bench, count: int) -> dict[str, Path]:
    folder = bench.work / f"n{count}"
    folder.mkdir()
    text = folder / "corpus.txt"
    started = time.perf_counter()
    entries = write_jrnl_text(count, text, datetime.now())
    made = {"text": text, "home": folder / "home", "export": folder / "export.json"}
    if bench.jrnl:
        config, export = build_jrnl_journal(bench.jrnl, folder / "jrnl", text, bench.jrnl_env)
        made |= {"jrnl_config": config, "export": export}
    else:
        write_export(entries, made["export"])  # the same shape, written without jrnl
    del entries
    subprocess.run(
        [bench.companion, "import", str(made["export"])],
        env=bench.env(made["home"]),
        check=True,
        capture_output=True,
    )
    prepare_home(bench, made["home"])
    age_backups(made["home"])
    size = sum(p.stat().st_size for p in (made["home"] / "data").rglob("*") if p.is_file())
    took = time.perf_counter() - started
    print(
        f"  {count:,} entries: text {text.stat().st_size / 1e6:.1f} MB, companion's data "
        f"{size / 1e6:.1f} MB, built in {took:.0f} s"
    )
    return made


def encrypted_copy(bench: Bench, home: Path, target: Path) -> None:
    """The journal encrypted, then a week of daily backups: today's, copied to the six
    days before under the names the store gives its backups (<stem>-YYYY-MM-DD<suffix>),
    then all a day older (``age_backups``): the week before today."""
    shutil.copytree(home, target)
    shutil.rmtree(target / "backups", ignore_errors=True)
    env = bench.env(target, COMPANION_NEW_PASSPHRASE=PASSPHRASE, COMPANION_PASSPHRASE=PASSPHRASE)
    for argv in (["passphrase", "set"], ["find", "-n", "1", "nothing-at-all"]):
        subprocess.run(
            [bench.companion, *argv],
            env=env,
            check=True,
            capture_output=True,
            stdin=subprocess.DEVNULL,
        )
    made = 0
    for today in sorted((target / "backups").rglob("*-????-??-??.*")):  # each file's
        for back in range(1, 7):
            shutil.copy2(today, dated_earlier(today, back))
            made += 1
    if not made:
        print("    ! no backup named <stem>-YYYY-MM-DD<suffix> found to copy: 0 backups")
    age_backups(target)


# -- measuring -------------------------------------------------------------------------
def against_jrnl(bench: Bench, ours: dict[str, Command], theirs: list[str]) -> dict:
    """companion's commands and jrnl's, all in turn; jrnl's runs are under "jrnl"."""
    commands = dict(ours)
    if bench.jrnl:
        commands["jrnl"] = Command([str(bench.jrnl), *theirs], bench.jrnl_env)
    return interleave(commands, bench.runs)


def tui_start(bench: Bench, home: Path | None) -> dict[str, TuiRuns]:
    """A bare Textual app and companion in turn, each to its first paint, then left to
    settle for the memory figure."""
    bare_app = bench.work / "bare.py"
    bare_app.write_text(BARE_APP, "utf-8")
    programs = {
        "bare": Program([sys.executable, str(bare_app)], bench.tty_env(None), BARE_MARK),
        "companion": Program([bench.companion], bench.tty_env(home), HOME_MARK),
    }
    return paint_in_turn(programs, bench.start_runs, bench.work)


def probe(bench: Bench, home: Path, what: str, export: Path | None = None) -> dict:
    argv = [
        sys.executable,
        str(HERE / "tui_probe.py"),
        "--home",
        str(home),
        "--probe",
        what,
        "--runs",
        str(bench.runs),
        "--passphrase",
        PASSPHRASE,
        "--companion",
        bench.companion,
    ]
    if export:
        argv += ["--export", str(export)]
    done = subprocess.run(argv, capture_output=True, text=True, env=bench.env(home), timeout=1800)
    for line in reversed(done.stdout.splitlines()):
        if line.startswith("PROBE "):
            found = json.loads(line.removeprefix("PROBE "))
            for part in (found, *(v for v in found.values() if isinstance(v, dict))):
                if "error" in part:
                    print(f"    ! probe {what}: {part['error']}")
            return found
    print(f"    ! probe {what} printed nothing: {done.stderr.strip()[-400:]}")
    return {}


def measure_size(bench: Bench, count: int, made: dict[str, Path]) -> SizeFigures:
    home, export = made["home"], made["export"]
    config = ["--config-file", str(made.get("jrnl_config"))]
    secret = made["home"].with_name("encrypted-home")
    encrypted_copy(bench, home, secret)
    print(f"  {count:,}: note, plain and encrypted (a week of backups), vs jrnl add")
    text = "one more refund, then lunch"
    secret_env = bench.env(secret, COMPANION_PASSPHRASE=PASSPHRASE)
    notes = against_jrnl(
        bench,
        {
            "plain": Command([bench.companion, "note", text], bench.env(home)),
            "encrypted": Command([bench.companion, "note", text], secret_env),
        },
        [*config, text],
    )
    print(f"  {count:,}: find vs jrnl -contains")
    finds = against_jrnl(
        bench,
        {"plain": Command([bench.companion, "find", RARE], bench.env(home))},
        [*config, "-contains", RARE],
    )
    said = finds["plain"].output.decode("utf-8", "replace").strip().splitlines()
    jrnl_said = finds["jrnl"].output.decode("utf-8", "replace") if "jrnl" in finds else ""
    jrnl_found = len(re.findall(r"^\d{4}-\d\d-\d\d \d\d:\d\d ", jrnl_said, re.MULTILINE))
    print(f"    companion: {said[-1] if said else '?'} jrnl: {jrnl_found} entries listed")
    print(f"  {count:,}: TUI start and memory")
    start = tui_start(bench, home)
    print(f"  {count:,}: inside the app (search, a note from the shell, autosave)")
    copy = made["home"].with_name("probe-home")
    shutil.copytree(home, copy)
    # The copy's files are new (new inodes): its first use checks each search file
    # against its segment's bytes and labels it anew. A find does that here, so the probe
    # times the journal as the person has it, not the first minute after a copy.
    subprocess.run([bench.companion, "find", RARE], env=bench.env(copy), capture_output=True)
    inside = probe(bench, copy, "search,note,autosave", export)
    shutil.rmtree(copy)
    print(f"  {count:,}: unlocking the encrypted journal in the app")
    unlocks = [probe(bench, secret, "unlock") for _ in range(bench.runs)]
    shutil.rmtree(secret)
    return SizeFigures(count, start, notes, finds, inside, unlocks)


def note_by_size(bench: Bench, homes: dict[int, Path]) -> dict[str, Runs]:
    """``companion note`` at every size, in turn, for the "same cost at any size" goal."""
    commands = {
        str(count): Command([bench.companion, "note", "and one more"], bench.env(home))
        for count, home in homes.items()
    }
    return interleave(commands, bench.runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1k and 25k only")
    parser.add_argument("--sizes", help="comma-separated entry counts (default 1k,25k,100k)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--start-runs", type=int, default=9, help="TUI starts of each, in turn (default 9)"
    )
    parser.add_argument(
        "--workdir", help="an empty folder to work in and keep (default: a temporary one)"
    )
    options = parser.parse_args()
    sizes = [int(s) for s in options.sizes.split(",")] if options.sizes else list(SIZES)
    if options.quick:
        sizes = [s for s in sizes if s <= 25_000]
    if not shutil.which("tmux") or not Path("/proc/self/status").exists():
        raise SystemExit("needs tmux and /proc (Linux)")
    as_installed()
    began, load_before = time.perf_counter(), os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="bench-journal-") as tmp:
        work = Path(options.workdir or tmp)
        work.mkdir(parents=True, exist_ok=True)
        print("Installing jrnl 4.x in a temporary venv…")
        companion = str(Path(sys.executable).parent / "companion")
        bench = Bench(work, companion, options.runs, install_jrnl(work), options.start_runs)
        print("Empty data folder: TUI start")
        try:
            prepare_home(bench, work / "empty-home")
            empty = tui_start(bench, work / "empty-home")
        except TimeoutError as error:
            print(f"  ! the app did not reach Home: {error}")
            empty = {"companion": TuiRuns(), "bare": TuiRuns()}
        figures, homes = [], {}
        for count in sizes:
            print(f"Building {count:,} entries…")
            try:
                made = build_size(bench, count)
                figures.append(measure_size(bench, count, made))
            except (subprocess.SubprocessError, OSError, TimeoutError) as error:
                print(f"  ! {count:,} entries could not be measured: {error}")  # and go on
                continue
            homes[count] = made["home"]
        print("companion note at every size, in turn")
        by_size = note_by_size(bench, homes)
    minutes = (time.perf_counter() - began) / 60
    print_table(
        rows(empty, figures, by_size),
        f"Figures: {os.cpu_count()} cores, load average {load_before:.1f} at the start and "
        f"{os.getloadavg()[0]:.1f} at the end, {date.today()}, {options.runs} runs of each "
        f"({options.start_runs} TUI starts), took {minutes:.0f} min",
    )


if __name__ == "__main__":
    main()
