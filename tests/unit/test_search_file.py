"""Each segment's search file: used while it matches its segment, made again from the
segment when it does not (damaged, stale, foreign); a search decodes only the hits."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from companion.core.journal import summary
from companion.core.journal_search import Query
from companion.core.search_block import LINE_WIDTH
from companion.services.journal.service import Journal
from companion.store import encryption, search_file
from companion.store.stores import open_stores
from companion.system.clock import FakeClock
from companion.system.paths import resolve_paths
from tests.layout import holding, segment


def find(home: Path, clock: FakeClock, word: str, passphrase: str | None = None) -> list[str]:
    """What `companion find` shows: a journal opened afresh."""
    journal = Journal(open_stores(resolve_paths(home), clock, passphrase=passphrase), clock)
    return [e.row.line for e in journal.find(Query(words=(word,)))]


@pytest.fixture
def written(home: Path, clock: FakeClock) -> Path:
    stores = open_stores(resolve_paths(home), clock)
    for text in ("Refund storm", "a calm day", "退款 again"):
        stores.entries.add(kind="free", text=text)
        clock.advance(minutes=1)
    path = search_file.search_path(segment(home))
    assert path.exists() and b"refund storm" in path.read_bytes()  # casefolded
    return path


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: b"",
        lambda raw: raw[: len(raw) // 2],
        lambda raw: raw[:-3] + bytes(b ^ 0xFF for b in raw[-3:]),
        lambda raw: b"CMPNSRCH" + b"\xff" * 40,
        lambda raw: json.dumps({"entries": {}}).encode(),
        lambda raw: re.sub(rb'"digest":"[0-9a-f]+"', b'"digest":[1,2]', raw),
    ],
    ids=["empty", "cut-short", "flipped", "bad-header", "foreign", "odd-digest"],
)
def test_a_damaged_search_file_is_made_again_from_its_segment(
    home: Path, clock: FakeClock, written: Path, damage
) -> None:  # type: ignore[no-untyped-def]
    written.write_bytes(damage(written.read_bytes()))
    assert find(home, clock, "storm") == ["Refund storm"]
    assert find(home, clock, "退款") == ["退款 again"]
    assert b"refund storm" in written.read_bytes()  # made again


def test_a_search_file_older_than_its_segment_is_not_used(
    home: Path, clock: FakeClock, written: Path
) -> None:
    stale = written.read_bytes()
    open_stores(resolve_paths(home), clock).entries.add(kind="free", text="another storm")
    written.write_bytes(stale)  # as if the writer died before the search file
    assert sorted(find(home, clock, "storm")) == ["Refund storm", "another storm"]


def test_a_missing_search_file_is_made_again(home: Path, clock: FakeClock, written: Path) -> None:
    written.unlink()
    assert find(home, clock, "calm") == ["a calm day"]
    assert written.exists()


def test_a_search_decodes_only_the_entries_it_shows(
    home: Path, clock: FakeClock, written: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import companion.store.entry_repo as entry_repo

    decoded = []
    real = entry_repo.from_doc

    def counting(cls, doc):  # type: ignore[no-untyped-def]
        decoded.append(doc["text"])
        return real(cls, doc)

    monkeypatch.setattr(entry_repo, "from_doc", counting)  # (what entry_repo.readable uses)
    journal = Journal(open_stores(resolve_paths(home), clock), clock)
    hits = journal.find(Query(words=("a",)))
    assert [h.row.line for h in hits] == ["退款 again", "a calm day"]  # from the rows alone
    assert decoded == []
    assert [e.text for e in journal.entries_of(hits[1:])] == ["a calm day"]
    assert decoded == ["a calm day"]


def test_a_search_file_of_an_older_layout_is_made_again(
    home: Path, clock: FakeClock, written: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written.unlink()
    with monkeypatch.context() as older:
        older.setattr(search_file, "VERSION", 1)
        assert find(home, clock, "calm") == ["a calm day"]
    assert b'"v":1,' in written.read_bytes()
    assert find(home, clock, "calm") == ["a calm day"]
    assert f'"v":{search_file.VERSION},'.encode() in written.read_bytes()


def test_a_row_holds_the_line_a_list_shows_and_the_tags_as_written(
    home: Path, clock: FakeClock
) -> None:
    stores = open_stores(resolve_paths(home), clock)
    long = "Refund\tstorm,  again " + "x" * 500
    stores.entries.add(kind="free", text=long, tags=("Late", "退款"))
    clock.advance(minutes=1)
    stores.entries.add(kind="mood", fields={"score": 2, "text": "tired\x1b[2J"})
    hits = Journal(open_stores(resolve_paths(home), clock), clock).find(Query())
    mood, free = (h.row for h in hits)
    assert free.line == summary(long, {}, LINE_WIDTH) and len(free.line) == LINE_WIDTH
    assert free.line.startswith("Refund storm, again x") and free.line.endswith("…")
    assert free.written_tags == ("Late", "退款") and free.tags == ("late", "退款")
    assert mood.line == "2/5 tired␛[2J"  # control characters shown, never sent


@pytest.mark.parametrize(
    ("copy", "passphrase"),
    [(shutil.copy2, None), (shutil.copyfile, None), (shutil.copyfile, "pass phrase")],
    ids=["times-kept", "times-new", "encrypted"],
)
def test_a_copied_data_folder_keeps_its_search_files(
    home: Path,
    clock: FakeClock,
    written: Path,
    copy,  # type: ignore[no-untyped-def]
    passphrase: str | None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A folder copied or restored holds new files (new inodes): its search files are
    still made from the same bytes, so they are used, not made again from every segment."""
    from companion.store import search_cache

    if passphrase:
        encryption.encrypt(open_stores(resolve_paths(home), clock).journal, passphrase)
    moved = home.parent / "moved"
    shutil.copytree(home, moved, copy_function=copy)
    assert segment(moved).stat().st_ino != segment(home).stat().st_ino
    made_again: list[str] = []
    real = search_cache.refresh_segment
    monkeypatch.setattr(
        search_cache,
        "refresh_segment",
        lambda journal, name, *rest: made_again.append(name) or real(journal, name, *rest),
    )
    assert find(moved, clock, "storm", passphrase) == ["Refund storm"]
    assert made_again == []
    # labelled with the copy's identity: the next search takes it at a glance
    codec = open_stores(resolve_paths(moved), clock, passphrase=passphrase).journal.codec
    assert search_file.read(segment(moved), codec) is not None
    if passphrase:
        assert holding(moved, "storm") == []


def test_a_copied_search_file_of_other_bytes_is_made_again(
    home: Path, clock: FakeClock, written: Path
) -> None:
    """Same size, new inode, other text: the digest tells, and the search finds the text
    the segment holds now."""
    seg = segment(home)
    raw = seg.read_bytes()
    assert b"storm" in raw
    replaced = home / "replaced"
    replaced.write_bytes(raw.replace(b"storm", b"sunny"))
    replaced.replace(seg)  # another file, the same size
    assert find(home, clock, "storm") == []
    assert find(home, clock, "sunny") == ["Refund sunny"]


def test_a_search_file_without_a_digest_is_still_read_then_made_again_when_copied(
    home: Path, clock: FakeClock, written: Path
) -> None:
    """Search files written before digests were kept hold none: used while the segment is
    the same file, made again (once) when it is not."""
    made = search_file.unpack(written.read_bytes())
    written.write_bytes(search_file.pack(made.block, made.identity))
    codec = open_stores(resolve_paths(home), clock).journal.codec
    assert search_file.read(segment(home), codec) is not None
    assert find(home, clock, "calm") == ["a calm day"]
    seg = segment(home)
    copy = home / "copy"
    shutil.copy2(seg, copy)
    copy.replace(seg)
    assert find(home, clock, "calm") == ["a calm day"]
    assert search_file.unpack(written.read_bytes()).digest is not None


def test_a_copied_search_file_labelled_by_an_older_companion_is_made_again(
    home: Path, clock: FakeClock, written: Path
) -> None:
    """Files labelled with sha256 (before the label was two checksums) are used while
    their segment is the same file; in a copied folder the label never matches, and the
    file is made again once, with the label of now."""
    import hashlib

    made = search_file.unpack(written.read_bytes())
    raw = segment(home).read_bytes()
    older = hashlib.sha256(raw).hexdigest()[:32]
    written.write_bytes(search_file.pack(made.block, made.identity, older))
    assert find(home, clock, "calm") == ["a calm day"]  # the same file: used as it is
    assert search_file.unpack(written.read_bytes()).digest == older
    copy = home / "copy"
    shutil.copy2(segment(home), copy)
    copy.replace(segment(home))
    assert find(home, clock, "calm") == ["a calm day"]
    assert search_file.unpack(written.read_bytes()).digest == search_file.digest_of(raw)
    assert search_file.digest_of(raw) != search_file.digest_of(raw.replace(b"calm", b"clam"))


def test_a_command_checks_only_the_rows_it_reads(
    home: Path, clock: FakeClock, written: Path
) -> None:
    """``companion find`` maps the file and checks each row it reads against its own
    crc: a row it does not read may be damaged unseen (the file is left as it is); a
    damaged row it reads is caught, and the file made again from the segment."""
    raw = written.read_bytes()
    assert raw.count(b',"a calm day",') == 1  # the row's line (the text has no quotes)
    damaged = raw.replace(b',"a calm day",', b',"a balm day",')
    written.write_bytes(damaged)
    assert find(home, clock, "storm") == ["Refund storm"]
    assert written.read_bytes() == damaged  # not read, not checked, not made again
    assert find(home, clock, "calm") == ["a calm day"]  # not "a balm day"
    assert written.read_bytes() != damaged and b',"a calm day",' in written.read_bytes()


def test_the_app_checks_every_row_when_it_reads_a_search_file(
    home: Path, clock: FakeClock, written: Path
) -> None:
    written.write_bytes(written.read_bytes().replace(b',"a calm day",', b',"a balm day",'))
    journal = Journal(open_stores(resolve_paths(home), clock), clock)
    page = journal.page(Query(words=("storm",)), 10)  # the app's way: files read whole
    assert [h.row.line for h in page.listed] == ["Refund storm"]
    assert b',"a balm day",' not in written.read_bytes()  # made again at once


def test_rows_that_pass_their_checks_but_are_not_rows_are_made_again(
    home: Path, clock: FakeClock, written: Path
) -> None:
    """A search file written by someone else, whole by its checksums, with rows that are
    not ours: every search still shows the entries, and the file is made again."""
    from array import array

    from companion.core.search_block import Block

    made = search_file.unpack(written.read_bytes())
    block = made.block
    junk = [b"{}", b"[1]", b'["id", 2, 3, "yes", 7, null, 8]']
    starts = array("I", [0])
    for row in junk:
        starts.append(starts[-1] + len(row))
    hostile = Block(block.text(), block.starts, b"".join(junk), starts, block.kinds)
    written.write_bytes(search_file.pack(hostile, made.identity, made.digest))
    assert find(home, clock, "storm") == ["Refund storm"]
    written.write_bytes(search_file.pack(hostile, made.identity, made.digest))
    journal = Journal(open_stores(resolve_paths(home), clock), clock)
    assert journal.count(Query(kind="free")) == 3  # a filter reads every row
    assert [h.row.line for h in journal.page(Query(words=("calm",)), 5).listed] == ["a calm day"]


@pytest.mark.parametrize("name", ["search", "index"])
def test_a_named_pipe_in_place_of_a_search_file_or_the_index_is_not_waited_on(
    home: Path, clock: FakeClock, written: Path, name: str
) -> None:
    """Opening a FIFO to read it waits for a writer forever; the command treats it as a
    file to make again."""
    import os
    import subprocess
    import sys

    from companion.store.search_cache import INDEX

    pipe = written if name == "search" else written.parent / INDEX
    pipe.unlink(missing_ok=True)
    os.mkfifo(pipe)
    env = {**os.environ, "COMPANION_HOME": str(home), "COMPANION_LANG": "en"}
    found = subprocess.run(
        [sys.executable, "-m", "companion", "find", "storm"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert found.returncode == 0 and "Refund storm" in found.stdout
    assert pipe.is_file() or name == "index"  # a search file is made again in its place


def test_only_the_find_command_maps_search_files(
    home: Path, clock: FakeClock, written: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A mapped file cut short by someone else stops the process that reads it: the app
    (its list, its export) reads search files; only ``companion find``, which ends a
    moment later, maps them."""
    mapped: list[str] = []
    real = search_file.map_plain
    monkeypatch.setattr(search_file, "map_plain", lambda p: mapped.append(p.name) or real(p))
    journal = Journal(open_stores(resolve_paths(home), clock), clock)
    assert [e.text for e in journal.search(Query(words=("storm",)))] == ["Refund storm"]
    assert len(journal.entries()) == 3
    assert [h.row.line for h in journal.page(Query(words=("calm",)), 5).listed] == ["a calm day"]
    assert journal.count(Query(kind="free")) == 3
    assert mapped == []
    assert find(home, clock, "storm") == ["Refund storm"]
    assert mapped == [written.name]
