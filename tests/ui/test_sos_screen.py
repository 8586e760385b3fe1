"""SOS, driven through the real app with the fake clock: the whole minute, the key that
works even while typing, ratings, and a vent pad that keeps nothing unless asked."""

from __future__ import annotations

import asyncio
import itertools
from pathlib import Path

import pytest
from textual.command import CommandList
from textual.widgets import Input, Static, TextArea

from companion.packs.calm import self_talk_lines
from companion.ui.app import CompanionApp
from companion.ui.calm.sos import SosScreen
from companion.ui.calm.vent import VentScreen
from companion.ui.shell.base import CompanionScreen
from companion.ui.shell.home import HomeScreen
from companion.ui.widgets.breath_guide import BreathGuide
from tests.ui.helpers import Notes, record_calls, text_of, type_in, wait_for

SECRET = "worst customer 你太过分"


async def advance(pilot, clock, seconds: float) -> None:  # type: ignore[no-untyped-def]
    clock.advance(seconds)
    pilot.app.screen.pacer.tick()
    await pilot.pause()


def step_text(app) -> str:  # type: ignore[no-untyped-def]
    """What the current step shows (visible parts only)."""
    parts = []
    for widget in app.screen.query("#sos-step Static"):
        if widget.display and all(a.display for a in widget.ancestors if hasattr(a, "display")):
            parts.append(text_of(widget))
    return "\n".join(p for p in parts if p)


def files_under(home: Path) -> dict[str, bytes]:
    return {str(p.relative_to(home)): p.read_bytes() for p in home.rglob("*") if p.is_file()}


async def test_the_whole_minute_with_ratings(app_factory, clock) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        assert isinstance(app.screen, SosScreen)
        text = step_text(app)
        assert "That was a hard one." in text and "How tense are you right now?" in text
        await pilot.press("6")
        await advance(pilot, clock, 8)
        assert "Let it out" in step_text(app)
        assert app.screen.query_one(BreathGuide).display
        assert "Breathe in" in step_text(app) and "Sigh 1 of 3" in step_text(app)
        await advance(pilot, clock, 9 * 2 + 3)  # the third sigh's long out-breath
        assert "Breathe out" in step_text(app) and "Sigh 3 of 3" in step_text(app)
        await advance(pilot, clock, 6)
        assert "Name the feeling" in step_text(app)
        assert not app.screen.query_one(BreathGuide).display
        await advance(pilot, clock, 7 + 4.5)
        assert "Notice five things" in step_text(app) and "Thing 3 of 5" in step_text(app)
        await advance(pilot, clock, 5.5)
        line = app.screen.query_one("#sos-heading", Static)
        assert text_of(line) in self_talk_lines("en")
        await advance(pilot, clock, 8)
        assert "Back to work when you're ready." in step_text(app)
        assert app.services.stores.sos.all()[0].completed  # kept as soon as it is reached
        await pilot.press("2")
        assert "Tension 6 → 2" in step_text(app)
        await pilot.press("enter")
        assert isinstance(app.screen, HomeScreen)
    (reset,) = app.services.stores.sos.all()
    assert (reset.completed, reset.tension_before, reset.tension_after) == (True, 6, 2)
    assert reset.seconds == 60.0


async def test_enter_moves_on_and_escape_leaves(app_factory, clock) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+o")  # the other SOS key
        assert isinstance(app.screen, SosScreen)
        await pilot.press("enter")
        assert "Let it out" in step_text(app)
        await pilot.press("enter", "enter")
        assert "Notice five things" in step_text(app)
        clock.advance(3)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
    (reset,) = app.services.stores.sos.all()
    assert not reset.completed and reset.seconds == 3.0 and reset.tension_before is None


class Typing(CompanionScreen):
    def compose(self):  # type: ignore[no-untyped-def]
        yield Input(id="words")


async def test_the_sos_key_works_while_typing_and_types_nothing(app_factory) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(Typing())
        await pilot.pause()
        await pilot.press(*"hq")  # printable keys go into the field, as they should
        await pilot.press("f2")
        assert isinstance(app.screen, SosScreen)
        await pilot.press("escape")
        assert app.screen.query_one("#words", Input).value == "hq"
        await pilot.press("f2")  # and again, even with SOS already closed once
        assert isinstance(app.screen, SosScreen)
        await pilot.press("f2")  # pressing it inside SOS does not stack another
        assert sum(isinstance(s, SosScreen) for s in app.screen_stack) == 1


async def test_the_palette_has_sos_and_breathe(app_factory) -> None:
    app = app_factory("zh")
    async with app.run_test(size=(80, 24)) as pilot:
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"SOS：一分钟缓一缓", "呼吸练习"} <= titles
        await pilot.press("ctrl+p", *"SOS")
        await wait_for(pilot, lambda: app.screen.query_one(CommandList).option_count > 0)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SosScreen))
        await pilot.pause()
        assert "刚才那位，真不容易。" in step_text(app)


async def test_help_or_the_vent_pad_pause_the_minute(app_factory, clock) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        sos = app.screen
        await advance(pilot, clock, 5)
        await pilot.press("v")
        assert isinstance(app.screen, VentScreen)
        clock.advance(120)
        await pilot.press("escape")
        assert app.screen is sos
        assert "That was a hard one." in step_text(app)  # still 3 s of the first step left
        await advance(pilot, clock, 3)
        assert "Let it out" in step_text(app)


async def test_the_vent_pad_leaves_every_file_untouched(app_factory, home: Path, clock) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        before = files_under(home)
        notes = Notes(app)
        await pilot.press("v")
        await type_in(pilot, SECRET)
        assert app.screen.query_one(TextArea).text == SECRET
        await pilot.press("escape")
        assert isinstance(app.screen, SosScreen)
        assert "Gone. Nothing was kept." in notes.text()
        assert files_under(home) == before  # byte for byte
        await pilot.press("v")  # opened again, it is empty
        assert app.screen.query_one(TextArea).text == ""
        await pilot.press("escape", "escape")
    for content in files_under(home).values():
        assert b"worst customer" not in content
        assert "太过分".encode() not in content
    assert app.services.stores.entries.all() == []
    assert app.services.stores.drafts.all() == []


async def test_the_vent_pad_can_keep_it_in_the_journal(app_factory) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2", "v")
        notes = Notes(app)
        await pilot.press("ctrl+s")
        assert "There is nothing to keep yet." in notes.text()
        assert isinstance(app.screen, VentScreen)
        await type_in(pilot, SECRET)
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, SosScreen)
        assert "Kept in your journal." in notes.text()
    (entry,) = app.services.stores.entries.all()
    assert (entry.kind, entry.text) == ("vent", SECRET)


async def test_an_error_while_venting_keeps_no_draft(app_factory, home: Path) -> None:
    app: CompanionApp = app_factory("en", quiet_errors=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2", "v")
        await type_in(pilot, SECRET)
        assert app.keep_unsaved_input() == 0  # what the app does when it must close
        app.screen.query_one(TextArea).focus()

        def explode() -> None:
            raise RuntimeError("a bug somewhere")

        app.call_later(explode)
        deadline = asyncio.get_running_loop().time() + 10
        while app.is_running and asyncio.get_running_loop().time() < deadline:
            await asyncio.sleep(0.02)
    assert app.crash_log is not None
    assert app.services.stores.drafts.all() == []
    for content in files_under(home).values():
        assert b"worst customer" not in content


async def test_ratings_can_be_turned_off(app_factory, home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text("[breathing]\ntension_rating = false\n", "utf-8")
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        assert "How tense" not in step_text(app)
        await pilot.press("5")
    assert app.services.stores.sos.all() == []


async def test_the_same_line_never_comes_twice_in_a_row(app_factory, clock) -> None:
    app = app_factory("en")
    seen = []
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(6):
            await pilot.press("f2")
            seen.append(app.screen.line_index)
            await pilot.press("escape")
    assert all(a != b for a, b in itertools.pairwise(seen))


async def test_the_minute_is_kept_through_the_calm_service(app_factory, clock) -> None:
    """The screen asks the service; it never writes a repository itself."""
    app = app_factory("en")
    names = ("sos_line", "sos_line_shown", "sos_done", "sos_rated")
    asked = record_calls(app.services.calm, *names)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2", "5")
        clock.advance(60)
        app.screen.pacer.tick()
        await pilot.pause()
        await pilot.press("1", "enter")
    assert asked == list(names)
    (reset,) = app.services.stores.sos.all()
    assert (reset.tension_before, reset.tension_after, reset.completed) == (5, 1, True)


@pytest.mark.parametrize(
    ("lang", "refused"),
    [("en", "That's more than 20 tags"), ("zh", "标签超过 20 个了，留下最重要的几个吧。")],
)
async def test_the_vent_pad_keeps_through_the_journals_check(
    app_factory, lang: str, refused: str
) -> None:
    """Kept writing is a journal entry like any other: checked by the journal, and
    what it refuses is said, with the words left on the pad."""
    app = app_factory(lang)
    journal = app.services.journal
    checked = record_calls(journal, "check")
    too_many = " ".join(f"#t{n}" for n in range(21))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2", "v")
        notes = Notes(app)
        await type_in(pilot, too_many)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, VentScreen)
        assert refused in notes.text()
        assert app.screen.query_one(TextArea).text == too_many
        assert journal.entries() == []
        app.screen.query_one(TextArea).text = SECRET + " #refund"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SosScreen)
    assert checked == ["check", "check"]
    (entry,) = journal.entries()
    assert (entry.kind, entry.text, entry.tags) == ("vent", SECRET + " #refund", ("refund",))
