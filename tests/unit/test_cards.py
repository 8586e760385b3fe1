"""Card draws: seeded, every card once before any comes again, kept across sessions."""

from __future__ import annotations

import itertools
import random

import pytest

from companion.core.cards import Deck

IDS = [f"card{i}" for i in range(12)]


def test_a_seeded_deck_draws_the_same_cards() -> None:
    first = Deck(IDS, random.Random(7))
    second = Deck(IDS, random.Random(7))
    assert [first.draw() for _ in range(30)] == [second.draw() for _ in range(30)]


def test_no_card_repeats_until_the_deck_is_used_up() -> None:
    deck = Deck(IDS, random.Random(1))
    for _round in range(5):
        drawn = [deck.draw() for _ in IDS]
        assert sorted(drawn) == sorted(IDS)
        assert deck.remaining == 0


@pytest.mark.parametrize("seed", range(40))
def test_the_last_card_never_opens_the_next_round(seed: int) -> None:
    deck = Deck(IDS[:3], random.Random(seed))
    drawn = [deck.draw() for _ in range(30)]
    assert all(a != b for a, b in itertools.pairwise(drawn))


def test_a_single_card_deck_keeps_drawing_it() -> None:
    deck = Deck(["only"], random.Random(0))
    assert [deck.draw() for _ in range(3)] == ["only"] * 3


def test_the_state_carries_a_deck_across_sessions_without_repeats() -> None:
    deck = Deck(IDS, random.Random(3))
    before = [deck.draw() for _ in range(5)]
    later = Deck(IDS, random.Random(99), state=deck.state())
    after = [later.draw() for _ in range(7)]
    assert sorted(before + after) == sorted(IDS)


@pytest.mark.parametrize(
    "state",
    [
        {"order": IDS[:-1], "position": 0},  # a card was added to the content since
        {"order": IDS, "position": 99},
        {"order": "nonsense", "position": 0},
        {},
    ],
)
def test_a_state_that_no_longer_fits_starts_a_fresh_shuffle(state: dict) -> None:
    deck = Deck(IDS, random.Random(5), state=state)
    assert sorted(deck.draw() for _ in IDS) == sorted(IDS)


def test_a_deck_needs_unique_cards() -> None:
    with pytest.raises(ValueError):
        Deck([], random.Random())
    with pytest.raises(ValueError):
        Deck(["a", "a"], random.Random())
