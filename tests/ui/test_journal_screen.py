"""The journal in the running app: every kind's flow, search, filters, edit, delete and
undo, drafts coming back after a crash, user text never read as markup, and notes from
another process showing up."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Select, TextArea

from companion.services.journal.service import Journal
from companion.store.schema import Entry
from companion.store.stores import open_stores
from companion.system.clock import FakeClock
from companion.system.paths import resolve_paths
from companion.ui.journal import rows as row_module
from companion.ui.journal.dialogs import (
    ConfirmDeleteScreen,
    DraftOfferScreen,
    KindPickerScreen,
)
from companion.ui.journal.entries import REFRESH_SECONDS, SHOWN, JournalScreen
from companion.ui.journal.entry_editor import EntryEditorScreen
from companion.ui.journal.entry_view import EntryViewScreen
from companion.ui.journal.rows import EntryList
from companion.ui.shell.home import HomeScreen
from companion.ui.widgets.prose import Paragraph
from tests.ui.helpers import (
    Notes,
    burst,
    record_calls,
    screen_text,
    settled,
    text_of,
    type_in,
    wait_for,
)

NASTY = "[bold]x[/bold] [@click=app.quit]q[/] \x1b[31mred 顾客😀"


def seed(app, kind: str = "free", tags=(), **answers: str):  # type: ignore[no-untyped-def]
    journal = app.services.journal
    return journal.add(kind, answers, tags)


def rows(app) -> list[str]:  # type: ignore[no-untyped-def]
    listing = app.screen.query_one("#journal-list", OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


async def open_journal(pilot) -> JournalScreen:  # type: ignore[no-untyped-def]
    await pilot.press("j")
    await settled(pilot)  # the journal may be read in a worker first
    [journal] = [s for s in pilot.app.screen_stack if isinstance(s, JournalScreen)]
    return journal


async def type_into(pilot, selector: str, text: str) -> None:  # type: ignore[no-untyped-def]
    pilot.app.screen.query_one(selector).focus()
    await settled(pilot)
    await type_in(pilot, text)


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_mood_check_in_is_two_keys_from_home(app_factory, lang: str) -> None:
    app = app_factory(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        notes = Notes(app)
        await pilot.press("m", "3")
        await settled(pilot)
        assert isinstance(app.screen, HomeScreen)
        [mood] = app.services.journal.entries()
        assert (mood.kind, mood.fields) == ("mood", {"score": 3})
        expected = {
            "en": ("Noted: 3 of 5", "3 of 5 at 10:30"),
            "zh": ("记下了：3 分", "10:30 打卡 3 分"),
        }
        assert expected[lang][0] in notes.text()
        assert expected[lang][1] in screen_text(app)


async def test_mood_with_words_opens_the_full_check_in(app_factory) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m", "w")
        await settled(pilot)
        assert isinstance(app.screen, EntryEditorScreen)
        app.screen.query_one("#answer-score", Select).value = "4"
        await type_into(pilot, "#answer-words", "steady, proud")
        await pilot.press("ctrl+s")
        await settled(pilot)
        [mood] = app.services.journal.entries()
        assert mood.fields == {"score": 4, "words": "steady, proud"}


async def test_a_thought_log_from_the_journal(app_factory) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(pilot)
        assert "Nothing here yet. Press ^n" in screen_text(app)
        await pilot.press("ctrl+n")
        await settled(pilot)
        assert isinstance(app.screen, KindPickerScreen)
        await pilot.press("1")
        await settled(pilot)
        assert isinstance(app.screen, EntryEditorScreen)
        assert app.focused is app.screen.query_one("#answer-text", TextArea)
        await type_in(pilot, "Customer shouted #refund")
        await type_into(pilot, "#answer-emotions", "angry 70, hurt 40")
        await type_into(pilot, "#answer-thought", "I am bad at this")
        await type_into(pilot, "#answer-tags", "late")
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert isinstance(app.screen, JournalScreen)
        [entry] = app.services.journal.entries()
        assert entry.kind == "thought" and entry.text == "Customer shouted #refund"
        assert entry.fields["emotions"] == [
            {"name": "angry", "intensity": 70},
            {"name": "hurt", "intensity": 40},
        ]
        assert entry.tags == ("refund", "late")
        assert "Customer shouted #refund #late" in rows(app)[0]
        assert app.services.journal.draft() is None


async def test_a_bad_answer_is_explained_and_nothing_typed_is_lost(app_factory) -> None:
    """What the editor says to fix is what the journal refuses: its one check, run once
    for each save."""
    app = app_factory("zh")
    checks = record_calls(app.services.journal, "check")
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(EntryEditorScreen("thought"))
        await settled(pilot)
        await pilot.press(*"退款")
        await type_into(pilot, "#answer-emotions", "生气 170")
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert isinstance(app.screen, EntryEditorScreen)
        assert "“生气 170”：强度请写 0 到 100 之间的数。" in screen_text(app)
        assert app.screen.query_one("#answer-text", TextArea).text == "退款"
        assert app.services.journal.entries() == []
        assert checks == ["check"]
        await pilot.press("backspace")
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert isinstance(app.screen, HomeScreen)  # saved and closed
    assert checks == ["check", "check"]
    [entry] = app.services.journal.entries()
    assert entry.fields["emotions"] == [{"name": "生气", "intensity": 17}]


@pytest.mark.parametrize(
    ("number", "kind", "answers", "expected_fields"),
    [
        ("2", "observation", {"text": "She froze."}, {"subject": "she"}),
        ("3", "reflection", {"text": "One calm reply", "tomorrow": "Drink water"},
         {"tomorrow": "Drink water"}),
        ("4", "free", {"text": "Just a line"}, {}),
    ],
)  # fmt: skip
async def test_every_other_kind_has_its_flow(
    app_factory, number: str, kind: str, answers: dict[str, str], expected_fields: dict
) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(pilot)
        await pilot.press("ctrl+n", number)
        await settled(pilot)
        for prompt, text in answers.items():
            await type_into(pilot, f"#answer-{prompt}", text)
        await pilot.press("ctrl+s")
        await settled(pilot)
        [entry] = app.services.journal.entries()
        assert (entry.kind, entry.text, entry.fields) == (kind, answers["text"], expected_fields)


async def test_an_observation_is_shown_back_in_the_chosen_voice(app_factory) -> None:
    app = app_factory("en")
    seed(app, "observation", subject="he", text="I froze and my hands shook.")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(pilot)
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, EntryViewScreen)
        text = screen_text(app)
        assert "He froze and his hands shook." in text and "Shown back as: he" in text
        await pilot.press("v")
        await settled(pilot)
        assert "I froze and my hands shook." in screen_text(app)


async def test_live_search_filters_and_counts(app_factory, clock: FakeClock) -> None:
    app = app_factory("en")
    seed(app, text="顾客要求退款 #退款")
    clock.advance(minutes=1)
    seed(app, "thought", text="The customer said STRASSE")
    clock.advance(minutes=1)
    starred = seed(app, text="calm afternoon")
    app.services.journal.set_star(starred, True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(pilot)
        assert len(rows(app)) == 3 and "Entries: 3" in screen_text(app)
        await pilot.press("slash", *"退款")
        await wait_for(pilot, lambda: len(rows(app)) == 1)
        assert "顾客要求退款" in rows(app)[0] and "1 of 3" in screen_text(app)
        search = app.screen.query_one("#journal-query", Input)
        search.value = "straße"  # casefolded: ß matches SS
        await wait_for(pilot, lambda: len(rows(app)) == 1 and "STRASSE" in rows(app)[0])
        search.value = "from:2026-13-01"
        await settled(pilot)
        assert "“2026-13-01” is not a date" in screen_text(app)
        search.value = "nothing like this"
        await settled(pilot)
        assert rows(app) == [] and "Nothing matches" in screen_text(app)
        await pilot.press("escape")  # clears the search first
        await settled(pilot)
        assert len(rows(app)) == 3 and isinstance(app.screen, JournalScreen)
        await pilot.press("right", "right")  # the filter: starred, then thought log
        await settled(pilot)
        assert len(rows(app)) == 1 and "Thought log" in screen_text(app)
        await pilot.press("left")  # back a step: starred only
        await settled(pilot)
        assert len(rows(app)) == 1 and "calm afternoon" in rows(app)[0]
        assert "Starred only" in screen_text(app)


async def test_scrolling_to_the_end_brings_in_older_entries(app_factory, clock: FakeClock) -> None:
    app = app_factory("en")
    start = clock.now()
    app.services.journal.add_many(
        [
            Entry(
                id=f"e{n}",
                created_at=start - timedelta(days=n),
                updated_at=start - timedelta(days=n),
                kind="free",
                text=f"day {n} in the queue",
            )
            for n in range(230)
        ]
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(pilot)
        assert len(rows(app)) == SHOWN and f"Showing the newest {SHOWN}" in screen_text(app)
        await pilot.press("end")
        await wait_for(pilot, lambda: len(rows(app)) == 2 * SHOWN)
        listing = app.screen.query_one("#journal-list", OptionList)
        assert listing.highlighted == SHOWN - 1  # still on the row the person reached
        while len(rows(app)) < 230:
            drawn = len(rows(app))
            await pilot.press("end")
            await wait_for(pilot, lambda drawn=drawn: len(rows(app)) > drawn)
        assert "day 229 in the queue" in rows(app)[-1]
        assert "Showing the newest" not in screen_text(app)
        await pilot.press("slash", *"day")  # a new search starts from the newest again
        await wait_for(pilot, lambda: len(rows(app)) == SHOWN)


def many_refunds(app) -> None:  # type: ignore[no-untyped-def]
    for n in range(110):  # 55 refunds: more than a page, so they must be counted
        seed(app, text=f"chat {n} in the queue" + (", a refund" if n % 2 else ""))


async def test_the_count_starts_once_the_page_is_drawn(app_factory) -> None:
    """Counting reads the whole journal in a worker, which shares the interpreter with
    the UI thread: it starts after the new page is laid out and painted, so it never
    slows the drawing of a key's results (the screen being idle is not enough: a list
    that changed tells the screen it needs a layout a moment later)."""
    app = app_factory("en")
    many_refunds(app)
    async with app.run_test(size=(80, 24)) as pilot:
        journal = await open_journal(pilot)
        await wait_for(pilot, lambda: journal.total == 110)
        seen: list[str] = []
        journal.screen_layout_refresh_signal.subscribe(
            journal, lambda _screen: seen.append("painted"), immediate=True
        )
        real = journal.count_matches
        journal.count_matches = lambda *a: seen.append("count") or real(*a)  # type: ignore[method-assign]
        journal.search_text = "refund"
        journal.refresh_list()  # what a key typed in the search box does
        assert seen == [] and all("refund" in r for r in rows(app))
        assert "Counting" in text_of(app.screen.query_one("#journal-count", Paragraph))
        await wait_for(pilot, lambda: journal.matches == 55)
        assert seen.count("count") == 1 and seen.index("count") > 0, seen  # painted first


async def test_a_letter_and_its_results_are_painted_in_the_same_frame(app_factory) -> None:
    """The search runs as the box's value changes, inside the key that changed it, so no
    frame can show the letter over the rows of the search before (after Input.Changed,
    a few messages later, the results came a frame after the letter: up to 17 ms)."""
    app = app_factory("en")
    many_refunds(app)
    async with app.run_test(size=(80, 24)) as pilot:
        journal = await open_journal(pilot)
        await wait_for(pilot, lambda: journal.total == 110)
        search = journal.query_one("#journal-query", Input)
        frames: list[tuple[str, list[str]]] = []
        journal.screen_layout_refresh_signal.subscribe(
            journal, lambda _screen: frames.append((search.value, rows(app))), immediate=True
        )
        search.value = "f"  # what the box does with a typed f (only refunds have one)
        assert rows(app) and all("refund" in r for r in rows(app))  # at once, not later
        assert "Counting" in text_of(journal.query_one("#journal-count", Paragraph))
        await wait_for(pilot, lambda: journal.matches == 55)
        burst(app, "u")  # and a key as the terminal hands it over: "fu"
        await wait_for(pilot, lambda: journal.search_text == "fu")
        await settled(pilot)
        assert frames and all(all("refund" in r for r in shown) for _, shown in frames)


async def test_rows_kept_from_one_search_to_the_next_are_not_made_again(
    app_factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A key that narrows a search keeps many of the rows shown: those are not made (nor
    measured by the list) again. A new width makes them all again, cut to it."""
    app = app_factory("en")
    many_refunds(app)
    made: list[str] = []
    real = row_module.entry_row
    monkeypatch.setattr(
        row_module, "entry_row", lambda hit, *rest: made.append(hit.id) or real(hit, *rest)
    )
    async with app.run_test(size=(80, 24)) as pilot:
        journal = await open_journal(pilot)
        journal.search_text = "queue"  # every entry: the newest fifty
        journal.refresh_list()
        newest = [hit.id for hit in journal.shown]
        made.clear()
        journal.search_text = "refund"  # every second one
        journal.refresh_list()
        assert all("refund" in r for r in rows(app)) and len(rows(app)) == SHOWN
        kept = [hit.id for hit in journal.shown if hit.id in newest]
        assert len(kept) == SHOWN // 2 and sorted(made) == sorted(
            hit.id for hit in journal.shown if hit.id not in newest
        )
        made.clear()
        room = app.screen.query_one(EntryList).room
        await pilot.resize_terminal(100, 24)
        await settled(pilot)
        assert app.screen.query_one(EntryList).room > room and len(made) == SHOWN


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_a_search_typed_in_a_burst_is_counted(app_factory, lang) -> None:
    app = app_factory(lang)
    many_refunds(app)
    async with app.run_test(size=(80, 24)) as pilot:
        journal = await open_journal(pilot)
        await wait_for(pilot, lambda: journal.total == 110)
        burst(app, "refund")  # letters typed in the list go to the search box
        await wait_for(pilot, lambda: journal.matches == 55)
        assert journal.search_text == "refund" and all("refund" in r for r in rows(app))
        count = text_of(app.screen.query_one("#journal-count", Paragraph))
        assert "55" in count and "110" in count


async def test_the_same_page_read_again_is_not_drawn_again(
    app_factory, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker reading the journal again (the slow timer, another process's note)
    finds the page as drawn: its fifty rows are not drawn again on the UI thread. A
    changed row is."""
    app = app_factory("en")
    for n in range(60):
        seed(app, text=f"chat {n} in the queue")
        clock.advance(minutes=1)
    draws: list[int] = []
    real = JournalScreen._draw
    monkeypatch.setattr(JournalScreen, "_draw", lambda s, e: draws.append(len(e)) or real(s, e))
    async with app.run_test(size=(80, 24)) as pilot:
        journal = await open_journal(pilot)
        assert journal._row_width() == app.screen.query_one(EntryList).room  # drawn for its width
        drawn = len(draws)
        journal.refresh_list()  # what JournalRead does once the worker has read
        await settled(pilot)
        assert len(draws) == drawn and len(rows(app)) == SHOWN
        await pilot.press("asterisk")  # a star on the first row: that row changed
        await settled(pilot)
        assert len(draws) == drawn + 1 and rows(app)[0].startswith("★")


async def test_edit_from_the_list(app_factory, clock: FakeClock) -> None:
    app = app_factory("en")
    entry = seed(app, text="first words", tags=("refund",))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(pilot)
        await pilot.press("ctrl+e")
        await settled(pilot)
        editor = app.screen
        assert isinstance(editor, EntryEditorScreen)
        assert editor.query_one("#answer-text", TextArea).text == "first words"
        assert editor.query_one("#answer-tags", Input).value == "refund"
        clock.advance(minutes=2)
        editor.query_one("#answer-text", TextArea).text = "better words"
        await pilot.press("ctrl+s")
        await settled(pilot)
        again = app.services.journal.get(entry.id)
        assert again.text == "better words" and again.created_at == entry.created_at
        assert "better words" in rows(app)[0]


async def test_delete_asks_then_undo_brings_it_back(app_factory) -> None:
    app = app_factory("en")
    entry = seed(app, text="to be deleted")
    async with app.run_test(size=(80, 24)) as pilot:
        notes = Notes(app)
        await open_journal(pilot)
        await pilot.press("delete")
        await settled(pilot)
        assert isinstance(app.screen, ConfirmDeleteScreen)
        await pilot.press("escape")  # keep it
        await settled(pilot)
        assert app.services.journal.total() == 1
        await pilot.press("delete")
        await settled(pilot)
        await pilot.click("#delete")
        await settled(pilot)
        assert app.services.journal.total() == 0 and rows(app) == []
        assert "Deleted. Press ^z to undo." in notes.text()
        await pilot.press("ctrl+z")
        await settled(pilot)
        assert app.services.journal.entries() == [entry] and len(rows(app)) == 1


async def test_delete_from_the_entry_page_also_offers_undo(app_factory) -> None:
    app = app_factory("zh")
    entry = seed(app, text="要删除的")
    async with app.run_test(size=(80, 24)) as pilot:
        notes = Notes(app)
        await open_journal(pilot)
        await pilot.press("enter", "d")
        await settled(pilot)
        await pilot.click("#delete")
        await settled(pilot)
        assert isinstance(app.screen, JournalScreen)
        assert "已删除。按 ^z 可以撤销。" in notes.text()
        await pilot.press("ctrl+z")
        await settled(pilot)
        assert app.services.journal.entries() == [entry]


async def test_a_draft_survives_a_crash_and_is_offered_back(app_factory, home: Path) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(EntryEditorScreen("thought"))
        await settled(pilot)
        await type_in(pilot, "half a thought 顾客")
        app.screen.autosave()  # what the 3-second timer does
    # The process dies here: nothing was saved but the draft.
    again = app_factory("en")
    async with again.run_test(size=(80, 24)) as pilot:
        await open_journal(pilot)
        assert isinstance(again.screen, DraftOfferScreen)
        assert "You have an unsaved Thought log from Monday 23 November 10:30." in screen_text(
            again
        )
        await pilot.click("#resume")
        await settled(pilot)
        editor = again.screen
        assert isinstance(editor, EntryEditorScreen)
        assert editor.query_one("#answer-text", TextArea).text == "half a thought 顾客"
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert [e.text for e in again.services.journal.entries()] == ["half a thought 顾客"]
        assert again.services.journal.draft() is None


async def test_a_draft_kept_by_an_older_companion_is_still_offered(app_factory) -> None:
    """Drafts used to be kept under the editor's class name; they are found all the same."""
    app = app_factory("en")
    app.services.stores.drafts.add(
        origin="EntryEditorScreen",
        fields={"kind": "thought", "entry_id": None, "answers": {"text": "from before"}},
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(pilot)
        assert isinstance(app.screen, DraftOfferScreen)
        assert "You have an unsaved Thought log" in screen_text(app)
        await pilot.click("#resume")
        await settled(pilot)
        assert app.screen.query_one("#answer-text", TextArea).text == "from before"
        await pilot.press("ctrl+s")
        await settled(pilot)
    assert [e.text for e in app.services.journal.entries()] == ["from before"]
    assert app.services.stores.drafts.all() == []


async def test_what_the_app_keeps_on_an_error_is_named_by_the_screen(app_factory) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(EntryEditorScreen("free"))
        await settled(pilot)
        await type_in(pilot, "not saved yet")
        assert app.keep_unsaved_input() == 1  # what the app does when it must close
    (draft,) = app.services.stores.drafts.all()
    assert draft.origin == "entry-editor"
    assert app.services.journal.draft() == draft


async def test_closing_after_an_autosave_keeps_one_draft_with_the_latest_words(
    app_factory,
) -> None:
    """ctrl+q (or an error) after the editor's autosave updates that draft: the next
    start offers the writing once, not twice."""
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(EntryEditorScreen("free"))
        await settled(pilot)
        await pilot.press(*"first")
        app.screen.autosave()
        await pilot.press(*" and more")
        assert app.keep_unsaved_input() == 1
    (draft,) = app.services.stores.drafts.all()
    assert "first and more" in str(draft.fields)


async def test_autosave_writes_only_when_something_changed(app_factory) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(EntryEditorScreen("free"))
        await settled(pilot)
        editor = app.screen
        editor.autosave()
        assert app.services.journal.draft() is None  # nothing typed, nothing kept
        await pilot.press(*"abc")
        editor.autosave()
        first = app.services.journal.draft()
        editor.autosave()
        assert app.services.journal.draft() == first  # unchanged: no write
        await pilot.press("escape")  # leaving keeps it as a draft, and says so
        await settled(pilot)
        assert app.services.journal.draft().fields["answers"]["text"] == "abc"


async def test_discarding_a_draft_forgets_it(app_factory) -> None:
    app = app_factory("en")
    app.services.journal.keep_draft({"kind": "free", "answers": {"text": "old"}}, None)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(pilot)
        await pilot.click("#discard")
        await settled(pilot)
        assert app.services.journal.draft() is None and isinstance(app.screen, JournalScreen)


async def test_user_text_is_never_markup(app_factory) -> None:
    app = app_factory("en")
    seed(app, text=NASTY, tags=("标签",))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(pilot)
        row = rows(app)[0]
        assert "[bold]x[/bold] [@click=app.quit]q[/] ␛[31mred" in row
        await pilot.click("#journal-list")
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, EntryViewScreen)
        assert "[@click=app.quit]q[/] ␛[31mred 顾客😀" in screen_text(app)
        await pilot.click("#entry-view", offset=(3, 4))
        await settled(pilot)
        assert app.is_running
        await pilot.press("e")
        await settled(pilot)
        area = app.screen.query_one("#answer-text", TextArea)
        assert area.text.startswith("[bold]x[/bold] [@click=app.quit]")


async def test_a_long_entry_scrolls(app_factory) -> None:
    app = app_factory("en")
    seed(app, text="\n".join(f"line {n}" for n in range(80)))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(pilot)
        await pilot.press("enter")
        await settled(pilot)
        page = app.screen.query_one("#entry-view")
        assert page.max_scroll_y > 40
        await pilot.press("end")
        await settled(pilot)
        assert page.scroll_y == page.max_scroll_y


async def test_notes_from_another_process_appear_while_the_list_is_shown(
    app_factory, home: Path, clock: FakeClock
) -> None:
    assert REFRESH_SECONDS <= 10
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_journal(pilot)
        shell = Journal(open_stores(resolve_paths(home), clock), clock)  # `companion note`
        shell.add("free", {"text": "written in the shell"})
        screen.refresh_if_changed()  # what the slow timer does
        await settled(pilot)
        assert "written in the shell" in rows(app)[0]
        assert "Entries: 1" in screen_text(app)


async def test_switching_language_keeps_what_was_typed_and_searched(app_factory) -> None:
    app = app_factory(None)  # the language follows the settings, as for a person
    seed(app, text="refund storm")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(pilot)
        await pilot.press("slash", *"storm")
        await settled(pilot)
        app.push_screen(EntryEditorScreen("thought"))
        await settled(pilot)
        await pilot.press(*"还没写完")
        await app.preferences.set_language("zh")
        await settled(pilot)
        editor = app.screen
        assert "新建 · 想法记录" in screen_text(app)
        assert editor.query_one("#answer-text", TextArea).text == "还没写完"
        await pilot.press("escape")
        await settled(pilot)
        assert app.screen.query_one("#journal-query", Input).value == "storm"
        assert "1 / 1" in screen_text(app) and len(rows(app)) == 1
