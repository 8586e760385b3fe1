"""companion doctor: truthful, read-only, in the user's language."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from companion.services.doctor.report import human_size, run_doctor
from companion.store.stores import open_stores
from companion.system.clock import FakeClock
from companion.system.paths import ensure_dirs, resolve_paths
from tests.layout import part_backups, segment


def snapshot_tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_fresh_install_is_all_good(home: Path) -> None:
    report = run_doctor(resolve_paths(home), {})
    text = "\n".join(report.lines)
    assert report.problems == 0
    assert str(home / "config.toml") in text
    assert "journal: not created yet" in text
    assert "Language: English (from the default)" in text
    assert "Notifications: in-app only" in text  # no D-Bus session in the test env
    assert text.endswith("All good.")
    assert not home.exists()  # doctor created nothing


def test_healthy_stores_are_described(home: Path, clock: FakeClock) -> None:
    stores = open_stores(ensure_dirs(resolve_paths(home)), clock)
    stores.state.set("x", 1)
    open_stores(resolve_paths(home), clock)  # second open makes the day's backup
    text = "\n".join(run_doctor(resolve_paths(home), {}).lines)
    assert "activity log: readable, format 1" in text
    assert "1 backup(s), newest 2026-11-23" in text


def test_problems_are_counted_with_a_fix_and_nothing_is_touched(
    home: Path, clock: FakeClock
) -> None:
    paths = ensure_dirs(resolve_paths(home))
    paths.journal_db.write_bytes(b"\x00garbage")
    paths.journal_db.chmod(0o600)  # its mode is checked too (test_doctor_files.py)
    paths.config_file.write_text("theme = [\n")
    paths.config_file.chmod(0o644)
    (paths.data_dir).chmod(0o755)
    before = snapshot_tree(home)
    report = run_doctor(paths, {})
    text = "\n".join(report.lines)
    assert report.problems == 4
    assert "journal: cannot be read" in text and "fix: start companion" in text
    assert "config.toml could not be read: " in text
    assert f"fix: chmod 700 {paths.data_dir}" in text
    assert f"fix: chmod 600 {paths.config_file}" in text
    assert "4 thing(s) need your attention" in text
    assert snapshot_tree(home) == before


def test_doctor_speaks_chinese(home: Path) -> None:
    report = run_doctor(resolve_paths(home), {"LANG": "zh_CN.UTF-8"})
    text = "\n".join(report.lines)
    assert "语言：中文（来自LANG）" in text
    assert text.endswith("一切正常。")


def test_human_size() -> None:
    assert human_size(512) == "512 B"
    assert human_size(2048) == "2.0 KB"
    assert human_size(5 * 1024 * 1024) == "5.0 MB"


def test_an_encrypted_journal_is_reported_without_the_passphrase(
    home: Path, clock: FakeClock
) -> None:
    from companion.store import encryption

    stores = open_stores(ensure_dirs(resolve_paths(home)), clock)
    stores.entries.add(kind="free", text="x")
    encryption.encrypt(stores.journal, "secret words")
    report = run_doctor(resolve_paths(home), {})
    text = "\n".join(report.lines)
    assert "journal: encrypted with your passphrase (AES-256-GCM)" in text
    assert report.problems == 0


def test_files_set_aside_are_listed_with_how_to_remove_them(home: Path, clock: FakeClock) -> None:
    paths = ensure_dirs(resolve_paths(home))
    stores = open_stores(paths, clock)
    stores.entries.add(kind="free", text="what the customer said today")
    stores.state.set("x", 1)
    stores.close()
    open_stores(paths, clock).close()  # the day's backups
    paths.activity_db.write_bytes(b"\x00garbage")
    journal = segment(home)  # this month's segment of the journal
    journal.write_text(journal.read_text()[:-9])  # cut off mid-write
    stores = open_stores(paths, clock)  # the app opens the stores and reads the month:
    stores.entries.all()  # both damaged files are moved aside
    stores.close()
    moved = sorted(paths.data_dir.rglob("*.corrupt-*"), key=lambda p: p.name)
    assert len(moved) == 2 and b"what the customer said" in moved[1].read_bytes()
    before = snapshot_tree(home)
    report = run_doctor(paths, {})
    text = "\n".join(report.lines)
    # Both set-aside files, and both stores: the app still asks whether to restore.
    assert report.problems == 4 and "All good" not in text
    assert "journal: not created yet" not in text and "log: not created yet" not in text
    assert "! activity log: damaged and set aside" in text
    assert "restore the backup of 2026-11-23 or start fresh" in text
    backup = part_backups(home)[0]
    assert backup.name == "entries-2026-11-2026-11-23.db"
    # The app will ask again at start: no copying by hand beside that question.
    assert "you have not chosen yet: start companion to restore the backup of" in text
    assert f"cp {backup}" not in text
    for path in moved:
        assert f"! {path}: your " in text and f"delete it: rm {path}" in text
    assert "plain text: anyone who can open your files can read it" in text
    assert "4 thing(s) need your attention" in text
    assert snapshot_tree(home) == before
    zh = "\n".join(run_doctor(paths, {"LANG": "zh_CN.UTF-8"}).lines)
    assert "被挪开的文件" in zh and f"确定不需要了，就删掉它：rm {moved[0]}" in zh
    # Set aside by an older companion, which kept no record: copying back is offered.
    for record in paths.data_dir.rglob("*.undecided"):
        record.unlink()
    text = "\n".join(run_doctor(paths, {}).lines)
    assert f"copy the backup back yourself: cp {backup} {journal}" in text


def test_doctor_says_whether_the_journal_is_encrypted(
    home: Path, clock: FakeClock, monkeypatch, capsys
) -> None:
    from companion.cli import main
    from companion.store import encryption

    stores = open_stores(ensure_dirs(resolve_paths(home)), clock)
    stores.entries.add(kind="free", text="x")
    assert main(["doctor"]) == 0  # encryption is a choice, not something to fix
    out = capsys.readouterr().out
    assert "journal: readable, format 1" in out
    assert "    Not encrypted (encryption is optional)." in out
    assert "Settings → Privacy → Journal passphrase, or run: companion passphrase set" in out
    assert out.count("Not encrypted") == 1  # only the journal can be encrypted
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert main(["doctor"]) == 0
    zh = capsys.readouterr().out
    assert (
        "没有加密（加不加密由你决定）。如果想加密，可以在“设置 → 隐私 → 日记密码”里设一个密码" in zh
    )

    encryption.encrypt(stores.journal, "secret words")
    monkeypatch.delenv("LANG")
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    assert "journal: encrypted with your passphrase" in out and "Not encrypted" not in out
    assert "Encryption format 1, key made from your passphrase with scrypt" in out
    assert "(N=2^15, r=8, p=1)" in out and "can be read only once it is unlocked" in out


def test_plain_backups_of_an_encrypted_journal_are_named_or_counted(
    home: Path, clock: FakeClock
) -> None:
    """A few plain backups beside an encrypted journal are named, each with its fix; an
    older version's killed conversion left hundreds, one line each, so many are said
    once, with the folder and the one fix that covers them."""
    from datetime import timedelta

    from companion.store import encryption
    from companion.store.backup import backup_path

    stores = open_stores(resolve_paths(home), clock)
    stores.entries.add(kind="free", text="a private refund")
    plain = segment(home).read_bytes()
    encryption.encrypt(stores.journal, "long enough 123")
    copies = home / "backups" / "journal"
    copies.mkdir(mode=0o700, parents=True, exist_ok=True)
    day = clock.now().date()
    made = [backup_path(segment(home), copies, day - timedelta(days=n)) for n in (10, 11)]
    for path in made:
        path.write_bytes(plain)
        path.chmod(0o600)
    os.mkfifo(backup_path(segment(home), copies, day - timedelta(days=9)))  # not a backup
    report = run_doctor(resolve_paths(home), {})
    text = "\n".join(report.lines)
    assert all(f"{path}: a backup of your encrypted journal" in text for path in made), text
    assert report.problems == 2, text
    for n in range(12, 42):  # thirty more
        more = backup_path(segment(home), copies, day - timedelta(days=n))
        more.write_bytes(plain)
        more.chmod(0o600)
    report = run_doctor(resolve_paths(home), {})
    text = "\n".join(report.lines)
    assert f"32 backups of your encrypted journal are still in plain text, in {copies}" in text
    assert "a backup of your encrypted journal still in plain text" not in text
    assert report.problems == 1


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_plain_search_files_beside_an_encrypted_journal_are_named(
    home: Path, clock: FakeClock, lang: str
) -> None:
    """A plain search file that sealing the journal could not delete (made immutable,
    under a mount) kept the month's words readable without a word said; doctor names
    it with its fix, and many in one line. Sealed ones, an empty one and a pipe named
    like one are not named."""
    from companion.store import encryption
    from companion.store.search_file import search_path

    stores = open_stores(resolve_paths(home), clock)
    stores.entries.add(kind="free", text="a private refund")
    plain_search = search_path(segment(home)).read_bytes()
    encryption.encrypt(stores.journal, "long enough 123")
    folder = segment(home).parent
    left = folder / "entries-2019-01.search"
    left.write_bytes(plain_search)
    (folder / "entries-2019-02.search").write_bytes(b"")
    for path in (left, folder / "entries-2019-02.search"):
        path.chmod(0o600)
    os.mkfifo(folder / "entries-2019-03.search", 0o600)
    env = {"COMPANION_LANG": lang}
    report = run_doctor(resolve_paths(home), env)
    text = "\n".join(report.lines)
    said = f"{left}: a search file of your encrypted journal in plain text"
    if lang == "zh":
        said = f"{left}：日记已加密，但这个搜索文件还是明文"
    assert said in text and f"rm {left}" in text, text
    assert report.problems == 1, text
    for n in range(4, 12):
        (folder / f"entries-2019-{n:02}.search").write_bytes(plain_search)
        (folder / f"entries-2019-{n:02}.search").chmod(0o600)
    text = "\n".join(run_doctor(resolve_paths(home), env).lines)
    assert ("9 search files" if lang == "en" else "有 9 个搜索文件") in text, text
    assert str(left) not in text
