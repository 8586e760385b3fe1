"""The incident note through the real app: one key from SOS, the words pasted or typed
and kept exactly, "copy as report" to the clipboard or a file, a draft when it is left
unfinished, and the note in the journal as its own kind."""

from __future__ import annotations

import stat

from textual import events
from textual.widgets import Input, TextArea

from companion.store import encryption
from companion.ui.calm.incident import IncidentScreen, ReportScreen
from companion.ui.calm.sos import SosScreen
from companion.ui.journal.entries import JournalScreen
from companion.ui.journal.entry_view import EntryViewScreen
from companion.ui.privacy.unlock import UnlockScreen
from tests.ui.helpers import Notes, burst, screen_text, type_in, wait_for

PASTED = (
    "你这种客服就该被开除！！\r\n  [bold]I will report you[/bold]\n"
    "\tline three 😡 [@click=app.quit]x[/]"
)


async def open_note(pilot) -> IncidentScreen:  # type: ignore[no-untyped-def]
    await pilot.press("f2")
    assert isinstance(pilot.app.screen, SosScreen)
    await pilot.press("n")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, IncidentScreen))
    await pilot.pause()
    return pilot.app.screen  # type: ignore[no-any-return]


async def test_one_key_from_sos_a_paste_kept_exactly(app_factory) -> None:
    app = app_factory("en")
    notes = Notes(app)
    async with app.run_test(size=(80, 24)) as pilot:
        note = await open_note(pilot)
        words = note.query_one("#incident-words", TextArea)
        assert app.focused is words  # ready for the paste
        # ... and in view: lines to show it, under the title, with the whole time shown
        assert words.content_size.height >= 3 and note.query_one("#incident").scroll_y == 0
        time = note.query_one("#incident-time", Input)
        assert time.content_size.width > len(time.value)
        app.post_message(events.Paste(PASTED))
        await pilot.pause()
        note.query_one("#incident-order", Input).value = "2026112300017"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, SosScreen))
        assert "Kept in your journal." in notes.text()
    (entry,) = app.services.journal.entries()
    assert entry.kind == "incident"
    assert entry.text == words.text.rstrip()
    assert "[bold]I will report you[/bold]" in entry.text and "\tline three 😡" in entry.text
    assert entry.fields["order"] == "2026112300017" and entry.fields["channel"] == "chat"
    assert entry.fields["time"] == "2026-11-23 10:30"


async def test_typed_words_then_the_keep_key_lose_nothing(app_factory) -> None:
    typed = "you people are useless, refund me now or I call the platform " * 8
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_note(pilot)
        # All at once, as a terminal hands over a text expander's burst: the keep key
        # arrives while the words still wait in the field's queue.
        burst(app, typed)
        app.post_message(events.Key("enter", "\r"))
        burst(app, "second line", "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, SosScreen))
    (entry,) = app.services.journal.entries()
    assert entry.text == typed + "\nsecond line"


async def test_letters_that_reach_the_note_before_its_field_never_run(app_factory) -> None:
    """Keys typed right after the note's key reach the screen, not the field: they never
    run a command (l would open the help lines, j the journal) and are not typed out of
    order behind later ones (tests/e2e has the real terminal)."""
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        note = await open_note(pilot)
        await pilot.press(*"typed ")
        for key in "ljk":
            note.post_message(events.Key(key, key))
        await pilot.pause()
        await pilot.press(*"later")
        assert app.screen is note
        assert note.query_one("#incident-words", TextArea).text == "typed later"


async def test_without_words_nothing_is_kept_and_it_says_why(app_factory) -> None:
    app = app_factory("zh")
    notes = Notes(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_note(pilot)
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, IncidentScreen)
        assert "先把顾客的原话粘贴进来" in notes.text()
    assert app.services.journal.entries() == []


async def test_copy_as_report_to_the_clipboard_and_a_file(app_factory, home) -> None:
    app = app_factory("en")
    async with app.run_test(size=(80, 24)) as pilot:
        note = await open_note(pilot)
        note.query_one("#incident-words", TextArea).load_text("\x1b[2J you idiot")
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportScreen))
        report = app.clipboard
        assert report.startswith("Report: abusive customer contact\n")
        # the words as they were, but an escape code shows as a symbol and cannot act
        assert "The customer wrote (copied unchanged):\n\u241b[2J you idiot\n" in report
        assert "\x1b" not in report
        assert "Order reference: none given" in report
        assert "\x1b" not in screen_text(app)
        await pilot.press("ctrl+s", "ctrl+s")
        (saved,) = (home / "data" / "reports").iterdir()
        assert saved.read_text("utf-8") == report
        assert stat.S_IMODE(saved.stat().st_mode) == 0o600
        assert "Only you can read it." in screen_text(app)
        await pilot.press("escape")
        assert app.screen is note  # back to the note, nothing kept yet
    assert app.services.journal.entries() == []


async def test_left_unfinished_it_is_a_draft_and_comes_back(app_factory) -> None:
    app = app_factory("en")
    notes = Notes(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_note(pilot)
        await type_in(pilot, "half a note")
        await pilot.press("escape")
        assert isinstance(app.screen, SosScreen)
        assert "saved as a draft" in notes.text()
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, IncidentScreen))
        await pilot.pause()
        assert app.screen.query_one("#incident-words", TextArea).text == "half a note"
        await type_in(pilot, " and the rest")  # typed after what was kept
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, SosScreen))
    assert app.services.journal.drafts.of("incident-note") == []
    assert [e.text for e in app.services.journal.entries()] == ["half a note and the rest"]


async def test_in_the_journal_as_its_own_kind_with_copy_as_report(app_factory) -> None:
    app = app_factory("en")
    app.services.incidents.save("you are a disgrace", {"channel": "review", "time": "10:01"})
    app.services.journal.add("free", {"text": "an ordinary day"})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
        await pilot.pause()
        assert "Incident" in screen_text(app)
        screen = app.screen
        for _ in range(20):  # → steps the filter through the kinds; the note's is one
            await pilot.press("right")
            await pilot.pause()
            if screen.kind_filter == "incident":
                break
        assert screen.kind_filter == "incident"
        assert "an ordinary day" not in screen_text(app)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, EntryViewScreen))
        shown = screen_text(app)
        assert "Incident note" in shown and "A review or comment" in shown
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, ReportScreen))
        assert "Channel: A review or comment" in app.clipboard


async def test_a_locked_journal_asks_for_its_passphrase_first(app_factory) -> None:
    app = app_factory("en")
    encryption.encrypt(app.services.stores.journal, "long enough 123")
    app.services.stores.journal.lock()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2", "n")
        await wait_for(pilot, lambda: isinstance(app.screen, UnlockScreen))
        app.screen.query_one("#passphrase", Input).value = "long enough 123"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, IncidentScreen))


async def test_what_is_typed_is_kept_as_a_draft_every_few_seconds(app_factory) -> None:
    """A kill -9 (or a crash the app cannot catch) loses at most the last seconds."""
    app = app_factory("en")
    drafts = app.services.journal.drafts
    async with app.run_test(size=(80, 24)) as pilot:
        note = await open_note(pilot)
        note.autosave()
        assert drafts.of("incident-note") == []  # nothing typed, nothing kept
        await type_in(pilot, "you are useless")
        # the note's own timer keeps it, without leaving the note
        await wait_for(pilot, lambda: drafts.of("incident-note") != [], timeout=10)
        assert app.screen is note
        (draft,) = drafts.of("incident-note")
        assert draft.fields["words"] == "you are useless"
        await pilot.press(*" and worse")
        note.autosave()
        (draft,) = drafts.of("incident-note")  # the same draft, brought up to date
        assert draft.fields["words"] == "you are useless and worse"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, SosScreen))
    assert drafts.of("incident-note") == []
    assert [e.text for e in app.services.journal.entries()] == ["you are useless and worse"]
