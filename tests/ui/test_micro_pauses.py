"""Micro-pauses and the peak day in the real app, moved by the fake clock: a line with a
count-down, never a screen and never a key taken; skipped silently while typing or in
do not disturb; one switch in Settings; the peak day's breaks turned into them, and
said so."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Switch

from companion.ui.shell.home import HomeScreen
from companion.ui.shell.settings import SettingsScreen
from companion.ui.widgets.notice_line import NoticeLine
from tests.ui.helpers import Notes, screen_text, text_of
from tests.ui.test_breaks import break_screen, build, home_status, later

MICRO = '[micro]\nenabled = true\nevery = "20m"\nlength = "20s"\n'


def configure(home, text: str) -> None:  # type: ignore[no-untyped-def]
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(text, "utf-8")


def micro_lines(app) -> list[NoticeLine]:  # type: ignore[no-untyped-def]
    return list(app.screen.query(".micro-pause").results(NoticeLine))


def kinds(app) -> list[str]:  # type: ignore[no-untyped-def]
    events = sorted(app.services.stores.break_events.all(), key=lambda e: e.created_at)
    return [e.kind for e in events]


@pytest.mark.parametrize(
    ("lang", "start"), [("en", "A short pause · 20 s\n"), ("zh", "小歇一下 · 还剩 20 秒\n")]
)
async def test_a_micro_pause_is_a_line_that_counts_down(
    app_factory, clock, home, lang: str, start: str
) -> None:
    configure(home, MICRO)
    app = build(app_factory, lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await later(pilot, clock, minutes=19)
        assert micro_lines(app) == []
        await later(pilot, clock, minutes=1)
        (line,) = micro_lines(app)
        assert text_of(line).startswith(start)
        assert isinstance(app.screen, HomeScreen) and app.focused is not line
        clock.advance(12)
        line.tick()
        assert text_of(line).split("\n")[0].endswith(("8 s", "8 秒"))
        clock.advance(8)
        line.tick()
        await pilot.pause()
        assert micro_lines(app) == []  # gone by itself
    assert kinds(app) == ["micro"]


async def test_skipped_silently_while_typing_and_never_piling_up(app_factory, clock, home) -> None:
    configure(home, MICRO)
    app = build(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        notes = Notes(app)
        await pilot.press("s")
        await pilot.pause()
        field = app.screen.query_one("#break_every", Input)
        field.focus()
        await later(pilot, clock, minutes=20)
        assert micro_lines(app) == [] and notes.messages == []
        await pilot.press("end", "x")  # the key still goes where it was typed
        assert field.value.endswith("x")
        await pilot.press("escape")
        await later(pilot, clock, minutes=1)
        assert micro_lines(app) == []  # not at once after typing: a full interval later
        await later(pilot, clock, minutes=19)
        assert len(micro_lines(app)) == 1
    assert kinds(app) == ["micro"]


async def test_off_by_default_and_one_switch_in_settings(app_factory, clock, home) -> None:
    app = build(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        await later(pilot, clock, minutes=45)
        assert micro_lines(app) == []
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        switch = app.screen.query_one("#micro_pauses", Switch)
        assert switch.value is False
        switch.value = True
        await pilot.pause()
        await pilot.press("escape")
        await later(pilot, clock, minutes=20)
        assert len(micro_lines(app)) == 1
    assert "[micro]" in (home / "config.toml").read_text("utf-8")


async def test_not_during_do_not_disturb(app_factory, clock, home) -> None:
    configure(home, MICRO)
    app = build(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        app.rhythm.set_dnd("60")
        await later(pilot, clock, minutes=50)
        assert micro_lines(app) == []
    assert "micro" not in kinds(app)


@pytest.mark.parametrize(
    ("lang", "said", "line", "banner"),
    [
        (
            "en",
            "Peak day today: breaks become short pauses",
            "Peak day: the real break for this half of the shift comes in",
            "Peak day: a short pause instead of a break",
        ),
        ("zh", "今天是大促日", "大促日：这半班的正经休息在", "大促日，用小歇代替这次休息"),
    ],
)
async def test_the_peak_day_says_so_and_turns_breaks_into_micro_pauses(
    app_factory, clock, lang: str, said: str, line: str, banner: str
) -> None:
    app = build(app_factory, lang)
    async with app.run_test(size=(80, 24)) as pilot:
        notes = Notes(app)
        app.action_run("peak_day")  # the palette's "Peak day (today)", or Settings
        await pilot.pause()
        assert said in notes.text()
        assert home_status(app).startswith(line)
        await later(pilot, clock, hours=2)  # the first real break (no shift hours: 4 h)
        break_screen(app)
        real = ("this is the real break for this half", "这是这半班留给你的正经休息")
        assert any(words in screen_text(app) for words in real)  # says why it is real
        await pilot.press("s")
        await later(pilot, clock, minutes=10)
        await pilot.press("enter")
        await later(pilot, clock, hours=2)
        assert isinstance(app.screen, HomeScreen)  # no break screen this time...
        (pause,) = micro_lines(app)
        assert " ".join(text_of(pause).split()).startswith(banner)  # ...and it says why
    assert kinds(app).count("micro") == 1
