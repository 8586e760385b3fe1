"""Breathe, driven through the real app with the fake clock: choose, rate, breathe,
pause, stop, and what is stored."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList, Static, Switch

from companion.services.intent import StartIntent
from companion.ui.calm.breathe import BreatheScreen
from companion.ui.shell.help import HelpScreen
from companion.ui.shell.home import HomeScreen
from companion.ui.widgets.orb import BreathOrb
from companion.ui.widgets.phase_bar import PhaseBar
from tests.ui.helpers import record_calls, screen_text, text_of


async def advance(pilot, clock, seconds: float) -> None:  # type: ignore[no-untyped-def]
    """Let time pass and draw what the screen shows at the new moment."""
    clock.advance(seconds)
    pilot.app.screen.pacer.tick()
    await pilot.pause()


def pattern_list(app) -> str:  # type: ignore[no-untyped-def]
    patterns = app.screen.query_one("#patterns", OptionList)
    return "\n".join(str(o.prompt) for o in patterns.options)


def shown(app) -> tuple[str, str, str]:  # type: ignore[no-untyped-def]
    screen = app.screen
    return (
        text_of(screen.query_one("#phase-word", Static)),
        text_of(screen.query_one("#seconds-left", Static)),
        text_of(screen.query_one("#session-round", Static)),
    )


async def test_a_whole_session_with_ratings_is_stored(app_factory, clock) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        screen = app.screen
        assert isinstance(screen, BreatheScreen)
        assert "4-7-8 breathing" in pattern_list(app)
        assert "Up to 4 rounds is plenty to begin with" in screen_text(app)
        await pilot.press("minus", "minus", "minus")  # 4 rounds -> 1
        assert "Rounds: 1 · about 19 s" in screen_text(app)
        await pilot.press("1", "0")  # 1 then 0 at once: ten
        assert screen.query_one("#before").value == 10
        await pilot.press("7")
        await pilot.press("enter")
        assert shown(app) == ("Breathe in", "4 s", "Round 1 of 1")
        await advance(pilot, clock, 3.5)
        assert shown(app)[:2] == ("Breathe in", "1 s")
        await advance(pilot, clock, 0.5)
        assert shown(app)[:2] == ("Hold", "7 s")
        await advance(pilot, clock, 7)
        assert shown(app)[:2] == ("Breathe out", "8 s")
        await advance(pilot, clock, 8)
        assert "Well done." in screen_text(app)
        assert "19 s of 4-7-8 breathing." in screen_text(app)
        await pilot.press("3")
        assert "Tension 7 → 3" in screen_text(app)
        await pilot.press("enter")
        assert isinstance(app.screen, HomeScreen)
    (record,) = app.services.stores.breathing.all()
    assert (record.pattern, record.rounds, record.rounds_done, record.seconds) == (
        "4-7-8",
        1,
        1,
        19.0,
    )
    assert (record.completed, record.tension_before, record.tension_after) == (True, 7, 3)
    assert record.origin == "breathe"


async def test_choosing_another_pattern_and_stopping_part_way(app_factory, clock) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h", "down")  # box breathing
        assert app.screen.query_one("#patterns", OptionList).highlighted == 1
        assert "Rounds: 6 · about 1 min 36 s" in screen_text(app)
        await pilot.press("enter")
        await advance(pilot, clock, 16 + 4 + 4 + 4)  # one round, then into the second
        assert shown(app) == ("Rest", "4 s", "Round 2 of 6")
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
    (record,) = app.services.stores.breathing.all()
    assert (record.pattern, record.rounds_done, record.completed) == ("box", 1, False)
    assert record.seconds == 28.0 and record.tension_before is None


async def test_help_pauses_the_session_and_space_pauses_it_too(app_factory, clock) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h", "enter")
        await advance(pilot, clock, 2)
        screen = app.screen
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert screen.pacer.paused
        clock.advance(60)  # a minute reading the help: the session waits
        await pilot.press("escape")
        assert app.screen is screen and not screen.pacer.paused
        assert shown(app)[:2] == ("Breathe in", "2 s")
        await pilot.press("space")
        assert "Paused. Press space to go on." in screen_text(app)
        clock.advance(30)
        await pilot.press("space")
        await advance(pilot, clock, 2)
        assert shown(app)[:2] == ("Hold", "7 s")


async def test_the_command_opens_a_session_and_closes_the_app_at_its_end(
    app_factory, clock
) -> None:
    intent = StartIntent("breathe", {"pattern": "cyclic-sigh", "rounds": 2, "start_now": True})
    app = app_factory("en", welcome_done=False, intent=intent)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, BreatheScreen)  # no welcome tour in the way
        assert shown(app) == ("Breathe in", "2 s", "Round 1 of 2")
        await advance(pilot, clock, 2)
        assert shown(app)[:2] == ("…and a little more", "1 s")
        await advance(pilot, clock, 16)
        await pilot.pause()
        assert not app.is_running
    (record,) = app.services.stores.breathing.all()
    assert (record.pattern, record.rounds_done, record.completed) == ("cyclic-sigh", 2, True)


async def test_beside_a_running_app_it_breathes_and_leaves_the_rhythm_alone(
    app_factory, clock
) -> None:
    """`companion breathe` while the app that opened at login runs: a session, and
    nothing that belongs to the other app (break state, Home, break keys)."""
    from companion.services.breaks import STATE_KEY

    state = app_factory("en").services.stores.state
    intent = StartIntent("breathe", {"pattern": "box", "rounds": 1, "start_now": True}, beside=True)
    app = app_factory("en", intent=intent)
    before = state.get(STATE_KEY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, BreatheScreen)
        assert not any(isinstance(s, HomeScreen) for s in app.screen_stack)
        assert not app.check_action("run", ("take_break",))
        assert app.check_action("run", ("sos",))
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert "SOS: one minute to reset" in titles and "Take a break" not in titles
        assert "Home" not in titles and app.check_action("help_quit", ())
        await pilot.press("k")  # the other app's key: nothing happens here
        await advance(pilot, clock, 17)
        await pilot.pause()
        assert not app.is_running
    assert state.get(STATE_KEY) == before  # the running app's break state is untouched
    (record,) = app.services.stores.breathing.all()
    assert (record.pattern, record.completed) == ("box", True)


async def test_another_feature_gets_the_session_back(app_factory, clock) -> None:
    app = app_factory("en")
    results: list[object] = []
    async with app.run_test(size=(80, 24)) as pilot:
        screen = BreatheScreen("box", 1, start_now=True, return_when_done=True, origin="break")
        app.push_screen(screen, callback=results.append)
        await pilot.pause()
        await advance(pilot, clock, 16)
        assert isinstance(app.screen, HomeScreen)
    (record,) = results
    assert record.origin == "break" and record.completed  # type: ignore[attr-defined]


async def test_reduced_motion_shows_a_still_bar_and_no_orb(app_factory, home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text("reduce_motion = true\n", "utf-8")
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h", "enter")
        screen = app.screen
        assert not screen.query_one(BreathOrb).display
        bar = screen.query_one("#guide PhaseBar", PhaseBar)
        assert bar.display and bar.current == 0
        assert not screen.pacer.animate  # no frames: one wake-up per second only


async def test_textual_animations_none_means_reduced_motion(app_factory) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        app.animation_level = "none"
        await pilot.press("h", "enter")
        assert not app.screen.query_one(BreathOrb).display
        assert not app.screen.pacer.animate


async def test_the_bell_rings_at_each_new_phase_when_asked(app_factory, home: Path, clock) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text("[breathing]\nbell = true\n", "utf-8")
    app = app_factory("en")
    rings: list[int] = []
    app.bell = lambda: rings.append(1)  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h", "enter")
        await advance(pilot, clock, 1)
        assert rings == []
        await advance(pilot, clock, 3)
        await advance(pilot, clock, 7)
        assert len(rings) == 2


async def test_no_rating_when_turned_off(app_factory, home: Path, clock) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text("[breathing]\ntension_rating = false\n", "utf-8")
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        assert not app.screen.query_one("#before-rating").display
        await pilot.press("7", "enter")
        assert app.screen.query_one("#before").value is None


async def test_custom_patterns_from_config_are_offered(app_factory, home: Path, clock) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(
        '[[breathing.pattern]]\nname = "slow 4-6"\ninhale = 4\nexhale = 6\nrounds = 2\n'
        '[[breathing.pattern]]\nname = "broken"\ninhale = "x"\nexhale = 6\n',
        "utf-8",
    )
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h", "up")  # wraps round to the last pattern
        text = screen_text(app)
        assert "Your own pattern, from config.toml." in text
        assert "Rounds: 2 · about 20 s" in text
        patterns = app.screen.query_one("#patterns", OptionList)
        assert patterns.option_count == 5  # the broken one is skipped
        assert "slow 4-6 (yours)" in str(patterns.get_option_at_index(4).prompt)
        await pilot.press("enter")
        await advance(pilot, clock, 4)
        assert shown(app) == ("Breathe out", "6 s", "Round 1 of 2")


async def test_chinese_session_and_a_language_change_mid_session(app_factory, clock) -> None:
    app = app_factory(lang=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.preferences.set_language("zh")
        await pilot.press("h")
        assert "4-7-8 呼吸法" in pattern_list(app)
        await pilot.press("enter")
        assert shown(app) == ("吸气", "4 秒", "第 1 轮，共 4 轮")
        breathe = app.screen
        await app.preferences.set_language("en")
        await pilot.pause()
        assert app.screen is breathe
        await advance(pilot, clock, 4)
        assert shown(app) == ("Hold", "7 s", "Round 1 of 4")


async def test_leaving_stops_every_timer(app_factory) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h", "enter")
        screen = app.screen
        assert screen.pacer.running
        await pilot.press("escape")
        assert not screen.pacer.running and not screen.is_attached


async def test_reduced_motion_switched_on_mid_session_applies_on_return(app_factory) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h", "enter")
        app.action_run("settings")  # (from the palette: s is a letter, for Home)
        await pilot.pause()
        app.screen.query_one("#reduce_motion", Switch).focus()
        await pilot.press("enter")
        await pilot.press("escape")
        assert isinstance(app.screen, BreatheScreen)
        assert not app.screen.query_one(BreathOrb).display
        assert not app.screen.pacer.animate and app.services.config.settings.reduce_motion


async def test_a_session_is_kept_through_the_calm_service(app_factory, clock) -> None:
    """The screen asks the service; it never writes a repository itself."""
    app = app_factory("en")
    asked = record_calls(app.services.calm, "breathed", "breathing_rated")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h", "minus", "minus", "minus", "8", "enter")
        await advance(pilot, clock, 19)
        await pilot.press("4", "enter")
        assert isinstance(app.screen, HomeScreen)
    assert asked == ["breathed", "breathing_rated"]
    (record,) = app.services.stores.breathing.all()
    assert (record.completed, record.tension_before, record.tension_after) == (True, 8, 4)
