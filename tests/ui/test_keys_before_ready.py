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


def with_entries(app, count: int) -> None:  # type: ignore[no-untyped-def]
    for n in range(count):
        app.services.journal.add("free", {"text": f"entry number {n}"})


async def pushed_with_keys(app, screen, keys: str) -> None:  # type: ignore[no-untyped-def]
    """``screen`` pushed, and ``keys`` sent straight through the app's key route before
    it is ready (as the driver hands over a burst)."""
    from textual import events

    app.push_screen(screen)
    for key in keys:
        await app.keys.take(events.Key(key, key))


async def open_the_journal(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("j")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, JournalScreen))
    await settled(pilot)


async def passphrase_then_a_search(app) -> None:  # type: ignore[no-untyped-def]
    """``j``, the passphrase, Enter and "refund" in one go: the journal opens, with
    "refund" in its search box."""
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        burst(app, "j" + PASS, "enter")
        burst(app, "refund")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen), timeout=15)
        await wait_for(
            pilot, lambda: app.screen.query_one("#journal-query", Input).value == "refund"
        )


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
        await open_the_journal(pilot)
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
    from companion.ui.shell.help import HelpScreen

    app = app_factory("en")
    theme = app.theme
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        screen = HelpScreen()
        await pushed_with_keys(app, screen, "qt")
        assert screen.early_keys.waiting  # held: the screen is not ready yet
        app.pop_screen()
        await app.keys.ready(screen)
        await settled(pilot)
        assert app.is_running and app.theme == theme
        assert not screen.early_keys.waiting


async def test_j_and_a_pasted_passphrase_in_one_go(
    app_factory, home: Path, clock: FakeClock
) -> None:
    """A password manager that pastes (a terminal with bracketed paste) right after
    ``j``: the paste waits for the dialog's field like typed keys do, in its place."""
    from textual import events

    encrypted_journal(home, clock)
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        burst(app, "j")
        app.post_message(events.Paste(PASS))
        burst(app, "", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen), timeout=15)
        await settled(pilot)
        assert "the refund that went wrong" in screen_text(app)


async def test_a_list_key_after_arrows_acts_on_the_entry_the_arrows_reached(
    app_factory,
) -> None:
    """↓ ↓ then delete, * or ctrl+e in one go: the third entry is the one asked about,
    starred or edited. (Run at once in the app's turn, the key acted on the first: the
    arrows were still waiting in the list's queue.)"""
    from companion.ui.journal.dialogs import ConfirmDeleteScreen
    from companion.ui.journal.entry_editor import EntryEditorScreen

    app = app_factory("en")
    with_entries(app, 6)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_the_journal(pilot)
        journal = app.screen
        third = journal.shown[2].id
        burst(app, "", "down", "down", "asterisk")
        await wait_for(pilot, lambda: any(e.starred for e in app.services.journal.entries()))
        await settled(pilot)
        assert [e.id for e in app.services.journal.entries() if e.starred] == [third]
        burst(app, "", "up", "up", "down", "down", "delete")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDeleteScreen))
        assert app.screen.entry.id == third
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is journal)
        await settled(pilot)
        burst(app, "", "up", "up", "down", "down", "ctrl+e")
        await wait_for(pilot, lambda: isinstance(app.screen, EntryEditorScreen))
        await settled(pilot)
        assert app.screen.entry is not None and app.screen.entry.id == third


async def test_keys_after_the_save_key_go_to_the_list_the_save_leaves(app_factory) -> None:
    """ctrl+n, a kind, words, ctrl+s and more words in one go: the entry keeps exactly
    its words, and the words after the save search the list it went back to (they went
    into the editor that was closing, and were lost)."""
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_the_journal(pilot)
        burst(app, "", "ctrl+n", "4")
        burst(app, "first entry text", "ctrl+s")
        burst(app, "first")
        await wait_for(pilot, lambda: len(app.services.journal.entries()) == 1, timeout=15)
        await wait_for(
            pilot,
            lambda: (
                isinstance(app.screen, JournalScreen)
                and app.screen.query_one("#journal-query", Input).value == "first"
            ),
        )
    (entry,) = app.services.journal.entries()
    assert entry.text == "first entry text"


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_a_passphrase_then_more_keys_or_a_wrong_one_then_the_right_one(
    app_factory, home: Path, clock: FakeClock, lang: str
) -> None:
    """``j``, the passphrase, Enter and a search in one go: the passphrase alone is
    tried (the search had joined it: "wrong", one try gone) and the search goes to the
    journal. A wrong passphrase, Enter, the right one, Enter: the second waits for the
    first's answer, then opens the journal (it was lost while the first was checked)."""
    encrypted_journal(home, clock)
    app = app_factory(lang)
    await passphrase_then_a_search(app)
    again = app_factory(lang)
    async with again.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        burst(again, "jnot the one", "enter")
        burst(again, PASS, "enter")
        await wait_for(pilot, lambda: isinstance(again.screen, JournalScreen), timeout=15)
        await settled(pilot)
        assert "the refund that went wrong" in screen_text(again)


async def test_two_keys_at_once_bring_the_blank_screen_back_once(app_factory) -> None:
    """Two keys at once (an input method commits 你好 as two) on the blank screen: the
    first brings the app back; the second found the screen gone and the app closed."""
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        await pilot.press("ctrl+b")
        await settled(pilot)
        assert type(app.screen).__name__ == "BlankScreen"
        burst(app, "你好")
        await settled(pilot)
        assert app.is_running and type(app.screen).__name__ == "HomeScreen"


async def test_words_after_the_next_step_key_go_to_the_next_steps_field(app_factory) -> None:
    """Reframing: the facts, ctrl+n and the thought in one go: the thought is in the
    second step's field (it joined the facts: the step was drawn after it came)."""
    from textual.widgets import TextArea

    from companion.ui.practice.reframe import ReframeScreen

    app = app_factory("en")
    facts = "the customer yelled about the refund"
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ReframeScreen())
        await wait_for(pilot, lambda: isinstance(app.focused, TextArea))
        burst(app, facts, "ctrl+n")
        burst(app, "my thought qt")
        await wait_for(pilot, lambda: isinstance(app.focused, Input))
        await wait_for(pilot, lambda: app.focused.value == "my thought qt")
        screen = app.screen
        assert isinstance(screen, ReframeScreen) and screen.wizard.facts == facts


async def test_enter_on_keep_it_then_an_arrow_keeps_the_entry(app_factory) -> None:
    """↓ ↓ delete, Enter on "Keep it" and → in one go: kept. (The arrow moved the
    focus to "Delete" in the app's turn while the Enter still waited, and the Enter
    then pressed "Delete".)"""
    app = app_factory("en")
    with_entries(app, 3)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_the_journal(pilot)
        journal = app.screen
        for last in ("right", "down", "tab"):
            burst(app, "", "down", "down", "delete", "enter", last)
            await settled(pilot)
            await wait_for(pilot, lambda: app.screen is journal)
            assert len(app.services.journal.entries()) == 3, last


async def test_words_typed_after_the_lock_key_run_nothing_on_home(
    app_factory, home: Path, clock: FakeClock
) -> None:
    """Writing, ctrl+l, more words in one go: the journal locks, and the words typed
    after it do not act on Home (q quit the app, t switched the theme, h opened
    breathing)."""
    from companion.ui.journal.entry_editor import EntryEditorScreen
    from companion.ui.shell.home import HomeScreen

    encrypted_journal(home, clock)
    app = app_factory("en")
    theme = app.theme
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        burst(app, "j" + PASS, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen), timeout=15)
        await settled(pilot)
        burst(app, "", "ctrl+n", "4")
        await wait_for(pilot, lambda: isinstance(app.screen, EntryEditorScreen))
        await settled(pilot)
        burst(app, "secret text", "ctrl+l")
        burst(app, "then the quiet quite sure")
        await wait_for(pilot, lambda: app.services.stores.journal.locked)
        for _ in range(10):
            await pilot.pause(0.05)
        await settled(pilot)
        assert app.is_running and app.theme == theme
        assert [type(s) for s in app.screen_stack] == [HomeScreen]


async def test_keys_after_a_slow_unlock_reach_the_journal(
    app_factory, home: Path, clock: FakeClock, monkeypatch
) -> None:
    """A passphrase check longer than the 2 s net (a slow machine, several keys to
    make): the keys typed after Enter still wait for it, then search the journal (the
    net handed them to the disabled field, and they were lost)."""
    import time

    from companion.store import encryption

    real = encryption.unlock

    def slow(journal, passphrase):  # type: ignore[no-untyped-def]
        time.sleep(2.5)  # (in the dialog's worker thread)
        return real(journal, passphrase)

    monkeypatch.setattr(encryption, "unlock", slow)
    encrypted_journal(home, clock)
    app = app_factory("en")
    await passphrase_then_a_search(app)


async def test_the_sos_note_keeps_nothing_typed_after_its_save_key(app_factory) -> None:
    """The note's words, ctrl+s and more keys in one go: the note is its words only
    (its save key, bound on the screen, ran when it came back up from the field,
    after the keys typed next had joined the words)."""
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await wait_for(pilot, lambda: isinstance(app.screen, SosScreen))
        await settled(pilot)
        burst(app, "nrude customer", "ctrl+s")
        burst(app, "abc")
        await wait_for(pilot, lambda: len(app.services.journal.entries()) == 1, timeout=15)
        await settled(pilot)
    (entry,) = app.services.journal.entries()
    assert entry.text == "rude customer"


async def test_keys_held_while_the_route_is_paused_go_on_when_it_resumes(app_factory) -> None:
    """A screen becomes ready while an action elsewhere holds every key back (the idle
    lock's save, say): what it held goes to it when the route resumes, first."""
    from textual import events

    from companion.ui.routine.release import ReleaseScreen

    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        screen = ReleaseScreen()
        await pushed_with_keys(app, screen, "ab")
        resume = app.keys.pause()
        await app.keys.take(events.Key("c", "c"))
        await settled(pilot)  # (ready meanwhile: the held keys wait behind the pause)
        assert screen.early_keys.ready
        resume()
        await wait_for(pilot, lambda: screen.query_one("#went-well", Input).value == "abc")
