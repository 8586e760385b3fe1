"""kill -9 at random moments while writing, many times; prints what survived.

    python tests/benchmarks/bench_kill.py [--trials 500] [--encrypted] [--writer note]

Two writers: "store" (a loop adding entries through the store, killed mid-write) and
"note" (the installed `companion note` command, killed while it saves its note; an
acknowledged note is one whose "Saved" was printed). The suite runs a few dozen of each
(tests/proof/test_kill.py); this runs the big count and prints figures. It never fails:
read the numbers (unreadable and lost must both be 0).
"""

from __future__ import annotations

import argparse
import functools
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.proof.killer import NoteKiller, Trial, kill_trial, prepare_home


def run(writer: str, trials: int, encrypted: bool) -> None:
    rng = random.Random()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        passphrase = prepare_home(home, encrypted, "benchmark passphrase")
        next_trial: Callable[[], Trial] = functools.partial(kill_trial, home, rng, passphrase)
        if writer == "note":
            killer = NoteKiller(home, rng, passphrase)
            killer.calibrate()
            next_trial = killer.trial
        started = time.perf_counter()
        unreadable = lost = acknowledged = killed = failed = 0
        for n in range(1, trials + 1):
            trial = next_trial()
            unreadable += not trial.readable
            lost += trial.lost
            acknowledged += trial.acknowledged
            killed += trial.killed
            if trial.failed:
                failed += 1
                print(f"  a note failed without a kill: {trial.failed}", flush=True)
            if n % 50 == 0:
                print(
                    f"{n:4} {writer} trials: {killed} killed mid-run, {acknowledged} "
                    f"acknowledged, {lost} lost, {unreadable} unreadable",
                    flush=True,
                )
        elapsed = time.perf_counter() - started
    kind = "encrypted" if encrypted else "plain"
    print()
    print(f"{writer}: trials {trials} ({kind}) in {elapsed:.0f} s, {killed} killed mid-run")
    print(f"unreadable files after a kill: {unreadable}   (must be 0)")
    print(f"acknowledged records lost:     {lost} of {acknowledged}   (must be 0)")
    print(f"notes failed without a kill:   {failed}   (must be 0)")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=500)
    parser.add_argument("--encrypted", action="store_true")
    parser.add_argument("--writer", choices=("store", "note", "both"), default="both")
    args = parser.parse_args()
    for writer in ("store", "note") if args.writer == "both" else (args.writer,):
        run(writer, args.trials, args.encrypted)


if __name__ == "__main__":
    main()
