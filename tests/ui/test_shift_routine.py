"""The shift routine: the energy station on the day's first launch (or at shift start),
the release moment at shift end; answers kept in the journal, never the activity log."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from textual.widgets import Input

from companion.services.routine import ENERGY_OFFERED, LAST_LAUNCH
from companion.system.clock import FakeClock
from companion.ui.calm.breathe import BreatheScreen
from companion.ui.routine.energy import EnergyScreen
from companion.ui.routine.release import ReleaseScreen
from companion.ui.shell.home import HomeScreen
from tests.conftest import SHANGHAI
from tests.ui.helpers import Notes, screen_text, type_in
from tests.ui.test_breaks import build, later

TODAY = date(2026, 11, 23)


def launched_before(app, day: date) -> None:  # type: ignore[no-untyped-def]
    app.services.stores.state.set(LAST_LAUNCH, day.isoformat())


async def test_the_first_launch_of_the_day_offers_the_energy_station(app_factory, clock) -> None:
    app = build(app_factory)
    launched_before(app, TODAY - timedelta(days=1))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, EnergyScreen)
        assert "Five quiet minutes before the chats begin" in screen_text(app)
        await pilot.press("enter")  # Begin: a minute of guided breathing, started at once
        await pilot.pause()
        assert isinstance(app.screen, BreatheScreen)
        assert app.screen.origin == "energy" and app.screen.pattern_id == "coherent"
        await later(pilot, clock, seconds=70)  # six slow breaths
        await pilot.pause()
        assert isinstance(app.screen, EnergyScreen)  # back, on the next step
        assert [s.origin for s in app.services.stores.breathing.all()] == ["energy"]
        field = app.screen.query_one("#intention", Input)
        assert field.has_focus
        await type_in(pilot, "Kind words")
        await pilot.press("enter")
        await pilot.pause()
        assert "How are you arriving?" in screen_text(app)
        await pilot.click("#feeling-tired")
        await pilot.pause()
        assert "Your intention: Kind words" in screen_text(app)
        await pilot.press("enter")  # Done
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    entries = app.services.stores.entries.all()
    assert [(e.kind, e.text, e.fields["feeling"]) for e in entries] == [
        ("intention", "Kind words", "tired")
    ]
    assert entries[0].fields["routine"] == "energy_station"
    assert app.services.stores.break_events.where(lambda e: "Kind" in str(e.fields)) == []


async def test_the_launch_is_told_to_the_routine_once_home_is_drawn(
    app_factory, monkeypatch
) -> None:
    """What the routine offers at launch waits for Home's first frame (its service and
    the day's state are read then, not before the first thing the person sees)."""
    from companion.ui.routine.flow import RoutineFlow

    seen: list[tuple[str, bool]] = []
    moment = RoutineFlow.moment

    def told(self: RoutineFlow, message) -> None:  # type: ignore[no-untyped-def]
        home = self.app.screen_stack[0]
        seen.append((message.kind, home.is_mounted and home.query_one("#glance").size.area > 0))
        moment(self, message)

    monkeypatch.setattr(RoutineFlow, "moment", told)
    app = build(app_factory)
    launched_before(app, TODAY - timedelta(days=1))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert seen == [("launched", True)]
        assert isinstance(app.screen, EnergyScreen)  # and it was offered


async def test_the_energy_station_is_offered_once_and_can_be_declined(app_factory) -> None:
    app = build(app_factory)
    launched_before(app, TODAY - timedelta(days=3))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, EnergyScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert app.services.stores.entries.all() == []  # nothing answered, nothing kept
    assert app.services.stores.state.get(ENERGY_OFFERED) == TODAY.isoformat()


async def test_no_energy_station_on_the_very_first_run_or_a_second_launch(app_factory) -> None:
    first = build(app_factory)
    async with first.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(first.screen, HomeScreen)
    launched_before(first, TODAY)
    second = build(app_factory)
    async with second.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(second.screen, HomeScreen)


async def test_the_shift_start_offers_it_and_the_shift_end_offers_release(
    app_factory, clock: FakeClock, home: Path
) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(
        '[shift]\nenabled = true\nstart = "11:00"\nend = "12:00"\n', "utf-8"
    )
    app = build(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Outside your shift hours. Reminders start again at 11:00." in screen_text(app)
        await later(pilot, clock, minutes=30)
        assert isinstance(app.screen, EnergyScreen)
        await pilot.press("escape")
        await later(pilot, clock, minutes=59)
        assert isinstance(app.screen, HomeScreen)
        await later(pilot, clock, minutes=1)
        assert isinstance(app.screen, ReleaseScreen)
        assert "Your shift is over" in screen_text(app)
        await type_in(pilot, "the refund that worked")
        await pilot.press("enter")
        await type_in(pilot, "the shouting")
        notes = Notes(app)
        await pilot.press("enter")
        await pilot.pause()
        assert "For this evening" in screen_text(app)  # an idea for after work, then home
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Kept in your journal" in notes.text()
        assert "Reminders start again on Tuesday at 11:00." in screen_text(app)
    release = app.services.stores.entries.all()[0]
    assert release.kind == "release"
    assert release.fields["went_well"] == "the refund that worked"
    assert release.fields["let_go"] == "the shouting"
    assert release.text == "the refund that worked\nthe shouting"
    activity = (home / "data" / "activity.db").read_text("utf-8")
    assert "shouting" not in activity and "refund" not in activity


async def test_while_typing_the_routine_is_offered_in_a_toast(
    app_factory, clock: FakeClock, home: Path
) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(
        '[shift]\nenabled = true\nstart = "11:00"\nend = "18:00"\n', "utf-8"
    )
    app = build(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        notes = Notes(app)
        await pilot.press("s")
        app.screen.query_one("#break_every", Input).focus()
        await pilot.pause()
        await later(pilot, clock, minutes=30)
        # (e would type into the field: the toast names the key on Home)
        assert "press e on Home for a five-minute energy station" in notes.text()
        assert app.screen.query_one("#break_every", Input).has_focus


async def test_the_routine_can_be_turned_off(app_factory, clock: FakeClock, home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text("[shift]\nroutine = false\n", "utf-8")
    app = build(app_factory)
    launched_before(app, TODAY - timedelta(days=1))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("w")  # still there when asked for
        assert isinstance(app.screen, ReleaseScreen)


async def test_the_energy_station_speaks_chinese(app_factory) -> None:
    app = build(app_factory, "zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        assert "能量站" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BreatheScreen)
        await pilot.press("escape")  # leaving the breathing early is fine: on to the intention
        await pilot.pause()
        assert isinstance(app.screen, EnergyScreen)
        assert "今天" in screen_text(app)


async def back_at(pilot, clock: FakeClock, when: datetime) -> None:  # type: ignore[no-untyped-def]
    """The computer slept with the app open, and wakes at ``when``."""
    clock.suspend((when - clock.now()).total_seconds())
    pilot.app.rhythm.tick()
    await pilot.pause()
    await pilot.pause()


async def test_a_night_asleep_with_the_app_open_offers_it_once(app_factory, clock) -> None:
    """No launch in the morning, but a new day all the same: offered like a first launch."""
    app = build(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)  # the first run ever: the welcome's day
        await back_at(pilot, clock, datetime(2026, 11, 24, 9, 20, tzinfo=SHANGHAI))
        assert isinstance(app.screen, EnergyScreen)
        await pilot.press("escape")
        await pilot.pause()
        await back_at(pilot, clock, datetime(2026, 11, 24, 14, 0, tzinfo=SHANGHAI))
        assert isinstance(app.screen, HomeScreen)  # once a day
    assert app.services.stores.state.get(ENERGY_OFFERED) == "2026-11-24"
    again = build(app_factory)  # nor at a launch later that day
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, HomeScreen)


async def test_time_away_the_same_day_offers_nothing(app_factory, clock) -> None:
    app = build(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        await back_at(pilot, clock, datetime(2026, 11, 23, 14, 0, tzinfo=SHANGHAI))
        assert isinstance(app.screen, HomeScreen)
    assert app.services.stores.state.get(ENERGY_OFFERED) is None


async def test_a_short_nap_across_midnight_is_not_a_new_morning(app_factory, clock) -> None:
    app = build(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await back_at(pilot, clock, datetime(2026, 11, 23, 23, 57, tzinfo=SHANGHAI))
        await back_at(pilot, clock, datetime(2026, 11, 24, 0, 8, tzinfo=SHANGHAI))
        assert isinstance(app.screen, HomeScreen)
    assert app.services.stores.state.get(ENERGY_OFFERED) is None


async def test_after_a_night_it_never_covers_sos_or_the_privacy_blank(app_factory, clock) -> None:
    app = build(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in ("f2", "ctrl+b"):
            await pilot.press(key)
            await pilot.pause()
        shown = app.screen
        notes = Notes(app)
        await back_at(pilot, clock, datetime(2026, 11, 24, 9, 20, tzinfo=SHANGHAI))
        assert app.screen is shown  # the toast says where to find it
        assert "energy station" in notes.text().lower()


async def test_asleep_from_after_the_shift_to_inside_the_next(
    app_factory, clock: FakeClock, home: Path
) -> None:
    """18:10 to 09:20 with shift hours on: the app saw no shift start, but offers it."""
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text('[breaks]\nevery = "12h"\n[shift]\nenabled = true\n', "utf-8")
    app = build(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        await later(pilot, clock, hours=7, minutes=30)
        assert isinstance(app.screen, ReleaseScreen)  # 18:00
        await pilot.press("escape")
        await later(pilot, clock, minutes=10)
        await back_at(pilot, clock, datetime(2026, 11, 24, 9, 20, tzinfo=SHANGHAI))
        assert isinstance(app.screen, EnergyScreen)


async def test_back_before_the_shift_it_waits_for_the_shift_start(
    app_factory, clock: FakeClock, home: Path
) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text("[shift]\nenabled = true\n", "utf-8")
    app = build(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        await back_at(pilot, clock, datetime(2026, 11, 24, 7, 0, tzinfo=SHANGHAI))
        assert isinstance(app.screen, HomeScreen)
        await later(pilot, clock, hours=2)
        assert isinstance(app.screen, EnergyScreen)
        await pilot.press("escape")
        await later(pilot, clock, minutes=20)
        assert isinstance(app.screen, HomeScreen)


async def test_what_the_journal_refuses_is_said_and_the_release_stays_open(app_factory) -> None:
    """The release is a journal entry like any other: its one check applies, and what
    it refuses is said in words while everything typed stays."""
    app = build(app_factory, "zh")
    many = " ".join(f"#t{n}" for n in range(21))
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ReleaseScreen())
        await pilot.pause()
        notes = Notes(app)
        await type_in(pilot, f"好评一条 {many}")
        await pilot.press("enter")
        await type_in(pilot, "差评")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReleaseScreen)
        assert "标签超过 20 个了，留下最重要的几个吧。" in notes.text()
        assert app.screen.query_one("#went-well", Input).value == f"好评一条 {many}"
        assert app.services.journal.entries() == []
        app.screen.query_one("#went-well", Input).value = "好评一条 #好评"
        await pilot.press("enter")
        await pilot.pause()
        assert "今晚可以" in screen_text(app)  # kept: then an idea for the evening
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
    (release,) = app.services.journal.entries()
    assert (release.text, release.tags) == ("好评一条 #好评\n差评", ("好评",))
