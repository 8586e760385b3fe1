"""Reframe in the real app: a full reframe from a thought-log entry, the judgement hint,
leaving halfway and picking it up again, and the next-day question."""

from __future__ import annotations

from textual.widgets import Input, SelectionList, TextArea

from companion.store.practice_records import Reframe
from companion.system.clock import FakeClock
from companion.ui.practice.follow_up import FollowUpScreen
from companion.ui.practice.reframe import ReframeScreen
from companion.ui.widgets.scale import IntensityScale
from tests.ui.helpers import Notes, screen_text, type_in, wait_for


def thought_entry(app):  # type: ignore[no-untyped-def]
    return app.services.stores.entries.add(
        kind="thought",
        text="At 10:05 a customer wrote “scam shop” three times about a late parcel.",
        fields={"thought": "She thinks I'm a cheat.", "emotions": "angry 80, hurt 40"},
    )


async def test_a_full_reframe_from_a_thought_log_entry(app_factory) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        entry = thought_entry(app)
        app.practice.reframe_entry(entry.id)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReframeScreen)
        text = screen_text(app)
        assert "Step 1 of 4 · What happened" in text and "From your thought log" in text
        assert "scam shop" in screen.query_one("#facts", TextArea).text

        await pilot.press("ctrl+n")  # step 2: the thought, seeded from the entry
        assert screen.query_one("#thought", Input).value == "She thinks I'm a cheat."
        assert screen.query_one("#feeling", Input).value == "angry"
        assert screen.query_one("#before", IntensityScale).value == 80
        await pilot.press("enter", "enter", "right")  # to the scale, then stronger
        assert screen.wizard.before == 85

        await pilot.press("ctrl+n")  # traps
        assert "Thinking traps" in screen_text(app)
        await pilot.press("down", "space")  # "Labelling anyone (even you)"
        assert screen.query_one("#traps", SelectionList).selected == ["labelling"]
        assert "Ask yourself:" in screen_text(app)

        await pilot.press("ctrl+n")  # step 3: other sides
        first_prompt = screen_text(app)
        assert "The customer's side" in first_prompt
        await type_in(pilot, "She was scared of losing her money.")
        await pilot.press("ctrl+r")  # another question for the customer's side
        assert screen_text(app) != first_prompt

        await pilot.press("ctrl+n")  # step 4
        assert "Your first thought: She thinks I'm a cheat." in screen_text(app)
        await type_in(pilot, "She needs proof her parcel is real.")
        await pilot.press("enter")
        await type_in(pilot, "Send the tracking photo.")
        await pilot.press("enter")
        await pilot.press("3", "enter")  # the feeling is 30 now; Enter moves on

        summary = screen_text(app)
        assert "Before → after" in summary and "85 →" in summary and "30" in summary
        assert "The feeling eased by 55." in summary
        assert "Labelling anyone (even you)" in summary

    kept = app.services.practice.reframes_for_entry(entry.id)
    assert len(kept) == 1
    record: Reframe = kept[0]
    assert record.finished and record.entry_id == entry.id
    assert (record.before, record.after, record.traps) == (85, 30, ("labelling",))
    assert record.sides == {"customer": "She was scared of losing her money."}
    assert record.meaning == "She needs proof her parcel is real."


async def test_the_facts_step_hints_gently_at_a_judgement_in_both_languages(app_factory) -> None:
    for lang, typed, word in (
        ("en", "The customer was rude to me", "rude"),
        ("zh", "顾客故意找茬", "故意"),
    ):
        app = app_factory(lang)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("r")
            hint = app.screen.query_one("#judgement")
            assert not hint.display or "hidden" in hint.classes
            await type_in(pilot, typed)
            assert "hidden" not in hint.classes
            assert f"“{word}”" in screen_text(app)


async def test_each_step_says_kindly_what_it_still_needs(app_factory) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        notes = Notes(app)
        await pilot.press("r", "ctrl+n")
        assert app.screen.wizard.step == 1
        assert "Write a line about what happened first." in notes.text()


async def test_leaving_halfway_keeps_it_and_it_can_be_picked_up(app_factory) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        notes = Notes(app)
        await pilot.press("r")
        await type_in(pilot, "A customer asked for a refund twice.")
        await pilot.press("ctrl+n")
        await type_in(pilot, "They think I'm slow.")
        await pilot.press("escape")
        assert not isinstance(app.screen, ReframeScreen)
        assert "Kept." in notes.text()
        await pilot.press("r")
        assert "unfinished reframe" in screen_text(app)
        await pilot.press("ctrl+t")
        screen = app.screen
        assert screen.wizard.page.value == "thought"
        assert screen.query_one("#thought", Input).value == "They think I'm slow."
    assert app.services.stores.reframes.count() == 1


async def test_the_language_can_change_mid_reframe_without_losing_words(app_factory) -> None:
    app = app_factory(lang=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await type_in(pilot, "The parcel is late.")
        await pilot.press("ctrl+n")
        await type_in(pilot, "They blame me")
        await app.preferences.set_language("zh")
        await pilot.pause()
        text = screen_text(app)
        assert "第 2 步，共 4 步" in text
        assert app.screen.query_one("#thought", Input).value == "They blame me"


def finish_a_reframe(app) -> str:  # type: ignore[no-untyped-def]
    from companion.core.reframe import Page, Reframing

    wizard = Reframing(facts="f", thought="They hate me.", meaning="They need help.", after=40)
    wizard.page = Page.SUMMARY
    return app.services.practice.save_reframe(wizard).id


async def test_the_next_day_it_asks_once_how_it_turned_out(app_factory, clock: FakeClock) -> None:
    first = app_factory("en")
    async with first.run_test(size=(80, 24)) as pilot:
        reframe_id = finish_a_reframe(first)
        await pilot.pause()
        assert not isinstance(first.screen, FollowUpScreen)  # same day: not yet

    clock.advance(hours=23)
    next_day = app_factory("en")
    async with next_day.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(next_day.screen, FollowUpScreen))
        text = screen_text(next_day)
        assert "How did it turn out?" in text and "“They hate me” → “They need help”" in text
        await type_in(pilot, "She said thanks.")
        await pilot.press("enter", "enter")  # the first answer: better
        assert not isinstance(next_day.screen, FollowUpScreen)
    record = next_day.services.stores.reframes.get(reframe_id)
    assert (record.follow_up, record.outcome, record.outcome_note) == (
        "answered",
        "better",
        "She said thanks.",
    )

    again = app_factory("en")
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not isinstance(again.screen, FollowUpScreen)  # asked once


async def test_the_follow_up_can_be_skipped_and_is_not_asked_again(
    app_factory, clock: FakeClock
) -> None:
    app = app_factory("zh")
    async with app.run_test(size=(80, 24)) as pilot:
        reframe_id = finish_a_reframe(app)
    clock.advance(days=1)
    app = app_factory("zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "后来怎么样了？" in screen_text(app)
        await pilot.press("escape")
        assert not isinstance(app.screen, FollowUpScreen)
    assert app.services.stores.reframes.get(reframe_id).follow_up == "asked"
    clock.advance(days=1)
    app = app_factory("zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not isinstance(app.screen, FollowUpScreen)
