"""Pinned pictures of what issue 19 adds to the screen at 80x24, in English and Chinese:
a micro-pause line counting down over Home, the one-line SOS offer after a rough chat,
and Home during a lunch from the roster."""

from __future__ import annotations

import pytest

from tests.ui.helpers import awake
from tests.ui.test_micro_pauses import configure
from tests.ui.test_snapshots import LANGS

MICRO = '[micro]\nenabled = true\nevery = "20m"\n'
LUNCH = '[[breaks.fixed]]\nname = "{name}"\nstart = "11:00"\nend = "12:00"\n'


def quiet(app) -> None:  # type: ignore[no-untyped-def]
    from companion.system.notify import Delivery

    app.rhythm.send = lambda *args, **kwargs: Delivery("test", True)


@pytest.mark.parametrize("lang", LANGS)
def test_micro_pause_line(snap_compare, app_factory, clock, home, lang: str) -> None:
    configure(home, MICRO)
    app = app_factory(lang)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        quiet(app)
        awake(app, clock, minutes=20)
        await pilot.pause()
        clock.advance(3)
        for line in app.screen.query(".micro-pause"):
            line.tick()  # type: ignore[attr-defined]
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("lang", LANGS)
def test_sos_offer_after_a_rough_chat(snap_compare, app_factory, lang: str) -> None:
    app = app_factory(lang)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        quiet(app)
        await pilot.press("C")
        await pilot.pause()
        app.clear_notifications()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("lang", LANGS)
def test_home_during_lunch(snap_compare, app_factory, clock, home, lang: str) -> None:
    configure(home, LUNCH.format(name="Lunch" if lang == "en" else "午饭"))
    app = app_factory(lang)

    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        quiet(app)
        awake(app, clock, minutes=31)
        await pilot.pause()
        app.clear_notifications()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
