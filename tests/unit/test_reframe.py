"""The four-step reframe: pages, what each needs, seeding from a thought log, the
judgement hint, and the once-only next-day question."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from companion.core.reframe import (
    PAGES,
    Page,
    Reframing,
    first_feeling,
    follow_up_answer,
    follow_up_due,
    from_entry,
    judgement_words,
    parse_word_list,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=SHANGHAI)


def test_a_blank_reframe_waits_for_facts_then_walks_every_page() -> None:
    wizard = Reframing()
    assert wizard.page is Page.FACTS and wizard.step == 1 and wizard.blank
    assert wizard.missing() == "facts"
    assert not wizard.advance()
    wizard.facts = "The customer wrote three messages about a late parcel."
    assert wizard.advance() and wizard.page is Page.THOUGHT and wizard.step == 2
    assert wizard.missing() == "thought" and not wizard.advance()
    wizard.thought = "They think I'm useless."
    wizard.before = 80
    assert wizard.advance() and wizard.page is Page.TRAPS and wizard.step == 2
    assert wizard.advance() and wizard.page is Page.SIDES and wizard.step == 3
    assert wizard.advance() and wizard.page is Page.MEANING and wizard.step == 4
    assert wizard.after is None and wizard.change is None
    assert wizard.missing() == "meaning" and not wizard.advance()
    wizard.meaning = "They're worried about their parcel."
    assert wizard.advance() and wizard.finished
    assert wizard.after == 80  # re-rating starts where the feeling was
    assert not wizard.advance()  # nothing after the summary


def test_back_goes_one_page_and_stops_at_the_start() -> None:
    wizard = Reframing(facts="x", thought="y", page=Page.SIDES)
    assert wizard.back() and wizard.page is Page.TRAPS
    wizard.page = Page.FACTS
    assert not wizard.back()
    assert [p.value for p in PAGES][-1] == "summary"


def test_before_and_after_show_how_much_the_feeling_eased() -> None:
    wizard = Reframing(before=80, after=45)
    assert wizard.change == 35
    wizard.after = 90
    assert wizard.change == -10


def test_traps_toggle() -> None:
    wizard = Reframing()
    wizard.toggle_trap("labelling")
    wizard.toggle_trap("mind_reading")
    wizard.toggle_trap("labelling")
    assert wizard.traps == ["mind_reading"]


def test_record_fields_trim_and_drop_empty_sides_and_come_back_from_a_record() -> None:
    wizard = Reframing(
        facts="  facts ",
        thought="thought",
        feeling="angry",
        before=70,
        traps=["labelling"],
        sides={"customer": " they waited ", "platform": "  "},
        meaning="meaning",
        action="call",
        after=40,
        entry_id="e1",
        page=Page.SUMMARY,
    )
    fields = wizard.record_fields()
    assert fields["facts"] == "facts"
    assert fields["sides"] == {"customer": "they waited"}
    assert fields["traps"] == ("labelling",) and fields["finished"] is True
    record = SimpleNamespace(id="r1", **fields)
    back = Reframing.from_record(record)
    assert back.record_id == "r1" and back.page is Page.SUMMARY
    assert (back.before, back.after, back.entry_id) == (70, 40, "e1")


def test_a_record_with_an_unknown_page_starts_at_the_facts() -> None:
    fields = Reframing(facts="x").record_fields() | {"page": "somewhere"}
    assert Reframing.from_record(SimpleNamespace(id="r", **fields)).page is Page.FACTS


@dataclass
class FakeEntry:
    text: Any = ""
    fields: Any = field(default_factory=dict)
    id: str = "entry-1"


def test_from_a_thought_log_entry_the_text_is_the_facts_and_the_fields_fill_step_two() -> None:
    entry = FakeEntry(
        text="She wrote “scam shop” twice.",
        fields={"thought": "She thinks I'm a cheat.", "emotions": "angry 70, hurt 40"},
    )
    wizard = from_entry(entry)
    assert wizard.facts == "She wrote “scam shop” twice."
    assert wizard.thought == "She thinks I'm a cheat."
    assert (wizard.feeling, wizard.before) == ("angry", 70)
    assert wizard.entry_id == "entry-1" and wizard.page is Page.FACTS


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("委屈 60、生气 30", ("委屈", 60)),
        ("angry: 85%", ("angry", 85)),
        ("tired", ("tired", None)),
        ("angry 250", ("angry", 100)),
        ([{"name": "anxious", "intensity": 55}], ("anxious", 55)),
        ({"word": "sad", "score": "40"}, ("sad", 40)),
        ({"fed up": 65}, ("fed up", 65)),
        ([], ("", None)),
        (42, ("", None)),
        (" , ", ("", None)),
    ],
)
def test_the_first_feeling_is_read_from_whatever_shape_the_journal_keeps(
    value: Any, expected: tuple[str, int | None]
) -> None:
    assert first_feeling(value) == expected


def test_an_entry_with_odd_or_missing_fields_still_starts_a_reframe() -> None:
    assert from_entry(FakeEntry(text="Just text", fields=None)).facts == "Just text"
    odd = from_entry(FakeEntry(text=None, fields={"situation": "A fact.", "intensity": "x"}))
    assert odd.facts == "A fact." and odd.before == 50 and odd.thought == ""
    assert from_entry(FakeEntry(fields={"intensity": 90})).before == 90
    assert from_entry(SimpleNamespace()).entry_id is None


ENGLISH = parse_word_list("rude, on purpose, deliberate*, always")


def test_judgement_words_match_whole_words_and_stems_in_english() -> None:
    assert judgement_words("He was RUDE and did it deliberately, always.", ENGLISH) == [
        "rude",
        "deliberate",
        "always",
    ]
    assert judgement_words("He said it on purpose.", ENGLISH) == ["on purpose"]
    assert judgement_words("The parcel was crude-looking; prudent packing.", ENGLISH) == []
    assert judgement_words("The customer wrote at 10:02 asking for a refund.", ENGLISH) == []


def test_judgement_words_match_anywhere_in_chinese() -> None:
    words = parse_word_list("故意, 无理取闹、奇葩")
    assert words == ("故意", "无理取闹", "奇葩")
    assert judgement_words("这个顾客就是故意找茬，无理取闹", words) == ["故意", "无理取闹"]
    assert judgement_words("顾客 10:02 发消息要求退款。", words) == []


def reframe(day_offset: int, hour: int = 15, **changes: Any) -> SimpleNamespace:
    values = {"finished": True, "follow_up": "pending", "id": f"r{day_offset}-{hour}"}
    values.update(changes)
    created = NOW.replace(hour=hour) + timedelta(days=day_offset)
    return SimpleNamespace(created_at=created, **values)


def test_the_follow_up_comes_on_a_later_day_about_the_newest_finished_reframe() -> None:
    older, newer = reframe(-2), reframe(-1, hour=18)
    assert follow_up_due([older, newer], NOW, None) is newer
    assert follow_up_due([older, newer], NOW, NOW.date() - timedelta(days=1)) is newer


def test_the_follow_up_waits_for_a_later_day_and_comes_once_a_day() -> None:
    today = reframe(0, hour=8)
    assert follow_up_due([today], NOW, None) is None
    assert follow_up_due([reframe(-1)], NOW, NOW.date()) is None  # already checked today


def test_unfinished_asked_and_stale_reframes_are_not_asked_about() -> None:
    candidates = [
        reframe(-1, finished=False),
        reframe(-1, hour=16, follow_up="asked"),
        reframe(-1, hour=17, follow_up="answered"),
        reframe(-8),
    ]
    assert follow_up_due(candidates, NOW, None) is None
    assert follow_up_due([reframe(-7)], NOW, None) is not None


def test_a_follow_up_answer_or_skip() -> None:
    assert follow_up_answer("better", " went fine ") == {
        "follow_up": "answered",
        "outcome": "better",
        "outcome_note": "went fine",
    }
    assert follow_up_answer("")["follow_up"] == "asked"
    assert follow_up_answer("", "a note")["follow_up"] == "answered"
    with pytest.raises(ValueError):
        follow_up_answer("great")
