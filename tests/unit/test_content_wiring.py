"""The new content, wired: counts per language through the typed loaders, break ideas
that fit the pause, the evening's ideas, the body scan's timing from one start instant,
a poker hand of three, breathing cues and the hold caution, and poker rounds that keep
their hand through an export."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest

from companion.core.activities import (
    AFTER_WORK_KINDS,
    LENGTHS,
    activities_from,
    after_work_from,
    fits,
    ideas_for,
    suggestion_order,
)
from companion.core.body_scan import scan_at
from companion.core.poker import Hand, deal
from companion.packs import practice as practice_packs
from companion.packs.calm import breathing_catalog
from companion.packs.routine import energy
from companion.services.journal.export import export_json
from companion.services.journal.importing import read_file
from companion.store.practice_records import PokerRound
from companion.system.content import ContentError, content_root, load_pack

LANGS = ["en", "zh"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_counts_the_issue_asks_for(lang: str) -> None:
    guide = practice_packs.reply_guide(lang)
    assert len(guide.examples) >= 20 and all(e.follow_up for e in guide.examples)
    assert [part for part, _ in guide.shape] == ["buffer", "explain", "solution", "follow_up"]
    assert len(guide.listening) == 3 and guide.listening_title
    assert len(practice_packs.roleplays(lang)) >= 15
    ideas = activities_from(load_pack(lang, "activities"))
    assert len(ideas) >= 80 and all(idea.length in LENGTHS for idea in ideas)
    assert len(energy(lang).pep) >= 20
    assert sum(energy(lang).seconds) == 300


def test_english_and_chinese_have_the_same_ids_where_the_app_reads_them() -> None:
    def ids(lang: str) -> list[object]:
        guide = practice_packs.reply_guide(lang)
        return [
            [e.id for e in guide.examples],
            [p.id for p in practice_packs.roleplays(lang)],
            [(a.group, a.id, a.length) for a in activities_from(load_pack(lang, "activities"))],
            [(a.id, a.kind) for a in after_work_from(load_pack(lang, "activities"))],
            list(energy(lang).seconds),
            len(energy(lang).pep),
        ]

    assert ids("zh") == ids("en")


# -- break ideas that fit the pause ------------------------------------------------------
def test_a_ten_minute_break_offers_every_idea_and_a_micro_pause_the_short_ones() -> None:
    ideas = activities_from(load_pack("en", "activities"))
    assert ideas_for(ideas, 600) == ideas
    short = ideas_for(ideas, 20)
    assert short and all(idea.length == "20s" for idea in short)
    five = ideas_for(ideas, 300)
    assert {idea.length for idea in five} == {"20s", "2m"}
    assert fits("", 1)  # an idea that does not say how long it takes fits anywhere
    assert ideas_for(ideas, 15) == short  # shorter than any idea: the shortest ones


def test_the_evening_ideas_come_one_kind_at_a_time() -> None:
    evening = after_work_from(load_pack("zh", "activities"))
    assert len(evening) >= 10 and {idea.kind for idea in evening} == set(AFTER_WORK_KINDS)
    order = suggestion_order(evening, seed=7, by=lambda idea: idea.kind)
    assert sorted(order, key=lambda i: i.id) == sorted(evening, key=lambda i: i.id)
    first_five = [idea.kind for idea in order[:5]]
    assert len(set(first_five)) == 5  # every kind before any comes round again
    assert order == suggestion_order(evening, seed=7, by=lambda idea: idea.kind)


# -- the body scan -------------------------------------------------------------------------
def test_the_body_scan_is_timed_from_its_start() -> None:
    steps = energy("en").seconds  # 20, 30, 30 ...
    assert scan_at(steps, 0).index == 0 and scan_at(steps, 0).seconds_shown == 20
    at = scan_at(steps, 19.25)
    assert (at.index, at.seconds_shown) == (0, 1) and at.until_change() == pytest.approx(0.75)
    assert scan_at(steps, 20).index == 1  # the step changes exactly on time
    assert scan_at(steps, 299.999).done is False and scan_at(steps, 299.999).index == 9
    end = scan_at(steps, 300)
    assert end.done and end.total_left == 0 and end.until_change() == float("inf")
    assert scan_at(steps, 10_000).done and scan_at(steps, -5).index == 0


def test_a_broken_body_scan_step_is_refused_with_its_key(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(content_root(), root)
    path = root / "en" / "energy.toml"
    path.write_text(path.read_text("utf-8").replace("seconds = 20", "seconds = 0", 1), "utf-8")
    with pytest.raises(ContentError, match=r"body_scan\.steps\[0\]\.seconds"):
        energy("en", root)


# -- a poker hand ------------------------------------------------------------------------
def test_a_hand_has_a_card_from_each_deck() -> None:
    drawn: list[str] = []

    def draw(deck: str, ids: object) -> str:
        drawn.append(deck)
        return {"situations": "late_parcel", "traps": "labelling", "sides": "product"}[deck]

    hand = deal(
        draw, ["late_parcel"], ["labelling"], [("customer", 3), ("product", 3)], lambda n: 2
    )
    assert hand == Hand("late_parcel", "labelling", "product", 2)
    assert sorted(drawn) == ["sides", "situations", "traps"]


def test_every_hand_deals_all_cards_before_any_comes_again(home: Path, clock) -> None:
    from companion.services.container import build_services

    practice = build_services(home=home, clock=clock, env={}).practice
    practice.rng = random.Random(4)
    traps = [trap.id for trap in practice_packs.traps("en")]
    sides = [(side.id, len(side.prompts)) for side in practice_packs.perspectives("en")]
    situations = [card.id for card in practice_packs.situations("en")]
    hands = [practice.deal(situations, traps, sides) for _ in range(len(traps))]
    assert sorted(hand.trap for hand in hands) == sorted(traps)
    assert all(0 <= hand.prompt < 3 for hand in hands)


def test_a_poker_round_keeps_its_hand_through_an_export(clock) -> None:
    now = clock.now()
    played = PokerRound(
        id="r1",
        created_at=now,
        updated_at=now,
        card_id="late_parcel",
        trap="labelling",
        side="product",
        reframe="They need the parcel, not a fight.",
        seconds=41,
        rating=2,
    )
    back = read_file(export_json([], now, poker_rounds=[played]).encode(), now.tzinfo)
    assert back.poker_rounds == [played]
    old = json.loads(export_json([], now, poker_rounds=[played]))
    for field in ("trap", "side"):
        del old["poker_rounds"][0][field]  # a round from before hands
    (before,) = read_file(json.dumps(old).encode(), now.tzinfo).poker_rounds
    assert (before.card_id, before.trap, before.side) == ("late_parcel", "", "")


# -- breathing ---------------------------------------------------------------------------
@pytest.mark.parametrize(("lang", "nose", "mouth"), [("en", "nose", "mouth"), ("zh", "鼻", "嘴")])
def test_4_7_8_says_nose_and_mouth_and_holds_bring_the_caution(lang, nose, mouth) -> None:
    catalog = breathing_catalog(lang)
    four = catalog.get("4-7-8")
    assert nose in four.cue("inhale") and mouth in four.cue("exhale") and four.holds
    assert not catalog.get("coherent").holds and catalog.get("coherent").cue("inhale") == ""
    assert catalog.get("cyclic-sigh").cue("top_up")


def test_a_cue_for_a_phase_the_pattern_does_not_have_is_refused() -> None:
    from companion.packs.calm import _pattern

    entry = {
        "id": "x",
        "name": "x",
        "rounds": 4,
        "when": "now",
        "phases": [{"kind": "inhale", "seconds": 4}, {"kind": "exhale", "seconds": 4}],
        "cues": {"hold_out": "hold"},
    }
    with pytest.raises(ContentError, match=r"pattern\[0\]\.cues"):
        _pattern(entry, "pattern[0]", Path("breathing.toml"))
    entry["cues"] = {"exhale": "out through the mouth"}
    assert _pattern(entry, "pattern[0]", Path("breathing.toml")).cue("exhale")
