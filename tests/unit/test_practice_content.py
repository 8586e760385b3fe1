"""The reframing and practice packs: enough of each, complete, the same in English and
Chinese, and refused at load when broken."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from companion.packs import practice as packs
from companion.system.content import ContentError, iter_leaves, load_pack

LANGS = ["en", "zh"]
PACKS = [
    "traps",
    "perspectives",
    "situations",
    "emotion_cards",
    "drills",
    "thought_pairs",
    "replies",
    "roleplays",
    "reframe",
]
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("lang", LANGS)
def test_every_pack_loads_and_has_enough(lang: str) -> None:
    packs.load_all(lang)
    assert len(packs.traps(lang)) >= 12
    assert len(packs.situations(lang)) >= 40
    assert len(packs.emotion_cards(lang)) >= 20
    assert len(packs.drills(lang)) >= 30
    assert len(packs.thought_pairs(lang)) >= 30
    assert len(packs.roleplays(lang)) >= 15
    guide = packs.reply_guide(lang)
    assert len(guide.examples) >= 20 and len(guide.avoid) >= 10
    assert [part for part, _ in guide.shape] == ["buffer", "explain", "solution", "follow_up"]
    assert all(example.follow_up for example in guide.examples)
    assert len(packs.judgement_words(lang)) >= 20


def test_the_traps_include_the_three_the_sources_name_and_the_standard_ones() -> None:
    ids = {t.id for t in packs.traps("en")}
    assert {"personalising", "labelling", "must_satisfy"} <= ids
    standard = {
        "mind_reading",
        "fortune_telling",
        "catastrophising",
        "all_or_nothing",
        "overgeneralising",
        "discounting_positive",
        "emotional_reasoning",
        "should_statements",
        "blaming",
    }
    assert standard <= ids


def test_the_sources_examples_are_in_the_thought_table() -> None:
    pairs = {p.id: p for p in packs.thought_pairs("en")}
    assert "didn't get what they expected" in pairs["difficult"].helpful
    assert "missing" in pairs["bad_review"].helpful


def test_the_perspectives_are_the_customer_platform_product_and_a_friend() -> None:
    for lang in LANGS:
        sides = packs.perspectives(lang)
        assert [p.id for p in sides] == ["customer", "platform", "product", "friend"]
        assert all(len(p.prompts) >= 2 for p in sides)


@pytest.mark.parametrize("lang", LANGS)
def test_every_trap_and_drill_is_complete(lang: str) -> None:
    for trap in packs.traps(lang):
        assert all((trap.name, trap.description, trap.example, trap.question)), trap.id
    for drill in packs.drills(lang):
        assert drill.situation and drill.topic in packs.DRILL_TOPICS
        assert sum(o.best for o in drill.options) == 1, drill.id
        assert all(o.text and o.why for o in drill.options), drill.id
    topics = {d.topic for d in packs.drills(lang)}
    assert {"refund", "delivery", "abuse", "teams", "crisis"} <= topics


@pytest.mark.parametrize("name", PACKS)
def test_english_and_chinese_have_the_same_ids_in_the_same_order(name: str) -> None:
    english = [key for key, _ in iter_leaves(load_pack("en", name), "")]
    chinese = [key for key, _ in iter_leaves(load_pack("zh", name), "")]
    assert chinese == english


def test_what_is_not_words_is_identical_in_both_languages() -> None:
    """Topics, best options, role-play links and heat numbers are structure, not text."""
    for english, chinese in zip(packs.drills("en"), packs.drills("zh"), strict=True):
        assert (chinese.id, chinese.topic, chinese.best_index) == (
            english.id,
            english.topic,
            english.best_index,
        )
    for english, chinese in zip(packs.roleplays("en"), packs.roleplays("zh"), strict=True):
        assert (chinese.id, chinese.start, chinese.heat) == (
            english.id,
            english.start,
            english.heat,
        )
        for step_id, step in english.steps.items():
            other = chinese.steps[step_id]
            shape = [(r.heat, r.next) for r in step.replies]
            assert [(r.heat, r.next) for r in other.replies] == shape, (english.id, step_id)


@pytest.mark.parametrize("name", PACKS)
def test_the_chinese_packs_are_written_in_chinese(name: str) -> None:
    """Catch an English sentence pasted into the Chinese pack (ids and links excepted)."""
    structural = {"topic", "next", "start"}
    for key, value in iter_leaves(load_pack("zh", name), ""):
        last = re.sub(r"\[\d+\]$", "", key).rsplit(".", 1)[-1]
        if isinstance(value, str) and last not in structural:
            assert CJK.search(value), key


def test_no_medical_claims_or_shaming_words_in_the_english_packs() -> None:
    banned = re.compile(r"\b(cure|diagnos\w*|therapy|disorder|lazy|pathetic|failure as)\b", re.I)
    for name in PACKS[:-1]:
        for key, value in iter_leaves(load_pack("en", name), ""):
            if isinstance(value, str):
                assert not banned.search(value), (name, key)


def write_pack(root: Path, name: str, text: str) -> Path:
    (root / "en").mkdir(parents=True, exist_ok=True)
    (root / "en" / f"{name}.toml").write_text(text, "utf-8")
    return root


def test_a_trap_without_its_question_is_refused(tmp_path: Path) -> None:
    root = write_pack(tmp_path, "traps", "[x]\nname='n'\ndescription='d'\nexample='e'\n")
    with pytest.raises(ContentError) as caught:
        packs.traps("en", root)
    assert caught.value.key == "x.question"


def test_a_drill_without_a_best_option_is_refused(tmp_path: Path) -> None:
    text = """
[d]
topic = "refund"
situation = "s"
[[d.options]]
text = "a"
why = "w"
[[d.options]]
text = "b"
why = "w"
"""
    with pytest.raises(ContentError) as caught:
        packs.drills("en", write_pack(tmp_path, "drills", text))
    assert caught.value.key == "d.options" and "best" in caught.value.reason


def test_a_drill_with_an_unknown_topic_is_refused(tmp_path: Path) -> None:
    text = (
        "[d]\ntopic='weather'\nsituation='s'\n"
        "options=[{text='a',why='w',best=true},{text='b',why='w'}]\n"
    )
    with pytest.raises(ContentError) as caught:
        packs.drills("en", write_pack(tmp_path, "drills", text))
    assert caught.value.key == "d.topic"


def test_a_role_play_with_a_loop_is_refused(tmp_path: Path) -> None:
    text = """
[p]
title = "t"
setting = "s"
lesson = "l"
start = "a"
heat = 50
[p.steps.a]
customer = "c"
replies = [{text="x", note="n", heat=5, next="b"}, {text="y", note="n", heat=5, next="end"}]
[p.steps.b]
customer = "c"
replies = [{text="x", note="n", heat=5, next="a"}, {text="y", note="n", heat=5, next="end"}]
[p.steps.end]
customer = "c"
outcome = "o"
"""
    with pytest.raises(ContentError) as caught:
        packs.roleplays("en", write_pack(tmp_path, "roleplays", text))
    assert caught.value.key == "p" and "loop" in caught.value.reason


def test_a_role_play_heat_out_of_range_is_refused(tmp_path: Path) -> None:
    text = (
        "[p]\ntitle='t'\nsetting='s'\nlesson='l'\nstart='a'\nheat=150\n"
        "[p.steps.a]\ncustomer='c'\noutcome='o'\n"
    )
    with pytest.raises(ContentError) as caught:
        packs.roleplays("en", write_pack(tmp_path, "roleplays", text))
    assert caught.value.key == "p.heat"


@pytest.mark.parametrize("lang", LANGS)
def test_a_customer_in_danger_is_met_with_a_line_to_call(lang: str) -> None:
    """The crisis example and drill must give real numbers, not only kind words."""
    example = {e.id: e for e in packs.reply_guide(lang).examples}["self_harm"]
    assert "12356" in example.solution and "120" in example.solution
    drill = {d.id: d for d in packs.drills(lang)}["crisis_customer"]
    assert "12356" in drill.options[drill.best_index].text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_first_drill_ever_dealt_is_never_a_customer_in_danger(lang: str) -> None:
    import random

    from companion.core.drills import next_drill

    drills = packs.drills(lang)
    firsts = {next_drill(drills, [], random.Random(seed)).topic for seed in range(300)}
    assert "crisis" not in firsts and len(firsts) > 3
