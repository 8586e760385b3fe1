"""A data file kept elsewhere through a link (say, on an encrypted volume) is written
where the link points and the link stays; a link to a place that is not there, or a
folder where a data file should be, is said in words (never "check permissions"), and
nothing is written, moved or chmod-ed through a link."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from companion.services.doctor.report import run_doctor
from companion.store.stores import open_stores
from companion.system.clock import FakeClock
from companion.system.paths import ensure_dirs, resolve_paths
from tests.unit.test_passphrase_cli import companion

NEW = {"COMPANION_NEW_PASSPHRASE": "long enough 123"}


def linked_journal(home: Path, tmp_path: Path) -> tuple[Path, Path]:
    """data/journal.db as a link to a file on another "volume"."""
    paths = ensure_dirs(resolve_paths(home))
    volume = tmp_path / "volume"
    volume.mkdir()
    real = volume / "journal.db"
    paths.journal_db.symlink_to(real)
    return paths.journal_db, real


def on_this_disk(home: Path, word: bytes) -> list[Path]:
    """Files under the data folder itself (links not followed) that hold ``word``."""
    found = []
    for folder, _dirs, names in os.walk(home):  # (os.walk does not follow links)
        for name in names:
            path = Path(folder) / name
            if not path.is_symlink() and word in path.read_bytes():
                found.append(path)
    return found


def test_writes_follow_the_link_and_the_link_stays(
    home: Path, tmp_path: Path, clock: FakeClock
) -> None:
    """The journal's folder is made beside the file the link points to, and data/journal
    leads there: every file of the journal is written on the volume."""
    link, real = linked_journal(home, tmp_path)
    stores = open_stores(resolve_paths(home), clock)
    stores.entries.add(kind="free", text="kept on the volume")
    folder, data_link = real.parent / "journal", resolve_paths(home).data_dir / "journal"
    assert data_link.is_symlink() and data_link.resolve() == folder.resolve()
    assert any(b"kept on the volume" in p.read_bytes() for p in folder.glob("entries-*.db"))
    assert link.is_symlink() and os.readlink(link) == str(real)  # the person's link
    assert companion(home, "note", "from the shell").returncode == 0
    done = companion(home, "passphrase", "set", **NEW)
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and os.readlink(link) == str(real) and data_link.is_symlink()
    parts = sorted(folder.glob("*.db"))
    assert parts and all(p.read_bytes().startswith(b"CMPNENC") for p in parts)
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]  # no temp left
    assert on_this_disk(home, b"kept on the volume") == []
    found = companion(home, "find", "volume", COMPANION_PASSPHRASE=NEW["COMPANION_NEW_PASSPHRASE"])
    assert "kept on the volume" in found.stdout and "from the shell" not in found.stdout


def test_an_old_linked_journal_is_split_onto_its_volume(
    home: Path, tmp_path: Path, clock: FakeClock
) -> None:
    """An earlier version's journal.db kept on a volume: its folder is made there, and
    the old file stays on the volume (its link kept as the old journal's backup)."""
    _link, real = linked_journal(home, tmp_path)
    real.write_text(
        '{"_meta": {"schema": {"schema_version": 1}}, "entries": {"e1": {"id": "e1", '
        '"created_at": "2026-11-20T09:00:00+00:00", "updated_at": "2026-11-20T09:00:00+00:00",'
        ' "kind": "free", "text": "old words on the volume", "fields": {}, "tags": [],'
        ' "starred": false}}}'
    )
    stores = open_stores(resolve_paths(home), clock)
    assert [e.text for e in stores.entries.all()] == ["old words on the volume"]
    folder = real.parent / "journal"
    assert any(b"old words" in p.read_bytes() for p in folder.glob("entries-*.db"))
    assert real.is_file()  # never deleted, never moved off the volume
    # (backups/ holds copies, as it did of the old file: encrypted with the journal)
    assert on_this_disk(resolve_paths(home).data_dir, b"old words") == []
    assert companion(home, "passphrase", "set", **NEW).returncode == 0
    assert real.read_bytes().startswith(b"CMPNENC")  # the old file is encrypted too


def test_a_damaged_file_of_a_linked_journal_is_set_aside_beside_it(
    home: Path, tmp_path: Path, clock: FakeClock
) -> None:
    link, real = linked_journal(home, tmp_path)
    open_stores(resolve_paths(home), clock).entries.add(kind="free", text="words")
    (part,) = (real.parent / "journal").glob("entries-*.db")
    part.write_bytes(part.read_bytes()[:-5])
    stores = open_stores(resolve_paths(home), clock)  # the app opens it
    stores.entries.all()
    (problem,) = stores.journal.problems()
    assert problem.moved_to is not None
    assert problem.moved_to.resolve().parent == part.parent.resolve()  # on the volume
    assert link.is_symlink() and (resolve_paths(home).data_dir / "journal").is_symlink()
    stores.entries.add(kind="free", text="after")
    assert any(b"after" in p.read_bytes() for p in part.parent.glob("entries-*.db"))
    assert on_this_disk(resolve_paths(home).data_dir, b"after") == []


def test_a_link_to_a_volume_that_is_not_there(home: Path, tmp_path: Path) -> None:
    paths = ensure_dirs(resolve_paths(home))
    gone = tmp_path / "unmounted" / "journal.db"
    paths.journal_db.symlink_to(gone)
    note = companion(home, "note", "hello")
    assert note.returncode == 1 and "Traceback" not in note.stderr, note.stderr
    assert f"is a link to {gone}, which is not there" in note.stderr
    assert "permission" not in note.stderr
    assert paths.journal_db.is_symlink() and not gone.parent.exists()
    doctor = companion(home, "doctor")
    assert doctor.returncode == 1
    assert f"! journal: {paths.journal_db} is a link to {gone}, which is not there" in doctor.stdout
    zh = companion(home, "note", "你好", LANG="zh_CN.UTF-8")
    assert "硬盘没有接上" in zh.stderr


def test_a_link_to_a_missing_file_in_a_folder_that_is_there_starts_it(
    home: Path, tmp_path: Path, clock: FakeClock
) -> None:
    link, real = linked_journal(home, tmp_path)
    assert companion(home, "note", "first words").returncode == 0
    folder = real.parent / "journal"
    assert link.is_symlink() and (resolve_paths(home).data_dir / "journal").is_symlink()
    assert any(b"first words" in p.read_bytes() for p in folder.glob("entries-*.db"))


def test_a_journal_folder_link_to_a_volume_that_is_not_there(home: Path, tmp_path: Path) -> None:
    """After the split, data/journal is the link: a volume not mounted is said in words
    and nothing is written on this disk in its place."""
    paths = ensure_dirs(resolve_paths(home))
    gone = tmp_path / "unmounted" / "journal"
    (paths.data_dir / "journal").symlink_to(gone, target_is_directory=True)
    note = companion(home, "note", "hello")
    assert note.returncode == 1 and "Traceback" not in note.stderr, note.stderr
    assert f"is a link to {gone}, which is not there" in note.stderr
    assert (paths.data_dir / "journal").is_symlink() and not gone.parent.exists()
    doctor = companion(home, "doctor")
    assert f"is a link to {gone}, which is not there" in doctor.stdout


def test_a_folder_where_the_journal_should_be(home: Path) -> None:
    paths = ensure_dirs(resolve_paths(home))
    paths.journal_db.mkdir()
    (paths.journal_db / "mine.txt").write_text("someone's notes")
    note = companion(home, "note", "hello")
    assert note.returncode == 1 and "Traceback" not in note.stderr, note.stderr
    assert "there is a folder" in note.stderr and "permission" not in note.stderr
    doctor = companion(home, "doctor")
    assert doctor.returncode == 1
    assert f"! journal: {paths.journal_db} is a folder, not companion's file" in doctor.stdout
    assert "chmod" not in doctor.stdout
    assert (paths.journal_db / "mine.txt").read_text() == "someone's notes"


def test_doctor_names_where_a_link_points_in_a_fix(home: Path, tmp_path: Path, clock) -> None:
    _link, real = linked_journal(home, tmp_path)
    open_stores(resolve_paths(home), clock).entries.add(kind="free", text="x")
    (part,) = (real.parent / "journal").glob("entries-*.db")
    part.chmod(0o644)
    text = "\n".join(run_doctor(resolve_paths(home), {}).lines)
    data_link = resolve_paths(home).data_dir / "journal"
    assert f"chmod 600 {data_link / part.name}" in text  # reaches the file on the volume
    assert stat.S_IMODE(part.stat().st_mode) == 0o644  # doctor changes nothing
    config = tmp_path / "dotfiles" / "companion.toml"
    config.parent.mkdir()
    config.write_text('theme = "light"\n')
    config.chmod(0o644)
    (home / "config.toml").symlink_to(config)
    text = "\n".join(run_doctor(resolve_paths(home), {}).lines)
    assert f"a link to {config}" in text and f"chmod 600 {config}" in text
    assert f"chmod 600 {home / 'config.toml'}" not in text
    assert stat.S_IMODE(config.stat().st_mode) == 0o644


def test_a_config_link_to_nowhere_and_a_config_folder(home: Path, tmp_path: Path) -> None:
    paths = ensure_dirs(resolve_paths(home))
    paths.config_file.symlink_to(tmp_path / "gone" / "companion.toml")
    text = companion(home, "doctor").stdout
    assert "which is not there" in text and "chmod" not in text
    paths.config_file.unlink()
    paths.config_file.mkdir()
    doctor = companion(home, "doctor")
    assert "a folder, not a settings file" in doctor.stdout and "chmod" not in doctor.stdout
    assert companion(home, "--help").returncode == 0


def test_a_loop_of_links_where_the_journal_should_be(home: Path) -> None:
    paths = ensure_dirs(resolve_paths(home))
    (paths.data_dir / "elsewhere.db").symlink_to(paths.journal_db)
    paths.journal_db.symlink_to(paths.data_dir / "elsewhere.db")
    note = companion(home, "note", "hello")
    assert note.returncode == 1 and "Traceback" not in note.stderr, note.stderr
    assert "is a link that leads back to itself" in note.stderr
    assert "permission" not in note.stderr
    doctor = companion(home, "doctor")
    assert doctor.returncode == 1 and "Traceback" not in doctor.stderr, doctor.stderr
    assert f"! journal: {paths.journal_db} is a link that leads back to itself" in doctor.stdout
    assert "chmod" not in doctor.stdout
    zh = companion(home, "note", "你好", LANG="zh_CN.UTF-8")
    assert "指回了自己" in zh.stderr
    assert paths.journal_db.is_symlink() and not paths.journal_db.exists()
    paths.config_file.symlink_to(paths.config_file)  # a settings file linked to itself
    config = companion(home, "doctor")
    assert "Traceback" not in config.stderr, config.stderr
    assert companion(home, "--help").returncode == 0
