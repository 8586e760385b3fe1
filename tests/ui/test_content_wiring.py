"""The new content on screen: break ideas that fit the break and say how long they
take, an evening idea after letting the day go, the energy station's pep line and its
five-minute body scan (timed from one start, still while hidden), the reply helper's
fourth layer and listening card, and 4-7-8's cues and caution."""

from __future__ import annotations

from pathlib import Path

from companion.core.activities import LENGTH_SECONDS
from companion.packs.routine import energy
from companion.ui.breaks.screen import BreakScreen
from companion.ui.calm.breathe import BreatheScreen
from companion.ui.routine.body_scan import BodyScan
from companion.ui.routine.energy import EnergyScreen
from companion.ui.routine.release import ReleaseScreen
from companion.ui.shell.home import HomeScreen
from tests.ui.helpers import awake, screen_text, text_of, type_in, wait_for


async def due_break(pilot, clock) -> BreakScreen:  # type: ignore[no-untyped-def]
    from companion.system.notify import Delivery

    pilot.app.rhythm.send = lambda *args, **kwargs: Delivery("test", True)
    awake(pilot.app, clock, hours=2)
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, BreakScreen))
    await wait_for(pilot, lambda: bool(pilot.app.screen.query("#idea-title")))
    await pilot.pause()
    return pilot.app.screen  # type: ignore[no-any-return]


async def test_a_ten_minute_break_says_how_long_each_idea_takes(app_factory, clock) -> None:
    app = app_factory("zh")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await due_break(pilot, clock)
        title = text_of(screen.query_one("#idea-title"))
        assert any(length in title for length in ("20 秒", "2 分钟", "10 分钟")), title
        lengths = {idea.length for idea in screen.ideas()}
        assert lengths == set(LENGTH_SECONDS)  # a full break: any idea fits


async def test_a_short_break_offers_only_what_fits_in_it(app_factory, clock, home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text('[breaks]\nlength = "5m"\n', "utf-8")
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await due_break(pilot, clock)
        ideas = screen.ideas()
        assert {idea.length for idea in ideas} == {"20s", "2m"}
        for _ in range(len(ideas)):  # every idea "another" shows fits in five minutes
            assert "10 minutes" not in text_of(screen.query_one("#idea-title"))
            await pilot.press("n")


async def test_an_evening_idea_after_letting_the_day_go(app_factory) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await wait_for(pilot, lambda: isinstance(app.screen, ReleaseScreen))
        await type_in(pilot, "a calm refund")
        await pilot.press("enter")
        await type_in(pilot, "the shouting")
        await pilot.press("enter")
        await wait_for(pilot, lambda: "For this evening" in screen_text(app))
        first = text_of(app.screen.query_one("#evening-idea"))
        kind = text_of(app.screen.query_one("#evening-kind"))
        assert kind in {"Sleep", "Food", "Moving", "People", "Winding down"}
        await pilot.press("n")
        assert text_of(app.screen.query_one("#evening-idea")) != first
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
    (kept,) = app.services.journal.entries()
    assert kept.kind == "release"


async def test_the_energy_station_starts_with_a_pep_line_not_yesterday_s(app_factory) -> None:
    app = app_factory("zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, EnergyScreen))
        pep = text_of(app.screen.query_one("#pep")).strip()
        assert pep in energy("zh").pep and "给自己打个气" in screen_text(app)
        await pilot.press("escape", "e")
        await wait_for(pilot, lambda: isinstance(app.screen, EnergyScreen))
        assert text_of(app.screen.query_one("#pep")).strip() != pep  # never the same twice running


async def test_the_body_scan_runs_five_minutes_from_one_start(app_factory, clock) -> None:
    app = app_factory("en")
    steps = energy("en").steps
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, EnergyScreen))
        await pilot.press("b")
        scan = app.screen.query_one(BodyScan)
        assert "Step 1 of 10" in screen_text(app) and steps[0].text in screen_text(app)
        assert scan.pacer is not None and not scan.pacer.animate  # a count-down, no frames
        clock.advance(20)
        scan.pacer.tick()
        await pilot.pause()
        assert "Step 2 of 10" in screen_text(app)
        await pilot.press("question_mark")  # hidden: the scan waits, no timer runs
        assert scan.pacer.paused
        clock.advance(120)
        await pilot.press("escape")
        assert "Step 2 of 10" in screen_text(app)
        clock.advance(280)
        scan.pacer.tick()
        await wait_for(pilot, lambda: "Take this calm into the first chat" in screen_text(app))
        await pilot.press("enter")  # Next: the intention, as after the breathing minute
        await wait_for(pilot, lambda: app.screen.query("#intention"))


async def test_the_reply_helper_shows_the_follow_up_and_listening(app_factory) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p", "5")
        text = screen_text(app)
        assert "Listening, in writing" in text and "Paraphrase:" in text
        assert text.count("Follow up") >= 20


async def test_4_7_8_shows_nose_and_mouth_and_the_caution_before_it(app_factory) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        screen = app.screen
        assert isinstance(screen, BreatheScreen)
        assert "If you feel dizzy, stop" in screen_text(app)
        await pilot.press("down", "down")  # coherent breathing: no hold, no caution
        assert "If you feel dizzy" not in screen_text(app)
        await pilot.press("up", "up", "enter")
        assert "through the nose" in text_of(screen.query_one("#phase-cue"))
