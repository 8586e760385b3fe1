"""kill -9 at random moments while the store and the real ``companion note`` command are
writing: no unreadable file, and no record that was acknowledged as saved is ever lost.
(tests/benchmarks/bench_kill.py runs 500 of each.)"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.proof.killer import NoteKiller, Trial, kill_trial, prepare_home

pytestmark = pytest.mark.slow

KINDS = pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])


def assert_nothing_lost(trials: list[Trial], home: Path) -> None:
    assert [t.failed for t in trials if t.failed] == []
    assert all(t.readable for t in trials)  # each store opened with nothing set aside
    assert sum(t.lost for t in trials) == 0
    found = (home / "data").rglob("*")
    leftovers = [p.name for p in found if p.name.endswith((".tmp", ".pending"))]
    assert leftovers == []  # a killed writer's temp file is cleaned at the next open
    assert not (home / "data" / "journal" / "commit.json").exists()  # no change half made


@KINDS
def test_kill_9_of_the_store_never_loses_an_acknowledged_record(
    tmp_path: Path, encrypted: bool
) -> None:
    home = tmp_path / "home"
    passphrase = prepare_home(home, encrypted)
    rng = random.Random(20261123)
    trials = [kill_trial(home, rng, passphrase) for _ in range(15)]
    assert_nothing_lost(trials, home)
    assert sum(t.acknowledged for t in trials) > 15  # writes were really under way


@KINDS
def test_kill_9_of_companion_note_never_loses_a_saved_note(tmp_path: Path, encrypted: bool) -> None:
    home = tmp_path / "home"
    passphrase = prepare_home(home, encrypted)
    killer = NoteKiller(home, random.Random(8), passphrase)
    trials = killer.calibrate()
    trials += [killer.trial() for _ in range(25)]
    assert_nothing_lost(trials, home)
    # Both outcomes really happened: notes killed before they could finish, and notes
    # saved (then checked again after every later kill).
    assert sum(t.killed for t in trials) >= 5
    assert len(killer.saved) >= 5
