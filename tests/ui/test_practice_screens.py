"""The practice room in the real app: a poker round against the fake clock, a drill,
a role play to its debrief, emotion cards, the thought quiz and a growth review."""

from __future__ import annotations

import random
from unittest.mock import Mock

from companion.core.reframe import Page, Reframing
from companion.packs import practice as practice_packs
from companion.system.clock import FakeClock
from companion.ui.practice.drills import LETTERS, DrillsScreen
from companion.ui.practice.emotions import EmotionCardsScreen
from companion.ui.practice.pairs import ThoughtPairsScreen
from companion.ui.practice.poker import TICK_SECONDS, PokerScreen
from companion.ui.practice.review import ReviewScreen
from companion.ui.practice.roleplay import RoleplayScreen
from companion.ui.practice.room import PracticeRoomScreen
from tests.ui.helpers import Notes, screen_text, text_of, type_in


def seeded(app, seed: int = 0):  # type: ignore[no-untyped-def]
    app.services.practice.rng = random.Random(seed)
    return app


async def test_the_room_lists_every_tool_and_opens_one_by_number(app_factory) -> None:
    app = app_factory("zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        assert isinstance(app.screen, PracticeRoomScreen)
        text = screen_text(app)
        assert "练习室" in text
        await pilot.press("7")
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, PracticeRoomScreen)


async def test_a_poker_round_runs_on_the_injected_clock(app_factory, clock: FakeClock) -> None:
    assert TICK_SECONDS >= 1  # one slow timer, not an animation
    app = seeded(app_factory("en"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p", "1")
        screen = app.screen
        assert isinstance(screen, PokerScreen)
        assert "Press n to draw a hand of three." in screen_text(app)
        await pilot.press("n")
        card, hand = screen.card, screen.hand
        assert card is not None and hand is not None and card.situation in screen_text(app)
        traps = {trap.id: trap for trap in practice_packs.traps("en")}
        sides = {side.id: side for side in practice_packs.perspectives("en")}
        dealt = screen_text(app)
        assert "Thinking trap" in dealt and traps[hand.trap].name in dealt
        assert "Look from" in dealt and sides[hand.side].name in dealt
        assert sides[hand.side].prompts[hand.prompt] in dealt
        assert "60 s left" in screen_text(app)
        clock.advance(25)
        screen.tick()  # what the 1-second timer does
        await pilot.pause()
        assert "35 s left" in screen_text(app)
        assert card.samples[0] not in screen_text(app)  # samples come after
        await type_in(pilot, "They're scared, not cruel.")
        clock.advance(40)
        screen.tick()
        await pilot.pause()
        text = screen_text(app)
        assert "Time." in text and card.samples[0] in text
        await pilot.press("enter")
        assert "How well does yours work for you?" in screen_text(app)
        await pilot.press("3")
        assert "Noted." in screen_text(app)
    kept = app.services.stores.poker_rounds.all()
    assert len(kept) == 1
    assert (kept[0].card_id, kept[0].reframe, kept[0].rating) == (
        card.id,
        "They're scared, not cruel.",
        3,
    )
    assert (kept[0].trap, kept[0].side) == (hand.trap, hand.side)
    assert kept[0].in_time is False and kept[0].seconds == 65


async def test_the_poker_timer_runs_only_while_a_round_is_on_and_shown(app_factory) -> None:
    app = seeded(app_factory("en"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p", "1")
        screen = app.screen
        spy = Mock(wraps=screen._timer)
        screen._timer = spy
        await pilot.press("n")
        spy.resume.assert_called_once()
        await pilot.press("escape")  # leaves the screen: the timer stops with it
        spy.pause.assert_called()
        await pilot.press("1")
        assert isinstance(app.screen, PokerScreen) and app.screen is not screen


async def test_a_drill_is_answered_explained_and_counted(app_factory) -> None:
    app = seeded(app_factory("en"), 3)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p", "3")
        screen = app.screen
        assert isinstance(screen, DrillsScreen)
        assert "35 situations to explore" in screen_text(app)
        drill = screen.drill
        wrong = next(p for p, i in enumerate(screen.order) if not drill.options[i].best)
        await pilot.press(LETTERS[wrong])
        text = screen_text(app)
        assert "Here's what tends to help more" in text
        for option in drill.options:
            assert option.why in text  # every option explained
        assert "most helpful" in text and "your pick" in text
        await pilot.press("n")
        assert screen.drill.id != drill.id
        best = next(p for p, i in enumerate(screen.order) if screen.drill.options[i].best)
        # The arrows move the highlight (and wrap at the ends); back at the top, walk
        # down to the most helpful reply and choose it with Enter.
        await pilot.press("down", "up", *["down"] * best, "enter")
        text = screen_text(app)
        assert "That's the one that helps most here." in text
        assert "worked through 2 of 35 situations. 1 clicked on the first go" in text
    attempts = app.services.stores.drill_attempts.all()
    assert sorted(a.best for a in attempts) == [False, True]


async def test_a_role_play_follows_the_replies_to_a_debrief(app_factory) -> None:
    app = seeded(app_factory("en"), 1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p", "6")
        screen = app.screen
        assert isinstance(screen, RoleplayScreen)
        await pilot.press("enter")  # the first conversation
        talk = screen.talk
        assert talk is not None and talk.play.id == "late_gift"
        assert "Customer: upset" in screen_text(app)
        while not talk.finished:
            # Pick the reply that cools the customer most, wherever it is shown.
            replies = talk.step.replies
            coolest = min(range(len(replies)), key=lambda i: replies[i].heat)
            await pilot.press(str(screen.order.index(coolest) + 1))
        text = " ".join(screen_text(app).split())  # long lines are wrapped on screen
        assert "Debrief" in text and talk.step.outcome in text
        assert "The customer went from upset to settling." in text
        assert talk.play.lesson in text
        await pilot.press("a")  # play again
        assert not screen.talk.finished and screen.talk.turns == []
        await pilot.press("escape")
    runs = app.services.stores.roleplay_runs.all()
    assert len(runs) == 1 and runs[0].ending == "end_good" and runs[0].heat_end == 20


async def test_a_role_play_in_chinese_shows_the_mood_in_chinese(app_factory) -> None:
    app = seeded(app_factory("zh"), 2)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p", "6", "enter")
        text = screen_text(app)
        assert "顾客状态：很生气" in text and "卡住的生日礼物" in text
        heat = app.screen.talk.heat
        await pilot.press("1")
        assert app.screen.talk.heat != heat


async def test_emotion_cards_draw_and_turn_over(app_factory) -> None:
    app = seeded(app_factory("en"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p", "2", "n")
        screen = app.screen
        assert isinstance(screen, EmotionCardsScreen)
        card = screen.card
        assert card.sounds_like[0] in screen_text(app)
        assert card.first_line not in screen_text(app)
        await pilot.press("space")
        assert card.needs in screen_text(app) and card.first_line in screen_text(app)
        await pilot.press("n")
        assert screen.card.id != card.id  # no repeats until the deck is used up


async def test_the_thought_table_and_its_quiz(app_factory) -> None:
    app = seeded(app_factory("en"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p", "4")
        screen = app.screen
        assert isinstance(screen, ThoughtPairsScreen)
        assert "This customer is just difficult." in screen_text(app)
        await pilot.press("m")
        question = screen.question
        assert question.pair.negative in screen_text(app)
        await pilot.press(str(question.answer + 1))
        assert "Yes, those two belong together." in screen_text(app)
        assert "1 of 1 matched" in screen_text(app)
        await pilot.press("n")
        assert screen.picked is None


async def test_a_growth_review_is_kept_in_the_journal(app_factory) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        notes = Notes(app)
        await pilot.press("p", "7", "ctrl+s")
        assert "Write at least what happened first." in notes.text()
        await type_in(pilot, "A customer shouted about a refund.")
        await pilot.press("tab")
        await type_in(pilot, "I stayed calm.")
        await pilot.press("escape")
        await pilot.press("7")  # the words are still there
        assert "I stayed calm." in app.screen.query_one("#did_well").text
        await pilot.press("tab", "tab")
        await type_in(pilot, "Offer choices sooner.")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, PracticeRoomScreen)
        assert "Kept in your journal." in notes.text()
    entry = app.services.stores.entries.all()[0]
    assert entry.kind == "review" and entry.text == "A customer shouted about a refund."
    assert entry.fields == {"did_well": "I stayed calm.", "next_time": "Offer choices sooner."}


async def test_a_practice_tool_opens_from_the_palette(app_factory) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Reframe a moment", "Practice room", "Cognitive poker", "Role play"} <= titles
        app.practice.roleplay()
        await pilot.pause()
        assert isinstance(app.screen, RoleplayScreen)


async def test_home_counts_todays_reframes_and_practice(app_factory) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        wizard = Reframing(facts="f", thought="t", meaning="m")
        wizard.page = Page.SUMMARY
        app.services.practice.save_reframe(wizard)
        drill = app.services.practice.next_drill(practice_packs.drills("en"))
        app.services.practice.answer_drill(drill, 0)
        app.screen.refresh_view()
        await pilot.pause()
        glance = text_of(app.screen.query_one("#glance"))
        assert "Reframes" in glance and "1 finished" in glance
        assert "Practice" in glance and "1 done" in glance
