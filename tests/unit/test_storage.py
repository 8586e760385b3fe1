"""The storage never loses or half-writes data, and sees other processes' writes."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from companion.store import storage as storage_module
from companion.store.errors import ConcurrentWrite, StoreCorrupt, StoreWriteError
from companion.store.storage import SafeStorage
from companion.system.atomic import write_atomic


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_write_is_atomic_replace_with_private_mode(tmp_path: Path) -> None:
    target = tmp_path / "data" / "x.db"
    storage = SafeStorage(target)
    storage.write({"t": {"1": {"text": "你好"}}})
    first_inode = target.stat().st_ino
    storage.write({"t": {"1": {"text": "again"}}})
    assert target.stat().st_ino != first_inode  # replaced, not rewritten in place
    assert json.loads(target.read_text("utf-8")) == {"t": {"1": {"text": "again"}}}
    assert mode(target) == 0o600
    assert mode(target.parent) == 0o700
    assert [p.name for p in target.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_utf8_is_not_escaped(tmp_path: Path) -> None:
    storage = SafeStorage(tmp_path / "x.db")
    storage.write({"t": {"1": {"text": "客服"}}})
    assert "客服" in (tmp_path / "x.db").read_text("utf-8")


def test_reads_are_cached_until_the_file_changes(tmp_path: Path, monkeypatch) -> None:
    storage = SafeStorage(tmp_path / "x.db")
    storage.write({"t": {"1": {"n": 1}}})
    reads = []
    original = storage_module.read_plain

    def counting(path: Path) -> bytes:
        reads.append(path)
        return original(path)

    monkeypatch.setattr(storage_module, "read_plain", counting)
    for _ in range(5):
        assert storage.read() == {"t": {"1": {"n": 1}}}
    assert reads == []  # our own write is the cache
    write_atomic(tmp_path / "x.db", b'{"t": {"1": {"n": 2}}}')  # someone else writes
    assert storage.read() == {"t": {"1": {"n": 2}}}
    assert len(reads) == 1


def test_a_second_process_write_is_seen(tmp_path: Path) -> None:
    target = tmp_path / "x.db"
    storage = SafeStorage(target)
    storage.write({"t": {"1": {"who": "tui"}}})
    code = textwrap.dedent(f"""
        from companion.store.storage import SafeStorage
        s = SafeStorage({str(target)!r})
        with s.transaction():
            data = s.read()
            data["t"]["2"] = {{"who": "cli"}}
            s.write(data)
    """)
    subprocess.run([sys.executable, "-c", code], check=True)
    assert storage.read() == {"t": {"1": {"who": "tui"}, "2": {"who": "cli"}}}


def test_write_outside_a_transaction_refuses_to_clobber_a_newer_file(tmp_path: Path) -> None:
    target = tmp_path / "x.db"
    mine = SafeStorage(target)
    mine.write({"t": {"1": {"v": 1}}})
    data = mine.read()
    other = SafeStorage(target)
    other.read()
    other.write({"t": {"1": {"v": 1}, "2": {"v": 2}}})
    with pytest.raises(ConcurrentWrite):
        mine.write(data)
    assert "2" in json.loads(target.read_text())["t"]


def test_corrupt_file_raises_and_is_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "x.db"
    target.write_bytes(b"{not json")
    storage = SafeStorage(target)
    with pytest.raises(StoreCorrupt):
        storage.read()
    assert target.read_bytes() == b"{not json"


@pytest.mark.parametrize("failing", ["write", "fsync"])
@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EIO])
def test_disk_full_keeps_previous_data(
    tmp_path: Path, monkeypatch, failing: str, code: int
) -> None:
    target = tmp_path / "x.db"
    storage = SafeStorage(target)
    storage.write({"t": {"1": {"v": "old"}}})
    before = target.read_bytes()

    def broken(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    with monkeypatch.context() as patch:
        patch.setattr(os, failing, broken)
        data = storage.read()
        data["t"]["1"] = {"v": "new"}  # TinyDB mutates what read() returned, then writes
        with pytest.raises(StoreWriteError) as caught:
            storage.write(data)
    assert caught.value.errno == code
    assert target.read_bytes() == before
    assert storage.read() == {"t": {"1": {"v": "old"}}}  # memory matches the disk again
    assert [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    storage.write({"t": {"1": {"v": "later"}}})  # and it keeps working afterwards
    assert storage.read() == {"t": {"1": {"v": "later"}}}


def test_stale_temp_files_are_cleaned(tmp_path: Path) -> None:
    target = tmp_path / "x.db"
    leftover = tmp_path / ".x.db.abc123.tmp"
    leftover.write_bytes(b"half a write")
    unrelated = tmp_path / ".other.db.abc.tmp"
    unrelated.write_bytes(b"not ours")
    removed = SafeStorage(target).clean_stale_temp_files()
    assert removed == [leftover]
    assert not leftover.exists()
    assert unrelated.exists()


def test_a_pipe_put_in_place_of_the_file_is_refused_not_waited_on(tmp_path: Path) -> None:
    """Reading a named pipe waits for a writer, for good: a pipe put where the file was
    once it had been read hung every later read (the app's list, on its UI thread)."""
    from companion.store.envelope import read_header
    from companion.store.errors import StoreNotAFile

    target = tmp_path / "x.db"
    storage = SafeStorage(target)
    storage.write({"t": {"1": {"n": 1}}})
    target.unlink()
    os.mkfifo(target)
    with pytest.raises(StoreNotAFile) as raised:
        storage.read()
    assert raised.value.what == "other"
    with pytest.raises(OSError):
        read_header(target)  # (a backup's header, asked by every encrypted command)
    assert stat.S_ISFIFO(target.lstat().st_mode)
