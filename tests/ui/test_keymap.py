"""A person's own keys from config.toml's [keys], in the real app at 80x24: the new key
does the thing and the old one no longer does; Home, the footer, help, the palette and
the hints that name a key all show the person's key; a bad entry is told once."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette
from textual.widgets import Input

from companion.ui.calm.sos import SosScreen
from companion.ui.shell.base import CompanionScreen
from companion.ui.shell.help import HelpScreen
from companion.ui.shell.home import HomeScreen
from tests.ui.helpers import Notes, awake, screen_text, text_of, wait_for
from tests.ui.test_home import key_pairs

KEYS = '[keys]\njournal = "J"\ntake_break = "b"\nsos = "f3"\n'


def configure(home: Path, text: str) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(text, "utf-8")


def footer_keys(app) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(key, description) of each key the footer shows, in order."""
    return [(k.key_display, k.description) for k in app.screen.query("FooterKey")]


@pytest.mark.parametrize(
    ("lang", "journal", "take_break"),
    [("en", "Journal", "Take a break"), ("zh", "日记", "休息一下")],
)
async def test_the_new_key_opens_the_journal_and_the_old_one_does_not(
    app_factory, home: Path, lang: str, journal: str, take_break: str
) -> None:
    configure(home, KEYS)
    app = app_factory(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        pairs = key_pairs(screen_text(app))
        assert ("J", journal) in pairs and ("j", journal) not in pairs  # Home's list
        # in the footer, in its usual place (Textual would put a remapped key last, where
        # it falls off the end): SOS first, as on the help page
        assert footer_keys(app)[0] == ("f3", "SOS" if lang == "en" else "SOS 缓一缓")
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("J")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "JournalScreen")


async def test_help_lists_the_persons_keys(app_factory, home: Path) -> None:
    configure(home, KEYS)
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = [tuple(line.split()) for line in screen_text(app).splitlines()]
        assert ("j", "Journal") not in rows and ("f2", "/", "^o", "SOS") not in rows
        first = rows.index(("f3", "SOS"))  # and in the usual order: SOS works everywhere,
        assert rows[first + 1] == ("^l", "Lock", "journal")
        letters = rows.index(("h", "Breathe"))  # the letters from Home
        assert rows[letters : letters + 5] == [
            ("h", "Breathe"),
            ("b", "Take", "a", "break"),
            ("c", "Chat", "done"),
            ("C", "Rough", "chat", "done"),
            ("J", "Journal"),
        ]
        assert rows.index(("From", "Home")) < letters


async def test_the_palette_names_the_persons_key(app_factory, home: Path) -> None:
    configure(home, KEYS)
    app = app_factory("zh")
    async with app.run_test(size=(80, 24)) as pilot:
        commands = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert commands["日记"].endswith("快捷键 J")
        assert commands["休息一下"].endswith("快捷键 b")
        assert "快捷键" not in commands["转念卡"]  # a palette-only action has no key
        await pilot.press("ctrl+p", *"日记")
        assert isinstance(app.screen, CommandPalette)
        found = app.screen.query_one(CommandList)
        await wait_for(pilot, lambda: found.option_count > 0)
        shown = [str(found.get_option_at_index(i).prompt) for i in range(found.option_count)]
        assert any("快捷键 J" in prompt for prompt in shown), shown


class Typing(CompanionScreen):
    def compose(self):  # type: ignore[no-untyped-def]
        yield Input(id="words")


async def test_a_key_that_works_while_typing_moves_too(app_factory, home: Path) -> None:
    configure(home, KEYS)
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(Typing())
        await pilot.pause()
        await pilot.press(*"Jj")  # typed into the field, not the journal's keys
        await pilot.press("f2")  # SOS's old key does nothing now
        await pilot.pause()
        assert isinstance(app.screen, Typing)
        await pilot.press("f3")
        assert isinstance(app.screen, SosScreen)
        await pilot.press("escape")
        assert app.screen.query_one("#words", Input).value == "Jj"


async def test_hints_that_name_a_key_name_the_persons(app_factory, home: Path, clock) -> None:
    configure(home, KEYS)
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        notes = Notes(app)
        awake(app, clock, hours=2)
        await pilot.pause()
        await pilot.press("c")  # "after this chat"
        await pilot.pause()
        assert "Press b when you're free" in notes.text()
        status = text_of(app.screen.query_one("#break-status"))
        assert status == "Break after this chat. Press b when you're free."
        await pilot.press("b")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "BreakScreen")


async def test_the_passphrase_dialog_names_the_persons_lock_key(app_factory, home: Path) -> None:
    configure(home, '[keys]\nlock = "f9"\n')
    app = app_factory("zh")
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_run("passphrase")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "PassphraseScreen")
        await pilot.pause()
        assert "按 f9 或离开一会儿就会自动上锁" in screen_text(app)


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", 'keys.journal = "k": “k” is already the key of take_break'),
        ("zh", 'keys.journal = "k"：“k”已经是 take_break 的快捷键了'),
    ],
)
async def test_a_bad_entry_is_told_once_and_the_rest_apply(
    app_factory, home: Path, lang: str, said: str
) -> None:
    configure(home, '[keys]\njournal = "k"\nmood = "M"\n')
    app = app_factory(lang)
    notes = Notes(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("k")  # still take_break's key
        await wait_for(pilot, lambda: type(app.screen).__name__ == "BreakScreen")
        await pilot.press("escape")
        await pilot.press("j")  # journal kept its key
        await wait_for(pilot, lambda: type(app.screen).__name__ == "JournalScreen")
        await pilot.press("escape", "s")  # Settings lists it with the other problems
        await wait_for(pilot, lambda: type(app.screen).__name__ == "SettingsScreen")
        await pilot.pause()
        assert said in screen_text(app)
    warnings = [m for m, severity in notes.messages if severity == "warning"]
    assert len(warnings) == 1 and said in warnings[0]
    assert app.keymap == {"mood": "M"}
