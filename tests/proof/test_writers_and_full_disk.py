"""The app and a command writing at the same moment keep every record; a full disk in
the middle of the app's work says so plainly, keeps the old data and the app running."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.layout import segment
from tests.ui.helpers import Notes, wait_for

pytestmark = pytest.mark.slow


async def test_the_app_and_the_cli_writing_at_once_lose_nothing(app_factory, home: Path) -> None:
    app = app_factory("en")
    script = str(Path(sys.executable).parent / "companion")
    notes = [
        subprocess.Popen(
            [script, "--data-dir", str(home), "note", f"from the shell {n}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for n in range(12)
    ]
    async with app.run_test(size=(80, 24)):
        for n in range(12):  # the app writes while the commands do
            app.services.journal.add("free", {"text": f"from the app {n}"})
        codes = [p.wait(timeout=120) for p in notes]
        said = [p.stderr.read().decode("utf-8", "replace") for p in notes if p.stderr]
        assert codes == [0] * 12, said  # (what a command that failed said, to see why)
        texts = {e.text for e in app.services.journal.entries()}
    assert {f"from the shell {n}" for n in range(12)} <= texts
    assert {f"from the app {n}" for n in range(12)} <= texts


async def test_a_full_disk_while_saving_an_entry(app_factory, home: Path, monkeypatch) -> None:
    app = app_factory("en")
    app.services.journal.add("free", {"text": "written yesterday"})
    journal = segment(home)  # where the entry is saved (this month's segment)
    async with app.run_test(size=(80, 24)) as pilot:
        notes = Notes(app)
        await pilot.press("j", "ctrl+n")
        await pilot.pause()
        await pilot.press("enter")  # the first kind
        await pilot.pause()
        await pilot.press(*"a thought that must not vanish")

        def full(*args, **kwargs):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        # (Read just before the disk fills: on a slow machine the typing above takes
        # longer than the editor's 3-second autosave, which may keep a draft first.)
        before = journal.read_bytes()
        monkeypatch.setattr(os, "write", full)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "Could not save" in notes.text())
        monkeypatch.undo()
        assert app.is_running
        assert journal.read_bytes() == before  # the old file, whole
        assert "a thought that must not vanish" in str(app.screen.unsaved_input())
        await pilot.press("ctrl+s")  # space again: it saves
        await wait_for(
            pilot, lambda: any("must not vanish" in e.text for e in app.services.journal.entries())
        )
