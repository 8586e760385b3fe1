"""A key that opens a screen and the keys typed straight after it, sent in one go (a
quick hand, a password manager's auto-type, a text expander): the keys after it reach
the screen it opened, in order, once that screen is ready for them. They were lost
before ("Nothing was typed"), or landed in a search box on the screen below.

``burst`` posts every key to the app at once, as the driver hands over a burst.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button, Input, Select

from companion.system.clock import FakeClock
from companion.ui.calm.sos import SosScreen
from companion.ui.journal.entries import JournalScreen
from companion.ui.shell.settings import SettingsScreen
from companion.ui.shell.typed_keys import takes_text
from tests.ui.helpers import burst, screen_text, settled, wait_for
from tests.ui.test_privacy import PASS, encrypted_journal

WORDS = {"en": "quiet refund", "zh": "仅退款"}  # (q quits, t switches the theme on Home)
NOTE = {
    "en": "qjkls you are useless, refund me now [bold]x[/] " * 4,
    "zh": "你这种客服就该被开除，我要仅退款，不然平台介入！" * 4,
}


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_j_and_the_passphrase_in_one_go_open_the_journal(
    app_factory, home: Path, clock: FakeClock, lang: str
) -> None:
    encrypted_journal(home, clock)
    app = app_factory(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        burst(app, "j" + PASS, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen), timeout=15)
        await settled(pilot)
        assert "the refund that went wrong" in screen_text(app)
        assert app.screen.query_one("#journal-query", Input).value == ""


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_j_and_a_search_in_one_go_search_the_journal(app_factory, lang: str) -> None:
    app = app_factory(lang)
    app.services.journal.add("free", {"text": "a quiet refund at last, 仅退款"})
    app.services.journal.add("free", {"text": "an early chat"})
    theme = app.theme
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        burst(app, "j" + WORDS[lang])
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
        await wait_for(
            pilot, lambda: app.screen.query_one("#journal-query", Input).value == WORDS[lang]
        )
        await settled(pilot)
        assert app.is_running and app.theme == theme
        assert len(app.screen.shown) == 1


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_the_sos_note_keeps_words_typed_with_its_key(app_factory, lang: str) -> None:
    """F2, then ``n`` and the customer's words and the keep key in one go: every
    character is kept, in order (a character that came before the words field had the
    focus was dropped, so they never came out reordered)."""
    app = app_factory(lang)
    text = NOTE[lang].strip()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await wait_for(pilot, lambda: isinstance(app.screen, SosScreen))
        await settled(pilot)
        burst(app, "n" + text, "ctrl+s")
        await wait_for(pilot, lambda: len(app.services.journal.entries()) == 1, timeout=15)
        await settled(pilot)
        assert isinstance(app.screen, SosScreen)
    (entry,) = app.services.journal.entries()
    assert entry.kind == "incident" and entry.text == text


async def test_a_new_entry_and_its_words_in_one_go(app_factory) -> None:
    """From the journal's list, the new-entry key, the kind, the words and the save key
    in one go: the words are the entry's, not a search of the list."""
    app = app_factory("en")
    text = "Order 4471: the customer thanked me in the end."
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
        await settled(pilot)
        burst(app, "", "ctrl+n", "4")
        burst(app, text, "ctrl+s")
        await wait_for(pilot, lambda: len(app.services.journal.entries()) == 1, timeout=15)
        await settled(pilot)
        assert isinstance(app.screen, JournalScreen)
        assert app.screen.query_one("#journal-query", Input).value == ""
    (entry,) = app.services.journal.entries()
    assert entry.text == text


async def test_an_open_drop_down_takes_its_letters(app_factory) -> None:
    """A drop-down's open list searches what is typed: a key of the screen's is not run
    over it in the app's turn, as it is over a button or a list."""
    app = app_factory("en")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, SettingsScreen))
        await settled(pilot)
        choice = app.screen.query(Select).first()
        choice.focus()
        await pilot.pause()
        assert takes_text(app.focused)
        choice.expanded = True
        await pilot.pause()
        assert not isinstance(app.focused, Select) and takes_text(app.focused)
        app.screen.query(Button).first().focus()
        await pilot.pause()
        assert not takes_text(app.focused)


async def test_keys_held_by_a_screen_closed_before_it_was_ready_act_nowhere(
    app_factory,
) -> None:
    """Keys a screen held, and the screen closed before it was ready (a break's reminder
    came over it): they are dropped, never handed to the screen now in front (on Home,
    ``q`` would quit and ``t`` switch the theme)."""
    from textual import events

    from companion.ui.shell.help import HelpScreen

    app = app_factory("en")
    theme = app.theme
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        screen = HelpScreen()
        app.push_screen(screen)
        for key in "qt":
            await app.keys.take(events.Key(key, key))
        assert screen.early_keys.waiting  # held: the screen is not ready yet
        app.pop_screen()
        await app.keys.ready(screen)
        await settled(pilot)
        assert app.is_running and app.theme == theme
        assert not screen.early_keys.waiting
