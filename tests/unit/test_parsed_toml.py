"""TOML read once (system/parsed_toml.py): the same text is taken from its kept copy,
without loading tomllib; any other text, and any copy that is damaged, foreign, a
link or too big, is parsed from TOML, and the copy is made anew. Nothing here may
raise but tomllib's own errors."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import tomllib
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.system import parsed_toml
from companion.system.parsed_toml import MAGIC, MARK, parse_toml

TEXT = 'language = "zh"\n[breaks]\nevery = "2h"\nnames = ["退款", "仅退款"]\n'


@pytest.fixture
def kept(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "config.json"


def copy_of(text: str, data: object) -> bytes:
    import json

    return MAGIC + zlib.compress(json.dumps([text, data], ensure_ascii=False).encode())


def test_the_first_reading_keeps_a_copy_and_the_next_needs_no_tomllib(kept: Path) -> None:
    assert parse_toml(TEXT, kept) == tomllib.loads(TEXT)
    assert kept.is_file()
    probe = (
        "import sys\nfrom pathlib import Path\n"
        "from companion.system.parsed_toml import parse_toml\n"
        f"data = parse_toml({TEXT!r}, Path({str(kept)!r}))\n"
        "print('tomllib' in sys.modules, data['breaks']['names'][1])"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["False", "仅退款"]


def test_the_copy_is_private_and_holds_no_word_in_plain(kept: Path) -> None:
    parse_toml(TEXT, kept)
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert stat.S_IMODE(kept.parent.stat().st_mode) == 0o700
    assert "仅退款".encode() not in kept.read_bytes() and b"every" not in kept.read_bytes()


def test_other_text_of_the_same_length_and_time_is_read_anew(kept: Path) -> None:
    """No timestamps: a file changed within the same second, to the same size, is
    still read as it is now."""
    parse_toml(TEXT, kept)
    other = TEXT.replace('"zh"', '"en"')
    assert len(other) == len(TEXT)
    assert parse_toml(other, kept)["language"] == "en"
    assert parse_toml(TEXT, kept)["language"] == "zh"


def damaged(whole: bytes) -> list[bytes]:
    middle = len(whole) // 2
    return [
        b"",
        b"not a copy at all",
        whole[:middle],  # cut short
        whole[:middle] + bytes([whole[middle] ^ 0x40]) + whole[middle + 1 :],  # a bit flipped
        whole + b"more",  # something after it
        MAGIC + zlib.compress(b"[1, 2"),  # not JSON
        MAGIC + zlib.compress(b'{"text": 1}'),  # JSON, not a copy
        MAGIC + zlib.compress(b"[" * 100_000),  # nested past any limit
        copy_of(TEXT, ["a list"]),  # data that is not a table
        copy_of(TEXT + " ", {"language": "en"}),  # made from other text
    ]


@pytest.mark.parametrize("index", range(10))
def test_a_copy_that_cannot_be_used_is_passed_over_and_made_anew(kept: Path, index: int) -> None:
    parse_toml(TEXT, kept)
    bad = damaged(kept.read_bytes())[index]
    kept.write_bytes(bad)
    assert parse_toml(TEXT, kept) == tomllib.loads(TEXT)
    assert parse_toml(TEXT, kept) == tomllib.loads(TEXT)
    if bad.startswith(MARK):  # a copy of ours, damaged: made anew
        assert parsed_toml._read(kept, TEXT) is not None
    else:  # not a copy: another program's file, left as it is
        assert kept.read_bytes() == bad


def test_a_copy_made_by_another_python_is_made_anew(kept: Path) -> None:
    kept.parent.mkdir(mode=0o700)
    kept.write_bytes(MARK + b"py3.99\n" + copy_of(TEXT, {"language": "3.99"})[len(MAGIC) :])
    assert parse_toml(TEXT, kept)["language"] == "zh"
    assert kept.read_bytes().startswith(MAGIC)


def test_nothing_is_kept_on_a_disk_nearly_full(kept: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The last free blocks are for the person's writing, not for a cache."""
    real = os.statvfs

    def nearly_full(path: object) -> os.statvfs_result:
        found = real(path)  # type: ignore[arg-type]
        return os.statvfs_result((*found[:4], 100, *found[5:]))  # 100 blocks free

    monkeypatch.setattr(os, "statvfs", nearly_full)
    assert parse_toml(TEXT, kept) == tomllib.loads(TEXT)
    assert not kept.exists()


def test_a_copy_too_big_to_keep_is_not_written(kept: Path) -> None:
    text = "words = [" + ", ".join(f'"{os.urandom(24).hex()}"' for _ in range(30_000)) + "]\n"
    assert parse_toml(text, kept) == tomllib.loads(text)
    assert not kept.exists()


def test_remove_copies_takes_only_copies(kept: Path) -> None:
    parse_toml(TEXT, kept)
    theirs = kept.parent / "notes.json"
    theirs.write_text("another program's", "utf-8")
    left = kept.parent / f".{kept.name}.0123456789ab.tmp"
    left.write_bytes(b"half")
    left.chmod(0o600)
    parsed_toml.remove_copies(kept.parent)
    assert sorted(p.name for p in kept.parent.iterdir()) == ["notes.json"]
    theirs.unlink()
    parsed_toml.remove_copies(kept.parent)
    assert not kept.parent.exists()


def test_a_copy_that_would_unpack_past_the_limit_is_not_unpacked(
    kept: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parse_toml(TEXT, kept)
    monkeypatch.setattr(parsed_toml, "MAX_JSON", 10)
    assert parsed_toml._read(kept, TEXT) is None
    kept.write_bytes(MAGIC + zlib.compress(b" " * (20 << 20)))  # 20 MB of spaces, 20 kB kept
    monkeypatch.setattr(parsed_toml, "MAX_JSON", 16 << 20)
    assert parse_toml(TEXT, kept) == tomllib.loads(TEXT)


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=300), keep_magic=st.booleans())
def test_any_bytes_in_place_of_the_copy_give_the_parse_of_the_text(
    kept: Path, raw: bytes, keep_magic: bool
) -> None:
    kept.parent.mkdir(exist_ok=True)
    kept.write_bytes((MAGIC if keep_magic else b"") + raw)
    assert parse_toml(TEXT, kept) == tomllib.loads(TEXT)


def test_a_link_in_place_of_the_copy_is_not_read_and_what_it_points_to_is_left(
    kept: Path, tmp_path: Path
) -> None:
    """A copy planted elsewhere, made for this very text but saying otherwise: the link
    to it is not followed, and writing replaces the link, not the file behind it."""
    planted = tmp_path / "planted"
    planted.write_bytes(copy_of(TEXT, {"language": "planted"}))
    kept.parent.mkdir(mode=0o700)
    kept.symlink_to(planted)
    assert parse_toml(TEXT, kept)["language"] == "zh"
    assert planted.read_bytes() == copy_of(TEXT, {"language": "planted"})
    assert not kept.is_symlink() and parsed_toml._read(kept, TEXT) is not None


def test_a_link_or_a_file_in_place_of_the_folder_is_neither_read_nor_written(
    kept: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / kept.name).write_bytes(copy_of(TEXT, {"language": "planted"}))
    kept.parent.symlink_to(elsewhere)
    assert parse_toml(TEXT, kept)["language"] == "zh"
    assert parse_toml(TEXT.replace("zh", "en"), kept)["language"] == "en"
    assert (elsewhere / kept.name).read_bytes() == copy_of(TEXT, {"language": "planted"})
    kept.parent.unlink()
    kept.parent.write_text("a file")
    assert parse_toml(TEXT, kept)["language"] == "zh"
    assert kept.parent.read_text() == "a file"


def test_a_full_disk_or_a_locked_folder_costs_only_the_copy(
    kept: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*_args: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(os, "write", full)
        assert parse_toml(TEXT, kept) == tomllib.loads(TEXT)
    assert not kept.exists() and list(kept.parent.iterdir()) == []  # no temp file left
    if os.geteuid() != 0:  # (root writes into a read-only folder anyway)
        kept.parent.chmod(0o500)
        assert parse_toml(TEXT, kept) == tomllib.loads(TEXT)
        kept.parent.chmod(0o700)


def test_a_parse_json_cannot_hold_exactly_is_not_kept(kept: Path) -> None:
    text = "when = 2026-12-05T09:00:00\nlimit = inf\n"
    assert parse_toml(text, kept) == tomllib.loads(text)
    assert not kept.exists()


def test_errors_are_tomllibs_own_and_nothing_is_kept(kept: Path) -> None:
    with pytest.raises(tomllib.TOMLDecodeError):
        parse_toml("language = ", kept)
    assert not kept.exists()


def test_killed_writers_temp_files_go_with_the_next_copy_but_not_anothers(
    kept: Path,
) -> None:
    kept.parent.mkdir(mode=0o700)
    for name in (kept.name, "content.zh.prompts.json"):  # (one never written again)
        left = kept.parent / f".{name}.0123456789ab.tmp"
        left.write_bytes(b"half a copy")
        left.chmod(0o600)
    theirs = kept.parent / f".{kept.name}.abc.tmp"  # not named as ours are
    theirs.write_bytes(b"another program's")
    parse_toml(TEXT, kept)
    assert sorted(p.name for p in kept.parent.iterdir()) == sorted([kept.name, theirs.name])
