"""kill -9 at random moments while the store writes, many times; prints what survived.

    python tests/benchmarks/bench_kill.py [--trials 500] [--encrypted]

The suite runs 50 of these (tests/proof/test_kill.py); this runs the big count and
prints figures. It never fails: read the numbers (both must be 0).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.proof.killer import kill_trial


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=500)
    parser.add_argument("--encrypted", action="store_true")
    args = parser.parse_args()
    rng = random.Random()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        passphrase = ""
        if args.encrypted:
            from companion.clock import SystemClock
            from companion.paths import resolve_paths
            from companion.store import encryption
            from companion.store.stores import open_stores

            passphrase = "benchmark passphrase"
            stores = open_stores(resolve_paths(home), SystemClock())
            stores.entries.add(kind="free", text="first")
            encryption.encrypt(stores.journal, passphrase)
        started = time.perf_counter()
        unreadable = lost = acknowledged = 0
        for n in range(1, args.trials + 1):
            trial = kill_trial(home, rng, passphrase)
            unreadable += not trial.readable
            lost += trial.lost
            acknowledged += trial.acknowledged
            if n % 50 == 0:
                print(
                    f"{n:4} trials: {acknowledged} acknowledged, {lost} lost, "
                    f"{unreadable} unreadable",
                    flush=True,
                )
        elapsed = time.perf_counter() - started
    print()
    print(f"trials {args.trials} ({'encrypted' if args.encrypted else 'plain'}) in {elapsed:.0f} s")
    print(f"unreadable files after a kill: {unreadable}   (must be 0)")
    print(f"acknowledged records lost:     {lost} of {acknowledged}   (must be 0)")


if __name__ == "__main__":
    main()
