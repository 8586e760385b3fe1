"""The friction the issue lists, removed (issue 15, "Friction to remove"): ctrl+q while
writing keeps the draft and says so, the draft comes back at the next start, the list's
cursor goes to what was just saved, "let the day go" opened by hand doesn't claim the
shift is over, locked Insights says the mood is locked, the practice room's last tool is
in view, and feelings are written back with the Chinese comma."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, TextArea

from companion.system.clock import FakeClock
from companion.ui.journal.dialogs import DraftOfferScreen
from companion.ui.journal.entries import JournalScreen
from companion.ui.journal.entry_editor import EntryEditorScreen
from companion.ui.shell.home import HomeScreen
from tests.ui.helpers import screen_text, type_in, wait_for
from tests.ui.test_privacy import encrypted_journal


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_ctrl_q_while_writing_keeps_the_draft_and_it_comes_back_at_start(
    app_factory, lang, capsys
) -> None:
    app = app_factory(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "ctrl+n", "4")  # free writing
        await pilot.pause()
        assert isinstance(app.screen, EntryEditorScreen)
        await type_in(pilot, "half a thought, not saved")  # (sooner than the autosave)
        await pilot.press("ctrl+q")
        await pilot.pause()
    said = {"en": "kept as a draft", "zh": "已存成草稿"}[lang]
    assert said in capsys.readouterr().err  # said as companion closes
    again = app_factory(lang)
    async with again.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(again.screen, DraftOfferScreen))
        await pilot.press("enter")  # carry on writing
        await wait_for(pilot, lambda: isinstance(again.screen, EntryEditorScreen))
        text = again.screen.query_one("#answer-text", TextArea).text
        assert text == "half a thought, not saved"
        await type_in(pilot, ", and more")  # carries on where it stopped, not before it
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(again.screen, HomeScreen))
    entries = again.services.journal.entries()
    assert [e.text for e in entries] == ["half a thought, not saved, and more"]


async def test_a_locked_journal_offers_its_draft_only_once_unlocked(
    app_factory, home: Path, clock: FakeClock
) -> None:
    encrypted_journal(home, clock)
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)  # no passphrase asked for at start


async def test_after_saving_the_cursor_is_on_the_new_entry(app_factory, clock) -> None:
    app = app_factory("en")
    for n in range(3):
        app.services.journal.add("free", {"text": f"older {n}"})
        clock.advance(minutes=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "down", "down")  # the cursor on an older one
        listing = app.screen.query_one("#journal-list", OptionList)
        assert listing.highlighted == 2
        clock.advance(minutes=1)
        await pilot.press("ctrl+n", "4", *"just written", "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
        await pilot.pause()
        entry = app.screen.selected()
        assert entry is not None and entry.text == "just written"


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_let_the_day_go_by_hand_does_not_end_the_shift(app_factory, lang) -> None:
    app = app_factory(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        text = screen_text(app)
        assert "Your shift is over" not in text and "下班了" not in text
        assert {"en": "Before you leave the day behind", "zh": "把今天放下之前"}[lang] in text
        app.screen.dismiss()
        await pilot.pause()
        app.routine.offer_release()  # the shift's end offers it: then it may say so
        await pilot.pause()
        assert {"en": "Your shift is over", "zh": "下班了"}[lang] in screen_text(app)


@pytest.mark.parametrize(
    ("lang", "said"), [("en", "locked with your journal"), ("zh", "日记已上锁")]
)
async def test_insights_while_locked_says_the_mood_is_locked(
    app_factory, home: Path, clock: FakeClock, lang, said
) -> None:
    encrypted_journal(home, clock)
    app = app_factory(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        app.services.stores.break_events.add(kind="skipped", fields={})  # a figure to show
        await pilot.press("i")
        await pilot.pause()
        text = screen_text(app)
        assert said in text
        assert "no mood check-ins yet" not in text and "还没有心情打卡" not in text


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_the_practice_rooms_last_tool_is_in_view(app_factory, lang) -> None:
    app = app_factory(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        tools = app.screen.query_one("#tools", OptionList)
        assert tools.max_scroll_y == 0  # all seven, without scrolling
        assert "1234567" in "".join(k.key_display for k in app.screen.query("FooterKey"))


async def test_feelings_are_written_back_with_the_chinese_comma(app_factory) -> None:
    app = app_factory("zh")
    app.services.journal.add("thought", {"text": "差评", "emotions": "生气 80, 委屈 60"})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "enter")
        await pilot.pause()
        assert "生气 80，委屈 60" in screen_text(app)
        await pilot.press("escape", "ctrl+e")
        await pilot.pause()
        assert app.screen.query_one("#answer-emotions", Input).value == "生气 80，委屈 60"


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("keys", [["d"], ["m"], ["j", "delete"], ["j", "ctrl+n"]])
async def test_dialogs_show_their_own_keys_in_the_footer(app_factory, lang, keys) -> None:
    """A dialog's footer names how to choose and how to leave, never Home's rooms."""
    app = app_factory(lang)
    app.services.journal.add("free", {"text": "a line"})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        assert not isinstance(app.screen, (HomeScreen, JournalScreen))
        shown = [k.key_display for k in app.screen.query("FooterKey")]
        assert "esc" in shown, shown
        assert not {"j", "h", "k", "b", "i", "q", "t"} & set(shown), shown  # Home's letters
        assert {"⏎", "↑", "←", "1"} & set(shown), shown  # how to choose
