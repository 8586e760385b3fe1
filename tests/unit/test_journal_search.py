"""Search: the query language, matching (case, Chinese, tags, kinds, stars, the user's
calendar days), and the journal's cached index following writes from anywhere."""

from __future__ import annotations

import threading
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from companion.core.journal import EntryError
from companion.core.journal_search import Query, SearchIndex, parse_day, parse_query
from companion.services.journal.service import Journal, catalogue, journal_glance
from companion.store.schema import Entry
from companion.store.stores import open_stores
from companion.system.clock import FakeClock
from companion.system.i18n import Strings
from companion.system.paths import resolve_paths

SHANGHAI = ZoneInfo("Asia/Shanghai")
TODAY = date(2026, 11, 23)
KINDS = catalogue("en")


def entry(n: int, text: str, when: datetime, **kw) -> Entry:  # type: ignore[no-untyped-def]
    return Entry(
        id=str(n), created_at=when, updated_at=when, kind=kw.pop("kind", "free"), text=text, **kw
    )


def test_parse_query_reads_words_and_filters() -> None:
    query = parse_query(
        "Refund  #Angry kind:thought from:2026-11-01 to:today is:starred 退款", TODAY
    )
    assert query == Query(
        words=("refund", "退款"),
        tags=("angry",),
        kind="thought",
        starred=True,
        start=date(2026, 11, 1),
        end=TODAY,
    )
    assert parse_query("   ", TODAY).empty
    assert parse_query("from:昨天", TODAY).start == date(2026, 11, 22)
    with pytest.raises(EntryError) as caught:
        parse_query("from:2026-02-30", TODAY)
    assert caught.value.code == "bad_date" and caught.value.detail == {"value": "2026-02-30"}
    with pytest.raises(EntryError):
        parse_query("kind:nope", TODAY, kinds=KINDS)


def test_parse_day_forms() -> None:
    assert parse_day("2026/11/3", TODAY) == date(2026, 11, 3)
    assert parse_day("Today", TODAY) == TODAY
    with pytest.raises(EntryError):
        parse_day("next week", TODAY)


@pytest.fixture
def index() -> SearchIndex:
    base = datetime(2026, 11, 23, 10, 0, tzinfo=SHANGHAI)
    idx = SearchIndex(SHANGHAI)
    idx.update(
        [
            entry(1, "The customer said STRASSE", base, tags=("Refund",)),
            entry(2, "顾客要求退款，态度很差", base - timedelta(days=1), starred=True),
            entry(3, "calm day", base - timedelta(days=2), kind="mood", fields={"score": 4}),
            entry(
                4,
                "side note",
                base - timedelta(days=4),
                kind="vent",
                fields={"trigger": "Abusive CUSTOMER"},
            ),
            # 23:30 on the 19th in UTC is 07:30 on the 20th in Shanghai.
            entry(5, "late shift", datetime(2026, 11, 19, 23, 30, tzinfo=ZoneInfo("UTC"))),
        ]
    )
    return idx


def ids(found: list[Entry]) -> list[str]:
    return [e.id for e in found]


def test_search_is_case_insensitive_substring_in_any_script(index: SearchIndex) -> None:
    assert ids(index.search(parse_query("straße", TODAY))) == ["1"]  # casefold
    assert ids(index.search(parse_query("退款", TODAY))) == ["2"]  # no spaces needed
    assert ids(index.search(parse_query("customer", TODAY))) == ["1", "4"]  # fields too
    assert ids(index.search(parse_query("customer abusive", TODAY))) == ["4"]  # every word
    assert ids(index.search(parse_query("", TODAY))) == ["1", "2", "3", "5", "4"]  # newest first


def test_filters_by_tag_kind_star_and_local_days(index: SearchIndex) -> None:
    assert ids(index.search(parse_query("#refund", TODAY))) == ["1"]
    assert ids(index.search(Query(kind="vent"))) == ["4"]  # a kind another feature wrote
    assert ids(index.search(Query(starred=True))) == ["2"]
    assert ids(index.search(Query(start=date(2026, 11, 20), end=date(2026, 11, 20)))) == ["5"]
    assert ids(index.search(Query(start=date(2026, 11, 22)))) == ["1", "2"]
    days = Query(words=("customer",), start=date(2026, 11, 19), end=date(2026, 11, 22))
    assert ids(index.search(days)) == ["4"]  # words and days together
    assert index.search(Query(start=date(2026, 11, 24))) == []
    assert index.search(Query(start=date(2026, 11, 22), end=date(2026, 11, 21))) == []
    assert index.count(Query(end=date(2026, 11, 21))) == 3  # 3, 5 and 4
    assert ids(index.search(Query(), limit=2)) == ["1", "2"]


@pytest.fixture
def journal(tmp_path: Path, clock: FakeClock) -> Journal:
    return Journal(open_stores(resolve_paths(tmp_path / "h"), clock), clock)


def test_journal_writes_are_checked_and_found(journal: Journal, clock: FakeClock) -> None:
    saved = journal.add("thought", {"text": "Refund storm #refund", "emotions": "angry 80"})
    assert saved.tags == ("refund",) and saved.fields["emotions"][0]["intensity"] == 80
    assert journal.search(parse_query("STORM", TODAY)) == [saved]
    clock.advance(minutes=5)
    edited = journal.edit(saved, {"text": "Calmer now"}, ["late"])
    assert journal.search(parse_query("storm", TODAY)) == []
    assert journal.search(parse_query("#late calmer", TODAY)) == [edited]
    starred = journal.set_star(edited, True)
    assert journal.search(Query(starred=True)) == [starred]
    assert journal.delete(saved.id) == starred and journal.total() == 0
    journal.restore(starred)
    assert journal.entries() == [starred]
    with pytest.raises(EntryError):
        journal.add("thought", {"text": ""})
    assert journal.total() == 1


def test_another_process_writing_is_seen_and_only_its_entries_are_read(
    tmp_path: Path, journal: Journal, clock: FakeClock
) -> None:
    first = journal.add("free", {"text": "from the app"})
    before = journal.search(Query())[0]
    assert not journal.stale()
    other = Journal(open_stores(resolve_paths(tmp_path / "h"), clock), clock)  # the CLI
    other.add("free", {"text": "from the shell"})
    assert journal.stale()
    found = journal.search(Query())
    assert sorted(e.text for e in found) == ["from the app", "from the shell"]
    assert next(e for e in found if e.id == first.id) is before  # not decoded again
    assert not journal.stale()
    hits = journal.find(parse_query("shell", TODAY))
    assert journal.entries_of(hits) == [e for e in found if "shell" in e.text]


def test_editing_another_features_entry_keeps_its_kind_and_fields(journal: Journal) -> None:
    vent = journal.repo.add(kind="vent", text="ugh", fields={"trigger": "abuse"})
    edited = journal.edit(vent, {"text": "ugh, better now"})
    assert (edited.kind, edited.text, edited.fields) == ("vent", "ugh, better now", vent.fields)


def test_drafts_keep_the_newest_and_go_away_on_save(journal: Journal, clock: FakeClock) -> None:
    assert journal.draft() is None
    draft = journal.keep_draft({"kind": "free", "answers": {"text": "half"}}, None)
    clock.advance(seconds=3)
    again = journal.keep_draft({"kind": "free", "answers": {"text": "half a thought"}}, draft)
    assert again.id == draft.id and journal.draft().fields["answers"]["text"] == "half a thought"
    journal.stores.drafts.add(origin="OtherScreen", fields={"x": 1})
    journal.drop_drafts()
    assert journal.draft() is None and len(journal.stores.drafts.all()) == 1


def test_glance_counts_today_in_the_users_zone(journal: Journal, clock: FakeClock) -> None:
    services = type("S", (), {"journal": journal})()
    t = Strings("en")
    assert journal_glance(services, t) == []
    journal.add("free", {"text": "one"})
    journal.add("mood", {"score": "2"})
    clock.advance(minutes=10)
    journal.add("mood", {"score": "4"})
    assert journal_glance(services, t) == [("Journal entries", "1"), ("Mood", "4 of 5 at 10:40")]
    clock.advance(hours=14)  # past midnight in Shanghai
    assert journal_glance(services, t) == []
    assert journal_glance(services, Strings("zh")) == []


def test_kind_may_be_named_as_the_person_sees_it() -> None:
    names = {"thought": ("想法", "想法记录", "Thought"), "free": ("随笔", "Free")}
    assert parse_query("kind:想法 退款", TODAY, names).kind == "thought"
    assert parse_query("kind:想法记录", TODAY, names).kind == "thought"
    assert parse_query("kind：随笔", TODAY, names).kind == "free"  # a full-width colon
    assert parse_query("类型:随笔", TODAY, names).kind == "free"
    assert parse_query("KIND:Thought", TODAY, names).kind == "thought"
    with pytest.raises(EntryError) as caught:
        parse_query("kind:复盘了", TODAY, names)
    assert caught.value.code == "unknown_kind"
    assert caught.value.detail == {"kind": "复盘了", "known": "想法, 随笔"}


def test_rebuilding_leaves_the_old_index_as_it_was(index: SearchIndex) -> None:
    """A reader in another thread goes on searching the index it holds."""
    before = ids(index.search(Query()))
    newer = index.rebuilt([entry(9, "only this", datetime(2026, 11, 23, 12, tzinfo=SHANGHAI))])
    assert ids(newer.search(Query())) == ["9"] and ids(index.search(Query())) == before


def test_a_search_does_not_wait_for_a_build_under_way_in_another_thread(
    tmp_path: Path, journal: Journal, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    import companion.services.journal.search as search

    journal.add("free", {"text": "first"})
    assert [e.text for e in journal.search(Query())] == ["first"]  # its block held
    clock.advance(minutes=1)
    Journal(open_stores(resolve_paths(tmp_path / "h"), clock), clock).add(
        "free", {"text": "second"}
    )  # `companion note`
    reached, go_on = threading.Event(), threading.Event()
    read_block = search.segment_block

    def held(*args: Any) -> Any:
        reached.set()
        go_on.wait(timeout=10)
        return read_block(*args)

    monkeypatch.setattr(search, "segment_block", held)
    worker = threading.Thread(target=journal.index)  # the app's worker reading again
    worker.start()
    try:
        assert reached.wait(timeout=10)
        page = journal.page(Query(), 10, wait=False)  # the UI thread: the block held, at once
        assert [e.row.line for e in page.listed] == ["first"] and not page.complete
        assert journal.stale()
    finally:
        go_on.set()
        worker.join(timeout=10)
    assert [e.text for e in journal.entries()] == ["second", "first"] and not journal.stale()


def test_reading_in_a_thread_while_writing_here_and_elsewhere_loses_nothing(
    tmp_path: Path, journal: Journal, clock: FakeClock
) -> None:
    other = Journal(open_stores(resolve_paths(tmp_path / "h"), clock), clock)
    stop, problems = threading.Event(), []

    def keep_reading() -> None:
        while not stop.is_set():
            try:
                journal.index()
            except Exception as error:  # any error at all is what this test looks for
                problems.append(error)
                return

    reader = threading.Thread(target=keep_reading)
    reader.start()
    try:
        for n in range(25):
            mine = journal.add("free", {"text": f"mine {n}"})
            other.add("free", {"text": f"theirs {n}"})
            journal.set_star(mine, True)  # changed within the same millisecond
            journal.search(parse_query("mine", TODAY))
    finally:
        stop.set()
        reader.join(timeout=30)
    assert problems == []
    found = journal.entries()
    assert len(found) == 50 and {e.text for e in found if e.starred} == {
        f"mine {n}" for n in range(25)
    }
