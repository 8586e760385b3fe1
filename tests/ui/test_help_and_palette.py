"""? lists every key in the user's language; the palette has every action."""

from __future__ import annotations

from textual.command import CommandList, CommandPalette
from textual.widgets import Input

from companion.ui.shell.help import HelpScreen
from companion.ui.shell.settings import SettingsScreen
from tests.ui.helpers import Notes, screen_text, wait_for


def rows(text: str) -> set[tuple[str, ...]]:
    return {tuple(line.split()) for line in text.splitlines() if line.strip()}


async def test_help_lists_every_app_key(app_factory) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        found = rows(screen_text(app))
        for row in [
            ("^q", "Quit"),  # everywhere
            ("q", "Quit"),  # from Home
            ("s", "Settings"),
            ("?", "/", "f1", "Help"),
            ("t", "Light/dark"),
            ("^p", "Commands"),
        ]:
            assert row in found, row
        assert not any("Focus" in " ".join(r) for r in found)  # Textual's own, not ours
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_help_shows_the_keys_of_the_screen_below(app_factory) -> None:
    app = app_factory("zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "f1")
        text = screen_text(app)
        assert "当前页面" in text and ("esc", "返回") in rows(text)
        assert "任何页面" in text and ("^q", "退出") in rows(text)
        assert "在首页" in text and ("s", "设置") in rows(text)


async def test_footer_speaks_the_language(app_factory) -> None:
    app = app_factory("zh")
    async with app.run_test(size=(80, 24)):
        descriptions = {a.binding.description for a in app.screen.active_bindings.values()}
        assert {"设置", "帮助", "退出"} <= descriptions


async def test_palette_lists_translated_commands_and_runs_them(app_factory) -> None:
    app = app_factory("zh")
    async with app.run_test(size=(80, 24)) as pilot:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        # Features append their own commands after the shell's.
        assert titles[0] == "首页" and titles[-1] == "退出"
        assert {"设置", "按键说明", "切换浅色/深色", "欢迎导览"} <= set(titles)
        assert {"休息一下", "勿扰模式", "能量站", "放下今天"} <= set(titles)
        assert {"呼吸练习", "SOS：一分钟缓一缓"} <= set(titles)
        assert {
            "换个角度想",
            "练习室",
            "转念卡",
            "情绪卡",
            "情景选择题",
            "想法转换表",
            "回复助手",
            "角色扮演",
            "成长复盘",
        } <= set(titles)
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(Input).placeholder == "搜索命令…"  # not a raw key
        await pilot.press(*"设置")
        await wait_for(pilot, lambda: app.screen.query_one(CommandList).option_count > 0)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)


async def test_ctrl_c_explains_how_to_quit(app_factory) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        notes = Notes(app)
        await pilot.press("ctrl+c")
        assert "To quit companion, press" in notes.text()


async def test_footers_keep_to_the_screen_at_hand(app_factory) -> None:
    def shown(app) -> set[str]:  # type: ignore[no-untyped-def]
        return {
            a.binding.description for a in app.screen.active_bindings.values() if a.binding.show
        }

    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        # Home: SOS, Settings, Help and Quit (its own list names every other key)
        assert {"SOS", "Settings", "Help", "Quit"} <= shown(app)
        await pilot.press("s")
        assert "Back" in shown(app) and "Help" in shown(app)
        assert not {"Journal", "Mood check-in", "Quit"} & shown(app)
        await pilot.press("j")  # a letter belongs to the screen: it opens nothing here
        assert isinstance(app.screen, SettingsScreen)
