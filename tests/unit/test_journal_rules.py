"""Entry rules: tags, emotions, mood scores, checking a whole entry, safe display."""

from __future__ import annotations

import pytest

from companion.core.journal import (
    MAX_TAGS,
    EntryError,
    answers_of,
    build_entry,
    clean_tag,
    merge_tags,
    parse_emotions,
    parse_score,
    shown,
    split_tags,
    summary,
    tags_in,
)
from companion.core.voice import third_person
from companion.services.journal.service import catalogue

KINDS = catalogue("en")


def test_inline_tags_in_any_script_but_not_inside_words() -> None:
    text = "Refund storm #refund, then #退款 again. Order#123 is not a tag; ##x neither."
    assert tags_in(text) == ("refund", "退款")
    assert tags_in("#angry-customer #late_ship.") == ("angry-customer", "late_ship")


def test_tag_fields_are_split_cleaned_and_checked() -> None:
    assert split_tags("#refund, angry  退款、late") == ["refund", "angry", "退款", "late"]
    assert clean_tag(" #Refund ") == "Refund"
    with pytest.raises(EntryError) as caught:
        clean_tag("#")
    assert caught.value.code == "bad_tag"
    with pytest.raises(EntryError):
        clean_tag("a" * 41)


def test_tags_merge_without_case_repeats_and_are_limited() -> None:
    assert merge_tags(["Refund", "angry"], ["refund", "Late"]) == ("Refund", "angry", "Late")
    with pytest.raises(EntryError) as caught:
        merge_tags([f"t{i}" for i in range(MAX_TAGS + 1)])
    assert caught.value.code == "too_many_tags"


def test_emotions_with_intensity_in_both_languages() -> None:
    assert parse_emotions("angry 70, 委屈 40%，tired；shame: 5") == [
        {"name": "angry", "intensity": 70},
        {"name": "委屈", "intensity": 40},
        {"name": "tired"},
        {"name": "shame", "intensity": 5},
    ]
    for bad, code in (("angry 170", "bad_intensity"), ("70", "emotion_without_name")):
        with pytest.raises(EntryError) as caught:
            parse_emotions(bad)
        assert caught.value.code == code


@pytest.mark.parametrize("value", ["0", "6", "three", "2.5", ""])
def test_mood_scores_are_whole_numbers_one_to_five(value: str) -> None:
    with pytest.raises(EntryError) as caught:
        parse_score(value)
    assert caught.value.code == "bad_score"
    assert parse_score(" 4 ") == 4


def test_a_thought_log_is_checked_and_typed() -> None:
    checked = build_entry(
        "thought",
        {
            "text": "Customer shouted about a #refund\n",
            "emotions": "angry 70, hurt 40",
            "thought": "I am useless",
            "body": "   ",
        },
        KINDS,
        extra_tags=["late"],
    )
    assert checked.text == "Customer shouted about a #refund"
    assert checked.fields == {
        "emotions": [{"name": "angry", "intensity": 70}, {"name": "hurt", "intensity": 40}],
        "thought": "I am useless",
    }
    assert checked.tags == ("refund", "late")
    again = answers_of(checked.text, checked.fields)
    assert again["emotions"] == "angry 70, hurt 40" and again["thought"] == "I am useless"


def test_every_kind_checks_its_own_answers() -> None:
    mood = build_entry("mood", {"score": "2", "words": "tired"}, KINDS)
    assert mood.fields == {"score": 2, "words": "tired"} and mood.text == ""
    observation = build_entry("observation", {"subject": "he", "text": "He froze."}, KINDS)
    assert observation.fields == {"subject": "he"}
    reflection = build_entry("reflection", {"hard": "the refund queue"}, KINDS)
    assert reflection.fields == {"hard": "the refund queue"}
    with pytest.raises(EntryError) as caught:
        build_entry("observation", {"subject": "she", "text": "  "}, KINDS)
    assert caught.value.code == "empty"
    with pytest.raises(EntryError) as caught:
        build_entry("shopping-list", {"text": "x"}, KINDS)
    assert caught.value.code == "unknown_kind" and "thought" in caught.value.detail["known"]


def test_every_kind_in_every_language_has_prompts_and_the_main_text() -> None:
    for lang in ("en", "zh"):
        kinds = catalogue(lang)
        offered = [k for k, spec in kinds.items() if spec.offered]
        assert offered == ["thought", "observation", "reflection", "free", "mood"]
        # Kinds the shift routine, SOS and the practice room write are known too, so they
        # show with their own names and questions.
        assert set(kinds) - set(offered) == {"intention", "release", "vent", "review", "incident"}
        for kind in kinds.values():
            assert kind.name and kind.short and kind.prompts
            if kind.offered:
                assert kind.prompt("text") is not None, (lang, kind.id)


def test_control_characters_are_shown_not_sent_to_the_terminal() -> None:
    assert shown("a\x1b[31mred\x07\tok\n") == "a␛[31mred␇\tok\n"
    assert shown("[bold]x[/bold] 😀 顾客") == "[bold]x[/bold] 😀 顾客"
    assert shown("refund \u202eexe.txt\u2066x\u2069") == "refund \ufffdexe.txt\ufffdx\ufffd"
    assert summary("line one\n\x1b[2J  line two", {}) == "line one ␛[2J line two"
    assert summary("", {"score": 3, "words": "ok"}) == "3/5 ok"


def test_third_person_voice_in_english() -> None:
    text = "I was shaking. My hands froze and I really want to quit. I'm tired; I don't know."
    assert third_person(text, "she") == (
        "She was shaking. Her hands froze and she really wants to quit. "
        "She's tired; she doesn't know."
    )
    assert third_person("I am fine. The customer blamed me.", "they") == (
        "They are fine. The customer blamed them."
    )
    assert third_person("I feel it myself", "agent") == "The agent feels it themself"
    assert third_person("Ivan and I think", "he") == "Ivan and he think"
    assert third_person("She said it", "he") == "She said it"  # already third person


def test_third_person_voice_in_chinese_keeps_we() -> None:
    assert third_person("我觉得顾客在针对我，我们组都很忙", "agent") == (
        "这位客服觉得顾客在针对这位客服，我们组都很忙"
    )
    assert third_person("我哭了", "she") == "她哭了"


def test_feelings_named_in_chinese_are_written_back_with_the_chinese_comma() -> None:
    from companion.core.journal import format_emotions, parse_emotions

    assert format_emotions(parse_emotions("生气 80, 委屈 60")) == "生气 80，委屈 60"
    assert format_emotions(parse_emotions("angry 70，hurt 40")) == "angry 70, hurt 40"
