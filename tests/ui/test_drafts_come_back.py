"""What was typed in 'Let the day go', the energy station's intention or the growth
review when companion closed (ctrl+q) comes back when that place is opened again, as
the quit message promises; once saved, it is not offered again."""

from __future__ import annotations

import pytest
from textual.widgets import Input, TextArea

from companion.ui.practice.review import ReviewScreen
from companion.ui.routine.energy import EnergyScreen
from companion.ui.routine.release import ReleaseScreen
from tests.ui.helpers import Notes, type_in, wait_for

BACK = {"en": "is back", "zh": "放回来了"}


async def quit_with(app, pilot, screen, typed) -> None:  # type: ignore[no-untyped-def]
    app.push_screen(screen)
    await wait_for(pilot, lambda: app.screen is screen and app.focused is not None)
    await typed()
    await pilot.press("ctrl+q")
    await wait_for(pilot, lambda: not app.is_running)


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_letting_the_day_go_comes_back_then_is_saved_once(app_factory, lang) -> None:
    app = app_factory(lang)
    async with app.run_test(size=(80, 24)) as pilot:

        async def typed() -> None:
            await type_in(pilot, "calm refund")
            await pilot.press("enter")
            await type_in(pilot, "the shouting")

        await quit_with(app, pilot, ReleaseScreen(), typed)
    assert len(app.services.stores.drafts.all()) == 1

    again = app_factory(lang)
    async with again.run_test(size=(80, 24)) as pilot:
        notes = Notes(again)
        again.push_screen(ReleaseScreen())
        await wait_for(pilot, lambda: isinstance(again.screen, ReleaseScreen))
        await pilot.pause()
        fields = [i.value for i in again.screen.query(Input).results(Input)]
        assert fields == ["calm refund", "the shouting"]
        assert BACK[lang] in notes.text()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: len(again.services.journal.entries()) == 1)
        await pilot.pause()
        assert again.services.stores.drafts.all() == []  # saved: never offered again


async def test_the_energy_intention_comes_back_at_its_own_step(app_factory) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = EnergyScreen()
        screen.step = "intention"

        async def typed() -> None:
            await type_in(pilot, "one chat at a time")

        await quit_with(app, pilot, screen, typed)

    again = app_factory("en")
    async with again.run_test(size=(80, 24)) as pilot:
        again.push_screen(EnergyScreen())
        await wait_for(pilot, lambda: bool(again.screen.query("#intention")))
        assert again.screen.query_one("#intention", Input).value == "one chat at a time"
        await pilot.press("escape")  # done: the intention is kept
        await wait_for(pilot, lambda: not isinstance(again.screen, EnergyScreen))
        await pilot.pause()
        assert again.services.stores.drafts.all() == []
        [entry] = again.services.journal.entries()
        assert "one chat at a time" in entry.text


async def test_the_growth_review_comes_back(app_factory) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:

        async def typed() -> None:
            await type_in(pilot, "a customer said thanks")

        await quit_with(app, pilot, ReviewScreen(), typed)

    again = app_factory("en")
    async with again.run_test(size=(80, 24)) as pilot:
        again.push_screen(ReviewScreen())
        await wait_for(pilot, lambda: isinstance(again.focused, TextArea))
        assert again.screen.query_one("#happened", TextArea).text == "a customer said thanks"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(again.screen, ReviewScreen))
        await pilot.pause()
        assert again.services.stores.drafts.all() == []
        assert len(again.services.journal.entries()) == 1
