"""A burst of keys (a text expander, a terminal without bracketed paste) then the save
key: what is kept is exactly what was typed before the key, in every editor.

Pilot's ``press`` waits for the app to settle after each key, which hides the race; a
terminal does not wait. ``burst`` posts every key to the app at once, as the driver
does when a burst arrives, so the save key is seen while earlier keys still wait in
the field's queue.
"""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Input, TextArea

from companion.ui.calm.vent import VentScreen
from companion.ui.journal.entry_editor import EntryEditorScreen
from companion.ui.practice.reframe import ReframeScreen
from companion.ui.practice.review import ReviewScreen
from companion.ui.routine.energy import EnergyScreen
from companion.ui.routine.release import ReleaseScreen
from tests.ui.helpers import burst, wait_for

EN = "The customer asked for a refund for the third time, and I kept my voice kind. " * 4
ZH = "顾客第三次要仅退款，还说要找平台介入，我还是好好说话，先安抚情绪再讲方案。" * 6
TEXTS = {"en": EN.strip(), "zh": ZH}


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(5):
        await pilot.pause()


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_the_journal_editor_keeps_every_key_before_ctrl_s(app_factory, lang) -> None:
    app = app_factory(lang)
    text = TEXTS[lang]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "ctrl+n", "4")
        await wait_for(pilot, lambda: isinstance(app.screen, EntryEditorScreen))
        burst(app, text, "ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, EntryEditorScreen))
        await settle(pilot)
        [entry] = app.services.journal.entries()
        assert entry.text == text
        # A second entry right after: nothing of the first one's burst comes along.
        await pilot.press("ctrl+n", "4")
        await wait_for(pilot, lambda: isinstance(app.screen, EntryEditorScreen))
        burst(app, text[::-1].strip(), "ctrl+s")
        await wait_for(pilot, lambda: len(app.services.journal.entries()) == 2)
        await settle(pilot)
        assert sorted(e.text for e in app.services.journal.entries()) == sorted(
            [text, text[::-1].strip()]
        )


async def test_words_after_a_tab_in_the_editor_go_where_the_tab_went(app_factory) -> None:
    """Text, Tab, more words and ctrl+s in one burst, in the journal's editor (its Tab
    moves to the tags field): the words go to the tags, as when typed slowly. They
    stayed in the text before: Tab moved the focus in the editor's own turn, after the
    words were already handed to it."""
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "ctrl+n", "4")
        await wait_for(pilot, lambda: isinstance(app.screen, EntryEditorScreen))
        burst(app, "Order number 4471, a calm chat")
        app.post_message(events.Key("tab", "\t"))
        burst(app, "refund calm", "ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, EntryEditorScreen))
        await settle(pilot)
        [entry] = app.services.journal.entries()
        assert entry.text == "Order number 4471, a calm chat"
        assert entry.tags == ("refund", "calm")


async def test_two_saves_in_a_row_keep_one_entry(app_factory) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "ctrl+n", "4")
        await wait_for(pilot, lambda: isinstance(app.screen, EntryEditorScreen))
        burst(app, "once", "ctrl+s", "ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, EntryEditorScreen))
        await settle(pilot)
        assert [e.text for e in app.services.journal.entries()] == ["once"]


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_the_vent_pad_keeps_every_key_before_ctrl_s(app_factory, lang) -> None:
    app = app_factory(lang)
    text = TEXTS[lang]
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(VentScreen())
        await wait_for(pilot, lambda: isinstance(app.focused, TextArea))
        burst(app, text, "ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, VentScreen))
        await settle(pilot)
        [entry] = app.services.journal.entries()
        assert (entry.kind, entry.text) == ("vent", text)


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_letting_the_day_go_keeps_every_key(app_factory, lang) -> None:
    app = app_factory(lang)
    text = TEXTS[lang]
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ReleaseScreen())
        await wait_for(pilot, lambda: isinstance(app.focused, Input))
        burst(app, text[:150], "enter")
        burst(app, text[150:], "ctrl+s")
        await wait_for(pilot, lambda: len(app.services.journal.entries()) == 1)
        await settle(pilot)
        [entry] = app.services.journal.entries()
        assert entry.fields["went_well"] == text[:150].strip()
        assert entry.fields["let_go"] == text[150:].strip()
        assert app.screen.query("#evening-idea")  # saved: then the evening's idea


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_the_growth_review_keeps_every_key_before_ctrl_s(app_factory, lang) -> None:
    app = app_factory(lang)
    text = TEXTS[lang]
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ReviewScreen())
        await wait_for(pilot, lambda: isinstance(app.focused, TextArea))
        burst(app, text, "ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, ReviewScreen))
        await settle(pilot)
        [entry] = app.services.journal.entries()
        assert entry.kind == "review" and text in entry.text


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_reframe_steps_keep_every_key_before_the_next_step(app_factory, lang) -> None:
    app = app_factory(lang)
    text = TEXTS[lang]
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ReframeScreen())
        await wait_for(pilot, lambda: isinstance(app.focused, TextArea))
        burst(app, text, "ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.focused, Input))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ReframeScreen) and screen.wizard.facts == text
        burst(app, text[:80], "escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, ReframeScreen))
        await settle(pilot)
        [kept] = app.services.stores.reframes.all()
        assert kept.facts == text and kept.thought == text[:80]


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_enter_then_more_typing_lands_in_the_next_field(app_factory, lang) -> None:
    """Enter moves from one field to the next: the keys typed after it, in the same
    burst, belong to the next field, never to the one just left."""
    app = app_factory(lang)
    first, second = TEXTS[lang][:60].strip(), TEXTS[lang][60:140].strip()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ReleaseScreen())
        await wait_for(pilot, lambda: isinstance(app.focused, Input))
        burst(app, first, "enter")
        burst(app, second, "ctrl+s")
        await wait_for(pilot, lambda: len(app.services.journal.entries()) == 1)
        await settle(pilot)
        assert app.services.stores.drafts.all() == []
        [entry] = app.services.journal.entries()
        assert (entry.fields["went_well"], entry.fields["let_go"]) == (first, second)

        await pilot.press("escape")
        app.push_screen(ReframeScreen())
        await wait_for(pilot, lambda: isinstance(app.focused, TextArea))
        burst(app, "facts", "ctrl+n")
        await wait_for(pilot, lambda: isinstance(app.focused, Input))
        await settle(pilot)
        burst(app, first, "enter")
        burst(app, second, "escape")  # leave: the reframe is kept as it stands
        await wait_for(pilot, lambda: not isinstance(app.screen, ReframeScreen))
        await settle(pilot)
        [kept] = app.services.stores.reframes.all()
        assert (kept.thought, kept.feeling) == (first, second)


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_the_energy_station_keeps_every_key_of_the_intention(app_factory, lang) -> None:
    app = app_factory(lang)
    text = TEXTS[lang][:200]
    async with app.run_test(size=(80, 24)) as pilot:
        screen = EnergyScreen()
        screen.step = "intention"
        app.push_screen(screen)
        await wait_for(pilot, lambda: isinstance(app.focused, Input))
        burst(app, text, "escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, EnergyScreen))
        await settle(pilot)
        [entry] = app.services.journal.entries()
        assert text.strip() in entry.text


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_a_burst_then_ctrl_q_is_kept_as_the_editors_draft(app_factory, lang) -> None:
    """Typed, then quit at once: what was typed is the editor's draft, whole and once."""
    app = app_factory(lang)
    text = TEXTS[lang]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "ctrl+n", "4")
        await wait_for(pilot, lambda: isinstance(app.screen, EntryEditorScreen))
        burst(app, text[:40], "ctrl+s")  # saved: no draft of this one is kept
        await wait_for(pilot, lambda: len(app.services.journal.entries()) == 1)
        await pilot.press("ctrl+n", "4")
        await wait_for(pilot, lambda: isinstance(app.screen, EntryEditorScreen))
        burst(app, text, "ctrl+q")
        await wait_for(pilot, lambda: not app.is_running)
    [draft] = app.services.stores.drafts.all()
    assert text in str(draft.fields)


async def test_a_burst_then_ctrl_q_elsewhere_is_kept_as_a_draft(app_factory) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ReviewScreen())
        await wait_for(pilot, lambda: isinstance(app.focused, TextArea))
        burst(app, EN, "ctrl+q")
        await wait_for(pilot, lambda: not app.is_running)
    [draft] = app.services.stores.drafts.all()
    assert EN in str(draft.fields) and app.services.journal.entries() == []


async def test_quitting_with_nothing_typed_keeps_nothing(app_factory) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "ctrl+n", "4")
        await wait_for(pilot, lambda: isinstance(app.screen, EntryEditorScreen))
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: not app.is_running)
    assert app.services.stores.drafts.all() == []


@pytest.mark.parametrize(("lang", "between"), [("en", "enter"), ("zh", "enter"), ("en", "tab")])
async def test_a_passphrase_typed_after_enter_or_tab_lands_in_the_repeat_field(
    app_factory, lang, between
) -> None:
    """The passphrase, Enter (or Tab), the same again and Enter, typed in one go: the
    journal is encrypted with it (the second copy never lands at the end of the first
    field). Tab is Textual's own key for the next field, run in the field's turn, after
    the second copy was already handed to the first field: "the two do not match"."""
    from companion.store import encryption
    from companion.ui.privacy.passphrase import PassphraseScreen

    app = app_factory(lang)
    words = "quiet harbour lantern 港湾" if lang == "zh" else "quiet harbour lantern"
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(PassphraseScreen())
        await wait_for(pilot, lambda: isinstance(app.focused, Input))
        burst(app, words, between)
        burst(app, words, "enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, PassphraseScreen), 20)
        await settle(pilot)
        journal = app.services.stores.journal
        assert app.privacy.encrypted
        assert encryption.check_passphrase(journal, words)


async def test_answers_typed_after_the_follow_up_note_choose_there(app_factory) -> None:
    """A note, Enter, ↓ and Enter in one go: the second answer is chosen and the note
    is the note (the arrow never lands in the note field)."""
    from companion.ui.practice.follow_up import FollowUpScreen
    from tests.ui.test_reframe_screen import finish_a_reframe

    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        reframe_id = finish_a_reframe(app)
        reframe = app.services.stores.reframes.get(reframe_id)
        chosen: list[object] = []
        app.push_screen(FollowUpScreen(reframe), chosen.append)
        await wait_for(pilot, lambda: isinstance(app.focused, Input))
        burst(app, "She wrote back kindly.", "enter", "down", "enter")
        await wait_for(pilot, lambda: bool(chosen))
    assert chosen == [("as_expected", "She wrote back kindly.")]


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_a_search_then_enter_enter_opens_the_entry(app_factory, lang) -> None:
    """A search word, Enter and Enter typed in one go: the second Enter opens the entry
    found (the first leaves the search box at once, so the second never lands there)."""
    from companion.ui.journal.entries import JournalScreen
    from companion.ui.journal.entry_view import EntryViewScreen

    app = app_factory(lang)
    word = "差评" if lang == "zh" else "refund"
    app.services.journal.add("free", {"text": f"Another day with a {word} storm"})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
        await settle(pilot)
        await pilot.press("slash")
        burst(app, word, "enter", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, EntryViewScreen))
        assert word in app.screen.entry.text
