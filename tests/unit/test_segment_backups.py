"""The journal's months are copied on the days they changed: a month long past is copied
once, not every day, and finding out which changed costs one listing of the backups for
all of them (every command opens the journal, and a journal kept for years has a
segment a month)."""

from __future__ import annotations

import os
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import companion.store.backup as backup
from companion.store.backup import list_backups, newest_backups
from companion.store.schema import Entry
from companion.store.stores import open_stores
from companion.system.clock import FakeClock
from companion.system.paths import resolve_paths
from tests.layout import MONTH, part_backups


def write_months(home: Path, clock: FakeClock, months: int) -> None:
    """One entry in each of the last ``months`` months, this one included."""
    stores = open_stores(resolve_paths(home), clock)
    now = clock.now()
    stores.entries.add_many(
        Entry(id=f"e{n}", created_at=at, updated_at=at, kind="free", text=f"chat {n}")
        for n, at in enumerate(now - timedelta(days=31 * back) for back in range(months))
    )
    stores.close()


def backed_up_on(home: Path, day: date) -> list[str]:
    return sorted(p.name for p in part_backups(home) if day.isoformat() in p.name)


def test_a_month_long_past_is_copied_once_a_changed_one_again(home: Path, clock: FakeClock) -> None:
    write_months(home, clock, 3)
    first = clock.now().date()
    open_stores(resolve_paths(home), clock).close()
    assert len(backed_up_on(home, first)) == 3  # each month, the day it was written

    clock.advance(days=1)
    open_stores(resolve_paths(home), clock).close()
    assert backed_up_on(home, first + timedelta(days=1)) == []  # nothing changed

    stores = open_stores(resolve_paths(home), clock)
    stores.entries.add(kind="free", text="one more chat")
    stores.close()
    clock.advance(days=1)
    open_stores(resolve_paths(home), clock).close()
    month = clock.now().strftime("%Y-%m")
    changed = backed_up_on(home, first + timedelta(days=2))
    assert changed == [f"entries-{month}-{(first + timedelta(days=2)).isoformat()}.db"]


def test_the_backups_are_listed_once_for_every_month(
    home: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_months(home, clock, 24)
    open_stores(resolve_paths(home), clock).close()
    clock.advance(days=1)  # a later day: no month has today's copy
    listed: list[str] = []
    real = os.listdir

    def counting(folder):  # type: ignore[no-untyped-def]
        listed.append(str(folder))
        return real(folder)

    monkeypatch.setattr(backup.os, "listdir", counting)  # (os itself: count one folder)
    open_stores(resolve_paths(home), clock).close()
    opened = list(listed)
    assert len(part_backups(home)) == 24  # none copied again
    assert opened.count(str(home / "backups" / "journal")) == 1, opened  # not one a month


@pytest.mark.parametrize(
    "name",
    [
        "entries-2026-11-2026-12-0.db",  # too short
        "entries-2026-11-2026-13-45.db",  # no such day
        "entries-2026-11-2026_12_03.db",
        "entries-2026-11-２０２６-12-03.db",  # digits, but not ASCII ones
        "entries-2026-11-2026-12-03.db.tmp-x",
        "entries-2026-11-20261203xx.db",
        "entries-2026-11.db",
        "-2026-12-03.db",
        "notes.txt",
    ],
)
def test_foreign_names_in_the_backups_are_not_backups(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(b"{}")
    assert list_backups(tmp_path / "entries-2026-11.db", tmp_path) == []
    assert newest_backups(tmp_path, ".db") == {}


def test_the_newest_backup_of_each_month(tmp_path: Path) -> None:
    for name in (
        "entries-2026-11-2026-12-01.db",
        "entries-2026-11-2026-12-03.db",
        "entries-2026-11-2026-11-30.db",
        "entries-2025-01-2025-02-01.db",
        "activity-2026-12-03.db",
    ):
        (tmp_path / name).write_bytes(b"{}")
    newest = newest_backups(tmp_path, ".db")
    assert {stem: b.day for stem, b in newest.items()} == {
        "entries-2026-11": date(2026, 12, 3),
        "entries-2025-01": date(2025, 2, 1),
        "activity": date(2026, 12, 3),
    }
    days = [b.day for b in list_backups(tmp_path / "entries-2026-11.db", tmp_path)]
    assert days == [date(2026, 12, 3), date(2026, 12, 1), date(2026, 11, 30)]
    assert newest_backups(tmp_path / "no-such-folder", ".db") == {}
    assert list_backups(tmp_path / "entries-2026-11.db", tmp_path / "no-such-folder") == []


_DIGITS = "0123456789"


@settings(max_examples=300, deadline=None)
@given(
    stem=st.sampled_from(["entries-2026-11", "activity", "journal", "a.b", ""]),
    day=st.one_of(
        st.builds(  # shaped like a day, with odd digits and separators now and then
            "{}{}{}{}{}".format,
            st.text(alphabet=_DIGITS + "２٣", min_size=3, max_size=5),
            st.sampled_from(["-", "-", "_"]),
            st.text(alphabet=_DIGITS + "٣", min_size=1, max_size=3),
            st.sampled_from(["-", "-", "."]),
            st.text(alphabet=_DIGITS + "２", min_size=1, max_size=3),
        ),
        st.text(alphabet=_DIGITS + "-_２٣x", min_size=8, max_size=12),
    ),
    suffix=st.sampled_from([".db", ".db.tmp", "", ".DB"]),
)
def test_a_name_is_a_backup_exactly_when_the_pattern_says_so(
    stem: str, day: str, suffix: str
) -> None:
    """Names are read with string operations; they must agree with the pattern the
    names were read with before (fullmatch, a real day) for any name."""
    name = f"{stem}-{day}{suffix}"
    pattern = re.escape(stem) + r"-(\d{4}-\d{2}-\d{2})" + re.escape(".db")
    match = re.fullmatch(pattern, name)
    try:
        expected = date.fromisoformat(match.group(1)) if match else None
    except ValueError:
        expected = None
    assert backup._day_in(name, stem, ".db") == expected


def test_a_link_to_nowhere_named_as_todays_copy_does_not_stop_it(
    home: Path, clock: FakeClock, tmp_path: Path
) -> None:
    """A changed month whose "copy of today" is a link to nowhere is copied, not taken
    as copied already; the copy replaces the link, and nothing of the journal is
    written where the link pointed (a backup is never a file someone linked)."""
    write_months(home, clock, 1)
    open_stores(resolve_paths(home), clock).close()
    clock.advance(days=1)
    stores = open_stores(resolve_paths(home), clock)
    stores.entries.add(kind="free", text="a later chat")
    stores.close()
    clock.advance(days=1)
    name = f"entries-{MONTH}-{clock.now().date().isoformat()}.db"
    elsewhere = tmp_path / "elsewhere.db"
    link = part_backups(home)[0].parent / name
    link.symlink_to(elsewhere)
    open_stores(resolve_paths(home), clock).close()
    assert not elsewhere.exists()
    assert not link.is_symlink() and b"a later chat" in link.read_bytes()
