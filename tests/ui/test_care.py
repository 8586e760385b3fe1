"""Help lines within reach: one key from everywhere, from SOS and from Help, a row in
Settings, the palette in both languages; the employer's line from Settings; and the
quiet offer, a line and never a dialog, at most once a day."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.command import CommandList, CommandPalette
from textual.widgets import Button, Input, Static

from companion.packs import practice as practice_packs
from companion.ui.calm.breathe import BreatheScreen
from companion.ui.calm.sos import SosScreen
from companion.ui.care.helplines import HelpLinesScreen
from companion.ui.practice.drills import LETTERS, DrillsScreen
from companion.ui.shell.help import HelpScreen
from companion.ui.shell.home import HomeScreen
from companion.ui.shell.settings import SettingsScreen
from companion.ui.widgets.tension import TensionScale
from tests.ui.helpers import screen_text, text_of, type_in, wait_for


async def test_l_opens_the_help_lines_from_home_in_the_language_s_region(app_factory) -> None:
    app = app_factory("zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        assert isinstance(app.screen, HelpLinesScreen)
        text = screen_text(app)
        assert "中国大陆" in text and "12356" in text and "400-161-9995" in text
        assert text.index("120") < text.index("12356")  # emergencies first
        await pilot.press("n")  # another place
        assert "2389 2222" in screen_text(app) and "999" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("l")  # the place looked at last comes back this session
        assert "2389 2222" in screen_text(app)


async def test_english_starts_with_the_worldwide_list(app_factory) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        text = screen_text(app)
        assert "findahelpline.com" in text and "Press n for another place" in text


@pytest.mark.parametrize(("lang", "label"), [("en", "Help lines"), ("zh", "求助热线")])
async def test_one_key_from_sos_and_the_minute_waits(app_factory, clock, lang, label) -> None:
    app = app_factory(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        sos = app.screen
        assert isinstance(sos, SosScreen)
        footer = {a.binding.description for a in sos.active_bindings.values() if a.binding.show}
        assert label in footer
        await pilot.press("l")
        assert isinstance(app.screen, HelpLinesScreen)
        at = sos.pacer.elapsed()
        clock.advance(120)  # reading the lines takes as long as it takes
        assert sos.pacer.elapsed() == at
        assert ("findahelpline.com" if lang == "en" else "12356") in screen_text(app)
        await pilot.press("escape")
        assert app.screen is sos and app.strings("sos.title") in screen_text(app)


@pytest.mark.parametrize(("lang", "said"), [("en", "l shows help lines"), ("zh", "按 l 就能看到")])
async def test_one_key_from_help(app_factory, lang, said) -> None:
    app = app_factory(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert said in text_of(app.screen.query_one("#help-care", Static))
        await pilot.press("l")
        assert isinstance(app.screen, HelpLinesScreen)
        assert ("findahelpline.com" if lang == "en" else "12356") in screen_text(app)


async def test_a_person_s_own_key_opens_them_everywhere_else(app_factory, home) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text('[keys]\nhelplines = "f9"\njournal = "l"\n', "utf-8")
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f9")
        assert isinstance(app.screen, HelpLinesScreen)
        await pilot.press("escape", "question_mark")
        # Help's own key stays (the key it names is the one that works there).
        assert "l shows help lines" in text_of(app.screen.query_one("#help-care", Static))
        await pilot.press("l")
        assert isinstance(app.screen, HelpLinesScreen)


@pytest.mark.parametrize(
    ("lang", "typed", "title"), [("en", "help lines", "Help lines"), ("zh", "求助", "求助热线")]
)
async def test_the_palette_finds_them_in_either_language(app_factory, lang, typed, title) -> None:
    app = app_factory(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*typed)
        commands = app.screen.query_one(CommandList)
        await wait_for(pilot, lambda: commands.option_count > 0)
        assert title in str(commands.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpLinesScreen))


async def test_settings_open_them_and_keep_the_employer_s_line(app_factory, home) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, SettingsScreen)
        field = app.screen.query_one("#eap", Input)
        field.focus()
        await type_in(pilot, "x" * 81)
        await pilot.press("enter")
        error = app.screen.query_one("#eap-error", Static)
        assert "at most 80 characters" in text_of(error) and error.display
        assert app.services.config.settings.eap == ""
        field.value = ""
        await type_in(pilot, "EAP 400-820-0000 [bold]")
        await pilot.press("enter")
        assert app.services.config.settings.eap == "EAP 400-820-0000 [bold]"
        assert 'eap = "EAP 400-820-0000 [bold]"' in (home / "config.toml").read_text("utf-8")
        app.screen.query_one("#helplines", Button).press()
        await wait_for(pilot, lambda: isinstance(app.screen, HelpLinesScreen))
        shown = text_of(app.screen.query_one("#helplines-eap", Static))
        assert "Your employer's support line: EAP 400-820-0000 [bold]" in shown


async def test_without_a_line_of_their_own_it_says_how_to_find_one(app_factory) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        assert "add it in Settings" in text_of(app.screen.query_one("#helplines-eap", Static))


# -- the quiet offer ------------------------------------------------------------------
def note_of(app) -> str:  # type: ignore[no-untyped-def]
    return " ".join(scale.note for scale in app.screen.query(TensionScale)).strip()


async def test_a_heavy_rating_brings_one_quiet_line_once_a_day(app_factory, clock) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        breathe = app.screen
        assert isinstance(breathe, BreatheScreen)
        await pilot.press("8")
        assert note_of(app) == ""
        await pilot.press("1", "0")  # "1" then "0": ten
        assert "help lines are one key away: l" in note_of(app)
        assert app.screen is breathe  # a line, not a dialog: nothing else opened
        await pilot.press("escape", "h", "9")
        assert note_of(app) == ""  # never twice the same day
        await pilot.press("escape")
        clock.advance(24 * 3600)
        await pilot.press("h", "9")
        assert "help lines are one key away" in note_of(app)


async def test_sos_offers_it_under_its_rating_too(app_factory) -> None:
    app = app_factory("zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2", "9")
        assert "按 l 就能看到求助热线" in note_of(app)


async def test_a_heavy_week_shows_one_line_on_home(app_factory, clock) -> None:
    app = app_factory("en")
    now = clock.now()
    for days_ago in (4, 2):
        clock.set_wall(now - timedelta(days=days_ago))
        app.services.journal.add("mood", {"score": "1"})
    clock.set_wall(now)
    async with app.run_test(size=(80, 24)) as pilot:
        line = app.screen.query_one("#care-line", Static)
        assert not line.display
        app.services.journal.add("mood", {"score": "1", "text": "again"})
        await pilot.press("l", "escape")  # Home draws again when it comes back
        assert line.display and "A few heavy days this week" in text_of(line)
        assert "l shows help lines" in text_of(line)
        clock.advance(24 * 3600)
        app.screen.refresh_view()
        assert not line.display  # it goes by itself; not again this week


# -- a customer in danger: the reply example and the drill ----------------------------
@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_the_reply_helper_shows_what_to_write_to_a_customer_in_danger(
    app_factory, lang: str
) -> None:
    example = {e.id: e for e in practice_packs.reply_guide(lang).examples}["self_harm"]
    app = app_factory(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p", "5")
        text = screen_text(app)
        assert example.title in text
        start = text.index(example.title)
        shown = " ".join(text[start : start + 1200].split())
        # calm and serious first, then the supervisor, then numbers to call
        for part in (example.buffer, example.explain, example.solution):
            assert " ".join(part.split())[:12] in shown
        assert "12356" in shown and "120" in shown


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_the_crisis_drill_is_dealt_and_its_best_reply_gives_the_line(
    app_factory, lang: str
) -> None:
    app = app_factory(lang)
    drills = practice_packs.drills(lang)
    for drill in drills:  # every other situation worked through: the crisis one is next
        if drill.id != "crisis_customer":
            app.services.practice.answer_drill(drill, 0)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p", "3")
        screen = app.screen
        assert isinstance(screen, DrillsScreen) and screen.drill is not None
        drill = screen.drill
        assert drill.id == "crisis_customer"
        assert app.strings("practice.drills.topic_crisis") in screen_text(app)
        best = next(p for p, i in enumerate(screen.order) if drill.options[i].best)
        await pilot.press(LETTERS[best])
        text = " ".join(screen_text(app).split())
        assert "12356" in text and "120" in text
        assert " ".join(drill.options[drill.best_index].why.split())[:20] in text
