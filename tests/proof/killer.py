"""Shared by the kill -9 tests and their benchmark: writers to kill, and the check.

Two writers are killed: a store-level loop that is always in the middle of a write, and
the real installed ``companion note`` command, killed while it checks and saves a note.
"""

from __future__ import annotations

import fcntl
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from companion.store import encryption
from companion.store.stores import Stores, open_stores
from companion.system.clock import SystemClock
from companion.system.paths import resolve_paths

PASSPHRASE = "long enough 123"

# Adds entries forever through the real store; prints an id only once its write returned
# (durable on disk), so every printed id is an acknowledged record.
WRITER = """
import sys
from pathlib import Path
from companion.system.clock import SystemClock
from companion.system.paths import resolve_paths
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
    acknowledged: int  # records the writer said were saved in this trial
    found: int  # entries in the journal afterwards
    lost: int  # acknowledged records (this trial's or earlier ones) missing
    readable: bool  # both stores open with no problem (nothing to set aside)
    killed: bool = True  # the kill landed while the writer was still running
    failed: str = ""  # a note that neither saved nor was killed: what it said


def prepare_home(home: Path, encrypted: bool, passphrase: str = PASSPHRASE) -> str:
    """A home with one entry, its journal encrypted if asked; the passphrase or ""."""
    stores = open_stores(resolve_paths(home), SystemClock())
    stores.entries.add(kind="free", text="first")
    if not encrypted:
        return ""
    encryption.encrypt(stores.journal, passphrase)
    return passphrase


def reopen(home: Path, passphrase: str) -> tuple[bool, Stores]:
    """Open both stores as the app would after the crash: (readable, stores)."""
    stores = open_stores(resolve_paths(home), SystemClock(), passphrase=passphrase or None)
    return not stores.problems, stores


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
    readable, stores = reopen(home, passphrase)
    ids = {e.id for e in stores.entries.all()} if readable else set()
    lost = [i for i in acknowledged if i not in ids]
    return Trial(len(acknowledged), len(ids), len(lost), readable)


def companion_command() -> list[str]:
    """The console script pip installed beside this Python, else the module."""
    script = Path(sys.executable).parent / "companion"
    return [str(script)] if script.exists() else [sys.executable, "-m", "companion"]


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _smallest_pipe(fd: int) -> int:
    """Shrink the pipe to one page where the OS allows it (Linux); its size in bytes."""
    set_size = getattr(fcntl, "F_SETPIPE_SZ", None)
    if set_size is None:
        return 0
    try:
        return fcntl.fcntl(fd, set_size, 4096)
    except OSError:
        return 0


class NoteKiller:
    """Runs the installed ``companion note`` again and again on one home (its text from
    stdin, COMPANION_PASSPHRASE for an encrypted journal) and kills it with SIGKILL at
    a random moment while it checks and saves the note. A note is acknowledged when
    "Saved" was printed; every acknowledged note must survive every later kill.
    """

    def __init__(self, home: Path, rng: random.Random, passphrase: str = "") -> None:
        self.home, self.rng, self.passphrase = home, rng, passphrase
        self.env = {**os.environ, "COMPANION_HOME": str(home), "LANG": "en_US.UTF-8"}
        self.env.pop("COMPANION_PASSPHRASE", None)
        if passphrase:
            self.env["COMPANION_PASSPHRASE"] = passphrase
        self.saved: list[str] = []  # markers of the acknowledged notes
        self.span = 0.0  # the last note's time from the text's end to its exit
        self.spans: list[float] = []  # those of the notes that were not killed
        self.count = 0

    def calibrate(self, runs: int = 2) -> list[Trial]:
        """Unkilled notes, timed: kills then fall anywhere in the same span."""
        return [self.note(kill_after=None) for _ in range(runs)]

    @property
    def window(self) -> float:
        """Where kills fall: twice the median time of the notes that finished. A note
        leaves as soon as it has said "Saved" (cli.run), and one after a kill first
        cleans up what the killed one left: the notes that finished so far say how long
        one takes now, so about half the kills land while it works."""
        done = sorted(self.spans)
        return 2 * done[len(done) // 2]

    def trial(self) -> Trial:
        return self.note(kill_after=self.rng.uniform(0.0, self.window))

    def note(self, kill_after: float | None) -> Trial:
        self.count += 1
        marker = f"note-{self.count}"
        read, write = os.pipe()
        proc = subprocess.Popen(
            [*companion_command(), "note"],
            stdin=read,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=self.env,
        )
        os.close(read)
        try:
            self._hand_over(write, marker)
        except BrokenPipeError:  # it stopped before reading its text: a failure below
            pass
        finally:
            os.close(write)
        handed = time.monotonic()
        if kill_after is not None:
            time.sleep(kill_after)  # a random moment while the note is being saved
            proc.kill()  # SIGKILL, unless it has already exited
        out, err = proc.communicate(timeout=120)
        self.span = time.monotonic() - handed
        killed = proc.returncode == -signal.SIGKILL
        if not killed:
            self.spans.append(self.span)
        saved = b"Saved" in out
        if saved:
            self.saved.append(marker)
        failed = "" if saved or killed else f"exit {proc.returncode}: {err.decode()[-500:]}"
        return self._check(int(saved), killed, failed)

    def _hand_over(self, fd: int, marker: str) -> None:
        """Write the note's text so that the last write returns only once the command
        reads its stdin (past start-up and opening the stores; the pipe holds one page,
        so the tail waits for room), then close: from here on it saves the note."""
        size = _smallest_pipe(fd)
        text = f"{marker} written by the kill test; 客服 " * (size // 40 + 4)
        data = text.encode()
        _write_all(fd, data[:size])  # fills the empty pipe without waiting
        _write_all(fd, data[size:])

    def _check(self, acknowledged: int, killed: bool, failed: str) -> Trial:
        readable, stores = reopen(self.home, self.passphrase)
        texts = [e.text for e in stores.entries.all()] if readable else []
        markers = {text.split(" ", 1)[0] for text in texts}
        lost = [m for m in self.saved if m not in markers]
        return Trial(acknowledged, len(texts), len(lost), readable, killed, failed)
