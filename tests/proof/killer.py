"""Shared by the kill -9 test and its benchmark: a writer to kill, and the check."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

# Adds entries forever through the real store; prints an id only once its write returned
# (durable on disk), so every printed id is an acknowledged record.
WRITER = """
import sys
from pathlib import Path
from companion.clock import SystemClock
from companion.paths import resolve_paths
from companion.store.stores import open_stores

home, passphrase = Path(sys.argv[1]), (sys.argv[2] or None)
stores = open_stores(resolve_paths(home), SystemClock(), passphrase=passphrase)
print("ready", flush=True)
n = 0
while True:
    entry = stores.entries.add(kind="free", text=f"record {n} " + "客服" * (n % 50))
    print(entry.id, flush=True)
    n += 1
"""


@dataclass
class Trial:
    acknowledged: int
    found: int
    lost: int
    readable: bool


def kill_trial(home: Path, rng: random.Random, passphrase: str = "") -> Trial:
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(home), passphrase], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    time.sleep(rng.uniform(0.0, 0.15))  # a random moment in the middle of writing
    os.kill(proc.pid, signal.SIGKILL)
    acknowledged = [line.strip() for line in proc.stdout if line.strip()]
    proc.wait()
    from companion.clock import SystemClock
    from companion.paths import resolve_paths
    from companion.store.stores import open_stores

    stores = open_stores(resolve_paths(home), SystemClock(), passphrase=passphrase or None)
    readable = not stores.problems
    ids = {e.id for e in stores.entries.all()} if readable else set()
    lost = [i for i in acknowledged if i not in ids]
    return Trial(len(acknowledged), len(ids), len(lost), readable)
