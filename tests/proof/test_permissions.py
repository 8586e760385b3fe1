"""Everything companion writes is readable by the owner only: files 0600, folders 0700,
backups, locks, logs and quarantined files included."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from companion.store import encryption
from companion.store.stores import open_stores
from companion.system.clock import FakeClock
from companion.system.paths import resolve_paths

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def modes(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root)): stat.S_IMODE(p.stat().st_mode) for p in root.rglob("*")}


def assert_private(root: Path) -> None:
    wrong = {
        name: oct(mode)
        for name, mode in modes(root).items()
        if mode != (0o700 if (root / name).is_dir() else 0o600)
    }
    assert wrong == {}


async def test_everything_written_is_private(app_factory, home: Path, clock: FakeClock) -> None:
    old = os.umask(0o002)  # a permissive umask must not leak into our files
    try:
        app = app_factory("en")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("t")  # writes config.toml
        stores = open_stores(resolve_paths(home), clock)
        stores.entries.add(kind="free", text="x")
        clock.advance(days=1)
        stores = open_stores(resolve_paths(home), clock)  # a backup
        encryption.encrypt(stores.journal, "long enough 123")
        (home / "data" / "activity.db").write_bytes(b"garbage")
        open_stores(resolve_paths(home), clock)  # quarantines it
        from companion.cli import main

        os.environ["COMPANION_PASSPHRASE"] = "long enough 123"
        try:
            main(
                [
                    "--data-dir",
                    str(home),
                    "export",
                    "--format",
                    "md",
                    "--out",
                    str(home / "my-export.md"),
                ]
            )
        finally:
            del os.environ["COMPANION_PASSPHRASE"]
    finally:
        os.umask(old)
    names = modes(home)
    assert "config.toml" in names and any(n.startswith("backups/journal/entries-") for n in names)
    assert any(".corrupt-" in n for n in names) and "data/journal/journal.lock" in names
    assert any(n.startswith("data/journal/entries-") for n in names)  # segments, search files
    assert "my-export.md" in names
    assert_private(home)
