"""Keys do what the person meant: a letter typed in a list or a field never runs an app
command, the journal list searches what is typed, a mood needs its score, and the
arrows move between choices (issue 15, items 1-3)."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from companion.ui.breaks.dnd import DndScreen
from companion.ui.insights.screen import InsightsScreen
from companion.ui.journal.entries import JournalScreen
from companion.ui.journal.entry_editor import EntryEditorScreen
from companion.ui.shell.help import HelpScreen
from companion.ui.shell.home import HomeScreen
from companion.ui.shell.settings import SettingsScreen
from tests.ui.helpers import screen_text, wait_for


def query(app) -> str:  # type: ignore[no-untyped-def]
    return app.screen.query_one("#journal-query", Input).value


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_letters_typed_in_the_journal_list_search_and_run_nothing(app_factory, lang) -> None:
    app = app_factory(lang)
    app.services.journal.add("free", {"text": "a late refund"})
    app.services.journal.add("free", {"text": "an early one"})
    theme = app.theme
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        assert isinstance(app.screen, JournalScreen)
        # t (theme), q (quit), e (edit), d (delete), k (kind), n (new), h (breathe)...
        await pilot.press(*"late")
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen) and app.is_running
        assert query(app) == "late" and app.theme == theme
        assert len(app.screen.shown) == 1
        await pilot.press("enter")  # back to the list; the next letters carry on the search
        await pilot.press(*" tqedkn")
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen) and app.is_running
        assert query(app) == "late tqedkn" and app.theme == theme
    assert len(app.services.stores.entries.all()) == 2  # nothing deleted, nothing added
    assert app.services.config.settings.theme == "dark"  # nothing saved either


async def test_the_list_keeps_its_own_signs_and_control_keys(app_factory) -> None:
    app = app_factory("en")
    app.services.journal.add("free", {"text": "first"})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "asterisk")  # * stars the entry under the cursor
        await pilot.pause()
        assert app.services.stores.entries.all()[0].starred
        assert query(app) == ""
        await pilot.press("question_mark")  # help, not a search for "?"
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for row in ("^n", "del", "*", "/", "←", "→"):
            assert row in text, row
        await pilot.press("escape", "ctrl+n")  # a new entry: the kinds to choose from
        assert type(app.screen).__name__ == "KindPickerScreen"


async def test_the_filter_goes_back_as_well_as_forward(app_factory) -> None:
    app = app_factory("en")
    app.services.journal.add("free", {"text": "free words"})
    app.services.journal.add("thought", {"text": "a thought"}, starred=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        screen = app.screen
        assert isinstance(screen, JournalScreen)
        await pilot.press("right")
        assert (screen.kind_filter, screen.starred_only) == (None, True)
        assert [e.row.line for e in screen.shown] == ["a thought"]
        await pilot.press("right")
        assert screen.kind_filter == "thought"
        await pilot.press("left", "left")
        assert (screen.kind_filter, screen.starred_only) == (None, False)
        assert len(screen.shown) == 2
        await pilot.press("left")  # round to the last kind
        assert screen.kind_filter is not None


@pytest.mark.parametrize("screen_key", ["s", "i"])
async def test_app_letters_open_things_from_home_only(app_factory, screen_key) -> None:
    app = app_factory("en")
    theme = app.theme
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(screen_key)
        room = type(app.screen)
        assert room in (SettingsScreen, InsightsScreen)
        await pilot.press("t", "q", "j", "h", "m", "k")
        await pilot.pause()
        assert type(app.screen) is room and app.is_running and app.theme == theme
        await pilot.press("f2")  # keys that type nothing still work everywhere
        assert type(app.screen).__name__ == "SosScreen"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")  # back home, where the letters act
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("t")
        assert app.theme != theme


async def test_help_says_where_each_key_works(app_factory) -> None:
    app = app_factory("zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "f1")
        text = screen_text(app)
        assert "当前页面" in text and "任何页面" in text and "在首页" in text
        everywhere = text.split("任何页面")[1].split("在首页")[0]
        from_home = text.split("在首页")[1]
        assert "^q" in everywhere and "f2" in everywhere and "? / f1" in everywhere
        assert " t " not in everywhere and "q " not in everywhere.replace("^q", "")
        for key in ("t", "q", "j", "h"):
            assert f"\n{key}" in "\n" + "\n".join(line.strip() for line in from_home.splitlines())


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_a_mood_needs_its_score_and_a_digit_gives_it(app_factory, lang) -> None:
    app = app_factory(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "ctrl+n", "5")  # the fifth kind is the mood check-in
        await pilot.pause()
        assert isinstance(app.screen, EntryEditorScreen) and app.screen.kind == "mood"
        score = app.screen.query_one("#answer-score")
        assert score.has_focus  # the score comes first
        prompt = {"en": "Select", "zh": "请选择"}[lang]  # asked in the person's language
        assert str(score.query_one("SelectCurrent Static").content) == prompt
        await pilot.press("3", "tab", *"tired", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)
    [entry] = app.services.stores.entries.all()
    assert entry.fields["score"] == 3 and entry.fields["words"] == "tired"


async def test_a_mood_without_a_score_is_not_saved(app_factory) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m", "w")  # the full check-in, from the one-key dialog
        await pilot.pause()
        await pilot.press("tab", *"3 tired", "ctrl+s")  # the words, but no score
        await pilot.pause()
        assert isinstance(app.screen, EntryEditorScreen)
        assert "needs its score first" in screen_text(app)
    assert app.services.stores.entries.all() == []


async def test_arrows_move_between_do_not_disturb_choices(app_factory, clock) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d")
        assert isinstance(app.screen, DndScreen)
        await pilot.press("down", "down")
        focused = app.screen.focused
        assert focused is not None and focused.id == "dnd-end"
        assert "▸" in str(focused.label)  # marked in words too, not only in colour
        assert "Choose" in [b.binding.description for b in app.screen.active_bindings.values()]
        await pilot.press("enter")
        await pilot.pause()
    until = app.rhythm.view().dnd_until
    assert until is not None and until.hour == 0  # the rest of the day, not 30 minutes


async def test_arrows_move_between_feelings_and_the_welcome_languages(app_factory) -> None:
    app = app_factory(None, welcome_done=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "WelcomeScreen"
        await pilot.press("right", "enter")  # English is focused; → is 中文
        await wait_for(pilot, lambda: app.strings.lang == "zh")
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        from companion.ui.routine.energy import EnergyScreen

        app.push_screen(EnergyScreen())
        await pilot.pause()
        screen = app.screen
        screen.step = "feeling"
        await screen.recompose()
        screen._focus()
        await pilot.pause()
        await pilot.press("down", "down", "up", "down", "down", "enter")
        await pilot.pause()
        assert screen.feeling == "tired"  # the fourth, not the first
