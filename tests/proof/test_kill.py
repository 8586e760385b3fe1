"""kill -9 at random moments while the store is writing: no unreadable file, and no
record that was acknowledged as saved is ever lost. (The benchmark script runs 500.)"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from companion.clock import SystemClock
from companion.paths import resolve_paths
from companion.store import encryption
from companion.store.stores import open_stores
from tests.proof.killer import kill_trial

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("encrypted", [False, True], ids=["plain", "encrypted"])
def test_kill_9_never_loses_an_acknowledged_record(tmp_path: Path, encrypted: bool) -> None:
    home = tmp_path / "home"
    passphrase = ""
    if encrypted:
        passphrase = "long enough 123"
        stores = open_stores(resolve_paths(home), SystemClock())
        stores.entries.add(kind="free", text="first")
        encryption.encrypt(stores.journal, passphrase)
    rng = random.Random(20261123)
    trials = [kill_trial(home, rng, passphrase) for _ in range(25)]
    assert all(t.readable for t in trials)
    assert sum(t.lost for t in trials) == 0
    assert sum(t.acknowledged for t in trials) > 25  # writes were really under way
    leftovers = [p.name for p in (home / "data").iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []  # a killed writer's temp file is cleaned at the next open
