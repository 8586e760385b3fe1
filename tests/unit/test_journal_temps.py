"""Temp files a killed writer left in the journal's folder are removed before a part is
read, and the folder is listed once for all the parts a search opens, not once each."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest

from companion.store import journal_files
from companion.store.schema import Entry
from companion.store.stores import open_stores
from companion.system.clock import FakeClock
from companion.system.paths import resolve_paths


def months_of_entries(home: Path, clock: FakeClock, months: int = 6) -> None:
    stores = open_stores(resolve_paths(home), clock)
    now = clock.now()
    stores.entries.add_many(
        Entry(id=str(n), created_at=when, updated_at=when, kind="free", text=f"day {n}")
        for n, when in enumerate(now - timedelta(days=31 * m) for m in range(months))
    )
    open_stores(resolve_paths(home), clock)  # backs up the parts written
    clock.advance(days=1)  # the next day: opening the journal reads no part


def test_parts_opened_together_list_the_folder_once(
    home: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    months_of_entries(home, clock)
    folder = resolve_paths(home).data_dir / "journal"
    listings: list[Path] = []
    real = os.scandir
    monkeypatch.setattr(os, "scandir", lambda where: listings.append(Path(where)) or real(where))
    stores = open_stores(resolve_paths(home), clock)
    assert stores.journal._opened == set()
    assert len(stores.entries.all()) == 6  # every segment opened and read now
    assert len(stores.journal.segment_names()) == 6
    sweeps = [where for where in listings if where == folder]
    assert len(sweeps) == 2  # at the journal's open, none per part (12 more before)


def test_a_temp_file_left_after_the_open_is_removed_when_a_part_opens(
    home: Path, clock: FakeClock
) -> None:
    months_of_entries(home, clock)
    stores = open_stores(resolve_paths(home), clock)
    folder = stores.journal.folder
    name = stores.journal.segment_names()[-1]
    left = folder / f".{name}.db.abc123.tmp"  # a writer killed after the journal opened
    left.write_bytes(b'{"half": "a plain copy')
    assert stores.entries.segment_docs(name)
    assert not left.exists()


def test_the_folders_mark_is_trusted_for_a_while_only(home: Path, clock: FakeClock) -> None:
    months_of_entries(home, clock)
    folder = open_stores(resolve_paths(home), clock).journal.folder
    now = [100.0]
    sweep = journal_files.TempSweep(folder, monotonic=lambda: now[0])
    assert sweep.needed()  # never swept
    sweep.sweep()
    assert not sweep.needed()
    now[0] += sweep.TRUST - 1
    assert not sweep.needed()
    now[0] += 2
    assert sweep.needed()
