"""The contact hook in the real app, moved by the fake clock: the app's keys mark a
chat's end, "after this chat" ends on the next mark (from the key or from
`companion contact` beside the app), a rough one offers the SOS minute in one line,
several bring the break forward, and `companion dnd` shows at once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.widgets import Input

from companion.store import inbox
from companion.ui.calm.sos import SosScreen
from companion.ui.shell.home import HomeScreen
from tests.ui.helpers import Notes, screen_text, text_of
from tests.ui.test_breaks import break_screen, build, home_status, later


def marks(app) -> list[tuple[bool, str]]:  # type: ignore[no-untyped-def]
    return [(c.rough, c.source) for c in app.services.stores.contacts.all()]


async def look(pilot) -> None:  # type: ignore[no-untyped-def]
    """The app looks at activity.db every 2 s; here, at once."""
    pilot.app.rhythm.contacts.look()
    await pilot.pause()
    await pilot.pause()


def from_the_shell(app, rough: bool = False) -> None:  # type: ignore[no-untyped-def]
    """What `companion contact` does: a record in activity.db, by another process (a
    second opening of the stores, so the app's cache is not told)."""
    from companion.store.stores import open_stores

    other = open_stores(app.services.paths, app.services.clock)
    inbox.mark_contact(other, rough, "command")


@pytest.mark.parametrize(
    ("lang", "marked", "row"),
    [
        ("en", "Chat marked as done (1 today).", "1 done · 0 rough"),
        ("zh", "记下了：又接待完一位（今天第 1 位）。", "1 位 · 难缠的 0 位"),
    ],
)
async def test_the_key_marks_a_chat_and_home_counts_them(
    app_factory, clock, lang: str, marked: str, row: str
) -> None:
    app = build(app_factory, lang)
    async with app.run_test(size=(80, 24)) as pilot:
        notes = Notes(app)
        await pilot.press("c")
        await pilot.pause()
        assert marked in notes.text()
        assert row in screen_text(app)
    assert marks(app) == [(False, "app")]


async def test_after_this_chat_ends_on_the_next_mark(app_factory, clock) -> None:
    app = build(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        await later(pilot, clock, hours=2)
        await pilot.press("c")  # on the break screen: after this chat
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await later(pilot, clock, minutes=3)
        await pilot.press("c")  # on Home: this chat is done
        await pilot.pause()
        assert break_screen(app).mode == "due"  # at once, not 12 minutes later
        assert "Time for a short break" in screen_text(app)


async def test_a_mark_from_the_shell_reaches_the_open_app(app_factory, clock) -> None:
    app = build(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        await later(pilot, clock, hours=2)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        clock.advance(60)
        from_the_shell(app)
        await look(pilot)
        assert break_screen(app).mode == "due"
        await look(pilot)  # taken in once: nothing more happens
        assert break_screen(app).mode == "due"
    events = [e.kind for e in app.services.stores.break_events.all()]
    assert events.count("due") == 2  # due, then again after the chat


@pytest.mark.parametrize(
    ("lang", "offer"),
    [
        ("en", "That one was rough. Press f2 for one minute to reset."),
        ("zh", "刚才那位挺难缠的。按 f2，花一分钟缓一缓。"),
    ],
)
async def test_a_rough_chat_offers_the_sos_minute_in_one_line(
    app_factory, clock, lang: str, offer: str
) -> None:
    app = build(app_factory, lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("C")
        await pilot.pause()
        (line,) = app.screen.query(".sos-offer")
        assert text_of(line).strip() == offer
        assert isinstance(app.screen, HomeScreen) and app.focused is not line  # no pop-up
        await pilot.press("f2")  # the one key
        await pilot.pause()
        assert isinstance(app.screen, SosScreen)
        await look(pilot)
        assert not app.query(".sos-offer")  # offered once: gone once taken
    assert marks(app) == [(True, "app")]


async def test_the_offer_goes_by_itself_and_can_be_turned_off(app_factory, clock, home) -> None:
    app = build(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("C")
        await pilot.pause()
        (line,) = app.screen.query(".sos-offer")
        clock.advance(121)
        line.tick()
        await pilot.pause()
        assert not app.screen.query(".sos-offer")
    (home / "config.toml").write_text("[contacts]\noffer_sos = false\n", "utf-8")
    quiet = build(app_factory)
    async with quiet.run_test(size=(80, 24)) as pilot:
        await pilot.press("C")
        await pilot.pause()
        assert not quiet.screen.query(".sos-offer")


async def test_a_rough_chat_from_the_shell_offers_it_too(app_factory, clock) -> None:
    app = build(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        from_the_shell(app, rough=True)
        await look(pilot)
        assert app.screen.query(".sos-offer")


async def test_three_rough_chats_in_an_hour_bring_the_break_forward(app_factory, clock) -> None:
    app = build(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        notes = Notes(app)
        for _ in range(3):
            await later(pilot, clock, minutes=15)
            await pilot.press("C")
            await pilot.pause()
        assert "3 rough chats within the hour. Your next break comes early, in 2 min." in (
            notes.text()
        )
        assert "A short break in 2 min" in notes.text()  # the heads-up, now
        await later(pilot, clock, minutes=2)
        assert break_screen(app).mode == "due"


async def test_the_keys_never_fire_while_typing(app_factory, clock) -> None:
    app = build(app_factory)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")  # Settings: a duration field
        await pilot.pause()
        field = app.screen.query_one("#break_every", Input)
        field.focus()
        await pilot.press("end", "c", "C")
        await pilot.pause()
        assert field.value.endswith("cC")
    assert marks(app) == []


@pytest.mark.parametrize(
    ("lang", "on", "line"),
    [
        ("en", "Reminders paused until 11:15.", "Do not disturb until 11:15."),
        ("zh", "提醒已暂停，到 11:15 为止。", "勿扰模式，到 11:15 为止。"),
    ],
)
async def test_companion_dnd_shows_in_the_app_at_once(
    app_factory, clock, lang: str, on: str, line: str
) -> None:
    from companion.store.stores import open_stores

    app = build(app_factory, lang)
    async with app.run_test(size=(80, 24)) as pilot:
        notes = Notes(app)
        other = open_stores(app.services.paths, app.services.clock)
        inbox.ask_dnd(other, clock.now(), clock.now() + timedelta(minutes=45))
        await look(pilot)
        assert on in notes.text()
        assert home_status(app) == line
        await look(pilot)
        assert notes.text().count(on) == 1  # acted on once
        inbox.ask_dnd(other, clock.now(), None)
        await look(pilot)
        assert home_status(app).startswith(("Next break in", "下次休息"))
