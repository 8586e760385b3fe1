"""The command palette finds every action by the words a person tries, in English and
in Chinese, and never shows Textual's own English (issue 15, friction and Chinese)."""

from __future__ import annotations

import pytest
from textual.command import CommandList, CommandPalette
from textual.widgets import Input

from tests.ui.helpers import wait_for


async def found(pilot, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The palette's options for ``query``, as shown (title, then help line)."""
    app = pilot.app
    if not isinstance(app.screen, CommandPalette):
        await pilot.press("ctrl+p")
    app.screen.query_one(Input).value = query
    commands = app.screen.query_one(CommandList)
    await wait_for(pilot, lambda: commands.option_count > 0)
    await pilot.pause(0.3)  # (every provider has answered)
    return [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]


@pytest.mark.parametrize(
    ("lang", "query", "title"),
    [
        ("en", "help", "Keys"),
        ("en", "theme", "Switch light/dark"),
        ("en", "export", "Export the journal"),
        ("en", "passphrase", "Journal passphrase"),
        ("en", "vent", "Vent pad"),
        ("en", "unlock", "Unlock the journal"),
        ("en", "password", "Journal passphrase"),
        ("zh", "帮助", "按键说明"),
        ("zh", "主题", "切换浅色/深色"),
        ("zh", "导出", "导出日记"),
        ("zh", "密码", "日记密码"),
        ("zh", "吐槽", "吐槽板"),
        ("zh", "解锁", "解锁日记"),
        ("zh", "theme", "切换浅色/深色"),  # an English word finds it in Chinese too
    ],
)
async def test_the_palette_finds_an_action_by_a_word(app_factory, lang, query, title) -> None:
    app = app_factory(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        options = await found(pilot, query)
        assert options[0].startswith(title), options


@pytest.mark.parametrize(
    ("lang", "said"), [("en", "No matches found"), ("zh", "没有找到匹配的命令")]
)
async def test_nothing_found_is_said_in_the_persons_language(app_factory, lang, said) -> None:
    app = app_factory(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        options = await found(pilot, "zzzqqq")
        assert len(options) == 1 and options[0].startswith(said)
        if lang == "zh":
            assert "No matches" not in options[0]
        await pilot.press("enter")  # choosing it does nothing
        await pilot.pause()


async def test_export_vent_and_unlock_run_from_the_palette(app_factory, home, monkeypatch) -> None:
    import threading

    import companion.ui.journal.export as export_screen

    threads = []  # the export reads every entry: at 25,000 the app froze while it ran
    real = export_screen.export_to_folder

    def recorded(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(export_screen, "export_to_folder", recorded)
    app = app_factory("en")
    app.services.journal.add("free", {"text": "a line to keep"})
    async with app.run_test(size=(80, 24)) as pilot:
        await found(pilot, "export")
        await pilot.press("enter")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ExportScreen")
        await pilot.press("enter")  # Markdown, the first
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HomeScreen")
        assert threads and threads[0] is not threading.main_thread()  # in a worker
        [exported] = list((home / "data" / "exports").iterdir())
        assert "a line to keep" in exported.read_text("utf-8")
        assert exported.stat().st_mode & 0o777 == 0o600
        await found(pilot, "vent")
        await pilot.press("enter")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "VentScreen")
