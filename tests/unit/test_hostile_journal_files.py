"""The real ``companion`` against what someone else left in the journal's folder: links
in place of its caches or its months, files named for months no calendar has, named
pipes, cache headers that overflow or nest 100,000 deep. Nothing outside the folder is
written, nothing hangs, no traceback: the caches are made again, a month that cannot be
read is named."""

from __future__ import annotations

import json
import os
import struct
from datetime import date
from pathlib import Path

import pytest

from companion.store import search_file, segments
from companion.store.backup import backup_daily, backup_path
from companion.store.codec import default_codec
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


def _search_file_with_header(raw: bytes, header: bytes) -> bytes:
    """``raw`` with its JSON header replaced by ``header``."""
    (size,) = struct.unpack_from("<I", raw, 8)
    return raw[:8] + struct.pack("<I", len(header)) + header + raw[12 + size :]


@pytest.mark.parametrize(
    "damage",
    [
        lambda head: head.replace(b'"count":1', b'"count":Infinity'),
        lambda head: b"[" * 100_000 + b"]" * 100_000,
    ],
    ids=["infinite-count", "nested-deep"],
)
def test_a_search_file_header_that_overflows_or_nests_too_deep_is_made_again(
    home: Path, two_months: Path, damage
) -> None:  # type: ignore[no-untyped-def]
    path = search_file.search_path(segment(home))
    raw = path.read_bytes()
    (size,) = struct.unpack_from("<I", raw, 8)
    path.write_bytes(_search_file_with_header(raw, damage(raw[12 : 12 + size])))
    assert listed(home) == BOTH
    assert search_file.read(segment(home), default_codec()) is not None


@pytest.mark.parametrize(
    "index",
    [
        b'{"v":1,"segments":{"entries-2026-11":[[1,2,3],Infinity,"x","y"]}}',
        b"[" * 100_000 + b"]" * 100_000,
    ],
    ids=["infinite-count", "nested-deep"],
)
def test_an_index_that_overflows_or_nests_too_deep_is_made_again(
    home: Path, two_months: Path, index: bytes
) -> None:
    """`note` read the index after saving: a traceback then, and a second note on retry."""
    (two_months / INDEX).write_bytes(index)
    note = companion(home, "note", "a heron today", COMPANION_LANG="en")
    assert note.returncode == 0 and "Traceback" not in note.stderr, note.stderr
    assert json.loads((two_months / INDEX).read_bytes())["v"] == 1  # made again
    (two_months / INDEX).write_bytes(index)
    assert listed(home) == BOTH
    herons = companion(home, "find", "heron", COMPANION_LANG="en")
    assert herons.stdout.count("a heron today") == 1


@pytest.mark.parametrize("name", ["entries-2026-13", "entries-2026-00", "entries-0000-01"])
def test_a_file_named_for_a_month_no_calendar_has_is_not_one_of_the_journals(
    home: Path, two_months: Path, name: str
) -> None:
    """Renamed by hand: it once stopped `find`, `export` and the app's start."""
    november = segment(home)
    november.rename(two_months / f"{name}.db")
    search_file.search_path(november).unlink()
    assert not segments.is_segment(name)
    assert listed(home) == ["a flamingo in December"]
    export = companion(home, "export", "--format", "json", COMPANION_LANG="en")
    assert export.returncode == 0 and "Traceback" not in export.stderr


def test_the_first_and_last_months_a_date_can_have_are_months_like_any_other() -> None:
    for name in ("entries-9999-12", "entries-0001-01"):
        assert segments.is_segment(name)
        assert segments.may_hold(name, date(2026, 1, 1), date(2026, 12, 31)) is False
        assert segments.may_hold(name, None, None) is True
    assert segments.may_hold("entries-9999-12", date(9999, 12, 31), None) is True
    assert segments.may_hold("entries-0001-01", None, date(1, 1, 1)) is True
    assert segments.segment_of("0000-05-01T10:00:00+08:00") == segments.UNDATED


@pytest.mark.parametrize("kind", ["pipe", "loop", "nowhere"])
def test_a_month_that_is_a_pipe_or_a_broken_link_is_named_and_nothing_hangs(
    home: Path, two_months: Path, kind: str
) -> None:
    assert listed(home) == BOTH  # today's backups taken: a start then opens no month
    november = segment(home)
    november.unlink()  # (its search file stays: it was made from another file)
    if kind == "pipe":
        os.mkfifo(november)
    elif kind == "loop":
        november.symlink_to(november.name)
    else:
        november.symlink_to(november.parent / "gone" / "entries-2026-11.db")
    done = companion(home, "find", "flamingo", COMPANION_LANG="en")  # (a 60 s timeout)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert "entries-2026-11.db" in done.stderr
    assert november.is_symlink() or november.is_fifo()  # left as it was


@pytest.mark.parametrize(
    ("kind", "said"),
    [
        ("pipe", "is not a regular file"),
        ("folder", "is a folder, not companion's file"),
        ("loop", "is a link that leads back to itself"),
        ("nowhere", "is a link to"),
    ],
)
def test_doctor_names_a_month_that_is_not_a_file(
    home: Path, two_months: Path, kind: str, said: str
) -> None:
    """doctor once stopped with a traceback here (a state its ordering did not know,
    and a stat of the month for the backup's size)."""
    november = segment(home)
    november.unlink()
    if kind == "pipe":
        os.mkfifo(november)
    elif kind == "folder":
        november.mkdir()
    elif kind == "loop":
        november.symlink_to(november.name)
    else:
        november.symlink_to(november.parent / "gone" / "entries-2026-11.db")
    done = companion(home, "doctor", COMPANION_LANG="en")
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert f"{november} {said}" in done.stdout


def test_entries_in_a_form_companion_never_writes_are_passed_over_and_said(
    home: Path, two_months: Path, clock: FakeClock
) -> None:
    """A hand-edited month: a date without its offset (compared with the others, it
    stopped `find`, `export` and the app's start), a date that is not one, no id."""
    december = segment(home, "2026-12")
    data = json.loads(december.read_bytes())
    good = next(iter(data["entries"].values()))
    data["entries"] |= {
        "naive": {
            **good,
            "id": "naive",
            "created_at": "2026-12-01T10:00:00",
            "text": "a flamingo at ten",
        },
        "odd": {**good, "id": "odd", "created_at": "not a date", "text": "a flamingo undated"},
        "none": {k: v for k, v in good.items() if k != "id"} | {"text": "a flamingo with no id"},
    }
    december.write_text(json.dumps(data))
    assert "a flamingo at ten" in listed(home)
    export = companion(home, "export", "--format", "json", COMPANION_LANG="en")
    assert export.returncode == 0 and "Traceback" not in export.stderr
    assert "2 entries left out: they are not in a form companion writes" in export.stderr
    texts = [e["text"] for e in json.loads(export.stdout)["entries"]]
    assert sorted(texts) == ["a flamingo at ten", *BOTH]
    # Home's figures read this month's entries; the one without an offset is in the
    # reader's zone (Shanghai here), so it is 1 December 10:00 there.
    from companion.services.journal.service import Journal

    journal = Journal(open_stores(resolve_paths(home), clock), clock)
    days = journal.days(date(2026, 12, 1), date(2026, 12, 3))
    at_ten = [e for e in days if e.text == "a flamingo at ten"]
    assert [(e.created_at.hour, e.created_at.utcoffset()) for e in at_ten] == [
        (10, clock.now().utcoffset())
    ]


@pytest.mark.parametrize("odd", ["plain", "encrypted"])
def test_doctor_names_files_not_in_the_form_of_the_rest_of_the_journal(
    home: Path, two_months: Path, clock: FakeClock, odd: str
) -> None:
    """A month copied in from another time: doctor said "All good", and unlocking then
    set the plain files aside as damaged."""
    from companion.services.doctor.report import run_doctor
    from companion.store import encryption

    november = segment(home)
    plain_copy = november.read_bytes()
    stores = open_stores(resolve_paths(home), clock)
    clock.advance(days=31)
    stores.entries.add(kind="free", text="a third month")  # (the odd one is the fewer)
    encryption.encrypt(stores.journal, "long enough 123")
    sealed_copy = november.read_bytes()
    if odd == "encrypted":
        encryption.decrypt(
            open_stores(resolve_paths(home), clock, passphrase="long enough 123").journal
        )
        november.write_bytes(sealed_copy)
        said = f"{november.name} is encrypted, while its other files are not"
    else:
        november.write_bytes(plain_copy)
        said = f"{november.name} is not encrypted, while its other files are"
    before = {p: p.read_bytes() for p in two_months.iterdir() if p.is_file()}
    report = run_doctor(resolve_paths(home), {})
    text = "\n".join(report.lines)
    assert said in text and f"move it out of {two_months}" in text, text
    assert report.problems >= 1
    assert {p: p.read_bytes() for p in two_months.iterdir() if p.is_file()} == before


@pytest.mark.parametrize("cache", ["search", "index"])
def test_a_folder_in_place_of_a_cache_a_change_drops_does_not_stop_the_journal(
    home: Path, two_months: Path, cache: str
) -> None:
    """A change of several files drops the caches it makes stale. A folder named as one
    could not be unlinked: the change stopped halfway ("Could not save … Is a
    directory", though half of it was made) and every later command exited 70, for
    good, finishing it again at each open. The folder is left; the change is whole."""
    folder = search_file.search_path(segment(home)) if cache == "search" else two_months / INDEX
    folder.unlink(missing_ok=True)
    folder.mkdir()
    done = companion(home, "passphrase", "set", COMPANION_NEW_PASSPHRASE="long enough 123")
    assert done.returncode == 0, done.stderr
    for _ in range(2):  # the next open finishes nothing and fails on nothing
        again = companion(home, "find", "flamingo", COMPANION_PASSPHRASE="long enough 123")
        assert again.returncode == 0, again.stderr
        assert sum("flamingo" in line for line in again.stdout.splitlines()) == 2
    assert not (two_months / "commit.json").exists() and folder.is_dir()


@pytest.mark.parametrize(
    ("lang", "said"),
    [("en", "the rest of your journal stays as it is"), ("zh", "日记的其他部分保持不变")],
)
def test_a_damaged_month_without_a_backup_does_not_promise_a_fresh_journal(
    home: Path, two_months: Path, lang: str, said: str
) -> None:
    """One month of the journal could not be read and has no backup: a command said
    "open companion to … start a fresh journal", as if the whole journal went."""
    december = segment(home, "2026-12")
    december.write_bytes(b"\x00not a journal\x00")
    for copy in (home / "backups" / "journal").glob("entries-2026-12-*"):
        copy.unlink()
    done = companion(home, "find", "flamingo", COMPANION_LANG=lang)
    assert said in done.stderr, done.stderr
    assert "fresh journal" not in done.stderr and "新建一份空的" not in done.stderr
