"""Reading the journal again after another process wrote it happens in a worker thread:
the open list and Home's glance show the note once it is read, the list says it is
reading when it has nothing to show yet (and keeps what is typed meanwhile), and a
storage problem met in the worker is said on the screen."""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

import companion.services.journal.search as search
from companion.services.journal.service import Journal
from companion.store.stores import open_stores
from companion.system.atomic import write_atomic
from companion.system.clock import FakeClock
from companion.system.paths import resolve_paths
from companion.ui.journal.entries import JournalScreen
from companion.ui.shell.home import HomeScreen
from tests.layout import segment
from tests.ui.helpers import screen_text, settled, text_of, wait_for
from tests.ui.test_journal_screen import open_journal, rows
from tests.unit.test_journal_cli import companion


class Builds:
    """The threads the journal's segments are read for searching in (each read still
    runs); with ``held``, a read in a worker thread waits until ``go_on`` is set."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, held: bool = False) -> None:
        self.threads: list[threading.Thread] = []
        self.segments: list[str] = []  # read on the UI thread
        self.waiting = threading.Event()
        self.go_on = threading.Event()
        if not held:
            self.go_on.set()
        read_block = search.segment_block

        def recorded(*args: Any, **kwargs: Any) -> Any:
            self.threads.append(threading.current_thread())
            if threading.current_thread() is threading.main_thread():
                self.segments.append(args[1])
            else:
                self.waiting.set()
                self.go_on.wait(timeout=10)
            return read_block(*args, **kwargs)

        monkeypatch.setattr(search, "segment_block", recorded)

    def clear(self) -> None:
        self.threads.clear()
        self.segments.clear()

    @property
    def on_the_ui_thread(self) -> bool:
        return threading.main_thread() in self.threads


async def test_a_note_from_the_shell_shows_in_the_open_list_read_in_a_worker(
    app_factory, home: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = app_factory("en")
    app.services.journal.add("free", {"text": "written in the app"})
    for year in (2022, 2023, 2024):  # a segment each
        long_ago = datetime(year, 3, 1, 9, tzinfo=clock.now().tzinfo)
        app.services.stores.entries.add(kind="free", text="long ago", created_at=long_ago)
    builds = Builds(monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_journal(pilot)
        await settled(pilot)
        assert "written in the app" in rows(app)[0] and "Entries: 4" in screen_text(app)
        assert len(rows(app)) == 4
        # The first page reads two segments at most on the UI thread (the newest); the
        # others are read in a worker, and the page drawn again with them.
        assert len(builds.segments) <= 2
        assert not {"entries-2023-03", "entries-2022-03"} & set(builds.segments)
        assert builds.threads and not all(t is threading.main_thread() for t in builds.threads)
        builds.clear()
        assert companion(home, "note", "written in the shell").returncode == 0  # the CLI
        screen.refresh_if_changed()  # what the list's slow timer does
        await settled(pilot)
        assert any("written in the shell" in row for row in rows(app))
        assert "Entries: 5" in screen_text(app)
        assert builds.threads and not builds.on_the_ui_thread
        builds.clear()
        screen.refresh_if_changed()  # nothing changed: one stat, no reading
        await settled(pilot)
        assert builds.threads == []


async def test_the_rest_is_read_once_the_first_page_is_painted(
    app_factory, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker shares the interpreter with the UI thread: started with the first page,
    it slowed that page's own layout and paint (an unlock's rows came about 10 ms later)."""
    app = app_factory("en")
    app.services.journal.add("free", {"text": "written in the app"})
    for year in (2022, 2023, 2024):  # a segment each: more than the first page reads
        long_ago = datetime(year, 3, 1, 9, tzinfo=clock.now().tzinfo)
        app.services.stores.entries.add(kind="free", text="long ago", created_at=long_ago)
    events: list[str] = []
    read_block = search.segment_block

    def recorded(*args: Any, **kwargs: Any) -> Any:
        on_ui = threading.current_thread() is threading.main_thread()
        events.append("read here" if on_ui else "read in a worker")
        return read_block(*args, **kwargs)

    monkeypatch.setattr(search, "segment_block", recorded)
    mounted = JournalScreen.on_mount

    def on_mount(screen: JournalScreen) -> None:
        screen.screen_layout_refresh_signal.subscribe(
            screen, lambda _screen: events.append("painted"), immediate=True
        )
        mounted(screen)

    monkeypatch.setattr(JournalScreen, "on_mount", on_mount)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_journal(pilot)
        await wait_for(pilot, lambda: len(rows(app)) == 4)
        first = events.index("read in a worker")
        assert "painted" in events[:first] and "written in the app" in rows(app)[0], events


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_the_list_says_it_is_reading_and_keeps_a_search_typed_meanwhile(
    app_factory, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = app_factory(lang)
    for text in ("refund storm", "a calm day", "storm again"):
        app.services.journal.add("free", {"text": text})
    builds = Builds(monkeypatch, held=True)
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.read_journal()  # a worker reads the journal (as after a CLI note)
        await wait_for(pilot, builds.waiting.is_set)
        await pilot.press("j")
        await wait_for(pilot, lambda: isinstance(app.screen, JournalScreen))
        reading = {"en": "Reading your journal…", "zh": "正在读取日记……"}[lang]
        assert reading in screen_text(app) and rows(app) == []
        await pilot.press("slash", *"storm")  # the UI thread answers meanwhile
        assert app.screen.search_text == "storm"
        builds.go_on.set()
        await settled(pilot)
        assert [row for row in rows(app) if "storm" in row] == rows(app) and len(rows(app)) == 2
        assert reading not in screen_text(app) and not builds.on_the_ui_thread


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_a_storage_problem_met_reading_again_is_said_in_the_list(
    app_factory, home: Path, lang: str
) -> None:
    app = app_factory(lang)
    app.services.journal.add("free", {"text": "written in the app"})
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_journal(pilot)
        write_atomic(segment(home), b"{not json")  # another process
        screen.refresh_if_changed()
        await settled(pilot)
        said = {"en": "The journal can't be used right now.", "zh": "日记暂时无法使用。"}[lang]
        assert said in screen_text(app)


async def test_homes_glance_counts_a_note_from_another_process_reading_today_only(
    app_factory, home: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Home's glance reads the segment that holds today and nothing else: years of
    writing cost it nothing, and no search file is read for it."""
    from companion.store.journal import JournalStore

    app = app_factory("en")
    for month in (1, 6, 10):  # earlier months, each a segment of its own
        moment = datetime(2026, month, 2, 9, tzinfo=clock.now().tzinfo)
        app.services.stores.entries.add(kind="free", text="before", created_at=moment)
    read, real = [], JournalStore.read_part

    def recorded(store: JournalStore, name: str, *args: Any, **kwargs: Any) -> Any:
        read.append(name)
        return real(store, name, *args, **kwargs)

    monkeypatch.setattr(JournalStore, "read_part", recorded)
    builds = Builds(monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(pilot)
        glance = app.screen.query_one("#glance")
        assert "Nothing recorded yet today" in text_of(glance)
        shell = Journal(open_stores(resolve_paths(home), clock), clock)  # `companion note`
        shell.add("free", {"text": "written in the shell"})
        assert isinstance(app.screen, HomeScreen)
        app.screen.refresh_view()  # what Home's slow timer does
        await settled(pilot)
        assert "Journal entries" in text_of(glance) and "1" in text_of(glance)
    assert {n for n in read if n.startswith("entries-")} == {"entries-2026-11"}
    assert builds.threads == []
