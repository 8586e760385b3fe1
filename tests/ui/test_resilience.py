"""Small terminals, broken data files and unexpected errors: kind words, nothing lost."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

from textual.app import App
from textual.widgets import Input

from companion.ui.app import CompanionApp
from companion.ui.shell.base import CompanionScreen
from companion.ui.shell.home import HomeScreen
from companion.ui.shell.store_problem import StoreProblemScreen
from companion.ui.shell.too_small import TooSmallScreen
from tests.layout import journal_dir
from tests.ui.helpers import screen_text, type_in, wait_for

SECRET = "the customer said I was useless 顾客骂我没用"


async def test_too_small_says_so_and_recovers(app_factory) -> None:
    app = app_factory("en")
    async with app.run_test(size=(40, 10)) as pilot:
        assert isinstance(app.screen, TooSmallScreen)
        text = screen_text(app)
        assert "Please make the window a little larger." in text
        assert "at least 60 × 16; it is 40 × 10 now" in text
        await pilot.resize_terminal(50, 12)
        await pilot.pause()
        assert "it is 50 × 12 now" in screen_text(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_too_small_in_chinese(app_factory) -> None:
    app = app_factory("zh")
    async with app.run_test(size=(30, 8)):
        assert "请把窗口再拉大一点。" in screen_text(app)


class Typing(CompanionScreen):
    """A screen with a text field whose action fails, standing in for any bug."""

    BINDINGS = [("f5", "explode", "")]
    draft_origin = "typing"  # what its unsaved input is kept under

    def compose(self):  # type: ignore[no-untyped-def]
        yield Input(id="words")

    def unsaved_input(self) -> dict[str, Any] | None:
        return {"words": self.query_one("#words", Input).value}

    def action_explode(self) -> None:
        raise RuntimeError(f"bug while handling {self.query_one('#words', Input).value}")


async def test_an_unexpected_error_keeps_typing_logs_privately_and_closes_kindly(
    app_factory, home: Path
) -> None:
    app: CompanionApp = app_factory("en", quiet_errors=True)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(Typing())
        await pilot.pause()
        await type_in(pilot, SECRET)
        app.simulate_key("f5")  # not pilot.press: that waits for a screen that is closing
        deadline = asyncio.get_running_loop().time() + 10
        while app.is_running and asyncio.get_running_loop().time() < deadline:
            await asyncio.sleep(0.02)
        assert not app.is_running
    assert app.crash_log == home / "logs" / "companion.log"
    log = app.crash_log.read_text("utf-8")
    assert "RuntimeError" in log and "action_explode" in log
    assert "useless" not in log and "顾客" not in log
    drafts = app.services.stores.drafts.all()
    assert [d.fields for d in drafts] == [{"words": SECRET}]
    assert drafts[0].origin == "typing"  # the name it declares, not its class name


def test_the_error_hook_is_still_where_textual_calls_it() -> None:
    # We override App._handle_exception on purpose (no public hook exists); if a
    # Textual upgrade renames it, this fails instead of errors silently dumping locals.
    assert "_handle_exception" in vars(App)
    assert CompanionApp._handle_exception is not App._handle_exception


async def test_a_corrupt_journal_offers_the_backup_and_restores_it(app_factory, home: Path) -> None:
    first = app_factory("en")
    first.services.stores.drafts.add(origin="x", fields={"text": "from monday"})
    app_factory("en")  # opening again takes the day's backup
    journal = journal_dir(home) / "drafts.db"  # the journal's file of unsaved writing
    journal.write_bytes(b"\x00\x01 not a journal")
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")  # the journal's files are checked as they are read
        await wait_for(pilot, lambda: isinstance(app.screen, StoreProblemScreen))
        text = screen_text(app)
        assert "Your journal file could not be read, so it was moved aside" in text
        assert "A backup from 2026-11-23 is available." in text
        await pilot.click("#restore")
        await wait_for(pilot, lambda: not isinstance(app.screen, StoreProblemScreen))
    assert [d.fields["text"] for d in app.services.stores.drafts.all()] == ["from monday"]
    moved = list(journal_dir(home).glob("drafts.db.corrupt-*"))
    assert len(moved) == 1 and moved[0].read_bytes() == b"\x00\x01 not a journal"


async def test_a_newer_store_is_refused_and_the_app_still_runs(app_factory, home: Path) -> None:
    (home / "data").mkdir(parents=True)
    raw = json.dumps({"_meta": {"schema": {"schema_version": 99}}}).encode()
    (home / "data" / "activity.db").write_bytes(raw)
    app = app_factory("zh", welcome_done=False)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, StoreProblemScreen)
        assert "由更新版本的 companion 写入" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
    assert (home / "data" / "activity.db").read_bytes() == raw
