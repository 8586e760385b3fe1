"""Reframes (and poker rounds) in exports and imports: a JSON export is a whole backup,
links to the thought log survive the trip, older files still import, a bad reframe
refuses the file, duplicates are skipped, and Markdown/text show reframes readably."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from companion.services.journal.export import export_json, export_markdown, export_text
from companion.services.journal.importing import ImportProblem, Incoming, read_file
from companion.services.journal.merge import plan_import
from companion.services.journal.service import catalogue
from companion.store.journal_writes import add_together
from companion.store.practice_records import PokerRound, Reframe
from companion.store.schema import Entry
from companion.store.stores import Stores, open_stores
from companion.system.clock import FakeClock
from companion.system.i18n import Strings
from companion.system.paths import ensure_dirs, resolve_paths

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 23, 10, 30, tzinfo=SHANGHAI)
EARLIER = NOW - timedelta(minutes=25)

THOUGHT = Entry(
    id="entry-1",
    created_at=EARLIER,
    updated_at=EARLIER,
    kind="thought",
    text="The customer wrote “scam shop” and asked for a refund.",
    fields={"thought": "They think I'm useless"},
)
FULL = Reframe(
    id="reframe-1",
    created_at=NOW,
    updated_at=NOW + timedelta(days=1),
    facts="At 10:05 the customer wrote “scam shop”.\n# not a heading\n---",
    thought="They think I'm useless",
    feeling="angry",
    before=70,
    traps=("personalising", "labelling", "retired_trap"),
    sides={"customer": "The parcel is five days late.", "platform": "顾客等太久了"},
    meaning="They didn't get what they expected and need help.",
    action="Send the tracking details.",
    after=30,
    entry_id="entry-1",
    page="summary",
    finished=True,
    follow_up="answered",
    outcome="better",
    outcome_note="He thanked me in the end.",
)
UNFINISHED = Reframe(
    id="reframe-2", created_at=NOW, updated_at=NOW, facts="A one-star review", page="thought"
)
ROUND = PokerRound(
    id="round-1",
    created_at=NOW,
    updated_at=NOW,
    card_id="late_parcel",
    reframe="The courier is late, not me",
    seconds=48,
    rating=3,
)
NOTHING = Incoming([], [], [])


@pytest.fixture
def stores(home: Path, clock: FakeClock) -> Stores:
    return open_stores(ensure_dirs(resolve_paths(home)), clock)


def backup(
    entries: list[Entry], reframes: list[Reframe], rounds: list[PokerRound] | None = None
) -> bytes:
    return export_json(entries, NOW, reframes, rounds or []).encode()


def files_of(stores: Stores) -> dict[str, tuple[int, bytes]]:
    """Every file of the journal, with its inode: a file rewritten the same is seen too."""
    return {p.name: (p.stat().st_ino, p.read_bytes()) for p in stores.journal.folder.iterdir()}


def import_into(stores: Stores, raw: bytes) -> Any:
    """What `companion import` does, on these stores."""
    there = Incoming(stores.entries.all(), stores.reframes.all(), stores.poker_rounds.all())
    plan = plan_import(read_file(raw, SHANGHAI), there)
    new = plan.added
    add_together(
        stores.journal,
        {"entries": new.entries, "reframes": new.reframes, "poker_rounds": new.poker_rounds},
    )
    return plan


# -- round trip ------------------------------------------------------------------------
def test_export_then_import_into_an_empty_journal_gives_identical_records(
    stores: Stores,
) -> None:
    raw = backup([THOUGHT], [FULL, UNFINISHED], [ROUND])
    assert json.loads(raw)["version"] == 2
    plan = import_into(stores, raw)
    assert stores.entries.all() == [THOUGHT]
    assert sorted(stores.reframes.all(), key=lambda r: r.id) == [FULL, UNFINISHED]
    assert stores.poker_rounds.all() == [ROUND]
    assert plan.unlinked == 0 and plan.skipped == {
        "entries": 0,
        "reframes": 0,
        "poker_rounds": 0,
    }
    # The link both ways: the entry finds its reframe, the reframe its entry.
    linked = stores.reframes.where(lambda r: r.entry_id == THOUGHT.id)
    assert linked == [FULL] and stores.entries.get(FULL.entry_id or "") == THOUGHT


def test_importing_the_same_backup_again_adds_nothing(stores: Stores) -> None:
    raw = backup([THOUGHT], [FULL, UNFINISHED], [ROUND])
    import_into(stores, raw)
    before = files_of(stores)
    plan = import_into(stores, raw)
    assert plan.skipped == {"entries": 1, "reframes": 2, "poker_rounds": 1}
    assert plan.added == NOTHING and plan.unlinked == 0
    assert files_of(stores) == before  # not even rewritten


def test_a_reframe_whose_follow_up_moved_on_is_still_the_same_reframe() -> None:
    asked = Reframe(**{**FULL.__dict__, "follow_up": "asked", "id": "another-id"})
    there = Incoming([THOUGHT], [asked], [])
    plan = plan_import(read_file(backup([THOUGHT], [FULL]), SHANGHAI), there)
    assert plan.added == NOTHING and plan.skipped["reframes"] == 1


def test_a_changed_reframe_is_not_a_duplicate() -> None:
    there = Incoming([THOUGHT], [FULL], [])
    edited = Reframe(**{**FULL.__dict__, "meaning": "Something else"})
    plan = plan_import(read_file(backup([THOUGHT], [edited]), SHANGHAI), there)
    (added,) = plan.added.reframes
    assert added.meaning == "Something else" and added.id != FULL.id  # the id was taken
    assert added.entry_id == THOUGHT.id


# -- links -----------------------------------------------------------------------------
def test_a_link_follows_its_entry_to_a_renewed_id() -> None:
    # The journal already holds different writing under the file's entry id.
    other = Entry(id="entry-1", created_at=NOW, updated_at=NOW, kind="free", text="other")
    plan = plan_import(read_file(backup([THOUGHT], [FULL]), SHANGHAI), Incoming([other]))
    (entry,) = plan.added.entries
    (reframe,) = plan.added.reframes
    assert entry.id != "entry-1" and entry.text == THOUGHT.text
    assert reframe.entry_id == entry.id


def test_a_link_to_an_entry_already_there_under_another_id_points_at_it() -> None:
    same = Entry(**{**THOUGHT.__dict__, "id": "imported-long-ago"})
    plan = plan_import(read_file(backup([THOUGHT], [FULL]), SHANGHAI), Incoming([same]))
    assert plan.added.entries == [] and plan.skipped["entries"] == 1
    assert plan.added.reframes[0].entry_id == "imported-long-ago"


def test_a_link_to_an_entry_only_in_the_journal_is_kept() -> None:
    plan = plan_import(read_file(backup([], [FULL]), SHANGHAI), Incoming([THOUGHT]))
    assert plan.added.reframes[0].entry_id == THOUGHT.id and plan.unlinked == 0


def test_a_link_to_an_entry_nowhere_is_dropped_and_counted_but_the_reframe_kept() -> None:
    plan = plan_import(read_file(backup([], [FULL]), SHANGHAI), NOTHING)
    (reframe,) = plan.added.reframes
    assert reframe.entry_id is None and reframe.meaning == FULL.meaning
    assert plan.unlinked == 1


# -- older files -----------------------------------------------------------------------
def test_a_version_1_file_still_imports() -> None:
    doc = json.loads(backup([THOUGHT], []))
    doc["version"] = 1
    del doc["reframes"], doc["poker_rounds"]
    incoming = read_file(json.dumps(doc).encode(), SHANGHAI)
    assert incoming == Incoming([THOUGHT], [], [])


def test_a_file_from_a_newer_companion_is_refused() -> None:
    doc = json.loads(backup([THOUGHT], [FULL]))
    doc["version"] = 3
    with pytest.raises(ImportProblem) as caught:
        read_file(json.dumps(doc).encode(), SHANGHAI)
    assert caught.value.code == "too_new"


# -- bad records -----------------------------------------------------------------------
def _with_reframe(**changes: Any) -> bytes:
    doc = json.loads(backup([THOUGHT], [UNFINISHED, FULL]))
    doc["reframes"][1].update(changes)
    return json.dumps(doc).encode()


@pytest.mark.parametrize(
    ("changes", "field", "why"),
    [
        ({"before": 170}, "before", "intensity"),
        ({"before": -1}, "before", "intensity"),
        ({"before": "high"}, "before", "intensity"),
        ({"before": True}, "before", "intensity"),
        ({"before": 70.5}, "before", "intensity"),
        ({"after": 101}, "after", "intensity"),
        ({"facts": 5}, "facts", "text"),
        ({"meaning": ["a"]}, "meaning", "text"),
        ({"traps": "labelling"}, "traps", "names"),
        ({"traps": ["labelling", ""]}, "traps", "names"),
        ({"sides": {"customer": 3}}, "sides", "sides"),
        ({"sides": ["customer"]}, "sides", "sides"),
        ({"created_at": "yesterday"}, "created_at", "time"),
        ({"created_at": None}, "created_at", "time"),
        ({"updated_at": 5}, "updated_at", "time"),
        ({"page": "somewhere"}, "page", "choice"),
        ({"follow_up": "maybe"}, "follow_up", "choice"),
        ({"outcome": "great"}, "outcome", "choice"),
        ({"finished": "yes"}, "finished", "flag"),
        ({"entry_id": 7}, "entry_id", "text"),
    ],
)
def test_a_bad_reframe_refuses_the_whole_file_with_its_number_and_reason(
    changes: dict[str, Any], field: str, why: str
) -> None:
    with pytest.raises(ImportProblem) as caught:
        read_file(_with_reframe(**changes), SHANGHAI)
    assert caught.value.code == "bad_record"
    assert caught.value.detail == {"record": "reframe", "number": "2", "field": field, "why": why}


def test_a_reframe_with_nothing_in_it_and_no_entry_is_refused() -> None:
    blank = {"facts": "", "thought": "", "feeling": "", "meaning": "", "action": ""}
    with pytest.raises(ImportProblem) as caught:
        read_file(_with_reframe(**blank, outcome_note="", sides={}, entry_id=None), SHANGHAI)
    assert caught.value.detail["why"] == "empty"
    # Started from an entry, the Reframe screen keeps even a blank one: so does import.
    (_, kept) = read_file(_with_reframe(**blank, outcome_note="", sides={}), SHANGHAI).reframes
    assert kept.entry_id == "entry-1"


def test_a_reframe_that_is_not_a_record_is_refused() -> None:
    doc = json.loads(backup([], []))
    doc["reframes"] = ["just text"]
    with pytest.raises(ImportProblem) as caught:
        read_file(json.dumps(doc).encode(), SHANGHAI)
    assert caught.value.detail["why"] == "record"


@pytest.mark.parametrize(
    ("changes", "field", "why"),
    [
        ({"rating": 4}, "rating", "rating"),
        ({"seconds": -3}, "seconds", "count"),
        ({"card_id": ""}, "card_id", "text"),
        ({"in_time": 1}, "in_time", "flag"),
    ],
)
def test_a_bad_poker_round_refuses_the_file(changes: dict[str, Any], field: str, why: str) -> None:
    doc = json.loads(backup([], [], [ROUND]))
    doc["poker_rounds"][0].update(changes)
    with pytest.raises(ImportProblem) as caught:
        read_file(json.dumps(doc).encode(), SHANGHAI)
    detail = {"record": "poker_round", "number": "1", "field": field, "why": why}
    assert caught.value.detail == detail


def test_reframes_that_are_not_a_list_make_the_file_unknown() -> None:
    doc = json.loads(backup([], []))
    doc["reframes"] = {"a": 1}
    with pytest.raises(ImportProblem) as caught:
        read_file(json.dumps(doc).encode(), SHANGHAI)
    assert caught.value.code == "unknown_format"


# -- one write -------------------------------------------------------------------------
def test_one_write_for_all_tables_and_a_taken_id_changes_nothing(stores: Stores) -> None:
    stores.reframes.put(UNFINISHED)
    before = files_of(stores)
    with pytest.raises(ValueError):
        add_together(stores.journal, {"entries": [THOUGHT], "reframes": [FULL, UNFINISHED]})
    assert files_of(stores) == before
    assert stores.entries.all() == [] and stores.reframes.all() == [UNFINISHED]


# -- readable exports ------------------------------------------------------------------
def test_markdown_shows_a_reframe_after_the_entries_with_its_words_and_numbers() -> None:
    md = export_markdown([THOUGHT], catalogue("en"), Strings("en"), SHANGHAI, NOW, [FULL])
    entries, reframes = md.split("\n# Reframes\n")
    assert "Thought log" in entries and "Reframe" not in entries
    assert reframes.startswith("\n## 2026-11-23 10:30 · Reframe\n")
    assert "Started from the thought log of 2026-11-23 10:05." in reframes
    assert "**The feeling**  \nangry, 70 of 100" in reframes
    # Traps by name; one no longer in the catalogue by its id.
    assert "Taking it personally, Labelling anyone (even you), retired_trap" in reframes
    assert "**The customer's side**  \nThe parcel is five days late." in reframes
    assert "**How strong the feeling was, before → after**  \n70 → 30" in reframes
    assert "**How it turned out**  \nBetter than I feared" in reframes
    # The person's words stay theirs, but can't become a heading or a rule.
    assert "“scam shop”.  \n\\# not a heading  \n\\---" in reframes


def test_an_unfinished_reframe_says_so_and_leaves_out_what_was_not_written() -> None:
    text = export_text([], catalogue("en"), Strings("en"), SHANGHAI, [UNFINISHED])
    assert "2026-11-23 10:30 · Reframe · not finished" in text
    assert "What happened:\nA one-star review" in text
    assert "before → after" not in text and "Thinking traps" not in text


def test_text_keeps_the_words_as_written_and_chinese_reads_as_chinese() -> None:
    text = export_text([THOUGHT], catalogue("zh"), Strings("zh"), SHANGHAI, [FULL])
    assert "换个角度想\n" in text and "从 2026-11-23 10:05 的想法记录开始。" in text
    assert "当时的感受：\nangry，强度 70（满分 100）" in text
    assert "什么都往自己身上揽、贴标签（给顾客，也给自己）、retired_trap" in text
    assert "站在平台和店铺的角度：\n顾客等太久了" in text
    assert "感受的强度，前 → 后：\n70 → 30" in text
    assert "# not a heading\n---" in text  # plain text: nothing to escape
    md = export_markdown([], catalogue("zh"), Strings("zh"), SHANGHAI, NOW, [FULL])
    assert "# 换个角度想" in md and "**后来怎么样了**  \n比我担心的好" in md
    # No reframes, no section.
    assert "Reframes" not in export_markdown(
        [THOUGHT], catalogue("en"), Strings("en"), SHANGHAI, NOW
    )
