"""What the journal's folders hold, as the encrypted commands look at them: every
backup once, and the first bytes of each file."""

from __future__ import annotations

import os
from pathlib import Path

from companion.store.envelope import MAGIC
from companion.store.file_marks import starts_encrypted
from companion.store.journal_files import backup_files


def test_backup_files_are_the_files_in_name_order(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    for name in ("entries-2026-11-2026-12-02.db", "entries-2026-10-2026-12-02.db", "b.db"):
        (folder / name).write_bytes(b"{}")
    (folder / "a-folder").mkdir()
    (folder / "linked.db").symlink_to(folder / "b.db")  # followed, as Path.is_file does
    (folder / "nowhere.db").symlink_to(tmp_path / "gone")
    assert [p.name for p in backup_files(folder)] == [
        "b.db",
        "entries-2026-10-2026-12-02.db",
        "entries-2026-11-2026-12-02.db",
        "linked.db",
    ]
    assert backup_files(tmp_path / "no-such-folder") == []


def test_starts_encrypted_reads_only_the_mark(tmp_path: Path) -> None:
    sealed, plain, short = tmp_path / "sealed.db", tmp_path / "plain.db", tmp_path / "short"
    sealed.write_bytes(MAGIC + os.urandom(64))
    plain.write_bytes(b'{"entries": {}}')
    short.write_bytes(MAGIC[:2])
    assert starts_encrypted(sealed)
    assert not starts_encrypted(plain) and not starts_encrypted(short)
    assert not starts_encrypted(tmp_path / "missing.db")
    assert not starts_encrypted(tmp_path)  # a folder in a file's place


def test_a_fifo_in_a_parts_place_is_told_not_waited_on(tmp_path: Path) -> None:
    """A named pipe where a part of the journal should be: opening it to read its first
    bytes would wait for a writer forever; the command says what is there instead."""
    import subprocess
    import sys

    home = tmp_path / "h"
    env = {**os.environ, "COMPANION_HOME": str(home), "COMPANION_LANG": "en"}
    script = Path(sys.executable).parent / "companion"
    subprocess.run([str(script), "note", "first"], env=env, check=True, timeout=60)
    os.mkfifo(home / "data" / "journal" / "entries-2020-01.db")
    found = subprocess.run(
        [str(script), "find", "first"], env=env, capture_output=True, text=True, timeout=30
    )
    assert found.returncode == 1 and "not a file" in found.stderr
