"""The real ``companion`` against what someone else left in the journal's folder: links
in place of its caches or its months, files named for months no calendar has, named
pipes, cache headers that overflow or nest 100,000 deep. Nothing outside the folder is
written, nothing hangs, no traceback: the caches are made again, a month that cannot be
read is named."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from companion.store import search_file
from companion.store.backup import backup_daily, backup_path
from companion.store.search_cache import INDEX
from companion.store.stores import open_stores
from companion.system.clock import FakeClock
from companion.system.paths import resolve_paths
from tests.layout import journal_dir, segment
from tests.unit.test_passphrase_cli import companion


@pytest.fixture
def two_months(home: Path, clock: FakeClock) -> Path:
    """A flamingo in November and one in December: the journal's folder."""
    stores = open_stores(resolve_paths(home), clock)
    stores.entries.add(kind="free", text="a flamingo in November")
    clock.advance(days=10)
    stores.entries.add(kind="free", text="a flamingo in December")
    return journal_dir(home)


def found(home: Path) -> list[str]:
    """The lines `companion find flamingo` lists; it must succeed and say no more."""
    done = companion(home, "find", "flamingo", COMPANION_LANG="en")
    assert done.returncode == 0 and done.stderr == "", done.stderr
    return sorted(line for line in done.stdout.splitlines() if "flamingo" in line)


BOTH = ["a flamingo in December", "a flamingo in November"]


def listed(home: Path) -> list[str]:
    return sorted(line.split("  ")[-1] for line in found(home))


@pytest.mark.parametrize("cache", ["search", "index"])
def test_a_link_in_place_of_a_cache_is_replaced_and_what_it_points_to_is_left_alone(
    home: Path, two_months: Path, tmp_path: Path, cache: str
) -> None:
    """A read-only command once wrote its cache into whatever a link there pointed to."""
    decoy = tmp_path / "precious.txt"
    decoy.write_text("someone else's file\n")
    link = search_file.search_path(segment(home)) if cache == "search" else two_months / INDEX
    link.unlink()
    link.symlink_to(decoy)
    assert listed(home) == BOTH
    note = companion(home, "note", "a heron today", COMPANION_LANG="en")  # writes the index
    assert note.returncode == 0, note.stderr
    assert decoy.read_text() == "someone else's file\n"
    assert not link.is_symlink() and link.is_file()  # the cache, made again in its place
    assert listed(home) == BOTH  # and read from there


def test_a_backup_is_never_written_where_a_link_left_in_its_place_points(
    home: Path, two_months: Path, tmp_path: Path
) -> None:
    store = segment(home)
    target = backup_path(store, tmp_path / "backups", date(2026, 12, 4))
    target.parent.mkdir()
    elsewhere = tmp_path / "elsewhere.db"
    target.symlink_to(elsewhere)  # dangling: "no backup of today" by its name
    assert backup_daily(store, target.parent, date(2026, 12, 4)) == target
    assert not elsewhere.exists()
    assert not target.is_symlink() and target.read_bytes() == store.read_bytes()
